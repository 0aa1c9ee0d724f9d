//! Errors of request building and response parsing.

use crate::transport::BoxError;
pub use security_types::common::ErrorCause;
use serde::Deserialize;
use std::fmt;

/// Everything that can go wrong with a Security API call.
///
/// `Display` and `Debug` are bounded: a text longer than 1,024 bytes (a reason, a decode
/// message, a transport error) is cut, keeping its head and saying how much was cut. `Debug`
/// never shows the raw body of an answer that failed to decode (it may hold a key or token), only
/// its size; the body stays readable in the field.
#[derive(thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built (empty path parameter, bad header value, …); nothing was sent.
    #[error("invalid request for {endpoint}: {}", Clip(.reason))]
    InvalidRequest {
        /// The endpoint, e.g. `security.get_user`.
        endpoint: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Elasticsearch answered with an error status.
    #[error(transparent)]
    Api(Box<ApiError>),
    /// A successful answer without `X-Elastic-Product: Elasticsearch`: the server is not Elasticsearch.
    #[error(
        "the server is not Elasticsearch: a {status} answer to {endpoint} had no `X-Elastic-Product: Elasticsearch` header"
    )]
    UnsupportedProduct {
        /// The endpoint called.
        endpoint: &'static str,
        /// The HTTP status of the answer.
        status: u16,
    },
    /// A successful answer whose body does not have the expected shape.
    #[error("cannot decode the answer of {endpoint} at `{}`: {}", Clip(.path), Clip(.message))]
    Decode {
        /// The endpoint called.
        endpoint: &'static str,
        /// The JSON path where decoding failed (`.` for the root).
        path: String,
        /// What serde said.
        message: String,
        /// The raw body (not shown by `Debug`: it may hold credentials).
        body: Vec<u8>,
    },
    /// The endpoint, or a parameter or body field that is set, needs a newer server: refused
    /// before sending when the server's version is known, else read from the server's refusal
    /// (which is kept).
    #[error("{}", Clip(.0))]
    NeedsNewerServer(Box<crate::version::NeedsNewerServer>),
    /// On a serverless target: the endpoint or a parameter does not exist on serverless
    /// projects, or the endpoint is private to Elastic and the call did not opt in. Nothing was
    /// sent.
    #[error("{}", Clip(.0))]
    NotOnServerless(Box<crate::version::NotOnServerless>),
    /// A paged stream cannot go on: a page did not move past the `search_after` that was sent
    /// (the server ignores it and would serve the same page forever), or an item of a full page
    /// has no sort values to continue after.
    #[error("cannot page through {endpoint}: {}", Clip(reason))]
    Pagination {
        /// The endpoint paged through, e.g. `security.query_user`.
        endpoint: &'static str,
        /// What went wrong.
        reason: String,
    },
    /// The transport failed (connection, TLS, timeout, …): [`TransportError::kind`] says which,
    /// whatever the transport; the transport's own error is its source.
    #[error("transport error: {}", Clip(.0))]
    Transport(#[source] TransportError),
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest { endpoint, reason } => f
                .debug_struct("InvalidRequest")
                .field("endpoint", endpoint)
                .field("reason", &Clip(reason))
                .finish(),
            Error::Api(api) => f.debug_tuple("Api").field(api).finish(),
            Error::UnsupportedProduct { endpoint, status } => f
                .debug_struct("UnsupportedProduct")
                .field("endpoint", endpoint)
                .field("status", status)
                .finish(),
            Error::Decode {
                endpoint,
                path,
                message,
                body,
            } => f
                .debug_struct("Decode")
                .field("endpoint", endpoint)
                .field("path", &Clip(path))
                .field("message", &Clip(message))
                .field("body", &BodySize(body.len()))
                .finish(),
            Error::NeedsNewerServer(needs) => f
                .debug_tuple("NeedsNewerServer")
                .field(&Clip(needs))
                .finish(),
            Error::NotOnServerless(not) => f.debug_tuple("NotOnServerless").field(not).finish(),
            Error::Pagination { endpoint, reason } => f
                .debug_struct("Pagination")
                .field("endpoint", endpoint)
                .field("reason", &Clip(reason))
                .finish(),
            Error::Transport(source) => f.debug_tuple("Transport").field(&Clip(source)).finish(),
        }
    }
}

