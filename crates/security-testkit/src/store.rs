//! The in-memory state: users, roles, role mappings, application privileges, API keys,
//! tokens, service-account tokens; and the built-in (reserved) users, roles and service
//! accounts.

use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};

/// A user of the native realm, or a reserved user.
#[derive(Clone, Debug)]
pub(crate) struct User {
    pub username: String,
    /// `None`: cannot authenticate (a reserved user whose password was never set).
    pub password: Option<String>,
    pub roles: Vec<String>,
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub metadata: Map<String, Value>,
    pub enabled: bool,
    pub reserved: bool,
}

impl User {
    /// The user as get_user shows it.
    pub fn to_json(&self) -> Value {
        json!({
            "username": self.username,
            "roles": self.roles,
            "full_name": self.full_name,
            "email": self.email,
            "metadata": self.metadata,
            "enabled": self.enabled,
        })
    }

    /// `(name, type)` of the realm the user belongs to.
    pub fn realm(&self) -> (&'static str, &'static str) {
        if self.reserved {
            ("reserved", "reserved")
        } else {
            ("default_native", "native")
        }
    }
}

/// An API key. `role_descriptors` and `limited_by` hold normalized role descriptors.
#[derive(Clone, Debug)]
pub(crate) struct ApiKey {
    pub id: String,
    pub name: String,
    pub secret: String,
    pub creation: i64,
    pub expiration: Option<i64>,
    pub invalidated: bool,
    pub invalidation: Option<i64>,
    pub username: String,
    pub realm: String,
    pub realm_type: String,
    pub creator_full_name: Option<String>,
    pub creator_email: Option<String>,
    pub creator_metadata: Map<String, Value>,
    pub metadata: Map<String, Value>,
    pub role_descriptors: Map<String, Value>,
    pub limited_by: Map<String, Value>,
    pub seq: u64,
    /// `rest`, or `cross_cluster` (then `access` holds the access it was given).
    pub key_type: &'static str,
    pub access: Option<Value>,
    /// The TLS certificate DN pattern a cross-cluster key is bound to (9.3+).
    pub certificate_identity: Option<String>,
}

impl ApiKey {
    /// The key as get_api_key and query_api_keys show it.
    pub fn to_json(&self, with_limited_by: bool) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), json!(self.id));
        m.insert("name".into(), json!(self.name));
        m.insert("type".into(), json!(self.key_type));
        m.insert("creation".into(), json!(self.creation));
        if let Some(exp) = self.expiration {
            m.insert("expiration".into(), json!(exp));
        }
        m.insert("invalidated".into(), json!(self.invalidated));
        if let Some(at) = self.invalidation {
            m.insert("invalidation".into(), json!(at));
        }
        m.insert("username".into(), json!(self.username));
        m.insert("realm".into(), json!(self.realm));
        m.insert("realm_type".into(), json!(self.realm_type));
        m.insert("metadata".into(), Value::Object(self.metadata.clone()));
        m.insert(
            "role_descriptors".into(),
            Value::Object(self.role_descriptors.clone()),
        );
        if let Some(access) = &self.access {
            m.insert("access".into(), access.clone());
        }
        if let Some(identity) = &self.certificate_identity {
            m.insert("certificate_identity".into(), json!(identity));
        }
        if with_limited_by && self.key_type == "rest" {
            m.insert(
                "limited_by".into(),
                json!([Value::Object(self.limited_by.clone())]),
            );
        }
        Value::Object(m)
    }

    /// Whether the key is past its expiration at `now`.
    pub fn expired(&self, now: i64) -> bool {
        self.expiration.is_some_and(|e| e <= now)
    }
}

/// An access token from get_token, with its refresh token.
#[derive(Clone, Debug)]
pub(crate) struct Token {
    /// The authentication the token stands for (`authentication_type` is then "token").
    pub authn: crate::authc::Authn,
    pub expires: i64,
    pub invalidated: bool,
    pub refresh_expires: i64,
    pub refresh_used: bool,
    pub refresh_invalidated: bool,
}

