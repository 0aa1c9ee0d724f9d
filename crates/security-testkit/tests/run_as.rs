//! Run-as (`es-security-runas-user`): allowed by the caller's roles' `run_as` patterns, the
//! request runs with the target's roles; refused with Elasticsearch's 403 otherwise.

use security_client::sans_io::http::Method;
use security_client::{Credentials, SecurityClient};
use security_testkit::{Config, InProcess};
use serde_json::{json, Value};

/// An `elastic` client of a fresh test server in process, with the users and roles below.
async fn setup() -> SecurityClient<impl security_client::Transport + Sync> {
    let kit = InProcess::new(Config::default());
    let client = SecurityClient::new("http://testkit", kit.transport())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    for (path, body) in [
        (
            "/_security/role/reader",
            json!({"indices": [{"names": ["logs-*"], "privileges": ["read"]}]}),
        ),
        ("/_security/role/impersonator", json!({"run_as": ["al*"]})),
        (
            "/_security/user/alice",
            json!({"password": "alice-secret", "roles": ["reader"]}),
        ),
        (
            "/_security/user/bob",
            json!({"password": "bob-secret", "roles": ["impersonator"]}),
        ),
        (
            "/_security/user/carol",
            json!({"password": "carol-secret", "roles": ["reader"], "enabled": false}),
        ),
    ] {
        client
            .raw_request(Method::PUT, path)
            .body(body)
            .await
            .unwrap();
    }
    client
}

#[tokio::test]
async fn superuser_runs_as_a_native_user_with_its_roles() {
    let elastic = setup().await;
    let me = elastic.authenticate().run_as("alice").await.unwrap();
    assert_eq!(me.username, "alice");
    assert_eq!(me.roles, ["reader"]);
    let answer: Value = elastic
        .raw_request(Method::POST, "/_security/user/_has_privileges")
        .run_as("alice")
        .body(json!({"index": [{"names": ["logs-1", "metrics-1"], "privileges": ["read"]}]}))
        .await
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(answer["username"], "alice");
    assert_eq!(answer["has_all_requested"], false);
    assert_eq!(answer["index"]["logs-1"]["read"], true);
    assert_eq!(answer["index"]["metrics-1"]["read"], false);
}

#[tokio::test]
async fn run_as_patterns_decide() {
    let elastic = setup().await;
    let bob = elastic.with_identity(Credentials::basic("bob", "bob-secret"));
    assert_eq!(
        bob.authenticate().run_as("alice").await.unwrap().username,
        "alice"
    );
    let refused = bob.authenticate().run_as("elastic").await.unwrap_err();
    assert!(refused.is_forbidden(), "{refused}");
    assert!(
        refused
            .to_string()
            .contains("because user [bob] is unauthorized to run as [elastic]"),
        "{refused}"
    );
    // alice has no run_as at all.
    let alice = elastic.with_identity(Credentials::basic("alice", "alice-secret"));
    assert!(alice
        .authenticate()
        .run_as("alice")
        .await
        .unwrap_err()
        .is_forbidden());
}

#[tokio::test]
async fn unknown_and_disabled_targets_are_refused_alike() {
    let elastic = setup().await;
    for target in ["nobody", "carol"] {
        let e = elastic.authenticate().run_as(target).await.unwrap_err();
        assert!(e.is_forbidden(), "{target}: {e}");
        assert!(
            e.to_string()
                .contains(&format!("unauthorized to run as [{target}]")),
            "{e}"
        );
    }
}
