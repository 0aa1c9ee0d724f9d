//! Endpoints of the `api_keys` API group: create, get, query, grant, invalidate, update (one or
//! in bulk), clone API keys, clear the API key cache, and create and update cross-cluster API
//! keys.
//!
//! Three endpoints check their parameters before anything is sent, beyond what their
//! `endpoint!` declaration expresses:
//! - [`GetApiKey`] and [`InvalidateApiKey`] refuse selector combinations that the reference
//!   documentation rules out (`id` with `name`, `id`/`name` with `realm_name`/`username`,
//!   `owner: true` with `realm_name`/`username`, …) with [`Error::InvalidRequest`].
//! - [`QueryApiKeys`] moves a `sort` made only of field names, one of which holds a `:`
//!   (`"name:desc"`), from the body to the query string, as the official Python client does.
//!
//! They do it in the `hook` of their `endpoint!` declaration.
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

use crate::auth::{ApiKeyCredentials, Credentials, ToCredentials};
use crate::endpoint::{Endpoint, EndpointSpec, RequestParts};
use crate::error::Error;
use crate::Names;
use security_types::api_keys::aggregations::ApiKeyAggregation;
use security_types::api_keys::*;
use security_types::common::{Metadata, Nullable, OneOrMany, Refresh, RoleDescriptor};
use security_types::Secret;
use std::collections::BTreeMap;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <CreateApiKey as Endpoint>::SPEC,
    <GetApiKey as Endpoint>::SPEC,
    <QueryApiKeys as Endpoint>::SPEC,
    <GrantApiKey as Endpoint>::SPEC,
    <InvalidateApiKey as Endpoint>::SPEC,
    <UpdateApiKey as Endpoint>::SPEC,
    <ClearApiKeyCache as Endpoint>::SPEC,
    <BulkUpdateApiKeys as Endpoint>::SPEC,
    <CreateCrossClusterApiKey as Endpoint>::SPEC,
    <UpdateCrossClusterApiKey as Endpoint>::SPEC,
    <CloneApiKey as Endpoint>::SPEC,
];

endpoint! {
    /// Creates an API key for the authenticated user: its permissions are the intersection of
    /// the given role descriptors and the user's.
    pub struct CreateApiKey {
        name: "security.create_api_key",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-create-api-key.html",
        since: "6.7.0",
        params_since: [
            metadata: "7.13.0",
            role_descriptors.*.remote_indices: "8.14.0",
            role_descriptors.*.remote_cluster: "8.15.0",
            role_descriptors.*.description: "8.15.0",
            role_descriptors.*.global.data_source: "9.5.0",
            role_descriptors.*.restriction: "8.9.0",
        ],
        serverless: public,
        stack_only: [role_descriptors.*.global, role_descriptors.*.remote_indices, role_descriptors.*.remote_cluster, role_descriptors.*.indices.allow_restricted_indices],
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
                /// owner's permissions). On serverless, their `run_as` must be empty (run-as
                /// is disabled there).
                opt role_descriptors: RoleDescriptors,
                /// Arbitrary metadata; keys starting with `_` are reserved.
                opt metadata: Metadata,
            ],
        },
        // Never sent twice: each call creates another key.
        repeatable: false,
    }
}

impl<C> CreateApiKey<C> {
    /// Adds one role descriptor to `role_descriptors` (on serverless, its `run_as` must be
    /// empty).
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
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-grant-api-key.html",
        since: "7.9.0",
        params_since: [
            api_key.role_descriptors.*.remote_indices: "8.14.0",
            api_key.role_descriptors.*.remote_cluster: "8.15.0",
            api_key.role_descriptors.*.description: "8.15.0",
            api_key.role_descriptors.*.global.data_source: "9.5.0",
            api_key.role_descriptors.*.restriction: "8.9.0",
        ],
        serverless: private,
        stack_only: [api_key.role_descriptors.*.global, api_key.role_descriptors.*.remote_indices, api_key.role_descriptors.*.remote_cluster, api_key.role_descriptors.*.indices.allow_restricted_indices],
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
        // Never sent twice: each call creates another key.
        repeatable: false,
    }
}

