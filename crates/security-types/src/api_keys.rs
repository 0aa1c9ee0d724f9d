//! Types of the `api_keys` API group: create, get, query, grant, invalidate, update (one or in
//! bulk) and clone API keys; create and update cross-cluster API keys ([`CrossClusterAccess`]).
//!
//! The query DSL and aggregations that `query_api_keys` accepts are in [`query`] and
//! [`aggregations`].
//!
//! [`ApiKey`] is what listing endpoints return. It is built to decode large listings fast and
//! small: `metadata`, `role_descriptors` and `limited_by` are kept as raw JSON ([`Lazy`]) and
//! parsed only when asked for, and no field goes through serde's buffering (`flatten`, untagged
//! enums).

pub mod aggregations;
/// The query DSL and sort of `query_api_keys`: the ones shared with `query_user` and
/// `query_role` (see [`crate::common::query`] and [`crate::common::Sort`]).
pub mod query {
    pub use crate::common::query::*;
    pub use crate::common::{Sort, SortCombinations, SortMode, SortOptions, SortOrder};

    /// A query on API keys (`ApiKeyQueryContainer`): the shared [`QueryContainer`].
    ///
    /// API keys can be queried on `id`, `type`, `name`, `creation`, `expiration`, `invalidated`,
    /// `invalidation`, `username`, `realm` and `metadata.*`.
    pub type ApiKeyQuery = QueryContainer;
}

use crate::common::{BulkError, ErrorCause, Metadata, Nullable, OneOrMany, RoleDescriptor};
use crate::{open_enum, Secret};
use serde::de::DeserializeOwned;
use serde::de::Deserializer;
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

pub use crate::common::{
    FieldValue, Sort, SortCombinations, SortMode, SortOptions, SortOrder, SortResults,
};
pub use aggregations::{Aggregations, ApiKeyAggregate, ApiKeyAggregation};
pub use query::ApiKeyQuery;

open_enum! {
    /// The kind of an API key (`type`; servers 8.10 and later).
    pub enum ApiKeyType {
        /// A REST API key (created with create_api_key or grant_api_key).
        Rest = "rest",
        /// A cross-cluster API key (for remote cluster access).
        CrossCluster = "cross_cluster",
    }
}

open_enum! {
    /// How grant_api_key authenticates the user the key is granted to (`ApiKeyGrantType`).
    pub enum ApiKeyGrantType {
        /// With the user's access token.
        AccessToken = "access_token",
        /// With the user's username and password.
        Password = "password",
    }
}

/// JSON kept as it came (one copied string) and parsed into `T` only when asked for.
///
/// Listings of thousands of API keys decode several times faster, in a fraction of the memory,
/// when each key's metadata and role descriptors are one string instead of a tree of maps; and
/// a role descriptor that a newer server shapes differently cannot fail the whole listing.
/// Read it with [`Lazy::parse`].
pub struct Lazy<T> {
    raw: Option<Box<RawValue>>,
    _type: PhantomData<fn() -> T>,
}

impl<T> Lazy<T> {
    /// Wraps JSON text (checked to be valid JSON).
    pub fn from_json(json: &str) -> Result<Self, serde_json::Error> {
        Ok(Lazy {
            raw: Some(RawValue::from_string(json.to_owned())?),
            _type: PhantomData,
        })
    }

    /// The JSON text as the server sent it (`None` when the field was absent).
    pub fn json(&self) -> Option<&str> {
        self.raw.as_deref().map(RawValue::get)
    }

    /// Whether there is nothing: absent, `null`, `{}` or `[]`.
    pub fn is_empty(&self) -> bool {
        let Some(s) = self.json().map(str::trim) else {
            return true;
        };
        s == "null"
            || ((s.starts_with('{') && s.ends_with('}'))
                || (s.starts_with('[') && s.ends_with(']')))
                && s[1..s.len() - 1].trim().is_empty()
    }

    /// Parses the JSON into any type.
    pub fn parse_as<U: DeserializeOwned>(&self) -> Result<U, serde_json::Error> {
        serde_json::from_str(self.json().unwrap_or("null"))
    }
}

