//! Types of the `roles` API group: roles of the native realm.
//!
//! A role is sent and read as a [`RoleDescriptor`]; the role that get_role returns wraps one in a
//! [`Role`], which also keeps the fields that this version does not know.

use crate::common::{ClearCacheResponse, CreatedStatus, FoundStatus, RoleDescriptor};
use crate::role_mappings::RoleTemplate;
use serde::Deserialize;
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
