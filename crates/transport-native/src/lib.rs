//! The native transport of the Elasticsearch Security API client: [`security_core::Transport`]
//! on `reqwest` with rustls (no OpenSSL, no C toolchain), for servers.
//!
//! Most users get it through `security-client` (`SecurityClient::connect(url)` or
//! `SecurityClient::from_native(transport)`); it can also send any `http::Request` on its own.
//!
//! # Nodes
//!
//! One or several base URLs, or an Elastic Cloud ID. Requests go round-robin over the live nodes.
//! A node that fails at the connection level is left out for a back-off that doubles with each
//! failure in a row (1 s up to 60 s by default) and then tried again; when every node is down,
//! the one that failed least recently is tried rather than failing outright.
//!
//! ```no_run
//! use transport_native::NativeTransport;
//! # fn demo() -> Result<(), transport_native::BuildError> {
//! let transport = NativeTransport::builder()
//!     .nodes(["https://es1.example:9200", "https://es2.example:9200"])
//!     .build()?;
//! let cloud = NativeTransport::builder()
//!     .cloud_id("my-deployment:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbyRjZWM2ZjI2MWE3NGJmMjRjZTMzYmI4ODExYjg0Mjk0ZiRjNmMyY2E2ZDA0MjI0OWFmMGNjN2Q3YTllOTYyNTc0Mw==")
//!     .build()?;
//! # let _ = (transport, cloud); Ok(()) }
//! ```
//!
//! The URI of each request is rewritten for the node chosen: when it starts with one of the
//! nodes' URLs, that part is replaced by the chosen node's URL; otherwise its path and query are
//! appended to the chosen node's URL. The base URL a `SecurityClient` was built with thus only
//! serves as a template; `SecurityClient::from_native` uses the first node.
//!
//! # Retries
//!
//! Connection errors and the statuses 429, 502, 503 and 504 are retried, up to 3 times by
//! default, on the next node, after a back-off that doubles (100 ms up to 10 s) with jitter. A
//! connection error fails over to another live node at once. A 429 or 503 with `Retry-After`
//! (seconds or an HTTP date) waits what the server asked instead, up to
//! [`Builder::max_retry_after`] (30 s); when the server asks for longer, its answer is returned
//! at once.
//!
//! Requests that create credentials (`get_token`, `create_api_key`, `grant_api_key`,
//! `create_service_token`, `enroll_kibana`, `saml_authenticate`, and the newer
//! `create_cross_cluster_api_key`, `clone_api_key`, `oidc_authenticate`, `delegate_pki`) are only sent again when they
//! cannot have reached the server (connection refused, TLS handshake failed), unless you opt in
//! with [`Builder::retry_non_idempotent`]. The request itself says so (see [`is_repeatable`]),
//! never its URL. Timeouts are not retried unless [`Builder::retry_on_timeout`] says so.
//!
//! ```
//! use std::time::Duration;
//! let builder = transport_native::NativeTransport::builder()
//!     .node("https://localhost:9200")
//!     .max_retries(5)
//!     .retry_on_status([429, 503])
//!     .retry_backoff(Duration::from_millis(200), Duration::from_secs(5))
//!     .max_retry_after(Duration::from_secs(10))
//!     .retry_on_timeout(true)
//!     .dead_node_backoff(Duration::from_secs(2), Duration::from_secs(120));
//! # let _ = builder;
//! ```
//!
//! A status that is still retryable after the last attempt is returned as the answer, so the
//! client reports Elasticsearch's own error (`Error::Api` with the status, type and reason);
//! the node that answered is in the answer's [`ServedBy`] extension.
//!
//! # Answer size
//!
//! An answer is read into memory up to [`Builder::max_answer_size`] (default 100 MiB), counted
//! after decompression; a larger one (an endless body, a gzip bomb) stops the reading at the
//! limit with [`Error::AnswerTooLarge`].
//!
//! # Timeouts
//!
//! A connect timeout (10 s) and a request timeout per attempt (30 s); a request's own timeout
//! (`.request_timeout(..)` on a client request, the [`RequestTimeout`]
//! extension) replaces the latter.
//!
//! ```
//! use std::time::Duration;
//! let builder = transport_native::NativeTransport::builder()
//!     .node("https://localhost:9200")
//!     .connect_timeout(Duration::from_secs(2))
//!     .request_timeout(Duration::from_secs(10));
//! # let _ = builder;
//! ```
//!
//! # TLS
//!
//! Mozilla's root certificates by default. Or a CA certificate, or the CA fingerprint that
//! Elasticsearch 8 prints at first start (accepted when a certificate of the presented chain
//! matches and the server's certificate is signed by it), and client certificates for the PKI
//! realm. Accepting any certificate takes an explicit, loudly named call, for development only.
//!
//! ```no_run
//! # fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use transport_native::NativeTransport;
//! // The CA Elasticsearch generated (config/certs/http_ca.crt):
//! let with_ca = NativeTransport::builder()
//!     .node("https://localhost:9200")
//!     .ca_certificate_pem(std::fs::read("http_ca.crt")?)
//!     .build()?;
//! // Or its fingerprint, as printed at first start:
//! let pinned = NativeTransport::builder()
//!     .node("https://localhost:9200")
//!     .ca_fingerprint("64F2593F8FA8C3ED3B2E7D4F0D5B8A1C9E7F6A5B4C3D2E1F0A9B8C7D6E5F4A3B")
//!     .build()?;
//! // Client certificate (PKI realm):
//! let pki = NativeTransport::builder()
//!     .node("https://localhost:9200")
//!     .ca_certificate_pem(std::fs::read("http_ca.crt")?)
//!     .client_certificate_pem(std::fs::read("client.crt")?, std::fs::read("client.key")?)
//!     .build()?;
//! // Development only:
//! let insecure = NativeTransport::builder()
//!     .node("https://localhost:9200")
//!     .danger_accept_invalid_certificates()
//!     .build()?;
//! # let _ = (with_ca, pinned, pki, insecure); Ok(()) }
//! ```
//!
//! # Your own `reqwest::Client`, and a hook per request
//!
//! ```no_run
//! # fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = reqwest::Client::builder()
//!     .proxy(reqwest::Proxy::https("http://proxy.internal:3128")?)
//!     .redirect(reqwest::redirect::Policy::none())
//!     .build()?;
//! let transport = transport_native::NativeTransport::builder()
//!     .node("https://es.internal:9200")
//!     .client(client)
//!     .on_request(|request: &mut http::Request<Vec<u8>>| {
//!         request.headers_mut().insert("x-request-source", "billing".parse()?);
//!         Ok(())
//!     })
//!     .build()?;
//! # let _ = transport; Ok(()) }
//! ```
//!
//! # Credentials
//!
//! The client puts `Authorization` into each request (and can swap or override it). The
//! transport can hold default credentials too, added only to requests without `Authorization`,
//! and swapped at runtime:
//!
//! ```
//! # fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use security_core::Credentials;
//! let transport = transport_native::NativeTransport::builder()
//!     .node("https://localhost:9200")
//!     .credentials(Credentials::basic("elastic", "changeme"))
//!     .build()?;
//! transport.set_credentials(Some(Credentials::bearer("dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu")))?;
//! # Ok(()) }
//! ```
//!
//! # Headers, compression, redirects
//!
//! Requests carry a `User-Agent` and an `x-elastic-client-meta` header in the official clients'
//! formats, and `Accept-Encoding: gzip`; gzip answers are decompressed. With
//! [`http_compress(true)`](Builder::http_compress) request bodies are sent gzipped too
//! (`Content-Encoding: gzip`, as the official clients' `http_compress` does). Redirects are never
//! followed: a 3xx answer is [`Error::Redirect`] with its `Location`.
//!
//! # Errors
//!
//! [`Error`] says which node and what happened: [`Error::Connect`], [`Error::Tls`],
//! [`Error::Timeout`], [`Error::Connection`] (broken after sending), [`Error::Redirect`], …
//!
//! ```no_run
//! # async fn demo(transport: transport_native::NativeTransport, request: http::Request<Vec<u8>>) {
//! match transport.send(request).await {
//!     Ok(answer) => println!("{}", answer.status()),
//!     Err(e) if e.is_tls() => eprintln!("check the CA or fingerprint of {}: {e}", e.node()),
//!     Err(e) => eprintln!("{} failed after {} attempt(s): {e}", e.node(), e.attempts()),
//! }
//! # }
//! ```
//!
//! # Send a request without the client
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! use security_core::{Credentials, Endpoint, users::GetUser};
//! let transport = transport_native::NativeTransport::new("https://localhost:9200")?;
//! let request = GetUser::new().username(["jacknich"]);
//! let http = request.to_http_request(
//!     transport.base_url(),
//!     Some(&Credentials::basic("elastic", "changeme")),
//! )?;
//! let users = GetUser::decode(transport.send(http).await?)?;
//! # let _ = users; Ok(()) }
//! ```
#![cfg(not(target_arch = "wasm32"))]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod builder;
mod error;
mod meta;
mod node;
mod retry;
mod tls;