impl<T: DeserializeOwned + Default> Lazy<T> {
    /// Parses the JSON into `T` (the default value when absent or `null`).
    pub fn parse(&self) -> Result<T, serde_json::Error> {
        match self.json().map(str::trim) {
            None | Some("null") => Ok(T::default()),
            Some(json) => serde_json::from_str(json),
        }
    }
}

impl<T> Default for Lazy<T> {
    fn default() -> Self {
        Lazy {
            raw: None,
            _type: PhantomData,
        }
    }
}

impl<T> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        Lazy {
            raw: self.raw.clone(),
            _type: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Lazy<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.json().unwrap_or("(absent)"))
    }
}

impl<T> PartialEq for Lazy<T> {
    fn eq(&self, other: &Self) -> bool {
        self.json() == other.json()
    }
}

impl<'de, T> Deserialize<'de> for Lazy<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Lazy {
            raw: Some(Box::<RawValue>::deserialize(deserializer)?),
            _type: PhantomData,
        })
    }
}

/// Role descriptors by role name (`Dictionary<string, RoleDescriptor>` in the spec).
pub type RoleDescriptors = BTreeMap<String, RoleDescriptor>;

/// An API key as get_api_key and query_api_keys return it (`ApiKey` in the spec).
///
/// Fields of newer servers are modelled (`type`, `invalidation`, `access`,
/// `certificate_identity`) and optional: older servers omit them.
/// `metadata`, `role_descriptors` and `limited_by` are [`Lazy`]: parsed when asked for, which
/// keeps large listings fast and small.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ApiKey {
    /// The key id.
    pub id: String,
    /// The key name (`null` for keys created without one by old versions).
    #[serde(default)]
    pub name: Option<String>,
    /// `rest` or `cross_cluster` (servers 8.10 and later).
    #[serde(default, rename = "type")]
    pub key_type: Option<ApiKeyType>,
    /// Creation time, in milliseconds since the epoch.
    #[serde(default)]
    pub creation: Option<i64>,
    /// Expiration time, in milliseconds since the epoch (none: the key never expires).
    #[serde(default)]
    pub expiration: Option<i64>,
    /// Whether the key has been invalidated.
    #[serde(default)]
    pub invalidated: bool,
    /// When the key was invalidated, in milliseconds since the epoch (servers 8.12 and later).
    #[serde(default)]
    pub invalidation: Option<i64>,
    /// The owner's username.
    #[serde(default)]
    pub username: Option<String>,
    /// The owner's realm name.
    #[serde(default)]
    pub realm: Option<String>,
    /// The owner's realm type.
    #[serde(default)]
    pub realm_type: Option<String>,
    /// The owner's profile id, when asked for with `with_profile_uid` and if it exists.
    #[serde(default)]
    pub profile_uid: Option<String>,
    /// Arbitrary metadata.
    #[serde(default)]
    pub metadata: Lazy<Metadata>,
    /// The role descriptors assigned to the key, by role name (empty: the owner's permissions).
    #[serde(default)]
    pub role_descriptors: Lazy<RoleDescriptors>,
    /// The owner's permissions snapshot, when asked for with `with_limited_by`.
    #[serde(default)]
    pub limited_by: Option<Lazy<Vec<RoleDescriptors>>>,
    /// The access of a cross-cluster key (servers 8.10 and later).
    #[serde(default)]
    pub access: Option<CrossClusterAccess>,
    /// The TLS certificate identity a cross-cluster key is restricted to (servers 9.3 and
    /// later).
    #[serde(default)]
    pub certificate_identity: Option<String>,
    /// The sort values of this key in a sorted query_api_keys answer: what `search_after` takes.
    #[serde(default, rename = "_sort")]
    pub sort: Option<SortResults>,
}

impl ApiKey {
    /// Whether the key is a cross-cluster key.
    pub fn is_cross_cluster(&self) -> bool {
        self.key_type == Some(ApiKeyType::CrossCluster)
    }
}

