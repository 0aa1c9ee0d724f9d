//! An async client for the Elasticsearch 8.14 Security API, for servers and browsers.
//!
//! [`SecurityClient`] has one method per endpoint, named as in the official Python client.
//! Required parameters are arguments, optional ones are chainable setters, and `.await` sends:
//!
//! ```
//! # use security_client::{SecurityClient, Credentials};
//! # async fn demo<T: security_client::Transport + Sync>(client: SecurityClient<T>) -> Result<(), security_client::Error> {
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
//! The client is generic over a [`Transport`]: one method that sends an `http::Request` and
//! returns the `http::Response`. Any suitable closure is a transport. Request building and
//! response parsing live in `security-core` (sans-IO); data types in `security-types`.
//!
//! Escape hatches: `.raw()` on any request returns the raw answer, `.raw_body(json)` on any
//! request with a body sends your JSON instead of the typed body, and
//! [`SecurityClient::raw_request`] reaches any path.

#![forbid(unsafe_code)]

use security_core::{BaseUrl, BoxFuture, Endpoint, Executor, MaybeSend, MaybeSync, RawRequest};
use std::sync::RwLock;

pub use security_core::{self as core, types};
pub use security_core::{
    ApiError, ApiKeyCredentials, BaseUrl as Url, Credentials, Error, ErrorCause, InvalidBaseUrl,
    Names, Raw, RawResponse, RequestOptions, RequestTimeout, Secret, ToCredentials, Transport,
};

#[macro_use]
mod macros;

pub mod enroll;
pub mod privileges;
pub mod role_mappings;
pub mod roles;
pub mod tokens;
pub mod users;

#[cfg(feature = "api-keys")]
pub mod api_keys;
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

/// A client for the Security API over a transport `T`.
pub struct SecurityClient<T> {
    transport: T,
    base_url: BaseUrl,
    credentials: RwLock<Option<Credentials>>,
}

impl<T> std::fmt::Debug for SecurityClient<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecurityClient")
            .field("base_url", &self.base_url.as_str())
            .field("credentials", &*self.read_credentials())
            .finish_non_exhaustive()
    }
}

impl<T> SecurityClient<T> {
    /// A client for the cluster at `base_url` (e.g. `https://localhost:9200`) over `transport`.
    pub fn new(base_url: &str, transport: T) -> Result<Self, InvalidBaseUrl> {
        Ok(SecurityClient {
            transport,
            base_url: BaseUrl::parse(base_url)?,
            credentials: RwLock::new(None),
        })
    }

    /// Sets the credentials sent with every request (each request may override them).
    pub fn with_credentials(self, credentials: Credentials) -> Self {
        self.set_credentials(Some(credentials));
        self
    }

    /// Replaces the credentials at runtime, e.g. after refreshing a token.
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

    /// The base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// The transport.
    pub fn transport(&self) -> &T {
        &self.transport
    }

    /// A request to any path with any JSON body: the escape hatch for APIs the types do not cover.
    ///
    /// ```
    /// # async fn demo<T: security_client::Transport + Sync>(client: security_client::SecurityClient<T>) -> Result<(), security_client::Error> {
    /// let answer = client
    ///     .raw_request(http::Method::POST, "/_security/_query/user")
    ///     .body(serde_json::json!({"query": {"prefix": {"username": "j"}}}))
    ///     .await?;
    /// let users: serde_json::Value = answer.json().unwrap();
    /// # let _ = users; Ok(()) }
    /// ```
    pub fn raw_request(&self, method: http::Method, path: impl Into<String>) -> RawRequest<&Self> {
        RawRequest::new(method, path).with_ctx(self)
    }
}

impl<T: Transport + MaybeSync> SecurityClient<T> {
    /// Sends a request built on its own (a sans-IO request type from `security-core`).
    pub async fn send<E>(&self, endpoint: E) -> Result<E::Response, Error>
    where
        E: Endpoint + MaybeSend + 'static,
        E::Response: MaybeSend + 'static,
    {
        self.execute(endpoint).await
    }
}

impl<'c, T: Transport + MaybeSync> Executor for &'c SecurityClient<T> {
    type Future<R: 'static> = BoxFuture<'c, Result<R, Error>>;

    fn execute<E>(self, endpoint: E) -> Self::Future<E::Response>
    where
        E: Endpoint + MaybeSend + 'static,
        E::Response: MaybeSend + 'static,
    {
        Box::pin(async move {
            let request = {
                let credentials = self.read_credentials();
                endpoint.to_http_request(&self.base_url, credentials.as_ref())?
            };
            let response = self
                .transport
                .send(request)
                .await
                .map_err(Error::transport)?;
            E::decode(response)
        })
    }
}
