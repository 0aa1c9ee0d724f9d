//! Wire-exact requests and typed answers of `query_user` (`users` group) and `query_role`
//! (`roles` group), with the query DSL and sort they share with `query_api_keys`.
//!
//! The documented examples come from the 9.5 specification data the repository carries.

mod common;
use common::*;
use security_core::roles::QueryRole;
use security_core::types::common::query::{
    BoolQuery, MatchQuery, PrefixQuery, RangeQuery, TermQuery, WildcardQuery,
};
use security_core::types::common::{FieldValue, SortCombinations, SortOptions, SortOrder};
use security_core::types::roles::RoleQuery;
use security_core::types::users::UserQuery;
use security_core::users::QueryUser;
use security_core::Endpoint;
use serde_json::json;

const ALL_COMMON: &str = "error_trace=true&filter_path=a.b,c%20d&human=true&pretty=true";

fn body_json(req: &http::Request<Vec<u8>>) -> serde_json::Value {
    serde_json::from_slice(req.body()).expect("a JSON body")
}

/// `METHOD /path?query` of a built request, as the examples' `method_request` writes it.
fn method_request(req: &http::Request<Vec<u8>>) -> String {
    format!(
        "{} {}",
        req.method(),
        req.uri().path_and_query().unwrap().as_str()
    )
}

// ---------------------------------------------------------------- query_user

#[test]
fn query_user_minimal() {
    let req = build(&QueryUser::new());
    assert_wire(&req, "GET", "/_security/_query/user", None);
}

#[test]
fn query_user_all_parameters_with_escaping() {
    let req = build(
        &QueryUser::new()
            .with_profile_uid(true)
            .query(UserQuery::term("full_name", "Jöe \"the\" O'Neil/ü"))
            .from(20u32)
            .size(5u32)
            .sort([
                SortCombinations::from("username"),
                SortCombinations::from(("enabled", SortOrder::Desc)),
                SortOptions::new("roles")
                    .order(SortOrder::Asc)
                    .missing("_last")
                    .into(),
                "_doc".into(),
            ])
            .search_after([FieldValue::from("jacknich"), FieldValue::Long(7)])
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        &format!("/_security/_query/user?with_profile_uid=true&{ALL_COMMON}"),
        Some(json!({
            "query": {"term": {"full_name": {"value": "Jöe \"the\" O'Neil/ü"}}},
            "from": 20,
            "size": 5,
            "sort": ["username", {"enabled": "desc"}, {"roles": {"order": "asc", "missing": "_last"}}, "_doc"],
            "search_after": ["jacknich", 7]
        })),
    );
    // The body is what the typed builder serialises, field for field.
    assert_body_bytes(
        &req,
        r#"{"query":{"term":{"full_name":{"value":"Jöe \"the\" O'Neil/ü"}}},"from":20,"sort":["username",{"enabled":"desc"},{"roles":{"order":"asc","missing":"_last"}},"_doc"],"size":5,"search_after":["jacknich",7]}"#,
    );
}

#[test]
fn query_user_documented_requests() {
    let dir = spec_version("9.5");
    let examples = examples(&dir, "security.query_user", "request");
    assert_eq!(examples.len(), 2);

    // Example 1: users whose roles start with `other`, with their profile ids.
    let req = build(
        &QueryUser::new()
            .with_profile_uid(true)
            .query(PrefixQuery::new("roles", "other").shorthand()),
    );
    assert_eq!(
        Some(method_request(&req)),
        examples[0].method_request.clone()
    );
    assert_eq!(&body_json(&req), examples[0].value.as_ref().unwrap());

    // Example 2: a bool query, paged and sorted.
    let req = build(
        &QueryUser::new()
            .query(
                BoolQuery::new()
                    .must(WildcardQuery::new("email", "*example.com").shorthand())
                    .must(TermQuery::new("enabled", true).shorthand())
                    .filter(WildcardQuery::new("roles", "*other*").shorthand()),
            )
            .from(1u32)
            .size(2u32)
            .sort([SortOptions::new("username").order(SortOrder::Desc)]),
    );
    assert_eq!(
        Some(method_request(&req)),
        examples[1].method_request.clone()
    );
    assert_eq!(&body_json(&req), examples[1].value.as_ref().unwrap());
}

#[test]
fn query_user_documented_answers() {
    let dir = spec_version("9.5");
    let answers = examples(&dir, "security.query_user", "response");
    assert_eq!(answers.len(), 3);
    let with_profile = decode::<QueryUser>(&answers[0].raw);
    assert_eq!((with_profile.total, with_profile.count), (1, 1));
    assert_eq!(
        with_profile.users[0].user.profile_uid.as_deref(),
        Some("u_79HkWkwmnBH5gqFKwoxggWPjEBOur1zLPXQPEl1VBW0_0")
    );
    assert_eq!(with_profile.users[0].sort, None);
    let sorted = decode::<QueryUser>(&answers[1].raw);
    assert_eq!((sorted.total, sorted.count), (5, 2));
    assert_eq!(sorted.users[1].user.username, "lorraine");
    assert_eq!(
        sorted.users[1].sort.as_deref(),
        Some(&[FieldValue::from("lorraine")][..])
    );
    assert_eq!(sorted.users[0].user.metadata["intelligence"], 7);
    let all = decode::<QueryUser>(&answers[2].raw);
    assert_eq!(all.users.len(), 2);
    assert_eq!(all.users[1].user.roles, ["admin", "other_role1"]);
}

