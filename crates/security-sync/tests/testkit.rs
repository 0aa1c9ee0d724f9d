//! End to end against the in-repo test server (not Elasticsearch): export, plan, apply, pruning,
//! reserved objects, dry run, bulk and one-at-a-time role writes and deletions, reads reported.
#![cfg(not(target_arch = "wasm32"))]

use security_client::native::NativeTransport;
use security_client::{Credentials, SecurityClient, Transport};
use security_sync::{
    execute, fetch, has_bulk_roles, model, requests, Action, Desired, Kind, Plan, Protection,
};
use security_testkit::{Config, EsVersion, TestServer};
use serde_json::json;
use std::path::Path;
use std::sync::{Arc, Mutex};

type Sent = Arc<Mutex<Vec<String>>>;

async fn setup(
    version: EsVersion,
) -> (
    TestServer,
    SecurityClient<impl Transport + Send + Sync + 'static>,
    Sent,
) {
    let server = TestServer::start(
        Config::default()
            .elastic_password("pw-123456")
            .es_version(version),
    )
    .await
    .unwrap();
    let native = NativeTransport::new(&server.url()).unwrap();
    let sent: Sent = Arc::default();
    let log = sent.clone();
    let transport = move |request: http::Request<Vec<u8>>| {
        log.lock()
            .unwrap()
            .push(format!("{} {}", request.method(), request.uri().path()));
        let native = native.clone();
        async move { native.send(request).await }
    };
    let client = SecurityClient::new(server.url(), transport)
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "pw-123456"));
    (server, client, sent)
}

fn desired(yaml: &str) -> Desired {
    Desired::new(&model::parse(Path::new("test.yaml"), yaml).unwrap())
}

async fn plan_of<T>(client: &SecurityClient<T>, desired: &Desired) -> Plan
where
    T: Transport + Send + Sync + 'static,
{
    Plan::new(desired, &fetch(client).await.unwrap()).unwrap()
}

async fn apply<T>(client: &SecurityClient<T>, desired: &Desired) -> Vec<security_sync::Outcome>
where
    T: Transport + Send + Sync + 'static,
{
    let plan = plan_of(client, desired).await;
    let bulk = has_bulk_roles(client.learn_server_version().await.unwrap());
    let outcomes = execute(client, requests(&plan, desired, bulk).unwrap()).await;
    for outcome in &outcomes {
        assert!(outcome.result.is_ok(), "{outcome:?}");
    }
    outcomes
}

const START: &str = r#"
roles:
  logs_reader:
    cluster: [monitor]
    indices:
      - names: ["logs-*"]
        privileges: [read]
  old_role:
    cluster: [monitor]
role_mappings:
  ldap_ops:
    roles: [logs_reader]
    rules: {field: {groups: "cn=ops,dc=example,dc=com"}}
users:
  jdoe:
    roles: [logs_reader]
    full_name: Jane Doe
    password_env: SYNC_TEST_JDOE_PASSWORD
application_privileges:
  myapp:
    read:
      actions: ["data:read/*"]
"#;

