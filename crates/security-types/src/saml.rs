//! Types of the `saml` API group: the SAML single sign-on and single logout flow that a web
//! backend runs on behalf of browsers.
//!
//! The flow and the values that travel between its steps:
//!
//! 1. `saml_prepare_authentication` for a [`SamlRealm`] → a [`SamlPrepareAuthenticationResponse`]:
//!    keep its `id` (as [`SamlRequestIds`]) with the browser's session and send the browser to
//!    its `redirect`.
//! 2. `saml_authenticate` with the IdP's `SAMLResponse` and the kept ids →
//!    [`SamlAuthenticateResponse`]: an access token and a refresh token (both [`Secret`]s).
//! 3. Logout started by the user: `saml_logout` with the tokens → a [`SamlLogoutResponse`]
//!    whose `redirect` goes to the IdP; keep its `id`, then pass the IdP's answer to
//!    `saml_complete_logout` as a [`SamlLogoutPayload`] (redirect or POST binding).
//!    Logout started by the IdP: `saml_invalidate` with the IdP's query string.

use crate::common::EmptyObject;
use crate::users::AuthenticateResponse;
use crate::Secret;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

/// Which SAML realm a request is for: by its name or by its Assertion Consumer Service URL.
///
/// Sent as `realm` and/or `acs` fields of the body. A `&str` or `String` converts to a realm
/// name; use [`SamlRealm::acs`] for an ACS URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SamlRealm {
    /// The realm's name (`realm`).
    Name(String),
    /// The realm's Assertion Consumer Service URL (`acs`).
    Acs(String),
    /// Both: Elasticsearch then uses the realm with that name and that ACS URL.
    NameAndAcs {
        /// The realm's name.
        realm: String,
        /// The realm's ACS URL.
        acs: String,
    },
}

impl SamlRealm {
    /// The realm with this name.
    pub fn name(name: impl Into<String>) -> Self {
        SamlRealm::Name(name.into())
    }

    /// The realm with this Assertion Consumer Service URL.
    pub fn acs(url: impl Into<String>) -> Self {
        SamlRealm::Acs(url.into())
    }

    /// The realm's name, if given.
    pub fn realm_name(&self) -> Option<&str> {
        match self {
            SamlRealm::Name(name) | SamlRealm::NameAndAcs { realm: name, .. } => Some(name),
            SamlRealm::Acs(_) => None,
        }
    }

    /// The ACS URL, if given.
    pub fn acs_url(&self) -> Option<&str> {
        match self {
            SamlRealm::Acs(acs) | SamlRealm::NameAndAcs { acs, .. } => Some(acs),
            SamlRealm::Name(_) => None,
        }
    }
}

impl Default for SamlRealm {
    /// An empty realm name: a placeholder that must be replaced before sending.
    fn default() -> Self {
        SamlRealm::Name(String::new())
    }
}

impl From<&str> for SamlRealm {
    fn from(name: &str) -> Self {
        SamlRealm::Name(name.to_owned())
    }
}

impl From<String> for SamlRealm {
    fn from(name: String) -> Self {
        SamlRealm::Name(name)
    }
}

impl Serialize for SamlRealm {
    /// As the fields `realm` and/or `acs` (flattened into the body).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(acs) = self.acs_url() {
            map.serialize_entry("acs", acs)?;
        }
        if let Some(realm) = self.realm_name() {
            map.serialize_entry("realm", realm)?;
        }
        map.end()
    }
}

/// The ids of the SAML requests issued for the current user (`ids`), always sent as a JSON
/// array.
///
/// Elasticsearch accepts the IdP's answer only if it answers one of these requests. Converts from
/// `&str`, `String`, arrays and vectors, and from the answers that carry an id
/// ([`SamlPrepareAuthenticationResponse`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct SamlRequestIds(pub Vec<String>);

impl From<&str> for SamlRequestIds {
    fn from(value: &str) -> Self {
        SamlRequestIds(vec![value.to_owned()])
    }
}

impl From<String> for SamlRequestIds {
    fn from(value: String) -> Self {
        SamlRequestIds(vec![value])
    }
}

