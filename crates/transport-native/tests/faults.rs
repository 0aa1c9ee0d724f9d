//! Fault injection: the transport against servers on 127.0.0.1 that misbehave at the TCP and
//! HTTP level: connection resets, half answers, stalls, endless and inflating bodies,
//! redirects, 429/5xx with and without `Retry-After`.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::request;
use http::Method;
use security_core::Endpoint;
use std::future::Future;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use transport_native::{Error, NativeTransport};

/// A server that reads each request (head and `Content-Length` body) and hands the raw
/// connection to `behave` with the request's index (0 for the first); one request per
/// connection.
struct RawServer {
    url: String,
    requests: Arc<AtomicUsize>,
}

impl RawServer {
    async fn start<F, Fut>(behave: F) -> RawServer
    where
        F: Fn(TcpStream, usize) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = ()> + Send + 'static,
    {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(AtomicUsize::new(0));
        let count = requests.clone();
        let behave = Arc::new(behave);
        tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                let count = count.clone();
                let behave = behave.clone();
                tokio::spawn(async move {
                    if read_request(&mut stream).await {
                        let index = count.fetch_add(1, Ordering::SeqCst);
                        behave(stream, index).await;
                    }
                });
            }
        });
        RawServer { url, requests }
    }

    fn count(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

/// Reads one request; `false` when the connection ended first.
async fn read_request(stream: &mut TcpStream) -> bool {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&seen[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let mut have = seen.len() - head_end;
    while have < length {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return false,
            Ok(n) => have += n,
        }
    }
    true
}

const ES: &str = "content-type: application/json\r\nx-elastic-product: Elasticsearch\r\n";

/// A complete answer.
fn answer(status: u16, extra_headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "HTTP/1.1 {status} Whatever\r\n{ES}{extra_headers}content-length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

async fn write_and_close(mut stream: TcpStream, bytes: Vec<u8>) {
    let _ = stream.write_all(&bytes).await;
    let _ = stream.shutdown().await;
}

/// Resets the connection (RST, not FIN).
fn reset(stream: TcpStream) {
    // A zero linger does not block on drop (the deprecation is about non-zero ones).
    #[allow(deprecated)]
    let _ = stream.set_linger(Some(Duration::ZERO));
    drop(stream);
}

fn fast() -> transport_native::Builder {
    NativeTransport::builder()
        .retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
        .request_timeout(Duration::from_secs(20))
}

/// A request of an endpoint that creates credentials: never sent twice once it may have arrived.
fn creating() -> http::Request<Vec<u8>> {
    let base = security_core::BaseUrl::parse("http://es.invalid:9200").unwrap();
    security_core::api_keys::CreateApiKey::new()
        .name("k")
        .to_http_request(&base, None)
        .unwrap()
}

// --- Connection-level faults ---------------------------------------------------------------

#[tokio::test]
async fn a_reset_after_the_request_is_retried_for_reads_and_never_for_creating_requests() {
    let server = RawServer::start(|stream, _| async move { reset(stream) }).await;
    let transport = fast().node(&server.url).build().unwrap();

    let err = transport
        .send(request(Method::GET, "/_security/_authenticate"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert_eq!(err.attempts(), 4);
    assert_eq!(server.count(), 4);

    let err = transport.send(creating()).await.unwrap_err();
    assert!(err.was_not_resent(), "{err:?}");
    assert_eq!(server.count(), 5);
}

#[tokio::test]
async fn a_reset_then_an_answer_succeeds_on_the_retry() {
    let server = RawServer::start(|stream, i| async move {
        if i == 0 {
            reset(stream)
        } else {
            write_and_close(stream, answer(200, "", b"{}")).await
        }
    })
    .await;
    let transport = fast().node(&server.url).build().unwrap();
    let response = transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn a_half_answer_is_a_broken_connection_not_a_short_body() {
    // `Content-Length: 100`, then 10 bytes, then the connection closes.
    let server = RawServer::start(|stream, _| async move {
        let mut bytes = format!("HTTP/1.1 200 OK\r\n{ES}content-length: 100\r\n\r\n").into_bytes();
        bytes.extend_from_slice(b"{\"users\":[");
        write_and_close(stream, bytes).await
    })
    .await;
    let transport = fast().node(&server.url).max_retries(1).build().unwrap();
    let err = transport
        .send(request(Method::GET, "/_security/user"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert_eq!(server.count(), 2);

    let err = transport.send(creating()).await.unwrap_err();
    assert!(err.was_not_resent(), "{err:?}");
    assert_eq!(server.count(), 3);
}

#[tokio::test]
async fn a_half_written_head_is_a_broken_connection() {
    let server = RawServer::start(|stream, _| async move {
        write_and_close(stream, b"HTTP/1.1 200 OK\r\ncontent-le".to_vec()).await
    })
    .await;
    let transport = fast().node(&server.url).max_retries(0).build().unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
}

#[tokio::test]
async fn a_stall_before_the_answer_times_out() {
    let server = RawServer::start(|stream, _| async move {
        let _keep = stream;
        std::future::pending::<()>().await
    })
    .await;
    let transport = fast()
        .node(&server.url)
        .request_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_stall_in_the_middle_of_the_body_times_out() {
    let server = RawServer::start(|mut stream, _| async move {
        let head = format!("HTTP/1.1 200 OK\r\n{ES}content-length: 1000\r\n\r\n{{\"a\":");
        let _ = stream.write_all(head.as_bytes()).await;
        std::future::pending::<()>().await
    })
    .await;
    let transport = fast()
        .node(&server.url)
        .request_timeout(Duration::from_millis(200))
        .build()
        .unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}

// --- Answer size -----------------------------------------------------------------------------

const LIMIT: usize = 1024 * 1024;

#[tokio::test]
async fn an_endless_chunked_body_stops_at_the_limit() {
    let server = RawServer::start(|mut stream, _| async move {
        let head = format!("HTTP/1.1 200 OK\r\n{ES}transfer-encoding: chunked\r\n\r\n");
        if stream.write_all(head.as_bytes()).await.is_err() {
            return;
        }
        let chunk = format!("{:x}\r\n{}\r\n", 64 * 1024, "x".repeat(64 * 1024));
        // Until the client hangs up.
        while stream.write_all(chunk.as_bytes()).await.is_ok() {}
    })
    .await;
    let transport = fast()
        .node(&server.url)
        .max_answer_size(LIMIT)
        .build()
        .unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    match &err {
        Error::AnswerTooLarge {
            limit,
            status,
            attempts,
            ..
        } => {
            assert_eq!((*limit, *status, *attempts), (LIMIT, 200, 1));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_too_large());
    assert!(err.to_string().contains("1048576 bytes"), "{err}");
    // Not retried: the same answer would come again.
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn a_gzip_bomb_is_counted_after_decompression() {
    // 8 MiB of zeros compress to a few KiB.
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..8 {
        encoder.write_all(&zeros).unwrap();
    }
    let bomb = Arc::new(encoder.finish().unwrap());
    assert!(bomb.len() < LIMIT / 10, "{}", bomb.len());
    let sent = bomb.clone();
    let server =
        RawServer::start(move |stream, _| {
            let bomb = sent.clone();
            async move {
                write_and_close(stream, answer(200, "content-encoding: gzip\r\n", &bomb)).await
            }
        })
        .await;
    let transport = fast()
        .node(&server.url)
        .max_answer_size(LIMIT)
        .build()
        .unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    assert!(err.is_too_large(), "{err:?}");
}

#[tokio::test]
async fn a_declared_length_over_the_limit_stops_before_reading() {
    // Says 200 MB, sends a little, then waits: the transport must not wait for the rest.
    let server = RawServer::start(|mut stream, _| async move {
        let head = format!("HTTP/1.1 200 OK\r\n{ES}content-length: 209715200\r\n\r\n[");
        let _ = stream.write_all(head.as_bytes()).await;
        std::future::pending::<()>().await
    })
    .await;
    let transport = fast()
        .node(&server.url)
        .request_timeout(Duration::from_secs(20))
        .build()
        .unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    match err {
        Error::AnswerTooLarge { limit, .. } => {
            assert_eq!(limit, transport_native::DEFAULT_MAX_ANSWER_SIZE);
            assert_eq!(limit, 100 * 1024 * 1024);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn an_answer_of_exactly_the_limit_is_read() {
    let body = vec![b' '; LIMIT];
    let server = RawServer::start(move |stream, _| {
        let body = body.clone();
        async move { write_and_close(stream, answer(200, "", &body)).await }
    })
    .await;
    let transport = fast()
        .node(&server.url)
        .max_answer_size(LIMIT)
        .build()
        .unwrap();
    let response = transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!(response.body().len(), LIMIT);
}

// --- Redirects -------------------------------------------------------------------------------

#[tokio::test]
async fn redirects_are_not_followed_and_their_location_is_redacted() {
    let server = RawServer::start(|stream, _| async move {
        write_and_close(
            stream,
            answer(
                307,
                "location: http://elastic:p@ss-word@elsewhere:9200/_security/_authenticate\r\n",
                b"",
            ),
        )
        .await
    })
    .await;
    let transport = fast().node(&server.url).build().unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    match &err {
        Error::Redirect {
            status, location, ..
        } => {
            assert_eq!(*status, 307);
            assert_eq!(
                location.as_deref(),
                Some("http://[redacted]@elsewhere:9200/_security/_authenticate")
            );
        }
        other => panic!("{other:?}"),
    }
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("ss-word"), "{shown}");
    assert_eq!(server.count(), 1);
}

// --- Statuses and Retry-After ----------------------------------------------------------------

/// A server answering `first` to the first request and 200 after.
async fn status_then_ok(first: u16, headers: &'static str) -> RawServer {
    RawServer::start(move |stream, i| async move {
        let bytes = if i == 0 {
            answer(first, headers, br#"{"error":"busy","status":503}"#)
        } else {
            answer(200, "", b"{}")
        };
        write_and_close(stream, bytes).await
    })
    .await
}

#[tokio::test]
async fn retryable_statuses_without_retry_after_are_retried() {
    for status in [429, 502, 503, 504] {
        let server = status_then_ok(status, "").await;
        let transport = fast().node(&server.url).build().unwrap();
        let response = transport.send(request(Method::GET, "/")).await.unwrap();
        assert_eq!(response.status(), 200, "{status}");
        assert_eq!(server.count(), 2, "{status}");
    }
}

#[tokio::test]
async fn other_5xx_are_answers_not_retries() {
    for status in [500, 501] {
        let server = status_then_ok(status, "").await;
        let transport = fast().node(&server.url).build().unwrap();
        let response = transport.send(request(Method::GET, "/")).await.unwrap();
        assert_eq!(response.status(), status);
        assert_eq!(server.count(), 1);
    }
}

#[tokio::test]
async fn retry_after_within_the_cap_is_waited_for() {
    for (status, value) in [
        (429, "0"),
        (503, "0"),
        // A date in the past: at once.
        (503, "Wed, 21 Oct 2015 07:28:00 GMT"),
    ] {
        let header: &'static str = Box::leak(format!("retry-after: {value}\r\n").into_boxed_str());
        let server = status_then_ok(status, header).await;
        let transport = fast().node(&server.url).build().unwrap();
        let response = transport.send(request(Method::GET, "/")).await.unwrap();
        assert_eq!(response.status(), 200, "{status} {value}");
        assert_eq!(server.count(), 2, "{status} {value}");
    }
}

#[tokio::test]
async fn retry_after_beyond_the_cap_returns_the_answer_at_once() {
    // The default cap is 30 s: an hour is not waited for, and the server is not asked again.
    for (status, value) in [
        (429, "3600".to_owned()),
        (503, "3600".to_owned()),
        (
            503,
            httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(3600)),
        ),
    ] {
        let header: &'static str = Box::leak(format!("retry-after: {value}\r\n").into_boxed_str());
        let server = status_then_ok(status, header).await;
        let transport = fast().node(&server.url).build().unwrap();
        let response = transport.send(request(Method::GET, "/")).await.unwrap();
        assert_eq!(response.status(), status, "{value}");
        assert_eq!(server.count(), 1, "{value}");
    }
    // A lower cap: 2 s is already too long.
    let server = status_then_ok(503, "retry-after: 2\r\n").await;
    let transport = fast()
        .node(&server.url)
        .max_retry_after(Duration::from_secs(1))
        .build()
        .unwrap();
    let response = transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn retry_after_does_not_make_a_creating_request_repeatable() {
    let server = status_then_ok(503, "retry-after: 0\r\n").await;
    let transport = fast().node(&server.url).build().unwrap();
    let response = transport.send(creating()).await.unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn retry_after_on_other_statuses_is_ignored() {
    // 502 is retried with the back-off, whatever it says.
    let server = status_then_ok(502, "retry-after: 3600\r\n").await;
    let transport = fast().node(&server.url).build().unwrap();
    let response = transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.count(), 2);
}
