//! A tiny HTTP/1.1 client (hyper) for the tests: plain calls, and a transport for
//! `security-client`; and, for the tests that write raw bytes to the server, one reader of the
//! answers it writes back (httparse, the parser hyper uses).
#![allow(dead_code)]

use base64::Engine as _;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper_util::rt::TokioIo;
use serde_json::Value;

pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Sends one request on a fresh connection: what a transport does.
pub async fn roundtrip(req: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, BoxError> {
    let uri = req.uri().clone();
    let host = uri.host().ok_or("no host")?.to_owned();
    let port = uri.port_u16().unwrap_or(80);
    let stream = tokio::net::TcpStream::connect((host.as_str(), port)).await?;
    let (mut sender, conn) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(conn);
    let (mut parts, body) = req.into_parts();
    parts.uri = uri
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("/")
        .parse()?;
    parts
        .headers
        .insert(http::header::HOST, format!("{host}:{port}").parse()?);
    let response = sender
        .send_request(hyper::Request::from_parts(
            parts,
            Full::new(Bytes::from(body)),
        ))
        .await?;
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await?.to_bytes().to_vec();
    Ok(http::Response::from_parts(parts, bytes))
}

/// An answer: status, headers, JSON body (`Null` when empty).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: http::HeaderMap,
    pub body: Value,
}

impl Answer {
    /// All values of a header.
    pub fn header_values(&self, name: &str) -> Vec<String> {
        self.headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap().to_owned())
            .collect()
    }

    /// One header value.
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    }
}

/// Writes `bytes` on a fresh connection to `addr`, half-closes it, reads everything back.
pub fn raw_exchange(addr: std::net::SocketAddr, bytes: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(bytes).unwrap();
    stream.shutdown(std::net::Shutdown::Write).unwrap();
    let mut out = Vec::new();
    stream.read_to_end(&mut out).unwrap();
    out
}

/// One HTTP/1.1 answer as the server wrote it.
#[derive(Debug)]
pub struct RawAnswer {
    pub status: u16,
    pub reason: String,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

impl RawAnswer {
    /// One header value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// The body as JSON (`Null` when empty); anything else fails the test.
    pub fn json(&self) -> Value {
        if self.body.is_empty() {
            return Value::Null;
        }
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", String::from_utf8_lossy(&self.body)))
    }
}

/// The answers in `bytes` (what one connection got back), in order: each an HTTP/1.1 head and a
/// body of its `Content-Length`. An `Err` says what in `bytes` is not such an answer.
pub fn raw_answers(bytes: &[u8]) -> Result<Vec<RawAnswer>, String> {
    let mut rest = bytes;
    let mut answers = Vec::new();
    while !rest.is_empty() {
        let mut headers = [httparse::EMPTY_HEADER; 64];
        let mut head = httparse::Response::new(&mut headers);
        let used = match head.parse(rest) {
            Ok(httparse::Status::Complete(used)) => used,
            other => {
                return Err(format!(
                    "not an HTTP answer ({other:?}): {:?}",
                    String::from_utf8_lossy(rest)
                ))
            }
        };
        if head.version != Some(1) {
            return Err(format!("not HTTP/1.1: {:?}", String::from_utf8_lossy(rest)));
        }
        let mut map = http::HeaderMap::new();
        for h in head.headers.iter() {
            let name =
                http::HeaderName::from_bytes(h.name.as_bytes()).map_err(|e| e.to_string())?;
            let value = http::HeaderValue::from_bytes(h.value).map_err(|e| e.to_string())?;
            map.append(name, value);
        }
        let length = match map.get("content-length") {
            None => 0,
            Some(v) => v
                .to_str()
                .ok()
                .and_then(|v| v.parse::<usize>().ok())
                .ok_or_else(|| format!("bad content-length {v:?}"))?,
        };
        let body = rest.get(used..used + length).ok_or_else(|| {
            format!(
                "body shorter than {length}: {:?}",
                String::from_utf8_lossy(rest)
            )
        })?;
        answers.push(RawAnswer {
            status: head.code.unwrap_or_default(),
            reason: head.reason.unwrap_or_default().to_owned(),
            headers: map,
            body: body.to_vec(),
        });
        rest = &rest[used + length..];
    }
    Ok(answers)
}

/// The one answer in `bytes`; anything else fails the test.
#[track_caller]
pub fn raw_answer(bytes: &[u8]) -> RawAnswer {
    let mut answers = raw_answers(bytes).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(answers.len(), 1, "{answers:?}");
    answers.remove(0)
}

/// `Basic` credentials.
pub fn basic(user: &str, password: &str) -> String {
    format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
    )
}

/// Calls the server.
pub async fn call(
    base: &str,
    method: &str,
    path: &str,
    auth: Option<&str>,
    body: Option<Value>,
) -> Answer {
    call_with(base, method, path, auth, &[], body).await
}

/// Calls the server with extra headers.
pub async fn call_with(
    base: &str,
    method: &str,
    path: &str,
    auth: Option<&str>,
    headers: &[(&str, &str)],
    body: Option<Value>,
) -> Answer {
    let mut req = http::Request::builder()
        .method(method)
        .uri(format!("{base}{path}"));
    if let Some(auth) = auth {
        req = req.header("authorization", auth);
    }
    if body.is_some() {
        req = req.header("content-type", "application/json");
    }
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    let bytes = body
        .map(|b| serde_json::to_vec(&b).unwrap())
        .unwrap_or_default();
    let response = roundtrip(req.body(bytes).unwrap())
        .await
        .expect("request failed");
    let (parts, body) = response.into_parts();
    let body = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&body)))
    };
    Answer {
        status: parts.status.as_u16(),
        headers: parts.headers,
        body,
    }
}

/// The JSON `value` of a documented example of the 9.5 specification the repository carries
/// (`spec/9.5/examples/security/<endpoint>/examples/<kind>/<file>.yaml`). A missing file fails.
#[track_caller]
pub fn spec_example(endpoint: &str, kind: &str, file: &str) -> Value {
    let path = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec/9.5/examples/security")
        .join(endpoint)
        .join("examples")
        .join(kind)
        .join(format!("{file}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the specification example {} is missing ({e}): it is part of the repository",
            path.display()
        )
    });
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let raw = yaml["value"].as_str().expect("an example value");
    serde_json::from_str(raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
