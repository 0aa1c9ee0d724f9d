//! Wire-exact requests and typed answers of the `api_keys` endpoints newer than 8.14:
//! bulk_update_api_keys, create_cross_cluster_api_key, update_cross_cluster_api_key and
//! clone_api_key, against the 9.5 specification and its documented examples.
#![cfg(feature = "api-keys")]

mod common;
use common::*;
use security_core::api_keys::*;
use security_core::types::api_keys::*;
use security_core::types::common::{
    FieldSecurity, IndicesPrivileges, IndicesPrivilegesQuery, Metadata, Nullable, Refresh,
    RoleDescriptor,
};
use security_core::{
    ApiKeyCredentials, BaseUrl, Credentials, Endpoint, Error, ServerTarget, ToCredentials, Version,
};
use serde_json::json;
use std::collections::BTreeMap;

fn meta(value: serde_json::Value) -> Metadata {
    match value {
        serde_json::Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn body_json(req: &http::Request<Vec<u8>>) -> serde_json::Value {
    serde_json::from_slice(req.body()).expect("a JSON body")
}

const COMMON_QUERY: &str = "error_trace=true&filter_path=a,b.c&human=true&pretty=true";

/// The documented request examples of an endpoint at 9.5, each with its `METHOD /path` line.
fn documented_requests(endpoint: &str) -> Vec<(String, serde_json::Value)> {
    examples(&spec_version("9.5"), endpoint, "request")
        .into_iter()
        .map(|e| {
            let value = e
                .value
                .unwrap_or_else(|err| panic!("{}: {err}", e.file.display()));
            (e.method_request.expect("method_request"), value)
        })
        .collect()
}

/// The documented answers of an endpoint at 9.5 (in `response/` or `200_response/`), as JSON
/// text.
fn documented_answers(endpoint: &str) -> Vec<String> {
    let dir = spec_version("9.5");
    let mut answers = examples(&dir, endpoint, "response");
    answers.extend(examples(&dir, endpoint, "200_response"));
    answers
        .into_iter()
        .map(|e| serde_json::to_string(e.value.as_ref().unwrap()).unwrap())
        .collect()
}

/// Asserts that a request is the documented one: method, path and JSON body.
#[track_caller]
fn assert_documented(req: &http::Request<Vec<u8>>, documented: &(String, serde_json::Value)) {
    let line = format!(
        "{} {}",
        req.method(),
        req.uri().path_and_query().unwrap().as_str()
    );
    assert_eq!(line, documented.0, "method and path");
    assert_eq!(body_json(req), documented.1, "body");
}

// ---------------------------------------------------------------------------------------------
// bulk_update_api_keys
// ---------------------------------------------------------------------------------------------

#[test]
fn bulk_update_api_keys_minimal() {
    assert_wire(
        &build(&BulkUpdateApiKeys::new(["VuaCfGcBCdbkQm-e5aOx"])),
        "POST",
        "/_security/api_key/_bulk_update",
        Some(json!({"ids": ["VuaCfGcBCdbkQm-e5aOx"]})),
    );
    // `ids` is `string | string[]`: one id goes as it was given.
    assert_wire(
        &build(&BulkUpdateApiKeys::new("VuaCfGcBCdbkQm-e5aOx")),
        "POST",
        "/_security/api_key/_bulk_update",
        Some(json!({"ids": "VuaCfGcBCdbkQm-e5aOx"})),
    );
}

#[test]
fn bulk_update_api_keys_all_parameters() {
    let req = build(
        &BulkUpdateApiKeys::new(["k 1", "k/2"])
            .role_descriptors(BTreeMap::from([(
                "role-a".to_owned(),
                RoleDescriptor {
                    indices: vec![IndicesPrivileges::new(["*"], ["write"])],
                    ..Default::default()
                },
            )]))
            .role_descriptor("role-b", RoleDescriptor::default())
            .metadata(meta(json!({"environment": {"level": 2}})))
            .expiration("30d")
            .error_trace(true)
            .filter_path(["a", "b.c"])
            .human(true)
            .pretty(true),
    );
    // Ids travel in the body: no percent-encoding.
    assert_wire(
        &req,
        "POST",
        &format!("/_security/api_key/_bulk_update?{COMMON_QUERY}"),
        Some(json!({
            "ids": ["k 1", "k/2"],
            "role_descriptors": {
                "role-a": {"indices": [{"names": ["*"], "privileges": ["write"]}]},
                "role-b": {}
            },
            "metadata": {"environment": {"level": 2}},
            "expiration": "30d"
        })),
    );
    assert_eq!(
        <BulkUpdateApiKeys as Endpoint>::SPEC.routes,
        ["POST /_security/api_key/_bulk_update"]
    );
}

#[test]
fn bulk_update_api_keys_matches_the_documented_requests() {
    let documented = documented_requests("security.bulk_update_api_keys");
    assert_eq!(documented.len(), 2);
    let ids = ["VuaCfGcBCdbkQm-e5aOx", "H3_AhoIBA9hmeQJdg7ij"];
    assert_documented(
        &build(
            &BulkUpdateApiKeys::new(ids)
                .role_descriptor(
                    "role-a",
                    RoleDescriptor {
                        indices: vec![IndicesPrivileges::new(["*"], ["write"])],
                        ..Default::default()
                    },
                )
                .metadata(meta(json!({"environment": {"level": 2, "trusted": true,
                    "tags": ["production"]}})))
                .expiration("30d"),
        ),
        &documented[0],
    );
    // An empty map removes the keys' role descriptors.
    assert_documented(
        &build(&BulkUpdateApiKeys::new(ids).role_descriptors(BTreeMap::new())),
        &documented[1],
    );
}

#[test]
fn bulk_update_api_keys_decodes_updates_noops_and_errors() {
    let answers = documented_answers("security.bulk_update_api_keys");
    assert_eq!(answers.len(), 1);
    let answer = decode::<BulkUpdateApiKeys>(&answers[0]);
    assert_eq!(
        answer.updated,
        ["VuaCfGcBCdbkQm-e5aOx", "H3_AhoIBA9hmeQJdg7ij"]
    );
    assert!(answer.noops.is_empty());
    assert!(answer.errors.is_none());

    // Per-key errors, as Elasticsearch reports a key that cannot be updated.
    let answer = decode::<BulkUpdateApiKeys>(
        r#"{"updated":[],"noops":["H3_AhoIBA9hmeQJdg7ij"],"errors":{"count":1,"details":
        {"VuaCfGcBCdbkQm-e5aOx":{"type":"illegal_argument_exception",
        "reason":"cannot update invalidated API key [VuaCfGcBCdbkQm-e5aOx]"}}},"new_field":1}"#,
    );
    assert_eq!(answer.noops, ["H3_AhoIBA9hmeQJdg7ij"]);
    let errors = answer.errors.unwrap();
    assert_eq!(errors.count, 1);
    let error = &errors.details["VuaCfGcBCdbkQm-e5aOx"];
    assert_eq!(error.error_type, "illegal_argument_exception");
    assert!(error.reason.as_deref().unwrap().contains("invalidated"));

    // `updated` and `noops` are required: an answer without them is not a success.
    assert!(BulkUpdateApiKeys::decode(es_response(200, "{}")).is_err());
}

