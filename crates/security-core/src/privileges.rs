//! Endpoints of the `privileges` API group: application privileges, built-in privileges, the
//! caller's privileges and privilege checks.

use crate::{Endpoint, EndpointSpec, Error, RequestOptions, RequestParts};
use security_types::privileges::*;

/// The endpoints of this group.
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
    pub struct PutPrivileges {
        name: "security.put_privileges",
        doc: "security-api-put-privileges.html",
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

/// The declaration of `get_privileges`; [`GetPrivileges`] wraps it to refuse a `name` without
/// an `application`.
#[allow(dead_code)] // `raw()` of the inner request: the wrapper has its own.
mod declared {
    use security_types::privileges::GetPrivilegesResponse;

    endpoint! {
        /// Returns application privileges: all, those of one application, or some by name.
        pub struct GetPrivileges {
            name: "security.get_privileges",
            doc: "security-api-get-privileges.html",
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
}

/// Returns application privileges: all, those of one application, or some by name.
///
#[doc = concat!("Endpoint `security.get_privileges`: [Elasticsearch 8.14 reference](", crate::__reference_root!(), "security-api-get-privileges.html).")]
///
/// Build it with `new`, narrow it with [`application`](Self::application) and then
/// [`name`](Self::name), then turn it into an `http::Request` with
/// [`Endpoint::to_http_request`] or, bound to a client, `.await` it.
///
/// Privilege names only exist within an application: a `name` without an `application` is
/// refused with [`Error::InvalidRequest`] before anything is sent (the path would otherwise
/// silently ask for every privilege).
///
/// ```
/// use security_core::{privileges::GetPrivileges, Endpoint, Error};
///
/// let parts = GetPrivileges::new().application("myapp").name(["read", "write"]).request_parts().unwrap();
/// assert_eq!(parts.path, "/_security/privilege/myapp/read,write");
/// let refused = GetPrivileges::new().name("read").request_parts();
/// assert!(matches!(refused, Err(Error::InvalidRequest { .. })));
/// ```
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct GetPrivileges<C = ()> {
    inner: declared::GetPrivileges<C>,
    has_application: bool,
    has_name: bool,
}

/// Setters that pass straight through to the declared request.
macro_rules! delegate {
    ($($(#[$m:meta])* $f:ident($($arg:ident: $t:ty),*);)*) => {$(
        $(#[$m])*
        pub fn $f(self, $($arg: $t),*) -> Self {
            GetPrivileges { inner: self.inner.$f($($arg),*), ..self }
        }
    )*};
}

impl GetPrivileges<()> {
    /// A request for every application privilege.
    #[allow(clippy::new_without_default)]
    pub fn new() -> Self {
        GetPrivileges {
            inner: declared::GetPrivileges::new(),
            has_application: false,
            has_name: false,
        }
    }
}

impl<C> GetPrivileges<C> {
    /// Binds the request to a context (a client), keeping every parameter.
    pub fn with_ctx<D>(self, ctx: D) -> GetPrivileges<D> {
        GetPrivileges {
            inner: self.inner.with_ctx(ctx),
            has_application: self.has_application,
            has_name: self.has_name,
        }
    }

    /// Splits the request into its context and the plain request.
    pub fn split(self) -> (C, GetPrivileges<()>) {
        let (ctx, inner) = self.inner.split();
        let plain = GetPrivileges {
            inner,
            has_application: self.has_application,
            has_name: self.has_name,
        };
        (ctx, plain)
    }

    /// Returns the raw answer (status, headers, body bytes) instead of the typed one.
    pub fn raw(self) -> crate::Raw<C, GetPrivileges<()>> {
        let (ctx, plain) = self.split();
        crate::Raw::new(ctx, plain)
    }

    /// The application whose privileges to return (all applications when not set).
    pub fn application(self, value: impl Into<String>) -> Self {
        GetPrivileges {
            inner: self.inner.application(value),
            has_application: true,
            ..self
        }
    }

    /// Privilege names of the application to return (all of the application's when not set).
    /// Needs [`application`](Self::application).
    pub fn name(self, value: impl Into<crate::Names>) -> Self {
        GetPrivileges {
            inner: self.inner.name(value),
            has_name: true,
            ..self
        }
    }

    delegate! {
        /// `error_trace`: include the stack trace of errors.
        error_trace(value: bool);
        /// `filter_path`: filters in dot notation that reduce the response.
        filter_path(value: impl Into<crate::Names>);
        /// `human`: human-readable values.
        human(value: bool);
        /// `pretty`: pretty-printed JSON.
        pretty(value: bool);
        /// Adds a header to this request.
        header(name: impl Into<String>, value: impl Into<String>);
        /// Sets `X-Opaque-Id`, to find this request in Elasticsearch's logs and tasks.
        opaque_id(value: impl Into<String>);
        /// Runs the request as another user (`es-security-runas-user`; needs `run_as` privileges).
        run_as(user: impl Into<String>);
        /// A timeout for this request, honoured by the transport.
        timeout(timeout: core::time::Duration);
        /// Authenticates this request with other credentials than the client's.
        credentials(credentials: crate::Credentials);
        /// Replaces all per-request options at once.
        options(options: RequestOptions);
    }
}

impl Endpoint for GetPrivileges<()> {
    type Response = GetPrivilegesResponse;

    const SPEC: &'static EndpointSpec = <declared::GetPrivileges as Endpoint>::SPEC;

    fn request_parts(&self) -> Result<RequestParts, Error> {
        if self.has_name && !self.has_application {
            return Err(Error::invalid(
                Self::SPEC.name,
                "path parameter `name` needs `application`: privilege names only exist within an application",
            ));
        }
        self.inner.request_parts()
    }

    fn options(&self) -> &RequestOptions {
        Endpoint::options(&self.inner)
    }

    fn decode(response: http::Response<Vec<u8>>) -> Result<GetPrivilegesResponse, Error> {
        declared::GetPrivileges::decode(response)
    }
}

impl<C: crate::Executor> core::future::IntoFuture for GetPrivileges<C> {
    type Output = Result<GetPrivilegesResponse, Error>;
    type IntoFuture = C::Future<GetPrivilegesResponse>;

    fn into_future(self) -> Self::IntoFuture {
        let (ctx, plain) = self.split();
        ctx.execute(plain)
    }
}

endpoint! {
    /// Deletes application privileges.
    pub struct DeletePrivileges {
        name: "security.delete_privileges",
        doc: "security-api-delete-privilege.html",
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
        doc: "security-api-get-builtin-privileges.html",
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
        doc: "security-api-get-user-privileges.html",
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
        doc: "security-api-has-privileges.html",
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
        doc: "security-api-clear-privilege-cache.html",
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