#[test]
fn query_user_answer_keeps_required_fields_required() {
    let err = QueryUser::decode(es_response(200, r#"{"total":1,"count":1}"#)).unwrap_err();
    assert!(err.to_string().contains("users"), "{err}");
    // Unknown fields of newer servers are ignored.
    let page = decode::<QueryUser>(
        r#"{"total":1,"count":1,"new":true,"users":[{"username":"u","roles":[],"metadata":{},"enabled":false,"x":1,"_sort":[1]}]}"#,
    );
    assert!(!page.users[0].user.enabled);
    assert_eq!(
        page.users[0].sort.as_deref(),
        Some(&[FieldValue::Long(1)][..])
    );
}

// ---------------------------------------------------------------- query_role

#[test]
fn query_role_minimal() {
    let req = build(&QueryRole::new());
    assert_wire(&req, "GET", "/_security/_query/role", None);
}

#[test]
fn query_role_all_parameters_with_escaping() {
    let req = build(
        &QueryRole::new()
            .query(
                BoolQuery::new()
                    .must(RoleQuery::match_text("description", "a \"b\" ü"))
                    .must_not(RoleQuery::terms(
                        "applications.application",
                        ["app/1", "app 2"],
                    ))
                    .filter(RangeQuery::number("metadata.version").gte(2.0)),
            )
            .from(0u32)
            .size(100u32)
            .sort([
                SortCombinations::from(("name", SortOrder::Asc)),
                "_doc".into(),
            ])
            .search_after([FieldValue::from("role/1"), FieldValue::Long(3)])
            .error_trace(true)
            .filter_path(["a.b", "c d"])
            .human(true)
            .pretty(true),
    );
    assert_wire(
        &req,
        "POST",
        &format!("/_security/_query/role?{ALL_COMMON}"),
        Some(json!({
            "query": {"bool": {
                "must": [{"match": {"description": {"query": "a \"b\" ü"}}}],
                "must_not": [{"terms": {"applications.application": ["app/1", "app 2"]}}],
                "filter": [{"range": {"metadata.version": {"gte": 2.0}}}]
            }},
            "from": 0,
            "size": 100,
            "sort": [{"name": "asc"}, "_doc"],
            "search_after": ["role/1", 3]
        })),
    );
}

#[test]
fn query_role_documented_requests() {
    let dir = spec_version("9.5");
    let examples = examples(&dir, "security.query_role", "request");
    assert_eq!(examples.len(), 2);

    // Example 1: every role, by name.
    let req = build(&QueryRole::new().sort(["name"]));
    assert_eq!(
        Some(method_request(&req)),
        examples[0].method_request.clone()
    );
    assert_eq!(&body_json(&req), examples[0].value.as_ref().unwrap());

    // Example 2: the best match on the description.
    let req = build(
        &QueryRole::new()
            .query(MatchQuery::new("description", "user access"))
            .size(1u32),
    );
    assert_eq!(
        Some(method_request(&req)),
        examples[1].method_request.clone()
    );
    assert_eq!(&body_json(&req), examples[1].value.as_ref().unwrap());
}

#[test]
fn query_role_documented_answers() {
    let dir = spec_version("9.5");
    let answers = examples(&dir, "security.query_role", "response");
    assert_eq!(answers.len(), 2);
    let by_name = decode::<QueryRole>(&answers[0].raw);
    assert_eq!((by_name.total, by_name.count), (2, 2));
    let admin = &by_name.roles[0];
    assert_eq!(admin.name, "my_admin_role");
    assert_eq!(
        admin.role.run_as.as_deref(),
        Some(&["other_user".to_owned()][..])
    );
    assert_eq!(
        admin.role.description.as_deref(),
        Some("Grants full access to all management features within the cluster.")
    );
    assert_eq!(
        admin.sort.as_deref(),
        Some(&[FieldValue::from("my_admin_role")][..])
    );
    // `name` and `_sort` are the queried role's own, not unknown role fields.
    assert!(!admin.role.other.contains_key("name"));
    assert!(!admin.role.other.contains_key("_sort"));
    let best = decode::<QueryRole>(&answers[1].raw);
    assert_eq!((best.total, best.count), (2, 1));
    assert_eq!(best.roles[0].sort, None);
    assert_eq!(
        best.roles[0].role.indices[0].names.as_slice(),
        ["index1", "index2"]
    );
}

// ---------------------------------------------------------------- the shared DSL

#[test]
fn short_forms_only_when_nothing_else_is_set() {
    // The short form cannot carry options: with one set, the long form is sent.
    let query = UserQuery::from(TermQuery::new("enabled", true).shorthand().boost(2.0));
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        json!({"term": {"enabled": {"value": true, "boost": 2.0}}})
    );
    let query = UserQuery::from(WildcardQuery::new("email", "*@example.com").shorthand());
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        json!({"wildcard": {"email": "*@example.com"}})
    );
    let query = RoleQuery::from(MatchQuery::new("description", "admin").shorthand());
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        json!({"match": {"description": "admin"}})
    );
    // Without a shortcut value (a wildcard given under its other name) the long form stays.
    let mut wildcard = WildcardQuery::new("email", "x").shorthand();
    wildcard.value = None;
    wildcard.wildcard = Some("*".into());
    assert_eq!(
        serde_json::to_value(UserQuery::from(wildcard)).unwrap(),
        json!({"wildcard": {"email": {"wildcard": "*"}}})
    );
}

#[test]
fn the_three_queries_are_one_type() {
    // One query value serves query_api_keys, query_user and query_role: the containers allow
    // the same query types.
    let query: UserQuery = UserQuery::prefix("name", "app");
    let as_role: RoleQuery = query.clone();
    let req = build(&QueryRole::new().query(as_role));
    assert_eq!(
        body_json(&req),
        json!({"query": {"prefix": {"name": {"value": "app"}}}})
    );
    let sort = SortCombinations::from(("name", SortOrder::Desc));
    assert_eq!(sort.field(), Some("name"));
    assert_eq!(sort.as_field(), None);
}
