//! The ureq transport keeps the transport contract against the in-repo test server: answers of
//! every status are `Ok` (so the client reports Elasticsearch's own errors), and only a missing
//! answer is a transport error.

use security_client::sans_io::TransportErrorKind;
use security_client::{Credentials, Error, OptionalExt, SecurityClient};
use security_testkit::{Config, TestServer};
use std::future::IntoFuture;
use ureq_transport::UreqTransport;

/// ureq blocks: run a client call on the blocking pool while the server runs here.
async fn blocking<T: Send + 'static>(call: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(call).await.unwrap()
}

#[tokio::test]
async fn answers_of_every_status_and_transport_failures() {
    let server = TestServer::start(Config::default().elastic_password("ureq-pw-123"))
        .await
        .unwrap();
    let client = SecurityClient::new(server.url(), UreqTransport::new())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "ureq-pw-123"));

    // 200: decoded.
    let c = client.clone();
    let me = blocking(move || futures::executor::block_on(c.authenticate().into_future())).await;
    assert_eq!(me.unwrap().username, "elastic");

    // 404 `{}`: an answer, which `.optional()` reads as "does not exist".
    let c = client.clone();
    let missing = blocking(move || {
        futures::executor::block_on(c.get_user().username("nobody").into_future())
    })
    .await;
    assert!(missing.optional().unwrap().is_none());

    // 401: Elasticsearch's error, not a transport error.
    let c = client.with_identity(Credentials::basic("elastic", "wrong"));
    let err = blocking(move || futures::executor::block_on(c.authenticate().into_future()))
        .await
        .unwrap_err();
    let api = err.api().expect("Elasticsearch's error");
    assert_eq!(api.status, 401);
    assert_eq!(api.error_type.as_deref(), Some("security_exception"));

    // 400, a validation error (no roles): also Elasticsearch's.
    let c = client.clone();
    let err = blocking(move || {
        futures::executor::block_on(c.put_user("u1").password("l0ng-enough-pw").into_future())
    })
    .await
    .unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");

    // No server: the only kind of Err a transport returns.
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let nowhere =
        SecurityClient::new(format!("http://127.0.0.1:{port}"), UreqTransport::new()).unwrap();
    let err = blocking(move || futures::executor::block_on(nowhere.authenticate().into_future()))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert_eq!(
        err.transport_kind(),
        Some(TransportErrorKind::Connect),
        "{err:?}"
    );
}
