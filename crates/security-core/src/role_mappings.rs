//! Endpoints of the `role_mappings` API group: which users get which roles.

use crate::{Endpoint, EndpointSpec};
use security_types::common::Metadata;
use security_types::role_mappings::*;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <PutRoleMapping as Endpoint>::SPEC,
    <GetRoleMapping as Endpoint>::SPEC,
    <DeleteRoleMapping as Endpoint>::SPEC,
];

endpoint! {
    /// Creates or updates a role mapping: the roles given to users that match its rules.
    ///
    /// The body's `run_as` field is set with [`PutRoleMapping::run_as_users`], because `run_as`
    /// is the per-request option that runs the request as another user.
    pub struct PutRoleMapping {
        name: "security.put_role_mapping",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-put-role-mapping.html",
        since: "5.5.0",
        serverless: private,
        response: PutRoleMappingResponse,
        routes: ["PUT|POST /_security/role_mapping/{name}"],
        path: [
            /// The role-mapping name.
            name: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: required PutRoleMappingBody {
            args: [],
            fields: [
                /// Whether the mapping is applied.
                opt enabled: bool,
                /// Arbitrary metadata; keys starting with `_` are reserved.
                opt metadata: Metadata,
                /// Role names to grant (or set `role_templates`).
                list roles: String,
                /// Role templates rendered into role names (or set `roles`).
                list role_templates: RoleTemplate,
                /// The rule users must match.
                opt rules: RoleMappingRule,
            ],
        },
    }
}

impl<C> PutRoleMapping<C> {
    /// The body's `run_as` field: users that the mapped users may impersonate.
    pub fn run_as_users<I>(mut self, users: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        self.__body_mut().run_as = Some(users.into_iter().map(Into::into).collect());
        self
    }
}

endpoint! {
    /// Returns role mappings: some by name, or all.
    pub struct GetRoleMapping {
        name: "security.get_role_mapping",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-role-mapping.html",
        since: "5.5.0",
        serverless: private,
        response: GetRoleMappingResponse,
        routes: ["GET /_security/role_mapping/{name}", "GET /_security/role_mapping"],
        path: [],
        opt_path: [
            /// The role-mapping names to return (all mappings when not set).
            name: crate::Names,
        ],
        query: [],
        body: none,
    }
}

endpoint! {
    /// Deletes a role mapping.
    pub struct DeleteRoleMapping {
        name: "security.delete_role_mapping",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-delete-role-mapping.html",
        since: "5.5.0",
        serverless: private,
        response: DeleteRoleMappingResponse,
        routes: ["DELETE /_security/role_mapping/{name}"],
        path: [
            /// The role-mapping name.
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
