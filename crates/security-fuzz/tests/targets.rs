//! The fuzz targets on stable, bounded: the same bodies as `fuzz/fuzz_targets/*` (cargo-fuzz),
//! over inputs proptest generates (random bytes, random JSON, JSON shaped like the answers), a
//! few hundred cases each in the normal test run.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

/// Any JSON value, a few levels deep.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// Object keys: the answers' own field names and `typed_keys` names, or anything.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "api_keys",
            "id",
            "name",
            "metadata",
            "role_descriptors",
            "limited_by",
            "error",
            "type",
            "reason",
            "root_cause",
            "caused_by",
            "status",
            "total",
            "count",
            "aggregations",
            "buckets",
            "doc_count",
            "key",
            "value",
            "sterms#a",
            "filter#b",
            "range#c",
            "composite#d",
            "filters#e",
            "cardinality#f",
            "value_count#g",
            "after_key",
            "access_token",
            "expires_in",
            "token",
            "created",
            "users",
            "cluster",
            "indices",
        ])
        .prop_map(str::to_owned),
        ".{0,8}",
    ]
}

fn bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        any_json().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        // Valid JSON cut short.
        (any_json(), any::<prop::sample::Index>()).prop_map(|(v, cut)| {
            let bytes = serde_json::to_vec(&v).unwrap();
            let at = cut.index(bytes.len().max(1));
            bytes[..at.min(bytes.len())].to_vec()
        }),
    ]
}

/// Parameters joined with `0xFF`, as `build_requests` reads them.
fn parameters() -> impl Strategy<Value = Vec<u8>> {
    let one = prop_oneof![
        ".{0,16}",
        "[a-z./:@%?#\\- ]{0,16}",
        Just(String::from("..")),
        Just(String::from("http://u:p@h:99999")),
        Just(String::from("https://es:9200/x")),
        any_json().prop_map(|v| v.to_string()),
    ];
    prop::collection::vec(one, 0..9).prop_map(|parts| {
        let mut out = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push(0xFF);
            }
            out.extend_from_slice(part.as_bytes());
        }
        out
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn decode_every_endpoint(data in bytes()) {
        security_fuzz::decode_every_endpoint(&data);
    }

    #[test]
    fn decode_errors(data in bytes()) {
        security_fuzz::decode_errors(&data);
    }

    #[test]
    fn lazy_api_key_parts(data in bytes()) {
        security_fuzz::lazy_api_key_parts(&data);
    }

    #[test]
    fn aggregations(data in bytes()) {
        security_fuzz::aggregations(&data);
    }

    #[test]
    fn build_requests(data in parameters()) {
        security_fuzz::build_requests(&data);
    }
}

/// Inputs that once mattered (kept as fixed cases).
#[test]
fn known_inputs() {
    let deep = format!("{}{}", "[".repeat(200), "]".repeat(200));
    let nested_aggs = format!(
        "{}{{\"value_count#x\":{{\"value\":1}}}}{}",
        "{\"filter#a\":{\"doc_count\":1,".repeat(60),
        "}}".repeat(60)
    );
    for input in [
        &b""[..],
        b"{}",
        b"null",
        deep.as_bytes(),
        nested_aggs.as_bytes(),
        br#"{"error":{"type":"x","reason":"y","root_cause":[{"type":1}]},"status":400}"#,
        br#"{"api_keys":[{"id":"a","name":"b","creation":1,"invalidated":false,"metadata":{"k":[1,2]},"role_descriptors":null,"limited_by":[{}]}]}"#,
    ] {
        security_fuzz::decode_every_endpoint(input);
        security_fuzz::decode_errors(input);
        security_fuzz::lazy_api_key_parts(input);
        security_fuzz::aggregations(input);
    }
    for params in [
        &b""[..],
        b"..\xFF.\xFFa/b\xFFx-h\xFF\xc3\xa9\xFFj\xc3\xb6e\xFFid\xFFhttp://u:p@h:99999",
        b"a\xFFb\xFFc\xFFAuthorization\xFFBasic x\xFF\xFF\xFFhttps://es:9200/p",
    ] {
        security_fuzz::build_requests(params);
    }
}
