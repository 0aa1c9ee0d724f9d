//! Types of the `saml` API group.
