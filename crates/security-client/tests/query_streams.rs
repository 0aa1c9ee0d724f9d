//! The user and role streams (`query_user_stream`, `query_role_stream`): the paginator they
//! share with the API-key stream, over scripted pages. Checks what each request asks for
//! (`search_after`, `size`, `sort`), and that a server that does not move past `search_after`
//! ends the stream with an error instead of looping. A request the stream should not make finds
//! no scripted answer and fails the test.

use futures::executor::block_on;
use futures::{StreamExt, TryStreamExt};
use security_client::mock::MockTransport;
use security_client::roles::{QueryRole, RoleQuery};
use security_client::types::common::{FieldValue, SortCombinations, SortOrder};
use security_client::users::{QueryUser, UserQuery};
use security_client::{Error, SecurityClient};
use serde_json::{json, Value};

/// One answer under `list` (`users` or `roles`) out of `total`: `names`, each with `_sort`
/// `[name]`.
fn page(list: &str, total: usize, names: &[&str]) -> String {
    let page: Vec<Value> = names
        .iter()
        .map(|n| match list {
            "users" => json!({"username": n, "roles": ["r"], "metadata": {}, "enabled": true,
                              "_sort": [n]}),
            _ => json!({"name": n, "cluster": ["monitor"], "indices": [], "applications": [],
                          "run_as": [], "metadata": {}, "_sort": [n]}),
        })
        .collect();
    json!({"total": total, "count": page.len(), list: page}).to_string()
}

/// A client answered with `pages` (of `total` objects under `list`), in order.
fn server(
    list: &str,
    total: usize,
    pages: &[&[&str]],
) -> (SecurityClient<MockTransport>, MockTransport) {
    let mock = pages.iter().fold(MockTransport::new(), |mock, names| {
        mock.json(200, page(list, total, names))
    });
    let client = SecurityClient::new("http://es.local:9200", mock.clone()).unwrap();
    (client, mock)
}

/// A server that ignores `search_after`: every request gets the first page, `names`.
fn repeating(
    list: &str,
    total: usize,
    names: &[&str],
) -> (SecurityClient<MockTransport>, MockTransport) {
    let mock = MockTransport::new().fallback_json(200, page(list, total, names));
    let client = SecurityClient::new("http://es.local:9200", mock.clone()).unwrap();
    (client, mock)
}

/// What each request sent: method, URI, JSON body.
fn sent(mock: &MockTransport) -> Vec<(String, String, Value)> {
    mock.requests()
        .iter()
        .map(|r| {
            (
                r.method().to_string(),
                r.uri().to_string(),
                serde_json::from_slice(r.body()).unwrap(),
            )
        })
        .collect()
}

const USERS: &[&str] = &["ann", "bob", "cid", "dan", "eve", "fay", "gus"];

#[test]
fn users_page_by_username_with_search_after() {
    let (client, seen) = server(
        "users",
        USERS.len(),
        &[&USERS[..3], &USERS[3..6], &USERS[6..]],
    );
    let users: Vec<String> = block_on(
        client
            .query_user_stream(
                QueryUser::new()
                    .with_profile_uid(true)
                    .query(UserQuery::term("enabled", true))
                    .from(30u32)
                    .size(2u32),
            )
            .page_size(3)
            .map_ok(|u| u.user.username)
            .try_collect(),
    )
    .unwrap();
    assert_eq!(users, USERS);
    let seen = sent(&seen);
    // 7 users, 3 a page: 3 requests, the last one short.
    assert_eq!(seen.len(), 3);
    for (method, uri, _) in seen.iter() {
        assert_eq!(method, "POST");
        assert_eq!(
            uri,
            "http://es.local:9200/_security/_query/user?with_profile_uid=true"
        );
    }
    // No sort given: by username (unique, so it is also the tiebreaker); `from` dropped, `size`
    // is the page size, the query kept.
    assert_eq!(
        seen[0].2,
        json!({"query": {"term": {"enabled": {"value": true}}},
               "sort": [{"username": {"order": "asc"}}], "size": 3})
    );
    assert_eq!(seen[1].2["search_after"], json!(["cid"]));
    assert_eq!(seen[2].2["search_after"], json!(["fay"]));
}

