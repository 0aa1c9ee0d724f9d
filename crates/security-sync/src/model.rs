//! The desired-state file: what it may contain, and loading it with errors that name the file,
//! the line and the field.
//!
//! A file is YAML (`.yaml`, `.yml`) or JSON (`.json`, or anything else that starts with `{`):
//!
//! ```yaml
//! roles:
//!   logs_reader:
//!     cluster: [monitor]
//!     indices:
//!       - names: ["logs-*"]
//!         privileges: [read]
//! role_mappings:
//!   ldap_ops:
//!     roles: [logs_reader]
//!     rules: {field: {groups: "cn=ops,dc=example,dc=com"}}
//! users:
//!   jdoe:
//!     roles: [logs_reader]
//!     full_name: Jane Doe
//!     password_env: JDOE_PASSWORD
//! application_privileges:
//!   myapp:
//!     read:
//!       actions: ["data:read/*"]
//! ```
//!
//! The file is the user's own: unknown fields, wrong types and duplicate names are errors.

use security_client::role_mappings::{RoleMappingRule, RoleTemplate};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};

/// A map of named objects that refuses a name given twice.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Named<T>(pub BTreeMap<String, T>);

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named(BTreeMap::new())
    }
}

impl<T> Named<T> {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Named<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NamedVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for NamedVisitor<T> {
            type Value = Named<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of names to objects")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = BTreeMap::new();
                while let Some(name) = map.next_key::<String>()? {
                    if out.contains_key(&name) {
                        return Err(de::Error::custom(format!("duplicate name `{name}`")));
                    }
                    let value = map.next_value::<T>()?;
                    out.insert(name, value);
                }
                Ok(Named(out))
            }
        }
        deserializer.deserialize_map(NamedVisitor(PhantomData))
    }
}

/// The desired state: everything one or more files manage.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesiredState {
    /// Roles of the native realm, by name.
    #[serde(default, skip_serializing_if = "Named::is_empty")]
    pub roles: Named<RoleSpec>,
    /// Role mappings, by name.
    #[serde(default, skip_serializing_if = "Named::is_empty")]
    pub role_mappings: Named<RoleMappingSpec>,
    /// Users of the native realm, by username.
    #[serde(default, skip_serializing_if = "Named::is_empty")]
    pub users: Named<UserSpec>,
    /// Application privileges: application → privilege name → privilege.
    #[serde(default, skip_serializing_if = "Named::is_empty")]
    pub application_privileges: Named<Named<ApplicationPrivilegeSpec>>,
}

/// Reads a value as JSON first, then as `T` (the client's types are JSON-shaped: YAML's
/// enums would otherwise need tags).
fn via_json<'de, D: Deserializer<'de>, T: de::DeserializeOwned>(d: D) -> Result<T, D::Error> {
    let value = Value::deserialize(d)?;
    serde_json::from_value(value).map_err(de::Error::custom)
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_true(b: &bool) -> bool {
    *b
}

fn yes() -> bool {
    true
}

/// A role (what put_role takes, without what the server manages).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleSpec {
    /// A description of the role (servers 8.15 and later).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Cluster privileges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cluster: Vec<String>,
    /// Index privileges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indices: Vec<IndexSpec>,
    /// Index privileges on remote clusters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote_indices: Vec<RemoteIndexSpec>,
    /// Cluster privileges on remote clusters.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub remote_cluster: Vec<RemoteClusterSpec>,
    /// Global privileges, as Elasticsearch writes them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global: Option<Map<String, Value>>,
    /// Application privileges.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub applications: Vec<ApplicationSpec>,
    /// Users that holders of this role may impersonate.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub run_as: Vec<String>,
    /// Metadata (keys starting with `_` are the server's).
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

/// Privileges on indices.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndexSpec {
    /// Index names or patterns.
    pub names: Vec<String>,
    /// Privileges.
    pub privileges: Vec<String>,
    /// Field-level security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_security: Option<FieldSecuritySpec>,
    /// Document-level security: a query object (or the JSON string Elasticsearch returns).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<Value>,
    /// Whether patterns may cover restricted indices (default `false`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_restricted_indices: bool,
}

/// Privileges on indices of remote clusters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteIndexSpec {
    /// Remote cluster aliases or patterns.
    pub clusters: Vec<String>,
    /// Index names or patterns.
    pub names: Vec<String>,
    /// Privileges.
    pub privileges: Vec<String>,
    /// Field-level security.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_security: Option<FieldSecuritySpec>,
    /// Document-level security query.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<Value>,
    /// Whether patterns may cover restricted indices (default `false`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub allow_restricted_indices: bool,
}

