//! The `saml` API group: client methods, request types and data types.
//!
//! # The SAML web flow
//!
//! A web backend (or a browser application) that logs users in with a SAML IdP through
//! Elasticsearch runs these steps; the values that travel between them are typed:
//!
//! 1. **Login**: `saml_prepare_authentication` for the realm (by name, or
//!    [`SamlRealm::acs`]) → keep the answer's `id` with the browser's session, redirect the
//!    browser to its `redirect`.
//! 2. **ACS callback**: the IdP posts `SAMLResponse` back; `saml_authenticate` with it and the
//!    kept id → an access token and a refresh token ([`Secret`](crate::Secret)s);
//!    `to_credentials()` turns the answer into Bearer credentials for the user's requests.
//! 3. **Logout**: `saml_logout` with the tokens → keep the answer's `id`, redirect the browser
//!    to its `redirect`; when the IdP sends the browser back, `saml_complete_logout` with the
//!    kept id and the IdP's answer ([`SamlLogoutPayload`]: the query string of the redirect
//!    binding or the form value of the POST binding).
//!    When the IdP starts the logout, `saml_invalidate` with its query string instead.
//!
//! ```
//! use security_client::saml::{SamlLogout, SamlLogoutPayload, SamlRealm};
//! use security_client::{ClientTransport, Credentials, Error, SecurityClient, ToCredentials};
//!
//! /// What the backend keeps in the browser's session (e.g. an encrypted cookie).
//! #[derive(Default)]
//! struct Session {
//!     pending_request_id: Option<String>,
//!     credentials: Option<Credentials>,
//!     tokens: Option<security_client::saml::SamlAuthenticateResponse>,
//! }
//!
//! /// GET /login: returns where to redirect the browser.
//! async fn login<T: ClientTransport>(es: &SecurityClient<T>, session: &mut Session) -> Result<String, Error> {
//!     let prepared = es.saml_prepare_authentication("saml1").await?;
//!     session.pending_request_id = Some(prepared.id);
//!     Ok(prepared.redirect)
//! }
//!
//! /// POST /saml/acs with the form field `SAMLResponse`.
//! async fn acs<T: ClientTransport>(es: &SecurityClient<T>, session: &mut Session, saml_response: &str) -> Result<(), Error> {
//!     let id = session.pending_request_id.take().unwrap_or_default();
//!     let tokens = es.saml_authenticate(saml_response, id).realm("saml1").await?;
//!     // The user's own requests now go out with `Authorization: Bearer <access token>`.
//!     session.credentials = Some(tokens.to_credentials());
//!     session.tokens = Some(tokens);
//!     Ok(())
//! }
//!
//! /// GET /logout: returns where to redirect the browser.
//! async fn logout<T: ClientTransport>(es: &SecurityClient<T>, session: &mut Session) -> Result<Option<String>, Error> {
//!     let Some(tokens) = session.tokens.take() else { return Ok(None) };
//!     session.credentials = None;
//!     let answer = es.send(SamlLogout::session(&tokens)).await?;
//!     session.pending_request_id = answer.id;
//!     Ok(Some(answer.redirect))
//! }
//!
//! /// GET /saml/logout-done?<query>: the IdP's LogoutResponse (HTTP-Redirect binding).
//! async fn logout_done<T: ClientTransport>(es: &SecurityClient<T>, session: &mut Session, query: &str) -> Result<(), Error> {
//!     let id = session.pending_request_id.take().unwrap_or_default();
//!     es.saml_complete_logout("saml1", id, SamlLogoutPayload::redirect_binding(query)).await?;
//!     Ok(())
//! }
//!
//! /// GET /saml/logout?<query>: a LogoutRequest from the IdP (IdP-initiated logout).
//! async fn idp_logout<T: ClientTransport>(es: &SecurityClient<T>, query: &str) -> Result<String, Error> {
//!     Ok(es.saml_invalidate(query, "saml1").await?.redirect)
//! }
//! # // A fake Elasticsearch that checks what each step sends.
//! # let transport = |req: http::Request<Vec<u8>>| {
//! #     let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap_or_default();
//! #     let answer = match req.uri().path() {
//! #         "/_security/saml/prepare" => {
//! #             assert_eq!(body, serde_json::json!({"realm": "saml1"}));
//! #             r#"{"redirect":"https://idp.example/sso?SAMLRequest=x","realm":"saml1","id":"_989a"}"#
//! #         }
//! #         "/_security/saml/authenticate" => {
//! #             assert_eq!(body, serde_json::json!({"content": "PHNhbWxw", "ids": ["_989a"], "realm": "saml1"}));
//! #             r#"{"access_token":"46ToAxZV","username":"jacknich","expires_in":1200,"refresh_token":"mJdXLtmv","realm":"saml1"}"#
//! #         }
//! #         "/_security/saml/logout" => {
//! #             assert_eq!(body, serde_json::json!({"token": "46ToAxZV", "refresh_token": "mJdXLtmv"}));
//! #             r#"{"id":"_1c36","redirect":"https://idp.example/slo?SAMLRequest=y"}"#
//! #         }
//! #         "/_security/saml/complete_logout" => {
//! #             assert_eq!(body, serde_json::json!({"realm": "saml1", "ids": ["_1c36"], "query_string": "SAMLResponse=z"}));
//! #             "{}"
//! #         }
//! #         "/_security/saml/invalidate" => {
//! #             assert_eq!(body, serde_json::json!({"realm": "saml1", "query_string": "SAMLRequest=w"}));
//! #             r#"{"redirect":"https://idp.example/slo?SAMLResponse=v","invalidated":2,"realm":"saml1"}"#
//! #         }
//! #         other => panic!("unexpected {other}"),
//! #     };
//! #     async move {
//! #         Ok::<_, std::io::Error>(http::Response::builder().status(200)
//! #             .header("x-elastic-product", "Elasticsearch").body(answer.as_bytes().to_vec()).unwrap())
//! #     }
//! # };
//! # let es = SecurityClient::new("http://localhost:9200", transport).unwrap();
//! # futures::executor::block_on(async {
//! #     let mut session = Session::default();
//! #     assert_eq!(login(&es, &mut session).await?, "https://idp.example/sso?SAMLRequest=x");
//! #     acs(&es, &mut session, "PHNhbWxw").await?;
//! #     assert_eq!(session.credentials, Some(Credentials::bearer("46ToAxZV")));
//! #     assert_eq!(logout(&es, &mut session).await?.as_deref(), Some("https://idp.example/slo?SAMLRequest=y"));
//! #     logout_done(&es, &mut session, "SAMLResponse=z").await?;
//! #     assert_eq!(idp_logout(&es, "SAMLRequest=w").await?, "https://idp.example/slo?SAMLResponse=v");
//! #     let _ = SamlRealm::acs("https://sp.example/saml/acs");
//! #     Ok::<_, Error>(())
//! # }).unwrap();
//! ```

