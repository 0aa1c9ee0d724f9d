//! HTTP/1.1 on one connection, parsed here (heads with `httparse`) so that every request the
//! server cannot read — a bad request line, a bad `Content-Length`, binary junk, a line or a
//! head over Elasticsearch's limits — still gets Elasticsearch's error shape and the
//! `X-Elastic-Product` header, then the connection closes (as Elasticsearch does).
//!
//! The parsing is synchronous and pure ([`Parser::next`]); `server.rs` feeds it bytes.

use crate::dispatch::{Request, Response};
use serde_json::json;

/// Elasticsearch's `http.max_initial_line_length`.
pub(crate) const MAX_INITIAL_LINE: usize = 4096;
/// Elasticsearch's `http.max_header_size`.
pub(crate) const MAX_HEADER_SIZE: usize = 16 * 1024;
/// Elasticsearch's default `http.max_content_length`.
pub(crate) const MAX_BODY: usize = 100 * 1024 * 1024;
/// At most this many header fields.
const MAX_HEADERS: usize = 128;

/// What the bytes received so far hold.
#[derive(Debug)]
pub(crate) enum Step {
    /// Not a complete request yet: read more.
    NeedMore,
    /// The head asks for `100 Continue` before its body is sent: write it, then read more.
    ExpectContinue,
    /// A complete request (taken from the buffer), and whether the connection stays open.
    Request(Request, bool),
    /// Not a request the server can read: this answer, then close.
    Bad(Response),
}

/// The request parser of one connection.
#[derive(Debug, Default)]
pub(crate) struct Parser {
    buf: Vec<u8>,
    continue_sent: bool,
}

/// How a body is delimited.
#[derive(Clone, Copy, Debug)]
enum Framing {
    Length(usize),
    Chunked,
}

/// An Elasticsearch error answer to a request that could not be read.
pub(crate) fn bad_request(status: u16, kind: &str, reason: &str) -> Response {
    let cause = json!({"type": kind, "reason": reason});
    let body = json!({
        "error": {"root_cause": [cause], "type": kind, "reason": reason},
        "status": status
    });
    Response {
        status,
        headers: vec![
            ("x-elastic-product".into(), "Elasticsearch".into()),
            ("content-type".into(), "application/json".into()),
        ],
        body: serde_json::to_vec(&body).unwrap_or_default(),
    }
}

fn illegal_answer(reason: impl AsRef<str>) -> Response {
    bad_request(400, "illegal_argument_exception", reason.as_ref())
}

fn illegal(reason: impl AsRef<str>) -> Step {
    Step::Bad(illegal_answer(reason))
}

fn too_long_answer() -> Response {
    bad_request(
        413,
        "content_too_long_exception",
        "request body is too large",
    )
}

