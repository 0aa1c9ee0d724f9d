//! Nested aggregation results decode in one pass: the peak heap while decoding stays within a
//! small multiple of the body at any depth serde_json accepts (a counting allocator measures
//! it; no timing). One test in this binary, so nothing else allocates meanwhile.
#![cfg(feature = "api-keys")]

use security_core::api_keys::QueryApiKeys;
use security_core::types::api_keys::aggregations::ApiKeyAggregate;
use security_core::Endpoint;

#[path = "support/peak_heap.rs"]
mod peak_heap;

/// A query_api_keys answer with `depth` levels of `filter#a` and, at the bottom, a `sterms`
/// result of about `bottom` bytes.
fn nested_answer(depth: usize, bottom: usize) -> Vec<u8> {
    let mut buckets = String::new();
    let mut i = 0;
    while buckets.len() < bottom {
        if i > 0 {
            buckets.push(',');
        }
        // The first bucket has a sub-aggregation; the others are plain.
        let sub = if i == 0 {
            r#","value_count#n":{"value":0.0}"#
        } else {
            ""
        };
        buckets.push_str(&format!(
            r#"{{"key":"user-{i:06}","key_as_string":"user-{i:06}","doc_count":{i}{sub}}}"#
        ));
        i += 1;
    }
    let mut aggs = format!(r#"{{"sterms#t":{{"sum_other_doc_count":0,"buckets":[{buckets}]}}}}"#);
    for level in 0..depth {
        aggs = format!(
            r#"{{"filter#a":{{"doc_count":{level},{}}}}}"#,
            &aggs[1..aggs.len() - 1]
        );
    }
    format!(r#"{{"total":0,"count":0,"api_keys":[],"aggregations":{aggs}}}"#).into_bytes()
}

fn answer(body: Vec<u8>) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(200)
        .header("x-elastic-product", "Elasticsearch")
        .body(body)
        .unwrap()
}

#[test]
fn deep_aggregations_decode_in_one_pass_within_a_small_multiple_of_the_body() {
    // 120 levels is close to serde_json's nesting limit (128) with the answer around them.
    for (depth, bottom) in [(120, 260_000), (30, 260_000), (1, 2_000_000)] {
        let body = nested_answer(depth, bottom);
        let size = body.len();
        let response = answer(body);
        let (decoded, peak) = peak_heap::peak_while(|| QueryApiKeys::decode(response));
        let decoded = decoded.unwrap();

        // It decoded all the way down.
        let mut level = decoded.aggregations.as_ref().unwrap();
        for _ in 0..depth {
            match level.get("a") {
                Some(ApiKeyAggregate::Filter(f)) => level = &f.aggregations,
                other => panic!("{other:?}"),
            }
        }
        let terms = level.get("t").unwrap().as_string_terms().unwrap();
        assert!(terms.buckets.len() > 1000);
        let first = terms.buckets.iter().next().unwrap();
        assert_eq!(first.aggregations.get("n").unwrap().value(), Some(0.0));
        drop(decoded);

        // The body itself is part of the peak (it is freed while decoding only at the end).
        assert!(
            peak < 8 * size,
            "depth {depth}: peak heap {peak} bytes for a {size}-byte body ({}x)",
            peak / size.max(1)
        );
    }
}
