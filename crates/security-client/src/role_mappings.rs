//! The `role_mappings` API group: client methods, request types and data types.

pub use security_core::role_mappings::*;
pub use security_types::role_mappings::*;

methods! {
    /// Creates or updates a role mapping. `PUT /_security/role_mapping/{name}`.
    put_role_mapping(name: String) -> security_core::role_mappings::PutRoleMapping;
    /// Gets role mappings (all, or `.name(...)`). `GET /_security/role_mapping/{name}`.
    get_role_mapping() -> security_core::role_mappings::GetRoleMapping;
    /// Deletes a role mapping. `DELETE /_security/role_mapping/{name}`.
    delete_role_mapping(name: String) -> security_core::role_mappings::DeleteRoleMapping;
}