impl Parser {
    /// Adds received bytes.
    pub fn feed(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// The next step; `eof` when the peer will send nothing more.
    pub fn next(&mut self, eof: bool) -> Step {
        // Empty lines before a request line are ignored (RFC 9112 2.2).
        let blank = self
            .buf
            .iter()
            .take_while(|b| **b == b'\r' || **b == b'\n')
            .count();
        if blank > 0 {
            self.buf.drain(..blank);
        }
        if self.buf.is_empty() {
            return Step::NeedMore;
        }
        let mut fields = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut parsed = httparse::Request::new(&mut fields);
        let head_len = match parsed.parse(&self.buf) {
            Ok(httparse::Status::Complete(n)) => n,
            Ok(httparse::Status::Partial) => {
                let line_end = self.buf.iter().position(|b| *b == b'\n');
                if line_end.unwrap_or(self.buf.len()) > MAX_INITIAL_LINE {
                    return Step::Bad(bad_request(
                        400,
                        "too_long_http_line_exception",
                        &format!("An HTTP line is larger than {MAX_INITIAL_LINE} bytes."),
                    ));
                }
                if self.buf.len() > MAX_INITIAL_LINE + MAX_HEADER_SIZE {
                    return Step::Bad(bad_request(
                        400,
                        "too_long_http_header_exception",
                        &format!("HTTP header is larger than {MAX_HEADER_SIZE} bytes."),
                    ));
                }
                if eof {
                    return illegal("incomplete HTTP request: the connection closed in its head");
                }
                return Step::NeedMore;
            }
            Err(httparse::Error::TooManyHeaders) => {
                return Step::Bad(bad_request(
                    400,
                    "too_long_http_header_exception",
                    &format!("HTTP request has more than {MAX_HEADERS} header fields."),
                ))
            }
            Err(e) => return illegal(format!("invalid HTTP request: {e}")),
        };
        let line_len = self.buf.iter().position(|b| *b == b'\n').unwrap_or(0);
        if line_len > MAX_INITIAL_LINE {
            return Step::Bad(bad_request(
                400,
                "too_long_http_line_exception",
                &format!("An HTTP line is larger than {MAX_INITIAL_LINE} bytes."),
            ));
        }
        if head_len > MAX_INITIAL_LINE + MAX_HEADER_SIZE {
            return Step::Bad(bad_request(
                400,
                "too_long_http_header_exception",
                &format!("HTTP header is larger than {MAX_HEADER_SIZE} bytes."),
            ));
        }
        let Some(method) = parsed
            .method
            .and_then(|m| http::Method::from_bytes(m.as_bytes()).ok())
        else {
            return illegal("invalid HTTP method");
        };
        let target = parsed.path.unwrap_or_default();
        let uri: http::Uri = match target.parse() {
            Ok(uri) if target.starts_with('/') || target.starts_with("http") => uri,
            _ => return illegal(format!("invalid uri [{target}]")),
        };
        let http11 = parsed.version == Some(1);
        let mut headers = http::HeaderMap::new();
        let mut lengths: Vec<&[u8]> = Vec::new();
        let mut transfer_encoding: Option<String> = None;
        for field in parsed.headers.iter() {
            let (Ok(name), Ok(value)) = (
                http::HeaderName::from_bytes(field.name.as_bytes()),
                http::HeaderValue::from_bytes(field.value),
            ) else {
                return illegal(format!("invalid header [{}]", field.name));
            };
            if name == http::header::CONTENT_LENGTH {
                lengths.push(field.value);
            } else if name == http::header::TRANSFER_ENCODING {
                let v = String::from_utf8_lossy(field.value).to_ascii_lowercase();
                transfer_encoding = Some(match transfer_encoding {
                    Some(before) => format!("{before}, {v}"),
                    None => v,
                });
            }
            headers.append(name, value);
        }
        let connection = headers
            .get_all(http::header::CONNECTION)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|t| t.trim().to_ascii_lowercase())
            .collect::<Vec<_>>();
        let keep_alive = if http11 {
            !connection.iter().any(|t| t == "close")
        } else {
            connection.iter().any(|t| t == "keep-alive")
        };
        let framing = match (transfer_encoding, lengths.as_slice()) {
            (Some(_), [_, ..]) => {
                return illegal("a request may not have both Content-Length and Transfer-Encoding")
            }
            (Some(te), []) => {
                if te.rsplit(',').next().map(str::trim) == Some("chunked") && http11 {
                    Framing::Chunked
                } else {
                    return illegal(format!("unsupported Transfer-Encoding [{te}]"));
                }
            }
            (None, []) => Framing::Length(0),
            (None, values) => match content_length(values) {
                Ok(n) => Framing::Length(n),
                Err(answer) => return Step::Bad(answer),
            },
        };
        if let Framing::Length(n) = framing {
            if n > MAX_BODY {
                return Step::Bad(too_long_answer());
            }
        }
        let expect_continue = headers
            .get(http::header::EXPECT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"));
        let body = match framing {
            Framing::Length(n) => {
                if self.buf.len() - head_len < n {
                    None
                } else {
                    Some((self.buf[head_len..head_len + n].to_vec(), head_len + n))
                }
            }
            Framing::Chunked => match dechunk(&self.buf[head_len..]) {
                Ok(Some((body, used))) => Some((body, head_len + used)),
                Ok(None) => None,
                Err(answer) => return Step::Bad(answer),
            },
        };
        let Some((body, used)) = body else {
            if eof {
                return illegal("incomplete HTTP request: the connection closed in its body");
            }
            if expect_continue && !self.continue_sent {
                self.continue_sent = true;
                return Step::ExpectContinue;
            }
            return Step::NeedMore;
        };
        self.buf.drain(..used);
        self.continue_sent = false;
        Step::Request(Request::new(method, &uri, headers, body), keep_alive)
    }
}

/// The value of the `Content-Length` fields: digits only, all the same.
fn content_length(values: &[&[u8]]) -> Result<usize, Response> {
    let mut found: Option<u64> = None;
    for raw in values {
        let text = String::from_utf8_lossy(raw);
        for part in text.split(',') {
            let part = part.trim();
            let n = if !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse::<u64>().unwrap_or(u64::MAX)
            } else if part.starts_with('-') && part[1..].bytes().all(|b| b.is_ascii_digit()) {
                return Err(illegal_answer(format!(
                    "Content-Length value must be >=0: {part}"
                )));
            } else {
                return Err(bad_request(
                    400,
                    "number_format_exception",
                    &format!("For input string: \"{part}\""),
                ));
            };
            match found {
                Some(before) if before != n => {
                    return Err(illegal_answer(format!(
                        "Multiple Content-Length values found: [{before}, {n}]"
                    )))
                }
                _ => found = Some(n),
            }
        }
    }
    let n = found.unwrap_or(0);
    usize::try_from(n).map_err(|_| too_long_answer())
}

