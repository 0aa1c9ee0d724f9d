//! Wire-exact requests and typed answers of the `api_keys` group.
#![cfg(feature = "api-keys")]

mod common;
use common::*;
use security_core::api_keys::*;
use security_core::types::api_keys::aggregations::*;
use security_core::types::api_keys::query::*;
use security_core::types::api_keys::*;
use security_core::types::common::{
    ClusterPrivilege, IndicesPrivileges, Metadata, Refresh, RemoteIndicesPrivileges, Restriction,
    RoleDescriptor,
};
use security_core::{ApiKeyCredentials, Credentials, Endpoint, Error, ToCredentials};
use serde_json::json;
use std::collections::BTreeMap;

fn meta(value: serde_json::Value) -> Metadata {
    match value {
        serde_json::Value::Object(map) => map,
        other => panic!("not an object: {other}"),
    }
}

fn role_a() -> RoleDescriptor {
    RoleDescriptor {
        cluster: vec![ClusterPrivilege::All],
        indices: vec![IndicesPrivileges::new(["index-a*"], ["read"])],
        ..Default::default()
    }
}

fn body_json(req: &http::Request<Vec<u8>>) -> serde_json::Value {
    serde_json::from_slice(req.body()).expect("a JSON body")
}

#[track_caller]
fn assert_refused<E: Endpoint>(endpoint: &E, needle: &str) {
    match endpoint.request_parts() {
        Err(Error::InvalidRequest { endpoint, reason }) => {
            assert_eq!(endpoint, E::SPEC.name);
            assert!(reason.contains(needle), "{reason:?} lacks {needle:?}");
        }
        other => panic!("expected InvalidRequest containing {needle:?}, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// create_api_key
// ---------------------------------------------------------------------------------------------

#[test]
fn create_api_key_minimal() {
    assert_wire(
        &build(&CreateApiKey::new()),
        "PUT",
        "/_security/api_key",
        Some(json!({})),
    );
}

#[test]
fn create_api_key_all_parameters() {
    let restricted = RoleDescriptor {
        indices: vec![IndicesPrivileges::new(["index-b*"], ["all"])],
        remote_indices: vec![RemoteIndicesPrivileges {
            clusters: ["remote-*"].into(),
            names: ["logs-*"].into(),
            privileges: vec!["read".into()],
            ..Default::default()
        }],
        restriction: Some(Restriction {
            workflows: vec!["search_application_query".into()],
        }),
        ..Default::default()
    };
    let req = build(
        &CreateApiKey::new()
            .refresh(Refresh::WaitFor)
            .name("my-api-key")
            .expiration("1d")
            .role_descriptors(BTreeMap::from([("role-a".to_owned(), role_a())]))
            .role_descriptor("role-b", restricted)
            .metadata(meta(json!({"application": "my-application",
                "environment": {"level": 1, "trusted": true, "tags": ["dev", "staging"]}})))
            .error_trace(true)
            .filter_path(["id", "encoded"])
            .human(true)
            .pretty(false),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/api_key?refresh=wait_for&error_trace=true&filter_path=id,encoded&human=true&pretty=false",
        Some(json!({
            "name": "my-api-key",
            "expiration": "1d",
            "role_descriptors": {
                "role-a": {"cluster": ["all"], "indices": [{"names": ["index-a*"], "privileges": ["read"]}]},
                "role-b": {
                    "indices": [{"names": ["index-b*"], "privileges": ["all"]}],
                    "remote_indices": [{"clusters": ["remote-*"], "names": ["logs-*"], "privileges": ["read"]}],
                    "restriction": {"workflows": ["search_application_query"]}
                }
            },
            "metadata": {"application": "my-application",
                "environment": {"level": 1, "trusted": true, "tags": ["dev", "staging"]}}
        })),
    );
}

#[test]
fn create_api_key_matches_the_documented_request() {
    let dir = spec("create_api_key_matches_the_documented_request");
    let example = &examples(&dir, "security.create_api_key", "request")[0];
    let role_b = RoleDescriptor {
        cluster: vec![ClusterPrivilege::All],
        indices: vec![IndicesPrivileges::new(["index-b*"], ["all"])],
        ..Default::default()
    };
    let req = build(
        &CreateApiKey::new()
            .name("my-api-key")
            .expiration("1d")
            .role_descriptor("role-a", role_a())
            .role_descriptor("role-b", role_b)
            .metadata(meta(json!({"application": "my-application",
                "environment": {"level": 1, "trusted": true, "tags": ["dev", "staging"]}}))),
    );
    assert_eq!(&body_json(&req), example.value.as_ref().unwrap());
}

#[test]
fn create_api_key_answer_becomes_credentials() {
    let created = decode::<CreateApiKey>(
        r#"{"id":"VuaCfGcBCdbkQm-e5aOx","name":"my-api-key","expiration":1544068612110,
        "api_key":"ui2lp2axTNmsyakw9tvNnw","encoded":"VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="}"#,
    );
    assert_eq!(created.id, "VuaCfGcBCdbkQm-e5aOx");
    assert_eq!(created.expiration, Some(1544068612110));
    let shown = format!("{created:?}");
    assert!(!shown.contains("ui2lp2axTNmsyakw9tvNnw"), "{shown}");
    assert!(!shown.contains("VnVhQ2ZH"), "{shown}");
    assert!(shown.contains("[redacted]"), "{shown}");

    let credentials = created.to_credentials();
    assert!(matches!(
        &credentials,
        Credentials::ApiKey(ApiKeyCredentials::Encoded(_))
    ));
    assert_eq!(
        credentials.header_value().unwrap(),
        "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="
    );

    // An older server without `encoded`: id + api_key give the same header.
    let old = decode::<CreateApiKey>(
        r#"{"id":"VuaCfGcBCdbkQm-e5aOx","name":"my-api-key","api_key":"ui2lp2axTNmsyakw9tvNnw"}"#,
    );
    let credentials = old.to_credentials();
    assert!(matches!(
        &credentials,
        Credentials::ApiKey(ApiKeyCredentials::IdKey { .. })
    ));
    assert_eq!(
        credentials.header_value().unwrap(),
        "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="
    );
    assert!(!format!("{credentials:?}").contains("ui2lp2"));
}

// ---------------------------------------------------------------------------------------------
// get_api_key
// ---------------------------------------------------------------------------------------------

#[test]
fn get_api_key_minimal() {
    assert_wire(&build(&GetApiKey::new()), "GET", "/_security/api_key", None);
}

#[test]
fn get_api_key_all_parameters() {
    // By id, with every flag and common parameter.
    assert_wire(
        &build(
            &GetApiKey::new()
                .active_only(true)
                .id("VuaCfGcB/Cdbk+Qm")
                .owner(true)
                .with_limited_by(true)
                .with_profile_uid(false)
                .error_trace(true)
                .filter_path("api_keys.id")
                .human(false)
                .pretty(true),
        ),
        "GET",
        "/_security/api_key?active_only=true&id=VuaCfGcB%2FCdbk%2BQm&owner=true&with_limited_by=true&with_profile_uid=false&error_trace=true&filter_path=api_keys.id&human=false&pretty=true",
        None,
    );
    // By name (wildcards kept, spaces escaped).
    assert_wire(
        &build(&GetApiKey::new().name("my key*").owner(true)),
        "GET",
        "/_security/api_key?name=my%20key*&owner=true",
        None,
    );
    // By owner's realm and username.
    assert_wire(
        &build(&GetApiKey::new().username("myuser").realm_name("native1")),
        "GET",
        "/_security/api_key?realm_name=native1&username=myuser",
        None,
    );
    assert_wire(
        &build(&GetApiKey::new().owner(false).username("u")),
        "GET",
        "/_security/api_key?owner=false&username=u",
        None,
    );
}

#[test]
fn get_api_key_refuses_documented_conflicts_before_sending() {
    assert_refused(
        &GetApiKey::new().id("a").name("b"),
        "`id` and `name` cannot be used together",
    );
    assert_refused(
        &GetApiKey::new().id("a").realm_name("native1"),
        "`id` and `realm_name`",
    );
    assert_refused(
        &GetApiKey::new().name("b").username("u"),
        "`name` and `username`",
    );
    assert_refused(
        &GetApiKey::new().owner(true).username("u"),
        "`username` cannot be used when `owner` is true",
    );
    assert_refused(
        &GetApiKey::new().owner(true).realm_name("r"),
        "`realm_name` cannot be used when `owner` is true",
    );
    // The refusal also covers the raw answer path.
    assert!(GetApiKey::new()
        .id("a")
        .name("b")
        .raw()
        .request_parts()
        .is_err());
}

const CROSS_CLUSTER_AND_INVALIDATED: &str = r#"{"api_keys":[
  {"id":"ccs-1","name":"replication-key","type":"cross_cluster","creation":1700000000000,
   "expiration":null,"invalidated":false,"username":"admin","realm":"native1","realm_type":"native",
   "metadata":{"purpose":"ccr","tier":{"level":2}},
   "role_descriptors":{"cross_cluster":{"cluster":["cross_cluster_search","cross_cluster_replication"],
     "indices":[{"names":["logs*"],"privileges":["read","read_cross_cluster","view_index_metadata"],
       "field_security":{"grant":["*"],"except":["private"]},"query":"{\"term\":{\"public\":true}}",
       "allow_restricted_indices":false},
      {"names":["archive*"],"privileges":["cross_cluster_replication","cross_cluster_replication_internal"],
       "allow_restricted_indices":false}],
     "applications":[],"run_as":[],"metadata":{},"transient_metadata":{"enabled":true}}},
   "access":{"search":[{"names":["logs*"],"query":{"term":{"public":true}},
       "field_security":{"grant":["*"],"except":["private"]}}],
     "replication":[{"names":["archive*"]}]},
   "profile_uid":"u_kd2JMqwUQwMO8BWatXUQ2UwJVlhvkZHuyBT9WGTHjWc_0"},
  {"id":"old-1","name":"app-key","type":"rest","creation":1600000000000,"expiration":1600086400000,
   "invalidated":true,"invalidation":1650000000000,"username":"svc","realm":"file","realm_type":"file",
   "metadata":{},"role_descriptors":{},
   "limited_by":[{"svc-role":{"cluster":["monitor","manage_connector"],"indices":[{"names":["*"],"privileges":["read"],
      "allow_restricted_indices":false}],"remote_indices":[{"clusters":["eu-*"],"names":["x"],"privileges":["read"]}],
      "applications":[],"run_as":[],"metadata":{"version":3},"transient_metadata":{"enabled":true},
      "description":"from 8.15 on"}}],
   "future_field":{"x":1}},
  {"id":"nameless","name":null,"creation":1500000000000,"invalidated":false,"username":"u",
   "realm":"r","metadata":{},"role_descriptors":{}}
]}"#;

