//! Roles: get, put, delete, and (9.5) bulk put, bulk delete, query.

use super::{invalid_name, list, valid_name};
use crate::dispatch::Ctx;
use crate::error::{illegal_argument, parse_error, validation, x_content_parse, Outcome, Reply};
use crate::store::{reserved_role, State, RESERVED_ROLES};
use serde_json::{json, Map, Value};

const ACTION_GET: &str = "cluster:admin/xpack/security/role/get";
const ACTION_PUT: &str = "cluster:admin/xpack/security/role/put";
const ACTION_DELETE: &str = "cluster:admin/xpack/security/role/delete";
const ACTION_BULK_PUT: &str = "cluster:admin/xpack/security/role/bulk_put";
const ACTION_BULK_DELETE: &str = "cluster:admin/xpack/security/role/bulk_delete";
const ACTION_QUERY: &str = "cluster:admin/xpack/security/role/query";

/// A role as get_role shows it: with `include_implicit`, the configured implicit index
/// privileges are appended to `indices`, each marked `implicitly_granted: true`.
fn shown(ctx: &Ctx, mut descriptor: Value, include_implicit: bool) -> Value {
    if include_implicit && !ctx.shared.config.implicit_indices.is_empty() {
        if let Some(indices) = descriptor["indices"].as_array_mut() {
            indices.extend(ctx.shared.config.implicit_indices.iter().cloned());
        }
    }
    descriptor
}

/// GET /_security/role[/{name}]
pub(crate) fn get_role(state: &mut State, ctx: &Ctx) -> Outcome {
    let include_implicit = ctx.query_bool("include_implicit", false)?;
    ctx.require(state, ACTION_GET, false)?;
    let names = list(ctx.param("name"));
    let mut out = Map::new();
    if names.is_empty() {
        for name in RESERVED_ROLES {
            if let Some(d) = reserved_role(name) {
                out.insert((*name).to_owned(), shown(ctx, d, include_implicit));
            }
        }
        for (name, d) in &state.roles {
            out.insert(name.clone(), shown(ctx, d.clone(), include_implicit));
        }
    } else {
        for name in &names {
            if let Some(d) = state.role(name) {
                out.insert(name.clone(), shown(ctx, d, include_implicit));
            }
        }
        if out.is_empty() {
            return Err(Reply::with_status(404, json!({})));
        }
    }
    Ok(Reply::ok(Value::Object(out)))
}

/// Parses and validates one role of put_role or bulk_put_role: the parse error at once
/// (`Err(Err)`), or the validation errors (`Err(Ok)`), or the normalized descriptor.
fn parse_role(ctx: &Ctx, name: &str, body: &Value) -> Result<Result<Value, Vec<String>>, Reply> {
    let mut errors = Vec::new();
    let descriptor = crate::descriptors::parse(name, body, false, ctx.version(), &mut errors)?;
    if !valid_name(name) {
        errors.insert(0, invalid_name("Invalid role name", name));
    } else if RESERVED_ROLES.contains(&name) {
        errors.insert(0, format!("Role [{name}] is reserved and may not be used."));
    }
    Ok(if errors.is_empty() {
        Ok(descriptor)
    } else {
        Err(errors)
    })
}

/// PUT|POST /_security/role/{name}
pub(crate) fn put_role(state: &mut State, ctx: &Ctx) -> Outcome {
    let name = ctx.param("name").to_owned();
    let descriptor = parse_role(ctx, &name, ctx.body())?.map_err(|e| validation(&e))?;
    ctx.require(state, ACTION_PUT, false)?;
    let created = state.roles.insert(name, descriptor).is_none();
    Ok(Reply::ok(json!({"role": {"created": created}})))
}

/// DELETE /_security/role/{name}
pub(crate) fn delete_role(state: &mut State, ctx: &Ctx) -> Outcome {
    let name = ctx.param("name");
    ctx.require(state, ACTION_DELETE, false)?;
    if RESERVED_ROLES.contains(&name) {
        return Err(illegal_argument(format!(
            "role [{name}] is reserved and cannot be deleted"
        )));
    }
    match state.roles.remove(name) {
        Some(_) => Ok(Reply::ok(json!({"found": true}))),
        None => Err(Reply::with_status(404, json!({"found": false}))),
    }
}

/// Rejects top-level fields an object parser does not know.
fn strict(body: &Value, allowed: &[&str], parser: &str) -> Result<(), Reply> {
    for key in body.as_object().into_iter().flat_map(|m| m.keys()) {
        if !allowed.contains(&key.as_str()) {
            return Err(x_content_parse(format!("[{parser}] unknown field [{key}]")));
        }
    }
    Ok(())
}

/// The per-item answer of the bulk role APIs: only the non-empty lists, and `errors` with
/// the ES error (`type`, `reason`) of each failed role.
fn bulk_answer(lists: &[(&str, Vec<String>)], errors: Map<String, Value>) -> Value {
    let mut out = Map::new();
    for (key, names) in lists {
        if !names.is_empty() {
            out.insert((*key).to_owned(), json!(names));
        }
    }
    if !errors.is_empty() {
        out.insert(
            "errors".into(),
            json!({"count": errors.len(), "details": errors}),
        );
    }
    Value::Object(out)
}

