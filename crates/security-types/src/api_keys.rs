//! Types of the `api_keys` API group.
