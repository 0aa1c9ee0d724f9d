//! The transport against real HTTP servers on 127.0.0.1: nodes, retries, the no-resend rule,
//! timeouts, gzip, the product check, redirects, hooks, credentials.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{refused_url, request, Recorded, Reply, Server};
use http::Method;
use security_core::{Credentials, Endpoint, RequestTimeout};
use std::io::Write;
use std::time::{Duration, Instant};
use transport_native::{BuildError, Error, NativeTransport, ServedBy};

const OK: &str = r#"{"ok":true}"#;

fn fast() -> transport_native::Builder {
    NativeTransport::builder().retry_backoff(Duration::from_millis(1), Duration::from_millis(2))
}

fn served_by(response: &http::Response<Vec<u8>>) -> ServedBy {
    response.extensions().get::<ServedBy>().cloned().unwrap()
}

#[tokio::test]
async fn sends_to_the_node_with_the_official_headers() {
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let transport = fast()
        .node(&server.url)
        .header("x-team", "billing")
        .build()
        .unwrap();
    assert_eq!(transport.base_url().as_str(), server.url);

    let mut req = request(
        Method::GET,
        "/_security/user/jacknich?with_profile_uid=true",
    );
    req.headers_mut().insert("x-team", "own".parse().unwrap());
    let response = transport.send(req).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.body(), OK.as_bytes());
    assert_eq!(
        served_by(&response),
        ServedBy {
            node: server.url.as_str().into(),
            attempts: 1
        }
    );

    let seen = &server.requests()[0];
    assert_eq!(seen.method, "GET");
    assert_eq!(
        seen.target,
        "/_security/user/jacknich?with_profile_uid=true"
    );
    assert_eq!(seen.header("host"), Some(server.addr.to_string().as_str()));
    let ua = seen.header("user-agent").unwrap();
    assert!(ua.starts_with("es-security-rs/0.1.0 ("), "{ua}");
    assert!(ua.contains("Rust "), "{ua}");
    let meta = seen.header("x-elastic-client-meta").unwrap();
    assert!(meta.starts_with("es=0.1.0,rs="), "{meta}");
    assert!(meta.ends_with(",t=0.1.0,rq=0.12"), "{meta}");
    assert!(seen.header("accept-encoding").unwrap().contains("gzip"));
    assert_eq!(
        seen.header("accept"),
        Some(security_core::COMPATIBLE_WITH_8)
    );
    // A default header does not replace the request's own.
    assert_eq!(seen.header("x-team"), Some("own"));
    assert_eq!(seen.header("authorization"), None);
    assert_eq!(seen.header("content-length"), None);
}

#[tokio::test]
async fn meta_header_and_user_agent_can_be_changed() {
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let transport = fast()
        .node(&server.url)
        .meta_header(false)
        .user_agent("my-app/2.0")
        .build()
        .unwrap();
    transport.send(request(Method::GET, "/")).await.unwrap();
    let seen = &server.requests()[0];
    assert_eq!(seen.header("x-elastic-client-meta"), None);
    assert_eq!(seen.header("user-agent"), Some("my-app/2.0"));
}

