//! The transport's errors: each says which node and what happened.

use security_core::TransportErrorKind;
use std::error::Error as StdError;
use std::time::Duration;

/// A boxed error, as returned by request hooks.
pub type BoxError = Box<dyn StdError + Send + Sync>;

/// Why a request failed in the transport.
///
/// Every variant names the node (its base URL) and, where retries apply, how many attempts were
/// made in all. A status that is still retryable after the last attempt (e.g. 503) is not an
/// error of the transport: the answer is returned, and the client reports Elasticsearch's own
/// error with its status, type and reason, as the official clients do (the node is then in the
/// answer's [`ServedBy`](crate::ServedBy) extension).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// No connection could be made (refused, unreachable, DNS, connect timeout): nothing reached
    /// the server.
    #[error("cannot connect to {node} after {attempts} attempt(s): {cause}")]
    Connect {
        /// The node's base URL.
        node: String,
        /// Attempts made in all.
        attempts: u32,
        /// What the operating system or resolver said, e.g. `Connection refused (os error 111)`.
        cause: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The TLS handshake failed: the certificate is not trusted, does not match the pinned
    /// fingerprint, or the server refused the client certificate. Nothing reached the server.
    #[error("TLS handshake with {node} failed after {attempts} attempt(s): {cause}")]
    Tls {
        /// The node's base URL.
        node: String,
        /// Attempts made in all.
        attempts: u32,
        /// What rustls said, e.g. `invalid peer certificate: UnknownIssuer`.
        cause: String,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The node did not answer in time (the request timeout, or the per-request one).
    #[error("{node} did not answer in time{} after {attempts} attempt(s){}", timeout_note(timeout), not_resent_note(*not_resent))]
    Timeout {
        /// The node's base URL.
        node: String,
        /// Attempts made in all.
        attempts: u32,
        /// The timeout that expired (`None` when none was set and the system gave up).
        timeout: Option<Duration>,
        /// Whether a retry was left out because the request is not safe to repeat (see
        /// [`is_repeatable`](crate::is_repeatable)).
        not_resent: bool,
        /// reqwest's error, when it gave up (a timeout of your own `reqwest::Client`); `None`
        /// when the transport's request timeout expired.
        #[source]
        source: Option<reqwest::Error>,
    },
    /// The connection failed after the request was sent (reset, closed before the answer was
    /// complete, bad compressed body): the server may have received the request.
    #[error("the exchange with {node} failed after {attempts} attempt(s): {cause}{}", not_resent_note(*not_resent))]
    Connection {
        /// The node's base URL.
        node: String,
        /// Attempts made in all.
        attempts: u32,
        /// What went wrong, e.g. `connection closed before message completed`.
        cause: String,
        /// Whether a retry was left out because the request is not safe to repeat.
        not_resent: bool,
        /// The underlying error.
        #[source]
        source: reqwest::Error,
    },
    /// The node answered with a redirect, which this transport never follows.
    #[error("{node} answered {status} redirecting to {}: redirects are not followed", location.as_deref().unwrap_or("(no Location header)"))]
    Redirect {
        /// The node's base URL.
        node: String,
        /// The HTTP status (301, 302, 303, 307 or 308).
        status: u16,
        /// The `Location` header, if any.
        location: Option<String>,
    },
    /// The answer is larger than the limit ([`Builder::max_answer_size`](crate::Builder::max_answer_size),
    /// counted after decompression): reading stopped there, and the request was not sent again.
    #[error("the answer of {node} is larger than the limit of {limit} bytes (Builder::max_answer_size); reading stopped")]
    AnswerTooLarge {
        /// The node's base URL.
        node: String,
        /// Attempts made in all.
        attempts: u32,
        /// The HTTP status of the answer.
        status: u16,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The request hook (see [`Builder::on_request`](crate::Builder::on_request)) refused the
    /// request; nothing was sent.
    #[error("the request hook failed for {node}: {source}")]
    Hook {
        /// The node's base URL.
        node: String,
        /// The hook's error.
        #[source]
        source: BoxError,
    },
    /// The request cannot be sent as it is (e.g. a URI that does not make a valid URL with the
    /// node's base URL); nothing was sent.
    #[error("cannot send the request to {node}: {reason}")]
    InvalidRequest {
        /// The node's base URL.
        node: String,
        /// What is wrong.
        reason: String,
    },
}

fn timeout_note(timeout: &Option<Duration>) -> String {
    match timeout {
        Some(t) => format!(" ({t:?})"),
        None => String::new(),
    }
}

fn not_resent_note(not_resent: bool) -> &'static str {
    if not_resent {
        " (not re-sent: the request may have reached the server and is not safe to repeat; \
         see Builder::retry_non_idempotent)"
    } else {
        ""
    }
}

impl Error {
    /// The base URL of the node the last attempt went to.
    pub fn node(&self) -> &str {
        match self {
            Error::Connect { node, .. }
            | Error::Tls { node, .. }
            | Error::Timeout { node, .. }
            | Error::Connection { node, .. }
            | Error::Redirect { node, .. }
            | Error::AnswerTooLarge { node, .. }
            | Error::Hook { node, .. }
            | Error::InvalidRequest { node, .. } => node,
        }
    }

    /// How many attempts were made (1 when the first attempt was final).
    pub fn attempts(&self) -> u32 {
        match self {
            Error::Connect { attempts, .. }
            | Error::Tls { attempts, .. }
            | Error::Timeout { attempts, .. }
            | Error::Connection { attempts, .. }
            | Error::AnswerTooLarge { attempts, .. } => *attempts,
            Error::Redirect { .. } | Error::Hook { .. } | Error::InvalidRequest { .. } => 1,
        }
    }

    /// The kind of failure, as every transport reports it (what the client's
    /// `Error::transport_kind` gives).
    pub fn kind(&self) -> TransportErrorKind {
        match self {
            Error::Connect { .. } => TransportErrorKind::Connect,
            Error::Tls { .. } => TransportErrorKind::Tls,
            Error::Timeout { .. } => TransportErrorKind::Timeout,
            Error::Connection { .. } => TransportErrorKind::Interrupted,
            Error::Redirect { .. } => TransportErrorKind::Redirect,
            Error::AnswerTooLarge { .. } => TransportErrorKind::InvalidResponse,
            Error::Hook { .. } => TransportErrorKind::Other,
            Error::InvalidRequest { .. } => TransportErrorKind::InvalidRequest,
        }
    }

    /// Whether the request timed out.
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        matches!(self, Error::Connect { .. })
    }

    /// Whether the TLS handshake failed.
    pub fn is_tls(&self) -> bool {
        matches!(self, Error::Tls { .. })
    }

    /// Whether the answer was larger than the limit.
    pub fn is_too_large(&self) -> bool {
        matches!(self, Error::AnswerTooLarge { .. })
    }

    /// Whether a retry was left out because the request is not safe to repeat.
    pub fn was_not_resent(&self) -> bool {
        matches!(
            self,
            Error::Timeout {
                not_resent: true,
                ..
            } | Error::Connection {
                not_resent: true,
                ..
            }
        )
    }
}

