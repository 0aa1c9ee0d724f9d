//! Wire-exact requests and typed answers of the `tokens` group.

mod common;
use common::*;
use security_core::auth::ToCredentials;
use security_core::tokens::*;
use security_core::types::tokens::*;
use security_core::Endpoint;
use serde_json::json;

const ALL_COMMON: &str = "error_trace=true&filter_path=a.b,c%20d&human=true&pretty=true";

// ---------------------------------------------------------------- get_token

#[test]
fn get_token_minimal() {
    assert_wire(
        &build(&GetToken::new()),
        "POST",
        "/_security/oauth2/token",
        Some(json!({})),
    );
}

#[test]
fn get_token_all_parameters() {
    let req = build(
        &GetToken::new()
            .grant_type(AccessTokenGrantType::Password)
            .scope("full")
            .password("x-pack-test-password")
            .kerberos_ticket("YIIB6wYJKoZIhvcSAQICAQBuggHaMIIB1qADAgEFoQMCAQ6iBw")
            .refresh_token("vLBPvmAB6KvwvJZr27cS")
            .username("test_admin")
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        &format!("/_security/oauth2/token?{ALL_COMMON}"),
        Some(json!({
            "grant_type": "password",
            "scope": "full",
            "password": "x-pack-test-password",
            "kerberos_ticket": "YIIB6wYJKoZIhvcSAQICAQBuggHaMIIB1qADAgEFoQMCAQ6iBw",
            "refresh_token": "vLBPvmAB6KvwvJZr27cS",
            "username": "test_admin"
        })),
    );
}

#[test]
fn get_token_grant_types_on_the_wire() {
    for (grant, wire) in [
        (AccessTokenGrantType::Password, "password"),
        (
            AccessTokenGrantType::ClientCredentials,
            "client_credentials",
        ),
        (AccessTokenGrantType::Kerberos, "_kerberos"),
        (AccessTokenGrantType::RefreshToken, "refresh_token"),
        (
            AccessTokenGrantType::Other("jwt_bearer".into()),
            "jwt_bearer",
        ),
    ] {
        assert_eq!(AccessTokenGrantType::from(wire), grant);
        let req = build(&GetToken::new().grant_type(grant));
        assert_wire(
            &req,
            "POST",
            "/_security/oauth2/token",
            Some(json!({ "grant_type": wire })),
        );
    }
}

#[test]
fn get_token_refresh_request_as_the_refresh_helper_builds_it() {
    // The API another component builds on: keep it.
    let req = build(
        &security_core::tokens::GetToken::new()
            .grant_type(AccessTokenGrantType::RefreshToken)
            .refresh_token("vLBPvmAB6KvwvJZr27cS"),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/oauth2/token",
        Some(json!({"grant_type": "refresh_token", "refresh_token": "vLBPvmAB6KvwvJZr27cS"})),
    );
    assert_body_bytes(
        &req,
        r#"{"grant_type":"refresh_token","refresh_token":"vLBPvmAB6KvwvJZr27cS"}"#,
    );
}

#[test]
fn get_token_sends_the_documented_requests() {
    let dir = spec("get_token_sends_the_documented_requests");
    let ex = examples(&dir, "security.get_token", "request");
    assert_eq!(ex.len(), 2);
    let client_credentials = GetToken::new().grant_type(AccessTokenGrantType::ClientCredentials);
    let password = GetToken::new()
        .grant_type("password")
        .username("test_admin")
        .password("x-pack-test-password");
    for (ex, req) in ex.iter().zip([client_credentials, password]) {
        let expected = ex.value.clone().expect("documented request is JSON");
        assert_wire(
            &build(&req),
            "POST",
            "/_security/oauth2/token",
            Some(expected),
        );
    }
}

#[test]
fn get_token_debug_hides_secrets() {
    let req = GetToken::new()
        .password("s3cr3t-password")
        .kerberos_ticket("s3cr3t-ticket")
        .refresh_token("s3cr3t-refresh");
    let shown = format!("{req:?}");
    assert!(!shown.contains("s3cr3t"), "{shown}");
}