// ---------------------------------------------------------------------------------------------
// create_cross_cluster_api_key
// ---------------------------------------------------------------------------------------------

#[test]
fn create_cross_cluster_api_key_minimal() {
    let access = CrossClusterAccess::new().search(SearchAccess::new(["logs*"]));
    assert_wire(
        &build(&CreateCrossClusterApiKey::new("my-cc-key", access)),
        "POST",
        "/_security/cross_cluster/api_key",
        Some(json!({"name": "my-cc-key", "access": {"search": [{"names": ["logs*"]}]}})),
    );
}

#[test]
fn create_cross_cluster_api_key_all_parameters() {
    let access = CrossClusterAccess::new()
        .search(
            SearchAccess::new(["logs-*", "metrics-*"])
                .field_security(FieldSecurity {
                    grant: Some(["message", "@timestamp"].into()),
                    except: None,
                })
                .query(IndicesPrivilegesQuery::Json(
                    r#"{"term":{"env":"prod"}}"#.to_owned(),
                ))
                .allow_restricted_indices(false),
        )
        .replication(ReplicationAccess::new(["archive*"]).allow_restricted_indices(true));
    let req = build(
        &CreateCrossClusterApiKey::new("cc key/1", access)
            .expiration("1d")
            .metadata(meta(json!({"description": "phase one"})))
            .certificate_identity("CN=remote-cluster,OU=es,O=example")
            .error_trace(true)
            .filter_path(["a", "b.c"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        &format!("/_security/cross_cluster/api_key?{COMMON_QUERY}"),
        Some(json!({
            "name": "cc key/1",
            "expiration": "1d",
            "access": {
                "search": [{
                    "names": ["logs-*", "metrics-*"],
                    "field_security": {"grant": ["message", "@timestamp"]},
                    "query": "{\"term\":{\"env\":\"prod\"}}",
                    "allow_restricted_indices": false
                }],
                "replication": [{"names": ["archive*"], "allow_restricted_indices": true}]
            },
            "metadata": {"description": "phase one"},
            "certificate_identity": "CN=remote-cluster,OU=es,O=example"
        })),
    );
}

#[test]
fn create_cross_cluster_api_key_matches_the_documented_request() {
    let documented = documented_requests("security.create_cross_cluster_api_key");
    assert_eq!(documented.len(), 1);
    let access = CrossClusterAccess::new()
        .search(SearchAccess::new(["logs*"]))
        .replication(ReplicationAccess::new(["archive*"]));
    assert_documented(
        &build(
            &CreateCrossClusterApiKey::new("my-cross-cluster-api-key", access)
                .expiration("1d")
                .metadata(meta(json!({"description": "phase one",
                    "environment": {"level": 1, "trusted": true, "tags": ["dev", "staging"]}}))),
        ),
        &documented[0],
    );
}

#[test]
fn create_cross_cluster_api_key_answer_holds_secrets_and_becomes_credentials() {
    // The answer of the reference documentation.
    let created = decode::<CreateCrossClusterApiKey>(
        r#"{"id":"VuaCfGcBCdbkQm-e5aOx","name":"my-cross-cluster-api-key","expiration":1544068612110,
        "api_key":"ui2lp2axTNmsyakw9tvNnw","encoded":"VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==",
        "new_field":true}"#,
    );
    assert_eq!(created.id, "VuaCfGcBCdbkQm-e5aOx");
    assert_eq!(created.name, "my-cross-cluster-api-key");
    assert_eq!(created.expiration, Some(1544068612110));
    assert_eq!(created.api_key.expose(), "ui2lp2axTNmsyakw9tvNnw");
    let credentials = created.to_credentials();
    assert_eq!(
        credentials,
        Credentials::api_key_encoded(
            "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="
        )
    );
    let shown = format!("{created:?} {credentials:?}");
    assert!(
        !shown.contains("ui2lp2ax") && !shown.contains("VnVhQ2ZH"),
        "{shown}"
    );
    // Without expiration.
    let created = decode::<CreateCrossClusterApiKey>(
        r#"{"id":"a","name":"b","api_key":"c","encoded":"YTpj"}"#,
    );
    assert_eq!(created.expiration, None);
}

#[test]
fn create_cross_cluster_api_key_documented_answer_is_another_endpoints() {
    // The 9.5 specification files create_service_token's answer (`created`, `token`) under
    // create_cross_cluster_api_key: it lacks every field of this endpoint's answer, and a
    // typed decode refuses it instead of inventing a key.
    let answers = documented_answers("security.create_cross_cluster_api_key");
    assert_eq!(answers.len(), 1);
    let documented: serde_json::Value = serde_json::from_str(&answers[0]).unwrap();
    assert!(documented["token"]["value"].is_string(), "{documented}");
    match CreateCrossClusterApiKey::decode(es_response(200, &answers[0])) {
        Err(Error::Decode { .. }) => {}
        other => panic!("expected a decode error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// update_cross_cluster_api_key
// ---------------------------------------------------------------------------------------------

#[test]
fn update_cross_cluster_api_key_minimal() {
    let access = CrossClusterAccess::new().replication(ReplicationAccess::new(["archive"]));
    assert_wire(
        &build(&UpdateCrossClusterApiKey::new(
            "VuaCfGcBCdbkQm-e5aOx",
            access.clone(),
        )),
        "PUT",
        "/_security/cross_cluster/api_key/VuaCfGcBCdbkQm-e5aOx",
        Some(json!({"access": {"replication": [{"names": ["archive"]}]}})),
    );
    match UpdateCrossClusterApiKey::new("", access).request_parts() {
        Err(Error::InvalidRequest { endpoint, reason }) => {
            assert_eq!(endpoint, "security.update_cross_cluster_api_key");
            assert!(reason.contains("`id`"), "{reason}");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
}

#[test]
fn update_cross_cluster_api_key_all_parameters() {
    let access = CrossClusterAccess::new().search(SearchAccess::new(["logs*"]));
    let req = build(
        &UpdateCrossClusterApiKey::new("key/1 é", access.clone())
            .expiration("30d")
            .metadata(meta(json!({"application": "replication"})))
            .certificate_identity("CN=remote,O=example")
            .error_trace(true)
            .filter_path(["a", "b.c"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "PUT",
        &format!("/_security/cross_cluster/api_key/key%2F1%20%C3%A9?{COMMON_QUERY}"),
        Some(json!({
            "access": {"search": [{"names": ["logs*"]}]},
            "expiration": "30d",
            "metadata": {"application": "replication"},
            "certificate_identity": "CN=remote,O=example"
        })),
    );
    // Clearing the certificate identity sends an explicit null; leaving it out sends nothing.
    for req in [
        UpdateCrossClusterApiKey::new("k", access.clone()).clear_certificate_identity(),
        UpdateCrossClusterApiKey::new("k", access.clone()).certificate_identity(Nullable::Null),
    ] {
        assert_body_bytes(
            &build(&req),
            r#"{"access":{"search":[{"names":["logs*"]}]},"certificate_identity":null}"#,
        );
    }
}

#[test]
fn update_cross_cluster_api_key_matches_the_documented_request_and_answer() {
    let documented = documented_requests("security.update_cross_cluster_api_key");
    assert_eq!(documented.len(), 1);
    assert_documented(
        &build(
            &UpdateCrossClusterApiKey::new(
                "VuaCfGcBCdbkQm-e5aOx",
                CrossClusterAccess::new().replication(ReplicationAccess::new(["archive"])),
            )
            .metadata(meta(json!({"application": "replication"}))),
        ),
        &documented[0],
    );
    let answers = documented_answers("security.update_cross_cluster_api_key");
    assert_eq!(answers.len(), 1);
    assert!(decode::<UpdateCrossClusterApiKey>(&answers[0]).updated);
    assert!(!decode::<UpdateCrossClusterApiKey>(r#"{"updated":false}"#).updated);
}

#[test]
fn cross_cluster_access_decodes_as_get_api_key_returns_it() {
    let got = decode::<GetApiKey>(
        r#"{"api_keys":[{"id":"k1","name":"cc","type":"cross_cluster","creation":1,"invalidated":false,
        "access":{"search":[{"names":["logs*"],"allow_restricted_indices":false}],
                  "replication":[{"names":"archive*","allow_restricted_indices":false}]}}]}"#,
    );
    let access = got.api_keys[0].access.as_ref().unwrap();
    assert_eq!(access.search[0].names.as_slice(), ["logs*"]);
    assert_eq!(access.replication[0].names.as_slice(), ["archive*"]);
    // What was read can be sent back unchanged.
    let req = build(&UpdateCrossClusterApiKey::new("k1", access.clone()));
    assert_eq!(
        body_json(&req),
        json!({"access": {"search": [{"names": ["logs*"], "allow_restricted_indices": false}],
            "replication": [{"names": "archive*", "allow_restricted_indices": false}]}})
    );
}

// ---------------------------------------------------------------------------------------------
// clone_api_key
// ---------------------------------------------------------------------------------------------

const ENCODED: &str = "VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==";

#[test]
fn clone_api_key_minimal_is_a_post() {
    assert_wire(
        &build(&CloneApiKey::new(ENCODED)),
        "POST",
        "/_security/api_key/clone",
        Some(json!({"api_key": ENCODED})),
    );
    assert_eq!(
        <CloneApiKey as Endpoint>::SPEC.routes,
        ["POST|PUT /_security/api_key/clone"]
    );
}

#[test]
fn clone_api_key_all_parameters() {
    let req = build(
        &CloneApiKey::new(ENCODED)
            .refresh(Refresh::WaitFor)
            .name("clone of my-api-key")
            .expiration("7d")
            .metadata(meta(json!({"managed": true})))
            .error_trace(true)
            .filter_path(["a", "b.c"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        &format!("/_security/api_key/clone?refresh=wait_for&{COMMON_QUERY}"),
        Some(json!({
            "api_key": ENCODED,
            "name": "clone of my-api-key",
            "expiration": "7d",
            "metadata": {"managed": true}
        })),
    );
    // A clone that never expires: an explicit null.
    for req in [
        CloneApiKey::new(ENCODED).no_expiration(),
        CloneApiKey::new(ENCODED).expiration(Nullable::Null),
    ] {
        assert_body_bytes(
            &build(&req),
            &format!(r#"{{"api_key":"{ENCODED}","expiration":null}}"#),
        );
    }
}

#[test]
fn clone_api_key_of_credentials_sends_them_encoded() {
    let by_id = ApiKeyCredentials::IdKey {
        id: "VuaCfGcBCdbkQm-e5aOx".into(),
        key: "ui2lp2axTNmsyakw9tvNnw".into(),
    };
    let encoded = ApiKeyCredentials::Encoded(ENCODED.into());
    for credentials in [by_id, encoded] {
        assert_eq!(
            body_json(&build(&CloneApiKey::of(&credentials))),
            json!({"api_key": ENCODED})
        );
    }
}

#[test]
fn clone_api_key_keeps_the_source_key_out_of_debug_output() {
    let request = CloneApiKey::new(ENCODED).name("clone");
    let shown = format!("{request:?}");
    assert!(!shown.contains("VnVhQ2ZH"), "{shown}");
    assert!(shown.contains("clone"), "{shown}");
}

#[test]
fn clone_api_key_answer_holds_secrets_and_becomes_credentials() {
    let cloned = decode::<CloneApiKey>(
        r#"{"id":"cloned-id","name":"cloned-key","expiration":1700000000000,
        "api_key":"cloned-secret","encoded":"Y2xvbmVkLWlkOmNsb25lZC1zZWNyZXQ="}"#,
    );
    assert_eq!(cloned.id, "cloned-id");
    assert_eq!(cloned.name, "cloned-key");
    assert_eq!(cloned.expiration, Some(1700000000000));
    assert_eq!(cloned.api_key.expose(), "cloned-secret");
    let credentials = cloned.to_credentials();
    assert_eq!(
        credentials,
        Credentials::api_key_encoded("Y2xvbmVkLWlkOmNsb25lZC1zZWNyZXQ=")
    );
    let req = build_with(&CloneApiKey::new(ENCODED), &credentials);
    assert_eq!(
        req.headers()["authorization"],
        "ApiKey Y2xvbmVkLWlkOmNsb25lZC1zZWNyZXQ="
    );
    let shown = format!("{cloned:?} {credentials:?}");
    assert!(
        !shown.contains("cloned-secret") && !shown.contains("Y2xvbmVk"),
        "{shown}"
    );
}

#[test]
fn clone_api_key_has_no_documented_examples() {
    // The 9.5 specification documents no clone_api_key example (the endpoint is experimental):
    // the wire tests above follow its TypeScript. Should examples appear, test them.
    let dir = spec_version("9.5");
    assert!(examples(&dir, "security.clone_api_key", "request").is_empty());
    assert!(examples(&dir, "security.clone_api_key", "response").is_empty());
}

// ---------------------------------------------------------------------------------------------
// server versions and retries
// ---------------------------------------------------------------------------------------------

#[test]
fn certificate_identity_needs_9_3_and_the_endpoints_their_versions() {
    let base = BaseUrl::parse(BASE).unwrap();
    let on = |v: &str| ServerTarget::stack().with_version(Version::parse(v).unwrap());
    let access = || CrossClusterAccess::new().search(SearchAccess::new(["logs*"]));
    let needs = |result: Result<http::Request<Vec<u8>>, Error>| match result {
        Err(Error::NeedsNewerServer(e)) => (e.parameter, e.since),
        other => panic!("expected NeedsNewerServer, got {other:?}"),
    };
    let create = CreateCrossClusterApiKey::new("k", access()).certificate_identity("CN=r");
    assert_eq!(
        needs(create.to_http_request_for(&base, None, &on("9.2.1"))),
        (Some("certificate_identity"), Version::new(9, 3, 0))
    );
    create
        .to_http_request_for(&base, None, &on("9.3.0"))
        .unwrap();
    let update = UpdateCrossClusterApiKey::new("k", access()).certificate_identity("CN=r");
    assert_eq!(
        needs(update.to_http_request_for(&base, None, &on("8.17.0"))),
        (Some("certificate_identity"), Version::new(9, 3, 0))
    );
    // Without it, an 8.10 server is enough; 8.9 has no cross-cluster keys at all.
    UpdateCrossClusterApiKey::new("k", access())
        .to_http_request_for(&base, None, &on("8.10.0"))
        .unwrap();
    assert_eq!(
        needs(
            CreateCrossClusterApiKey::new("k", access()).to_http_request_for(
                &base,
                None,
                &on("8.9.2")
            )
        ),
        (None, Version::new(8, 10, 0))
    );
    assert_eq!(
        needs(CloneApiKey::new(ENCODED).to_http_request_for(&base, None, &on("9.3.0"))),
        (None, Version::new(9, 4, 0))
    );
    assert_eq!(
        needs(BulkUpdateApiKeys::new(["a"]).to_http_request_for(&base, None, &on("8.4.3"))),
        (None, Version::new(8, 5, 0))
    );
}

#[test]
fn endpoints_that_create_keys_are_never_sent_twice() {
    assert!(!<CreateCrossClusterApiKey as Endpoint>::SPEC.repeatable);
    assert!(!<CloneApiKey as Endpoint>::SPEC.repeatable);
    assert!(<UpdateCrossClusterApiKey as Endpoint>::SPEC.repeatable);
    assert!(<BulkUpdateApiKeys as Endpoint>::SPEC.repeatable);
}