#[tokio::test]
async fn export_plan_edit_plan_apply_plan() {
    std::env::set_var("SYNC_TEST_JDOE_PASSWORD", "jdoe-secret-1");
    let (_server, client, _sent) = setup(EsVersion::V9_5).await;
    // A hand-made role: not managed, never pruned.
    client
        .put_role("hand_made")
        .cluster(["monitor"])
        .await
        .unwrap();

    let start = desired(START);
    let first = plan_of(&client, &start).await;
    assert_eq!(first.count(&Action::Create), 5, "{first}");
    apply(&client, &start).await;

    // export → plan (empty): the export names everything that is not reserved.
    let export = fetch(&client).await.unwrap().export();
    assert_eq!(
        export["roles"]["logs_reader"],
        json!({"cluster": ["monitor"], "indices": [{"names": ["logs-*"], "privileges": ["read"]}]})
    );
    assert!(
        export["users"].get("elastic").is_none(),
        "reserved users are not exported"
    );
    assert!(export["users"]["jdoe"].get("password").is_none());
    let again = fetch(&client).await.unwrap().export();
    assert_eq!(
        security_sync::to_yaml(&export),
        security_sync::to_yaml(&again),
        "two exports of one state are identical"
    );
    let exported = Desired::new(
        &model::parse(Path::new("export.yaml"), &security_sync::to_yaml(&export)).unwrap(),
    );
    let plan = plan_of(&client, &exported).await;
    assert!(!plan.has_changes(), "{plan}");
    let plan = plan_of(&client, &start).await;
    assert!(!plan.has_changes(), "{plan}");

    // edit → plan (exact diff)
    let edited = START
        .replace(
            "privileges: [read]",
            "privileges: [read, view_index_metadata]",
        )
        .replace(
            "  old_role:\n    cluster: [monitor]\n",
            "  new_role:\n    description: fresh\n",
        )
        .replace("full_name: Jane Doe", "full_name: Jane Q. Doe");
    let edited = desired(&edited);
    let plan = plan_of(&client, &edited).await;
    let changed: Vec<(Kind, &str, &Action)> = plan
        .entries
        .iter()
        .filter(|e| !matches!(e.action, Action::Unchanged | Action::Protected { .. }))
        .map(|e| (e.key.0, e.key.1.as_str(), &e.action))
        .collect();
    assert_eq!(
        changed,
        [
            (Kind::Role, "hand_made", &Action::Unmanaged),
            (Kind::Role, "logs_reader", &Action::Change),
            (Kind::Role, "new_role", &Action::Create),
            (Kind::Role, "old_role", &Action::Delete),
            (Kind::User, "jdoe", &Action::Change),
        ]
    );
    let logs_reader = plan
        .entries
        .iter()
        .find(|e| e.key == (Kind::Role, "logs_reader".into()))
        .unwrap();
    assert_eq!(logs_reader.changes.len(), 1);
    assert_eq!(logs_reader.changes[0].path, "indices[0].privileges");
    assert_eq!(logs_reader.changes[0].before, Some(json!(["read"])));
    assert_eq!(
        logs_reader.changes[0].after,
        Some(json!(["read", "view_index_metadata"]))
    );

    // apply → plan (empty); the hand-made role is still there, old_role is gone.
    apply(&client, &edited).await;
    let plan = plan_of(&client, &edited).await;
    assert!(!plan.has_changes(), "{plan}");
    let roles = client.get_role().await.unwrap();
    assert!(roles.contains_key("hand_made"));
    assert!(!roles.contains_key("old_role"));
    assert_eq!(roles["new_role"].description.as_deref(), Some("fresh"));
    // The user kept the password it was created with.
    let me = client
        .with_identity(Credentials::basic("jdoe", "jdoe-secret-1"))
        .authenticate()
        .await
        .unwrap();
    assert_eq!(me.full_name.as_deref(), Some("Jane Q. Doe"));
}

#[tokio::test]
async fn reserved_objects_are_listed_and_never_touched() {
    let (_server, client, sent) = setup(EsVersion::V9_5).await;
    let file = desired(
        "roles:\n  superuser:\n    cluster: [monitor]\nusers:\n  elastic:\n    roles: [viewer]\n",
    );
    let plan = plan_of(&client, &file).await;
    assert!(!plan.has_changes(), "{plan}");
    let entry = |kind, name: &str| {
        plan.entries
            .iter()
            .find(|e| e.key == (kind, name.to_owned()))
            .unwrap()
            .action
            .clone()
    };
    let in_file = Action::Protected {
        protection: Protection::Reserved,
        in_file: true,
    };
    assert_eq!(entry(Kind::Role, "superuser"), in_file);
    assert_eq!(entry(Kind::User, "elastic"), in_file);
    assert_eq!(
        entry(Kind::Role, "viewer"),
        Action::Protected {
            protection: Protection::Reserved,
            in_file: false
        }
    );
    sent.lock().unwrap().clear();
    let outcomes = apply(&client, &file).await;
    assert!(outcomes.is_empty());
    assert!(
        sent.lock().unwrap().iter().all(|r| r.starts_with("GET ")),
        "only reads: {:?}",
        sent.lock().unwrap()
    );
}

#[tokio::test]
async fn a_dry_run_sends_nothing_and_redacts_passwords() {
    std::env::set_var("SYNC_TEST_DRY_PASSWORD", "dry-secret-1");
    let (_server, client, sent) = setup(EsVersion::V9_5).await;
    let file = desired(&START.replace("SYNC_TEST_JDOE_PASSWORD", "SYNC_TEST_DRY_PASSWORD"));
    let before = fetch(&client).await.unwrap();
    let plan = plan_of(&client, &file).await;
    sent.lock().unwrap().clear();
    let steps = requests(&plan, &file, true).unwrap();
    let printed: Vec<String> = steps.iter().map(|s| s.to_string()).collect();
    assert!(
        sent.lock().unwrap().is_empty(),
        "building requests sends nothing"
    );
    assert_eq!(fetch(&client).await.unwrap(), before, "state unchanged");
    let all = printed.join("\n");
    assert!(!all.contains("dry-secret-1"), "{all}");
    assert!(all.contains("\"password\": \"[redacted]\""), "{all}");
    assert!(all.starts_with("POST /_security/role\n"), "{all}");
    assert!(all.contains("PUT /_security/user/jdoe"), "{all}");
    assert!(all.contains("\"es_security_managed\": true"), "{all}");
}

