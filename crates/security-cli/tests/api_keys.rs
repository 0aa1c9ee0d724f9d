//! api-keys: rotation with an overlap (create and clone paths), --finish, list filters and
//! expiry, prune --expired, get.

mod common;
use common::{admin, block_on, run_at, server};
use security_client::sans_io::http::Method;
use security_client::{Credentials, SecurityClient};
use security_testkit::{Config, EsVersion, TestServer};
use serde_json::{json, Value};
use std::time::Duration;

/// Creates a key as elastic and returns (id, encoded).
fn create_key(server: &TestServer, body: Value) -> (String, String) {
    let answer: Value = block_on(async {
        admin(server)
            .raw_request(Method::POST, "/_security/api_key")
            .body(body)
            .await
            .unwrap()
            .json()
            .unwrap()
    });
    (
        answer["id"].as_str().unwrap().to_owned(),
        answer["encoded"].as_str().unwrap().to_owned(),
    )
}

fn authenticates(server: &TestServer, encoded: &str) -> bool {
    block_on(async {
        let client = SecurityClient::connect(server.url())
            .unwrap()
            .with_credentials(Credentials::api_key_encoded(encoded.to_owned()));
        match client.authenticate().await {
            Ok(_) => true,
            Err(e) if e.is_unauthorized() => false,
            Err(e) => panic!("{e}"),
        }
    })
}

fn key(server: &TestServer, id: &str) -> Value {
    block_on(async {
        let answer: Value = admin(server)
            .raw_request(Method::GET, "/_security/api_key")
            .query("id", id.to_owned())
            .await
            .unwrap()
            .json()
            .unwrap();
        answer["api_keys"][0].clone()
    })
}

const DESCRIPTORS: &str = r#"{"deploy": {"cluster": [], "indices": [{"names": ["apps-*"], "privileges": ["write"], "allow_restricted_indices": false}], "applications": [], "run_as": [], "metadata": {}, "transient_metadata": {"enabled": true}}}"#;

