//! [`QueryStream`]: every API key, user or role that a query matches, fetched page by page with
//! `search_after`. One paginator serves the three query endpoints: `query_api_keys_stream`
//! (feature `api-keys`), [`query_user_stream`](crate::SecurityClient::query_user_stream) and
//! [`query_role_stream`](crate::SecurityClient::query_role_stream).

use crate::SecurityClient;
use futures::Stream;
use security_core::roles::QueryRole;
use security_core::types::common::{Sort, SortOptions, SortOrder, SortResults};
use security_core::types::roles::QueriedRole;
use security_core::types::users::QueriedUser;
use security_core::users::QueryUser;
use security_core::{BoxFuture, ClientTransport, Endpoint, Error, Executor, MaybeSend};
use std::pin::Pin;
use std::task::{Context, Poll};

/// The page size of a [`QueryStream`] unless set.
pub const DEFAULT_PAGE_SIZE: u32 = 1000;

mod sealed {
    pub trait Sealed {}
}

/// A query request that a [`QueryStream`] can page through with `search_after`: `QueryApiKeys`
/// (feature `api-keys`), [`QueryUser`] and [`QueryRole`]. Implemented by this crate only.
pub trait Paged: Endpoint + Clone + sealed::Sealed {
    /// What a page lists: an API key, a user, a role.
    type Item;
    /// Sorts on this field when the request has no sort.
    const DEFAULT_SORT: &'static str;
    /// Appended to the request's sort when missing, so that no two items have the same sort
    /// values and `search_after` never skips or repeats one: a unique field where the endpoint
    /// can sort on one (`username`, role `name`), else `_doc` (API keys: their `id` cannot be
    /// sorted on).
    const TIEBREAKER: &'static str;

    /// Readies the request for paging: drops `from` (and aggregations), and returns its
    /// `search_after`, where the first page starts. Returns the request's sort, if any.
    #[doc(hidden)]
    fn __take_paging(&mut self) -> (Option<Sort>, Option<SortResults>);
    /// Sets the sort of every page.
    #[doc(hidden)]
    fn __set_sort(&mut self, sort: Sort);
    /// Sets the page size and where the page starts.
    #[doc(hidden)]
    fn __set_page(&mut self, size: u32, search_after: Option<SortResults>);
    /// The items of a page.
    #[doc(hidden)]
    fn __items(page: Self::Response) -> Vec<Self::Item>;
    /// The sort values of an item.
    #[doc(hidden)]
    fn __sort_values(item: &Self::Item) -> Option<&SortResults>;
}

macro_rules! paged {
    ($request:ty, $item:ty, $items:ident, default: $default:literal, tiebreaker: $tie:literal
     $(, drop: $drop:ident)?) => {
        impl sealed::Sealed for $request {}

        impl Paged for $request {
            type Item = $item;
            const DEFAULT_SORT: &'static str = $default;
            const TIEBREAKER: &'static str = $tie;

            fn __take_paging(&mut self) -> (Option<Sort>, Option<SortResults>) {
                let body = self.body_mut();
                body.from = None;
                $( body.$drop = None; )?
                (body.sort.take(), body.search_after.take())
            }

            fn __set_sort(&mut self, sort: Sort) {
                self.body_mut().sort = Some(sort);
            }

            fn __set_page(&mut self, size: u32, search_after: Option<SortResults>) {
                let body = self.body_mut();
                body.size = Some(size);
                body.search_after = search_after;
            }

            fn __items(page: Self::Response) -> Vec<Self::Item> {
                page.$items
            }

            fn __sort_values(item: &Self::Item) -> Option<&SortResults> {
                item.sort.as_ref()
            }
        }
    };
}

#[cfg(feature = "api-keys")]
paged!(
    security_core::api_keys::QueryApiKeys, security_core::types::api_keys::ApiKey, api_keys,
    default: "creation", tiebreaker: "_doc", drop: aggregations
);
paged!(
    QueryUser, QueriedUser, users,
    default: "username", tiebreaker: "username"
);
paged!(
    QueryRole, QueriedRole, roles,
    default: "name", tiebreaker: "name"
);

