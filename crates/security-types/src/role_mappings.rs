//! Types of the `role_mappings` API group: role mappings, their rules and role templates.
//!
//! A role mapping gives roles to users that match its [`RoleMappingRule`]: a recursive tree of
//! `any`, `all`, `except` and `field` rules. The roles are fixed names, or [`RoleTemplate`]s
//! (mustache scripts) that Elasticsearch renders per user.

use crate::common::{CreatedStatus, Metadata, OneOrMany};

/// The script types are shared with aggregations.
pub use crate::common::{InlineScript, Script, ScriptLanguage, StoredScriptId};
use crate::open_enum;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// A rule that a user must match for a role mapping to apply (`RoleMappingRule` in the spec).
///
/// Serialized as a one-key object: `{"any": [...]}`, `{"all": [...]}`, `{"field": {...}}` or
/// `{"except": {...}}`. Rules nest to any depth.
///
/// ```
/// use security_types::role_mappings::{FieldRuleValue, RoleMappingRule};
///
/// let rule = RoleMappingRule::all([
///     RoleMappingRule::field_any_of("username", ["es-admin", "es-system"]),
///     RoleMappingRule::except(RoleMappingRule::field("metadata.terminated_date", FieldRuleValue::Null)),
/// ]);
/// assert_eq!(
///     serde_json::to_string(&rule).unwrap(),
///     r#"{"all":[{"field":{"username":["es-admin","es-system"]}},{"except":{"field":{"metadata.terminated_date":null}}}]}"#
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoleMappingRule {
    /// Matches when at least one of the rules matches.
    Any(Vec<RoleMappingRule>),
    /// Matches when every rule matches.
    All(Vec<RoleMappingRule>),
    /// Matches when a user field has one of the values.
    Field(FieldRule),
    /// Matches when the rule does not match (only valid inside `all`).
    Except(Box<RoleMappingRule>),
}

impl RoleMappingRule {
    /// `{"any": rules}`: at least one rule matches.
    pub fn any(rules: impl IntoIterator<Item = RoleMappingRule>) -> Self {
        RoleMappingRule::Any(rules.into_iter().collect())
    }

    /// `{"all": rules}`: every rule matches.
    pub fn all(rules: impl IntoIterator<Item = RoleMappingRule>) -> Self {
        RoleMappingRule::All(rules.into_iter().collect())
    }

    /// `{"except": rule}`: the rule does not match.
    pub fn except(rule: RoleMappingRule) -> Self {
        RoleMappingRule::Except(Box::new(rule))
    }

    /// `{"field": {field: value}}`: the user field matches one value (`*` wildcards and
    /// `/regex/` are allowed in strings).
    pub fn field(field: impl Into<String>, value: impl Into<FieldRuleValue>) -> Self {
        RoleMappingRule::Field(FieldRule::new(field, value))
    }

    /// `{"field": {field: [values]}}`: the user field matches any of the values.
    pub fn field_any_of<I>(field: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<FieldRuleValue>,
    {
        RoleMappingRule::Field(FieldRule::any_of(field, values))
    }
}

/// The `field` rule: one user field and the value(s) it must match (`FieldRule` in the spec).
///
/// Fields are `username`, `dn`, `groups`, `realm.name` and `metadata.<key>`; newer servers may
/// add others, so the field name is a plain string. On the wire it is a one-key object,
/// `{"username": "*"}` or `{"groups": ["a", "b"]}`.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldRule {
    /// The user field, e.g. `username`, `dn`, `groups`, `realm.name`, `metadata.department`.
    pub field: String,
    /// The value, or a list of values of which one must match.
    pub values: OneOrMany<FieldRuleValue>,
}

impl FieldRule {
    /// The field must match `value`.
    pub fn new(field: impl Into<String>, value: impl Into<FieldRuleValue>) -> Self {
        FieldRule {
            field: field.into(),
            values: OneOrMany::One(value.into()),
        }
    }

    /// The field must match one of `values` (sent as a JSON array).
    pub fn any_of<I>(field: impl Into<String>, values: I) -> Self
    where
        I: IntoIterator,
        I::Item: Into<FieldRuleValue>,
    {
        FieldRule {
            field: field.into(),
            values: OneOrMany::Many(values.into_iter().map(Into::into).collect()),
        }
    }
}

impl Serialize for FieldRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        map.serialize_entry(&self.field, &self.values)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for FieldRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct FieldRuleVisitor;

        impl<'de> Visitor<'de> for FieldRuleVisitor {
            type Value = FieldRule;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field rule: an object with exactly one field")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<FieldRule, A::Error> {
                let Some((field, values)) =
                    map.next_entry::<String, OneOrMany<FieldRuleValue>>()?
                else {
                    return Err(de::Error::invalid_length(0, &self));
                };
                if let Some(extra) = map.next_key::<String>()? {
                    return Err(de::Error::custom(format_args!(
                        "a field rule has exactly one field, found `{field}` and `{extra}`"
                    )));
                }
                Ok(FieldRule { field, values })
            }
        }

        deserializer.deserialize_map(FieldRuleVisitor)
    }
}

/// A value of a `field` rule: a string (with `*` wildcards or a `/regex/`), a number, a
/// boolean or `null` (matches a missing field).
///
/// Not [`common::FieldValue`](crate::common::FieldValue), which differs on the wire: a rule
/// value is a scalar (an object is refused when decoding, not kept), and its number is kept
/// as written (a `u64` beyond `i64` or a float round-trips exactly).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum FieldRuleValue {
    /// `null`: the field is absent.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (integer or floating point, kept as written).
    Number(serde_json::Number),
    /// A string: exact, `*` wildcard, or `/regex/`.
    String(String),
}

