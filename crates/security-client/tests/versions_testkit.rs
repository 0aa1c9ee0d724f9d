//! Version errors end to end, over the native transport, against the test server pretending to
//! be Elasticsearch 8.14 or 9.5: refused before sending when the client knows the version (the
//! server sees nothing), read from the server's refusal when it does not.
#![cfg(all(feature = "native-transport", not(target_arch = "wasm32")))]

use security_client::native::NativeTransport;
use security_client::{Credentials, Error, NeedsNewerServer, SecurityClient, Transport, Version};
use security_testkit::{Config, EsVersion, TestServer};
use std::sync::{Arc, Mutex};

type Sent = Arc<Mutex<Vec<String>>>;

/// A test server of `version` and a client over the native transport that records the path of
/// every request it sends.
async fn setup(
    version: EsVersion,
) -> (
    TestServer,
    SecurityClient<impl Transport + Send + Sync + 'static>,
    Sent,
) {
    let server = TestServer::start(
        Config::default()
            .elastic_password("pw-123456")
            .es_version(version),
    )
    .await
    .unwrap();
    let native = NativeTransport::new(&server.url()).unwrap();
    let sent: Sent = Arc::default();
    let log = sent.clone();
    let transport = move |request: http::Request<Vec<u8>>| {
        log.lock().unwrap().push(request.uri().path().to_owned());
        let native = native.clone();
        async move { native.send(request).await }
    };
    let client = SecurityClient::new(server.url(), transport)
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "pw-123456"));
    (server, client, sent)
}

#[track_caller]
fn needs_newer<T: std::fmt::Debug>(result: Result<T, Error>) -> NeedsNewerServer {
    match result {
        Err(Error::NeedsNewerServer(e)) => *e,
        other => panic!("expected NeedsNewerServer, got {other:?}"),
    }
}

fn taken(sent: &Sent) -> Vec<String> {
    std::mem::take(&mut *sent.lock().unwrap())
}

#[tokio::test]
async fn a_known_8_14_server_is_sent_nothing_it_cannot_answer() {
    let (_server, client, sent) = setup(EsVersion::V8_14).await;
    let info = client.info().await.unwrap();
    assert_eq!(info.version.number, "8.14.3");
    assert_eq!(client.server_version(), Some(Version::new(8, 14, 3)));
    assert_eq!(taken(&sent), ["/"]);

    let e = needs_newer(client.query_role().await);
    assert_eq!(
        (e.endpoint, e.parameter, e.since, e.server),
        (
            "security.query_role",
            None,
            Version::new(8, 15, 0),
            Some(Version::new(8, 14, 3))
        )
    );
    let e = needs_newer(client.bulk_delete_role(["r1"]).await);
    assert_eq!(e.since, Version::new(8, 15, 0));
    let e = needs_newer(
        client
            .put_role("analyst")
            .cluster(["monitor"])
            .description("reads")
            .await,
    );
    assert_eq!(e.parameter, Some("description"));
    assert_eq!(
        e.to_string(),
        "`description` of security.put_role needs Elasticsearch 8.15.0 or newer; the cluster runs 8.14.3 (nothing was sent)"
    );
    let e = needs_newer(client.get_role().include_implicit(true).await);
    assert_eq!(
        (e.parameter, e.since),
        (Some("include_implicit"), Version::new(9, 5, 0))
    );
    assert!(
        taken(&sent).is_empty(),
        "refused calls must not reach the server"
    );

    // What 8.14 has is sent and answered.
    client
        .put_role("analyst")
        .cluster(["monitor"])
        .await
        .unwrap();
    client.query_user().await.unwrap();
    assert_eq!(
        taken(&sent),
        ["/_security/role/analyst", "/_security/_query/user"]
    );
}

#[tokio::test]
async fn an_8_14_server_of_unknown_version_refuses_and_the_error_says_why() {
    let (_server, client, sent) = setup(EsVersion::V8_14).await;
    assert_eq!(client.server_version(), None);

    // A route it does not have: 400 no handler found.
    let e = needs_newer(client.query_role().await);
    assert_eq!(e.endpoint, "security.query_role");
    assert_eq!(e.parameter, None);
    assert_eq!(e.since, Version::new(8, 15, 0));
    assert_eq!(e.server, None);
    let refusal = e.refusal.expect("the server's answer is kept");
    assert_eq!(refusal.status, 400);
    assert!(
        refusal
            .reason
            .as_deref()
            .unwrap()
            .starts_with("no handler found for uri [/_security/_query/role]"),
        "{refusal:?}"
    );

    // A path it has with other methods: 405.
    let e = needs_newer(client.bulk_delete_role(["r1"]).await);
    assert_eq!(e.since, Version::new(8, 15, 0));
    assert_eq!(e.refusal.unwrap().status, 405);

    // A body field it does not know.
    let e = needs_newer(
        client
            .put_role("analyst")
            .cluster(["monitor"])
            .description("reads")
            .await,
    );
    assert_eq!(e.parameter, Some("description"));
    assert_eq!(e.since, Version::new(8, 15, 0));
    assert!(e.to_string().contains("the server refused it: 400"), "{e}");

    // A query parameter it does not know.
    let e = needs_newer(client.get_role().include_implicit(true).await);
    assert_eq!(e.parameter, Some("include_implicit"));
    assert_eq!(e.since, Version::new(9, 5, 0));
    let refusal = e.refusal.unwrap();
    assert_eq!(
        refusal.error_type.as_deref(),
        Some("illegal_argument_exception")
    );

    // All four were sent: the version was not known.
    assert_eq!(
        taken(&sent),
        [
            "/_security/_query/role",
            "/_security/role",
            "/_security/role/analyst",
            "/_security/role"
        ]
    );
}

#[tokio::test]
async fn a_9_5_server_gets_the_newer_calls() {
    let (_server, client, sent) = setup(EsVersion::V9_5).await;
    assert_eq!(
        client.learn_server_version().await.unwrap(),
        Some(Version::new(9, 5, 0))
    );
    client
        .put_role("analyst")
        .cluster(["monitor"])
        .description("reads")
        .await
        .unwrap();
    let roles = client.query_role().await.unwrap();
    assert!(roles.total >= 1, "{roles:?}");
    client.bulk_delete_role(["analyst"]).await.unwrap();
    assert_eq!(
        taken(&sent),
        [
            "/",
            "/_security/role/analyst",
            "/_security/_query/role",
            "/_security/role"
        ]
    );
}

#[tokio::test]
async fn compatible_with_9_is_accepted_by_9_5() {
    let (_server, client, _) = setup(EsVersion::V9_5).await;
    let client = client.compatible_with(9);
    let me = client.authenticate().await.unwrap();
    assert_eq!(me.username, "elastic");
}