/// The access a cross-cluster API key grants (`Access` in the spec; servers 8.10 and later):
/// what remote clusters may search and what they may replicate.
///
/// Sent by create_cross_cluster_api_key and update_cross_cluster_api_key (at least one of the
/// two lists must be non-empty), returned in a cross-cluster key's `access`. No privileges are
/// named: Elasticsearch derives them from the kind of access.
///
/// ```
/// use security_types::api_keys::{CrossClusterAccess, ReplicationAccess, SearchAccess};
///
/// let access = CrossClusterAccess::new()
///     .search(SearchAccess::new(["logs*"]))
///     .replication(ReplicationAccess::new(["archive*"]));
/// assert_eq!(
///     serde_json::to_string(&access).unwrap(),
///     r#"{"search":[{"names":["logs*"]}],"replication":[{"names":["archive*"]}]}"#
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CrossClusterAccess {
    /// Indices that remote clusters may search (cross-cluster search).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub search: Vec<SearchAccess>,
    /// Indices that remote clusters may replicate (cross-cluster replication).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replication: Vec<ReplicationAccess>,
}

impl CrossClusterAccess {
    /// No access yet: add entries with [`search`](Self::search) and
    /// [`replication`](Self::replication).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a search entry.
    pub fn search(mut self, entry: SearchAccess) -> Self {
        self.search.push(entry);
        self
    }

    /// Adds a replication entry.
    pub fn replication(mut self, entry: ReplicationAccess) -> Self {
        self.replication.push(entry);
        self
    }
}

/// A cross-cluster search entry of [`CrossClusterAccess`] (`SearchAccess` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SearchAccess {
    /// Index names or patterns.
    pub names: OneOrMany<String>,
    /// Field-level security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_security: Option<crate::common::FieldSecurity>,
    /// Document-level security query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<crate::common::IndicesPrivilegesQuery>,
    /// Whether patterns may cover restricted indices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_restricted_indices: Option<bool>,
}

impl SearchAccess {
    /// Search access to these index names or patterns.
    pub fn new<N>(names: N) -> Self
    where
        N: IntoIterator,
        N::Item: Into<String>,
    {
        SearchAccess {
            names: OneOrMany::Many(names.into_iter().map(Into::into).collect()),
            ..Default::default()
        }
    }

    /// Restricts the fields (field-level security).
    pub fn field_security(mut self, field_security: crate::common::FieldSecurity) -> Self {
        self.field_security = Some(field_security);
        self
    }

    /// Restricts the documents (document-level security).
    pub fn query(mut self, query: crate::common::IndicesPrivilegesQuery) -> Self {
        self.query = Some(query);
        self
    }

    /// Sets whether the patterns may cover restricted indices.
    pub fn allow_restricted_indices(mut self, allow: bool) -> Self {
        self.allow_restricted_indices = Some(allow);
        self
    }
}

/// A cross-cluster replication entry of [`CrossClusterAccess`] (`ReplicationAccess` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ReplicationAccess {
    /// Index names or patterns.
    pub names: OneOrMany<String>,
    /// Whether patterns may cover restricted indices.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_restricted_indices: Option<bool>,
}

impl ReplicationAccess {
    /// Replication access to these index names or patterns.
    pub fn new<N>(names: N) -> Self
    where
        N: IntoIterator,
        N::Item: Into<String>,
    {
        ReplicationAccess {
            names: OneOrMany::Many(names.into_iter().map(Into::into).collect()),
            ..Default::default()
        }
    }

    /// Sets whether the patterns may cover restricted indices.
    pub fn allow_restricted_indices(mut self, allow: bool) -> Self {
        self.allow_restricted_indices = Some(allow);
        self
    }
}

/// Answer of `get_api_key`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct GetApiKeyResponse {
    /// The keys found.
    pub api_keys: Vec<ApiKey>,
}

/// Body of `create_api_key`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CreateApiKeyBody {
    /// Expiration as a duration such as `1d` (none: the key never expires).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    /// The key name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Role descriptors limiting the key (none or empty: the owner's permissions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_descriptors: Option<RoleDescriptors>,
    /// Arbitrary metadata; keys starting with `_` are reserved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

