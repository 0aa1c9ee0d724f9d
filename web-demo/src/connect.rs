//! The connect form → where to connect, with which credentials, and whether the target is an
//! Elastic Cloud Serverless project.
//!
//! A serverless project takes API keys: the form asks for one when "serverless project" is
//! ticked, and the page builds the client with `.serverless()` (the media types and the
//! `Elastic-Api-Version` header the project expects; calls it does not offer are refused
//! before sending).

use security_client::Credentials;

use crate::FormError;

/// What the connect form holds, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConnectForm {
    /// The cluster or project URL.
    pub url: String,
    /// "Username & password" is chosen rather than "API key".
    pub basic: bool,
    /// The username (when `basic`).
    pub username: String,
    /// The password (when `basic`).
    pub password: String,
    /// The encoded API key (when not `basic`).
    pub api_key: String,
    /// "Serverless project" is ticked.
    pub serverless: bool,
}

/// Where and how to connect, read from a [`ConnectForm`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Connection {
    /// The URL, trimmed.
    pub url: String,
    /// The credentials to send.
    pub credentials: Credentials,
    /// Build the client for a serverless project (`.serverless()`).
    pub serverless: bool,
}

impl ConnectForm {
    /// The connection, or the first field to fix.
    pub fn read(&self) -> Result<Connection, FormError> {
        let url = self.url.trim();
        if url.is_empty() {
            return Err(FormError::new(
                "es-url",
                "Enter the cluster URL, such as https://localhost:9200.",
            ));
        }
        let credentials = if self.basic {
            if self.serverless {
                return Err(FormError::new(
                    "auth-apikey",
                    "A serverless project takes an API key, not a username and password: \
                     choose API key and paste an encoded key.",
                ));
            }
            let user = self.username.trim();
            if user.is_empty() {
                return Err(FormError::new("es-user", "Enter the username."));
            }
            if self.password.is_empty() {
                return Err(FormError::new("es-password", "Enter the password."));
            }
            Credentials::basic(user, self.password.as_str())
        } else {
            let key = self.api_key.trim();
            if key.is_empty() {
                let message = if self.serverless {
                    "Paste an encoded API key: a serverless project takes an API key."
                } else {
                    "Paste an encoded API key, or sign in with a username and password."
                };
                return Err(FormError::new("es-apikey", message));
            }
            Credentials::api_key_encoded(key)
        };
        Ok(Connection {
            url: url.to_owned(),
            credentials,
            serverless: self.serverless,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ConnectForm {
        ConnectForm {
            url: " https://localhost:9200 ".into(),
            ..ConnectForm::default()
        }
    }

    #[test]
    fn an_api_key_on_the_stack() {
        let c = ConnectForm {
            api_key: " a2V5 ".into(),
            ..form()
        }
        .read()
        .unwrap();
        assert_eq!(c.url, "https://localhost:9200");
        assert_eq!(c.credentials, Credentials::api_key_encoded("a2V5"));
        assert!(!c.serverless);
    }

    #[test]
    fn a_username_and_password_on_the_stack() {
        let c = ConnectForm {
            basic: true,
            username: " elastic ".into(),
            password: " pw ".into(),
            ..form()
        }
        .read()
        .unwrap();
        assert_eq!(c.credentials, Credentials::basic("elastic", " pw "));
        assert!(!c.serverless);
    }

    #[test]
    fn a_serverless_project_with_an_api_key() {
        let c = ConnectForm {
            url: "https://my-project.es.eu-west-1.aws.elastic.cloud".into(),
            api_key: "a2V5".into(),
            serverless: true,
            ..form()
        }
        .read()
        .unwrap();
        assert_eq!(c.credentials, Credentials::api_key_encoded("a2V5"));
        assert!(c.serverless);
    }

    #[test]
    fn a_serverless_project_refuses_a_password() {
        let err = ConnectForm {
            basic: true,
            username: "elastic".into(),
            password: "pw".into(),
            serverless: true,
            ..form()
        }
        .read()
        .unwrap_err();
        assert_eq!(err.field, "auth-apikey");
        assert!(err.message.contains("serverless project takes an API key"));
    }

    #[test]
    fn a_serverless_project_asks_for_the_missing_key() {
        let err = ConnectForm {
            api_key: "  ".into(),
            serverless: true,
            ..form()
        }
        .read()
        .unwrap_err();
        assert_eq!(err.field, "es-apikey");
        assert!(err
            .message
            .contains("a serverless project takes an API key"));
    }

    #[test]
    fn missing_fields_are_named() {
        assert_eq!(ConnectForm::default().read().unwrap_err().field, "es-url");
        assert_eq!(form().read().unwrap_err().field, "es-apikey");
        let basic = ConnectForm {
            basic: true,
            ..form()
        };
        assert_eq!(basic.read().unwrap_err().field, "es-user");
        let no_password = ConnectForm {
            username: "elastic".into(),
            ..basic
        };
        assert_eq!(no_password.read().unwrap_err().field, "es-password");
    }
}
