//! The transport's configuration.

use crate::error::{BoxError, BuildError};
use crate::node::{cloud_id_url, Node, NodePool};
use crate::retry::RetryPolicy;
use crate::tls::{self, CaFingerprint, Trust};
use crate::{meta, Hook, Inner, NativeTransport};
use http::header::{HeaderName, HeaderValue, USER_AGENT};
use http::HeaderMap;
use security_core::Credentials;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// Builds a [`NativeTransport`]. Start with [`NativeTransport::builder`].
///
/// Defaults: Mozilla's root certificates, connect timeout 10 s, request timeout 30 s, 3 retries
/// on connection errors and 429/502/503/504 with back-off from 100 ms doubling up to 10 s (with
/// jitter; a `Retry-After` of up to 30 s is honoured instead), dead nodes back off from 1 s
/// doubling up to 60 s, answers up to 100 MiB, no redirects, gzip answers accepted, proxies from
/// the `HTTPS_PROXY`/`HTTP_PROXY`/`NO_PROXY` environment variables.
#[must_use]
pub struct Builder {
    nodes: Vec<String>,
    cloud_id: Option<String>,
    client: Option<reqwest::Client>,
    ca_pems: Vec<Vec<u8>>,
    fingerprints: Vec<String>,
    identity: Option<(Vec<u8>, Vec<u8>)>,
    danger_accept_invalid: bool,
    connect_timeout: Option<Duration>,
    request_timeout: Option<Duration>,
    max_answer_size: usize,
    retry: RetryPolicy,
    dead_backoff: Duration,
    max_dead_backoff: Duration,
    credentials: Option<Credentials>,
    headers: Vec<(String, String)>,
    user_agent: Option<String>,
    meta_header: bool,
    http_compress: bool,
    on_request: Option<Hook>,
}

impl std::fmt::Debug for Builder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Node URLs as given may hold user information (refused by `build`): never shown.
        let nodes: Vec<String> = self
            .nodes
            .iter()
            .map(|n| crate::node::strip_userinfo(n))
            .collect();
        f.debug_struct("Builder")
            .field("nodes", &nodes)
            .field("cloud_id", &self.cloud_id)
            .field("own_client", &self.client.is_some())
            .field("ca_certificates", &self.ca_pems.len())
            .field("fingerprints", &self.fingerprints)
            .field("client_certificate", &self.identity.is_some())
            .field("danger_accept_invalid", &self.danger_accept_invalid)
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("retry", &self.retry)
            .field("max_answer_size", &self.max_answer_size)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            nodes: Vec::new(),
            cloud_id: None,
            client: None,
            ca_pems: Vec::new(),
            fingerprints: Vec::new(),
            identity: None,
            danger_accept_invalid: false,
            connect_timeout: None,
            request_timeout: Some(DEFAULT_REQUEST_TIMEOUT),
            max_answer_size: DEFAULT_MAX_ANSWER_SIZE,
            retry: RetryPolicy::default(),
            dead_backoff: Duration::from_secs(1),
            max_dead_backoff: Duration::from_secs(60),
            credentials: None,
            headers: Vec::new(),
            user_agent: None,
            meta_header: true,
            http_compress: false,
            on_request: None,
        }
    }
}

const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// The default limit of an answer's size: 100 MiB.
pub const DEFAULT_MAX_ANSWER_SIZE: usize = 100 * 1024 * 1024;

impl Builder {
    /// An empty configuration: add at least one node.
    pub fn new() -> Self {
        Builder::default()
    }

    /// Adds a node, e.g. `https://es1:9200` or `https://proxy.example/es` (a base path is kept).
    pub fn node(mut self, url: impl Into<String>) -> Self {
        self.nodes.push(url.into());
        self
    }

    /// Adds several nodes.
    pub fn nodes<I, S>(mut self, urls: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.nodes.extend(urls.into_iter().map(Into::into));
        self
    }

