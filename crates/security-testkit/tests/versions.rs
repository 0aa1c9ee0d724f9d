//! The test server as Elasticsearch 8.14 (default) and 9.5: `GET /`, which routes and
//! parameters exist, and the 8.15–9.5 endpoints it emulates, driven with plain HTTP and
//! checked against the documented examples of the 9.5 specification.

mod common;

use common::{basic, call, spec_example, Answer};
use security_testkit::{Config, EsVersion, TestServer};
use serde_json::{json, Value};

async fn server(version: EsVersion) -> (TestServer, String, String) {
    let server = TestServer::start(
        Config::default()
            .elastic_password("pw-123456")
            .es_version(version),
    )
    .await
    .unwrap();
    let url = server.url();
    (server, url, basic("elastic", "pw-123456"))
}

fn error_reason(a: &Answer) -> &str {
    a.body["error"]["reason"].as_str().unwrap_or_default()
}

#[tokio::test]
async fn get_root_reports_the_version() {
    for (version, number) in [(EsVersion::V8_14, "8.14.3"), (EsVersion::V9_5, "9.5.0")] {
        let (server, url, elastic) = server(version).await;
        assert_eq!(server.es_version(), version);
        let a = call(&url, "GET", "/", Some(&elastic), None).await;
        assert_eq!(a.status, 200);
        assert_eq!(a.body["version"]["number"], number);
        assert_eq!(a.body["tagline"], "You Know, for Search");
    }
    let default = TestServer::start(Config::default()).await.unwrap();
    assert_eq!(default.es_version(), EsVersion::V8_14);
}

#[tokio::test]
async fn newer_routes_and_parameters_answer_as_8_14_does() {
    let (_server, url, elastic) = server(EsVersion::V8_14).await;
    let auth = Some(elastic.as_str());
    // A path 8.14 does not have: no handler, 400.
    for (method, path) in [
        ("POST", "/_security/_query/role"),
        ("GET", "/_security/stats"),
    ] {
        let a = call(&url, method, path, auth, None).await;
        assert_eq!(a.status, 400, "{method} {path}: {a:?}");
        assert_eq!(
            a.body,
            json!({"error": format!("no handler found for uri [{path}] and method [{method}]")})
        );
        assert_eq!(
            a.header("x-elastic-product").as_deref(),
            Some("Elasticsearch")
        );
    }
    // A path 8.14 has with other methods: 405.
    let a = call(
        &url,
        "DELETE",
        "/_security/role",
        auth,
        Some(json!({"names": ["r"]})),
    )
    .await;
    assert_eq!(a.status, 405);
    assert_eq!(
        a.body["error"],
        "Incorrect HTTP method for uri [/_security/role] and method [DELETE], allowed: [GET]"
    );
    assert_eq!(a.header("allow").as_deref(), Some("GET"));
    let a = call(
        &url,
        "POST",
        "/_security/role",
        auth,
        Some(json!({"roles": {}})),
    )
    .await;
    assert_eq!(a.status, 405);
    let a = call(
        &url,
        "POST",
        "/_security/api_key/clone",
        auth,
        Some(json!({"api_key": "x"})),
    )
    .await;
    assert_eq!(a.status, 405, "{a:?}");
    assert!(a.body["error"]
        .as_str()
        .unwrap()
        .ends_with("allowed: [PUT]"));
    // Newer query parameters: unrecognized.
    for (method, path, body, param) in [
        (
            "GET",
            "/_security/role?include_implicit=true",
            None,
            "include_implicit",
        ),
        (
            "GET",
            "/_security/settings?master_timeout=30s",
            None,
            "master_timeout",
        ),
        (
            "PUT",
            "/_security/settings?timeout=30s",
            Some(json!({"security": {"index.number_of_replicas": 1}})),
            "timeout",
        ),
    ] {
        let a = call(&url, method, path, auth, body).await;
        assert_eq!(a.status, 400, "{path}: {a:?}");
        assert_eq!(a.body["error"]["type"], "illegal_argument_exception");
        let bare = path.split('?').next().unwrap();
        assert_eq!(
            error_reason(&a),
            format!("request [{bare}] contains unrecognized parameter: [{param}]")
        );
    }
    // Newer role-descriptor fields: unknown to the 8.14 parser.
    for (field, value) in [
        ("description", json!("x")),
        (
            "remote_cluster",
            json!([{"clusters": ["c"], "privileges": ["monitor_enrich"]}]),
        ),
    ] {
        let a = call(
            &url,
            "PUT",
            "/_security/role/r",
            auth,
            Some(json!({ field: value })),
        )
        .await;
        assert_eq!(a.status, 400);
        assert_eq!(a.body["error"]["type"], "parse_exception");
        assert_eq!(
            error_reason(&a),
            format!("failed to parse role [r]. unexpected field [{field}]")
        );
    }
}

