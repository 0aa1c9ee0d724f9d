//! The test server under concurrent clients: every request is answered and no write is lost.
//! Bounded: 16 clients × 25 writes and reads each, on 127.0.0.1.

mod common;

use common::{basic, call};
use security_testkit::{Config, TestServer};
use serde_json::json;

const CLIENTS: usize = 16;
const WRITES: usize = 25;

#[tokio::test]
async fn concurrent_clients_lose_no_request_and_no_write() {
    let server = TestServer::start(Config::default().elastic_password("load-pass"))
        .await
        .unwrap();
    let url = server.url();
    let elastic = basic("elastic", "load-pass");
    let mut tasks = Vec::new();
    for client in 0..CLIENTS {
        let (url, elastic) = (url.clone(), elastic.clone());
        tasks.push(tokio::spawn(async move {
            let mut answered = 0;
            for i in 0..WRITES {
                let name = format!("load-{client}-{i}");
                // A user, a role and an API key per step: three kinds of writes.
                let a = call(
                    &url,
                    "PUT",
                    &format!("/_security/user/{name}"),
                    Some(&elastic),
                    Some(json!({"password": "load-user-pw", "roles": [name.clone()], "metadata": {"client": client, "i": i}})),
                )
                .await;
                assert_eq!(a.status, 200, "{a:?}");
                assert_eq!(a.body, json!({"created": true}));
                let a = call(
                    &url,
                    "PUT",
                    &format!("/_security/role/{name}"),
                    Some(&elastic),
                    Some(json!({"cluster": ["monitor"], "metadata": {"client": client}})),
                )
                .await;
                assert_eq!(a.body, json!({"role": {"created": true}}), "{a:?}");
                let a = call(
                    &url,
                    "POST",
                    "/_security/api_key",
                    Some(&elastic),
                    Some(json!({"name": name, "metadata": {"client": client}})),
                )
                .await;
                assert_eq!(a.status, 200, "{a:?}");
                // And a read of one's own write, as the new user.
                let a = call(
                    &url,
                    "GET",
                    "/_security/_authenticate",
                    Some(&basic(&name, "load-user-pw")),
                    None,
                )
                .await;
                assert_eq!(a.body["username"], name.as_str());
                answered += 4;
            }
            answered
        }));
    }
    let mut answered = 0;
    for task in tasks {
        answered += task.await.expect("a client failed");
    }
    assert_eq!(answered, CLIENTS * WRITES * 4);
    // Every write is there.
    let users = call(&url, "GET", "/_security/user", Some(&elastic), None).await;
    let roles = call(&url, "GET", "/_security/role", Some(&elastic), None).await;
    let keys = call(&url, "GET", "/_security/api_key", Some(&elastic), None).await;
    for client in 0..CLIENTS {
        for i in 0..WRITES {
            let name = format!("load-{client}-{i}");
            assert_eq!(
                users.body[&name]["metadata"],
                json!({"client": client, "i": i})
            );
            assert_eq!(roles.body[&name]["metadata"], json!({"client": client}));
        }
    }
    let keys = keys.body["api_keys"].as_array().unwrap();
    assert_eq!(keys.len(), CLIENTS * WRITES);
    let mut ids: Vec<&str> = keys.iter().map(|k| k["id"].as_str().unwrap()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), CLIENTS * WRITES, "API key ids are unique");
}
