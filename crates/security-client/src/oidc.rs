//! The `oidc` API group: client methods, request types and data types.
//!
//! # The OpenID Connect web flow
//!
//! A web backend (or a browser application) that logs users in with an OpenID Connect Provider
//! (OP) through Elasticsearch (the relying party, with an `oidc` realm) runs these steps; the
//! values that travel between them are typed:
//!
//! 1. **Login**: `oidc_prepare_authentication` for the realm (by name, or
//!    [`OidcRealm::issuer`] when the OP started the login) → redirect the browser to the
//!    answer's `redirect`, and keep its `state`, `nonce` and `realm` with the browser's session
//!    (a server-side session, or an encrypted and signed cookie). Elasticsearch generates `state`
//!    and `nonce` unless the backend sets its own with `.state(…)` and `.nonce(…)`.
//! 2. **Callback**: the OP sends the browser back to the realm's `rp.redirect_uri`;
//!    `oidc_authenticate` with the full URL it arrived at (as received, URL-encoded) and the
//!    `state` and `nonce` **kept in step 1** → an access token and a refresh token
//!    ([`Secret`](crate::Secret)s); `to_credentials()` turns the answer into Bearer credentials
//!    for the user's requests. Never take `state` from the callback URL itself: Elasticsearch
//!    compares the URL's `state` with the one it is given (the CSRF protection), and the ID
//!    token's `nonce` with the kept one (replay protection). Drop both once used: a login
//!    answers one prepared request.
//! 3. **Logout**: `oidc_logout` with the tokens ([`OidcLogout::session`]) → both tokens are
//!    invalidated; redirect the browser to the answer's `redirect` (the OP's end-session
//!    endpoint) when there is one.
//!
//! The tokens are Elasticsearch tokens, as `get_token` returns them: refresh the access token
//! with `get_token` (grant type `refresh_token`, see also `token_refresh`) before
//! `expires_in` runs out.
//!
//! ```
//! use security_client::oidc::{OidcAuthenticateResponse, OidcLogout, OidcRealm};
//! use security_client::{ClientTransport, Credentials, Error, SecurityClient, ToCredentials};
//!
//! /// What the backend keeps in the browser's session (e.g. an encrypted cookie).
//! #[derive(Default)]
//! struct Session {
//!     /// `state`, `nonce` and `realm` of the login in progress.
//!     pending: Option<(String, String, String)>,
//!     credentials: Option<Credentials>,
//!     tokens: Option<OidcAuthenticateResponse>,
//! }
//!
//! /// GET /login: returns where to redirect the browser.
//! async fn login<T: ClientTransport>(es: &SecurityClient<T>, session: &mut Session) -> Result<String, Error> {
//!     let prepared = es.oidc_prepare_authentication("oidc1").await?;
//!     session.pending = Some((prepared.state, prepared.nonce, prepared.realm));
//!     Ok(prepared.redirect)
//! }
//!
//! /// GET /oidc/callback?code=…&state=…: `url` is the full URL the browser arrived at.
//! async fn callback<T: ClientTransport>(es: &SecurityClient<T>, session: &mut Session, url: &str) -> Result<(), Error> {
//!     // The kept values, not the callback's `state` parameter; a second callback finds none.
//!     let Some((state, nonce, realm)) = session.pending.take() else {
//!         return Ok(()); // no login in progress: refuse (e.g. answer 400)
//!     };
//!     let tokens = es.oidc_authenticate(url, state, nonce).realm(realm).await?;
//!     // The user's own requests now go out with `Authorization: Bearer <access token>`.
//!     session.credentials = Some(tokens.to_credentials());
//!     session.tokens = Some(tokens);
//!     Ok(())
//! }
//!
//! /// GET /logout: returns where to redirect the browser, if anywhere.
//! async fn logout<T: ClientTransport>(es: &SecurityClient<T>, session: &mut Session) -> Result<Option<String>, Error> {
//!     let Some(tokens) = session.tokens.take() else { return Ok(None) };
//!     session.credentials = None;
//!     Ok(es.send(OidcLogout::session(&tokens)).await?.redirect)
//! }
//!
//! /// GET /login/initiate?iss=…&login_hint=…: a login the OP started (third-party initiated).
//! async fn initiated<T: ClientTransport>(es: &SecurityClient<T>, session: &mut Session, iss: &str, hint: &str) -> Result<String, Error> {
//!     let prepared = es.oidc_prepare_authentication(OidcRealm::issuer_with_login_hint(iss, hint)).await?;
//!     session.pending = Some((prepared.state, prepared.nonce, prepared.realm));
//!     Ok(prepared.redirect)
//! }
//! # // A fake Elasticsearch that checks what each step sends.
//! # const CALLBACK: &str = "https://app.example/oidc/callback?code=jtI3Ntt8v3_XvcLzCFGq&state=4dbr";
//! # let transport = |req: http::Request<Vec<u8>>| {
//! #     let body: serde_json::Value = serde_json::from_slice(req.body()).unwrap_or_default();
//! #     let answer = match req.uri().path() {
//! #         "/_security/oidc/prepare" if body["realm"] == "oidc1" => {
//! #             assert_eq!(body, serde_json::json!({"realm": "oidc1"}));
//! #             r#"{"redirect":"https://op.example/authorize?state=4dbr&nonce=WaBP","state":"4dbr","nonce":"WaBP","realm":"oidc1"}"#
//! #         }
//! #         "/_security/oidc/prepare" => {
//! #             assert_eq!(body, serde_json::json!({"iss": "https://op.example", "login_hint": "jack"}));
//! #             r#"{"redirect":"https://op.example/authorize?state=5ecd&nonce=XbCQ","state":"5ecd","nonce":"XbCQ","realm":"oidc1"}"#
//! #         }
//! #         "/_security/oidc/authenticate" => {
//! #             assert_eq!(body, serde_json::json!({"redirect_uri": CALLBACK, "state": "4dbr", "nonce": "WaBP", "realm": "oidc1"}));
//! #             r#"{"access_token":"dGhpcyBp","type":"Bearer","expires_in":1200,"refresh_token":"vLBPvmAB"}"#
//! #         }
//! #         "/_security/oidc/logout" => {
//! #             assert_eq!(body, serde_json::json!({"token": "dGhpcyBp", "refresh_token": "vLBPvmAB"}));
//! #             r#"{"redirect":"https://op.example/logout?id_token_hint=eyJ"}"#
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
//! #     assert_eq!(login(&es, &mut session).await?, "https://op.example/authorize?state=4dbr&nonce=WaBP");
//! #     callback(&es, &mut session, CALLBACK).await?;
//! #     assert_eq!(session.credentials, Some(Credentials::bearer("dGhpcyBp")));
//! #     assert!(session.pending.is_none());
//! #     assert_eq!(logout(&es, &mut session).await?.as_deref(), Some("https://op.example/logout?id_token_hint=eyJ"));
//! #     assert_eq!(initiated(&es, &mut session, "https://op.example", "jack").await?, "https://op.example/authorize?state=5ecd&nonce=XbCQ");
//! #     Ok::<_, Error>(())
//! # }).unwrap();
//! ```

pub use security_core::oidc::*;
pub use security_types::oidc::*;

methods! {
    /// Creates an OpenID Connect authentication request for a realm (a name, or
    /// [`OidcRealm::issuer`]). `POST /_security/oidc/prepare`.
    oidc_prepare_authentication(realm: OidcRealm)
        -> security_core::oidc::OidcPrepareAuthentication;
    /// Exchanges the OpenID Connect Provider's response (the URL it redirected the browser to)
    /// for tokens, given the kept `state` and `nonce`. `POST /_security/oidc/authenticate`.
    oidc_authenticate(redirect_uri: security_core::Secret, state: String, nonce: String)
        -> security_core::oidc::OidcAuthenticate;
    /// Invalidates an OpenID Connect session's tokens and returns the Provider's logout URL.
    /// `POST /_security/oidc/logout`.
    oidc_logout(token: security_core::Secret) -> security_core::oidc::OidcLogout;
}
