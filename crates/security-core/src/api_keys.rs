//! Endpoints of the `api_keys` API group: create, get, query, grant, invalidate, update API keys
//! and clear the API key cache.
//!
//! Three endpoints check their parameters before anything is sent, beyond what their
//! `endpoint!` declaration expresses:
//! - [`GetApiKey`] and [`InvalidateApiKey`] refuse selector combinations that the reference
//!   documentation rules out (`id` with `name`, `id`/`name` with `realm_name`/`username`,
//!   `owner: true` with `realm_name`/`username`, …) with [`Error::InvalidRequest`].
//! - [`QueryApiKeys`] moves a `sort` made only of field names, one of which holds a `:`
//!   (`"name:desc"`), from the body to the query string, as the official Python client does.
//!
//! They wrap the declared endpoint (in the private `decl` module, so the wire shape still comes
//! from one `endpoint!` declaration) and add the check in `request_parts`.
//!
//! ```
//! use security_core::api_keys::{CreateApiKey, GetApiKey};
//! use security_core::{BaseUrl, Endpoint};
//!
//! let base = BaseUrl::parse("http://localhost:9200").unwrap();
//! let create = CreateApiKey::new().name("my-api-key").expiration("1d");
//! assert_eq!(create.to_http_request(&base, None).unwrap().method(), "PUT");
//!
//! // `id` and `name` cannot be used together: refused before sending.
//! let err = GetApiKey::new().id("VuaCfGcBCdbkQm-e5aOx").name("my-api-key").request_parts();
//! assert!(err.unwrap_err().to_string().contains("`id` and `name` cannot be used together"));
//! ```

use crate::auth::{Credentials, ToCredentials};
use crate::endpoint::{Endpoint, EndpointSpec, RequestOptions, RequestParts};
use crate::error::Error;
use crate::raw::Raw;
use crate::transport::Executor;
use crate::Names;
use security_types::api_keys::aggregations::ApiKeyAggregation;
use security_types::api_keys::*;
use security_types::common::{Metadata, Refresh, RoleDescriptor};
use security_types::Secret;
use std::collections::BTreeMap;

/// The endpoints of this group.
pub const SPECS: &[&EndpointSpec] = &[
    <CreateApiKey as Endpoint>::SPEC,
    <GetApiKey as Endpoint>::SPEC,
    <QueryApiKeys as Endpoint>::SPEC,
    <GrantApiKey as Endpoint>::SPEC,
    <InvalidateApiKey as Endpoint>::SPEC,
    <UpdateApiKey as Endpoint>::SPEC,
    <ClearApiKeyCache as Endpoint>::SPEC,
];

endpoint! {
    /// Creates an API key for the authenticated user: its permissions are the intersection of
    /// the given role descriptors and the user's.
    pub struct CreateApiKey {
        name: "security.create_api_key",
        doc: "security-api-create-api-key.html",
        response: CreateApiKeyResponse,
        routes: ["PUT|POST /_security/api_key"],
        path: [],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: Refresh,
        ],
        body: required CreateApiKeyBody {
            args: [],
            fields: [
                /// Expiration as a duration such as `1d` (by default the key never expires).
                opt expiration: String,
                /// The key name.
                opt name: String,
                /// Role descriptors limiting the key, by role name (none or empty: the
                /// owner's permissions).
                opt role_descriptors: RoleDescriptors,
                /// Arbitrary metadata; keys starting with `_` are reserved.
                opt metadata: Metadata,
            ],
        },
    }
}

impl<C> CreateApiKey<C> {
    /// Adds one role descriptor to `role_descriptors`.
    pub fn role_descriptor(mut self, name: impl Into<String>, role: RoleDescriptor) -> Self {
        self.__body_mut()
            .role_descriptors
            .get_or_insert_with(BTreeMap::new)
            .insert(name.into(), role);
        self
    }
}