/// Answer of `create_api_key` and `grant_api_key`: the new key and its secret.
///
/// Turn it into credentials with `security_core::ToCredentials::to_credentials`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CreateApiKeyResponse {
    /// The key id.
    pub id: String,
    /// The key name.
    #[serde(default)]
    pub name: Option<String>,
    /// Expiration time, in milliseconds since the epoch.
    #[serde(default)]
    pub expiration: Option<i64>,
    /// The key secret.
    pub api_key: Secret,
    /// Base64 of `id:api_key`, ready for an `ApiKey` header (servers 7.16 and later).
    #[serde(default)]
    pub encoded: Option<Secret>,
}

/// Answer of `grant_api_key` (the same shape as create_api_key's).
pub type GrantApiKeyResponse = CreateApiKeyResponse;

/// The key to create in `grant_api_key` (`GrantApiKey` in the spec; renamed because the
/// request type is `GrantApiKey`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GrantedApiKey {
    /// The key name.
    pub name: String,
    /// Expiration as a duration such as `1d` (none: the key never expires).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    /// Role descriptors limiting the key: one map, or a list of maps.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_descriptors: Option<OneOrMany<RoleDescriptors>>,
    /// Arbitrary metadata; keys starting with `_` are reserved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl GrantedApiKey {
    /// A key with this name.
    pub fn new(name: impl Into<String>) -> Self {
        GrantedApiKey {
            name: name.into(),
            ..Default::default()
        }
    }

    /// Sets the expiration (a duration such as `1d`).
    pub fn expiration(mut self, expiration: impl Into<String>) -> Self {
        self.expiration = Some(expiration.into());
        self
    }

    /// Sets the role descriptors.
    pub fn role_descriptors(mut self, role_descriptors: RoleDescriptors) -> Self {
        self.role_descriptors = Some(OneOrMany::One(role_descriptors));
        self
    }

    /// Sets the metadata.
    pub fn metadata(mut self, metadata: Metadata) -> Self {
        self.metadata = Some(metadata);
        self
    }
}

impl From<&str> for GrantedApiKey {
    fn from(name: &str) -> Self {
        GrantedApiKey::new(name)
    }
}

impl From<String> for GrantedApiKey {
    fn from(name: String) -> Self {
        GrantedApiKey::new(name)
    }
}

/// Body of `grant_api_key`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GrantApiKeyBody {
    /// The key to create.
    pub api_key: GrantedApiKey,
    /// `access_token` or `password`.
    pub grant_type: ApiKeyGrantType,
    /// The user's access token (grant type `access_token`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access_token: Option<Secret>,
    /// The user's username (grant type `password`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// The user's password (grant type `password`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// A user to run as: the key is granted to that user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_as: Option<String>,
}

impl Default for GrantApiKeyBody {
    fn default() -> Self {
        GrantApiKeyBody {
            api_key: GrantedApiKey::default(),
            grant_type: ApiKeyGrantType::Password,
            access_token: None,
            username: None,
            password: None,
            run_as: None,
        }
    }
}

/// Body of `invalidate_api_key`: which keys to invalidate.
///
/// The documented rules (checked by the client before sending): `id` and `ids` exclude each
/// other; `ids` or `name` cannot be combined with `realm_name` or `username`, nor with each
/// other; `owner: true` cannot be combined with `realm_name` or `username`; without `owner:
/// true`, one of `ids`, `name`, `realm_name` or `username` is needed.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct InvalidateApiKeyBody {
    /// One key id (deprecated in favour of `ids`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Key ids.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ids: Option<Vec<String>>,
    /// A key name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Only the keys of the authenticated user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner: Option<bool>,
    /// The owners' realm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub realm_name: Option<String>,
    /// The owner's username.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

