//! The API-key stream (`QueryStream` over `query_api_keys`) against scripted pages: what each
//! request asks for (`search_after`, `size`, `sort`), that pages are fetched one at a time, and
//! how it ends. A request the stream should not make finds no scripted answer and fails the test.
#![cfg(feature = "api-keys")]

use futures::executor::block_on;
use futures::{StreamExt, TryStreamExt};
use security_client::api_keys::*;
use security_client::mock::MockTransport;
use security_client::{Error, SecurityClient, TransportErrorKind};
use serde_json::{json, Value};
use std::ops::Range;

/// One answer of `query_api_keys` out of `total` keys `k0..`: the keys `keys`, sorted by
/// creation, each with `_sort = [creation, doc]` unless `omit_sort`.
fn page(total: usize, keys: Range<usize>, omit_sort: bool) -> String {
    let keys: Vec<Value> = keys
        .map(|i| {
            let mut key = json!({
                "id": format!("k{i}"), "name": format!("key-{i}"),
                "creation": 1_700_000_000_000u64 + i as u64, "invalidated": false,
                "username": "u", "realm": "native1", "metadata": {"n": i}, "role_descriptors": {},
            });
            if !omit_sort {
                key["_sort"] = json!([1_700_000_000_000u64 + i as u64, i]);
            }
            key
        })
        .collect();
    json!({"total": total, "count": keys.len(), "api_keys": keys}).to_string()
}

/// A client over `total` keys, answering pages of `size` from key `start` on, in order, until
/// the keys run out (an empty page when `total - start` is a multiple of `size`).
fn server(
    total: usize,
    start: usize,
    size: usize,
    omit_sort: bool,
) -> (SecurityClient<MockTransport>, MockTransport) {
    let mut mock = MockTransport::new();
    let mut from = start;
    loop {
        let to = total.min(from + size);
        mock = mock.json(200, page(total, from..to, omit_sort));
        if to - from < size {
            break;
        }
        from = to;
    }
    let client = SecurityClient::new("http://es.local:9200", mock.clone()).unwrap();
    (client, mock)
}

/// The request bodies sent, in order.
fn bodies(mock: &MockTransport) -> Vec<Value> {
    mock.requests()
        .iter()
        .map(|r| serde_json::from_slice(r.body()).unwrap())
        .collect()
}

#[test]
fn pages_with_search_after_on_the_last_sort_values() {
    let (client, seen) = server(7, 0, 3, false);
    let keys: Vec<ApiKey> = block_on(
        client
            .query_api_keys_stream(
                QueryApiKeys::new()
                    .query(ApiKeyQuery::term("invalidated", false))
                    .from(40u32)
                    .aggregation("x", ApiKeyAggregation::terms("name")),
            )
            .page_size(3)
            .try_collect(),
    )
    .unwrap();
    let ids: Vec<&str> = keys.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["k0", "k1", "k2", "k3", "k4", "k5", "k6"]);

    // 3 + 3 + 1: the short third page ends it without a fourth request.
    assert_eq!(seen.remaining(), 0);
    let seen = seen.requests();
    assert_eq!(seen.len(), 3);
    let expected_after = [
        None,
        Some(json!([1_700_000_000_002u64, 2])),
        Some(json!([1_700_000_000_005u64, 5])),
    ];
    for (request, after) in seen.iter().zip(expected_after) {
        let body: Value = serde_json::from_slice(request.body()).unwrap();
        assert_eq!(request.method(), "POST");
        assert_eq!(
            request.uri(),
            "http://es.local:9200/_security/_query/api_key"
        );
        assert_eq!(body["size"], 3);
        assert_eq!(body.get("search_after").cloned(), after);
        assert_eq!(
            body["query"],
            json!({"term": {"invalidated": {"value": false}}})
        );
        // Default sort with a `_doc` tiebreaker; `from` and aggregations are dropped.
        assert_eq!(
            body["sort"],
            json!([{"creation": {"order": "asc"}}, "_doc"])
        );
        assert!(body.get("from").is_none());
        assert!(body.get("aggregations").is_none());
    }
}

#[test]
fn goes_past_ten_thousand_keys() {
    let (client, seen) = server(10_050, 0, 2_500, false);
    let count = block_on(
        client
            .query_api_keys_stream(QueryApiKeys::new())
            .page_size(2_500)
            .try_fold(0usize, |n, _| async move { Ok(n + 1) }),
    )
    .unwrap();
    assert_eq!(count, 10_050);
    let seen = bodies(&seen);
    assert_eq!(seen.len(), 5);
    assert!(seen[0].get("search_after").is_none());
    for (i, body) in seen.iter().enumerate().skip(1) {
        let last = 2_500 * i as u64 - 1;
        assert_eq!(
            body["search_after"],
            json!([1_700_000_000_000 + last, last])
        );
    }
    assert_eq!(
        seen[4]["search_after"],
        json!([1_700_000_009_999u64, 9_999])
    );
}