const TOKEN_ANSWER: &str = r#"{
  "access_token": "dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGJ1dCBpdCBpcyBvbmx5IHRlc3QgZGF0YS4gZG8gbm90IHRyeSB0byByZWFkIHRva2VuIQ==",
  "type": "Bearer",
  "expires_in": 1200,
  "scope": "full",
  "refresh_token": "vLBPvmAB6KvwvJZr27cS",
  "kerberos_authentication_response_token": "YIGZBgkqhkiG9xIBAgICAG+BiTCBhqADAgEFoQMCAQ+iejB4oAMCARKicQRvVX",
  "authentication": {
    "username": "test_admin",
    "roles": ["superuser"],
    "full_name": null,
    "email": null,
    "metadata": {},
    "enabled": true,
    "profile_uid": "u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0",
    "authentication_realm": {"name": "saml1", "type": "saml"},
    "lookup_realm": {"name": "saml1", "type": "saml"},
    "authentication_provider": {"type": "saml", "name": "cloud-saml-kibana"},
    "authentication_type": "realm",
    "api_key": null,
    "some_new_field": [1, 2]
  }
}"#;

#[test]
fn get_token_decodes_every_field() {
    let answer = decode::<GetToken>(TOKEN_ANSWER);
    assert!(answer.access_token.expose().starts_with("dGhpcyBpcyBub3Q"));
    assert_eq!(answer.expires_in, 1200);
    assert_eq!(answer.scope.as_deref(), Some("full"));
    assert_eq!(answer.token_type, "Bearer");
    assert_eq!(
        answer.refresh_token.as_ref().map(|t| t.expose()),
        Some("vLBPvmAB6KvwvJZr27cS")
    );
    assert!(answer.kerberos_authentication_response_token.is_some());
    let user = &answer.authentication;
    assert_eq!(user.username, "test_admin");
    assert_eq!(user.roles, ["superuser"]);
    assert_eq!(user.full_name, None);
    assert!(user.enabled);
    assert!(user.profile_uid.is_some());
    assert_eq!(user.authentication_realm.realm_type, "saml");
    assert_eq!(user.lookup_realm.name, "saml1");
    let provider = user.authentication_provider.as_ref().unwrap();
    assert_eq!(
        (provider.provider_type.as_str(), provider.name.as_str()),
        ("saml", "cloud-saml-kibana")
    );
    assert_eq!(user.authentication_type, "realm");
}

#[test]
fn get_token_answer_debug_hides_the_tokens() {
    let answer = decode::<GetToken>(TOKEN_ANSWER);
    let shown = format!("{answer:?}");
    assert!(!shown.contains("dGhpcyBpcyBub3Q"), "{shown}");
    assert!(!shown.contains("vLBPvmAB6KvwvJZr27cS"), "{shown}");
    assert!(!shown.contains("YIGZBgkqhkiG9xIBAgICAG"), "{shown}");
    assert!(shown.contains("test_admin"), "{shown}");
}

#[test]
fn get_token_answer_becomes_bearer_credentials() {
    let answer = decode::<GetToken>(TOKEN_ANSWER);
    let credentials = answer.to_credentials();
    assert_eq!(
        credentials,
        security_core::Credentials::bearer(answer.access_token.clone())
    );
    let header = credentials.header_value().unwrap();
    assert_eq!(
        header,
        format!("Bearer {}", answer.access_token.expose()).as_str()
    );
    assert!(header.is_sensitive());
    // The next request authenticates with it.
    let req = build_with(&InvalidateToken::new().username("u"), &credentials);
    assert_eq!(
        req.headers()["authorization"],
        format!("Bearer {}", answer.access_token.expose()).as_str()
    );
}

#[test]
fn get_token_decodes_a_client_credentials_answer_without_refresh_token() {
    let answer = decode::<GetToken>(
        r#"{"access_token":"abc","type":"Bearer","expires_in":1200,
        "authentication":{"username":"elastic","roles":["superuser"],"metadata":{"_reserved":true},"enabled":true,
        "authentication_realm":{"name":"reserved","type":"reserved"},
        "lookup_realm":{"name":"reserved","type":"reserved"},"authentication_type":"realm"}}"#,
    );
    assert!(answer.refresh_token.is_none());
    assert!(answer.scope.is_none());
    assert!(answer.authentication.authentication_provider.is_none());
    assert_eq!(answer.authentication.metadata["_reserved"], true);
}

