//! Wire-exact requests and typed answers of the `privileges` group.

mod common;
use common::*;
use security_core::privileges::*;
use security_core::types::common::{
    ClusterPrivilege, IndexPrivilege, IndicesPrivilegesQuery, Refresh, RemoteClusterPrivilege,
};
use security_core::types::privileges::*;
use security_core::{Endpoint, Error};
use serde_json::json;

const ALL_COMMON: &str = "error_trace=true&filter_path=a.b,c%20d&human=true&pretty=true";

/// Sets every common parameter, so that each test checks they reach the query.
macro_rules! with_common {
    ($req:expr) => {
        $req.error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true)
    };
}

// ---------------------------------------------------------------- put_privileges

#[test]
fn put_privileges_minimal() {
    // The path keeps the spec's trailing slash; PUT is what the official clients send.
    let req = build(&PutPrivileges::new().privilege("app", "read", Actions::new(["data:read/*"])));
    assert_wire(
        &req,
        "PUT",
        "/_security/privilege/",
        Some(json!({"app": {"read": {"actions": ["data:read/*"]}}})),
    );
}

#[test]
fn put_privileges_with_nothing_to_put_is_refused_before_sending() {
    for request in [
        PutPrivileges::new(),
        PutPrivileges::new().body(PutPrivilegesBody::from([(
            "app".to_owned(),
            Default::default(),
        )])),
    ] {
        match request.request_parts() {
            Err(Error::InvalidRequest { endpoint, reason }) => {
                assert_eq!(endpoint, "security.put_privileges");
                assert!(reason.contains("no privilege to put"), "{reason}");
            }
            other => panic!("expected InvalidRequest, got {other:?}"),
        }
    }
    // A raw body is the user's: sent as it is.
    let req = build(&PutPrivileges::new().raw_body(json!({})));
    assert_wire(&req, "PUT", "/_security/privilege/", Some(json!({})));
}

#[test]
fn put_privileges_all_parameters() {
    let mut meta = serde_json::Map::new();
    meta.insert("description".into(), json!("Read access to myapp"));
    let mut full = Actions::new(["data:read/*", "action:login"]).metadata(meta);
    full.application = Some("my app".into());
    full.name = Some("read".into());
    let req = build(&with_common!(PutPrivileges::new()
        .privilege("my app", "read", full)
        .privilege("my app", "write", Actions::new(["data:write/*"]))
        .privilege("app02", "all", Actions::new(["*"]))
        .refresh(Refresh::WaitFor)));
    assert_wire(
        &req,
        "PUT",
        &format!("/_security/privilege/?refresh=wait_for&{ALL_COMMON}"),
        Some(json!({
            "my app": {
                "read": {
                    "actions": ["data:read/*", "action:login"],
                    "application": "my app",
                    "name": "read",
                    "metadata": {"description": "Read access to myapp"}
                },
                "write": {"actions": ["data:write/*"]}
            },
            "app02": {"all": {"actions": ["*"]}}
        })),
    );
}

#[test]
fn put_privileges_whole_body_and_refresh_values() {
    let mut body = PutPrivilegesBody::new();
    body.entry("app01".into())
        .or_default()
        .insert("read".into(), Actions::new(["action:login", "data:read/*"]));
    let req = build(&PutPrivileges::new().body(body).refresh(true));
    assert_wire(
        &req,
        "PUT",
        "/_security/privilege/?refresh=true",
        Some(json!({"app01": {"read": {"actions": ["action:login", "data:read/*"]}}})),
    );
    let req = build(
        &PutPrivileges::new()
            .privilege("app01", "read", Actions::new(["data:read/*"]))
            .refresh(Refresh::False),
    );
    assert_eq!(req.uri().query(), Some("refresh=false"));
}