pub use builder::{Builder, DEFAULT_MAX_ANSWER_SIZE};
pub use error::{BoxError, BuildError, Error};
pub use retry::is_repeatable;
pub use tls::CaFingerprint;

/// The `reqwest` this transport is built on (to build your own client for [`Builder::client`]).
pub use reqwest;

use error::{find_rustls, root_cause};
use http::header::{HeaderValue, AUTHORIZATION, CONTENT_ENCODING, CONTENT_LENGTH, LOCATION};
use http::{HeaderMap, StatusCode};
use node::NodePool;
use retry::RetryPolicy;
use security_core::{BaseUrl, Credentials, InvalidCredentials, MaybeSend, RequestTimeout};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

type Hook = Arc<dyn Fn(&mut http::Request<Vec<u8>>) -> Result<(), BoxError> + Send + Sync>;

/// A [`security_core::Transport`] over `reqwest` and rustls: nodes, retries, TLS pinning,
/// timeouts. Cheap to clone (the clones share connections and node health).
#[derive(Clone)]
pub struct NativeTransport {
    inner: Arc<Inner>,
}

struct Inner {
    base_url: BaseUrl,
    client: reqwest::Client,
    pool: NodePool,
    retry: RetryPolicy,
    request_timeout: Option<Duration>,
    max_answer_size: usize,
    credentials: RwLock<Option<HeaderValue>>,
    headers: HeaderMap,
    on_request: Option<Hook>,
    http_compress: bool,
}

