//! Types of the `tokens` API group.
