//! Wire-exact requests and typed answers of the `roles` group.

mod common;
use common::*;
use security_core::roles::*;
use security_core::types::common::{
    ApplicationGlobalUserPrivileges, ApplicationPrivileges, ClusterPrivilege, DataSourcePrivilege,
    DataSourcePrivileges, FieldSecurity, GlobalPrivilege, IndexPrivilege, IndicesPrivileges,
    IndicesPrivilegesQuery, ManageUserPrivileges, OneOrMany, Refresh, RemoteClusterPrivilege,
    RemoteClusterPrivileges, RemoteIndicesPrivileges,
};
use security_core::types::role_mappings::{RoleTemplateScript, Script, TemplateFormat};
use security_core::types::roles::PutRoleBody;
use security_core::Endpoint;
use serde_json::json;

fn map(value: serde_json::Value) -> serde_json::Map<String, serde_json::Value> {
    match value {
        serde_json::Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

#[test]
fn put_role_minimal() {
    assert_wire(
        &build(&PutRole::new("my_admin_role")),
        "PUT",
        "/_security/role/my_admin_role",
        Some(json!({})),
    );
    assert!(PutRole::new("").request_parts().is_err());
}

#[test]
fn put_role_all_parameters() {
    let req = build(
        &PutRole::new("my role/é")
            .refresh(Refresh::WaitFor)
            .cluster([
                ClusterPrivilege::All,
                ClusterPrivilege::from("cluster:monitor/main"),
            ])
            .indices([IndicesPrivileges {
                names: OneOrMany::from(["index1", "index2"]),
                privileges: vec![IndexPrivilege::Read, "indices:admin/get".into()],
                field_security: Some(FieldSecurity {
                    grant: Some(OneOrMany::from(["title", "body"])),
                    except: Some(OneOrMany::from("body.secret")),
                }),
                query: Some(IndicesPrivilegesQuery::Json(
                    r#"{"match": {"title": "foo"}}"#.to_owned(),
                )),
                allow_restricted_indices: Some(false),
            }])
            .remote_indices([RemoteIndicesPrivileges {
                clusters: OneOrMany::from(["my_remote"]),
                names: OneOrMany::from(["logs*"]),
                privileges: vec![IndexPrivilege::Read, IndexPrivilege::ReadCrossCluster],
                ..Default::default()
            }])
            .remote_cluster([RemoteClusterPrivileges::new(
                ["my_remote"],
                [RemoteClusterPrivilege::MonitorEnrich, "monitor_2030".into()],
            )])
            .global(GlobalPrivilege {
                application: Some(ApplicationGlobalUserPrivileges {
                    manage: ManageUserPrivileges {
                        applications: vec!["myapp".into()],
                    },
                }),
                data_source: Some(vec![DataSourcePrivileges {
                    names: vec!["ds-*".into()],
                    privileges: vec![DataSourcePrivilege::Read, DataSourcePrivilege::ReadMetadata],
                }]),
                ..Default::default()
            })
            .applications([ApplicationPrivileges {
                application: "myapp".into(),
                privileges: vec!["admin".into(), "read".into()],
                resources: vec!["*".into()],
            }])
            .metadata(map(json!({"version": 1})))
            .transient_metadata(map(json!({"enabled": true})))
            .description("Grants full access.")
            .run_as_users(["other_user"])
            .error_trace(true)
            .filter_path("role.created")
            .human(false)
            .pretty(true),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/role/my%20role%2F%C3%A9?refresh=wait_for&error_trace=true&filter_path=role.created&human=false&pretty=true",
        Some(json!({
            "cluster": ["all", "cluster:monitor/main"],
            "indices": [{
                "names": ["index1", "index2"],
                "privileges": ["read", "indices:admin/get"],
                "field_security": {"grant": ["title", "body"], "except": "body.secret"},
                "query": "{\"match\": {\"title\": \"foo\"}}",
                "allow_restricted_indices": false
            }],
            "remote_indices": [{
                "clusters": ["my_remote"],
                "names": ["logs*"],
                "privileges": ["read", "read_cross_cluster"]
            }],
            "remote_cluster": [{"clusters": ["my_remote"], "privileges": ["monitor_enrich", "monitor_2030"]}],
            "global": {
                "application": {"manage": {"applications": ["myapp"]}},
                "data_source": [{"names": ["ds-*"], "privileges": ["read", "read_metadata"]}]
            },
            "applications": [{"application": "myapp", "privileges": ["admin", "read"], "resources": ["*"]}],
            "metadata": {"version": 1},
            "run_as": ["other_user"],
            "transient_metadata": {"enabled": true},
            "description": "Grants full access."
        })),
    );
    // The role's run_as is a body field; the request option run_as is a header.
    assert!(req.headers().get("es-security-runas-user").is_none());
    let req = build(&PutRole::new("r").run_as_users(["u1", "u2"]).run_as("admin"));
    assert_eq!(req.headers()["es-security-runas-user"], "admin");
    assert_wire(
        &req,
        "PUT",
        "/_security/role/r",
        Some(json!({"run_as": ["u1", "u2"]})),
    );
}

#[test]
fn put_role_takes_a_whole_body() {
    let body = PutRoleBody {
        cluster: vec![ClusterPrivilege::Monitor],
        indices: vec![IndicesPrivileges::new(["logs-*"], [IndexPrivilege::Read])],
        ..Default::default()
    };
    let req = build(&PutRole::new("logs_reader").body(body.clone()));
    assert_wire(
        &req,
        "PUT",
        "/_security/role/logs_reader",
        Some(
            json!({"cluster": ["monitor"], "indices": [{"names": ["logs-*"], "privileges": ["read"]}]}),
        ),
    );
    assert_eq!(
        PutRole::new("logs_reader").body(body.clone()).body_ref(),
        &body
    );
    // Setters after `.body` add to it.
    let req = build(
        &PutRole::new("logs_reader")
            .body(body)
            .description("Reads logs"),
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(req.body()).unwrap()["description"],
        "Reads logs"
    );
}

/// Builds put_role from a documented body through the typed setters, one per field; a field
/// without a setter fails the test.
fn typed_put_role(name: &str, body: &serde_json::Value) -> PutRole {
    fn from<T: serde::de::DeserializeOwned>(key: &str, value: &serde_json::Value) -> T {
        serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("put_role field `{key}` does not decode: {e}"))
    }
    let mut req = PutRole::new(name);
    for (key, value) in body.as_object().expect("a JSON object") {
        req = match key.as_str() {
            "cluster" => req.cluster(from::<Vec<ClusterPrivilege>>(key, value)),
            "indices" => req.indices(from::<Vec<IndicesPrivileges>>(key, value)),
            "remote_indices" => {
                req.remote_indices(from::<Vec<RemoteIndicesPrivileges>>(key, value))
            }
            "remote_cluster" => {
                req.remote_cluster(from::<Vec<RemoteClusterPrivileges>>(key, value))
            }
            "global" => req.global(from::<GlobalPrivilege>(key, value)),
            "applications" => req.applications(from::<Vec<ApplicationPrivileges>>(key, value)),
            "metadata" => req.metadata(map(value.clone())),
            "transient_metadata" => req.transient_metadata(map(value.clone())),
            "description" => req.description(from::<String>(key, value)),
            "run_as" => req.run_as_users(from::<Vec<String>>(key, value)),
            other => panic!("put_role has no typed setter for `{other}`"),
        };
    }
    req
}

#[test]
fn put_role_documented_requests() {
    for version in ["8.14", "9.5"] {
        let dir = spec_version(version);
        let examples = examples(&dir, "security.put_role", "request");
        assert_eq!(examples.len(), 3, "{version}");
        for ex in examples {
            let value = ex.value.unwrap();
            let method_request = ex.method_request.unwrap();
            let name = method_request.rsplit('/').next().unwrap();
            let path = format!("/_security/role/{name}");
            assert_wire(
                &build(&typed_put_role(name, &value)),
                "PUT",
                &path,
                Some(value.clone()),
            );
            // The raw body sends the example as it is.
            let raw = build(&PutRole::new(name).raw_body(value.clone()));
            assert_wire(&raw, "PUT", &path, Some(value));
        }
    }
}

#[test]
fn put_role_decodes() {
    assert!(
        decode::<PutRole>(r#"{"role":{"created":true}}"#)
            .role
            .created
    );
    assert!(
        !decode::<PutRole>(r#"{"role":{"created":false},"newer":1}"#)
            .role
            .created
    );
}

#[test]
fn get_role_routes_and_escaping() {
    assert_wire(&build(&GetRole::new()), "GET", "/_security/role", None);
    assert_wire(
        &build(&GetRole::new().name("my_admin_role")),
        "GET",
        "/_security/role/my_admin_role",
        None,
    );
    assert_wire(
        &build(
            &GetRole::new()
                .name(["r 1", "r/2", "r*"])
                .error_trace(true)
                .filter_path("*.cluster")
                .human(true)
                .pretty(true),
        ),
        "GET",
        "/_security/role/r%201,r%2F2,r*?error_trace=true&filter_path=*.cluster&human=true&pretty=true",
        None,
    );
    assert!(GetRole::new().name("").request_parts().is_err());
    let none: Vec<String> = Vec::new();
    assert!(GetRole::new().name(none).request_parts().is_err());
}

#[test]
fn get_role_include_implicit() {
    assert_wire(
        &build(&GetRole::new().name("r").include_implicit(true)),
        "GET",
        "/_security/role/r?include_implicit=true",
        None,
    );
    assert_wire(
        &build(&GetRole::new().include_implicit(false).pretty(true)),
        "GET",
        "/_security/role?include_implicit=false&pretty=true",
        None,
    );
}

#[test]
fn get_role_decodes_a_full_answer_with_newer_fields() {
    let roles = decode::<GetRole>(
        r#"{
      "my_admin_role": {
        "cluster": ["all", "cluster:monitor/main", "monitor_stats", "manage_reindex"],
        "indices": [{
          "names": ["index1", "index2"], "privileges": ["all", "indices:admin/get"],
          "field_security": {"grant": ["title", "body"]},
          "query": "{\"match\": {\"title\": \"foo\"}}",
          "allow_restricted_indices": false
        }, {
          "names": [".kibana-implicit*"], "privileges": ["read"], "allow_restricted_indices": true,
          "implicitly_granted": true
        }],
        "remote_indices": [{"clusters": ["my_remote"], "names": ["logs*"], "privileges": ["read"], "allow_restricted_indices": false}],
        "remote_cluster": [{"clusters": ["my_remote"], "privileges": ["monitor_enrich", "monitor_2030"]}],
        "global": {"application": {"manage": {"applications": ["myapp"]}},
                   "data_source": [{"names": ["ds-*"], "privileges": ["read", "drop_2030"]}]},
        "applications": [{"application": "myapp", "privileges": ["admin", "read"], "resources": ["*"]}],
        "run_as": ["other_user"],
        "metadata": {"version": 1},
        "transient_metadata": {"enabled": false, "unlicensed_features": ["dls", "fls"]},
        "description": "Grants full access.",
        "role_templates": [{"template": "{\"source\":\"_user_{{username}}\"}", "format": "string"}],
        "a_field_of_2030": {"x": 1}
      },
      "viewer": {"cluster": [], "indices": [], "applications": [], "run_as": [], "metadata": {"_reserved": true},
                 "transient_metadata": {"enabled": true}}
    }"#,
    );
    let role = &roles["my_admin_role"];
    assert_eq!(
        role.cluster,
        [
            ClusterPrivilege::All,
            ClusterPrivilege::Other("cluster:monitor/main".into()),
            ClusterPrivilege::MonitorStats,
            ClusterPrivilege::ManageReindex,
        ]
    );
    assert_eq!(role.indices[0].names.as_slice(), ["index1", "index2"]);
    assert_eq!(
        role.indices[0].privileges[1],
        IndexPrivilege::Other("indices:admin/get".into())
    );
    assert_eq!(
        role.indices[0].query,
        Some(IndicesPrivilegesQuery::Json(
            r#"{"match": {"title": "foo"}}"#.into()
        ))
    );
    assert!(!role.indices[0].is_implicitly_granted());
    assert!(role.indices[1].is_implicitly_granted());
    let remote_indices = role.remote_indices.as_ref().unwrap();
    assert_eq!(remote_indices[0].clusters.as_slice(), ["my_remote"]);
    let remote_cluster = role.remote_cluster.as_ref().unwrap();
    assert_eq!(
        remote_cluster[0].privileges,
        [
            RemoteClusterPrivilege::MonitorEnrich,
            RemoteClusterPrivilege::Other("monitor_2030".into())
        ]
    );
    let global = role.global.as_ref().unwrap();
    assert_eq!(
        global.application.as_ref().unwrap().manage.applications,
        ["myapp"]
    );
    assert_eq!(
        global.data_source.as_ref().unwrap()[0].privileges,
        [
            DataSourcePrivilege::Read,
            DataSourcePrivilege::Other("drop_2030".into())
        ]
    );
    assert_eq!(role.applications[0].resources, ["*"]);
    assert_eq!(role.run_as.as_deref(), Some(&["other_user".to_owned()][..]));
    assert_eq!(role.metadata["version"], 1);
    assert!(!role.is_enabled());
    assert_eq!(role.description.as_deref(), Some("Grants full access."));
    let templates = role.role_templates.as_ref().unwrap();
    assert_eq!(templates[0].format, Some(TemplateFormat::String));
    match templates[0].template.script().unwrap() {
        Script::Inline(inline) => assert_eq!(inline.source, "_user_{{username}}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(templates[0].template, RoleTemplateScript::Json(_)));
    // Unknown fields are kept, known ones are not repeated there.
    assert_eq!(role.other.keys().collect::<Vec<_>>(), ["a_field_of_2030"]);

    let viewer = &roles["viewer"];
    assert!(viewer.cluster.is_empty());
    assert_eq!(viewer.metadata["_reserved"], true);
    assert!(viewer.is_enabled());
    assert!(viewer.role_templates.is_none() && viewer.other.is_empty());
    assert!(viewer.remote_indices.is_none() && viewer.remote_cluster.is_none());
}

#[test]
fn get_role_decodes_what_older_servers_send_and_errors_with_a_path() {
    // An 8.x answer: no remote_indices, remote_cluster, description, implicitly_granted.
    let roles = decode::<GetRole>(
        r#"{"r":{"cluster":[],"indices":[{"names":"a","privileges":["read"]}],"applications":[],"run_as":[],"metadata":{}}}"#,
    );
    assert_eq!(roles["r"].indices[0].names.as_slice(), ["a"]);
    assert_eq!(roles["r"].indices[0].implicitly_granted, None);
    assert_eq!(roles["r"].description, None);
    assert!(decode::<GetRole>("{}").is_empty());
    let err = GetRole::decode(es_response(200, r#"{"r":{"cluster":"all"}}"#)).unwrap_err();
    match err {
        security_core::Error::Decode { path, .. } => assert!(path.starts_with('r'), "{path}"),
        other => panic!("{other:?}"),
    }
    // Absent lists are empty (query_role's roles may omit them).
    let roles = decode::<GetRole>(r#"{"r":{}}"#);
    assert!(roles["r"].cluster.is_empty() && roles["r"].indices.is_empty());
}

#[test]
fn get_role_documented_answers() {
    for version in ["8.14", "9.5"] {
        let dir = spec_version(version);
        let examples = examples(&dir, "security.get_role", "response");
        assert_eq!(examples.len(), 1, "{version}");
        let roles = decode::<GetRole>(&examples[0].value.as_ref().unwrap().to_string());
        let role = &roles["my_admin_role"];
        assert_eq!(role.cluster, [ClusterPrivilege::All]);
        assert_eq!(
            role.indices[0].field_security.as_ref().unwrap().grant,
            Some(OneOrMany::Many(vec!["title".into(), "body".into()]))
        );
        assert_eq!(role.indices[0].allow_restricted_indices, Some(false));
        assert_eq!(role.run_as.as_deref(), Some(&["other_user".to_owned()][..]));
        assert!(role.is_enabled());
        assert_eq!(
            role.description.as_deref(),
            Some("Grants full access to all management features within the cluster.")
        );
    }
}

/// The answer without what put_role does not take back: `transient_metadata`, role templates,
/// implicitly granted entries, and the empty lists (the typed body does not send them).
fn expected_put_body(role: &serde_json::Value) -> serde_json::Value {
    let mut body = role.as_object().unwrap().clone();
    body.remove("transient_metadata");
    body.remove("role_templates");
    if let Some(serde_json::Value::Array(indices)) = body.get_mut("indices") {
        indices.retain(|entry| entry.get("implicitly_granted") != Some(&json!(true)));
        for entry in indices.iter_mut() {
            entry.as_object_mut().unwrap().remove("implicitly_granted");
        }
    }
    body.retain(|_, v| v != &json!([]) && v != &json!({}));
    serde_json::Value::Object(body)
}

#[test]
fn a_role_read_with_get_role_is_put_back_exactly() {
    let dir = spec_version("9.5");
    let documented = examples(&dir, "security.get_role", "response")[0]
        .value
        .clone()
        .unwrap();
    let extended = json!({
        "implicit": {
            "description": "Reads logs, here and remotely.",
            "cluster": ["monitor", "monitor_stats"],
            "indices": [
                {"names": ["logs-*"], "privileges": ["read", "view_index_metadata"],
                 "allow_restricted_indices": false,
                 "query": "{\"term\": {\"team\": \"a\"}}",
                 "field_security": {"grant": ["*"], "except": ["secret"]}},
                {"names": [".implicit-*"], "privileges": ["read"], "allow_restricted_indices": true,
                 "implicitly_granted": true},
                {"names": ["stored"], "privileges": ["write"], "allow_restricted_indices": false,
                 "implicitly_granted": false}
            ],
            "remote_indices": [
                {"clusters": ["eu-*"], "names": ["logs-*"], "privileges": ["read", "read_cross_cluster"],
                 "allow_restricted_indices": false}
            ],
            "remote_cluster": [{"clusters": ["eu-*"], "privileges": ["monitor_enrich", "monitor_stats"]}],
            "global": {"application": {"manage": {"applications": ["kibana-*"]}},
                       "data_source": [{"names": ["s3-*"], "privileges": ["read"]}]},
            "applications": [{"application": "kibana-.kibana", "privileges": ["read"], "resources": ["*"]}],
            "run_as": [],
            "metadata": {"owner": "team-a"},
            "transient_metadata": {"enabled": true},
            "role_templates": []
        }
    });
    for answer in [documented, extended] {
        let roles = decode::<GetRole>(&answer.to_string());
        assert!(!roles.is_empty());
        for (name, role) in roles {
            let expected = expected_put_body(&answer[&name]);
            // Both ways: the body conversion, and the role given to `.body` as it is.
            let via_body = build(&PutRole::new(name.as_str()).body(role.clone().into_put_body()));
            let via_role = build(&PutRole::new(name.as_str()).body(role));
            let path = format!("/_security/role/{name}");
            assert_wire(&via_body, "PUT", &path, Some(expected.clone()));
            assert_wire(&via_role, "PUT", &path, Some(expected.clone()));
            // Nothing read-only is left; everything else is.
            let sent: serde_json::Value = serde_json::from_slice(via_role.body()).unwrap();
            let text = sent.to_string();
            for read_only in ["implicitly_granted", "transient_metadata", "role_templates"] {
                assert!(
                    !text.contains(read_only),
                    "{name}: {read_only} sent: {text}"
                );
            }
            for field in sent.as_object().unwrap().keys() {
                assert!(
                    PUT_ROLE_BODY_FIELDS.contains(&field.as_str()),
                    "{name}: put_role does not accept `{field}`"
                );
            }
        }
    }
}

/// The body fields of put_role in the 9.5 specification (`put_role/SecurityPutRoleRequest.ts`).
const PUT_ROLE_BODY_FIELDS: &[&str] = &[
    "applications",
    "cluster",
    "global",
    "indices",
    "remote_indices",
    "remote_cluster",
    "metadata",
    "run_as",
    "description",
    "transient_metadata",
];

#[test]
fn put_role_body_fields_are_the_specs() {
    let dir = spec_version("9.5");
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("endpoints.json")).unwrap())
            .unwrap();
    let put_role = all["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "security.put_role")
        .expect("put_role in endpoints.json");
    let mut spec: Vec<&str> = put_role["body_fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    spec.sort_unstable();
    let mut ours = PUT_ROLE_BODY_FIELDS.to_vec();
    ours.sort_unstable();
    assert_eq!(ours, spec);
    // Every field has a setter: a body with all of them serialises through the builder.
    let all_fields = json!({
        "applications": [{"application": "a", "privileges": ["p"], "resources": ["*"]}],
        "cluster": ["all"],
        "global": {"application": {"manage": {"applications": ["a"]}}},
        "indices": [{"names": ["i"], "privileges": ["read"]}],
        "remote_indices": [{"clusters": ["c"], "names": ["i"], "privileges": ["read"]}],
        "remote_cluster": [{"clusters": ["c"], "privileges": ["monitor_stats"]}],
        "metadata": {"k": "v"},
        "run_as": ["u"],
        "description": "d",
        "transient_metadata": {"enabled": true}
    });
    assert_wire(
        &build(&typed_put_role("r", &all_fields)),
        "PUT",
        "/_security/role/r",
        Some(all_fields),
    );
}

#[test]
fn delete_role_minimal_and_all_parameters() {
    assert_wire(
        &build(&DeleteRole::new("my_admin_role")),
        "DELETE",
        "/_security/role/my_admin_role",
        None,
    );
    assert_wire(
        &build(
            &DeleteRole::new("a,b")
                .refresh(Refresh::False)
                .error_trace(false)
                .filter_path("found")
                .human(false)
                .pretty(false),
        ),
        "DELETE",
        "/_security/role/a,b?refresh=false&error_trace=false&filter_path=found&human=false&pretty=false",
        None,
    );
    assert!(DeleteRole::new("").request_parts().is_err());
}

#[test]
fn delete_role_decodes() {
    assert!(decode::<DeleteRole>(r#"{"found":true}"#).found);
    assert!(!decode::<DeleteRole>(r#"{"found":false}"#).found);
}

#[test]
fn clear_cached_roles_minimal_and_all_parameters() {
    assert_wire(
        &build(&ClearCachedRoles::new("my_admin_role")),
        "POST",
        "/_security/role/my_admin_role/_clear_cache",
        None,
    );
    assert_wire(
        &build(&ClearCachedRoles::new("*")),
        "POST",
        "/_security/role/*/_clear_cache",
        None,
    );
    assert_wire(
        &build(
            &ClearCachedRoles::new(["my admin", "b#c"])
                .error_trace(true)
                .filter_path(["_nodes.total"])
                .human(true)
                .pretty(true),
        ),
        "POST",
        "/_security/role/my%20admin,b%23c/_clear_cache?error_trace=true&filter_path=_nodes.total&human=true&pretty=true",
        None,
    );
    let none: Vec<String> = Vec::new();
    assert!(ClearCachedRoles::new(none).request_parts().is_err());
}

#[test]
fn clear_cached_roles_decodes() {
    let answer = decode::<ClearCachedRoles>(
        r#"{"_nodes":{"total":1,"successful":1,"failed":0},"cluster_name":"elasticsearch",
        "nodes":{"Y5R7sgRWSFmNdb7A0rUvTw":{"name":"node-1"}}}"#,
    );
    assert_eq!(answer.node_stats.successful, 1);
    assert_eq!(answer.cluster_name, "elasticsearch");
    assert_eq!(answer.nodes["Y5R7sgRWSFmNdb7A0rUvTw"].name, "node-1");
}

#[test]
fn roles_group_declares_its_endpoints() {
    let names: Vec<&str> = SPECS.iter().map(|s| s.method_name()).collect();
    assert_eq!(
        names,
        [
            "put_role",
            "get_role",
            "delete_role",
            "clear_cached_roles",
            "query_role",
            "bulk_put_role",
            "bulk_delete_role"
        ]
    );
}
