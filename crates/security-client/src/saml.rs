//! The `saml` API group: client methods, request types and data types.

pub use security_core::saml::*;
pub use security_types::saml::*;
