//! The project's client (`security-client`) against the test server in process
//! ([`InProcess::transport`]: no socket; the server's HTTP layer has tests of its own).
//! The client's typed decoders read JSON the server wrote independently, so neither can hide
//! a mistake of the other.
//!
//! API keys and has_privileges go through `raw_request` / `raw_body` here: their typed
//! builders were being reworked in parallel when this was written; the answers are still
//! decoded by the typed endpoints where the endpoint exists.
//!
//! The 8.15–9.5 endpoints run against the server pretending to be 9.5: bodies as JSON
//! (`raw_body`), answers through the typed decoders.

use security_client::tokens::AccessTokenGrantType;
use security_client::{Credentials, SecurityClient, ToCredentials};
use security_testkit::{Config, EsVersion, InProcess};
use serde_json::{json, Value};

/// A client (as `elastic`) of a fresh test server in process.
fn client_of(config: Config) -> SecurityClient<impl security_client::Transport + Sync> {
    let kit = InProcess::new(config.elastic_password("changeme-too"));
    SecurityClient::new("http://testkit", kit.transport())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme-too"))
}

/// A client of a test server pretending to be Elasticsearch 8.14 (the default).
fn setup() -> SecurityClient<impl security_client::Transport + Sync> {
    client_of(Config::default())
}

#[tokio::test]
async fn authenticate_and_typed_errors() {
    let client = setup();
    let me = client.authenticate().await.unwrap();
    assert_eq!(me.username, "elastic");
    assert_eq!(me.roles, ["superuser"]);
    assert_eq!(me.authentication_type, "realm");

    client.set_credentials(Some(Credentials::basic("elastic", "wrong")));
    let err = client.authenticate().await.unwrap_err();
    let api = err.api().expect("an Elasticsearch error");
    assert!(api.is_unauthorized());
    assert_eq!(api.error_type.as_deref(), Some("security_exception"));
    assert_eq!(api.root_cause[0].error_type, "security_exception");
    assert_eq!(
        api.reason.as_deref(),
        Some("unable to authenticate user [elastic] for REST request [/_security/_authenticate]")
    );
}

#[tokio::test]
async fn users_through_the_client() {
    let client = setup();
    let created = client
        .put_user("jacknich")
        .password("l0ng-r4nd0m-p@ssw0rd")
        .roles(["admin", "other_role1"])
        .full_name("Jack Nicholson")
        .await
        .unwrap();
    assert!(created.created);
    let users = client.get_user().username("jacknich").await.unwrap();
    let jack = &users["jacknich"];
    assert_eq!(jack.roles, ["admin", "other_role1"]);
    assert_eq!(jack.full_name.as_deref(), Some("Jack Nicholson"));
    assert!(jack.enabled);

    client.disable_user("jacknich").await.unwrap();
    let jack_client = client.with_identity(Credentials::basic("jacknich", "l0ng-r4nd0m-p@ssw0rd"));
    let err = jack_client.authenticate().await.unwrap_err();
    assert_eq!(err.status(), Some(401));
    client.enable_user("jacknich").await.unwrap();
    assert_eq!(
        jack_client.authenticate().await.unwrap().username,
        "jacknich"
    );

    // No privileges: a typed 403.
    let err = jack_client.get_user().await.unwrap_err();
    let api = err.api().unwrap();
    assert!(api.is_forbidden());
    assert_eq!(
        api.reason.as_deref(),
        Some("action [cluster:admin/xpack/security/user/get] is unauthorized for user [jacknich] with effective roles [admin,other_role1], this action is granted by the cluster privileges [read_security,manage_security,all]")
    );

    let deleted = client.delete_user("jacknich").await.unwrap();
    assert!(deleted.found);
    let err = client.get_user().username("jacknich").await.unwrap_err();
    assert!(err.api().unwrap().is_not_found());
}

