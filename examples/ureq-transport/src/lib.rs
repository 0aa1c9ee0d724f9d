//! A [`Transport`] for the Security API client over [ureq](https://docs.rs/ureq), a blocking
//! HTTP library: what it takes to plug any HTTP library into the client.
//!
//! The contract every transport keeps:
//! - **every HTTP answer is `Ok(response)`**, 4xx and 5xx included: the client reads
//!   Elasticsearch's errors (and "does not exist" answers, for `.optional()`) from them. ureq,
//!   like many HTTP libraries, turns a 4xx/5xx into an `Err` by default:
//!   `http_status_as_error(false)` switches that off;
//! - **`Err` only when there is no answer** (connection, TLS, timeout), with its
//!   [`TransportErrorKind`] when the library says which;
//! - the request goes out as built (every header, the body bytes), redirects are not followed,
//!   and a [`RequestTimeout`] on the request is honoured.
//!
//! ureq blocks the calling thread: [`UreqTransport`]'s future does all its work when first
//! polled. Drive the client with `futures::executor::block_on` (see `src/main.rs`), or, from an
//! async runtime, call it inside `spawn_blocking` (see `tests/contract.rs`).

use security_client::sans_io::http;
use security_client::sans_io::{RequestTimeout, TransportErrorKind};
use security_client::Transport;
use std::future::Future;

/// The largest answer read, in bytes (`get_api_key` of many keys can be large).
const MAX_BODY: u64 = 256 * 1024 * 1024;

/// A [`Transport`] over a ureq [`Agent`](ureq::Agent).
#[derive(Clone, Debug)]
pub struct UreqTransport {
    agent: ureq::Agent,
}

impl UreqTransport {
    /// A transport with a fresh agent: 4xx/5xx answers are answers, no redirects.
    pub fn new() -> Self {
        let config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .build();
        UreqTransport {
            agent: ureq::Agent::new_with_config(config),
        }
    }

    /// Sends one request and reads the whole answer (blocking).
    fn send_blocking(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, ureq::Error> {
        let timeout = request.extensions().get::<RequestTimeout>().map(|t| t.0);
        let request = self
            .agent
            .configure_request(request)
            .timeout_global(timeout)
            .build();
        let response = self.agent.run(request)?;
        let (parts, mut body) = response.into_parts();
        let bytes = body.with_config().limit(MAX_BODY).read_to_vec()?;
        Ok(http::Response::from_parts(parts, bytes))
    }
}

impl Default for UreqTransport {
    fn default() -> Self {
        UreqTransport::new()
    }
}

impl Transport for UreqTransport {
    type Error = ureq::Error;

    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, ureq::Error>> + Send {
        let transport = self.clone();
        async move { transport.send_blocking(request) }
    }

    fn error_kind(error: &ureq::Error) -> TransportErrorKind {
        match error {
            ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => {
                TransportErrorKind::Connect
            }
            ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
            ureq::Error::Io(io) => TransportErrorKind::from_io(io.kind()),
            ureq::Error::TooManyRedirects | ureq::Error::RedirectFailed => {
                TransportErrorKind::Redirect
            }
            ureq::Error::BodyExceedsLimit(_) => TransportErrorKind::InvalidResponse,
            _ => TransportErrorKind::Other,
        }
    }
}
