//! Privileges: what each named privilege grants, and checks of cluster actions, cluster,
//! index and application privileges against a set of role descriptors.
//!
//! Named privileges are modelled as sets of action patterns (as Elasticsearch does), so
//! that `manage_security` implies `manage_api_key`, `write` implies `index`, and so on. The
//! action patterns are those of Elasticsearch where they matter for the security API and
//! simplified elsewhere.

use crate::util::{glob_match, pattern_covers, patterns_overlap};
use serde_json::Value;
use std::collections::BTreeMap;

/// A named cluster privilege: included action patterns, excluded ones, and whether it only
/// applies to the caller's own API keys (`manage_own_api_key`).
struct ClusterPriv {
    name: &'static str,
    include: &'static [&'static str],
    exclude: &'static [&'static str],
    own_keys: bool,
}

const fn cp(
    name: &'static str,
    include: &'static [&'static str],
    exclude: &'static [&'static str],
    own_keys: bool,
) -> ClusterPriv {
    ClusterPriv {
        name,
        include,
        exclude,
        own_keys,
    }
}

const SECURITY: &str = "cluster:admin/xpack/security/*";

/// The cluster privileges of 8.14, most specific first (the order of the 403 message).
const CLUSTER_PRIVILEGES: &[ClusterPriv] = &[
    cp("none", &[], &[], false),
    cp(
        "read_security",
        &[
            "cluster:admin/xpack/security/*/get*",
            "cluster:admin/xpack/security/*/query*",
            "cluster:admin/xpack/security/*/has_privileges*",
            "cluster:admin/xpack/security/user/list_privileges*",
            "cluster:admin/xpack/security/privilege/builtin/get*",
            "cluster:admin/xpack/security/service_account/*/get*",
            "cluster:admin/xpack/security/api_key/get*",
            "cluster:admin/xpack/security/api_key/query*",
        ],
        &[],
        false,
    ),
    cp(
        "manage_own_api_key",
        &["cluster:admin/xpack/security/api_key/*"],
        &[],
        true,
    ),
    cp(
        "grant_api_key",
        &["cluster:admin/xpack/security/api_key/grant*"],
        &[],
        false,
    ),
    cp(
        "manage_api_key",
        &["cluster:admin/xpack/security/api_key/*"],
        &[],
        false,
    ),
    cp(
        "manage_token",
        &[
            "cluster:admin/xpack/security/token/*",
            "cluster:admin/xpack/security/refresh_token/*",
        ],
        &[],
        false,
    ),
    cp(
        "manage_saml",
        &[
            "cluster:admin/xpack/security/saml/*",
            "cluster:admin/xpack/security/token/invalidate",
            "cluster:admin/xpack/security/token/refresh",
        ],
        &[],
        false,
    ),
    cp(
        "manage_oidc",
        &["cluster:admin/xpack/security/oidc/*"],
        &[],
        false,
    ),
    cp(
        "delegate_pki",
        &["cluster:admin/xpack/security/delegate_pki*"],
        &[],
        false,
    ),
    cp(
        "manage_service_account",
        &["cluster:admin/xpack/security/service_account/*"],
        &[],
        false,
    ),
    cp(
        "manage_user_profile",
        &["cluster:admin/xpack/security/profile/*"],
        &[],
        false,
    ),
    cp(
        "read_fleet_secrets",
        &["cluster:admin/fleet/secrets/get*"],
        &[],
        false,
    ),
    cp(
        "write_fleet_secrets",
        &[
            "cluster:admin/fleet/secrets/post*",
            "cluster:admin/fleet/secrets/delete*",
        ],
        &[],
        false,
    ),
    cp(
        "read_connector_secrets",
        &["cluster:admin/xpack/connector/secret/get*"],
        &[],
        false,
    ),
    cp(
        "write_connector_secrets",
        &[
            "cluster:admin/xpack/connector/secret/post*",
            "cluster:admin/xpack/connector/secret/put*",
            "cluster:admin/xpack/connector/secret/delete*",
        ],
        &[],
        false,
    ),
    cp("cancel_task", &["cluster:admin/tasks/cancel*"], &[], false),
    cp(
        "create_snapshot",
        &[
            "cluster:admin/snapshot/create*",
            "cluster:admin/snapshot/get*",
            "cluster:admin/snapshot/status*",
            "cluster:admin/repository/get*",
        ],
        &[],
        false,
    ),
    cp(
        "monitor_snapshot",
        &[
            "cluster:admin/snapshot/get*",
            "cluster:admin/snapshot/status*",
            "cluster:admin/repository/get*",
        ],
        &[],
        false,
    ),
    cp(
        "read_ccr",
        &["cluster:monitor/state", "cluster:monitor/xpack/ccr/*"],
        &[],
        false,
    ),
    cp(
        "read_ilm",
        &[
            "cluster:admin/ilm/get*",
            "cluster:admin/ilm/operation_mode/get*",
        ],
        &[],
        false,
    ),
    cp(
        "read_slm",
        &["cluster:admin/slm/get*", "cluster:admin/slm/status*"],
        &[],
        false,
    ),
    cp(
        "read_pipeline",
        &[
            "cluster:admin/ingest/pipeline/get*",
            "cluster:admin/ingest/pipeline/simulate*",
        ],
        &[],
        false,
    ),
    cp(
        "monitor_enrich",
        &[
            "cluster:admin/xpack/enrich/get*",
            "cluster:admin/xpack/enrich/stats*",
        ],
        &[],
        false,
    ),
    cp(
        "monitor_inference",
        &["cluster:monitor/xpack/inference*"],
        &[],
        false,
    ),
    cp("monitor_ml", &["cluster:monitor/xpack/ml/*"], &[], false),
    cp(
        "monitor_rollup",
        &["cluster:monitor/xpack/rollup/*"],
        &[],
        false,
    ),
    cp(
        "monitor_text_structure",
        &["cluster:monitor/text_structure/*"],
        &[],
        false,
    ),
    cp(
        "monitor_transform",
        &[
            "cluster:monitor/transform/*",
            "cluster:monitor/data_frame/*",
        ],
        &[],
        false,
    ),
    cp(
        "monitor_data_frame_transforms",
        &[
            "cluster:monitor/transform/*",
            "cluster:monitor/data_frame/*",
        ],
        &[],
        false,
    ),
    cp(
        "monitor_watcher",
        &["cluster:monitor/xpack/watcher/*"],
        &[],
        false,
    ),
    cp(
        "post_behavioral_analytics_event",
        &["cluster:admin/xpack/application/analytics/post_event*"],
        &[],
        false,
    ),
    cp(
        "transport_client",
        &["cluster:monitor/nodes/liveness", "cluster:monitor/state"],
        &[],
        false,
    ),
    cp(
        "cross_cluster_search",
        &[
            "cluster:internal/remote_cluster/handshake",
            "cluster:internal/remote_cluster/nodes",
            "cluster:monitor/state",
        ],
        &[],
        false,
    ),
    cp(
        "cross_cluster_replication",
        &[
            "cluster:internal/remote_cluster/handshake",
            "cluster:internal/remote_cluster/nodes",
            "cluster:monitor/state",
            "cluster:monitor/xpack/info",
        ],
        &[],
        false,
    ),
    cp("monitor", &["cluster:monitor/*"], &[], false),
    cp(
        "manage_autoscaling",
        &["cluster:admin/autoscaling/*"],
        &[],
        false,
    ),
    cp(
        "manage_behavioral_analytics",
        &["cluster:admin/xpack/application/analytics/*"],
        &[],
        false,
    ),
    cp(
        "manage_ccr",
        &[
            "cluster:admin/xpack/ccr/*",
            "cluster:monitor/state",
            "cluster:monitor/xpack/ccr/*",
        ],
        &[],
        false,
    ),
    cp(
        "manage_enrich",
        &["cluster:admin/xpack/enrich/*"],
        &[],
        false,
    ),
    cp("manage_ilm", &["cluster:admin/ilm/*"], &[], false),
    cp(
        "manage_index_templates",
        &[
            "indices:admin/template/*",
            "indices:admin/index_template/*",
            "cluster:admin/component_template/*",
        ],
        &[],
        false,
    ),
    cp(
        "manage_inference",
        &[
            "cluster:admin/xpack/inference/*",
            "cluster:monitor/xpack/inference*",
        ],
        &[],
        false,
    ),
    cp(
        "manage_ingest_pipelines",
        &["cluster:admin/ingest/pipeline/*"],
        &[],
        false,
    ),
    cp(
        "manage_pipeline",
        &["cluster:admin/ingest/pipeline/*"],
        &[],
        false,
    ),
    cp(
        "manage_logstash_pipelines",
        &["cluster:admin/logstash/pipeline/*"],
        &[],
        false,
    ),
    cp(
        "manage_ml",
        &["cluster:admin/xpack/ml/*", "cluster:monitor/xpack/ml/*"],
        &[],
        false,
    ),
    cp(
        "manage_rollup",
        &[
            "cluster:admin/xpack/rollup/*",
            "cluster:monitor/xpack/rollup/*",
        ],
        &[],
        false,
    ),
    cp(
        "manage_search_application",
        &["cluster:admin/xpack/application/search_application/*"],
        &[],
        false,
    ),
    cp(
        "manage_search_query_rules",
        &["cluster:admin/xpack/query_rules/*"],
        &[],
        false,
    ),
    cp(
        "manage_search_synonyms",
        &["cluster:admin/synonyms/*"],
        &[],
        false,
    ),
    cp("manage_slm", &["cluster:admin/slm/*"], &[], false),
    cp(
        "manage_transform",
        &[
            "cluster:admin/transform/*",
            "cluster:monitor/transform/*",
            "cluster:admin/data_frame/*",
            "cluster:monitor/data_frame/*",
        ],
        &[],
        false,
    ),
    cp(
        "manage_data_frame_transforms",
        &[
            "cluster:admin/transform/*",
            "cluster:monitor/transform/*",
            "cluster:admin/data_frame/*",
            "cluster:monitor/data_frame/*",
        ],
        &[],
        false,
    ),
    cp(
        "manage_watcher",
        &[
            "cluster:admin/xpack/watcher/*",
            "cluster:monitor/xpack/watcher/*",
        ],
        &[],
        false,
    ),
    cp(
        "manage_security",
        &[SECURITY, "cluster:admin/xpack/security/*/*"],
        &[],
        false,
    ),
    cp(
        "manage",
        &[
            "cluster:*",
            "indices:admin/template/*",
            "indices:admin/index_template/*",
        ],
        &[
            SECURITY,
            "cluster:admin/fleet/*",
            "cluster:admin/xpack/connector/secret/*",
        ],
        false,
    ),
    cp(
        "all",
        &[
            "cluster:*",
            "indices:admin/template/*",
            "indices:admin/index_template/*",
        ],
        &[],
        false,
    ),
];