#[test]
fn get_api_key_decodes_realistic_answers() {
    let got = decode::<GetApiKey>(CROSS_CLUSTER_AND_INVALIDATED);
    assert_eq!(got.api_keys.len(), 3);

    let ccs = &got.api_keys[0];
    assert!(ccs.is_cross_cluster());
    assert_eq!(ccs.key_type, Some(ApiKeyType::CrossCluster));
    assert_eq!(ccs.expiration, None);
    assert_eq!(ccs.metadata.parse().unwrap()["tier"]["level"], 2);
    let roles = ccs.role_descriptors.parse().unwrap();
    let role = &roles["cross_cluster"];
    assert_eq!(role.cluster[1], ClusterPrivilege::CrossClusterReplication);
    assert_eq!(role.indices[1].names.as_slice(), ["archive*"]);
    let access = ccs.access.as_ref().unwrap();
    assert_eq!(access.search[0].names.as_slice(), ["logs*"]);
    assert_eq!(access.replication[0].names.as_slice(), ["archive*"]);
    assert_eq!(
        ccs.profile_uid.as_deref(),
        Some("u_kd2JMqwUQwMO8BWatXUQ2UwJVlhvkZHuyBT9WGTHjWc_0")
    );

    let old = &got.api_keys[1];
    assert_eq!(old.key_type, Some(ApiKeyType::Rest));
    assert!(old.invalidated);
    assert_eq!(old.invalidation, Some(1650000000000));
    assert!(old.metadata.is_empty());
    assert!(old.role_descriptors.is_empty());
    assert!(old.role_descriptors.parse().unwrap().is_empty());
    let limited_by = old.limited_by.as_ref().unwrap().parse().unwrap();
    let limited = &limited_by[0]["svc-role"];
    assert_eq!(
        limited.cluster[1],
        ClusterPrivilege::Other("manage_connector".into())
    );
    assert_eq!(limited.remote_indices[0].clusters.as_slice(), ["eu-*"]);
    assert_eq!(limited.description.as_deref(), Some("from 8.15 on"));

    let nameless = &got.api_keys[2];
    assert_eq!(nameless.name, None);
    assert_eq!(nameless.key_type, None);
    assert_eq!(nameless.sort, None);
}