impl InvalidateApiKeyBody {
    /// Checks the documented selector rules; returns what is wrong.
    pub fn check(&self) -> Result<(), String> {
        if self.id.is_some() && self.ids.is_some() {
            return Err("`id` and `ids` cannot be used together: use `ids`".to_owned());
        }
        let ids = if self.ids.is_some() { "ids" } else { "id" };
        check_selectors(
            (self.id.is_some() || self.ids.is_some()).then_some(ids),
            self.name.is_some(),
            self.owner == Some(true),
            self.realm_name.is_some(),
            self.username.is_some(),
        )?;
        let any = self.id.is_some()
            || self.ids.is_some()
            || self.name.is_some()
            || self.realm_name.is_some()
            || self.username.is_some();
        if !any && self.owner != Some(true) {
            return Err(
                "one of `ids`, `name`, `realm_name` or `username` must be set unless `owner` is true"
                    .to_owned(),
            );
        }
        Ok(())
    }
}

/// The selector rules shared by get_api_key and invalidate_api_key, as documented: an id (or
/// ids) or a name excludes the other and excludes `realm_name`/`username`; `owner: true`
/// excludes `realm_name`/`username`.
///
/// `id` is the name of the id parameter that is set (`id` or `ids`), if any.
#[doc(hidden)]
pub fn check_selectors(
    id: Option<&str>,
    name: bool,
    owner: bool,
    realm_name: bool,
    username: bool,
) -> Result<(), String> {
    if let Some(id) = id {
        if name {
            return Err(format!("`{id}` and `name` cannot be used together"));
        }
    }
    let by_key = id.or(name.then_some("name"));
    for (set, param) in [(realm_name, "realm_name"), (username, "username")] {
        if !set {
            continue;
        }
        if let Some(key) = by_key {
            return Err(format!("`{key}` and `{param}` cannot be used together"));
        }
        if owner {
            return Err(format!(
                "`{param}` cannot be used when `owner` is true (the owner is the authenticated user)"
            ));
        }
    }
    Ok(())
}

/// Answer of `invalidate_api_key`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct InvalidateApiKeyResponse {
    /// The number of errors.
    pub error_count: u32,
    /// The errors.
    #[serde(default)]
    pub error_details: Vec<ErrorCause>,
    /// Ids of the keys invalidated by this request.
    pub invalidated_api_keys: Vec<String>,
    /// Ids of the keys that were already invalidated.
    pub previously_invalidated_api_keys: Vec<String>,
}

/// Body of `update_api_key`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpdateApiKeyBody {
    /// New role descriptors (an empty map removes them: the key gets the owner's permissions).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_descriptors: Option<RoleDescriptors>,
    /// New metadata (replaces the old).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// New expiration, a duration such as `30d`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
}

impl ApiKey {
    /// The body of update_api_key that stores this key's role descriptors and metadata again
    /// (to edit them, then update the key).
    ///
    /// The expiration is left out (the key keeps it: get_api_key reports an instant,
    /// update_api_key takes a duration from now), and so is each role descriptor's
    /// `transient_metadata`, which Elasticsearch manages. Fails when the key's role
    /// descriptors or metadata do not decode. Cross-cluster keys are updated with
    /// update_cross_cluster_api_key instead.
    pub fn to_update_body(&self) -> Result<UpdateApiKeyBody, serde_json::Error> {
        let mut role_descriptors = self.role_descriptors.parse()?;
        for descriptor in role_descriptors.values_mut() {
            descriptor.transient_metadata = None;
        }
        Ok(UpdateApiKeyBody {
            role_descriptors: Some(role_descriptors),
            metadata: Some(self.metadata.parse()?),
            expiration: None,
        })
    }
}

/// Answer of `update_api_key`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct UpdateApiKeyResponse {
    /// Whether the key changed (false: nothing to change).
    pub updated: bool,
}

/// Answer of `clear_api_key_cache`.
pub type ClearApiKeyCacheResponse = crate::common::ClearCacheResponse;

