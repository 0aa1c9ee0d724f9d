//! Types of the `profiles` API group.
