//! `export`, `plan` and `apply` end to end against the in-repo test server (not Elasticsearch),
//! with the human plan compared with golden files (`UPDATE_GOLDEN=1` rewrites them).

mod common;
use common::{run_at, server};
use std::path::{Path, PathBuf};

/// A file in this test's own directory under the target's temporary directory.
fn file(test: &str, name: &str, text: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("sync")
        .join(test);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
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
    assert_eq!(actual, expected, "output differs from {}", path.display());
}

const DESIRED: &str = "\
roles:
  logs_reader:
    cluster: [monitor]
    indices:
      - names: [\"logs-*\"]
        privileges: [read]
  old_role:
    cluster: [monitor]
users:
  jdoe:
    roles: [logs_reader]
    full_name: Jane Doe
    password_file: jdoe.password
application_privileges:
  myapp:
    read:
      actions: [\"data:read/*\"]
";

#[test]
fn export_plan_apply_round_trip() {
    let server = server();
    let desired = file("round_trip", "security.yaml", DESIRED);
    file("round_trip", "jdoe.password", "jdoe-secret-1\n");
    let desired = desired.to_str().unwrap();

    // Nothing applied yet: plan shows creations and exits 2.
    let r = run_at(&server, &["plan", "-f", desired]);
    assert_eq!(r.code, 2, "{}{}", r.out, r.err);
    golden("plan-create.txt", &r.out);

    // Without --yes and without a terminal: refused, nothing sent.
    let r = run_at(&server, &["apply", "-f", desired]);
    assert_eq!(r.code, 1, "{}", r.err);
    assert!(r.err.contains("hint: pass --yes"), "{}", r.err);

    // Dry run: the requests, password redacted; nothing changes.
    let r = run_at(&server, &["apply", "-f", desired, "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.err);
    golden("apply-dry-run.txt", &r.out);
    assert!(!r.out.contains("jdoe-secret-1"));
    assert_eq!(
        run_at(&server, &["plan", "-f", desired]).code,
        2,
        "the dry run sent nothing"
    );

    let r = run_at(&server, &["apply", "-f", desired, "--yes"]);
    assert_eq!(r.code, 0, "{}", r.err);
    golden("apply.txt", &r.out);
    let r = run_at(&server, &["plan", "-f", desired]);
    assert_eq!(r.code, 0, "a second plan is empty: {}", r.out);

    // export → plan (empty); two exports are identical.
    let first = run_at(&server, &["export"]);
    assert_eq!(first.code, 0, "{}", first.err);
    assert!(!first.out.contains("jdoe-secret-1"));
    assert!(!first.out.contains("password"), "{}", first.out);
    assert_eq!(run_at(&server, &["export"]).out, first.out);
    let exported = file("round_trip", "export.yaml", &first.out);
    let r = run_at(&server, &["plan", "-f", exported.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.out);

    // Edit: one privilege more, old_role gone → exact diff, then apply and an empty plan.
    let edited = DESIRED
        .replace(
            "privileges: [read]",
            "privileges: [read, view_index_metadata]",
        )
        .replace("  old_role:\n    cluster: [monitor]\n", "");
    let edited = file("round_trip", "security.yaml", &edited);
    let edited = edited.to_str().unwrap();
    let r = run_at(&server, &["plan", "-f", edited]);
    assert_eq!(r.code, 2);
    golden("plan-edit.txt", &r.out);
    let r = run_at(&server, &["plan", "-f", edited, "-o", "json"]);
    let json: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(json["changes"], true);
    // The deletion goes in one bulk DELETE with a body (the test server is 9.5).
    let r = run_at(&server, &["apply", "-f", edited, "--dry-run"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(
        r.out
            .contains("DELETE /_security/role\n{\n  \"names\": [\n    \"old_role\"\n  ]\n}"),
        "{}",
        r.out
    );
    let r = run_at(&server, &["apply", "-f", edited, "-y"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.out.contains("deleted role old_role\n"), "{}", r.out);
    assert_eq!(run_at(&server, &["plan", "-f", edited]).code, 0);
}

#[test]
fn a_bad_file_names_file_line_and_field() {
    let server = server();
    let bad = file(
        "bad_file",
        "bad.yaml",
        "roles:\n  r:\n    cluster: [monitor]\n    indexes: []\n",
    );
    let r = run_at(&server, &["plan", "-f", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(
        r.err
            .contains("bad.yaml:4:5: field `roles.r.indexes`: unknown field `indexes`"),
        "{}",
        r.err
    );
}

#[test]
fn a_new_user_without_a_password_source_is_refused() {
    let server = server();
    let f = file(
        "no_password",
        "u.yaml",
        "users:\n  nopass:\n    roles: [viewer]\n",
    );
    let r = run_at(&server, &["plan", "-f", f.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.err.contains("user `nopass`"), "{}", r.err);
    assert!(r.err.contains("password_env"), "{}", r.err);
}
