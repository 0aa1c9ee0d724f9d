//! The `enroll` API group: client methods, request types and data types.

pub use security_core::enroll::*;
pub use security_types::enroll::*;

methods! {
    /// Enrolls a Kibana instance. `GET /_security/enroll/kibana`.
    enroll_kibana() -> security_core::enroll::EnrollKibana;
    /// Enrolls a new node. `GET /_security/enroll/node`.
    enroll_node() -> security_core::enroll::EnrollNode;
}