#[test]
fn get_token_decodes_the_documented_answers() {
    let dir = spec("get_token_decodes_the_documented_answers");
    let ex = examples(&dir, "security.get_token", "response");
    assert_eq!(ex.len(), 2);
    for ex in ex {
        let answer = decode::<GetToken>(&ex.raw);
        assert_eq!(answer.token_type, "Bearer");
        assert_eq!(answer.expires_in, 1200);
        assert_eq!(answer.authentication.username, "test_admin");
        assert_eq!(answer.authentication.authentication_realm.name, "file");
    }
}

// ---------------------------------------------------------------- invalidate_token

#[test]
fn invalidate_token_minimal_is_a_delete_with_a_body() {
    let req = build(&InvalidateToken::new());
    assert_wire(&req, "DELETE", "/_security/oauth2/token", Some(json!({})));
    assert_body_bytes(&req, "{}");
}

#[test]
fn invalidate_token_all_parameters() {
    let req = build(
        &InvalidateToken::new()
            .token("dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu")
            .refresh_token("vLBPvmAB6KvwvJZr27cS")
            .realm_name("saml1")
            .username("myuser")
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "DELETE",
        &format!("/_security/oauth2/token?{ALL_COMMON}"),
        Some(json!({
            "token": "dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu",
            "refresh_token": "vLBPvmAB6KvwvJZr27cS",
            "realm_name": "saml1",
            "username": "myuser"
        })),
    );
    // The DELETE carries its body and its content type.
    assert_eq!(
        req.body().as_slice(),
        br#"{"token":"dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu","refresh_token":"vLBPvmAB6KvwvJZr27cS","realm_name":"saml1","username":"myuser"}"#
    );
    assert_eq!(
        req.headers()["content-type"],
        security_core::COMPATIBLE_WITH_8
    );
}

#[test]
fn invalidate_token_sends_the_documented_requests() {
    let dir = spec("invalidate_token_sends_the_documented_requests");
    let ex = examples(&dir, "security.invalidate_token", "request");
    assert_eq!(ex.len(), 5);
    let typed = [
        InvalidateToken::new().token(
            "dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGJ1dCBpdCBpcyBvbmx5IHRlc3QgZGF0YS4gZG8gbm90IHRyeSB0byByZWFkIHRva2VuIQ==",
        ),
        InvalidateToken::new().refresh_token("vLBPvmAB6KvwvJZr27cS"),
        InvalidateToken::new().realm_name("saml1"),
        InvalidateToken::new().username("myuser"),
        InvalidateToken::new().username("myuser").realm_name("saml1"),
    ];
    for (ex, req) in ex.iter().zip(typed) {
        assert_eq!(
            ex.method_request.as_deref(),
            Some("DELETE /_security/oauth2/token")
        );
        let expected = ex.value.clone().expect("documented request is JSON");
        assert_wire(
            &build(&req),
            "DELETE",
            "/_security/oauth2/token",
            Some(expected),
        );
    }
}

#[test]
fn invalidate_token_debug_hides_the_tokens() {
    let shown = format!(
        "{:?}",
        InvalidateToken::new()
            .token("s3cr3t-access")
            .refresh_token("s3cr3t-refresh")
    );
    assert!(!shown.contains("s3cr3t"), "{shown}");
}

#[test]
fn invalidate_token_decodes() {
    let answer = decode::<InvalidateToken>(
        r#"{"invalidated_tokens":1,"previously_invalidated_tokens":0,"error_count":0}"#,
    );
    assert_eq!(answer.invalidated_tokens, 1);
    assert_eq!(answer.previously_invalidated_tokens, 0);
    assert_eq!(answer.error_count, 0);
    assert!(answer.error_details.is_empty());
}

#[test]
fn invalidate_token_decodes_error_details() {
    let answer = decode::<InvalidateToken>(
        r#"{"invalidated_tokens":9,"previously_invalidated_tokens":15,"error_count":1,
        "error_details":[{"type":"exception","reason":"Elasticsearch exception [type=exception, reason=foo]",
        "caused_by":{"type":"illegal_argument_exception","reason":"bar"},
        "stack_trace":"at ..."}]}"#,
    );
    assert_eq!(answer.error_count, 1);
    let detail = &answer.error_details[0];
    assert_eq!(detail.error_type, "exception");
    assert!(detail.reason.as_deref().unwrap().contains("foo"));
    let cause = detail.caused_by.as_ref().unwrap();
    assert_eq!(cause.error_type, "illegal_argument_exception");
    assert_eq!(cause.reason.as_deref(), Some("bar"));
    assert_eq!(detail.stack_trace.as_deref(), Some("at ..."));
}

