//! The `roles` API group: client methods, request types and data types.

pub use security_core::roles::*;
pub use security_types::roles::*;

methods! {
    /// Creates or updates a role of the native realm. `PUT /_security/role/{name}`.
    /// A role read with `get_role` goes back as it is, `.body(role)`: what put_role rejects
    /// (implicitly granted entries, `transient_metadata`, …) is dropped.
    put_role(name: String) -> security_core::roles::PutRole;
    /// Gets roles of the native realm (all, or `.name(...)`; `.include_implicit(true)` on 9.5
    /// servers adds the implicitly granted index privileges). `GET /_security/role/{name}`.
    get_role() -> security_core::roles::GetRole;
    /// Deletes a role of the native realm. `DELETE /_security/role/{name}`.
    delete_role(name: String) -> security_core::roles::DeleteRole;
    /// Evicts roles from the native role cache (`*` for all).
    /// `POST /_security/role/{name}/_clear_cache`.
    clear_cached_roles(name: security_core::Names) -> security_core::roles::ClearCachedRoles;
    /// Queries native roles with a query, sort and paging (servers 8.15 and newer); to go
    /// through every match page by page, see
    /// [`query_role_stream`](crate::SecurityClient::query_role_stream).
    /// `POST /_security/_query/role`.
    query_role() -> security_core::roles::QueryRole;
    /// Creates or updates several roles at once, each succeeding or failing on its own
    /// (servers 8.15 and newer). `POST /_security/role`.
    bulk_put_role() -> security_core::roles::BulkPutRole;
    /// Deletes several roles at once, each succeeding or failing on its own (servers 8.15 and
    /// newer). `DELETE /_security/role` (with a body).
    bulk_delete_role(names: security_core::Names) -> security_core::roles::BulkDeleteRole;
}
