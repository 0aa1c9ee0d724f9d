//! Types of the `roles` API group: roles of the native realm.
//!
//! A role is sent and read as a [`RoleDescriptor`]; the role that get_role returns wraps one in a
//! [`Role`], which also keeps the fields that this version does not know.

use crate::common::query::QueryContainer;
use crate::common::{
    BulkError, ClearCacheResponse, CreatedStatus, FoundStatus, RoleDescriptor, Sort, SortResults,
};
use crate::role_mappings::RoleTemplate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Body of `put_role`: the role descriptor itself (cluster, indices, applications, global,
/// metadata, run_as, transient_metadata, and the newer remote_indices, description, restriction).
pub type PutRoleBody = RoleDescriptor;

/// Answer of `put_role`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct PutRoleResponse {
    /// `{"created": bool}`: whether the role was created (false: updated).
    pub role: CreatedStatus,
}

/// A role as get_role returns it (`Role` in the spec).
///
/// The role descriptor fields are in [`Role::descriptor`], ready to be sent again with
/// put_role; fields this version does not model (e.g. `remote_cluster` of newer servers) are
/// kept in [`Role::other`].
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct Role {
    /// The role's privileges, metadata, `transient_metadata`, description, …
    #[serde(flatten)]
    pub descriptor: RoleDescriptor,
    /// Role templates, when the server returns them.
    #[serde(default)]
    pub role_templates: Vec<RoleTemplate>,
    /// Fields of the answer that this version does not model, as JSON.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
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

/// Body of `bulk_put_role`: role descriptors by role name.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct BulkPutRoleBody {
    /// The roles to create or update, by name.
    pub roles: BTreeMap<String, RoleDescriptor>,
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
