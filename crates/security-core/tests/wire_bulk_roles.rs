//! Wire-exact requests and typed answers of `bulk_put_role` and `bulk_delete_role` (`roles`
//! group), from the 9.5 specification data the repository carries.

mod common;
use common::*;
use security_core::roles::{BulkDeleteRole, BulkPutRole};
use security_core::types::common::{ClusterPrivilege, IndicesPrivileges, Refresh};
use security_core::types::roles::{PutRoleBody, Role};
use security_core::Endpoint;
use serde_json::json;

const ALL_COMMON: &str = "error_trace=true&filter_path=a.b,c%20d&human=true&pretty=true";

fn body_json(req: &http::Request<Vec<u8>>) -> serde_json::Value {
    serde_json::from_slice(req.body()).expect("a JSON body")
}

fn method_request(req: &http::Request<Vec<u8>>) -> String {
    format!(
        "{} {}",
        req.method(),
        req.uri().path_and_query().unwrap().as_str()
    )
}

// ---------------------------------------------------------------- bulk_put_role

#[test]
fn bulk_put_role_minimal() {
    let req = build(&BulkPutRole::new());
    assert_wire(&req, "POST", "/_security/role", Some(json!({"roles": {}})));
}

#[test]
fn bulk_put_role_all_parameters_with_escaping() {
    let reader = PutRoleBody {
        cluster: vec![ClusterPrivilege::Monitor],
        indices: vec![IndicesPrivileges::new(["logs-*"], ["read"])],
        description: Some("reads \"logs\" ü".into()),
        ..Default::default()
    };
    let req = build(
        &BulkPutRole::new()
            .role("reader/ü", reader)
            .role("a b", PutRoleBody::default())
            .refresh(Refresh::WaitFor)
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        &format!("/_security/role?refresh=wait_for&{ALL_COMMON}"),
        Some(json!({"roles": {
            "a b": {},
            "reader/ü": {
                "cluster": ["monitor"],
                "indices": [{"names": ["logs-*"], "privileges": ["read"]}],
                "description": "reads \"logs\" ü"
            }
        }})),
    );
}

#[test]
fn bulk_put_role_documented_requests() {
    let dir = spec_version("9.5");
    let examples = examples(&dir, "security.bulk_put_role", "request");
    assert_eq!(examples.len(), 3);
    let mut built = 0;
    for ex in &examples {
        let expected = ex.value.as_ref().unwrap();
        // The third example is put_role's (`POST /_security/role/only_remote_access_role`),
        // filed under bulk_put_role in the specification: put_role's tests own it.
        if ex.method_request.as_deref() != Some("POST /_security/role") {
            assert_eq!(
                ex.method_request.as_deref(),
                Some("POST /_security/role/only_remote_access_role"),
                "{}",
                ex.file.display()
            );
            continue;
        }
        let mut request = BulkPutRole::new();
        for (name, role) in expected["roles"].as_object().unwrap() {
            // Read as a role, converted into what put_role takes: nothing of the example is lost.
            let role: Role = serde_json::from_value(role.clone()).unwrap();
            request = request.role(name, role);
        }
        let req = build(&request);
        assert_eq!(Some(method_request(&req)), ex.method_request);
        assert_eq!(&body_json(&req), expected, "{}", ex.file.display());
        built += 1;
    }
    assert_eq!(built, 2);
}

#[test]
fn roles_read_with_query_role_are_put_back_in_bulk_without_read_only_fields() {
    use security_core::roles::QueryRole;
    let dir = spec_version("9.5");
    let answers = examples(&dir, "security.query_role", "response");
    assert!(!answers.is_empty());
    for answer in &answers {
        let value = answer.value.as_ref().unwrap();
        let page = decode::<QueryRole>(&value.to_string());
        assert!(!page.roles.is_empty());
        let mut request = BulkPutRole::new();
        for queried in page.roles {
            request = request.role(queried.name.clone(), queried.role);
        }
        let sent = body_json(&build(&request));
        for documented in value["roles"].as_array().unwrap() {
            let name = documented["name"].as_str().unwrap();
            let mut expected = documented.as_object().unwrap().clone();
            for read_only in ["name", "_sort", "transient_metadata"] {
                expected.remove(read_only);
            }
            expected.retain(|_, v| v != &json!([]) && v != &json!({}));
            assert_eq!(
                sent["roles"][name],
                serde_json::Value::Object(expected),
                "{}",
                answer.file.display()
            );
        }
    }
}

