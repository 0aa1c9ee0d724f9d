//! Server versions on the client: `info()` and what it remembers, `with_server_version`, calls
//! refused before sending, refusals of a server of unknown version, `compatible_with`.
// These tests use API-key endpoints: they run with the default features (the full test step).
#![cfg(feature = "api-keys")]

use security_client::mock::MockTransport;
use security_client::{Error, SecurityClient, Version};
use std::future::IntoFuture;

fn block_on<F: IntoFuture>(request: F) -> F::Output {
    futures::executor::block_on(request.into_future())
}

fn info_body(number: &str, flavor: &str) -> String {
    serde_json::json!({
        "name": "node-1", "cluster_name": "prod", "cluster_uuid": "5QaxoN0pRZuOmWSxstBBwQ",
        "version": {
            "number": number, "build_flavor": flavor, "build_type": "docker",
            "build_hash": "0a1b2c", "build_date": "2026-08-19T10:00:00.000Z", "build_snapshot": false,
            "lucene_version": "10.3.0", "minimum_wire_compatibility_version": "8.19.0",
            "minimum_index_compatibility_version": "8.0.0"
        },
        "tagline": "You Know, for Search"
    })
    .to_string()
}

/// A client whose transport records each request and gives the `answers` (status, body), in
/// order; a request beyond them fails.
fn client(answers: &[(u16, &str)]) -> (SecurityClient<MockTransport>, MockTransport) {
    let mock = answers
        .iter()
        .fold(MockTransport::new(), |mock, (status, body)| {
            mock.json(*status, body)
        });
    (
        SecurityClient::new("http://es.local:9200", mock.clone()).unwrap(),
        mock,
    )
}

fn paths(seen: &MockTransport) -> Vec<String> {
    seen.requests()
        .iter()
        .map(|r| r.uri().path().to_owned())
        .collect()
}

#[test]
fn info_remembers_the_version_and_too_new_calls_are_refused_before_sending() {
    // `GET /`, then the one call the server has.
    let (client, seen) = client(&[(200, &info_body("8.9.2", "default")), (200, "{}")]);
    assert_eq!(client.server_version(), None);
    let info = block_on(client.info()).unwrap();
    assert_eq!(info.cluster_name, "prod");
    assert_eq!(info.version.number, "8.9.2");
    assert_eq!(client.server_version(), Some(Version::new(8, 9, 2)));

    // A clone (and another identity) knows it too: it is the same cluster.
    let other = client.with_identity(security_client::Credentials::basic("u", "p"));
    let err = block_on(other.get_api_key().active_only(true)).unwrap_err();
    let Error::NeedsNewerServer(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.endpoint, "security.get_api_key");
    assert_eq!(e.parameter, Some("active_only"));
    assert_eq!(e.since, Version::new(8, 10, 0));
    assert_eq!(e.server, Some(Version::new(8, 9, 2)));
    assert_eq!(
        err.to_string(),
        "`active_only` of security.get_api_key needs Elasticsearch 8.10.0 or newer; the cluster runs 8.9.2 (nothing was sent)"
    );
    let err =
        block_on(client.clone_api_key(security_client::Secret::new("ZWxhc3RpYzpjaGFuZ2VtZQ==")))
            .unwrap_err();
    assert!(
        matches!(&err, Error::NeedsNewerServer(e) if e.parameter.is_none() && e.since == Version::new(9, 4, 0)),
        "{err:?}"
    );
    // Only `GET /` reached the server; the two refused calls sent nothing.
    assert_eq!(paths(&seen), ["/"]);

    // What the server has is sent, and no second `GET /`.
    let sent = block_on(client.get_api_key().name("ci"));
    assert!(!matches!(sent, Err(Error::NeedsNewerServer(_))), "{sent:?}");
    assert_eq!(paths(&seen), ["/", "/_security/api_key"]);
    assert_eq!(
        block_on(client.learn_server_version()).unwrap(),
        Some(Version::new(8, 9, 2))
    );
    assert_eq!(paths(&seen).len(), 2, "a known version is not asked again");
    assert_eq!(seen.remaining(), 0);
}

#[test]
fn learn_server_version_asks_once() {
    let (client, seen) = client(&[(200, &info_body("9.5.0", "default"))]);
    assert_eq!(
        block_on(client.learn_server_version()).unwrap(),
        Some(Version::new(9, 5, 0))
    );
    assert_eq!(
        block_on(client.learn_server_version()).unwrap(),
        Some(Version::new(9, 5, 0))
    );
    assert_eq!(paths(&seen), ["/"]);
}

#[test]
fn a_version_set_by_the_user_gates_the_same_way() {
    let (client, seen) = client(&[]);
    let client = client.with_server_version("8.14.3").unwrap();
    let err = block_on(client.put_role("analyst").description("reads")).unwrap_err();
    assert!(
        matches!(&err, Error::NeedsNewerServer(e) if e.parameter == Some("description") && e.since == Version::new(8, 15, 0)),
        "{err:?}"
    );
    assert!(paths(&seen).is_empty());
    assert!(
        SecurityClient::new("http://es.local:9200", MockTransport::new())
            .unwrap()
            .with_server_version("nine")
            .is_err()
    );
}

#[test]
fn a_serverless_answer_leaves_the_version_unknown() {
    let (client, _) = client(&[(200, &info_body("8.11.0", "serverless"))]);
    let info = block_on(client.info()).unwrap();
    assert_eq!(info.version.build_flavor, "serverless");
    assert_eq!(client.server_version(), None);
}

#[test]
fn without_a_known_version_a_refused_route_says_what_it_needs() {
    let (client, seen) = client(&[(
        400,
        r#"{"error":"no handler found for uri [/_security/api_key/_bulk_update] and method [POST]"}"#,
    )]);
    let err = block_on(client.bulk_update_api_keys(["k1"])).unwrap_err();
    let Error::NeedsNewerServer(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.endpoint, "security.bulk_update_api_keys");
    assert_eq!(e.since, Version::new(8, 5, 0));
    assert_eq!(e.server, None);
    assert_eq!(err.status(), Some(400));
    assert_eq!(paths(&seen), ["/_security/api_key/_bulk_update"]);
}

#[test]
fn compatible_with_changes_accept_and_content_type() {
    let (client, seen) = client(&[(200, r#"{"created":true}"#)]);
    let client = client.compatible_with(9);
    block_on(client.put_user("jacknich").password("l0ng-r4nd0m-p@ssw0rd")).unwrap();
    let seen = seen.requests();
    let media = "application/vnd.elasticsearch+json; compatible-with=9";
    assert_eq!(seen[0].headers()["accept"], media);
    assert_eq!(seen[0].headers()["content-type"], media);
}
