//! Checks every declared endpoint against the 8.14 rest-api-spec: routes, methods, query
//! parameters, body, reference page; and decodes every documented answer with the typed decoder.
//!
//! Reads the 8.14 specification data in `spec/8.14/` (part of the repository; a missing file fails).

mod common;
use common::*;
use std::collections::BTreeSet;

fn rest_spec(dir: &std::path::Path, name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(format!("rest-api-spec/{name}.json")))
        .unwrap_or_else(|e| panic!("no rest-api-spec for {name}: {e}"));
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v[name].clone()
}

/// The 51 endpoints of the 8.14 Python client (`in_51_set` of `spec/8.14/endpoints.json`).
fn the_51(dir: &std::path::Path) -> BTreeSet<String> {
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("endpoints.json")).unwrap())
            .unwrap();
    all.as_array()
        .unwrap()
        .iter()
        .filter(|e| e["in_51_set"] == true)
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

/// The endpoints of the 9.5 specification (`spec/9.5/endpoints.json`): those beyond the 51 are
/// checked against it, not against 8.14.
fn endpoints_9_5() -> BTreeSet<String> {
    let dir = spec_version("9.5");
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("endpoints.json")).unwrap())
            .unwrap();
    all["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn declared_endpoints_match_the_rest_api_spec() {
    let dir = spec("declared_endpoints_match_the_rest_api_spec");
    let endpoints = security_core::endpoints();
    assert!(!endpoints.is_empty());
    let the51 = the_51(&dir);
    let mut problems = Vec::new();
    let mut names = BTreeSet::new();
    let newer = newer_endpoints();
    for ep in &endpoints {
        assert!(names.insert(ep.name), "{} declared twice", ep.name);
        if !the51.contains(ep.name) {
            // Newer than the 8.14 client: its reference page and `since` come from 9.5.
            assert!(
                endpoints_9_5().contains(ep.name),
                "{} is in neither the 8.14 nor the 9.5 specification",
                ep.name
            );
            if let Some(spec) = newer.get(ep.name) {
                check_newer(ep, spec, &mut problems);
            }
            continue;
        }
        let spec = rest_spec(&dir, ep.name);

        // Routes: the same set of (methods, path).
        let expected: BTreeSet<String> = spec["url"]["paths"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let methods: Vec<&str> = p["methods"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap())
                    .collect();
                format!("{} {}", methods.join("|"), p["path"].as_str().unwrap())
            })
            .collect();
        let declared: BTreeSet<String> = ep.routes.iter().map(|r| r.to_string()).collect();
        if expected != declared {
            problems.push(format!(
                "{}: routes {declared:?} but the spec has {expected:?}",
                ep.name
            ));
        }

        // Query parameters: exactly the spec's, and those added after 8.14 (checked against the
        // 9.5 data in `newer_query_parameters_are_in_the_9_5_spec`).
        let expected: BTreeSet<&str> = spec["params"]
            .as_object()
            .map(|o| o.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let declared: BTreeSet<&str> = ep
            .query
            .iter()
            .copied()
            .filter(|q| !NEWER_THAN_8_14.contains(&(ep.name, *q)))
            .collect();
        if expected != declared {
            problems.push(format!(
                "{}: query {declared:?} but the spec has {expected:?}",
                ep.name
            ));
        }

        // Body.
        let expected = match spec.get("body") {
            None | Some(serde_json::Value::Null) => security_core::BodyKind::None,
            Some(b) if b["required"] == true => security_core::BodyKind::Required,
            Some(_) => security_core::BodyKind::Optional,
        };
        if expected != ep.body {
            problems.push(format!(
                "{}: body {:?} but the spec has {expected:?}",
                ep.name, ep.body
            ));
        }

        // Reference page: same page as the spec's, pinned to 8.14.
        let page = spec["documentation"]["url"].as_str().unwrap_or("");
        let page = page.rsplit('/').next().unwrap_or("");
        if !ep.doc_url.ends_with(page) || !ep.doc_url.contains("/reference/8.14/") {
            problems.push(format!(
                "{}: doc {} but the spec's page is {page}",
                ep.name, ep.doc_url
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} mismatches:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Query parameters of the 51 endpoints that servers after 8.14 added: (endpoint, parameter).
const NEWER_THAN_8_14: &[(&str, &str)] = &[("security.get_role", "include_implicit")];

#[test]
fn newer_query_parameters_are_in_the_9_5_spec() {
    let dir = spec_version("9.5");
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("endpoints.json")).unwrap())
            .unwrap();
    for (name, param) in NEWER_THAN_8_14 {
        let ep = all["endpoints"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == *name)
            .unwrap_or_else(|| panic!("{name} is not in the 9.5 endpoints.json"));
        assert!(
            ep["query_parameters"]
                .as_array()
                .unwrap()
                .iter()
                .any(|q| q["name"] == *param),
            "{name}: the 9.5 spec has no query parameter {param}"
        );
        let declared = security_core::endpoints()
            .into_iter()
            .find(|e| e.name == *name)
            .unwrap_or_else(|| panic!("{name} is not declared"));
        assert!(
            declared.query.contains(param),
            "{name} does not declare {param}"
        );
    }
}

/// The endpoints of 9.5 beyond the 51 of 8.14, by name, from `spec/9.5/endpoints.json`.
fn newer_endpoints() -> std::collections::BTreeMap<String, serde_json::Value> {
    let dir = spec_version("9.5");
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("endpoints.json")).unwrap())
            .unwrap();
    let the51 = the_51(&spec("newer_endpoints"));
    all["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| !the51.contains(e["name"].as_str().unwrap()))
        .map(|e| (e["name"].as_str().unwrap().to_owned(), e.clone()))
        .collect()
}

/// Checks an endpoint newer than the 51 against 9.5's `endpoints.json`: routes, query
/// parameters, body.
fn check_newer(
    ep: &security_core::EndpointSpec,
    spec: &serde_json::Value,
    problems: &mut Vec<String>,
) {
    let expected: BTreeSet<String> = spec["urls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            let methods: Vec<&str> = u["methods"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m.as_str().unwrap())
                .collect();
            format!("{} {}", methods.join("|"), u["path"].as_str().unwrap())
        })
        .collect();
    let declared: BTreeSet<String> = ep.routes.iter().map(|r| r.to_string()).collect();
    if expected != declared {
        problems.push(format!(
            "{}: routes {declared:?} but 9.5 has {expected:?}",
            ep.name
        ));
    }
    let expected: BTreeSet<&str> = spec["query_parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    let declared: BTreeSet<&str> = ep.query.iter().copied().collect();
    if expected != declared {
        problems.push(format!(
            "{}: query {declared:?} but 9.5 has {expected:?}",
            ep.name
        ));
    }
    let expected = match spec["body"].as_str() {
        Some("required") => security_core::BodyKind::Required,
        Some("optional") => security_core::BodyKind::Optional,
        _ => security_core::BodyKind::None,
    };
    if expected != ep.body {
        problems.push(format!(
            "{}: body {:?} but 9.5 has {expected:?}",
            ep.name, ep.body
        ));
    }
}

#[test]
fn declared_endpoints_are_python_client_methods() {
    let dir = spec("declared_endpoints_are_python_client_methods");
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("endpoints.json")).unwrap())
            .unwrap();
    let the51: BTreeSet<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["in_51_set"] == true)
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(the51.len(), 51);
    let newer = endpoints_9_5();
    let declared: BTreeSet<&str> = security_core::endpoints().iter().map(|e| e.name).collect();
    for name in &declared {
        assert!(
            the51.contains(name) || newer.contains(*name),
            "{name} is neither one of the Python client's 51 methods nor a 9.5 endpoint"
        );
    }
    let missing: Vec<&str> = the51.difference(&declared).copied().collect();
    println!(
        "{} of 51 endpoints declared with these features; not compiled in: {missing:?}",
        declared.len()
    );
    // What may be missing: the endpoints of the features that are off, nothing else.
    let off: Vec<&str> = FEATURE_GROUPS
        .iter()
        .filter(|(_, on, _)| !on)
        .flat_map(|(_, _, names)| names.iter().copied())
        .collect();
    let wrongly_missing: Vec<&str> = missing
        .iter()
        .copied()
        .filter(|m| !off.contains(m))
        .collect();
    assert!(
        wrongly_missing.is_empty(),
        "endpoints missing although their feature is on: {wrongly_missing:?}"
    );
}

