//! Endpoints of the `privileges` API group: application privileges, built-in privileges, the
//! caller's privileges and privilege checks.

use crate::{Endpoint, EndpointSpec};
use security_types::privileges::*;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <PutPrivileges as Endpoint>::SPEC,
    <GetPrivileges as Endpoint>::SPEC,
    <DeletePrivileges as Endpoint>::SPEC,
    <GetBuiltinPrivileges as Endpoint>::SPEC,
    <GetUserPrivileges as Endpoint>::SPEC,
    <HasPrivileges as Endpoint>::SPEC,
    <ClearCachedPrivileges as Endpoint>::SPEC,
];

endpoint! {
    /// Creates or updates application privileges.
    ///
    /// A request with no privilege in it (nothing added with
    /// [`privilege`](PutPrivileges::privilege) or [`body`](PutPrivileges::body)) is refused with
    /// [`Error::InvalidRequest`](crate::Error::InvalidRequest) before anything is sent, like the
    /// other required inputs (not with a raw body).
    pub struct PutPrivileges {
        name: "security.put_privileges",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-put-privileges.html",
        since: "6.4.0",
        serverless: private,
        response: PutPrivilegesResponse,
        routes: ["PUT|POST /_security/privilege/"],
        path: [],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: security_types::common::Refresh,
        ],
        body: required PutPrivilegesBody {
            args: [],
            fields: [],
        },
        hook: checked,
    }
}

impl PutPrivileges<()> {
    /// The hook: refuses a body without any privilege.
    fn checked(&self) -> Result<crate::endpoint::RequestParts, crate::Error> {
        if self.raw_body.is_none() && self.body.values().all(|names| names.is_empty()) {
            return Err(crate::Error::invalid(
                Self::SPEC.name,
                "no privilege to put: add at least one with `privilege(application, name, actions)`",
            ));
        }
        self.__request_parts()
    }
}

impl<C> PutPrivileges<C> {
    /// Adds one privilege to the body: `application` → `name` → `actions`.
    ///
    /// ```
    /// use security_core::privileges::PutPrivileges;
    /// use security_core::types::privileges::Actions;
    ///
    /// let request = PutPrivileges::new()
    ///     .privilege("myapp", "read", Actions::new(["data:read/*", "action:login"]))
    ///     .privilege("myapp", "write", Actions::new(["data:write/*"]));
    /// assert_eq!(request.body_ref()["myapp"].len(), 2);
    /// ```
    pub fn privilege(
        mut self,
        application: impl Into<String>,
        name: impl Into<String>,
        actions: impl Into<Actions>,
    ) -> Self {
        self.body
            .entry(application.into())
            .or_default()
            .insert(name.into(), actions.into());
        self
    }
}

endpoint! {
    /// Returns application privileges: all, those of one application, or some by name.
    ///
    /// Privilege names only exist within an application: a `name` without an `application` is
    /// refused with [`Error::InvalidRequest`](crate::Error::InvalidRequest) before anything is
    /// sent (the path would otherwise silently ask for every privilege).
    ///
    /// ```
    /// use security_core::{privileges::GetPrivileges, Endpoint};
    ///
    /// let parts = GetPrivileges::new().application("myapp").name(["read", "write"]).request_parts().unwrap();
    /// assert_eq!(parts.path, "/_security/privilege/myapp/read,write");
    /// assert!(GetPrivileges::new().name("read").request_parts().is_err());
    /// ```
    pub struct GetPrivileges {
        name: "security.get_privileges",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-privileges.html",
        since: "6.4.0",
        serverless: private,
        response: GetPrivilegesResponse,
        routes: [
            "GET /_security/privilege",
            "GET /_security/privilege/{application}",
            "GET /_security/privilege/{application}/{name}",
        ],
        path: [],
        opt_path: [
            /// The application (all applications when not set).
            application: String,
            /// Privilege names of the application (needs `application`).
            name: crate::Names,
        ],
        query: [],
        body: none,
    }
}

endpoint! {
    /// Deletes application privileges.
    pub struct DeletePrivileges {
        name: "security.delete_privileges",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-delete-privilege.html",
        since: "6.4.0",
        serverless: private,
        response: DeletePrivilegesResponse,
        routes: ["DELETE /_security/privilege/{application}/{name}"],
        path: [
            /// The application.
            application: String,
            /// The privilege names.
            name: crate::Names,
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
    /// Returns the cluster and index privileges this version of Elasticsearch knows.
    pub struct GetBuiltinPrivileges {
        name: "security.get_builtin_privileges",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-builtin-privileges.html",
        since: "7.3.0",
        serverless: public,
        response: GetBuiltinPrivilegesResponse,
        routes: ["GET /_security/privilege/_builtin"],
        path: [],
        opt_path: [],
        query: [],
        body: none,
    }
}

endpoint! {
    /// Returns the caller's privileges: cluster, index, application, global and run-as.
    pub struct GetUserPrivileges {
        name: "security.get_user_privileges",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-user-privileges.html",
        since: "6.5.0",
        serverless: private,
        response: GetUserPrivilegesResponse,
        routes: ["GET /_security/user/_privileges"],
        path: [],
        opt_path: [],
        query: [],
        body: none,
    }
}

endpoint! {
    /// Checks whether the caller (or another user) has the given privileges.
    pub struct HasPrivileges {
        name: "security.has_privileges",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-has-privileges.html",
        since: "6.4.0",
        serverless: public,
        response: HasPrivilegesResponse,
        routes: [
            "GET|POST /_security/user/_has_privileges",
            "GET|POST /_security/user/{user}/_has_privileges",
        ],
        path: [],
        opt_path: [
            /// The user whose privileges to check (the caller when not set).
            user: String,
        ],
        query: [],
        body: required HasPrivilegesBody {
            args: [],
            fields: [
                /// Application privileges to check on resources.
                list application: ApplicationPrivilegesCheck,
                /// Cluster privileges to check.
                list cluster: security_types::common::ClusterPrivilege,
                /// Index privileges to check.
                list index: IndexPrivilegesCheck,
            ],
        },
    }
}

endpoint! {
    /// Evicts application privileges from the native application-privilege cache.
    pub struct ClearCachedPrivileges {
        name: "security.clear_cached_privileges",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-clear-privilege-cache.html",
        since: "7.9.0",
        serverless: private,
        response: security_types::common::ClearCacheResponse,
        routes: ["POST /_security/privilege/{application}/_clear_cache"],
        path: [
            /// Application names (`*` for all).
            application: crate::Names,
        ],
        opt_path: [],
        query: [],
        body: none,
    }
}