/// The longest text an error shows of one of its parts, in bytes.
pub(crate) const MAX_SHOWN: usize = 1024;

/// Shows a value (`Display` or `Debug`) up to [`MAX_SHOWN`] bytes, then how much was cut.
pub(crate) struct Clip<T>(pub(crate) T);

impl<T: fmt::Display> fmt::Display for Clip<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        clipped(f, |w| fmt::write(w, format_args!("{}", self.0)))
    }
}

impl<T: fmt::Debug> fmt::Debug for Clip<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        clipped(f, |w| fmt::write(w, format_args!("{:?}", self.0)))
    }
}

/// Writes what `write` produces up to [`MAX_SHOWN`] bytes (cut at a character boundary), and
/// counts the rest without keeping it.
fn clipped(
    f: &mut fmt::Formatter<'_>,
    write: impl FnOnce(&mut Limited<'_, '_>) -> fmt::Result,
) -> fmt::Result {
    let mut limited = Limited {
        out: f,
        shown: 0,
        cut: 0,
        failed: false,
    };
    // An error from the value's own formatting is ignored: what it wrote so far is kept.
    let _ = write(&mut limited);
    if limited.failed {
        return Err(fmt::Error);
    }
    let cut = limited.cut;
    if cut > 0 {
        write!(f, "… [{cut} more bytes cut]")?;
    }
    Ok(())
}

struct Limited<'a, 'b> {
    out: &'a mut fmt::Formatter<'b>,
    shown: usize,
    cut: usize,
    failed: bool,
}

impl fmt::Write for Limited<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        // Once something was cut, everything after it is only counted.
        let room = if self.cut > 0 {
            0
        } else {
            MAX_SHOWN.saturating_sub(self.shown)
        };
        let mut end = room.min(s.len());
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        if end > 0 && self.out.write_str(&s[..end]).is_err() {
            self.failed = true;
        }
        self.shown += end;
        self.cut = self.cut.saturating_add(s.len() - end);
        Ok(())
    }
}

/// `Debug` of a body: its size only.
struct BodySize(usize);

impl fmt::Debug for BodySize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} bytes>", self.0)
    }
}

impl Error {
    /// Wraps a transport's own error; its kind is [`TransportErrorKind::Other`] unless it is a
    /// [`TransportError`] or an [`std::io::Error`] of a known kind.
    pub fn transport(error: impl Into<BoxError>) -> Self {
        Error::Transport(TransportError::from_boxed(
            TransportErrorKind::Other,
            error.into(),
        ))
    }

    /// Wraps a transport's own error of a known kind (what the client does with
    /// [`Transport::error_kind`](crate::Transport::error_kind)).
    pub fn transport_with_kind(kind: TransportErrorKind, error: impl Into<BoxError>) -> Self {
        Error::Transport(TransportError::from_boxed(kind, error.into()))
    }

    /// The transport's error, if the transport failed.
    pub fn transport_error(&self) -> Option<&TransportError> {
        match self {
            Error::Transport(e) => Some(e),
            _ => None,
        }
    }

    /// What kind of transport failure this is, if the transport failed.
    pub fn transport_kind(&self) -> Option<TransportErrorKind> {
        self.transport_error().map(TransportError::kind)
    }

    /// Whether Elasticsearch answered 404 Not Found (e.g. `get_user` of an unknown user).
    pub fn is_not_found(&self) -> bool {
        self.status_error().is_some_and(ApiError::is_not_found)
    }

    /// Whether Elasticsearch answered 409 Conflict (e.g. a `version_conflict_engine_exception`).
    pub fn is_conflict(&self) -> bool {
        self.status_error().is_some_and(ApiError::is_conflict)
    }

    /// Whether Elasticsearch answered 401 Unauthorized (missing, wrong or expired credentials).
    pub fn is_unauthorized(&self) -> bool {
        self.status_error().is_some_and(ApiError::is_unauthorized)
    }

    /// Whether Elasticsearch answered 403 Forbidden (authenticated, but not allowed).
    pub fn is_forbidden(&self) -> bool {
        self.status_error().is_some_and(ApiError::is_forbidden)
    }