impl std::fmt::Debug for NativeTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeTransport")
            .field("nodes", &self.nodes().collect::<Vec<_>>())
            .field("retry", &self.inner.retry)
            .field("request_timeout", &self.inner.request_timeout)
            .field("max_answer_size", &self.inner.max_answer_size)
            .finish_non_exhaustive()
    }
}

/// Which node answered, and after how many attempts: an extension of every answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServedBy {
    /// The node's base URL (shared by the answers of that node: no copy per answer).
    pub node: Arc<str>,
    /// The attempt that got this answer (1 for the first).
    pub attempts: u32,
}

impl NativeTransport {
    /// A builder: add nodes, TLS trust, retries, timeouts.
    pub fn builder() -> Builder {
        Builder::new()
    }

    /// A transport to one node with the defaults.
    pub fn new(url: &str) -> Result<Self, BuildError> {
        Builder::new().node(url).build()
    }

    /// The first node's base URL: the base URL to build a client with.
    pub fn base_url(&self) -> &BaseUrl {
        &self.inner.base_url
    }

    /// The nodes' base URLs.
    pub fn nodes(&self) -> impl Iterator<Item = &str> {
        self.inner.pool.nodes.iter().map(|n| n.url())
    }

    /// The `reqwest::Client` in use.
    pub fn client(&self) -> &reqwest::Client {
        &self.inner.client
    }

    /// Replaces the default credentials (added to requests without `Authorization`) at runtime.
    pub fn set_credentials(
        &self,
        credentials: Option<Credentials>,
    ) -> Result<(), InvalidCredentials> {
        let value = credentials
            .as_ref()
            .map(Credentials::header_value)
            .transpose()?;
        match self.inner.credentials.write() {
            Ok(mut guard) => *guard = value,
            Err(poisoned) => *poisoned.into_inner() = value,
        }
        Ok(())
    }

