//! Elastic Cloud Serverless: the serverless media types and API-version header on every public
//! endpoint, every declaration's serverless availability against the 9.5 specification, and
//! calls a serverless project does not take refused before sending.
// These tests use API-key endpoints: they run with the default features (the full test step).
#![cfg(all(feature = "api-keys", feature = "service-accounts"))]

mod common;
use common::*;
use security_core::api_keys::{
    CreateApiKey, GetApiKey, InvalidateApiKey, QueryApiKeys, UpdateApiKey,
};
use security_core::privileges::{GetBuiltinPrivileges, HasPrivileges};
use security_core::roles::{DeleteRole, GetRole, PutRole, QueryRole};
use security_core::service_accounts::{CreateServiceToken, DeleteServiceToken};
use security_core::tokens::GetToken;
use security_core::users::{Authenticate, GetUser, PutUser};
use security_core::{
    endpoints, BaseUrl, Endpoint, Error, NotOnServerless, RequestParts, ServerTarget, Serverless,
};
use serde_json::json;
use std::collections::BTreeMap;

fn base() -> BaseUrl {
    BaseUrl::parse(BASE).unwrap()
}

#[track_caller]
fn not_on_serverless(result: Result<impl std::fmt::Debug, Error>) -> NotOnServerless {
    match result {
        Err(Error::NotOnServerless(e)) => *e,
        other => panic!("expected NotOnServerless, got {other:?}"),
    }
}

/// Builds the request for the stack and for serverless: the same method, URL and body; on
/// serverless `Accept` (and `Content-Type` with a body) are `application/json` and
/// `Elastic-Api-Version: 2023-10-31` is sent.
#[track_caller]
fn assert_serverless_wire<E: Endpoint>(request: &E) -> &'static str {
    let stack = request.to_http_request(&base(), None).unwrap();
    let serverless = request
        .to_http_request_for(&base(), None, &ServerTarget::serverless())
        .unwrap();
    let name = E::SPEC.name;
    assert_eq!(serverless.method(), stack.method(), "{name}");
    assert_eq!(serverless.uri(), stack.uri(), "{name}");
    assert_eq!(serverless.body(), stack.body(), "{name}");
    let headers = serverless.headers();
    assert_eq!(headers["accept"], "application/json", "{name}");
    assert_eq!(headers["elastic-api-version"], "2023-10-31", "{name}");
    assert_eq!(headers.get_all("elastic-api-version").iter().count(), 1);
    match headers.get("content-type") {
        Some(ct) => {
            assert!(!serverless.body().is_empty(), "{name}");
            assert_eq!(ct, "application/json", "{name}");
        }
        None => assert!(serverless.body().is_empty(), "{name}"),
    }
    for (_, value) in headers {
        assert!(
            !value.to_str().unwrap().contains("compatible-with"),
            "{name}: {value:?}"
        );
    }
    // The stack target sends no API version.
    assert!(
        stack.headers().get("elastic-api-version").is_none(),
        "{name}"
    );
    name
}

#[test]
fn every_public_endpoint_sends_the_serverless_headers() {
    let role = || {
        serde_json::from_value(json!({
            "cluster": ["monitor"],
            "indices": [{"names": ["logs-*"], "privileges": ["read"]}]
        }))
        .unwrap()
    };
    let mut sent: Vec<&str> = vec![
        assert_serverless_wire(&Authenticate::new()),
        assert_serverless_wire(
            &CreateApiKey::new()
                .name("k")
                .role_descriptors(BTreeMap::from([("r".to_owned(), role())])),
        ),
        assert_serverless_wire(&GetApiKey::new().name("k").active_only(true)),
        assert_serverless_wire(&QueryApiKeys::new().with_limited_by(true).size(10u32)),
        assert_serverless_wire(&UpdateApiKey::new("VuaCfGcBCdbkQm-e5aOx").expiration("1d")),
        assert_serverless_wire(&InvalidateApiKey::new().ids(["VuaCfGcBCdbkQm-e5aOx"])),
        assert_serverless_wire(&PutRole::new("analyst").cluster(["monitor"])),
        assert_serverless_wire(&GetRole::new().name("analyst")),
        assert_serverless_wire(&DeleteRole::new("analyst")),
        assert_serverless_wire(&QueryRole::new().size(5u32)),
        assert_serverless_wire(&CreateServiceToken::new("elastic", "fleet-server").name("t")),
        assert_serverless_wire(&DeleteServiceToken::new("elastic", "fleet-server", "t")),
        assert_serverless_wire(&HasPrivileges::new().cluster(["monitor"])),
        assert_serverless_wire(&GetBuiltinPrivileges::new()),
    ];
    sent.sort_unstable();
    let mut public: Vec<&str> = endpoints()
        .into_iter()
        .filter(|e| e.availability.serverless == Serverless::Public)
        .map(|e| e.name)
        .collect();
    public.sort_unstable();
    assert_eq!(sent, public, "one wire test per public endpoint");
    assert_eq!(public.len(), 14);
}

