//! Types of the `roles` API group: roles of the native realm.
//!
//! What get_role returns and what put_role accepts differ, so they have their own types: a
//! [`Role`] (read) carries server-managed fields such as `transient_metadata`, role templates and,
//! on 9.5 servers asked with `include_implicit`, index entries marked `implicitly_granted`, which
//! put_role rejects or ignores. [`Role::into_put_body`] (or `PutRoleBody::from(role)`) keeps what
//! put_role accepts and drops the rest, so a GET-then-PUT sends back exactly the stored role.

use crate::common::query::QueryContainer;
use crate::common::{
    ApplicationPrivileges, BulkError, ClearCacheResponse, ClusterPrivilege, CreatedStatus,
    FieldSecurity, FoundStatus, GlobalPrivilege, IndexPrivilege, IndicesPrivileges,
    IndicesPrivilegesQuery, Metadata, OneOrMany, RemoteClusterPrivileges, RemoteIndicesPrivileges,
    Sort, SortResults,
};
use crate::role_mappings::RoleTemplate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Body of `put_role`: what a role of the native realm is made of (the `body` of put_role's
/// `Request.ts`).
///
/// Unlike an API key's [`RoleDescriptor`](crate::common::RoleDescriptor), it has no
/// `restriction` (put_role rejects it), and `global` is one object. Empty lists are not sent.
/// Build it field by field, or from a role read with get_role ([`Role::into_put_body`]).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PutRoleBody {
    /// Application privileges.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub applications: Vec<ApplicationPrivileges>,
    /// Cluster privileges.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cluster: Vec<ClusterPrivilege>,
    /// Global privileges (management of some applications' privileges, user-profile data,
    /// ES|QL data sources).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub global: Option<GlobalPrivilege>,
    /// Index privileges.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub indices: Vec<IndicesPrivileges>,
    /// Privileges on indices of remote clusters (servers 8.14 and later).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remote_indices: Vec<RemoteIndicesPrivileges>,
    /// Cluster privileges on remote clusters (servers 8.15 and later).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub remote_cluster: Vec<RemoteClusterPrivileges>,
    /// Arbitrary metadata; keys starting with `_` are reserved.
    #[serde(skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
    /// Users that holders of this role may impersonate.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub run_as: Vec<String>,
    /// A description of the role (servers 8.15 and later).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Transient metadata. The spec lists it, but Elasticsearch manages it (it sets `enabled`
    /// to tell whether the license allows the role) and ignores what is sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transient_metadata: Option<Metadata>,
}

/// Answer of `put_role`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PutRoleResponse {
    /// `{"created": bool}`: whether the role was created (false: updated).
    pub role: CreatedStatus,
}

/// Privileges on indices as get_role returns them (`IndicesPrivilegesRead` in the spec): an
/// [`IndicesPrivileges`] entry and the read-only `implicitly_granted` marker.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct IndicesPrivilegesRead {
    /// Index names or patterns.
    pub names: OneOrMany<String>,
    /// Index privileges granted on them.
    pub privileges: Vec<IndexPrivilege>,
    /// Field-level security.
    #[serde(default)]
    pub field_security: Option<FieldSecurity>,
    /// Document-level security query (Elasticsearch returns it as a JSON string).
    #[serde(default)]
    pub query: Option<IndicesPrivilegesQuery>,
    /// Whether patterns may cover restricted indices.
    #[serde(default)]
    pub allow_restricted_indices: Option<bool>,
    /// `true` on entries that are not stored on the role but granted implicitly by the server
    /// (only with get_role's `include_implicit`; servers 9.5 and later). Read-only: put_role
    /// rejects it.
    #[serde(default)]
    pub implicitly_granted: Option<bool>,
}

impl IndicesPrivilegesRead {
    /// Whether the server marked this entry as implicitly granted (not stored on the role).
    pub fn is_implicitly_granted(&self) -> bool {
        self.implicitly_granted == Some(true)
    }
}

impl From<IndicesPrivilegesRead> for IndicesPrivileges {
    /// The entry as put_role accepts it: without `implicitly_granted`.
    fn from(read: IndicesPrivilegesRead) -> Self {
        IndicesPrivileges {
            names: read.names,
            privileges: read.privileges,
            field_security: read.field_security,
            query: read.query,
            allow_restricted_indices: read.allow_restricted_indices,
        }
    }
}

