//! On servers: the client over [`NativeTransport`] (reqwest with rustls), with nodes, retries,
//! TLS pinning and timeouts (feature `native-transport`, on by default, not on `wasm32`).
//!
//! ```no_run
//! use security_client::{Credentials, SecurityClient};
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = SecurityClient::connect("https://localhost:9200")?
//!     .with_credentials(Credentials::basic("elastic", "changeme"));
//! let me = client.authenticate().await?;
//! # let _ = me; Ok(()) }
//! ```
//!
//! Several nodes, a pinned CA, retries and timeouts come from the transport's builder:
//!
//! ```no_run
//! use security_client::native::NativeTransport;
//! use security_client::{Credentials, SecurityClient};
//! use std::time::Duration;
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let client = SecurityClient::connect_with(
//!     NativeTransport::builder()
//!         .nodes(["https://es1:9200", "https://es2:9200"])
//!         .ca_fingerprint("64f2593f8fa8c3ed3b2e7d4f0d5b8a1c9e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b")
//!         .max_retries(5)
//!         .request_timeout(Duration::from_secs(10)),
//! )?
//! .with_credentials(Credentials::api_key("VuaCfGcBCdbkQm-e5aOx", "ui2lp2axTNmsyakw9tvNnw"));
//! // A request's own timeout and credentials:
//! let roles = client
//!     .get_role()
//!     .request_timeout(Duration::from_secs(2))
//!     .credentials(Credentials::basic("admin", "s3cr3t"))
//!     .await?;
//! # let _ = roles; Ok(()) }
//! ```
//!
//! The client's base URL is the first node's; the transport sends each request to the node it
//! chooses. A transport error reaches you as [`Error::Transport`](crate::Error::Transport): its
//! kind ([`Error::is_timeout`](crate::Error::is_timeout), [`Error::is_connect`](crate::Error::is_connect),
//! [`Error::transport_kind`](crate::Error::transport_kind)) is the same for every transport, and
//! the [`NativeError`] inside names the node and the attempts:
//!
//! ```no_run
//! # async fn demo(client: security_client::SecurityClient) {
//! use security_client::native::NativeError;
//! if let Err(e) = client.authenticate().await {
//!     if e.is_connect() {
//!         eprintln!("the cluster is down or unreachable: {e}");
//!     }
//!     match e.transport_error().and_then(|t| t.downcast_ref::<NativeError>()) {
//!         Some(native) if native.is_tls() => eprintln!("TLS with {}: {native}", native.node()),
//!         Some(native) => eprintln!("{} after {} attempt(s)", native, native.attempts()),
//!         None => eprintln!("{e}"),
//!     }
//! }
//! # }
//! ```

use crate::SecurityClient;

pub use transport_native::{
    self, is_repeatable, BuildError, Builder as NativeBuilder, CaFingerprint, Error as NativeError,
    NativeTransport, ServedBy,
};

impl SecurityClient<NativeTransport> {
    /// A client for the cluster at `url` (e.g. `https://localhost:9200`) over the native
    /// transport with its defaults (Mozilla's roots, 3 retries, 30 s request timeout).
    pub fn connect(url: impl AsRef<str>) -> Result<Self, BuildError> {
        Ok(Self::from_native(NativeTransport::new(url.as_ref())?))
    }

    /// A client for the Elastic Cloud Serverless project at `url` (its one Elasticsearch
    /// endpoint, e.g. `https://my-project.es.eu-west-1.aws.elastic.cloud`), authenticated with
    /// an API key (`credentials`, normally [`Credentials::api_key`](crate::Credentials::api_key)):
    /// a single node, no node list, and the serverless headers and checks of
    /// [`SecurityClient::serverless`].
    ///
    /// ```no_run
    /// use security_client::{Credentials, SecurityClient};
    /// # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = SecurityClient::connect_serverless(
    ///     "https://my-project.es.eu-west-1.aws.elastic.cloud",
    ///     Credentials::api_key("VuaCfGcBCdbkQm-e5aOx", "ui2lp2axTNmsyakw9tvNnw"),
    /// )?;
    /// let me = client.authenticate().await?;
    /// # let _ = me; Ok(()) }
    /// ```
    pub fn connect_serverless(
        url: impl AsRef<str>,
        credentials: crate::Credentials,
    ) -> Result<Self, BuildError> {
        Ok(Self::connect(url)?
            .serverless()
            .with_credentials(credentials))
    }

    /// A client over the transport this builder makes (several nodes, a Cloud ID, a CA or its
    /// fingerprint, retries, timeouts, …).
    pub fn connect_with(builder: NativeBuilder) -> Result<Self, BuildError> {
        Ok(Self::from_native(builder.build()?))
    }

    /// A client over `transport`, with its first node as base URL.
    pub fn from_native(transport: NativeTransport) -> Self {
        SecurityClient::from_parts(transport.base_url().clone(), transport)
    }
}