impl From<&str> for FieldRuleValue {
    fn from(value: &str) -> Self {
        FieldRuleValue::String(value.to_owned())
    }
}

impl From<String> for FieldRuleValue {
    fn from(value: String) -> Self {
        FieldRuleValue::String(value)
    }
}

impl From<bool> for FieldRuleValue {
    fn from(value: bool) -> Self {
        FieldRuleValue::Bool(value)
    }
}

macro_rules! field_value_from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for FieldRuleValue {
            fn from(value: $t) -> Self {
                FieldRuleValue::Number(value.into())
            }
        }
    )*};
}
field_value_from_int!(i32, i64, u32, u64);

impl From<serde_json::Number> for FieldRuleValue {
    fn from(value: serde_json::Number) -> Self {
        FieldRuleValue::Number(value)
    }
}

open_enum! {
    /// How a rendered role template is read (`TemplateFormat` in the spec).
    pub enum TemplateFormat {
        /// The result is one role name (the default).
        String = "string",
        /// The result is a JSON string or array of role names.
        Json = "json",
    }
}

/// The `template` of a [`RoleTemplate`]: a script object, or the script as a JSON string.
///
/// Elasticsearch accepts both, and answers with the JSON string (get_role_mapping returns
/// `"template": "{\"source\":\"_user_{{username}}\"}"`); [`RoleTemplateScript::script`] reads
/// either form as a [`Script`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum RoleTemplateScript {
    /// A script object.
    Script(Script),
    /// The script as a JSON string, as Elasticsearch returns it.
    Json(String),
}

impl RoleTemplateScript {
    /// The script, parsing the JSON string form if needed.
    pub fn script(&self) -> Result<Script, serde_json::Error> {
        match self {
            RoleTemplateScript::Script(script) => Ok(script.clone()),
            RoleTemplateScript::Json(json) => serde_json::from_str(json),
        }
    }
}

/// A role template: a mustache script rendered per user into role names (`RoleTemplate`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleTemplate {
    /// How to read the rendered result (`string` by default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<TemplateFormat>,
    /// The template script.
    pub template: RoleTemplateScript,
}

impl RoleTemplate {
    /// A template with an inline mustache source, e.g. `_user_{{username}}`.
    pub fn inline(source: impl Into<String>) -> Self {
        RoleTemplate {
            format: None,
            template: RoleTemplateScript::Script(Script::Inline(InlineScript {
                source: source.into(),
                ..InlineScript::default()
            })),
        }
    }

    /// A template that runs a stored script.
    pub fn stored(id: impl Into<String>) -> Self {
        RoleTemplate {
            format: None,
            template: RoleTemplateScript::Script(Script::Stored(StoredScriptId {
                id: id.into(),
                params: None,
            })),
        }
    }

    /// Sets the format (`json` when the template renders a list of role names).
    pub fn with_format(mut self, format: impl Into<TemplateFormat>) -> Self {
        self.format = Some(format.into());
        self
    }
}

/// A role mapping as Elasticsearch returns it (`RoleMapping` in the spec).
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct RoleMapping {
    /// Whether the mapping is applied.
    pub enabled: bool,
    /// Arbitrary metadata.
    #[serde(default)]
    pub metadata: Metadata,
    /// Role names granted (set when `role_templates` is not).
    #[serde(default)]
    pub roles: Vec<String>,
    /// Role templates rendered into role names (set when `roles` is not).
    #[serde(default)]
    pub role_templates: Vec<RoleTemplate>,
    /// The rule users must match.
    pub rules: RoleMappingRule,
}

/// Answer of `get_role_mapping`: role mappings by name.
pub type GetRoleMappingResponse = BTreeMap<String, RoleMapping>;

/// Body of `put_role_mapping`. Exactly one of `roles` and `role_templates` must be set.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PutRoleMappingBody {
    /// Whether the mapping is applied.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub enabled: Option<bool>,
    /// Arbitrary metadata; keys starting with `_` are reserved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metadata: Option<Metadata>,
    /// Role names to grant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub roles: Option<Vec<String>>,
    /// Role templates rendered into role names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_templates: Option<Vec<RoleTemplate>>,
    /// The rule users must match.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<RoleMappingRule>,
    /// Users the mapped users may run as.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_as: Option<Vec<String>>,
}

impl From<RoleMapping> for PutRoleMappingBody {
    /// The body that stores `mapping` again (to copy or edit a mapping read with get_role_mapping).
    fn from(mapping: RoleMapping) -> Self {
        // Send the non-empty one of `roles` and `role_templates` (`roles` when both are empty).
        let send_roles = !mapping.roles.is_empty() || mapping.role_templates.is_empty();
        let send_templates = !mapping.role_templates.is_empty();
        PutRoleMappingBody {
            enabled: Some(mapping.enabled),
            metadata: Some(mapping.metadata),
            roles: send_roles.then_some(mapping.roles),
            role_templates: send_templates.then_some(mapping.role_templates),
            rules: Some(mapping.rules),
            run_as: None,
        }
    }
}

/// Answer of `put_role_mapping`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct PutRoleMappingResponse {
    /// A top-level `created` flag, which the spec lists as optional (servers send `role_mapping`).
    #[serde(default)]
    pub created: Option<bool>,
    /// `{"created": bool}`.
    pub role_mapping: CreatedStatus,
}

/// Answer of `delete_role_mapping`: whether the mapping existed.
pub type DeleteRoleMappingResponse = crate::common::FoundStatus;
