//! The `role_mappings` API group: client methods, request types and data types.

pub use security_core::role_mappings::*;
pub use security_types::role_mappings::*;
