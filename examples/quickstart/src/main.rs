//! The quickstart: a readable tour of the Security API with the native transport.
//!
//! `cargo run -p quickstart`
//!
//! Without `ES_URL`, it starts the in-repo test server (`security-testkit`, an in-memory
//! emulation — not Elasticsearch) and tours it. With `ES_URL` set, the same tour runs against
//! that cluster, authenticated by `ES_API_KEY` (encoded) or `ES_USERNAME` + `ES_PASSWORD`, and
//! trusting `ES_CA_FINGERPRINT` (hex SHA-256 of the HTTP CA, as Elasticsearch prints it) or the
//! PEM file `ES_CA_CERT` when given. The tour creates `quickstart_*` objects and deletes them.
//!
//! With `ES_SERVERLESS=1` (or `--serverless`), the tour is the one of an Elastic Cloud
//! Serverless project: the client in serverless mode, only what projects offer (no native
//! users), and what they do not offer refused before sending. Against the test server (acting
//! as a serverless project) or, with `ES_URL` and `ES_API_KEY`, against a real project.

use security_client::api_keys::RoleDescriptors;
use security_client::native::NativeTransport;
use security_client::privileges::IndexPrivilegesCheck;
use security_client::types::common::{IndicesPrivileges, Refresh, RoleDescriptor};
use security_client::{Credentials, SecurityClient, ToCredentials};
use std::env;

const ROLE: &str = "quickstart_reader";
const USER: &str = "quickstart_user";
const USER_PASSWORD: &str = "quickstart-Passw0rd!";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("\nquickstart failed: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), Box<dyn std::error::Error>> {
    let serverless = env::var("ES_SERVERLESS").is_ok_and(|v| v == "1" || v == "true")
        || env::args().any(|a| a == "--serverless");
    if serverless {
        return serverless_tour().await;
    }
    // Keep the test server alive for the whole tour (it stops when dropped).
    let (_server, url, admin) = match env::var("ES_URL") {
        Ok(url) if !url.is_empty() => {
            println!("Using the cluster at {url} (ES_URL).");
            (None, url, cluster_credentials()?)
        }
        _ => {
            let server = security_testkit::TestServer::start(
                security_testkit::Config::default().elastic_password("changeme"),
            )
            .await?;
            let url = server.url().to_string();
            println!("ES_URL is not set: started the in-repo test server at {url}.");
            println!(
                "(security-testkit emulates the security API in memory; it is not Elasticsearch.)"
            );
            (Some(server), url, Credentials::basic("elastic", "changeme"))
        }
    };
    // One transport (one connection pool) for the whole tour: the user and the API key below
    // are clients for other identities over it (`with_identity`).
    let admin = connect(&url)?.with_credentials(admin);

    step("Who am I?");
    let me = admin.authenticate().await?;
    println!(
        "  {} (realm {} / {}), roles {:?}",
        me.username, me.authentication_realm.name, me.authentication_realm.realm_type, me.roles
    );

    step(&format!(
        "Create the role {ROLE}: monitor the cluster, manage own API keys, read logs-*"
    ));
    let role = admin
        .put_role(ROLE)
        .cluster(["monitor", "manage_own_api_key"])
        .indices([IndicesPrivileges::new(
            ["logs-*"],
            ["read", "view_index_metadata"],
        )])
        .refresh(Refresh::WaitFor)
        .await?;
    println!("  created: {}", role.role.created);

    step(&format!("Create the user {USER} with that role"));
    let created = admin
        .put_user(USER)
        .password(USER_PASSWORD)
        .roles([ROLE])
        .full_name("Quickstart User")
        .refresh(Refresh::WaitFor)
        .await?;
    println!("  created: {}", created.created);

    let result = tour_as_user(&admin).await;

    step("Clean up");
    let user = admin.delete_user(USER).refresh(Refresh::WaitFor).await?;
    let role = admin.delete_role(ROLE).refresh(Refresh::WaitFor).await?;
    println!(
        "  user deleted: {}, role deleted: {}",
        user.found, role.found
    );
    result?;
    println!("\nDone: the tour ran end to end against {url}.");
    Ok(())
}

