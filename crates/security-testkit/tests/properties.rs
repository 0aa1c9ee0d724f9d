//! The test server's request handling as bounded property tests: any method, path, query,
//! headers and body — well-formed or not, down to random bytes — gets an answer in
//! Elasticsearch's shape (status, `X-Elastic-Product`, a JSON error body), and never a panic.
//! The same target runs under `cargo fuzz` (see the README's contributing part): it is
//! `security_testkit::fuzzing::respond_to_bytes`.

mod common;

use proptest::prelude::*;
use security_testkit::fuzzing::respond_to_bytes;
use serde_json::Value;

/// Checks every answer in `out` (the bytes a connection got back) and returns how many.
fn check_answers(input: &[u8], out: &[u8]) -> usize {
    let answers = common::raw_answers(out)
        .unwrap_or_else(|e| panic!("{e}, to {:?}", String::from_utf8_lossy(input)));
    for answer in &answers {
        let status = answer.status;
        if status == 100 {
            continue;
        }
        assert!((200..600).contains(&status), "status {status}");
        assert_eq!(
            answer.header("x-elastic-product"),
            Some("Elasticsearch"),
            "no product header on {status} to {:?}",
            String::from_utf8_lossy(input)
        );
        let json = answer.json();
        if status >= 400 {
            if let Some(error) = json.get("error") {
                match error {
                    Value::String(_) => {}
                    Value::Object(e) => {
                        assert!(e["type"].is_string() && e["reason"].is_string(), "{json}");
                        assert!(e["root_cause"].is_array(), "{json}");
                        let reason = e["reason"].as_str().unwrap();
                        assert!(
                            !reason.contains("panicked") && !reason.contains("handler failed"),
                            "{json}"
                        );
                    }
                    other => panic!("error is {other}"),
                }
                if let Some(s) = json.get("status") {
                    assert_eq!(s.as_u64(), Some(u64::from(status)), "{json}");
                }
            }
        }
    }
    answers.len()
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH"
        ])
        .prop_map(str::to_owned),
        "[A-Z]{1,8}",
    ]
}

fn path() -> impl Strategy<Value = String> {
    let segment = prop_oneof![
        prop::sample::select(vec![
            "_security",
            "user",
            "role",
            "api_key",
            "_query",
            "role_mapping",
            "privilege",
            "oauth2",
            "token",
            "_bulk_update",
            "clone",
            "settings",
            "stats",
            "oidc",
            "prepare",
            "delegate_pki",
            "elastic",
            "_has_privileges",
            "cross_cluster",
            "_authenticate",
            "service",
            "_clear_cache",
            "profile",
            "saml",
            "enroll",
            "%2F",
            "a%20b",
            "*",
        ])
        .prop_map(str::to_owned),
        "[a-z_%0-9.*-]{0,8}",
    ];
    prop::collection::vec(segment, 0..6).prop_map(|s| format!("/{}", s.join("/")))
}

fn query() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "pretty",
        "filter_path",
        "refresh",
        "include_implicit",
        "owner",
        "id",
        "name",
        "with_limited_by",
        "active_only",
        "error_trace",
        "bogus",
        "master_timeout",
    ]);
    let value = prop_oneof![
        prop::sample::select(vec![
            "", "true", "false", "**", "**.**.*", "-a", "1m", "%ZZ"
        ])
        .prop_map(str::to_owned),
        "[a-z*.,%-]{0,10}",
    ];
    prop::collection::vec((key, value), 0..4).prop_map(|pairs| {
        if pairs.is_empty() {
            String::new()
        } else {
            let parts: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("?{}", parts.join("&"))
        }
    })
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        "[a-z_*]{0,8}".prop_map(Value::from),
        prop::sample::select(vec!["all", "read", "monitor", "manage_security", "logs-*"])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        let key = prop::sample::select(vec![
            "cluster",
            "indices",
            "names",
            "privileges",
            "query",
            "sort",
            "size",
            "from",
            "roles",
            "name",
            "password",
            "metadata",
            "role_descriptors",
            "access",
            "search",
            "ids",
            "grant_type",
            "description",
            "remote_cluster",
            "api_key",
            "x",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((key, inner), 0..4).prop_map(|kv| Value::Object(
                kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
            )),
        ]
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(Vec::new()),
        json_value().prop_map(|v| serde_json::to_vec(&v).unwrap()),
        prop::collection::vec(any::<u8>(), 0..64),
        Just(br#"{"a":1,"a":2}"#.to_vec()),
    ]
}

fn auth() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        Just(None),
        Just(Some(common::basic("elastic", "changeme"))),
        Just(Some(common::basic("elastic", "wrong"))),
        "[ -~]{0,20}".prop_map(Some),
    ]
}

fn request_bytes(method: &str, target: &str, auth: &Option<String>, body: &[u8]) -> Vec<u8> {
    let mut out = format!("{method} {target} HTTP/1.1\r\nHost: x\r\n").into_bytes();
    if let Some(auth) = auth {
        out.extend_from_slice(format!("Authorization: {auth}\r\n").as_bytes());
    }
    if !body.is_empty() {
        out.extend_from_slice(
            format!(
                "Content-Type: application/json\r\nContent-Length: {}\r\n",
                body.len()
            )
            .as_bytes(),
        );
    }
    out.extend_from_slice(b"Connection: close\r\n\r\n");
    out.extend_from_slice(body);
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary requests: one answer each, Elasticsearch-shaped.
    #[test]
    fn any_request_gets_an_elasticsearch_answer(
        method in method(),
        path in path(),
        query in query(),
        auth in auth(),
        body in body(),
    ) {
        let input = request_bytes(&method, &format!("{path}{query}"), &auth, &body);
        let out = respond_to_bytes(&input);
        prop_assert_eq!(check_answers(&input, &out), 1);
    }

    /// Requests with bytes replaced or cut, and plain junk: still Elasticsearch's shape.
    #[test]
    fn garbage_gets_an_elasticsearch_answer(
        path in path(),
        body in body(),
        cuts in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..4),
        cut_at in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
        junk in prop::collection::vec(any::<u8>(), 1..256),
        use_junk in any::<bool>(),
    ) {
        let mut input = if use_junk {
            junk
        } else {
            request_bytes("PUT", &path, &Some(common::basic("elastic", "changeme")), &body)
        };
        for (at, byte) in cuts {
            let i = at.index(input.len());
            input[i] = byte;
        }
        if truncate {
            input.truncate(cut_at.index(input.len() + 1));
        }
        let out = respond_to_bytes(&input);
        let blank = input.iter().all(|b| *b == b'\r' || *b == b'\n');
        if blank {
            prop_assert!(out.is_empty());
        } else {
            prop_assert!(check_answers(&input, &out) >= 1);
        }
    }
}

/// Inputs that once went wrong, or that the issue named: each gets Elasticsearch's answer.
#[test]
fn known_inputs() {
    let inputs: &[&[u8]] = &[
        b"HELLO\r\n\r\n",
        b"GET / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        b"GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        b"GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n",
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        b"PUT /_security/role/r HTTP/1.1\r\nContent-Length: 13\r\n\r\n{\"a\":1,\"a\":2}",
        b"POST /_security/_query/api_key HTTP/1.1\r\nAuthorization: Basic ZWxhc3RpYzpjaGFuZ2VtZQ==\r\nContent-Length: 40\r\n\r\n{\"from\":9223372036854775807,\"size\":1000}",
    ];
    for input in inputs {
        let out = respond_to_bytes(input);
        assert!(
            check_answers(input, &out) >= 1,
            "{:?}",
            String::from_utf8_lossy(input)
        );
    }
}