    /// Sends a request, choosing the node and retrying as configured.
    ///
    /// The request is taken apart when `send` is called (its headers, the default credentials
    /// read once); the returned future does the rest. It holds the parts once: an `async fn`
    /// would keep the request as its argument, as a local and as parts (the future was
    /// 1,704 bytes, more than a boxing or spawning caller's allocator serves quickly).
    pub fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, Error>> + Send + '_ {
        let inner = &*self.inner;
        let repeatable = inner.retry.non_idempotent || is_repeatable(&request);
        let (parts, body) = request.into_parts();
        let compress = inner.http_compress && !body.is_empty();
        let timeout = parts
            .extensions
            .get::<RequestTimeout>()
            .map(|t| t.0)
            .or(inner.request_timeout);
        // The request's own headers stay as they came; each attempt gets its own map with the
        // defaults the request lacks (reqwest takes the map: a retry needs another).
        let mut own = parts.headers;
        if compress {
            own.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        let defaults = inner.defaults_for(&own);
        let (method, uri, version) = (parts.method, parts.uri, parts.version);
        async move {
            let body = if compress {
                gzip(&body).map_err(|e| Error::InvalidRequest {
                    node: inner.base_url.as_str().to_owned(),
                    reason: format!("gzip of the request body failed: {e}"),
                })?
            } else {
                body
            };
            // Shared by the attempts without a copy (`Bytes` clones are reference counts).
            let body = bytes::Bytes::from(body);
            let relative = node::relative_path(&inner.pool.nodes, &uri);
            inner
                .attempts(
                    repeatable, &method, version, relative, timeout, &own, &defaults, body,
                )
                .await
        }
    }
}

impl Inner {
    /// The attempts of one request, until an answer to return or an error.
    #[allow(clippy::too_many_arguments)]
    async fn attempts(
        &self,
        repeatable: bool,
        method: &http::Method,
        version: http::Version,
        relative: &str,
        timeout: Option<Duration>,
        own: &HeaderMap,
        defaults: &Defaults<'_>,
        body: bytes::Bytes,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let inner = self;
        let max_attempts = inner.retry.max_retries.saturating_add(1);

        let mut attempt = 0;
        loop {
            attempt += 1;
            let index = inner.pool.select_now();
            let node = &inner.pool.nodes[index];
            let invalid = |reason: String| Error::InvalidRequest {
                node: node.url().to_owned(),
                reason,
            };
            let request = if let Some(hook) = &inner.on_request {
                // The hook sees (and may change) the attempt as an `http::Request`.
                let url = node.join(relative);
                let mut request = http::Request::new(body.to_vec());
                *request.method_mut() = method.clone();
                *request.headers_mut() = defaults.attempt_headers(own);
                *request.version_mut() = version;
                *request.uri_mut() = url
                    .parse()
                    .map_err(|e: http::uri::InvalidUri| invalid(format!("{url}: {e}")))?;
                hook(&mut request).map_err(|source| Error::Hook {
                    node: node.url().to_owned(),
                    source,
                })?;
                to_reqwest(request).map_err(invalid)?
            } else {
                // The node's URL was parsed once; only the path and query are set here.
                let mut request = reqwest::Request::new(method.clone(), node.attempt_url(relative));
                *request.headers_mut() = defaults.attempt_headers(own);
                if !body.is_empty() {
                    *request.body_mut() = Some(body.clone().into());
                } else {
                    content_length_zero(&mut request);
                }
                request
            };

            let mut wait = None;
            // The timeout covers the whole attempt: connecting, sending, the answer's head and
            // reading its body (the transport's own timer, one per attempt, not reqwest's).
            let answer = Bounded {
                exchange: std::pin::pin!(exchange(&inner.client, request, inner.max_answer_size)),
                timer: timeout.map(|limit| Box::pin(tokio::time::sleep(limit))),
            }
            .await;
            let failure = match answer {
                Err(Failed::TooLarge { status }) => {
                    // The node works; the same answer would come again: not retried.
                    inner.pool.mark_alive(index);
                    return Err(Error::AnswerTooLarge {
                        node: node.url().to_owned(),
                        attempts: attempt,
                        status,
                        limit: inner.max_answer_size,
                    });
                }
                Err(Failed::Http(err)) => Some(Some(err)),
                Err(Failed::TimedOut) => Some(None),
                Ok(response) => {
                    inner.pool.mark_alive(index);
                    let status = response.status();
                    if status.is_redirection() && status != StatusCode::NOT_MODIFIED {
                        return Err(Error::Redirect {
                            node: node.url().to_owned(),
                            status: status.as_u16(),
                            location: response.headers().get(LOCATION).map(|v| {
                                node::strip_userinfo(&String::from_utf8_lossy(v.as_bytes()))
                            }),
                        });
                    }
                    let mut retry = inner.retry.on_status.contains(&status.as_u16())
                        && repeatable
                        && attempt < max_attempts;
                    if retry && matches!(status.as_u16(), 429 | 503) {
                        // The server says when to come back: wait that long, or, when that is
                        // longer than we wait, give its answer back now.
                        if let Some(after) =
                            retry::retry_after(response.headers(), std::time::SystemTime::now())
                        {
                            if after <= inner.retry.max_retry_after {
                                wait = Some(after);
                            } else {
                                retry = false;
                            }
                        }
                    }
                    if !retry {
                        let mut response = response;
                        response.extensions_mut().insert(ServedBy {
                            node: node.shared_url().clone(),
                            attempts: attempt,
                        });
                        return Ok(response);
                    }
                    None
                }
            };

            let mut fail_over_now = false;
            // `Some(None)`: the attempt's timeout expired; `Some(Some(err))`: reqwest's error.
            if let Some(err) = failure {
                let now = Instant::now();
                let kind = err.as_ref().map_or(Failure::Timeout, Failure::of);
                // Connection-level failures mark the node dead; a slow answer does not.
                if kind != Failure::Timeout {
                    inner.pool.mark_dead(index, now);
                }
                let nothing_sent = matches!(kind, Failure::Connect | Failure::Tls);
                let safe = nothing_sent || repeatable;
                let wanted = kind != Failure::Timeout || inner.retry.on_timeout;
                if !(wanted && safe && attempt < max_attempts) {
                    let not_resent = wanted && !safe && attempt < max_attempts;
                    return Err(kind.into_error(
                        node.url().to_owned(),
                        attempt,
                        timeout,
                        not_resent,
                        err,
                    ));
                }
                fail_over_now = kind != Failure::Timeout && inner.pool.has_other_live(index, now);
            }
            if !fail_over_now {
                let delay = wait.unwrap_or_else(|| inner.retry.delay(attempt, fastrand::f64()));
                tokio::time::sleep(delay).await;
            }
        }
    }