/// `availability.serverless` of spec/9.5/endpoints.json: absent = not available, else its
/// visibility.
fn spec_serverless() -> BTreeMap<String, Serverless> {
    let path = spec_version("9.5").join("endpoints.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let spec: serde_json::Value = serde_json::from_str(&text).unwrap();
    spec["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let visibility = match e["availability"]["serverless"]["visibility"].as_str() {
                None => Serverless::NotAvailable,
                Some("public") => Serverless::Public,
                Some("private") => Serverless::Private,
                Some(other) => panic!("visibility {other}"),
            };
            (e["name"].as_str().unwrap().to_owned(), visibility)
        })
        .collect()
}

#[test]
fn every_declaration_carries_the_specification_serverless_availability() {
    let spec = spec_serverless();
    assert_eq!(spec.len(), 66);
    let declared: BTreeMap<String, Serverless> = endpoints()
        .into_iter()
        .map(|e| (e.name.to_owned(), e.availability.serverless))
        .collect();
    for (name, serverless) in &declared {
        assert_eq!(Some(serverless), spec.get(name), "{name}");
    }
    // What is not declared (yet) cannot be sent by the typed API; it must not be one that
    // serverless projects offer.
    for (name, serverless) in &spec {
        if !declared.contains_key(name) {
            assert_eq!(
                *serverless,
                Serverless::NotAvailable,
                "{name} is not declared"
            );
        }
    }
    let count = |v: Serverless| spec.values().filter(|s| **s == v).count();
    assert_eq!(count(Serverless::Public), 14);
    assert_eq!(count(Serverless::Private), 35);
    assert_eq!(count(Serverless::NotAvailable), 17);
}

fn parts_of(spec: &security_core::EndpointSpec) -> RequestParts {
    let (method, path) = spec.routes[0].split_once(' ').unwrap();
    RequestParts {
        method: method.split('|').next().unwrap().parse().unwrap(),
        path: path.to_owned(),
        query: String::new(),
        body: None,
    }
}

#[test]
fn unavailable_and_private_endpoints_are_refused_on_serverless() {
    let serverless = ServerTarget::serverless();
    let internal = ServerTarget::serverless().elastic_internal(true);
    let (mut unavailable, mut private) = (0, 0);
    for spec in endpoints() {
        let parts = parts_of(spec);
        let outcome = serverless.check(spec, &parts);
        match spec.availability.serverless {
            Serverless::Public => {
                assert!(outcome.is_ok(), "{}: {outcome:?}", spec.name);
                assert!(internal.check(spec, &parts).is_ok());
            }
            Serverless::Private => {
                private += 1;
                let e = not_on_serverless(outcome);
                assert_eq!(
                    (e.endpoint, e.parameter, e.private),
                    (spec.name, None, true)
                );
                assert_eq!(
                    e.to_string(),
                    format!(
                        "{} is private to Elastic on serverless (Elastic-internal); opt in with \
                         `elastic_internal(true)` on the request or the client to send it \
                         (nothing was sent)",
                        spec.name
                    )
                );
                // Sent after the opt-in.
                assert!(internal.check(spec, &parts).is_ok(), "{}", spec.name);
            }
            Serverless::NotAvailable => {
                unavailable += 1;
                for target in [serverless, internal] {
                    let e = not_on_serverless(target.check(spec, &parts));
                    assert_eq!(
                        (e.endpoint, e.parameter, e.private),
                        (spec.name, None, false)
                    );
                    assert_eq!(
                        e.to_string(),
                        format!(
                            "{} is not available on serverless (Elastic Cloud Serverless) \
                             (nothing was sent)",
                            spec.name
                        )
                    );
                }
            }
        }
        // The stack checks none of it.
        assert!(ServerTarget::stack().check(spec, &parts).is_ok());
    }
    let spec = spec_serverless();
    let declared_unavailable = spec
        .iter()
        .filter(|(name, s)| {
            **s == Serverless::NotAvailable && endpoints().iter().any(|e| e.name == name.as_str())
        })
        .count();
    assert_eq!((unavailable, private), (declared_unavailable, 35));
    assert!(unavailable >= 14);
}

