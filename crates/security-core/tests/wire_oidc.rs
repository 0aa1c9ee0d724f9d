//! Wire-exact requests and typed answers of the `oidc` group, against the 9.5 specification
//! and its documented examples.
#![cfg(feature = "oidc")]

mod common;
use common::*;
use security_core::oidc::*;
use security_core::types::oidc::*;
use security_core::{Credentials, Endpoint, ToCredentials};
use serde_json::json;

/// Every common parameter, with a value that needs escaping.
const COMMON_QUERY: &str = "error_trace=true&filter_path=a%20b,c.d&human=true&pretty=true";

trait CommonSetters: Sized {
    fn common_all(self) -> Self;
}

macro_rules! common_setters {
    ($($t:ty),*) => {$(
        impl CommonSetters for $t {
            fn common_all(self) -> Self {
                self.error_trace(true).filter_path(["a b", "c.d"]).human(true).pretty(true)
            }
        }
    )*};
}
common_setters!(OidcPrepareAuthentication, OidcAuthenticate, OidcLogout);

const STATE: &str = "4dbrihtIAt3wBTwo6DxK-vdk-sSyDBV8Yf0AjdkdT5I";
const NONCE: &str = "WaBPH0KqPVdG5HHdSxPRjfoZbXMCicm5v1OiAj0DUFM";
const CALLBACK: &str = "https://oidc-kibana.elastic.co:5603/api/security/oidc/callback?code=jtI3Ntt8v3_XvcLzCFGq&state=4dbrihtIAt3wBTwo6DxK-vdk-sSyDBV8Yf0AjdkdT5I";
const ACCESS: &str = "dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGJ1dCBpdCBpcyBvbmx5IHRlc3QgZGF0YS4gZG8gbm90IHRyeSB0byByZWFkIHRva2VuIQ==";
const REFRESH: &str = "vLBPvmAB6KvwvJZr27cS";

/// The documented examples of an endpoint at 9.5 (`request` or `response`): `METHOD /path` and
/// the JSON value.
fn documented(endpoint: &str, kind: &str) -> Vec<(Option<String>, serde_json::Value)> {
    examples(&spec_version("9.5"), endpoint, kind)
        .into_iter()
        .map(|e| {
            let value = e
                .value
                .unwrap_or_else(|err| panic!("{}: {err}", e.file.display()));
            (e.method_request, value)
        })
        .collect()
}

/// Asserts that a request is the documented one: method, path and JSON body.
#[track_caller]
fn assert_documented(
    req: &http::Request<Vec<u8>>,
    documented: &(Option<String>, serde_json::Value),
) {
    let line = format!(
        "{} {}",
        req.method(),
        req.uri().path_and_query().unwrap().as_str()
    );
    assert_eq!(Some(line), documented.0, "method and path");
    let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(body, documented.1, "body");
}

fn documented_answer<E: Endpoint>() -> E::Response {
    let answers = documented(E::SPEC.name, "response");
    assert_eq!(answers.len(), 1, "{}", E::SPEC.name);
    decode::<E>(&serde_json::to_string(&answers[0].1).unwrap())
}

// ---------------------------------------------------------------- oidc_prepare_authentication