/// A problem with the transport's configuration, found by [`Builder::build`](crate::Builder::build).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// No node URL was given.
    #[error("no Elasticsearch node URL was given")]
    NoNodes,
    /// A node URL cannot be used.
    #[error("invalid node URL {url:?}: {reason}")]
    InvalidNode {
        /// The URL as given (without any user information).
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// The Elastic Cloud ID cannot be read.
    #[error("invalid Elastic Cloud ID: {0}")]
    InvalidCloudId(String),
    /// A CA fingerprint is not 64 hexadecimal digits (colons allowed).
    #[error("invalid CA fingerprint {0:?}: expected the SHA-256 as 64 hex digits, with or without colons")]
    InvalidFingerprint(String),
    /// A PEM certificate or key cannot be read.
    #[error("invalid {what}: {reason}")]
    InvalidPem {
        /// Which input: `CA certificate`, `client certificate` or `client key`.
        what: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// Two settings that exclude each other were given.
    #[error("{0}")]
    Conflict(String),
    /// Default credentials that cannot be put into a header.
    #[error(transparent)]
    InvalidCredentials(#[from] security_core::InvalidCredentials),
    /// A default header that is not valid.
    #[error("invalid default header {0:?}")]
    InvalidHeader(String),
    /// rustls refused the TLS configuration (e.g. an unsupported client key).
    #[error("TLS configuration: {0}")]
    Tls(#[from] rustls::Error),
    /// reqwest could not build its client.
    #[error("cannot build the HTTP client: {0}")]
    Client(#[source] reqwest::Error),
}

/// The innermost message of an error chain (e.g. `Connection refused (os error 111)`), looking
/// inside `io::Error`s, whose `source()` skips the error they wrap.
pub(crate) fn root_cause(err: &(dyn StdError + 'static)) -> String {
    let mut last = err.to_string();
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        last = e.to_string();
        current = match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn StdError + 'static)),
            None => e.source(),
        };
    }
    last
}

/// The rustls error in an error chain, if any.
pub(crate) fn find_rustls<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a rustls::Error> {
    let mut current: Option<&'a (dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(tls) = e.downcast_ref::<rustls::Error>() {
            return Some(tls);
        }
        current = match e
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &'a (dyn StdError + 'static)),
            None => e.source(),
        };
    }
    None
}
