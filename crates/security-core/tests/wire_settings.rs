//! Wire-exact requests and typed answers of the `settings` group: `get_settings`,
//! `update_settings`, `get_stats`, from the 9.5 specification data the repository carries.

mod common;
use common::*;
use security_core::settings::*;
use security_core::types::settings::*;
use security_core::Endpoint;

const ALL_COMMON: &str = "error_trace=true&filter_path=a.b,c%20d&human=true&pretty=true";

fn method_request(req: &http::Request<Vec<u8>>) -> String {
    format!(
        "{} {}",
        req.method(),
        req.uri().path_and_query().unwrap().as_str()
    )
}

// ---------------------------------------------------------------- get_settings

#[test]
fn get_settings_minimal_and_all_parameters() {
    let req = build(&GetSettings::new());
    assert_wire(&req, "GET", "/_security/settings", None);
    let req = build(
        &GetSettings::new()
            .master_timeout("30 s&x")
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "GET",
        &format!("/_security/settings?master_timeout=30%20s%26x&{ALL_COMMON}"),
        None,
    );
}

#[test]
fn get_settings_documented_request() {
    let dir = spec_version("9.5");
    let examples = examples(&dir, "security.get_settings", "request");
    assert_eq!(examples.len(), 1);
    let req = build(&GetSettings::new());
    assert_eq!(Some(method_request(&req)), examples[0].method_request);
}

#[test]
fn get_settings_decodes() {
    let settings = decode::<GetSettings>(
        r#"{"security":{"index":{"auto_expand_replicas":"0-1","number_of_replicas":"1","refresh_interval":"1s"}},
        "security-profile":{},"security-tokens":{"index":{"auto_expand_replicas":null}}}"#,
    );
    let index = settings.security.index.unwrap();
    assert_eq!(index.auto_expand_replicas, Some(Some("0-1".to_owned())));
    assert_eq!(index.number_of_replicas.unwrap().as_str(), Some("1"));
    assert_eq!(index.other["refresh_interval"], "1s");
    assert_eq!(settings.security_profile.index, None);
    assert_eq!(
        settings.security_tokens.index.unwrap().auto_expand_replicas,
        Some(None)
    );
    // The three indices are required in the answer.
    let err = GetSettings::decode(es_response(200, r#"{"security":{}}"#)).unwrap_err();
    assert!(err.to_string().contains("security-profile"), "{err}");
}

// ---------------------------------------------------------------- update_settings

#[test]
fn update_settings_minimal_and_all_parameters() {
    let req = build(&UpdateSettings::new());
    assert_wire(
        &req,
        "PUT",
        "/_security/settings",
        Some(serde_json::json!({})),
    );
    let req = build(
        &UpdateSettings::new()
            .security(SecuritySettings::number_of_replicas(2))
            .security_profile(SecuritySettings::auto_expand_replicas("0-1"))
            .security_tokens(SecuritySettings {
                index: Some(SecurityIndexSettings {
                    auto_expand_replicas: Some(None),
                    ..Default::default()
                }),
            })
            .master_timeout("1m")
            .timeout("30 s/ü")
            .request_timeout(std::time::Duration::from_secs(3))
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    // `timeout` is Elasticsearch's query parameter; `request_timeout` the transport's limit.
    assert_wire(
        &req,
        "PUT",
        &format!("/_security/settings?master_timeout=1m&timeout=30%20s%2F%C3%BC&{ALL_COMMON}"),
        Some(serde_json::json!({
            "security": {"index": {"number_of_replicas": 2}},
            "security-profile": {"index": {"auto_expand_replicas": "0-1"}},
            "security-tokens": {"index": {"auto_expand_replicas": null}}
        })),
    );
    assert_eq!(
        req.extensions().get::<security_core::RequestTimeout>(),
        Some(&security_core::RequestTimeout(
            std::time::Duration::from_secs(3)
        ))
    );
}

#[test]
fn update_settings_documented_request_and_answer() {
    let dir = spec_version("9.5");
    let examples = examples(&dir, "security.update_settings", "request");
    assert_eq!(examples.len(), 1);
    let req = build(
        &UpdateSettings::new()
            .security(SecuritySettings::auto_expand_replicas("0-all"))
            .security_tokens(SecuritySettings::auto_expand_replicas("0-all"))
            .security_profile(SecuritySettings::auto_expand_replicas("0-all")),
    );
    assert_eq!(Some(method_request(&req)), examples[0].method_request);
    assert_eq!(
        &serde_json::from_slice::<serde_json::Value>(req.body()).unwrap(),
        examples[0].value.as_ref().unwrap()
    );
    assert!(decode::<UpdateSettings>(r#"{"acknowledged":true}"#).acknowledged);
}

// ---------------------------------------------------------------- get_stats

#[test]
fn get_stats_minimal_and_all_parameters() {
    let req = build(&GetStats::new());
    assert_wire(&req, "GET", "/_security/stats", None);
    let req = build(
        &GetStats::new()
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(&req, "GET", &format!("/_security/stats?{ALL_COMMON}"), None);
}

#[test]
fn get_stats_documented_answer() {
    let dir = spec_version("9.5");
    let answers = examples(&dir, "security.get_stats", "200_response");
    assert_eq!(answers.len(), 1);
    let stats = decode::<GetStats>(&answers[0].raw);
    let cache = &stats.nodes["CLeCBfYETO2mQ1R2Il5-SA"]
        .roles
        .dls
        .bit_set_cache;
    assert_eq!(
        (cache.count, cache.memory_in_bytes, cache.hits),
        (1, 16, 212)
    );
    assert_eq!(cache.memory.as_deref(), Some("16b"));
    assert_eq!(
        (
            cache.misses,
            cache.evictions,
            cache.hits_time_in_millis,
            cache.misses_time_in_millis
        ),
        (1, 0, 5, 0)
    );
    let err = GetStats::decode(es_response(200, r#"{"nodes":{"n":{"roles":{}}}}"#)).unwrap_err();
    assert!(err.to_string().contains("dls"), "{err}");
}

#[test]
fn settings_group_declares_its_endpoints() {
    let names: Vec<&str> = SPECS.iter().map(|s| s.method_name()).collect();
    assert_eq!(names, ["get_settings", "update_settings", "get_stats"]);
}