/// The grant forms of `grant_api_key`, each with what it needs.
///
/// ```
/// use security_core::api_keys::GrantApiKey;
/// use security_core::types::api_keys::GrantedApiKey;
/// let by_password = GrantApiKey::with_password(GrantedApiKey::new("k1"), "jacknich", "l0ng-p@ss");
/// let by_token = GrantApiKey::with_access_token(GrantedApiKey::new("k2"), "dGhpcyBpcyBhIHRva2Vu");
/// # let _ = (by_password, by_token);
/// ```
impl GrantApiKey {
    /// Grants `api_key` to the user with this username and password (grant type `password`).
    pub fn with_password(
        api_key: impl Into<GrantedApiKey>,
        username: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Self {
        GrantApiKey::new(api_key, ApiKeyGrantType::Password)
            .username(username)
            .password(password)
    }

    /// Grants `api_key` to the user this access token belongs to (grant type `access_token`),
    /// e.g. a token from `get_token` or `saml_authenticate`.
    pub fn with_access_token(
        api_key: impl Into<GrantedApiKey>,
        access_token: impl Into<Secret>,
    ) -> Self {
        GrantApiKey::new(api_key, ApiKeyGrantType::AccessToken).access_token(access_token)
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
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-update-api-key.html",
        since: "8.4.0",
        params_since: [
            role_descriptors.*.remote_indices: "8.14.0",
            role_descriptors.*.remote_cluster: "8.15.0",
            role_descriptors.*.description: "8.15.0",
            role_descriptors.*.global.data_source: "9.5.0",
            role_descriptors.*.restriction: "8.9.0",
        ],
        serverless: public,
        stack_only: [role_descriptors.*.global, role_descriptors.*.remote_indices, role_descriptors.*.remote_cluster, role_descriptors.*.indices.allow_restricted_indices],
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
                /// the owner's permissions). On serverless, their `run_as` must be empty.
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
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-clear-api-key-cache.html",
        since: "7.10.0",
        serverless: private,
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

endpoint! {
    /// Returns API keys: by id, by name, by owner or realm, or all that the caller may see.
    ///
    /// Refused before sending, as the reference documentation rules out: `id` with `name`;
    /// `id` or `name` with `realm_name` or `username`; `owner(true)` with `realm_name` or
    /// `username`.
    pub struct GetApiKey {
        name: "security.get_api_key",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-api-key.html",
        since: "6.7.0",
        params_since: [with_limited_by: "8.5.0", active_only: "8.10.0", with_profile_uid: "8.14.0"],
        serverless: public,
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
        hook: checked,
    }
}

impl GetApiKey<()> {
    /// The hook: refuses selector combinations that the documentation rules out.
    fn checked(&self) -> Result<RequestParts, Error> {
        check_selectors(
            self.id.as_ref().map(|_| "id"),
            self.name.is_some(),
            self.owner == Some(true),
            self.realm_name.is_some(),
            self.username.is_some(),
        )
        .map_err(|reason| Error::invalid(Self::SPEC.name, reason))?;
        self.__request_parts()
    }
}

endpoint! {
    /// Invalidates API keys: by ids, by name, by owner or realm. A `DELETE` with a JSON body.
    ///
    /// Refused before sending, as the reference documentation rules out: `id` with `ids`;
    /// `ids` (or `id`) with `name`; `ids` or `name` with `realm_name` or `username`;
    /// `owner(true)` with `realm_name` or `username`; and no selector at all without
    /// `owner(true)`.
    pub struct InvalidateApiKey {
        name: "security.invalidate_api_key",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-invalidate-api-key.html",
        since: "6.7.0",
        serverless: public,
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
        hook: checked,
    }
}

impl InvalidateApiKey<()> {
    /// The hook: refuses selector combinations that the documentation rules out (not with a
    /// raw body).
    fn checked(&self) -> Result<RequestParts, Error> {
        if self.raw_body.is_none() {
            self.body
                .check()
                .map_err(|reason| Error::invalid(Self::SPEC.name, reason))?;
        }
        self.__request_parts()
    }
}

endpoint! {
    /// Queries API keys with a subset of the query DSL, with sorting, paging (`from`/`size` or
    /// `search_after`) and aggregations.
    ///
    /// A `sort` made only of field names, one of which holds a `:` (`"name:desc"`), is sent as
    /// the `sort` query parameter instead of in the body, as the official Python client does.
    /// Elasticsearch 8.14 knows no such parameter on this endpoint and answers 400: sort with
    /// [`SortOptions`] (`{"name": {"order": "desc"}}`) instead.
    ///
    /// To go through every matching key page by page, see the client's API-key stream.
    pub struct QueryApiKeys {
        name: "security.query_api_keys",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-query-api-key.html",
        since: "7.15.0",
        params_since: [with_limited_by: "8.5.0", with_profile_uid: "8.14.0", typed_keys: "8.14.0"],
        serverless: public,
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
                /// Sort criteria: a field name, `(field, SortOrder)` for `{field: order}`,
                /// [`SortOptions`], or a list of these.
                opt sort: Sort,
                /// Continue after these sort values.
                list search_after: FieldValue,
                /// Aggregations, by name.
                opt aggregations: BTreeMap<String, ApiKeyAggregation>,
            ],
        },
        hook: checked,
    }
}

impl<C> QueryApiKeys<C> {
    /// Adds one aggregation.
    pub fn aggregation(mut self, name: impl Into<String>, aggregation: ApiKeyAggregation) -> Self {
        self.__body_mut()
            .aggregations
            .get_or_insert_with(BTreeMap::new)
            .insert(name.into(), aggregation);
        self
    }