/// The `{type, reason}` of an error answer.
fn error_cause(reply: &Reply) -> Value {
    let error = reply
        .body
        .as_ref()
        .map(|b| b["error"].clone())
        .unwrap_or(Value::Null);
    json!({"type": error["type"], "reason": error["reason"]})
}

/// POST /_security/role (8.15+): creates or updates several roles, each on its own.
pub(crate) fn bulk_put_role(state: &mut State, ctx: &Ctx) -> Outcome {
    let body = ctx.body();
    strict(body, &["roles"], "bulk_put_role_request")?;
    let Some(roles) = body["roles"].as_object() else {
        return Err(match &body["roles"] {
            Value::Null => validation(&["roles to put must not be empty".to_owned()]),
            other => parse_error(format!(
                "expected field [roles] to be an object, but found [{}] instead",
                crate::descriptors::kind(other)
            )),
        });
    };
    if roles.is_empty() {
        return Err(validation(&["roles to put must not be empty".to_owned()]));
    }
    // A role that does not parse fails the whole request, as the REST layer parses them all
    // before anything is stored; validation failures are per role.
    let mut parsed = Vec::new();
    for (name, descriptor) in roles {
        parsed.push((name.clone(), parse_role(ctx, name, descriptor)?));
    }
    ctx.require(state, ACTION_BULK_PUT, false)?;
    let (mut created, mut updated, mut noop) = (Vec::new(), Vec::new(), Vec::new());
    let mut errors = Map::new();
    for (name, result) in parsed {
        match result {
            Err(messages) => {
                errors.insert(name, error_cause(&validation(&messages)));
            }
            Ok(descriptor) => match state.roles.insert(name.clone(), descriptor.clone()) {
                None => created.push(name),
                Some(old) if old == descriptor => noop.push(name),
                Some(_) => updated.push(name),
            },
        }
    }
    Ok(Reply::ok(bulk_answer(
        &[("created", created), ("updated", updated), ("noop", noop)],
        errors,
    )))
}

/// DELETE /_security/role (8.15+), with a body: deletes several roles, each on its own.
pub(crate) fn bulk_delete_role(state: &mut State, ctx: &Ctx) -> Outcome {
    let body = ctx.body();
    strict(body, &["names"], "bulk_delete_roles_request")?;
    let names = super::opt_strings(body, "names", "bulk_delete_roles_request")?.unwrap_or_default();
    if names.is_empty() {
        return Err(validation(&[
            "role names to delete must not be empty".to_owned()
        ]));
    }
    ctx.require(state, ACTION_BULK_DELETE, false)?;
    let (mut deleted, mut not_found) = (Vec::new(), Vec::new());
    let mut errors = Map::new();
    for name in names {
        if RESERVED_ROLES.contains(&name.as_str()) {
            let e = illegal_argument(format!("role [{name}] is reserved and cannot be deleted"));
            errors.insert(name, error_cause(&e));
        } else if state.roles.remove(&name).is_some() {
            deleted.push(name);
        } else {
            not_found.push(name);
        }
    }
    Ok(Reply::ok(bulk_answer(
        &[("deleted", deleted), ("not_found", not_found)],
        errors,
    )))
}

/// GET|POST /_security/_query/role (8.15+): native roles only, like Elasticsearch.
pub(crate) fn query_role(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(state, ACTION_QUERY, false)?;
    let spec = crate::query::Spec {
        what: "role",
        fields: &[
            "name",
            "description",
            "applications.application",
            "applications.resources",
            "applications.privileges",
        ],
        date_fields: &[],
        allow_metadata: true,
    };
    let docs: Vec<(Value, Value)> = state
        .roles
        .iter()
        .map(|(name, d)| {
            let doc = json!({
                "_id": format!("role-{name}"),
                "name": name,
                "description": d["description"],
                "metadata": d["metadata"],
                "applications": {
                    "application": d["applications"].as_array().into_iter().flatten().map(|a| a["application"].clone()).collect::<Vec<_>>(),
                    "resources": d["applications"].as_array().into_iter().flatten().flat_map(|a| a["resources"].as_array().cloned().unwrap_or_default()).collect::<Vec<_>>(),
                    "privileges": d["applications"].as_array().into_iter().flatten().flat_map(|a| a["privileges"].as_array().cloned().unwrap_or_default()).collect::<Vec<_>>(),
                },
            });
            let mut out = Map::new();
            out.insert("name".into(), json!(name));
            if let Some(m) = d.as_object() {
                out.extend(m.clone());
            }
            (doc, Value::Object(out))
        })
        .collect();
    let (total, roles) = crate::query::search(&spec, docs, ctx.body(), ctx.now)?;
    Ok(Reply::ok(
        json!({"total": total, "count": roles.len(), "roles": roles}),
    ))
}