#[test]
fn put_privileges_sends_the_documented_requests() {
    let dir = spec("put_privileges_sends_the_documented_requests");
    let examples = examples(&dir, "security.put_privileges", "request");
    assert!(!examples.is_empty());
    for ex in examples {
        let value = ex.value.expect("documented request is JSON");
        // Rebuild each documented body through the typed API.
        let mut req = PutPrivileges::new();
        for (app, privileges) in value.as_object().unwrap() {
            for (name, p) in privileges.as_object().unwrap() {
                let actions: Vec<String> = serde_json::from_value(p["actions"].clone()).unwrap();
                let mut typed = Actions::new(actions);
                if let Some(meta) = p.get("metadata") {
                    typed = typed.metadata(meta.as_object().unwrap().clone());
                }
                req = req.privilege(app.as_str(), name.as_str(), typed);
            }
        }
        assert_wire(&build(&req), "PUT", "/_security/privilege/", Some(value));
    }
}

#[test]
fn put_privileges_decodes() {
    let answer = decode::<PutPrivileges>(
        r#"{"app02":{"all":{"created":true}},"app01":{"read":{"created":true},"write":{"created":false}}}"#,
    );
    assert!(answer["app02"]["all"].created);
    assert!(answer["app01"]["read"].created);
    assert!(!answer["app01"]["write"].created);
}

// ---------------------------------------------------------------- get_privileges

#[test]
fn get_privileges_routes() {
    assert_wire(
        &build(&GetPrivileges::new()),
        "GET",
        "/_security/privilege",
        None,
    );
    assert_wire(
        &build(&GetPrivileges::new().application("myapp")),
        "GET",
        "/_security/privilege/myapp",
        None,
    );
    assert_wire(
        &build(&GetPrivileges::new().application("myapp").name("read")),
        "GET",
        "/_security/privilege/myapp/read",
        None,
    );
}

#[test]
fn get_privileges_all_parameters_and_escaping() {
    // The order of the setters does not matter.
    let req = build(&with_common!(GetPrivileges::new()
        .name(["read", "a/b c"])
        .application("my app")));
    assert_wire(
        &req,
        "GET",
        &format!("/_security/privilege/my%20app/read,a%2Fb%20c?{ALL_COMMON}"),
        None,
    );
}

#[test]
fn get_privileges_refuses_a_name_without_an_application() {
    let err = GetPrivileges::new()
        .name("read")
        .request_parts()
        .unwrap_err();
    match &err {
        Error::InvalidRequest { endpoint, reason } => {
            assert_eq!(*endpoint, "security.get_privileges");
            assert!(reason.contains("`name` needs `application`"), "{reason}");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    // The whole request build fails too, so nothing reaches a transport.
    let base = security_core::BaseUrl::parse(BASE).unwrap();
    assert!(GetPrivileges::new()
        .name(["read", "write"])
        .pretty(true)
        .to_http_request(&base, None)
        .is_err());
    // The raw variant goes through the same check.
    assert!(GetPrivileges::new()
        .name("read")
        .raw()
        .request_parts()
        .is_err());
}

#[test]
fn get_privileges_rejects_empty_values() {
    assert!(GetPrivileges::new()
        .application("")
        .request_parts()
        .is_err());
    assert!(GetPrivileges::new()
        .application("myapp")
        .name("")
        .request_parts()
        .is_err());
}

#[test]
fn get_privileges_keeps_options_through_the_wrapper() {
    let req = build_with(
        &GetPrivileges::new()
            .application("myapp")
            .opaque_id("trace-7")
            .run_as("rdeniro")
            .header("x-custom", "v")
            .request_timeout(std::time::Duration::from_secs(2)),
        &security_core::Credentials::basic("elastic", "changeme"),
    );
    assert_eq!(req.headers()["x-opaque-id"], "trace-7");
    assert_eq!(req.headers()["es-security-runas-user"], "rdeniro");
    assert_eq!(req.headers()["x-custom"], "v");
    assert_eq!(
        req.extensions().get::<security_core::RequestTimeout>(),
        Some(&security_core::RequestTimeout(
            std::time::Duration::from_secs(2)
        ))
    );
    let req = build_with(
        &GetPrivileges::new().credentials(security_core::Credentials::bearer("tok")),
        &security_core::Credentials::basic("elastic", "changeme"),
    );
    assert_eq!(req.headers()["authorization"], "Bearer tok");
    let req = build(
        &GetPrivileges::new().options(security_core::RequestOptions {
            opaque_id: Some("o".into()),
            ..Default::default()
        }),
    );
    assert_eq!(req.headers()["x-opaque-id"], "o");
    // with_ctx / split keep every parameter.
    let (ctx, plain) = GetPrivileges::new()
        .application("a")
        .name("n")
        .with_ctx(42u8)
        .split();
    assert_eq!(ctx, 42);
    assert_eq!(
        plain.request_parts().unwrap().path,
        "/_security/privilege/a/n"
    );
    let (_, plain) = GetPrivileges::new().name("n").with_ctx(()).split();
    assert!(plain.request_parts().is_err());
}

#[test]
fn get_privileges_decodes() {
    let answer = decode::<GetPrivileges>(
        r#"{"myapp":{"read":{"application":"myapp","name":"read","actions":["data:read/*","action:login"],
        "metadata":{"description":"Read access to myapp"}},
        "write":{"application":"myapp","name":"write","actions":["data:write/*"],"metadata":{},"new_field":1}},
        "other":{"all":{"application":"other","name":"all","actions":["*"],"metadata":{}}}}"#,
    );
    let read = &answer["myapp"]["read"];
    assert_eq!(read.application, "myapp");
    assert_eq!(read.name, "read");
    assert_eq!(read.actions, ["data:read/*", "action:login"]);
    assert_eq!(read.metadata["description"], "Read access to myapp");
    assert_eq!(answer["other"]["all"].actions, ["*"]);
    // What was read can be sent back.
    let back: Actions = answer["myapp"]["write"].clone().into();
    assert_eq!(
        serde_json::to_value(&back).unwrap(),
        json!({"actions": ["data:write/*"], "application": "myapp", "name": "write", "metadata": {}})
    );
    assert!(decode::<GetPrivileges>("{}").is_empty());
}

