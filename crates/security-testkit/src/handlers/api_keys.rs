//! API keys: create, get, query, invalidate, update, bulk update, grant.

use super::{opt_bool, opt_object, opt_string, opt_strings};
use crate::authc::{check_password, AuthKind, Authn};
use crate::dispatch::Ctx;
use crate::error::{
    illegal_argument, not_emulated, not_found, unauthorized, validation, x_content_parse, EsError,
    Outcome, Reply,
};
use crate::store::{ApiKey, State};
use crate::util::{b64, parse_time_value, random_id};
use crate::EsVersion;
use serde_json::{json, Map, Value};

const ACTION_CREATE: &str = "cluster:admin/xpack/security/api_key/create";
const ACTION_GET: &str = "cluster:admin/xpack/security/api_key/get";
const ACTION_QUERY: &str = "cluster:admin/xpack/security/api_key/query";
const ACTION_INVALIDATE: &str = "cluster:admin/xpack/security/api_key/invalidate";
const ACTION_UPDATE: &str = "cluster:admin/xpack/security/api_key/update";
const ACTION_GRANT: &str = "cluster:admin/xpack/security/api_key/grant";

/// Rejects unknown fields the way Elasticsearch's object parsers do.
fn strict(body: &Value, allowed: &[&str], parser: &str) -> Result<(), Reply> {
    if let Some(map) = body.as_object() {
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                return Err(x_content_parse(format!("[{parser}] unknown field [{key}]")));
            }
        }
    }
    Ok(())
}

/// The `expiration` of a request, in milliseconds from now.
fn expiration(body: &Value, parser: &str) -> Result<Option<i64>, Reply> {
    match &body["expiration"] {
        Value::Null => Ok(None),
        Value::String(s) => match parse_time_value(s) {
            Some(ms) => Ok(Some(ms)),
            None => Err(EsError::new(400, "x_content_parse_exception", format!("[{parser}] failed to parse field [expiration]"))
                .caused_by(
                    "illegal_argument_exception",
                    format!("failed to parse setting [expiration] with value [{s}] as a time value: unit is missing or unrecognized"),
                )
                .reply()),
        },
        other => Err(x_content_parse(format!(
            "[{parser}] expiration doesn't support values of type: {}",
            crate::descriptors::kind(other)
        ))),
    }
}

/// The role descriptors an API key of `owner` is limited by.
fn owner_descriptors(state: &State, owner: &Authn) -> Map<String, Value> {
    match &owner.kind {
        AuthKind::ApiKey { id, .. } => state
            .api_keys
            .get(id)
            .map(|k| k.limited_by.clone())
            .unwrap_or_default(),
        AuthKind::ServiceAccount { .. } => {
            crate::store::service_account_descriptor(&owner.username)
                .map(|d| {
                    let mut m = Map::new();
                    m.insert(owner.username.clone(), d);
                    m
                })
                .unwrap_or_default()
        }
        _ => owner
            .roles
            .iter()
            .filter_map(|r| state.role(r).map(|d| (r.clone(), d)))
            .collect(),
    }
}

/// The parsed `api_key` part of create and grant.
struct NewKey {
    name: String,
    expiration: Option<i64>,
    role_descriptors: Map<String, Value>,
    metadata: Map<String, Value>,
    descriptors_given: bool,
}

