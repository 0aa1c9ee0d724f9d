//! The bodies of the fuzz targets, shared by the cargo-fuzz targets in `fuzz/` (nightly,
//! libFuzzer) and by the bounded property tests of this crate (`tests/targets.rs`, stable, in
//! the normal test run). Each function takes arbitrary bytes and panics only when an invariant
//! is broken: decoders never panic and their errors are bounded and leak no body; request
//! building from arbitrary parameters gives a request or `InvalidRequest`, never a panic, and
//! what it gives is well-formed.
//!
//! Not a library for users (`publish = false`).

use security_core::api_keys::{CreateApiKey, GetApiKey, QueryApiKeys};
use security_core::types::api_keys::aggregations::Aggregations;
use security_core::types::api_keys::{ApiKey, GetApiKeyResponse, Lazy, RoleDescriptors};
use security_core::types::common::Metadata;
use security_core::users::{GetUser, PutUser};
use security_core::{ApiError, BaseUrl, Credentials, Endpoint, Error, RawRequest};

/// The longest `Display` or `Debug` an error may have, whatever the input (each part is cut
/// at 1,024 bytes; a few parts and the fixed text fit well within this).
pub const MAX_ERROR_TEXT: usize = 16 * 1024;

fn answer(status: u16, body: &[u8]) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("x-elastic-product", "Elasticsearch")
        .header("content-type", "application/json")
        .body(body.to_vec())
        .unwrap_or_else(|_| unreachable!("a fixed status and headers"))
}

/// Checks what an error shows: bounded, and never the body it failed on.
fn check_error(err: &Error) {
    let shown = err.to_string();
    assert!(
        shown.len() <= MAX_ERROR_TEXT,
        "Display of {} bytes",
        shown.len()
    );
    let debug = format!("{err:?}");
    assert!(
        debug.len() <= MAX_ERROR_TEXT * 4,
        "Debug of {} bytes",
        debug.len()
    );
}

/// Every endpoint's decoder (all groups), on a 2xx answer and on error statuses.
pub fn decode_every_endpoint(data: &[u8]) {
    for spec in security_core::endpoints() {
        for status in [200, 201, 400, 404, 409, 500] {
            if let Err(err) = (spec.decode_check)(answer(status, data)) {
                check_error(&err);
                if status >= 400 {
                    assert!(err.api().is_some(), "{} {status}: {err:?}", spec.name);
                }
            }
        }
    }
}

/// Elasticsearch's error bodies, read for any status.
pub fn decode_errors(data: &[u8]) {
    let status = data.first().map_or(400, |b| 400 + u16::from(*b % 200));
    let api = ApiError::from_parts("security.authenticate", status, data.to_vec());
    assert_eq!(api.status, status);
    let err = Error::Api(Box::new(api));
    check_error(&err);
}

/// The lazily parsed parts of API keys (`metadata`, `role_descriptors`, `limited_by`): as
/// JSON text of their own, and within `get_api_key` / `query_api_keys` answers.
pub fn lazy_api_key_parts(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(lazy) = Lazy::<Metadata>::from_json(&text) {
        let _ = lazy.parse();
        let _ = lazy.is_empty();
        assert_eq!(lazy.json(), Some(text.as_ref()));
    }
    if let Ok(lazy) = Lazy::<RoleDescriptors>::from_json(&text) {
        let _ = lazy.parse();
    }
    if let Ok(lazy) = Lazy::<Vec<RoleDescriptors>>::from_json(&text) {
        let _ = lazy.parse();
    }
    let keys = |keys: &[ApiKey]| {
        for key in keys {
            let _ = key.metadata.parse();
            let _ = key.role_descriptors.parse();
            if let Some(limited_by) = &key.limited_by {
                let _ = limited_by.parse();
            }
        }
    };
    if let Ok(GetApiKeyResponse { api_keys, .. }) = GetApiKey::decode(answer(200, data)) {
        keys(&api_keys);
    }
    // The same bytes as one key in a list.
    let mut wrapped = b"{\"api_keys\":[".to_vec();
    wrapped.extend_from_slice(data);
    wrapped.extend_from_slice(b"]}");
    if let Ok(response) = GetApiKey::decode(answer(200, &wrapped)) {
        keys(&response.api_keys);
    }
    match QueryApiKeys::decode(answer(200, data)) {
        Ok(response) => keys(&response.api_keys),
        Err(err) => check_error(&err),
    }
}

