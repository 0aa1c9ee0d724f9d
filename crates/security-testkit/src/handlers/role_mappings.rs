//! Role mappings: get, put, delete. (This server has no external realm, so mappings are
//! stored and returned but never applied.)

use super::{known_fields, list, opt_bool, opt_object, opt_strings};
use crate::descriptors::kind;
use crate::dispatch::Ctx;
use crate::error::{parse_error, validation, Outcome, Reply};
use crate::store::State;
use serde_json::{json, Map, Value};

/// GET /_security/role_mapping[/{name}]
pub(crate) fn get_role_mapping(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/role_mapping/get",
        false,
    )?;
    let names = list(ctx.param("name"));
    let out: Map<String, Value> = state
        .role_mappings
        .iter()
        .filter(|(n, _)| names.is_empty() || names.contains(n))
        .map(|(n, m)| (n.clone(), m.clone()))
        .collect();
    if !names.is_empty() && out.is_empty() {
        return Err(Reply::with_status(404, json!({})));
    }
    Ok(Reply::ok(Value::Object(out)))
}

/// Checks a rules expression: exactly one of `any`, `all`, `field`, `except`.
fn check_rules(name: &str, rules: &Value) -> Result<(), Reply> {
    let fail = |what: String| {
        parse_error(format!(
            "failed to parse rules expression for role-mapping [{name}]. {what}"
        ))
    };
    let Some(obj) = rules.as_object() else {
        return Err(fail(format!(
            "expected an object but found [{}] instead",
            kind(rules)
        )));
    };
    if obj.len() != 1 {
        return Err(fail(
            "expected exactly one of [any, all, field, except]".to_owned(),
        ));
    }
    for (k, v) in obj {
        match k.as_str() {
            "any" | "all" => {
                let items = v
                    .as_array()
                    .ok_or_else(|| fail(format!("expected [{k}] to be an array")))?;
                for item in items {
                    check_rules(name, item)?;
                }
            }
            "except" => check_rules(name, v)?,
            "field" => {
                if v.as_object().is_none_or(|f| f.len() != 1) {
                    return Err(fail(
                        "expected [field] to be an object with one field".to_owned(),
                    ));
                }
            }
            other => return Err(fail(format!("unexpected field [{other}]"))),
        }
    }
    Ok(())
}

/// PUT|POST /_security/role_mapping/{name}
pub(crate) fn put_role_mapping(state: &mut State, ctx: &Ctx) -> Outcome {
    let name = ctx.param("name").to_owned();
    let body = ctx.body();
    let parser = format!("role-mapping [{name}]");
    known_fields(
        body,
        &[
            "enabled",
            "roles",
            "role_templates",
            "rules",
            "metadata",
            "run_as",
        ],
        &parser,
    )?;
    let Some(enabled) = opt_bool(body, "enabled", &parser)? else {
        return Err(parse_error(format!(
            "failed to parse {parser}. missing field [enabled]"
        )));
    };
    let roles = opt_strings(body, "roles", &parser)?.unwrap_or_default();
    let templates = match &body["role_templates"] {
        Value::Null => Vec::new(),
        Value::Array(t) => t.clone(),
        other => return Err(parse_error(format!("failed to parse {parser}. expected field [role_templates] to be an array, but found [{}]", kind(other)))),
    };
    let metadata = opt_object(body, "metadata", &parser)?.unwrap_or_default();
    let run_as = opt_strings(body, "run_as", &parser)?.unwrap_or_default();
    if !body["rules"].is_null() {
        check_rules(&name, &body["rules"])?;
    }
    let mut errors = Vec::new();
    if roles.is_empty() && templates.is_empty() {
        errors.push("role-mapping roles or role-templates are missing".to_owned());
    }
    if !roles.is_empty() && !templates.is_empty() {
        errors.push("role-mapping cannot have both roles and role-templates".to_owned());
    }
    if body["rules"].is_null() {
        errors.push("role-mapping rules are missing".to_owned());
    }
    if metadata.keys().any(|k| k.starts_with('_')) {
        errors.push("metadata keys may not start with [_]".to_owned());
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    ctx.require(
        state,
        "cluster:admin/xpack/security/role_mapping/put",
        false,
    )?;
    let mut mapping = json!({
        "enabled": enabled,
        "roles": roles,
        "rules": body["rules"],
        "metadata": metadata,
    });
    if !templates.is_empty() {
        mapping["role_templates"] = json!(templates);
    }
    if !run_as.is_empty() {
        mapping["run_as"] = json!(run_as);
    }
    let created = state.role_mappings.insert(name, mapping).is_none();
    Ok(Reply::ok(json!({"role_mapping": {"created": created}})))
}

/// DELETE /_security/role_mapping/{name}
pub(crate) fn delete_role_mapping(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/role_mapping/delete",
        false,
    )?;
    match state.role_mappings.remove(ctx.param("name")) {
        Some(_) => Ok(Reply::ok(json!({"found": true}))),
        None => Err(Reply::with_status(404, json!({"found": false}))),
    }
}
