//! An async client for the Elasticsearch Security API (8.x and 9.x), for servers and browsers.
//!
//! [`SecurityClient`] has one method per endpoint, named as in the official Python client.
//! Required parameters are arguments, optional ones are chainable setters, and `.await` sends:
//!
//! ```
//! # use security_client::{SecurityClient, Credentials};
//! # async fn demo(client: SecurityClient) -> Result<(), security_client::Error> {
//! let me = client.authenticate().await?;
//! println!("{} has roles {:?}", me.username, me.roles);
//!
//! client
//!     .put_user("jacknich")
//!     .password("l0ng-r4nd0m-p@ssw0rd")
//!     .roles(["admin", "other_role1"])
//!     .full_name("Jack Nicholson")
//!     .await?;
//! # Ok(()) }
//! ```
//!
//! The client is cheap to clone (clones share the transport and its connection pool, like
//! `reqwest::Client`), and a request bound to it is `'static`: it can be returned, stored in a
//! struct, or spawned onto a runtime.
//!
//! The client is generic over a [`Transport`]: one method that sends an `http::Request` and
//! returns the `http::Response`. Any suitable closure is a transport. A transport returns every
//! HTTP answer, 4xx and 5xx included, as `Ok(response)` (the client reads Elasticsearch's errors
//! from them); only a failure to get an answer is an `Err` (see [`Transport`]). The `http`
//! crate it uses is re-exported as `security_client::sans_io::http`. The type parameter
//! defaults to the transport of the target ([`DefaultTransport`]: the native one on servers with
//! the `native-transport` feature, the browser's `fetch` on `wasm32`), so most code writes
//! plain `SecurityClient`; [`BoxTransport`] picks a transport at run time behind one type.
//! Code generic over the transport writes one bound, `T: ClientTransport` ([`ClientTransport`]:
//! a [`Transport`] that is `Send + Sync + 'static` on servers).
//! Request building and response parsing live in `security-core` (sans-IO); data types in
//! `security-types`.
//!
//! Escape hatches: `.raw()` on any request returns the raw answer, `.raw_body(json)` on any
//! request with a body sends your JSON instead of the typed body, and
//! [`SecurityClient::raw_request`] reaches any path.
//!
//! "Absent is not an error": `.optional()` ([`OptionalExt`]) on a result turns Elasticsearch's
//! "does not exist" answer into `Ok(None)`:
//!
//! ```
//! # use security_client::{OptionalExt, SecurityClient};
//! # async fn demo(client: SecurityClient) -> Result<(), security_client::Error> {
//! match client.get_user().username("jacknich").await.optional()? {
//!     Some(users) => println!("roles: {:?}", users["jacknich"].roles),
//!     None => println!("no user jacknich"),
//! }
//! # Ok(()) }
//! ```

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

use security_core::{BoxFuture, Endpoint, Executor, MaybeSend, ServerTarget};
use std::sync::{Arc, RwLock};

/// The sans-IO layer (`security-core`): request types as plain values, `Endpoint`, and the
/// pieces to build and decode requests without a client. Named `sans_io`, not `core`, so that a
/// glob import of this crate does not shadow the `core` crate.
pub use security_core as sans_io;
/// A transport for your own tests: requests recorded, answers scripted ([`mock::MockTransport`]).
pub use security_core::mock;
pub use security_core::types;
pub use security_core::{
    Answer, ApiError, ApiKeyCredentials, BaseUrl, BoxTransport, ClientTransport, Credentials,
    Error, ErrorCause, InvalidBaseUrl, InvalidVersion, Names, NeedsNewerServer, NotOnServerless,
    OptionalExt, Raw, RawRequest, RawResponse, RequestOptions, RequestTimeout, Secret,
    ToCredentials, Transport, TransportError, TransportErrorKind, Version, WithHeaders,
};

#[macro_use]
mod macros;

pub mod enroll;
pub mod info;
pub mod privileges;
pub mod query_stream;
pub mod role_mappings;
pub mod roles;
pub mod settings;
pub mod tokens;
pub mod users;

