//! Types of the `enroll` API group: enrollment of Kibana instances and new nodes.
//!
//! The answers carry private keys and tokens: those are [`Secret`]s, so `Debug` never shows them.

use crate::Secret;
use serde::Deserialize;

/// The service-account token created for Kibana (`Token` in the spec).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Token {
    /// The token name, e.g. `enroll-process-token-1629123923000`.
    pub name: String,
    /// The token value, for `Authorization: Bearer <value>` as the `elastic/kibana` service
    /// account.
    pub value: Secret,
}

/// Answer of `enroll_kibana`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct EnrollKibanaResponse {
    /// The service-account token Kibana authenticates with.
    pub token: Token,
    /// The CA certificate of the HTTP layer, base64-encoded DER (public material).
    pub http_ca: String,
}

/// Answer of `enroll_node`: the TLS material a new node needs to join the cluster.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct EnrollNodeResponse {
    /// The private key of the HTTP-layer CA, base64-encoded.
    pub http_ca_key: Secret,
    /// The certificate of the HTTP-layer CA, base64-encoded.
    pub http_ca_cert: String,
    /// The certificate of the transport-layer CA, base64-encoded.
    pub transport_ca_cert: String,
    /// The private key the node uses on the transport layer, base64-encoded.
    pub transport_key: Secret,
    /// The certificate the node uses on the transport layer, base64-encoded.
    pub transport_cert: String,
    /// The transport addresses of the cluster's nodes, e.g. `192.168.1.2:9300`.
    #[serde(default)]
    pub nodes_addresses: Vec<String>,
}
