//! An in-memory test server that speaks the Elasticsearch security API, as 8.14 (default) or
//! 9.5 ([`Config::es_version`]).
//!
//! **This is not Elasticsearch.** It is a test tool: a small HTTP server, started in-process on
//! `127.0.0.1` (port 0 by default), that keeps users, roles, role mappings, application
//! privileges, API keys, tokens and service-account tokens in memory and answers the
//! `/_security/...` endpoints the way Elasticsearch does: same paths, same JSON, same error
//! types and status codes, the `X-Elastic-Product: Elasticsearch` header, and CORS as
//! Elasticsearch's `http.cors.*` settings do it. As 8.14 it refuses the routes, parameters and
//! fields added later the way an 8.14 server does. OpenID Connect and PKI delegation answer
//! like a cluster without those realms. What it does not emulate (SAML, Kerberos, user
//! profiles, run-as) answers with an Elasticsearch-shaped error that says so, never with a
//! fake success. See the README.
//!
//! ```
//! # async fn demo() -> std::io::Result<()> {
//! use security_testkit::{Config, TestServer};
//!
//! let server = TestServer::start(Config::default().elastic_password("changeme")).await?;
//! println!("Elasticsearch-like security API at {}", server.url());
//! // ... point your client at server.url() with user `elastic`, password `changeme` ...
//! # Ok(()) }
//! ```
//!
//! The server runs on its own thread with its own runtime, so it works under any async
//! runtime and from plain blocking tests ([`TestServer::start_blocking`]). It stops when the
//! [`TestServer`] is dropped.

#![cfg(not(target_arch = "wasm32"))]

mod authc;
mod authz;
mod descriptors;
mod dispatch;
mod error;
mod handlers;
mod http1;
mod in_process;
mod json;
mod query;
mod routes;
mod runas;
mod server;
mod store;
mod util;
mod version;

pub use in_process::InProcess;
pub use version::{EsVersion, UnknownVersion};

/// Entry points for fuzzing and property tests, not part of the supported API.
#[doc(hidden)]
pub mod fuzzing {
    use crate::dispatch::{dispatch, Shared};
    use crate::http1::{render, Parser, Step};
    use std::sync::OnceLock;

    /// Feeds `input` to one test server (default [`Config`](crate::Config), shared by every
    /// call, state kept) as the bytes of one connection that then closes, and returns the
    /// bytes the server writes back: its answers, `100 Continue` included. It never panics;
    /// a panic is a bug (the fuzz target and the property tests look for it).
    pub fn respond_to_bytes(input: &[u8]) -> Vec<u8> {
        static SHARED: OnceLock<Shared> = OnceLock::new();
        let shared = SHARED.get_or_init(|| Shared::new(crate::Config::default()));
        let mut parser = Parser::default();
        parser.feed(input);
        let mut out = Vec::new();
        loop {
            match parser.next(true) {
                Step::NeedMore => break,
                Step::ExpectContinue => out.extend_from_slice(b"HTTP/1.1 100 Continue\r\n\r\n"),
                Step::Request(request, keep_alive) => {
                    let response = dispatch(shared, request);
                    out.extend_from_slice(&render(&response, !keep_alive));
                    if !keep_alive {
                        break;
                    }
                }
                Step::Bad(response) => {
                    out.extend_from_slice(&render(&response, true));
                    break;
                }
            }
        }
        out
    }
}

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How a test server behaves: the `elastic` password, CORS, token lifetime, port.
///
/// `Debug` does not show the password.
#[derive(Clone)]
pub struct Config {
    pub(crate) elastic_password: String,
    pub(crate) port: u16,
    pub(crate) cors: Option<Cors>,
    pub(crate) token_lifetime: Duration,
    pub(crate) cluster_name: String,
    pub(crate) version: EsVersion,
    pub(crate) implicit_indices: Vec<serde_json::Value>,
    pub(crate) serverless: bool,
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("elastic_password", &"[redacted]")
            .field("port", &self.port)
            .field("cors", &self.cors)
            .field("token_lifetime", &self.token_lifetime)
            .field("cluster_name", &self.cluster_name)
            .field("version", &self.version)
            .field("implicit_indices", &self.implicit_indices)
            .field("serverless", &self.serverless)
            .finish()
    }
}

impl Default for Config {
    /// `elastic` / `changeme`, port 0 (any free port), CORS off, 20-minute access tokens,
    /// Elasticsearch 8.14.
    fn default() -> Self {
        Config {
            elastic_password: "changeme".to_owned(),
            port: 0,
            cors: None,
            token_lifetime: Duration::from_secs(20 * 60),
            cluster_name: "security-testkit".to_owned(),
            version: EsVersion::default(),
            implicit_indices: Vec::new(),
            serverless: false,
        }
    }
}

impl Config {
    /// The password of the bootstrap superuser `elastic` (default `changeme`).
    pub fn elastic_password(mut self, password: impl Into<String>) -> Self {
        self.elastic_password = password.into();
        self
    }

    /// The port to listen on, on 127.0.0.1 (default 0: any free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Enables CORS for `origin` (like `http.cors.enabled: true` and
    /// `http.cors.allow-origin: origin`). `*` allows any origin. Call it again to allow more.
    pub fn cors_allow_origin(mut self, origin: impl Into<String>) -> Self {
        self.cors
            .get_or_insert_with(Cors::default)
            .allow_origins
            .push(origin.into());
        self
    }