impl<S: Into<String>> From<Vec<S>> for SamlRequestIds {
    fn from(values: Vec<S>) -> Self {
        SamlRequestIds(values.into_iter().map(Into::into).collect())
    }
}

impl<S: Into<String>, const N: usize> From<[S; N]> for SamlRequestIds {
    fn from(values: [S; N]) -> Self {
        SamlRequestIds(values.into_iter().map(Into::into).collect())
    }
}

impl From<&SamlPrepareAuthenticationResponse> for SamlRequestIds {
    /// The id of the prepared authentication request.
    fn from(prepared: &SamlPrepareAuthenticationResponse) -> Self {
        SamlRequestIds(vec![prepared.id.clone()])
    }
}

/// Body of `saml_prepare_authentication`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SamlPrepareAuthenticationBody {
    /// The realm, by name or ACS URL (the `realm` / `acs` fields).
    #[serde(flatten)]
    pub realm: SamlRealm,
    /// A value the IdP returns as `RelayState`, included in the signature of signed requests.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relay_state: Option<String>,
}

/// Answer of `saml_prepare_authentication`: where to send the browser, and the id to keep.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SamlPrepareAuthenticationResponse {
    /// The id of the SAML `AuthnRequest`: keep it for `saml_authenticate`.
    pub id: String,
    /// The realm that made the request.
    pub realm: String,
    /// The IdP URL, with the `AuthnRequest`, to redirect the browser to.
    pub redirect: String,
}

/// Body of `saml_authenticate`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SamlAuthenticateBody {
    /// The `SAMLResponse` the browser posted, usually a base64-encoded XML document. It
    /// authenticates the user, so it is kept secret.
    pub content: Secret,
    /// The ids of the requests issued for this user (from `saml_prepare_authentication`).
    pub ids: SamlRequestIds,
    /// The realm that should authenticate the response (useful with several SAML realms).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub realm: Option<String>,
}

/// Answer of `saml_authenticate`: an access token and a refresh token for the user.
///
/// `security_core` turns it into Bearer credentials in one call (`ToCredentials`).
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct SamlAuthenticateResponse {
    /// The access token: send it as `Authorization: Bearer …`.
    pub access_token: Secret,
    /// The authenticated user's name.
    pub username: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// The refresh token, to get a new access token (`get_token` with grant type
    /// `refresh_token`) and to log out.
    pub refresh_token: Secret,
    /// The realm that authenticated the user.
    pub realm: String,
    /// Who the user is, as `authenticate` reports it (servers from 8.5 on).
    #[serde(default)]
    pub authentication: Option<AuthenticateResponse>,
    /// The id of the SAML request that started this authentication (the `id` of
    /// saml_prepare_authentication's answer; servers 9.3 and later).
    #[serde(default)]
    pub in_response_to: Option<String>,
}

/// Body of `saml_logout`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SamlLogoutBody {
    /// The access token from `saml_authenticate` (or the latest refreshed one).
    pub token: Secret,
    /// The refresh token from `saml_authenticate` (or the latest one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
}

/// Answer of `saml_logout`: where to send the browser to log out at the IdP.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SamlLogoutResponse {
    /// The id of the SAML `LogoutRequest`: keep it for `saml_complete_logout` (sent by
    /// servers, though not in the 8.14 specification).
    #[serde(default)]
    pub id: Option<String>,
    /// The IdP URL, with the `LogoutRequest`, to redirect the browser to.
    pub redirect: String,
}

/// Body of `saml_invalidate`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SamlInvalidateBody {
    /// The realm, by name or ACS URL (the `realm` / `acs` fields).
    #[serde(flatten)]
    pub realm: SamlRealm,
    /// The query string of the URL the IdP redirected the browser to, exactly as received
    /// (`SAMLRequest`, and `SigAlg` and `Signature` when signed). Do not parse or re-encode it.
    pub query_string: String,
}

/// Answer of `saml_invalidate`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SamlInvalidateResponse {
    /// How many tokens were invalidated.
    pub invalidated: u64,
    /// The realm that processed the logout request.
    pub realm: String,
    /// The IdP URL, with the `LogoutResponse`, to redirect the browser to.
    pub redirect: String,
}