    /// Elasticsearch's own error answer (not the refusal kept by [`Error::NeedsNewerServer`],
    /// which the `is_*` status questions leave out).
    fn status_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            _ => None,
        }
    }

    /// Whether the transport gave up waiting for the answer ([`TransportErrorKind::Timeout`]).
    /// An Elasticsearch error status is never a timeout here, whatever its status.
    pub fn is_timeout(&self) -> bool {
        self.transport_kind() == Some(TransportErrorKind::Timeout)
    }

    /// Whether no connection could be made to the server ([`TransportErrorKind::Connect`]:
    /// refused, unreachable, name not resolved): nothing reached it.
    pub fn is_connect(&self) -> bool {
        self.transport_kind() == Some(TransportErrorKind::Connect)
    }

    /// The HTTP status of an answer that failed, if there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(api) => Some(api.status),
            Error::UnsupportedProduct { status, .. } => Some(*status),
            Error::NeedsNewerServer(e) => e.refusal.as_ref().map(|r| r.status),
            _ => None,
        }
    }

    /// The Elasticsearch error, if the server answered with one (also the refusal kept in
    /// [`Error::NeedsNewerServer`]).
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(api) => Some(api),
            Error::NeedsNewerServer(e) => e.refusal.as_deref(),
            _ => None,
        }
    }

    /// Whether the answer says that what was asked for does not exist (see
    /// [`ApiError::is_absent`]); [`OptionalExt::optional`] turns such an error into `None`.
    pub fn is_absent(&self) -> bool {
        self.api().is_some_and(ApiError::is_absent)
    }

    pub(crate) fn invalid(endpoint: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidRequest {
            endpoint,
            reason: reason.into(),
        }
    }
}

/// An error as Elasticsearch reports it: status, `error.type`, `reason`, causes, and the raw body.
///
/// `Display` and `Debug` are bounded as [`Error`]'s are; `Debug` shows the body's size only.
#[derive(Clone, PartialEq)]
pub struct ApiError {
    /// The endpoint called.
    pub endpoint: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// `error.type`, e.g. `security_exception`; `None` when the body is not an ES error object.
    pub error_type: Option<String>,
    /// `error.reason`, or the body's text when it is not an ES error object.
    pub reason: Option<String>,
    /// `error.root_cause`.
    pub root_cause: Vec<ErrorCause>,
    /// `error.caused_by`.
    pub caused_by: Option<Box<ErrorCause>>,
    /// The whole `error` object as sent (additional fields such as `header` or `resource.id`).
    pub error: Option<serde_json::Value>,
    /// The raw body.
    pub body: Vec<u8>,
}

/// `{"error": ...}`: an object (Elasticsearch's errors) or a text (some proxies' and old
/// servers'); anything else is read as a text body. Taken as a `Value` and matched, rather than
/// an untagged enum: that would buffer through serde's private `Content` type, whose code the
/// browser bundle would carry for this alone.
#[derive(Deserialize)]
struct ErrorBody {
    error: serde_json::Value,
}

/// Decodes a part of an error body on its own, `None` if it does not fit `T` (the rest of the
/// error still reads). Written out and read back rather than `from_value`: that reuses the
/// body decoders every answer already has, instead of a second, `Value`-side copy of them in
/// the browser bundle; errors are the rare path, so the round trip costs nothing that counts.
fn decode_value<T: serde::de::DeserializeOwned>(value: &serde_json::Value) -> Option<T> {
    let bytes = serde_json::to_vec(value).ok()?;
    serde_json::from_slice(&bytes).ok()
}

