//! Roles: get, put, delete.

use super::{invalid_name, list, valid_name};
use crate::dispatch::Ctx;
use crate::error::{illegal_argument, validation, Outcome, Reply};
use crate::store::{reserved_role, State, RESERVED_ROLES};
use serde_json::{json, Map, Value};

/// GET /_security/role[/{name}]
pub(crate) fn get_role(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(state, "cluster:admin/xpack/security/role/get", false)?;
    let names = list(ctx.param("name"));
    let mut out = Map::new();
    if names.is_empty() {
        for name in RESERVED_ROLES {
            if let Some(d) = reserved_role(name) {
                out.insert((*name).to_owned(), d);
            }
        }
        for (name, d) in &state.roles {
            out.insert(name.clone(), d.clone());
        }
    } else {
        for name in &names {
            if let Some(d) = state.role(name) {
                out.insert(name.clone(), d);
            }
        }
        if out.is_empty() {
            return Err(Reply::with_status(404, json!({})));
        }
    }
    Ok(Reply::ok(Value::Object(out)))
}

/// PUT|POST /_security/role/{name}
pub(crate) fn put_role(state: &mut State, ctx: &Ctx) -> Outcome {
    let name = ctx.param("name").to_owned();
    let mut errors = Vec::new();
    let descriptor = crate::descriptors::parse(&name, ctx.body(), false, &mut errors)?;
    if !valid_name(&name) {
        errors.insert(0, invalid_name("Invalid role name", &name));
    } else if RESERVED_ROLES.contains(&name.as_str()) {
        errors.insert(0, format!("Role [{name}] is reserved and may not be used."));
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    ctx.require(state, "cluster:admin/xpack/security/role/put", false)?;
    let created = state.roles.insert(name, descriptor).is_none();
    Ok(Reply::ok(json!({"role": {"created": created}})))
}

/// DELETE /_security/role/{name}
pub(crate) fn delete_role(state: &mut State, ctx: &Ctx) -> Outcome {
    let name = ctx.param("name");
    ctx.require(state, "cluster:admin/xpack/security/role/delete", false)?;
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
