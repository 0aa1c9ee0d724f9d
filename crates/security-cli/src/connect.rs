//! Where the cluster is and who we are: flags, the quickstart's `ES_*` variables, or `--testkit`.

use crate::error::CliError;
use security_client::native::NativeTransport;
use security_client::{Credentials, SecurityClient};
use security_testkit::{Config, EsVersion, TestServer};
use std::path::PathBuf;

/// Connection options (every flag also reads the environment variable it names).
#[derive(clap::Args, Debug, Clone, Default)]
#[command(next_help_heading = "Connection")]
pub struct ConnectionArgs {
    /// The cluster's URL.
    #[arg(long, env = "ES_URL", global = true, value_name = "URL")]
    pub url: Option<String>,
    /// An encoded API key (the `encoded` value of create_api_key); preferred to a password.
    #[arg(
        long,
        env = "ES_API_KEY",
        global = true,
        hide_env_values = true,
        value_name = "KEY"
    )]
    pub api_key: Option<String>,
    /// The user to authenticate as (with ES_PASSWORD) [default: elastic].
    #[arg(long, env = "ES_USERNAME", global = true, value_name = "USER")]
    pub username: Option<String>,
    /// The password (prefer the variable ES_PASSWORD to the flag: flags show in `ps`).
    #[arg(
        long,
        env = "ES_PASSWORD",
        global = true,
        hide_env_values = true,
        value_name = "PASSWORD"
    )]
    pub password: Option<String>,
    /// Trust the CA with this hex SHA-256 fingerprint (as Elasticsearch prints it at first start).
    #[arg(long, env = "ES_CA_FINGERPRINT", global = true, value_name = "HEX")]
    pub ca_fingerprint: Option<String>,
    /// Trust the CA certificate in this PEM file.
    #[arg(long, env = "ES_CA_CERT", global = true, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// Start the in-repo test server (security-testkit: in memory, NOT Elasticsearch) with a few
    /// demo objects, and run the command against it. ES_* variables are then ignored.
    #[arg(long, global = true)]
    pub testkit: bool,
    /// The cluster is an Elastic Cloud Serverless project: plain JSON media types and
    /// `Elastic-Api-Version: 2023-10-31`, one URL, an API key (ES_API_KEY); what projects lack
    /// is refused before sending. With --testkit, the test server acts as a project (no demo
    /// objects: it has no native users).
    #[arg(long, env = "ES_SERVERLESS", global = true)]
    pub serverless: bool,
    /// The Elasticsearch version the test server imitates.
    #[arg(long, global = true, value_enum, default_value_t = TestkitVersion::V9_5, value_name = "VERSION")]
    pub testkit_version: TestkitVersion,
}

/// The versions the test server imitates.
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TestkitVersion {
    /// Elasticsearch 8.14.
    #[value(name = "8.14")]
    V8_14,
    /// Elasticsearch 9.5.
    #[default]
    #[value(name = "9.5")]
    V9_5,
}

/// A connected client, and the test server it talks to when `--testkit` started one (the server
/// stops when this is dropped).
pub struct Connection {
    /// The client, authenticated.
    pub client: SecurityClient,
    /// The URL connected to (for messages).
    pub url: String,
    /// The test server started by `--testkit`.
    pub testkit: Option<TestServer>,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("url", &self.url)
            .field("testkit", &self.testkit.is_some())
            .finish_non_exhaustive()
    }
}

/// The `elastic` password of the `--testkit` server.
pub const TESTKIT_PASSWORD: &str = "changeme";

impl ConnectionArgs {
    /// Connects: to a fresh test server with `--testkit`, else to `--url`/`ES_URL`.
    /// Progress goes to `err`.
    pub async fn connect(&self, err: &mut dyn std::io::Write) -> Result<Connection, CliError> {
        if self.testkit {
            let version = match self.testkit_version {
                TestkitVersion::V8_14 => EsVersion::V8_14,
                TestkitVersion::V9_5 => EsVersion::V9_5,
            };
            let server = TestServer::start(
                Config::default()
                    .elastic_password(TESTKIT_PASSWORD)
                    .es_version(version)
                    .serverless(self.serverless),
            )
            .await
            .map_err(|e| CliError::new(format!("cannot start the test server: {e}")))?;
            let url = server.url();
            writeln!(
                err,
                "started the in-repo test server at {url} (security-testkit, in memory: not Elasticsearch; user elastic / {TESTKIT_PASSWORD})"
            )?;
            let client = SecurityClient::connect(&url)
                .map_err(|e| CliError::new(format!("cannot connect to the test server: {e}")))?
                .with_credentials(Credentials::basic("elastic", TESTKIT_PASSWORD));
            let client = if self.serverless {
                client.serverless()
            } else {
                crate::demo::seed(&client, version == EsVersion::V9_5)
                    .await
                    .map_err(|e| CliError::from_client(e, &url))?;
                client
            };
            return Ok(Connection {
                client,
                url,
                testkit: Some(server),
            });
        }
        let url = self.url.clone().filter(|u| !u.is_empty()).ok_or_else(|| {
            CliError::new("no cluster given").hint(
                "set ES_URL (or --url) and ES_API_KEY or ES_USERNAME/ES_PASSWORD; or add --testkit to try against the in-repo test server",
            )
        })?;
        let credentials = self.credentials()?;
        if self.serverless && self.api_key.as_ref().is_none_or(|k| k.is_empty()) {
            return Err(CliError::new("a serverless project takes an API key")
                .hint("set ES_API_KEY (or --api-key) to an encoded API key of the project"));
        }
        let mut builder = NativeTransport::builder().node(url.clone());
        if let Some(fingerprint) = &self.ca_fingerprint {
            builder = builder.ca_fingerprint(fingerprint.clone());
        }
        if let Some(path) = &self.ca_cert {
            let pem = std::fs::read(path).map_err(|e| {
                CliError::new(format!(
                    "cannot read the CA certificate {}: {e}",
                    path.display()
                ))
                .hint("ES_CA_CERT (or --ca-cert) names a PEM file of the cluster's HTTP CA")
            })?;
            builder = builder.ca_certificate_pem(pem);
        }
        let client = SecurityClient::connect_with(builder).map_err(|e| {
            CliError::new(format!("cannot set up the connection to {url}: {e}"))
                .hint("check ES_URL (e.g. https://localhost:9200) and the CA settings")
        })?;
        let client = if self.serverless {
            client.serverless()
        } else {
            client
        };
        Ok(Connection {
            client: client.with_credentials(credentials),
            url,
            testkit: None,
        })
    }

    fn credentials(&self) -> Result<Credentials, CliError> {
        if let Some(key) = self.api_key.as_ref().filter(|k| !k.is_empty()) {
            return Ok(Credentials::api_key_encoded(key.clone()));
        }
        match &self.password {
            Some(password) => Ok(Credentials::basic(
                self.username
                    .clone()
                    .unwrap_or_else(|| "elastic".to_owned()),
                password.clone(),
            )),
            None => Err(CliError::new("no credentials given")
                .hint("set ES_API_KEY (an encoded API key), or ES_USERNAME and ES_PASSWORD")),
        }
    }
}
