//! The `tokens` API group: client methods, request types and data types.

pub use security_core::tokens::*;
pub use security_types::tokens::*;
