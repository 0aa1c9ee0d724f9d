//! The `enroll` API group: client methods, request types and data types.

pub use security_core::enroll::*;
pub use security_types::enroll::*;