#[tokio::test]
async fn tokens_through_the_client() {
    let client = setup();
    let token = client
        .get_token()
        .grant_type(AccessTokenGrantType::Password)
        .username("elastic")
        .password("changeme-too")
        .await
        .unwrap();
    assert_eq!(token.token_type, "Bearer");
    assert_eq!(token.expires_in, 1200);
    assert!(token.refresh_token.is_some());
    assert_eq!(token.authentication.username, "elastic");

    client.set_credentials(Some(token.to_credentials()));
    let me = client.authenticate().await.unwrap();
    assert_eq!(me.authentication_type, "token");

    client.set_credentials(Some(Credentials::basic("elastic", "changeme-too")));
    let refreshed = client
        .get_token()
        .grant_type(AccessTokenGrantType::RefreshToken)
        .refresh_token(token.refresh_token.clone().unwrap())
        .await
        .unwrap();
    assert_ne!(refreshed.access_token.expose(), token.access_token.expose());

    let invalidated = client
        .invalidate_token()
        .token(refreshed.access_token.clone())
        .await
        .unwrap();
    assert_eq!(invalidated.invalidated_tokens, 1);
    client.set_credentials(Some(refreshed.to_credentials()));
    let err = client.authenticate().await.unwrap_err();
    assert_eq!(err.api().unwrap().reason.as_deref(), Some("token expired"));
}

#[tokio::test]
async fn api_keys_through_the_client() {
    let client = setup();
    let created: Value = client
        .raw_request(http::Method::POST, "/_security/api_key")
        .body(
            json!({"name": "client-key", "expiration": "1d", "role_descriptors": {
                "reader": {"indices": [{"names": ["logs-*"], "privileges": ["read"]}]}
            }}),
        )
        .await
        .unwrap()
        .json()
        .unwrap();
    let encoded = created["encoded"].as_str().unwrap().to_owned();
    let key_client = client.with_identity(Credentials::api_key_encoded(encoded));
    let me = key_client.authenticate().await.unwrap();
    assert_eq!(me.authentication_type, "api_key");
    assert_eq!(
        me.api_key.as_ref().map(|k| k.id.as_str()),
        created["id"].as_str()
    );

    let check = key_client
        .has_privileges()
        .raw_body(json!({"index": [{"names": ["logs-1", "metrics-1"], "privileges": ["read"]}]}))
        .await
        .unwrap();
    assert!(!check.has_all_requested);
    assert_eq!(check.username, "elastic");

    let keys = client
        .get_api_key()
        .raw()
        .await
        .unwrap()
        .json::<Value>()
        .unwrap();
    assert_eq!(keys["api_keys"][0]["name"], "client-key");

    let answer = client
        .raw_request(http::Method::DELETE, "/_security/api_key")
        .body(json!({"ids": [created["id"]]}))
        .await
        .unwrap();
    assert_eq!(
        answer.json::<Value>().unwrap()["invalidated_api_keys"][0],
        created["id"]
    );
    let err = key_client.authenticate().await.unwrap_err();
    assert!(err.api().unwrap().is_unauthorized());
}

#[tokio::test]
async fn not_emulated_endpoints_are_typed_errors() {
    let client = setup();
    let err = client
        .raw_request(http::Method::POST, "/_security/saml/prepare")
        .body(json!({"realm": "saml1"}))
        .await
        .unwrap_err();
    let api = err.api().unwrap();
    assert_eq!(api.status, 501);
    assert_eq!(
        api.error_type.as_deref(),
        Some("unsupported_operation_exception")
    );
    assert!(api
        .reason
        .as_deref()
        .unwrap()
        .contains("does not emulate SAML"));
}

/// A client of a test server pretending to be Elasticsearch 9.5.
fn setup_9_5() -> SecurityClient<impl security_client::Transport + Sync> {
    client_of(Config::default().es_version(EsVersion::V9_5))
}

