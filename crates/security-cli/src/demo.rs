//! The demo objects a `--testkit` server starts with, so that every command has something to show.

use security_client::sans_io::http::Method;
use security_client::{Error, SecurityClient};
use serde_json::json;

/// Roles, users, a role mapping and an API key, as a small team would have them (role
/// descriptions only where the server has them: 8.15+).
pub(crate) async fn seed(client: &SecurityClient, descriptions: bool) -> Result<(), Error> {
    let mut calls = [
        (
            Method::PUT,
            "/_security/role/logs_reader",
            json!({
                "cluster": ["monitor"],
                "indices": [{"names": ["logs-*"], "privileges": ["read", "view_index_metadata"]}],
            }),
        ),
        (
            Method::PUT,
            "/_security/role/metrics_writer",
            json!({
                "indices": [{"names": ["metrics-*"], "privileges": ["create_doc", "auto_configure"]}],
                "applications": [{"application": "kibana-.kibana", "privileges": ["feature_dashboard.read"], "resources": ["space:ops"]}],
            }),
        ),
        (
            Method::PUT,
            "/_security/role/ci_deployer",
            json!({
                "cluster": ["manage_own_api_key", "monitor"],
                "indices": [{"names": ["apps-*"], "privileges": ["write", "create_index"]}],
            }),
        ),
        (
            Method::PUT,
            "/_security/user/alice",
            json!({"password": "alice-Passw0rd!", "roles": ["logs_reader"], "full_name": "Alice Ops", "email": "alice@example.com"}),
        ),
        (
            Method::PUT,
            "/_security/user/ci",
            json!({"password": "ci-Passw0rd!", "roles": ["ci_deployer", "metrics_writer"], "full_name": "CI robot"}),
        ),
        (
            Method::PUT,
            "/_security/role_mapping/ldap_ops",
            json!({
                "enabled": true,
                "roles": ["logs_reader"],
                "rules": {"all": [{"field": {"realm.name": "ldap1"}}, {"field": {"groups": "cn=ops,dc=example,dc=com"}}]},
            }),
        ),
    ];
    if descriptions {
        calls[0].2["description"] = json!("Reads the logs");
    }
    for (method, path, body) in calls {
        client.raw_request(method, path).body(body).await?;
    }
    client
        .raw_request(Method::POST, "/_security/api_key")
        .body(json!({
            "name": "ci-deploy",
            "expiration": "30d",
            "role_descriptors": {"deploy": {"indices": [{"names": ["apps-*"], "privileges": ["write"]}]}},
            "metadata": {"team": "platform"},
        }))
        .await?;
    Ok(())
}