/// Decodes a chunked body: `Ok(None)` while incomplete, else the body and the bytes used
/// (trailers included).
fn dechunk(data: &[u8]) -> Result<Option<(Vec<u8>, usize)>, Response> {
    let mut body = Vec::new();
    let mut at = 0;
    loop {
        let Some(line_end) = data[at..].windows(2).position(|w| w == b"\r\n") else {
            if data.len() - at > MAX_INITIAL_LINE {
                return Err(illegal_answer("invalid chunk size line"));
            }
            return Ok(None);
        };
        let line = String::from_utf8_lossy(&data[at..at + line_end]).into_owned();
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size = match usize::from_str_radix(size_text, 16) {
            Ok(n) if !size_text.is_empty() && size_text.len() <= 16 => n,
            _ => return Err(illegal_answer(format!("invalid chunk size [{size_text}]"))),
        };
        at += line_end + 2;
        if size == 0 {
            // Trailers, up to an empty line.
            loop {
                let Some(end) = data[at..].windows(2).position(|w| w == b"\r\n") else {
                    if data.len() - at > MAX_HEADER_SIZE {
                        return Err(illegal_answer("invalid chunked trailer"));
                    }
                    return Ok(None);
                };
                at += end + 2;
                if end == 0 {
                    return Ok(Some((body, at)));
                }
            }
        }
        if body.len().saturating_add(size) > MAX_BODY {
            return Err(too_long_answer());
        }
        if data.len() - at < size.saturating_add(2) {
            return Ok(None);
        }
        body.extend_from_slice(&data[at..at + size]);
        at += size;
        if &data[at..at + 2] != b"\r\n" {
            return Err(illegal_answer("invalid chunk: no CRLF after its data"));
        }
        at += 2;
    }
}

/// The bytes of an answer; `close` adds `Connection: close`.
pub(crate) fn render(response: &Response, close: bool) -> Vec<u8> {
    let status = http::StatusCode::from_u16(response.status)
        .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let mut out = Vec::with_capacity(response.body.len() + 256);
    out.extend_from_slice(
        format!(
            "HTTP/1.1 {} {}\r\n",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .as_bytes(),
    );
    for (name, value) in &response.headers {
        // Values come from the server itself (and echo X-Opaque-Id, already a valid value):
        // never a line break.
        if name.contains(['\r', '\n']) || value.contains(['\r', '\n']) {
            continue;
        }
        out.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    out.extend_from_slice(format!("content-length: {}\r\n", response.body.len()).as_bytes());
    if close {
        out.extend_from_slice(b"connection: close\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out.extend_from_slice(&response.body);
    out
}
