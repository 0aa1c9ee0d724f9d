//! Types of the `roles` API group.
