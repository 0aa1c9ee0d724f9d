//! A transport for users' own tests: requests are recorded, answers are scripted.

use crate::error::{TransportError, TransportErrorKind};
use crate::transport::{MaybeSend, Transport};
use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

/// A [`Transport`] that records every request and answers from a script, for testing code that
/// uses the client without a cluster. Cheap to clone: clones share the script and the record.
///
/// Answers are taken in order; when the script is used up, each further request gets the
/// fallback answer if one is set ([`fallback_json`](Self::fallback_json)), else a transport error
/// (kind [`Other`](TransportErrorKind::Other)) saying so. JSON answers carry
/// `X-Elastic-Product: Elasticsearch`, as the client expects of Elasticsearch.
///
/// ```
/// use security_core::mock::MockTransport;
/// use security_core::TransportErrorKind;
/// let mock = MockTransport::new()
///     .json(200, r#"{"created": true}"#)
///     .fail(TransportErrorKind::Timeout, "no answer in time");
/// // Give `mock.clone()` to a client (`SecurityClient::new(url, mock.clone())`), run the code
/// // under test, then check what it sent with `mock.requests()`.
/// assert_eq!(mock.remaining(), 2);
/// assert!(mock.requests().is_empty());
/// ```
#[derive(Clone, Debug, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    script: VecDeque<Scripted>,
    fallback: Option<http::Response<Vec<u8>>>,
    requests: Vec<http::Request<Vec<u8>>>,
}

#[derive(Debug)]
enum Scripted {
    Answer(http::Response<Vec<u8>>),
    Fail(TransportErrorKind, String),
}

/// An answer as Elasticsearch gives it: the status, the JSON body, the product header.
fn es_answer(status: u16, json: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(json.as_bytes().to_vec());
    *response.status_mut() =
        http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = response.headers_mut();
    headers.insert(
        "x-elastic-product",
        http::HeaderValue::from_static("Elasticsearch"),
    );
    headers.insert(
        http::header::CONTENT_TYPE,
        http::HeaderValue::from_static("application/json"),
    );
    response
}

impl MockTransport {
    /// A transport with an empty script.
    pub fn new() -> Self {
        Self::default()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds an Elasticsearch answer with this status and JSON body to the script.
    pub fn json(self, status: u16, json: impl AsRef<str>) -> Self {
        self.response(es_answer(status, json.as_ref()))
    }

    /// Adds any answer to the script (e.g. one without the product header, or with `Warning`
    /// headers).
    pub fn response(self, response: http::Response<Vec<u8>>) -> Self {
        self.state().script.push_back(Scripted::Answer(response));
        self
    }

    /// Adds a transport failure of `kind` to the script (a timeout, a refused connection, …).
    pub fn fail(self, kind: TransportErrorKind, message: impl Into<String>) -> Self {
        self.state()
            .script
            .push_back(Scripted::Fail(kind, message.into()));
        self
    }

    /// The answer to every request once the script is used up.
    pub fn fallback_json(self, status: u16, json: impl AsRef<str>) -> Self {
        self.state().fallback = Some(es_answer(status, json.as_ref()));
        self
    }

    /// The requests received so far, in order, each as it was sent: method, URI, headers, body
    /// and extensions (a per-request [`RequestTimeout`](crate::RequestTimeout) is one).
    pub fn requests(&self) -> Vec<http::Request<Vec<u8>>> {
        self.state()
            .requests
            .iter()
            .map(|r| {
                let mut copy = http::Request::new(r.body().clone());
                *copy.method_mut() = r.method().clone();
                *copy.uri_mut() = r.uri().clone();
                *copy.headers_mut() = r.headers().clone();
                *copy.extensions_mut() = r.extensions().clone();
                copy
            })
            .collect()
    }

    /// The number of scripted answers not used yet.
    pub fn remaining(&self) -> usize {
        self.state().script.len()
    }

    fn answer(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, TransportError> {
        let mut state = self.state();
        let what = format!("{} {}", request.method(), request.uri());
        state.requests.push(request);
        match state.script.pop_front() {
            Some(Scripted::Answer(response)) => Ok(response),
            Some(Scripted::Fail(kind, message)) => Err(TransportError::new(kind, message)),
            None => match &state.fallback {
                Some(fallback) => {
                    let mut response = http::Response::new(fallback.body().clone());
                    *response.status_mut() = fallback.status();
                    *response.headers_mut() = fallback.headers().clone();
                    Ok(response)
                }
                None => Err(TransportError::new(
                    TransportErrorKind::Other,
                    format!("MockTransport: no scripted answer left for {what}"),
                )),
            },
        }
    }
}

impl Transport for MockTransport {
    type Error = TransportError;

    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, TransportError>> + MaybeSend {
        let answer = self.answer(request);
        async move { answer }
    }

    fn error_kind(error: &TransportError) -> TransportErrorKind {
        error.kind()
    }
}
