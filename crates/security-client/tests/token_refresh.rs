//! The token refresh helper over a closure transport that plays Elasticsearch's token service:
//! refresh before expiry, after a 401, once for concurrent callers, and its errors.

use futures::executor::block_on;
use security_client::mock::MockTransport;
use security_client::token_refresh::TokenRefresher;
use security_client::{Credentials, Error, SecurityClient};
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, SystemTime};

const ME: &str = r#"{"username":"jacknich","roles":["admin"],"full_name":null,"email":null,"metadata":{},"enabled":true,"authentication_realm":{"name":"native1","type":"native"},"lookup_realm":{"name":"native1","type":"native"},"authentication_type":"token"}"#;

/// What the fake token service saw and holds.
#[derive(Default)]
struct Cluster {
    /// The access token that currently authenticates.
    valid: String,
    /// The refresh token that can be used (once).
    refresh: String,
    /// Tokens issued so far.
    issued: u32,
    /// get_token requests: (authorization header, body).
    token_requests: Vec<(Option<String>, serde_json::Value)>,
    /// Answers 401 given.
    unauthorized: u32,
    /// Answer get_token with this status and body instead.
    fail_refresh: Option<(u16, &'static str)>,
}

/// A future that is pending once: lets concurrent callers run while a refresh is in flight.
struct YieldOnce(bool);

impl Future for YieldOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.0 {
            Poll::Ready(())
        } else {
            self.0 = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn answer(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("x-elastic-product", "Elasticsearch")
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

type Transport = Box<
    dyn Fn(
            http::Request<Vec<u8>>,
        )
            -> Pin<Box<dyn Future<Output = Result<http::Response<Vec<u8>>, std::io::Error>> + Send>>
        + Send
        + Sync,
>;

fn client(cluster: Arc<Mutex<Cluster>>) -> SecurityClient<Transport> {
    let transport: Transport = Box::new(move |request: http::Request<Vec<u8>>| {
        let cluster = cluster.clone();
        Box::pin(async move {
            let auth = request
                .headers()
                .get("authorization")
                .map(|v| v.to_str().unwrap().to_owned());
            if request.uri().path() == "/_security/oauth2/token" {
                YieldOnce(false).await;
                let body: serde_json::Value = serde_json::from_slice(request.body()).unwrap();
                let mut c = cluster.lock().unwrap();
                c.token_requests.push((auth, body.clone()));
                if let Some((status, body)) = c.fail_refresh {
                    return Ok(answer(status, body));
                }
                if body["grant_type"] != "refresh_token" || body["refresh_token"] != c.refresh {
                    return Ok(answer(
                        400,
                        r#"{"error":{"type":"invalid_grant","reason":"token has already been refreshed"},"status":400}"#,
                    ));
                }
                c.issued += 1;
                c.valid = format!("access-{}", c.issued);
                c.refresh = format!("refresh-{}", c.issued);
                let json = serde_json::json!({
                    "access_token": c.valid,
                    "type": "Bearer",
                    "expires_in": 1200,
                    "refresh_token": c.refresh,
                    "authentication": serde_json::from_str::<serde_json::Value>(ME).unwrap(),
                });
                return Ok(answer(200, &json.to_string()));
            }
            let mut c = cluster.lock().unwrap();
            if auth.as_deref() == Some(format!("Bearer {}", c.valid).as_str()) {
                Ok(answer(200, ME))
            } else {
                c.unauthorized += 1;
                Ok(answer(
                    401,
                    r#"{"error":{"type":"security_exception","reason":"token expired"},"status":401}"#,
                ))
            }
        })
    });
    SecurityClient::new("http://es.invalid:9200", transport).unwrap()
}

fn cluster(valid: &str) -> Arc<Mutex<Cluster>> {
    Arc::new(Mutex::new(Cluster {
        valid: valid.to_owned(),
        refresh: "refresh-0".to_owned(),
        ..Cluster::default()
    }))
}

fn t0() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000)
}

fn refresher() -> TokenRefresher {
    TokenRefresher::from_tokens(
        "access-0",
        Some("refresh-0".into()),
        Duration::from_secs(1200),
        t0(),
    )
    .refresh_credentials(Credentials::basic("my_service", "service-password"))
}

#[test]
fn refreshes_shortly_before_expiry_with_the_refresh_grant() {
    let cluster = cluster("access-0");
    let client = client(cluster.clone());
    let tokens = refresher();
    assert_eq!(tokens.expires_at(), t0() + Duration::from_secs(1200));

    // 1000 s in: 200 s left, more than the 60 s margin: nothing to do.
    let early = t0() + Duration::from_secs(1000);
    assert!(!tokens.needs_refresh(early));
    let creds = block_on(tokens.ensure_fresh(&client, early)).unwrap();
    assert_eq!(creds, Credentials::bearer("access-0"));
    assert_eq!(client.credentials(), Some(Credentials::bearer("access-0")));
    assert!(cluster.lock().unwrap().token_requests.is_empty());

    // 1141 s in: 59 s left: refreshed.
    let late = t0() + Duration::from_secs(1141);
    assert!(tokens.needs_refresh(late));
    let creds = block_on(tokens.ensure_fresh(&client, late)).unwrap();
    assert_eq!(creds, Credentials::bearer("access-1"));
    assert_eq!(client.credentials(), Some(Credentials::bearer("access-1")));
    assert_eq!(tokens.expires_at(), late + Duration::from_secs(1200));
    {
        let c = cluster.lock().unwrap();
        assert_eq!(c.token_requests.len(), 1);
        let (auth, body) = &c.token_requests[0];
        assert_eq!(
            body,
            &serde_json::json!({"grant_type": "refresh_token", "refresh_token": "refresh-0"})
        );
        // Authenticated as the client that created the token.
        assert_eq!(
            auth.as_deref(),
            Some("Basic bXlfc2VydmljZTpzZXJ2aWNlLXBhc3N3b3Jk")
        );
    }
    // The new token works, and nothing more is refreshed at the same time.
    block_on(tokens.ensure_fresh(&client, late)).unwrap();
    assert_eq!(
        block_on(client.authenticate().into_future())
            .unwrap()
            .username,
        "jacknich"
    );
    assert_eq!(cluster.lock().unwrap().token_requests.len(), 1);
}

#[test]
fn a_401_triggers_one_refresh_and_one_retry() {
    // The cluster no longer accepts access-0 although it has not reached its expiry.
    let cluster = cluster("revoked-or-expired-early");
    let client = client(cluster.clone());
    let tokens = refresher();
    let now = t0() + Duration::from_secs(10);
    let me = block_on(tokens.call(&client, now, |c| c.authenticate().into_future())).unwrap();
    assert_eq!(me.username, "jacknich");
    let c = cluster.lock().unwrap();
    assert_eq!(c.unauthorized, 1);
    assert_eq!(c.token_requests.len(), 1);
    assert_eq!(client.credentials(), Some(Credentials::bearer("access-1")));
}

#[test]
fn other_errors_are_not_retried() {
    let cluster = cluster("access-0");
    let client = client(cluster.clone());
    let tokens = refresher();
    let calls = Mutex::new(0);
    let err = block_on(tokens.call(&client, t0(), |c| {
        *calls.lock().unwrap() += 1;
        c.get_user().username([""]).into_future()
    }))
    .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    assert_eq!(*calls.lock().unwrap(), 1);
    assert!(cluster.lock().unwrap().token_requests.is_empty());
}

#[test]
fn concurrent_callers_after_a_401_refresh_once() {
    let cluster = cluster("revoked");
    let client = client(cluster.clone());
    let tokens = refresher();
    let now = t0() + Duration::from_secs(10);
    let calls = (0..8).map(|_| tokens.call(&client, now, |c| c.authenticate().into_future()));
    let results = block_on(futures::future::join_all(calls));
    assert!(results.iter().all(|r| r.is_ok()), "{results:?}");
    let c = cluster.lock().unwrap();
    // Every caller was refused with the old token, yet there was one refresh.
    assert_eq!(c.unauthorized, 8);
    assert_eq!(c.token_requests.len(), 1);
    assert_eq!(c.issued, 1);
}

#[test]
fn concurrent_callers_at_expiry_refresh_once() {
    let cluster = cluster("access-0");
    let client = client(cluster.clone());
    let tokens = refresher();
    let expired = t0() + Duration::from_secs(1300);
    let calls = (0..8).map(|_| tokens.ensure_fresh(&client, expired));
    let results = block_on(futures::future::join_all(calls));
    for r in &results {
        assert_eq!(r.as_ref().unwrap(), &Credentials::bearer("access-1"));
    }
    assert_eq!(cluster.lock().unwrap().token_requests.len(), 1);
}

#[test]
fn without_refresh_credentials_the_current_token_authenticates_the_refresh() {
    let cluster = cluster("access-0");
    let client = client(cluster.clone());
    let tokens = TokenRefresher::from_tokens(
        "access-0",
        Some("refresh-0".into()),
        Duration::from_secs(30),
        t0(),
    );
    tokens.install(&client);
    block_on(tokens.ensure_fresh(&client, t0())).unwrap();
    let c = cluster.lock().unwrap();
    assert_eq!(c.token_requests[0].0.as_deref(), Some("Bearer access-0"));
}

#[test]
fn a_failed_refresh_is_reported_and_keeps_the_old_token() {
    let cluster = cluster("access-0");
    cluster.lock().unwrap().fail_refresh = Some((
        400,
        r#"{"error":{"type":"invalid_grant","reason":"could not refresh the requested token"},"status":400}"#,
    ));
    let client = client(cluster.clone());
    let tokens = refresher();
    let err = block_on(tokens.ensure_fresh(&client, t0() + Duration::from_secs(1199))).unwrap_err();
    assert_eq!(err.status(), Some(400));
    assert_eq!(
        err.api().unwrap().error_type.as_deref(),
        Some("invalid_grant")
    );
    assert_eq!(tokens.credentials(), Credentials::bearer("access-0"));
    assert_eq!(tokens.expires_at(), t0() + Duration::from_secs(1200));
}

#[test]
fn a_token_without_refresh_token_cannot_be_refreshed() {
    let cluster = cluster("access-0");
    let client = client(cluster.clone());
    let tokens = TokenRefresher::from_tokens("access-0", None, Duration::from_secs(1200), t0());
    let err = block_on(tokens.ensure_fresh(&client, t0() + Duration::from_secs(1190))).unwrap_err();
    assert!(
        matches!(&err, Error::InvalidRequest { endpoint: "security.get_token", reason } if reason.contains("no refresh token")),
        "{err:?}"
    );
    assert!(cluster.lock().unwrap().token_requests.is_empty());
}

#[test]
fn starts_from_a_get_token_answer_and_hides_the_tokens() {
    let json = serde_json::json!({
        "access_token": "dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu",
        "type": "Bearer",
        "expires_in": 1200,
        "refresh_token": "vLBPvmAB6KvwvJZr27cS",
        "authentication": serde_json::from_str::<serde_json::Value>(ME).unwrap(),
    });
    let token: security_client::types::tokens::GetTokenResponse =
        serde_json::from_value(json).unwrap();
    let now = t0();
    let tokens = TokenRefresher::new(&token, now).refresh_margin(Duration::from_secs(300));
    assert_eq!(tokens.expires_at(), now + Duration::from_secs(1200));
    assert_eq!(
        tokens.credentials(),
        Credentials::bearer("dGhpcyBpcyBub3QgYSByZWFsIHRva2Vu")
    );
    assert!(!tokens.needs_refresh(now + Duration::from_secs(899)));
    assert!(tokens.needs_refresh(now + Duration::from_secs(900)));
    let shown = format!("{tokens:?}");
    assert!(!shown.contains("dGhpcyBpcyBub3Q"), "{shown}");
    assert!(!shown.contains("vLBPvmAB6KvwvJZr27cS"), "{shown}");
}

#[test]
fn callers_waiting_on_a_failed_refresh_share_its_error() {
    // The refresh token was already used: the server refuses it. 100 callers are queued
    // behind that refresh; none of them may send the single-use refresh token again.
    let cluster = cluster("access-0");
    cluster.lock().unwrap().fail_refresh = Some((
        400,
        r#"{"error":{"type":"invalid_grant","reason":"token has already been refreshed"},"status":400}"#,
    ));
    let client = client(cluster.clone());
    let tokens = refresher();
    let expired = t0() + Duration::from_secs(1300);
    let calls = (0..100).map(|_| tokens.ensure_fresh(&client, expired));
    let results = block_on(futures::future::join_all(calls));
    for result in &results {
        let err = result.as_ref().unwrap_err();
        assert_eq!(err.status(), Some(400), "{err:?}");
        assert_eq!(
            err.api().unwrap().error_type.as_deref(),
            Some("invalid_grant")
        );
    }
    assert_eq!(cluster.lock().unwrap().token_requests.len(), 1);

    // The same after 401s.
    let revoked = cluster_revoked_failing();
    let client = self::client(revoked.clone());
    let tokens = refresher();
    let now = t0() + Duration::from_secs(10);
    let calls = (0..20).map(|_| tokens.call(&client, now, |c| c.authenticate().into_future()));
    let results = block_on(futures::future::join_all(calls));
    assert!(results
        .iter()
        .all(|r| r.as_ref().unwrap_err().status() == Some(400)));
    assert_eq!(revoked.lock().unwrap().token_requests.len(), 1);

    // A later call (not waiting on that refresh) tries again: the failure is not sticky.
    block_on(tokens.ensure_fresh(&client, t0() + Duration::from_secs(1300))).unwrap_err();
    assert_eq!(revoked.lock().unwrap().token_requests.len(), 2);
}

fn cluster_revoked_failing() -> Arc<Mutex<Cluster>> {
    let cluster = cluster("revoked");
    cluster.lock().unwrap().fail_refresh = Some((
        400,
        r#"{"error":{"type":"invalid_grant","reason":"token has already been refreshed"},"status":400}"#,
    ));
    cluster
}

#[test]
fn a_transport_failure_of_a_refresh_is_shared_with_its_kind() {
    let transport = |request: http::Request<Vec<u8>>| async move {
        YieldOnce(false).await;
        let _ = request;
        Err::<http::Response<Vec<u8>>, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "refused",
        ))
    };
    let client = SecurityClient::new("http://es.invalid:9200", transport).unwrap();
    let tokens = refresher();
    let expired = t0() + Duration::from_secs(1300);
    let results = block_on(futures::future::join_all(
        (0..5).map(|_| tokens.ensure_fresh(&client, expired)),
    ));
    for result in results {
        let err = result.unwrap_err();
        assert!(err.is_connect(), "{err:?}");
        assert!(err.to_string().contains("refused"), "{err}");
    }
}

