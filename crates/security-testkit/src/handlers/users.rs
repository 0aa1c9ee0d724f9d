//! authenticate, users, get_user_privileges, has_privileges, query_user.

use super::{
    invalid_name, known_fields, list, opt_bool, opt_object, opt_string, opt_strings, valid_name,
};
use crate::authc::AuthKind;
use crate::dispatch::Ctx;
use crate::error::{illegal_argument, not_emulated, validation, EsError, Outcome, Reply};
use crate::store::{State, User};
use serde_json::{json, Map, Value};

const ACTION_PUT: &str = "cluster:admin/xpack/security/user/put";
const ACTION_GET: &str = "cluster:admin/xpack/security/user/get";
const ACTION_DELETE: &str = "cluster:admin/xpack/security/user/delete";
const ACTION_ENABLED: &str = "cluster:admin/xpack/security/user/set_enabled";
const ACTION_PASSWORD: &str = "cluster:admin/xpack/security/user/change_password";
const ACTION_QUERY: &str = "cluster:admin/xpack/security/user/query";

/// GET /_security/_authenticate
pub(crate) fn authenticate(_state: &mut State, ctx: &Ctx) -> Outcome {
    Ok(Reply::ok(ctx.authn.to_json(ctx.version())))
}

const MIN_PASSWORD: usize = 6;

fn short_password() -> String {
    format!("passwords must be at least [{MIN_PASSWORD}] characters long")
}