/// Aggregation results, standalone and within a `query_api_keys` answer.
pub fn aggregations(data: &[u8]) {
    if let Ok(aggs) = serde_json::from_slice::<Aggregations>(data) {
        for (_, aggregate) in aggs.iter() {
            let _ = aggregate.value();
            let _ = aggregate.as_string_terms();
        }
    }
    let mut wrapped = b"{\"total\":0,\"count\":0,\"api_keys\":[],\"aggregations\":".to_vec();
    wrapped.extend_from_slice(data);
    wrapped.push(b'}');
    if let Err(err) = QueryApiKeys::decode(answer(200, &wrapped)) {
        check_error(&err);
    }
}

/// Splits the input into parameters: pieces between `0xFF` bytes, read as (lossy) UTF-8.
fn parameters(data: &[u8]) -> Vec<String> {
    let mut out: Vec<String> = data
        .split(|b| *b == 0xFF)
        .map(|p| String::from_utf8_lossy(p).into_owned())
        .collect();
    while out.len() < 8 {
        out.push(String::new());
    }
    out
}

/// Checks a built request: its URI is the base URL followed by the path, its header values are
/// printable ASCII, and a secret given as a parameter is not in the request type's `Debug`.
fn check_built(
    base: &BaseUrl,
    result: Result<http::Request<Vec<u8>>, Error>,
) -> Option<http::Request<Vec<u8>>> {
    match result {
        Ok(request) => {
            let uri = request.uri().to_string();
            assert!(uri.starts_with(base.as_str()), "{uri}");
            for (name, value) in request.headers() {
                assert!(
                    value
                        .as_bytes()
                        .iter()
                        .all(|b| *b == b'\t' || (b' '..=b'~').contains(b)),
                    "{name}: {value:?}"
                );
            }
            Some(request)
        }
        Err(err) => {
            assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
            check_error(&err);
            None
        }
    }
}

/// Request building from arbitrary parameters: path segments, query values, headers, run-as,
/// opaque id, bodies, base URLs.
pub fn build_requests(data: &[u8]) {
    let p = parameters(data);
    let base = match BaseUrl::parse(&p[7]) {
        Ok(base) => {
            // What was accepted has no user information and a usable URL.
            let authority = base.as_str().split_once("://").map_or("", |(_, rest)| {
                rest.split(['/', '?', '#']).next().unwrap_or("")
            });
            assert!(!authority.contains('@'), "{}", base.as_str());
            base
        }
        Err(err) => {
            assert!(err.to_string().len() <= MAX_ERROR_TEXT);
            BaseUrl::parse("https://es.example:9200/prefix")
                .unwrap_or_else(|_| unreachable!("a valid URL"))
        }
    };
    let credentials = Credentials::basic(p[0].as_str(), p[1].as_str());

    let get = GetUser::new()
        .username([p[0].as_str(), p[2].as_str()])
        .with_profile_uid(!p[3].is_empty())
        .header(p[3].as_str(), p[4].as_str())
        .run_as(p[5].as_str())
        .opaque_id(p[6].as_str());
    if let Some(request) = check_built(&base, get.to_http_request(&base, Some(&credentials))) {
        // Path segments are percent-encoded: nothing of them reads as another path step.
        let path = request.uri().path().to_owned();
        let tail = &path[path.find("/_security/user").unwrap_or(0)..];
        assert!(!tail.contains("/../") && !tail.ends_with("/.."), "{path}");
    }

    let password = format!("pw-{}-secret", p[1]);
    let put = PutUser::new(p[0].as_str())
        .password(password.as_str())
        .full_name(p[2].as_str())
        .roles([p[3].as_str(), p[4].as_str()])
        .filter_path([p[5].as_str()]);
    let shown = format!("{put:?}");
    assert!(!shown.contains(&password), "{shown}");
    check_built(&base, put.to_http_request(&base, None));

    if let Ok(body) = serde_json::from_str::<serde_json::Value>(&p[4]) {
        let raw = PutUser::new(p[0].as_str()).raw_body(body.clone());
        check_built(&base, raw.to_http_request(&base, None));
        let raw = RawRequest::new(http::Method::POST, p[2].as_str())
            .query(p[3].as_str(), p[5].clone())
            .body(body);
        check_built(&base, raw.to_http_request(&base, None));
    }

    let create = CreateApiKey::new()
        .name(p[0].as_str())
        .expiration(p[2].as_str())
        .header("authorization", p[6].as_str());
    if let Some(request) = check_built(&base, create.to_http_request(&base, Some(&credentials))) {
        assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
        assert!(!security_core::Repeatable::of(&request));
    }
}
