//! Types of the `service_accounts` API group.
