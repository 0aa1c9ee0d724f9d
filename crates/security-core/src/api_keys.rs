//! Endpoints of the `api_keys` API group.

use crate::EndpointSpec;

/// The endpoints of this group.
pub const SPECS: &[&EndpointSpec] = &[];
