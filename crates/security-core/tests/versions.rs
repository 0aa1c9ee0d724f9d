//! Server versions in request building and answer reading: the `compatible-with` media types,
//! calls refused before sending when the server's version is known, and refusals of a server of
//! unknown version turned into the same typed error.
// These tests use API-key endpoints: they run with the default features (the full test step).
#![cfg(feature = "api-keys")]

mod common;
use common::*;
use security_core::api_keys::{CreateApiKey, GetApiKey, UpdateApiKey};
use security_core::roles::PutRole;
use security_core::users::{GetUser, PutUser};
use security_core::{BaseUrl, Endpoint, Error, NeedsNewerServer, ServerTarget, Version};
use serde_json::json;

fn base() -> BaseUrl {
    BaseUrl::parse(BASE).unwrap()
}

fn on(version: &str) -> ServerTarget {
    ServerTarget::stack().with_version(Version::parse(version).unwrap())
}

#[track_caller]
fn needs_newer(result: Result<impl std::fmt::Debug, Error>) -> NeedsNewerServer {
    match result {
        Err(Error::NeedsNewerServer(e)) => *e,
        other => panic!("expected NeedsNewerServer, got {other:?}"),
    }
}

#[test]
fn compatible_with_follows_the_target_in_accept_and_content_type() {
    let nine = ServerTarget::stack().compatible_with(9);
    let request = PutUser::new("jacknich")
        .password("l0ng-r4nd0m-p@ssw0rd")
        .to_http_request_for(&base(), None, &nine)
        .unwrap();
    let media = "application/vnd.elasticsearch+json; compatible-with=9";
    assert_eq!(request.headers()["accept"], media);
    assert_eq!(request.headers()["content-type"], media);

    // The default is 8, for 8.x and 9.x servers alike.
    let request = GetUser::new().to_http_request(&base(), None).unwrap();
    assert_eq!(
        request.headers()["accept"],
        "application/vnd.elasticsearch+json; compatible-with=8"
    );
    assert!(request.headers().get("content-type").is_none());
}

#[test]
fn an_endpoint_newer_than_the_known_server_is_refused_before_sending() {
    let e = needs_newer(
        UpdateApiKey::new("VuaCfGcBCdbkQm-e5aOx").to_http_request_for(&base(), None, &on("8.3.3")),
    );
    assert_eq!(e.endpoint, "security.update_api_key");
    assert_eq!(e.parameter, None);
    assert_eq!(e.since, Version::new(8, 4, 0));
    assert_eq!(e.server, Some(Version::new(8, 3, 3)));
    assert!(e.refusal.is_none());
    assert_eq!(
        e.to_string(),
        "security.update_api_key needs Elasticsearch 8.4.0 or newer; the cluster runs 8.3.3 (nothing was sent)"
    );
    // The same server version or newer: built.
    for version in ["8.4.0", "8.14.3", "9.5.0"] {
        UpdateApiKey::new("VuaCfGcBCdbkQm-e5aOx")
            .to_http_request_for(&base(), None, &on(version))
            .unwrap();
    }
}

#[test]
fn a_set_query_parameter_newer_than_the_known_server_is_refused() {
    let request = GetApiKey::new().name("my-key").active_only(true);
    let e = needs_newer(request.to_http_request_for(&base(), None, &on("8.9.1")));
    assert_eq!(e.endpoint, "security.get_api_key");
    assert_eq!(e.parameter, Some("active_only"));
    assert_eq!(e.since, Version::new(8, 10, 0));
    assert_eq!(
        e.to_string(),
        "`active_only` of security.get_api_key needs Elasticsearch 8.10.0 or newer; the cluster runs 8.9.1 (nothing was sent)"
    );
    request
        .to_http_request_for(&base(), None, &on("8.10.0"))
        .unwrap();
    // Not set: the same endpoint is fine on the older server.
    GetApiKey::new()
        .name("my-key")
        .to_http_request_for(&base(), None, &on("8.9.1"))
        .unwrap();
}

#[test]
fn a_set_body_field_newer_than_the_known_server_is_refused() {
    let role = PutRole::new("analyst")
        .cluster(["monitor"])
        .description("reads");
    let e = needs_newer(role.to_http_request_for(&base(), None, &on("8.14.3")));
    assert_eq!(e.parameter, Some("description"));
    assert_eq!(e.since, Version::new(8, 15, 0));
    role.to_http_request_for(&base(), None, &on("8.15.0"))
        .unwrap();
    PutRole::new("analyst")
        .cluster(["monitor"])
        .to_http_request_for(&base(), None, &on("8.14.3"))
        .unwrap();

    // Nested: a role descriptor of an API key, and global data-source privileges (9.5).
    let key = CreateApiKey::new().raw_body(json!({
        "name": "k",
        "role_descriptors": {
            "a": {"cluster": ["monitor"]},
            "b": {"remote_cluster": [{"privileges": ["monitor_enrich"], "clusters": ["c1"]}]}
        }
    }));
    let e = needs_newer(key.to_http_request_for(&base(), None, &on("8.14.3")));
    assert_eq!(e.parameter, Some("role_descriptors.*.remote_cluster"));
    assert_eq!(e.since, Version::new(8, 15, 0));
    let global = PutRole::new("r").raw_body(json!({
        "global": {"application": {"manage": {"applications": ["app"]}}, "data_source": []}
    }));
    let e = needs_newer(global.to_http_request_for(&base(), None, &on("9.4.0")));
    assert_eq!(e.parameter, Some("global.data_source"));
    global
        .to_http_request_for(&base(), None, &on("9.5.0"))
        .unwrap();
}

