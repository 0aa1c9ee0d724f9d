//! Wire-exact requests and typed answers of the `users` group.

mod common;
use common::*;
use security_core::types::common::Refresh;
use security_core::users::*;
use security_core::{Credentials, Endpoint};
use serde_json::json;

#[test]
fn authenticate_minimal_and_all_parameters() {
    let req = build(&Authenticate::new());
    assert_wire(&req, "GET", "/_security/_authenticate", None);

    let req = build(
        &Authenticate::new()
            .error_trace(true)
            .filter_path(["username", "roles"])
            .human(false)
            .pretty(true),
    );
    assert_wire(
        &req,
        "GET",
        "/_security/_authenticate?error_trace=true&filter_path=username,roles&human=false&pretty=true",
        None,
    );
}

#[test]
fn authenticate_carries_credentials_and_options() {
    let req = build_with(
        &Authenticate::new()
            .opaque_id("trace-1")
            .run_as("jacknich")
            .header("x-custom", "v")
            .timeout(std::time::Duration::from_secs(3)),
        &Credentials::basic("elastic", "changeme"),
    );
    assert_eq!(
        req.headers()["authorization"],
        "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="
    );
    assert!(req.headers()["authorization"].is_sensitive());
    assert_eq!(req.headers()["x-opaque-id"], "trace-1");
    assert_eq!(req.headers()["es-security-runas-user"], "jacknich");
    assert_eq!(req.headers()["x-custom"], "v");
    assert_eq!(
        req.extensions().get::<security_core::RequestTimeout>(),
        Some(&security_core::RequestTimeout(
            std::time::Duration::from_secs(3)
        ))
    );
    // A per-request override wins over the client's credentials.
    let req = build_with(
        &Authenticate::new().credentials(Credentials::bearer("tok")),
        &Credentials::basic("elastic", "changeme"),
    );
    assert_eq!(req.headers()["authorization"], "Bearer tok");
}

#[test]
fn authenticate_decodes_api_key_and_token_variants() {
    let me = decode::<Authenticate>(
        r#"{"username":"elastic","roles":["superuser"],"full_name":null,"email":null,"metadata":{"_reserved":true},
        "enabled":true,"authentication_realm":{"name":"reserved","type":"reserved"},
        "lookup_realm":{"name":"reserved","type":"reserved"},"authentication_type":"realm","new_field":1}"#,
    );
    assert_eq!(me.username, "elastic");
    assert_eq!(me.authentication_realm.realm_type, "reserved");
    let me = decode::<Authenticate>(
        r#"{"username":"elastic","roles":[],"metadata":{},"enabled":true,
        "authentication_realm":{"name":"_es_api_key","type":"_es_api_key"},
        "lookup_realm":{"name":"_es_api_key","type":"_es_api_key"},"authentication_type":"api_key",
        "api_key":{"id":"VuaCfGcBCdbkQm-e5aOx","name":"my-api-key"}}"#,
    );
    assert_eq!(me.api_key.unwrap().id, "VuaCfGcBCdbkQm-e5aOx");
    let me = decode::<Authenticate>(
        r#"{"username":"elastic/fleet-server","roles":[],"metadata":{"_elastic_service_account":true},"enabled":true,
        "authentication_realm":{"name":"_service_account","type":"_service_account"},
        "lookup_realm":{"name":"_service_account","type":"_service_account"},"authentication_type":"token",
        "token":{"name":"token1","type":"_service_account_index"}}"#,
    );
    assert_eq!(
        me.token.unwrap().token_type.as_deref(),
        Some("_service_account_index")
    );
}

#[test]
fn get_user_routes_and_escaping() {
    assert_wire(&build(&GetUser::new()), "GET", "/_security/user", None);
    assert_wire(
        &build(&GetUser::new().username("jacknich")),
        "GET",
        "/_security/user/jacknich",
        None,
    );
    assert_wire(
        &build(
            &GetUser::new()
                .username(["a b", "c/d", "e%f"])
                .with_profile_uid(true)
                .pretty(true),
        ),
        "GET",
        "/_security/user/a%20b,c%2Fd,e%25f?with_profile_uid=true&pretty=true",
        None,
    );
}

#[test]
fn get_user_rejects_empty_names_before_sending() {
    let err = GetUser::new().username("").request_parts().unwrap_err();
    assert!(
        err.to_string().contains("`username` must not be empty"),
        "{err}"
    );
    let empty: Vec<String> = Vec::new();
    assert!(GetUser::new().username(empty).request_parts().is_err());
}

#[test]
fn get_user_decodes_users_by_name() {
    let users = decode::<GetUser>(
        r#"{"jacknich":{"username":"jacknich","roles":["admin","other_role1"],"full_name":"Jack Nicholson",
        "email":"jacknich@example.com","metadata":{"intelligence":7},"enabled":true,
        "profile_uid":"u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0"}}"#,
    );
    let jack = &users["jacknich"];
    assert_eq!(jack.roles, ["admin", "other_role1"]);
    assert_eq!(jack.metadata["intelligence"], 7);
    assert!(jack.profile_uid.is_some());
}

#[test]
fn put_user_minimal_and_all_parameters() {
    let req = build(&PutUser::new("jacknich"));
    assert_wire(&req, "PUT", "/_security/user/jacknich", Some(json!({})));

    let mut meta = serde_json::Map::new();
    meta.insert("intelligence".into(), json!(7));
    let req = build(
        &PutUser::new("jack nich")
            .refresh(Refresh::WaitFor)
            .email("jacknich@example.com")
            .full_name("Jack Nicholson")
            .metadata(meta)
            .password("l0ng-r4nd0m-p@ssw0rd")
            .password_hash("$2a$10$hash")
            .roles(["admin", "other_role1"])
            .enabled(true)
            .error_trace(true)
            .filter_path("created")
            .human(true)
            .pretty(false),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/user/jack%20nich?refresh=wait_for&error_trace=true&filter_path=created&human=true&pretty=false",
        Some(json!({
            "email": "jacknich@example.com",
            "full_name": "Jack Nicholson",
            "metadata": {"intelligence": 7},
            "password": "l0ng-r4nd0m-p@ssw0rd",
            "password_hash": "$2a$10$hash",
            "roles": ["admin", "other_role1"],
            "enabled": true
        })),
    );
}

#[test]
fn put_user_debug_hides_the_password() {
    let shown = format!(
        "{:?}",
        PutUser::new("u")
            .password("s3cr3t-value")
            .password_hash("h4sh-value")
    );
    assert!(
        !shown.contains("s3cr3t-value") && !shown.contains("h4sh-value"),
        "{shown}"
    );
}

#[test]
fn put_user_raw_body_replaces_the_typed_body() {
    let req = build(
        &PutUser::new("u")
            .roles(["x"])
            .raw_body(json!({"roles": ["y"], "new_field": 1})),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/user/u",
        Some(json!({"roles": ["y"], "new_field": 1})),
    );
}

#[test]
fn put_user_decodes() {
    assert!(decode::<PutUser>(r#"{"created":true}"#).created);
}