#[test]
fn users_keep_the_callers_sort_and_start_with_the_tiebreaker_added() {
    let (client, seen) = server("users", USERS.len(), &[&USERS[4..]]);
    let users: Vec<String> = block_on(
        client
            .query_user_stream(
                QueryUser::new()
                    .sort([SortCombinations::from(("enabled", SortOrder::Desc))])
                    .search_after([FieldValue::from("dan")]),
            )
            .page_size(10)
            .map_ok(|u| u.user.username)
            .try_collect(),
    )
    .unwrap();
    assert_eq!(users, ["eve", "fay", "gus"]);
    let seen = sent(&seen);
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].2,
        json!({"sort": [{"enabled": "desc"}, "username"], "size": 10, "search_after": ["dan"]})
    );
}

#[test]
fn roles_page_by_name_with_search_after() {
    const ROLES: &[&str] = &["admin", "editor", "viewer", "writer"];
    let (client, seen) = server("roles", ROLES.len(), &[&ROLES[..2], &ROLES[2..], &[]]);
    let roles: Vec<(String, Vec<String>)> = block_on(
        client
            .query_role_stream(QueryRole::new().query(RoleQuery::exists("metadata")))
            .page_size(2)
            .map_ok(|r| {
                let cluster = r.role.cluster.iter().map(|c| c.as_str().to_owned());
                (r.name, cluster.collect())
            })
            .try_collect(),
    )
    .unwrap();
    let names: Vec<&str> = roles.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ROLES);
    assert_eq!(roles[0].1, ["monitor"]);
    let seen = sent(&seen);
    // 4 roles, 2 a page: the third page comes back empty and ends the stream.
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0].1, "http://es.local:9200/_security/_query/role");
    assert_eq!(
        seen[0].2,
        json!({"query": {"exists": {"field": "metadata"}},
               "sort": [{"name": {"order": "asc"}}], "size": 2})
    );
    assert_eq!(seen[1].2["search_after"], json!(["editor"]));
    assert_eq!(seen[2].2["search_after"], json!(["writer"]));
}

#[test]
fn a_role_sort_on_another_field_gets_the_name_as_tiebreaker() {
    let (client, seen) = server("roles", 2, &[&["a", "b"]]);
    let stream = client
        .query_role_stream(QueryRole::new().sort(["description"]))
        .page_size(5);
    let roles: Vec<_> = block_on(stream.try_collect::<Vec<_>>()).unwrap();
    assert_eq!(roles.len(), 2);
    let seen = sent(&seen);
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].2["sort"], json!(["description", "name"]));
}

/// Collects at most 50 items: without the check, a server that repeats pages never ends.
fn first_50<S, I>(stream: S) -> Vec<Result<I, Error>>
where
    S: futures::Stream<Item = Result<I, Error>>,
{
    block_on(stream.take(50).collect())
}

#[test]
fn a_server_that_ignores_search_after_ends_the_user_stream_with_an_error() {
    let (client, seen) = repeating("users", USERS.len(), &USERS[..3]);
    let results = first_50(client.query_user_stream(QueryUser::new()).page_size(3));
    assert_eq!(results.len(), 4, "{results:?}");
    assert!(results[..3].iter().all(Result::is_ok));
    match &results[3] {
        Err(Error::Pagination { endpoint, reason }) => {
            assert_eq!(*endpoint, "security.query_user");
            assert!(reason.contains("search_after"), "{reason}");
            assert!(reason.contains("cid"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    // The second page was asked for, and nothing after the error.
    assert_eq!(seen.requests().len(), 2);
}

#[test]
fn a_server_that_ignores_search_after_ends_the_role_stream_with_an_error() {
    let (client, seen) = repeating("roles", 3, &["a"]);
    let results = first_50(client.query_role_stream(QueryRole::new()).page_size(1));
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(matches!(
        &results[1],
        Err(Error::Pagination {
            endpoint: "security.query_role",
            ..
        })
    ));
    assert_eq!(seen.requests().len(), 2);
}

#[test]
fn streams_are_static_and_hold_one_page() {
    // Built from a temporary client: the stream owns a clone.
    let stream = {
        let (client, _) = server("users", USERS.len(), &[&USERS[..2]]);
        client.query_user_stream(QueryUser::new()).page_size(2)
    };
    fn is_static<S: 'static>(_: &S) {}
    is_static(&stream);
    let mut stream = stream;
    let first = block_on(stream.next()).unwrap().unwrap();
    assert_eq!(first.user.username, "ann");
    assert!(format!("{stream:?}").contains("draining a page"));
}