#[test]
fn bulk_put_role_documented_answers() {
    let dir = spec_version("9.5");
    let answers = examples(&dir, "security.bulk_put_role", "response");
    assert_eq!(answers.len(), 2);
    let created = decode::<BulkPutRole>(&answers[0].raw);
    assert_eq!(
        created.created.as_deref(),
        Some(&["my_admin_role".to_owned(), "my_user_role".to_owned()][..])
    );
    assert!(created.errors.is_none());
    let partial = decode::<BulkPutRole>(&answers[1].raw);
    let errors = partial.errors.unwrap();
    assert_eq!(errors.count, 1);
    assert_eq!(
        errors.details["my_admin_role"].error_type,
        "action_request_validation_exception"
    );
    assert!(partial.updated.is_none() && partial.noop.is_none());
    // Every list is optional: an answer of unchanged roles only.
    let noop = decode::<BulkPutRole>(r#"{"noop":["r"],"new_field":1}"#);
    assert_eq!(noop.noop.as_deref(), Some(&["r".to_owned()][..]));
}

// ---------------------------------------------------------------- bulk_delete_role

#[test]
fn bulk_delete_role_minimal_is_a_delete_with_a_body() {
    let req = build(&BulkDeleteRole::new(["my_admin_role"]));
    assert_wire(
        &req,
        "DELETE",
        "/_security/role",
        Some(json!({"names": ["my_admin_role"]})),
    );
}

#[test]
fn bulk_delete_role_all_parameters_with_escaping() {
    let req = build(
        &BulkDeleteRole::new(vec!["a \"b\"", "c/d,ü"])
            .refresh(Refresh::True)
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "DELETE",
        &format!("/_security/role?refresh=true&{ALL_COMMON}"),
        Some(json!({"names": ["a \"b\"", "c/d,ü"]})),
    );
    assert_body_bytes(&req, r#"{"names":["a \"b\"","c/d,ü"]}"#);
}

#[test]
fn bulk_delete_role_documented_request_and_answers() {
    let dir = spec_version("9.5");
    let examples = examples(&dir, "security.bulk_delete_role", "request");
    assert_eq!(examples.len(), 1);
    let req = build(&BulkDeleteRole::new(["my_admin_role", "my_user_role"]));
    assert_eq!(Some(method_request(&req)), examples[0].method_request);
    assert_eq!(&body_json(&req), examples[0].value.as_ref().unwrap());

    let answers = examples_of(&dir);
    assert_eq!(answers.len(), 3);
    let deleted = decode::<BulkDeleteRole>(&answers[0].raw);
    assert_eq!(deleted.deleted.as_ref().unwrap().len(), 2);
    let not_found = decode::<BulkDeleteRole>(&answers[1].raw);
    assert_eq!(
        not_found.not_found.as_deref(),
        Some(&["not_an_existing_role".to_owned()][..])
    );
    let errors = decode::<BulkDeleteRole>(&answers[2].raw).errors.unwrap();
    assert_eq!(errors.count, 1);
    assert_eq!(
        errors.details["superuser"].reason.as_deref(),
        Some("role [superuser] is reserved and cannot be deleted")
    );
}

fn examples_of(dir: &std::path::Path) -> Vec<Example> {
    examples(dir, "security.bulk_delete_role", "response")
}

#[test]
fn bulk_answers_keep_bulk_errors_strict() {
    // `count` and `details` are required in `errors`.
    let err = BulkDeleteRole::decode(es_response(200, r#"{"errors":{"count":1}}"#)).unwrap_err();
    assert!(err.to_string().contains("details"), "{err}");
}
