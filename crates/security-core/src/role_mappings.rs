//! Endpoints of the `role_mappings` API group.

use crate::EndpointSpec;

/// The endpoints of this group.
pub const SPECS: &[&EndpointSpec] = &[];