#[test]
fn get_api_key_decodes_the_documented_answers() {
    let dir = spec("get_api_key_decodes_the_documented_answers");
    let answers = examples(&dir, "security.get_api_key", "response");
    assert_eq!(answers.len(), 2);
    let first = decode::<GetApiKey>(&answers[0].raw);
    let key = &first.api_keys[0];
    assert_eq!(key.id, "VuaCfGcBCdbkQm-e5aOx");
    assert_eq!(key.realm_type.as_deref(), Some("native"));
    assert_eq!(key.metadata.parse().unwrap()["application"], "myapp");
    let limited_by = key.limited_by.as_ref().unwrap().parse().unwrap();
    let limited = &limited_by[0]["role-power-user"];
    assert_eq!(limited.cluster, [ClusterPrivilege::Monitor]);
    assert_eq!(limited.indices[0].allow_restricted_indices, Some(false));

    let second = decode::<GetApiKey>(&answers[1].raw);
    assert_eq!(second.api_keys.len(), 2);
    assert_eq!(
        second.api_keys[0].role_descriptors.parse().unwrap()["role-a"].indices[0]
            .names
            .as_slice(),
        ["index-a"]
    );
    assert_eq!(second.api_keys[1].expiration, None);
}

#[test]
fn get_api_key_decode_errors_name_the_path() {
    let err = GetApiKey::decode(es_response(
        200,
        r#"{"api_keys":[{"id":"a","creation":"yesterday"}]}"#,
    ))
    .unwrap_err();
    match err {
        Error::Decode { path, endpoint, .. } => {
            assert_eq!(endpoint, "security.get_api_key");
            assert_eq!(path, "api_keys[0].creation");
        }
        other => panic!("{other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// query_api_keys
// ---------------------------------------------------------------------------------------------

#[test]
fn query_api_keys_minimal() {
    assert_wire(
        &build(&QueryApiKeys::new()),
        "GET",
        "/_security/_query/api_key",
        None,
    );
}

#[test]
fn query_api_keys_all_parameters() {
    let req = build(
        &QueryApiKeys::new()
            .typed_keys(true)
            .with_limited_by(true)
            .with_profile_uid(true)
            .query(ApiKeyQuery::ids(["VuaCfGcBCdbkQm-e5aOx"]))
            .from(20u32)
            .size(10u32)
            .sort([SortCombinations::from(
                SortOptions::new("creation")
                    .order(SortOrder::Desc)
                    .format("date_time"),
            )])
            .search_after([
                FieldValue::from("2021-08-18T01:29:14.811Z"),
                "app1-key-79".into(),
            ])
            .aggregation("names", ApiKeyAggregation::terms("name"))
            .error_trace(false)
            .filter_path(["total", "api_keys._sort"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/_query/api_key?typed_keys=true&with_limited_by=true&with_profile_uid=true&error_trace=false&filter_path=total,api_keys._sort&human=true&pretty=true",
        Some(json!({
            "aggregations": {"names": {"terms": {"field": "name"}}},
            "query": {"ids": {"values": ["VuaCfGcBCdbkQm-e5aOx"]}},
            "from": 20,
            "sort": [{"creation": {"order": "desc", "format": "date_time"}}],
            "size": 10,
            "search_after": ["2021-08-18T01:29:14.811Z", "app1-key-79"]
        })),
    );
    // Field order on the wire is the spec's.
    assert_body_bytes(
        &build(
            &QueryApiKeys::new()
                .size(1u32)
                .from(2u32)
                .query(ApiKeyQuery::match_all()),
        ),
        r#"{"query":{"match_all":{}},"from":2,"size":1}"#,
    );
}

#[test]
fn query_api_keys_documented_pagination_request() {
    // Example 2 of the reference, built with the typed DSL.
    let query = BoolQuery::new()
        .must(ApiKeyQuery::prefix("name", "app1-key-"))
        .must(ApiKeyQuery::term("invalidated", "false"))
        .must_not(ApiKeyQuery::term("name", "app1-key-01"))
        .filter(ApiKeyQuery::wildcard("username", "org-*-user"))
        .filter(ApiKeyQuery::term("metadata.environment", "production"));
    let req = build(
        &QueryApiKeys::new()
            .query(query)
            .from(20u32)
            .size(10u32)
            .sort([
                SortCombinations::from(
                    SortOptions::new("creation")
                        .order(SortOrder::Desc)
                        .format("date_time"),
                ),
                "name".into(),
            ]),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/_query/api_key",
        Some(json!({
            "query": {"bool": {
                "must": [{"prefix": {"name": {"value": "app1-key-"}}},
                         {"term": {"invalidated": {"value": "false"}}}],
                "must_not": [{"term": {"name": {"value": "app1-key-01"}}}],
                "filter": [{"wildcard": {"username": {"value": "org-*-user"}}},
                           {"term": {"metadata.environment": {"value": "production"}}}]
            }},
            "from": 20,
            "size": 10,
            "sort": [{"creation": {"order": "desc", "format": "date_time"}}, "name"]
        })),
    );
}

#[test]
fn query_dsl_serializes_every_supported_query() {
    let all = BoolQuery::new()
        .must(MatchAllQuery::default().boost(1.5).query_name("all"))
        .must(
            TermQuery::new("name", "k1")
                .case_insensitive(true)
                .boost(2.0),
        )
        .must(TermsQuery::new("realm", ["native1", "file"]).query_name("t"))
        .must(
            MatchQuery::new("metadata.description", "blue sky")
                .operator(Operator::And)
                .query_name("m"),
        )
        .must(IdsQuery::new(["a", "b"]))
        .must(PrefixQuery::new("username", "org-").case_insensitive(false))
        .must(WildcardQuery::new("name", "app?-*").boost(0.5))
        .should(ExistsQuery::new("expiration"))
        .should(
            RangeQuery::date("creation")
                .gte("now-1d/d")
                .lt("now")
                .time_zone("+01:00"),
        )
        .should(RangeQuery::number("metadata.level").gt(1.0).lte(5.0))
        .should(
            SimpleQueryStringQuery::new("key* + -old")
                .fields(["name", "metadata.*"])
                .default_operator(Operator::Or),
        )
        .should(ApiKeyQuery::Raw(json!({"term": {"type": "rest"}})))
        .minimum_should_match(1)
        .boost(1.0)
        .query_name("everything");
    let mut sqs = SimpleQueryStringQuery::new("x");
    sqs.flags = Some(
        [SimpleQueryStringFlag::And, SimpleQueryStringFlag::Prefix]
            .into_iter()
            .collect(),
    );
    sqs.lenient = Some(true);
    let mut terms_lookup = TermsQuery::new("name", Vec::<String>::new());
    terms_lookup.terms = TermsQueryField::Lookup(TermsLookup {
        index: "my-index".into(),
        id: "1".into(),
        path: "names".into(),
        routing: None,
    });
    let all = all.filter(sqs).filter(terms_lookup);
    assert_eq!(
        serde_json::to_value(ApiKeyQuery::from(all)).unwrap(),
        json!({"bool": {
            "must": [
                {"match_all": {"boost": 1.5, "_name": "all"}},
                {"term": {"name": {"value": "k1", "case_insensitive": true, "boost": 2.0}}},
                {"terms": {"realm": ["native1", "file"], "_name": "t"}},
                {"match": {"metadata.description": {"query": "blue sky", "operator": "and", "_name": "m"}}},
                {"ids": {"values": ["a", "b"]}},
                {"prefix": {"username": {"value": "org-", "case_insensitive": false}}},
                {"wildcard": {"name": {"value": "app?-*", "boost": 0.5}}}
            ],
            "should": [
                {"exists": {"field": "expiration"}},
                {"range": {"creation": {"gte": "now-1d/d", "lt": "now", "time_zone": "+01:00"}}},
                {"range": {"metadata.level": {"gt": 1.0, "lte": 5.0}}},
                {"simple_query_string": {"query": "key* + -old", "fields": ["name", "metadata.*"],
                                         "default_operator": "or"}},
                {"term": {"type": "rest"}}
            ],
            "filter": [
                {"simple_query_string": {"query": "x", "flags": "AND|PREFIX", "lenient": true}},
                {"terms": {"name": {"index": "my-index", "id": "1", "path": "names"}}}
            ],
            "minimum_should_match": 1,
            "boost": 1.0,
            "_name": "everything"
        }})
    );
}

#[test]
fn aggregations_serialize_every_supported_kind() {
    let aggs = QueryApiKeys::new()
        .aggregation(
            "by_realm",
            ApiKeyAggregation::from(
                TermsAggregation::field("realm")
                    .size(5)
                    .order(("_count", SortOrder::Desc)),
            )
            .aggregation("owners", ApiKeyAggregation::cardinality("username"))
            .aggregation("n", ApiKeyAggregation::value_count("name"))
            .meta(meta(json!({"ui": "chart"}))),
        )
        .aggregation(
            "levels",
            ApiKeyAggregation::from(RangeAggregation {
                field: Some("metadata.level".into()),
                ranges: vec![
                    AggregationRange {
                        to: Some(2.0),
                        ..Default::default()
                    },
                    AggregationRange {
                        from: Some(2.0),
                        key: Some("high".into()),
                        ..Default::default()
                    },
                ],
                keyed: Some(true),
                ..Default::default()
            }),
        )
        .aggregation(
            "created",
            ApiKeyAggregation::from(DateRangeAggregation {
                field: Some("creation".into()),
                format: Some("yyyy-MM".into()),
                ranges: vec![
                    DateRangeExpression {
                        to: Some("now-1M/M".into()),
                        ..Default::default()
                    },
                    DateRangeExpression {
                        from: Some(1.6e12.into()),
                        ..Default::default()
                    },
                ],
                ..Default::default()
            }),
        )
        .aggregation("never_expire", ApiKeyAggregation::missing("expiration"))
        .aggregation(
            "pages",
            ApiKeyAggregation::from(
                CompositeAggregation::new()
                    .source("user", CompositeAggregationSource::terms("username"))
                    .source("realm", CompositeAggregationSource::terms("realm"))
                    .size(2)
                    .after(BTreeMap::from([
                        ("user".to_owned(), FieldValue::from("a")),
                        ("realm".to_owned(), FieldValue::from("native1")),
                    ])),
            ),
        )
        .aggregation(
            "active",
            ApiKeyAggregation::filter(ApiKeyQuery::term("invalidated", false)),
        )
        .aggregation(
            "kinds",
            ApiKeyAggregation::from(ApiKeyFiltersAggregation {
                other_bucket_key: Some("other".into()),
                ..ApiKeyFiltersAggregation::keyed([
                    ("rest", ApiKeyQuery::term("type", "rest")),
                    ("ccs", ApiKeyQuery::term("type", "cross_cluster")),
                ])
            }),
        );
    let req = build(&aggs);
    assert_eq!(
        body_json(&req),
        json!({"aggregations": {
            "by_realm": {
                "terms": {"field": "realm", "size": 5, "order": [{"_count": "desc"}]},
                "aggregations": {"owners": {"cardinality": {"field": "username"}},
                                 "n": {"value_count": {"field": "name"}}},
                "meta": {"ui": "chart"}
            },
            "levels": {"range": {"field": "metadata.level", "ranges": [{"to": 2.0}, {"from": 2.0, "key": "high"}], "keyed": true}},
            "created": {"date_range": {"field": "creation", "format": "yyyy-MM",
                        "ranges": [{"to": "now-1M/M"}, {"from": 1.6e12}]}},
            "never_expire": {"missing": {"field": "expiration"}},
            "pages": {"composite": {"after": {"realm": "native1", "user": "a"}, "size": 2,
                      "sources": [{"user": {"terms": {"field": "username"}}},
                                  {"realm": {"terms": {"field": "realm"}}}]}},
            "active": {"filter": {"term": {"invalidated": {"value": false}}}},
            "kinds": {"filters": {"filters": {"rest": {"term": {"type": {"value": "rest"}}},
                                              "ccs": {"term": {"type": {"value": "cross_cluster"}}}},
                                  "other_bucket_key": "other"}}
        }})
    );
    // Keyed filters keep the given order on the wire.
    let text = String::from_utf8(req.body().clone()).unwrap();
    assert!(text.find("\"rest\"").unwrap() < text.find("\"ccs\"").unwrap());
}

#[test]
fn query_api_keys_moves_a_colon_sort_to_the_query_string_like_the_python_client() {
    // Only field names, one with a colon: `sort` goes to the query string, first, escaped.
    let req = build(
        &QueryApiKeys::new()
            .with_profile_uid(true)
            .query(ApiKeyQuery::match_all())
            .sort(["creation:desc", "name"]),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/_query/api_key?sort=creation%3Adesc,name&with_profile_uid=true",
        Some(json!({"query": {"match_all": {}}})),
    );
    // Nothing else in the body: no body at all.
    assert_wire(
        &build(&QueryApiKeys::new().sort(["name:asc"])),
        "GET",
        "/_security/_query/api_key?sort=name%3Aasc",
        None,
    );
    // No colon, or not only names: the body keeps the sort.
    assert_wire(
        &build(&QueryApiKeys::new().sort(["name"])),
        "POST",
        "/_security/_query/api_key",
        Some(json!({"sort": ["name"]})),
    );
    assert_wire(
        &build(&QueryApiKeys::new().sort([
            SortCombinations::from("a:b"),
            SortOptions::new("creation").order(SortOrder::Asc).into(),
        ])),
        "POST",
        "/_security/_query/api_key",
        Some(json!({"sort": ["a:b", {"creation": {"order": "asc"}}]})),
    );
    // The declared query parameters stay the spec's.
    assert!(!<QueryApiKeys as Endpoint>::SPEC.query.contains(&"sort"));
}

#[test]
fn query_api_keys_sort_takes_every_form_of_the_spec() {
    let sent = |sort: Sort| body_json(&build(&QueryApiKeys::new().sort(sort)))["sort"].clone();
    // A field name, alone or in a list.
    assert_eq!(sent("name".into()), json!("name"));
    assert_eq!(sent(["name", "_doc"].into()), json!(["name", "_doc"]));
    // The `{field: order}` shorthand.
    assert_eq!(
        sent(("creation", SortOrder::Desc).into()),
        json!({"creation": "desc"})
    );
    // A field with options.
    assert_eq!(
        sent(
            SortOptions::new("expiration")
                .order(SortOrder::Asc)
                .missing("_first")
                .mode(SortMode::Min)
                .unmapped_type("date")
                .into()
        ),
        json!({"expiration": {"order": "asc", "missing": "_first", "mode": "min", "unmapped_type": "date"}})
    );
    // A list mixing them, in the given order.
    assert_eq!(
        sent(
            [
                SortCombinations::from(("creation", SortOrder::Desc)),
                SortOptions::new("name").order(SortOrder::Asc).into(),
                "_doc".into(),
            ]
            .into()
        ),
        json!([{"creation": "desc"}, {"name": {"order": "asc"}}, "_doc"])
    );
    // A single field name with a colon goes to the query string, as the Python client does.
    assert_wire(
        &build(&QueryApiKeys::new().sort("creation:desc")),
        "GET",
        "/_security/_query/api_key?sort=creation%3Adesc",
        None,
    );
}

#[test]
fn query_api_keys_sort_reads_every_form_from_json() {
    let forms = json!([
        "name",
        {"creation": "desc"},
        {"expiration": {"order": "asc", "missing": "_last", "format": "date_time"}},
        {"_script": {"type": "number", "script": {"source": "1"}, "order": "asc"}},
    ]);
    let sort: Sort = serde_json::from_value(forms.clone()).unwrap();
    let criteria = sort.criteria();
    assert_eq!(criteria[0], SortCombinations::Field("name".into()));
    assert_eq!(
        criteria[1],
        SortCombinations::Order {
            field: "creation".into(),
            order: SortOrder::Desc
        }
    );
    assert_eq!(
        criteria[2],
        SortCombinations::Options(
            SortOptions::new("expiration")
                .order(SortOrder::Asc)
                .missing("_last")
                .format("date_time")
        )
    );
    // A sort the types do not model is kept whole, not dropped.
    assert!(matches!(criteria[3], SortCombinations::Raw(_)));
    assert_eq!(criteria[3].field(), Some("_script"));
    // And each is written back as it came.
    assert_eq!(serde_json::to_value(&sort).unwrap(), forms);
    let one: Sort = serde_json::from_value(json!({"creation": "asc"})).unwrap();
    assert!(matches!(one, Sort::One(SortCombinations::Order { .. })));
    assert!(serde_json::from_value::<Sort>(json!(7)).is_err());
}

#[test]
fn query_api_keys_body_from_json_accepts_aggs_and_sends_aggregations() {
    // A body as a user copies it from the reference or the Kibana console: `aggs` at the top
    // and in a sub-aggregation.
    let body: QueryApiKeysBody = serde_json::from_value(json!({
        "size": 0,
        "query": {"bool": {"filter": [{"term": {"invalidated": false}}]}},
        "sort": [{"creation": "desc"}, "_doc"],
        "aggs": {
            "by_realm": {
                "terms": {"field": "realm"},
                "aggs": {"owners": {"cardinality": {"field": "username"}}},
                "meta": {"k": 1}
            }
        }
    }))
    .unwrap();
    assert!(body.aggregations.as_ref().unwrap().contains_key("by_realm"));
    let req = build(&QueryApiKeys::new().body(body));
    assert_wire(
        &req,
        "POST",
        "/_security/_query/api_key",
        Some(json!({
            "aggregations": {
                "by_realm": {
                    "terms": {"field": "realm"},
                    "aggregations": {"owners": {"cardinality": {"field": "username"}}},
                    "meta": {"k": 1}
                }
            },
            "query": {"bool": {"filter": [{"term": {"invalidated": false}}]}},
            "sort": [{"creation": "desc"}, "_doc"],
            "size": 0
        })),
    );
    // `aggregations` itself is read too; both at once, or an unknown field, are refused.
    let plain: QueryApiKeysBody =
        serde_json::from_value(json!({"aggregations": {"n": {"value_count": {"field": "name"}}}}))
            .unwrap();
    assert_eq!(
        serde_json::to_value(&plain).unwrap(),
        json!({"aggregations": {"n": {"value_count": {"field": "name"}}}})
    );
    let both = serde_json::from_value::<QueryApiKeysBody>(json!({"aggs": {}, "aggregations": {}}));
    assert!(both.unwrap_err().to_string().contains("cannot both be set"));
    let unknown = serde_json::from_value::<QueryApiKeysBody>(json!({"_source": false}));
    assert!(unknown
        .unwrap_err()
        .to_string()
        .contains("unknown field `_source`"));
    let nested_both = serde_json::from_value::<QueryApiKeysBody>(json!({"aggs": {
        "a": {"terms": {"field": "name"}, "aggs": {}, "aggregations": {}}
    }}));
    assert!(nested_both.is_err());
}

#[test]
fn query_api_keys_raw_body_is_sent_as_is() {
    let req = build(
        &QueryApiKeys::new()
            .sort(["x:y"])
            .raw_body(json!({"query": {"term": {"name": "k"}}, "sort": ["x:y"]})),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/_query/api_key",
        Some(json!({"query": {"term": {"name": "k"}}, "sort": ["x:y"]})),
    );
}

#[test]
fn query_api_keys_decodes_sort_values_and_typed_aggregations() {
    let answer = decode::<QueryApiKeys>(
        r#"{"total":3,"count":2,"api_keys":[
          {"id":"k1","name":"app1-key-79","type":"rest","creation":1629250154811,"invalidated":false,
           "username":"org-admin-user","realm":"native1","realm_type":"native","metadata":{"environment":"production"},
           "role_descriptors":{},"_sort":["2021-08-18T01:29:14.811Z","app1-key-79",17]},
          {"id":"k2","name":"app1-key-78","creation":1629250153794,"invalidated":true,"invalidation":1629250160000,
           "username":"org-admin-user","realm":"native1","metadata":{},"role_descriptors":{},"_sort":[1629250153794,null]}
        ],
        "aggregations":{
          "sterms#by_realm":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,
             "buckets":[{"key":"native1","doc_count":2,"cardinality#owners":{"value":1}}]},
          "lterms#by_level":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,
             "buckets":[{"key":2,"doc_count":1}]},
          "range#levels":{"buckets":{"*-2.0":{"to":2.0,"doc_count":0},"high":{"from":2.0,"doc_count":1}}},
          "date_range#created":{"buckets":[{"key":"*-2021-08","to":1.6279776E12,"to_as_string":"2021-08","doc_count":0}]},
          "missing#never_expire":{"doc_count":2},
          "filter#active":{"doc_count":1,"value_count#n":{"value":1.0}},
          "filters#kinds":{"buckets":{"rest":{"doc_count":1},"ccs":{"doc_count":0}}},
          "composite#pages":{"after_key":{"user":"org-admin-user"},
             "buckets":[{"key":{"user":"org-admin-user"},"doc_count":2}]},
          "umterms#nothing":{"doc_count_error_upper_bound":0,"sum_other_doc_count":0,"buckets":[]},
          "value_count#n":{"value":2.0}
        }}"#,
    );
    assert_eq!((answer.total, answer.count), (3, 2));
    assert_eq!(
        answer.api_keys[0].sort.as_deref(),
        Some(
            &[
                FieldValue::from("2021-08-18T01:29:14.811Z"),
                FieldValue::from("app1-key-79"),
                FieldValue::Long(17)
            ][..]
        )
    );
    assert_eq!(
        answer.api_keys[1].sort.as_deref(),
        Some(&[FieldValue::Long(1629250153794), FieldValue::Null][..])
    );
    assert_eq!(answer.api_keys[1].invalidation, Some(1629250160000));

    let aggs = answer.aggregations.unwrap();
    assert_eq!(aggs.len(), 10);
    let realms = aggs.get("by_realm").unwrap().as_string_terms().unwrap();
    let native = realms.buckets.iter().next().unwrap();
    assert_eq!(native.key.as_str(), Some("native1"));
    assert_eq!(native.doc_count, 2);
    assert_eq!(
        native.aggregations.get("owners").unwrap().value(),
        Some(1.0)
    );
    match aggs.get("by_level").unwrap() {
        ApiKeyAggregate::LongTerms(t) => assert_eq!(t.buckets.iter().next().unwrap().key, 2),
        other => panic!("{other:?}"),
    }
    match aggs.get("levels").unwrap() {
        ApiKeyAggregate::Range(r) => {
            assert_eq!(r.buckets.get("high").unwrap().doc_count, 1);
            assert_eq!(r.buckets.get("*-2.0").unwrap().to, Some(2.0));
        }
        other => panic!("{other:?}"),
    }
    match aggs.get("created").unwrap() {
        ApiKeyAggregate::DateRange(r) => assert_eq!(
            r.buckets.iter().next().unwrap().to_as_string.as_deref(),
            Some("2021-08")
        ),
        other => panic!("{other:?}"),
    }
    assert!(
        matches!(aggs.get("never_expire"), Some(ApiKeyAggregate::Missing(m)) if m.doc_count == 2)
    );
    match aggs.get("active").unwrap() {
        ApiKeyAggregate::Filter(f) => {
            assert_eq!(f.aggregations.get("n").unwrap().value(), Some(1.0))
        }
        other => panic!("{other:?}"),
    }
    match aggs.get("kinds").unwrap() {
        ApiKeyAggregate::Filters(f) => assert_eq!(f.buckets.get("rest").unwrap().doc_count, 1),
        other => panic!("{other:?}"),
    }
    let pages = aggs.get("pages").unwrap().as_composite().unwrap();
    assert_eq!(
        pages.after_key.as_ref().unwrap()["user"].as_str(),
        Some("org-admin-user")
    );
    assert!(
        matches!(aggs.get("nothing"), Some(ApiKeyAggregate::UnmappedTerms(t)) if t.buckets.is_empty())
    );
    assert_eq!(aggs.get("n").unwrap().value(), Some(2.0));
}

#[test]
fn query_api_keys_without_typed_keys_keeps_json() {
    let answer = decode::<QueryApiKeys>(
        r#"{"total":0,"count":0,"api_keys":[],"aggregations":{"by_realm":{"buckets":[{"key":"native1","doc_count":4}],
        "doc_count_error_upper_bound":0,"sum_other_doc_count":0}}}"#,
    );
    let aggs = answer.aggregations.unwrap();
    let untyped = aggs.get("by_realm").unwrap();
    assert!(matches!(untyped, ApiKeyAggregate::Untyped(_)));
    let terms: StringTermsAggregate = untyped.decode_as().unwrap();
    assert_eq!(terms.buckets.iter().next().unwrap().doc_count, 4);
}

