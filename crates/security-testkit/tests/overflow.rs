//! Times far in the future (huge expirations, date math) are answered, never a crash of the
//! request: arithmetic on times saturates.

mod common;

use common::{basic, call};
use security_testkit::{Config, TestServer};
use serde_json::json;

#[tokio::test]
async fn huge_expirations_and_date_math_are_answered() {
    let server = TestServer::start(Config::default().elastic_password("s3cr3t-pw"))
        .await
        .unwrap();
    let url = server.url();
    let auth = basic("elastic", "s3cr3t-pw");
    let a = call(
        &url,
        "POST",
        "/_security/api_key",
        Some(&auth),
        Some(json!({"name": "far", "expiration": "1e300d"})),
    )
    .await;
    assert_eq!(a.status, 200, "{a:?}");
    let id = a.body["id"].as_str().unwrap().to_owned();

    let a = call(
        &url,
        "PUT",
        &format!("/_security/api_key/{id}"),
        Some(&auth),
        Some(json!({"expiration": "99999999999999999999d"})),
    )
    .await;
    assert_eq!(a.status, 200, "{a:?}");

    for math in [
        "now+99999999999999999M",
        "now-99999999999999999M",
        "now+1e300d",
    ] {
        let a = call(
            &url,
            "POST",
            "/_security/_query/api_key",
            Some(&auth),
            Some(json!({"query": {"range": {"expiration": {"lte": math}}}})),
        )
        .await;
        assert!(a.status == 200 || a.status == 400, "{math}: {a:?}");
    }
    // The server still answers.
    let a = call(&url, "GET", "/_security/_authenticate", Some(&auth), None).await;
    assert_eq!(a.status, 200);
}
