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
            .request_timeout(std::time::Duration::from_secs(3)),
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

#[test]
fn delete_user_minimal_and_all_parameters() {
    assert_wire(
        &build(&DeleteUser::new("jacknich")),
        "DELETE",
        "/_security/user/jacknich",
        None,
    );
    assert_wire(
        &build(
            &DeleteUser::new("jack/nich ü")
                .refresh(Refresh::True)
                .error_trace(false)
                .filter_path(["found"])
                .human(true)
                .pretty(true),
        ),
        "DELETE",
        "/_security/user/jack%2Fnich%20%C3%BC?refresh=true&error_trace=false&filter_path=found&human=true&pretty=true",
        None,
    );
    assert!(DeleteUser::new("").request_parts().is_err());
}

#[test]
fn delete_user_decodes() {
    assert!(decode::<DeleteUser>(r#"{"found":true}"#).found);
    assert!(!decode::<DeleteUser>(r#"{"found":false,"new_field":[]}"#).found);
}

#[test]
fn enable_and_disable_user_minimal_and_all_parameters() {
    assert_wire(
        &build(&EnableUser::new("logstash_system")),
        "PUT",
        "/_security/user/logstash_system/_enable",
        None,
    );
    assert_wire(
        &build(&DisableUser::new("jacknich")),
        "PUT",
        "/_security/user/jacknich/_disable",
        None,
    );
    assert_wire(
        &build(
            &EnableUser::new("a?b")
                .refresh(Refresh::WaitFor)
                .error_trace(true)
                .filter_path("x")
                .human(false)
                .pretty(false),
        ),
        "PUT",
        "/_security/user/a%3Fb/_enable?refresh=wait_for&error_trace=true&filter_path=x&human=false&pretty=false",
        None,
    );
    assert_wire(
        &build(
            &DisableUser::new("a/..")
                .refresh(false)
                .error_trace(true)
                .filter_path("x")
                .human(false)
                .pretty(true),
        ),
        "PUT",
        "/_security/user/a%2F../_disable?refresh=false&error_trace=true&filter_path=x&human=false&pretty=true",
        None,
    );
    assert!(DisableUser::new("..").request_parts().is_err());
    assert!(EnableUser::new("").request_parts().is_err());
    assert!(DisableUser::new("").request_parts().is_err());
}

#[test]
fn enable_and_disable_user_decode_the_empty_answer() {
    assert_eq!(
        decode::<EnableUser>("{}"),
        security_core::types::common::EmptyObject {}
    );
    assert_eq!(
        decode::<DisableUser>(r#"{"newer":"field"}"#),
        security_core::types::common::EmptyObject {}
    );
    // Not an object: a typed decode error, not a panic.
    let err = EnableUser::decode(es_response(200, r#""ok""#)).unwrap_err();
    assert!(
        matches!(err, security_core::Error::Decode { .. }),
        "{err:?}"
    );
}

#[test]
fn change_password_picks_the_route_by_username() {
    // The caller's own password.
    assert_wire(
        &build(&ChangePassword::new().password("new-test-password")),
        "PUT",
        "/_security/user/_password",
        Some(json!({"password": "new-test-password"})),
    );
    // Another user's password, every parameter set.
    let req = build(
        &ChangePassword::new()
            .username("jack nich")
            .password("new-test-password")
            .password_hash("$2a$10$abcdefghijklmnopqrstuv")
            .refresh(Refresh::WaitFor)
            .error_trace(true)
            .filter_path("*")
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/user/jack%20nich/_password?refresh=wait_for&error_trace=true&filter_path=*&human=true&pretty=true",
        Some(json!({
            "password": "new-test-password",
            "password_hash": "$2a$10$abcdefghijklmnopqrstuv"
        })),
    );
    assert_body_bytes(
        &req,
        r#"{"password":"new-test-password","password_hash":"$2a$10$abcdefghijklmnopqrstuv"}"#,
    );
    // The body is required: an empty one is still sent.
    assert_wire(
        &build(&ChangePassword::new()),
        "PUT",
        "/_security/user/_password",
        Some(json!({})),
    );
    assert!(ChangePassword::new().username("").request_parts().is_err());
}

#[test]
fn change_password_debug_hides_the_secrets() {
    let shown = format!(
        "{:?}",
        ChangePassword::new()
            .username("u")
            .password("s3cr3t-value")
            .password_hash("h4sh-value")
    );
    assert!(
        !shown.contains("s3cr3t-value") && !shown.contains("h4sh-value"),
        "{shown}"
    );
    assert!(shown.contains("[redacted]"), "{shown}");
}

#[test]
fn change_password_matches_the_documented_example() {
    let dir = spec("change_password_matches_the_documented_example");
    let examples = examples(&dir, "security.change_password", "request");
    assert_eq!(examples.len(), 1);
    for ex in examples {
        let value = ex.value.unwrap();
        let password = value["password"].as_str().unwrap();
        let req = build(
            &ChangePassword::new()
                .username("jacknich")
                .password(password),
        );
        // The example uses POST; PUT|POST are equivalent and the official clients send PUT.
        assert_eq!(
            ex.method_request.as_deref(),
            Some("POST /_security/user/jacknich/_password")
        );
        assert_wire(
            &req,
            "PUT",
            "/_security/user/jacknich/_password",
            Some(value),
        );
    }
}

#[test]
fn change_password_decodes() {
    assert_eq!(
        decode::<ChangePassword>("{}"),
        security_core::types::common::EmptyObject {}
    );
}

#[test]
fn clear_cached_realms_minimal_and_all_parameters() {
    assert_wire(
        &build(&ClearCachedRealms::new("default_file")),
        "POST",
        "/_security/realm/default_file/_clear_cache",
        None,
    );
    assert_wire(
        &build(&ClearCachedRealms::new("*")),
        "POST",
        "/_security/realm/*/_clear_cache",
        None,
    );
    assert_wire(
        &build(
            &ClearCachedRealms::new(["ldap 1", "native1"])
                .usernames(["rdeniro", "al pacino", "a&b"])
                .error_trace(true)
                .filter_path(["_nodes", "nodes.*.name"])
                .human(true)
                .pretty(false),
        ),
        "POST",
        "/_security/realm/ldap%201,native1/_clear_cache?usernames=rdeniro,al%20pacino,a%26b&error_trace=true&filter_path=_nodes,nodes.*.name&human=true&pretty=false",
        None,
    );
    let none: Vec<String> = Vec::new();
    assert!(ClearCachedRealms::new(none).request_parts().is_err());
    assert!(ClearCachedRealms::new(["a", ""]).request_parts().is_err());
}

#[test]
fn clear_cached_realms_decodes_the_node_answer() {
    let answer = decode::<ClearCachedRealms>(
        r#"{"_nodes":{"total":2,"successful":1,"failed":1,
        "failures":[{"type":"failed_node_exception","reason":"Failed node [x]","node_id":"x"}]},
        "cluster_name":"docker-cluster",
        "nodes":{"iLQ9PbNnQ1uH4rcRmIB5DA":{"name":"es01","newer":"field"}}}"#,
    );
    assert_eq!(answer.node_stats.total, 2);
    assert_eq!(answer.node_stats.failed, 1);
    assert_eq!(answer.node_stats.failures.len(), 1);
    assert_eq!(answer.cluster_name, "docker-cluster");
    assert_eq!(answer.nodes["iLQ9PbNnQ1uH4rcRmIB5DA"].name, "es01");
}

#[test]
fn users_group_declares_its_endpoints() {
    let names: Vec<&str> = SPECS.iter().map(|s| s.method_name()).collect();
    assert_eq!(
        names,
        [
            "authenticate",
            "get_user",
            "put_user",
            "delete_user",
            "enable_user",
            "disable_user",
            "change_password",
            "clear_cached_realms",
            "query_user"
        ]
    );
}
