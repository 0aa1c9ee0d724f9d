//! The 9.x API-key endpoints and the OpenID Connect endpoints through the typed client, over the
//! native transport, against the in-repo test server pretending to be Elasticsearch 9.5 (a test
//! double: it has no OpenID Connect realm, and answers as a cluster without one does).
#![cfg(all(
    feature = "native-transport",
    feature = "api-keys",
    feature = "oidc",
    not(target_arch = "wasm32")
))]

use security_client::api_keys::{CloneApiKey, CrossClusterAccess, ReplicationAccess, SearchAccess};
use security_client::native::NativeTransport;
use security_client::oidc::OidcLogout;
use security_client::{ApiKeyCredentials, Credentials, Error, SecurityClient, ToCredentials};
use security_testkit::{Config, EsVersion, TestServer};

async fn setup() -> (TestServer, SecurityClient<NativeTransport>) {
    let server = TestServer::start(
        Config::default()
            .elastic_password("pw-123456")
            .es_version(EsVersion::V9_5),
    )
    .await
    .unwrap();
    let client = SecurityClient::new(server.url(), NativeTransport::new(&server.url()).unwrap())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "pw-123456"));
    (server, client)
}

#[tokio::test]
async fn bulk_update_reports_updated_unchanged_and_failed_keys() {
    let (_server, client) = setup().await;
    let a = client.create_api_key().name("a").await.unwrap();
    let b = client.create_api_key().name("b").await.unwrap();
    let metadata = serde_json::json!({"env": "prod"});
    let metadata = metadata.as_object().unwrap().clone();

    let first = client
        .bulk_update_api_keys(vec![a.id.clone(), b.id.clone()])
        .metadata(metadata.clone())
        .await
        .unwrap();
    let mut updated = first.updated.clone();
    updated.sort();
    let mut expected = vec![a.id.clone(), b.id.clone()];
    expected.sort();
    assert_eq!(updated, expected);
    assert!(first.errors.is_none(), "{first:?}");

    // The same update again changes nothing; an unknown id is a per-key error, not a failure.
    let second = client
        .bulk_update_api_keys(vec![a.id.clone(), "no-such-key".to_owned()])
        .metadata(metadata)
        .await
        .unwrap();
    assert_eq!(second.noops, std::slice::from_ref(&a.id));
    let errors = second.errors.expect("a per-key error");
    assert_eq!(errors.count, 1);
    assert!(errors.details.contains_key("no-such-key"), "{errors:?}");
    let got = client.get_api_key().id(a.id.clone()).await.unwrap();
    assert_eq!(got.api_keys[0].metadata.parse().unwrap()["env"], "prod");
}

#[tokio::test]
async fn a_cross_cluster_key_reads_back_with_the_access_it_was_given() {
    let (_server, client) = setup().await;
    let access = CrossClusterAccess::new()
        .search(SearchAccess::new(["logs-*"]))
        .replication(ReplicationAccess::new(["archive-*"]));
    let created = client
        .create_cross_cluster_api_key("replicator", access)
        .expiration("1d")
        .await
        .unwrap();
    assert_eq!(created.name, "replicator");
    assert!(created.expiration.is_some());
    assert!(!format!("{created:?}").contains(created.api_key.expose()));

    let got = client.get_api_key().id(created.id.clone()).await.unwrap();
    let key = &got.api_keys[0];
    assert!(key.is_cross_cluster());
    let read = key.access.clone().expect("the key's access");
    assert_eq!(read.search[0].names.as_slice(), ["logs-*"]);
    assert_eq!(read.replication[0].names.as_slice(), ["archive-*"]);

    // What was read goes back as the new access, narrowed to search only.
    let narrowed = CrossClusterAccess {
        replication: Vec::new(),
        ..read
    };
    let updated = client
        .update_cross_cluster_api_key(created.id.clone(), narrowed)
        .await
        .unwrap();
    assert!(updated.updated);
    let got = client.get_api_key().id(created.id.clone()).await.unwrap();
    let access = got.api_keys[0].access.clone().unwrap();
    assert!(access.replication.is_empty());
    assert_eq!(access.search[0].names.as_slice(), ["logs-*"]);
}

#[tokio::test]
async fn a_clone_is_a_working_key_of_its_own() {
    let (_server, client) = setup().await;
    let source = client.create_api_key().name("source").await.unwrap();
    let Credentials::ApiKey(source_key) = source.to_credentials() else {
        panic!("API-key credentials expected")
    };
    // By id and secret: the client encodes them as the endpoint wants.
    let by_id = ApiKeyCredentials::IdKey {
        id: source.id.clone(),
        key: source.api_key.clone(),
    };
    assert_eq!(by_id.encoded(), source_key.encoded());
    let cloned = client
        .send(CloneApiKey::of(&by_id).name("the clone"))
        .await
        .unwrap();
    assert_ne!(cloned.id, source.id);
    assert_eq!(cloned.name, "the clone");

    let me = client
        .with_identity(cloned.to_credentials())
        .authenticate()
        .await
        .unwrap();
    assert_eq!(me.username, "elastic");
    assert_eq!(
        me.api_key.as_ref().map(|k| k.id.clone()),
        Some(cloned.id.clone())
    );
}

#[tokio::test]
async fn oidc_endpoints_answer_as_a_cluster_without_an_oidc_realm() {
    let (_server, client) = setup().await;
    let api = |result: Result<_, Error>| -> security_client::ApiError {
        match result {
            Err(e) => e
                .api()
                .cloned()
                .unwrap_or_else(|| panic!("not an API error: {e:?}")),
            Ok(answer) => panic!("expected an error, got {answer:?}"),
        }
    };
    let prepare = api(client
        .oidc_prepare_authentication("oidc1")
        .await
        .map(|_| ()));
    assert_eq!(prepare.status, 500);
    assert_eq!(
        prepare.reason.as_deref(),
        Some("Cannot find OpenID Connect realm with name [oidc1]")
    );
    let callback = "https://app.example/oidc/callback?code=abc&state=s";
    let authenticate = api(client
        .oidc_authenticate(callback, "s", "n")
        .await
        .map(|_| ()));
    assert_eq!(authenticate.status, 401);
    let logout = api(client
        .send(OidcLogout::new("not-a-token"))
        .await
        .map(|_| ()));
    assert!(logout.status >= 400, "{logout:?}");
}
