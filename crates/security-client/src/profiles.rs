//! The `profiles` API group: client methods, request types and data types.

pub use security_core::profiles::*;
pub use security_types::profiles::*;
