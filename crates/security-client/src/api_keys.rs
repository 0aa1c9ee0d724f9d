//! The `api_keys` API group: client methods, request types and data types.

pub use security_core::api_keys::*;
pub use security_types::api_keys::*;