#[test]
fn nothing_is_checked_when_the_version_is_not_known() {
    GetApiKey::new()
        .active_only(true)
        .to_http_request_for(&base(), None, &ServerTarget::stack())
        .unwrap();
}

fn refusal(status: u16, body: serde_json::Value) -> http::Response<Vec<u8>> {
    es_response(status, &body.to_string())
}

#[test]
fn an_unknown_route_of_a_server_of_unknown_version_says_what_the_endpoint_needs() {
    let answer = || {
        refusal(
            400,
            json!({"error": "no handler found for uri [/_security/api_key/VuaCfGcBCdbkQm-e5aOx] and method [PUT]"}),
        )
    };
    let e = needs_newer(UpdateApiKey::decode_for(&ServerTarget::stack(), answer()));
    assert_eq!(e.endpoint, "security.update_api_key");
    assert_eq!(e.parameter, None);
    assert_eq!(e.since, Version::new(8, 4, 0));
    assert_eq!(e.server, None);
    let kept = e.refusal.as_ref().expect("the refusal is kept");
    assert_eq!(kept.status, 400);
    assert!(e.to_string().starts_with(
        "security.update_api_key needs Elasticsearch 8.4.0 or newer; the server refused it: 400 no handler found for uri"
    ), "{e}");
    let err = UpdateApiKey::decode_for(&ServerTarget::stack(), answer()).unwrap_err();
    assert_eq!(
        err.status(),
        Some(400),
        "the refusal's status stays reachable"
    );
    assert!(err.api().is_some());

    // 405 on a path that exists with other methods (bulk role endpoints on 8.14, e.g.).
    let answer = refusal(
        405,
        json!({"error": "Incorrect HTTP method for uri [/_security/api_key/x] and method [PUT], allowed: [GET]", "status": 405}),
    );
    let e = needs_newer(UpdateApiKey::decode_for(&ServerTarget::stack(), answer));
    assert_eq!(e.since, Version::new(8, 4, 0));
}

#[test]
fn an_unrecognized_parameter_says_what_it_needs() {
    let answer = refusal(
        400,
        json!({"error": {
            "root_cause": [{"type": "illegal_argument_exception",
                "reason": "request [/_security/api_key] contains unrecognized parameter: [active_only] -> did you mean [owner]?"}],
            "type": "illegal_argument_exception",
            "reason": "request [/_security/api_key] contains unrecognized parameter: [active_only] -> did you mean [owner]?"
        }, "status": 400}),
    );
    let e = needs_newer(GetApiKey::decode_for(&ServerTarget::stack(), answer));
    assert_eq!(e.parameter, Some("active_only"));
    assert_eq!(e.since, Version::new(8, 10, 0));

    // Several, the newer one after another one.
    let answer = refusal(
        400,
        json!({"error": {"type": "illegal_argument_exception",
            "reason": "request [/_security/api_key] contains unrecognized parameters: [bogus], [with_profile_uid]"},
            "status": 400}),
    );
    let e = needs_newer(GetApiKey::decode_for(&ServerTarget::stack(), answer));
    assert_eq!(e.parameter, Some("with_profile_uid"));
    assert_eq!(e.since, Version::new(8, 14, 0));
}

#[test]
fn an_unknown_body_field_says_what_it_needs() {
    let answer = refusal(
        400,
        json!({"error": {"type": "parse_exception",
            "reason": "failed to parse role [analyst]. unexpected field [description]"}, "status": 400}),
    );
    let e = needs_newer(PutRole::decode_for(&ServerTarget::stack(), answer));
    assert_eq!(e.parameter, Some("description"));
    assert_eq!(e.since, Version::new(8, 15, 0));
}

#[test]
fn other_refusals_stay_what_they_are() {
    // A route every supported server has: not a version matter (a proxy, a typo'd base path).
    let answer = || {
        refusal(
            400,
            json!({"error": "no handler found for uri [/_security/user] and method [GET]"}),
        )
    };
    assert!(matches!(
        GetUser::decode_for(&ServerTarget::stack(), answer()),
        Err(Error::Api(_))
    ));
    // A version that is known: the call passed the check, the refusal is something else.
    assert!(matches!(
        UpdateApiKey::decode_for(&on("9.5.0"), answer()),
        Err(Error::Api(_))
    ));
    // An unrecognized parameter that is not newer than the endpoint.
    let answer = refusal(
        400,
        json!({"error": {"type": "illegal_argument_exception",
            "reason": "request [/_security/api_key] contains unrecognized parameter: [owner]"}, "status": 400}),
    );
    assert!(matches!(
        GetApiKey::decode_for(&ServerTarget::stack(), answer),
        Err(Error::Api(_))
    ));
    // A 404 of a missing object.
    let answer = refusal(404, json!({"found": false}));
    assert!(matches!(
        UpdateApiKey::decode_for(&ServerTarget::stack(), answer),
        Err(Error::Api(_))
    ));
}

#[test]
fn every_declaration_carries_valid_versions() {
    for spec in security_core::endpoints() {
        let availability = &spec.availability;
        for param in availability.params {
            if let Some(since) = availability.since {
                assert!(
                    param.since > since,
                    "{}: `{}` is not newer than its endpoint",
                    spec.name,
                    param.name
                );
            }
            let top = param.name.split('.').next().unwrap();
            assert!(
                !param.name.contains('.') || !spec.query.contains(&top),
                "{}: nested `{}` under a query parameter",
                spec.name,
                param.name
            );
        }
    }
}
