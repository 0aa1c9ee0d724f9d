//! Bad desired-state files: errors name the file, the line and the field.

use security_sync::model::{load, parse};
use std::path::Path;

fn error(name: &str, text: &str) -> security_sync::LoadError {
    parse(Path::new(name), text).unwrap_err()
}

#[test]
fn an_unknown_field_is_named_with_its_line() {
    let e = error(
        "team.yaml",
        "roles:\n  reader:\n    cluster: [monitor]\n    indexes:\n      - names: [a]\n",
    );
    assert_eq!(e.line, Some(4), "{e}");
    assert_eq!(e.field.as_deref(), Some("roles.reader.indexes"), "{e}");
    assert!(e.message.contains("unknown field `indexes`"), "{e}");
    assert!(e.to_string().starts_with("team.yaml:4:"), "{e}");
}

#[test]
fn a_wrong_type_is_named_with_its_line() {
    let e = error(
        "team.yaml",
        "users:\n  jdoe:\n    roles: [a]\n    enabled: maybe\n",
    );
    assert_eq!(e.line, Some(4), "{e}");
    assert_eq!(e.field.as_deref(), Some("users.jdoe.enabled"), "{e}");
    assert!(e.message.contains("invalid type"), "{e}");

    let e = error(
        "team.json",
        "{\n  \"roles\": {\n    \"r\": {\n      \"cluster\": \"monitor\"\n    }\n  }\n}\n",
    );
    assert_eq!(e.line, Some(4), "{e}");
    assert_eq!(e.field.as_deref(), Some("roles.r.cluster"), "{e}");
}

#[test]
fn a_bad_role_mapping_rule_is_named() {
    let e = error(
        "maps.yaml",
        "role_mappings:\n  m:\n    roles: [a]\n    rules: {fields: {x: 1}}\n",
    );
    assert_eq!(e.field.as_deref(), Some("role_mappings.m.rules"), "{e}");
    assert_eq!(e.line, Some(4), "{e}");
}

#[test]
fn a_duplicate_name_in_one_file_is_an_error() {
    let e = error(
        "team.yaml",
        "roles:\n  reader:\n    cluster: [monitor]\n  reader:\n    cluster: [all]\n",
    );
    assert!(e.message.contains("reader"), "{e}");
    assert_eq!(e.line, Some(4), "{e}");
    assert_eq!(e.field.as_deref(), Some("roles.reader"), "{e}");

    let e = error("team.json", r#"{"users": {"a": {}, "a": {}}}"#);
    assert!(e.message.contains("duplicate name `a`"), "{e}");
    assert_eq!(e.line, Some(1), "{e}");
}

#[test]
fn a_duplicate_name_across_files_names_both() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let e = load(&[dir.join("team-a.yaml"), dir.join("team-b.yaml")]).unwrap_err();
    assert!(e.file.ends_with("team-b.yaml"), "{e}");
    assert!(e.message.contains("duplicate name `shared`"), "{e}");
    assert!(e.message.contains("team-a.yaml"), "{e}");
    assert_eq!(e.line, Some(4), "{e}");
    assert_eq!(e.field.as_deref(), Some("roles.shared"), "{e}");
}

#[test]
fn files_merge_and_password_files_are_relative_to_theirs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let state = load(&[dir.join("team-a.yaml"), dir.join("users.yaml")]).unwrap();
    assert!(state.roles.0.contains_key("shared"));
    assert_eq!(
        state.users.0["svc"].password_file.as_deref(),
        Some(dir.join("svc.password").as_path())
    );
}