    /// Like `http.cors.allow-credentials` (default false); needs [`Config::cors_allow_origin`].
    pub fn cors_allow_credentials(mut self, allow: bool) -> Self {
        self.cors
            .get_or_insert_with(Cors::default)
            .allow_credentials = allow;
        self
    }

    /// Like `http.cors.allow-headers` (default: Elasticsearch's list plus `X-Opaque-Id`).
    pub fn cors_allow_headers(mut self, headers: impl Into<String>) -> Self {
        self.cors.get_or_insert_with(Cors::default).allow_headers = headers.into();
        self
    }

    /// Like `xpack.security.authc.token.timeout`: how long access tokens live (default 20 min).
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// The Elasticsearch version to pretend to be (default [`EsVersion::V8_14`]): the
    /// `GET /` answer, and which routes, query parameters and role-descriptor fields exist.
    pub fn es_version(mut self, version: EsVersion) -> Self {
        self.version = version;
        self
    }

    /// Acts as an Elastic Cloud Serverless project (a test double of one, not Elastic's service):
    /// the 9.5 routes, of which only the 14 security endpoints public on serverless (and
    /// `GET /`) answer; every other route answers `410 api_not_available_exception`, as a
    /// project does. `GET /` says `build_flavor: serverless`. An `Elastic-Api-Version` header
    /// other than `2023-10-31` is refused. The bootstrap `elastic` user still authenticates: it
    /// stands for the project's administrator, to create the first API key.
    pub fn serverless(mut self, serverless: bool) -> Self {
        self.serverless = serverless;
        if serverless {
            self.version = EsVersion::V9_5;
        }
        self
    }

    /// Acts like an `ImplicitPrivilegesProvider` plugin of Elasticsearch 9.5: `get_role` with
    /// `include_implicit=true` lists these index privileges in every role's `indices`, marked
    /// `implicitly_granted: true` (a field `put_role` rejects). Call it again to add more.
    /// Without it the server has no implicit privileges, like a cluster without such plugins.
    pub fn implicit_index_privilege(mut self, names: &[&str], privileges: &[&str]) -> Self {
        self.implicit_indices.push(serde_json::json!({
            "names": names,
            "privileges": privileges,
            "allow_restricted_indices": false,
            "implicitly_granted": true,
        }));
        self
    }

    /// The cluster name reported by `GET /` and the cache-clearing APIs.
    pub fn cluster_name(mut self, name: impl Into<String>) -> Self {
        self.cluster_name = name.into();
        self
    }
}

/// CORS settings, as Elasticsearch's `http.cors.*`.
#[derive(Clone, Debug)]
pub(crate) struct Cors {
    pub(crate) allow_origins: Vec<String>,
    pub(crate) allow_credentials: bool,
    pub(crate) allow_methods: String,
    pub(crate) allow_headers: String,
    pub(crate) max_age: u64,
}

impl Default for Cors {
    fn default() -> Self {
        Cors {
            allow_origins: Vec::new(),
            allow_credentials: false,
            allow_methods: "OPTIONS,HEAD,GET,POST,PUT,DELETE".to_owned(),
            allow_headers: "X-Requested-With,Content-Type,Content-Length,Authorization,Accept,User-Agent,X-Elastic-Client-Meta,X-Opaque-Id".to_owned(),
            max_age: 1_728_000,
        }
    }
}

/// A running test server. Dropping it stops the server.
pub struct TestServer {
    addr: SocketAddr,
    shared: Arc<dispatch::Shared>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// Starts a server (from async code; it runs on its own thread, whatever the runtime).
    pub async fn start(config: Config) -> std::io::Result<TestServer> {
        Self::start_blocking(config)
    }

    /// Starts a server from blocking code (a plain `#[test]`, a `main`).
    pub fn start_blocking(config: Config) -> std::io::Result<TestServer> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(dispatch::Shared::new(config));
        let (shutdown, stop) = tokio::sync::oneshot::channel();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let thread_shared = shared.clone();
        let thread = std::thread::Builder::new()
            .name(format!("security-testkit-{}", addr.port()))
            .spawn(move || {
                runtime.block_on(server::serve(listener, thread_shared, stop));
            })?;
        Ok(TestServer {
            addr,
            shared,
            shutdown: Some(shutdown),
            thread: Some(thread),
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The socket address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The password of `elastic`, as configured (changes made with `change_password` are not
    /// reflected here).
    pub fn elastic_password(&self) -> &str {
        &self.shared.config.elastic_password
    }

    /// The Elasticsearch version the server pretends to be.
    pub fn es_version(&self) -> EsVersion {
        self.shared.config.version
    }

    /// Moves the server's clock forward, so that API keys and tokens expire without waiting.
    pub fn advance_time(&self, by: Duration) {
        self.shared.advance_clock(by);
    }

    /// Stops the server and waits for its thread (also done on drop).
    pub fn shutdown(mut self) {
        self.stop();
    }

    fn stop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            let _ = shutdown.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl std::fmt::Debug for TestServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestServer")
            .field("url", &self.url())
            .finish_non_exhaustive()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop();
    }
}
