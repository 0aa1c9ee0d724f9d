//! A real Elastic Cloud Serverless project when `ES_URL` points at one and `ES_SERVERLESS=1`
//! (with `ES_API_KEY`, an encoded API key): the public read-only endpoints answer the serverless
//! headers and decode, `GET /` says serverless, and what projects lack is refused before
//! sending. Otherwise skipped with a printed notice.
#![cfg(all(
    feature = "native-transport",
    feature = "api-keys",
    not(target_arch = "wasm32")
))]

use security_client::native::NativeTransport;
use security_client::privileges::IndexPrivilegesCheck;
use security_client::{Credentials, Error, SecurityClient};

fn skipped(why: &str) {
    use std::io::Write;
    // One write: `writeln!` on unbuffered stderr writes its pieces one by one, and a test
    // harness line printed meanwhile lands inside the notice (scripts/test.sh reads it).
    let _ = std::io::stderr().write_all(format!("SKIPPED: {why}\n").as_bytes());
}

fn live() -> Option<SecurityClient<NativeTransport>> {
    let Ok(url) = std::env::var("ES_URL") else {
        skipped("ES_URL is not set");
        return None;
    };
    if std::env::var("ES_SERVERLESS").as_deref() != Ok("1") {
        skipped("ES_SERVERLESS=1 is not set (ES_URL is not a serverless project)");
        return None;
    }
    let Ok(key) = std::env::var("ES_API_KEY") else {
        skipped("ES_API_KEY is not set (a serverless project takes an API key)");
        return None;
    };
    let client = SecurityClient::connect_serverless(url, Credentials::api_key_encoded(key))
        .expect("ES_URL makes a client");
    Some(client)
}

#[tokio::test]
async fn a_serverless_project_answers_the_serverless_client() {
    let Some(client) = live() else { return };
    assert!(client.is_serverless());

    let info = client.info().await.expect("GET /");
    assert_eq!(info.version.build_flavor, "serverless");
    assert_eq!(
        client.server_version(),
        None,
        "a project's version says nothing"
    );

    let me = client.authenticate().await.expect("authenticate");
    assert!(!me.username.is_empty());
    client
        .get_builtin_privileges()
        .await
        .expect("get_builtin_privileges");
    client.get_role().await.expect("get_role");
    client.get_api_key().owner(true).await.expect("get_api_key");
    client.query_api_keys().await.expect("query_api_keys");
    client
        .has_privileges()
        .cluster(["monitor"])
        .index([IndexPrivilegesCheck::new(["logs-*"], ["read"])])
        .await
        .expect("has_privileges");

    // Refused before sending: not on serverless, and private without the opt-in.
    assert!(matches!(
        client.get_user().await,
        Err(Error::NotOnServerless(e)) if !e.private
    ));
    assert!(matches!(
        client.get_user_privileges().await,
        Err(Error::NotOnServerless(e)) if e.private
    ));
}