/// A service-account token kept in the (emulated) security index.
#[derive(Clone, Debug)]
pub(crate) struct ServiceToken {
    pub secret: String,
}

/// Everything the server knows.
#[derive(Debug, Default)]
pub(crate) struct State {
    pub users: BTreeMap<String, User>,
    pub roles: BTreeMap<String, Value>,
    pub role_mappings: BTreeMap<String, Value>,
    /// application → privilege name → `{application, name, actions, metadata}`.
    pub app_privileges: BTreeMap<String, BTreeMap<String, Value>>,
    pub api_keys: BTreeMap<String, ApiKey>,
    pub api_key_seq: u64,
    pub tokens: HashMap<String, Token>,
    /// refresh token → access token.
    pub refresh_tokens: HashMap<String, String>,
    /// The settings of the security indices (`security`, `security-profile`,
    /// `security-tokens`): flattened setting name → value.
    pub index_settings: BTreeMap<String, BTreeMap<String, String>>,
    /// (`namespace/service`, token name) → token.
    pub service_tokens: BTreeMap<(String, String), ServiceToken>,
}

impl State {
    /// The initial state: the reserved users, `elastic` with `elastic_password`.
    pub fn new(elastic_password: &str) -> State {
        let mut state = State::default();
        for index in SECURITY_INDICES {
            let mut settings = BTreeMap::new();
            settings.insert("index.auto_expand_replicas".to_owned(), "0-1".to_owned());
            settings.insert("index.number_of_replicas".to_owned(), "0".to_owned());
            state.index_settings.insert(index.to_owned(), settings);
        }
        for (name, roles) in RESERVED_USERS {
            let mut metadata = Map::new();
            metadata.insert("_reserved".into(), json!(true));
            if *name == "kibana" {
                metadata.insert("_deprecated".into(), json!(true));
                metadata.insert(
                    "_deprecated_reason".into(),
                    json!("Please use the [kibana_system] user instead."),
                );
            }
            state.users.insert(
                (*name).to_owned(),
                User {
                    username: (*name).to_owned(),
                    password: (*name == "elastic").then(|| elastic_password.to_owned()),
                    roles: roles.iter().map(|r| (*r).to_owned()).collect(),
                    full_name: None,
                    email: None,
                    metadata,
                    enabled: true,
                    reserved: true,
                },
            );
        }
        state
    }

    /// A role descriptor by name: reserved first, then native.
    pub fn role(&self, name: &str) -> Option<Value> {
        reserved_role(name).or_else(|| self.roles.get(name).cloned())
    }
}

/// The security indices whose settings get_settings and update_settings show and change.
pub(crate) const SECURITY_INDICES: [&str; 3] = ["security", "security-profile", "security-tokens"];

/// The reserved users of 8.14 and their roles.
pub(crate) const RESERVED_USERS: &[(&str, &[&str])] = &[
    ("elastic", &["superuser"]),
    ("kibana", &["kibana_system"]),
    ("kibana_system", &["kibana_system"]),
    ("logstash_system", &["logstash_system"]),
    ("beats_system", &["beats_system"]),
    ("apm_system", &["apm_system"]),
    (
        "remote_monitoring_user",
        &["remote_monitoring_collector", "remote_monitoring_agent"],
    ),
];

/// The reserved roles this server defines (a subset of Elasticsearch's, with simplified
/// descriptors except for `superuser`).
pub(crate) const RESERVED_ROLES: &[&str] = &[
    "apm_system",
    "beats_system",
    "editor",
    "ingest_admin",
    "kibana_admin",
    "kibana_system",
    "logstash_system",
    "monitoring_user",
    "remote_monitoring_agent",
    "remote_monitoring_collector",
    "snapshot_user",
    "superuser",
    "viewer",
];

fn descriptor(cluster: Value, indices: Value, applications: Value, run_as: Value) -> Value {
    json!({
        "cluster": cluster,
        "indices": indices,
        "applications": applications,
        "run_as": run_as,
        "metadata": {"_reserved": true},
        "transient_metadata": {"enabled": true},
    })
}

