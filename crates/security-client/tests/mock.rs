//! `MockTransport`, the transport for users' own tests: what it records and what it answers.

use security_client::mock::MockTransport;
use security_client::{Credentials, RequestTimeout, SecurityClient, TransportErrorKind};
use std::future::IntoFuture;
use std::time::Duration;

fn block_on<F: IntoFuture>(request: F) -> F::Output {
    futures::executor::block_on(request.into_future())
}

#[test]
fn answers_in_order_and_records_every_request() {
    let mock = MockTransport::new()
        .json(200, r#"{"created": true}"#)
        .json(
            404,
            r#"{"error":{"type":"resource_not_found_exception","reason":"no"},"status":404}"#,
        )
        .fail(TransportErrorKind::Timeout, "took too long");
    let client = SecurityClient::new("http://es.local:9200", mock.clone())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));

    assert!(
        block_on(client.put_user("jacknich").password("l0ng-p@ss"))
            .unwrap()
            .created
    );
    assert!(block_on(client.delete_user("ghost"))
        .unwrap_err()
        .is_not_found());
    assert!(block_on(client.authenticate()).unwrap_err().is_timeout());
    assert_eq!(mock.remaining(), 0);
    // Used up, without a fallback: a transport error that says so.
    let err = block_on(client.authenticate()).unwrap_err();
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Other));
    assert!(err.to_string().contains("no scripted answer left"), "{err}");

    let seen = mock.requests();
    assert_eq!(seen.len(), 4);
    assert_eq!(seen[0].method(), "PUT");
    assert_eq!(
        seen[0].uri(),
        "http://es.local:9200/_security/user/jacknich"
    );
    assert_eq!(seen[0].body(), br#"{"password":"l0ng-p@ss"}"#);
    assert_eq!(
        seen[0].headers()["authorization"],
        "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="
    );
    assert_eq!(seen[1].method(), "DELETE");
    assert_eq!(seen[1].uri().path(), "/_security/user/ghost");
    assert_eq!(seen[1].extensions().get::<RequestTimeout>(), None);
}

#[test]
fn records_the_extensions_a_request_carries() {
    let mock = MockTransport::new().json(200, "{}");
    let client = SecurityClient::new("http://es.local:9200", mock.clone()).unwrap();
    block_on(
        client
            .enable_user("jacknich")
            .request_timeout(Duration::from_secs(3)),
    )
    .unwrap();
    let seen = mock.requests();
    assert_eq!(
        seen[0].extensions().get::<RequestTimeout>(),
        Some(&RequestTimeout(Duration::from_secs(3)))
    );
}

#[test]
fn a_fallback_answers_once_the_script_is_used_up() {
    let mock = MockTransport::new().fallback_json(200, "{}");
    let client = SecurityClient::new("http://es.local:9200", mock.clone()).unwrap();
    for _ in 0..3 {
        block_on(client.enable_user("jacknich")).unwrap();
    }
    assert_eq!(mock.requests().len(), 3);
    // Clones share the record.
    assert_eq!(client.transport().requests().len(), 3);
}
