//! Endpoints of the `enroll` API group: enrollment of Kibana instances and new nodes.

use crate::auth::ToCredentials;
use crate::{Credentials, Endpoint, EndpointSpec};
use security_types::enroll::*;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <EnrollKibana as Endpoint>::SPEC,
    <EnrollNode as Endpoint>::SPEC,
];

endpoint! {
    /// Lets a Kibana instance enroll: returns a service-account token and the HTTP CA certificate.
    pub struct EnrollKibana {
        name: "security.enroll_kibana",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-kibana-enrollment.html",
        since: "8.0.0",
        response: EnrollKibanaResponse,
        routes: ["GET /_security/enroll/kibana"],
        path: [],
        opt_path: [],
        query: [],
        body: none,
        // Never sent twice: each call creates another service token.
        repeatable: false,
    }
}

/// The enrollment token is a service-account token of `elastic/kibana`: it authenticates as
/// `Authorization: Bearer <value>`.
impl ToCredentials for EnrollKibanaResponse {
    fn to_credentials(&self) -> Credentials {
        Credentials::bearer(self.token.value.clone())
    }
}

endpoint! {
    /// Lets a new node enroll: returns the CA and transport TLS material and the nodes' addresses.
    pub struct EnrollNode {
        name: "security.enroll_node",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-node-enrollment.html",
        since: "8.0.0",
        response: EnrollNodeResponse,
        routes: ["GET /_security/enroll/node"],
        path: [],
        opt_path: [],
        query: [],
        body: none,
    }
}
