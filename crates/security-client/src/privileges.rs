//! The `privileges` API group: client methods, request types and data types.

pub use security_core::privileges::*;
pub use security_types::privileges::*;
