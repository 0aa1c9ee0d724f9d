//! Property tests: any string is a safe path segment or query value; decoders never panic.

mod common;
use common::*;
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use security_core::encode::encode;
use security_core::users::{GetUser, PutUser};
use security_core::{BaseUrl, Endpoint};

/// Checks that an encoded segment holds no raw delimiter and no `%` that does not start `%XX`.
#[test]
fn dot_segments_are_refused_before_sending() {
    for dots in [".", ".."] {
        let err = PutUser::new(dots)
            .to_http_request(&BaseUrl::parse(BASE).unwrap(), None)
            .unwrap_err();
        assert!(err.to_string().contains("cannot be `.` or `..`"), "{err}");
        assert!(GetUser::new().username([dots]).request_parts().is_err());
    }
    // Inside a list, or with other characters, dots are fine.
    assert_eq!(
        GetUser::new()
            .username([".", "a"])
            .request_parts()
            .unwrap()
            .path,
        "/_security/user/%2E,a"
    );
    assert_eq!(
        PutUser::new("...").request_parts().unwrap().path,
        "/_security/user/..."
    );
}

fn assert_safe(encoded: &str) {
    for c in ['/', '?', '#', ' ', '&', '='] {
        assert!(!encoded.contains(c), "raw {c:?} in {encoded:?}");
    }
    let bytes = encoded.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .unwrap_or_else(|| panic!("lone % in {encoded:?}"));
            assert!(
                hex.iter()
                    .all(|h| h.is_ascii_digit() || (b'A'..=b'F').contains(h)),
                "bad escape in {encoded:?}"
            );
        }
    }
    assert!(encoded.is_ascii());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn any_string_round_trips_as_a_segment(s in any::<String>()) {
        let encoded = encode(&s);
        assert_safe(&encoded);
        let decoded = percent_decode_str(&encoded).decode_utf8().unwrap();
        prop_assert_eq!(decoded.as_ref(), s.as_str());
    }

    #[test]
    fn any_username_builds_a_valid_request_with_one_segment(s in "\\PC+".prop_filter("dot segments are refused", |s| s != "." && s != "..")) {
        let req = PutUser::new(s.clone())
            .to_http_request(&BaseUrl::parse(BASE).unwrap(), None)
            .expect("any non-empty username builds");
        let path = req.uri().path();
        let segment = path.strip_prefix("/_security/user/").expect("route prefix");
        prop_assert!(!segment.contains('/'));
        let decoded = percent_decode_str(segment).decode_utf8().unwrap().into_owned();
        prop_assert_eq!(decoded, s);
    }

    #[test]
    fn any_names_list_builds(names in proptest::collection::vec("[^,]+", 1..5).prop_filter("a lone dot segment is refused", |v| !(v.len() == 1 && (v[0] == "." || v[0] == ".."))), filter in any::<String>()) {
        let req = GetUser::new()
            .username(names.clone())
            .filter_path(filter.clone())
            .to_http_request(&BaseUrl::parse(BASE).unwrap(), None);
        let req = req.map_err(|e| TestCaseError::fail(format!("refused: {e}")))?;
        let segment = req.uri().path().strip_prefix("/_security/user/").unwrap().to_owned();
        let decoded: Vec<String> = segment
            .split(',')
            .map(|p| percent_decode_str(p).decode_utf8().unwrap().into_owned())
            .collect();
        prop_assert_eq!(decoded, names);
        let query = req.uri().query().unwrap();
        let value = query.strip_prefix("filter_path=").unwrap();
        assert_safe(&value.replace(',', ""));
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_bytes(
        status in prop_oneof![Just(200u16), Just(201), Just(400), Just(401), Just(404), Just(409), Just(500), 100u16..600],
        body in proptest::collection::vec(any::<u8>(), 0..256),
        product in any::<bool>(),
    ) {
        for spec in security_core::endpoints() {
            let mut builder = http::Response::builder().status(status);
            if product {
                builder = builder.header("x-elastic-product", "Elasticsearch");
            }
            let _ = (spec.decode_check)(builder.body(body.clone()).unwrap());
        }
    }

    #[test]
    fn decoders_never_panic_on_arbitrary_json(value in arb_json()) {
        let body = serde_json::to_vec(&value).unwrap();
        for spec in security_core::endpoints() {
            let _ = (spec.decode_check)(es_response(200, std::str::from_utf8(&body).unwrap()));
            let _ = (spec.decode_check)(es_response(400, std::str::from_utf8(&body).unwrap()));
        }
    }
}

fn arb_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::from),
        any::<i64>().prop_map(serde_json::Value::from),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(serde_json::Value::from),
        "[a-z_]{0,8}".prop_map(serde_json::Value::from),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::from),
            proptest::collection::btree_map(
                prop_oneof![
                    Just("username".to_owned()),
                    Just("roles".to_owned()),
                    Just("error".to_owned()),
                    Just("created".to_owned()),
                    Just("api_keys".to_owned()),
                    "[a-z_]{1,8}"
                ],
                inner,
                0..6
            )
            .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}
