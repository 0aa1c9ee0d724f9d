//! Checks every declaration against the 9.5 specification summary (`spec/9.5/endpoints.json`,
//! part of the repository; a missing file fails): exactly the 66 endpoints, their routes and
//! methods, path and query parameters, the first server version of each endpoint and of each
//! newer parameter or body field, and the stability.

mod common;
use common::*;
use security_core::{Stability, Version};
use std::collections::{BTreeMap, BTreeSet};

/// What `endpoints.json` leaves out and the spec's README fills (endpoint versions).
const ENDPOINT_SINCE_FILLS: &[(&str, &str)] = &[
    ("security.create_cross_cluster_api_key", "8.10.0"),
    ("security.update_cross_cluster_api_key", "8.10.0"),
    ("security.get_settings", "8.12.0"),
    ("security.update_settings", "8.12.0"),
];

/// Newer fields that `endpoints.json` does not mark: cross-cluster keys' `certificate_identity`
/// (9.3, the key's own field in the TypeScript), the role
/// `description` (8.15, the spec's README), `global.data_source` (9.5, `GlobalPrivilege` in the
/// TypeScript), and the fields of role descriptors nested in API-key bodies (`RoleDescriptor`:
/// `remote_indices` 8.14, `remote_cluster` 8.15; `restriction` 8.9 and `description` 8.15 from the
/// README), where they are newer than the endpoint.
fn nested_fills() -> BTreeMap<(&'static str, String), &'static str> {
    let role_descriptor = [
        ("remote_indices", "8.14.0"),
        ("remote_cluster", "8.15.0"),
        ("description", "8.15.0"),
        ("global.data_source", "9.5.0"),
        ("restriction", "8.9.0"),
    ];
    let mut fills = BTreeMap::new();
    fills.insert(("security.put_role", "description".to_owned()), "8.15.0");
    fills.insert(
        ("security.put_role", "global.data_source".to_owned()),
        "9.5.0",
    );
    // The request does not annotate it; the key's `certificate_identity` (ApiKey.ts) is 9.3.
    for endpoint in [
        "security.create_cross_cluster_api_key",
        "security.update_cross_cluster_api_key",
    ] {
        fills.insert((endpoint, "certificate_identity".to_owned()), "9.3.0");
    }
    for (endpoint, prefix, since) in [
        ("security.create_api_key", "role_descriptors.*.", "6.7.0"),
        ("security.update_api_key", "role_descriptors.*.", "8.4.0"),
        (
            "security.grant_api_key",
            "api_key.role_descriptors.*.",
            "7.9.0",
        ),
        (
            "security.bulk_update_api_keys",
            "role_descriptors.*.",
            "8.5.0",
        ),
        ("security.bulk_put_role", "roles.*.", "8.15.0"),
    ] {
        let since = Version::parse(since).unwrap();
        for (field, field_since) in role_descriptor {
            if Version::parse(field_since).unwrap() > since {
                fills.insert((endpoint, format!("{prefix}{field}")), field_since);
            }
        }
    }
    fills
}

fn version(v: &serde_json::Value) -> Option<Version> {
    v.as_str()
        .map(|s| Version::parse(s).unwrap_or_else(|e| panic!("{e}")))
}

fn template_params(route: &str) -> impl Iterator<Item = &str> {
    route
        .split('{')
        .skip(1)
        .filter_map(|p| p.split_once('}').map(|(n, _)| n))
}

#[test]
fn all_66_declarations_match_the_9_5_specification() {
    let dir = spec_version("9.5");
    let text = std::fs::read_to_string(dir.join("endpoints.json")).unwrap();
    let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
    let specified: BTreeMap<&str, &serde_json::Value> = summary["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["name"].as_str().unwrap(), e))
        .collect();
    assert_eq!(specified.len(), 66, "the 9.5 summary lists 66 endpoints");

    let declared = security_core::endpoints();
    let names: BTreeSet<&str> = declared.iter().map(|e| e.name).collect();
    assert_eq!(names.len(), declared.len(), "an endpoint is declared twice");
    let missing: Vec<_> = specified.keys().filter(|n| !names.contains(*n)).collect();
    let extra: Vec<_> = names
        .iter()
        .filter(|n| !specified.contains_key(*n))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "not declared: {missing:?}; not in the spec: {extra:?}"
    );
    assert_eq!(declared.len(), 66);

    let fills = nested_fills();
    let mut problems = Vec::new();
    for ep in &declared {
        let spec = specified[ep.name];

        // Routes and methods. Methods compare as sets (`PUT|POST` or `POST|PUT`). A trailing
        // `/` is not part of a route: Elasticsearch's router splits the path on `/` and drops a
        // trailing empty segment, so `/_security/privilege/` (put_privileges in the 8.14
        // rest-api-spec, what the client sends) and `/_security/privilege` (9.5) are one route.
        let route_set = |methods: Vec<&str>, path: &str| {
            let methods: BTreeSet<&str> = methods.into_iter().collect();
            let path = if path.len() > 1 {
                path.trim_end_matches('/')
            } else {
                path
            };
            format!(
                "{} {path}",
                methods.into_iter().collect::<Vec<_>>().join("|")
            )
        };
        let expected: BTreeSet<String> = spec["urls"]
            .as_array()
            .unwrap()
            .iter()
            .map(|u| {
                let methods = u["methods"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|m| m.as_str().unwrap())
                    .collect();
                route_set(methods, u["path"].as_str().unwrap())
            })
            .collect();
        let routes: BTreeSet<String> = ep
            .routes
            .iter()
            .map(|r| {
                let (methods, path) = r.split_once(' ').unwrap();
                route_set(methods.split('|').collect(), path)
            })
            .collect();
        if routes != expected {
            problems.push(format!(
                "{}: routes {routes:?}, the spec {expected:?}",
                ep.name
            ));
        }

        // Path parameters.
        let expected: BTreeSet<&str> = spec["path_parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let path: BTreeSet<&str> = ep.routes.iter().flat_map(|r| template_params(r)).collect();
        if path != expected {
            problems.push(format!(
                "{}: path parameters {path:?}, the spec {expected:?}",
                ep.name
            ));
        }

        // Query parameters.
        let expected: BTreeSet<&str> = spec["query_parameters"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        let query: BTreeSet<&str> = ep.query.iter().copied().collect();
        if query != expected {
            problems.push(format!(
                "{}: query {query:?}, the spec {expected:?}",
                ep.name
            ));
        }

        // The endpoint's first version and stability.
        let availability = &ep.availability;
        let stack = &spec["availability"]["stack"];
        let expected = version(&stack["since"]).or_else(|| {
            ENDPOINT_SINCE_FILLS
                .iter()
                .find(|(n, _)| *n == ep.name)
                .map(|(_, v)| Version::parse(v).unwrap())
        });
        if availability.since != expected {
            problems.push(format!(
                "{}: since {:?}, the spec {expected:?}",
                ep.name, availability.since
            ));
        }
        let expected = match stack["stability"].as_str() {
            Some("experimental") => Stability::Experimental,
            Some("beta") => Stability::Beta,
            Some("stable") | None => Stability::Stable,
            Some(other) => panic!("{}: stability {other}", ep.name),
        };
        if availability.stability != expected {
            problems.push(format!(
                "{}: stability {:?}, the spec {expected:?}",
                ep.name, availability.stability
            ));
        }

        // Newer parameters and body fields: exactly the spec's (with their versions) and the
        // documented fills.
        let mut expected: BTreeMap<String, Version> = BTreeMap::new();
        for list in ["query_parameters", "body_fields"] {
            for p in spec[list].as_array().into_iter().flatten() {
                if let Some(since) = version(&p["since"]) {
                    expected.insert(p["name"].as_str().unwrap().to_owned(), since);
                }
            }
        }
        for ((endpoint, field), since) in &fills {
            if *endpoint == ep.name {
                expected.insert(field.clone(), Version::parse(since).unwrap());
            }
        }
        let params: BTreeMap<String, Version> = availability
            .params
            .iter()
            .map(|p| (p.name.to_owned(), p.since))
            .collect();
        if params != expected {
            problems.push(format!(
                "{}: newer parameters {params:?}, the spec {expected:?}",
                ep.name
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

/// `8.15.0` as the README writes it: `8.15`.
fn short(v: Version) -> String {
    if v.patch == 0 {
        format!("{}.{}", v.major, v.minor)
    } else {
        v.to_string()
    }
}

#[test]
fn the_readme_endpoint_table_is_the_declarations() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("the README is part of the repository");
    let section = readme
        .split("### The 66 endpoints")
        .nth(1)
        .expect("the README has a section `### The 66 endpoints`");
    let section = section.split("\n#").next().unwrap();
    let mut rows: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in section.lines().filter(|l| l.starts_with("| `")) {
        let cells: Vec<String> = line
            .replace("\\|", "\u{0}")
            .split('|')
            .map(|c| c.trim().replace('\u{0}', "|"))
            .collect();
        let method = cells[1].trim_matches('`').to_owned();
        assert!(
            rows.insert(method.clone(), cells[2..cells.len() - 1].to_vec())
                .is_none(),
            "{method} is listed twice"
        );
    }
    let declared = security_core::endpoints();
    assert_eq!(rows.len(), 66, "the table lists 66 endpoints");
    let oldest = Version::OLDEST_SUPPORTED;
    let mut problems = Vec::new();
    for ep in &declared {
        let Some(row) = rows.get(ep.method_name()) else {
            problems.push(format!("{} is not in the table", ep.method_name()));
            continue;
        };
        let routes: Vec<String> = ep
            .routes
            .iter()
            .map(|r| {
                let (methods, path) = r.split_once(' ').unwrap();
                format!("{methods} `{path}`")
            })
            .collect();
        let mut needs = match ep.availability.since {
            Some(v) if v > oldest => format!("{}+", short(v)),
            _ => "any".to_owned(),
        };
        if ep.availability.stability == Stability::Experimental {
            needs.push_str(" (experimental)");
        }
        let mut newer: Vec<String> = ep
            .availability
            .params
            .iter()
            .filter(|p| p.since > oldest && !p.name.contains('*'))
            .map(|p| format!("`{}` {}+", p.name, short(p.since)))
            .collect();
        if ep.availability.params.iter().any(|p| p.name.contains('*')) {
            newer.push("role-descriptor fields¹".to_owned());
        }
        let expected = [routes.join(" · "), needs, newer.join(", ")];
        if row[1..] != expected {
            problems.push(format!(
                "{}: the table says {:?}, the declaration {expected:?}",
                ep.method_name(),
                &row[1..]
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