#[test]
fn fetches_one_page_at_a_time() {
    let (client, seen) = server(10, 0, 4, false);
    let mut stream = client
        .query_api_keys_stream(QueryApiKeys::new())
        .page_size(4);
    block_on(async {
        assert!(
            seen.requests().is_empty(),
            "nothing is fetched before polling"
        );
        for i in 0..4 {
            assert_eq!(stream.next().await.unwrap().unwrap().id, format!("k{i}"));
            assert_eq!(
                seen.requests().len(),
                1,
                "one page while draining the first"
            );
        }
        assert_eq!(stream.next().await.unwrap().unwrap().id, "k4");
        assert_eq!(seen.requests().len(), 2);
        let rest: Vec<ApiKey> = stream.by_ref().try_collect().await.unwrap();
        assert_eq!(rest.len(), 5);
        assert!(stream.next().await.is_none());
    });
    // 4 + 4 + 2.
    assert_eq!(seen.requests().len(), 3);
}

#[test]
fn keeps_the_callers_sort_and_start() {
    // The caller starts after k1: the keys from k2 on, two a page.
    let (client, seen) = server(5, 2, 2, false);
    let keys: Vec<ApiKey> = block_on(
        client
            .query_api_keys_stream(
                client
                    .query_api_keys()
                    .sort([SortOptions::new("creation").order(SortOrder::Asc)])
                    .search_after([FieldValue::Long(1_700_000_000_001), FieldValue::Long(1)]),
            )
            .page_size(2)
            .try_collect(),
    )
    .unwrap();
    assert_eq!(keys.first().map(|k| k.id.as_str()), Some("k2"));
    assert_eq!(keys.len(), 3);
    let seen = bodies(&seen);
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0]["search_after"], json!([1_700_000_000_001u64, 1]));
    assert_eq!(seen[1]["search_after"], json!([1_700_000_000_003u64, 3]));
    assert_eq!(
        seen[0]["sort"],
        json!([{"creation": {"order": "asc"}}, "_doc"])
    );
}

#[test]
fn an_exactly_full_last_page_costs_one_empty_request() {
    let (client, seen) = server(4, 0, 2, false);
    let keys: Vec<ApiKey> = block_on(
        client
            .query_api_keys_stream(QueryApiKeys::new())
            .page_size(2)
            .try_collect(),
    )
    .unwrap();
    assert_eq!(keys.len(), 4);
    // The third answer is the empty page.
    assert_eq!(seen.requests().len(), 3);
    assert_eq!(seen.remaining(), 0);
}

#[test]
fn a_page_without_sort_values_is_an_error() {
    let (client, seen) = server(5, 0, 2, true);
    let mut stream = client
        .query_api_keys_stream(QueryApiKeys::new())
        .page_size(2);
    let results: Vec<Result<ApiKey, Error>> = block_on(async {
        let mut out = Vec::new();
        while let Some(item) = stream.next().await {
            out.push(item);
        }
        out
    });
    assert_eq!(results.len(), 3);
    assert!(results[0].is_ok() && results[1].is_ok());
    match &results[2] {
        Err(Error::Pagination { endpoint, reason }) => {
            assert_eq!(*endpoint, "security.query_api_keys");
            assert!(reason.contains("_sort"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // Nothing asked after the page without sort values.
    assert_eq!(seen.requests().len(), 1);
}

#[test]
fn transport_errors_end_the_stream() {
    let transport = MockTransport::new().fail(TransportErrorKind::Connect, "refused");
    let client = SecurityClient::new("http://127.0.0.1:1", transport.clone()).unwrap();
    let mut stream = client.query_api_keys_stream(QueryApiKeys::new());
    block_on(async {
        assert!(matches!(
            stream.next().await,
            Some(Err(Error::Transport(_)))
        ));
        assert!(stream.next().await.is_none());
    });
    assert_eq!(transport.requests().len(), 1);
}

#[test]
fn a_server_that_ignores_search_after_ends_the_stream_with_an_error() {
    // Every answer is the first page: a server (or proxy) that drops `search_after`. Without the
    // check the stream would hand out k0, k1, k0, k1, … forever; 50 items bound the test.
    let first_page = json!({"total": 9, "count": 2, "api_keys": (0..2)
        .map(|i| {
            json!({"id": format!("k{i}"), "name": "k", "creation": 1, "invalidated": false,
            "username": "u", "realm": "r", "_sort": [1, i]})
        })
        .collect::<Vec<Value>>()});
    let transport = MockTransport::new().fallback_json(200, first_page.to_string());
    let client = SecurityClient::new("http://es.local:9200", transport.clone()).unwrap();
    let results: Vec<Result<ApiKey, Error>> = block_on(
        client
            .query_api_keys_stream(QueryApiKeys::new())
            .page_size(2)
            .take(50)
            .collect(),
    );
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(results[0].is_ok() && results[1].is_ok());
    match &results[2] {
        Err(Error::Pagination { endpoint, reason }) => {
            assert_eq!(*endpoint, "security.query_api_keys");
            assert!(reason.contains("search_after"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(transport.requests().len(), 2);
}