#[test]
fn rotation_with_overlap_then_finish() {
    let server = server();
    let (old_id, old_encoded) = create_key(
        &server,
        json!({"name": "svc", "expiration": "30d", "metadata": {"team": "platform"},
               "role_descriptors": serde_json::from_str::<Value>(DESCRIPTORS).unwrap()}),
    );

    let r = run_at(&server, &["api-keys", "rotate", "svc", "--overlap", "1h"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let secret: Value = serde_json::from_str(&r.out).expect("stdout is the new key as JSON");
    let new_id = secret["id"].as_str().unwrap().to_owned();
    let new_encoded = secret["encoded"].as_str().unwrap().to_owned();
    assert_eq!(secret["replaces"], old_id.as_str());
    assert_eq!(secret["name"], "svc");
    assert!(
        r.err.contains(&format!("created from {old_id}")),
        "{}",
        r.err
    );
    assert!(r.err.contains("stays valid until"), "{}", r.err);

    // Both keys work during the overlap; the new one has the old one's descriptors and metadata.
    assert!(authenticates(&server, &old_encoded));
    assert!(authenticates(&server, &new_encoded));
    let new = key(&server, &new_id);
    let old = key(&server, &old_id);
    assert_eq!(new["role_descriptors"], old["role_descriptors"]);
    assert_eq!(new["metadata"]["team"], "platform");
    assert_eq!(
        new["metadata"]["es_security_rotation"]["replaces"],
        old_id.as_str()
    );
    let lifetime = |k: &Value| k["expiration"].as_i64().unwrap() - k["creation"].as_i64().unwrap();
    assert_eq!(lifetime(&new), lifetime(&old), "the same lifetime");

    // A second rotation waits for this one; finishing waits for the overlap.
    let again = run_at(&server, &["api-keys", "rotate", "svc"]);
    assert_eq!(again.code, 1);
    assert!(
        again.err.contains("is already being rotated"),
        "{}",
        again.err
    );
    let early = run_at(&server, &["api-keys", "rotate", "svc", "--finish"]);
    assert_eq!(early.code, 1);
    assert!(early.err.contains("lasts until"), "{}", early.err);
    assert!(early.err.contains("--force"), "{}", early.err);
    assert!(
        authenticates(&server, &old_encoded),
        "nothing invalidated yet"
    );

    let done = run_at(
        &server,
        &["api-keys", "rotate", "svc", "--finish", "--force"],
    );
    assert_eq!(done.code, 0, "{}", done.err);
    assert_eq!(
        done.out,
        format!("invalidated {old_id} (replaced by {new_id})\n")
    );
    assert!(
        !authenticates(&server, &old_encoded),
        "the old key is invalidated"
    );
    assert!(
        authenticates(&server, &new_encoded),
        "the new key still works"
    );

    let nothing = run_at(&server, &["api-keys", "rotate", "svc", "--finish"]);
    assert_eq!(nothing.code, 1);
    assert!(
        nothing.err.contains("no rotation of svc to finish"),
        "{}",
        nothing.err
    );
}

#[test]
fn zero_overlap_invalidates_at_once() {
    let server = server();
    let (_, old_encoded) = create_key(&server, json!({"name": "now"}));
    let r = run_at(
        &server,
        &["api-keys", "rotate", "now", "--overlap", "0s", "-o", "yaml"],
    );
    assert_eq!(r.code, 0, "{}", r.err);
    let secret: Value = serde_norway::from_str(&r.out).unwrap();
    assert!(authenticates(&server, secret["encoded"].as_str().unwrap()));
    assert!(!authenticates(&server, &old_encoded));
    assert!(r.err.contains("invalidated (no overlap)"), "{}", r.err);
}

#[test]
fn clone_on_9_5_when_the_old_key_is_known_create_on_8_14() {
    for (version, how) in [(EsVersion::V9_5, "cloned"), (EsVersion::V8_14, "created")] {
        let server = TestServer::start_blocking(Config::default().es_version(version)).unwrap();
        let (old_id, old_encoded) =
            create_key(&server, json!({"name": "cl", "metadata": {"a": 1}}));
        let var = format!("ES_SECURITY_TEST_OLD_KEY_{}", server.addr().port());
        std::env::set_var(&var, &old_encoded);
        let r = run_at(
            &server,
            &["api-keys", "rotate", "cl", "--current-key-env", &var],
        );
        assert_eq!(r.code, 0, "{version:?}: {}", r.err);
        assert!(
            r.err.contains(&format!("{how} from {old_id}")),
            "{version:?}: {}",
            r.err
        );
        let secret: Value = serde_json::from_str(&r.out).unwrap();
        let new = key(&server, secret["id"].as_str().unwrap());
        assert_eq!(new["metadata"]["a"], 1);
        assert_eq!(
            new["metadata"]["es_security_rotation"]["replaces"],
            old_id.as_str()
        );
    }
}

#[test]
fn rotating_needs_exactly_one_own_active_key() {
    let server = server();
    let r = run_at(&server, &["api-keys", "rotate", "missing"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("you have no active API key named missing"),
        "{}",
        r.err
    );
    create_key(&server, json!({"name": "twice"}));
    create_key(&server, json!({"name": "twice"}));
    let r = run_at(&server, &["api-keys", "rotate", "twice"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("you have 2 active API keys named twice"),
        "{}",
        r.err
    );
}

#[test]
fn list_filters_expiry_and_prune() {
    let server = server();
    let (soon, _) = create_key(&server, json!({"name": "soon", "expiration": "1d"}));
    let (later, _) = create_key(&server, json!({"name": "later", "expiration": "30d"}));
    let (never, _) = create_key(&server, json!({"name": "never"}));

    let ids = |args: &[&str]| -> Vec<String> {
        let mut argv = vec!["api-keys", "list", "-o", "json"];
        argv.extend_from_slice(args);
        let r = run_at(&server, &argv);
        assert_eq!(r.code, 0, "{}", r.err);
        let keys: Vec<Value> = serde_json::from_str(&r.out).unwrap();
        keys.iter()
            .map(|k| k["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let mut all = ids(&[]);
    all.sort();
    let mut expected = vec![soon.clone(), later.clone(), never.clone()];
    expected.sort();
    assert_eq!(all, expected);
    assert_eq!(ids(&["--expiring-within", "7d"]), vec![soon.clone()]);
    assert_eq!(ids(&["--name", "lat*"]), vec![later.clone()]);
    assert_eq!(ids(&["--owner", "nobody"]), Vec::<String>::new());
    assert!(ids(&["--expired"]).is_empty());

    let table = run_at(&server, &["api-keys", "list"]);
    assert!(table.out.starts_with("ID"), "{}", table.out);
    assert!(
        table.out.contains("expires in 1d") || table.out.contains("expires in 23h"),
        "{}",
        table.out
    );

    // Two days later (the server's clock): `soon` has expired.
    server.advance_time(Duration::from_secs(2 * 86_400));
    assert_eq!(ids(&["--expired"]), vec![soon.clone()]);
    assert!(!ids(&[]).contains(&soon), "expired keys are not active");

    let dry = run_at(&server, &["api-keys", "prune", "--expired", "--dry-run"]);
    assert_eq!(dry.code, 0, "{}", dry.err);
    assert!(dry.out.contains(&soon), "{}", dry.out);
    assert!(
        dry.err.contains("would invalidate 1 expired API key(s)"),
        "{}",
        dry.err
    );
    assert_eq!(
        ids(&["--expired"]),
        vec![soon.clone()],
        "a dry run invalidates nothing"
    );

    let pruned = run_at(&server, &["api-keys", "prune", "--expired", "-o", "json"]);
    assert_eq!(pruned.code, 0, "{}", pruned.err);
    let out: Value = serde_json::from_str(&pruned.out).unwrap();
    assert_eq!(out, json!({"invalidated": [soon]}));
    assert!(ids(&["--expired"]).is_empty());
    assert!(
        ids(&["--all"]).contains(&soon),
        "--all shows invalidated keys"
    );

    let none = run_at(&server, &["api-keys", "prune", "--expired"]);
    assert_eq!(none.code, 0);
    assert!(none.err.contains("no expired API keys"), "{}", none.err);
}

#[test]
fn get_by_name_or_id() {
    let server = server();
    let (id, _) = create_key(&server, json!({"name": "findme", "metadata": {"k": "v"}}));
    for query in [id.as_str(), "findme"] {
        let r = run_at(&server, &["api-keys", "get", query, "-o", "json"]);
        assert_eq!(r.code, 0, "{}", r.err);
        let key: Value = serde_json::from_str(&r.out).unwrap();
        assert_eq!(key["id"], id.as_str());
        assert_eq!(key["metadata"]["k"], "v");
    }
    let r = run_at(&server, &["api-keys", "get", "nope"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("no API key with id or name nope"),
        "{}",
        r.err
    );
}