    /// The body, created empty if none is set: for helpers that adjust a request (e.g. paging).
    pub fn body_mut(&mut self) -> &mut QueryApiKeysBody {
        self.__body_mut()
    }

    /// The sort criteria, if any.
    pub fn sort_criteria(&self) -> Option<&[SortCombinations]> {
        self.body
            .as_ref()
            .and_then(|b| b.sort.as_ref())
            .map(Sort::criteria)
    }
}

impl QueryApiKeys<()> {
    /// The sort that the official client sends in the query string: only field names,
    /// one of which holds a `:`. Not with a raw body.
    fn sort_for_query(&self) -> Option<Vec<String>> {
        if self.raw_body.is_some() {
            return None;
        }
        let sort = self.body.as_ref()?.sort.as_ref()?;
        let names: Option<Vec<String>> = sort
            .criteria()
            .iter()
            .map(|s| s.as_field().map(str::to_owned))
            .collect();
        names.filter(|names| names.iter().any(|n| n.contains(':')))
    }

    /// The hook: moves a `sort` of field names with a `:` to the query string.
    fn checked(&self) -> Result<RequestParts, Error> {
        let Some(sort) = self.sort_for_query() else {
            return self.__request_parts();
        };
        let mut parts = self.__request_parts()?;
        // The body without `sort`, and no body when nothing else is left in it (serialized
        // from a view of this body: no copy of it).
        parts.body = match &self.body {
            Some(body) if !body.is_empty_without_sort() => Some(crate::encode_body(
                Self::SPEC.name,
                &QueryApiKeysBodyWithoutSort(body),
            )?),
            _ => None,
        };
        // Without a body the method is GET (the route: `GET|POST`); the path has no parameter.
        parts.method = crate::render_route(Self::SPEC, parts.body.is_some(), |_| None)?.0;
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

endpoint! {
    /// Applies the same update (role descriptors, metadata, expiration) to several REST API keys
    /// of the authenticated user, in one call.
    ///
    /// The owner's credentials are needed (an API key cannot update keys); expired or
    /// invalidated keys cannot be updated, and cross-cluster keys only with
    /// [`UpdateCrossClusterApiKey`]. Each key's snapshot of its owner's permissions is refreshed
    /// even when nothing else changes. The answer lists updated keys, unchanged keys (`noops`)
    /// and per-key errors.
    pub struct BulkUpdateApiKeys {
        name: "security.bulk_update_api_keys",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-bulk-update-key",
        since: "8.5.0",
        params_since: [
            role_descriptors.*.remote_indices: "8.14.0",
            role_descriptors.*.remote_cluster: "8.15.0",
            role_descriptors.*.description: "8.15.0",
            role_descriptors.*.global.data_source: "9.5.0",
            role_descriptors.*.restriction: "8.9.0",
        ],
        response: BulkUpdateApiKeysResponse,
        routes: ["POST /_security/api_key/_bulk_update"],
        path: [],
        opt_path: [],
        query: [],
        body: required BulkUpdateApiKeysBody {
            args: [ids: OneOrMany<String>],
            fields: [
                /// New role descriptors, by role name (an empty map removes them: the keys get
                /// their owner's permissions).
                opt role_descriptors: RoleDescriptors,
                /// New metadata (replaces the old).
                opt metadata: Metadata,
                /// New expiration, a duration such as `30d`.
                opt expiration: String,
            ],
        },
    }
}

impl<C> BulkUpdateApiKeys<C> {
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
    /// Creates a cross-cluster API key: the credential a remote cluster uses to search or
    /// replicate this cluster's indices (API-key based remote cluster access).
    ///
    /// Its permissions are exactly its `access` (they do not depend on the creating user's), and
    /// it authenticates only on the remote cluster interface, not on the REST interface. The
    /// request must not be authenticated with an API key. Update it with
    /// [`UpdateCrossClusterApiKey`] only.
    pub struct CreateCrossClusterApiKey {
        name: "security.create_cross_cluster_api_key",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-cross-cluster-key",
        since: "8.10.0",
        params_since: [certificate_identity: "9.3.0"],
        response: CreateCrossClusterApiKeyResponse,
        routes: ["POST /_security/cross_cluster/api_key"],
        path: [],
        opt_path: [],
        query: [],
        body: required CreateCrossClusterApiKeyBody {
            args: [name: String, access: CrossClusterAccess],
            fields: [
                /// Expiration as a duration such as `1d` (by default the key never expires).
                opt expiration: String,
                /// Arbitrary metadata; keys starting with `_` are reserved.
                opt metadata: Metadata,
                /// The distinguished name (pattern) of the TLS certificate the remote cluster
                /// must present with the key (servers 9.3 and later).
                opt certificate_identity: String,
            ],
        },
        // Never sent twice: each call creates another key.
        repeatable: false,
    }
}

endpoint! {
    /// Updates the access, metadata, expiration or certificate identity of a cross-cluster API
    /// key of the authenticated user.
    ///
    /// The new access replaces the old one entirely. The request must not be authenticated with
    /// an API key; expired or invalidated keys cannot be updated.
    pub struct UpdateCrossClusterApiKey {
        name: "security.update_cross_cluster_api_key",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-cross-cluster-key-update",
        since: "8.10.0",
        params_since: [certificate_identity: "9.3.0"],
        response: UpdateCrossClusterApiKeyResponse,
        routes: ["PUT /_security/cross_cluster/api_key/{id}"],
        path: [
            /// The id of the cross-cluster key.
            id: String,
        ],
        opt_path: [],
        query: [],
        body: required UpdateCrossClusterApiKeyBody {
            args: [access: CrossClusterAccess],
            fields: [
                /// New expiration, a duration such as `30d`.
                opt expiration: String,
                /// New metadata (replaces the old).
                opt metadata: Metadata,
                /// New certificate identity (servers 9.3 and later); `Nullable::Null` removes
                /// it (see also `clear_certificate_identity`).
                opt certificate_identity: Nullable<String>,
            ],
        },
    }
}

impl<C> UpdateCrossClusterApiKey<C> {
    /// Removes the key's certificate identity (sends `"certificate_identity": null`).
    pub fn clear_certificate_identity(mut self) -> Self {
        self.__body_mut().certificate_identity = Some(Nullable::Null);
        self
    }
}

endpoint! {
    /// Clones an API key: creates a new key with the role descriptors of an existing one, given
    /// that key's credentials. **Experimental** in Elasticsearch (servers 9.4 and later): it may
    /// change or go away in a later release.
    ///
    /// Meant for applications that hold a user's API key and need another key on the user's
    /// behalf, since an API key cannot create API keys. The source key is named by its encoded
    /// credentials (base64 of `id:api_key`, the `encoded` value of the answer that created it;
    /// see [`CloneApiKey::of`]). Without `expiration` the clone never expires; with
    /// `Nullable::Null` (or [`no_expiration`](CloneApiKey::no_expiration)) that is explicit.
    pub struct CloneApiKey {
        name: "security.clone_api_key",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-clone-api-key",
        since: "9.4.0",
        stability: experimental,
        serverless: private,
        response: CloneApiKeyResponse,
        routes: ["POST|PUT /_security/api_key/clone"],
        path: [],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: Refresh,
        ],
        body: required CloneApiKeyBody {
            args: [api_key: Secret],
            fields: [
                /// The name of the clone (by default the source key's).
                opt name: String,
                /// Expiration of the clone, a duration such as `1d`.
                opt expiration: Nullable<String>,
                /// Arbitrary metadata of the clone; keys starting with `_` are reserved.
                opt metadata: Metadata,
            ],
        },
        // Never sent twice: each call creates another key.
        repeatable: false,
    }
}

impl CloneApiKey {
    /// Clones the key of these credentials (encoded to base64 of `id:api_key` when given as id
    /// and secret).
    pub fn of(credentials: &ApiKeyCredentials) -> Self {
        CloneApiKey::new(credentials.encoded())
    }
}

impl<C> CloneApiKey<C> {
    /// A clone that never expires (sends `"expiration": null`).
    pub fn no_expiration(mut self) -> Self {
        self.__body_mut().expiration = Some(Nullable::Null);
        self
    }
}

impl ToCredentials for CreateCrossClusterApiKeyResponse {
    /// `ApiKey` credentials with the `encoded` value. They authenticate on the remote cluster
    /// interface only: the REST interface refuses cross-cluster keys.
    fn to_credentials(&self) -> Credentials {
        Credentials::api_key_encoded(self.encoded.clone())
    }
}

impl ToCredentials for CloneApiKeyResponse {
    /// `ApiKey` credentials with the `encoded` value.
    fn to_credentials(&self) -> Credentials {
        Credentials::api_key_encoded(self.encoded.clone())
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
    fn hooked_endpoints_keep_their_declared_spec() {
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
