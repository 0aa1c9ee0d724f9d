//! Types of the `users` API group: authenticate, native users, passwords, realm caches.

use crate::common::query::QueryContainer;
use crate::common::{
    ClearCacheResponse, EmptyObject, FoundStatus, Metadata, RealmInfo, Sort, SortResults, User,
};
use crate::{open_enum, Secret};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Answer of `authenticate`: who the caller is.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct AuthenticateResponse {
    /// The username.
    pub username: String,
    /// The user's roles.
    #[serde(default)]
    pub roles: Vec<String>,
    /// Full name, if set.
    #[serde(default)]
    pub full_name: Option<String>,
    /// Email, if set.
    #[serde(default)]
    pub email: Option<String>,
    /// Arbitrary metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Whether the user is enabled.
    #[serde(default)]
    pub enabled: bool,
    /// The realm that authenticated the caller.
    pub authentication_realm: RealmInfo,
    /// The realm where the user was looked up (differs with run-as or delegated authorization).
    pub lookup_realm: RealmInfo,
    /// `realm`, `api_key`, `token`, `anonymous` or `internal`.
    pub authentication_type: String,
    /// The API key used, when authenticated with one.
    #[serde(default)]
    pub api_key: Option<AuthenticatedApiKey>,
    /// The token used, when authenticated with a token (a service-account token, or an access
    /// token on servers that describe it).
    #[serde(default)]
    pub token: Option<AuthenticatedToken>,
    /// The user's profile id, if the user has a profile (token answers).
    #[serde(default)]
    pub profile_uid: Option<String>,
    /// The Kibana authentication provider, when authenticated through Kibana (token answers).
    #[serde(default)]
    pub authentication_provider: Option<AuthenticationProvider>,
}

/// The authentication provider of a user authenticated through Kibana
/// (`AuthenticationProvider` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AuthenticationProvider {
    /// The provider type, e.g. `saml`.
    #[serde(rename = "type")]
    pub provider_type: String,
    /// The provider name.
    pub name: String,
}

open_enum! {
    /// Who manages a credential (`CredentialManagedBy` in the spec): `managed_by` of the API key
    /// or token that authenticated a request.
    pub enum CredentialManagedBy {
        /// Managed by Elastic Cloud (e.g. a Cloud API key or a Cloud SSO token).
        Cloud = "cloud",
        /// Managed by Elasticsearch itself.
        Elasticsearch = "elasticsearch",
    }
}

/// The API key that authenticated a request (`AuthenticateApiKey`: `api_key` of `authenticate`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AuthenticatedApiKey {
    /// The key id.
    pub id: String,
    /// The key name.
    #[serde(default)]
    pub name: Option<String>,
    /// Who manages the key (newer servers; absent from older ones).
    #[serde(default)]
    pub managed_by: Option<CredentialManagedBy>,
    /// Whether the key is an internal one (newer servers; absent from older ones).
    #[serde(default)]
    pub internal: Option<bool>,
}

/// The token that authenticated a request (`token` of `authenticate`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct AuthenticatedToken {
    /// The token name (service-account tokens; absent for access tokens).
    #[serde(default)]
    pub name: Option<String>,
    /// The token type, e.g. `_service_account_index`.
    #[serde(default, rename = "type")]
    pub token_type: Option<String>,
    /// Who manages the token (servers 9.4 and later).
    #[serde(default)]
    pub managed_by: Option<CredentialManagedBy>,
}

/// Answer of `get_user`: users by username.
pub type GetUserResponse = BTreeMap<String, User>;

/// Body of `put_user`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PutUserBody {
    /// The username (the path's username is authoritative).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// Email.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Full name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// Arbitrary metadata.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// The password (at least 6 characters); required for a new user unless `password_hash` is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// A hash of the password, in the cluster's configured hashing format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_hash: Option<Secret>,
    /// Role names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Whether the user is enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
}

impl From<User> for PutUserBody {
    /// The body that stores `user` (read with get_user) again with put_user: roles, names,
    /// email, metadata and the enabled flag. Drops the read-only `profile_uid` and sends no
    /// password: an existing user keeps theirs; to copy the user under a new name, set
    /// `password` (or `password_hash`), which put_user needs for a new user.
    fn from(user: User) -> Self {
        PutUserBody {
            username: None,
            email: user.email,
            full_name: user.full_name,
            metadata: Some(user.metadata),
            password: None,
            password_hash: None,
            roles: Some(user.roles),
            enabled: Some(user.enabled),
        }
    }
}

/// Answer of `put_user`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PutUserResponse {
    /// Whether the user was created (false: updated).
    pub created: bool,
}

/// Answer of `delete_user`: whether the user existed.
pub type DeleteUserResponse = FoundStatus;

/// Answer of `enable_user`: an empty object.
pub type EnableUserResponse = EmptyObject;

/// Answer of `disable_user`: an empty object.
pub type DisableUserResponse = EmptyObject;

/// Body of `change_password`: the new password, or its hash.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ChangePasswordBody {
    /// The new password (at least 6 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// A hash of the new password, in the cluster's configured hashing format
    /// (`xpack.security.authc.password_hashing.algorithm`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_hash: Option<Secret>,
}

/// Answer of `change_password`: an empty object.
pub type ChangePasswordResponse = EmptyObject;

/// Answer of `clear_cached_realms`: the nodes that evicted users from their realm caches.
pub type ClearCachedRealmsResponse = ClearCacheResponse;

/// A query on users (`UserQueryContainer`): the shared [`QueryContainer`].
///
/// Users can be queried on `username`, `roles`, `enabled`, `full_name` and `email`.
pub type UserQuery = QueryContainer;

/// Body of `query_user`: query, sort and paging.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QueryUserBody {
    /// Which users (all native users when not set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<UserQuery>,
    /// Offset of the first user (at most 10,000 with `size`; use `search_after` beyond).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<u32>,
    /// Sort order: on `username`, `roles`, `enabled`, and `_doc` for index order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<Sort>,
    /// Number of users to return (default 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    /// Continue after these sort values (the `_sort` of the last user of the previous page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_after: Option<SortResults>,
}

/// Answer of `query_user`: one page of native users (built-in users are not included).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct QueryUserResponse {
    /// How many users match.
    pub total: u64,
    /// How many users this page holds.
    pub count: u64,
    /// The users of this page.
    pub users: Vec<QueriedUser>,
}

/// A user as `query_user` returns it (`QueryUser` in the spec): the user and its sort values.
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct QueriedUser {
    /// The user (`profile_uid` is set when asked for with `with_profile_uid`).
    #[serde(flatten)]
    pub user: User,
    /// The sort values of this user, when the query sorts: where the next page starts.
    #[serde(rename = "_sort", default)]
    pub sort: Option<SortResults>,
}
