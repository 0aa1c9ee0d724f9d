//! The client in serverless mode: the serverless headers on what it sends, calls serverless
//! projects do not have refused with nothing sent, private ones sent after an opt-in on the
//! request or the client.

use security_client::mock::MockTransport;
use security_client::{Credentials, Error, SecurityClient};
use std::future::IntoFuture;

fn block_on<F: IntoFuture>(request: F) -> F::Output {
    futures::executor::block_on(request.into_future())
}

/// A serverless client (with an API key) whose transport records each request and answers
/// every one with a `has_privileges` answer.
fn client() -> (SecurityClient<MockTransport>, MockTransport) {
    let mock = MockTransport::new().fallback_json(
        200,
        r#"{"cluster":{"monitor":true},"has_all_requested":true,"username":"k","application":{},"index":{}}"#,
    );
    let client = SecurityClient::new("https://project.es.example.cloud", mock.clone())
        .unwrap()
        .serverless()
        .with_credentials(Credentials::api_key("id", "key"));
    (client, mock)
}

#[test]
fn a_serverless_client_sends_the_serverless_headers() {
    let (client, seen) = client();
    assert!(client.is_serverless());
    assert!(client.clone().is_serverless(), "shared by clones");
    block_on(client.has_privileges().cluster(["monitor"])).unwrap();
    let seen = seen.requests();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(request.headers()["accept"], "application/json");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.headers()["elastic-api-version"], "2023-10-31");
    assert!(request.headers()["authorization"]
        .to_str()
        .unwrap()
        .starts_with("ApiKey "));
}

#[test]
fn unavailable_and_private_calls_send_nothing() {
    let (client, seen) = client();
    match block_on(client.get_user()) {
        Err(Error::NotOnServerless(e)) => {
            assert_eq!(e.endpoint, "security.get_user");
            assert!(!e.private);
            assert!(e.to_string().contains("not available on serverless"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    match block_on(client.get_user_privileges()) {
        Err(Error::NotOnServerless(e)) => assert!(e.private, "{e}"),
        other => panic!("{other:?}"),
    }
    assert!(seen.requests().is_empty(), "nothing was sent");

    // The opt-in on the request sends it; on the client, every private call.
    let _ = block_on(client.get_user_privileges().elastic_internal(true));
    assert_eq!(seen.requests().len(), 1);
    let internal = client.clone().elastic_internal(true);
    let _ = block_on(internal.get_user_privileges());
    assert_eq!(seen.requests().len(), 2);
    // The opt-in never makes an endpoint serverless projects lack exist.
    assert!(matches!(
        block_on(internal.get_user()),
        Err(Error::NotOnServerless(_))
    ));
    assert_eq!(seen.requests().len(), 2);
}