/// The IdP's `LogoutResponse`, as it reached the service provider: `query_string` for the
/// HTTP-Redirect binding, `content` for the HTTP-POST binding. Exactly one is sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SamlLogoutPayload {
    /// HTTP-Redirect binding: the query string of the redirect URL, exactly as received.
    QueryString(String),
    /// HTTP-POST binding: the value of the `SAMLResponse` form field (URL-decoded).
    Content(String),
}

impl SamlLogoutPayload {
    /// The HTTP-Redirect binding: the query string of the URL the IdP redirected to.
    pub fn redirect_binding(query_string: impl Into<String>) -> Self {
        SamlLogoutPayload::QueryString(query_string.into())
    }

    /// The HTTP-POST binding: the `SAMLResponse` form value the IdP posted.
    pub fn post_binding(saml_response: impl Into<String>) -> Self {
        SamlLogoutPayload::Content(saml_response.into())
    }
}

impl Default for SamlLogoutPayload {
    /// An empty query string: a placeholder that must be replaced before sending.
    fn default() -> Self {
        SamlLogoutPayload::QueryString(String::new())
    }
}

impl Serialize for SamlLogoutPayload {
    /// As the field `query_string` or `content` (flattened into the body).
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            SamlLogoutPayload::QueryString(q) => map.serialize_entry("query_string", q)?,
            SamlLogoutPayload::Content(c) => map.serialize_entry("content", c)?,
        }
        map.end()
    }
}

/// Body of `saml_complete_logout`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct SamlCompleteLogoutBody {
    /// The realm that issued the logout request.
    pub realm: String,
    /// The ids of the logout requests issued for this user (from `saml_logout`).
    pub ids: SamlRequestIds,
    /// The IdP's `LogoutResponse` (`query_string` or `content`).
    #[serde(flatten)]
    pub payload: SamlLogoutPayload,
}

/// Answer of `saml_complete_logout`: an empty object.
pub type SamlCompleteLogoutResponse = EmptyObject;

/// Answer of `saml_service_provider_metadata`: the SAML 2.0 metadata of the service provider.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct SamlServiceProviderMetadataResponse {
    /// The metadata: an XML `EntityDescriptor` document.
    pub metadata: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn realm_and_payload_flatten_into_the_body() {
        let body = SamlPrepareAuthenticationBody {
            realm: SamlRealm::acs("https://kibana.org/api/security/saml/callback"),
            relay_state: None,
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"acs": "https://kibana.org/api/security/saml/callback"})
        );
        let body = SamlInvalidateBody {
            realm: SamlRealm::NameAndAcs {
                realm: "saml1".into(),
                acs: "https://sp/acs".into(),
            },
            query_string: "SAMLRequest=x".into(),
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"acs": "https://sp/acs", "realm": "saml1", "query_string": "SAMLRequest=x"})
        );
        let body = SamlCompleteLogoutBody {
            realm: "saml1".into(),
            ids: "_1c36".into(),
            payload: SamlLogoutPayload::post_binding("PHNhbWxw"),
        };
        assert_eq!(
            serde_json::to_string(&body).unwrap(),
            r#"{"realm":"saml1","ids":["_1c36"],"content":"PHNhbWxw"}"#
        );
    }

    #[test]
    fn debug_hides_tokens_and_the_saml_response() {
        let body = SamlAuthenticateBody {
            content: Secret::new("PHNhbWxwOlJlc3BvbnNl"),
            ids: ["a"].into(),
            realm: None,
        };
        assert!(!format!("{body:?}").contains("PHNhbWxw"));
        let answer: SamlAuthenticateResponse = serde_json::from_value(json!({
            "access_token": "46ToAxZVaXVV", "username": "Bearer", "expires_in": 1200,
            "refresh_token": "mJdXLtmvTUSp", "realm": "saml1"
        }))
        .unwrap();
        let shown = format!("{answer:?}");
        assert!(
            !shown.contains("46ToAxZVaXVV") && !shown.contains("mJdXLtmvTUSp"),
            "{shown}"
        );
    }
}
