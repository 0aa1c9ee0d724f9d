//! The connection loop: bytes from the socket into the HTTP/1.1 parser, each request handled
//! on tokio's blocking pool (so a slow request never holds up the others: the accept loop and
//! every other connection keep going), answers written back.

use crate::dispatch::{dispatch, Response, Shared};
use crate::http1::{bad_request, render, Parser, Step};
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How long a connection that was answered with an error and closed may keep sending before
/// it is dropped (so that the peer reads the answer instead of a reset).
const LINGER: Duration = Duration::from_secs(2);

/// Accepts connections until `stop` fires.
pub(crate) async fn serve(
    listener: std::net::TcpListener,
    shared: Arc<Shared>,
    mut stop: tokio::sync::oneshot::Receiver<()>,
) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    loop {
        tokio::select! {
            _ = &mut stop => break,
            accepted = listener.accept() => {
                let Ok((stream, _)) = accepted else { continue };
                tokio::spawn(connection(stream, shared.clone()));
            }
        }
    }
}

/// The answer when a handler panicked (a bug): Elasticsearch-shaped all the same.
fn internal_error() -> Response {
    bad_request(
        500,
        "exception",
        "security-testkit internal error: the request handler failed",
    )
}

/// Serves one connection until it closes.
async fn connection(mut stream: TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let mut parser = Parser::default();
    let mut chunk = vec![0u8; 64 * 1024];
    let mut eof = false;
    loop {
        match parser.next(eof) {
            Step::NeedMore => {
                if eof {
                    return;
                }
                match stream.read(&mut chunk).await {
                    Ok(0) | Err(_) => eof = true,
                    Ok(n) => parser.feed(&chunk[..n]),
                }
            }
            Step::ExpectContinue => {
                if stream
                    .write_all(b"HTTP/1.1 100 Continue\r\n\r\n")
                    .await
                    .is_err()
                {
                    return;
                }
            }
            Step::Request(request, keep_alive) => {
                let shared = shared.clone();
                let response = tokio::task::spawn_blocking(move || dispatch(&shared, request))
                    .await
                    .unwrap_or_else(|_| internal_error());
                let close = !keep_alive || eof;
                if stream.write_all(&render(&response, close)).await.is_err() || close {
                    let _ = stream.shutdown().await;
                    return;
                }
            }
            Step::Bad(response) => {
                let _ = stream.write_all(&render(&response, true)).await;
                let _ = stream.shutdown().await;
                // Read (and drop) what the peer still sends, for a while, so that closing
                // does not reset the connection before it has read the answer.
                let drain = async {
                    while let Ok(n) = stream.read(&mut chunk).await {
                        if n == 0 {
                            break;
                        }
                    }
                };
                let _ = tokio::time::timeout(LINGER, drain).await;
                return;
            }
        }
    }
}