#[test]
fn get_privileges_decodes_the_documented_answer() {
    let dir = spec("get_privileges_decodes_the_documented_answer");
    let ex = examples(&dir, "security.get_privileges", "response");
    assert_eq!(ex.len(), 1);
    let answer = decode::<GetPrivileges>(&ex[0].raw);
    assert_eq!(
        answer["myapp"]["read"].actions,
        ["data:read/*", "action:login"]
    );
}

// ---------------------------------------------------------------- delete_privileges

#[test]
fn delete_privileges_minimal_and_all_parameters() {
    assert_wire(
        &build(&DeletePrivileges::new("myapp", "read")),
        "DELETE",
        "/_security/privilege/myapp/read",
        None,
    );
    let req = build(&with_common!(DeletePrivileges::new(
        "my/app",
        ["read", "wr ite"]
    )
    .refresh(Refresh::WaitFor)));
    assert_wire(
        &req,
        "DELETE",
        &format!("/_security/privilege/my%2Fapp/read,wr%20ite?refresh=wait_for&{ALL_COMMON}"),
        None,
    );
}

#[test]
fn delete_privileges_rejects_empty_values() {
    assert!(DeletePrivileges::new("", "read").request_parts().is_err());
    assert!(DeletePrivileges::new("myapp", "").request_parts().is_err());
    let none: Vec<String> = Vec::new();
    assert!(DeletePrivileges::new("myapp", none)
        .request_parts()
        .is_err());
}

