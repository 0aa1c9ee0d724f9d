//! Against a real cluster when `ES_URL` is set (e.g. `https://localhost:9200`), with
//! `ES_USERNAME`/`ES_PASSWORD` or `ES_API_KEY` (the `encoded` value), and for TLS one of
//! `ES_CA_FINGERPRINT` (as Elasticsearch printed it) or `ES_CA_CERT` (a PEM file). Otherwise
//! skipped with a printed notice.
#![cfg(not(target_arch = "wasm32"))]

use security_core::{Credentials, Endpoint};
use transport_native::NativeTransport;

/// Prints the notice to stderr directly: the test harness captures `println!`.
fn skipped(why: &str) {
    use std::io::Write;
    // One write: `writeln!` on unbuffered stderr writes its pieces one by one, and a test
    // harness line printed meanwhile lands inside the notice (scripts/test.sh reads it).
    let _ = std::io::stderr().write_all(format!("SKIPPED: {why}\n").as_bytes());
}

struct Live {
    transport: NativeTransport,
    credentials: Option<Credentials>,
}

fn live() -> Option<Live> {
    let Ok(url) = std::env::var("ES_URL") else {
        skipped("ES_URL is not set");
        return None;
    };
    let mut builder = NativeTransport::builder().node(url);
    if let Ok(fingerprint) = std::env::var("ES_CA_FINGERPRINT") {
        builder = builder.ca_fingerprint(fingerprint);
    }
    if let Ok(path) = std::env::var("ES_CA_CERT") {
        builder = builder.ca_certificate_pem(std::fs::read(&path).expect("ES_CA_CERT is readable"));
    }
    let credentials = match (
        std::env::var("ES_API_KEY"),
        std::env::var("ES_USERNAME"),
        std::env::var("ES_PASSWORD"),
    ) {
        (Ok(key), _, _) => Some(Credentials::api_key_encoded(key)),
        (_, Ok(user), Ok(password)) => Some(Credentials::basic(user, password)),
        _ => None,
    };
    Some(Live {
        transport: builder.build().expect("the ES_* settings make a transport"),
        credentials,
    })
}

#[tokio::test]
async fn authenticate_against_the_cluster() {
    let Some(live) = live() else { return };
    let base = live.transport.base_url().clone();
    let request = security_core::users::Authenticate::new()
        .to_http_request(&base, live.credentials.as_ref())
        .unwrap();
    let response = live
        .transport
        .send(request)
        .await
        .expect("the cluster answers");
    assert!(response.headers().contains_key("x-elastic-product"));
    let me = security_core::users::Authenticate::decode(response).expect("authenticated");
    assert!(!me.username.is_empty());
    println!("authenticated as {}", me.username);
}

#[tokio::test]
async fn wrong_credentials_are_a_typed_401() {
    let Some(live) = live() else { return };
    let base = live.transport.base_url().clone();
    let request = security_core::users::Authenticate::new()
        .to_http_request(
            &base,
            Some(&Credentials::basic("no-such-user", "wrong-password")),
        )
        .unwrap();
    let response = live
        .transport
        .send(request)
        .await
        .expect("the cluster answers");
    let err = security_core::users::Authenticate::decode(response).unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
}

#[tokio::test]
async fn a_wrong_fingerprint_is_refused_by_a_tls_cluster() {
    let Some(live) = live() else { return };
    if !live.transport.base_url().as_str().starts_with("https://") {
        skipped("ES_URL is not https");
        return;
    }
    let transport = NativeTransport::builder()
        .node(live.transport.base_url().as_str())
        .ca_fingerprint("00".repeat(32))
        .max_retries(0)
        .build()
        .unwrap();
    let base = transport.base_url().clone();
    let request = security_core::users::Authenticate::new()
        .to_http_request(&base, live.credentials.as_ref())
        .unwrap();
    let err = transport.send(request).await.unwrap_err();
    assert!(err.is_tls(), "{err:?}");
}