/// Body of `query_api_keys`: query, sort, paging and aggregations.
///
/// It can also be read from JSON (e.g. a body copied from the Kibana console): `aggs`, the
/// documented alias of `aggregations`, is accepted (also in sub-aggregations) and sent as
/// `aggregations`; the query and the aggregations are kept as JSON and sent back as they came;
/// a field this type does not know is refused rather than dropped (send such a body with
/// `raw_body`).
///
/// ```
/// use security_types::api_keys::QueryApiKeysBody;
/// use serde_json::json;
///
/// let body: QueryApiKeysBody = serde_json::from_value(json!({
///     "size": 0,
///     "aggs": {"by_realm": {"terms": {"field": "realm"}}}
/// })).unwrap();
/// assert_eq!(
///     serde_json::to_value(&body).unwrap(),
///     json!({"aggregations": {"by_realm": {"terms": {"field": "realm"}}}, "size": 0})
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QueryApiKeysBody {
    /// Aggregations over the matching keys, by name.
    pub aggregations: Option<BTreeMap<String, ApiKeyAggregation>>,
    /// Which keys (all when not set).
    pub query: Option<ApiKeyQuery>,
    /// Offset of the first key (at most 10,000 with `size`; use `search_after` beyond).
    pub from: Option<u32>,
    /// Sort order; any public field but `id`, and `_doc` for index order.
    pub sort: Option<Sort>,
    /// Number of keys to return (default 10).
    pub size: Option<u32>,
    /// Continue after these sort values (the `_sort` of the last key of the previous page).
    pub search_after: Option<SortResults>,
}

impl Serialize for QueryApiKeysBody {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.serialize_fields(serializer, true)
    }
}

/// A [`QueryApiKeysBody`] serialized without its `sort`: for the client, which sends a `sort`
/// of field names with a `:` in the query string instead (as the official clients do), without
/// copying the body (a copy would compile in the `Clone` code of every query and aggregation).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct QueryApiKeysBodyWithoutSort<'a>(pub &'a QueryApiKeysBody);

impl Serialize for QueryApiKeysBodyWithoutSort<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize_fields(serializer, false)
    }
}

impl QueryApiKeysBody {
    /// Whether nothing but (at most) `sort` is set: the body without its `sort` is `{}`.
    #[doc(hidden)]
    pub fn is_empty_without_sort(&self) -> bool {
        let QueryApiKeysBody {
            aggregations,
            query,
            from,
            sort: _,
            size,
            search_after,
        } = self;
        aggregations.is_none()
            && query.is_none()
            && from.is_none()
            && size.is_none()
            && search_after.is_none()
    }

    fn serialize_fields<S: Serializer>(
        &self,
        serializer: S,
        sort: bool,
    ) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("QueryApiKeysBody", 6)?;
        macro_rules! field {
            ($name:literal, $value:expr) => {
                match &$value {
                    Some(v) => s.serialize_field($name, v)?,
                    None => s.skip_field($name)?,
                }
            };
        }
        field!("aggregations", self.aggregations);
        field!("query", self.query);
        field!("from", self.from);
        if sort {
            field!("sort", self.sort);
        } else {
            s.skip_field("sort")?;
        }
        field!("size", self.size);
        field!("search_after", self.search_after);
        s.end()
    }
}

impl<'de> Deserialize<'de> for QueryApiKeysBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        fn field<T: DeserializeOwned, E: Error>(
            name: &str,
            value: serde_json::Value,
        ) -> Result<Option<T>, E> {
            serde_json::from_value(value).map_err(|e| E::custom(format_args!("`{name}`: {e}")))
        }
        let map = serde_json::Map::<String, serde_json::Value>::deserialize(deserializer)?;
        let mut body = QueryApiKeysBody::default();
        for (key, value) in map {
            match key.as_str() {
                "aggregations" | "aggs" => {
                    if body.aggregations.is_some() {
                        return Err(D::Error::custom(
                            "`aggregations` and its alias `aggs` cannot both be set",
                        ));
                    }
                    body.aggregations = field(&key, value)?;
                }
                "query" => body.query = field(&key, value)?,
                "from" => body.from = field(&key, value)?,
                "sort" => body.sort = field(&key, value)?,
                "size" => body.size = field(&key, value)?,
                "search_after" => body.search_after = field(&key, value)?,
                other => {
                    return Err(D::Error::custom(format_args!(
                        "unknown field `{other}` in a query_api_keys body (send it with raw_body)"
                    )))
                }
            }
        }
        Ok(body)
    }
}