endpoint! {
    /// Creates an API key on behalf of another user, whose access token or password is given.
    pub struct GrantApiKey {
        name: "security.grant_api_key",
        doc: "security-api-grant-api-key.html",
        response: GrantApiKeyResponse,
        routes: ["POST /_security/api_key/grant"],
        path: [],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: Refresh,
        ],
        body: required GrantApiKeyBody {
            args: [api_key: GrantedApiKey, grant_type: ApiKeyGrantType],
            fields: [
                /// The user's access token (grant type `access_token`).
                opt access_token: Secret,
                /// The user's username (grant type `password`).
                opt username: String,
                /// The user's password (grant type `password`).
                opt password: Secret,
            ],
        },
    }
}

impl<C> GrantApiKey<C> {
    /// Sets the body's `run_as`: the user to impersonate; the key is granted to that user.
    ///
    /// (Not the same as [`run_as`](Self::run_as), which runs the request itself as another user.)
    pub fn run_as_user(mut self, user: impl Into<String>) -> Self {
        self.__body_mut().run_as = Some(user.into());
        self
    }
}

endpoint! {
    /// Updates the role descriptors, metadata or expiration of an API key of the authenticated
    /// user.
    pub struct UpdateApiKey {
        name: "security.update_api_key",
        doc: "security-api-update-api-key.html",
        response: UpdateApiKeyResponse,
        routes: ["PUT /_security/api_key/{id}"],
        path: [
            /// The key id.
            id: String,
        ],
        opt_path: [],
        query: [],
        body: optional UpdateApiKeyBody {
            args: [],
            fields: [
                /// New role descriptors, by role name (an empty map removes them: the key gets
                /// the owner's permissions).
                opt role_descriptors: RoleDescriptors,
                /// New metadata (replaces the old).
                opt metadata: Metadata,
                /// New expiration, a duration such as `30d`.
                opt expiration: String,
            ],
        },
    }
}

endpoint! {
    /// Evicts API keys from the API key cache (`*` for all).
    pub struct ClearApiKeyCache {
        name: "security.clear_api_key_cache",
        doc: "security-api-clear-api-key-cache.html",
        response: ClearApiKeyCacheResponse,
        routes: ["POST /_security/api_key/{ids}/_clear_cache"],
        path: [
            /// Key ids, or `*` for all.
            ids: Names,
        ],
        opt_path: [],
        query: [],
        body: none,
    }
}

/// The declarations of the endpoints that [`GetApiKey`], [`InvalidateApiKey`] and
/// [`QueryApiKeys`] wrap, with the checks that read their fields.
#[allow(dead_code, unreachable_pub)]
mod decl {
    use super::*;

    endpoint! {
        /// See `super::GetApiKey`.
        pub struct GetApiKey {
            name: "security.get_api_key",
            doc: "security-api-get-api-key.html",
            response: GetApiKeyResponse,
            routes: ["GET /_security/api_key"],
            path: [],
            opt_path: [],
            query: [
                /// Only active keys (neither invalidated nor expired).
                active_only: bool,
                /// A key id.
                id: String,
                /// A key name (`*` wildcards allowed).
                name: String,
                /// Only the keys of the authenticated user.
                owner: bool,
                /// The owners' realm.
                realm_name: String,
                /// The owner's username.
                username: String,
                /// Also return each key's owner permissions snapshot (`limited_by`).
                with_limited_by: bool,
                /// Also return each key owner's profile id (`profile_uid`).
                with_profile_uid: bool,
            ],
            body: none,
        }
    }

    impl GetApiKey<()> {
        pub(super) fn check(&self) -> Result<(), String> {
            check_selectors(
                self.id.as_ref().map(|_| "id"),
                self.name.is_some(),
                self.owner == Some(true),
                self.realm_name.is_some(),
                self.username.is_some(),
            )
        }
    }