#[test]
fn query_api_keys_decodes_the_documented_answers() {
    let dir = spec("query_api_keys_decodes_the_documented_answers");
    let answers = examples(&dir, "security.query_api_keys", "response");
    assert_eq!(answers.len(), 3);
    let by_id = decode::<QueryApiKeys>(&answers[0].raw);
    assert!(by_id.api_keys[0].limited_by.is_some());
    let paged = decode::<QueryApiKeys>(&answers[1].raw);
    assert_eq!((paged.total, paged.count), (100, 10));
    assert_eq!(
        paged.api_keys[1].sort.as_ref().unwrap()[1].as_str(),
        Some("app1-key-78")
    );
    let all = decode::<QueryApiKeys>(&answers[2].raw);
    assert_eq!(
        all.api_keys[0].role_descriptors.parse().unwrap()["role-a"].cluster,
        [ClusterPrivilege::Monitor]
    );
    assert_eq!(all.api_keys[1].metadata.parse().unwrap()["letter"], "b");
}

// ---------------------------------------------------------------------------------------------
// grant_api_key
// ---------------------------------------------------------------------------------------------

#[test]
fn grant_api_key_minimal() {
    let req =
        build(&GrantApiKey::new("my-api-key", "access_token").access_token("dGhpcy1pcy1ub3Q="));
    assert_wire(
        &req,
        "POST",
        "/_security/api_key/grant",
        Some(
            json!({"api_key": {"name": "my-api-key"}, "grant_type": "access_token",
                    "access_token": "dGhpcy1pcy1ub3Q="}),
        ),
    );
}