#[tokio::test]
async fn bodies_and_relative_uris() {
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let transport = fast().node(format!("{}/", server.url)).build().unwrap();
    let req = http::Request::builder()
        .method(Method::POST)
        .uri("/_security/user/_has_privileges")
        .header("content-type", "application/json")
        .body(br#"{"cluster":["monitor"]}"#.to_vec())
        .unwrap();
    transport.send(req).await.unwrap();
    // An empty POST still says Content-Length: 0.
    transport
        .send(request(Method::POST, "/_security/user/_clear_cache"))
        .await
        .unwrap();
    let seen = server.requests();
    assert_eq!(seen[0].target, "/_security/user/_has_privileges");
    assert_eq!(seen[0].body, br#"{"cluster":["monitor"]}"#);
    assert_eq!(seen[1].header("content-length"), Some("0"));
}

#[tokio::test]
async fn a_node_base_path_replaces_the_template_one() {
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let a = format!("{}/es-a", server.url);
    let b = format!("{}/es-b", server.url);
    let transport = fast().nodes([&a, &b]).build().unwrap();
    // A URI built on node a's URL goes to a then b (round-robin), with each one's path.
    for _ in 0..2 {
        let req = http::Request::builder()
            .uri(format!("{a}/_security/_authenticate?pretty=true"))
            .body(Vec::new())
            .unwrap();
        transport.send(req).await.unwrap();
    }
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(
        targets,
        [
            "/es-a/_security/_authenticate?pretty=true",
            "/es-b/_security/_authenticate?pretty=true"
        ]
    );
}

#[tokio::test]
async fn retries_and_failover_across_two_nodes() {
    // Node a is down; node b answers 503, then 200.
    let down = refused_url();
    let b = Server::start(|_: &Recorded, i| {
        if i == 0 {
            Reply::es(503, r#"{"error":"unavailable"}"#)
        } else {
            Reply::es(200, OK)
        }
    })
    .await;
    let transport = fast().nodes([&down, &b.url]).build().unwrap();
    let response = transport
        .send(request(Method::GET, "/_security/_authenticate"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(b.count(), 2);
    assert_eq!(
        served_by(&response),
        ServedBy {
            node: b.url.as_str().into(),
            attempts: 3
        }
    );
    // Node a is now dead: the next requests go to b only, on the first attempt.
    for _ in 0..3 {
        let response = transport.send(request(Method::GET, "/")).await.unwrap();
        assert_eq!(served_by(&response).attempts, 1);
    }
    assert_eq!(b.count(), 5);
}

/// Each attempt is built anew from the request: a retry carries the same headers as the first
/// attempt (repeated values included), with the defaults and credentials the request lacks, and
/// a request's own header still wins over a default of the same name.
#[tokio::test]
async fn every_attempt_carries_the_same_headers() {
    let b = Server::start(|_: &Recorded, i| {
        if i < 2 {
            Reply::es(503, r#"{"error":"unavailable"}"#)
        } else {
            Reply::es(200, OK)
        }
    })
    .await;
    let transport = fast()
        .node(&b.url)
        .header("x-team", "billing")
        .header("x-default-only", "yes")
        .credentials(Credentials::basic("elastic", "changeme"))
        .build()
        .unwrap();
    let mut req = request(Method::GET, "/_security/_authenticate");
    req.headers_mut().append("x-trace", "one".parse().unwrap());
    req.headers_mut().append("x-trace", "two".parse().unwrap());
    req.headers_mut().insert("x-team", "own".parse().unwrap());
    let response = transport.send(req).await.unwrap();
    assert_eq!(served_by(&response).attempts, 3);

    let seen = b.requests();
    assert_eq!(seen.len(), 3);
    let values = |r: &Recorded, name: &str| -> Vec<String> {
        r.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    };
    for (i, r) in seen.iter().enumerate() {
        assert_eq!(values(r, "x-trace"), ["one", "two"], "attempt {i}");
        assert_eq!(values(r, "x-team"), ["own"], "attempt {i}");
        assert_eq!(values(r, "x-default-only"), ["yes"], "attempt {i}");
        assert_eq!(
            values(r, "authorization"),
            ["Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="],
            "attempt {i}"
        );
        assert_eq!(values(r, "user-agent").len(), 1, "attempt {i}");
        assert_eq!(values(r, "x-elastic-client-meta").len(), 1, "attempt {i}");
        assert_eq!(
            values(r, "accept"),
            [security_core::COMPATIBLE_WITH_8],
            "attempt {i}"
        );
    }
    // The same set of headers, in the same order, on every attempt.
    let names = |r: &Recorded| r.headers.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&seen[0]), names(&seen[1]));
    assert_eq!(names(&seen[0]), names(&seen[2]));
}

#[tokio::test]
async fn exhausted_retries_return_the_last_answer_for_the_client_to_report() {
    let server = Server::start(|_: &Recorded, _| {
        Reply::es(
            429,
            r#"{"error":{"type":"es_rejected_execution_exception","reason":"rejected"},"status":429}"#,
        )
    })
    .await;
    let transport = fast().node(&server.url).max_retries(2).build().unwrap();
    let response = transport
        .send(request(Method::GET, "/_security/_authenticate"))
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(server.count(), 3);
    assert_eq!(served_by(&response).attempts, 3);
    let err = security_core::users::Authenticate::decode(response).unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(
        err.api().unwrap().error_type.as_deref(),
        Some("es_rejected_execution_exception")
    );
}

#[tokio::test]
async fn other_statuses_and_retries_off_are_not_retried() {
    let server = Server::start(|_: &Recorded, i| {
        if i == 0 {
            Reply::es(500, r#"{"error":"boom"}"#)
        } else {
            Reply::es(503, r#"{"error":"unavailable"}"#)
        }
    })
    .await;
    let transport = fast().node(&server.url).max_retries(0).build().unwrap();
    let first = transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!(first.status(), 500);
    let second = transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!(second.status(), 503);
    assert_eq!(server.count(), 2);

    let custom = Server::start(|_: &Recorded, i| {
        if i == 0 {
            Reply::es(500, "{}")
        } else {
            Reply::es(200, OK)
        }
    })
    .await;
    let transport = fast()
        .node(&custom.url)
        .retry_on_status([500])
        .build()
        .unwrap();
    let response = transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(custom.count(), 2);
}

#[tokio::test]
async fn a_dead_node_is_left_out_during_its_backoff() {
    let dead = Server::closing().await;
    let live = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let transport = fast()
        .nodes([&dead.url, &live.url])
        .dead_node_backoff(Duration::from_secs(60), Duration::from_secs(60))
        .build()
        .unwrap();
    for _ in 0..5 {
        let response = transport.send(request(Method::GET, "/")).await.unwrap();
        assert_eq!(response.status(), 200);
    }
    assert_eq!(
        dead.connections(),
        1,
        "the dead node was tried again too early"
    );
    assert_eq!(live.count(), 5);
}

#[tokio::test]
async fn when_every_node_is_dead_the_least_recently_failed_is_tried() {
    let a = Server::closing().await;
    let b = Server::closing().await;
    let transport = fast()
        .nodes([&a.url, &b.url])
        .max_retries(0)
        .dead_node_backoff(Duration::from_secs(60), Duration::from_secs(60))
        .build()
        .unwrap();
    let mut order = Vec::new();
    for _ in 0..4 {
        let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
        assert!(matches!(err, Error::Connection { .. }), "{err:?}");
        order.push(if err.node() == a.url { 'a' } else { 'b' });
    }
    // a fails, b fails; then both are dead: a (failed first), then b.
    assert_eq!(order, ['a', 'b', 'a', 'b']);
    assert_eq!((a.connections(), b.connections()), (2, 2));
}

#[tokio::test]
async fn connection_refused_everywhere_is_a_connect_error_naming_the_node() {
    let down = refused_url();
    let transport = fast().node(&down).max_retries(2).build().unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    assert!(err.is_connect(), "{err:?}");
    assert_eq!(err.node(), down);
    assert_eq!(err.attempts(), 3);
    let shown = err.to_string();
    assert!(shown.contains(&down), "{shown}");
    assert!(shown.to_lowercase().contains("refused"), "{shown}");
}

/// The `http::Request` of an endpoint, built for a base URL with a proxy path prefix (`/es`):
/// the URL must play no part in whether it is sent again.
fn endpoint<E: Endpoint>(request: E) -> http::Request<Vec<u8>> {
    let base = security_core::BaseUrl::parse("http://proxy.invalid/es").unwrap();
    request.to_http_request(&base, None).unwrap()
}

#[tokio::test]
async fn requests_that_create_credentials_are_not_resent_once_they_may_have_arrived() {
    // The server reads the request and drops the connection without answering.
    let server = Server::start(|_: &Recorded, _| Reply::Close).await;
    let transport = fast().node(&server.url).build().unwrap();

    let create = endpoint(security_core::api_keys::CreateApiKey::new().name("k"));
    let err = transport.send(create).await.unwrap_err();
    assert!(matches!(err, Error::Connection { .. }), "{err:?}");
    assert!(err.was_not_resent());
    assert_eq!(err.attempts(), 1);
    assert!(err.to_string().contains("not re-sent"), "{err}");
    assert_eq!(server.count(), 1);

    for path in ["/_security/oauth2/token", "/_security/api_key/grant"] {
        let before = server.count();
        let err = transport
            .send(request(Method::POST, path))
            .await
            .unwrap_err();
        assert!(err.was_not_resent(), "{path}: {err:?}");
        assert_eq!(server.count(), before + 1, "{path}");
    }

    // A read is sent again: 1 + 3 retries.
    let before = server.count();
    let err = transport
        .send(request(Method::GET, "/_security/_authenticate"))
        .await
        .unwrap_err();
    assert!(!err.was_not_resent());
    assert_eq!(err.attempts(), 4);
    assert_eq!(server.count(), before + 4);
}

#[test]
fn user_information_never_shows_in_debug_or_errors() {
    let builder = NativeTransport::builder().node("https://elastic:p@ss-word@es.example:9200");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("ss-word"), "{shown}");
    assert!(
        shown.contains("https://[redacted]@es.example:9200"),
        "{shown}"
    );
    let err = builder.build().unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("ss-word"), "{shown}");
    assert!(shown.contains("credentials"), "{shown}");
}

#[tokio::test]
async fn creating_endpoints_are_never_resent_on_503_behind_a_path_prefix() {
    use security_core::{api_keys, enroll, service_accounts, tokens};
    let server = Server::start(|_: &Recorded, _| Reply::es(503, "{}")).await;
    // The client's base URL has a path prefix; the node has none: the paths the server sees
    // start with `/es/`, which no URL pattern would recognise as a Security API path.
    let transport = fast().node(&server.url).build().unwrap();
    let creating = [
        endpoint(api_keys::CreateApiKey::new().name("k")),
        endpoint(api_keys::GrantApiKey::new(
            security_core::types::api_keys::GrantedApiKey::default(),
            security_core::types::api_keys::ApiKeyGrantType::Password,
        )),
        endpoint(service_accounts::CreateServiceToken::new("elastic", "fleet-server").name("t1")),
        endpoint(service_accounts::CreateServiceToken::new(
            "elastic",
            "fleet-server",
        )),
        endpoint(tokens::GetToken::new().username("u")),
        endpoint(enroll::EnrollKibana::new()),
    ];
    for request in creating {
        let target = request.uri().path().to_owned();
        let before = server.count();
        let response = transport.send(request).await.unwrap();
        assert_eq!(response.status(), 503);
        assert_eq!(server.count(), before + 1, "{target} was sent again");
    }
    // A repeatable PUT behind the same prefix is retried: 1 + 3 retries.
    let before = server.count();
    let put_user = endpoint(security_core::users::PutUser::new("jacknich").password("x"));
    assert_eq!(transport.send(put_user).await.unwrap().status(), 503);
    assert_eq!(server.count(), before + 4);
    assert_eq!(
        server.requests()[before].target,
        "/es/_security/user/jacknich"
    );
}

#[tokio::test]
async fn a_retryable_status_is_not_resent_for_a_creating_request() {
    let server = Server::start(|_: &Recorded, _| Reply::es(503, "{}")).await;
    let transport = fast().node(&server.url).build().unwrap();
    let response = transport
        .send(request(Method::POST, "/_security/oauth2/token"))
        .await
        .unwrap();
    assert_eq!(response.status(), 503);
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn creating_requests_are_resent_when_the_user_opts_in() {
    let server = Server::start(|_: &Recorded, i| {
        if i == 0 {
            Reply::Close
        } else {
            Reply::es(200, OK)
        }
    })
    .await;
    let transport = fast()
        .node(&server.url)
        .retry_non_idempotent(true)
        .build()
        .unwrap();
    let response = transport
        .send(request(Method::POST, "/_security/oauth2/token"))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.count(), 2);
}

#[tokio::test]
async fn creating_requests_fail_over_when_nothing_was_sent() {
    let down = refused_url();
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let transport = fast().nodes([&down, &server.url]).build().unwrap();
    let response = transport
        .send(endpoint(security_core::api_keys::CreateApiKey::new()))
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(server.count(), 1);
    assert_eq!(served_by(&response).attempts, 2);
}

#[tokio::test]
async fn the_per_request_timeout_applies_and_is_not_retried_by_default() {
    let server = Server::start(|_: &Recorded, _| Reply::Hang).await;
    let transport = fast().node(&server.url).build().unwrap(); // 30 s default
    let mut req = request(Method::GET, "/_security/_authenticate");
    req.extensions_mut()
        .insert(RequestTimeout(Duration::from_millis(200)));
    let started = Instant::now();
    let err = transport.send(req).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10));
    match &err {
        Error::Timeout {
            timeout,
            attempts,
            not_resent,
            ..
        } => {
            assert_eq!(*timeout, Some(Duration::from_millis(200)));
            assert_eq!(*attempts, 1);
            assert!(!not_resent);
        }
        other => panic!("{other:?}"),
    }
    assert!(err.is_timeout());
    assert!(err.to_string().contains("200ms"), "{err}");
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn timeouts_are_retried_when_configured_but_not_for_creating_requests() {
    let server = Server::start(|_: &Recorded, _| Reply::Hang).await;
    let transport = fast()
        .node(&server.url)
        .request_timeout(Duration::from_millis(100))
        .retry_on_timeout(true)
        .max_retries(2)
        .build()
        .unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(err.attempts(), 3);
    assert_eq!(server.count(), 3);

    let err = transport
        .send(request(Method::POST, "/_security/oauth2/token"))
        .await
        .unwrap_err();
    assert!(err.is_timeout() && err.was_not_resent(), "{err:?}");
    assert_eq!(server.count(), 4);
}

#[tokio::test]
async fn a_timeout_does_not_mark_the_node_dead() {
    let server = Server::start(|_: &Recorded, i| {
        if i == 0 {
            Reply::Hang
        } else {
            Reply::es(200, OK)
        }
    })
    .await;
    let other = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let transport = fast()
        .nodes([&server.url, &other.url])
        .request_timeout(Duration::from_millis(100))
        .build()
        .unwrap();
    assert!(transport
        .send(request(Method::GET, "/"))
        .await
        .unwrap_err()
        .is_timeout());
    // Round-robin goes on over both nodes.
    transport.send(request(Method::GET, "/")).await.unwrap();
    transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!((server.count(), other.count()), (2, 1));
}

#[tokio::test]
async fn gzip_answers_are_decompressed() {
    let server = Server::start(|r: &Recorded, _| {
        let body = br#"{"username":"elastic","roles":["superuser"]}"#;
        if !r.header("accept-encoding").unwrap_or("").contains("gzip") {
            return Reply::es(400, r#"{"error":"no gzip"}"#);
        }
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(body).unwrap();
        Reply::Answer {
            status: 200,
            headers: vec![
                ("content-type".into(), "application/json".into()),
                ("content-encoding".into(), "gzip".into()),
                ("x-elastic-product".into(), "Elasticsearch".into()),
            ],
            body: encoder.finish().unwrap(),
        }
    })
    .await;
    let transport = fast().node(&server.url).build().unwrap();
    let response = transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!(response.status(), 200);
    let json: serde_json::Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(json["username"], "elastic");
    assert_eq!(response.headers().get("content-encoding"), None);
}

#[tokio::test]
async fn the_product_check_refuses_a_server_that_is_not_elasticsearch() {
    let server = Server::start(|_: &Recorded, i| {
        if i == 0 {
            Reply::plain(200, r#"{"username":"elastic"}"#)
        } else {
            Reply::es(200, r#"{"username":"elastic","roles":[],"full_name":null,"email":null,"metadata":{},"enabled":true,"authentication_realm":{"name":"reserved","type":"reserved"},"lookup_realm":{"name":"reserved","type":"reserved"},"authentication_type":"realm"}"#)
        }
    })
    .await;
    let transport = fast().node(&server.url).build().unwrap();
    let response = transport
        .send(request(Method::GET, "/_security/_authenticate"))
        .await
        .unwrap();
    let err = security_core::users::Authenticate::decode(response).unwrap_err();
    assert!(
        matches!(
            err,
            security_core::Error::UnsupportedProduct { status: 200, .. }
        ),
        "{err:?}"
    );
    let response = transport
        .send(request(Method::GET, "/_security/_authenticate"))
        .await
        .unwrap();
    let me = security_core::users::Authenticate::decode(response).unwrap();
    assert_eq!(me.username, "elastic");
}

#[tokio::test]
async fn redirects_are_refused_with_their_location() {
    let server = Server::start(|_: &Recorded, _| {
        Reply::es(302, "").with_header("location", "http://127.0.0.1:1/elsewhere")
    })
    .await;
    let transport = fast().node(&server.url).build().unwrap();
    let err = transport.send(request(Method::GET, "/")).await.unwrap_err();
    match &err {
        Error::Redirect {
            node,
            status,
            location,
        } => {
            assert_eq!(node, &server.url);
            assert_eq!(*status, 302);
            assert_eq!(location.as_deref(), Some("http://127.0.0.1:1/elsewhere"));
        }
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("http://127.0.0.1:1/elsewhere"));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn the_request_hook_sees_each_attempt_and_can_refuse() {
    let down = refused_url();
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let log = seen.clone();
    let transport = fast()
        .nodes([&down, &server.url])
        .on_request(move |req: &mut http::Request<Vec<u8>>| {
            log.lock().unwrap().push(req.uri().to_string());
            // The hook sees the default headers, as they will be sent.
            assert!(req.headers().contains_key("x-elastic-client-meta"));
            assert!(req.headers()["user-agent"]
                .to_str()?
                .starts_with("es-security-rs/"));
            let signature = format!("len={}", req.body().len());
            req.headers_mut().insert("x-signature", signature.parse()?);
            Ok(())
        })
        .build()
        .unwrap();
    let mut req = request(Method::POST, "/_security/role/r1");
    *req.body_mut() = b"{}".to_vec();
    transport.send(req).await.unwrap();
    assert_eq!(
        *seen.lock().unwrap(),
        [
            format!("{down}/_security/role/r1"),
            format!("{}/_security/role/r1", server.url)
        ]
    );
    assert_eq!(server.requests()[0].header("x-signature"), Some("len=2"));

    let refusing = fast()
        .node(&server.url)
        .on_request(|_: &mut http::Request<Vec<u8>>| Err("no signing key".into()))
        .build()
        .unwrap();
    let err = refusing.send(request(Method::GET, "/")).await.unwrap_err();
    assert!(matches!(err, Error::Hook { .. }), "{err:?}");
    assert!(err.to_string().contains("no signing key"));
    assert_eq!(server.count(), 1);
}

#[tokio::test]
async fn default_credentials_are_added_only_without_authorization_and_swap_at_runtime() {
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let transport = fast()
        .node(&server.url)
        .credentials(Credentials::basic("elastic", "changeme"))
        .build()
        .unwrap();
    transport.send(request(Method::GET, "/")).await.unwrap();
    let mut own = request(Method::GET, "/");
    own.headers_mut()
        .insert("authorization", "ApiKey b3duOmtleQ==".parse().unwrap());
    transport.send(own).await.unwrap();
    transport
        .set_credentials(Some(Credentials::bearer("access-token-2")))
        .unwrap();
    transport.send(request(Method::GET, "/")).await.unwrap();
    transport.set_credentials(None).unwrap();
    transport.send(request(Method::GET, "/")).await.unwrap();

    let auth: Vec<Option<String>> = server
        .requests()
        .iter()
        .map(|r| r.header("authorization").map(str::to_owned))
        .collect();
    assert_eq!(
        auth,
        [
            Some("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==".to_owned()),
            Some("ApiKey b3duOmtleQ==".to_owned()),
            Some("Bearer access-token-2".to_owned()),
            None
        ]
    );
    assert!(transport
        .set_credentials(Some(Credentials::bearer("bad\ntoken")))
        .is_err());
    assert!(!format!("{transport:?}").contains("changeme"));
}

#[tokio::test]
async fn your_own_reqwest_client() {
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let mut defaults = http::HeaderMap::new();
    defaults.insert("x-from-client", "yes".parse().unwrap());
    let client = reqwest::Client::builder()
        .default_headers(defaults)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let transport = fast().node(&server.url).client(client).build().unwrap();
    transport.send(request(Method::GET, "/")).await.unwrap();
    assert_eq!(server.requests()[0].header("x-from-client"), Some("yes"));
    // The transport's defaults are added to requests on your client too.
    let ua = server.requests()[0]
        .header("user-agent")
        .unwrap()
        .to_owned();
    assert!(ua.starts_with("es-security-rs/"), "{ua}");
    assert!(server.requests()[0]
        .header("x-elastic-client-meta")
        .is_some());

    let conflict = fast()
        .node(&server.url)
        .client(reqwest::Client::new())
        .ca_fingerprint("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        .build()
        .unwrap_err();
    assert!(matches!(conflict, BuildError::Conflict(_)), "{conflict:?}");
    assert!(
        conflict.to_string().contains("ca_fingerprint"),
        "{conflict}"
    );
}

#[tokio::test]
async fn the_transport_is_a_core_transport() {
    use security_core::Transport;
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let transport = NativeTransport::new(&server.url).unwrap();
    fn is_send<T: Send>(_: &T) {}
    let future = Transport::send(&transport, request(Method::GET, "/"));
    is_send(&future);
    assert_eq!(future.await.unwrap().status(), 200);
}

#[test]
fn configuration_errors() {
    assert!(matches!(
        NativeTransport::builder().build(),
        Err(BuildError::NoNodes)
    ));
    assert!(matches!(
        NativeTransport::new("localhost:9200"),
        Err(BuildError::InvalidNode { .. })
    ));
    assert!(matches!(
        NativeTransport::builder().cloud_id("nope").build(),
        Err(BuildError::InvalidCloudId(_))
    ));
    assert!(matches!(
        NativeTransport::builder()
            .node("https://localhost:9200")
            .ca_fingerprint("abc")
            .build(),
        Err(BuildError::InvalidFingerprint(_))
    ));
    assert!(matches!(
        NativeTransport::builder()
            .node("https://localhost:9200")
            .ca_certificate_pem("not pem")
            .build(),
        Err(BuildError::InvalidPem { .. })
    ));
    let both = NativeTransport::builder()
        .node("https://localhost:9200")
        .ca_certificate_pem("not pem")
        .danger_accept_invalid_certificates()
        .build()
        .unwrap_err();
    assert!(matches!(both, BuildError::Conflict(_)), "{both:?}");
    assert!(matches!(
        NativeTransport::builder()
            .node("https://localhost:9200")
            .header("bad header", "x")
            .build(),
        Err(BuildError::InvalidHeader(_))
    ));
    let cloud = NativeTransport::builder()
        .cloud_id("d:dXMtZWFzdC0xLmF3cy5mb3VuZC5pbyRjZWM2ZjI2MWE3NGJmMjRjZTMzYmI4ODExYjg0Mjk0ZiRjNmMyY2E2ZDA0MjI0OWFmMGNjN2Q3YTllOTYyNTc0Mw==")
        .build()
        .unwrap();
    assert_eq!(
        cloud.base_url().as_str(),
        "https://cec6f261a74bf24ce33bb8811b84294f.us-east-1.aws.found.io:443"
    );
}

#[tokio::test]
async fn http_compress_sends_a_valid_gzip_body() {
    use std::io::Read as _;
    let server = Server::start(|_: &Recorded, _| Reply::es(200, OK)).await;
    let body = serde_json::to_vec(&serde_json::json!({
        "roles": {"r1": {"cluster": ["monitor"], "indices": [{"names": ["logs-*"], "privileges": ["read"]}]}},
        "padding": "x".repeat(4096)
    }))
    .unwrap();
    let post = |body: Vec<u8>| {
        let mut req = request(Method::POST, "/_security/role");
        *req.body_mut() = body;
        req.headers_mut()
            .insert("content-type", "application/json".parse().unwrap());
        req
    };

    // On: the server gets `Content-Encoding: gzip` and a gzip body that inflates to the JSON.
    let compressing = NativeTransport::builder()
        .node(&server.url)
        .http_compress(true)
        .build()
        .unwrap();
    compressing.send(post(body.clone())).await.unwrap();
    // A request without a body stays as it is.
    compressing
        .send(request(Method::GET, "/_security/_authenticate"))
        .await
        .unwrap();
    // Off (the default): the body as it is.
    let plain = NativeTransport::builder()
        .node(&server.url)
        .build()
        .unwrap();
    plain.send(post(body.clone())).await.unwrap();

    let seen = server.requests();
    assert_eq!(seen[0].header("content-encoding"), Some("gzip"));
    assert_eq!(&seen[0].body[..2], &[0x1f, 0x8b], "a gzip member");
    assert!(
        seen[0].body.len() < body.len() / 4,
        "{} bytes",
        seen[0].body.len()
    );
    assert_eq!(
        seen[0].header("content-length"),
        Some(seen[0].body.len().to_string().as_str())
    );
    let mut inflated = Vec::new();
    flate2::read::GzDecoder::new(&seen[0].body[..])
        .read_to_end(&mut inflated)
        .expect("a valid gzip body");
    assert_eq!(inflated, body);
    assert_eq!(seen[0].header("content-type"), Some("application/json"));

    assert_eq!(seen[1].header("content-encoding"), None);
    assert!(seen[1].body.is_empty());
    assert_eq!(seen[2].header("content-encoding"), None);
    assert_eq!(seen[2].body, body);
}