    /// The default headers, and the default credentials when the request has no
    /// `Authorization` (read once per request).
    fn defaults_for<'a>(&'a self, own: &HeaderMap) -> Defaults<'a> {
        let authorization = if own.contains_key(AUTHORIZATION) {
            None
        } else {
            self.credentials
                .read()
                .unwrap_or_else(|p| p.into_inner())
                .clone()
        };
        Defaults {
            headers: &self.headers,
            authorization,
        }
    }
}

impl security_core::Transport for NativeTransport {
    type Error = Error;

    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, Error>> + MaybeSend {
        NativeTransport::send(self, request)
    }

    fn error_kind(error: &Error) -> security_core::TransportErrorKind {
        error.kind()
    }
}

/// Headers reqwest and hyper add to an attempt's map when it lacks them: `Accept`,
/// `Accept-Encoding` (gzip answers) and `Host`. A map built without room for them grows
/// (rehashes) on the way out, once per attempt.
const ADDED_ON_THE_WAY_OUT: usize = 3;

/// The defaults a request lacks, read once per request.
struct Defaults<'a> {
    headers: &'a HeaderMap,
    /// The default credentials, when the request has no `Authorization`.
    authorization: Option<HeaderValue>,
}

impl Defaults<'_> {
    /// An attempt's headers: the request's own, the defaults it lacks, the default
    /// credentials if it has no `Authorization`. Built at its final size (cheaper than
    /// merging into the request's map and cloning that per attempt), with room for the
    /// headers reqwest and hyper add on the way out, so that the map never grows.
    fn attempt_headers(&self, own: &HeaderMap) -> HeaderMap {
        let mut headers =
            HeaderMap::with_capacity(own.len() + self.headers.len() + 1 + ADDED_ON_THE_WAY_OUT);
        for (name, value) in own {
            headers.append(name.clone(), value.clone());
        }
        for (name, value) in self.headers {
            if !own.contains_key(name) {
                headers.append(name.clone(), value.clone());
            }
        }
        if let Some(value) = &self.authorization {
            headers.insert(AUTHORIZATION, value.clone());
        }
        headers
    }
}

