//! Reliability of the test server (issue 10, its testkit items): HTTP-level garbage answered in
//! Elasticsearch's error shape, duplicate keys refused, `filter_path` with many `**` bounded and
//! never holding up other connections. Raw TCP on 127.0.0.1.

mod common;

use common::{basic, call, raw_answer, raw_answers, raw_exchange};
use security_testkit::{Config, TestServer};
use serde_json::{json, Value};

#[test]
fn http_garbage_gets_elasticsearchs_error_shape() {
    let server = TestServer::start_blocking(Config::default()).unwrap();
    let long_line = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(5000));
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        ("bad request line", b"HELLO\r\n\r\n".to_vec(), 400, "illegal_argument_exception"),
        (
            "bad version",
            b"GET / HTTP/9.9\r\nHost: x\r\n\r\n".to_vec(),
            400,
            "illegal_argument_exception",
        ),
        (
            "non-numeric Content-Length",
            b"PUT /_security/role/r HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}".to_vec(),
            400,
            "number_format_exception",
        ),
        (
            "negative Content-Length",
            b"PUT /_security/role/r HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n".to_vec(),
            400,
            "illegal_argument_exception",
        ),
        (
            "two different Content-Lengths",
            b"PUT /_security/role/r HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}"
                .to_vec(),
            400,
            "illegal_argument_exception",
        ),
        (
            "Content-Length longer than the body",
            b"PUT /_security/role/r HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n{}".to_vec(),
            400,
            "illegal_argument_exception",
        ),
        (
            "binary junk",
            vec![0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0xff, 0x00],
            400,
            "illegal_argument_exception",
        ),
        (
            "line over 4 KB",
            long_line.into_bytes(),
            400,
            "too_long_http_line_exception",
        ),
        (
            "bad chunk size",
            b"PUT /_security/role/r HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"
                .to_vec(),
            400,
            "illegal_argument_exception",
        ),
    ];
    for (what, bytes, status, kind) in cases {
        let answer = raw_answer(&raw_exchange(server.addr(), &bytes));
        let body = answer.json();
        assert_eq!(answer.status, status, "{what}: {answer:?}");
        assert_eq!(
            answer.header("x-elastic-product"),
            Some("Elasticsearch"),
            "{what}: {answer:?}"
        );
        assert_eq!(
            answer.header("content-type"),
            Some("application/json"),
            "{what}: {answer:?}"
        );
        assert_eq!(body["status"], status, "{what}");
        assert_eq!(body["error"]["type"], kind, "{what}: {body}");
        assert_eq!(body["error"]["root_cause"][0]["type"], kind, "{what}");
        assert!(body["error"]["reason"]
            .as_str()
            .is_some_and(|r| !r.is_empty()));
    }
    // Still serving, and a chunked body is read as one.
    let answer = raw_answer(&raw_exchange(
        server.addr(),
        b"POST /_security/role/chunked HTTP/1.1\r\nHost: x\r\nAuthorization: Basic ZWxhc3RpYzpjaGFuZ2VtZQ==\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{\"clu\r\n12\r\nster\":[\"monitor\"]}\r\n0\r\n\r\n",
    ));
    assert_eq!(
        (answer.status, answer.json()),
        (200, json!({"role": {"created": true}}))
    );
}

#[test]
fn keep_alive_and_expect_continue() {
    let server = TestServer::start_blocking(Config::default()).unwrap();
    let auth = "Authorization: Basic ZWxhc3RpYzpjaGFuZ2VtZQ==\r\n";
    // Two requests on one connection, the second after `Expect: 100-continue`.
    let out = raw_exchange(
        server.addr(),
        format!(
            "GET /_security/_authenticate HTTP/1.1\r\nHost: x\r\n{auth}\r\nPUT /_security/role/e HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\nContent-Length: 2\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n{{}}"
        )
        .as_bytes(),
    );
    let answers = raw_answers(&out).unwrap();
    assert_eq!(answers[0].status, 200, "{answers:?}");
    // Interim `100 Continue` answers aside: two answers, both `200 OK`, the second the role's.
    let answers: Vec<_> = answers.iter().filter(|a| a.status != 100).collect();
    assert_eq!(answers.len(), 2, "{answers:?}");
    for answer in &answers {
        assert_eq!((answer.status, answer.reason.as_str()), (200, "OK"));
    }
    assert_eq!(answers[0].json()["username"], "elastic");
    assert_eq!(answers[1].json(), json!({"role": {"created": true}}));
}

