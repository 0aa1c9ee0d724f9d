//! The test server as an Elastic Cloud Serverless project: `GET /`, the public routes only (the
//! others answer 410), the API version, and the client in serverless mode end to end.

mod common;

use common::{basic, call, call_with};
use security_client::{Credentials, Error, SecurityClient, ToCredentials};
use security_testkit::{Config, TestServer};
use serde_json::json;

async fn server() -> (TestServer, String, String) {
    let server = TestServer::start(
        Config::default()
            .elastic_password("pw-123456")
            .serverless(true),
    )
    .await
    .unwrap();
    let url = server.url();
    (server, url, basic("elastic", "pw-123456"))
}

#[tokio::test]
async fn get_root_answers_as_a_serverless_project() {
    let (_server, url, elastic) = server().await;
    let a = call(&url, "GET", "/", Some(&elastic), None).await;
    assert_eq!(a.status, 200);
    assert_eq!(a.body["version"]["build_flavor"], "serverless");
    assert_eq!(a.body["version"]["number"], "8.11.0");
}

#[tokio::test]
async fn only_public_routes_answer_and_the_api_version_is_checked() {
    let (_server, url, elastic) = server().await;
    for (method, path) in [
        ("GET", "/_security/user"),
        ("GET", "/_security/user/_privileges"),
        ("GET", "/_security/settings"),
        ("POST", "/_security/role"),
        ("POST", "/_security/api_key/_bulk_update"),
    ] {
        let a = call(&url, method, path, Some(&elastic), Some(json!({}))).await;
        assert_eq!(a.status, 410, "{method} {path}: {:?}", a.body);
        assert_eq!(a.body["error"]["type"], "api_not_available_exception");
        assert_eq!(
            a.body["error"]["reason"],
            format!("Request for uri [{path}] with method [{method}] exists but is not available when running in serverless mode")
        );
    }
    let a = call(&url, "GET", "/_security/role", Some(&elastic), None).await;
    assert_eq!(a.status, 200);
    let a = call_with(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&elastic),
        &[("elastic-api-version", "2023-10-31")],
        None,
    )
    .await;
    assert_eq!(a.status, 200);
    let a = call_with(
        &url,
        "GET",
        "/_security/_authenticate",
        Some(&elastic),
        &[("elastic-api-version", "2099-01-01")],
        None,
    )
    .await;
    assert_eq!(a.status, 400);
}

#[tokio::test]
async fn the_serverless_client_works_end_to_end() {
    let (server, _url, _) = server().await;
    let admin = SecurityClient::new(server.url(), common::roundtrip)
        .unwrap()
        .serverless()
        .with_credentials(Credentials::basic("elastic", "pw-123456"));
    admin.put_role("reader").cluster(["monitor"]).await.unwrap();
    assert!(admin
        .get_role()
        .name("reader")
        .await
        .unwrap()
        .contains_key("reader"));
    let key = admin.create_api_key().name("k").await.unwrap();
    let with_key = admin.with_identity(key.to_credentials());
    assert_eq!(
        with_key.authenticate().await.unwrap().authentication_type,
        "api_key"
    );
    let found = admin.get_api_key().name("k").await.unwrap();
    assert_eq!(found.api_keys.len(), 1);
    assert!(admin.get_builtin_privileges().await.is_ok());
    // Not on serverless: refused before sending.
    assert!(matches!(
        admin.put_user("u").password("l0ng-passw0rd").await,
        Err(Error::NotOnServerless(_))
    ));
    // Private: sent after the opt-in, and the project (as for anyone but Elastic) refuses it.
    let e = admin
        .get_user_privileges()
        .elastic_internal(true)
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(410), "{e:?}");
    admin.invalidate_api_key().ids([key.id]).await.unwrap();
    assert!(admin.delete_role("reader").await.unwrap().found);
}
