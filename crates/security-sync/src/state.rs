//! Normalised state: every object as the JSON that is compared, from the desired-state file or
//! from the cluster's answers.
//!
//! Normalisation removes what never counts as a change: server defaults
//! (`allow_restricted_indices: false`, empty lists, empty global privileges, a mapping or user
//! that is `enabled`), server-only fields (`transient_metadata`, role templates of get_role,
//! index entries marked `implicitly_granted`, `profile_uid`), the ownership marker, and the
//! form of a document-level query (the JSON string Elasticsearch returns equals the object).

use crate::model::{DesiredState, UserSpec};
use security_client::privileges::GetPrivilegesResponse;
use security_client::role_mappings::{GetRoleMappingResponse, PutRoleMappingBody};
use security_client::roles::GetRoleResponse;
use security_client::users::GetUserResponse;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;

/// The metadata key that marks an object as managed by es-security: `es_security_managed:
/// true`. Only objects carrying it are deleted when the desired state no longer names them.
/// (Elasticsearch reserves metadata keys starting with `_`, so the marker cannot use one.)
pub const MANAGED_KEY: &str = "es_security_managed";

/// The kind of a security object.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A role of the native realm.
    Role,
    /// A role mapping.
    RoleMapping,
    /// A user of the native realm.
    User,
    /// An application privilege (named `application/privilege`).
    ApplicationPrivilege,
}

impl Kind {
    /// The name used in plans: `role`, `role_mapping`, `user`, `application_privilege`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Role => "role",
            Kind::RoleMapping => "role_mapping",
            Kind::User => "user",
            Kind::ApplicationPrivilege => "application_privilege",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An object's identity: its kind and name (`application/privilege` for application
/// privileges).
pub type Key = (Kind, String);

/// Why an existing object is never changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protection {
    /// Reserved or built-in (metadata `_reserved: true`).
    Reserved,
    /// Operator-defined, read-only (a role mapping with metadata `_read_only: true`).
    ReadOnly,
}

/// An object of the cluster, normalised.
#[derive(Clone, Debug, PartialEq)]
pub struct ActualObject {
    /// The normalised object.
    pub body: Value,
    /// Whether it carries the ownership marker.
    pub managed: bool,
    /// Whether it is reserved or read-only.
    pub protection: Option<Protection>,
}

/// The cluster's objects, normalised.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ActualState {
    /// The objects by kind and name.
    pub objects: BTreeMap<Key, ActualObject>,
}

/// The desired objects, normalised, and the users' password sources.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Desired {
    /// The objects by kind and name.
    pub objects: BTreeMap<Key, Value>,
    /// The users as written (for their password sources).
    pub users: BTreeMap<String, UserSpec>,
}

impl Desired {
    /// Normalises a loaded desired state.
    pub fn new(state: &DesiredState) -> Desired {
        let mut objects = BTreeMap::new();
        for (name, role) in &state.roles.0 {
            let value = serde_json::to_value(role).unwrap_or(Value::Null);
            objects.insert((Kind::Role, name.clone()), normalize(Kind::Role, value));
        }
        for (name, mapping) in &state.role_mappings.0 {
            let value = serde_json::to_value(mapping).unwrap_or(Value::Null);
            objects.insert(
                (Kind::RoleMapping, name.clone()),
                normalize(Kind::RoleMapping, value),
            );
        }
        for (name, user) in &state.users.0 {
            let mut value = serde_json::to_value(user).unwrap_or(Value::Null);
            if let Value::Object(map) = &mut value {
                map.remove("password_env");
                map.remove("password_file");
            }
            objects.insert((Kind::User, name.clone()), normalize(Kind::User, value));
        }
        for (app, privileges) in &state.application_privileges.0 {
            for (name, privilege) in &privileges.0 {
                let value = serde_json::to_value(privilege).unwrap_or(Value::Null);
                objects.insert(
                    (Kind::ApplicationPrivilege, format!("{app}/{name}")),
                    normalize(Kind::ApplicationPrivilege, value),
                );
            }
        }
        Desired {
            objects,
            users: state.users.0.clone(),
        }
    }
}