#[test]
fn grant_api_key_all_parameters() {
    let key = GrantedApiKey::new("another key")
        .expiration("1d")
        .role_descriptors(BTreeMap::from([("role-a".to_owned(), role_a())]))
        .metadata(meta(json!({"application": "my-application"})));
    let req = build(
        &GrantApiKey::new(key, ApiKeyGrantType::Password)
            .refresh(Refresh::True)
            .username("test_admin")
            .password("x-pack-test-password")
            .access_token("not-with-password")
            .run_as_user("test_user")
            .error_trace(true)
            .filter_path("id")
            .human(false)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        "/_security/api_key/grant?refresh=true&error_trace=true&filter_path=id&human=false&pretty=true",
        Some(json!({
            "api_key": {"name": "another key", "expiration": "1d",
                "role_descriptors": {"role-a": {"cluster": ["all"], "indices": [{"names": ["index-a*"], "privileges": ["read"]}]}},
                "metadata": {"application": "my-application"}},
            "grant_type": "password",
            "access_token": "not-with-password",
            "username": "test_admin",
            "password": "x-pack-test-password",
            "run_as": "test_user"
        })),
    );
    // `run_as_user` is the body's impersonation, not the run-as header.
    assert!(req.headers().get("es-security-runas-user").is_none());
    let shown = format!(
        "{:?}",
        GrantApiKey::new("k", "password").password("s3cr3t-pw")
    );
    assert!(!shown.contains("s3cr3t-pw"), "{shown}");
}

