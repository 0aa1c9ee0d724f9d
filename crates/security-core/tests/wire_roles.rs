//! Wire-exact requests and typed answers of the `roles` group.

mod common;
use common::*;
use security_core::roles::*;
use security_core::types::common::{
    ApplicationGlobalUserPrivileges, ApplicationPrivileges, ClusterPrivilege, FieldSecurity,
    GlobalPrivilege, IndexPrivilege, IndicesPrivileges, IndicesPrivilegesQuery,
    ManageUserPrivileges, OneOrMany, Refresh, RemoteIndicesPrivileges, Restriction, RoleDescriptor,
};
use security_core::types::role_mappings::{RoleTemplateScript, Script, TemplateFormat};
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
            .global(OneOrMany::One(GlobalPrivilege {
                application: Some(ApplicationGlobalUserPrivileges {
                    manage: ManageUserPrivileges {
                        applications: vec!["myapp".into()],
                    },
                }),
                ..Default::default()
            }))
            .applications([ApplicationPrivileges {
                application: "myapp".into(),
                privileges: vec!["admin".into(), "read".into()],
                resources: vec!["*".into()],
            }])
            .metadata(map(json!({"version": 1})))
            .transient_metadata(map(json!({"enabled": true})))
            .description("Grants full access.")
            .restriction(Restriction {
                workflows: vec!["search_application_query".into()],
            })
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
            "global": {"application": {"manage": {"applications": ["myapp"]}}},
            "applications": [{"application": "myapp", "privileges": ["admin", "read"], "resources": ["*"]}],
            "metadata": {"version": 1},
            "run_as": ["other_user"],
            "transient_metadata": {"enabled": true},
            "description": "Grants full access.",
            "restriction": {"workflows": ["search_application_query"]}
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
fn put_role_takes_a_whole_descriptor() {
    let descriptor = RoleDescriptor {
        cluster: vec![ClusterPrivilege::Monitor],
        indices: vec![IndicesPrivileges::new(["logs-*"], [IndexPrivilege::Read])],
        ..Default::default()
    };
    let req = build(&PutRole::new("logs_reader").body(descriptor.clone()));
    assert_wire(
        &req,
        "PUT",
        "/_security/role/logs_reader",
        Some(
            json!({"cluster": ["monitor"], "indices": [{"names": ["logs-*"], "privileges": ["read"]}]}),
        ),
    );
    assert_eq!(
        PutRole::new("logs_reader")
            .body(descriptor.clone())
            .body_ref(),
        &descriptor
    );
    // Setters after `.body` add to it.
    let req = build(
        &PutRole::new("logs_reader")
            .body(descriptor)
            .description("Reads logs"),
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(req.body()).unwrap()["description"],
        "Reads logs"
    );
}