#[test]
fn invalidate_token_decodes_the_documented_answer() {
    let dir = spec("invalidate_token_decodes_the_documented_answer");
    let ex = examples(&dir, "security.invalidate_token", "response");
    assert_eq!(ex.len(), 1);
    let answer = decode::<InvalidateToken>(&ex[0].raw);
    assert_eq!(answer.invalidated_tokens, 9);
    assert_eq!(answer.previously_invalidated_tokens, 15);
    assert_eq!(answer.error_count, 2);
    assert_eq!(answer.error_details.len(), 2);
    assert_eq!(
        answer.error_details[1]
            .caused_by
            .as_ref()
            .unwrap()
            .reason
            .as_deref(),
        Some("Elasticsearch exception [type=illegal_argument_exception, reason=far]")
    );
}

#[test]
fn token_endpoints_declare_no_query_parameters() {
    assert!(GetToken::SPEC.query.is_empty());
    assert!(InvalidateToken::SPEC.query.is_empty());
    assert_eq!(
        InvalidateToken::SPEC.body,
        security_core::BodyKind::Required
    );
}

// ---------------------------------------------------------------- delegate_pki

#[test]
fn delegate_pki_minimal_and_all_parameters() {
    let req = build(&DelegatePki::new(["MIIDeDCC+/=="]));
    assert_wire(
        &req,
        "POST",
        "/_security/delegate_pki",
        Some(json!({"x509_certificate_chain": ["MIIDeDCC+/=="]})),
    );
    let req = build(
        &DelegatePki::new(vec!["leaf\"cert".to_owned(), "intermediate/ü".to_owned()])
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        &format!("/_security/delegate_pki?{ALL_COMMON}"),
        Some(json!({"x509_certificate_chain": ["leaf\"cert", "intermediate/ü"]})),
    );
}

#[test]
fn delegate_pki_documented_request_and_answer() {
    let dir = spec_version("9.5");
    let requests = examples(&dir, "security.delegate_pki", "request");
    assert_eq!(requests.len(), 1);
    let expected = requests[0].value.as_ref().unwrap();
    let chain: Vec<String> =
        serde_json::from_value(expected["x509_certificate_chain"].clone()).unwrap();
    assert_eq!(chain.len(), 1);
    let req = build(&DelegatePki::new(chain));
    assert_eq!(
        Some(format!("{} {}", req.method(), req.uri().path())),
        requests[0].method_request
    );
    assert_eq!(
        &serde_json::from_slice::<serde_json::Value>(req.body()).unwrap(),
        expected
    );

    let answers = examples(&dir, "security.delegate_pki", "200_response");
    assert_eq!(answers.len(), 1);
    // The answer is written as YAML, not as a JSON string: read it from the file itself.
    let text = std::fs::read_to_string(&answers[0].file).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    let body = serde_json::to_string(&yaml["value"]).unwrap();
    let token = decode::<DelegatePki>(&body);
    assert_eq!(token.expires_in, 1200);
    assert_eq!(token.token_type, "Bearer");
    let user = token.authentication.as_ref().unwrap();
    assert_eq!(user.username, "Elasticsearch Test Client");
    assert_eq!(user.authentication_realm.realm_type, "pki");
    assert_eq!(user.full_name, None);
    // The token is a secret: never shown, used through the credentials.
    let shown = format!("{token:?}");
    assert!(!shown.contains("dGhpcyBpcyBub3Qg"), "{shown}");
    let credentials = token.to_credentials();
    assert_eq!(credentials.scheme(), "Bearer");
    let req = build_with(&security_core::users::Authenticate::new(), &credentials);
    assert_eq!(
        req.headers()["authorization"],
        "Bearer dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGJ1dCBpdCBpcyBvbmx5IHRlc3QgZGF0YS4gZG8gbm90IHRyeSB0byByZWFkIHRva2VuIQ=="
    );
}

#[test]
fn delegate_pki_answer_keeps_the_token_required() {
    let err =
        DelegatePki::decode(es_response(200, r#"{"type":"Bearer","expires_in":1}"#)).unwrap_err();
    assert!(err.to_string().contains("access_token"), "{err}");
}
