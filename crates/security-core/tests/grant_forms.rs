//! The typed constructors of the grant forms of `get_token` and `grant_api_key` send what the
//! documented examples send.

mod common;
use common::*;
use security_core::tokens::GetToken;
use serde_json::{json, Value};

fn body(req: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(req.body()).unwrap()
}

/// The documented request body whose file name ends with `suffix`.
fn documented(endpoint: &str, suffix: &str) -> Value {
    let all = examples(&spec(endpoint), endpoint, "request");
    let example = all
        .iter()
        .find(|e| e.file.to_string_lossy().ends_with(suffix))
        .unwrap_or_else(|| panic!("no example {suffix} of {endpoint}"));
    example.value.clone().unwrap()
}

#[test]
fn get_token_grant_forms() {
    let req = build(&GetToken::with_password(
        "test_admin",
        "x-pack-test-password",
    ));
    assert_eq!(req.uri().path(), "/_security/oauth2/token");
    assert_eq!(
        body(&req),
        documented("security.get_token", "RequestExample2.yaml")
    );
    assert_eq!(
        body(&build(&GetToken::with_client_credentials())),
        documented("security.get_token", "RequestExample1.yaml")
    );
    assert_eq!(
        body(&build(&GetToken::with_refresh_token(
            "vLBPvmAB6KvwvJZr27cS"
        ))),
        json!({"grant_type": "refresh_token", "refresh_token": "vLBPvmAB6KvwvJZr27cS"})
    );
    assert_eq!(
        body(&build(&GetToken::with_kerberos_ticket("YIIB6wYJ"))),
        json!({"grant_type": "_kerberos", "kerberos_ticket": "YIIB6wYJ"})
    );
    // The secrets stay secret in Debug.
    let debug = format!("{:?}", GetToken::with_password("u", "x-pack-test-password"));
    assert!(!debug.contains("x-pack-test-password"), "{debug}");
}

#[cfg(feature = "api-keys")]
#[test]
fn grant_api_key_grant_forms() {
    use security_core::api_keys::GrantApiKey;
    use security_core::types::api_keys::GrantedApiKey;
    let req = build(
        &GrantApiKey::with_password(
            GrantedApiKey::new("another-api-key"),
            "test_admin",
            "x-pack-test-password",
        )
        .run_as_user("test_user"),
    );
    assert_eq!(req.uri().path(), "/_security/api_key/grant");
    assert_eq!(
        body(&req),
        documented("security.grant_api_key", "RequestExample2.yaml")
    );
    assert_eq!(
        body(&build(&GrantApiKey::with_access_token(
            GrantedApiKey::new("k"),
            "dGhpcyBpcyBhIHRva2Vu"
        ))),
        json!({"api_key": {"name": "k"}, "grant_type": "access_token", "access_token": "dGhpcyBpcyBhIHRva2Vu"})
    );
}