/// PUT|POST /_security/user/{username}
pub(crate) fn put_user(state: &mut State, ctx: &Ctx) -> Outcome {
    let username = ctx.param("username").to_owned();
    let body = ctx.body();
    const PARSER: &str = "add user request";
    known_fields(
        body,
        &[
            "username",
            "password",
            "password_hash",
            "roles",
            "full_name",
            "email",
            "metadata",
            "enabled",
        ],
        PARSER,
    )?;
    let password = opt_string(body, "password", PARSER)?;
    let password_hash = opt_string(body, "password_hash", PARSER)?;
    let roles = opt_strings(body, "roles", PARSER)?;
    let full_name = opt_string(body, "full_name", PARSER)?;
    let email = opt_string(body, "email", PARSER)?;
    let metadata = opt_object(body, "metadata", PARSER)?.unwrap_or_default();
    let enabled = opt_bool(body, "enabled", PARSER)?.unwrap_or(true);

    let mut errors = Vec::new();
    if !valid_name(&username) {
        errors.push(invalid_name("Invalid username", &username));
    }
    if roles.is_none() {
        errors.push("roles are missing".to_owned());
    }
    if metadata.keys().any(|k| k.starts_with('_')) {
        errors.push("metadata keys may not start with [_]".to_owned());
    }
    if password.is_some() && password_hash.is_some() {
        errors.push("only one of [password, passwordHash] can be provided".to_owned());
    }
    if password
        .as_ref()
        .is_some_and(|p| p.chars().count() < MIN_PASSWORD)
    {
        errors.push(short_password());
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    ctx.require(state, ACTION_PUT, false)?;
    if password_hash.is_some() {
        return Err(password_hash_not_emulated());
    }
    if state.users.get(&username).is_some_and(|u| u.reserved) {
        return Err(illegal_argument(format!(
            "user [{username}] is reserved and only the password can be changed"
        )));
    }
    let existing = state.users.get(&username).and_then(|u| u.password.clone());
    let Some(password) = password.or(existing.clone()) else {
        return Err(validation(&[
            "password must be specified unless you are updating an existing user".to_owned(),
        ]));
    };
    state.users.insert(
        username.clone(),
        User {
            username,
            password: Some(password),
            roles: roles.unwrap_or_default(),
            full_name,
            email,
            metadata,
            enabled,
            reserved: false,
        },
    );
    Ok(Reply::ok(json!({"created": existing.is_none()})))
}

fn password_hash_not_emulated() -> Reply {
    not_emulated(
        "[password_hash]",
        "it does not verify password hashes (bcrypt, PBKDF2); send [password] instead",
    )
}

/// GET /_security/user[/{username}]
pub(crate) fn get_user(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.query_bool("with_profile_uid", false)?;
    ctx.require(state, ACTION_GET, false)?;
    let names = list(ctx.param("username"));
    let mut out = Map::new();
    for user in state.users.values() {
        if names.is_empty() || names.contains(&user.username) {
            // No user has a profile here (profiles are not emulated), so no `profile_uid`.
            out.insert(user.username.clone(), user.to_json());
        }
    }
    if !names.is_empty() && out.is_empty() {
        return Err(Reply::with_status(404, json!({})));
    }
    Ok(Reply::ok(Value::Object(out)))
}

/// DELETE /_security/user/{username}
pub(crate) fn delete_user(state: &mut State, ctx: &Ctx) -> Outcome {
    let username = ctx.param("username");
    ctx.require(state, ACTION_DELETE, false)?;
    if state.users.get(username).is_some_and(|u| u.reserved) {
        return Err(illegal_argument(format!(
            "user [{username}] is reserved and cannot be deleted"
        )));
    }
    match state.users.remove(username) {
        Some(_) => Ok(Reply::ok(json!({"found": true}))),
        None => Err(Reply::with_status(404, json!({"found": false}))),
    }
}

/// PUT|POST /_security/user/{username}/_enable
pub(crate) fn enable_user(state: &mut State, ctx: &Ctx) -> Outcome {
    set_enabled(state, ctx, true)
}

/// PUT|POST /_security/user/{username}/_disable
pub(crate) fn disable_user(state: &mut State, ctx: &Ctx) -> Outcome {
    set_enabled(state, ctx, false)
}

fn set_enabled(state: &mut State, ctx: &Ctx, enabled: bool) -> Outcome {
    let username = ctx.param("username").to_owned();
    ctx.require(state, ACTION_ENABLED, false)?;
    if username == ctx.authn.username && !ctx.authn.is_api_key() {
        return Err(illegal_argument(
            "users may not update the enabled status of their own account",
        ));
    }
    match state.users.get_mut(&username) {
        Some(user) => {
            user.enabled = enabled;
            Ok(Reply::ok(json!({})))
        }
        // What NativeUsersStore answers when the user document is missing.
        None => Err(EsError::new(
            400,
            "validation_exception",
            format!(
                "Validation Failed: 1: only existing users can be {};",
                if enabled { "enabled" } else { "disabled" }
            ),
        )
        .reply()),
    }
}

/// PUT|POST /_security/user[/{username}]/_password
pub(crate) fn change_password(state: &mut State, ctx: &Ctx) -> Outcome {
    let username = if ctx.has_param("username") {
        ctx.param("username").to_owned()
    } else {
        ctx.authn.username.clone()
    };
    let body = ctx.body();
    const PARSER: &str = "change password request";
    known_fields(body, &["password", "password_hash"], PARSER)?;
    let password = opt_string(body, "password", PARSER)?;
    let password_hash = opt_string(body, "password_hash", PARSER)?;
    let mut errors = Vec::new();
    match (&password, &password_hash) {
        (None, None) => errors.push("password must be specified".to_owned()),
        (Some(_), Some(_)) => {
            errors.push("only one of [password, passwordHash] can be provided".to_owned())
        }
        (Some(p), None) if p.chars().count() < MIN_PASSWORD => errors.push(short_password()),
        _ => {}
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    // A user authenticated by its own realm may always change its own password.
    let same_user = matches!(ctx.authn.kind, AuthKind::Realm)
        && ctx.authn.username == username
        && matches!(ctx.authn.realm.1.as_str(), "native" | "reserved");
    if !same_user {
        ctx.require(state, ACTION_PASSWORD, false)?;
    }
    if password_hash.is_some() {
        return Err(password_hash_not_emulated());
    }
    match state.users.get_mut(&username) {
        Some(user) => {
            user.password = password;
            Ok(Reply::ok(json!({})))
        }
        None => Err(EsError::new(
            400,
            "validation_exception",
            "Validation Failed: 1: user must exist in order to change password;",
        )
        .reply()),
    }
}

/// GET /_security/user/_privileges
pub(crate) fn get_user_privileges(state: &mut State, ctx: &Ctx) -> Outcome {
    let descriptors: Vec<Value> = match &ctx.authn.kind {
        AuthKind::ApiKey { id, .. } => match state.api_keys.get(id) {
            Some(key) if !key.role_descriptors.is_empty() => {
                return Err(illegal_argument(
                    "Cannot retrieve privileges for API keys with assigned role descriptors. Please use the Get API key information API https://ela.st/es-api-get-api-key",
                ))
            }
            Some(key) => key.limited_by.values().cloned().collect(),
            None => Vec::new(),
        },
        AuthKind::ServiceAccount { .. } => {
            crate::store::service_account_descriptor(&ctx.authn.username).into_iter().collect()
        }
        _ => ctx.authn.roles.iter().filter_map(|r| state.role(r)).collect(),
    };
    let mut cluster: Vec<String> = Vec::new();
    let mut indices: Vec<Value> = Vec::new();
    let mut remote_indices: Vec<Value> = Vec::new();
    let mut remote_cluster: Vec<Value> = Vec::new();
    let mut applications: Vec<Value> = Vec::new();
    let mut run_as: Vec<String> = Vec::new();
    let mut global: Vec<Value> = Vec::new();
    for d in &descriptors {
        for p in d["cluster"].as_array().into_iter().flatten() {
            if let Some(p) = p.as_str() {
                cluster.push(p.to_owned());
            }
        }
        for (source, target) in [
            (&d["indices"], &mut indices),
            (&d["remote_indices"], &mut remote_indices),
            (&d["remote_cluster"], &mut remote_cluster),
        ] {
            for g in source.as_array().into_iter().flatten() {
                if !target.contains(g) {
                    target.push(g.clone());
                }
            }
        }
        for g in d["applications"].as_array().into_iter().flatten() {
            if !applications.contains(g) {
                applications.push(g.clone());
            }
        }
        for u in d["run_as"].as_array().into_iter().flatten() {
            if let Some(u) = u.as_str() {
                run_as.push(u.to_owned());
            }
        }
        if d["global"].is_object() {
            global.push(d["global"].clone());
        }
    }
    cluster.sort();
    cluster.dedup();
    run_as.sort();
    run_as.dedup();
    let mut out = json!({
        "cluster": cluster,
        "global": global,
        "indices": indices,
        "applications": applications,
        "run_as": run_as,
    });
    if !remote_indices.is_empty() {
        out["remote_indices"] = json!(remote_indices);
    }
    if !remote_cluster.is_empty() {
        out["remote_cluster"] = json!(remote_cluster);
    }
    Ok(Reply::ok(out))
}

/// GET|POST /_security/user[/{user}]/_has_privileges
pub(crate) fn has_privileges(state: &mut State, ctx: &Ctx) -> Outcome {
    let body = ctx.body();
    const PARSER: &str = "has privileges request";
    known_fields(body, &["cluster", "index", "application"], PARSER)?;
    if ctx.has_param("user") && ctx.param("user") != ctx.authn.username {
        return Err(illegal_argument(
            "users may only check the privileges of their own account",
        ));
    }
    let cluster = opt_strings(body, "cluster", PARSER)?.unwrap_or_default();
    let index = match &body["index"] {
        Value::Null => Vec::new(),
        Value::Array(items) => items.clone(),
        other => {
            return Err(crate::error::parse_error(format!(
                "failed to parse {PARSER}. expected field [index] to be an array, but found [{}] instead",
                crate::descriptors::kind(other)
            )))
        }
    };
    let application = match &body["application"] {
        Value::Null => Vec::new(),
        Value::Array(items) => items.clone(),
        other => {
            return Err(crate::error::parse_error(format!(
                "failed to parse {PARSER}. expected field [application] to be an array, but found [{}] instead",
                crate::descriptors::kind(other)
            )))
        }
    };
    let mut errors = Vec::new();
    for g in &index {
        if g["privileges"].as_array().is_none_or(|p| p.is_empty()) {
            errors.push("indices privileges must define at least one privilege".to_owned());
        }
        if g["names"].is_null() {
            errors.push("indices privileges must refer to at least one index name".to_owned());
        }
    }
    for g in &application {
        if g["application"].as_str().is_none_or(str::is_empty) {
            errors.push("an application name is required".to_owned());
        }
    }
    if cluster.is_empty() && index.is_empty() && application.is_empty() {
        errors.push("must specify at least one privilege".to_owned());
    }
    if !errors.is_empty() {
        errors.dedup();
        return Err(validation(&errors));
    }
    let permission = ctx.permission(state);
    let mut all = true;
    let mut cluster_out = Map::new();
    for p in &cluster {
        let ok = permission.has_cluster(p);
        all &= ok;
        cluster_out.insert(p.clone(), json!(ok));
    }
    let mut index_out = Map::new();
    for g in &index {
        let names = match &g["names"] {
            Value::String(s) => vec![s.clone()],
            other => other
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|n| n.as_str().map(str::to_owned))
                .collect(),
        };
        let allow_restricted = g["allow_restricted_indices"].as_bool().unwrap_or(false);
        for name in names {
            let entry = index_out.entry(name.clone()).or_insert_with(|| json!({}));
            for p in g["privileges"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                let ok = permission.has_index(&name, p, allow_restricted);
                all &= ok;
                entry[p] = json!(ok);
            }
        }
    }
    let mut app_out = Map::new();
    for g in &application {
        let app = g["application"].as_str().unwrap_or_default().to_owned();
        let entry = app_out.entry(app.clone()).or_insert_with(|| json!({}));
        for resource in g["resources"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if entry.get(resource).is_none() {
                entry[resource] = json!({});
            }
            for p in g["privileges"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
            {
                let ok = permission.has_application(&state.app_privileges, &app, resource, p);
                all &= ok;
                entry[resource][p] = json!(ok);
            }
        }
    }
    Ok(Reply::ok(json!({
        "username": ctx.authn.username,
        "has_all_requested": all,
        "cluster": cluster_out,
        "index": index_out,
        "application": app_out,
    })))
}

/// GET|POST /_security/_query/user
pub(crate) fn query_user(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.query_bool("with_profile_uid", false)?;
    ctx.require(state, ACTION_QUERY, false)?;
    let spec = crate::query::Spec {
        what: "user",
        fields: &["username", "roles", "enabled", "full_name", "email"],
        date_fields: &[],
        allow_metadata: false,
    };
    // Like Elasticsearch 8.14, only native users are searched (not the reserved ones).
    let docs: Vec<(Value, Value)> = state
        .users
        .values()
        .filter(|u| !u.reserved)
        .map(|u| {
            let doc = json!({
                "_id": format!("user-{}", u.username),
                "username": u.username,
                "roles": u.roles,
                "enabled": u.enabled,
                "full_name": u.full_name,
                "email": u.email,
            });
            (doc, u.to_json())
        })
        .collect();
    let (total, users) = crate::query::search(&spec, docs, ctx.body(), ctx.now)?;
    Ok(Reply::ok(
        json!({"total": total, "count": users.len(), "users": users}),
    ))
}