/// Answer of `query_api_keys`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct QueryApiKeysResponse {
    /// The number of keys that match (0 when absent: the documented example leaves it out; no
    /// decision of this client depends on it).
    #[serde(default)]
    pub total: u64,
    /// The number of keys in this answer (0 when absent, as `total`).
    #[serde(default)]
    pub count: u64,
    /// The keys of this page: required, so that an answer without them is an error rather than
    /// an empty page that would end a stream.
    pub api_keys: Vec<ApiKey>,
    /// Aggregation results, if aggregations were asked for.
    #[serde(default)]
    pub aggregations: Option<Aggregations>,
}

/// Body of `bulk_update_api_keys`: the same update applied to several API keys.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BulkUpdateApiKeysBody {
    /// The ids of the keys to update.
    pub ids: OneOrMany<String>,
    /// New role descriptors (an empty map removes them: the keys get their owner's permissions;
    /// none: the assigned ones stay).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_descriptors: Option<RoleDescriptors>,
    /// New metadata (replaces the old).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// New expiration, a duration such as `30d` (none: unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
}

/// Answer of `bulk_update_api_keys`.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct BulkUpdateApiKeysResponse {
    /// The ids of the keys that changed.
    pub updated: Vec<String>,
    /// The ids of the keys that already had the requested values.
    pub noops: Vec<String>,
    /// The keys that could not be updated, with the reason, by key id.
    #[serde(default)]
    pub errors: Option<BulkError>,
}

/// Body of `create_cross_cluster_api_key`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CreateCrossClusterApiKeyBody {
    /// The key name.
    pub name: String,
    /// Expiration as a duration such as `1d` (none: the key never expires).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    /// What remote clusters may search and replicate with the key.
    pub access: CrossClusterAccess,
    /// Arbitrary metadata; keys starting with `_` are reserved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// The distinguished name (pattern) of the TLS certificate the remote cluster must present
    /// with the key (servers 9.3 and later).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_identity: Option<String>,
}

/// Answer of `create_cross_cluster_api_key`: the new cross-cluster key and its secret.
///
/// The key authenticates a remote cluster on the remote cluster interface (it is what the
/// `cluster.remote.<alias>.credentials` secure setting of the querying cluster holds, the
/// `encoded` value); the REST interface refuses cross-cluster keys.
/// `security_core::ToCredentials::to_credentials` gives the `ApiKey` credentials.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CreateCrossClusterApiKeyResponse {
    /// The key id.
    pub id: String,
    /// The key name.
    pub name: String,
    /// Expiration time, in milliseconds since the epoch.
    #[serde(default)]
    pub expiration: Option<i64>,
    /// The key secret.
    pub api_key: Secret,
    /// Base64 of `id:api_key`: the value of the remote cluster's credentials setting.
    pub encoded: Secret,
}

/// Body of `update_cross_cluster_api_key`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpdateCrossClusterApiKeyBody {
    /// The new access (replaces the old).
    pub access: CrossClusterAccess,
    /// New expiration, a duration such as `30d` (none: unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<String>,
    /// New metadata (replaces the old; none: unchanged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// New certificate identity (servers 9.3 and later): a value replaces it,
    /// [`Nullable::Null`] removes it, none leaves it unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub certificate_identity: Option<Nullable<String>>,
}

/// Answer of `update_cross_cluster_api_key`: `updated` is false when nothing changed.
pub type UpdateCrossClusterApiKeyResponse = UpdateApiKeyResponse;

/// Body of `clone_api_key` (experimental, servers 9.4 and later).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CloneApiKeyBody {
    /// The encoded credentials of the key to clone: base64 of `id:api_key`, the `encoded`
    /// value of the answer that created it.
    pub api_key: Secret,
    /// The name of the clone (none: the source key's name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Expiration of the clone, a duration such as `1d`; [`Nullable::Null`] for a clone that
    /// never expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expiration: Option<Nullable<String>>,
    /// Arbitrary metadata of the clone; keys starting with `_` are reserved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