    endpoint! {
        /// See `super::InvalidateApiKey`.
        pub struct InvalidateApiKey {
            name: "security.invalidate_api_key",
            doc: "security-api-invalidate-api-key.html",
            response: InvalidateApiKeyResponse,
            routes: ["DELETE /_security/api_key"],
            path: [],
            opt_path: [],
            query: [],
            body: required InvalidateApiKeyBody {
                args: [],
                fields: [
                    /// One key id (deprecated: use `ids`).
                    opt id: String,
                    /// Key ids.
                    list ids: String,
                    /// A key name.
                    opt name: String,
                    /// Only the keys of the authenticated user.
                    opt owner: bool,
                    /// The owners' realm.
                    opt realm_name: String,
                    /// The owner's username.
                    opt username: String,
                ],
            },
        }
    }

    impl InvalidateApiKey<()> {
        pub(super) fn check(&self) -> Result<(), String> {
            match self.raw_body {
                Some(_) => Ok(()),
                None => self.body.check(),
            }
        }
    }

    endpoint! {
        /// See `super::QueryApiKeys`.
        pub struct QueryApiKeys {
            name: "security.query_api_keys",
            doc: "security-api-query-api-key.html",
            response: QueryApiKeysResponse,
            routes: ["GET|POST /_security/_query/api_key"],
            path: [],
            opt_path: [],
            query: [
                /// Prefix aggregation names with their type (`sterms#name`), so that results
                /// decode into their types.
                typed_keys: bool,
                /// Also return each key's owner permissions snapshot (`limited_by`).
                with_limited_by: bool,
                /// Also return each key owner's profile id (`profile_uid`).
                with_profile_uid: bool,
            ],
            body: optional QueryApiKeysBody {
                args: [],
                fields: [
                    /// Which keys (all when not set).
                    opt query: ApiKeyQuery,
                    /// Offset of the first key.
                    opt from: u32,
                    /// Number of keys to return (default 10).
                    opt size: u32,
                    /// Sort criteria.
                    list sort: SortCombinations,
                    /// Continue after these sort values.
                    list search_after: FieldValue,
                    /// Aggregations, by name.
                    opt aggregations: BTreeMap<String, ApiKeyAggregation>,
                ],
            },
        }
    }

    impl<C> QueryApiKeys<C> {
        pub(super) fn body_mut(&mut self) -> &mut QueryApiKeysBody {
            self.__body_mut()
        }

        pub(super) fn sort_ref(&self) -> Option<&Vec<SortCombinations>> {
            self.body.as_ref().and_then(|b| b.sort.as_ref())
        }
    }

    impl QueryApiKeys<()> {
        /// The sort that the official client sends in the query string: only field names,
        /// one of which holds a `:`. Not with a raw body.
        pub(super) fn sort_for_query(&self) -> Option<Vec<String>> {
            if self.raw_body.is_some() {
                return None;
            }
            let sort = self.body.as_ref()?.sort.as_ref()?;
            let names: Option<Vec<String>> = sort
                .iter()
                .map(|s| s.as_field().map(str::to_owned))
                .collect();
            names.filter(|names| names.iter().any(|n| n.contains(':')))
        }

        /// This request without `sort` (and without a body if nothing else is left in it).
        pub(super) fn without_sort(&self) -> Self {
            let mut copy = self.clone();
            if let Some(body) = copy.body.as_mut() {
                body.sort = None;
                if *body == QueryApiKeysBody::default() {
                    copy.body = None;
                }
            }
            copy
        }
    }
}