#[test]
fn typed_requests_are_refused_before_building_and_private_ones_opt_in_per_request() {
    let serverless = ServerTarget::serverless();
    let e =
        not_on_serverless(PutUser::new("jacknich").to_http_request_for(&base(), None, &serverless));
    assert_eq!(e.endpoint, "security.put_user");
    assert!(!e.private);
    let e = not_on_serverless(GetUser::new().elastic_internal(true).to_http_request_for(
        &base(),
        None,
        &serverless,
    ));
    assert!(
        !e.private,
        "the opt-in does not make an absent endpoint exist"
    );

    let e = not_on_serverless(GetToken::new().to_http_request_for(&base(), None, &serverless));
    assert_eq!((e.endpoint, e.private), ("security.get_token", true));
    let request = GetToken::new()
        .elastic_internal(true)
        .to_http_request_for(&base(), None, &serverless)
        .unwrap();
    assert_eq!(request.headers()["elastic-api-version"], "2023-10-31");
    // A raw request is the caller's own: never checked.
    let raw = security_core::RawRequest::new(http::Method::GET, "/_security/user")
        .to_http_request_for(&base(), None, &serverless)
        .unwrap();
    assert_eq!(raw.headers()["accept"], "application/json");
}

#[test]
fn stack_only_role_fields_are_refused_on_serverless() {
    let serverless = ServerTarget::serverless();
    let global = PutRole::new("r")
        .raw_body(json!({"global": {"application": {"manage": {"applications": ["a"]}}}}));
    let e = not_on_serverless(global.to_http_request_for(&base(), None, &serverless));
    assert_eq!(
        (e.endpoint, e.parameter),
        ("security.put_role", Some("global"))
    );
    assert_eq!(
        e.to_string(),
        "`global` of security.put_role is not available on serverless (Elastic Cloud Serverless) \
         (nothing was sent)"
    );
    let restricted = PutRole::new("r").raw_body(json!({
        "indices": [{"names": ["a"], "privileges": ["read"], "allow_restricted_indices": true}]
    }));
    let e = not_on_serverless(restricted.to_http_request_for(&base(), None, &serverless));
    assert_eq!(e.parameter, Some("indices.allow_restricted_indices"));
    let key = CreateApiKey::new().raw_body(json!({
        "name": "k", "role_descriptors": {"r": {"remote_cluster": [{"clusters": ["c"], "privileges": ["monitor_enrich"]}]}}
    }));
    let e = not_on_serverless(key.to_http_request_for(&base(), None, &serverless));
    assert_eq!(
        (e.endpoint, e.parameter),
        (
            "security.create_api_key",
            Some("role_descriptors.*.remote_cluster")
        )
    );
    // The same requests go to the stack, and a plain role goes to serverless.
    assert!(global.to_http_request(&base(), None).is_ok());
    assert!(PutRole::new("r")
        .raw_body(json!({"indices": [{"names": ["a"], "privileges": ["read"], "allow_restricted_indices": null}]}))
        .to_http_request_for(&base(), None, &serverless)
        .is_ok());
}

/// The README's table of every declared endpoint: stack since-version and stability, and
/// serverless availability, from the declarations.
fn availability_table() -> String {
    let mut specs = endpoints();
    specs.sort_by_key(|s| s.name);
    let mut table = String::from(
        "| endpoint | stack: since | stack: stability | serverless |\n|---|---|---|---|\n",
    );
    for spec in specs {
        let a = &spec.availability;
        let since = a
            .since
            .map_or("every version".to_owned(), |v| v.to_string());
        let stability = match a.stability {
            security_core::Stability::Stable => "stable",
            security_core::Stability::Beta => "beta",
            security_core::Stability::Experimental => "experimental",
        };
        let serverless = match a.serverless {
            Serverless::Public => "public",
            Serverless::Private => "private (Elastic-internal, opt-in)",
            Serverless::NotAvailable => "not available",
        };
        let name = spec.name.trim_start_matches("security.");
        table.push_str(&format!(
            "| `{name}` | {since} | {stability} | {serverless} |\n"
        ));
    }
    table
}

#[test]
fn the_readme_table_shows_every_endpoint_stack_and_serverless_availability() {
    let readme_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md");
    let readme = std::fs::read_to_string(&readme_path).unwrap();
    let table = availability_table();
    assert!(
        readme.contains(&table),
        "the README's availability table differs from the declarations; expected:\n{table}"
    );
    assert_eq!(table.lines().count(), 2 + endpoints().len());
}