/// A stream over every item that a query matches, fetched page by page with `search_after`.
///
/// Each page asks for [`page_size`](Self::page_size) items (default [`DEFAULT_PAGE_SIZE`]) and
/// continues after the `_sort` values of the previous page's last item, so it goes past the
/// 10,000 items that `from`/`size` can reach. One page is held at a time: the next is asked for
/// only when the current one is used up, and not at all after a short page.
///
/// The request's sort is kept, with a tiebreaker added as the last criterion when missing
/// ([`Paged::TIEBREAKER`]: `_doc` for API keys, `username` for users, `name` for roles);
/// without a sort, items come by [`Paged::DEFAULT_SORT`] (API keys by `creation`, users by
/// `username`, roles by `name`). The request's `from` (and aggregations) are dropped, its
/// `search_after` is where the first page starts.
///
/// The stream ends with an [`Error::Pagination`] when it cannot go on safely: an item of a
/// full page has no `_sort` values, or a page does not move past the `search_after` that was
/// sent (a server, or a proxy, that ignores `search_after` would otherwise serve the same page
/// forever). Errors end the stream.
///
/// It holds a clone of the client: it is `'static`, so it can be returned, stored or spawned.
#[must_use = "a stream does nothing until polled"]
pub struct QueryStream<E: Paged, T> {
    client: SecurityClient<T>,
    request: E,
    page_size: u32,
    state: State<E>,
}

enum State<E: Paged> {
    /// Before the first page, or when the next page is due after these sort values.
    Next(Option<SortResults>),
    /// A page is on its way; it was asked for after these sort values.
    Fetching {
        page: BoxFuture<'static, Result<E::Response, Error>>,
        after: Option<SortResults>,
    },
    /// Handing out the items of a page; `more`: whether a next page may exist.
    Draining {
        items: std::vec::IntoIter<E::Item>,
        last_sort: Option<SortResults>,
        more: bool,
    },
    /// Finished (or failed).
    Done,
}

impl<E: Paged, T> QueryStream<E, T> {
    /// A stream over the items that `request` matches (see the type's documentation for what
    /// it changes in the request).
    pub fn new(client: SecurityClient<T>, mut request: E) -> Self {
        let (sort, start) = request.__take_paging();
        let mut sort = sort.map_or_else(
            || {
                vec![SortOptions::new(E::DEFAULT_SORT)
                    .order(SortOrder::Asc)
                    .into()]
            },
            Sort::into_vec,
        );
        if !sort.iter().any(|s| s.field() == Some(E::TIEBREAKER)) {
            sort.push(E::TIEBREAKER.into());
        }
        request.__set_sort(Sort::Many(sort));
        QueryStream {
            client,
            request,
            page_size: DEFAULT_PAGE_SIZE,
            state: State::Next(start),
        }
    }

    /// Sets the number of items asked for per request (at least 1).
    pub fn page_size(mut self, page_size: u32) -> Self {
        self.page_size = page_size.max(1);
        self
    }

    /// The request of the page after `search_after`.
    fn page_request(&self, search_after: Option<SortResults>) -> E {
        let mut request = self.request.clone();
        request.__set_page(self.page_size, search_after);
        request
    }

    fn fail(&mut self, reason: String) -> Poll<Option<Result<E::Item, Error>>> {
        self.state = State::Done;
        Poll::Ready(Some(Err(Error::Pagination {
            endpoint: E::SPEC.name,
            reason,
        })))
    }
}

// Nothing in the stream is pinned in place (the page future is boxed).
impl<E: Paged, T> Unpin for QueryStream<E, T> {}

