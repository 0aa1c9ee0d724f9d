//! Types of the `tokens` API group: OAuth2-style access and refresh tokens.

use crate::common::ErrorCause;
use crate::open_enum;
use crate::Secret;
use serde::{Deserialize, Serialize};

open_enum! {
    /// How `get_token` authenticates the token request (`AccessTokenGrantType` in the spec).
    pub enum AccessTokenGrantType {
        /// A username and password (`password`).
        Password = "password",
        /// A token for the authenticated caller itself, without a refresh token
        /// (`client_credentials`).
        ClientCredentials = "client_credentials",
        /// A Kerberos ticket (`_kerberos`).
        Kerberos = "_kerberos",
        /// A refresh token from an earlier `get_token` (`refresh_token`).
        RefreshToken = "refresh_token",
    }
}

/// Body of `get_token`.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct GetTokenBody {
    /// The grant type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grant_type: Option<AccessTokenGrantType>,
    /// The scope of the token (currently always `full`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The user's password, with the `password` grant type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<Secret>,
    /// The base64-encoded Kerberos ticket, with the `_kerberos` grant type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kerberos_ticket: Option<Secret>,
    /// The refresh token, with the `refresh_token` grant type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    /// The username, with the `password` grant type.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// The user a token was created for (`AuthenticatedUser` in the spec): the same shape as the
/// answer of `authenticate`.
pub type AuthenticatedUser = crate::users::AuthenticateResponse;

/// Answer of `get_token`: an access token, usually with a refresh token.
///
/// `Debug` never shows the tokens.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct GetTokenResponse {
    /// The access token, sent as `Authorization: Bearer <token>`.
    pub access_token: Secret,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The scope of the token.
    #[serde(default)]
    pub scope: Option<String>,
    /// The token type, `Bearer`.
    #[serde(rename = "type")]
    pub token_type: String,
    /// The refresh token (not with the `client_credentials` grant type).
    #[serde(default)]
    pub refresh_token: Option<Secret>,
    /// The Kerberos response token for mutual authentication (`_kerberos` grant type).
    #[serde(default)]
    pub kerberos_authentication_response_token: Option<Secret>,
    /// The user the token was created for.
    pub authentication: AuthenticatedUser,
}

/// Body of `invalidate_token`: the tokens to invalidate, by value or by realm and user.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct InvalidateTokenBody {
    /// An access token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// A refresh token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<Secret>,
    /// All tokens of this realm.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub realm_name: Option<String>,
    /// All tokens of this user.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
}

/// Answer of `invalidate_token`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct InvalidateTokenResponse {
    /// The number of tokens invalidated by this request.
    pub invalidated_tokens: i64,
    /// The number of tokens that were already invalidated.
    pub previously_invalidated_tokens: i64,
    /// The number of errors.
    pub error_count: i64,
    /// The errors, when there were any.
    #[serde(default)]
    pub error_details: Vec<ErrorCause>,
}

/// Body of `delegate_pki`: the client's X.509 certificate chain.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct DelegatePkiBody {
    /// The chain, target certificate first, each certificate the base64 (not base64url) of its
    /// DER encoding; each one is certified by the next.
    pub x509_certificate_chain: Vec<String>,
}

/// Answer of `delegate_pki`: an access token for the user of the certificate.
#[derive(Clone, Debug, Deserialize)]
#[non_exhaustive]
pub struct DelegatePkiResponse {
    /// The access token, sent as `Authorization: Bearer <token>`.
    pub access_token: Secret,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The token type, `Bearer`.
    #[serde(rename = "type")]
    pub token_type: String,
    /// The user the token was created for.
    #[serde(default)]
    pub authentication: Option<AuthenticatedUser>,
}