/// The cluster privilege names, sorted (as get_builtin_privileges lists them).
pub(crate) fn cluster_privilege_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = CLUSTER_PRIVILEGES.iter().map(|p| p.name).collect();
    names.sort_unstable();
    names
}

/// Index privileges: name → action patterns.
const INDEX_PRIVILEGES: &[(&str, &[&str])] = &[
    ("none", &[]),
    ("all", &["indices:*", "internal:transport/proxy/indices:*"]),
    (
        "auto_configure",
        &[
            "indices:admin/auto_create*",
            "indices:admin/mapping/auto_put*",
        ],
    ),
    (
        "create",
        &[
            "indices:data/write/index/create*",
            "indices:data/write/bulk*",
            "indices:admin/mapping/auto_put*",
        ],
    ),
    (
        "create_doc",
        &[
            "indices:data/write/index/create_doc*",
            "indices:data/write/bulk*",
        ],
    ),
    (
        "create_index",
        &[
            "indices:admin/create*",
            "indices:admin/auto_create*",
            "indices:admin/data_stream/create*",
        ],
    ),
    (
        "cross_cluster_replication",
        &["indices:data/read/xpack/ccr/*", "indices:monitor/stats*"],
    ),
    (
        "cross_cluster_replication_internal",
        &[
            "indices:internal/admin/ccr/*",
            "internal:transport/proxy/indices:internal/admin/ccr/*",
        ],
    ),
    (
        "delete",
        &["indices:data/write/delete*", "indices:data/write/bulk*"],
    ),
    (
        "delete_index",
        &["indices:admin/delete*", "indices:admin/data_stream/delete*"],
    ),
    (
        "index",
        &[
            "indices:data/write/index*",
            "indices:data/write/update*",
            "indices:data/write/bulk*",
            "indices:admin/mapping/auto_put*",
        ],
    ),
    (
        "maintenance",
        &[
            "indices:admin/refresh*",
            "indices:admin/flush*",
            "indices:admin/synced_flush*",
            "indices:admin/forcemerge*",
        ],
    ),
    (
        "manage",
        &[
            "indices:monitor/*",
            "indices:admin/*",
            "indices:data/read/field_caps*",
        ],
    ),
    (
        "manage_data_stream_lifecycle",
        &["indices:admin/data_stream/lifecycle/*"],
    ),
    (
        "manage_follow_index",
        &[
            "indices:admin/xpack/ccr/*",
            "indices:monitor/stats*",
            "indices:admin/close*",
        ],
    ),
    ("manage_ilm", &["indices:admin/ilm/*"]),
    (
        "manage_leader_index",
        &[
            "indices:admin/xpack/ccr/forget_follower*",
            "indices:admin/seq_no/*",
        ],
    ),
    ("monitor", &["indices:monitor/*"]),
    ("read", &["indices:data/read/*"]),
    (
        "read_cross_cluster",
        &[
            "internal:transport/proxy/indices:data/read/*",
            "indices:data/read/xpack/ccr/*",
        ],
    ),
    (
        "view_index_metadata",
        &[
            "indices:admin/get*",
            "indices:admin/aliases/get*",
            "indices:admin/mappings/get*",
            "indices:admin/mappings/fields/get*",
            "indices:admin/resolve/*",
            "indices:data/read/field_caps*",
            "indices:monitor/settings/get*",
        ],
    ),
    (
        "write",
        &["indices:data/write/*", "indices:admin/mapping/auto_put*"],
    ),
];