#[cfg(feature = "api-keys")]
pub mod api_keys;
#[cfg(feature = "oidc")]
pub mod oidc;
#[cfg(feature = "profiles")]
pub mod profiles;
#[cfg(feature = "saml")]
pub mod saml;
#[cfg(feature = "service-accounts")]
pub mod service_accounts;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(all(feature = "native-transport", not(target_arch = "wasm32")))]
pub mod native;
pub mod token_refresh;

/// The transport of the target, the default type parameter of [`SecurityClient`]: the native
/// transport (reqwest, rustls) on servers.
#[cfg(all(feature = "native-transport", not(target_arch = "wasm32")))]
pub type DefaultTransport = native::NativeTransport;
/// The transport of the target, the default type parameter of [`SecurityClient`]: the
/// browser's `fetch` on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub type DefaultTransport = wasm::WasmTransport;

/// Declares `SecurityClient` with the default transport of the target as the default type
/// parameter where there is one. Without one (a server build without `native-transport`) there
/// is no default, so that enabling the feature elsewhere in a build only adds a default and never
/// changes what `SecurityClient` means.
macro_rules! client_struct {
    ($($generics:tt)*) => {
        /// A client for the Security API over a transport `T`.
        ///
        /// Cheap to clone: clones share the transport (and its connection pool) and the
        /// credentials slot. [`set_credentials`](Self::set_credentials) on one clone, as a
        /// [`TokenRefresher`](token_refresh::TokenRefresher) does, is seen by every clone
        /// sharing that slot. [`with_identity`](Self::with_identity) and
        /// [`with_credentials`](Self::with_credentials) give a client with its own slot that
        /// still shares the transport: one connection pool for several identities.
        ///
        /// `T` defaults to [`DefaultTransport`] where the target has one (servers with the
        /// `native-transport` feature, `wasm32`).
        ///
        /// Every clone and identity also shares what the client knows of the server: the
        /// `compatible-with` version it sends ([`compatible_with`](Self::compatible_with)) and
        /// the server's version ([`info`](Self::info), [`with_server_version`](Self::with_server_version)).
        pub struct SecurityClient<$($generics)*> {
            inner: Arc<Inner<T>>,
            credentials: Arc<RwLock<Option<Credentials>>>,
        }
    };
}

#[cfg(any(
    all(feature = "native-transport", not(target_arch = "wasm32")),
    target_arch = "wasm32"
))]
client_struct!(T = DefaultTransport);
#[cfg(not(any(
    all(feature = "native-transport", not(target_arch = "wasm32")),
    target_arch = "wasm32"
)))]
client_struct!(T);

/// What clones share: the transport, the base URL, and what is known of the server.
struct Inner<T> {
    transport: T,
    base_url: BaseUrl,
    target: RwLock<ServerTarget>,
}

impl<T> Clone for SecurityClient<T> {
    fn clone(&self) -> Self {
        SecurityClient {
            inner: Arc::clone(&self.inner),
            credentials: Arc::clone(&self.credentials),
        }
    }
}

impl<T> std::fmt::Debug for SecurityClient<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecurityClient")
            .field("base_url", &self.inner.base_url.as_str())
            .field("target", &self.server_target())
            .field("credentials", &*self.read_credentials())
            .finish_non_exhaustive()
    }
}

impl<T> SecurityClient<T> {
    /// A client for the cluster at `base_url` (e.g. `https://localhost:9200`) over `transport`.
    pub fn new(base_url: impl AsRef<str>, transport: T) -> Result<Self, InvalidBaseUrl> {
        Ok(Self::from_parts(
            BaseUrl::parse(base_url.as_ref())?,
            transport,
        ))
    }

    /// A client for `base_url` over `transport`, without credentials.
    pub(crate) fn from_parts(base_url: BaseUrl, transport: T) -> Self {
        SecurityClient {
            inner: Arc::new(Inner {
                transport,
                base_url,
                target: RwLock::new(ServerTarget::stack()),
            }),
            credentials: Arc::new(RwLock::new(None)),
        }
    }