impl ActualState {
    /// Normalises the answers of get_role, get_role_mapping, get_user and get_privileges (all
    /// objects).
    pub fn from_responses(
        roles: GetRoleResponse,
        role_mappings: GetRoleMappingResponse,
        users: GetUserResponse,
        privileges: GetPrivilegesResponse,
    ) -> ActualState {
        let mut state = ActualState::default();
        for (name, role) in roles {
            let value = serde_json::to_value(role.into_put_body()).unwrap_or(Value::Null);
            state.insert(Kind::Role, name, value);
        }
        for (name, mapping) in role_mappings {
            let body = PutRoleMappingBody {
                enabled: Some(mapping.enabled),
                metadata: Some(mapping.metadata),
                roles: Some(mapping.roles),
                role_templates: Some(mapping.role_templates),
                rules: Some(mapping.rules),
                run_as: None,
            };
            let value = serde_json::to_value(body).unwrap_or(Value::Null);
            state.insert(Kind::RoleMapping, name, value);
        }
        for (name, user) in users {
            let value = serde_json::json!({
                "roles": user.roles,
                "full_name": user.full_name,
                "email": user.email,
                "enabled": user.enabled,
                "metadata": user.metadata,
            });
            state.insert(Kind::User, name, value);
        }
        for (app, by_name) in privileges {
            for (name, privilege) in by_name {
                let value = serde_json::json!({
                    "actions": privilege.actions,
                    "metadata": privilege.metadata,
                });
                state.insert(Kind::ApplicationPrivilege, format!("{app}/{name}"), value);
            }
        }
        state
    }

    fn insert(&mut self, kind: Kind, name: String, value: Value) {
        let metadata = value.get("metadata").and_then(Value::as_object);
        let flag = |key: &str| metadata.and_then(|m| m.get(key)) == Some(&Value::Bool(true));
        let protection = if flag("_reserved") {
            Some(Protection::Reserved)
        } else if flag("_read_only") {
            Some(Protection::ReadOnly)
        } else {
            None
        };
        let managed = flag(MANAGED_KEY);
        self.objects.insert(
            (kind, name),
            ActualObject {
                body: normalize(kind, value),
                managed,
                protection,
            },
        );
    }

    /// The state as a desired-state document (objects that are neither reserved nor
    /// read-only), sorted, without the ownership marker: what `export` writes.
    pub fn export(&self) -> Value {
        let mut doc = Map::new();
        for ((kind, name), object) in &self.objects {
            if object.protection.is_some() {
                continue;
            }
            let section = match kind {
                Kind::Role => "roles",
                Kind::RoleMapping => "role_mappings",
                Kind::User => "users",
                Kind::ApplicationPrivilege => "application_privileges",
            };
            let section = doc
                .entry(section)
                .or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(section) = section else {
                continue;
            };
            if *kind == Kind::ApplicationPrivilege {
                let (app, privilege) = name.split_once('/').unwrap_or((name, ""));
                let by_app = section
                    .entry(app.to_owned())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(by_app) = by_app {
                    by_app.insert(privilege.to_owned(), object.body.clone());
                }
            } else {
                section.insert(name.clone(), object.body.clone());
            }
        }
        sort_keys(Value::Object(doc))
    }
}

/// Keys in order (serde_json's map keeps insertion order when `preserve_order` is on somewhere
/// in the build; an export must not depend on it).
fn sort_keys(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let sorted: BTreeMap<String, Value> =
                map.into_iter().map(|(k, v)| (k, sort_keys(v))).collect();
            Value::Object(sorted.into_iter().collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

/// Normalises one object of `kind` (see the module's documentation).
pub fn normalize(kind: Kind, value: Value) -> Value {
    let Value::Object(mut map) = value else {
        return value;
    };
    map.remove("transient_metadata");
    map.remove("role_templates_read_only");
    if let Some(Value::Object(metadata)) = map.get_mut("metadata") {
        metadata.remove(MANAGED_KEY);
    }
    if matches!(kind, Kind::RoleMapping | Kind::User)
        && map.get("enabled") == Some(&Value::Bool(true))
    {
        map.remove("enabled");
    }
    if kind == Kind::Role {
        for section in ["indices", "remote_indices"] {
            if let Some(Value::Array(entries)) = map.get_mut(section) {
                for entry in entries.iter_mut() {
                    normalize_index_entry(entry);
                }
            }
        }
    }
    sort_keys(prune(Value::Object(map)))
}

fn normalize_index_entry(entry: &mut Value) {
    let Value::Object(entry) = entry else { return };
    if entry.get("allow_restricted_indices") == Some(&Value::Bool(false)) {
        entry.remove("allow_restricted_indices");
    }
    if let Some(Value::String(names)) = entry.get("names") {
        let names = Value::Array(vec![Value::String(names.clone())]);
        entry.insert("names".into(), names);
    }
    if let Some(Value::String(query)) = entry.get("query") {
        if let Ok(parsed @ Value::Object(_)) = serde_json::from_str::<Value>(query) {
            entry.insert("query".into(), parsed);
        }
    }
}

/// Removes nulls, empty lists and empty objects from objects, recursively (not from lists:
/// positions in a list count).
fn prune(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, prune(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(prune).collect()),
        other => other,
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::Array(items) => items.is_empty(),
        Value::Object(map) => map.is_empty(),
        _ => false,
    }
}