#[test]
fn delete_privileges_decodes() {
    let answer =
        decode::<DeletePrivileges>(r#"{"myapp":{"read":{"found":true},"write":{"found":false}}}"#);
    assert!(answer["myapp"]["read"].found);
    assert!(!answer["myapp"]["write"].found);
}

// ---------------------------------------------------------------- get_builtin_privileges

#[test]
fn get_builtin_privileges_minimal_and_all_parameters() {
    assert_wire(
        &build(&GetBuiltinPrivileges::new()),
        "GET",
        "/_security/privilege/_builtin",
        None,
    );
    assert_wire(
        &build(&with_common!(GetBuiltinPrivileges::new())),
        "GET",
        &format!("/_security/privilege/_builtin?{ALL_COMMON}"),
        None,
    );
}

#[test]
fn get_builtin_privileges_decodes_known_and_unknown_names() {
    let answer = decode::<GetBuiltinPrivileges>(
        r#"{"cluster":["all","manage_security","monitor_stats","manage_connector"],
        "index":["all","read","view_index_metadata","brand_new"],
        "remote_cluster":["monitor_enrich","monitor_stats"]}"#,
    );
    assert_eq!(
        answer.cluster,
        [
            ClusterPrivilege::All,
            ClusterPrivilege::ManageSecurity,
            ClusterPrivilege::MonitorStats,
            ClusterPrivilege::Other("manage_connector".into()),
        ]
    );
    assert_eq!(answer.index[2], IndexPrivilege::ViewIndexMetadata);
    assert_eq!(answer.index[3], IndexPrivilege::Other("brand_new".into()));
    assert_eq!(
        answer.remote_cluster,
        [
            RemoteClusterPrivilege::MonitorEnrich,
            RemoteClusterPrivilege::MonitorStats
        ]
    );
    // An 8.14 server sends no remote_cluster.
    let answer = decode::<GetBuiltinPrivileges>(r#"{"cluster":["all"],"index":["all"]}"#);
    assert!(answer.remote_cluster.is_empty());
}

#[test]
fn get_builtin_privileges_decodes_the_documented_answer() {
    let dir = spec("get_builtin_privileges_decodes_the_documented_answer");
    let ex = examples(&dir, "security.get_builtin_privileges", "response");
    assert_eq!(ex.len(), 1);
    let answer = decode::<GetBuiltinPrivileges>(&ex[0].raw);
    assert!(answer.cluster.contains(&ClusterPrivilege::ManageApiKey));
    assert!(answer.index.contains(&IndexPrivilege::CreateDoc));
    assert_eq!(answer.remote_cluster.len(), 2);
}

// ---------------------------------------------------------------- get_user_privileges

#[test]
fn get_user_privileges_minimal_and_all_parameters() {
    assert_wire(
        &build(&GetUserPrivileges::new()),
        "GET",
        "/_security/user/_privileges",
        None,
    );
    // The rest-api-spec has no query parameters (the TS `application`/`priviledge`/`username`
    // do not exist): only the common ones.
    assert!(GetUserPrivileges::SPEC.query.is_empty());
    assert_wire(
        &build(&with_common!(GetUserPrivileges::new())),
        "GET",
        &format!("/_security/user/_privileges?{ALL_COMMON}"),
        None,
    );
}

#[test]
fn get_user_privileges_decodes_a_realistic_answer() {
    let answer = decode::<GetUserPrivileges>(
        r#"{
          "cluster": ["monitor", "manage_own_api_key", "cluster:admin/xpack/security/user/change_password"],
          "global": [{"application": {"manage": {"applications": ["app01", "app02"]}}}],
          "indices": [
            {"names": ["logs-*"], "privileges": ["read", "view_index_metadata"],
             "field_security": [{"grant": ["*"], "except": ["secret"]}, {"grant": ["public.*"]}],
             "query": ["{\"term\":{\"tenant\":\"a\"}}", "{\"term\":{\"tenant\":\"b\"}}"],
             "allow_restricted_indices": false},
            {"names": ["*"], "privileges": ["all"], "allow_restricted_indices": true}
          ],
          "applications": [{"application": "app01", "privileges": ["read"], "resources": ["*"]}],
          "run_as": ["rdeniro"],
          "remote_indices": [
            {"names": ["remote-logs-*"], "privileges": ["read"], "allow_restricted_indices": false,
             "clusters": ["cluster-a", "cluster-b"], "query": ["{\"match_all\":{}}"]}
          ],
          "remote_cluster": [{"privileges": ["monitor_enrich"], "clusters": ["*"]}],
          "a_future_field": {"x": 1}
        }"#,
    );
    assert_eq!(answer.cluster[1], ClusterPrivilege::ManageOwnApiKey);
    assert_eq!(
        answer.cluster[2],
        ClusterPrivilege::Other("cluster:admin/xpack/security/user/change_password".into())
    );
    assert_eq!(
        answer.global[0]
            .application
            .as_ref()
            .unwrap()
            .manage
            .applications,
        ["app01", "app02"]
    );
    let logs = &answer.indices[0];
    assert_eq!(logs.names.as_slice(), ["logs-*"]);
    assert_eq!(logs.field_security.len(), 2);
    assert_eq!(
        logs.field_security[0].except.as_ref().unwrap().as_slice(),
        ["secret"]
    );
    assert_eq!(
        logs.query,
        [
            IndicesPrivilegesQuery::Json("{\"term\":{\"tenant\":\"a\"}}".into()),
            IndicesPrivilegesQuery::Json("{\"term\":{\"tenant\":\"b\"}}".into()),
        ]
    );
    assert!(!logs.allow_restricted_indices);
    assert!(answer.indices[1].allow_restricted_indices);
    assert!(answer.indices[1].query.is_empty());
    assert_eq!(answer.applications[0].application, "app01");
    assert_eq!(answer.run_as, ["rdeniro"]);
    assert_eq!(
        answer.remote_indices[0].clusters,
        ["cluster-a", "cluster-b"]
    );
    assert_eq!(answer.remote_indices[0].privileges, [IndexPrivilege::Read]);
    assert_eq!(answer.remote_cluster[0].clusters.as_slice(), ["*"]);
    assert_eq!(
        answer.remote_cluster[0].privileges,
        [RemoteClusterPrivilege::MonitorEnrich]
    );
}

