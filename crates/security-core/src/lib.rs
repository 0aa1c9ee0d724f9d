//! Sans-IO request building and response parsing for the Elasticsearch Security API (8.x and 9.x).
//!
//! Every endpoint is a request type (e.g. [`users::PutUser`]) that is built without any
//! transport, turns into an exact `http::Request` with [`Endpoint::to_http_request`], and decodes
//! an `http::Response` with [`Endpoint::decode`] into its typed response or a typed [`Error`].
//! There is no runtime, clock or I/O here; the crate compiles for `wasm32-unknown-unknown`.
//!
//! ```
//! use security_core::{BaseUrl, Credentials, Endpoint, users::GetUser};
//!
//! let base = BaseUrl::parse("https://localhost:9200").unwrap();
//! let request = GetUser::new().username(["jacknich", "a b"]).with_profile_uid(true);
//! let http = request.to_http_request(&base, Some(&Credentials::basic("elastic", "changeme"))).unwrap();
//! assert_eq!(http.method(), "GET");
//! assert_eq!(
//!     http.uri(),
//!     "https://localhost:9200/_security/user/jacknich,a%20b?with_profile_uid=true"
//! );
//! ```
//!
//! Modules follow the API groups, with the same names in `security-types` and `security-client`;
//! `api_keys`, `service_accounts`, `profiles`, `saml` and `oidc` are behind the features of those
//! names (with `-` for `_`).

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[macro_use]
mod macros;

mod answer;
pub mod auth;
pub mod encode;
mod endpoint;
mod error;
// The browser's decode-error paths; on servers only its tests (against serde_path_to_error).
#[cfg(any(target_arch = "wasm32", test))]
mod json_path;
pub mod mock;
mod raw;
mod transport;
mod version;

pub mod enroll;
pub mod info;
pub mod privileges;
pub mod role_mappings;
pub mod roles;
pub mod settings;
pub mod tokens;
pub mod users;

#[cfg(feature = "api-keys")]
pub mod api_keys;
#[cfg(feature = "oidc")]
pub mod oidc;
#[cfg(feature = "profiles")]
pub mod profiles;
#[cfg(feature = "saml")]
pub mod saml;
#[cfg(feature = "service-accounts")]
pub mod service_accounts;

pub use answer::{Answer, WithHeaders};
pub use auth::{ApiKeyCredentials, Credentials, InvalidCredentials, ToCredentials};
pub use encode::{Names, PathParam, PathValue, QueryValue, QueryWriter};
pub use endpoint::{
    build_http_request, check_response, decode_check, decode_json, encode_body, redact_userinfo,
    render_route, BaseUrl, BodyKind, CommonParams, Endpoint, EndpointSpec, InvalidBaseUrl, RawBody,
    Repeatable, RequestOptions, RequestParts, RequestTimeout, COMPATIBLE_WITH_8,
};
pub use error::{ApiError, Error, ErrorCause, OptionalExt, TransportError, TransportErrorKind};
pub use raw::{Raw, RawRequest, RawResponse};
pub use transport::{
    BoxError, BoxFuture, BoxTransport, ClientTransport, DynTransport, Executor, MaybeSend,
    MaybeSync, Transport,
};
pub use version::{
    Availability, InvalidVersion, NeedsNewerServer, NotOnServerless, ParamSince, ServerTarget,
    Serverless, Stability, Version, SERVERLESS_API_VERSION,
};

/// The data types (re-export of `security-types`).
pub use security_types as types;
pub use security_types::Secret;

/// The `http` crate (1.x) whose `Request<Vec<u8>>` and `Response<Vec<u8>>` a [`Transport`]
/// exchanges and [`Endpoint`] builds and decodes. Name them through this re-export
/// (`security_core::http`, or `security_client::sans_io::http` for a user of the client) and
/// the versions always match, without an `http` line of your own in `Cargo.toml`.
pub use http;
#[doc(hidden)]
pub use serde_json;

/// The declarations of every endpoint compiled in (depends on the enabled features).
pub fn endpoints() -> Vec<&'static EndpointSpec> {
    let groups: &[&[&'static EndpointSpec]] = &[
        users::SPECS,
        roles::SPECS,
        settings::SPECS,
        role_mappings::SPECS,
        privileges::SPECS,
        tokens::SPECS,
        enroll::SPECS,
        #[cfg(feature = "api-keys")]
        api_keys::SPECS,
        #[cfg(feature = "service-accounts")]
        service_accounts::SPECS,
        #[cfg(feature = "profiles")]
        profiles::SPECS,
        #[cfg(feature = "saml")]
        saml::SPECS,
        #[cfg(feature = "oidc")]
        oidc::SPECS,
    ];
    groups.iter().flat_map(|g| g.iter().copied()).collect()
}