/// The descriptor of a reserved role.
pub(crate) fn reserved_role(name: &str) -> Option<Value> {
    let none = || json!([]);
    Some(match name {
        "superuser" => descriptor(
            json!(["all"]),
            json!([
                {"names": ["*"], "privileges": ["all"], "allow_restricted_indices": false},
                {"names": ["*"], "privileges": ["monitor", "read", "view_index_metadata", "read_cross_cluster"], "allow_restricted_indices": true}
            ]),
            json!([{"application": "*", "privileges": ["*"], "resources": ["*"]}]),
            json!(["*"]),
        ),
        "kibana_system" => descriptor(
            json!([
                "monitor",
                "manage_index_templates",
                "cluster:admin/xpack/monitoring/bulk",
                "manage_saml",
                "manage_token",
                "manage_oidc",
                "manage_enrich",
                "manage_pipeline",
                "manage_ilm",
                "manage_transform",
                "manage_own_api_key",
                "grant_api_key",
                "read_security",
                "cluster:admin/xpack/security/api_key/invalidate",
                "manage_service_account",
                "cluster:admin/fleet/secrets/*"
            ]),
            json!([
                {"names": [".kibana*", ".reporting-*"], "privileges": ["all"], "allow_restricted_indices": true},
                {"names": [".monitoring-*"], "privileges": ["read", "read_cross_cluster"], "allow_restricted_indices": false},
                {"names": [".management-beats"], "privileges": ["create_index", "read", "write"], "allow_restricted_indices": false},
                {"names": [".fleet-*"], "privileges": ["all"], "allow_restricted_indices": true},
                {"names": ["logs-*", "metrics-*", "traces-*"], "privileges": ["read", "view_index_metadata"], "allow_restricted_indices": false}
            ]),
            json!([]),
            none(),
        ),
        "kibana_admin" => descriptor(
            json!([]),
            json!([]),
            json!([{"application": "kibana-.kibana", "privileges": ["all"], "resources": ["*"]}]),
            none(),
        ),
        "viewer" => descriptor(
            json!([]),
            json!([
                {"names": ["*"], "privileges": ["read", "view_index_metadata"], "allow_restricted_indices": false}
            ]),
            json!([{"application": "kibana-.kibana", "privileges": ["read"], "resources": ["*"]}]),
            none(),
        ),
        "editor" => descriptor(
            json!([]),
            json!([
                {"names": ["*"], "privileges": ["read", "view_index_metadata"], "allow_restricted_indices": false},
                {"names": ["observability-annotations"], "privileges": ["read", "view_index_metadata", "write"], "allow_restricted_indices": false}
            ]),
            json!([{"application": "kibana-.kibana", "privileges": ["all"], "resources": ["*"]}]),
            none(),
        ),
        "monitoring_user" => descriptor(
            json!(["cluster:monitor/main", "cluster:monitor/xpack/info"]),
            json!([
                {"names": [".monitoring-*", "metrics-*"], "privileges": ["read", "read_cross_cluster"], "allow_restricted_indices": false}
            ]),
            json!([{"application": "kibana-.kibana", "privileges": ["reserved_monitoring"], "resources": ["*"]}]),
            none(),
        ),
        "ingest_admin" => descriptor(
            json!(["manage_index_templates", "manage_pipeline"]),
            json!([]),
            json!([]),
            none(),
        ),
        "snapshot_user" => descriptor(
            json!(["create_snapshot", "cluster:admin/repository/get"]),
            json!([
                {"names": ["*"], "privileges": ["view_index_metadata"], "allow_restricted_indices": true}
            ]),
            json!([]),
            none(),
        ),
        "logstash_system" | "apm_system" => descriptor(
            json!(["monitor", "cluster:admin/xpack/monitoring/bulk"]),
            json!([]),
            json!([]),
            none(),
        ),
        "beats_system" => descriptor(
            json!(["monitor", "cluster:admin/xpack/monitoring/bulk"]),
            json!([
                {"names": [".monitoring-beats-*"], "privileges": ["create_index", "create_doc"], "allow_restricted_indices": false}
            ]),
            json!([]),
            none(),
        ),
        "remote_monitoring_agent" => descriptor(
            json!([
                "manage_index_templates",
                "manage_ingest_pipelines",
                "monitor",
                "cluster:monitor/xpack/watcher/watch/get",
                "cluster:admin/xpack/watcher/watch/put",
                "cluster:admin/xpack/watcher/watch/delete"
            ]),
            json!([
                {"names": [".monitoring-*"], "privileges": ["all"], "allow_restricted_indices": false},
                {"names": ["metricbeat-*"], "privileges": ["index", "create_index", "view_index_metadata", "indices:admin/aliases", "indices:admin/rollover"], "allow_restricted_indices": false}
            ]),
            json!([]),
            none(),
        ),
        "remote_monitoring_collector" => descriptor(
            json!(["monitor"]),
            json!([
                {"names": ["*"], "privileges": ["monitor"], "allow_restricted_indices": true},
                {"names": [".kibana*"], "privileges": ["read"], "allow_restricted_indices": true}
            ]),
            json!([]),
            none(),
        ),
        _ => return None,
    })
}

