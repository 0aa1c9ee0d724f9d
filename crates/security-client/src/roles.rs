//! The `roles` API group: client methods, request types and data types.

pub use security_core::roles::*;
pub use security_types::roles::*;
