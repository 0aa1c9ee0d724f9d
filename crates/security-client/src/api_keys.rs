//! The `api_keys` API group: client methods, request types and data types, and
//! [`ApiKeyStream`], a stream over every API key that a query matches.
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

use crate::SecurityClient;
use futures::Stream;
use security_core::{BoxFuture, Error, Executor, MaybeSend, MaybeSync, Transport};
use std::pin::Pin;
use std::task::{Context, Poll};

methods! {
    /// Creates an API key for the authenticated user. `PUT /_security/api_key`.
    create_api_key() -> security_core::api_keys::CreateApiKey;
    /// Gets API keys by id, name, owner or realm. `GET /_security/api_key`.
    get_api_key() -> security_core::api_keys::GetApiKey;
    /// Queries API keys with a query, sort, paging and aggregations.
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

/// The page size of [`ApiKeyStream`] unless set.
pub const DEFAULT_PAGE_SIZE: u32 = 1000;

impl<T> SecurityClient<T> {
    /// Every API key that `request` matches, as a stream: see [`ApiKeyStream`]. The stream holds
    /// a clone of the client: it is `'static`, so it can be returned, stored or spawned.
    pub fn query_api_keys_stream<C>(&self, request: QueryApiKeys<C>) -> ApiKeyStream<T> {
        ApiKeyStream::new(self.clone(), request.split().1)
    }
}

/// A stream over every API key that a query matches, fetched page by page with `search_after`.
///
/// Each page asks for [`page_size`](Self::page_size) keys (default [`DEFAULT_PAGE_SIZE`]) and
/// continues after the `_sort` values of the previous page's last key, so it goes past the
/// 10,000 keys that `from`/`size` can reach. One page is held at a time: the next is asked for
/// only when the current one is used up, and not at all after a short page.
///
/// The request's sort is kept, with `_doc` added as the last criterion (a tiebreaker between
/// keys with equal sort values); without a sort, keys come by `creation`, then `_doc`. The
/// request's `from` and aggregations are dropped, its `search_after` is where the first page
/// starts.
pub struct ApiKeyStream<T> {
    client: SecurityClient<T>,
    request: QueryApiKeys,
    page_size: u32,
    state: State,
}

enum State {
    /// Before the first page, or when the next page is due after these sort values.
    Next(Option<SortResults>),
    /// A page is on its way.
    Fetching(BoxFuture<'static, Result<QueryApiKeysResponse, Error>>),
    /// Handing out the keys of a page; `more`: whether a next page may exist.
    Draining {
        keys: std::vec::IntoIter<ApiKey>,
        last_sort: Option<SortResults>,
        more: bool,
    },
    /// Finished (or failed).
    Done,
}

impl<T> ApiKeyStream<T> {
    /// A stream over the keys that `request` matches.
    pub fn new(client: SecurityClient<T>, mut request: QueryApiKeys) -> Self {
        let body = request.body_mut();
        let start = body.search_after.take();
        body.from = None;
        body.aggregations = None;
        let mut sort = body.sort.take().map_or_else(
            || vec![SortOptions::new("creation").order(SortOrder::Asc).into()],
            Sort::into_vec,
        );
        if !sort.iter().any(|s| s.field() == Some("_doc")) {
            sort.push("_doc".into());
        }
        body.sort = Some(Sort::Many(sort));
        ApiKeyStream {
            client,
            request,
            page_size: DEFAULT_PAGE_SIZE,
            state: State::Next(start),
        }
    }

    /// Sets the number of keys asked for per request (at least 1).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size.max(1);
        self
    }

    /// The request of the page after `search_after`.
    fn page_request(&self, search_after: Option<SortResults>) -> QueryApiKeys {
        let mut request = self.request.clone();
        let body = request.body_mut();
        body.size = Some(self.page_size);
        body.search_after = search_after;
        request
    }
}

impl<T> Stream for ApiKeyStream<T>
where
    T: Transport + MaybeSend + MaybeSync + 'static,
{
    type Item = Result<ApiKey, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                State::Next(after) => {
                    let after = after.take();
                    let request = this.page_request(after);
                    this.state = State::Fetching(this.client.clone().execute(request));
                }
                State::Fetching(page) => match page.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Err(e)) => {
                        this.state = State::Done;
                        return Poll::Ready(Some(Err(e)));
                    }
                    Poll::Ready(Ok(page)) => {
                        let keys = page.api_keys;
                        let more = keys.len() as u64 >= u64::from(this.page_size);
                        let last_sort = keys.last().and_then(|k| k.sort.clone());
                        this.state = State::Draining {
                            keys: keys.into_iter(),
                            last_sort,
                            more,
                        };
                    }
                },
                State::Draining {
                    keys,
                    last_sort,
                    more,
                } => {
                    if let Some(key) = keys.next() {
                        return Poll::Ready(Some(Ok(key)));
                    }
                    if !*more {
                        this.state = State::Done;
                        return Poll::Ready(None);
                    }
                    match last_sort.take() {
                        Some(after) => this.state = State::Next(Some(after)),
                        None => {
                            this.state = State::Done;
                            return Poll::Ready(Some(Err(Error::InvalidRequest {
                                endpoint: "security.query_api_keys",
                                reason: "the last API key of a page has no `_sort` values: \
                                         cannot ask for the next page with `search_after`"
                                    .to_owned(),
                            })));
                        }
                    }
                }
                State::Done => return Poll::Ready(None),
            }
        }
    }
}

impl<T> std::fmt::Debug for ApiKeyStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Next(_) => "next page due",
            State::Fetching(_) => "fetching",
            State::Draining { .. } => "draining a page",
            State::Done => "done",
        };
        f.debug_struct("ApiKeyStream")
            .field("request", &self.request)
            .field("page_size", &self.page_size)
            .field("state", &state)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Credentials, ToCredentials};
    use std::sync::{Arc, Mutex};

    type Seen = Arc<Mutex<Vec<http::Request<Vec<u8>>>>>;

    fn client(body: &'static str) -> (SecurityClient<impl crate::Transport + Send + Sync>, Seen) {
        let seen: Seen = Arc::default();
        let log = seen.clone();
        let transport = move |req: http::Request<Vec<u8>>| {
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
        // The canned answer is create's: every field of invalidate's answer has a default.
        let invalidated = futures::executor::block_on(
            c.invalidate_api_key()
                .ids([created.id.as_str()])
                .into_future(),
        )
        .unwrap();
        assert_eq!(invalidated.error_count, 0);
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
