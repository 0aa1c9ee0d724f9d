//! Reliability and secrets in request building and errors: per-request headers replace
//! defaults, header values are ASCII, base URLs are checked (ports, user information), nothing
//! secret shows in `Debug`, error messages are bounded, creating endpoints say they must not be
//! sent twice.

mod common;
use common::*;
#[cfg(feature = "api-keys")]
use security_core::api_keys::CreateApiKey;
use security_core::enroll::{EnrollKibana, EnrollNode};
#[cfg(feature = "service-accounts")]
use security_core::service_accounts::CreateServiceToken;
use security_core::tokens::GetToken;
use security_core::users::{Authenticate, GetUser, PutUser};
use security_core::{BaseUrl, Credentials, Endpoint, Error, RawRequest, Repeatable};
use serde_json::json;

const SECRET: &str = "c2VjcmV0LWtleS1kby1ub3Qtc2hvdw";

fn values(req: &http::Request<Vec<u8>>, name: &str) -> Vec<String> {
    req.headers()
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect()
}

// --- Item 9: per-request headers replace defaults -------------------------------------------

#[test]
fn a_per_request_header_replaces_the_default_of_the_same_name() {
    let req = build(
        &PutUser::new("u")
            .password("secret-pw")
            .header("Accept", "application/json")
            .header("content-type", "application/json")
            .opaque_id("from-option")
            .header("X-Opaque-Id", "from-header"),
    );
    assert_eq!(values(&req, "accept"), ["application/json"]);
    assert_eq!(values(&req, "content-type"), ["application/json"]);
    assert_eq!(values(&req, "x-opaque-id"), ["from-header"]);
}

#[test]
fn several_per_request_values_of_one_name_are_all_sent() {
    let req = build(&Authenticate::new().header("x-a", "1").header("x-a", "2"));
    assert_eq!(values(&req, "x-a"), ["1", "2"]);
}

#[test]
fn an_authorization_header_is_sent_alone_instead_of_the_credentials() {
    let req = build_with(
        &Authenticate::new().header("Authorization", "Negotiate dGlja2V0"),
        &Credentials::basic("elastic", "changeme"),
    );
    assert_eq!(values(&req, "authorization"), ["Negotiate dGlja2V0"]);
    assert!(req.headers()["authorization"].is_sensitive());
    // Without it, the credentials.
    let req = build_with(
        &Authenticate::new(),
        &Credentials::basic("elastic", "changeme"),
    );
    assert_eq!(values(&req, "authorization").len(), 1);
}

// --- Item 10: header values are printable ASCII ----------------------------------------------

#[test]
fn non_ascii_header_values_are_refused() {
    let base = BaseUrl::parse("http://es:9200").unwrap();
    let refused = [
        Authenticate::new().run_as("jöe"),
        Authenticate::new().opaque_id("trace-é"),
        Authenticate::new().header("x-team", "équipe"),
    ];
    for request in refused {
        match request.to_http_request(&base, None) {
            Err(Error::InvalidRequest { reason, .. }) => {
                assert!(reason.contains("ASCII"), "{reason}")
            }
            other => panic!("{other:?}"),
        }
    }
    // Printable ASCII and tabs pass.
    let req = build(&Authenticate::new().run_as("jo e~").opaque_id("a\tb"));
    assert_eq!(values(&req, "es-security-runas-user"), ["jo e~"]);
}

// --- Item 11 and 13: base URLs ---------------------------------------------------------------

#[test]
fn ports_out_of_range_are_refused() {
    for bad in [
        "http://h:99999",
        "http://h:-1",
        "http://h:0",
        "http://h:65536",
        "http://h:9200x",
        "http://h:",
    ] {
        assert!(BaseUrl::parse(bad).is_err(), "{bad}");
    }
    for good in [
        "http://h:1",
        "http://h:65535",
        "http://[::1]:9200",
        "http://[::1]",
    ] {
        assert!(BaseUrl::parse(good).is_ok(), "{good}");
    }
}

#[test]
fn user_information_in_a_base_url_is_refused_without_showing_it() {
    for url in [
        "http://user:password@host:9200",
        "https://elastic:p@ss-word@host",
        "http://user@host",
    ] {
        let err = BaseUrl::parse(url).unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(shown.contains("Credentials"), "{shown}");
        for secret in ["password", "ss-word", "user@"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }
    assert_eq!(
        security_core::redact_userinfo("https://a:p@ss@h:1/x@y?q=@"),
        "https://[redacted]@h:1/x@y?q=@"
    );
    assert_eq!(
        security_core::redact_userinfo("https://h/x@y"),
        "https://h/x@y"
    );
}

// --- Item 12: decode errors do not show the body ---------------------------------------------

#[test]
fn a_malformed_answer_carrying_credentials_does_not_leak_through_debug() {
    fn check<E: Endpoint>(body: String) {
        let err = match E::decode(es_response(200, &body)) {
            Err(err) => err,
            Ok(_) => panic!("{body} decoded"),
        };
        assert!(matches!(err, Error::Decode { .. }), "{err:?}");
        let shown = format!("{err} {err:?} {err:#?}");
        assert!(!shown.contains(SECRET), "{shown}");
        assert!(shown.contains("bytes"), "{shown}");
    }
    #[cfg(feature = "api-keys")]
    check::<CreateApiKey>(
        json!({"id": "i", "name": "n", "api_key": SECRET, "encoded": SECRET, "expiration": "soon"})
            .to_string(),
    );
    check::<GetToken>(
        json!({"access_token": SECRET, "type": "Bearer", "expires_in": "x", "refresh_token": SECRET})
            .to_string(),
    );
    // Not even JSON: cut off after the token.
    #[cfg(feature = "service-accounts")]
    check::<CreateServiceToken>(format!(
        r#"{{"created": true, "token": {{"name": "t", "value": "{SECRET}"}}, "extra": [}}"#
    ));
    check::<EnrollNode>(
        json!({"http_ca_key": SECRET, "http_ca_cert": SECRET, "transport_ca_cert": 5}).to_string(),
    );
    check::<EnrollKibana>(
        json!({"token": {"name": "n", "value": SECRET}, "http_ca": 3}).to_string(),
    );
}

// --- Item 14: raw bodies are shown by size ---------------------------------------------------

#[test]
fn debug_of_raw_bodies_shows_their_size_not_their_content() {
    let body = json!({"password": "hunter2-pw", "roles": []});
    let typed = PutUser::new("u").raw_body(body.clone());
    let raw = RawRequest::new(http::Method::POST, "/_security/user/u").body(body.clone());
    for shown in [
        format!("{typed:?}"),
        format!("{raw:?}"),
        format!("{raw:#?}"),
    ] {
        assert!(!shown.contains("hunter2"), "{shown}");
        assert!(shown.contains("bytes of JSON"), "{shown}");
    }
    // The body is still sent as given.
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(build(&typed).body()).unwrap(),
        body
    );
}

