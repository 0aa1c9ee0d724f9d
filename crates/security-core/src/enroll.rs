//! Endpoints of the `enroll` API group.

use crate::EndpointSpec;

/// The endpoints of this group.
pub const SPECS: &[&EndpointSpec] = &[];