async fn tour_as_user(admin: &SecurityClient) -> Result<(), Box<dyn std::error::Error>> {
    step(&format!("Log in as {USER}"));
    let user = admin.with_identity(Credentials::basic(USER, USER_PASSWORD));
    let me = user.authenticate().await?;
    println!(
        "  authenticated as {} with roles {:?}",
        me.username, me.roles
    );

    step("Create an API key limited to reading logs-2024*, valid for one hour");
    let mut descriptors = RoleDescriptors::new();
    descriptors.insert(
        "logs_2024_reader".to_owned(),
        RoleDescriptor {
            indices: vec![IndicesPrivileges::new(["logs-2024*"], ["read"])],
            ..Default::default()
        },
    );
    let key = user
        .create_api_key()
        .name("quickstart-key")
        .expiration("1h")
        .role_descriptors(descriptors)
        .await?;
    println!(
        "  key id {} (the secret prints as {:?})",
        key.id, key.api_key
    );

    step("Use the key");
    let with_key = user.with_identity(key.to_credentials());
    let me = with_key.authenticate().await?;
    println!(
        "  authenticated as {} by {}",
        me.username, me.authentication_type
    );

    step("What may the key do? (has_privileges)");
    let check = with_key
        .has_privileges()
        .cluster(["monitor", "manage_security"])
        .index([
            IndexPrivilegesCheck::new(["logs-2024-01"], ["read", "write"]),
            IndexPrivilegesCheck::new(["logs-2023-12"], ["read"]),
        ])
        .await?;
    println!("  has all requested: {}", check.has_all_requested);
    for (privilege, granted) in &check.cluster {
        println!("  cluster {privilege}: {granted}");
    }
    for (index, privileges) in &check.index {
        for (privilege, granted) in privileges {
            println!("  index {index} {privilege}: {granted}");
        }
    }

    step("Invalidate the key, then try it again");
    let invalidated = user
        .invalidate_api_key()
        .ids([key.id.clone()])
        .owner(true)
        .await?;
    println!("  invalidated: {:?}", invalidated.invalidated_api_keys);
    match with_key.authenticate().await {
        Err(e) if e.is_unauthorized() => println!("  refused as expected: {e}"),
        Err(e) => return Err(e.into()),
        Ok(_) => return Err("an invalidated key still authenticates".into()),
    }
    Ok(())
}

/// The tour of a serverless project: roles and API keys, no native users.
async fn serverless_tour() -> Result<(), Box<dyn std::error::Error>> {
    let (_server, url, admin) = match env::var("ES_URL") {
        Ok(url) if !url.is_empty() => {
            println!("Using the serverless project at {url} (ES_URL, ES_SERVERLESS).");
            let key = env::var("ES_API_KEY")
                .map_err(|_| "a serverless project takes an API key: set ES_API_KEY")?;
            (None, url, Credentials::api_key_encoded(key))
        }
        _ => {
            let server = security_testkit::TestServer::start(
                security_testkit::Config::default()
                    .elastic_password("changeme")
                    .serverless(true),
            )
            .await?;
            let url = server.url().to_string();
            println!("ES_URL is not set: started the in-repo test server as a serverless project at {url}.");
            println!(
                "(security-testkit emulates the security API in memory; it is not Elasticsearch.)"
            );
            // The test server's `elastic` stands for the project's administrator.
            (Some(server), url, Credentials::basic("elastic", "changeme"))
        }
    };
    let admin = connect(&url)?.serverless().with_credentials(admin);

    step("Who am I? (Accept: application/json, Elastic-Api-Version: 2023-10-31)");
    let me = admin.authenticate().await?;
    println!("  {} (realm {})", me.username, me.authentication_realm.name);

    step("Native users do not exist on serverless: refused before sending");
    match admin.get_user().await {
        Err(security_client::Error::NotOnServerless(e)) => println!("  {e}"),
        other => return Err(format!("expected a refusal, got {other:?}").into()),
    }
    step("Private (Elastic-internal) endpoints need an explicit opt-in");
    match admin.get_user_privileges().await {
        Err(security_client::Error::NotOnServerless(e)) => println!("  {e}"),
        other => return Err(format!("expected a refusal, got {other:?}").into()),
    }

    step(&format!(
        "Create the role {ROLE}: monitor the cluster, read logs-*"
    ));
    let role = admin
        .put_role(ROLE)
        .cluster(["monitor"])
        .indices([IndicesPrivileges::new(["logs-*"], ["read"])])
        .await?;
    println!("  created: {}", role.role.created);
    let result = serverless_keys(&admin).await;

    step("Clean up");
    let role = admin.delete_role(ROLE).await?;
    println!("  role deleted: {}", role.found);
    result?;
    println!("\nDone: the serverless tour ran end to end against {url}.");
    Ok(())
}