fn parse_new_key(body: &Value, parser: &str, version: EsVersion) -> Result<NewKey, Reply> {
    strict(
        body,
        &["name", "expiration", "role_descriptors", "metadata"],
        parser,
    )?;
    let name = opt_string(body, "name", parser)?;
    let expiration = expiration(body, parser)?;
    let mut errors = Vec::new();
    let role_descriptors = match &body["role_descriptors"] {
        Value::Null => Map::new(),
        v => crate::descriptors::parse_map(v, version, &mut errors)?,
    };
    let metadata = opt_object(body, "metadata", parser)?.unwrap_or_default();
    match name.as_deref() {
        None | Some("") => errors.insert(0, "api key name is required".to_owned()),
        Some(n) if n.chars().count() > 1024 => errors.insert(
            0,
            "api key name may not be more than [1024] characters long".to_owned(),
        ),
        Some(n) if n != n.trim() => errors.insert(
            0,
            "api key name may not begin or end with whitespace".to_owned(),
        ),
        Some(n) if n.starts_with('_') => errors.insert(
            0,
            "api key name may not begin with an underscore".to_owned(),
        ),
        _ => {}
    }
    if metadata.keys().any(|k| k.starts_with('_')) {
        errors.push("API key metadata keys may not start with [_]".to_owned());
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    Ok(NewKey {
        name: name.unwrap_or_default(),
        expiration,
        descriptors_given: !body["role_descriptors"].is_null(),
        role_descriptors,
        metadata,
    })
}

/// Stores a new key owned by `owner`; returns create_api_key's answer.
fn store_key(state: &mut State, owner: &Authn, key: NewKey, now: i64) -> Value {
    let id = random_id(15);
    let secret = random_id(16);
    let expiration = key.expiration.map(|ms| now.saturating_add(ms));
    state.api_key_seq += 1;
    let limited_by = owner_descriptors(state, owner);
    state.api_keys.insert(
        id.clone(),
        ApiKey {
            id: id.clone(),
            name: key.name.clone(),
            secret: secret.clone(),
            creation: now,
            expiration,
            invalidated: false,
            invalidation: None,
            username: owner.username.clone(),
            realm: owner.realm.0.clone(),
            realm_type: owner.realm.1.clone(),
            creator_full_name: owner.full_name.clone(),
            creator_email: owner.email.clone(),
            creator_metadata: owner.metadata.clone(),
            metadata: key.metadata,
            role_descriptors: key.role_descriptors,
            limited_by,
            seq: state.api_key_seq,
            key_type: "rest",
            access: None,
            certificate_identity: None,
        },
    );
    let mut out = json!({"id": id, "name": key.name});
    if let Some(exp) = expiration {
        out["expiration"] = json!(exp);
    }
    out["api_key"] = json!(secret);
    out["encoded"] = json!(b64(format!("{id}:{secret}")));
    out
}

/// Whether a descriptor grants nothing.
fn is_empty_descriptor(d: &Value) -> bool {
    [
        "cluster",
        "indices",
        "applications",
        "run_as",
        "remote_indices",
    ]
    .iter()
    .all(|f| d[*f].as_array().is_none_or(Vec::is_empty))
        && d["global"].as_object().is_none_or(Map::is_empty)
}

/// PUT|POST /_security/api_key
pub(crate) fn create_api_key(state: &mut State, ctx: &Ctx) -> Outcome {
    let key = parse_new_key(ctx.body(), "api_key_request", ctx.version())?;
    ctx.require(state, ACTION_CREATE, true)?;
    if ctx.authn.is_api_key()
        && (!key.descriptors_given || !key.role_descriptors.values().all(is_empty_descriptor))
    {
        return Err(illegal_argument(
            "creating derived api keys requires an explicit role descriptor that is empty (has no privileges)",
        ));
    }
    let owner = ctx.authn.clone();
    Ok(Reply::ok(store_key(state, &owner, key, ctx.now)))
}

fn is_owner(ctx: &Ctx, key: &ApiKey) -> bool {
    key.username == ctx.authn.username && key.realm == ctx.authn.realm.0
}

/// Whether a get/invalidate request only targets the caller's own keys.
fn own_request(
    ctx: &Ctx,
    owner: bool,
    username: Option<&str>,
    realm: Option<&str>,
    ids: &[String],
) -> bool {
    if owner {
        return true;
    }
    if let AuthKind::ApiKey { id, .. } = &ctx.authn.kind {
        if ids.len() == 1 && &ids[0] == id && username.is_none() && realm.is_none() {
            return true;
        }
    }
    username == Some(ctx.authn.username.as_str()) && realm == Some(ctx.authn.realm.0.as_str())
}

fn name_matches(pattern: &str, name: &str) -> bool {
    match pattern.strip_suffix('*') {
        _ if pattern == "*" => true,
        Some(prefix) => name.starts_with(prefix),
        None => name == pattern,
    }
}

/// GET /_security/api_key
pub(crate) fn get_api_key(state: &mut State, ctx: &Ctx) -> Outcome {
    let id = ctx.query("id").filter(|s| !s.is_empty());
    let name = ctx.query("name").filter(|s| !s.is_empty());
    let username = ctx.query("username").filter(|s| !s.is_empty());
    let realm = ctx.query("realm_name").filter(|s| !s.is_empty());
    let owner = ctx.query_bool("owner", false)?;
    let with_limited_by = ctx.query_bool("with_limited_by", false)?;
    let active_only = ctx.query_bool("active_only", false)?;
    ctx.query_bool("with_profile_uid", false)?;
    let mut errors = Vec::new();
    if (id.is_some() || name.is_some()) && (username.is_some() || realm.is_some()) {
        errors.push("username or realm name must not be specified when the api key id or api key name is specified".to_owned());
    }
    if owner && (username.is_some() || realm.is_some()) {
        errors.push(
            "neither username nor realm-name may be specified when retrieving owned API keys"
                .to_owned(),
        );
    }
    if id.is_some() && name.is_some() {
        errors.push("only one of [api key id, api key name] can be specified".to_owned());
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    let ids: Vec<String> = id.map(|i| vec![i.to_owned()]).unwrap_or_default();
    let own = own_request(ctx, owner, username, realm, &ids);
    ctx.require(state, ACTION_GET, own)?;
    let restrict_to_owner = own && !ctx.permission(state).allows_action(ACTION_GET, false) || owner;
    let keys: Vec<Value> = state
        .api_keys
        .values()
        .filter(|k| id.is_none_or(|i| k.id == i))
        .filter(|k| name.is_none_or(|n| name_matches(n, &k.name)))
        .filter(|k| username.is_none_or(|u| k.username == u))
        .filter(|k| realm.is_none_or(|r| k.realm == r))
        .filter(|k| !restrict_to_owner || is_owner(ctx, k))
        .filter(|k| !active_only || (!k.invalidated && !k.expired(ctx.now)))
        .map(|k| (k.seq, k.to_json(with_limited_by)))
        .collect::<std::collections::BTreeMap<_, _>>()
        .into_values()
        .collect();
    Ok(Reply::ok(json!({"api_keys": keys})))
}

/// DELETE /_security/api_key
pub(crate) fn invalidate_api_key(state: &mut State, ctx: &Ctx) -> Outcome {
    let body = ctx.body();
    const PARSER: &str = "invalidate_api_key_request";
    strict(
        body,
        &["id", "ids", "name", "owner", "realm_name", "username"],
        PARSER,
    )?;
    let id = opt_string(body, "id", PARSER)?;
    let ids_field = opt_strings(body, "ids", PARSER)?;
    let name = opt_string(body, "name", PARSER)?.filter(|s| !s.is_empty());
    let owner = opt_bool(body, "owner", PARSER)?.unwrap_or(false);
    let realm = opt_string(body, "realm_name", PARSER)?.filter(|s| !s.is_empty());
    let username = opt_string(body, "username", PARSER)?.filter(|s| !s.is_empty());
    let mut errors = Vec::new();
    if id.is_some() && ids_field.is_some() {
        errors.push("Must use either [id] or [ids], not both at the same time".to_owned());
    }
    let ids: Vec<String> = ids_field.or(id.map(|i| vec![i])).unwrap_or_default();
    if ids.iter().any(String::is_empty) {
        errors.push("Field [ids] must not contain blank id".to_owned());
    }
    if !owner && ids.is_empty() && name.is_none() && realm.is_none() && username.is_none() {
        errors.push("One of [api key id(s), api key name, username, realm name] must be specified if [owner] flag is false".to_owned());
    }
    if (!ids.is_empty() || name.is_some()) && (username.is_some() || realm.is_some()) {
        errors.push("username or realm name must not be specified when the api key id(s) or api key name are specified".to_owned());
    }
    if owner && (username.is_some() || realm.is_some()) {
        errors.push(
            "neither username nor realm-name may be specified when invalidating owned API keys"
                .to_owned(),
        );
    }
    if !ids.is_empty() && name.is_some() {
        errors.push("only one of [api key id(s), api key name] can be specified".to_owned());
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    let own = own_request(ctx, owner, username.as_deref(), realm.as_deref(), &ids);
    ctx.require(state, ACTION_INVALIDATE, own)?;
    let restrict_to_owner = (own
        && !ctx
            .permission(state)
            .allows_action(ACTION_INVALIDATE, false))
        || owner;
    let self_id = match &ctx.authn.kind {
        AuthKind::ApiKey { id, .. } => Some(id.clone()),
        _ => None,
    };
    let mut invalidated = Vec::new();
    for key in state.api_keys.values_mut() {
        let selected = (ids.is_empty() || ids.contains(&key.id))
            && name.as_deref().is_none_or(|n| name_matches(n, &key.name))
            && username.as_deref().is_none_or(|u| key.username == u)
            && realm.as_deref().is_none_or(|r| key.realm == r)
            && (!restrict_to_owner
                || (key.username == ctx.authn.username && key.realm == ctx.authn.realm.0)
                || self_id.as_deref() == Some(key.id.as_str()));
        // Like Elasticsearch, only keys that are still valid are found and invalidated.
        if selected && !key.invalidated {
            key.invalidated = true;
            key.invalidation = Some(ctx.now);
            invalidated.push((key.seq, key.id.clone()));
        }
    }
    invalidated.sort();
    let ids: Vec<String> = invalidated.into_iter().map(|(_, id)| id).collect();
    Ok(Reply::ok(json!({
        "invalidated_api_keys": ids,
        "previously_invalidated_api_keys": [],
        "error_count": 0,
    })))
}

/// The fields of update and bulk update.
struct Update {
    role_descriptors: Option<Map<String, Value>>,
    metadata: Option<Map<String, Value>>,
    expiration: Option<i64>,
}

fn parse_update(
    body: &Value,
    parser: &str,
    extra: &[&str],
    version: EsVersion,
) -> Result<Update, Reply> {
    let mut allowed = vec!["role_descriptors", "metadata", "expiration"];
    allowed.extend_from_slice(extra);
    strict(body, &allowed, parser)?;
    let mut errors = Vec::new();
    let role_descriptors = match &body["role_descriptors"] {
        Value::Null => None,
        v => Some(crate::descriptors::parse_map(v, version, &mut errors)?),
    };
    let metadata = opt_object(body, "metadata", parser)?;
    if metadata
        .as_ref()
        .is_some_and(|m| m.keys().any(|k| k.starts_with('_')))
    {
        errors.push("API key metadata keys may not start with [_]".to_owned());
    }
    let expiration = expiration(body, parser)?;
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    Ok(Update {
        role_descriptors,
        metadata,
        expiration,
    })
}

/// Updates one key of the caller; `Ok(true)` when something changed.
fn update_one(state: &mut State, ctx: &Ctx, id: &str, update: &Update) -> Result<bool, Reply> {
    let limited_by = owner_descriptors(state, &ctx.authn);
    let missing = || {
        not_found(format!(
            "no API key owned by requesting user found for ID [{id}]"
        ))
    };
    let Some(key) = state.api_keys.get_mut(id) else {
        return Err(missing());
    };
    if !(key.username == ctx.authn.username && key.realm == ctx.authn.realm.0) {
        return Err(missing());
    }
    if key.key_type != "rest" {
        return Err(illegal_argument(format!(
            "cannot update API key of type [{}] while expected type is [rest]",
            key.key_type
        )));
    }
    if key.invalidated {
        return Err(illegal_argument(format!(
            "cannot update invalidated API key [{id}]"
        )));
    }
    if key.expired(ctx.now) {
        return Err(illegal_argument(format!(
            "cannot update expired API key [{id}]"
        )));
    }
    let mut changed = false;
    if let Some(rd) = &update.role_descriptors {
        changed |= &key.role_descriptors != rd;
        key.role_descriptors = rd.clone();
    }
    if let Some(m) = &update.metadata {
        changed |= &key.metadata != m;
        key.metadata = m.clone();
    }
    if let Some(ms) = update.expiration {
        changed = true;
        key.expiration = Some(ctx.now.saturating_add(ms));
    }
    changed |= key.limited_by != limited_by;
    key.limited_by = limited_by;
    Ok(changed)
}

fn no_api_key_updates(ctx: &Ctx) -> Result<(), Reply> {
    if ctx.authn.is_api_key() {
        return Err(illegal_argument(
            "authentication via API key not supported: only the owner user can update an API key",
        ));
    }
    Ok(())
}

/// PUT /_security/api_key/{id}
pub(crate) fn update_api_key(state: &mut State, ctx: &Ctx) -> Outcome {
    let update = parse_update(ctx.body(), "update_api_key_request", &[], ctx.version())?;
    ctx.require(state, ACTION_UPDATE, true)?;
    no_api_key_updates(ctx)?;
    let id = ctx.param("id").to_owned();
    let updated = update_one(state, ctx, &id, &update)?;
    Ok(Reply::ok(json!({"updated": updated})))
}

/// POST /_security/api_key/_bulk_update
pub(crate) fn bulk_update_api_keys(state: &mut State, ctx: &Ctx) -> Outcome {
    const PARSER: &str = "bulk_update_api_key_request";
    let update = parse_update(ctx.body(), PARSER, &["ids"], ctx.version())?;
    let ids = opt_strings(ctx.body(), "ids", PARSER)?.unwrap_or_default();
    if ids.is_empty() {
        return Err(validation(&["Field [ids] cannot be empty".to_owned()]));
    }
    ctx.require(state, ACTION_UPDATE, true)?;
    no_api_key_updates(ctx)?;
    let mut updated = Vec::new();
    let mut noops = Vec::new();
    let mut details = Map::new();
    for id in &ids {
        match update_one(state, ctx, id, &update) {
            Ok(true) => updated.push(id.clone()),
            Ok(false) => noops.push(id.clone()),
            Err(reply) => {
                let error = reply
                    .body
                    .as_ref()
                    .map(|b| b["error"].clone())
                    .unwrap_or(Value::Null);
                details.insert(
                    id.clone(),
                    json!({"type": error["type"], "reason": error["reason"]}),
                );
            }
        }
    }
    let mut out = json!({"updated": updated, "noops": noops});
    if !details.is_empty() {
        out["errors"] = json!({"count": details.len(), "details": details});
    }
    Ok(Reply::ok(out))
}

/// POST /_security/api_key/grant
pub(crate) fn grant_api_key(state: &mut State, ctx: &Ctx) -> Outcome {
    let body = ctx.body();
    const PARSER: &str = "grant_api_key_request";
    strict(
        body,
        &[
            "grant_type",
            "username",
            "password",
            "access_token",
            "run_as",
            "api_key",
        ],
        PARSER,
    )?;
    let grant_type = opt_string(body, "grant_type", PARSER)?;
    let username = opt_string(body, "username", PARSER)?;
    let password = opt_string(body, "password", PARSER)?;
    let access_token = opt_string(body, "access_token", PARSER)?;
    let key = parse_new_key(&body["api_key"], "api_key_request", ctx.version())?;
    let mut errors = Vec::new();
    match grant_type.as_deref() {
        Some("password") => {
            if username.is_none() {
                errors.push("[username] is required for grant_type [password]".to_owned());
            }
            if password.is_none() {
                errors.push("[password] is required for grant_type [password]".to_owned());
            }
            if access_token.is_some() {
                errors.push("[access_token] is not supported for grant_type [password]".to_owned());
            }
        }
        Some("access_token") => {
            if access_token.is_none() {
                errors.push("[access_token] is required for grant_type [access_token]".to_owned());
            }
            if username.is_some() {
                errors.push("[username] is not supported for grant_type [access_token]".to_owned());
            }
            if password.is_some() {
                errors.push("[password] is not supported for grant_type [access_token]".to_owned());
            }
        }
        None => errors.push("[grant_type] is required".to_owned()),
        Some(other) => errors.push(format!("grant_type [{other}] is not supported")),
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    ctx.require(state, ACTION_GRANT, false)?;
    if !body["run_as"].is_null() {
        return Err(not_emulated(
            "run-as",
            "[run_as] in grant_api_key is not supported",
        ));
    }
    let grantee = if let Some(access_token) = access_token {
        match state.tokens.get(&access_token) {
            Some(t) if !t.invalidated && t.expires > ctx.now => t.authn.clone(),
            Some(_) => return Err(EsError::new(401, "security_exception", "token expired").reply()),
            None => {
                return Err(unauthorized(format!(
                    "unable to authenticate user for action [{ACTION_GRANT}]"
                ))
                .reply())
            }
        }
    } else {
        let username = username.unwrap_or_default();
        match check_password(state, &username, password.as_deref().unwrap_or_default()) {
            Some(user) => Authn::of_user(user),
            None => {
                return Err(unauthorized(format!(
                    "unable to authenticate user [{username}] for action [{ACTION_GRANT}]"
                ))
                .reply())
            }
        }
    };
    Ok(Reply::ok(store_key(state, &grantee, key, ctx.now)))
}

/// GET|POST /_security/_query/api_key
pub(crate) fn query_api_keys(state: &mut State, ctx: &Ctx) -> Outcome {
    let with_limited_by = ctx.query_bool("with_limited_by", false)?;
    ctx.query_bool("with_profile_uid", false)?;
    ctx.query_bool("typed_keys", false)?;
    let permission = ctx.permission(state);
    let all = permission.allows_action(ACTION_QUERY, false);
    if !all && !permission.allows_action(ACTION_QUERY, true) {
        return Err(ctx.unauthorized_action(ACTION_QUERY));
    }
    let spec = crate::query::Spec {
        what: "API key",
        fields: &[
            "name",
            "type",
            "creation",
            "expiration",
            "invalidated",
            "invalidation",
            "username",
            "realm_name",
        ],
        date_fields: &["creation", "expiration", "invalidation"],
        allow_metadata: true,
    };
    let mut keys: Vec<&ApiKey> = state
        .api_keys
        .values()
        .filter(|k| all || is_owner(ctx, k))
        .collect();
    keys.sort_by_key(|k| k.seq);
    let docs: Vec<(Value, Value)> = keys
        .iter()
        .map(|k| {
            let doc = json!({
                "_id": k.id,
                "name": k.name,
                "type": "rest",
                "creation": k.creation,
                "expiration": k.expiration,
                "invalidated": k.invalidated,
                "invalidation": k.invalidation,
                "username": k.username,
                "realm_name": k.realm,
                "metadata": k.metadata,
            });
            (doc, k.to_json(with_limited_by))
        })
        .collect();
    let (total, page) = crate::query::search(&spec, docs, ctx.body(), ctx.now)?;
    Ok(Reply::ok(
        json!({"total": total, "count": page.len(), "api_keys": page}),
    ))
}

const ACTION_CC_CREATE: &str = "cluster:admin/xpack/security/cross_cluster/api_key/create";
const ACTION_CC_UPDATE: &str = "cluster:admin/xpack/security/cross_cluster/api_key/update";

/// The `access` of a cross-cluster API key, and the `cross_cluster` role descriptor
/// Elasticsearch derives from it.
fn parse_access(value: &Value) -> Result<(Value, Value), Reply> {
    const PARSER: &str = "cross_cluster_api_key_request_access";
    let Some(obj) = value.as_object() else {
        return Err(x_content_parse(format!(
            "[{PARSER}] access doesn't support values of type: {}",
            crate::descriptors::kind(value)
        )));
    };
    strict(value, &["search", "replication"], PARSER)?;
    let mut indices = Vec::new();
    let mut cluster = Vec::new();
    let mut access = Map::new();
    for (field, privileges, allowed) in [
        (
            "search",
            vec!["read", "read_cross_cluster", "view_index_metadata"],
            &[
                "names",
                "query",
                "field_security",
                "allow_restricted_indices",
            ][..],
        ),
        (
            "replication",
            vec![
                "cross_cluster_replication",
                "cross_cluster_replication_internal",
            ],
            &["names"][..],
        ),
    ] {
        let Some(entries) = obj.get(field).filter(|v| !v.is_null()) else {
            continue;
        };
        let Some(entries) = entries.as_array() else {
            return Err(x_content_parse(format!(
                "[{PARSER}] {field} doesn't support values of type: {}",
                crate::descriptors::kind(entries)
            )));
        };
        let mut kept = Vec::new();
        for entry in entries {
            strict(
                entry,
                allowed,
                &format!("cross_cluster_api_key_request_{field}"),
            )?;
            let names = opt_strings(entry, "names", PARSER)?.unwrap_or_default();
            if names.is_empty() {
                return Err(validation(&[format!(
                    "[names] of [{field}] access must not be empty"
                )]));
            }
            let mut group = Map::new();
            group.insert("names".into(), json!(names));
            group.insert("privileges".into(), json!(privileges));
            if let Some(q) = entry.get("query").filter(|q| !q.is_null()) {
                group.insert("query".into(), q.clone());
            }
            if let Some(fs) = entry.get("field_security").filter(|f| !f.is_null()) {
                group.insert("field_security".into(), fs.clone());
            }
            group.insert(
                "allow_restricted_indices".into(),
                entry
                    .get("allow_restricted_indices")
                    .cloned()
                    .unwrap_or(json!(false)),
            );
            indices.push(Value::Object(group));
            kept.push(entry.clone());
        }
        if !kept.is_empty() {
            cluster.push(format!("cross_cluster_{field}"));
            access.insert(field.to_owned(), Value::Array(kept));
        }
    }
    if access.is_empty() {
        return Err(validation(&[
            "must specify non-empty access for either [search] or [replication]".to_owned(),
        ]));
    }
    let descriptor = json!({
        "cluster": cluster,
        "indices": indices,
        "applications": [],
        "run_as": [],
        "metadata": {},
        "transient_metadata": {"enabled": true},
    });
    Ok((Value::Object(access), descriptor))
}

/// The body fields of the cross-cluster key APIs: `certificate_identity` from 9.3.
fn cross_cluster_fields(ctx: &Ctx, create: bool) -> Vec<&'static str> {
    let mut fields = vec!["expiration", "access", "metadata"];
    if create {
        fields.push("name");
    }
    if ctx.version().has((9, 3)) {
        fields.push("certificate_identity");
    }
    fields
}

/// Cross-cluster API keys are managed by users (not API keys) with `manage_security`.
fn cross_cluster_caller(state: &State, ctx: &Ctx, action: &str) -> Result<(), Reply> {
    ctx.require(state, action, false)?;
    if ctx.authn.is_api_key() {
        return Err(illegal_argument(
            "authentication via API key not supported: An API key cannot be used to manage cross-cluster API keys",
        ));
    }
    Ok(())
}

/// POST /_security/cross_cluster/api_key
pub(crate) fn create_cross_cluster_api_key(state: &mut State, ctx: &Ctx) -> Outcome {
    const PARSER: &str = "cross_cluster_api_key_request";
    let body = ctx.body();
    strict(body, &cross_cluster_fields(ctx, true), PARSER)?;
    let identity = opt_string(body, "certificate_identity", PARSER)?;
    if body["access"].is_null() {
        return Err(x_content_parse(format!(
            "[{PARSER}] failed to parse object: required fields [access] missing"
        )));
    }
    let (access, descriptor) = parse_access(&body["access"])?;
    let without_access = {
        let mut b = body.clone();
        if let Some(m) = b.as_object_mut() {
            m.remove("access");
            m.remove("certificate_identity");
        }
        b
    };
    let key = parse_new_key(&without_access, PARSER, ctx.version())?;
    cross_cluster_caller(state, ctx, ACTION_CC_CREATE)?;
    let owner = ctx.authn.clone();
    let answer = store_key(state, &owner, key, ctx.now);
    if let Some(stored) = answer["id"]
        .as_str()
        .and_then(|id| state.api_keys.get_mut(id))
    {
        stored.key_type = "cross_cluster";
        stored.access = Some(access);
        stored.certificate_identity = identity;
        stored.limited_by = Map::new();
        stored.role_descriptors = Map::new();
        stored
            .role_descriptors
            .insert("cross_cluster".into(), descriptor);
    }
    Ok(Reply::ok(answer))
}

/// PUT /_security/cross_cluster/api_key/{id}
pub(crate) fn update_cross_cluster_api_key(state: &mut State, ctx: &Ctx) -> Outcome {
    const PARSER: &str = "cross_cluster_api_key_update_request";
    let body = ctx.body();
    strict(body, &cross_cluster_fields(ctx, false), PARSER)?;
    // Absent: unchanged; `null`: cleared; a string: replaced.
    let identity = match body.get("certificate_identity") {
        None => None,
        Some(_) => Some(opt_string(body, "certificate_identity", PARSER)?),
    };
    let access = match &body["access"] {
        Value::Null => None,
        v => Some(parse_access(v)?),
    };
    let metadata = opt_object(body, "metadata", PARSER)?;
    if metadata
        .as_ref()
        .is_some_and(|m| m.keys().any(|k| k.starts_with('_')))
    {
        return Err(validation(&[
            "API key metadata keys may not start with [_]".to_owned(),
        ]));
    }
    let expiration = expiration(body, PARSER)?;
    if access.is_none() && metadata.is_none() && expiration.is_none() && identity.is_none() {
        return Err(validation(&[
            "must update either [access] or [metadata] or [expiration] for cross-cluster API keys"
                .to_owned(),
        ]));
    }
    cross_cluster_caller(state, ctx, ACTION_CC_UPDATE)?;
    let id = ctx.param("id");
    let Some(key) = state
        .api_keys
        .get_mut(id)
        .filter(|k| k.username == ctx.authn.username && k.realm == ctx.authn.realm.0)
    else {
        return Err(not_found(format!(
            "no API key owned by requesting user found for ID [{id}]"
        )));
    };
    if key.key_type != "cross_cluster" {
        return Err(illegal_argument(format!(
            "cannot update API key of type [{}] while expected type is [cross_cluster]",
            key.key_type
        )));
    }
    if key.invalidated {
        return Err(illegal_argument(format!(
            "cannot update invalidated API key [{id}]"
        )));
    }
    if key.expired(ctx.now) {
        return Err(illegal_argument(format!(
            "cannot update expired API key [{id}]"
        )));
    }
    let mut updated = false;
    if let Some((access, descriptor)) = access {
        updated |= key.access.as_ref() != Some(&access);
        key.access = Some(access);
        key.role_descriptors = Map::new();
        key.role_descriptors
            .insert("cross_cluster".into(), descriptor);
    }
    if let Some(m) = metadata {
        updated |= key.metadata != m;
        key.metadata = m;
    }
    if let Some(ms) = expiration {
        updated = true;
        key.expiration = Some(ctx.now.saturating_add(ms));
    }
    if let Some(identity) = identity {
        updated |= key.certificate_identity != identity;
        key.certificate_identity = identity;
    }
    Ok(Reply::ok(json!({"updated": updated})))
}

/// POST|PUT /_security/api_key/clone (9.4+, experimental): a new key with the role
/// descriptors and limited-by descriptors of the key whose credential (`api_key`, the
/// `encoded` value) is given, owned by the same user.
pub(crate) fn clone_api_key(state: &mut State, ctx: &Ctx) -> Outcome {
    const PARSER: &str = "clone_api_key_request";
    let body = ctx.body();
    strict(body, &["api_key", "name", "expiration", "metadata"], PARSER)?;
    let credential = opt_string(body, "api_key", PARSER)?;
    let name = opt_string(body, "name", PARSER)?;
    let metadata = opt_object(body, "metadata", PARSER)?;
    let expiration = expiration(body, PARSER)?;
    let Some(credential) = credential.filter(|c| !c.is_empty()) else {
        return Err(validation(&["[api_key] is required".to_owned()]));
    };
    if metadata
        .as_ref()
        .is_some_and(|m| m.keys().any(|k| k.starts_with('_')))
    {
        return Err(validation(&[
            "API key metadata keys may not start with [_]".to_owned(),
        ]));
    }
    ctx.require(state, ACTION_CREATE, true)?;
    let source = crate::util::b64_decode(&credential)
        .and_then(|b| String::from_utf8(b).ok())
        .and_then(|d| {
            let (id, secret) = d.split_once(':')?;
            state
                .api_keys
                .get(id)
                .filter(|k| k.secret == secret && k.key_type == "rest")
                .filter(|k| !k.invalidated && !k.expired(ctx.now))
                .cloned()
        });
    let Some(source) = source else {
        return Err(unauthorized(format!(
            "unable to authenticate the API key to clone for action [{ACTION_CREATE}]"
        ))
        .reply());
    };
    let id = random_id(15);
    let secret = random_id(16);
    let expiration = expiration.map(|ms| ctx.now.saturating_add(ms));
    let name = name.unwrap_or_else(|| source.name.clone());
    state.api_key_seq += 1;
    let mut key = source.clone();
    key.id = id.clone();
    key.name = name.clone();
    key.secret = secret.clone();
    key.creation = ctx.now;
    key.expiration = expiration;
    key.invalidated = false;
    key.invalidation = None;
    key.metadata = metadata.unwrap_or_default();
    key.seq = state.api_key_seq;
    state.api_keys.insert(id.clone(), key);
    let mut out = json!({"id": id, "name": name});
    if let Some(exp) = expiration {
        out["expiration"] = json!(exp);
    }
    out["api_key"] = json!(secret);
    out["encoded"] = json!(b64(format!("{id}:{secret}")));
    Ok(Reply::ok(out))
}
