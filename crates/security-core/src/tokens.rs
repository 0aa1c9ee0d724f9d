//! Endpoints of the `tokens` API group.

use crate::EndpointSpec;

/// The endpoints of this group.
pub const SPECS: &[&EndpointSpec] = &[];
