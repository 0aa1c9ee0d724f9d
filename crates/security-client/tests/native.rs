//! The client over the native transport against HTTP servers on 127.0.0.1:0 started here.
#![cfg(all(feature = "native-transport", not(target_arch = "wasm32")))]

use security_client::native::{NativeError, NativeTransport};
use security_client::{Credentials, Error, SecurityClient, TransportErrorKind};
use std::error::Error as _;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const ME: &str = r#"{"username":"elastic","roles":["superuser"],"full_name":null,"email":null,"metadata":{},"enabled":true,"authentication_realm":{"name":"reserved","type":"reserved"},"lookup_realm":{"name":"reserved","type":"reserved"},"authentication_type":"realm"}"#;

/// A request as the server saw it: method, path and query, lower-case headers, body.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

enum Reply {
    Answer(u16, Vec<(&'static str, String)>, String),
    /// Closes the connection without answering (used by an API-key test).
    #[cfg_attr(not(feature = "api-keys"), allow(dead_code))]
    Close,
    Hang,
}

fn es(status: u16, body: &str) -> Reply {
    Reply::Answer(
        status,
        vec![
            ("content-type", "application/json".into()),
            ("x-elastic-product", "Elasticsearch".into()),
        ],
        body.into(),
    )
}

/// Reads one request from `stream` (with what is left of earlier reads in `buf`): its head
/// with httparse (the parser hyper uses), then `content-length` bytes of body. `None` when the
/// connection ends first or the head is not HTTP.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Seen> {
    let mut chunk = [0u8; 4096];
    let mut request = loop {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut head = httparse::Request::new(&mut headers);
        if let httparse::Status::Complete(used) = head.parse(buf).ok()? {
            let request = Seen {
                method: head.method?.to_owned(),
                target: head.path?.to_owned(),
                headers: head
                    .headers
                    .iter()
                    .map(|h| {
                        let value = String::from_utf8_lossy(h.value).into_owned();
                        (h.name.to_ascii_lowercase(), value)
                    })
                    .collect(),
                body: Vec::new(),
            };
            buf.drain(..used);
            break request;
        }
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    };
    let length = request
        .header("content-length")
        .map_or(Some(0), |v| v.parse().ok())?;
    while buf.len() < length {
        match stream.read(&mut chunk).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
        }
    }
    request.body = buf.drain(..length).collect();
    Some(request)
}

/// Starts a server; returns its URL and the requests it saw.
async fn server(
    handler: impl Fn(&Seen) -> Reply + Send + Sync + 'static,
) -> (String, Arc<Mutex<Vec<Seen>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    let handler = Arc::new(handler);
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let (log, handler) = (log.clone(), handler.clone());
            tokio::spawn(async move {
                let mut buf = Vec::new();
                while let Some(request) = read_request(&mut stream, &mut buf).await {
                    log.lock().unwrap().push(request.clone());
                    match handler(&request) {
                        Reply::Answer(status, headers, body) => {
                            let mut out = format!(
                                "HTTP/1.1 {status} X\r\ncontent-length: {}\r\n",
                                body.len()
                            );
                            for (n, v) in headers {
                                out.push_str(&format!("{n}: {v}\r\n"));
                            }
                            out.push_str("\r\n");
                            out.push_str(&body);
                            if stream.write_all(out.as_bytes()).await.is_err() {
                                return;
                            }
                        }
                        Reply::Close => return,
                        Reply::Hang => std::future::pending::<()>().await,
                    }
                }
            });
        }
    });
    (url, seen)
}

fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    url
}

/// The native transport's own error, checking that the client reports its kind and keeps it
/// as the source of the error chain.
fn native_error(err: &Error) -> &NativeError {
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    let native = err
        .transport_error()
        .and_then(|t| t.downcast_ref::<NativeError>())
        .unwrap_or_else(|| panic!("not a native transport error: {err:?}"));
    assert_eq!(err.transport_kind(), Some(native.kind()), "{err:?}");
    let chained = err
        .source()
        .and_then(|transport| transport.source())
        .and_then(|s| s.downcast_ref::<NativeError>());
    assert!(std::ptr::eq(chained.unwrap(), native));
    native
}

#[tokio::test]
async fn a_refused_connection_is_told_from_a_timeout() {
    let client = SecurityClient::connect_with(
        NativeTransport::builder()
            .node(refused_url())
            .max_retries(0),
    )
    .unwrap();
    let err = client.authenticate().await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert!(!err.is_timeout());
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Connect));
    assert!(native_error(&err).is_connect());
}

#[tokio::test]
async fn connect_and_call() {
    let (url, seen) = server(|_| es(200, ME)).await;
    let client = SecurityClient::connect(&url)
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    assert_eq!(client.base_url().as_str(), url);
    let me = client.authenticate().await.unwrap();
    assert_eq!(me.username, "elastic");

    let seen = seen.lock().unwrap();
    let request = &seen[0];
    assert_eq!(request.method, "GET");
    assert_eq!(request.target, "/_security/_authenticate");
    assert_eq!(
        request.header("authorization"),
        Some("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==")
    );
    assert_eq!(
        request.header("accept"),
        Some("application/vnd.elasticsearch+json; compatible-with=8")
    );
    assert!(request
        .header("user-agent")
        .unwrap()
        .starts_with("es-security-rs/"));
    assert!(request
        .header("x-elastic-client-meta")
        .unwrap()
        .starts_with("es="));
}