impl ApiError {
    /// Reads an error answer. Any body gives a useful error: ES error objects are decoded, other
    /// JSON and text are kept as the reason.
    pub fn from_parts(endpoint: &'static str, status: u16, body: Vec<u8>) -> Self {
        let mut err = ApiError {
            endpoint,
            status,
            error_type: None,
            reason: None,
            root_cause: Vec::new(),
            caused_by: None,
            error: None,
            body,
        };
        let error = serde_json::from_slice::<ErrorBody>(&err.body).map(|body| body.error);
        match error {
            Ok(serde_json::Value::Object(map)) => {
                let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_owned);
                err.error_type = text("type");
                err.reason = text("reason");
                err.root_cause = map
                    .get("root_cause")
                    .and_then(decode_value)
                    .unwrap_or_default();
                err.caused_by = map.get("caused_by").and_then(decode_value);
                err.error = Some(serde_json::Value::Object(map));
            }
            Ok(serde_json::Value::String(text)) => err.reason = Some(text),
            _ => {
                let text = String::from_utf8_lossy(&err.body);
                let text = text.trim();
                if !text.is_empty() && text != "{}" {
                    let mut short: String = text.chars().take(500).collect();
                    if short.len() < text.len() {
                        short.push('…');
                    }
                    err.reason = Some(short);
                }
            }
        }
        err
    }

    /// Whether the status is 404 Not Found.
    pub fn is_not_found(&self) -> bool {
        self.status == 404
    }

    /// Whether this is Elasticsearch saying that what was asked for does not exist: a 404
    /// with the endpoint's ordinary JSON body (get_user, get_role, get_role_mapping and
    /// get_privileges answer `{}`, the delete endpoints `{"found": false}`) or with a
    /// `resource_not_found_exception` (get_api_key of an unknown id or name).
    ///
    /// Any other 404 is not: a proxy's page, an HTML or text body, or another error type
    /// (`index_not_found_exception`, …) means something else went wrong.
    pub fn is_absent(&self) -> bool {
        if self.status != 404 {
            return false;
        }
        match &self.error_type {
            Some(error_type) => error_type == "resource_not_found_exception",
            None => {
                serde_json::from_slice::<serde_json::Map<String, serde_json::Value>>(&self.body)
                    .is_ok_and(|map| !map.contains_key("error"))
            }
        }
    }

    /// Whether the status is 409 Conflict (e.g. a `version_conflict_engine_exception`).
    pub fn is_conflict(&self) -> bool {
        self.status == 409
    }

    /// Whether the status is 401 Unauthorized (missing or wrong credentials).
    pub fn is_unauthorized(&self) -> bool {
        self.status == 401
    }

    /// Whether the status is 403 Forbidden (authenticated, but not allowed).
    pub fn is_forbidden(&self) -> bool {
        self.status == 403
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} answered {}", self.endpoint, self.status)?;
        if let Some(kind) = &self.error_type {
            write!(f, " {}", Clip(kind))?;
        }
        if let Some(reason) = &self.reason {
            write!(f, ": {}", Clip(reason))?;
        }
        if let Some(cause) = &self.caused_by {
            write!(f, " (caused by {}", Clip(&cause.error_type))?;
            if let Some(reason) = &cause.reason {
                write!(f, ": {}", Clip(reason))?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl fmt::Debug for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ApiError")
            .field("endpoint", &self.endpoint)
            .field("status", &self.status)
            .field("error_type", &Clip(&self.error_type))
            .field("reason", &Clip(&self.reason))
            .field("root_cause", &Clip(&self.root_cause))
            .field("caused_by", &Clip(&self.caused_by))
            .field("error", &Clip(&self.error))
            .field("body", &BodySize(self.body.len()))
            .finish()
    }
}

impl std::error::Error for ApiError {}

/// What kind of failure a transport reports, the same for every transport, so a program can tell
/// a timeout from a refused connection without knowing the transport's own error type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (refused, unreachable, name not resolved, connect timeout):
    /// nothing reached the server.
    Connect,
    /// The TLS handshake failed (untrusted certificate, fingerprint mismatch, client certificate
    /// refused): nothing reached the server.
    Tls,
    /// No complete answer came in time (the request timeout); the server may have received the
    /// request.
    Timeout,
    /// The connection broke after the request was sent (reset, closed before the answer was
    /// complete): the server may have received the request.
    Interrupted,
    /// No HTTP answer, and the transport cannot tell why: a browser's failed `fetch` (the server
    /// is unreachable, or the browser blocked the answer, e.g. by CORS; browsers do not tell a
    /// page which).
    Network,
    /// The request was aborted by its caller (e.g. the browser transport's abort signal).
    Aborted,
    /// The server answered with a redirect, which the transport does not follow.
    Redirect,
    /// The transport could not send the request as it is; nothing was sent.
    InvalidRequest,
    /// The answer could not be read (an invalid status or header, or over the transport's size
    /// limit).
    InvalidResponse,
    /// Anything else (a custom transport's error of no known kind, a request hook's error).
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "cannot connect",
            TransportErrorKind::Tls => "TLS handshake failed",
            TransportErrorKind::Timeout => "timed out",
            TransportErrorKind::Interrupted => "connection interrupted",
            TransportErrorKind::Network => "network error",
            TransportErrorKind::Aborted => "aborted",
            TransportErrorKind::Redirect => "redirected",
            TransportErrorKind::InvalidRequest => "invalid request",
            TransportErrorKind::InvalidResponse => "invalid response",
            TransportErrorKind::Other => "transport error",
        })
    }
}

