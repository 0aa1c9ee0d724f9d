//! Application privileges: get, put, delete.

use super::list;
use crate::descriptors::kind;
use crate::dispatch::Ctx;
use crate::error::{parse_error, validation, Outcome, Reply};
use crate::store::State;
use serde_json::{json, Map, Value};

/// GET /_security/privilege[/{application}[/{name}]]
pub(crate) fn get_privileges(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(state, "cluster:admin/xpack/security/privilege/get", false)?;
    let apps = list(ctx.param("application"));
    let names = list(ctx.param("name"));
    let mut out = Map::new();
    for (app, privileges) in &state.app_privileges {
        if !apps.is_empty() && !apps.iter().any(|a| crate::util::glob_match(a, app)) {
            continue;
        }
        let selected: Map<String, Value> = privileges
            .iter()
            .filter(|(n, _)| names.is_empty() || names.contains(n))
            .map(|(n, p)| (n.clone(), p.clone()))
            .collect();
        if !selected.is_empty() {
            out.insert(app.clone(), Value::Object(selected));
        }
    }
    if (!apps.is_empty() || !names.is_empty()) && out.is_empty() {
        return Err(Reply::with_status(404, json!({})));
    }
    Ok(Reply::ok(Value::Object(out)))
}

fn valid_application(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() >= 3
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

fn valid_privilege_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
}

/// A parsed privilege: application, name, actions, metadata.
type Parsed = (String, String, Vec<String>, Map<String, Value>);

/// PUT|POST /_security/privilege/
pub(crate) fn put_privileges(state: &mut State, ctx: &Ctx) -> Outcome {
    let body = ctx.body().as_object().cloned().unwrap_or_default();
    let mut errors = Vec::new();
    let mut parsed: Vec<Parsed> = Vec::new();
    for (app, privileges) in &body {
        let Some(privileges) = privileges.as_object() else {
            return Err(parse_error(format!("failed to parse application privileges for [{app}]. expected an object but found [{}]", kind(privileges))));
        };
        if !valid_application(app) {
            errors.push(format!("An application name must begin with a lowercase letter, be at least 3 characters long and contain only [a-z0-9_.-] (found '{app}')"));
        }
        for (name, p) in privileges {
            let Some(obj) = p.as_object() else {
                return Err(parse_error(format!(
                    "failed to parse privilege [{app}/{name}]. expected an object but found [{}]",
                    kind(p)
                )));
            };
            for key in obj.keys() {
                if !matches!(
                    key.as_str(),
                    "actions" | "metadata" | "application" | "name"
                ) {
                    return Err(parse_error(format!(
                        "failed to parse privilege [{app}/{name}]. unexpected field [{key}]"
                    )));
                }
            }
            if !valid_privilege_name(name) {
                errors.push(format!("Application privilege names must begin with a letter and contain only [a-zA-Z0-9_.-] (found '{name}')"));
            }
            let actions: Vec<String> = obj
                .get("actions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(str::to_owned))
                .collect();
            if actions.is_empty() {
                errors.push(format!(
                    "Application privilege [{app}/{name}] must have at least one action"
                ));
            }
            for a in &actions {
                if !(a.contains('/') || a.contains(':') || a.contains('*')) {
                    errors.push(format!("action [{a}] must contain one of [/*:]"));
                }
            }
            let metadata = obj
                .get("metadata")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            if metadata.keys().any(|k| k.starts_with('_')) {
                errors.push("metadata keys may not start with [_]".to_owned());
            }
            parsed.push((app.clone(), name.clone(), actions, metadata));
        }
    }
    if parsed.is_empty() && errors.is_empty() {
        errors.push("At least one application privilege must be provided".to_owned());
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    ctx.require(state, "cluster:admin/xpack/security/privilege/put", false)?;
    let mut out = Map::new();
    for (app, name, actions, metadata) in parsed {
        let stored = state.app_privileges.entry(app.clone()).or_default();
        let created = stored
            .insert(
                name.clone(),
                json!({"application": app, "name": name, "actions": actions, "metadata": metadata}),
            )
            .is_none();
        let entry = out.entry(app).or_insert_with(|| json!({}));
        entry[name] = json!({"created": created});
    }
    Ok(Reply::ok(Value::Object(out)))
}

/// DELETE /_security/privilege/{application}/{name}
pub(crate) fn delete_privileges(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/privilege/delete",
        false,
    )?;
    let app = ctx.param("application").to_owned();
    let mut found_any = false;
    let mut result = Map::new();
    for name in list(ctx.param("name")) {
        let found = state
            .app_privileges
            .get_mut(&app)
            .is_some_and(|m| m.remove(&name).is_some());
        found_any |= found;
        result.insert(name, json!({"found": found}));
    }
    if state.app_privileges.get(&app).is_some_and(|m| m.is_empty()) {
        state.app_privileges.remove(&app);
    }
    let mut body = Map::new();
    body.insert(app, Value::Object(result));
    let body = Value::Object(body);
    if found_any {
        Ok(Reply::ok(body))
    } else {
        Err(Reply::with_status(404, body))
    }
}
