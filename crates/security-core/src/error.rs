//! Errors of request building and response parsing.

pub use security_types::common::ErrorCause;
use serde::Deserialize;
use std::fmt;

/// Everything that can go wrong with a Security API call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request could not be built (empty path parameter, bad header value, …); nothing was sent.
    #[error("invalid request for {endpoint}: {reason}")]
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
    #[error("cannot decode the answer of {endpoint} at `{path}`: {message}")]
    Decode {
        /// The endpoint called.
        endpoint: &'static str,
        /// The JSON path where decoding failed (`.` for the root).
        path: String,
        /// What serde said.
        message: String,
        /// The raw body.
        body: Vec<u8>,
    },
    /// The endpoint, or a parameter or body field that is set, needs a newer server: refused
    /// before sending when the server's version is known, else read from the server's refusal
    /// (which is kept).
    #[error("{0}")]
    NeedsNewerServer(Box<crate::version::NeedsNewerServer>),
    /// The transport failed (connection, TLS, timeout, …); see the source.
    #[error("transport error: {0}")]
    Transport(#[source] Box<dyn std::error::Error + Send + Sync>),
}

impl Error {
    /// Wraps a transport's own error.
    pub fn transport(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        Error::Transport(error.into())
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

    pub(crate) fn invalid(endpoint: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidRequest {
            endpoint,
            reason: reason.into(),
        }
    }
}

/// An error as Elasticsearch reports it: status, `error.type`, `reason`, causes, and the raw body.
#[derive(Clone, Debug, PartialEq)]
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

#[derive(Deserialize)]
struct ErrorBody {
    error: ErrorField,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ErrorField {
    Object(serde_json::Map<String, serde_json::Value>),
    Text(String),
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
        match serde_json::from_slice::<ErrorBody>(&err.body) {
            Ok(ErrorBody {
                error: ErrorField::Object(map),
            }) => {
                let text = |key: &str| map.get(key).and_then(|v| v.as_str()).map(str::to_owned);
                err.error_type = text("type");
                err.reason = text("reason");
                err.root_cause = map
                    .get("root_cause")
                    .and_then(|v| serde_json::from_value(v.clone()).ok())
                    .unwrap_or_default();
                err.caused_by = map
                    .get("caused_by")
                    .and_then(|v| serde_json::from_value(v.clone()).ok());
                err.error = Some(serde_json::Value::Object(map));
            }
            Ok(ErrorBody {
                error: ErrorField::Text(text),
            }) => err.reason = Some(text),
            Err(_) => {
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
            write!(f, " {kind}")?;
        }
        if let Some(reason) = &self.reason {
            write!(f, ": {reason}")?;
        }
        if let Some(cause) = &self.caused_by {
            write!(f, " (caused by {}", cause.error_type)?;
            if let Some(reason) = &cause.reason {
                write!(f, ": {reason}")?;
            }
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}