    /// This client with `credentials` in a credentials slot of its own (the transport stays
    /// shared): what `connect(url)?.with_credentials(…)` uses. Same as
    /// [`with_identity`](Self::with_identity), consuming `self`.
    pub fn with_credentials(self, credentials: Credentials) -> Self {
        self.with_identity(credentials)
    }

    /// A client for another identity over the same transport (and connection pool), with a
    /// credentials slot of its own: setting credentials on one does not change the other.
    ///
    /// ```
    /// # use security_client::{Credentials, SecurityClient};
    /// # async fn demo(admin: SecurityClient) -> Result<(), security_client::Error> {
    /// let user = admin.with_identity(Credentials::basic("jacknich", "l0ng-r4nd0m-p@ssw0rd"));
    /// let me = user.authenticate().await?;
    /// # let _ = me; Ok(()) }
    /// ```
    pub fn with_identity(&self, credentials: Credentials) -> Self {
        SecurityClient {
            inner: Arc::clone(&self.inner),
            credentials: Arc::new(RwLock::new(Some(credentials))),
        }
    }

    /// Replaces the credentials at runtime, e.g. after refreshing a token; every clone that
    /// shares this client's credentials slot sends the new ones from its next request on.
    pub fn set_credentials(&self, credentials: Option<Credentials>) {
        match self.credentials.write() {
            Ok(mut guard) => *guard = credentials,
            Err(poisoned) => *poisoned.into_inner() = credentials,
        }
    }

    /// The current credentials.
    pub fn credentials(&self) -> Option<Credentials> {
        self.read_credentials().clone()
    }