/// Cluster privileges on remote clusters.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RemoteClusterSpec {
    /// Remote cluster aliases or patterns.
    pub clusters: Vec<String>,
    /// Privileges.
    pub privileges: Vec<String>,
}

/// Field-level security.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSecuritySpec {
    /// Fields granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grant: Vec<String>,
    /// Fields excepted from the grant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
}

/// Application privileges of a role.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationSpec {
    /// The application.
    pub application: String,
    /// Privileges (names or actions).
    pub privileges: Vec<String>,
    /// Resources.
    pub resources: Vec<String>,
}

/// A role mapping.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleMappingSpec {
    /// Whether the mapping is used (default `true`).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Roles granted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Role templates granted.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "via_json"
    )]
    pub role_templates: Vec<RoleTemplate>,
    /// Which users the mapping applies to.
    #[serde(deserialize_with = "via_json")]
    pub rules: RoleMappingRule,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

/// A user of the native realm. Its password never appears in the file: it comes from an
/// environment variable or a file, and is only used when the user is created.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserSpec {
    /// Role names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Full name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub full_name: Option<String>,
    /// Email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the user may log in (default `true`).
    #[serde(default = "yes", skip_serializing_if = "is_true")]
    pub enabled: bool,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
    /// The environment variable holding the initial password.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_env: Option<String>,
    /// The file holding the initial password (its first line; relative to the desired-state
    /// file).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_file: Option<PathBuf>,
}

/// An application privilege.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApplicationPrivilegeSpec {
    /// The actions it grants.
    pub actions: Vec<String>,
    /// Metadata.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub metadata: Map<String, Value>,
}

/// A desired-state file that cannot be used: where, and why.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {message}", location(*.line, *.column, .field.as_deref()))]
pub struct LoadError {
    /// The file.
    pub file: PathBuf,
    /// The line (1-based), when known.
    pub line: Option<usize>,
    /// The column (1-based), when known.
    pub column: Option<usize>,
    /// The field, as a path (`roles.logs_reader.indices[0].names`), when known.
    pub field: Option<String>,
    /// What is wrong.
    pub message: String,
}

fn location(line: Option<usize>, column: Option<usize>, field: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(line) = line {
        s.push_str(&format!(":{line}"));
        if let Some(column) = column {
            s.push_str(&format!(":{column}"));
        }
    }
    if let Some(field) = field {
        s.push_str(&format!(": field `{field}`"));
    }
    s
}

impl LoadError {
    fn new(file: &Path, message: impl Into<String>) -> Self {
        LoadError {
            file: file.to_owned(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
        }
    }
}

fn field_path(path: &serde_path_to_error::Path) -> Option<String> {
    let text = path.to_string();
    (text != "." && !text.is_empty()).then_some(text)
}

/// Parses one file's text (YAML or JSON, chosen by extension, else by content).
pub fn parse(file: &Path, text: &str) -> Result<DesiredState, LoadError> {
    let json = match file.extension().and_then(|e| e.to_str()) {
        Some("json") => true,
        Some("yaml" | "yml") => false,
        _ => text.trim_start().starts_with('{'),
    };
    let mut state = if json {
        let mut de = serde_json::Deserializer::from_str(text);
        let state: DesiredState = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let field = field_path(e.path());
            let inner = e.into_inner();
            LoadError {
                file: file.to_owned(),
                line: Some(inner.line()),
                column: Some(inner.column()),
                field,
                message: strip_position(&inner.to_string()),
            }
        })?;
        de.end().map_err(|e| LoadError::new(file, e.to_string()))?;
        state
    } else if text.trim().is_empty() {
        DesiredState::default()
    } else {
        let de = serde_norway::Deserializer::from_str(text);
        serde_path_to_error::deserialize(de).map_err(|e| {
            let mut field = field_path(e.path());
            let inner = e.into_inner();
            let location = inner.location();
            let message = strip_position(&inner.to_string());
            let mut line = location.as_ref().map(|l| l.line());
            let mut column = location.as_ref().map(|l| l.column());
            // Errors raised while reading a value (a duplicate name, a bad rule) point at the
            // start of the enclosing mapping: point at the key itself.
            let duplicate = message
                .strip_prefix("duplicate name `")
                .and_then(|m| m.strip_suffix('`'));
            let key = match (duplicate, &field) {
                (Some(name), _) => Some((name.to_owned(), 2)),
                (None, Some(path)) => path
                    .rsplit('.')
                    .next()
                    .filter(|k| !k.ends_with(']'))
                    .map(|k| (k.to_owned(), 1)),
                _ => None,
            };
            if let (Some((key, nth)), Some(start)) = (key, line) {
                if let Some(found) = nth_key_line(text, start, &key, nth) {
                    if found != start {
                        column = None;
                    }
                    line = Some(found);
                }
            }
            if let (Some(name), Some(path)) = (duplicate, &field) {
                field = Some(format!("{path}.{name}"));
            }
            LoadError {
                file: file.to_owned(),
                line,
                column,
                field,
                message,
            }
        })?
    };
    let base = file.parent().unwrap_or(Path::new(""));
    for user in state.users.0.values_mut() {
        if let Some(path) = &mut user.password_file {
            if path.is_relative() {
                *path = base.join(&*path);
            }
        }
    }
    Ok(state)
}