#[tokio::test]
async fn the_same_requests_work_on_9_5() {
    let (_server, url, elastic) = server(EsVersion::V9_5).await;
    let auth = Some(elastic.as_str());
    let a = call(
        &url,
        "PUT",
        "/_security/role/r",
        auth,
        Some(json!({
            "description": "a role",
            "remote_cluster": [{"clusters": ["c*"], "privileges": ["monitor_enrich"]}]
        })),
    )
    .await;
    assert_eq!(a.status, 200, "{a:?}");
    let a = call(
        &url,
        "GET",
        "/_security/role/r?include_implicit=true",
        auth,
        None,
    )
    .await;
    assert_eq!(a.body["r"]["description"], "a role");
    assert_eq!(
        a.body["r"]["remote_cluster"],
        json!([{"clusters": ["c*"], "privileges": ["monitor_enrich"]}])
    );
    // The remote cluster privileges show in get_user_privileges.
    call(
        &url,
        "PUT",
        "/_security/user/remote-user",
        auth,
        Some(json!({"password": "remote-pass", "roles": ["r"]})),
    )
    .await;
    let a = call(
        &url,
        "GET",
        "/_security/user/_privileges",
        Some(&basic("remote-user", "remote-pass")),
        None,
    )
    .await;
    assert_eq!(
        a.body["remote_cluster"],
        json!([{"clusters": ["c*"], "privileges": ["monitor_enrich"]}]),
        "{a:?}"
    );
    let a = call(
        &url,
        "GET",
        "/_security/settings?master_timeout=30s",
        auth,
        None,
    )
    .await;
    assert_eq!(a.status, 200);
    let a = call(&url, "GET", "/_security/stats", auth, None).await;
    assert_eq!(a.status, 200);
    let node = a.body["nodes"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(node["roles"]["dls"]["bit_set_cache"]["count"], 0);
    // remote_cluster grants only what a remote cluster may be granted.
    let a = call(
        &url,
        "PUT",
        "/_security/role/r2",
        auth,
        Some(json!({"remote_cluster": [{"clusters": ["c"], "privileges": ["all"]}]})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(a.body["error"]["type"], "illegal_argument_exception");
}

#[tokio::test]
async fn bulk_put_role_answers_as_the_documented_examples() {
    let (_server, url, elastic) = server(EsVersion::V9_5).await;
    let auth = Some(elastic.as_str());
    let request = spec_example(
        "bulk_put_role",
        "request",
        "SecurityBulkPutRoleRequestExample1",
    );
    let a = call(&url, "POST", "/_security/role", auth, Some(request.clone())).await;
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(
        a.body,
        spec_example(
            "bulk_put_role",
            "response",
            "SecurityBulkPutRoleResponseExample1"
        )
    );
    // The same again: nothing changes.
    let a = call(&url, "POST", "/_security/role", auth, Some(request)).await;
    assert_eq!(a.body, json!({"noop": ["my_admin_role", "my_user_role"]}));

    // Example 2: one bad privilege fails that role only.
    let (_server, url, elastic) = server(EsVersion::V9_5).await;
    let auth = Some(elastic.as_str());
    let request = spec_example(
        "bulk_put_role",
        "request",
        "SecurityBulkPutRoleRequestExample2",
    );
    let a = call(&url, "POST", "/_security/role", auth, Some(request)).await;
    let expected = spec_example(
        "bulk_put_role",
        "response",
        "SecurityBulkPutRoleResponseExample2",
    );
    assert_eq!(a.body["created"], expected["created"]);
    assert_eq!(a.body["errors"]["count"], 1);
    let (got, want) = (
        &a.body["errors"]["details"]["my_admin_role"],
        &expected["errors"]["details"]["my_admin_role"],
    );
    assert_eq!(got["type"], want["type"]);
    // The list of privilege names is this server's; the sentence is Elasticsearch's.
    let prefix = "Validation Failed: 1: unknown cluster privilege [bad_cluster_privilege]. a privilege must be either one of the predefined cluster privilege names [";
    assert!(want["reason"].as_str().unwrap().starts_with(prefix));
    assert!(got["reason"].as_str().unwrap().starts_with(prefix), "{got}");
    // Created, updated and noop in one request.
    let a = call(
        &url,
        "POST",
        "/_security/role?refresh=true",
        auth,
        Some(json!({"roles": {
            "my_user_role": {"cluster": ["monitor"]},
            "new_role": {},
            "superuser": {}
        }})),
    )
    .await;
    assert_eq!(a.body["created"], json!(["new_role"]));
    assert_eq!(a.body["updated"], json!(["my_user_role"]));
    assert_eq!(
        a.body["errors"]["details"]["superuser"]["reason"],
        "Validation Failed: 1: Role [superuser] is reserved and may not be used.;"
    );
    // A role that does not parse fails the request.
    let a = call(
        &url,
        "POST",
        "/_security/role",
        auth,
        Some(json!({"roles": {"x": {"bogus": 1}}})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(a.body["error"]["type"], "parse_exception");
}

#[tokio::test]
async fn bulk_delete_role_answers_as_the_documented_examples() {
    let (_server, url, elastic) = server(EsVersion::V9_5).await;
    let auth = Some(elastic.as_str());
    let put = spec_example(
        "bulk_put_role",
        "request",
        "SecurityBulkPutRoleRequestExample1",
    );
    call(&url, "POST", "/_security/role", auth, Some(put.clone())).await;
    let request = spec_example(
        "bulk_delete_role",
        "request",
        "SecurityBulkDeleteRoleRequestExample1",
    );
    let a = call(&url, "DELETE", "/_security/role", auth, Some(request)).await;
    assert_eq!(
        a.body,
        spec_example(
            "bulk_delete_role",
            "response",
            "SecurityBulkDeleteRoleResponseExample1"
        )
    );
    call(&url, "POST", "/_security/role", auth, Some(put.clone())).await;
    let a = call(
        &url,
        "DELETE",
        "/_security/role",
        auth,
        Some(json!({"names": ["my_admin_role", "not_an_existing_role"]})),
    )
    .await;
    assert_eq!(
        a.body,
        spec_example(
            "bulk_delete_role",
            "response",
            "SecurityBulkDeleteRoleResponseExample2"
        )
    );
    call(&url, "POST", "/_security/role", auth, Some(put)).await;
    let a = call(
        &url,
        "DELETE",
        "/_security/role",
        auth,
        Some(json!({"names": ["my_admin_role", "superuser"]})),
    )
    .await;
    assert_eq!(
        a.body,
        spec_example(
            "bulk_delete_role",
            "response",
            "SecurityBulkDeleteRoleResponseExample3"
        )
    );
    let a = call(
        &url,
        "DELETE",
        "/_security/role",
        auth,
        Some(json!({"names": []})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body["error"]["type"],
        "action_request_validation_exception"
    );
}

fn names(a: &Answer, list: &str) -> Vec<String> {
    a.body[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn query_role_queries_sorts_and_pages() {
    let (_server, url, elastic) = server(EsVersion::V9_5).await;
    let auth = Some(elastic.as_str());
    let put = spec_example(
        "bulk_put_role",
        "request",
        "SecurityBulkPutRoleRequestExample1",
    );
    call(&url, "POST", "/_security/role", auth, Some(put)).await;
    for (name, description, version) in [
        (
            "my_admin_role",
            "Grants full access to all management features within the cluster.",
            1,
        ),
        ("my_user_role", "Grants user access to some indicies.", 1),
        ("reader", "Reads logs", 2),
    ] {
        let a = call(
            &url,
            "PUT",
            &format!("/_security/role/{name}"),
            auth,
            Some(json!({"description": description, "metadata": {"version": version}, "cluster": []})),
        )
        .await;
        assert_eq!(a.status, 200);
    }
    // Example 1: every native role (no reserved one), sorted by name, with `_sort`.
    let request = spec_example("query_role", "request", "QueryRolesRequestExample1");
    let a = call(&url, "POST", "/_security/_query/role", auth, Some(request)).await;
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(a.body["total"], 3);
    assert_eq!(
        names(&a, "roles"),
        ["my_admin_role", "my_user_role", "reader"]
    );
    assert_eq!(a.body["roles"][0]["_sort"], json!(["my_admin_role"]));
    assert_eq!(
        a.body["roles"][1]["description"],
        "Grants user access to some indicies."
    );
    // Example 2: match on the description, size 1.
    let request = spec_example("query_role", "request", "QueryRolesRequestExample2");
    let a = call(&url, "POST", "/_security/_query/role", auth, Some(request)).await;
    assert_eq!(
        (a.body["total"].clone(), a.body["count"].clone()),
        (json!(2), json!(1))
    );
    assert!(a.body["roles"][0].get("_sort").is_none());
    // Every sort form, paging with search_after.
    for sort in [
        json!([{"name": "desc"}]),
        json!({"name": {"order": "desc"}}),
        json!([{"name": {"order": "desc"}}, "_doc"]),
    ] {
        let a = call(
            &url,
            "GET",
            "/_security/_query/role",
            auth,
            Some(json!({"sort": sort, "size": 2})),
        )
        .await;
        assert_eq!(names(&a, "roles"), ["reader", "my_user_role"], "{sort}");
        let after = a.body["roles"][1]["_sort"].clone();
        let a = call(
            &url,
            "POST",
            "/_security/_query/role",
            auth,
            Some(json!({"sort": sort, "size": 2, "search_after": after})),
        )
        .await;
        assert_eq!(names(&a, "roles"), ["my_admin_role"], "{sort}");
    }
    let a = call(
        &url,
        "POST",
        "/_security/_query/role",
        auth,
        Some(
            json!({"query": {"bool": {"filter": [{"term": {"metadata.version": 2}}]}}, "from": 0}),
        ),
    )
    .await;
    assert_eq!(names(&a, "roles"), ["reader"]);
    let a = call(
        &url,
        "POST",
        "/_security/_query/role",
        auth,
        Some(json!({"query": {"simple_query_string": {"query": "read*", "fields": ["name"]}}})),
    )
    .await;
    assert_eq!(names(&a, "roles"), ["reader"]);
    let a = call(
        &url,
        "POST",
        "/_security/_query/role",
        auth,
        Some(json!({"query": {"term": {"cluster": "all"}}})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(a.body["error"]["type"], "illegal_argument_exception");
}

#[tokio::test]
async fn implicit_privileges_are_read_only() {
    let server = TestServer::start(
        Config::default()
            .elastic_password("pw-123456")
            .es_version(EsVersion::V9_5)
            .implicit_index_privilege(&[".implicit-*"], &["read"]),
    )
    .await
    .unwrap();
    let (url, elastic) = (server.url(), basic("elastic", "pw-123456"));
    let auth = Some(elastic.as_str());
    let role = json!({"indices": [{"names": ["logs-*"], "privileges": ["read"]}]});
    call(&url, "PUT", "/_security/role/r", auth, Some(role)).await;
    let plain = call(&url, "GET", "/_security/role/r", auth, None).await;
    assert_eq!(plain.body["r"]["indices"].as_array().unwrap().len(), 1);
    let with = call(
        &url,
        "GET",
        "/_security/role/r?include_implicit=true",
        auth,
        None,
    )
    .await;
    let indices = with.body["r"]["indices"].as_array().unwrap();
    assert_eq!(indices.len(), 2);
    assert_eq!(indices[1]["implicitly_granted"], true);
    // Sending back what was read is refused, as Elasticsearch refuses it.
    let a = call(
        &url,
        "PUT",
        "/_security/role/r",
        auth,
        Some(with.body["r"].clone()),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(a.body["error"]["type"], "parse_exception");
    assert_eq!(
        error_reason(&a),
        "failed to parse indices privileges for role [r]. unexpected field [implicitly_granted]"
    );
    // Without the read-only marker (and the implicit entry), it is accepted.
    let mut back = with.body["r"].clone();
    back["indices"] = json!([indices[0]]);
    let a = call(&url, "PUT", "/_security/role/r", auth, Some(back)).await;
    assert_eq!(a.status, 200, "{a:?}");
}

#[tokio::test]
async fn security_settings_update_and_read_back() {
    let (_server, url, elastic) = server(EsVersion::V9_5).await;
    let auth = Some(elastic.as_str());
    let request = spec_example(
        "update_settings",
        "request",
        "SecurityUpdateSettingsRequestExample1",
    );
    let a = call(
        &url,
        "PUT",
        "/_security/settings?master_timeout=1m&timeout=1m",
        auth,
        Some(request),
    )
    .await;
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(a.body, json!({"acknowledged": true}));
    let a = call(&url, "GET", "/_security/settings", auth, None).await;
    for index in ["security", "security-profile", "security-tokens"] {
        assert_eq!(
            a.body[index]["index"]["auto_expand_replicas"], "0-all",
            "{a:?}"
        );
    }
    let a = call(
        &url,
        "PUT",
        "/_security/settings",
        auth,
        Some(json!({"security": {"index.max_ngram_diff": 0}})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert!(error_reason(&a).starts_with(
        "Validation Failed: 1: illegal settings for index [security]: [index.max_ngram_diff], these settings may not be configured."
    ));
    let a = call(&url, "PUT", "/_security/settings", auth, Some(json!({}))).await;
    assert_eq!(a.status, 400);
}

async fn create_key(url: &str, auth: &str, name: &str) -> Value {
    let a = call(
        url,
        "POST",
        "/_security/api_key",
        Some(auth),
        Some(json!({"name": name, "role_descriptors": {"r": {"cluster": ["monitor"]}}})),
    )
    .await;
    assert_eq!(a.status, 200, "{a:?}");
    a.body
}

#[tokio::test]
async fn cross_cluster_api_keys() {
    let (_server, url, elastic) = server(EsVersion::V8_14).await;
    let auth = Some(elastic.as_str());
    let request = spec_example(
        "create_cross_cluster_api_key",
        "request",
        "CreateCrossClusterApiKeyRequestExample1",
    );
    let a = call(
        &url,
        "POST",
        "/_security/cross_cluster/api_key",
        auth,
        Some(request.clone()),
    )
    .await;
    assert_eq!(a.status, 200, "{a:?}");
    let id = a.body["id"].as_str().unwrap().to_owned();
    assert!(a.body["expiration"].is_i64() && a.body["encoded"].is_string());
    let got = call(
        &url,
        "GET",
        &format!("/_security/api_key?id={id}"),
        auth,
        None,
    )
    .await;
    let key = &got.body["api_keys"][0];
    assert_eq!(key["type"], "cross_cluster");
    assert_eq!(key["access"], request["access"]);
    assert_eq!(key["metadata"], request["metadata"]);
    assert_eq!(
        key["role_descriptors"]["cross_cluster"]["cluster"],
        json!(["cross_cluster_search", "cross_cluster_replication"])
    );
    // An 8.14 server shows no `managed_by` (9.4+).
    let rest = create_key(&url, &elastic, "plain").await;
    let who = call(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&format!("ApiKey {}", rest["encoded"].as_str().unwrap())),
        None,
    )
    .await;
    assert_eq!(
        who.body["api_key"],
        json!({"id": rest["id"], "name": "plain"})
    );
    // It is for cross-cluster traffic, not REST requests.
    let encoded = format!("ApiKey {}", a.body["encoded"].as_str().unwrap());
    let a = call(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&encoded),
        None,
    )
    .await;
    assert_eq!(a.status, 401);
    assert!(a.body["error"]["additional_unsuccessful_credentials"]
        .as_str()
        .unwrap()
        .contains("expected API key type of [rest]"));
    // Update as documented; a REST key cannot be updated this way, nor this key the REST way.
    let request = spec_example(
        "update_cross_cluster_api_key",
        "request",
        "UpdateCrossClusterApiKeyRequestExample1",
    );
    let a = call(
        &url,
        "PUT",
        &format!("/_security/cross_cluster/api_key/{id}"),
        auth,
        Some(request.clone()),
    )
    .await;
    assert_eq!(
        a.body,
        spec_example(
            "update_cross_cluster_api_key",
            "response",
            "UpdateCrossClusterApiKeyResponseExample1"
        )
    );
    let got = call(
        &url,
        "GET",
        &format!("/_security/api_key?id={id}"),
        auth,
        None,
    )
    .await;
    assert_eq!(got.body["api_keys"][0]["access"], request["access"]);
    let a = call(
        &url,
        "PUT",
        &format!("/_security/api_key/{id}"),
        auth,
        Some(json!({"metadata": {}})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(
        error_reason(&a),
        "cannot update API key of type [cross_cluster] while expected type is [rest]"
    );
    let rest = create_key(&url, &elastic, "rest-key").await;
    let a = call(
        &url,
        "PUT",
        &format!(
            "/_security/cross_cluster/api_key/{}",
            rest["id"].as_str().unwrap()
        ),
        auth,
        Some(request),
    )
    .await;
    assert_eq!(a.status, 400);
    // Needs manage_security, not manage_api_key.
    call(
        &url,
        "PUT",
        "/_security/role/keys",
        auth,
        Some(json!({"cluster": ["manage_api_key"]})),
    )
    .await;
    call(
        &url,
        "PUT",
        "/_security/user/kim",
        auth,
        Some(json!({"password": "kim-pass-1", "roles": ["keys"]})),
    )
    .await;
    let kim = basic("kim", "kim-pass-1");
    let a = call(
        &url,
        "POST",
        "/_security/cross_cluster/api_key",
        Some(&kim),
        Some(json!({"name": "x", "access": {"search": [{"names": ["*"]}]}})),
    )
    .await;
    assert_eq!(a.status, 403, "{a:?}");
    let a = call(
        &url,
        "POST",
        "/_security/cross_cluster/api_key",
        auth,
        Some(json!({"name": "x", "access": {}})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(
        a.body["error"]["type"],
        "action_request_validation_exception"
    );
}

#[tokio::test]
async fn cross_cluster_certificate_identity_is_9_3_and_later() {
    for (version, accepted) in [(EsVersion::V8_14, false), (EsVersion::V9_5, true)] {
        let (_server, url, elastic) = server(version).await;
        let auth = Some(elastic.as_str());
        let a = call(
            &url,
            "POST",
            "/_security/cross_cluster/api_key",
            auth,
            Some(
                json!({"name": "cc", "access": {"search": [{"names": ["*"]}]},
                        "certificate_identity": "CN=remote-*"}),
            ),
        )
        .await;
        if !accepted {
            assert_eq!(a.status, 400);
            assert_eq!(
                error_reason(&a),
                "[cross_cluster_api_key_request] unknown field [certificate_identity]"
            );
            continue;
        }
        let id = a.body["id"].as_str().unwrap().to_owned();
        let get = |url: String, auth: String, id: String| async move {
            call(
                &url,
                "GET",
                &format!("/_security/api_key?id={id}"),
                Some(&auth),
                None,
            )
            .await
            .body["api_keys"][0]
                .clone()
        };
        let key = get(url.clone(), elastic.clone(), id.clone()).await;
        assert_eq!(key["certificate_identity"], "CN=remote-*");
        // Omitted: unchanged; null: cleared.
        let path = format!("/_security/cross_cluster/api_key/{id}");
        let a = call(
            &url,
            "PUT",
            &path,
            auth,
            Some(json!({"metadata": {"a": 1}})),
        )
        .await;
        assert_eq!(a.body, json!({"updated": true}));
        let key = get(url.clone(), elastic.clone(), id.clone()).await;
        assert_eq!(key["certificate_identity"], "CN=remote-*");
        let a = call(
            &url,
            "PUT",
            &path,
            auth,
            Some(json!({"certificate_identity": null})),
        )
        .await;
        assert_eq!(a.body, json!({"updated": true}));
        let key = get(url.clone(), elastic.clone(), id.clone()).await;
        assert!(key.get("certificate_identity").is_none(), "{key}");
    }
}

#[tokio::test]
async fn clone_api_key_copies_a_key_it_has_the_credential_of() {
    let (_server, url, elastic) = server(EsVersion::V9_5).await;
    let auth = Some(elastic.as_str());
    let source = create_key(&url, &elastic, "source").await;
    let a = call(
        &url,
        "POST",
        "/_security/api_key/clone",
        auth,
        Some(json!({"api_key": source["encoded"], "metadata": {"cloned": true}})),
    )
    .await;
    assert_eq!(a.status, 200, "{a:?}");
    assert_eq!(a.body["name"], "source");
    assert_ne!(a.body["id"], source["id"]);
    let clone_id = a.body["id"].as_str().unwrap().to_owned();
    let encoded = format!("ApiKey {}", a.body["encoded"].as_str().unwrap());
    let who = call(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&encoded),
        None,
    )
    .await;
    assert_eq!(who.status, 200);
    assert_eq!(who.body["username"], "elastic");
    // 9.4+ says who manages the key.
    assert_eq!(who.body["api_key"]["managed_by"], "elasticsearch");
    assert_eq!(who.body["api_key"]["internal"], false);
    let got = call(
        &url,
        "GET",
        "/_security/api_key?with_limited_by=true",
        auth,
        None,
    )
    .await;
    let keys = got.body["api_keys"].as_array().unwrap();
    let (src, cln) = (&keys[0], &keys[1]);
    assert_eq!(cln["id"], clone_id);
    assert_eq!(src["role_descriptors"], cln["role_descriptors"]);
    assert_eq!(src["limited_by"], cln["limited_by"]);
    assert_eq!(cln["metadata"], json!({"cloned": true}));
    // PUT works too; a wrong credential does not.
    let a = call(
        &url,
        "PUT",
        "/_security/api_key/clone",
        auth,
        Some(json!({"api_key": source["encoded"], "name": "other"})),
    )
    .await;
    assert_eq!(a.body["name"], "other");
    let a = call(
        &url,
        "POST",
        "/_security/api_key/clone",
        auth,
        Some(json!({"api_key": "bm9wZTpub3Bl"})),
    )
    .await;
    assert_eq!(a.status, 401);
}

#[tokio::test]
async fn oidc_and_pki_answer_as_a_cluster_without_such_realms() {
    let (_server, url, elastic) = server(EsVersion::V8_14).await;
    let auth = Some(elastic.as_str());
    let request = spec_example(
        "oidc_prepare_authentication",
        "request",
        "OidcPrepareAuthenticationRequestExample1",
    );
    let a = call(&url, "POST", "/_security/oidc/prepare", auth, Some(request)).await;
    assert_eq!(a.status, 500);
    assert_eq!(a.body["error"]["type"], "security_exception");
    assert_eq!(
        error_reason(&a),
        "Cannot find OpenID Connect realm with name [oidc1]"
    );
    let request = spec_example(
        "oidc_prepare_authentication",
        "request",
        "OidcPrepareAuthenticationRequestExample3",
    );
    let a = call(&url, "POST", "/_security/oidc/prepare", auth, Some(request)).await;
    assert_eq!(
        error_reason(&a),
        "Cannot find OpenID Connect realm with issuer [http://127.0.0.1:8080]"
    );
    let a = call(
        &url,
        "POST",
        "/_security/oidc/prepare",
        auth,
        Some(json!({})),
    )
    .await;
    assert_eq!(a.status, 400);
    assert_eq!(
        error_reason(&a),
        "Validation Failed: 1: one of [realm, issuer] must be provided;"
    );
    let a = call(
        &url,
        "POST",
        "/_security/oidc/authenticate",
        auth,
        Some(json!({"redirect_uri": "https://rp/cb?code=x&state=s", "state": "s", "nonce": "n"})),
    )
    .await;
    assert_eq!(a.status, 401);
    assert_eq!(
        error_reason(&a),
        "unable to authenticate user [<OIDC Token>] for action [cluster:admin/xpack/security/oidc/authenticate]"
    );
    assert_eq!(a.header_values("www-authenticate").len(), 3);
    let a = call(
        &url,
        "POST",
        "/_security/oidc/logout",
        auth,
        Some(json!({"token": "nope"})),
    )
    .await;
    assert_eq!(a.status, 500);
    assert_eq!(error_reason(&a), "supplied token is not valid");
    let request = spec_example(
        "delegate_pki",
        "request",
        "SecurityDelegatePkiRequestExample1",
    );
    let a = call(&url, "POST", "/_security/delegate_pki", auth, Some(request)).await;
    assert_eq!(a.status, 401, "{a:?}");
    assert_eq!(
        error_reason(&a),
        "unable to authenticate user [O=org, OU=Elasticsearch, CN=Elasticsearch Test Client] for action [cluster:admin/xpack/security/delegate_pki]"
    );
    let a = call(
        &url,
        "POST",
        "/_security/delegate_pki",
        auth,
        Some(json!({"x509_certificate_chain": ["bm90IGEgY2VydA=="]})),
    )
    .await;
    assert_eq!(a.status, 400);
}
