//! Types of the `settings` API group: the settings of the security indices and the security
//! statistics of the nodes.

use crate::common::FieldValue;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// The settings of one security index (`SecuritySettings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecuritySettings {
    /// The index settings that may be changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<SecurityIndexSettings>,
}

impl SecuritySettings {
    /// Settings with `index.auto_expand_replicas` (e.g. `"0-1"`, `"0-all"`, `"false"`).
    pub fn auto_expand_replicas(value: impl Into<String>) -> Self {
        SecuritySettings {
            index: Some(SecurityIndexSettings {
                auto_expand_replicas: Some(Some(value.into())),
                ..Default::default()
            }),
        }
    }

    /// Settings with `index.number_of_replicas` (ignored while `auto_expand_replicas` is set).
    pub fn number_of_replicas(value: u32) -> Self {
        SecuritySettings {
            index: Some(SecurityIndexSettings {
                number_of_replicas: Some(FieldValue::Long(value.into())),
                ..Default::default()
            }),
        }
    }
}

/// The user-configurable index settings of a security index (a subset of `IndexSettings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SecurityIndexSettings {
    /// `auto_expand_replicas`: a range such as `"0-1"` or `"0-all"`, or `"false"`;
    /// `Some(None)` sends `null` (back to the default).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub auto_expand_replicas: Option<Option<String>>,
    /// `number_of_replicas`: a number (servers answer it as a string, e.g. `"1"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_of_replicas: Option<FieldValue>,
    /// Other settings, as JSON.
    #[serde(flatten)]
    pub other: BTreeMap<String, serde_json::Value>,
}

/// A field that may be absent (`None`), `null` (`Some(None)`) or a value.
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Answer of `get_settings`: the settings of the three security indices.
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct GetSettingsResponse {
    /// The main security index (`.security`: users, roles, API keys, …).
    pub security: SecuritySettings,
    /// The index of user profiles.
    #[serde(rename = "security-profile")]
    pub security_profile: SecuritySettings,
    /// The index of tokens.
    #[serde(rename = "security-tokens")]
    pub security_tokens: SecuritySettings,
}

/// Body of `update_settings`: new settings for some of the security indices.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct UpdateSettingsBody {
    /// The main security index.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub security: Option<SecuritySettings>,
    /// The index of user profiles.
    #[serde(rename = "security-profile", skip_serializing_if = "Option::is_none")]
    pub security_profile: Option<SecuritySettings>,
    /// The index of tokens.
    #[serde(rename = "security-tokens", skip_serializing_if = "Option::is_none")]
    pub security_tokens: Option<SecuritySettings>,
}

/// Answer of `update_settings`.
pub type UpdateSettingsResponse = crate::common::AcknowledgedResponse;

/// Answer of `get_stats`: the security statistics of each node, by node id.
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct GetStatsResponse {
    /// Statistics by node id.
    pub nodes: BTreeMap<String, NodeSecurityStats>,
}

/// The security statistics of a node (`NodeSecurityStats`).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct NodeSecurityStats {
    /// Role statistics.
    pub roles: RolesStats,
}

/// Role statistics of a node (`RolesStats`).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct RolesStats {
    /// Document-level security statistics.
    pub dls: SecurityRolesDls,
}

/// Document-level security statistics (`SecurityRolesDls`).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct SecurityRolesDls {
    /// The cache of DLS bit sets.
    pub bit_set_cache: SecurityRolesDlsBitSetCache,
}

/// The DLS bit-set cache of a node (`SecurityRolesDlsBitSetCache`).
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct SecurityRolesDlsBitSetCache {
    /// Entries in the cache.
    pub count: u64,
    /// Memory used, human-readable (with `human`).
    #[serde(default)]
    pub memory: Option<String>,
    /// Memory used, in bytes.
    pub memory_in_bytes: u64,
    /// Cache hits.
    pub hits: u64,
    /// Cache misses.
    pub misses: u64,
    /// Evictions.
    pub evictions: u64,
    /// Time spent on hits, in milliseconds.
    pub hits_time_in_millis: u64,
    /// Time spent on misses, in milliseconds.
    pub misses_time_in_millis: u64,
}