/// A role as get_role returns it (`Role` in the spec).
///
/// Send it back with put_role through [`Role::into_put_body`]: that drops the read-only parts.
/// Fields this version does not model are kept in [`Role::other`] (and not sent back, since
/// the client cannot know whether put_role accepts them).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Role {
    // cluster, indices, applications and metadata are required in get_role's `Role` but
    // optional in query_role's `QueryRole` (a `RoleDescriptor`), which this type also reads:
    // absent, they are empty.
    /// Cluster privileges.
    #[serde(default)]
    pub cluster: Vec<ClusterPrivilege>,
    /// Index privileges, including implicitly granted entries with `include_implicit`.
    #[serde(default)]
    pub indices: Vec<IndicesPrivilegesRead>,
    /// Privileges on indices of remote clusters (servers 8.14 and later).
    #[serde(default)]
    pub remote_indices: Option<Vec<RemoteIndicesPrivileges>>,
    /// Cluster privileges on remote clusters (servers 8.15 and later).
    #[serde(default)]
    pub remote_cluster: Option<Vec<RemoteClusterPrivileges>>,
    /// Global privileges.
    #[serde(default)]
    pub global: Option<GlobalPrivilege>,
    /// Application privileges.
    #[serde(default)]
    pub applications: Vec<ApplicationPrivileges>,
    /// Arbitrary metadata (reserved roles carry `_reserved: true`).
    #[serde(default)]
    pub metadata: Metadata,
    /// Users that holders of this role may impersonate.
    #[serde(default)]
    pub run_as: Option<Vec<String>>,
    /// A description of the role (servers 8.15 and later).
    #[serde(default)]
    pub description: Option<String>,
    /// Transient metadata managed by Elasticsearch (`enabled: false` for a role that the
    /// license does not allow).
    #[serde(default)]
    pub transient_metadata: Option<Metadata>,
    /// Role templates, when the server returns them.
    #[serde(default)]
    pub role_templates: Option<Vec<RoleTemplate>>,
    /// Fields of the answer that this version does not model, as JSON.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

impl Role {
    /// The body that stores this role again with put_role (to copy, edit or restore it).
    ///
    /// Keeps every privilege the role stores, its metadata, run-as users and description.
    /// Drops what put_role rejects or ignores: index entries marked `implicitly_granted`
    /// (they are not part of the role; the server grants them by itself), `transient_metadata`,
    /// `role_templates`, and the unknown fields in [`Role::other`].
    pub fn into_put_body(self) -> PutRoleBody {
        PutRoleBody {
            applications: self.applications,
            cluster: self.cluster,
            global: self.global,
            indices: self
                .indices
                .into_iter()
                .filter(|entry| !entry.is_implicitly_granted())
                .map(IndicesPrivileges::from)
                .collect(),
            remote_indices: self.remote_indices.unwrap_or_default(),
            remote_cluster: self.remote_cluster.unwrap_or_default(),
            metadata: self.metadata,
            run_as: self.run_as.unwrap_or_default(),
            description: self.description,
            transient_metadata: None,
        }
    }