#[test]
fn get_user_privileges_decodes_the_documented_answer() {
    let dir = spec("get_user_privileges_decodes_the_documented_answer");
    let ex = examples(&dir, "security.get_user_privileges", "response");
    assert_eq!(ex.len(), 1);
    let answer = decode::<GetUserPrivileges>(&ex[0].raw);
    assert_eq!(answer.cluster, [ClusterPrivilege::All]);
    assert!(answer.global.is_empty());
    assert!(answer.indices[0].allow_restricted_indices);
    assert_eq!(answer.applications[0].resources, ["*"]);
    assert_eq!(answer.run_as, ["*"]);
    assert!(answer.remote_indices.is_empty());
}

// ---------------------------------------------------------------- has_privileges

#[test]
fn has_privileges_minimal_is_a_post_with_a_body() {
    // The body is required, so the request is a POST (GET|POST with a body), as the official
    // clients send it.
    assert_wire(
        &build(&HasPrivileges::new()),
        "POST",
        "/_security/user/_has_privileges",
        Some(json!({})),
    );
}

#[test]
fn has_privileges_all_parameters() {
    let req = build(&with_common!(HasPrivileges::new()
        .user("r deniro")
        .cluster(["monitor", "manage"])
        .index([
            IndexPrivilegesCheck::new(["suppliers", "products"], ["read"]),
            IndexPrivilegesCheck::new(
                [".security*"],
                [IndexPrivilege::Read, IndexPrivilege::Write]
            )
            .allow_restricted_indices(true),
        ])
        .application([ApplicationPrivilegesCheck::new(
            "inventory_manager",
            ["read", "data:write/inventory"],
            ["product/1852563"],
        )])));
    assert_wire(
        &req,
        "POST",
        &format!("/_security/user/r%20deniro/_has_privileges?{ALL_COMMON}"),
        Some(json!({
            "cluster": ["monitor", "manage"],
            "index": [
                {"names": ["suppliers", "products"], "privileges": ["read"]},
                {"names": [".security*"], "privileges": ["read", "write"], "allow_restricted_indices": true}
            ],
            "application": [{
                "application": "inventory_manager",
                "privileges": ["read", "data:write/inventory"],
                "resources": ["product/1852563"]
            }]
        })),
    );
}

#[test]
fn has_privileges_rejects_an_empty_user() {
    assert!(HasPrivileges::new().user("").request_parts().is_err());
}

