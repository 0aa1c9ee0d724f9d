//! The `privileges` API group: client methods, request types and data types.

pub use security_core::privileges::*;
pub use security_types::privileges::*;

methods! {
    /// Creates or updates application privileges. `PUT /_security/privilege/`.
    put_privileges() -> security_core::privileges::PutPrivileges;
    /// Gets application privileges (all, `.application(...)`, then `.name(...)`).
    /// `GET /_security/privilege/{application}/{name}`.
    get_privileges() -> security_core::privileges::GetPrivileges;
    /// Deletes application privileges. `DELETE /_security/privilege/{application}/{name}`.
    delete_privileges(application: String, name: security_core::Names) -> security_core::privileges::DeletePrivileges;
    /// Lists the cluster and index privileges the server knows. `GET /_security/privilege/_builtin`.
    get_builtin_privileges() -> security_core::privileges::GetBuiltinPrivileges;
    /// Gets the caller's privileges. `GET /_security/user/_privileges`.
    get_user_privileges() -> security_core::privileges::GetUserPrivileges;
    /// Checks the caller's (or `.user(...)`'s) privileges. `POST /_security/user/{user}/_has_privileges`.
    has_privileges() -> security_core::privileges::HasPrivileges;
    /// Evicts applications from the privilege cache. `POST /_security/privilege/{application}/_clear_cache`.
    clear_cached_privileges(application: security_core::Names) -> security_core::privileges::ClearCachedPrivileges;
}
