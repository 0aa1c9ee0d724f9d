//! Endpoints with nothing to emulate: fixed, realistic answers (cache clears, built-in
//! privileges, node enrollment, `GET /`), the security index settings and the stats.

use crate::dispatch::Ctx;
use crate::error::{Outcome, Reply};
use crate::store::{State, SECURITY_INDICES};
use crate::EsVersion;
use serde_json::{json, Value};

/// A base64 DER-looking placeholder for certificate and key material. It is not a usable
/// certificate: this server speaks plain HTTP.
pub(crate) const FAKE_CERTIFICATE: &str = "MIIDSjCCAjKgAwIBAgIVAJQLm8V2LcaCTHUcoIfO+KL63nG3MA0GCSqGSIb3DQEBCwUAMDQxMjAwBgNVBAMTKUVsYXN0aWMgQ2VydGlmaWNhdGUgVG9vbCBBdXRvZ2VuZXJhdGVkIENBMB4XDTIxMDQyODEyNTY0MVoXDTI0MDQyNzEyNTY0MVowNDEyMDAGA1UEAxMpc2VjdXJpdHktdGVzdGtpdCBwbGFjZWhvbGRlciwgbm90IGEgcmVhbCBDQQ==";

/// GET|HEAD /
pub(crate) fn info(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(state, "cluster:monitor/main", false)?;
    // Lucene and compatibility versions as the real releases report them; the build fields
    // say what this server is.
    let (lucene, wire, index, date) = match ctx.version() {
        EsVersion::V8_14 => (
            "9.10.0",
            "7.17.0",
            "7.0.0",
            "2024-07-07T22:04:49.882652950Z",
        ),
        EsVersion::V9_5 => (
            "10.3.2",
            "8.19.0",
            "8.0.0",
            "2026-08-19T00:00:00.000000000Z",
        ),
    };
    if ctx.serverless() {
        // What a serverless project answers: a fixed version that says nothing of its features.
        return Ok(Reply::ok(json!({
            "name": "serverless",
            "cluster_name": ctx.cluster_name(),
            "cluster_uuid": ctx.shared.node_id,
            "version": {
                "number": "8.11.0",
                "build_flavor": "serverless",
                "build_type": "docker",
                "build_hash": "00000000",
                "build_date": "2023-10-31",
                "build_snapshot": false,
                "lucene_version": "9.7.0",
                "minimum_wire_compatibility_version": "8.11.0",
                "minimum_index_compatibility_version": "8.11.0"
            },
            "tagline": "You Know, for Search"
        })));
    }
    Ok(Reply::ok(json!({
        "name": "security-testkit",
        "cluster_name": ctx.cluster_name(),
        "cluster_uuid": ctx.shared.node_id,
        "version": {
            "number": ctx.version().number(),
            "build_flavor": "default",
            "build_type": "security-testkit",
            "build_hash": "security-testkit",
            "build_date": date,
            "build_snapshot": false,
            "lucene_version": lucene,
            "minimum_wire_compatibility_version": wire,
            "minimum_index_compatibility_version": index
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
    let mut out = serde_json::Map::new();
    for (index, settings) in &state.index_settings {
        // Settings are shown nested, as Elasticsearch renders flattened names.
        let mut nested = json!({});
        for (name, value) in settings {
            let mut at = &mut nested;
            let parts: Vec<&str> = name.split('.').collect();
            for part in &parts[..parts.len() - 1] {
                if !at[*part].is_object() {
                    at[*part] = json!({});
                }
                at = &mut at[*part];
            }
            at[parts[parts.len() - 1]] = json!(value);
        }
        out.insert(index.clone(), nested);
    }
    Ok(Reply::ok(Value::Object(out)))
}

/// The settings update_settings may change.
const ALLOWED_SETTINGS: [&str; 2] = ["index.auto_expand_replicas", "index.number_of_replicas"];

/// Flattens `{"index": {"a": 1}}` to `index.a = "1"`, as Elasticsearch's `Settings` do.
fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let name = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&name, v, out);
            }
        }
        Value::String(s) => out.push((prefix.to_owned(), s.clone())),
        Value::Null => out.push((prefix.to_owned(), String::new())),
        other => out.push((prefix.to_owned(), other.to_string())),
    }
}

/// PUT /_security/settings: the replica settings of the three security indices.
pub(crate) fn update_settings(state: &mut State, ctx: &Ctx) -> Outcome {
    const PARSER: &str = "update_security_settings_request";
    let body = ctx.body();
    for key in body.as_object().into_iter().flat_map(|m| m.keys()) {
        if !SECURITY_INDICES.contains(&key.as_str()) {
            return Err(crate::error::x_content_parse(format!(
                "[{PARSER}] unknown field [{key}]"
            )));
        }
    }
    let mut updates: Vec<(&str, Vec<(String, String)>)> = Vec::new();
    let mut errors = Vec::new();
    for index in SECURITY_INDICES {
        let value = &body[index];
        if value.is_null() {
            continue;
        }
        if !value.is_object() {
            return Err(crate::error::x_content_parse(format!(
                "[{PARSER}] {index} doesn't support values of type: {}",
                crate::descriptors::kind(value)
            )));
        }
        let mut flat = Vec::new();
        flatten("", value, &mut flat);
        let forbidden: Vec<&str> = flat
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(|k| !ALLOWED_SETTINGS.contains(k))
            .collect();
        if !forbidden.is_empty() {
            errors.push(format!(
                "illegal settings for index [{index}]: [{}], these settings may not be configured. Only the following settings may be configured for that index: [{}]",
                forbidden.join(", "),
                ALLOWED_SETTINGS.join(", ")
            ));
        }
        updates.push((index, flat));
    }
    if !errors.is_empty() {
        return Err(crate::error::validation(&errors));
    }
    if updates.iter().all(|(_, flat)| flat.is_empty()) {
        return Err(crate::error::validation(&[
            "No settings given to update".to_owned()
        ]));
    }
    ctx.require(state, "cluster:admin/xpack/security/settings/update", false)?;
    for (index, flat) in updates {
        let settings = state.index_settings.entry(index.to_owned()).or_default();
        for (name, value) in flat {
            if value.is_empty() {
                settings.remove(&name);
            } else {
                settings.insert(name, value);
            }
        }
    }
    Ok(Reply::ok(json!({"acknowledged": true})))
}

/// GET /_security/stats (9.2+): the document-level-security cache of the one node; this
/// server has no documents, so the cache stays empty.
pub(crate) fn get_stats(state: &mut State, ctx: &Ctx) -> Outcome {
    ctx.require(state, "cluster:monitor/xpack/security/stats", false)?;
    let mut nodes = serde_json::Map::new();
    nodes.insert(
        ctx.shared.node_id.clone(),
        json!({"roles": {"dls": {"bit_set_cache": {
            "count": 0,
            "memory": "0b",
            "memory_in_bytes": 0,
            "hits": 0,
            "misses": 0,
            "evictions": 0,
            "hits_time_in_millis": 0,
            "misses_time_in_millis": 0
        }}}}),
    );
    Ok(Reply::ok(json!({ "nodes": nodes })))
}