#[test]
fn grant_api_key_matches_the_documented_requests() {
    let dir = spec("grant_api_key_matches_the_documented_requests");
    let requests = examples(&dir, "security.grant_api_key", "request");
    let run_as = build(
        &GrantApiKey::new("another-api-key", "password")
            .username("test_admin")
            .password("x-pack-test-password")
            .run_as_user("test_user"),
    );
    assert_eq!(&body_json(&run_as), requests[1].value.as_ref().unwrap());
}

#[test]
fn grant_api_key_answer_becomes_credentials() {
    let granted = decode::<GrantApiKey>(
        r#"{"api_key":"ui2lp2axTNmsyakw9tvNnw","id":"VuaCfGcBCdbkQm-e5aOx","name":"my-api-key",
        "expiration":1544068612110,"encoded":"VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="}"#,
    );
    assert_eq!(
        granted.to_credentials().header_value().unwrap(),
        "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="
    );
    assert_eq!(granted.api_key.expose(), "ui2lp2axTNmsyakw9tvNnw");
}

// ---------------------------------------------------------------------------------------------
// invalidate_api_key
// ---------------------------------------------------------------------------------------------

#[test]
fn invalidate_api_key_minimal_is_a_delete_with_a_body() {
    let req = build(&InvalidateApiKey::new().ids(["VuaCfGcBCdbkQm-e5aOx"]));
    assert_wire(
        &req,
        "DELETE",
        "/_security/api_key",
        Some(json!({"ids": ["VuaCfGcBCdbkQm-e5aOx"]})),
    );
    assert_body_bytes(&req, r#"{"ids":["VuaCfGcBCdbkQm-e5aOx"]}"#);
    let owned = build(&InvalidateApiKey::new().owner(true));
    assert_wire(
        &owned,
        "DELETE",
        "/_security/api_key",
        Some(json!({"owner": true})),
    );
}

#[test]
fn invalidate_api_key_all_parameters() {
    assert_wire(
        &build(
            &InvalidateApiKey::new()
                .ids(["a", "b"])
                .owner(true)
                .error_trace(true)
                .filter_path(["invalidated_api_keys"])
                .human(true)
                .pretty(false),
        ),
        "DELETE",
        "/_security/api_key?error_trace=true&filter_path=invalidated_api_keys&human=true&pretty=false",
        Some(json!({"ids": ["a", "b"], "owner": true})),
    );
    assert_wire(
        &build(&InvalidateApiKey::new().id("legacy-id")),
        "DELETE",
        "/_security/api_key",
        Some(json!({"id": "legacy-id"})),
    );
    assert_wire(
        &build(&InvalidateApiKey::new().name("my-api-key").owner(false)),
        "DELETE",
        "/_security/api_key",
        Some(json!({"name": "my-api-key", "owner": false})),
    );
    assert_wire(
        &build(
            &InvalidateApiKey::new()
                .username("myuser")
                .realm_name("native1"),
        ),
        "DELETE",
        "/_security/api_key",
        Some(json!({"username": "myuser", "realm_name": "native1"})),
    );
}

#[test]
fn invalidate_api_key_refuses_documented_conflicts_before_sending() {
    assert_refused(
        &InvalidateApiKey::new(),
        "must be set unless `owner` is true",
    );
    assert_refused(
        &InvalidateApiKey::new().owner(false),
        "must be set unless `owner` is true",
    );
    assert_refused(
        &InvalidateApiKey::new().id("a").ids(["b"]),
        "`id` and `ids`",
    );
    assert_refused(
        &InvalidateApiKey::new().ids(["a"]).name("n"),
        "`ids` and `name`",
    );
    assert_refused(
        &InvalidateApiKey::new().ids(["a"]).username("u"),
        "`ids` and `username`",
    );
    assert_refused(
        &InvalidateApiKey::new().name("n").realm_name("r"),
        "`name` and `realm_name`",
    );
    assert_refused(
        &InvalidateApiKey::new().owner(true).realm_name("r"),
        "`realm_name` cannot be used when `owner` is true",
    );
    // The raw body escape hatch is sent as given.
    let raw = build(&InvalidateApiKey::new().raw_body(json!({"ids": ["x"], "name": "y"})));
    assert_wire(
        &raw,
        "DELETE",
        "/_security/api_key",
        Some(json!({"ids": ["x"], "name": "y"})),
    );
}

#[test]
fn invalidate_api_key_matches_the_documented_requests() {
    let dir = spec("invalidate_api_key_matches_the_documented_requests");
    let requests = examples(&dir, "security.invalidate_api_key", "request");
    assert_eq!(requests.len(), 6);
    let ours = [
        InvalidateApiKey::new().ids(["VuaCfGcBCdbkQm-e5aOx"]),
        InvalidateApiKey::new().name("my-api-key"),
        InvalidateApiKey::new().realm_name("native1"),
        InvalidateApiKey::new().username("myuser"),
        // Example 5 writes `"owner": "true"`; we send the boolean.
        InvalidateApiKey::new()
            .ids(["VuaCfGcBCdbkQm-e5aOx"])
            .owner(true),
        InvalidateApiKey::new()
            .username("myuser")
            .realm_name("native1"),
    ];
    for (i, (example, request)) in requests.iter().zip(ours).enumerate() {
        let req = build(&request);
        assert_eq!(req.method(), "DELETE");
        let mut expected = example.value.clone().unwrap();
        if i == 4 {
            expected["owner"] = json!(true);
        }
        assert_eq!(body_json(&req), expected, "{}", example.file.display());
    }
}

#[test]
fn invalidate_api_key_decodes() {
    let answer = decode::<InvalidateApiKey>(
        r#"{"invalidated_api_keys":["api-key-id-1"],"previously_invalidated_api_keys":["api-key-id-2","api-key-id-3"],
        "error_count":2,"error_details":[{"type":"exception","reason":"error occurred while invalidating api keys",
        "caused_by":{"type":"illegal_argument_exception","reason":"invalid api key id"}},
        {"type":"exception","reason":"error occurred while invalidating api keys",
        "caused_by":{"type":"illegal_argument_exception","reason":"invalid api key id"}}]}"#,
    );
    assert_eq!(answer.invalidated_api_keys, ["api-key-id-1"]);
    assert_eq!(answer.previously_invalidated_api_keys.len(), 2);
    assert_eq!(answer.error_count, 2);
    assert_eq!(
        answer.error_details[0]
            .caused_by
            .as_ref()
            .unwrap()
            .error_type,
        "illegal_argument_exception"
    );
    let none = decode::<InvalidateApiKey>(
        r#"{"invalidated_api_keys":[],"previously_invalidated_api_keys":[],"error_count":0}"#,
    );
    assert!(none.error_details.is_empty());
}

