//! The endpoint handlers, one module per API group.

pub(crate) mod api_keys;
pub(crate) mod fixed;
pub(crate) mod privileges;
pub(crate) mod role_mappings;
pub(crate) mod roles;
pub(crate) mod service_accounts;
pub(crate) mod tokens;
pub(crate) mod unsupported;
pub(crate) mod users;

use crate::descriptors::kind;
use crate::error::{parse_error, Reply};
use serde_json::{Map, Value};

/// A comma-separated path or query parameter.
pub(crate) fn list(value: &str) -> Vec<String> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Rejects fields a parser does not know, as Elasticsearch's hand-written parsers do.
pub(crate) fn known_fields(body: &Value, allowed: &[&str], parser: &str) -> Result<(), Reply> {
    if let Some(map) = body.as_object() {
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                return Err(parse_error(format!(
                    "failed to parse {parser}. unexpected field [{key}]"
                )));
            }
        }
    }
    Ok(())
}

/// An optional string field (null allowed).
pub(crate) fn opt_string(body: &Value, field: &str, parser: &str) -> Result<Option<String>, Reply> {
    match &body[field] {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(s.clone())),
        other => Err(parse_error(format!(
            "failed to parse {parser}. expected field [{field}] to be of type string, but found [{}] instead",
            kind(other)
        ))),
    }
}

/// An optional array of strings.
pub(crate) fn opt_strings(
    body: &Value,
    field: &str,
    parser: &str,
) -> Result<Option<Vec<String>>, Reply> {
    match &body[field] {
        Value::Null => Ok(None),
        Value::String(s) => Ok(Some(vec![s.clone()])),
        Value::Array(items) => items
            .iter()
            .map(|i| {
                i.as_str().map(str::to_owned).ok_or_else(|| {
                    parse_error(format!(
                        "failed to parse {parser}. expected field [{field}] to be an array of strings, but found [{}] in it",
                        kind(i)
                    ))
                })
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some),
        other => Err(parse_error(format!(
            "failed to parse {parser}. expected field [{field}] to be an array of strings, but found [{}] instead",
            kind(other)
        ))),
    }
}

/// An optional object.
pub(crate) fn opt_object(
    body: &Value,
    field: &str,
    parser: &str,
) -> Result<Option<Map<String, Value>>, Reply> {
    match &body[field] {
        Value::Null => Ok(None),
        Value::Object(m) => Ok(Some(m.clone())),
        other => Err(parse_error(format!(
            "failed to parse {parser}. expected field [{field}] to be an object, but found [{}] instead",
            kind(other)
        ))),
    }
}

/// An optional boolean.
pub(crate) fn opt_bool(body: &Value, field: &str, parser: &str) -> Result<Option<bool>, Reply> {
    match &body[field] {
        Value::Null => Ok(None),
        Value::Bool(b) => Ok(Some(*b)),
        other => Err(parse_error(format!(
            "failed to parse {parser}. expected field [{field}] to be a boolean, but found [{}] instead",
            kind(other)
        ))),
    }
}

/// Elasticsearch's rule for user and role names.
pub(crate) fn valid_name(name: &str) -> bool {
    let len = name.chars().count();
    (1..=507).contains(&len)
        && name.chars().all(|c| (' '..='~').contains(&c))
        && !name.starts_with(' ')
        && !name.ends_with(' ')
}

/// The message of an invalid user or role name.
pub(crate) fn invalid_name(what: &str, name: &str) -> String {
    format!(
        "{what} [{name}] Names must be at least 1 and no more than 507 characters. They can contain alphanumeric characters (a-z, A-Z, 0-9), spaces, punctuation, and printable symbols in the Basic Latin (ASCII) block. Leading or trailing whitespace is not allowed."
    )
}