    /// Adds the node of an Elastic Cloud deployment, from the Cloud ID shown in the console
    /// (`<name>:<base64>`).
    pub fn cloud_id(mut self, cloud_id: impl Into<String>) -> Self {
        self.cloud_id = Some(cloud_id.into());
        self
    }

    /// Uses your own `reqwest::Client` (proxies, custom TLS, connection pool settings).
    ///
    /// The TLS settings of this builder and the connect timeout are settings of the client:
    /// [`build`](Builder::build) refuses them together with your own client. Configure your
    /// client not to follow redirects (`redirect(Policy::none())`); a redirect that reaches the
    /// transport is an error either way.
    pub fn client(mut self, client: reqwest::Client) -> Self {
        self.client = Some(client);
        self
    }

    /// Trusts the CA certificate(s) in this PEM text, and only them (e.g. Elasticsearch's
    /// `config/certs/http_ca.crt`). Can be called more than once.
    pub fn ca_certificate_pem(mut self, pem: impl AsRef<[u8]>) -> Self {
        self.ca_pems.push(pem.as_ref().to_vec());
        self
    }

    /// Trusts a server whose certificate chain includes the certificate with this SHA-256
    /// fingerprint, as Elasticsearch 8 prints it at first start ("HTTP CA certificate SHA-256
    /// fingerprint"), in hex with or without colons. Can be called more than once (e.g. while
    /// the CA is rotated).
    ///
    /// When the pinned certificate is a CA, the server's certificate must be signed by it (and
    /// valid); the host name is not checked, as in the official clients. Elasticsearch must
    /// send its CA certificate along with its own (it does by default).
    pub fn ca_fingerprint(mut self, fingerprint: impl Into<String>) -> Self {
        self.fingerprints.push(fingerprint.into());
        self
    }

    /// Authenticates with a client certificate (PKI realm): the certificate chain and its
    /// private key (PKCS#8, PKCS#1 or SEC1), both PEM.
    pub fn client_certificate_pem(
        mut self,
        certificate_chain: impl AsRef<[u8]>,
        private_key: impl AsRef<[u8]>,
    ) -> Self {
        self.identity = Some((
            certificate_chain.as_ref().to_vec(),
            private_key.as_ref().to_vec(),
        ));
        self
    }

    /// **For development only: accepts any server certificate**, so anybody on the network path
    /// can read and change the traffic, credentials included. Use
    /// [`ca_fingerprint`](Builder::ca_fingerprint) or
    /// [`ca_certificate_pem`](Builder::ca_certificate_pem) instead.
    pub fn danger_accept_invalid_certificates(mut self) -> Self {
        self.danger_accept_invalid = true;
        self
    }

