//! The API-key stream (`QueryStream` over `query_api_keys`) against a transport that serves
//! several pages: what each request asks for (`search_after`, `size`, `sort`), that pages are
//! fetched one at a time, and how it ends.
#![cfg(feature = "api-keys")]

use futures::executor::block_on;
use futures::{StreamExt, TryStreamExt};
use security_client::api_keys::*;
use security_client::{Error, SecurityClient};
use serde_json::{json, Value};
use std::sync::{Arc, Mutex};

/// The request bodies seen by the transport, in order.
type Seen = Arc<Mutex<Vec<(String, String, Value)>>>;

/// Keys `k0..k{total}`, sorted by creation; each page answers the keys after `search_after`.
fn server(
    total: usize,
    omit_sort: bool,
) -> (SecurityClient<impl security_client::Transport + Sync>, Seen) {
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let transport = move |req: http::Request<Vec<u8>>| {
        let body: Value = serde_json::from_slice(req.body()).unwrap_or(Value::Null);
        log.lock().unwrap().push((
            req.method().to_string(),
            req.uri().to_string(),
            body.clone(),
        ));
        let size = body["size"].as_u64().unwrap_or(10) as usize;
        // search_after = [creation, doc]: continue after that doc number.
        let start = match body.get("search_after") {
            Some(after) => after[1].as_u64().unwrap() as usize + 1,
            None => 0,
        };
        let keys: Vec<Value> = (start..total.min(start + size))
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
        let answer = json!({"total": total, "count": keys.len(), "api_keys": keys});
        async move {
            Ok::<_, std::io::Error>(
                http::Response::builder()
                    .status(200)
                    .header("x-elastic-product", "Elasticsearch")
                    .body(serde_json::to_vec(&answer).unwrap())
                    .unwrap(),
            )
        }
    };
    let client = SecurityClient::new("http://es.local:9200", transport).unwrap();
    (client, seen)
}

#[test]
fn pages_with_search_after_on_the_last_sort_values() {
    let (client, seen) = server(7, false);
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

    let seen = seen.lock().unwrap();
    // 3 + 3 + 1: the short third page ends it without a fourth request.
    assert_eq!(seen.len(), 3);
    let expected_after = [
        None,
        Some(json!([1_700_000_000_002u64, 2])),
        Some(json!([1_700_000_000_005u64, 5])),
    ];
    for ((method, uri, body), after) in seen.iter().zip(expected_after) {
        assert_eq!(method, "POST");
        assert_eq!(uri, "http://es.local:9200/_security/_query/api_key");
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
    let (client, seen) = server(10_050, false);
    let count = block_on(
        client
            .query_api_keys_stream(QueryApiKeys::new())
            .page_size(2_500)
            .try_fold(0usize, |n, _| async move { Ok(n + 1) }),
    )
    .unwrap();
    assert_eq!(count, 10_050);
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 5);
    assert_eq!(
        seen[4].2["search_after"],
        json!([1_700_000_009_999u64, 9_999])
    );
}

#[test]
fn fetches_one_page_at_a_time() {
    let (client, seen) = server(10, false);
    let mut stream = client
        .query_api_keys_stream(QueryApiKeys::new())
        .page_size(4);
    block_on(async {
        assert!(
            seen.lock().unwrap().is_empty(),
            "nothing is fetched before polling"
        );
        for i in 0..4 {
            assert_eq!(stream.next().await.unwrap().unwrap().id, format!("k{i}"));
            assert_eq!(
                seen.lock().unwrap().len(),
                1,
                "one page while draining the first"
            );
        }
        assert_eq!(stream.next().await.unwrap().unwrap().id, "k4");
        assert_eq!(seen.lock().unwrap().len(), 2);
        let rest: Vec<ApiKey> = stream.by_ref().try_collect().await.unwrap();
        assert_eq!(rest.len(), 5);
        assert!(stream.next().await.is_none());
    });
    // 4 + 4 + 2.
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[test]
fn keeps_the_callers_sort_and_start() {
    let (client, seen) = server(5, false);
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
    let seen = seen.lock().unwrap();
    assert_eq!(seen[0].2["search_after"], json!([1_700_000_000_001u64, 1]));
    assert_eq!(seen[1].2["search_after"], json!([1_700_000_000_003u64, 3]));
    assert_eq!(
        seen[0].2["sort"],
        json!([{"creation": {"order": "asc"}}, "_doc"])
    );
}

#[test]
fn an_exactly_full_last_page_costs_one_empty_request() {
    let (client, seen) = server(4, false);
    let keys: Vec<ApiKey> = block_on(
        client
            .query_api_keys_stream(QueryApiKeys::new())
            .page_size(2)
            .try_collect(),
    )
    .unwrap();
    assert_eq!(keys.len(), 4);
    assert_eq!(seen.lock().unwrap().len(), 3);
}

#[test]
fn a_page_without_sort_values_is_an_error() {
    let (client, _) = server(5, true);
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
}

#[test]
fn transport_errors_end_the_stream() {
    let transport = |_req: http::Request<Vec<u8>>| async {
        Err::<http::Response<Vec<u8>>, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "refused",
        ))
    };
    let client = SecurityClient::new("http://127.0.0.1:1", transport).unwrap();
    let mut stream = client.query_api_keys_stream(QueryApiKeys::new());
    block_on(async {
        assert!(matches!(
            stream.next().await,
            Some(Err(Error::Transport(_)))
        ));
        assert!(stream.next().await.is_none());
    });
}

#[test]
fn a_server_that_ignores_search_after_ends_the_stream_with_an_error() {
    // Every answer is the first page: a server (or proxy) that drops `search_after`. Without the
    // check the stream would hand out k0, k1, k0, k1, … forever; 50 items bound the test.
    let transport = |_req: http::Request<Vec<u8>>| async {
        let keys: Vec<Value> = (0..2)
            .map(|i| {
                json!({"id": format!("k{i}"), "name": "k", "creation": 1, "invalidated": false,
                "username": "u", "realm": "r", "_sort": [1, i]})
            })
            .collect();
        Ok::<_, std::io::Error>(
            http::Response::builder()
                .header("x-elastic-product", "Elasticsearch")
                .body(
                    serde_json::to_vec(&json!({"total": 9, "count": 2, "api_keys": keys})).unwrap(),
                )
                .unwrap(),
        )
    };
    let client = SecurityClient::new("http://es.local:9200", transport).unwrap();
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
}
