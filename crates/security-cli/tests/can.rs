//! `can`: has_privileges as the user (run-as), and the explanation of granted and missing
//! privileges (golden files), in table and JSON; exit codes 0 (all granted) and 3 (missing).

mod common;
use common::{golden, run, run_at, server};
use serde_json::Value;

#[test]
fn granted_and_missing_privileges_are_explained() {
    let r = run(&[
        "--testkit",
        "can",
        "alice",
        "--cluster",
        "monitor,manage_security",
        "--index",
        "logs-2024:read,write",
        "--index",
        "metrics-app:create_doc",
        "--application",
        "kibana-.kibana:feature_dashboard.read:space:ops",
    ]);
    assert_eq!(r.code, 3, "a missing privilege exits 3: {}", r.err);
    golden("can_alice.txt", &r.out);
}

#[test]
fn everything_granted_exits_0() {
    let r = run(&[
        "--testkit",
        "can",
        "ci",
        "--cluster",
        "manage_own_api_key",
        "--index",
        "apps-prod:write,create_doc",
        "--application",
        "kibana-.kibana:feature_dashboard.read:space:ops",
    ]);
    assert_eq!(r.code, 0, "{}", r.err);
    golden("can_ci.txt", &r.out);
}

#[test]
fn json_report() {
    let r = run(&[
        "--testkit",
        "can",
        "alice",
        "--index",
        "logs-1:read",
        "--index",
        "metrics-1:create_doc",
        "-o",
        "json",
    ]);
    assert_eq!(r.code, 3, "{}", r.err);
    let report: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(report["user"], "alice");
    assert_eq!(report["has_all_requested"], false);
    let read = &report["privileges"][0];
    assert_eq!(
        (
            read["kind"].as_str(),
            read["resource"].as_str(),
            read["granted"].as_bool()
        ),
        (Some("index"), Some("logs-1"), Some(true))
    );
    assert_eq!(read["granted_by"][0]["role"], "logs_reader");
    assert_eq!(read["granted_by"][0]["role_mappings"][0], "ldap_ops");
    let create = &report["privileges"][1];
    assert_eq!(create["granted"], false);
    assert!(create["granted_by"].as_array().unwrap().is_empty());
    assert_eq!(create["would_be_granted_by"][0]["role"], "metrics_writer");
}

#[test]
fn without_run_as_privilege_the_error_says_so() {
    let server = server();
    let r = run_at(&server, &["can", "nobody", "--cluster", "monitor"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("unauthorized to run as [nobody]"),
        "{}",
        r.err
    );
    assert!(
        r.err
            .contains("hint: `can` runs has_privileges as nobody (run-as)"),
        "{}",
        r.err
    );
}

#[test]
fn nothing_to_check_and_bad_syntax() {
    let r = run(&["--testkit", "can", "alice"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("nothing to check"), "{}", r.err);
    let r = run(&["can", "alice", "--index", "logs-*"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("expected PATTERN:PRIV"), "{}", r.err);
}