impl<E, T> Stream for QueryStream<E, T>
where
    E: Paged + MaybeSend + 'static,
    E::Response: MaybeSend + 'static,
    T: ClientTransport,
{
    type Item = Result<E::Item, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            match &mut this.state {
                State::Next(after) => {
                    let after = after.take();
                    let request = this.page_request(after.clone());
                    this.state = State::Fetching {
                        page: this.client.clone().execute(request),
                        after,
                    };
                }
                State::Fetching { page, after } => match page.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(Err(e)) => {
                        this.state = State::Done;
                        return Poll::Ready(Some(Err(e)));
                    }
                    Poll::Ready(Ok(page)) => {
                        let items = E::__items(page);
                        // search_after is exclusive: an item with exactly the sort values that
                        // were sent is one handed out already (the sort ends on a unique
                        // tiebreaker), so the server did not move past them.
                        if let Some(after) = after.as_ref() {
                            if items.iter().any(|i| E::__sort_values(i) == Some(after)) {
                                let reason = format!(
                                    "the page asked for after the sort values {after:?} holds an \
                                     item with those same values: the server did not move past \
                                     `search_after` (does it ignore it?)"
                                );
                                return this.fail(reason);
                            }
                        }
                        let more = items.len() as u64 >= u64::from(this.page_size);
                        let last_sort = items.last().and_then(|i| E::__sort_values(i).cloned());
                        this.state = State::Draining {
                            items: items.into_iter(),
                            last_sort,
                            more,
                        };
                    }
                },
                State::Draining {
                    items,
                    last_sort,
                    more,
                } => {
                    if let Some(item) = items.next() {
                        return Poll::Ready(Some(Ok(item)));
                    }
                    if !*more {
                        this.state = State::Done;
                        return Poll::Ready(None);
                    }
                    match last_sort.take() {
                        Some(after) => this.state = State::Next(Some(after)),
                        None => {
                            return this.fail(
                                "the last item of a page has no `_sort` values: cannot ask for \
                                 the next page with `search_after`"
                                    .to_owned(),
                            )
                        }
                    }
                }
                State::Done => return Poll::Ready(None),
            }
        }
    }
}

impl<E: Paged + std::fmt::Debug, T> std::fmt::Debug for QueryStream<E, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let state = match &self.state {
            State::Next(_) => "next page due",
            State::Fetching { .. } => "fetching",
            State::Draining { .. } => "draining a page",
            State::Done => "done",
        };
        f.debug_struct("QueryStream")
            .field("request", &self.request)
            .field("page_size", &self.page_size)
            .field("state", &state)
            .finish_non_exhaustive()
    }
}

/// Every user that a `query_user` request matches: see [`QueryStream`].
pub type UserStream<T> = QueryStream<QueryUser, T>;

/// Every role that a `query_role` request matches: see [`QueryStream`].
pub type RoleStream<T> = QueryStream<QueryRole, T>;

impl<T> SecurityClient<T> {
    /// Every native user that `request` matches, as a stream: see [`QueryStream`]. Users come
    /// by `username` unless the request sorts otherwise.
    ///
    /// ```
    /// # use security_client::SecurityClient;
    /// # use security_client::users::{QueryUser, UserQuery};
    /// # use futures::TryStreamExt;
    /// # async fn demo<T>(client: SecurityClient<T>) -> Result<(), security_client::Error>
    /// # where T: security_client::ClientTransport {
    /// let mut users = client
    ///     .query_user_stream(QueryUser::new().query(UserQuery::term("enabled", true)))
    ///     .page_size(500);
    /// while let Some(user) = users.try_next().await? {
    ///     println!("{} {:?}", user.user.username, user.user.roles);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn query_user_stream<C>(&self, request: QueryUser<C>) -> UserStream<T> {
        QueryStream::new(self.clone(), request.split().1)
    }

    /// Every native role that `request` matches, as a stream: see [`QueryStream`]. Roles come
    /// by `name` unless the request sorts otherwise.
    pub fn query_role_stream<C>(&self, request: QueryRole<C>) -> RoleStream<T> {
        QueryStream::new(self.clone(), request.split().1)
    }
}