    /// How long to wait for a connection (TCP and TLS). Default 10 s.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// How long one attempt may take, from sending to the whole answer. Default 30 s. A request's
    /// own timeout (`.request_timeout(..)` on a client request, the `RequestTimeout` extension) replaces
    /// it for that request.
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.request_timeout = Some(timeout);
        self
    }

    /// The largest answer read, in bytes, counted after decompression (a small gzip answer
    /// can inflate to gigabytes). Default [`DEFAULT_MAX_ANSWER_SIZE`] (100 MiB). A larger
    /// answer stops the reading at the limit (or at once, when its `Content-Length` says so)
    /// with [`Error::AnswerTooLarge`](crate::Error::AnswerTooLarge); it is not retried.
    pub fn max_answer_size(mut self, bytes: usize) -> Self {
        self.max_answer_size = bytes;
        self
    }

    /// No default request timeout (a request's own timeout still applies).
    pub fn no_request_timeout(mut self) -> Self {
        self.request_timeout = None;
        self
    }

    /// How many times a request is retried after the first attempt. Default 3; 0 turns retries
    /// off.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The statuses that are retried (on the next node). Default 429, 502, 503, 504.
    pub fn retry_on_status(mut self, statuses: impl IntoIterator<Item = u16>) -> Self {
        self.retry.on_status = statuses.into_iter().collect();
        self
    }

    /// Whether a request that timed out is retried. Default `false`: a request that timed out
    /// may still be running in the cluster.
    pub fn retry_on_timeout(mut self, retry: bool) -> Self {
        self.retry.on_timeout = retry;
        self
    }

    /// Whether requests that are not safe to repeat (those that create tokens or keys, see
    /// [`is_repeatable`](crate::is_repeatable)) are retried after the server may have received
    /// them. Default `false`: they are only retried when nothing reached the server.
    pub fn retry_non_idempotent(mut self, retry: bool) -> Self {
        self.retry.non_idempotent = retry;
        self
    }

    /// The wait before the first retry, doubled for each further retry up to `max`; the actual
    /// wait is a random value between half of it and all of it. Default 100 ms and 10 s.
    pub fn retry_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.retry.backoff = initial;
        self.retry.max_backoff = max;
        self
    }

    /// The longest wait a `Retry-After` header (seconds or an HTTP date) on a 429 or 503 answer
    /// is honoured with. Default 30 s. Within it, the next attempt waits what the server asked
    /// (instead of the back-off); beyond it, the answer is returned at once rather than asking
    /// the server again before it said so.
    pub fn max_retry_after(mut self, max: Duration) -> Self {
        self.retry.max_retry_after = max;
        self
    }

    /// How long a node that failed to connect is left out: `initial`, doubled for each failure
    /// in a row up to `max`. Default 1 s and 60 s.
    pub fn dead_node_backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.dead_backoff = initial;
        self.max_dead_backoff = max;
        self
    }

    /// Credentials added to requests that carry no `Authorization` header (the client's own
    /// credentials and per-request ones come first). Can be replaced at runtime with
    /// [`NativeTransport::set_credentials`].
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// A header added to every request that does not carry it.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Replaces the `User-Agent` (default: `es-security-rs/<version> (<os>; <arch>; Rust <version>)`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = Some(user_agent.into());
        self
    }

    /// Whether to send `x-elastic-client-meta` (versions of the client, Rust and the HTTP
    /// library, as the official clients do). Default `true`.
    pub fn meta_header(mut self, send: bool) -> Self {
        self.meta_header = send;
        self
    }

    /// Whether to gzip request bodies (`Content-Encoding: gzip`), like the official clients'
    /// `http_compress`. Default `false`. Elasticsearch decompresses such bodies; large ones
    /// (bulk role definitions, API keys with many role descriptors) then travel in a fraction of
    /// their size, for some CPU on both sides. Requests without a body are unchanged; answers are
    /// accepted gzipped either way. The [`on_request`](Self::on_request) hook sees the compressed
    /// body, as sent.
    pub fn http_compress(mut self, compress: bool) -> Self {
        self.http_compress = compress;
        self
    }

    /// A hook called with each outgoing attempt (after the node is chosen and the default headers
    /// are added), e.g. to sign the request. An error stops the request: nothing is sent.
    ///
    /// ```
    /// # fn sign(_: &[u8]) -> String { String::new() }
    /// let builder = transport_native::NativeTransport::builder()
    ///     .node("https://es.example:9200")
    ///     .on_request(|request: &mut http::Request<Vec<u8>>| {
    ///         let signature = sign(request.body());
    ///         request.headers_mut().insert("x-signature", signature.parse()?);
    ///         Ok(())
    ///     });
    /// # let _ = builder;
    /// ```
    pub fn on_request<F>(mut self, hook: F) -> Self
    where
        F: Fn(&mut http::Request<Vec<u8>>) -> Result<(), BoxError> + Send + Sync + 'static,
    {
        self.on_request = Some(Arc::new(hook));
        self
    }

    /// Checks the configuration and builds the transport.
    pub fn build(self) -> Result<NativeTransport, BuildError> {
        let mut urls = self.nodes;
        if let Some(id) = &self.cloud_id {
            urls.push(cloud_id_url(id)?);
        }
        if urls.is_empty() {
            return Err(BuildError::NoNodes);
        }
        let nodes = urls
            .iter()
            .map(|u| Node::parse(u))
            .collect::<Result<Vec<_>, _>>()?;
        let base_url = nodes.first().ok_or(BuildError::NoNodes)?.base_url().clone();

        let trust_settings = [
            (!self.ca_pems.is_empty(), "ca_certificate_pem"),
            (!self.fingerprints.is_empty(), "ca_fingerprint"),
            (
                self.danger_accept_invalid,
                "danger_accept_invalid_certificates",
            ),
        ];
        let trusts: Vec<&str> = trust_settings
            .iter()
            .filter(|(set, _)| *set)
            .map(|(_, name)| *name)
            .collect();
        if trusts.len() > 1 {
            return Err(BuildError::Conflict(format!(
                "choose one way to trust the server, not {}",
                trusts.join(" and ")
            )));
        }

        let client = match self.client {
            Some(client) => {
                let mut client_settings = trusts.clone();
                if self.identity.is_some() {
                    client_settings.push("client_certificate_pem");
                }
                if self.connect_timeout.is_some() {
                    client_settings.push("connect_timeout");
                }
                if !client_settings.is_empty() {
                    return Err(BuildError::Conflict(format!(
                        "{} cannot be combined with your own reqwest::Client: configure it on the client",
                        client_settings.join(", ")
                    )));
                }
                client
            }
            None => {
                let trust = if !self.ca_pems.is_empty() {
                    let mut certs = Vec::new();
                    for pem in &self.ca_pems {
                        certs.extend(tls::parse_certificates("CA certificate", pem)?);
                    }
                    Trust::Ca(certs)
                } else if !self.fingerprints.is_empty() {
                    Trust::Fingerprints(
                        self.fingerprints
                            .iter()
                            .map(|f| f.parse::<CaFingerprint>())
                            .collect::<Result<_, _>>()?,
                    )
                } else if self.danger_accept_invalid {
                    Trust::DangerAcceptAny
                } else {
                    Trust::WebPki
                };
                let identity = match &self.identity {
                    Some((cert, key)) => Some(tls::parse_identity(cert, key)?),
                    None => None,
                };
                let config = tls::client_config(&trust, identity.as_ref())?;
                reqwest::Client::builder()
                    .use_preconfigured_tls(config)
                    .redirect(reqwest::redirect::Policy::none())
                    .connect_timeout(self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT))
                    .build()
                    .map_err(BuildError::Client)?
            }
        };

        let mut headers = HeaderMap::new();
        let user_agent = self.user_agent.unwrap_or_else(meta::user_agent);
        headers.insert(
            USER_AGENT,
            HeaderValue::try_from(user_agent.as_str())
                .map_err(|_| BuildError::InvalidHeader("user-agent".to_owned()))?,
        );
        if self.meta_header {
            headers.insert(
                HeaderName::from_static("x-elastic-client-meta"),
                HeaderValue::try_from(meta::client_meta())
                    .map_err(|_| BuildError::InvalidHeader("x-elastic-client-meta".to_owned()))?,
            );
        }
        for (name, value) in &self.headers {
            let n = HeaderName::try_from(name.as_str())
                .map_err(|_| BuildError::InvalidHeader(name.clone()))?;
            let v = HeaderValue::try_from(value.as_str())
                .map_err(|_| BuildError::InvalidHeader(name.clone()))?;
            headers.insert(n, v);
        }
        let credentials = match &self.credentials {
            Some(c) => Some(c.header_value()?),
            None => None,
        };

        Ok(NativeTransport {
            inner: Arc::new(Inner {
                base_url,
                client,
                pool: NodePool::new(nodes, self.dead_backoff, self.max_dead_backoff),
                retry: self.retry,
                request_timeout: self.request_timeout,
                max_answer_size: self.max_answer_size,
                credentials: RwLock::new(credentials),
                headers,
                on_request: self.on_request,
                http_compress: self.http_compress,
            }),
        })
    }
}