/// The endpoints behind each API-group feature: (feature, enabled, endpoints).
const FEATURE_GROUPS: &[(&str, bool, &[&str])] = &[
    (
        "api-keys",
        cfg!(feature = "api-keys"),
        &[
            "security.create_api_key",
            "security.get_api_key",
            "security.query_api_keys",
            "security.grant_api_key",
            "security.invalidate_api_key",
            "security.update_api_key",
            "security.clear_api_key_cache",
        ],
    ),
    (
        "service-accounts",
        cfg!(feature = "service-accounts"),
        &[
            "security.create_service_token",
            "security.delete_service_token",
            "security.get_service_accounts",
            "security.get_service_credentials",
            "security.clear_cached_service_tokens",
        ],
    ),
    (
        "profiles",
        cfg!(feature = "profiles"),
        &[
            "security.activate_user_profile",
            "security.get_user_profile",
            "security.suggest_user_profiles",
            "security.enable_user_profile",
            "security.disable_user_profile",
            "security.update_user_profile_data",
            "security.has_privileges_user_profile",
        ],
    ),
    (
        "saml",
        cfg!(feature = "saml"),
        &[
            "security.saml_prepare_authentication",
            "security.saml_authenticate",
            "security.saml_logout",
            "security.saml_invalidate",
            "security.saml_complete_logout",
            "security.saml_service_provider_metadata",
        ],
    ),
];

