//! Types of the `enroll` API group.