/// The service accounts of 8.14 (simplified role descriptors).
pub(crate) const SERVICE_ACCOUNTS: &[&str] = &[
    "elastic/enterprise-search-server",
    "elastic/fleet-server",
    "elastic/fleet-server-remote",
    "elastic/kibana",
];

/// The role descriptor of a service account.
pub(crate) fn service_account_descriptor(account: &str) -> Option<Value> {
    let meta = |d: Value| {
        let mut d = d;
        if let Some(obj) = d.as_object_mut() {
            obj.insert("run_as".into(), json!([]));
            obj.insert("metadata".into(), json!({}));
            obj.insert("transient_metadata".into(), json!({"enabled": true}));
        }
        d
    };
    Some(match account {
        "elastic/fleet-server" => meta(json!({
            "cluster": ["monitor", "manage_own_api_key", "read_fleet_secrets"],
            "indices": [
                {"names": ["logs-*", "metrics-*", "traces-*", ".logs-endpoint.diagnostic.collection-*", ".logs-endpoint.action.responses-*"], "privileges": ["write", "create_index", "auto_configure"], "allow_restricted_indices": false},
                {"names": [".fleet-*"], "privileges": ["read", "write", "monitor", "create_index", "auto_configure", "maintenance"], "allow_restricted_indices": true}
            ],
            "applications": [{"application": "kibana-*", "privileges": ["reserved_fleet-setup"], "resources": ["*"]}]
        })),
        "elastic/fleet-server-remote" => meta(json!({
            "cluster": ["monitor", "manage_own_api_key"],
            "indices": [
                {"names": ["logs-*", "metrics-*", "traces-*"], "privileges": ["write", "create_index", "auto_configure"], "allow_restricted_indices": false}
            ],
            "applications": []
        })),
        "elastic/kibana" => meta(json!({
            "cluster": ["monitor", "manage_index_templates", "cluster:admin/xpack/monitoring/bulk", "manage_saml", "manage_token", "manage_oidc", "manage_enrich", "manage_pipeline", "manage_ilm", "manage_transform", "manage_own_api_key", "grant_api_key", "read_security", "manage_service_account"],
            "indices": [
                {"names": [".kibana*", ".reporting-*"], "privileges": ["all"], "allow_restricted_indices": true},
                {"names": [".fleet-*"], "privileges": ["all"], "allow_restricted_indices": true}
            ],
            "applications": []
        })),
        "elastic/enterprise-search-server" => meta(json!({
            "cluster": ["manage", "manage_security"],
            "indices": [
                {"names": [".ent-search-*", ".monitoring-ent-search-*", "metricbeat-ent-search-*", "enterprise-search-*", "logs-app_search.analytics-default", "logs-enterprise_search.api-default", "logs-app_search.search_relevance_suggestions-default", "logs-crawler-default", "logs-elastic_analytics.events-*", "logs-workplace_search.analytics-default", "logs-workplace_search.content_events-default", ".elastic-connectors*"], "privileges": ["manage", "read", "write"], "allow_restricted_indices": false}
            ],
            "applications": []
        })),
        _ => return None,
    })
}
