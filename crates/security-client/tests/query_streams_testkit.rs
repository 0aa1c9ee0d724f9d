//! The user and role streams end to end, over the native transport, against the test server
//! pretending to be Elasticsearch 9.5, with users and roles created and deleted between pages:
//! every item that exists throughout comes exactly once, in order; one deleted before its page
//! does not come; one added behind the cursor does not come, one added ahead of it does.
#![cfg(all(feature = "native-transport", not(target_arch = "wasm32")))]

use futures::TryStreamExt;
use security_client::native::NativeTransport;
use security_client::roles::{PutRoleBody, QueryRole, RoleQuery};
use security_client::types::common::ClusterPrivilege;
use security_client::users::{QueryUser, UserQuery};
use security_client::{Credentials, SecurityClient, Transport};
use security_testkit::{Config, EsVersion, TestServer};

async fn setup() -> (
    TestServer,
    SecurityClient<impl Transport + Send + Sync + 'static>,
) {
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
async fn users_stream_through_mutations_between_pages() {
    let (_server, client) = setup().await;
    for name in ["u-b", "u-c", "u-d", "u-e", "u-f", "u-g", "u-h"] {
        client
            .put_user(name)
            .password("l0ng-enough")
            .roles(["viewer"])
            .await
            .unwrap();
    }
    let mut users = client
        .query_user_stream(QueryUser::new().query(UserQuery::prefix("username", "u-")))
        .page_size(2);
    let mut seen = Vec::new();
    while let Some(found) = users.try_next().await.unwrap() {
        seen.push(found.user.username.clone());
        if seen.len() == 2 {
            // The first page is used up; the next one is asked for on the next poll.
            client.delete_user("u-f").await.unwrap();
            for name in ["u-a", "u-z"] {
                client
                    .put_user(name)
                    .password("l0ng-enough")
                    .roles(["viewer"])
                    .await
                    .unwrap();
            }
        }
    }
    assert_eq!(seen, ["u-b", "u-c", "u-d", "u-e", "u-g", "u-h", "u-z"]);
}

#[tokio::test]
async fn roles_stream_through_bulk_changes_between_pages() {
    let (_server, client) = setup().await;
    let monitor = PutRoleBody {
        cluster: vec![ClusterPrivilege::Monitor],
        ..Default::default()
    };
    let mut put = client.bulk_put_role();
    for name in ["r-b", "r-c", "r-d", "r-e", "r-f"] {
        put = put.role(name, monitor.clone());
    }
    let created = put.await.unwrap();
    assert_eq!(created.created.as_ref().map(Vec::len), Some(5));
    assert!(created.errors.is_none());

    let mut roles = client
        .query_role_stream(QueryRole::new().query(RoleQuery::prefix("name", "r-")))
        .page_size(2);
    let mut seen = Vec::new();
    while let Some(found) = roles.try_next().await.unwrap() {
        assert_eq!(found.role.cluster, [ClusterPrivilege::Monitor]);
        seen.push(found.name.clone());
        if seen.len() == 2 {
            let deleted = client.bulk_delete_role(["r-d", "r-missing"]).await.unwrap();
            assert_eq!(deleted.deleted.as_deref(), Some(&["r-d".to_owned()][..]));
            assert_eq!(
                deleted.not_found.as_deref(),
                Some(&["r-missing".to_owned()][..])
            );
            client
                .bulk_put_role()
                .role("r-a", monitor.clone())
                .role("r-y", monitor.clone())
                .await
                .unwrap();
        }
    }
    assert_eq!(seen, ["r-b", "r-c", "r-e", "r-f", "r-y"]);
}
