//! Endpoints of the `service_accounts` API group: service accounts and their tokens.
//!
//! ```
//! use security_core::service_accounts::CreateServiceToken;
//! use security_core::{BaseUrl, Endpoint};
//!
//! let base = BaseUrl::parse("http://localhost:9200").unwrap();
//! // With a name: PUT …/token/{name}; without: POST …/token (the server names the token).
//! let named = CreateServiceToken::new("elastic", "fleet-server").name("token1");
//! let http = named.to_http_request(&base, None).unwrap();
//! assert_eq!(http.method(), "PUT");
//! assert_eq!(http.uri().path(), "/_security/service/elastic/fleet-server/credential/token/token1");
//! let unnamed = CreateServiceToken::new("elastic", "fleet-server");
//! assert_eq!(unnamed.to_http_request(&base, None).unwrap().method(), "POST");
//! ```

use crate::auth::{Credentials, ToCredentials};
use crate::{Endpoint, EndpointSpec, Names};
use security_types::common::Refresh;
use security_types::service_accounts::*;

/// The endpoints of this group.
#[doc(hidden)]
pub const SPECS: &[&EndpointSpec] = &[
    <CreateServiceToken as Endpoint>::SPEC,
    <DeleteServiceToken as Endpoint>::SPEC,
    <GetServiceAccounts as Endpoint>::SPEC,
    <GetServiceCredentials as Endpoint>::SPEC,
    <ClearCachedServiceTokens as Endpoint>::SPEC,
];

endpoint! {
    /// Creates a service-account token: named (`PUT …/token/{name}`) or with a generated name
    /// (`POST …/token`). The answer holds the token's secret value.
    ///
    /// On serverless, users without operator privileges can create tokens only for
    /// `elastic/fleet-server` and `elastic/fleet-server-remote`.
    pub struct CreateServiceToken {
        name: "security.create_service_token",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-create-service-token.html",
        serverless: public,
        response: CreateServiceTokenResponse,
        routes: [
            "PUT|POST /_security/service/{namespace}/{service}/credential/token/{name}",
            "POST /_security/service/{namespace}/{service}/credential/token",
        ],
        path: [
            /// The namespace, e.g. `elastic` (the only one a non-operator may use on serverless).
            namespace: String,
            /// The service, e.g. `fleet-server` (on serverless, a non-operator may use only
            /// `fleet-server` and `fleet-server-remote`).
            service: String,
        ],
        opt_path: [
            /// The token name (the server generates one when not set).
            name: String,
        ],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: Refresh,
        ],
        body: none,
        // Never sent twice: each call creates a token (or fails on the existing name).
        repeatable: false,
    }
}

endpoint! {
    /// Deletes a service-account token.
    ///
    /// On serverless, users without operator privileges can delete tokens only of
    /// `elastic/fleet-server` and `elastic/fleet-server-remote`.
    pub struct DeleteServiceToken {
        name: "security.delete_service_token",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-delete-service-token.html",
        since: "5.5.0",
        serverless: public,
        response: DeleteServiceTokenResponse,
        routes: ["DELETE /_security/service/{namespace}/{service}/credential/token/{name}"],
        path: [
            /// The namespace, e.g. `elastic` (the only one a non-operator may use on serverless).
            namespace: String,
            /// The service, e.g. `fleet-server` (on serverless, a non-operator may use only
            /// `fleet-server` and `fleet-server-remote`).
            service: String,
            /// The token name.
            name: String,
        ],
        opt_path: [],
        query: [
            /// Whether to refresh the security index (`true`, `false`, `wait_for`).
            refresh: Refresh,
        ],
        body: none,
    }
}

endpoint! {
    /// Returns service accounts and their role descriptors: one, those of a namespace, or all.
    pub struct GetServiceAccounts {
        name: "security.get_service_accounts",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-service-accounts.html",
        since: "7.13.0",
        serverless: private,
        response: GetServiceAccountsResponse,
        routes: [
            "GET /_security/service/{namespace}/{service}",
            "GET /_security/service/{namespace}",
            "GET /_security/service",
        ],
        path: [],
        opt_path: [
            /// The namespace (all service accounts when not set).
            namespace: String,
            /// The service (needs `namespace`; all of the namespace when not set).
            service: String,
        ],
        query: [],
        body: none,
    }
}

endpoint! {
    /// Returns the credentials of a service account: index-backed tokens and, per node,
    /// file-backed tokens.
    pub struct GetServiceCredentials {
        name: "security.get_service_credentials",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-get-service-credentials.html",
        since: "7.13.0",
        serverless: private,
        response: GetServiceCredentialsResponse,
        routes: ["GET /_security/service/{namespace}/{service}/credential"],
        path: [
            /// The namespace, e.g. `elastic`.
            namespace: String,
            /// The service, e.g. `fleet-server`.
            service: String,
        ],
        opt_path: [],
        query: [],
        body: none,
    }
}

endpoint! {
    /// Evicts service-account tokens from the token caches (`*` for all of the service).
    pub struct ClearCachedServiceTokens {
        name: "security.clear_cached_service_tokens",
        doc: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/security-api-clear-service-token-caches.html",
        serverless: private,
        response: ClearCachedServiceTokensResponse,
        routes: ["POST /_security/service/{namespace}/{service}/credential/token/{name}/_clear_cache"],
        path: [
            /// The namespace, e.g. `elastic`.
            namespace: String,
            /// The service, e.g. `fleet-server`.
            service: String,
            /// Token names, or `*` for all.
            name: Names,
        ],
        opt_path: [],
        query: [],
        body: none,
    }
}

impl ToCredentials for ServiceToken {
    /// `Bearer` credentials with the token's value.
    fn to_credentials(&self) -> Credentials {
        Credentials::bearer(self.value.clone())
    }
}

impl ToCredentials for CreateServiceTokenResponse {
    /// `Bearer` credentials with the new token's value.
    fn to_credentials(&self) -> Credentials {
        self.token.to_credentials()
    }
}