/// The kinds of failed attempts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Failure {
    /// No connection: nothing was sent.
    Connect,
    /// TLS handshake failed: nothing was sent.
    Tls,
    /// A timeout after the connection was made.
    Timeout,
    /// The connection broke after the request was (maybe partly) sent.
    Broken,
}

impl Failure {
    fn of(err: &reqwest::Error) -> Failure {
        if err.is_connect() {
            if find_rustls(err).is_some() {
                Failure::Tls
            } else {
                Failure::Connect
            }
        } else if err.is_timeout() {
            Failure::Timeout
        } else {
            Failure::Broken
        }
    }

    fn into_error(
        self,
        node: String,
        attempts: u32,
        timeout: Option<Duration>,
        not_resent: bool,
        source: Option<reqwest::Error>,
    ) -> Error {
        // Without reqwest's error only the transport's own timeout ended the attempt.
        let Some(source) = source else {
            return Error::Timeout {
                node,
                attempts,
                timeout,
                not_resent,
                source: None,
            };
        };
        match self {
            Failure::Connect => Error::Connect {
                node,
                attempts,
                cause: root_cause(&source),
                source,
            },
            Failure::Tls => Error::Tls {
                node,
                attempts,
                cause: find_rustls(&source).map_or_else(|| root_cause(&source), tls_cause),
                source,
            },
            Failure::Timeout => Error::Timeout {
                node,
                attempts,
                timeout,
                not_resent,
                source: Some(source),
            },
            Failure::Broken => Error::Connection {
                node,
                attempts,
                cause: root_cause(&source),
                not_resent,
                source,
            },
        }
    }
}

/// What rustls said, with our own verifier's reason in words.
fn tls_cause(error: &rustls::Error) -> String {
    match error {
        rustls::Error::InvalidCertificate(rustls::CertificateError::Other(other)) => {
            format!("invalid peer certificate: {}", other.0)
        }
        other => other.to_string(),
    }
}

/// Turns an attempt the `on_request` hook has seen into a `reqwest::Request`.
fn to_reqwest(request: http::Request<Vec<u8>>) -> Result<reqwest::Request, String> {
    let (parts, body) = request.into_parts();
    let url =
        reqwest::Url::parse(&parts.uri.to_string()).map_err(|e| format!("{}: {e}", parts.uri))?;
    let mut out = reqwest::Request::new(parts.method, url);
    *out.headers_mut() = parts.headers;
    if !body.is_empty() {
        *out.body_mut() = Some(body.into());
    } else {
        content_length_zero(&mut out);
    }
    Ok(out)
}

/// An empty `POST` or `PUT` says `Content-Length: 0`, as the official clients' do (some
/// proxies refuse it without).
fn content_length_zero(request: &mut reqwest::Request) {
    if (*request.method() == http::Method::POST || *request.method() == http::Method::PUT)
        && !request.headers().contains_key(CONTENT_LENGTH)
    {
        request
            .headers_mut()
            .insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
    }
}

/// An attempt's exchange, or [`Failed::TimedOut`] when its timer expires first.
///
/// The exchange stays pinned where `send` put it, and the timer is boxed (96 bytes, as reqwest
/// boxes its own): `send`'s future then holds one exchange whether or not there is a timeout.
/// With `tokio::time::timeout` in one branch and the bare exchange in the other it held both,
/// and was 1,776 bytes (a caller that boxes or spawns it allocates that much per request).
struct Bounded<'a, F> {
    exchange: Pin<&'a mut F>,
    timer: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl<F> Future for Bounded<'_, F>
where
    F: Future<Output = Result<http::Response<Vec<u8>>, Failed>>,
{
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(answer) = self.exchange.as_mut().poll(cx) {
            return Poll::Ready(answer);
        }
        if let Some(timer) = self.timer.as_mut() {
            if timer.as_mut().poll(cx).is_ready() {
                return Poll::Ready(Err(Failed::TimedOut));
            }
        }
        Poll::Pending
    }
}

/// Why an attempt got no answer to return.
enum Failed {
    /// reqwest's error (connection, TLS, timeout, broken body).
    Http(reqwest::Error),
    /// The answer is larger than the limit (after decompression).
    TooLarge { status: u16 },
    /// The attempt's timeout expired.
    TimedOut,
}

