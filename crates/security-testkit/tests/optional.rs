//! "Absent is not an error": `.optional()` on a client call turns the test server's "does not
//! exist" answers (404 with `{}`, `{"found": false}` or a `resource_not_found_exception`) into
//! `Ok(None)`, keeps found values as `Some`, and leaves other errors alone.

use security_client::privileges::Actions;
use security_client::{Credentials, OptionalExt, SecurityClient};
use security_testkit::{Config, InProcess};

#[tokio::test]
async fn missing_objects_are_none_and_existing_ones_some() {
    let kit = InProcess::new(Config::default().elastic_password("changeme-too"));
    let client = SecurityClient::new("http://testkit", kit.transport())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme-too"));

    // Users: 404 `{}`.
    assert!(client
        .get_user()
        .username("nobody")
        .await
        .optional()
        .unwrap()
        .is_none());
    client
        .put_user("somebody")
        .password("l0ng-enough-pw")
        .roles(["viewer"])
        .await
        .unwrap();
    let found = client
        .get_user()
        .username("somebody")
        .await
        .optional()
        .unwrap();
    assert!(found.unwrap().contains_key("somebody"));

    // Roles and role mappings: 404 `{}`.
    assert!(client
        .get_role()
        .name("no-role")
        .await
        .optional()
        .unwrap()
        .is_none());
    let mapping = client
        .get_role_mapping()
        .name("no-mapping")
        .await
        .optional();
    assert!(mapping.unwrap().is_none());

    // Application privileges: 404 `{}`.
    let privileges = client
        .get_privileges()
        .application("no-app")
        .name("read")
        .await
        .optional();
    assert!(privileges.unwrap().is_none());
    client
        .put_privileges()
        .privilege("app", "read", Actions::new(["data:read/*"]))
        .await
        .unwrap();
    let privileges = client
        .get_privileges()
        .application("app")
        .name("read")
        .await
        .optional();
    assert!(privileges.unwrap().is_some());

    // API keys: Elasticsearch answers an unknown id with a 404 `resource_not_found_exception`
    // (None) or, like this server, with an empty list (Some, empty): both mean absent.
    let key = client
        .get_api_key()
        .id("no-such-key")
        .await
        .optional()
        .unwrap();
    assert!(key.is_none_or(|answer| answer.api_keys.is_empty()));

    // Deletes: 404 `{"found": false}`, service tokens included.
    assert!(client
        .delete_user("nobody")
        .await
        .optional()
        .unwrap()
        .is_none());
    let token = client
        .delete_service_token("elastic", "fleet-server", "no-token")
        .await
        .optional();
    assert!(token.unwrap().is_none());

    // Other errors stay errors: an unauthenticated call is a 401.
    let anonymous = client.with_credentials(Credentials::basic("elastic", "wrong"));
    let err = anonymous
        .get_user()
        .username("nobody")
        .await
        .optional()
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
}
