//! The `service_accounts` API group: client methods, request types and data types.

pub use security_core::service_accounts::*;
pub use security_types::service_accounts::*;