/// Documented answers filed under another endpoint than the one they show: (file, real endpoint).
const MISFILED: &[(&str, &str)] = &[
    // `{"created": true, "token": {…}}` of create_service_token.
    (
        "create_cross_cluster_api_key/examples/response/CreateCrossClusterApiKeyResponseExample1.yaml",
        "security.create_service_token",
    ),
    // `{"acknowledged": true}` of `POST /_security/profile/<uid>/_data`.
    (
        "saml_service_provider_metadata/examples/response/SamlServiceProviderMetadataResponseExample1.yaml",
        "security.update_user_profile_data",
    ),
    // The `{"metadata": "<md:EntityDescriptor ..."}` answer of the SP metadata endpoint.
    (
        "suggest_user_profiles/examples/response/SuggestUserProfilesResponseExample1.yaml",
        "security.saml_service_provider_metadata",
    ),
];

#[test]
fn documented_answers_decode() {
    let dir = spec("documented_answers_decode");
    let mut decoded = 0;
    let mut failures = Vec::new();
    for ep in security_core::endpoints() {
        for kind in ["response", "200_response"] {
            for ex in examples(&dir, ep.name, kind) {
                let Ok(value) = &ex.value else {
                    // A documentation artefact that is not JSON even leniently (the spec README lists them).
                    eprintln!(
                        "note: {} is not JSON: {:?}",
                        ex.file.display(),
                        ex.value.as_ref().err()
                    );
                    continue;
                };
                // Some 8.19 examples are filed under the wrong endpoint: decode them with the
                // endpoint whose answer they show.
                let file = ex.file.to_string_lossy();
                let target = MISFILED
                    .iter()
                    .find(|(suffix, _)| file.ends_with(suffix))
                    .map_or(Some(ep), |(_, owner)| {
                        security_core::endpoints()
                            .into_iter()
                            .find(|e| e.name == *owner)
                    });
                let Some(target) = target else { continue };
                let body = serde_json::to_vec(value).unwrap();
                let response = es_response(200, std::str::from_utf8(&body).unwrap());
                match (target.decode_check)(response) {
                    Ok(()) => decoded += 1,
                    Err(e) => failures.push(format!("{}: {e}", ex.file.display())),
                }
            }
        }
    }
    println!("decoded {decoded} documented answers");
    assert!(
        failures.is_empty(),
        "documented answers that do not decode:\n{}",
        failures.join("\n")
    );
    assert!(decoded > 0);
}