// --- Item 15: bounded error messages ---------------------------------------------------------

#[test]
fn long_error_texts_are_cut_keeping_the_head() {
    let huge = "x".repeat(5_000_000);
    // A huge string in a wrong place: the decode message quotes it.
    let body = json!({"access_token": "a", "type": "Bearer", "expires_in": huge}).to_string();
    let err = GetToken::decode(es_response(200, &body)).unwrap_err();
    for shown in [err.to_string(), format!("{err:?}")] {
        assert!(shown.len() < 4_000, "{}", shown.len());
        assert!(
            shown.contains("more bytes cut"),
            "{}",
            &shown[..200.min(shown.len())]
        );
    }

    // Elasticsearch's own error with a huge reason and cause.
    let body = json!({"error": {"type": "illegal_argument_exception", "reason": huge,
                                "root_cause": [{"type": "x", "reason": huge}],
                                "caused_by": {"type": "y", "reason": huge}}, "status": 400})
    .to_string();
    let err = GetUser::decode(es_response(400, &body)).unwrap_err();
    let shown = err.to_string();
    assert!(shown.starts_with("security.get_user answered 400 illegal_argument_exception: xxx"));
    assert!(shown.len() < 4_000, "{}", shown.len());
    assert!(format!("{err:?}").len() < 12_000);

    // An invalid request with a huge reason (a bad path parameter is quoted).
    let err = RawRequest::new(http::Method::GET, format!("no-slash{huge}"))
        .to_http_request(&BaseUrl::parse("http://es").unwrap(), None)
        .unwrap_err();
    assert!(err.to_string().len() < 2_000);

    // A short text is shown whole.
    let err = RawRequest::new(http::Method::GET, "no-slash")
        .to_http_request(&BaseUrl::parse("http://es").unwrap(), None)
        .unwrap_err();
    assert!(!err.to_string().contains("cut"), "{err}");
}

#[test]
fn multi_byte_text_is_cut_at_a_character_boundary() {
    let huge = "é".repeat(3_000);
    let body = json!({"error": {"type": "t", "reason": huge}, "status": 400}).to_string();
    let err = GetUser::decode(es_response(400, &body)).unwrap_err();
    let shown = err.to_string();
    assert!(shown.contains("more bytes cut"), "{shown}");
}

// --- Item 7: creating endpoints are marked as not repeatable ---------------------------------

#[test]
fn requests_carry_whether_they_may_be_sent_again() {
    let mark = |req: http::Request<Vec<u8>>| req.extensions().get::<Repeatable>().copied();
    #[cfg(feature = "api-keys")]
    assert_eq!(mark(build(&CreateApiKey::new())), Some(Repeatable(false)));
    assert_eq!(mark(build(&GetToken::new())), Some(Repeatable(false)));
    assert_eq!(mark(build(&EnrollKibana::new())), Some(Repeatable(false)));
    #[cfg(feature = "service-accounts")]
    assert_eq!(
        mark(build(&CreateServiceToken::new("elastic", "fleet-server"))),
        Some(Repeatable(false))
    );
    #[cfg(feature = "api-keys")]
    assert_eq!(
        mark(build(&CreateApiKey::new().raw())),
        Some(Repeatable(false))
    );
    assert_eq!(mark(build(&PutUser::new("u"))), Some(Repeatable(true)));
    assert_eq!(mark(build(&GetUser::new())), Some(Repeatable(true)));
    // Raw requests: by method, unless said.
    let raw = |m: http::Method| RawRequest::new(m, "/_security/api_key");
    assert_eq!(
        mark(build(&raw(http::Method::POST))),
        Some(Repeatable(false))
    );
    assert_eq!(mark(build(&raw(http::Method::PUT))), Some(Repeatable(true)));
    assert_eq!(
        mark(build(&raw(http::Method::PUT).repeatable(false))),
        Some(Repeatable(false))
    );
    // Every declaration that creates credentials says so; the others do not.
    let creating = [
        "security.get_token",
        "security.create_api_key",
        "security.grant_api_key",
        "security.create_service_token",
        "security.enroll_kibana",
        "security.saml_authenticate",
        "security.oidc_authenticate",
        "security.create_cross_cluster_api_key",
        "security.clone_api_key",
        "security.delegate_pki",
    ];
    for spec in security_core::endpoints() {
        assert_eq!(
            spec.repeatable,
            !creating.contains(&spec.name),
            "{}",
            spec.name
        );
    }
}