// ---------------------------------------------------------------------------------------------
// update_api_key
// ---------------------------------------------------------------------------------------------

#[test]
fn update_api_key_minimal_sends_no_body() {
    assert_wire(
        &build(&UpdateApiKey::new("VuaCfGcBCdbkQm-e5aOx")),
        "PUT",
        "/_security/api_key/VuaCfGcBCdbkQm-e5aOx",
        None,
    );
    assert!(UpdateApiKey::new("").request_parts().is_err());
}

#[test]
fn update_api_key_all_parameters() {
    let req = build(
        &UpdateApiKey::new("key/1 é")
            .role_descriptors(BTreeMap::from([(
                "role-a".to_owned(),
                RoleDescriptor {
                    indices: vec![IndicesPrivileges::new(["*"], ["write"])],
                    ..Default::default()
                },
            )]))
            .metadata(meta(
                json!({"environment": {"level": 2, "trusted": true, "tags": ["production"]}}),
            ))
            .expiration("30d")
            .error_trace(true)
            .filter_path("updated")
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "PUT",
        "/_security/api_key/key%2F1%20%C3%A9?error_trace=true&filter_path=updated&human=true&pretty=true",
        Some(json!({
            "role_descriptors": {"role-a": {"indices": [{"names": ["*"], "privileges": ["write"]}]}},
            "metadata": {"environment": {"level": 2, "trusted": true, "tags": ["production"]}},
            "expiration": "30d"
        })),
    );
    // An empty map is sent: it removes the key's role descriptors (documented example 2).
    assert_wire(
        &build(&UpdateApiKey::new("VuaCfGcBCdbkQm-e5aOx").role_descriptors(BTreeMap::new())),
        "PUT",
        "/_security/api_key/VuaCfGcBCdbkQm-e5aOx",
        Some(json!({"role_descriptors": {}})),
    );
}

