//! The `roles` API group: client methods, request types and data types.

pub use security_core::roles::*;
pub use security_types::roles::*;

methods! {
    /// Creates or updates a role of the native realm. `PUT /_security/role/{name}`.
    put_role(name: String) -> security_core::roles::PutRole;
    /// Gets roles of the native realm (all, or `.name(...)`). `GET /_security/role/{name}`.
    get_role() -> security_core::roles::GetRole;
    /// Deletes a role of the native realm. `DELETE /_security/role/{name}`.
    delete_role(name: String) -> security_core::roles::DeleteRole;
    /// Evicts roles from the native role cache (`*` for all).
    /// `POST /_security/role/{name}/_clear_cache`.
    clear_cached_roles(name: security_core::Names) -> security_core::roles::ClearCachedRoles;
}
