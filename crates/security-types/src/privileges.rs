//! Types of the `privileges` API group: application privileges, built-in privileges, the
//! caller's privileges and privilege checks.

use crate::common::{
    ApplicationPrivileges, ClusterPrivilege, CreatedStatus, FieldSecurity, FoundStatus,
    GlobalPrivilege, IndexPrivilege, IndicesPrivilegesQuery, Metadata, OneOrMany,
    RemoteClusterPrivilege,
};

pub use crate::common::RemoteClusterPrivileges;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One application privilege to create or update (`Actions` in the spec): the actions it grants.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Actions {
    /// The actions the privilege grants, e.g. `data:read/*` or `action:login`.
    pub actions: Vec<String>,
    /// The application (the body's key is authoritative; when sent, it must match it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<String>,
    /// The privilege name (the body's key is authoritative; when sent, it must match it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Arbitrary metadata; keys starting with `_` are reserved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
}

impl Actions {
    /// A privilege granting these actions.
    pub fn new<I>(actions: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        Actions {
            actions: actions.into_iter().map(Into::into).collect(),
            ..Default::default()
        }
    }

    /// Sets the metadata.
    pub fn metadata(mut self, metadata: Metadata) -> Self {
        self.metadata = Some(metadata);
        self
    }
}

impl From<ApplicationPrivilegeDescriptor> for Actions {
    /// What `get_privileges` returned, ready to be sent back with `put_privileges`.
    fn from(descriptor: ApplicationPrivilegeDescriptor) -> Self {
        Actions {
            actions: descriptor.actions,
            application: Some(descriptor.application),
            name: Some(descriptor.name),
            metadata: Some(descriptor.metadata),
        }
    }
}

/// Body of `put_privileges`: application → privilege name → actions.
pub type PutPrivilegesBody = BTreeMap<String, BTreeMap<String, Actions>>;

/// Answer of `put_privileges`: application → privilege name → whether it was created.
pub type PutPrivilegesResponse = BTreeMap<String, BTreeMap<String, CreatedStatus>>;

/// An application privilege as stored (`Actions` in the spec's `get_privileges` answer).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct ApplicationPrivilegeDescriptor {
    /// The application.
    pub application: String,
    /// The privilege name.
    pub name: String,
    /// The actions the privilege grants.
    #[serde(default)]
    pub actions: Vec<String>,
    /// Arbitrary metadata.
    #[serde(default)]
    pub metadata: Metadata,
}

/// Answer of `get_privileges`: application → privilege name → privilege.
pub type GetPrivilegesResponse = BTreeMap<String, BTreeMap<String, ApplicationPrivilegeDescriptor>>;

/// Answer of `delete_privileges`: application → privilege name → whether it existed.
pub type DeletePrivilegesResponse = BTreeMap<String, BTreeMap<String, FoundStatus>>;

/// Answer of `get_builtin_privileges`: the privileges this version of Elasticsearch knows.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct GetBuiltinPrivilegesResponse {
    /// Cluster privileges.
    pub cluster: Vec<ClusterPrivilege>,
    /// Index privileges.
    pub index: Vec<IndexPrivilege>,
    /// Privileges that can be granted on remote clusters (`remote_cluster`; servers 8.15 and
    /// later, empty with older ones).
    #[serde(default)]
    pub remote_cluster: Vec<RemoteClusterPrivilege>,
}

/// Privileges on indices as `get_user_privileges` reports them (`UserIndicesPrivileges` in the
/// spec): the field-level and document-level security of all the user's roles, as lists.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct UserIndicesPrivileges {
    /// Index names or patterns.
    pub names: OneOrMany<String>,
    /// Index privileges granted on them.
    #[serde(default)]
    pub privileges: Vec<IndexPrivilege>,
    /// Field-level security, one entry per role that restricts fields.
    #[serde(default)]
    pub field_security: Vec<FieldSecurity>,
    /// Document-level security queries, one per role that restricts documents.
    #[serde(default)]
    pub query: Vec<IndicesPrivilegesQuery>,
    /// Whether the patterns cover restricted indices.
    #[serde(default)]
    pub allow_restricted_indices: bool,
}

