//! Credentials: Basic, ApiKey and Bearer, turned into a sensitive `Authorization` header.

use http::HeaderValue;
use security_types::Secret;
use std::fmt;

/// How a request authenticates.
///
/// `Debug` never shows the secret part.
///
/// Basic credentials are sent as `Basic base64(username:password)` of the UTF-8 bytes, which is
/// how Elasticsearch decodes them (RFC 7617 with `charset="UTF-8"`): non-ASCII usernames and
/// passwords work as they are. The first `:` separates the username from the password, so a
/// username holding a `:` is refused (a password may hold any character). Credentials stored
/// already encoded (as Kibana and many configuration files keep them) are
/// sent unchanged with [`Credentials::basic_encoded`].
///
/// ```
/// use security_core::Credentials;
///
/// let plain = Credentials::basic("jürgen", "pässwörd").header_value().unwrap();
/// let encoded = Credentials::basic_encoded("asO8cmdlbjpww6Rzc3fDtnJk").header_value().unwrap();
/// assert_eq!(plain, "Basic asO8cmdlbjpww6Rzc3fDtnJk");
/// assert_eq!(encoded, plain);
/// assert!(Credentials::basic("a:b", "pw").header_value().is_err());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub enum Credentials {
    /// HTTP Basic: a username and a password.
    Basic {
        /// The username.
        username: String,
        /// The password.
        password: Secret,
    },
    /// HTTP Basic, already encoded: the base64 of `username:password`, sent as it is.
    BasicEncoded(Secret),
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
    /// Basic credentials (sent as the base64 of `username:password` in UTF-8).
    pub fn basic(username: impl Into<String>, password: impl Into<Secret>) -> Self {
        Credentials::Basic {
            username: username.into(),
            password: password.into(),
        }
    }

    /// Basic credentials already encoded: the base64 of `username:password` (without the
    /// `Basic ` prefix), as Kibana and many configuration files store them.
    pub fn basic_encoded(encoded: impl Into<Secret>) -> Self {
        Credentials::BasicEncoded(encoded.into())
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
            Credentials::Basic { .. } | Credentials::BasicEncoded(_) => "Basic",
            Credentials::ApiKey(_) => "ApiKey",
            Credentials::Bearer(_) => "Bearer",
        }
    }

    /// The `Authorization` header value, marked sensitive.
    ///
    /// Fails (without showing the secret) when the value holds characters a header cannot carry,
    /// or when a Basic username holds a `:`.
    pub fn header_value(&self) -> Result<HeaderValue, InvalidCredentials> {
        let value = match self {
            Credentials::Basic { username, .. } if username.contains(':') => {
                return Err(InvalidCredentials {
                    scheme: "Basic",
                    reason: "have a username with a `:`, which would end the username there",
                });
            }
            Credentials::Basic { username, password } => {
                format!(
                    "Basic {}",
                    base64(format!("{username}:{}", password.expose()).as_bytes())
                )
            }
            Credentials::BasicEncoded(encoded) => format!("Basic {}", encoded.expose()),
            Credentials::ApiKey(key) => format!("ApiKey {}", key.encoded().expose()),
            Credentials::Bearer(token) => format!("Bearer {}", token.expose()),
        };
        let mut header = HeaderValue::try_from(value).map_err(|_| InvalidCredentials {
            scheme: self.scheme(),
            reason: "contain characters that are not allowed in an HTTP header",
        })?;
        header.set_sensitive(true);
        Ok(header)
    }
}

impl ApiKeyCredentials {
    /// The encoded form: base64 of `id:key` (what an `ApiKey` header carries).
    pub fn encoded(&self) -> Secret {
        match self {
            ApiKeyCredentials::IdKey { id, key } => {
                Secret::new(base64(format!("{id}:{}", key.expose()).as_bytes()))
            }
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
            Credentials::BasicEncoded(_) => f.write_str("BasicEncoded([redacted])"),
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

/// Credentials that cannot be put into a header (e.g. a control character in a token, a `:` in
/// a Basic username). The message never shows the secret.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{scheme} credentials {reason}")]
pub struct InvalidCredentials {
    scheme: &'static str,
    reason: &'static str,
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

/// Standard base64 with padding (RFC 4648 §4), what `Basic` and `ApiKey` credentials carry.
/// Written out (a dozen lines) instead of the `base64` crate's general engine, which took
/// about 3 KB of a browser bundle for this one use.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine as _;

    #[test]
    fn base64_is_the_standard_padded_encoding() {
        // RFC 4648 §10's test vectors.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn base64_matches_the_base64_crate(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..70)) {
            proptest::prop_assert_eq!(
                base64(&bytes),
                base64::engine::general_purpose::STANDARD.encode(&bytes)
            );
        }
    }

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
        let basic_encoded = Credentials::basic_encoded("ZWxhc3RpYzpjaGFuZ2VtZQ==")
            .header_value()
            .unwrap();
        assert_eq!(basic_encoded, "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");
        assert!(basic_encoded.is_sensitive());
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
            Credentials::basic_encoded("s3cr3t-pw"),
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
        assert!(err.to_string().contains("not allowed in an HTTP header"));
        let err = Credentials::basic("a:b", "secret")
            .header_value()
            .unwrap_err();
        assert!(err.to_string().contains("username with a `:`"), "{err}");
        assert!(!err.to_string().contains("secret"));
        // Any character in a password, `:` included, as UTF-8.
        let hv = Credentials::basic("u", "p:ä").header_value().unwrap();
        assert_eq!(
            hv,
            format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode("u:p:ä".as_bytes())
            )
        );
    }
}