#[test]
fn put_role_documented_requests() {
    let dir = spec("put_role_documented_requests");
    let examples = examples(&dir, "security.put_role", "request");
    assert_eq!(examples.len(), 3);
    for ex in examples {
        let value = ex.value.unwrap();
        let method_request = ex.method_request.unwrap();
        let name = method_request.rsplit('/').next().unwrap();
        let descriptor: RoleDescriptor = serde_json::from_value(value.clone()).unwrap();
        let typed = build(&PutRole::new(name).body(descriptor));
        let path = format!("/_security/role/{name}");
        if value.get("remote_cluster").is_some() {
            // `remote_cluster` (8.15+) is not a typed field: the typed body keeps the rest, and
            // the raw body sends the example as it is.
            let mut without = value.clone();
            without.as_object_mut().unwrap().remove("remote_cluster");
            assert_wire(&typed, "PUT", &path, Some(without));
            let raw = build(&PutRole::new(name).raw_body(value.clone()));
            assert_wire(&raw, "PUT", &path, Some(value));
        } else {
            assert_wire(&typed, "PUT", &path, Some(value));
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
fn get_role_decodes_a_full_answer_with_newer_fields() {
    let roles = decode::<GetRole>(
        r#"{
      "my_admin_role": {
        "cluster": ["all", "cluster:monitor/main"],
        "indices": [{
          "names": ["index1", "index2"], "privileges": ["all", "indices:admin/get"],
          "field_security": {"grant": ["title", "body"]},
          "query": "{\"match\": {\"title\": \"foo\"}}",
          "allow_restricted_indices": false
        }],
        "remote_indices": [{"clusters": ["my_remote"], "names": ["logs*"], "privileges": ["read"], "allow_restricted_indices": false}],
        "remote_cluster": [{"clusters": ["my_remote"], "privileges": ["monitor_enrich"]}],
        "global": {"application": {"manage": {"applications": ["myapp"]}}},
        "applications": [{"application": "myapp", "privileges": ["admin", "read"], "resources": ["*"]}],
        "run_as": ["other_user"],
        "metadata": {"version": 1},
        "transient_metadata": {"enabled": false, "unlicensed_features": ["dls", "fls"]},
        "description": "Grants full access.",
        "restriction": {"workflows": ["search_application_query"]},
        "role_templates": [{"template": "{\"source\":\"_user_{{username}}\"}", "format": "string"}],
        "a_field_of_2030": {"x": 1}
      },
      "viewer": {"cluster": [], "indices": [], "applications": [], "run_as": [], "metadata": {"_reserved": true},
                 "transient_metadata": {"enabled": true}}
    }"#,
    );
    let role = &roles["my_admin_role"];
    let d = &role.descriptor;
    assert_eq!(
        d.cluster,
        [
            ClusterPrivilege::All,
            ClusterPrivilege::Other("cluster:monitor/main".into())
        ]
    );
    assert_eq!(d.indices[0].names.as_slice(), ["index1", "index2"]);
    assert_eq!(
        d.indices[0].privileges[1],
        IndexPrivilege::Other("indices:admin/get".into())
    );
    assert_eq!(
        d.indices[0].query,
        Some(IndicesPrivilegesQuery::Json(
            r#"{"match": {"title": "foo"}}"#.into()
        ))
    );
    assert_eq!(d.remote_indices[0].clusters.as_slice(), ["my_remote"]);
    assert_eq!(
        d.global.as_ref().unwrap().as_slice()[0]
            .application
            .as_ref()
            .unwrap()
            .manage
            .applications,
        ["myapp"]
    );
    assert_eq!(d.applications[0].resources, ["*"]);
    assert_eq!(d.run_as, ["other_user"]);
    assert_eq!(d.metadata["version"], 1);
    assert_eq!(d.transient_metadata.as_ref().unwrap()["enabled"], false);
    assert_eq!(d.description.as_deref(), Some("Grants full access."));
    assert_eq!(
        d.restriction.as_ref().unwrap().workflows,
        ["search_application_query"]
    );
    assert_eq!(role.role_templates[0].format, Some(TemplateFormat::String));
    match role.role_templates[0].template.script().unwrap() {
        Script::Inline(inline) => assert_eq!(inline.source, "_user_{{username}}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        role.role_templates[0].template,
        RoleTemplateScript::Json(_)
    ));
    // Unknown fields are kept, known ones are not repeated there.
    assert_eq!(
        role.other.keys().collect::<Vec<_>>(),
        ["a_field_of_2030", "remote_cluster"]
    );
    assert_eq!(role.other["remote_cluster"][0]["clusters"][0], "my_remote");

    let viewer = &roles["viewer"];
    assert!(viewer.descriptor.cluster.is_empty());
    assert_eq!(viewer.descriptor.metadata["_reserved"], true);
    assert!(viewer.role_templates.is_empty() && viewer.other.is_empty());
}

#[test]
fn get_role_decodes_a_minimal_answer_and_errors_with_a_path() {
    let roles = decode::<GetRole>(r#"{"r":{}}"#);
    assert_eq!(roles["r"].descriptor, RoleDescriptor::default());
    assert!(decode::<GetRole>("{}").is_empty());
    let err = GetRole::decode(es_response(200, r#"{"r":{"cluster":"all"}}"#)).unwrap_err();
    match err {
        security_core::Error::Decode { path, .. } => assert!(path.starts_with('r'), "{path}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn get_role_documented_answer() {
    let dir = spec("get_role_documented_answer");
    let examples = examples(&dir, "security.get_role", "response");
    assert_eq!(examples.len(), 1);
    let roles = decode::<GetRole>(&examples[0].value.as_ref().unwrap().to_string());
    let role = &roles["my_admin_role"].descriptor;
    assert_eq!(role.cluster, [ClusterPrivilege::All]);
    assert_eq!(
        role.indices[0].field_security.as_ref().unwrap().grant,
        Some(OneOrMany::Many(vec!["title".into(), "body".into()]))
    );
    assert_eq!(role.indices[0].allow_restricted_indices, Some(false));
    assert_eq!(role.run_as, ["other_user"]);
    assert_eq!(role.transient_metadata.as_ref().unwrap()["enabled"], true);
    assert_eq!(
        role.description.as_deref(),
        Some("Grants full access to all management features within the cluster.")
    );
}

#[test]
fn a_role_read_with_get_role_can_be_put_again() {
    let roles = decode::<GetRole>(
        r#"{"r":{"cluster":["monitor"],"indices":[{"names":["a"],"privileges":["read"],"allow_restricted_indices":false}],
        "applications":[],"run_as":[],"metadata":{"v":2},"transient_metadata":{"enabled":true}}}"#,
    );
    let descriptor = roles["r"].descriptor.clone();
    let req = build(&PutRole::new("r2").body(descriptor));
    assert_wire(
        &req,
        "PUT",
        "/_security/role/r2",
        Some(json!({
            "cluster": ["monitor"],
            "indices": [{"names": ["a"], "privileges": ["read"], "allow_restricted_indices": false}],
            "metadata": {"v": 2},
            "transient_metadata": {"enabled": true}
        })),
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