impl From<reqwest::Error> for Failed {
    fn from(err: reqwest::Error) -> Self {
        Failed::Http(err)
    }
}

/// The gzip of a request body (`http_compress`).
fn gzip(body: &[u8]) -> std::io::Result<Vec<u8>> {
    use std::io::Write as _;
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4 + 64),
        flate2::Compression::default(),
    );
    encoder.write_all(body)?;
    encoder.finish()
}

/// Sends one attempt and reads the whole answer into one buffer, stopping as soon as it
/// exceeds `limit` bytes (counted after decompression: reqwest decompresses gzip as it reads).
fn exchange(
    client: &reqwest::Client,
    request: reqwest::Request,
    limit: usize,
) -> impl Future<Output = Result<http::Response<Vec<u8>>, Failed>> + Send {
    // Handed to reqwest now: the future keeps reqwest's small `Pending`, not the request.
    let pending = client.execute(request);
    async move {
        let mut response = pending.await?;
        let status = response.status();
        let too_large = || Failed::TooLarge {
            status: status.as_u16(),
        };
        // With gzip, reqwest removes `Content-Length` (it is the compressed size): then `None`.
        let declared = response.content_length();
        let mut body = match declared {
            Some(length) if length > limit as u64 => return Err(too_large()),
            Some(length) => Vec::with_capacity(length as usize),
            None => Vec::new(),
        };
        while let Some(chunk) = response.chunk().await? {
            if chunk.len() > limit - body.len() {
                return Err(too_large());
            }
            if body.capacity() == 0 {
                // The first chunk, size unknown: take it over (without a copy when it can).
                body = Vec::from(chunk);
            } else {
                body.extend_from_slice(&chunk);
            }
        }
        let mut out = http::Response::new(body);
        *out.status_mut() = status;
        *out.version_mut() = response.version();
        *out.headers_mut() = std::mem::take(response.headers_mut());
        // What the connection recorded (e.g. hyper's `HttpInfo`, the peer's address) stays, and
        // [`ServedBy`] joins it in the same map.
        *out.extensions_mut() = std::mem::take(response.extensions_mut());
        Ok(out)
    }
}

impl std::fmt::Display for ServedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (attempt {})", self.node, self.attempts)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::header::{ACCEPT, ACCEPT_ENCODING, CONTENT_TYPE, HOST};

    /// What reqwest and hyper add on the way out fits in the attempt's map without a rehash.
    #[test]
    fn attempt_headers_leave_room_for_what_reqwest_and_hyper_add() {
        let plain = NativeTransport::builder()
            .node("http://localhost:9200")
            .build()
            .unwrap();
        let full = NativeTransport::builder()
            .node("http://localhost:9200")
            .credentials(security_core::Credentials::basic("elastic", "changeme"))
            .meta_header(true)
            .header("x-opaque-id", "job-1")
            .build()
            .unwrap();
        let mut with_body = HeaderMap::new();
        with_body.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        for transport in [&plain, &full] {
            for own in [HeaderMap::new(), with_body.clone()] {
                let mut headers = transport.inner.defaults_for(&own).attempt_headers(&own);
                let before = (headers.len(), headers.capacity());
                headers.insert(ACCEPT, HeaderValue::from_static("*/*"));
                headers.insert(ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
                headers.insert(HOST, HeaderValue::from_static("localhost:9200"));
                assert_eq!(headers.len(), before.0 + 3);
                assert_eq!(headers.capacity(), before.1, "the map grew: {headers:?}");
            }
        }
    }

    /// `send`'s future is what a caller boxes or spawns per request: it holds the request's
    /// parts once and reqwest's small `Pending`, not copies of the request (it was 1,776 bytes,
    /// 968 now). Above 1,024 bytes, glibc's allocator no longer serves the box from its
    /// per-thread cache.
    #[test]
    fn the_send_future_stays_small() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let _entered = runtime.enter();
        let transport = NativeTransport::builder()
            .node("http://localhost:9200")
            .build()
            .unwrap();
        let future = transport.send(http::Request::new(Vec::new()));
        let size = std::mem::size_of_val(&future);
        assert!(size <= 1024, "the send future is {size} bytes");
    }
}
