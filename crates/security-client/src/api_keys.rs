//! The `api_keys` API group: client methods, request types and data types, and
//! [`ApiKeyStream`], a stream over every API key that a query matches.
//!
//! The stream is a [`futures::Stream`]: reading it with `try_next` as below needs
//! `futures = "0.3"` in your `Cargo.toml` (for `futures::TryStreamExt`).
//!
//! ```
//! # use security_client::{SecurityClient, ToCredentials, Credentials};
//! # use security_client::api_keys::{ApiKeyQuery, QueryApiKeys, SortOptions, SortOrder};
//! # use futures::TryStreamExt;
//! # async fn demo(client: SecurityClient) -> Result<(), security_client::Error> {
//! // Create a key and use it.
//! let created = client.create_api_key().name("my-api-key").expiration("1d").await?;
//! let as_key: Credentials = created.to_credentials();
//!
//! // Every active key, 500 per request, whatever their number.
//! let mut keys = client
//!     .query_api_keys_stream(
//!         QueryApiKeys::new()
//!             .query(ApiKeyQuery::term("invalidated", false))
//!             .sort([SortOptions::new("creation").order(SortOrder::Desc)]),
//!     )
//!     .page_size(500);
//! while let Some(key) = keys.try_next().await? {
//!     println!("{} {:?}", key.id, key.name);
//! }
//! # let _ = as_key; Ok(()) }
//! ```

pub use security_core::api_keys::*;
pub use security_types::api_keys::*;

use crate::query_stream::QueryStream;
use crate::SecurityClient;

methods! {
    /// Creates an API key for the authenticated user. `PUT /_security/api_key`.
    create_api_key() -> security_core::api_keys::CreateApiKey;
    /// Gets API keys by id, name, owner or realm. `GET /_security/api_key`.
    get_api_key() -> security_core::api_keys::GetApiKey;
    /// Queries API keys with a query, sort, paging and aggregations; to go through every match
    /// page by page, see [`query_api_keys_stream`](crate::SecurityClient::query_api_keys_stream).
    /// `POST /_security/_query/api_key`.
    query_api_keys() -> security_core::api_keys::QueryApiKeys;
    /// Creates an API key on behalf of another user. `POST /_security/api_key/grant`.
    grant_api_key(api_key: GrantedApiKey, grant_type: ApiKeyGrantType) -> security_core::api_keys::GrantApiKey;
    /// Invalidates API keys. `DELETE /_security/api_key` (with a body).
    invalidate_api_key() -> security_core::api_keys::InvalidateApiKey;
    /// Updates an API key of the authenticated user. `PUT /_security/api_key/{id}`.
    update_api_key(id: String) -> security_core::api_keys::UpdateApiKey;
    /// Evicts API keys from the API key cache (`*` for all). `POST /_security/api_key/{ids}/_clear_cache`.
    clear_api_key_cache(ids: security_core::Names) -> security_core::api_keys::ClearApiKeyCache;
    /// Applies the same update to several API keys of the authenticated user.
    /// `POST /_security/api_key/_bulk_update`.
    bulk_update_api_keys(ids: security_core::types::common::OneOrMany<String>)
        -> security_core::api_keys::BulkUpdateApiKeys;
    /// Creates a cross-cluster API key (for API-key based remote cluster access).
    /// `POST /_security/cross_cluster/api_key`.
    create_cross_cluster_api_key(name: String, access: CrossClusterAccess)
        -> security_core::api_keys::CreateCrossClusterApiKey;
    /// Updates a cross-cluster API key. `PUT /_security/cross_cluster/api_key/{id}`.
    update_cross_cluster_api_key(id: String, access: CrossClusterAccess)
        -> security_core::api_keys::UpdateCrossClusterApiKey;
    /// Clones an API key, given its encoded credentials (**experimental** in Elasticsearch,
    /// servers 9.4 and later). `POST /_security/api_key/clone`.
    clone_api_key(api_key: security_core::Secret) -> security_core::api_keys::CloneApiKey;
}

pub use crate::query_stream::DEFAULT_PAGE_SIZE;

/// Every API key that a `query_api_keys` request matches: see [`QueryStream`]. Keys come by
/// `creation` unless the request sorts otherwise, with `_doc` as the tiebreaker.
pub type ApiKeyStream<T> = QueryStream<QueryApiKeys, T>;

/// ### Every API key a query matches, as a stream
///
/// Needs the cargo feature `api-keys` (on by default).
impl<T> SecurityClient<T> {
    /// Every API key that `request` matches, as a stream: see [`QueryStream`]. The stream holds
    /// a clone of the client: it is `'static`, so it can be returned, stored or spawned.
    pub fn query_api_keys_stream<C>(&self, request: QueryApiKeys<C>) -> ApiKeyStream<T> {
        QueryStream::new(self.clone(), request.split().1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;
    use crate::{Credentials, ToCredentials};
    use std::sync::{Arc, Mutex};

    type Seen = Arc<Mutex<Vec<http::Request<Vec<u8>>>>>;

    fn client(body: &'static str) -> (SecurityClient<impl crate::Transport + Send + Sync>, Seen) {
        let seen: Seen = Arc::default();
        let log = seen.clone();
        let transport = move |req: http::Request<Vec<u8>>| {
            // A DELETE (invalidate_api_key) gets invalidate's answer, anything else `body`.
            let body = if req.method() == http::Method::DELETE {
                r#"{"invalidated_api_keys":["VuaCfGcBCdbkQm-e5aOx"],
                "previously_invalidated_api_keys":[],"error_count":0}"#
            } else {
                body
            };
            log.lock().unwrap().push(req);
            async move {
                Ok::<_, std::io::Error>(
                    http::Response::builder()
                        .header("x-elastic-product", "Elasticsearch")
                        .body(body.as_bytes().to_vec())
                        .unwrap(),
                )
            }
        };
        let client = SecurityClient::new("http://es.local:9200", transport)
            .unwrap()
            .with_credentials(Credentials::basic("elastic", "changeme"));
        (client, seen)
    }

    #[test]
    fn create_then_use_the_key_then_invalidate_it() {
        let (c, seen) = client(
            r#"{"id":"VuaCfGcBCdbkQm-e5aOx","name":"k","api_key":"ui2lp2axTNmsyakw9tvNnw",
            "encoded":"VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="}"#,
        );
        let created =
            futures::executor::block_on(c.create_api_key().name("k").into_future()).unwrap();
        c.set_credentials(Some(created.to_credentials()));
        let invalidated = futures::executor::block_on(
            c.invalidate_api_key()
                .ids([created.id.as_str()])
                .into_future(),
        )
        .unwrap();
        assert_eq!(invalidated.error_count, 0);
        assert_eq!(invalidated.invalidated_api_keys, [created.id.as_str()]);
        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].method(), "PUT");
        assert_eq!(seen[1].method(), "DELETE");
        assert_eq!(seen[1].body(), br#"{"ids":["VuaCfGcBCdbkQm-e5aOx"]}"#);
        assert_eq!(
            seen[1].headers()["authorization"],
            "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="
        );
    }

    #[test]
    fn conflicting_selectors_are_not_sent() {
        let (c, seen) = client("{}");
        let err = futures::executor::block_on(c.get_api_key().id("a").name("b").into_future())
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
        let err = futures::executor::block_on(c.invalidate_api_key().into_future()).unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
        assert!(seen.lock().unwrap().is_empty());
    }

    use std::future::IntoFuture as _;
}