#[test]
fn update_api_key_decodes() {
    assert!(decode::<UpdateApiKey>(r#"{"updated":true}"#).updated);
    assert!(!decode::<UpdateApiKey>(r#"{"updated":false}"#).updated);
}

// ---------------------------------------------------------------------------------------------
// clear_api_key_cache
// ---------------------------------------------------------------------------------------------

#[test]
fn clear_api_key_cache_minimal_and_all_parameters() {
    assert_wire(
        &build(&ClearApiKeyCache::new("yVGMr3QByxdh1MSaicYx")),
        "POST",
        "/_security/api_key/yVGMr3QByxdh1MSaicYx/_clear_cache",
        None,
    );
    assert_wire(
        &build(
            &ClearApiKeyCache::new(["a b", "c/d"])
                .error_trace(false)
                .filter_path("nodes")
                .human(false)
                .pretty(true),
        ),
        "POST",
        "/_security/api_key/a%20b,c%2Fd/_clear_cache?error_trace=false&filter_path=nodes&human=false&pretty=true",
        None,
    );
    assert_wire(
        &build(&ClearApiKeyCache::new("*")),
        "POST",
        "/_security/api_key/*/_clear_cache",
        None,
    );
    assert!(ClearApiKeyCache::new(Vec::<String>::new())
        .request_parts()
        .is_err());
}

#[test]
fn clear_api_key_cache_decodes() {
    let answer = decode::<ClearApiKeyCache>(
        r#"{"_nodes":{"total":2,"successful":2,"failed":0},"cluster_name":"my-cluster",
        "nodes":{"n1":{"name":"node-1"},"n2":{"name":"node-2"}}}"#,
    );
    assert_eq!(answer.cluster_name, "my-cluster");
    assert_eq!(answer.node_stats.successful, 2);
    assert_eq!(answer.nodes["n2"].name, "node-2");
}

#[test]
fn an_unexpected_role_descriptor_does_not_fail_the_listing() {
    // A newer server's shape (here `cluster` as a string) only fails when that key's role
    // descriptors are read.
    let got = decode::<GetApiKey>(
        r#"{"api_keys":[{"id":"a","role_descriptors":{"r":{"cluster":"all"}}},
        {"id":"b","role_descriptors":{"r":{"cluster":["all"]}}}]}"#,
    );
    assert!(got.api_keys[0].role_descriptors.parse().is_err());
    assert_eq!(
        got.api_keys[1].role_descriptors.parse().unwrap()["r"].cluster,
        [ClusterPrivilege::All]
    );
    assert_eq!(
        got.api_keys[0].role_descriptors.json(),
        Some(r#"{"r":{"cluster":"all"}}"#)
    );
}