async fn serverless_keys(admin: &SecurityClient) -> Result<(), Box<dyn std::error::Error>> {
    step("Create an API key limited to reading logs-2024*, valid for one hour");
    let mut descriptors = RoleDescriptors::new();
    descriptors.insert(
        "logs_2024_reader".to_owned(),
        RoleDescriptor {
            indices: vec![IndicesPrivileges::new(["logs-2024*"], ["read"])],
            ..Default::default()
        },
    );
    let key = admin
        .create_api_key()
        .name("quickstart-serverless-key")
        .expiration("1h")
        .role_descriptors(descriptors)
        .await?;
    println!("  key id {}", key.id);

    step("Use the key; what may it do?");
    let with_key = admin.with_identity(key.to_credentials());
    let me = with_key.authenticate().await?;
    println!(
        "  authenticated as {} by {}",
        me.username, me.authentication_type
    );
    let check = with_key
        .has_privileges()
        .index([IndexPrivilegesCheck::new(
            ["logs-2024-01"],
            ["read", "write"],
        )])
        .await?;
    println!("  has all requested: {}", check.has_all_requested);

    step("Find it with query_api_keys, invalidate it, try it again");
    let found = admin
        .query_api_keys()
        .raw_body(serde_json::json!({"query": {"term": {"name": "quickstart-serverless-key"}}}))
        .await?;
    println!("  found: {}", found.count);
    let invalidated = admin.invalidate_api_key().ids([key.id.clone()]).await?;
    println!("  invalidated: {:?}", invalidated.invalidated_api_keys);
    match with_key.authenticate().await {
        Err(e) if e.is_unauthorized() => println!("  refused as expected: {e}"),
        Err(e) => return Err(e.into()),
        Ok(_) => return Err("an invalidated key still authenticates".into()),
    }
    Ok(())
}

fn connect(url: &str) -> Result<SecurityClient, Box<dyn std::error::Error>> {
    let mut builder = NativeTransport::builder().node(url);
    if let Ok(fingerprint) = env::var("ES_CA_FINGERPRINT") {
        builder = builder.ca_fingerprint(fingerprint);
    }
    if let Ok(path) = env::var("ES_CA_CERT") {
        builder = builder.ca_certificate_pem(std::fs::read(path)?);
    }
    Ok(SecurityClient::connect_with(builder)?)
}

fn cluster_credentials() -> Result<Credentials, Box<dyn std::error::Error>> {
    if let Ok(encoded) = env::var("ES_API_KEY") {
        return Ok(Credentials::api_key_encoded(encoded));
    }
    let password = env::var("ES_PASSWORD").map_err(|_| {
        "with ES_URL, set ES_API_KEY or ES_PASSWORD (and ES_USERNAME, default elastic)"
    })?;
    let username = env::var("ES_USERNAME").unwrap_or_else(|_| "elastic".to_owned());
    Ok(Credentials::basic(username, password))
}

fn step(title: &str) {
    println!("\n▶ {title}");
}
