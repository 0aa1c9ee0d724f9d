//! whoami, users, roles, role mappings: list and get in table, JSON and YAML, against the
//! `--testkit` server and its demo objects (golden files for the tables).

mod common;
use common::{golden, run};
use serde_json::Value;

#[test]
fn users_list_table_is_golden() {
    let r = run(&["--testkit", "users", "list"]);
    assert_eq!(r.code, 0, "{}", r.err);
    golden("users_list.txt", &r.out);
}

#[test]
fn roles_get_table_is_golden() {
    let r = run(&["--testkit", "roles", "get", "metrics_writer", "logs_reader"]);
    assert_eq!(r.code, 0, "{}", r.err);
    golden("roles_get.txt", &r.out);
}

#[test]
fn role_mappings_list_table_is_golden() {
    let r = run(&["--testkit", "role-mappings", "list"]);
    assert_eq!(r.code, 0, "{}", r.err);
    golden("role_mappings_list.txt", &r.out);
}

#[test]
fn get_json_and_yaml_are_the_server_objects() {
    let r = run(&["--testkit", "users", "get", "alice", "-o", "json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let users: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(users["alice"]["roles"][0], "logs_reader");
    assert_eq!(users["alice"]["email"], "alice@example.com");
    assert!(users.get("ci").is_none(), "only the named user");

    let r = run(&["--testkit", "roles", "get", "logs_reader", "-o", "yaml"]);
    let roles: Value = serde_norway::from_str(&r.out).unwrap();
    assert_eq!(roles["logs_reader"]["indices"][0]["names"][0], "logs-*");
    assert_eq!(roles["logs_reader"]["description"], "Reads the logs");

    let r = run(&["--testkit", "role-mappings", "list", "-o", "json"]);
    let mappings: Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(mappings["ldap_ops"]["roles"][0], "logs_reader");
}

#[test]
fn json_lists_are_sorted_by_name() {
    let r = run(&["--testkit", "users", "list", "-o", "json"]);
    let users: serde_json::Map<String, Value> = serde_json::from_str(&r.out).unwrap();
    let names: Vec<&String> = users.keys().collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.iter().any(|n| *n == "alice") && names.iter().any(|n| *n == "elastic"));
}

#[test]
fn getting_a_missing_object_names_it_and_the_list_command() {
    let r = run(&["--testkit", "roles", "get", "logs_reader", "no_such_role"]);
    assert_eq!(r.code, 1);
    assert!(r.out.is_empty());
    assert!(
        r.err.contains("error: no role named no_such_role"),
        "{}",
        r.err
    );
    assert!(r.err.contains("`es-security roles list`"), "{}", r.err);
}

#[test]
fn get_needs_a_name() {
    let r = run(&["--testkit", "users", "get"]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("<NAME>"), "{}", r.err);
}

#[test]
fn the_8_14_testkit_works_too() {
    let r = run(&["--testkit", "--testkit-version", "8.14", "whoami"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("Elasticsearch 8.14"), "{}", r.out);
}