/// Privileges on indices of remote clusters as `get_user_privileges` reports them
/// (`remote_indices`; servers 8.14 and later).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RemoteUserIndicesPrivileges {
    /// Remote cluster aliases or patterns.
    #[serde(default)]
    pub clusters: Vec<String>,
    /// Index names or patterns.
    pub names: OneOrMany<String>,
    /// Index privileges granted on them.
    #[serde(default)]
    pub privileges: Vec<IndexPrivilege>,
    /// Field-level security, one entry per role that restricts fields.
    #[serde(default)]
    pub field_security: Vec<FieldSecurity>,
    /// Document-level security queries, one per role that restricts documents.
    #[serde(default)]
    pub query: Vec<IndicesPrivilegesQuery>,
    /// Whether the patterns cover restricted indices.
    #[serde(default)]
    pub allow_restricted_indices: bool,
}

/// Answer of `get_user_privileges`: everything the caller's roles grant.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct GetUserPrivilegesResponse {
    /// Application privileges.
    pub applications: Vec<ApplicationPrivileges>,
    /// Cluster privileges.
    pub cluster: Vec<ClusterPrivilege>,
    /// Configurable global privileges.
    pub global: Vec<GlobalPrivilege>,
    /// Index privileges.
    pub indices: Vec<UserIndicesPrivileges>,
    /// Users the caller may run as.
    pub run_as: Vec<String>,
    /// Index privileges on remote clusters (servers 8.14 and later).
    #[serde(default)]
    pub remote_indices: Vec<RemoteUserIndicesPrivileges>,
    /// Cluster privileges on remote clusters (servers 8.15 and later).
    #[serde(default)]
    pub remote_cluster: Vec<RemoteClusterPrivileges>,
}

/// Index privileges to check (`IndexPrivilegesCheck` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct IndexPrivilegesCheck {
    /// Index names or patterns.
    pub names: OneOrMany<String>,
    /// The privileges to check on them.
    pub privileges: Vec<IndexPrivilege>,
    /// Whether patterns should cover restricted indices (default `false`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub allow_restricted_indices: Option<bool>,
}

impl IndexPrivilegesCheck {
    /// Checks `privileges` on the given index names or patterns.
    pub fn new<N, P>(names: N, privileges: P) -> Self
    where
        N: IntoIterator,
        N::Item: Into<String>,
        P: IntoIterator,
        P::Item: Into<IndexPrivilege>,
    {
        IndexPrivilegesCheck {
            names: OneOrMany::Many(names.into_iter().map(Into::into).collect()),
            privileges: privileges.into_iter().map(Into::into).collect(),
            allow_restricted_indices: None,
        }
    }

    /// Sets `allow_restricted_indices`.
    pub fn allow_restricted_indices(mut self, value: bool) -> Self {
        self.allow_restricted_indices = Some(value);
        self
    }
}

/// Application privileges to check on resources (`ApplicationPrivilegesCheck` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ApplicationPrivilegesCheck {
    /// The application.
    pub application: String,
    /// Application privilege names or actions to check.
    pub privileges: Vec<String>,
    /// The resources to check them on.
    pub resources: Vec<String>,
}

impl ApplicationPrivilegesCheck {
    /// Checks `privileges` of `application` on `resources`.
    pub fn new<P, R>(application: impl Into<String>, privileges: P, resources: R) -> Self
    where
        P: IntoIterator,
        P::Item: Into<String>,
        R: IntoIterator,
        R::Item: Into<String>,
    {
        ApplicationPrivilegesCheck {
            application: application.into(),
            privileges: privileges.into_iter().map(Into::into).collect(),
            resources: resources.into_iter().map(Into::into).collect(),
        }
    }
}

/// Body of `has_privileges`: the privileges to check.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct HasPrivilegesBody {
    /// Application privileges to check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub application: Option<Vec<ApplicationPrivilegesCheck>>,
    /// Cluster privileges to check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Vec<ClusterPrivilege>>,
    /// Index privileges to check.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<Vec<IndexPrivilegesCheck>>,
}

/// Privilege name → whether it is granted (`Privileges` in the spec).
pub type Privileges = BTreeMap<String, bool>;

/// Answer of `has_privileges`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct HasPrivilegesResponse {
    /// Whether every requested privilege is granted.
    pub has_all_requested: bool,
    /// The user whose privileges were checked.
    pub username: String,
    /// Cluster privilege → granted.
    #[serde(default)]
    pub cluster: Privileges,
    /// Index → privilege → granted.
    #[serde(default)]
    pub index: BTreeMap<String, Privileges>,
    /// Application → resource → privilege → granted.
    #[serde(default)]
    pub application: BTreeMap<String, BTreeMap<String, Privileges>>,
}