impl TransportErrorKind {
    /// The kind of an I/O error, for transports built on `std::io`.
    pub fn from_io(kind: std::io::ErrorKind) -> Self {
        use std::io::ErrorKind as Io;
        match kind {
            Io::ConnectionRefused
            | Io::NotConnected
            | Io::AddrNotAvailable
            | Io::HostUnreachable
            | Io::NetworkUnreachable => TransportErrorKind::Connect,
            Io::TimedOut => TransportErrorKind::Timeout,
            Io::ConnectionReset | Io::ConnectionAborted | Io::BrokenPipe | Io::UnexpectedEof => {
                TransportErrorKind::Interrupted
            }
            _ => TransportErrorKind::Other,
        }
    }
}

/// A transport's failure: its [`kind`](Self::kind), the same for every transport, and the
/// transport's own error (its `source`, e.g. the native transport's error naming the node).
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    source: BoxError,
}

impl TransportError {
    /// A transport error of `kind`.
    pub fn new(kind: TransportErrorKind, error: impl Into<BoxError>) -> Self {
        Self::from_boxed(kind, error.into())
    }

    /// `kind` unless the error says better: a boxed `TransportError` is taken as it is, an
    /// `std::io::Error` of a known kind gives that kind when `kind` is `Other`.
    fn from_boxed(kind: TransportErrorKind, error: BoxError) -> Self {
        let error = match error.downcast::<TransportError>() {
            Ok(inner) if kind == TransportErrorKind::Other || inner.kind == kind => return *inner,
            Ok(inner) => inner.source,
            Err(error) => error,
        };
        let kind = match (kind, error.downcast_ref::<std::io::Error>()) {
            (TransportErrorKind::Other, Some(io)) => TransportErrorKind::from_io(io.kind()),
            (kind, _) => kind,
        };
        TransportError {
            kind,
            source: error,
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// The transport's own error.
    pub fn get_ref(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.source
    }

    /// The transport's own error, if it is an `E` (e.g. the native transport's error, to read
    /// the node it went to).
    pub fn downcast_ref<E: std::error::Error + 'static>(&self) -> Option<&E> {
        self.source.downcast_ref::<E>()
    }

    /// The transport's own error, owned.
    pub fn into_inner(self) -> BoxError {
        self.source
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.source, f)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}

/// "Absent is not an error": turns the answer "this does not exist" into `Ok(None)`.
///
/// Elasticsearch answers 404 when a named user, role, role mapping, API key, application
/// privilege or service token does not exist, which the client reports as [`Error::Api`].
/// `.optional()` on the result makes that `Ok(None)` (see [`ApiError::is_absent`] for which
/// answers count), keeps every other error, and wraps a found value in `Some`.
///
/// ```
/// use security_core::{users::GetUser, Endpoint, OptionalExt};
///
/// let missing = http::Response::builder()
///     .status(404)
///     .header("x-elastic-product", "Elasticsearch")
///     .body(b"{}".to_vec())
///     .unwrap();
/// assert!(GetUser::decode(missing).optional().unwrap().is_none());
/// ```
///
/// With a client (`use security_client::OptionalExt;`):
///
/// ```text
/// match client.get_user("jacknich").await.optional()? {
///     Some(users) => println!("{:?}", users["jacknich"].roles),
///     None => println!("no such user"),
/// }
/// ```
///
/// With several names, a missing one is simply left out of the answer; `None` means that none
/// exists. Newer servers answer get_api_key of an unknown key with an empty list (200) rather
/// than a 404: check `api_keys.is_empty()` too.
pub trait OptionalExt<T> {
    /// `Ok(Some(value))`, `Ok(None)` when the server said the object does not exist, or the
    /// error.
    fn optional(self) -> Result<Option<T>, Error>;
}

impl<T> OptionalExt<T> for Result<T, Error> {
    fn optional(self) -> Result<Option<T>, Error> {
        match self {
            Ok(value) => Ok(Some(value)),
            Err(error) if error.is_absent() => Ok(None),
            Err(error) => Err(error),
        }
    }
}
