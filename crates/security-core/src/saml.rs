//! Endpoints of the `saml` API group: SAML single sign-on and single logout, run by a web backend
//! (or a browser application) on behalf of the user's browser.
//!
//! The requests are built from the values of the previous step: a [`SamlRealm`] to prepare, the
//! prepared request's id ([`SamlRequestIds`] converts from the answer) to authenticate, the tokens
//! to log out, and the IdP's answer as a [`SamlLogoutPayload`] to complete the logout. The
//! authenticate answer becomes Bearer credentials with [`ToCredentials`].
//!
//! ```
//! use security_core::saml::{SamlAuthenticate, SamlPrepareAuthentication};
//! use security_core::types::saml::{SamlPrepareAuthenticationResponse, SamlRealm};
//!
//! let prepare = SamlPrepareAuthentication::new("saml1"); // or SamlRealm::acs(url)
//! # let prepared: SamlPrepareAuthenticationResponse = serde_json::from_str(
//! #     r#"{"id": "_989a", "realm": "saml1", "redirect": "https://idp/"}"#).unwrap();
//! // ...send it, redirect the browser to `prepared.redirect`, keep `prepared.id`...
//! let authenticate = SamlAuthenticate::new("PHNhbWxwOlJlc3BvbnNl...", &prepared).realm("saml1");
//! # let _ = (prepare, authenticate);
//! ```

use crate::auth::{Credentials, ToCredentials};
use crate::{Endpoint, EndpointSpec};
use security_types::saml::*;
use security_types::Secret;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <SamlPrepareAuthentication as Endpoint>::SPEC,
    <SamlAuthenticate as Endpoint>::SPEC,
    <SamlLogout as Endpoint>::SPEC,
    <SamlInvalidate as Endpoint>::SPEC,
    <SamlCompleteLogout as Endpoint>::SPEC,
    <SamlServiceProviderMetadata as Endpoint>::SPEC,
];

endpoint! {
    /// Creates a SAML authentication request (`AuthnRequest`) for a realm, as a URL to redirect
    /// the browser to.
    pub struct SamlPrepareAuthentication {
        name: "security.saml_prepare_authentication",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-saml-prepare-authentication.html",
        since: "7.5.0",
        serverless: private,
        response: SamlPrepareAuthenticationResponse,
        routes: ["POST /_security/saml/prepare"],
        path: [],
        opt_path: [],
        query: [],
        body: required SamlPrepareAuthenticationBody {
            args: [realm: SamlRealm],
            fields: [
                /// A value the IdP sends back as `RelayState` (signed with signed requests).
                opt relay_state: String,
            ],
        },
    }
}

endpoint! {
    /// Exchanges the SAML response the IdP sent through the browser for an access token and a
    /// refresh token.
    pub struct SamlAuthenticate {
        name: "security.saml_authenticate",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-saml-authenticate.html",
        since: "7.5.0",
        serverless: private,
        response: SamlAuthenticateResponse,
        routes: ["POST /_security/saml/authenticate"],
        path: [],
        opt_path: [],
        query: [],
        body: required SamlAuthenticateBody {
            args: [content: Secret, ids: SamlRequestIds],
            fields: [
                /// The realm that should authenticate the response (with several SAML realms).
                opt realm: String,
            ],
        },
        // Never sent twice: each call issues tokens, and the SAML response is single-use.
        repeatable: false,
    }
}

endpoint! {
    /// Invalidates the tokens of a SAML session and returns the IdP URL that logs the user out
    /// there (SP-initiated single logout).
    pub struct SamlLogout {
        name: "security.saml_logout",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-saml-logout.html",
        since: "7.5.0",
        serverless: private,
        response: SamlLogoutResponse,
        routes: ["POST /_security/saml/logout"],
        path: [],
        opt_path: [],
        query: [],
        body: required SamlLogoutBody {
            args: [token: Secret],
            fields: [
                /// The refresh token of the session.
                opt refresh_token: Secret,
            ],
        },
    }
}

impl SamlLogout {
    /// Logs out the session `saml_authenticate` opened: its access token and its refresh token.
    pub fn session(authenticated: &SamlAuthenticateResponse) -> Self {
        SamlLogout::new(authenticated.access_token.clone())
            .refresh_token(authenticated.refresh_token.clone())
    }
}

endpoint! {
    /// Consumes a `LogoutRequest` the IdP sent (IdP-initiated single logout): invalidates the
    /// user's tokens and returns the IdP URL to redirect the browser to.
    pub struct SamlInvalidate {
        name: "security.saml_invalidate",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-saml-invalidate.html",
        since: "7.5.0",
        serverless: private,
        response: SamlInvalidateResponse,
        routes: ["POST /_security/saml/invalidate"],
        path: [],
        opt_path: [],
        query: [],
        body: required SamlInvalidateBody {
            args: [query_string: String, realm: SamlRealm],
            fields: [],
        },
    }
}

endpoint! {
    /// Verifies the `LogoutResponse` the IdP sent at the end of an SP-initiated single logout.
    pub struct SamlCompleteLogout {
        name: "security.saml_complete_logout",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-saml-complete-logout.html",
        since: "7.14.0",
        serverless: private,
        response: SamlCompleteLogoutResponse,
        routes: ["POST /_security/saml/complete_logout"],
        path: [],
        opt_path: [],
        query: [],
        body: required SamlCompleteLogoutBody {
            args: [realm: String, ids: SamlRequestIds, payload: SamlLogoutPayload],
            fields: [],
        },
    }
}

endpoint! {
    /// Returns the SAML 2.0 metadata of the service provider of a SAML realm (an XML string).
    pub struct SamlServiceProviderMetadata {
        name: "security.saml_service_provider_metadata",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-saml-sp-metadata.html",
        since: "7.11.0",
        serverless: private,
        response: SamlServiceProviderMetadataResponse,
        routes: ["GET /_security/saml/metadata/{realm_name}"],
        path: [
            /// The SAML realm.
            realm_name: String,
        ],
        opt_path: [],
        query: [],
        body: none,
    }
}

impl ToCredentials for SamlAuthenticateResponse {
    /// Bearer credentials with the access token.
    fn to_credentials(&self) -> Credentials {
        Credentials::Bearer(self.access_token.clone())
    }
}
