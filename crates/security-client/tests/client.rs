//! The client over a closure transport: what it sends, what it returns, how errors surface.

use security_client::mock::MockTransport;
use security_client::{Credentials, Error, SecurityClient};
use std::future::IntoFuture;

/// Runs a request (anything `.await`-able) to completion.
fn block_on<F: IntoFuture>(request: F) -> F::Output {
    futures::executor::block_on(request.into_future())
}

/// A client (as `elastic`) whose transport records each request and answers `status` + `body`
/// as ES would, to every request.
fn client(status: u16, body: &str) -> (SecurityClient<MockTransport>, MockTransport) {
    let mock = MockTransport::new().fallback_json(status, body);
    let client = SecurityClient::new("http://es.local:9200/", mock.clone())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    (client, mock)
}

#[test]
fn a_call_sends_the_request_and_decodes_the_answer() {
    let (client, seen) = client(200, r#"{"created":true}"#);
    let created = block_on(
        client
            .put_user("jacknich")
            .password("l0ng-p@ss")
            .roles(["admin"]),
    )
    .unwrap();
    assert!(created.created);
    let seen = seen.requests();
    assert_eq!(seen.len(), 1);
    let req = &seen[0];
    assert_eq!(req.method(), "PUT");
    assert_eq!(req.uri(), "http://es.local:9200/_security/user/jacknich");
    assert_eq!(
        req.headers()["authorization"],
        "Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="
    );
    assert_eq!(req.body(), br#"{"password":"l0ng-p@ss","roles":["admin"]}"#);
}

#[test]
fn credentials_can_be_swapped_at_runtime() {
    let (client, seen) = client(200, "{}");
    client.set_credentials(Some(Credentials::bearer("tok")));
    let _ = block_on(client.get_user());
    assert_eq!(seen.requests()[0].headers()["authorization"], "Bearer tok");
    assert!(!format!("{client:?}").contains("tok\""), "{client:?}");
}

#[test]
fn elasticsearch_errors_are_typed() {
    let (client, _) = client(
        401,
        r#"{"error":{"root_cause":[{"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_security/_authenticate]","header":{"WWW-Authenticate":"Basic realm=\"security\" charset=\"UTF-8\""}}],"type":"security_exception","reason":"unable to authenticate user [elastic] for REST request [/_security/_authenticate]"},"status":401}"#,
    );
    let err = block_on(client.authenticate()).unwrap_err();
    let api = err.api().expect("an ES error");
    assert!(api.is_unauthorized());
    assert_eq!(api.error_type.as_deref(), Some("security_exception"));
    assert_eq!(api.root_cause[0].error_type, "security_exception");
    assert_eq!(err.status(), Some(401));
}

#[test]
fn raw_escape_hatches() {
    let (client, seen) = client(
        200,
        r#"{"total":1,"count":1,"users":[{"username":"jacknich"}]}"#,
    );
    let answer = block_on(
        client
            .raw_request(http::Method::POST, "/_security/_query/user")
            .query("with_profile_uid", true)
            .body(serde_json::json!({"query": {"prefix": {"username": "j"}}})),
    )
    .unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(answer.json::<serde_json::Value>().unwrap()["count"], 1);
    assert_eq!(
        seen.requests()[0].uri(),
        "http://es.local:9200/_security/_query/user?with_profile_uid=true"
    );

    let raw = block_on(client.get_user().username("jacknich").raw()).unwrap();
    assert!(raw.text().contains("jacknich"));
    assert_eq!(raw.endpoint, "security.get_user");
}

#[test]
fn raw_requests_take_the_options_typed_requests_take() {
    let (client, seen) = client(200, r#"{"users":[{"username":1}]}"#);
    let request: security_client::RawRequest<SecurityClient<_>> = client
        .raw_request(http::Method::GET, "/_security/_query/user")
        .header("x-custom", "1")
        .opaque_id("trace-7")
        .run_as("jacknich")
        .request_timeout(std::time::Duration::from_secs(3))
        .credentials(Credentials::bearer("tok"));
    let answer = block_on(request).unwrap();
    let seen = seen.requests();
    let sent = &seen[0];
    assert_eq!(sent.headers()["x-custom"], "1");
    assert_eq!(sent.headers()["x-opaque-id"], "trace-7");
    assert_eq!(sent.headers()["es-security-runas-user"], "jacknich");
    assert_eq!(sent.headers()["authorization"], "Bearer tok");
    assert_eq!(
        sent.extensions().get::<security_client::RequestTimeout>(),
        Some(&security_client::RequestTimeout(
            std::time::Duration::from_secs(3)
        ))
    );

    // Decoding a raw answer names the JSON path that failed, as typed decoding does.
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct User {
        username: String,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Page {
        users: Vec<User>,
    }
    match answer.json::<Page>() {
        Err(Error::Decode { endpoint, path, .. }) => {
            assert_eq!(endpoint, "raw");
            assert_eq!(path, "users[0].username");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn transport_errors_are_wrapped() {
    let transport = |_req: http::Request<Vec<u8>>| async {
        Err::<http::Response<Vec<u8>>, _>(std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "refused",
        ))
    };
    let client = SecurityClient::new("http://127.0.0.1:1", transport).unwrap();
    let err = block_on(client.authenticate()).unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(err.to_string().contains("refused"));
}

#[test]
fn errors_answer_the_usual_questions() {
    for (status, check) in [
        (404, Error::is_not_found as fn(&Error) -> bool),
        (409, Error::is_conflict),
        (401, Error::is_unauthorized),
        (403, Error::is_forbidden),
    ] {
        let (client, _) = client(status, r#"{"error":{"type":"x","reason":"y"},"status":0}"#);
        let err = block_on(client.get_user()).unwrap_err();
        assert!(check(&err), "{status}: {err:?}");
        let all = [
            err.is_not_found(),
            err.is_conflict(),
            err.is_unauthorized(),
            err.is_forbidden(),
        ];
        assert_eq!(all.iter().filter(|b| **b).count(), 1, "{status}");
        assert!(!err.is_timeout() && !err.is_connect());
        assert_eq!(err.transport_kind(), None);
    }
}

#[cfg(not(target_arch = "wasm32"))] // Send + Sync transports
#[test]
fn transport_error_kinds_without_downcasting() {
    use security_client::{BoxTransport, TransportError, TransportErrorKind};
    use std::io::ErrorKind as Io;

    fn failing(kind: Io) -> impl security_client::Transport + Send + Sync + 'static {
        move |_req: http::Request<Vec<u8>>| async move {
            Err::<http::Response<Vec<u8>>, _>(std::io::Error::new(kind, "failed"))
        }
    }
    fn kind_of<T: security_client::Transport + Send + Sync + 'static>(
        transport: T,
    ) -> Option<TransportErrorKind> {
        let client = SecurityClient::new("http://es.local:9200", transport).unwrap();
        block_on(client.authenticate())
            .unwrap_err()
            .transport_kind()
    }
    assert_eq!(
        kind_of(failing(Io::TimedOut)),
        Some(TransportErrorKind::Timeout)
    );
    assert_eq!(
        kind_of(failing(Io::ConnectionRefused)),
        Some(TransportErrorKind::Connect)
    );
    assert_eq!(
        kind_of(failing(Io::ConnectionReset)),
        Some(TransportErrorKind::Interrupted)
    );
    assert_eq!(kind_of(failing(Io::Other)), Some(TransportErrorKind::Other));
    // Boxed, the kind survives.
    assert_eq!(
        kind_of(BoxTransport::new(failing(Io::TimedOut))),
        Some(TransportErrorKind::Timeout)
    );
    // A custom transport reports its kind with TransportError.
    let custom = |_req: http::Request<Vec<u8>>| async {
        Err::<http::Response<Vec<u8>>, _>(TransportError::new(
            TransportErrorKind::Tls,
            "bad certificate",
        ))
    };
    let client = SecurityClient::new("http://es.local:9200", custom).unwrap();
    let err = block_on(client.authenticate()).unwrap_err();
    assert_eq!(err.transport_kind(), Some(TransportErrorKind::Tls));
    assert_eq!(err.to_string(), "transport error: bad certificate");
    let err = block_on(client.authenticate()).unwrap_err();
    let transport = err.transport_error().unwrap();
    assert_eq!(transport.get_ref().to_string(), "bad certificate");
}

#[test]
fn deprecation_warnings_are_reachable_for_typed_answers() {
    let with_warnings = || {
        http::Response::builder()
            .header("x-elastic-product", "Elasticsearch")
            .header(
                "warning",
                r#"299 Elasticsearch-8.14.0-abc "[id] is deprecated, use [ids]" "Mon, 01 Jan 2024 00:00:00 GMT""#,
            )
            .header("warning", r#"299 Elasticsearch-8.14.0-abc "second""#)
            .body(br#"{"jacknich":{"username":"jacknich","roles":[],"metadata":{},"enabled":true}}"#.to_vec())
            .unwrap()
    };
    let mock = MockTransport::new()
        .response(with_warnings())
        .response(with_warnings());
    let client = SecurityClient::new("http://es.local:9200", mock).unwrap();
    let answer = block_on(client.get_user().with_headers()).unwrap();
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.warnings(),
        ["[id] is deprecated, use [ids]", "second"]
    );
    assert!(answer.value.contains_key("jacknich"));
    let raw = block_on(client.get_user().raw()).unwrap();
    assert_eq!(raw.warnings().len(), 2);
    // Errors stay typed errors.
    let failing = MockTransport::new().response(
        http::Response::builder()
            .status(404)
            .body(
                br#"{"error":{"type":"resource_not_found_exception","reason":"no"},"status":404}"#
                    .to_vec(),
            )
            .unwrap(),
    );
    let client = SecurityClient::new("http://es.local:9200", failing).unwrap();
    assert!(block_on(client.get_user().with_headers())
        .unwrap_err()
        .is_not_found());
}