#[tokio::test]
async fn the_9_5_role_endpoints_through_the_client() {
    let client = setup_9_5();
    let put = client
        .bulk_put_role()
        .raw_body(json!({"roles": {
            "a-role": {"cluster": ["monitor"], "description": "first"},
            "b-role": {"cluster": ["bogus_privilege"]},
            "c-role": {"indices": [{"names": ["logs-*"], "privileges": ["read"]}], "metadata": {"n": 3}}
        }}))
        .await
        .unwrap();
    assert_eq!(
        put.created.as_deref(),
        Some(&["a-role".to_owned(), "c-role".to_owned()][..])
    );
    let errors = put.errors.expect("b-role fails");
    assert_eq!(errors.count, 1);
    assert_eq!(
        errors.details["b-role"].error_type,
        "action_request_validation_exception"
    );
    let page = client
        .query_role()
        .raw_body(json!({"sort": [{"name": "desc"}], "size": 1}))
        .await
        .unwrap();
    assert_eq!((page.total, page.count), (2, 1));
    assert_eq!(page.roles[0].name, "c-role");
    assert!(page.roles[0].sort.is_some());
    let deleted = client
        .bulk_delete_role(["a-role", "missing-role", "superuser"])
        .await
        .unwrap();
    assert_eq!(deleted.deleted.as_deref(), Some(&["a-role".to_owned()][..]));
    assert_eq!(
        deleted.not_found.as_deref(),
        Some(&["missing-role".to_owned()][..])
    );
    assert_eq!(deleted.errors.map(|e| e.count), Some(1));
}

#[tokio::test]
async fn the_9_5_key_and_settings_endpoints_through_the_client() {
    use security_client::api_keys::{CrossClusterAccess, SearchAccess};
    let client = setup_9_5();
    let cc = client
        .create_cross_cluster_api_key(
            "cc-key".to_owned(),
            CrossClusterAccess::new().search(SearchAccess::new(["logs-*"])),
        )
        .await
        .unwrap();
    assert_eq!(cc.name, "cc-key");
    let updated = client
        .update_cross_cluster_api_key(
            cc.id.clone(),
            CrossClusterAccess::new().search(SearchAccess::new(["metrics-*"])),
        )
        .await
        .unwrap();
    assert!(updated.updated);
    let key = client
        .raw_request(http::Method::POST, "/_security/api_key")
        .body(json!({"name": "to-clone"}))
        .await
        .unwrap();
    let encoded = key.json::<Value>().unwrap()["encoded"]
        .as_str()
        .unwrap()
        .to_owned();
    let clone = client
        .clone_api_key(security_client::Secret::new(encoded))
        .await
        .unwrap();
    assert_eq!(clone.name, "to-clone");
    let stats = client.get_stats().await.unwrap();
    assert_eq!(stats.nodes.len(), 1);
    let ack = client
        .update_settings()
        .raw_body(json!({"security": {"index": {"auto_expand_replicas": "0-all"}}}))
        .await
        .unwrap();
    assert!(ack.acknowledged);
    let settings = client.get_settings().await.unwrap();
    let index = settings.security.index.expect("index settings");
    assert_eq!(index.auto_expand_replicas, Some(Some("0-all".to_owned())));
    // OpenID Connect: the server has no such realm, and says so the way Elasticsearch does.
    let err = client
        .raw_request(http::Method::POST, "/_security/oidc/prepare")
        .body(json!({"realm": "oidc1"}))
        .await
        .unwrap_err();
    let api = err.api().expect("an Elasticsearch error");
    assert_eq!(api.status, 500);
    assert_eq!(
        api.reason.as_deref(),
        Some("Cannot find OpenID Connect realm with name [oidc1]")
    );
}

/// Puts native users (or roles, as 9.5) through the raw API.
async fn put_all<T>(client: &SecurityClient<T>, kind: &str, names: &[String])
where
    T: security_client::Transport + Sync + Send + 'static,
{
    for name in names {
        let body = if kind == "user" {
            json!({"password": "stream-pass-1", "roles": ["r"]})
        } else {
            json!({"cluster": ["monitor"]})
        };
        client
            .raw_request(http::Method::PUT, format!("/_security/{kind}/{name}"))
            .body(body)
            .await
            .unwrap();
    }
}