/// The index privilege names, sorted.
pub(crate) fn index_privilege_names() -> Vec<&'static str> {
    let mut names: Vec<&str> = INDEX_PRIVILEGES.iter().map(|(n, _)| *n).collect();
    names.sort_unstable();
    names
}

fn cluster_priv(name: &str) -> Option<&'static ClusterPriv> {
    CLUSTER_PRIVILEGES.iter().find(|p| p.name == name)
}

fn index_priv(name: &str) -> Option<&'static [&'static str]> {
    INDEX_PRIVILEGES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, a)| *a)
}

/// Whether a string is a valid cluster privilege (a name, or a pattern over cluster actions).
pub(crate) fn is_cluster_privilege(p: &str) -> bool {
    cluster_priv(p).is_some()
        || p.starts_with("cluster:")
        || p.starts_with("indices:admin/template/")
        || p.starts_with("indices:admin/index_template/")
}

/// Whether a string is a valid index privilege (a name, or a pattern over index actions).
pub(crate) fn is_index_privilege(p: &str) -> bool {
    index_priv(p).is_some()
        || p.starts_with("indices:")
        || p.starts_with("internal:transport/proxy/indices:")
}

/// The cluster part of a role: (include, exclude, own-keys-only) entries.
#[derive(Clone, Debug, Default)]
struct ClusterGrant {
    entries: Vec<(Vec<String>, Vec<String>, bool)>,
}

