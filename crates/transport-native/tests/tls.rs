//! TLS against HTTPS servers on 127.0.0.1 with a CA generated in the test: custom CA,
//! fingerprint pinning (right, wrong, forged chain), no trust, client certificates, the
//! development opt-out.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{request, server_config, server_config_with_client_auth, Ca, Recorded, Reply, Server};
use http::Method;
use rcgen::ExtendedKeyUsagePurpose::{ClientAuth, ServerAuth};
use transport_native::{Error, NativeTransport};

const OK: &str = r#"{"ok":true}"#;

/// An HTTPS server with a certificate for `names` issued by `ca`, sending [leaf, CA].
async fn https_server(ca: &Ca, names: &[&str]) -> Server {
    let (leaf, key) = ca.issue(names, ServerAuth);
    Server::start_tls(
        server_config(vec![leaf.der().clone(), ca.der()], &key),
        |_: &Recorded, _| Reply::es(200, OK),
    )
    .await
}

fn builder(server: &Server) -> transport_native::Builder {
    // https://127.0.0.1:port; the certificates name localhost and 127.0.0.1.
    NativeTransport::builder().node(&server.url).max_retries(0)
}

async fn get(transport: &NativeTransport) -> Result<http::Response<Vec<u8>>, Error> {
    transport
        .send(request(Method::GET, "/_security/_authenticate"))
        .await
}

