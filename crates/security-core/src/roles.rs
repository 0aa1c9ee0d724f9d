//! Endpoints of the `roles` API group: roles of the native realm and the role cache.

use crate::{Endpoint, EndpointSpec};
use security_types::common::{
    ApplicationPrivileges, ClusterPrivilege, GlobalPrivilege, IndicesPrivileges, Metadata,
    RemoteClusterPrivileges, RemoteIndicesPrivileges,
};
use security_types::roles::*;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <PutRole as Endpoint>::SPEC,
    <GetRole as Endpoint>::SPEC,
    <DeleteRole as Endpoint>::SPEC,
    <ClearCachedRoles as Endpoint>::SPEC,
    <QueryRole as Endpoint>::SPEC,
    <BulkPutRole as Endpoint>::SPEC,
    <BulkDeleteRole as Endpoint>::SPEC,
];

endpoint! {
    /// Creates or updates a role of the native realm.
    ///
    /// The body is a [`PutRoleBody`]: set it whole with `.body(...)` or field by field. A role
    /// read with get_role goes in as it is, `.body(role)`: the conversion drops what put_role
    /// rejects (implicitly granted entries, `transient_metadata`, …), see
    /// [`Role::into_put_body`]. The role's `run_as` field is set with
    /// [`PutRole::run_as_users`], because `run_as` is the per-request option that runs the
    /// request as another user.
    ///
    /// On serverless, a role name must begin with a letter or digit and contain only letters,
    /// digits, `_`, `-` and `.`; `run_as` must stay empty (run-as is disabled there); and there
    /// are no file-based roles.
    pub struct PutRole {
        name: "security.put_role",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-put-role.html",
        params_since: [
            remote_indices: "8.14.0",
            remote_cluster: "8.15.0",
            description: "8.15.0",
            global.data_source: "9.5.0",
        ],
        serverless: public,
        stack_only: [global, remote_indices, remote_cluster, indices.allow_restricted_indices],
        response: PutRoleResponse,
        routes: ["PUT|POST /_security/role/{name}"],
        path: [
            /// The role name. On serverless it must begin with a letter or digit and contain
            /// only letters, digits, `_`, `-` and `.`.
            name: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: required PutRoleBody {
            args: [],
            fields: [
                /// Cluster privileges.
                vec cluster: ClusterPrivilege,
                /// Index privileges.
                vec indices: IndicesPrivileges,
                /// Privileges on indices of remote clusters (servers 8.14 and later).
                vec remote_indices: RemoteIndicesPrivileges,
                /// Cluster privileges on remote clusters (servers 8.15 and later).
                vec remote_cluster: RemoteClusterPrivileges,
                /// Global privileges (management of some applications' privileges, user-profile
                /// data, ES|QL data sources).
                opt global: GlobalPrivilege,
                /// Application privileges.
                vec applications: ApplicationPrivileges,
                /// Arbitrary metadata; keys starting with `_` are reserved.
                val metadata: Metadata,
                /// Transient metadata (Elasticsearch manages it and ignores what is sent).
                opt transient_metadata: Metadata,
                /// A description of the role (servers 8.15 and later).
                opt description: String,
            ],
        },
    }
}

impl<C> PutRole<C> {
    /// The role's `run_as` field: users that holders of this role may impersonate.
    ///
    /// On serverless, run-as is disabled: an empty list is accepted, any user is rejected.
    pub fn run_as_users<I>(mut self, users: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.__body_mut().run_as = users.into_iter().map(Into::into).collect();
        self
    }
}

endpoint! {
    /// Returns roles of the native realm: some by name, or all.
    pub struct GetRole {
        name: "security.get_role",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-role.html",
        params_since: [include_implicit: "9.5.0"],
        serverless: public,
        response: GetRoleResponse,
        routes: ["GET /_security/role/{name}", "GET /_security/role"],
        path: [],
        opt_path: [
            /// The role names to return (all roles when not set).
            name: crate::Names,
        ],
        query: [
            /// Also return the index privileges that the server grants implicitly, marked
            /// `implicitly_granted: true` (servers 9.5 and later).
            include_implicit: bool,
        ],
        body: none,
    }
}

endpoint! {
    /// Deletes a role of the native realm.
    pub struct DeleteRole {
        name: "security.delete_role",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-delete-role.html",
        serverless: public,
        response: DeleteRoleResponse,
        routes: ["DELETE /_security/role/{name}"],
        path: [
            /// The role name.
            name: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: none,
    }
}

endpoint! {
    /// Evicts roles from the native role cache.
    pub struct ClearCachedRoles {
        name: "security.clear_cached_roles",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-clear-role-cache.html",
        serverless: private,
        response: ClearCachedRolesResponse,
        routes: ["POST /_security/role/{name}/_clear_cache"],
        path: [
            /// The roles to evict (`*` for all).
            name: crate::Names,
        ],
        opt_path: [],
        query: [],
        body: none,
    }
}

endpoint! {
    /// Queries the roles of the native realm with a subset of the query DSL, with sorting and
    /// paging (`from`/`size` or `search_after`). Roles of roles files and built-in roles are not
    /// included.
    ///
    /// To go through every matching role page by page, see the client's role stream.
    pub struct QueryRole {
        name: "security.query_role",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-query-role",
        since: "8.15.0",
        serverless: public,
        response: QueryRoleResponse,
        routes: ["GET|POST /_security/_query/role"],
        path: [],
        opt_path: [],
        query: [],
        body: optional QueryRoleBody {
            args: [],
            fields: [
                /// Which roles (all when not set): on `name`, `description`, `metadata`,
                /// `applications.application`, `applications.privileges` and
                /// `applications.resources`.
                opt query: RoleQuery,
                /// Offset of the first role.
                opt from: u32,
                /// Number of roles to return (default 10).
                opt size: u32,
                /// Sort criteria: on the queryable fields, or `_doc`.
                opt sort: security_types::common::Sort,
                /// Continue after these sort values.
                list search_after: security_types::common::FieldValue,
            ],
        },
    }
}

impl<C> QueryRole<C> {
    /// The body, created empty if none is set: for helpers that adjust a request (e.g. paging).
    pub fn body_mut(&mut self) -> &mut QueryRoleBody {
        self.__body_mut()
    }
}

endpoint! {
    /// Creates or updates several roles of the native realm at once. Each role succeeds or
    /// fails on its own: the answer lists the created, updated and unchanged roles, and the
    /// errors of the others.
    ///
    /// Add roles one by one with [`BulkPutRole::role`], or set the whole map with `.roles(…)`.
    /// Each role is a [`PutRoleBody`], as for put_role: a role read with get_role or query_role
    /// goes in as it is, without what put_role rejects.
    pub struct BulkPutRole {
        name: "security.bulk_put_role",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-bulk-put-role",
        since: "8.15.0",
        params_since: [roles.*.global.data_source: "9.5.0"],
        serverless: private,
        stack_only: [roles.*.global, roles.*.remote_indices, roles.*.remote_cluster, roles.*.indices.allow_restricted_indices],
        response: BulkPutRoleResponse,
        routes: ["POST /_security/role"],
        path: [],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: required BulkPutRoleBody {
            args: [],
            fields: [
                /// The roles to create or update, by name (replaces those added before). The
                /// serverless rules of put_role apply to each (role names, empty `run_as`).
                val roles: std::collections::BTreeMap<String, PutRoleBody>,
            ],
        },
    }
}

impl<C> BulkPutRole<C> {
    /// Adds one role to create or update (a [`PutRoleBody`], or a [`Role`] read back).
    pub fn role(mut self, name: impl Into<String>, role: impl Into<PutRoleBody>) -> Self {
        self.__body_mut().roles.insert(name.into(), role.into());
        self
    }
}

endpoint! {
    /// Deletes several roles of the native realm at once. A `DELETE` with a JSON body. Each
    /// role succeeds or fails on its own: the answer lists the deleted and missing roles, and
    /// the errors of the others.
    pub struct BulkDeleteRole {
        name: "security.bulk_delete_role",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-bulk-delete-role",
        since: "8.15.0",
        serverless: private,
        response: BulkDeleteRoleResponse,
        routes: ["DELETE /_security/role"],
        path: [],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: required BulkDeleteRoleBody {
            args: [
                /// The names of the roles to delete.
                names: crate::Names,
            ],
            fields: [],
        },
    }
}