impl ClusterGrant {
    fn add(&mut self, privilege: &str) {
        if let Some(p) = cluster_priv(privilege) {
            self.entries.push((
                p.include.iter().map(|s| (*s).to_owned()).collect(),
                p.exclude.iter().map(|s| (*s).to_owned()).collect(),
                p.own_keys,
            ));
        } else {
            self.entries
                .push((vec![privilege.to_owned()], Vec::new(), false));
        }
    }

    /// Whether the action is granted; `own_key` says whether it targets the caller's own keys.
    fn allows_action(&self, action: &str, own_key: bool) -> bool {
        self.entries.iter().any(|(inc, exc, own)| {
            (!own || own_key)
                && inc.iter().any(|p| glob_match(p, action))
                && !exc.iter().any(|p| glob_match(p, action))
        })
    }

    /// Whether the requested privilege (name or action pattern) is implied.
    fn implies(&self, requested: &str) -> bool {
        let (patterns, requested_own): (Vec<String>, bool) = match cluster_priv(requested) {
            Some(p) => (
                p.include.iter().map(|s| (*s).to_owned()).collect(),
                p.own_keys,
            ),
            None => (vec![requested.to_owned()], false),
        };
        let excluded: Vec<String> = cluster_priv(requested)
            .map(|p| p.exclude.iter().map(|s| (*s).to_owned()).collect())
            .unwrap_or_default();
        patterns.iter().all(|r| {
            self.entries.iter().any(|(inc, exc, own)| {
                (!own || requested_own)
                    && inc.iter().any(|g| pattern_covers(g, r))
                    && !exc.iter().any(|e| {
                        patterns_overlap(e, r) && !excluded.iter().any(|x| pattern_covers(x, e))
                    })
            })
        })
    }
}

