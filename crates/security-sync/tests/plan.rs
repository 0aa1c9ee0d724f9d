//! Plans as values, from answers as the server gives them: normalisation, ownership, reserved
//! and read-only objects, and the human plan compared with golden files in the repository
//! (`UPDATE_GOLDEN=1` rewrites them).

use security_sync::{model, Action, ActualState, Desired, Kind, Plan, PlanError, Protection};
use serde_json::json;
use std::path::Path;

fn actual() -> ActualState {
    let roles = serde_json::from_value(json!({
        "superuser": {"cluster": ["all"], "indices": [], "applications": [], "run_as": ["*"],
                      "metadata": {"_reserved": true}, "transient_metadata": {"enabled": true}},
        "logs_reader": {
            "cluster": ["monitor"],
            "indices": [
                {"names": ["logs-*"], "privileges": ["read"], "allow_restricted_indices": false,
                 "query": "{\"term\":{\"team\":\"ops\"}}"},
                {"names": [".implicit"], "privileges": ["read"], "allow_restricted_indices": false,
                 "implicitly_granted": true}
            ],
            "applications": [], "run_as": [], "global": {},
            "metadata": {"es_security_managed": true},
            "transient_metadata": {"enabled": true},
            "role_templates": []
        },
        "retired": {"cluster": ["monitor"], "indices": [], "applications": [], "run_as": [],
                    "metadata": {"es_security_managed": true}},
        "hand_made": {"cluster": ["monitor"], "indices": [], "applications": [], "run_as": [],
                      "metadata": {}}
    }))
    .unwrap();
    let mappings = serde_json::from_value(json!({
        "operator-read-only-operator-mapping": {
            "enabled": true, "roles": ["viewer"], "rules": {"field": {"username": "*"}},
            "metadata": {"_read_only": true}
        },
        "ldap_ops": {
            "enabled": true, "roles": ["logs_reader"],
            "rules": {"field": {"groups": "cn=ops,dc=example,dc=com"}},
            "metadata": {"es_security_managed": true}
        }
    }))
    .unwrap();
    let users = serde_json::from_value(json!({
        "elastic": {"username": "elastic", "roles": ["superuser"], "full_name": null, "email": null,
                    "metadata": {"_reserved": true}, "enabled": true},
        "jdoe": {"username": "jdoe", "roles": ["logs_reader"], "full_name": "Jane Doe",
                 "email": null, "metadata": {}, "enabled": true, "profile_uid": "u_1"}
    }))
    .unwrap();
    let privileges = serde_json::from_value(json!({
        "myapp": {"read": {"application": "myapp", "name": "read", "actions": ["data:read/*"],
                           "metadata": {}}}
    }))
    .unwrap();
    ActualState::from_responses(roles, mappings, users, privileges)
}

const DESIRED: &str = r#"
roles:
  logs_reader:
    cluster: [monitor]
    indices:
      - names: ["logs-*"]
        privileges: [read, view_index_metadata]
        query: {term: {team: ops}}
  superuser:
    cluster: [monitor]
  new_role:
    description: fresh
    run_as: [jdoe]
role_mappings:
  ldap_ops:
    enabled: false
    roles: [logs_reader]
    rules: {field: {groups: "cn=ops,dc=example,dc=com"}}
  operator-read-only-operator-mapping:
    roles: [superuser]
    rules: {field: {username: "*"}}
users:
  jdoe:
    roles: [logs_reader]
    full_name: Jane Doe
  svc:
    roles: [new_role]
    password_env: SVC_PASSWORD
application_privileges:
  myapp:
    read:
      actions: ["data:read/*", "data:list/*"]
"#;

fn desired(text: &str) -> Desired {
    Desired::new(&model::parse(Path::new("desired.yaml"), text).unwrap())
}

fn golden(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("golden file {}: {e}", path.display()));
    assert_eq!(
        actual,
        expected,
        "the human plan differs from {}",
        path.display()
    );
}

#[test]
fn the_human_plan_matches_its_golden_file() {
    let plan = Plan::new(&desired(DESIRED), &actual()).unwrap();
    golden("plan.txt", &plan.to_string());
}

#[test]
fn an_empty_plan_matches_its_golden_file() {
    let export = security_sync::to_yaml(&actual().export());
    golden("export.yaml", &export);
    let plan = Plan::new(&desired(&export), &actual()).unwrap();
    assert!(!plan.has_changes());
    golden("plan-empty.txt", &plan.to_string());
}

#[test]
fn server_defaults_and_server_only_fields_are_no_change() {
    let plan = Plan::new(&desired(DESIRED), &actual()).unwrap();
    let logs_reader = plan
        .entries
        .iter()
        .find(|e| e.key == (Kind::Role, "logs_reader".into()))
        .unwrap();
    // allow_restricted_indices: false, the query string, the implicit entry, empty global,
    // transient_metadata, the marker: none of them is a change.
    let paths: Vec<&str> = logs_reader
        .changes
        .iter()
        .map(|c| c.path.as_str())
        .collect();
    assert_eq!(paths, ["indices[0].privileges"]);
    let jdoe = plan
        .entries
        .iter()
        .find(|e| e.key == (Kind::User, "jdoe".into()))
        .unwrap();
    assert_eq!(
        jdoe.action,
        Action::Unchanged,
        "profile_uid and enabled are not changes"
    );
}

#[test]
fn ownership_decides_deletion_and_protected_objects_stay() {
    let plan = Plan::new(&desired(DESIRED), &actual()).unwrap();
    let action = |kind, name: &str| {
        plan.entries
            .iter()
            .find(|e| e.key == (kind, name.to_owned()))
            .map(|e| e.action.clone())
            .unwrap()
    };
    assert_eq!(action(Kind::Role, "retired"), Action::Delete);
    assert_eq!(action(Kind::Role, "hand_made"), Action::Unmanaged);
    assert_eq!(
        action(Kind::Role, "superuser"),
        Action::Protected {
            protection: Protection::Reserved,
            in_file: true
        }
    );
    assert_eq!(
        action(Kind::RoleMapping, "operator-read-only-operator-mapping"),
        Action::Protected {
            protection: Protection::ReadOnly,
            in_file: true
        }
    );
    std::env::set_var("SVC_PASSWORD", "svc-secret-1");
    let steps = security_sync::requests(&plan, &desired(DESIRED), false).unwrap();
    assert_eq!(steps.len(), 6, "{steps:?}");
    for step in &steps {
        for (kind, name) in &step.objects {
            assert!(
                !matches!(
                    name.as_str(),
                    "superuser" | "operator-read-only-operator-mapping" | "hand_made"
                ),
                "{kind} {name} must not be touched"
            );
        }
    }
}

#[test]
fn a_new_user_without_a_password_source_is_refused() {
    let text = "users:\n  nopass:\n    roles: [viewer]\n";
    let err = Plan::new(&desired(text), &actual()).unwrap_err();
    assert!(
        matches!(&err, PlanError::NoPassword(u) if u == "nopass"),
        "{err}"
    );
    // An existing user needs none.
    let text = "users:\n  jdoe:\n    roles: [viewer]\n";
    assert!(Plan::new(&desired(text), &actual()).is_ok());
}
