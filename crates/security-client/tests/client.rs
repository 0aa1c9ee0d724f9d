//! The client over a closure transport: what it sends, what it returns, how errors surface.

use security_client::{Credentials, Error, SecurityClient};
use std::future::IntoFuture;
use std::sync::{Arc, Mutex};

/// Runs a request (anything `.await`-able) to completion.
fn block_on<F: IntoFuture>(request: F) -> F::Output {
    futures::executor::block_on(request.into_future())
}

type Seen = Arc<Mutex<Vec<http::Request<Vec<u8>>>>>;

/// A client whose transport records each request and answers `status` + `body` as ES would.
fn client(
    status: u16,
    body: &'static str,
) -> (SecurityClient<impl security_client::Transport + Sync>, Seen) {
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let transport = move |req: http::Request<Vec<u8>>| {
        log.lock().unwrap().push(req);
        async move {
            Ok::<_, std::io::Error>(
                http::Response::builder()
                    .status(status)
                    .header("x-elastic-product", "Elasticsearch")
                    .body(body.as_bytes().to_vec())
                    .unwrap(),
            )
        }
    };
    let client = SecurityClient::new("http://es.local:9200/", transport)
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    (client, seen)
}

#[test]
fn a_call_sends_the_request_and_decodes_the_answer() {
    let (client, seen) = client(200, r#"{"created":true}"#);
    let created = block_on(
        client
            .put_user("jacknich")
            .password("l0ng-p@ss")
            .roles(["admin"]),
    )
    .unwrap();
    assert!(created.created);
    let seen = seen.lock().unwrap();
    let req = &seen[0];
    assert_eq!(req.method(), "PUT");
    assert_eq!(req.uri(), "http://es.local:9200/_security/user/jacknich");
    assert_eq!(
        req.headers()["authorization"],
        "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="
    );
    assert_eq!(req.body(), br#"{"password":"l0ng-p@ss","roles":["admin"]}"#);
}

#[test]
fn credentials_can_be_swapped_at_runtime() {
    let (client, seen) = client(200, "{}");
    client.set_credentials(Some(Credentials::bearer("tok")));
    let _ = block_on(client.get_user());
    assert_eq!(
        seen.lock().unwrap()[0].headers()["authorization"],
        "Bearer tok"
    );
    assert!(!format!("{client:?}").contains("tok\""), "{client:?}");
}

#[test]
fn elasticsearch_errors_are_typed() {
    let (client, _) = client(
        401,
        r#"{"error":{"root_cause":[{"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_security/_authenticate]","header":{"WWW-Authenticate":"Basic realm=\"security\" charset=\"UTF-8\""}}],"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_security/_authenticate]"},"status":401}"#,
    );
    let err = block_on(client.authenticate()).unwrap_err();
    let api = err.api().expect("an ES error");
    assert!(api.is_unauthorized());
    assert_eq!(api.error_type.as_deref(), Some("security_exception"));
    assert_eq!(api.root_cause[0].error_type, "security_exception");
    assert_eq!(err.status(), Some(401));
}

#[test]
fn raw_escape_hatches() {
    let (client, seen) = client(
        200,
        r#"{"total":1,"count":1,"users":[{"username":"jacknich"}]}"#,
    );
    let answer = block_on(
        client
            .raw_request(http::Method::POST, "/_security/_query/user")
            .query("with_profile_uid", true)
            .body(serde_json::json!({"query": {"prefix": {"username": "j"}}})),
    )
    .unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json::<serde_json::Value>().unwrap()["count"], 1);
    assert_eq!(
        seen.lock().unwrap()[0].uri(),
        "http://es.local:9200/_security/_query/user?with_profile_uid=true"
    );

    let raw = block_on(client.get_user().username("jacknich").raw()).unwrap();
    assert!(raw.text().contains("jacknich"));
}

#[test]
fn transport_errors_are_wrapped() {
    let transport = |_req: http::Request<Vec<u8>>| async {
        Err::<http::Response<Vec<u8>>, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "refused",
        ))
    };
    let client = SecurityClient::new("http://127.0.0.1:1", transport).unwrap();
    let err = block_on(client.authenticate()).unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(err.to_string().contains("refused"));
}