/// Answer of `clone_api_key`: the new key (a copy of the source key's role descriptors) and its
/// secret. `security_core::ToCredentials::to_credentials` gives `ApiKey` credentials.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct CloneApiKeyResponse {
    /// The id of the new key.
    pub id: String,
    /// The name of the new key.
    pub name: String,
    /// Expiration time, in milliseconds since the epoch.
    #[serde(default)]
    pub expiration: Option<i64>,
    /// The secret of the new key.
    pub api_key: Secret,
    /// Base64 of `id:api_key`, ready for an `ApiKey` header.
    pub encoded: Secret,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_values_round_trip() {
        let v: Vec<FieldValue> =
            serde_json::from_str(r#"[null,true,-3,18446744073709551615,1.5,"x",[1],{"a":1}]"#)
                .unwrap();
        assert_eq!(v[0], FieldValue::Null);
        assert_eq!(v[1], FieldValue::Bool(true));
        assert_eq!(v[2], FieldValue::Long(-3));
        assert!(matches!(v[3], FieldValue::Double(_)));
        assert_eq!(v[4], FieldValue::Double(1.5));
        assert_eq!(v[5].as_str(), Some("x"));
        assert!(matches!(v[6], FieldValue::Other(_)));
        assert_eq!(
            serde_json::to_string(&v[..6]).unwrap(),
            r#"[null,true,-3,1.8446744073709552e+19,1.5,"x"]"#
        );
    }

    #[test]
    fn lazy_fields_parse_on_demand() {
        let key: ApiKey =
            serde_json::from_str(r#"{"id":"a","metadata":{"env":{"tier":1}}}"#).unwrap();
        assert_eq!(key.metadata.json(), Some(r#"{"env":{"tier":1}}"#));
        assert_eq!(key.metadata.parse().unwrap()["env"]["tier"], 1);
        assert!(!key.metadata.is_empty());
        let key: ApiKey = serde_json::from_str(r#"{"id":"a"}"#).unwrap();
        assert!(key.metadata.is_empty());
        assert!(key.metadata.parse().unwrap().is_empty());
        let key: ApiKey = serde_json::from_str(r#"{"id":"a","metadata":null}"#).unwrap();
        assert!(key.metadata.parse().unwrap().is_empty());
        let key: ApiKey = serde_json::from_str(r#"{"id":"a","metadata":{ }}"#).unwrap();
        assert!(key.metadata.is_empty());
        let key: ApiKey = serde_json::from_str(
            r#"{"id":"a","role_descriptors":{"r":{"cluster":["all"]}},"limited_by":[{}]}"#,
        )
        .unwrap();
        assert_eq!(key.role_descriptors.parse().unwrap()["r"].cluster.len(), 1);
        assert!(!key.limited_by.as_ref().unwrap().is_empty());
        assert_eq!(key.limited_by.unwrap().parse().unwrap().len(), 1);
        let lazy = Lazy::<Metadata>::from_json("[ ]").unwrap();
        assert!(lazy.is_empty());
        assert!(lazy.parse().is_err());
        assert!(Lazy::<Metadata>::from_json("{").is_err());
    }

    #[test]
    fn selector_rules() {
        assert!(check_selectors(Some("id"), false, true, false, false).is_ok());
        assert!(check_selectors(None, false, false, true, true).is_ok());
        assert!(check_selectors(Some("id"), true, false, false, false).is_err());
        assert!(check_selectors(None, true, false, true, false).is_err());
        assert!(check_selectors(None, false, true, false, true).is_err());
        let body = InvalidateApiKeyBody::default();
        assert!(body.check().is_err());
        let body = InvalidateApiKeyBody {
            owner: Some(true),
            ..Default::default()
        };
        assert!(body.check().is_ok());
        let body = InvalidateApiKeyBody {
            id: Some("a".into()),
            ids: Some(vec!["b".into()]),
            ..Default::default()
        };
        assert!(body.check().unwrap_err().contains("`id` and `ids`"));
    }
}