#[tokio::test]
async fn on_8_14_roles_go_one_at_a_time_and_on_9_5_in_bulk() {
    std::env::set_var("SYNC_TEST_JDOE_PASSWORD", "jdoe-secret-1");
    for (version, expected) in [
        (
            EsVersion::V8_14,
            vec![
                "PUT /_security/role/logs_reader",
                "PUT /_security/role/old_role",
            ],
        ),
        (EsVersion::V9_5, vec!["POST /_security/role"]),
    ] {
        let (_server, client, sent) = setup(version).await;
        let file = desired(START);
        client.info().await.unwrap();
        sent.lock().unwrap().clear();
        apply(&client, &file).await;
        let roles: Vec<String> = sent
            .lock()
            .unwrap()
            .iter()
            .filter(|r| {
                (r.contains("/_security/role/") || r.ends_with("/_security/role"))
                    && !r.starts_with("GET")
            })
            .cloned()
            .collect();
        assert_eq!(roles, expected, "{version:?}");
        assert!(!plan_of(&client, &file).await.has_changes());
    }
}

#[tokio::test]
async fn on_8_14_roles_are_deleted_one_at_a_time_and_on_9_5_in_one_bulk_delete() {
    std::env::set_var("SYNC_TEST_JDOE_PASSWORD", "jdoe-secret-1");
    let with_extra = START.replace(
        "  old_role:\n",
        "  older_role:\n    cluster: [monitor]\n  old_role:\n",
    );
    let without = START.replace("  old_role:\n    cluster: [monitor]\n", "");
    for (version, expected) in [
        (
            EsVersion::V8_14,
            vec![
                "DELETE /_security/role/old_role",
                "DELETE /_security/role/older_role",
            ],
        ),
        (EsVersion::V9_5, vec!["DELETE /_security/role"]),
    ] {
        let (server, client, sent) = setup(version).await;
        apply(&client, &desired(&with_extra)).await;
        let file = desired(&without);
        let plan = plan_of(&client, &file).await;
        assert_eq!(plan.count(&Action::Delete), 2, "{plan}");
        let bulk = has_bulk_roles(client.learn_server_version().await.unwrap());
        let steps = requests(&plan, &file, bulk).unwrap();
        let deletes: Vec<String> = steps
            .iter()
            .filter(|s| s.action == Action::Delete)
            .map(|s| s.to_string())
            .collect();
        if version == EsVersion::V9_5 {
            // The dry run shows the one bulk request and its body, exactly as it is sent.
            assert_eq!(
                deletes,
                ["DELETE /_security/role\n{\n  \"names\": [\n    \"old_role\",\n    \"older_role\"\n  ]\n}"]
            );
            let base = security_client::sans_io::BaseUrl::parse(&server.url()).unwrap();
            let http = steps.last().unwrap().request.to_http(&base).unwrap();
            assert_eq!(http.method(), "DELETE");
            assert_eq!(http.uri().path(), "/_security/role");
            assert_eq!(
                serde_json::from_slice::<serde_json::Value>(http.body()).unwrap(),
                json!({"names": ["old_role", "older_role"]})
            );
        } else {
            assert_eq!(
                deletes,
                [
                    "DELETE /_security/role/old_role",
                    "DELETE /_security/role/older_role"
                ]
            );
        }
        // One of them disappears between plan and apply: reported as already gone, not failed.
        client.delete_role("older_role").await.unwrap();
        sent.lock().unwrap().clear();
        let outcomes = execute(&client, steps).await;
        let sent_deletes: Vec<String> = sent
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.starts_with("DELETE "))
            .cloned()
            .collect();
        assert_eq!(sent_deletes, expected, "{version:?}");
        let report: Vec<(&str, bool, bool)> = outcomes
            .iter()
            .filter(|o| o.action == Action::Delete)
            .map(|o| (o.object.1.as_str(), o.result.is_ok(), o.not_found))
            .collect();
        assert_eq!(
            report,
            [("old_role", true, false), ("older_role", true, true)],
            "{version:?}: {outcomes:?}"
        );
        let roles = client.get_role().await.unwrap();
        assert!(!roles.contains_key("old_role") && !roles.contains_key("older_role"));
        assert!(!plan_of(&client, &file).await.has_changes());
    }
}

#[tokio::test]
async fn fetch_reporting_announces_each_read_and_reads_what_fetch_reads() {
    let (_server, client, sent) = setup(EsVersion::V9_5).await;
    client.info().await.unwrap();
    sent.lock().unwrap().clear();
    let mut announced = Vec::new();
    let state = security_sync::fetch_reporting(&client, |done, what| {
        announced.push((done, what, sent.lock().unwrap().len()));
    })
    .await
    .unwrap();
    // Each read is announced before it is sent, with the number of reads done.
    assert_eq!(
        announced,
        [
            (0, "roles", 0),
            (1, "role mappings", 1),
            (2, "users", 2),
            (3, "application privileges", 3),
        ]
    );
    assert_eq!(security_sync::FETCH_READS, 4);
    assert_eq!(sent.lock().unwrap().len(), 4);
    assert_eq!(state, fetch(&client).await.unwrap());
}
