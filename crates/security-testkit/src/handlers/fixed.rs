//! Endpoints with nothing to emulate: fixed, realistic answers (cache clears, built-in
//! privileges, node enrollment, security settings, `GET /`).

use crate::dispatch::Ctx;
use crate::error::{Outcome, Reply};
use crate::store::State;
use serde_json::{json, Value};

/// A base64 DER-looking placeholder for certificate and key material. It is not a usable
/// certificate: this server speaks plain HTTP.
pub(crate) const FAKE_CERTIFICATE: &str = "MIIDSjCCAjKgAwIBAgIVAJQLm8V2LcaCTHUcoIfO+KL63nG3MA0GCSqGSIb3DQEBCwUAMDQxMjAwBgNVBAMTKUVsYXN0aWMgQ2VydGlmaWNhdGUgVG9vbCBBdXRvZ2VuZXJhdGVkIENBMB4XDTIxMDQyODEyNTY0MVoXDTI0MDQyNzEyNTY0MVowNDEyMDAGA1UEAxMpc2VjdXJpdHktdGVzdGtpdCBwbGFjZWhvbGRlciwgbm90IGEgcmVhbCBDQQ==";

/// GET|HEAD /
pub(crate) fn info(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(state, "cluster:monitor/main", false)?;
    Ok(Reply::ok(json!({
        "name": "security-testkit",
        "cluster_name": ctx.cluster_name(),
        "cluster_uuid": ctx.shared.node_id,
        "version": {
            "number": "8.14.3",
            "build_flavor": "default",
            "build_type": "security-testkit",
            "build_hash": "security-testkit",
            "build_date": "2024-07-07T22:04:49.882652950Z",
            "build_snapshot": false,
            "lucene_version": "9.10.0",
            "minimum_wire_compatibility_version": "7.17.0",
            "minimum_index_compatibility_version": "7.0.0"
        },
        "tagline": "You Know, for Search"
    })))
}

fn nodes(ctx: &Ctx) -> Value {
    let mut nodes = serde_json::Map::new();
    nodes.insert(
        ctx.shared.node_id.clone(),
        json!({"name": "security-testkit"}),
    );
    json!({
        "_nodes": {"total": 1, "successful": 1, "failed": 0},
        "cluster_name": ctx.cluster_name(),
        "nodes": nodes,
    })
}

/// POST /_security/realm/{realms}/_clear_cache
pub(crate) fn clear_cached_realms(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/realm/cache/clear",
        false,
    )?;
    Ok(Reply::ok(nodes(ctx)))
}

/// POST /_security/role/{name}/_clear_cache
pub(crate) fn clear_cached_roles(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/roles/cache/clear",
        false,
    )?;
    Ok(Reply::ok(nodes(ctx)))
}

/// POST /_security/privilege/{application}/_clear_cache
pub(crate) fn clear_cached_privileges(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/privilege/cache/clear",
        false,
    )?;
    Ok(Reply::ok(nodes(ctx)))
}

/// POST /_security/api_key/{ids}/_clear_cache
pub(crate) fn clear_api_key_cache(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/api_key/cache/clear",
        false,
    )?;
    Ok(Reply::ok(nodes(ctx)))
}

/// POST /_security/service/{namespace}/{service}/credential/token/{name}/_clear_cache
pub(crate) fn clear_cached_service_tokens(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/service_account/token/cache/clear",
        false,
    )?;
    Ok(Reply::ok(nodes(ctx)))
}

/// GET /_security/privilege/_builtin
pub(crate) fn get_builtin_privileges(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(
        state,
        "cluster:admin/xpack/security/privilege/builtin/get",
        false,
    )?;
    Ok(Reply::ok(json!({
        "cluster": crate::authz::cluster_privilege_names(),
        "index": crate::authz::index_privilege_names(),
    })))
}

/// GET /_security/enroll/node
pub(crate) fn enroll_node(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(state, "cluster:admin/xpack/security/enroll/node", false)?;
    Ok(Reply::ok(json!({
        "http_ca_key": FAKE_CERTIFICATE,
        "http_ca_cert": FAKE_CERTIFICATE,
        "transport_ca_cert": FAKE_CERTIFICATE,
        "transport_key": FAKE_CERTIFICATE,
        "transport_cert": FAKE_CERTIFICATE,
        "nodes_addresses": ["127.0.0.1:9300"],
    })))
}

/// GET /_security/settings
pub(crate) fn get_settings(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(state, "cluster:admin/xpack/security/settings/get", false)?;
    let index = json!({"index": {"auto_expand_replicas": "0-1", "number_of_replicas": "0"}});
    Ok(Reply::ok(json!({
        "security": index,
        "security-profile": index,
        "security-tokens": index,
    })))
}