pub use security_core::saml::*;
pub use security_types::saml::*;

methods! {
    /// Creates a SAML authentication request for a realm (a name, or [`SamlRealm::acs`]).
    /// `POST /_security/saml/prepare`.
    saml_prepare_authentication(realm: SamlRealm)
        -> security_core::saml::SamlPrepareAuthentication;
    /// Exchanges the IdP's SAML response for tokens, given the ids of the prepared requests.
    /// `POST /_security/saml/authenticate`.
    saml_authenticate(content: security_core::Secret, ids: SamlRequestIds)
        -> security_core::saml::SamlAuthenticate;
    /// Invalidates a SAML session's tokens and returns the IdP logout URL.
    /// `POST /_security/saml/logout`.
    saml_logout(token: security_core::Secret) -> security_core::saml::SamlLogout;
    /// Consumes a logout request from the IdP. `POST /_security/saml/invalidate`.
    saml_invalidate(query_string: String, realm: SamlRealm) -> security_core::saml::SamlInvalidate;
    /// Verifies the IdP's logout response. `POST /_security/saml/complete_logout`.
    saml_complete_logout(realm: String, ids: SamlRequestIds, payload: SamlLogoutPayload)
        -> security_core::saml::SamlCompleteLogout;
    /// Gets the SAML 2.0 service provider metadata of a realm, as XML.
    /// `GET /_security/saml/metadata/{realm_name}`.
    saml_service_provider_metadata(realm_name: String)
        -> security_core::saml::SamlServiceProviderMetadata;
}