#[test]
fn oidc_prepare_authentication_minimal_and_all_parameters() {
    assert_wire(
        &build(&OidcPrepareAuthentication::new("oidc1")),
        "POST",
        "/_security/oidc/prepare",
        Some(json!({"realm": "oidc1"})),
    );
    assert_wire(
        &build(&OidcPrepareAuthentication::new(OidcRealm::issuer(
            "http://127.0.0.1:8080",
        ))),
        "POST",
        "/_security/oidc/prepare",
        Some(json!({"iss": "http://127.0.0.1:8080"})),
    );
    let req = build(
        &OidcPrepareAuthentication::new("oidc 1/é")
            .state(STATE)
            .nonce(NONCE)
            .common_all(),
    );
    assert_wire(
        &req,
        "POST",
        &format!("/_security/oidc/prepare?{COMMON_QUERY}"),
        Some(json!({"realm": "oidc 1/é", "state": STATE, "nonce": NONCE})),
    );
    assert_body_bytes(
        &req,
        &format!(r#"{{"realm":"oidc 1/é","state":"{STATE}","nonce":"{NONCE}"}}"#),
    );
    let req = build(
        &OidcPrepareAuthentication::new(OidcRealm::issuer_with_login_hint(
            "https://op.example",
            "jack@example.com",
        ))
        .state(STATE)
        .nonce(NONCE),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/oidc/prepare",
        Some(
            json!({"iss": "https://op.example", "login_hint": "jack@example.com",
            "state": STATE, "nonce": NONCE}),
        ),
    );
}

#[test]
fn oidc_prepare_authentication_matches_the_documented_requests() {
    let requests = documented("security.oidc_prepare_authentication", "request");
    assert_eq!(requests.len(), 3);
    assert_documented(
        &build(&OidcPrepareAuthentication::new("oidc1")),
        &requests[0],
    );
    assert_documented(
        &build(
            &OidcPrepareAuthentication::new("oidc1")
                .state("lGYK0EcSLjqH6pkT5EVZjC6eIW5YCGgywj2sxROO")
                .nonce("zOBXLJGUooRrbLbQk5YCcyC8AXw3iloynvluYhZ5"),
        ),
        &requests[1],
    );
    assert_documented(
        &build(&OidcPrepareAuthentication::new(
            OidcRealm::issuer_with_login_hint("http://127.0.0.1:8080", "this_is_an_opaque_string"),
        )),
        &requests[2],
    );
}

#[test]
fn oidc_prepare_authentication_decodes_what_authenticate_needs() {
    let prepared = documented_answer::<OidcPrepareAuthentication>();
    assert_eq!(prepared.state, STATE);
    assert_eq!(prepared.nonce, NONCE);
    assert_eq!(prepared.realm, "oidc1");
    assert!(prepared
        .redirect
        .starts_with("http://127.0.0.1:8080/c2id-login?scope=openid"));
    // The kept values are what oidc_authenticate sends.
    assert_wire(
        &build(&OidcAuthenticate::prepared(CALLBACK, &prepared)),
        "POST",
        "/_security/oidc/authenticate",
        Some(json!({"redirect_uri": CALLBACK, "state": STATE, "nonce": NONCE, "realm": "oidc1"})),
    );
    // Unknown fields are tolerated; the four documented ones are required.
    let _ = decode::<OidcPrepareAuthentication>(
        r#"{"redirect":"r","state":"s","nonce":"n","realm":"x","new_field":1}"#,
    );
    assert!(
        OidcPrepareAuthentication::decode(es_response(200, r#"{"redirect":"r","realm":"x"}"#))
            .is_err()
    );
}

// ---------------------------------------------------------------- oidc_authenticate

#[test]
fn oidc_authenticate_minimal_and_all_parameters() {
    assert_wire(
        &build(&OidcAuthenticate::new(CALLBACK, STATE, NONCE)),
        "POST",
        "/_security/oidc/authenticate",
        Some(json!({"redirect_uri": CALLBACK, "state": STATE, "nonce": NONCE})),
    );
    let req = build(
        &OidcAuthenticate::new(CALLBACK, STATE, NONCE)
            .realm("oidc 1")
            .common_all(),
    );
    assert_wire(
        &req,
        "POST",
        &format!("/_security/oidc/authenticate?{COMMON_QUERY}"),
        Some(json!({"redirect_uri": CALLBACK, "state": STATE, "nonce": NONCE, "realm": "oidc 1"})),
    );
    // The redirect URI is sent exactly as received: not decoded, not re-encoded.
    let encoded = "https://rp.example/cb#id_token=eyJ%2Bx&state=a%20b";
    let req = build(&OidcAuthenticate::new(encoded, "a b", NONCE));
    assert_body_bytes(
        &req,
        &format!(r#"{{"redirect_uri":"{encoded}","state":"a b","nonce":"{NONCE}"}}"#),
    );
}

#[test]
fn oidc_authenticate_matches_the_documented_request() {
    let requests = documented("security.oidc_authenticate", "request");
    assert_eq!(requests.len(), 1);
    assert_documented(
        &build(&OidcAuthenticate::new(CALLBACK, STATE, NONCE).realm("oidc1")),
        &requests[0],
    );
}

#[test]
fn oidc_authenticate_hides_the_callback_url() {
    // The callback URL carries the authorization code (or the ID token).
    let shown = format!("{:?}", OidcAuthenticate::new(CALLBACK, STATE, NONCE));
    assert!(!shown.contains("jtI3Ntt8v3"), "{shown}");
    assert!(shown.contains(STATE), "{shown}");
}

#[test]
fn oidc_authenticate_decodes_and_becomes_bearer_credentials() {
    let tokens = documented_answer::<OidcAuthenticate>();
    assert_eq!(tokens.access_token.expose(), ACCESS);
    assert_eq!(tokens.refresh_token.expose(), REFRESH);
    assert_eq!(tokens.token_type, "Bearer");
    assert_eq!(tokens.expires_in, 1200);

    let credentials = tokens.to_credentials();
    assert_eq!(credentials, Credentials::bearer(ACCESS));
    let req = build_with(&OidcLogout::new("x"), &credentials);
    assert_eq!(req.headers()["authorization"], format!("Bearer {ACCESS}"));
    assert!(req.headers()["authorization"].is_sensitive());

    // Debug shows neither token.
    let shown = format!("{tokens:?} {credentials:?}");
    assert!(
        !shown.contains("dGhpcyBp") && !shown.contains(REFRESH),
        "{shown}"
    );
}

// ---------------------------------------------------------------- oidc_logout

#[test]
fn oidc_logout_minimal_and_all_parameters() {
    assert_wire(
        &build(&OidcLogout::new(ACCESS)),
        "POST",
        "/_security/oidc/logout",
        Some(json!({"token": ACCESS})),
    );
    assert_wire(
        &build(&OidcLogout::new(ACCESS).refresh_token(REFRESH).common_all()),
        "POST",
        &format!("/_security/oidc/logout?{COMMON_QUERY}"),
        Some(json!({"token": ACCESS, "refresh_token": REFRESH})),
    );
    let shown = format!(
        "{:?}",
        OidcLogout::new("s3cr3t-a").refresh_token("s3cr3t-r")
    );
    assert!(!shown.contains("s3cr3t"), "{shown}");
}

#[test]
fn oidc_logout_of_an_authenticated_session_matches_the_documented_request() {
    let requests = documented("security.oidc_logout", "request");
    assert_eq!(requests.len(), 1);
    let session = documented_answer::<OidcAuthenticate>();
    let req = build(&OidcLogout::session(&session));
    assert_documented(&req, &requests[0]);
    assert_body_bytes(
        &req,
        &format!(r#"{{"token":"{ACCESS}","refresh_token":"{REFRESH}"}}"#),
    );
}

#[test]
fn oidc_logout_decodes_with_and_without_an_end_session_endpoint() {
    let answer = documented_answer::<OidcLogout>();
    assert!(answer
        .redirect
        .as_deref()
        .unwrap()
        .starts_with("https://op-provider.org/logout?id_token_hint="));
    // Elasticsearch sends `null` when the Provider has no end-session endpoint.
    assert_eq!(decode::<OidcLogout>(r#"{"redirect":null}"#).redirect, None);
}

#[test]
fn the_group_declares_the_three_endpoints_of_the_specification() {
    let names: Vec<&str> = SPECS.iter().map(|s| s.name).collect();
    assert_eq!(
        names,
        [
            "security.oidc_prepare_authentication",
            "security.oidc_authenticate",
            "security.oidc_logout"
        ]
    );
    for spec in SPECS {
        let short = spec.name.trim_start_matches("security.oidc_");
        let short = if short == "prepare_authentication" {
            "prepare"
        } else {
            short
        };
        assert_eq!(spec.routes, [format!("POST /_security/oidc/{short}")]);
        assert!(spec.query.is_empty());
        assert_eq!(spec.body, security_core::BodyKind::Required);
    }
}

#[test]
fn oidc_authenticate_is_never_sent_twice() {
    // It issues tokens and consumes a single-use authorization code.
    assert!(!<OidcAuthenticate as Endpoint>::SPEC.repeatable);
    let req = build(&OidcAuthenticate::new(CALLBACK, STATE, NONCE));
    assert!(!security_core::Repeatable::of(&req));
}
