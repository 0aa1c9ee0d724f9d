//! Endpoints of the `settings` API group: the settings of the security indices and the
//! security statistics of the nodes (cluster-level administration of the security feature
//! itself, rather than of users, roles or credentials).

use crate::{Endpoint, EndpointSpec};
use security_types::settings::*;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <GetSettings as Endpoint>::SPEC,
    <UpdateSettings as Endpoint>::SPEC,
    <GetStats as Endpoint>::SPEC,
];

endpoint! {
    /// Returns the user-configurable settings of the security indices (`.security`, the
    /// profile and token indices): `index.auto_expand_replicas` and `index.number_of_replicas`.
    pub struct GetSettings {
        name: "security.get_settings",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-settings.html",
        since: "8.12.0",
        response: GetSettingsResponse,
        routes: ["GET /_security/settings"],
        path: [],
        opt_path: [],
        query: [
            /// How long to wait for the master node (a duration such as `30s`).
            master_timeout: String,
        ],
        body: none,
    }
}

endpoint! {
    /// Updates the user-configurable settings of the security indices. An index that is not in
    /// use yet cannot be configured; `auto_expand_replicas` wins over `number_of_replicas`.
    ///
    /// The `timeout` and `master_timeout` setters are Elasticsearch's query parameters; the
    /// transport's time limit for this request is `request_timeout`.
    pub struct UpdateSettings {
        name: "security.update_settings",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-update-settings.html",
        since: "8.12.0",
        response: UpdateSettingsResponse,
        routes: ["PUT /_security/settings"],
        path: [],
        opt_path: [],
        query: [
            /// How long to wait for the master node (a duration such as `30s`).
            master_timeout: String,
            /// How long to wait for the answer (a duration such as `30s`).
            timeout: String,
        ],
        body: required UpdateSettingsBody {
            args: [],
            fields: [
                /// Settings of the main security index.
                opt security: SecuritySettings,
                /// Settings of the index of user profiles (`security-profile`).
                opt security_profile: SecuritySettings,
                /// Settings of the index of tokens (`security-tokens`).
                opt security_tokens: SecuritySettings,
            ],
        },
    }
}

endpoint! {
    /// Returns the security statistics of every node (document-level security caches).
    pub struct GetStats {
        name: "security.get_stats",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-get-stats",
        since: "9.2.0",
        serverless: private,
        response: GetStatsResponse,
        routes: ["GET /_security/stats"],
        path: [],
        opt_path: [],
        query: [],
        body: none,
    }
}
