//! Endpoints of the `service_accounts` API group.

use crate::EndpointSpec;

/// The endpoints of this group.
pub const SPECS: &[&EndpointSpec] = &[];