#[tokio::test]
async fn duplicate_keys_are_refused_like_elasticsearch() {
    let server = TestServer::start(Config::default()).await.unwrap();
    let url = server.url();
    let elastic = basic("elastic", "changeme");
    for (path, body) in [
        ("/_security/role/r", r#"{"cluster":["all"],"cluster":[]}"#),
        (
            "/_security/api_key",
            r#"{"name":"k","metadata":{"a":1,"a":2}}"#,
        ),
    ] {
        let req = http::Request::builder()
            .method("PUT")
            .uri(format!("{url}{path}"))
            .header("authorization", &elastic)
            .header("content-type", "application/json")
            .body(body.as_bytes().to_vec())
            .unwrap();
        let res = common::roundtrip(req).await.unwrap();
        assert_eq!(res.status(), 400, "{path}");
        let json: Value = serde_json::from_slice(res.body()).unwrap();
        assert_eq!(json["error"]["type"], "x_content_parse_exception");
        let reason = json["error"]["reason"].as_str().unwrap();
        assert!(reason.contains("Duplicate field '"), "{reason}");
    }
    // Nothing was stored.
    let a = call(&url, "GET", "/_security/role/r", Some(&elastic), None).await;
    assert_eq!(a.status, 404);
}

/// A role whose metadata nests `depth` levels.
fn deep_metadata(depth: usize) -> Value {
    let mut v = json!({"x": "leaf"});
    for i in 0..depth {
        v = json!({ format!("k{i}"): v, "x": i });
    }
    v
}

#[tokio::test]
async fn filter_path_with_many_double_stars_is_bounded_and_starves_nobody() {
    let server = TestServer::start(Config::default()).await.unwrap();
    let url = server.url();
    let elastic = basic("elastic", "changeme");
    for i in 0..4 {
        let a = call(
            &url,
            "PUT",
            &format!("/_security/role/deep{i}"),
            Some(&elastic),
            Some(json!({"metadata": deep_metadata(60)})),
        )
        .await;
        assert_eq!(a.status, 200);
    }
    // Twelve `**` over 60 levels: exponential for a naive matcher, linear here.
    let stars = ["**"; 12].join(".");
    let heavy = format!("/_security/role?filter_path={stars}.x,{stars}.k0.x");
    let (heavy_answer, light) =
        tokio::join!(call(&url, "GET", &heavy, Some(&elastic), None), async {
            // Other connections are answered meanwhile.
            let mut statuses = Vec::new();
            for _ in 0..5 {
                statuses.push(
                    call(
                        &url,
                        "GET",
                        "/_security/_authenticate",
                        Some(&elastic),
                        None,
                    )
                    .await
                    .status,
                );
            }
            statuses
        });
    assert_eq!(light, [200; 5]);
    assert_eq!(heavy_answer.status, 200);
    let role = &heavy_answer.body["deep0"]["metadata"];
    assert_eq!(role["x"], 59);
    assert_eq!(role["k59"]["k58"]["x"], 57);
}

#[tokio::test]
async fn huge_numbers_are_errors_not_panics() {
    let server = TestServer::start(Config::default()).await.unwrap();
    let url = server.url();
    let elastic = basic("elastic", "changeme");
    let a = call(
        &url,
        "POST",
        "/_security/_query/api_key",
        Some(&elastic),
        Some(json!({"from": i64::MAX, "size": 1})),
    )
    .await;
    assert_eq!(a.status, 400, "{a:?}");
    assert!(a.body["error"]["reason"]
        .as_str()
        .unwrap()
        .starts_with("Result window is too large"));
    // The clock moved to the end of time: keys and tokens expire, nothing panics.
    server.advance_time(std::time::Duration::MAX);
    server.advance_time(std::time::Duration::MAX);
    let a = call(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&elastic),
        None,
    )
    .await;
    assert_eq!(a.status, 200);
}
