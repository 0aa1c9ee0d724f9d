//! Endpoints of the `tokens` API group: OAuth2-style access and refresh tokens.

use crate::auth::ToCredentials;
use crate::{Credentials, Endpoint, EndpointSpec};
use security_types::tokens::*;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <GetToken as Endpoint>::SPEC,
    <InvalidateToken as Endpoint>::SPEC,
    <DelegatePki as Endpoint>::SPEC,
];

endpoint! {
    /// Creates an access token (and usually a refresh token) for bearer authentication.
    pub struct GetToken {
        name: "security.get_token",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-token.html",
        since: "5.5.0",
        serverless: private,
        response: GetTokenResponse,
        routes: ["POST /_security/oauth2/token"],
        path: [],
        opt_path: [],
        query: [],
        body: required GetTokenBody {
            args: [],
            fields: [
                /// The grant type: `password`, `client_credentials`, `_kerberos` or `refresh_token`.
                opt grant_type: AccessTokenGrantType,
                /// The scope of the token (currently always `full`).
                opt scope: String,
                /// The user's password (`password` grant type).
                opt password: security_types::Secret,
                /// The base64-encoded Kerberos ticket (`_kerberos` grant type).
                opt kerberos_ticket: security_types::Secret,
                /// The refresh token (`refresh_token` grant type).
                opt refresh_token: security_types::Secret,
                /// The username (`password` grant type).
                opt username: String,
            ],
        },
        // Never sent twice: each call issues tokens; a refresh token is single-use.
        repeatable: false,
    }
}

/// The grant forms of `get_token`, each with what it needs. Send one with the client's `send`,
/// or build the `http::Request` with [`Endpoint::to_http_request`].
///
/// ```
/// use security_core::tokens::GetToken;
/// let login = GetToken::with_password("jacknich", "l0ng-r4nd0m-p@ssw0rd");
/// let renew = GetToken::with_refresh_token("dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu");
/// let service = GetToken::with_client_credentials();
/// # let _ = (login, renew, service);
/// ```
impl GetToken {
    /// A token for the user with this username and password (grant type `password`), with a
    /// refresh token.
    pub fn with_password(
        username: impl Into<String>,
        password: impl Into<security_types::Secret>,
    ) -> Self {
        GetToken::new()
            .grant_type(AccessTokenGrantType::Password)
            .username(username)
            .password(password)
    }

    /// A new access token (and a new refresh token) from a refresh token of an earlier answer
    /// (grant type `refresh_token`; a refresh token is used once).
    pub fn with_refresh_token(refresh_token: impl Into<security_types::Secret>) -> Self {
        GetToken::new()
            .grant_type(AccessTokenGrantType::RefreshToken)
            .refresh_token(refresh_token)
    }

    /// A token for the caller itself, the client's credentials (grant type
    /// `client_credentials`): no refresh token.
    pub fn with_client_credentials() -> Self {
        GetToken::new().grant_type(AccessTokenGrantType::ClientCredentials)
    }

    /// A token for the user of this base64-encoded Kerberos ticket (grant type `_kerberos`).
    pub fn with_kerberos_ticket(ticket: impl Into<security_types::Secret>) -> Self {
        GetToken::new()
            .grant_type(AccessTokenGrantType::Kerberos)
            .kerberos_ticket(ticket)
    }
}

/// An access token authenticates as `Authorization: Bearer <access_token>`.
///
/// ```
/// # use security_core::{auth::ToCredentials, types::tokens::GetTokenResponse};
/// # fn demo(token: &GetTokenResponse) {
/// let credentials = token.to_credentials();
/// assert_eq!(credentials.scheme(), "Bearer");
/// # }
/// ```
impl ToCredentials for GetTokenResponse {
    fn to_credentials(&self) -> Credentials {
        Credentials::bearer(self.access_token.clone())
    }
}

endpoint! {
    /// Invalidates access or refresh tokens: by value, or all of a realm or user.
    pub struct InvalidateToken {
        name: "security.invalidate_token",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-invalidate-token.html",
        since: "5.5.0",
        serverless: private,
        response: InvalidateTokenResponse,
        routes: ["DELETE /_security/oauth2/token"],
        path: [],
        opt_path: [],
        query: [],
        body: required InvalidateTokenBody {
            args: [],
            fields: [
                /// An access token to invalidate.
                opt token: security_types::Secret,
                /// A refresh token to invalidate.
                opt refresh_token: security_types::Secret,
                /// Invalidate all tokens of this realm.
                opt realm_name: String,
                /// Invalidate all tokens of this user.
                opt username: String,
            ],
        },
    }
}

endpoint! {
    /// Exchanges a client's X.509 certificate chain for an access token, on behalf of a PKI
    /// realm with delegation enabled. Called by trusted proxies (such as Kibana) that end the
    /// client's TLS session themselves; the proxy is trusted to have checked that the client
    /// holds the certificate's private key.
    ///
    /// The answer's token authenticates with [`ToCredentials::to_credentials`], like
    /// `get_token`'s.
    pub struct DelegatePki {
        name: "security.delegate_pki",
        doc: "https://www.elastic.co/docs/api/doc/elasticsearch/operation/operation-security-delegate-pki",
        since: "7.4.0",
        response: DelegatePkiResponse,
        routes: ["POST /_security/delegate_pki"],
        path: [],
        opt_path: [],
        query: [],
        body: required DelegatePkiBody {
            args: [
                /// The certificate chain, target certificate first: each certificate the
                /// base64 (not base64url) of its DER encoding.
                x509_certificate_chain: crate::Names,
            ],
            fields: [],
        },
        // Never sent twice: each call issues another token.
        repeatable: false,
    }
}

/// A delegated PKI access token authenticates as `Authorization: Bearer <access_token>`.
impl ToCredentials for DelegatePkiResponse {
    fn to_credentials(&self) -> Credentials {
        Credentials::bearer(self.access_token.clone())
    }
}
