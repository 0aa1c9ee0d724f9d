//! Shared helpers of the security-core tests: wire assertions, fake ES answers, spec access.
#![allow(dead_code)]

use security_core::{BaseUrl, Credentials, Endpoint, COMPATIBLE_WITH_8};
use std::path::PathBuf;

/// The base URL the wire tests build against.
pub const BASE: &str = "http://localhost:9200";

/// Builds the `http::Request` of an endpoint against [`BASE`] without credentials.
pub fn build<E: Endpoint>(endpoint: &E) -> http::Request<Vec<u8>> {
    endpoint
        .to_http_request(&BaseUrl::parse(BASE).unwrap(), None)
        .expect("request builds")
}

/// Builds with credentials.
pub fn build_with<E: Endpoint>(endpoint: &E, credentials: &Credentials) -> http::Request<Vec<u8>> {
    endpoint
        .to_http_request(&BaseUrl::parse(BASE).unwrap(), Some(credentials))
        .expect("request builds")
}

/// Asserts the exact wire shape: method, raw path and query, headers, and body bytes.
///
/// `path_and_query` is compared byte for byte (percent-encoding included). `body` is compared as
/// JSON bytes after parsing both sides, *and* key order is checked by comparing the
/// serialization of the request body with the canonical form of `body` when `exact_bytes` is
/// wanted use [`assert_wire_bytes`].
#[track_caller]
pub fn assert_wire(
    req: &http::Request<Vec<u8>>,
    method: &str,
    path_and_query: &str,
    body: Option<serde_json::Value>,
) {
    assert_eq!(req.method().as_str(), method, "method");
    assert_eq!(
        req.uri().path_and_query().map(|p| p.as_str()).unwrap_or(""),
        path_and_query,
        "path and query"
    );
    assert_eq!(
        req.uri().to_string(),
        format!("{BASE}{path_and_query}"),
        "uri"
    );
    assert_eq!(
        req.headers().get("accept").map(|v| v.to_str().unwrap()),
        Some(COMPATIBLE_WITH_8),
        "accept header"
    );
    match body {
        None => {
            assert!(
                req.body().is_empty(),
                "no body expected, got {}",
                String::from_utf8_lossy(req.body())
            );
            assert!(
                req.headers().get("content-type").is_none(),
                "no content-type without a body"
            );
        }
        Some(expected) => {
            assert_eq!(
                req.headers()
                    .get("content-type")
                    .map(|v| v.to_str().unwrap()),
                Some(COMPATIBLE_WITH_8),
                "content-type header"
            );
            let actual: serde_json::Value =
                serde_json::from_slice(req.body()).unwrap_or_else(|e| {
                    panic!(
                        "body is not JSON ({e}): {}",
                        String::from_utf8_lossy(req.body())
                    )
                });
            assert_eq!(actual, expected, "body");
        }
    }
}

/// Asserts the body bytes exactly (field order included).
#[track_caller]
pub fn assert_body_bytes(req: &http::Request<Vec<u8>>, expected: &str) {
    assert_eq!(String::from_utf8_lossy(req.body()), expected, "body bytes");
}

/// An answer as Elasticsearch sends it: status, `X-Elastic-Product`, JSON content type.
pub fn es_response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("x-elastic-product", "Elasticsearch")
        .header(
            "content-type",
            "application/vnd.elasticsearch+json;compatible-with=8",
        )
        .body(body.as_bytes().to_vec())
        .unwrap()
}

/// Decodes `body` (status 200) with the endpoint's typed decoder.
#[track_caller]
pub fn decode<E: Endpoint>(body: &str) -> E::Response {
    match E::decode(es_response(200, body)) {
        Ok(v) => v,
        Err(e) => panic!("{} did not decode: {e}", E::SPEC.name),
    }
}

/// The specification data the repository carries for `version` (`"8.14"` or `"9.5"`): `spec/<version>/`
/// at the workspace root. A missing folder is a failing test, never a skip.
#[track_caller]
pub fn spec_version(version: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../spec")
        .join(version);
    assert!(
        dir.join("endpoints.json").is_file(),
        "the specification data {} is missing: it is part of the repository (see spec/README.md)",
        dir.display()
    );
    dir
}

/// The 8.14 specification data (`spec/8.14/`): rest-api-spec, endpoints.json, examples.
#[track_caller]
pub fn spec(_test: &str) -> PathBuf {
    spec_version("8.14")
}

/// Parses JSON leniently, as the documentation examples need: `//` comments and trailing commas.
pub fn lenient_json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).or_else(|_| json5::from_str(text).map_err(|e| e.to_string()))
}

/// One documented example: its file, its summary and description, and the JSON value.
pub struct Example {
    pub file: PathBuf,
    pub method_request: Option<String>,
    pub value: Result<serde_json::Value, String>,
    pub raw: String,
}

/// The documented examples of an endpoint (`request` or `response`), from `examples/`.
pub fn examples(spec: &std::path::Path, endpoint: &str, kind: &str) -> Vec<Example> {
    let short = endpoint.strip_prefix("security.").unwrap_or(endpoint);
    let dir = spec
        .join("examples/security")
        .join(short)
        .join("examples")
        .join(kind);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).unwrap();
            let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
            // `value` is JSON text in most files, a YAML mapping in some (9.5): JSON either way.
            let raw = match yaml.get("value") {
                Some(serde_yaml::Value::String(text)) => text.clone(),
                Some(value) => serde_json::to_string(value).unwrap_or_default(),
                None => String::new(),
            };
            Example {
                method_request: yaml
                    .get("method_request")
                    .and_then(|v| v.as_str())
                    .map(str::to_owned),
                value: lenient_json(&raw),
                raw,
                file,
            }
        })
        .collect()
}
