//! Types of the `service_accounts` API group: service accounts and their tokens.

use crate::common::{ClearCacheResponse, FoundStatus, Metadata, NodeStatistics, RoleDescriptor};
use crate::Secret;
use serde::Deserialize;
use std::collections::BTreeMap;

/// A service-account token: its name and its secret value (`Token` of create_service_token).
///
/// The value is a bearer token; turn the answer into credentials with
/// `security_core::ToCredentials::to_credentials`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ServiceToken {
    /// The token name.
    pub name: String,
    /// The secret value, sent as `Authorization: Bearer <value>`.
    pub value: Secret,
}

/// Answer of `create_service_token`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct CreateServiceTokenResponse {
    /// Whether the token was created.
    #[serde(default)]
    pub created: bool,
    /// The token.
    pub token: ServiceToken,
}

/// Answer of `delete_service_token`: whether the token existed.
pub type DeleteServiceTokenResponse = FoundStatus;

/// A service account's role descriptor (`RoleDescriptorWrapper`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RoleDescriptorWrapper {
    /// The privileges of the service account.
    pub role_descriptor: RoleDescriptor,
}

/// Answer of `get_service_accounts`: role descriptors by `namespace/service` name.
pub type GetServiceAccountsResponse = BTreeMap<String, RoleDescriptorWrapper>;

/// A file-backed token and the nodes that have it (`NodesCredentialsFileToken`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct NodesCredentialsFileToken {
    /// Names of the nodes where the token file has this token.
    #[serde(default)]
    pub nodes: Vec<String>,
}

/// Service credentials collected from all nodes (`NodesCredentials`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct NodesCredentials {
    /// How the nodes answered.
    #[serde(rename = "_nodes")]
    pub node_stats: NodeStatistics,
    /// File-backed tokens, by name.
    #[serde(default)]
    pub file_tokens: BTreeMap<String, NodesCredentialsFileToken>,
}

/// Answer of `get_service_credentials`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct GetServiceCredentialsResponse {
    /// The service account, `namespace/service`.
    pub service_account: String,
    /// The number of tokens (index-backed and file-backed).
    #[serde(default)]
    pub count: u32,
    /// Index-backed tokens, by name (each with its metadata, usually empty).
    #[serde(default)]
    pub tokens: BTreeMap<String, Metadata>,
    /// File-backed tokens, collected from every node.
    pub nodes_credentials: NodesCredentials,
}

/// Answer of `clear_cached_service_tokens`.
pub type ClearCachedServiceTokensResponse = ClearCacheResponse;