#[test]
fn huge_lifetimes_and_margins_do_not_overflow() {
    // The server says the token lives for i64::MAX seconds.
    let json = serde_json::json!({
        "access_token": "a", "type": "Bearer", "expires_in": i64::MAX,
        "refresh_token": "r",
        "authentication": serde_json::from_str::<serde_json::Value>(ME).unwrap(),
    });
    let token: security_client::types::tokens::GetTokenResponse =
        serde_json::from_value(json).unwrap();
    let tokens = TokenRefresher::new(&token, t0());
    assert!(tokens.expires_at() > t0() + Duration::from_secs(50 * 365 * 24 * 3600));
    assert!(!tokens.needs_refresh(t0()));
    // From tokens kept elsewhere, and a margin of forever: always due, no panic.
    let tokens =
        TokenRefresher::from_tokens("a", None, Duration::MAX, t0()).refresh_margin(Duration::MAX);
    assert!(tokens.needs_refresh(t0()));

    // A refresh answer with a huge expires_in.
    let tokens = refresher();
    let huge_answer = serde_json::json!({
        "access_token": "access-1", "type": "Bearer", "expires_in": i64::MAX,
        "refresh_token": "refresh-1",
        "authentication": serde_json::from_str::<serde_json::Value>(ME).unwrap(),
    });
    let mock = MockTransport::new().json(200, huge_answer.to_string());
    let huge = SecurityClient::new("http://es.invalid:9200", mock.clone()).unwrap();
    let creds = block_on(tokens.ensure_fresh(&huge, t0() + Duration::from_secs(1300))).unwrap();
    assert_eq!(creds, Credentials::bearer("access-1"));
    assert!(!tokens.needs_refresh(t0() + Duration::from_secs(10 * 365 * 24 * 3600)));
    assert_eq!(mock.requests()[0].uri().path(), "/_security/oauth2/token");
}