#[test]
fn has_privileges_sends_the_documented_request() {
    let dir = spec("has_privileges_sends_the_documented_request");
    let ex = examples(&dir, "security.has_privileges", "request");
    assert_eq!(ex.len(), 1);
    let req = HasPrivileges::new()
        .cluster([ClusterPrivilege::Monitor, ClusterPrivilege::Manage])
        .index([
            IndexPrivilegesCheck::new(["suppliers", "products"], ["read"]),
            IndexPrivilegesCheck::new(["inventory"], ["read", "write"]),
        ])
        .application([ApplicationPrivilegesCheck::new(
            "inventory_manager",
            ["read", "data:write/inventory"],
            ["product/1852563"],
        )]);
    let expected = ex[0].value.clone().expect("documented request is JSON");
    assert_wire(
        &build(&req),
        "POST",
        "/_security/user/_has_privileges",
        Some(expected),
    );
}

#[test]
fn has_privileges_decodes() {
    let answer = decode::<HasPrivileges>(
        r#"{"username":"rdeniro","has_all_requested":false,
        "cluster":{"monitor":true,"manage":false},
        "index":{"suppliers":{"read":true},"inventory":{"read":true,"write":false}},
        "application":{"inventory_manager":{"product/1852563":{"read":false,"data:write/inventory":false}}}}"#,
    );
    assert_eq!(answer.username, "rdeniro");
    assert!(!answer.has_all_requested);
    assert!(answer.cluster["monitor"]);
    assert!(!answer.cluster["manage"]);
    assert!(answer.index["inventory"]["read"]);
    assert!(!answer.index["inventory"]["write"]);
    assert!(!answer.application["inventory_manager"]["product/1852563"]["data:write/inventory"]);
    // Only cluster privileges asked: the other maps are empty.
    let answer = decode::<HasPrivileges>(
        r#"{"username":"elastic","has_all_requested":true,"cluster":{"all":true},"index":{},"application":{}}"#,
    );
    assert!(answer.has_all_requested);
    assert!(answer.index.is_empty() && answer.application.is_empty());
}

#[test]
fn has_privileges_decodes_the_documented_answer() {
    let dir = spec("has_privileges_decodes_the_documented_answer");
    let ex = examples(&dir, "security.has_privileges", "response");
    assert_eq!(ex.len(), 1);
    let answer = decode::<HasPrivileges>(&ex[0].raw);
    assert_eq!(answer.username, "rdeniro");
    assert!(answer.index["products"]["read"]);
    assert!(!answer.application["inventory_manager"]["product/1852563"]["read"]);
}

// ---------------------------------------------------------------- clear_cached_privileges

#[test]
fn clear_cached_privileges_minimal_and_all_parameters() {
    assert_wire(
        &build(&ClearCachedPrivileges::new("myapp")),
        "POST",
        "/_security/privilege/myapp/_clear_cache",
        None,
    );
    assert_wire(
        &build(&with_common!(ClearCachedPrivileges::new([
            "app 1", "*", "a/b"
        ]))),
        "POST",
        &format!("/_security/privilege/app%201,*,a%2Fb/_clear_cache?{ALL_COMMON}"),
        None,
    );
}

#[test]
fn clear_cached_privileges_rejects_empty_names() {
    assert!(ClearCachedPrivileges::new("").request_parts().is_err());
    assert!(ClearCachedPrivileges::new(["a", ""])
        .request_parts()
        .is_err());
}

#[test]
fn clear_cached_privileges_decodes() {
    let answer = decode::<ClearCachedPrivileges>(
        r#"{"_nodes":{"total":2,"successful":2,"failed":0},"cluster_name":"docker-cluster",
        "nodes":{"kQbPg7-aRv2MeKrtb1JQcQ":{"name":"node-1"},"aX0cFmLfS2GfAk9C6L3GOw":{"name":"node-2"}}}"#,
    );
    assert_eq!(answer.node_stats.successful, 2);
    assert_eq!(answer.cluster_name, "docker-cluster");
    assert_eq!(answer.nodes["kQbPg7-aRv2MeKrtb1JQcQ"].name, "node-1");
}