/// An index group of a role.
#[derive(Clone, Debug)]
struct IndexGroup {
    names: Vec<String>,
    privileges: Vec<String>,
    allow_restricted: bool,
}

/// An application group of a role.
#[derive(Clone, Debug)]
struct AppGroup {
    application: String,
    privileges: Vec<String>,
    resources: Vec<String>,
}

/// The union of role descriptors.
#[derive(Clone, Debug, Default)]
pub(crate) struct Role {
    cluster: ClusterGrant,
    indices: Vec<IndexGroup>,
    applications: Vec<AppGroup>,
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

impl Role {
    /// The union of (normalized) role descriptors.
    pub fn from_descriptors<'a>(descriptors: impl IntoIterator<Item = &'a Value>) -> Role {
        let mut role = Role::default();
        for d in descriptors {
            for p in strings(&d["cluster"]) {
                role.cluster.add(&p);
            }
            if let Some(groups) = d["indices"].as_array() {
                for g in groups {
                    role.indices.push(IndexGroup {
                        names: strings(&g["names"]),
                        privileges: strings(&g["privileges"]),
                        allow_restricted: g["allow_restricted_indices"].as_bool().unwrap_or(false),
                    });
                }
            }
            if let Some(groups) = d["applications"].as_array() {
                for g in groups {
                    role.applications.push(AppGroup {
                        application: g["application"].as_str().unwrap_or_default().to_owned(),
                        privileges: strings(&g["privileges"]),
                        resources: strings(&g["resources"]),
                    });
                }
            }
        }
        role
    }
}

/// What a request may do: every layer must allow (an API key is limited by its owner's roles).
#[derive(Clone, Debug, Default)]
pub(crate) struct Permission {
    pub layers: Vec<Role>,
}

/// Whether an index name is one of the restricted (system) indices.
fn is_restricted(name: &str) -> bool {
    const RESTRICTED: [&str; 4] = [".security", ".async-search", ".fleet-secrets", ".security-"];
    RESTRICTED.iter().any(|r| name.starts_with(r))
}

impl Permission {
    /// Whether a cluster action is allowed.
    pub fn allows_action(&self, action: &str, own_key: bool) -> bool {
        !self.layers.is_empty()
            && self
                .layers
                .iter()
                .all(|r| r.cluster.allows_action(action, own_key))
    }

    /// has_privileges: a cluster privilege.
    pub fn has_cluster(&self, privilege: &str) -> bool {
        !self.layers.is_empty() && self.layers.iter().all(|r| r.cluster.implies(privilege))
    }

    /// has_privileges: an index privilege on an index name or pattern.
    pub fn has_index(&self, index: &str, privilege: &str, allow_restricted: bool) -> bool {
        let requested: Vec<String> = match index_priv(privilege) {
            Some(actions) => actions.iter().map(|s| (*s).to_owned()).collect(),
            None => vec![privilege.to_owned()],
        };
        !self.layers.is_empty()
            && self.layers.iter().all(|role| {
                let granted: Vec<String> = role
                    .indices
                    .iter()
                    .filter(|g| {
                        let restricted_ok = g.allow_restricted
                            || if crate::util::has_wildcard(index) {
                                !allow_restricted
                            } else {
                                !is_restricted(index)
                            };
                        restricted_ok && g.names.iter().any(|n| pattern_covers(n, index))
                    })
                    .flat_map(|g| {
                        g.privileges.iter().flat_map(|p| match index_priv(p) {
                            Some(actions) => {
                                actions.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>()
                            }
                            None => vec![p.clone()],
                        })
                    })
                    .collect();
                requested
                    .iter()
                    .all(|r| granted.iter().any(|g| pattern_covers(g, r)))
            })
    }

