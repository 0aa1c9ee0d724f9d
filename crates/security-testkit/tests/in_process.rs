//! The client over the in-process test server: no socket, no runtime.

use security_client::{Credentials, SecurityClient};
use security_testkit::{Config, InProcess};

#[tokio::test(flavor = "current_thread")]
async fn the_client_talks_to_the_test_server_in_process() {
    let kit = InProcess::new(Config::default().elastic_password("changeme"));
    let admin = SecurityClient::new("http://testkit", kit.transport())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    assert_eq!(admin.authenticate().await.unwrap().username, "elastic");
    assert!(
        admin
            .put_user("jacknich")
            .password("l0ng-r4nd0m-p@ssw0rd")
            .roles(["superuser"])
            .await
            .unwrap()
            .created
    );
    let user = admin.with_identity(Credentials::basic("jacknich", "l0ng-r4nd0m-p@ssw0rd"));
    assert_eq!(user.authenticate().await.unwrap().username, "jacknich");
    let wrong = admin.with_identity(Credentials::basic("jacknich", "wrong"));
    assert!(wrong.authenticate().await.unwrap_err().is_unauthorized());
    // Clones of the kit share the state.
    let again = SecurityClient::new("http://testkit", kit.clone().transport())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    assert!(again
        .get_user()
        .username(["jacknich"])
        .await
        .unwrap()
        .contains_key("jacknich"));
}
