//! Which requests may be sent again, and how long to wait between attempts.

use std::time::Duration;

/// Whether a request may be sent again after the server may have received it.
///
/// A request that did not reach the server (connection refused, DNS failure, connect timeout,
/// TLS handshake failure) is always retried; this decides the other cases (a retryable status,
/// a connection that broke after the request was written, a timeout with
/// [`Builder::retry_on_timeout`](crate::Builder::retry_on_timeout)).
///
/// Safe to repeat: every `GET`, `HEAD`, `PUT`, `DELETE` and every `POST` of the Security API,
/// except the requests that create credentials, which would create a second token or key:
///
/// | request | API |
/// |---|---|
/// | `POST /_security/oauth2/token` | `get_token` |
/// | `PUT`/`POST /_security/api_key` | `create_api_key` |
/// | `POST /_security/api_key/grant` | `grant_api_key` |
/// | `POST /_security/cross_cluster/api_key` | `create_cross_cluster_api_key` |
/// | `PUT`/`POST /_security/service/{namespace}/{service}/credential/token[/{name}]` | `create_service_token` |
/// | `GET /_security/enroll/kibana` | `enroll_kibana` (creates a service token) |
/// | `POST /_security/saml/authenticate`, `/_security/oidc/authenticate`, `/_security/delegate_pki` | token-issuing logins |
///
/// Outside `/_security/` (requests made with `raw_request`), `POST` and `PATCH` are not safe
/// to repeat (e.g. indexing a document with a generated id).
///
/// ```
/// use http::Method;
/// use transport_native::is_repeatable;
/// assert!(is_repeatable(&Method::GET, "/_security/user/jacknich"));
/// assert!(is_repeatable(&Method::PUT, "/_security/role/my_admin_role"));
/// assert!(!is_repeatable(&Method::POST, "/_security/oauth2/token"));
/// assert!(!is_repeatable(&Method::PUT, "/_security/api_key"));
/// assert!(is_repeatable(&Method::DELETE, "/_security/api_key"));
/// ```
pub fn is_repeatable(method: &http::Method, path: &str) -> bool {
    use http::Method;
    let path = path.split(['?', '#']).next().unwrap_or_default();
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let post = *method == Method::POST;
    let put_or_post = post || *method == Method::PUT;
    match segments.as_slice() {
        ["_security", "oauth2", "token"] => !post,
        ["_security", "api_key"] => !put_or_post,
        ["_security", "api_key", "grant"] => !post,
        ["_security", "cross_cluster", "api_key"] => !post,
        ["_security", "service", _, _, "credential", "token"]
        | ["_security", "service", _, _, "credential", "token", _] => !put_or_post,
        ["_security", "enroll", "kibana"] => *method != Method::GET,
        ["_security", "saml", "authenticate"]
        | ["_security", "oidc", "authenticate"]
        | ["_security", "delegate_pki"] => !post,
        ["_security", ..] => true,
        _ => !(post || *method == Method::PATCH),
    }
}

/// How requests are retried.
#[derive(Clone, Debug)]
pub(crate) struct RetryPolicy {
    /// Retries after the first attempt.
    pub(crate) max_retries: u32,
    /// Statuses that are retried.
    pub(crate) on_status: Vec<u16>,
    /// Whether request timeouts are retried.
    pub(crate) on_timeout: bool,
    /// Whether requests that are not safe to repeat are retried anyway.
    pub(crate) non_idempotent: bool,
    /// The first back-off.
    pub(crate) backoff: Duration,
    /// The longest back-off.
    pub(crate) max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            on_status: vec![429, 502, 503, 504],
            on_timeout: false,
            non_idempotent: false,
            backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(10),
        }
    }
}

impl RetryPolicy {
    /// The wait before retry number `retry` (1 for the first retry): the back-off doubles with
    /// every retry up to the maximum, and a random part ("equal jitter") spreads clients apart:
    /// the wait is between half of it and all of it.
    pub(crate) fn delay(&self, retry: u32, random: f64) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1).min(31))
            .unwrap_or(u32::MAX);
        let full = self
            .backoff
            .checked_mul(factor)
            .unwrap_or(self.max_backoff)
            .min(self.max_backoff);
        full / 2 + full.mul_f64(random.clamp(0.0, 1.0) / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::Method;

    #[test]
    fn creating_requests_are_not_repeatable() {
        let not = [
            (Method::POST, "/_security/oauth2/token"),
            (Method::PUT, "/_security/api_key"),
            (Method::POST, "/_security/api_key?refresh=true"),
            (Method::POST, "/_security/api_key/grant"),
            (Method::POST, "/_security/cross_cluster/api_key"),
            (
                Method::POST,
                "/_security/service/elastic/fleet-server/credential/token",
            ),
            (
                Method::PUT,
                "/_security/service/elastic/fleet-server/credential/token/t1",
            ),
            (
                Method::POST,
                "/_security/service/elastic/fleet-server/credential/token/t1",
            ),
            (Method::GET, "/_security/enroll/kibana"),
            (Method::POST, "/_security/saml/authenticate"),
            (Method::POST, "/_security/oidc/authenticate"),
            (Method::POST, "/_security/delegate_pki"),
            (Method::POST, "/my-index/_doc"),
            (Method::PATCH, "/anything"),
            // A prefix in front (node with a base path) is the caller's to strip; the
            // path as given is not a Security API path.
            (Method::POST, "/es/_security/oauth2/token"),
        ];
        for (method, path) in not {
            assert!(!is_repeatable(&method, path), "{method} {path}");
        }
    }

    #[test]
    fn reads_updates_and_deletes_are_repeatable() {
        let yes = [
            (Method::GET, "/_security/_authenticate"),
            (Method::HEAD, "/"),
            (Method::GET, "/_security/api_key?id=x"),
            (Method::DELETE, "/_security/api_key"),
            (Method::DELETE, "/_security/oauth2/token"),
            (Method::PUT, "/_security/cross_cluster/api_key/abc"),
            (Method::PUT, "/_security/api_key/abc"),
            (Method::POST, "/_security/api_key/_bulk_update"),
            (Method::POST, "/_security/_query/api_key"),
            (Method::PUT, "/_security/user/jacknich"),
            (Method::POST, "/_security/user/jacknich/_password"),
            (Method::POST, "/_security/role/r1"),
            (Method::POST, "/_security/user/_has_privileges"),
            (
                Method::DELETE,
                "/_security/service/elastic/fleet-server/credential/token/t1",
            ),
            (
                Method::GET,
                "/_security/service/elastic/fleet-server/credential",
            ),
            (Method::GET, "/_security/enroll/node"),
            (Method::POST, "/_security/profile/_activate"),
            (Method::PUT, "/my-index/_doc/1"),
            (Method::GET, "/my-index/_search"),
        ];
        for (method, path) in yes {
            assert!(is_repeatable(&method, path), "{method} {path}");
        }
    }

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        let policy = RetryPolicy {
            backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(1),
            ..RetryPolicy::default()
        };
        assert_eq!(policy.delay(1, 0.0), Duration::from_millis(50));
        assert_eq!(policy.delay(1, 1.0), Duration::from_millis(100));
        assert_eq!(policy.delay(2, 1.0), Duration::from_millis(200));
        assert_eq!(policy.delay(3, 0.5), Duration::from_millis(300));
        assert_eq!(policy.delay(4, 1.0), Duration::from_millis(800));
        assert_eq!(policy.delay(5, 1.0), Duration::from_secs(1));
        assert_eq!(policy.delay(200, 1.0), Duration::from_secs(1));
        assert_eq!(policy.delay(200, 0.0), Duration::from_millis(500));
    }
}
