//! GET-then-PUT of roles end to end, over the native transport, against the test server
//! pretending to be Elasticsearch 9.5 and 8.14: a role read with get_role goes back with
//! `put_role(name).body(role)` and is stored unchanged.
#![cfg(all(feature = "native-transport", not(target_arch = "wasm32")))]

use security_client::types::common::{
    ClusterPrivilege, GlobalPrivilege, IndexPrivilege, IndicesPrivileges, RemoteClusterPrivilege,
    RemoteClusterPrivileges, RemoteIndicesPrivileges, Restriction, RoleDescriptor,
};
use security_client::{Credentials, SecurityClient};
use security_testkit::{Config, EsVersion, TestServer};

async fn setup(
    version: EsVersion,
) -> (
    TestServer,
    SecurityClient<security_client::native::NativeTransport>,
) {
    let server = TestServer::start(
        Config::default()
            .elastic_password("pw-123456")
            .es_version(version),
    )
    .await
    .unwrap();
    let client = SecurityClient::connect(server.url())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "pw-123456"));
    (server, client)
}

#[tokio::test]
async fn a_9_5_role_read_back_is_stored_again_unchanged() {
    let (_server, client) = setup(EsVersion::V9_5).await;
    let mut metadata = serde_json::Map::new();
    metadata.insert("owner".into(), "team-a".into());
    let created = client
        .put_role("logs_reader")
        .description("Reads logs, here and remotely.")
        .cluster([ClusterPrivilege::Monitor])
        .indices([IndicesPrivileges::new(
            ["logs-*"],
            [IndexPrivilege::Read, IndexPrivilege::ViewIndexMetadata],
        )])
        .remote_indices([RemoteIndicesPrivileges::new(
            ["eu-*"],
            ["logs-*"],
            [IndexPrivilege::Read],
        )])
        .remote_cluster([RemoteClusterPrivileges::new(
            ["eu-*"],
            [RemoteClusterPrivilege::MonitorEnrich],
        )])
        .metadata(metadata)
        .run_as_users(["reporting"])
        .await
        .unwrap();
    assert!(created.role.created);

    let original = client
        .get_role()
        .name("logs_reader")
        .await
        .unwrap()
        .remove("logs_reader")
        .unwrap();
    assert!(original.transient_metadata.is_some());
    assert_eq!(
        original.description.as_deref(),
        Some("Reads logs, here and remotely.")
    );

    // GET, then PUT under another name: accepted, and stored with the same content.
    let copied = client
        .put_role("logs_reader_copy")
        .body(original.clone())
        .await
        .unwrap();
    assert!(copied.role.created);
    let copy = client
        .get_role()
        .name("logs_reader_copy")
        .await
        .unwrap()
        .remove("logs_reader_copy")
        .unwrap();
    assert_eq!(copy, original);

    // GET, edit, PUT back: only the edit changes.
    let mut edited = original.clone().into_put_body();
    edited.description = Some("Reads logs.".into());
    let updated = client.put_role("logs_reader").body(edited).await.unwrap();
    assert!(!updated.role.created);
    let after = client
        .get_role()
        .name("logs_reader")
        .await
        .unwrap()
        .remove("logs_reader")
        .unwrap();
    assert_eq!(after.description.as_deref(), Some("Reads logs."));
    assert_eq!(after.cluster, original.cluster);
    assert_eq!(after.indices, original.indices);
    assert_eq!(after.remote_indices, original.remote_indices);
    assert_eq!(after.remote_cluster, original.remote_cluster);
    assert_eq!(after.metadata, original.metadata);
    assert_eq!(after.run_as, original.run_as);
}

#[tokio::test]
async fn an_8_14_role_read_back_is_stored_again_unchanged() {
    let (_server, client) = setup(EsVersion::V8_14).await;
    client
        .put_role("apps")
        .cluster([ClusterPrivilege::ManageOwnApiKey])
        .indices([IndicesPrivileges::new(["app-*"], [IndexPrivilege::Write])])
        .global(GlobalPrivilege {
            application: Some(
                security_client::types::common::ApplicationGlobalUserPrivileges {
                    manage: security_client::types::common::ManageUserPrivileges {
                        applications: vec!["app-1".into()],
                    },
                },
            ),
            ..Default::default()
        })
        .await
        .unwrap();
    let original = client
        .get_role()
        .name("apps")
        .await
        .unwrap()
        .remove("apps")
        .unwrap();
    assert_eq!(original.remote_cluster, None);
    client
        .put_role("apps_copy")
        .body(original.clone())
        .await
        .unwrap();
    let copy = client
        .get_role()
        .name("apps_copy")
        .await
        .unwrap()
        .remove("apps_copy")
        .unwrap();
    assert_eq!(copy, original);
}

#[tokio::test]
async fn put_role_refuses_an_api_key_restriction_so_the_write_type_has_none() {
    // The test server, like Elasticsearch, rejects `restriction` on a role: only API-key role
    // descriptors take it. PutRoleBody has no such field; the raw body shows the refusal.
    let (_server, client) = setup(EsVersion::V9_5).await;
    let api_key_descriptor = RoleDescriptor {
        cluster: vec![ClusterPrivilege::Monitor],
        restriction: Some(Restriction {
            workflows: vec!["search_application_query".into()],
        }),
        ..Default::default()
    };
    let err = client
        .put_role("restricted")
        .raw_body(serde_json::to_value(&api_key_descriptor).unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400), "{err}");
    assert!(err.to_string().contains("restriction"), "{err}");
}
