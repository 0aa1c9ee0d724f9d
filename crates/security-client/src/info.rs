//! The `info` group: `GET /`, the cluster's description, and the server version the client
//! learns from it.

pub use security_core::info::*;
pub use security_types::info::*;

use crate::{ClientTransport, Error, SecurityClient, Version};
use security_core::BoxFuture;

impl<T> SecurityClient<T>
where
    T: ClientTransport,
{
    /// Asks the cluster who it is (`GET /`) and remembers its version (shared by every clone),
    /// so that later calls that need a newer server fail before anything is sent, with
    /// [`Error::NeedsNewerServer`] naming the endpoint or parameter, the version it needs and the
    /// cluster's. Nothing is asked unless you call this (or
    /// [`learn_server_version`](Self::learn_server_version)).
    ///
    /// A serverless project reports a fixed version that says nothing about what it offers: its
    /// answer leaves the version unknown.
    ///
    /// ```
    /// # async fn demo(client: security_client::SecurityClient) -> Result<(), security_client::Error> {
    /// let info = client.info().await?;
    /// println!("{} runs Elasticsearch {}", info.cluster_name, info.version.number);
    /// match client.get_user().with_profile_uid(true).await {
    ///     Err(security_client::Error::NeedsNewerServer(e)) => println!("{e}"), // before 8.5
    ///     other => { other?; }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn info(&self) -> BoxFuture<'static, Result<InfoResponse, Error>> {
        let client = self.clone();
        Box::pin(async move {
            let info = client.send(Info::new()).await?;
            if info.version.build_flavor != "serverless" {
                let version = Version::parse(&info.version.number).map_err(|e| Error::Decode {
                    endpoint: "info",
                    path: "version.number".to_owned(),
                    message: e.to_string(),
                    body: Vec::new(),
                })?;
                client.set_server_version(Some(version));
            }
            Ok(info)
        })
    }

    /// The server's version: the one already known, or else asked once with
    /// [`info`](Self::info). `None` for a serverless project.
    pub fn learn_server_version(&self) -> BoxFuture<'static, Result<Option<Version>, Error>> {
        let client = self.clone();
        Box::pin(async move {
            if let Some(version) = client.server_version() {
                return Ok(Some(version));
            }
            client.info().await?;
            Ok(client.server_version())
        })
    }
}