    /// has_privileges: an application privilege on a resource.
    pub fn has_application(
        &self,
        app_privileges: &BTreeMap<String, BTreeMap<String, Value>>,
        application: &str,
        resource: &str,
        privilege: &str,
    ) -> bool {
        let defined = |app: &str, name: &str| -> Option<Vec<String>> {
            app_privileges
                .get(app)
                .and_then(|m| m.get(name))
                .map(|p| strings(&p["actions"]))
        };
        let is_action = |p: &str| p.contains('/') || p.contains(':') || p.contains('*');
        !self.layers.is_empty()
            && self.layers.iter().all(|role| {
                let groups: Vec<&AppGroup> = role
                    .applications
                    .iter()
                    .filter(|g| {
                        glob_match(&g.application, application)
                            && g.resources.iter().any(|r| pattern_covers(r, resource))
                    })
                    .collect();
                if groups
                    .iter()
                    .any(|g| g.privileges.iter().any(|p| p == "*" || p == privilege))
                {
                    return true;
                }
                let requested = match defined(application, privilege) {
                    Some(actions) => actions,
                    None if is_action(privilege) => vec![privilege.to_owned()],
                    None => return false,
                };
                let granted: Vec<String> = groups
                    .iter()
                    .flat_map(|g| {
                        g.privileges.iter().flat_map(|p| {
                            defined(application, p).unwrap_or_else(|| {
                                if is_action(p) {
                                    vec![p.clone()]
                                } else {
                                    Vec::new()
                                }
                            })
                        })
                    })
                    .collect();
                !requested.is_empty()
                    && requested
                        .iter()
                        .all(|r| granted.iter().any(|g| pattern_covers(g, r)))
            })
    }
}

/// The named cluster privileges that grant an action, for the 403 message.
pub(crate) fn privileges_granting(action: &str) -> Vec<&'static str> {
    CLUSTER_PRIVILEGES
        .iter()
        .filter(|p| {
            p.include.iter().any(|i| glob_match(i, action))
                && !p.exclude.iter().any(|e| glob_match(e, action))
        })
        .map(|p| p.name)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn perm(d: Value) -> Permission {
        Permission {
            layers: vec![Role::from_descriptors([&d])],
        }
    }

    #[test]
    fn cluster_implication() {
        let p = perm(json!({"cluster": ["manage_security"]}));
        assert!(p.has_cluster("manage_api_key"));
        assert!(p.has_cluster("manage_own_api_key"));
        assert!(p.has_cluster("read_security"));
        assert!(!p.has_cluster("monitor"));
        let p = perm(json!({"cluster": ["manage"]}));
        assert!(p.has_cluster("monitor"));
        assert!(!p.has_cluster("manage_security"));
        assert!(!p.has_cluster("all"));
        let p = perm(json!({"cluster": ["manage_own_api_key"]}));
        assert!(!p.has_cluster("manage_api_key"));
        assert!(p.allows_action("cluster:admin/xpack/security/api_key/create", true));
        assert!(!p.allows_action("cluster:admin/xpack/security/api_key/get", false));
        let p = perm(json!({"cluster": ["all"]}));
        assert!(
            p.has_cluster("manage_security")
                && p.has_cluster("manage")
                && p.has_cluster("cluster:monitor/main")
        );
    }

    #[test]
    fn index_implication() {
        let p = perm(json!({"indices": [{"names": ["logs-*"], "privileges": ["write", "read"]}]}));
        assert!(p.has_index("logs-app", "index", false));
        assert!(p.has_index("logs-app-*", "create_doc", false));
        assert!(p.has_index("logs-1", "indices:data/read/search", false));
        assert!(!p.has_index("logs-1", "delete_index", false));
        assert!(!p.has_index("metrics-1", "read", false));
        assert!(!p.has_index("*", "read", false));
        let p = perm(json!({"indices": [{"names": ["*"], "privileges": ["all"]}]}));
        assert!(p.has_index("anything", "manage", false));
        assert!(!p.has_index(".security-7", "read", true));
    }

    #[test]
    fn forbidden_message_lists_privileges() {
        assert_eq!(
            privileges_granting("cluster:admin/xpack/security/user/put"),
            ["manage_security", "all"]
        );
        assert_eq!(
            privileges_granting("cluster:admin/xpack/security/api_key/create"),
            [
                "manage_own_api_key",
                "manage_api_key",
                "manage_security",
                "all"
            ]
        );
    }
}
