//! A client is cheap to clone and shares its transport; requests, their futures and the API-key
//! stream are `'static`; a client for another identity shares the transport; `BoxTransport`
//! chooses a transport at run time.
#![cfg(not(target_arch = "wasm32"))]

use security_client::mock::MockTransport;
use security_client::{BoxTransport, Credentials, SecurityClient, Transport};
use std::future::{Future, IntoFuture};

/// A transport that records each request (shared by every clone of the client) and answers
/// `body` as Elasticsearch would, to every request.
fn recording(body: &str) -> MockTransport {
    MockTransport::new().fallback_json(200, body)
}

fn authorization(mock: &MockTransport, i: usize) -> String {
    mock.requests()[i].headers()["authorization"]
        .to_str()
        .unwrap()
        .to_owned()
}

const WHO: &str = r#"{"username":"u","roles":[],"full_name":null,"email":null,"metadata":{},"enabled":true,
    "authentication_realm":{"name":"r","type":"native"},"lookup_realm":{"name":"r","type":"native"},
    "authentication_type":"realm"}"#;

fn is_clone_send_sync<T: Clone + Send + Sync + 'static>(_: &T) {}

#[test]
fn clones_share_the_transport_and_the_credentials_slot() {
    let seen = recording(WHO);
    let client = SecurityClient::new("http://es.local:9200", seen.clone())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    is_clone_send_sync(&client);
    let clone = client.clone();
    futures::executor::block_on(clone.authenticate().into_future()).unwrap();
    // A refresher swapping the credentials on one clone swaps them for all.
    clone.set_credentials(Some(Credentials::bearer("fresh")));
    futures::executor::block_on(client.authenticate().into_future()).unwrap();
    assert_eq!(authorization(&seen, 0), "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");
    assert_eq!(authorization(&seen, 1), "Bearer fresh");
    assert_eq!(client.credentials(), Some(Credentials::bearer("fresh")));
}

#[test]
fn another_identity_shares_the_transport_but_not_the_credentials() {
    let seen = recording(WHO);
    let admin = SecurityClient::new("http://es.local:9200", seen.clone())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    let user = admin.with_identity(Credentials::basic("jacknich", "pw"));
    // `with_credentials` on a clone also leaves the original alone.
    let key = admin
        .clone()
        .with_credentials(Credentials::api_key("id", "secret"));
    for client in [&user, &admin, &key] {
        futures::executor::block_on(client.authenticate().into_future()).unwrap();
    }
    user.set_credentials(None);
    futures::executor::block_on(user.authenticate().into_future()).unwrap();
    futures::executor::block_on(admin.authenticate().into_future()).unwrap();

    // One transport saw every request.
    assert_eq!(seen.requests().len(), 5);
    assert_eq!(authorization(&seen, 0), "Basic amFja25pY2g6cHc=");
    assert_eq!(authorization(&seen, 1), "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");
    assert_eq!(authorization(&seen, 2), "ApiKey aWQ6c2VjcmV0");
    assert!(!seen.requests()[3].headers().contains_key("authorization"));
    assert_eq!(authorization(&seen, 4), "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");
    assert!(std::ptr::eq(user.transport(), admin.transport()));
}

/// A request future made from a borrowed client, returned past the client's life.
fn who_am_i<T>(
    client: &SecurityClient<T>,
) -> impl Future<Output = Result<security_client::users::AuthenticateResponse, security_client::Error>>
       + Send
       + 'static
where
    T: Transport + Send + Sync + 'static,
{
    client.authenticate().into_future()
}

#[test]
fn request_futures_are_static_and_can_be_spawned() {
    let seen = recording(WHO);
    let future = {
        let client = SecurityClient::new("http://es.local:9200", seen.clone()).unwrap();
        who_am_i(&client)
        // the client is dropped here; the future holds its own clone
    };
    let me = std::thread::spawn(move || futures::executor::block_on(future))
        .join()
        .unwrap()
        .unwrap();
    assert_eq!(me.username, "u");

    // A bound request (not yet a future) can be stored and sent later, elsewhere.
    let empty = recording("{}");
    let client = SecurityClient::new("http://es.local:9200", empty.clone()).unwrap();
    let request = client.get_user().username(["a"]);
    drop(client);
    let users = std::thread::spawn(move || futures::executor::block_on(request.into_future()))
        .join()
        .unwrap()
        .unwrap();
    assert!(users.is_empty());
    assert_eq!(seen.requests().len(), 1);
    assert_eq!(empty.requests().len(), 1);
}

#[cfg(feature = "api-keys")]
#[test]
fn the_api_key_stream_is_static_and_can_be_spawned() {
    use futures::TryStreamExt;
    use security_client::api_keys::QueryApiKeys;

    let seen = MockTransport::new().json(
        200,
        r#"{"total":1,"count":1,"api_keys":[{"id":"k1","name":"n","creation":1,
        "invalidated":false,"username":"u","realm":"native1","_sort":[1,0]}]}"#,
    );
    let stream = {
        let client = SecurityClient::new("http://es.local:9200", seen.clone()).unwrap();
        client
            .query_api_keys_stream(QueryApiKeys::new())
            .page_size(10)
    };
    let keys: Vec<_> =
        std::thread::spawn(move || futures::executor::block_on(stream.try_collect::<Vec<_>>()))
            .join()
            .unwrap()
            .unwrap();
    assert_eq!(keys.len(), 1);
    assert_eq!(keys[0].id, "k1");
    // A short page (1 < 10) ends the stream: one request (a second would find no answer).
    assert_eq!(seen.requests().len(), 1);
}

#[test]
fn a_transport_chosen_at_run_time_is_one_type() {
    let seen = recording(WHO);
    let failing = |_req: http::Request<Vec<u8>>| async {
        Err::<http::Response<Vec<u8>>, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "refused",
        ))
    };
    for use_recording in [true, false] {
        let transport = if use_recording {
            BoxTransport::new(seen.clone())
        } else {
            BoxTransport::new(failing)
        };
        let client: SecurityClient<BoxTransport> =
            SecurityClient::new(String::from("http://es.local:9200"), transport).unwrap();
        let answer = futures::executor::block_on(client.authenticate().into_future());
        if use_recording {
            assert_eq!(answer.unwrap().username, "u");
        } else {
            let err = answer.unwrap_err();
            assert!(
                matches!(err, security_client::Error::Transport(_)),
                "{err:?}"
            );
            assert!(err.to_string().contains("refused"), "{err}");
        }
    }
    assert_eq!(seen.requests().len(), 1);
}