    /// Whether Elasticsearch reports the role as enabled (`transient_metadata.enabled`; a role
    /// that needs a higher license is disabled). `true` when the server does not say.
    pub fn is_enabled(&self) -> bool {
        self.transient_metadata
            .as_ref()
            .and_then(|t| t.get("enabled"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(true)
    }
}

impl From<Role> for PutRoleBody {
    /// See [`Role::into_put_body`].
    fn from(role: Role) -> Self {
        role.into_put_body()
    }
}

/// Answer of `get_role`: roles by name.
pub type GetRoleResponse = BTreeMap<String, Role>;

/// Answer of `delete_role`: whether the role existed.
pub type DeleteRoleResponse = FoundStatus;

/// Answer of `clear_cached_roles`: the nodes that evicted the roles from their cache.
pub type ClearCachedRolesResponse = ClearCacheResponse;

/// A query on roles (`RoleQueryContainer`): the shared [`QueryContainer`].
///
/// Roles can be queried on `name`, `description`, `metadata`, `applications.application`,
/// `applications.privileges` and `applications.resources`.
pub type RoleQuery = QueryContainer;

/// Body of `query_role`: query, sort and paging.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QueryRoleBody {
    /// Which roles (all native roles when not set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<RoleQuery>,
    /// Offset of the first role (at most 10,000 with `size`; use `search_after` beyond).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<u32>,
    /// Sort order: on `name`, `description`, `metadata`, `applications.application`,
    /// `applications.privileges`, `applications.resources`, and `_doc` for index order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<Sort>,
    /// Number of roles to return (default 10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<u32>,
    /// Continue after these sort values (the `_sort` of the last role of the previous page).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search_after: Option<SortResults>,
}

/// Answer of `query_role`: one page of native roles (roles of roles files and built-in roles
/// are not included).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct QueryRoleResponse {
    /// How many roles match.
    pub total: u64,
    /// How many roles this page holds.
    pub count: u64,
    /// The roles of this page.
    pub roles: Vec<QueriedRole>,
}

/// A role as `query_role` returns it (`QueryRole` in the spec): its name, the role, and its sort values.
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct QueriedRole {
    /// The role name.
    pub name: String,
    /// The role (its `transient_metadata.enabled` is `false` when the license disables it).
    #[serde(flatten)]
    pub role: Role,
    /// The sort values of this role, when the query sorts: where the next page starts.
    #[serde(rename = "_sort", default)]
    pub sort: Option<SortResults>,
}

/// Body of `bulk_put_role`: roles by name, each what put_role takes (the spec says
/// `RoleDescriptor`, but like put_role, bulk_put_role rejects an API key's `restriction`).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BulkPutRoleBody {
    /// The roles to create or update, by name.
    pub roles: BTreeMap<String, PutRoleBody>,
}

/// Answer of `bulk_put_role`: which roles were created, updated or left as they were, and the
/// errors of the others (each role succeeds or fails on its own).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct BulkPutRoleResponse {
    /// Roles created.
    #[serde(default)]
    pub created: Option<Vec<String>>,
    /// Roles updated.
    #[serde(default)]
    pub updated: Option<Vec<String>>,
    /// Roles that were already as given.
    #[serde(default)]
    pub noop: Option<Vec<String>>,
    /// The errors, by role name, when some roles failed.
    #[serde(default)]
    pub errors: Option<BulkError>,
}

/// Body of `bulk_delete_role`: the names of the roles to delete.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BulkDeleteRoleBody {
    /// The role names.
    pub names: Vec<String>,
}

/// Answer of `bulk_delete_role`: which roles were deleted or not found, and the errors of the
/// others (each role succeeds or fails on its own).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct BulkDeleteRoleResponse {
    /// Roles deleted.
    #[serde(default)]
    pub deleted: Option<Vec<String>>,
    /// Roles that did not exist.
    #[serde(default)]
    pub not_found: Option<Vec<String>>,
    /// The errors, by role name, when some roles could not be deleted.
    #[serde(default)]
    pub errors: Option<BulkError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implicit_entries_and_read_only_fields_are_not_sent_back() {
        let role: Role = serde_json::from_value(serde_json::json!({
            "cluster": ["monitor"],
            "indices": [
                {"names": ["logs-*"], "privileges": ["read"], "allow_restricted_indices": false},
                {"names": [".implicit"], "privileges": ["read"], "allow_restricted_indices": false,
                 "implicitly_granted": true}
            ],
            "applications": [],
            "run_as": [],
            "metadata": {"version": 1},
            "transient_metadata": {"enabled": true},
            "role_templates": [],
            "a_future_field": 1
        }))
        .unwrap();
        assert!(role.is_enabled());
        assert!(role.indices[1].is_implicitly_granted());
        assert_eq!(role.other["a_future_field"], 1);
        let body = serde_json::to_value(role.into_put_body()).unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "cluster": ["monitor"],
                "indices": [{"names": ["logs-*"], "privileges": ["read"], "allow_restricted_indices": false}],
                "metadata": {"version": 1}
            })
        );
    }
}
