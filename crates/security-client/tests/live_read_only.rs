//! Every read-only endpoint against a real cluster when `ES_URL` is set (with `ES_USERNAME` /
//! `ES_PASSWORD` or `ES_API_KEY` of a user with `read_security` or more, and
//! `ES_CA_FINGERPRINT` or `ES_CA_CERT` for TLS): the typed answers must decode what the server
//! really sends. Otherwise skipped with a printed notice.
#![cfg(all(
    feature = "native-transport",
    feature = "api-keys",
    feature = "service-accounts",
    not(target_arch = "wasm32")
))]

use security_client::api_keys::{ApiKeyQuery, QueryApiKeys};
use security_client::native::NativeTransport;
use security_client::privileges::IndexPrivilegesCheck;
use security_client::{Credentials, SecurityClient};

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
    let credentials = match (
        std::env::var("ES_API_KEY"),
        std::env::var("ES_USERNAME"),
        std::env::var("ES_PASSWORD"),
    ) {
        (Ok(key), _, _) => Credentials::api_key_encoded(key),
        (_, Ok(user), Ok(password)) => Credentials::basic(user, password),
        _ => {
            skipped("neither ES_API_KEY nor ES_USERNAME/ES_PASSWORD is set");
            return None;
        }
    };
    let mut builder = NativeTransport::builder().node(url);
    if let Ok(fingerprint) = std::env::var("ES_CA_FINGERPRINT") {
        builder = builder.ca_fingerprint(fingerprint);
    }
    if let Ok(path) = std::env::var("ES_CA_CERT") {
        builder = builder.ca_certificate_pem(std::fs::read(path).expect("ES_CA_CERT is readable"));
    }
    let client = SecurityClient::connect_with(builder).expect("the ES_* settings make a client");
    Some(client.with_credentials(credentials))
}

#[tokio::test]
async fn read_only_endpoints_decode_real_answers() {
    let Some(client) = live() else { return };

    let me = client.authenticate().await.expect("authenticate");
    assert!(!me.username.is_empty());

    let builtin = client
        .get_builtin_privileges()
        .await
        .expect("get_builtin_privileges");
    assert!(
        builtin.cluster.iter().any(|p| p.as_str() == "all"),
        "{builtin:?}"
    );
    assert!(
        builtin.index.iter().any(|p| p.as_str() == "read"),
        "{builtin:?}"
    );

    let mine = client
        .get_user_privileges()
        .await
        .expect("get_user_privileges");
    let checked = client
        .has_privileges()
        .cluster(["monitor"])
        .index([IndexPrivilegesCheck::new(["*"], ["read"])])
        .await
        .expect("has_privileges");
    assert_eq!(checked.username, me.username);
    assert!(checked.cluster.contains_key("monitor"));
    let _ = mine;

    // These need `read_security` (or `manage_security`); a 403 is a typed answer too.
    let roles = client.get_role().await;
    match roles {
        Ok(roles) => assert!(roles.contains_key("superuser"), "{:?}", roles.keys()),
        Err(e) => assert_eq!(e.status(), Some(403), "{e}"),
    }
    match client.get_user().await {
        Ok(users) => assert!(users.values().all(|u| !u.username.is_empty())),
        Err(e) => assert_eq!(e.status(), Some(403), "{e}"),
    }
    match client.get_role_mapping().await {
        Ok(_) => {}
        Err(e) => assert!(matches!(e.status(), Some(403) | Some(404)), "{e}"),
    }
    match client.get_privileges().await {
        Ok(_) => {}
        Err(e) => assert!(matches!(e.status(), Some(403) | Some(404)), "{e}"),
    }
    match client.get_service_accounts().await {
        Ok(accounts) => assert!(
            accounts.contains_key("elastic/fleet-server"),
            "{:?}",
            accounts.keys()
        ),
        Err(e) => assert_eq!(e.status(), Some(403), "{e}"),
    }
    let keys = client
        .get_api_key()
        .owner(true)
        .await
        .expect("get_api_key of the caller's own keys");
    let queried = client
        .send(
            QueryApiKeys::new()
                .query(ApiKeyQuery::term("invalidated", false))
                .size(5u32),
        )
        .await;
    match queried {
        Ok(answer) => assert!(answer.api_keys.len() <= 5),
        Err(e) => assert_eq!(e.status(), Some(403), "{e}"),
    }
    let _ = keys;
}
