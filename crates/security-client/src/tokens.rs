//! The `tokens` API group: client methods, request types and data types.

pub use security_core::tokens::*;
pub use security_types::tokens::*;

methods! {
    /// Creates an access token (and usually a refresh token). `POST /_security/oauth2/token`.
    get_token() -> security_core::tokens::GetToken;
    /// Invalidates access or refresh tokens. `DELETE /_security/oauth2/token` (with a body).
    invalidate_token() -> security_core::tokens::InvalidateToken;
    /// Exchanges a client's X.509 certificate chain for an access token (for trusted proxies;
    /// needs a PKI realm with delegation enabled). `POST /_security/delegate_pki`.
    delegate_pki(x509_certificate_chain: security_core::Names) -> security_core::tokens::DelegatePki;
}

#[cfg(test)]
mod tests {
    use super::AccessTokenGrantType;
    use crate::{Credentials, SecurityClient, ToCredentials};
    use std::sync::{Arc, Mutex};

    #[test]
    fn get_token_then_invalidate_it_with_a_delete_body() {
        let seen: Arc<Mutex<Vec<http::Request<Vec<u8>>>>> = Arc::default();
        let log = seen.clone();
        let transport = move |req: http::Request<Vec<u8>>| {
            let body: &'static str = if req.method() == "POST" {
                r#"{"access_token":"acc3ss","type":"Bearer","expires_in":1200,"refresh_token":"r3fresh",
                "authentication":{"username":"u","roles":[],"metadata":{},"enabled":true,
                "authentication_realm":{"name":"native1","type":"native"},
                "lookup_realm":{"name":"native1","type":"native"},"authentication_type":"realm"}}"#
            } else {
                r#"{"invalidated_tokens":1,"previously_invalidated_tokens":0,"error_count":0}"#
            };
            log.lock().unwrap().push(req);
            async move {
                Ok::<_, std::io::Error>(
                    http::Response::builder()
                        .status(200)
                        .header("x-elastic-product", "Elasticsearch")
                        .body(body.as_bytes().to_vec())
                        .unwrap(),
                )
            }
        };
        let client = SecurityClient::new("http://es.local:9200", transport)
            .unwrap()
            .with_credentials(Credentials::basic("elastic", "changeme"));
        let token = futures::executor::block_on(async {
            client
                .get_token()
                .grant_type(AccessTokenGrantType::Password)
                .username("u")
                .password("p4ss")
                .await
        })
        .unwrap();
        client.set_credentials(Some(token.to_credentials()));
        let refresh = token.refresh_token.clone().unwrap();
        let done = futures::executor::block_on(async {
            client.invalidate_token().refresh_token(refresh).await
        })
        .unwrap();
        assert_eq!(done.invalidated_tokens, 1);

        let seen = seen.lock().unwrap();
        assert_eq!(seen[0].method(), "POST");
        assert_eq!(seen[0].uri().path(), "/_security/oauth2/token");
        assert_eq!(
            seen[0].body(),
            br#"{"grant_type":"password","password":"p4ss","username":"u"}"#
        );
        assert_eq!(seen[1].method(), "DELETE");
        assert_eq!(seen[1].uri().path(), "/_security/oauth2/token");
        assert_eq!(seen[1].headers()["authorization"], "Bearer acc3ss");
        assert_eq!(seen[1].body(), br#"{"refresh_token":"r3fresh"}"#);
        assert!(seen[1].headers().contains_key("content-type"));
    }
}
