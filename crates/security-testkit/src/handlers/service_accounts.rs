//! Service accounts and their index tokens; enroll_kibana (which creates such a token).

use crate::dispatch::Ctx;
use crate::error::{illegal_argument, validation, EsError, Outcome, Reply};
use crate::store::{service_account_descriptor, ServiceToken, State, SERVICE_ACCOUNTS};
use crate::util::random_id;
use base64::Engine as _;
use serde_json::{json, Map, Value};

/// GET /_security/service[/{namespace}[/{service}]]
pub(crate) fn get_service_accounts(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/service_account/get",
        false,
    )?;
    let namespace = ctx.param("namespace");
    let service = ctx.param("service");
    let mut out = Map::new();
    for account in SERVICE_ACCOUNTS {
        let (ns, svc) = account.split_once('/').unwrap_or((account, ""));
        if (namespace.is_empty() || ns == namespace) && (service.is_empty() || svc == service) {
            if let Some(d) = service_account_descriptor(account) {
                out.insert((*account).to_owned(), json!({"role_descriptor": d}));
            }
        }
    }
    Ok(Reply::ok(Value::Object(out)))
}

fn account(ctx: &Ctx) -> Result<String, Reply> {
    let account = format!("{}/{}", ctx.param("namespace"), ctx.param("service"));
    if service_account_descriptor(&account).is_none() {
        return Err(illegal_argument(format!(
            "service account [{account}] does not exist"
        )));
    }
    Ok(account)
}

/// GET /_security/service/{namespace}/{service}/credential
pub(crate) fn get_service_credentials(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/service_account/credential/get",
        false,
    )?;
    let account = account(ctx)?;
    let tokens: Map<String, Value> = state
        .service_tokens
        .keys()
        .filter(|(a, _)| *a == account)
        .map(|(_, name)| (name.clone(), json!({})))
        .collect();
    Ok(Reply::ok(json!({
        "service_account": account,
        "count": tokens.len(),
        "tokens": tokens,
        "nodes_credentials": {
            "_nodes": {"total": 1, "successful": 1, "failed": 0},
            "file_tokens": {}
        }
    })))
}

/// Creates a token in the store; returns its value.
pub(crate) fn new_token(state: &mut State, account: &str, name: &str) -> String {
    let secret = random_id(16);
    let mut bytes = vec![0u8, 1, 0, 1];
    bytes.extend_from_slice(format!("{account}/{name}:{secret}").as_bytes());
    state.service_tokens.insert(
        (account.to_owned(), name.to_owned()),
        ServiceToken { secret },
    );
    base64::engine::general_purpose::STANDARD_NO_PAD.encode(bytes)
}

fn valid_token_name(name: &str) -> bool {
    (1..=256).contains(&name.len())
        && !name.starts_with('_')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// PUT|POST /_security/service/{namespace}/{service}/credential/token[/{name}]
pub(crate) fn create_service_token(state: &mut State, ctx: &Ctx) -> Outcome {
    let name = if ctx.has_param("name") {
        ctx.param("name").to_owned()
    } else {
        format!("token_{}", random_id(15))
    };
    if !valid_token_name(&name) {
        return Err(validation(&[format!(
            "service account token name must have at least 1 character and at most 256 characters that are alphanumeric (A-Z, a-z, 0-9) or hyphen (-) or underscore (_). It must not begin with an underscore (_). (found '{name}')"
        )]));
    }
    ctx.require(
        state,
        "cluster:admin/xpack/security/service_account/token/create",
        false,
    )?;
    let account = account(ctx)?;
    if state
        .service_tokens
        .contains_key(&(account.clone(), name.clone()))
    {
        return Err(EsError::new(
            409,
            "version_conflict_engine_exception",
            format!("[service_account_token-{account}/{name}]: version conflict, document already exists (current version [1])"),
        )
        .field("index_uuid", "security-testkit-index-uuid")
        .field("shard", "0")
        .field("index", ".security-7")
        .reply());
    }
    let value = new_token(state, &account, &name);
    Ok(Reply::ok(
        json!({"created": true, "token": {"name": name, "value": value}}),
    ))
}

/// DELETE /_security/service/{namespace}/{service}/credential/token/{name}
pub(crate) fn delete_service_token(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/service_account/token/delete",
        false,
    )?;
    let key = (
        format!("{}/{}", ctx.param("namespace"), ctx.param("service")),
        ctx.param("name").to_owned(),
    );
    match state.service_tokens.remove(&key) {
        Some(_) => Ok(Reply::ok(json!({"found": true}))),
        None => Err(Reply::with_status(404, json!({"found": false}))),
    }
}

/// GET /_security/enroll/kibana: a real `elastic/kibana` service token, and a fixed CA.
pub(crate) fn enroll_kibana(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(state, "cluster:admin/xpack/security/enroll/kibana", false)?;
    let name = format!("enroll-process-token-{}", ctx.now);
    let value = new_token(state, "elastic/kibana", &name);
    Ok(Reply::ok(json!({
        "token": {"name": name, "value": value},
        "http_ca": super::fixed::FAKE_CERTIFICATE,
    })))
}