async fn delete<T>(client: &SecurityClient<T>, kind: &str, name: &str)
where
    T: security_client::Transport + Sync + Send + 'static,
{
    client
        .raw_request(http::Method::DELETE, format!("/_security/{kind}/{name}"))
        .await
        .unwrap();
}

/// The streams of query_user and query_role page with `search_after` over the test server while
/// users and roles come and go between pages: every item present throughout comes exactly once,
/// in order; one deleted before the stream reaches it does not come; one created after the
/// stream's position does.
#[tokio::test]
async fn query_streams_page_through_changes() {
    use futures::TryStreamExt;
    use security_client::roles::QueryRole;
    use security_client::users::QueryUser;
    let client = setup_9_5();
    for kind in ["user", "role"] {
        let names: Vec<String> = (0..23).map(|i| format!("s{i:02}")).collect();
        put_all(&client, kind, &names).await;
        let mut seen: Vec<String> = Vec::new();
        if kind == "user" {
            let mut stream = client.query_user_stream(QueryUser::new()).page_size(5);
            while let Some(user) = stream.try_next().await.unwrap() {
                seen.push(user.user.username.clone());
                if seen.len() == 7 {
                    mutate(&client, kind).await;
                }
            }
        } else {
            let mut stream = client.query_role_stream(QueryRole::new()).page_size(5);
            while let Some(role) = stream.try_next().await.unwrap() {
                seen.push(role.name.clone());
                if seen.len() == 7 {
                    mutate(&client, kind).await;
                }
            }
        }
        let mut expected: Vec<String> = names
            .iter()
            .filter(|n| n.as_str() != "s20")
            .cloned()
            .collect();
        expected.push("s10a".to_owned());
        expected.sort();
        assert_eq!(seen, expected, "{kind}");
    }

    /// After 7 items (s00..s06): delete a seen one and an unseen one, create one before the
    /// position (never seen) and one after it (seen).
    async fn mutate<T>(client: &SecurityClient<T>, kind: &str)
    where
        T: security_client::Transport + Sync + Send + 'static,
    {
        delete(client, kind, "s03").await;
        delete(client, kind, "s20").await;
        put_all(client, kind, &["s00a".to_owned(), "s10a".to_owned()]).await;
    }
}

/// The API-key stream (by `creation`, then `_doc`) over the test server, with keys created and
/// invalidated between pages: every key once, in creation order, the new ones included.
#[tokio::test]
async fn api_key_stream_pages_through_changes() {
    use futures::TryStreamExt;
    use security_client::api_keys::QueryApiKeys;
    let client = setup();
    let create = |name: String| {
        let client = client.clone();
        async move {
            let key: Value = client
                .raw_request(http::Method::POST, "/_security/api_key")
                .body(json!({ "name": name }))
                .await
                .unwrap()
                .json()
                .unwrap();
            key["id"].as_str().unwrap().to_owned()
        }
    };
    let mut ids = Vec::new();
    for i in 0..12 {
        ids.push(create(format!("k{i:02}")).await);
    }
    let mut seen: Vec<(String, bool)> = Vec::new();
    let mut stream = client
        .query_api_keys_stream(QueryApiKeys::new())
        .page_size(5);
    while let Some(key) = stream.try_next().await.unwrap() {
        seen.push((key.id.clone(), key.invalidated));
        if seen.len() == 6 {
            ids.push(create("k12".to_owned()).await);
            ids.push(create("k13".to_owned()).await);
            client
                .raw_request(http::Method::DELETE, "/_security/api_key")
                .body(json!({"ids": [ids[11]]}))
                .await
                .unwrap();
        }
    }
    let seen_ids: Vec<&String> = seen.iter().map(|(id, _)| id).collect();
    assert_eq!(seen_ids, ids.iter().collect::<Vec<_>>());
    // Pages hold 5: key 11 comes in the third page, fetched after it was invalidated.
    assert!(seen[11].1, "invalidated between pages, and shown so");
    assert!(!seen[10].1);
}
