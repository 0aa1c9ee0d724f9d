//! Credentials: Basic, ApiKey and Bearer, turned into a sensitive `Authorization` header.

use base64::Engine as _;
use http::HeaderValue;
use security_types::Secret;
use std::fmt;

/// How a request authenticates.
///
/// `Debug` never shows the secret part.
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// HTTP Basic: a username and a password.
    Basic {
        /// The username.
        username: String,
        /// The password.
        password: Secret,
    },
    /// An API key: `ApiKey base64(id:key)`, or the already `encoded` value.
    ApiKey(ApiKeyCredentials),
    /// A bearer token: an access token (`get_token`) or a service-account token.
    Bearer(Secret),
}

/// The two forms of API-key credentials.
#[derive(Clone, PartialEq, Eq)]
pub enum ApiKeyCredentials {
    /// The key's id and secret.
    IdKey {
        /// The key id.
        id: String,
        /// The key secret (`api_key` in create_api_key's answer).
        key: Secret,
    },
    /// The `encoded` value of create_api_key's answer: base64 of `id:key`.
    Encoded(Secret),
}

impl Credentials {
    /// Basic credentials.
    pub fn basic(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Credentials::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    /// API-key credentials from the key's id and secret.
    pub fn api_key(id: impl Into<String>, key: impl Into<Secret>) -> Self {
        Credentials::ApiKey(ApiKeyCredentials::IdKey {
            id: id.into(),
            key: key.into(),
        })
    }

    /// API-key credentials from the `encoded` value (base64 of `id:key`).
    pub fn api_key_encoded(encoded: impl Into<Secret>) -> Self {
        Credentials::ApiKey(ApiKeyCredentials::Encoded(encoded.into()))
    }

    /// Bearer credentials (access token or service-account token).
    pub fn bearer(token: impl Into<Secret>) -> Self {
        Credentials::Bearer(token.into())
    }

    /// The scheme as it appears in the header: `Basic`, `ApiKey` or `Bearer`.
    pub fn scheme(&self) -> &'static str {
        match self {
            Credentials::Basic { .. } => "Basic",
            Credentials::ApiKey(_) => "ApiKey",
            Credentials::Bearer(_) => "Bearer",
        }
    }

    /// The `Authorization` header value, marked sensitive.
    ///
    /// Fails (without showing the secret) when the value holds characters a header cannot carry.
    pub fn header_value(&self) -> Result<HeaderValue, InvalidCredentials> {
        let b64 = &base64::engine::general_purpose::STANDARD;
        let value = match self {
            Credentials::Basic { username, password } => {
                format!(
                    "Basic {}",
                    b64.encode(format!("{username}:{}", password.expose()))
                )
            }
            Credentials::ApiKey(key) => format!("ApiKey {}", key.encoded().expose()),
            Credentials::Bearer(token) => format!("Bearer {}", token.expose()),
        };
        let mut header = HeaderValue::try_from(value).map_err(|_| InvalidCredentials {
            scheme: self.scheme(),
        })?;
        header.set_sensitive(true);
        Ok(header)
    }
}

impl ApiKeyCredentials {
    /// The encoded form: base64 of `id:key` (what an `ApiKey` header carries).
    pub fn encoded(&self) -> Secret {
        match self {
            ApiKeyCredentials::IdKey { id, key } => Secret::new(
                base64::engine::general_purpose::STANDARD.encode(format!("{id}:{}", key.expose())),
            ),
            ApiKeyCredentials::Encoded(encoded) => encoded.clone(),
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Basic { username, .. } => f
                .debug_struct("Basic")
                .field("username", username)
                .field("password", &"[redacted]")
                .finish(),
            Credentials::ApiKey(key) => f.debug_tuple("ApiKey").field(key).finish(),
            Credentials::Bearer(_) => f.write_str("Bearer([redacted])"),
        }
    }
}

impl fmt::Debug for ApiKeyCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiKeyCredentials::IdKey { id, .. } => f
                .debug_struct("IdKey")
                .field("id", id)
                .field("key", &"[redacted]")
                .finish(),
            ApiKeyCredentials::Encoded(_) => f.write_str("Encoded([redacted])"),
        }
    }
}

/// Credentials that cannot be put into a header (e.g. a control character in a token).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{scheme} credentials contain characters that are not allowed in an HTTP header")]
pub struct InvalidCredentials {
    scheme: &'static str,
}

/// Answers that carry credentials (tokens, API keys) turn into [`Credentials`] in one call.
///
/// ```
/// # use security_core::{auth::ToCredentials, Credentials};
/// # fn demo(created: &impl ToCredentials) {
/// let credentials: Credentials = created.to_credentials();
/// # }
/// ```
pub trait ToCredentials {
    /// The credentials this answer grants.
    fn to_credentials(&self) -> Credentials;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_values() {
        let basic = Credentials::basic("elastic", "changeme")
            .header_value()
            .unwrap();
        assert_eq!(basic, "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");
        assert!(basic.is_sensitive());
        let key = Credentials::api_key("VuaCfGcBCdbkQm-e5aOx", "ui2lp2axTNmsyakw9tvNnw")
            .header_value()
            .unwrap();
        assert_eq!(
            key,
            "ApiKey VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw=="
        );
        let encoded = Credentials::api_key_encoded("abc==")
            .header_value()
            .unwrap();
        assert_eq!(encoded, "ApiKey abc==");
        let bearer = Credentials::bearer("dGhpcyBpcyBub3Q=")
            .header_value()
            .unwrap();
        assert_eq!(bearer, "Bearer dGhpcyBpcyBub3Q=");
    }

    #[test]
    fn debug_hides_secrets() {
        let all = [
            Credentials::basic("elastic", "s3cr3t-pw"),
            Credentials::api_key("id1", "s3cr3t-pw"),
            Credentials::api_key_encoded("s3cr3t-pw"),
            Credentials::bearer("s3cr3t-pw"),
        ];
        for c in &all {
            let shown = format!("{c:?}");
            assert!(!shown.contains("s3cr3t-pw"), "{shown}");
            assert!(shown.contains("[redacted]"), "{shown}");
            let hv = c.header_value().unwrap();
            assert!(!format!("{hv:?}").contains("s3cr3t"), "{hv:?}");
        }
        assert!(format!("{:?}", all[0]).contains("elastic"));
    }

    #[test]
    fn bad_characters_are_an_error_that_hides_the_secret() {
        let err = Credentials::bearer("a\nsecret").header_value().unwrap_err();
        assert!(!err.to_string().contains("secret"));
    }
}
