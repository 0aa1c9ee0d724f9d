//! Types of the `role_mappings` API group.