/// Declares a public request type that wraps a `decl` endpoint and checks it in
/// `request_parts` (through an inherent `parts` method).
macro_rules! checked_endpoint {
    (
        $(#[$meta:meta])*
        pub struct $name:ident => $api:literal, $doc:literal, $resp:ty;
        setters {
            $( $(#[$sm:meta])* fn $setter:ident($($arg:ident: $aty:ty),*); )*
        }
    ) => {
        $(#[$meta])*
        ///
        #[doc = concat!("Endpoint `", $api, "`: [Elasticsearch 8.14 reference](", crate::__reference_root!(), $doc, ").")]
        ///
        /// Build it with `new` and the setters, then turn it into an `http::Request` with
        /// [`Endpoint::to_http_request`] or, bound to a client, `.await` it.
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent"]
        pub struct $name<C = ()> {
            inner: decl::$name<C>,
        }

        impl $name<()> {
            /// A request with its required parameters.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                $name { inner: decl::$name::new() }
            }
        }

        impl<C> $name<C> {
            /// Binds the request to a context (a client), keeping every parameter.
            pub fn with_ctx<D>(self, ctx: D) -> $name<D> {
                $name { inner: self.inner.with_ctx(ctx) }
            }

            /// Splits the request into its context and the plain request.
            pub fn split(self) -> (C, $name<()>) {
                let (ctx, inner) = self.inner.split();
                (ctx, $name { inner })
            }

            /// Returns the raw answer (status, headers, body bytes) instead of the typed one.
            pub fn raw(self) -> Raw<C, $name<()>> {
                let (ctx, plain) = self.split();
                Raw::new(ctx, plain)
            }

            $(
                $(#[$sm])*
                pub fn $setter(self, $($arg: $aty),*) -> Self {
                    $name { inner: self.inner.$setter($($arg),*) }
                }
            )*

            /// `error_trace`: include the stack trace of errors.
            pub fn error_trace(self, value: bool) -> Self {
                $name { inner: self.inner.error_trace(value) }
            }

            /// `filter_path`: filters in dot notation that reduce the response.
            pub fn filter_path(self, value: impl Into<Names>) -> Self {
                $name { inner: self.inner.filter_path(value) }
            }

            /// `human`: human-readable values.
            pub fn human(self, value: bool) -> Self {
                $name { inner: self.inner.human(value) }
            }

            /// `pretty`: pretty-printed JSON.
            pub fn pretty(self, value: bool) -> Self {
                $name { inner: self.inner.pretty(value) }
            }

            /// Adds a header to this request.
            pub fn header(self, name: impl Into<String>, value: impl Into<String>) -> Self {
                $name { inner: self.inner.header(name, value) }
            }

            /// Sets `X-Opaque-Id`, to find this request in Elasticsearch's logs and tasks.
            pub fn opaque_id(self, value: impl Into<String>) -> Self {
                $name { inner: self.inner.opaque_id(value) }
            }

            /// Runs the request as another user (`es-security-runas-user`; needs `run_as` privileges).
            pub fn run_as(self, user: impl Into<String>) -> Self {
                $name { inner: self.inner.run_as(user) }
            }

            /// A timeout for this request, honoured by the transport.
            pub fn timeout(self, timeout: std::time::Duration) -> Self {
                $name { inner: self.inner.timeout(timeout) }
            }

            /// Authenticates this request with other credentials than the client's.
            pub fn credentials(self, credentials: Credentials) -> Self {
                $name { inner: self.inner.credentials(credentials) }
            }

            /// Replaces all per-request options at once.
            pub fn options(self, options: RequestOptions) -> Self {
                $name { inner: self.inner.options(options) }
            }
        }

        impl Endpoint for $name<()> {
            type Response = $resp;

            const SPEC: &'static EndpointSpec = <decl::$name<()> as Endpoint>::SPEC;

            fn request_parts(&self) -> Result<RequestParts, Error> {
                self.parts()
            }

            fn options(&self) -> &RequestOptions {
                <decl::$name<()> as Endpoint>::options(&self.inner)
            }

            fn decode(response: http::Response<Vec<u8>>) -> Result<$resp, Error> {
                <decl::$name<()> as Endpoint>::decode(response)
            }
        }

        impl<C: Executor> std::future::IntoFuture for $name<C> {
            type Output = Result<$resp, Error>;
            type IntoFuture = C::Future<$resp>;

            fn into_future(self) -> Self::IntoFuture {
                let (ctx, plain) = self.split();
                ctx.execute(plain)
            }
        }
    };
}

checked_endpoint! {
    /// Returns API keys: by id, by name, by owner or realm, or all that the caller may see.
    ///
    /// Refused before sending, as the reference documentation rules out: `id` with `name`;
    /// `id` or `name` with `realm_name` or `username`; `owner(true)` with `realm_name` or
    /// `username`.
    pub struct GetApiKey => "security.get_api_key", "security-api-get-api-key.html", GetApiKeyResponse;
    setters {
        /// `active_only`: only active keys (neither invalidated nor expired).
        fn active_only(value: bool);
        /// `id`: a key id.
        fn id(value: impl Into<String>);
        /// `name`: a key name (`*` wildcards allowed).
        fn name(value: impl Into<String>);
        /// `owner`: only the keys of the authenticated user.
        fn owner(value: bool);
        /// `realm_name`: the owners' realm.
        fn realm_name(value: impl Into<String>);
        /// `username`: the owner's username.
        fn username(value: impl Into<String>);
        /// `with_limited_by`: also return each key's owner permissions snapshot (`limited_by`).
        fn with_limited_by(value: bool);
        /// `with_profile_uid`: also return each key owner's profile id (`profile_uid`).
        fn with_profile_uid(value: bool);
    }
}

impl GetApiKey<()> {
    fn parts(&self) -> Result<RequestParts, Error> {
        self.inner
            .check()
            .map_err(|reason| Error::invalid(Self::SPEC.name, reason))?;
        self.inner.request_parts()
    }
}

checked_endpoint! {
    /// Invalidates API keys: by ids, by name, by owner or realm. A `DELETE` with a JSON body.
    ///
    /// Refused before sending, as the reference documentation rules out: `id` with `ids`;
    /// `ids` (or `id`) with `name`; `ids` or `name` with `realm_name` or `username`;
    /// `owner(true)` with `realm_name` or `username`; and no selector at all without
    /// `owner(true)`.
    pub struct InvalidateApiKey => "security.invalidate_api_key", "security-api-invalidate-api-key.html", InvalidateApiKeyResponse;
    setters {
        /// `id`: one key id (deprecated: use `ids`).
        fn id(value: impl Into<String>);
        /// `ids`: key ids.
        fn ids(values: impl IntoIterator<Item = impl Into<String>>);
        /// `name`: a key name.
        fn name(value: impl Into<String>);
        /// `owner`: only the keys of the authenticated user.
        fn owner(value: bool);
        /// `realm_name`: the owners' realm.
        fn realm_name(value: impl Into<String>);
        /// `username`: the owner's username.
        fn username(value: impl Into<String>);
        /// Sets the whole typed body.
        fn body(body: InvalidateApiKeyBody);
        /// Sends this JSON as the body instead of the typed one (not checked): the escape hatch
        /// for fields the types do not cover yet.
        fn raw_body(body: serde_json::Value);
    }
}

impl<C> InvalidateApiKey<C> {
    /// The typed body.
    pub fn body_ref(&self) -> &InvalidateApiKeyBody {
        self.inner.body_ref()
    }
}

impl InvalidateApiKey<()> {
    fn parts(&self) -> Result<RequestParts, Error> {
        self.inner
            .check()
            .map_err(|reason| Error::invalid(Self::SPEC.name, reason))?;
        self.inner.request_parts()
    }
}

checked_endpoint! {
    /// Queries API keys with a subset of the query DSL, with sorting, paging (`from`/`size` or
    /// `search_after`) and aggregations.
    ///
    /// A `sort` made only of field names, one of which holds a `:` (`"name:desc"`), is sent as
    /// the `sort` query parameter instead of in the body, as the official Python client does.
    /// Elasticsearch 8.14 knows no such parameter on this endpoint and answers 400: sort with
    /// [`SortOptions`] (`{"name": {"order": "desc"}}`) instead.
    ///
    /// To go through every matching key page by page, see the client's API-key stream.
    pub struct QueryApiKeys => "security.query_api_keys", "security-api-query-api-key.html", QueryApiKeysResponse;
    setters {
        /// `typed_keys`: prefix aggregation names with their type, so that results decode into
        /// their types (see [`Aggregations`]).
        fn typed_keys(value: bool);
        /// `with_limited_by`: also return each key's owner permissions snapshot (`limited_by`).
        fn with_limited_by(value: bool);
        /// `with_profile_uid`: also return each key owner's profile id (`profile_uid`).
        fn with_profile_uid(value: bool);
        /// `query`: which keys (all when not set).
        fn query(value: impl Into<ApiKeyQuery>);
        /// `from`: offset of the first key (`from + size` is limited to 10,000; use
        /// `search_after` beyond).
        fn from(value: impl Into<u32>);
        /// `size`: number of keys to return (default 10).
        fn size(value: impl Into<u32>);
        /// `sort`: sort criteria, e.g. `["name"]` or [`SortOptions`]. Any public field but `id`;
        /// `_doc` sorts by index order.
        fn sort(values: impl IntoIterator<Item = impl Into<SortCombinations>>);
        /// `search_after`: continue after these sort values (the `_sort` of the previous page's
        /// last key).
        fn search_after(values: impl IntoIterator<Item = impl Into<FieldValue>>);
        /// `aggregations`: aggregations by name.
        fn aggregations(value: impl Into<BTreeMap<String, ApiKeyAggregation>>);
        /// Sets the whole typed body.
        fn body(body: QueryApiKeysBody);
        /// Sends this JSON as the body instead of the typed one: the escape hatch for fields
        /// the types do not cover yet.
        fn raw_body(body: serde_json::Value);
    }
}

impl<C> QueryApiKeys<C> {
    /// Adds one aggregation.
    pub fn aggregation(mut self, name: impl Into<String>, aggregation: ApiKeyAggregation) -> Self {
        self.inner
            .body_mut()
            .aggregations
            .get_or_insert_with(BTreeMap::new)
            .insert(name.into(), aggregation);
        self
    }

    /// The typed body, if one is set.
    pub fn body_ref(&self) -> Option<&QueryApiKeysBody> {
        self.inner.body_ref()
    }

    /// The body, created empty if none is set: for helpers that adjust a request (e.g. paging).
    pub fn body_mut(&mut self) -> &mut QueryApiKeysBody {
        self.inner.body_mut()
    }

    /// The sort criteria, if any.
    pub fn sort_criteria(&self) -> Option<&[SortCombinations]> {
        self.inner.sort_ref().map(Vec::as_slice)
    }
}

impl QueryApiKeys<()> {
    fn parts(&self) -> Result<RequestParts, Error> {
        let Some(sort) = self.inner.sort_for_query() else {
            return self.inner.request_parts();
        };
        let mut parts = self.inner.without_sort().request_parts()?;
        let mut query = crate::QueryWriter::new();
        query.push("sort", Some(&Names::from(sort)));
        let mut query = query.finish();
        if let Some(rest) = parts.query.strip_prefix('?') {
            query.push('&');
            query.push_str(rest);
        }
        parts.query = query;
        Ok(parts)
    }
}

impl ToCredentials for CreateApiKeyResponse {
    /// `ApiKey` credentials: the `encoded` value when the server sent it, else `id` and
    /// `api_key`.
    fn to_credentials(&self) -> Credentials {
        match &self.encoded {
            Some(encoded) => Credentials::api_key_encoded(encoded.clone()),
            None => Credentials::api_key(self.id.clone(), self.api_key.clone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrappers_share_the_declared_spec() {
        assert_eq!(<GetApiKey as Endpoint>::SPEC.name, "security.get_api_key");
        assert_eq!(
            <QueryApiKeys as Endpoint>::SPEC.query,
            ["typed_keys", "with_limited_by", "with_profile_uid"]
        );
        assert_eq!(
            <InvalidateApiKey as Endpoint>::SPEC.routes,
            ["DELETE /_security/api_key"]
        );
    }

    fn _is_send<T: crate::MaybeSend>() {}
    fn _requests_are_send() {
        _is_send::<GetApiKey>();
        _is_send::<QueryApiKeys>();
        _is_send::<InvalidateApiKey>();
    }
}