#[tokio::test]
async fn a_custom_ca_is_trusted() {
    let ca = Ca::new("Elasticsearch security auto-configuration HTTP CA");
    let server = https_server(&ca, &["localhost", "127.0.0.1"]).await;
    let transport = builder(&server)
        .ca_certificate_pem(ca.pem())
        .build()
        .unwrap();
    let response = get(&transport).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_custom_ca_still_checks_the_host_name() {
    let ca = Ca::new("CA");
    let server = https_server(&ca, &["es-node-1.internal"]).await;
    let transport = builder(&server)
        .ca_certificate_pem(ca.pem())
        .build()
        .unwrap();
    let err = get(&transport).await.unwrap_err();
    assert!(err.is_tls(), "{err:?}");
    assert!(err.to_string().contains("not valid for name"), "{err}");
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn the_right_fingerprint_is_accepted_with_or_without_colons() {
    let ca = Ca::new("CA");
    // The certificate does not name 127.0.0.1: with a pinned CA the host name is not checked.
    let server = https_server(&ca, &["es-node-1.internal"]).await;
    for fingerprint in [ca.fingerprint_with_colons(), ca.fingerprint()] {
        let transport = builder(&server)
            .ca_fingerprint(&fingerprint)
            .build()
            .unwrap();
        let response = get(&transport).await.unwrap();
        assert_eq!(response.status(), 200, "{fingerprint}");
    }
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn one_of_several_fingerprints_is_enough() {
    let ca = Ca::new("CA");
    let old = Ca::new("old CA");
    let server = https_server(&ca, &["localhost"]).await;
    let transport = builder(&server)
        .ca_fingerprint(old.fingerprint())
        .ca_fingerprint(ca.fingerprint())
        .build()
        .unwrap();
    assert_eq!(get(&transport).await.unwrap().status(), 200);
}

#[tokio::test]
async fn a_pinned_leaf_certificate_is_accepted() {
    let ca = Ca::new("CA");
    let (leaf, key) = ca.issue(&["localhost"], ServerAuth);
    let pin = transport_native::CaFingerprint::of_der(leaf.der()).to_string();
    let server = Server::start_tls(
        server_config(vec![leaf.der().clone()], &key),
        |_: &Recorded, _| Reply::es(200, OK),
    )
    .await;
    let transport = builder(&server).ca_fingerprint(pin).build().unwrap();
    assert_eq!(get(&transport).await.unwrap().status(), 200);
}

#[tokio::test]
async fn a_wrong_fingerprint_is_refused() {
    let ca = Ca::new("CA");
    let other = Ca::new("another CA");
    let server = https_server(&ca, &["localhost", "127.0.0.1"]).await;
    let transport = builder(&server)
        .ca_fingerprint(other.fingerprint())
        .build()
        .unwrap();
    let err = get(&transport).await.unwrap_err();
    assert!(err.is_tls(), "{err:?}");
    assert_eq!(err.node(), server.url);
    assert!(
        err.to_string()
            .contains("no certificate of the server's chain matches the pinned CA fingerprint"),
        "{err}"
    );
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn a_chain_that_only_carries_the_pinned_ca_is_refused() {
    // An impostor sends the (public) pinned CA certificate along with its own certificate,
    // which that CA did not sign.
    let ca = Ca::new("cluster CA");
    let impostor = Ca::new("impostor CA");
    let (leaf, key) = impostor.issue(&["localhost", "127.0.0.1"], ServerAuth);
    let server = Server::start_tls(
        server_config(vec![leaf.der().clone(), ca.der()], &key),
        |_: &Recorded, _| Reply::es(200, OK),
    )
    .await;
    let transport = builder(&server)
        .ca_fingerprint(ca.fingerprint())
        .build()
        .unwrap();
    let err = get(&transport).await.unwrap_err();
    assert!(err.is_tls(), "{err:?}");
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn no_trust_configured_refuses_a_self_signed_ca() {
    let ca = Ca::new("CA");
    let server = https_server(&ca, &["localhost", "127.0.0.1"]).await;
    let transport = builder(&server).build().unwrap();
    let err = get(&transport).await.unwrap_err();
    assert!(err.is_tls(), "{err:?}");
    assert!(err.to_string().contains("UnknownIssuer"), "{err}");
    assert_eq!(err.attempts(), 1);
    assert_eq!(server.count(), 0);
}

#[tokio::test]
async fn tls_failures_are_retried_like_connection_failures() {
    let ca = Ca::new("CA");
    let server = https_server(&ca, &["localhost"]).await;
    let transport = NativeTransport::builder()
        .node(&server.url)
        .max_retries(1)
        .retry_backoff(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(1),
        )
        .build()
        .unwrap();
    // Nothing reached the server, so even a creating request is tried again.
    let err = transport
        .send(request(Method::POST, "/_security/oauth2/token"))
        .await
        .unwrap_err();
    assert!(err.is_tls(), "{err:?}");
    assert_eq!(err.attempts(), 2);
    assert_eq!(server.connections(), 2);
}

#[tokio::test]
async fn the_development_opt_out_accepts_anything() {
    let ca = Ca::new("CA");
    let server = https_server(&ca, &["somewhere.else"]).await;
    let transport = builder(&server)
        .danger_accept_invalid_certificates()
        .build()
        .unwrap();
    assert_eq!(get(&transport).await.unwrap().status(), 200);
}

#[tokio::test]
async fn client_certificates_for_the_pki_realm() {
    let ca = Ca::new("CA");
    let clients = Ca::new("client CA");
    let (leaf, key) = ca.issue(&["localhost", "127.0.0.1"], ServerAuth);
    let config = server_config_with_client_auth(vec![leaf.der().clone(), ca.der()], &key, &clients);
    let server = Server::start_tls(config, |_: &Recorded, _| Reply::es(200, OK)).await;

    let (client_cert, client_key) = clients.issue(&["client"], ClientAuth);
    let with_cert = builder(&server)
        .ca_certificate_pem(ca.pem())
        .client_certificate_pem(client_cert.pem(), client_key.serialize_pem())
        .build()
        .unwrap();
    assert_eq!(get(&with_cert).await.unwrap().status(), 200);
    assert_eq!(server.count(), 1);

    let without = builder(&server)
        .ca_certificate_pem(ca.pem())
        .build()
        .unwrap();
    let err = get(&without).await.unwrap_err();
    assert!(!err.is_timeout(), "{err:?}");
    assert_eq!(server.count(), 1);

    // A key that does not parse is a configuration error.
    let bad = builder(&server)
        .client_certificate_pem(client_cert.pem(), "no key here")
        .build()
        .unwrap_err();
    assert!(bad.to_string().contains("client key"), "{bad}");
}
