//! Types of the `privileges` API group.
