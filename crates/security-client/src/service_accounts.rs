//! The `service_accounts` API group: client methods, request types and data types.
//!
//! ```
//! # use security_client::{SecurityClient, ToCredentials};
//! # async fn demo(client: SecurityClient) -> Result<(), security_client::Error> {
//! // A token for Fleet Server, used as Bearer credentials right away.
//! let created = client.create_service_token("elastic", "fleet-server").name("token1").await?;
//! let fleet = client.authenticate().credentials(created.to_credentials()).await?;
//! assert_eq!(fleet.username, "elastic/fleet-server");
//! # Ok(()) }
//! ```

pub use security_core::service_accounts::*;
pub use security_types::service_accounts::*;

methods! {
    /// Creates a service-account token (`.name(...)`, or a generated name).
    /// `PUT /_security/service/{namespace}/{service}/credential/token/{name}`.
    create_service_token(namespace: String, service: String) -> security_core::service_accounts::CreateServiceToken;
    /// Deletes a service-account token.
    /// `DELETE /_security/service/{namespace}/{service}/credential/token/{name}`.
    delete_service_token(namespace: String, service: String, name: String) -> security_core::service_accounts::DeleteServiceToken;
    /// Gets service accounts (all, `.namespace(...)`, and `.service(...)`).
    /// `GET /_security/service/{namespace}/{service}`.
    get_service_accounts() -> security_core::service_accounts::GetServiceAccounts;
    /// Gets the credentials of a service account.
    /// `GET /_security/service/{namespace}/{service}/credential`.
    get_service_credentials(namespace: String, service: String) -> security_core::service_accounts::GetServiceCredentials;
    /// Evicts service-account tokens from the caches (`*` for all).
    /// `POST /_security/service/{namespace}/{service}/credential/token/{name}/_clear_cache`.
    clear_cached_service_tokens(namespace: String, service: String, name: security_core::Names) -> security_core::service_accounts::ClearCachedServiceTokens;
}

#[cfg(test)]
mod tests {
    use crate::{SecurityClient, ToCredentials};
    use std::future::IntoFuture;
    use std::sync::{Arc, Mutex};

    #[test]
    fn a_new_token_authenticates_the_next_request() {
        let seen: Arc<Mutex<Vec<http::Request<Vec<u8>>>>> = Arc::default();
        let log = seen.clone();
        let transport = move |req: http::Request<Vec<u8>>| {
            log.lock().unwrap().push(req);
            async {
                Ok::<_, std::io::Error>(
                    http::Response::builder()
                        .header("x-elastic-product", "Elasticsearch")
                        .body(br#"{"created":true,"token":{"name":"token1","value":"AAEAAWVsYXN0aWM"}}"#.to_vec())
                        .unwrap(),
                )
            }
        };
        let client = SecurityClient::new("http://es.local:9200", transport).unwrap();
        let created = futures::executor::block_on(
            client
                .create_service_token("elastic", "fleet-server")
                .into_future(),
        )
        .unwrap();
        client.set_credentials(Some(created.to_credentials()));
        let _ = futures::executor::block_on(
            client
                .delete_service_token("elastic", "fleet-server", "token1")
                .into_future(),
        );
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].method(), "POST");
        assert_eq!(
            seen[0].uri(),
            "http://es.local:9200/_security/service/elastic/fleet-server/credential/token"
        );
        assert_eq!(seen[1].method(), "DELETE");
        assert_eq!(seen[1].headers()["authorization"], "Bearer AAEAAWVsYXN0aWM");
    }
}