#[tokio::test]
async fn several_nodes_with_the_first_down() {
    let down = refused_url();
    let (url, seen) = server(|_| es(200, ME)).await;
    let client = SecurityClient::connect_with(
        NativeTransport::builder()
            .nodes([&down, &url])
            .retry_backoff(Duration::from_millis(1), Duration::from_millis(2)),
    )
    .unwrap();
    // The base URL is the first node's, but the request reaches the live one.
    assert_eq!(client.base_url().as_str(), down);
    client.authenticate().await.unwrap();
    assert_eq!(seen.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_server_that_is_not_elasticsearch_is_refused() {
    let (url, _) = server(|_| {
        Reply::Answer(
            200,
            vec![("content-type", "application/json".into())],
            ME.into(),
        )
    })
    .await;
    let client = SecurityClient::connect(&url).unwrap();
    let err = client.authenticate().await.unwrap_err();
    assert!(
        matches!(err, Error::UnsupportedProduct { status: 200, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_status_still_failing_after_retries_is_elasticsearchs_error() {
    let (url, seen) = server(|_| {
        es(
            503,
            r#"{"error":{"type":"cluster_block_exception","reason":"blocked"},"status":503}"#,
        )
    })
    .await;
    let client = SecurityClient::connect_with(
        NativeTransport::builder()
            .node(&url)
            .max_retries(1)
            .retry_backoff(Duration::from_millis(1), Duration::from_millis(2)),
    )
    .unwrap();
    let err = client.authenticate().await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(
        err.api().unwrap().error_type.as_deref(),
        Some("cluster_block_exception")
    );
    assert_eq!(seen.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn redirects_are_transport_errors_naming_the_location() {
    let (url, _) = server(|_| {
        Reply::Answer(
            307,
            vec![("location", "https://login.example/".into())],
            String::new(),
        )
    })
    .await;
    let client = SecurityClient::connect(&url).unwrap();
    let err = client.authenticate().await.unwrap_err();
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Redirect));
    match native_error(&err) {
        NativeError::Redirect {
            status, location, ..
        } => {
            assert_eq!(*status, 307);
            assert_eq!(location.as_deref(), Some("https://login.example/"));
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn per_request_timeout_and_credentials_and_runtime_swap() {
    let (url, seen) = server(|r| {
        if r.target.starts_with("/_security/user/slow") {
            Reply::Hang
        } else {
            es(200, ME)
        }
    })
    .await;
    let client = SecurityClient::connect(&url)
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));

    let err = client
        .get_user()
        .username(["slow"])
        .request_timeout(Duration::from_millis(200))
        .await
        .unwrap_err();
    let native = native_error(&err);
    assert!(native.is_timeout(), "{native:?}");
    assert!(err.is_timeout() && !err.is_connect(), "{err:?}");
    assert_eq!(native.node(), url);

    client
        .authenticate()
        .credentials(Credentials::api_key_encoded("b3duOmtleQ=="))
        .await
        .unwrap();
    client.set_credentials(Some(Credentials::bearer("new-access-token")));
    client.authenticate().await.unwrap();

    let auth: Vec<Option<String>> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|r| r.header("authorization").map(str::to_owned))
        .collect();
    assert_eq!(
        auth,
        [
            Some("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==".to_owned()),
            Some("ApiKey b3duOmtleQ==".to_owned()),
            Some("Bearer new-access-token".to_owned()),
        ]
    );
}

#[cfg(feature = "api-keys")]
#[tokio::test]
async fn create_api_key_is_not_sent_twice() {
    let (url, seen) = server(|r| {
        if r.target.starts_with("/_security/api_key") {
            Reply::Close
        } else {
            es(200, ME)
        }
    })
    .await;
    let client = SecurityClient::connect_with(
        NativeTransport::builder()
            .node(&url)
            .retry_backoff(Duration::from_millis(1), Duration::from_millis(2)),
    )
    .unwrap();
    let err = client.create_api_key().name("k1").await.unwrap_err();
    let native = native_error(&err);
    assert!(native.was_not_resent(), "{native:?}");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "PUT");
    assert_eq!(seen[0].body, br#"{"name":"k1"}"#);
}

#[tokio::test]
async fn bulk_delete_role_sends_a_delete_with_its_json_body() {
    let (url, seen) = server(|_| es(200, r#"{"deleted":["a"],"not_found":["b c"]}"#)).await;
    let client = SecurityClient::connect(&url).unwrap();
    let answer = client.bulk_delete_role(["a", "b c"]).await.unwrap();
    assert_eq!(answer.deleted.as_deref(), Some(&["a".to_owned()][..]));
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].method, "DELETE");
    assert_eq!(seen[0].target, "/_security/role");
    assert_eq!(seen[0].body, br#"{"names":["a","b c"]}"#);
    assert_eq!(
        seen[0].header("content-type"),
        Some("application/vnd.elasticsearch+json; compatible-with=8")
    );
    assert_eq!(seen[0].header("content-length"), Some("21"));
}