/// The line of the `nth` occurrence of `key:` as a YAML key, from line `start` on.
fn nth_key_line(text: &str, start: usize, key: &str, nth: usize) -> Option<usize> {
    text.lines()
        .enumerate()
        .skip(start.saturating_sub(1))
        .filter(|(_, line)| {
            let t = line.trim_start().trim_start_matches(['-', ' ', '{', ',']);
            let t = t.trim_start_matches(['"', '\'']);
            t.strip_prefix(key)
                .map(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with(':')
                })
                .unwrap_or(false)
        })
        .nth(nth - 1)
        .map(|(i, _)| i + 1)
}

/// Drops the " at line X column Y" the parsers append (the error shows the position itself).
fn strip_position(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    // serde_norway starts with the field path, which the error shows itself.
    match message.split_once(": ") {
        Some((path, rest)) if !path.contains(' ') && !path.is_empty() => rest.to_owned(),
        _ => message.to_owned(),
    }
}

/// Reads and merges files; a name given in two files is an error naming both.
pub fn load(files: &[impl AsRef<Path>]) -> Result<DesiredState, LoadError> {
    let mut merged = DesiredState::default();
    let mut origin: BTreeMap<(&'static str, String), PathBuf> = BTreeMap::new();
    for file in files {
        let file = file.as_ref();
        let text = std::fs::read_to_string(file)
            .map_err(|e| LoadError::new(file, format!("cannot read: {e}")))?;
        let state = parse(file, &text)?;
        let mut check = |kind: &'static str, name: &str| -> Result<(), LoadError> {
            if let Some(first) = origin.insert((kind, name.to_owned()), file.to_owned()) {
                let mut err = LoadError::new(
                    file,
                    format!("duplicate name `{name}` (also in {})", first.display()),
                );
                err.line = find_key_line(&text, kind, name);
                err.field = Some(format!("{kind}.{name}"));
                return Err(err);
            }
            Ok(())
        };
        for name in state.roles.0.keys() {
            check("roles", name)?;
        }
        for name in state.role_mappings.0.keys() {
            check("role_mappings", name)?;
        }
        for name in state.users.0.keys() {
            check("users", name)?;
        }
        for (app, privileges) in &state.application_privileges.0 {
            for name in privileges.0.keys() {
                check("application_privileges", &format!("{app}.{name}"))?;
            }
        }
        merged.roles.0.extend(state.roles.0);
        merged.role_mappings.0.extend(state.role_mappings.0);
        merged.users.0.extend(state.users.0);
        for (app, privileges) in state.application_privileges.0 {
            merged
                .application_privileges
                .0
                .entry(app)
                .or_default()
                .0
                .extend(privileges.0);
        }
    }
    Ok(merged)
}

/// The line where `name` is written as a key after the `kind` section starts (for errors about
/// names given in two files; the last part of a dotted name for application privileges).
fn find_key_line(text: &str, kind: &str, name: &str) -> Option<usize> {
    let key = name.rsplit('.').next().unwrap_or(name);
    let mut in_section = false;
    for (i, line) in text.lines().enumerate() {
        let t = line
            .trim_start()
            .trim_start_matches(['{', ','])
            .trim_start();
        let unquoted = t.trim_start_matches(['"', '\'']);
        if unquoted.starts_with(kind)
            && unquoted[kind.len()..]
                .trim_start_matches(['"', '\''])
                .starts_with(':')
        {
            in_section = true;
            continue;
        }
        if in_section
            && unquoted.starts_with(key)
            && unquoted[key.len()..]
                .trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(':')
        {
            return Some(i + 1);
        }
    }
    None
}
