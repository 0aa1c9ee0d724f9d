//! Types of the `oidc` API group: the OpenID Connect login and logout flow that a web backend
//! runs on behalf of browsers, with Elasticsearch as the relying party.
//!
//! The flow and the values that travel between its steps:
//!
//! 1. `oidc_prepare_authentication` for an [`OidcRealm`] → an
//!    [`OidcPrepareAuthenticationResponse`]: keep its `state` and `nonce` (and `realm`) with the
//!    browser's session, send the browser to its `redirect` (the OpenID Connect Provider).
//! 2. `oidc_authenticate` with the full URL the Provider redirected the browser to and the kept
//!    `state` and `nonce` → [`OidcAuthenticateResponse`]: an access token and a refresh token
//!    (both [`Secret`]s).
//! 3. `oidc_logout` with the tokens → an [`OidcLogoutResponse`] whose `redirect` (when the
//!    Provider has an end-session endpoint) logs the user out at the Provider too.

use crate::Secret;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

/// Which OpenID Connect realm a login is for: by the realm's name, or (third-party initiated
/// login) by the Provider's issuer identifier, with an optional login hint.
///
/// Sent as the `realm`, or the `iss` and `login_hint` fields of the prepare body: Elasticsearch
/// accepts exactly one of `realm` and `iss`, and `login_hint` only with `iss`, which this type
/// makes the only possible shapes. A `&str` or `String` converts to a realm name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OidcRealm {
    /// The realm's name (`realm`).
    Name(String),
    /// The issuer identifier of the Provider that started the login (`iss`), and the
    /// `login_hint` it sent, passed on in the authentication request.
    Issuer {
        /// The Provider's issuer identifier.
        iss: String,
        /// An opaque login hint for the Provider.
        login_hint: Option<String>,
    },
}

impl OidcRealm {
    /// The realm with this name.
    pub fn name(name: impl Into<String>) -> Self {
        OidcRealm::Name(name.into())
    }

    /// The realm whose Provider has this issuer identifier (third-party initiated login).
    pub fn issuer(iss: impl Into<String>) -> Self {
        OidcRealm::Issuer {
            iss: iss.into(),
            login_hint: None,
        }
    }

    /// Like [`issuer`](Self::issuer), with the `login_hint` the Provider sent.
    pub fn issuer_with_login_hint(iss: impl Into<String>, login_hint: impl Into<String>) -> Self {
        OidcRealm::Issuer {
            iss: iss.into(),
            login_hint: Some(login_hint.into()),
        }
    }
}

impl Default for OidcRealm {
    /// An empty realm name: a placeholder that must be replaced before sending.
    fn default() -> Self {
        OidcRealm::Name(String::new())
    }
}

impl From<&str> for OidcRealm {
    fn from(name: &str) -> Self {
        OidcRealm::Name(name.to_owned())
    }
}

impl From<String> for OidcRealm {
    fn from(name: String) -> Self {
        OidcRealm::Name(name)
    }
}

impl Serialize for OidcRealm {
    /// As the field `realm`, or the fields `iss` and `login_hint` (flattened into the body).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        match self {
            OidcRealm::Name(name) => map.serialize_entry("realm", name)?,
            OidcRealm::Issuer { iss, login_hint } => {
                map.serialize_entry("iss", iss)?;
                if let Some(hint) = login_hint {
                    map.serialize_entry("login_hint", hint)?;
                }
            }
        }
        map.end()
    }
}

/// Body of `oidc_prepare_authentication`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OidcPrepareAuthenticationBody {
    /// The realm, by name or by issuer.
    #[serde(flatten)]
    pub realm: OidcRealm,
    /// The `state` of the authentication request (CSRF protection); Elasticsearch generates one
    /// when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// The `nonce` of the authentication request (binds the ID token to this login, against
    /// replay); Elasticsearch generates one when not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
}

/// Answer of `oidc_prepare_authentication`: where to send the browser, and the values to keep
/// with the browser's session until the Provider sends it back.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct OidcPrepareAuthenticationResponse {
    /// The Provider's authorization endpoint with the authentication request as query
    /// parameters: redirect the browser there.
    pub redirect: String,
    /// The `state` of the request (given or generated): keep it for `oidc_authenticate`.
    pub state: String,
    /// The `nonce` of the request (given or generated): keep it for `oidc_authenticate`.
    pub nonce: String,
    /// The realm that prepared the request.
    pub realm: String,
}

/// Body of `oidc_authenticate`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OidcAuthenticateBody {
    /// The URL the Provider redirected the browser to, exactly as received (URL-encoded, with
    /// its query or fragment): it carries the authorization code or the ID token.
    pub redirect_uri: Secret,
    /// The `state` kept from `oidc_prepare_authentication`.
    pub state: String,
    /// The `nonce` kept from `oidc_prepare_authentication`.
    pub nonce: String,
    /// The realm that should authenticate the response (with several OpenID Connect realms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub realm: Option<String>,
}

/// Answer of `oidc_authenticate`: an access token and a refresh token for the user.
///
/// Turn it into Bearer credentials with `security_core::ToCredentials::to_credentials`; refresh
/// the tokens with `get_token` (grant type `refresh_token`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct OidcAuthenticateResponse {
    /// The access token.
    pub access_token: Secret,
    /// The token type (`Bearer`).
    #[serde(rename = "type")]
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// The refresh token.
    pub refresh_token: Secret,
}

/// Body of `oidc_logout`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct OidcLogoutBody {
    /// The access token to invalidate.
    pub token: Secret,
    /// The refresh token to invalidate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
}

/// Answer of `oidc_logout`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct OidcLogoutResponse {
    /// The Provider's end-session endpoint with the logout request as query parameters:
    /// redirect the browser there to log out at the Provider too.
    ///
    /// The specification makes it required, but Elasticsearch sends `null` when the realm's
    /// Provider has no end-session endpoint (`op.endsession_endpoint`): then there is nowhere
    /// to redirect to, and the tokens are invalidated all the same.
    pub redirect: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn realm_flattens_into_the_body() {
        let body = OidcPrepareAuthenticationBody {
            realm: OidcRealm::issuer_with_login_hint("https://op.example", "hint"),
            ..Default::default()
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"iss": "https://op.example", "login_hint": "hint"})
        );
        let body = OidcPrepareAuthenticationBody {
            realm: "oidc1".into(),
            state: Some("s".into()),
            nonce: Some("n".into()),
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"realm":"oidc1","state":"s","nonce":"n"}"#
        );
    }

    #[test]
    fn logout_answer_without_end_session_endpoint() {
        let answer: OidcLogoutResponse = serde_json::from_str(r#"{"redirect":null}"#).unwrap();
        assert_eq!(answer.redirect, None);
        assert!(serde_json::from_str::<OidcLogoutResponse>("{}").is_ok());
    }
}
