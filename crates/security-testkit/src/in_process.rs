//! The test server without sockets: requests go straight to its handlers, in the caller's task.

use crate::dispatch::{dispatch, Request, Shared};
use crate::Config;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

/// The future of one in-process answer: ready at once, never an error.
pub type Answer = std::future::Ready<Result<http::Response<Vec<u8>>, Infallible>>;

/// The test server's security API in process: no socket, no thread, no runtime. Cheap to clone
/// (clones share the state). [`transport`](Self::transport) is a transport for
/// `SecurityClient::new` (any closure is one).
///
/// ```
/// use security_testkit::{Config, InProcess};
/// let kit = InProcess::new(Config::default().elastic_password("changeme"));
/// let request = http::Request::get("http://testkit/_security/_authenticate")
///     .header("authorization", "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==")
///     .body(Vec::new())
///     .unwrap();
/// assert_eq!(kit.handle(request).status(), 200);
/// ```
#[derive(Clone)]
pub struct InProcess {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for InProcess {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("InProcess").finish_non_exhaustive()
    }
}

impl InProcess {
    /// A fresh in-memory server with `config` (its port and CORS settings do not apply).
    pub fn new(config: Config) -> Self {
        InProcess {
            shared: Arc::new(Shared::new(config)),
        }
    }

    /// Answers one request as the test server would over HTTP (the host of its URI is ignored).
    pub fn handle(&self, request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        let (parts, body) = request.into_parts();
        let request = Request::new(parts.method, &parts.uri, parts.headers, body);
        let answer = dispatch(&self.shared, request);
        let mut response = http::Response::new(answer.body);
        *response.status_mut() = http::StatusCode::from_u16(answer.status)
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR);
        for (name, value) in answer.headers {
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::try_from(name),
                http::HeaderValue::try_from(value),
            ) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }

    /// A transport that answers with [`handle`](Self::handle): give it to
    /// `SecurityClient::new("http://testkit", kit.transport())`.
    pub fn transport(
        &self,
    ) -> impl Fn(http::Request<Vec<u8>>) -> Answer + Clone + Send + Sync + 'static {
        let kit = self.clone();
        move |request| std::future::ready(Ok(kit.handle(request)))
    }

    /// Moves the server's clock forward (token and API-key expiry), as
    /// [`TestServer::advance_time`](crate::TestServer::advance_time).
    pub fn advance_time(&self, by: Duration) {
        self.shared.advance_clock(by);
    }
}
