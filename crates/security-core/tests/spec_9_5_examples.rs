//! The documented examples of the 9.5 specification for the 51 endpoints of 8.14: every answer
//! decodes with the typed decoder, and every request example is one the typed-builder tests
//! of the 8.14 data already send JSON-equal.
//!
//! Reads `spec/9.5/examples/` and `spec/8.14/` (part of the repository; a missing file fails).
//! Needs every API-group feature of the 51 (the default features).
#![cfg(all(
    feature = "api-keys",
    feature = "service-accounts",
    feature = "profiles",
    feature = "saml"
))]

mod common;
use common::*;
use std::collections::BTreeSet;
use std::path::Path;

/// The 51 endpoints of 8.14 (`in_51_set` of the 8.14 endpoints.json).
fn the_51() -> BTreeSet<String> {
    let dir = spec_version("8.14");
    let all: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("endpoints.json")).unwrap())
            .unwrap();
    let names: BTreeSet<String> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["in_51_set"] == true)
        .map(|e| e["name"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(names.len(), 51);
    names
}

/// Documented answers filed under another endpoint than the one they show: (file, real endpoint).
const MISFILED: &[(&str, &str)] = &[
    // The `{"metadata": "<md:EntityDescriptor ..."}` answer of the SP metadata endpoint.
    (
        "suggest_user_profiles/examples/response/SuggestUserProfilesResponseExample1.yaml",
        "security.saml_service_provider_metadata",
    ),
];

/// Documented answers that are not JSON, even leniently, and why. The test checks that they
/// still exist and still do not parse, so the list cannot hide a decodable answer.
const NOT_JSON: &[(&str, &str)] = &[(
    "saml_prepare_authentication/examples/response/SAmlPrepareAuthenticationResponseExample1.yaml",
    "the redirect URL carries an unescaped `\"` (the answer is decoded by hand in wire_saml.rs)",
)];

/// The example's JSON, with the documentation's `"""…"""` strings (Kibana console syntax)
/// turned into JSON strings.
fn example_json(raw: &str) -> Result<serde_json::Value, String> {
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(start) = rest.find(r#"""""#) {
        let Some(len) = rest[start + 3..].find(r#"""""#) else {
            break;
        };
        text.push_str(&rest[..start]);
        let inner = &rest[start + 3..start + 3 + len];
        text.push_str(&serde_json::to_string(inner).unwrap());
        rest = &rest[start + 3 + len + 3..];
    }
    text.push_str(rest);
    lenient_json(&text)
}

fn suffix_of(file: &Path) -> String {
    let text = file.to_string_lossy().replace('\\', "/");
    let at = text.find("examples/security/").expect("an example path") + "examples/security/".len();
    text[at..].to_owned()
}

#[test]
fn documented_9_5_answers_of_the_51_decode() {
    let dir = spec_version("9.5");
    let the_51 = the_51();
    let declared = security_core::endpoints();
    let mut decoded = 0;
    let mut not_json = BTreeSet::new();
    let mut failures = Vec::new();
    for name in &the_51 {
        let ep = declared
            .iter()
            .find(|e| e.name == name)
            .unwrap_or_else(|| panic!("{name} is not declared (run with all features)"));
        for kind in ["response", "200_response"] {
            for ex in examples(&dir, ep.name, kind) {
                let suffix = suffix_of(&ex.file);
                let value = match example_json(&ex.raw) {
                    Ok(value) => value,
                    Err(e) => {
                        assert!(
                            NOT_JSON.iter().any(|(f, _)| *f == suffix),
                            "{suffix} is not JSON ({e}) and not listed in NOT_JSON"
                        );
                        not_json.insert(suffix);
                        continue;
                    }
                };
                assert!(
                    !NOT_JSON.iter().any(|(f, _)| *f == suffix),
                    "{suffix} is listed in NOT_JSON but parses: decode it"
                );
                let target = match MISFILED.iter().find(|(f, _)| *f == suffix) {
                    Some((_, owner)) => declared
                        .iter()
                        .find(|e| e.name == *owner)
                        .unwrap_or_else(|| panic!("{owner} is not declared")),
                    None => ep,
                };
                let body = serde_json::to_string(&value).unwrap();
                match (target.decode_check)(es_response(200, &body)) {
                    Ok(()) => decoded += 1,
                    Err(e) => failures.push(format!("{suffix} ({}): {e}", target.name)),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "documented 9.5 answers that do not decode:\n{}",
        failures.join("\n")
    );
    let listed: BTreeSet<String> = NOT_JSON.iter().map(|(f, _)| (*f).to_owned()).collect();
    assert_eq!(not_json, listed, "NOT_JSON lists files that were not met");
    println!("decoded {decoded} documented 9.5 answers of the 51 endpoints");
    // 48 answer files at this spec commit, one of them not JSON: fewer means files went missing.
    assert_eq!(decoded, 47, "documented answers decoded");
}

/// The 9.5 request examples of the 51 are the ones the wire tests send through the typed
/// builders with the 8.14 data (`put_role` reads both folders itself): same files, same JSON.
/// When a newer specification changes one, this test names it, and the wire test of that
/// endpoint must read the 9.5 folder too.
#[test]
fn documented_9_5_requests_of_the_51_are_the_ones_the_wire_tests_send() {
    let new = spec_version("9.5");
    let old = spec_version("8.14");
    let mut compared = 0;
    let mut differences = Vec::new();
    for name in the_51() {
        let old_examples = examples(&old, &name, "request");
        let new_examples = examples(&new, &name, "request");
        let files =
            |v: &[Example]| -> Vec<String> { v.iter().map(|e| suffix_of(&e.file)).collect() };
        if files(&old_examples) != files(&new_examples) {
            differences.push(format!(
                "{name}: 8.14 has {:?}, 9.5 has {:?}",
                files(&old_examples),
                files(&new_examples)
            ));
            continue;
        }
        for (o, n) in old_examples.iter().zip(&new_examples) {
            compared += 1;
            let same = match (example_json(&o.raw), example_json(&n.raw)) {
                (Ok(a), Ok(b)) => a == b,
                _ => o.raw.trim() == n.raw.trim(),
            };
            if !same || o.method_request != n.method_request {
                differences.push(format!("{} differs", suffix_of(&n.file)));
            }
        }
    }
    assert!(
        differences.is_empty(),
        "9.5 request examples that the wire tests do not send yet:\n{}",
        differences.join("\n")
    );
    // 77 request example files at this spec commit: fewer means files went missing.
    assert_eq!(compared, 77, "request examples compared");
}

#[test]
fn the_9_5_authenticate_answers_carry_the_newer_fields() {
    use security_core::types::users::CredentialManagedBy;
    use security_core::users::Authenticate;
    let dir = spec_version("9.5");
    let answers = examples(&dir, "security.authenticate", "response");
    assert_eq!(answers.len(), 3);
    let access = decode::<Authenticate>(&answers[1].raw);
    let token = access.token.unwrap();
    assert_eq!(token.managed_by, Some(CredentialManagedBy::Cloud));
    assert_eq!(token.name, None);
    let service = decode::<Authenticate>(&answers[2].raw);
    let token = service.token.unwrap();
    assert_eq!(token.name.as_deref(), Some("token_abcd1234"));
    assert_eq!(token.token_type.as_deref(), Some("_service_account_index"));
    assert_eq!(token.managed_by, Some(CredentialManagedBy::Elasticsearch));
}

#[test]
fn the_9_5_saml_authenticate_answer_carries_in_response_to() {
    let dir = spec_version("9.5");
    let answers = examples(&dir, "security.saml_authenticate", "response");
    assert_eq!(answers.len(), 1);
    let answer = decode::<security_core::saml::SamlAuthenticate>(&answers[0].raw);
    assert_eq!(
        answer.in_response_to.as_deref(),
        Some("4fee3b046395c4e751011e97f8900b5273d56685")
    );
}

#[test]
fn triple_quoted_strings_become_json_strings() {
    assert_eq!(
        example_json("{\"a\": \"\"\"<x y=\"1\"/>\"\"\", \"b\": 1}").unwrap(),
        serde_json::json!({"a": "<x y=\"1\"/>", "b": 1})
    );
}
