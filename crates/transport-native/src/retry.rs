//! Which requests may be sent again, and how long to wait between attempts.

use std::time::{Duration, SystemTime};

/// Whether a request may be sent again after the server may have received it.
///
/// A request that did not reach the server (connection refused, DNS failure, connect timeout,
/// TLS handshake failure) is always retried; this decides the other cases (a retryable status,
/// a connection that broke after the request was written, a timeout with
/// [`Builder::retry_on_timeout`](crate::Builder::retry_on_timeout)).
///
/// The request says it itself: every request built from an endpoint carries the
/// [`Repeatable`](security_core::Repeatable) extension from the endpoint's declaration. All
/// Security API endpoints are repeatable except those that create credentials, which would
/// create a second token or key (`get_token`, `create_api_key`, `grant_api_key`,
/// `create_cross_cluster_api_key`, `clone_api_key`, `create_service_token`, `enroll_kibana`,
/// `saml_authenticate`, `oidc_authenticate`, `delegate_pki`). A raw request is judged by its
/// method unless it says otherwise (`RawRequest::repeatable`); so is a request without the
/// extension: `POST` and `PATCH` are not repeatable. The URL plays no part: a node behind a
/// proxy path (`https://proxy/es`) changes nothing.
///
/// ```
/// use security_core::{tokens::GetToken, users::GetUser, BaseUrl, Endpoint};
/// use transport_native::is_repeatable;
/// let base = BaseUrl::parse("https://proxy.example/es").unwrap();
/// let token = GetToken::new().username("jacknich").to_http_request(&base, None).unwrap();
/// assert!(!is_repeatable(&token));
/// let read = GetUser::new().to_http_request(&base, None).unwrap();
/// assert!(is_repeatable(&read));
/// let plain = http::Request::post("https://es/my-index/_doc").body(()).unwrap();
/// assert!(!is_repeatable(&plain));
/// ```
pub fn is_repeatable<B>(request: &http::Request<B>) -> bool {
    security_core::Repeatable::of(request)
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
    /// The longest `Retry-After` waited for; a longer one ends the retries.
    pub(crate) max_retry_after: Duration,
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
            max_retry_after: Duration::from_secs(30),
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
        (full / 2).saturating_add(full.mul_f64(random.clamp(0.0, 1.0) / 2.0))
    }
}

/// How long the server asks to wait before the next attempt (`Retry-After`): a number of
/// seconds or an HTTP date (a date in the past means now). `None` when absent or unreadable.
pub(crate) fn retry_after(headers: &http::HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(http::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More digits than u64 holds: as long as can be (beyond any cap).
        return Some(Duration::from_secs(value.parse().unwrap_or(u64::MAX)));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

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
        // The longest back-off does not overflow.
        let longest = RetryPolicy {
            backoff: Duration::MAX,
            max_backoff: Duration::MAX,
            ..RetryPolicy::default()
        };
        for retry in [1, 2, 40] {
            assert!(longest.delay(retry, 1.0) >= Duration::MAX / 2);
        }
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480); // 2015-10-21 07:28:00
        let with = |value: &str| {
            let mut headers = http::HeaderMap::new();
            headers.insert(http::header::RETRY_AFTER, value.parse().unwrap());
            retry_after(&headers, now)
        };
        assert_eq!(retry_after(&http::HeaderMap::new(), now), None);
        assert_eq!(with("0"), Some(Duration::ZERO));
        assert_eq!(with(" 120 "), Some(Duration::from_secs(120)));
        assert_eq!(
            with("99999999999999999999999"),
            Some(Duration::from_secs(u64::MAX))
        );
        assert_eq!(
            with("Wed, 21 Oct 2015 07:28:30 GMT"),
            Some(Duration::from_secs(30))
        );
        // A date in the past: now.
        assert_eq!(with("Wed, 21 Oct 2015 07:00:00 GMT"), Some(Duration::ZERO));
        for unreadable in ["-1", "1.5", "soon", "Wed, 21 Oct 2015"] {
            assert_eq!(with(unreadable), None, "{unreadable}");
        }
    }
}
