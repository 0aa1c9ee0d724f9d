//! The CLI's error: what happened, and what to do about it.

use std::fmt;

/// An error that ends a command: a message, a hint saying what to do, and the exit code (1).
#[derive(Debug)]
pub struct CliError {
    /// What happened.
    pub message: String,
    /// What to do about it, when we can tell.
    pub hint: Option<String>,
}

impl CliError {
    /// An error with a message and no hint.
    pub fn new(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            hint: None,
        }
    }

    /// Adds (or replaces) the hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// A client error with a hint for the usual causes: where the cluster is, credentials,
    /// TLS trust, privileges, server version.
    pub fn from_client(error: security_client::Error, url: &str) -> Self {
        use security_client::Error;
        let hint = match &error {
            Error::Transport(t) => match t.kind() {
                security_client::TransportErrorKind::Tls => Some(
                    "trust the cluster's CA: set ES_CA_FINGERPRINT (the hex SHA-256 Elasticsearch prints at first start) or ES_CA_CERT (a PEM file)".to_owned(),
                ),
                security_client::TransportErrorKind::Connect => Some(format!(
                    "is Elasticsearch running at {url}? Set ES_URL (or --url), or try the commands without a cluster with --testkit"
                )),
                security_client::TransportErrorKind::Timeout => {
                    Some("the cluster did not answer in time; check that it is healthy".to_owned())
                }
                _ => None,
            },
            e if e.is_unauthorized() => Some(
                "check the credentials: ES_API_KEY (an encoded API key), or ES_USERNAME and ES_PASSWORD".to_owned(),
            ),
            e if e.is_forbidden() => Some(
                "the authenticated user lacks a privilege this command needs (see the reason above); `es-security whoami` shows who you are".to_owned(),
            ),
            Error::NeedsNewerServer(_) => {
                Some("upgrade the cluster, or use a command that the cluster's version has".to_owned())
            }
            Error::UnsupportedProduct { .. } => {
                Some(format!("check that {url} is an Elasticsearch node, not a proxy page"))
            }
            _ => None,
        };
        CliError {
            message: error.to_string(),
            hint,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::new(format!("cannot write the output: {e}"))
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::new(format!("cannot render JSON: {e}"))
    }
}