    fn read_credentials(&self) -> std::sync::RwLockReadGuard<'_, Option<Credentials>> {
        self.credentials.read().unwrap_or_else(|p| p.into_inner())
    }

    /// Sends `compatible-with=major` in `Accept` and `Content-Type` instead of the default `8`:
    /// `9` for clusters on 9.x (or newer) only; 8.x servers refuse it. Shared by every clone.
    pub fn compatible_with(self, major: u16) -> Self {
        self.update_target(|t| t.compatible_with(major));
        self
    }

    /// Talks to an Elastic Cloud Serverless project, as the official 9.x clients do: `Accept`
    /// and `Content-Type` plain `application/json`, `Elastic-Api-Version: 2023-10-31`. Calls the
    /// project does not have (native users, enrollment, OIDC, PKI, settings, cross-cluster keys,
    /// bulk key update, and the role fields `global`, `remote_indices`, `remote_cluster`,
    /// `allow_restricted_indices`) fail before sending with [`Error::NotOnServerless`]; so do
    /// the endpoints private to Elastic unless opted in with
    /// [`elastic_internal`](Self::elastic_internal). Shared by every clone.
    ///
    /// Authenticate with an API key ([`Credentials::api_key`]): serverless projects have no
    /// native users (no `elastic` password). A project has one endpoint URL: give the client
    /// that one (with the native transport, `SecurityClient::connect_serverless`), no node list.
    ///
    /// ```
    /// # use security_client::{Credentials, Error, SecurityClient};
    /// # async fn demo(client: SecurityClient) -> Result<(), Error> {
    /// let client = client
    ///     .serverless()
    ///     .with_credentials(Credentials::api_key("VuaCfGcBCdbkQm-e5aOx", "ui2lp2axTNmsyakw9tvNnw"));
    /// let me = client.authenticate().await?;
    /// match client.get_user().await {
    ///     Err(Error::NotOnServerless(e)) => println!("{e}"), // nothing was sent
    ///     other => println!("{other:?}"),
    /// }
    /// # let _ = me; Ok(()) }
    /// ```
    pub fn serverless(self) -> Self {
        self.update_target(|t| {
            ServerTarget::serverless().elastic_internal(t.allows_elastic_internal())
        });
        self
    }

    /// **Elastic-internal.** On a serverless project, also sends the endpoints the specification
    /// marks private to Elastic (`visibility=private`: for Elastic's own products, such as Kibana
    /// and Fleet; they may change or go away without notice and are not supported for other
    /// use). Per request: `.elastic_internal(true)` on the request. No effect on the stack.
    /// Shared by every clone.
    pub fn elastic_internal(self, allow: bool) -> Self {
        self.update_target(|t| t.elastic_internal(allow));
        self
    }

    /// Whether requests are built for an Elastic Cloud Serverless project.
    pub fn is_serverless(&self) -> bool {
        self.server_target().is_serverless()
    }

    /// Tells the client the server's version (`"9.5.0"`), instead of asking it with
    /// [`info`](Self::info): calls that need a newer server then fail before anything is sent,
    /// with [`Error::NeedsNewerServer`]. Shared by every clone.
    pub fn with_server_version(self, version: &str) -> Result<Self, InvalidVersion> {
        let version = Version::parse(version)?;
        self.set_server_version(Some(version));
        Ok(self)
    }

    /// Sets or forgets the server's version (e.g. after an upgrade); shared by every clone.
    pub fn set_server_version(&self, version: Option<Version>) {
        self.update_target(|t| t.with_version_opt(version));
    }

    /// The server's version, when known (from [`info`](Self::info) or
    /// [`with_server_version`](Self::with_server_version)).
    pub fn server_version(&self) -> Option<Version> {
        self.server_target().version()
    }

    /// What requests are built for: the `compatible-with` version and the server's version.
    pub fn server_target(&self) -> ServerTarget {
        *self.inner.target.read().unwrap_or_else(|p| p.into_inner())
    }

    fn update_target(&self, change: impl FnOnce(ServerTarget) -> ServerTarget) {
        let mut guard = self.inner.target.write().unwrap_or_else(|p| p.into_inner());
        *guard = change(*guard);
    }

    /// The base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.inner.base_url
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.inner.transport
    }

    /// A request to any path with any JSON body: the escape hatch for APIs the types do not cover.
    ///
    /// ```
    /// # async fn demo(client: security_client::SecurityClient) -> Result<(), security_client::Error> {
    /// let answer = client
    ///     .raw_request(http::Method::POST, "/_security/_query/user")
    ///     .body(serde_json::json!({"query": {"prefix": {"username": "j"}}}))
    ///     .await?;
    /// let users: serde_json::Value = answer.json().unwrap();
    /// # let _ = users; Ok(()) }
    /// ```
    pub fn raw_request(&self, method: http::Method, path: impl Into<String>) -> RawRequest<Self> {
        RawRequest::new(method, path).with_ctx(self.clone())
    }
}

impl<T> SecurityClient<T>
where
    T: ClientTransport,
{
    /// Sends a request built on its own (a sans-IO request type from `security-core`). The
    /// future is `'static`: it holds a clone of the client.
    pub fn send<E>(&self, endpoint: E) -> BoxFuture<'static, Result<E::Response, Error>>
    where
        E: Endpoint + MaybeSend + 'static,
        E::Response: MaybeSend + 'static,
    {
        self.clone().execute(endpoint)
    }
}

impl<T> Executor for SecurityClient<T>
where
    T: ClientTransport,
{
    type Future<R: 'static> = BoxFuture<'static, Result<R, Error>>;

    fn execute<E>(self, endpoint: E) -> Self::Future<E::Response>
    where
        E: Endpoint + MaybeSend + 'static,
        E::Response: MaybeSend + 'static,
    {
        Box::pin(async move {
            // The one place where the server's version meets the request: refused before
            // sending when known to be too old, refusals explained when not known.
            let target = self.server_target();
            let request = {
                let credentials = self.read_credentials();
                endpoint.to_http_request_for(&self.inner.base_url, credentials.as_ref(), &target)?
            };
            let response = self
                .inner
                .transport
                .send(request)
                .await
                .map_err(|e| Error::transport_with_kind(T::error_kind(&e), e))?;
            E::decode_for(&target, response)
        })
    }
}
