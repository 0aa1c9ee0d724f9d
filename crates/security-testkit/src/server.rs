//! The HTTP/1.1 server loop (hyper).

use crate::dispatch::{dispatch, Request, Shared};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::sync::Arc;

/// Elasticsearch's default `http.max_content_length`.
const MAX_BODY: usize = 100 * 1024 * 1024;

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
                let shared = shared.clone();
                tokio::spawn(async move {
                    let service = service_fn(move |req| {
                        let shared = shared.clone();
                        async move { Ok::<_, Infallible>(respond(&shared, req).await) }
                    });
                    let _ = http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        }
    }
}

async fn respond(shared: &Shared, req: hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
    let (parts, body) = req.into_parts();
    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(_) => {
            let mut response = hyper::Response::new(Full::new(Bytes::from_static(
                br#"{"error":{"root_cause":[{"type":"content_too_long_exception","reason":"request body is too large"}],"type":"content_too_long_exception","reason":"request body is too large"},"status":413}"#,
            )));
            *response.status_mut() = http::StatusCode::PAYLOAD_TOO_LARGE;
            response.headers_mut().insert(
                "x-elastic-product",
                http::HeaderValue::from_static("Elasticsearch"),
            );
            return response;
        }
    };
    let request = Request::new(parts.method, &parts.uri, parts.headers, body);
    let out = dispatch(shared, request);
    let mut response = hyper::Response::new(Full::new(Bytes::from(out.body)));
    *response.status_mut() =
        http::StatusCode::from_u16(out.status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in out.headers {
        if let (Ok(name), Ok(value)) = (
            http::HeaderName::try_from(name),
            http::HeaderValue::try_from(value),
        ) {
            response.headers_mut().append(name, value);
        }
    }
    response
}
