//! The fetch transport in headless Chromium against `tests/echo_server.py`.
//!
//! Run with `scripts/test-wasm.sh`: it starts the echo server and bakes its URL into this test
//! at compile time (`TRANSPORT_WASM_ECHO_URL`; a wasm test cannot read the environment when it
//! runs). The server's origin differs from the test page's (another port), so every request here
//! is a cross-origin `fetch` with CORS, as a page talking to a cluster makes it.
#![cfg(target_arch = "wasm32")]

use base64::Engine as _;
use http::header::{HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE};
use http::{Method, Request, StatusCode};
use security_client::{Credentials, RequestOptions, SecurityClient};
use security_core::{RequestTimeout, Transport};
use serde_json::Value;
use std::time::Duration;
use transport_wasm::{Error, RequestCredentials, WasmTransport};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The echo server's base URL, baked in when the test was compiled.
fn server() -> &'static str {
    match option_env!("TRANSPORT_WASM_ECHO_URL") {
        Some(url) => url,
        None => panic!(
            "TRANSPORT_WASM_ECHO_URL was not set when this test was compiled: run scripts/test-wasm.sh"
        ),
    }
}

fn url(path_and_query: &str) -> String {
    format!("{}{path_and_query}", server())
}

/// A bodiless GET of a path on the echo server.
fn get(path_and_query: &str) -> Request<Vec<u8>> {
    Request::get(url(path_and_query))
        .body(Vec::new())
        .expect("a valid request")
}

/// Sends and returns the answer, failing the test on a transport error.
async fn send(transport: &WasmTransport, request: Request<Vec<u8>>) -> http::Response<Vec<u8>> {
    let what = format!("{} {}", request.method(), request.uri());
    match transport.send(request).await {
        Ok(response) => response,
        Err(error) => panic!("{what}: {error}"),
    }
}

/// The echo's JSON.
fn echo(response: &http::Response<Vec<u8>>) -> Value {
    assert_eq!(response.status(), StatusCode::OK, "{:?}", response);
    serde_json::from_slice(response.body()).expect("the echo is JSON")
}

/// The values of a request header as the server received them (bytes as Latin-1 characters).
fn received(echo: &Value, name: &str) -> Vec<String> {
    echo["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .filter(|pair| pair[0] == name)
        .map(|pair| pair[1].as_str().expect("a string").to_owned())
        .collect()
}

fn received_body(echo: &Value) -> Vec<u8> {
    let b64 = echo["body_base64"].as_str().expect("body_base64");
    base64::engine::general_purpose::STANDARD
        .decode(b64)
        .expect("base64")
}

const ES_JSON: &str = "application/vnd.elasticsearch+json; compatible-with=8";

#[wasm_bindgen_test]
async fn get_sends_method_path_query_and_headers_exactly() {
    let mut authorization = HeaderValue::from_static("Basic ZWxhc3RpYzpjaGFuZ2VtZQ==");
    authorization.set_sensitive(true);
    let request = Request::get(url(
        "/_security/user/a%2Fb%20c,%C3%A9,*?x=1%2B2&y=a%20b&z=%C3%A9%26",
    ))
    .header(ACCEPT, ES_JSON)
    .header(AUTHORIZATION, authorization)
    .header("x-opaque-id", "trace-1")
    .header("es-security-runas-user", "jacknich")
    // A value that is not UTF-8: one byte 0xE9.
    .header("x-latin1", HeaderValue::from_bytes(b"caf\xe9").unwrap())
    // Repeated headers are appended, not replaced (the browser joins them with ", ").
    .header("x-multi", "a")
    .header("x-multi", "b")
    .body(Vec::new())
    .unwrap();

    let response = send(&WasmTransport::new(), request).await;
    let echo = echo(&response);

    assert_eq!(echo["method"], "GET");
    assert_eq!(echo["path"], "/_security/user/a%2Fb%20c,%C3%A9,*");
    assert_eq!(echo["query"], "x=1%2B2&y=a%20b&z=%C3%A9%26");
    assert_eq!(received(&echo, "accept"), [ES_JSON]);
    assert_eq!(
        received(&echo, "authorization"),
        ["Basic ZWxhc3RpYzpjaGFuZ2VtZQ=="]
    );
    assert_eq!(received(&echo, "x-opaque-id"), ["trace-1"]);
    assert_eq!(received(&echo, "es-security-runas-user"), ["jacknich"]);
    assert_eq!(received(&echo, "x-latin1"), ["caf\u{e9}"]);
    assert_eq!(received(&echo, "x-multi"), ["a, b"]);
    assert!(received(&echo, "content-type").is_empty());
    assert!(received_body(&echo).is_empty());
}

#[wasm_bindgen_test]
async fn response_status_headers_and_body_come_back() {
    let request = Request::get(url("/_security/_authenticate"))
        .header(AUTHORIZATION, "Basic ZWxhc3RpYzpjaGFuZ2VtZQ==")
        .body(Vec::new())
        .unwrap();
    let response = send(&WasmTransport::new(), request).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["x-elastic-product"], "Elasticsearch");
    assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["username"], "elastic");
    assert_eq!(body["authentication_realm"]["type"], "reserved");

    // The echo route's extra headers: a non-UTF-8 value comes back byte for byte, and the
    // browser joins repeated headers with ", " (fetch's Headers do).
    let response = send(&WasmTransport::new(), get("/echo")).await;
    assert_eq!(response.headers()["x-echo-latin1"].as_bytes(), b"caf\xe9");
    assert_eq!(response.headers()["x-echo-multi"], "a, b");
    assert_eq!(response.headers()["x-echo-method"], "GET");
}

#[wasm_bindgen_test]
async fn put_post_and_delete_send_their_body_bytes_exactly() {
    // Every byte value, not UTF-8: the body goes as bytes, not as text.
    let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
    for method in [Method::PUT, Method::POST, Method::DELETE] {
        let request = Request::builder()
            .method(method.clone())
            .uri(url("/_security/role/my%20role?refresh=wait_for"))
            .header(CONTENT_TYPE, ES_JSON)
            .header(ACCEPT, ES_JSON)
            .body(bytes.clone())
            .unwrap();
        let response = send(&WasmTransport::new(), request).await;
        let echo = echo(&response);
        assert_eq!(echo["method"], method.as_str());
        assert_eq!(echo["path"], "/_security/role/my%20role");
        assert_eq!(echo["query"], "refresh=wait_for");
        assert_eq!(received(&echo, "content-type"), [ES_JSON], "{method}");
        assert_eq!(received_body(&echo), bytes, "{method}");
        assert_eq!(response.headers()["x-echo-method"], method.as_str());
    }

    // A JSON body, as the client sends it with DELETE (e.g. invalidate_api_key).
    let json = br#"{"ids":["VuaCfGcBCdbkQm-e5aOx"],"owner":true}"#.to_vec();
    let request = Request::delete(url("/_security/api_key"))
        .header(CONTENT_TYPE, ES_JSON)
        .body(json.clone())
        .unwrap();
    let echo = echo(&send(&WasmTransport::new(), request).await);
    assert_eq!(echo["method"], "DELETE");
    assert_eq!(received_body(&echo), json);
}

#[wasm_bindgen_test]
async fn post_without_body_sends_none() {
    let request = Request::post(url("/_security/_clear_cache/roles"))
        .body(Vec::new())
        .unwrap();
    let echo = echo(&send(&WasmTransport::new(), request).await);
    assert_eq!(echo["method"], "POST");
    assert!(received_body(&echo).is_empty());
    assert!(received(&echo, "content-type").is_empty());
}

#[wasm_bindgen_test]
async fn head_answers_status_and_headers() {
    let request = Request::head(url("/echo")).body(Vec::new()).unwrap();
    let response = send(&WasmTransport::new(), request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["x-echo-method"], "HEAD");
    assert!(response.body().is_empty());
}

#[wasm_bindgen_test]
async fn error_statuses_are_responses_not_errors() {
    for code in [503u16, 401, 404] {
        let request = get(&format!("/status/{code}"));
        let response = send(&WasmTransport::new(), request).await;
        assert_eq!(response.status().as_u16(), code);
        let body: Value = serde_json::from_slice(response.body()).unwrap();
        assert_eq!(body["status"], code);
        assert_eq!(body["error"]["type"], "status_exception");
    }
    let request = get("/status/201");
    assert_eq!(
        send(&WasmTransport::new(), request).await.status(),
        StatusCode::CREATED
    );
}

#[wasm_bindgen_test]
async fn request_timeout_aborts_with_the_timeout_error() {
    let mut request = get("/delay/10000");
    request
        .extensions_mut()
        .insert(RequestTimeout(Duration::from_millis(200)));
    match WasmTransport::new().send(request).await {
        Err(Error::Timeout {
            method,
            url: u,
            timeout,
        }) => {
            assert_eq!(method, Method::GET);
            assert_eq!(u, url("/delay/10000"));
            assert_eq!(timeout, Duration::from_millis(200));
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn transport_timeout_applies_and_a_request_timeout_overrides_it() {
    let transport = WasmTransport::new().request_timeout(Duration::from_millis(150));
    assert_eq!(
        transport.default_request_timeout(),
        Some(Duration::from_millis(150))
    );
    let request = get("/delay/10000");
    assert!(matches!(
        transport.send(request).await,
        Err(Error::Timeout { timeout, .. }) if timeout == Duration::from_millis(150)
    ));

    // A longer per-request timeout wins over the transport's; the answer after 400 ms is fine.
    let mut request = get("/delay/400");
    request
        .extensions_mut()
        .insert(RequestTimeout(Duration::from_secs(20)));
    let echo = echo(&send(&transport, request).await);
    assert_eq!(echo["path"], "/delay/400");
}

#[wasm_bindgen_test]
async fn a_timeout_that_does_not_pass_changes_nothing() {
    let mut request = get("/echo/fast");
    request
        .extensions_mut()
        .insert(RequestTimeout(Duration::from_secs(30)));
    let echo = echo(&send(&WasmTransport::new(), request).await);
    assert_eq!(echo["path"], "/echo/fast");
}

#[wasm_bindgen_test]
async fn abort_signal_aborts_requests_in_flight_and_to_come() {
    let controller = web_sys::AbortController::new().unwrap();
    let transport = WasmTransport::new().with_abort_signal(controller.signal());

    // In flight: `join` polls the request first (the fetch starts), then aborts.
    let request = get("/delay/10000");
    let (result, ()) = futures::join!(transport.send(request), async { controller.abort() });
    assert!(
        matches!(&result, Err(Error::Aborted { method, .. }) if method == Method::GET),
        "{result:?}"
    );

    // Already aborted: nothing is sent.
    let request = get("/echo");
    let result = transport.send(request).await;
    assert!(matches!(&result, Err(Error::Aborted { .. })), "{result:?}");

    // A signal that does not fire changes nothing.
    let quiet = web_sys::AbortController::new().unwrap();
    let transport = WasmTransport::new().with_abort_signal(quiet.signal());
    let request = get("/echo");
    assert_eq!(echo(&send(&transport, request).await)["method"], "GET");
}

#[wasm_bindgen_test]
async fn dropping_the_future_aborts_the_fetch() {
    let transport = WasmTransport::new();
    let held = Box::pin(transport.send(get("/hold/dropped")));
    let arrived = Box::pin(send(&transport, get("/arrived/dropped")));
    // Once the server holds the request, `select` returns and drops the held future.
    match futures::future::select(held, arrived).await {
        futures::future::Either::Right((response, held)) => {
            drop(held);
            let body: Value = serde_json::from_slice(response.body()).unwrap();
            assert_eq!(body["arrived"], true);
        }
        futures::future::Either::Left((result, _)) => panic!("the held request ended: {result:?}"),
    }
    // The browser closed the held request's connection: the fetch was aborted.
    let response = send(&transport, get("/closed/dropped")).await;
    let body: Value = serde_json::from_slice(response.body()).unwrap();
    assert_eq!(body["closed"], true);
}

#[wasm_bindgen_test]
async fn cors_failure_is_the_network_error() {
    let request = get("/no-cors/x");
    match WasmTransport::new().send(request).await {
        Err(error @ Error::Network { .. }) => {
            let Error::Network {
                method,
                url: u,
                message,
            } = &error
            else {
                unreachable!()
            };
            assert_eq!(*method, Method::GET);
            assert_eq!(*u, url("/no-cors/x"));
            assert!(message.contains("TypeError"), "{message}");
            assert!(error.to_string().contains("CORS"), "{error}");
        }
        other => panic!("expected a network error, got {other:?}"),
    }
}

#[wasm_bindgen_test]
async fn a_get_with_a_body_is_refused_before_sending() {
    let request = Request::get(url("/echo")).body(b"{}".to_vec()).unwrap();
    let result = WasmTransport::new().send(request).await;
    assert!(
        matches!(&result, Err(Error::InvalidRequest { method, message, .. })
            if *method == Method::GET && message.contains("TypeError")),
        "{result:?}"
    );
}

#[wasm_bindgen_test]
async fn a_path_the_browser_would_rewrite_is_refused() {
    // The WHATWG URL parser treats `%2E%2E` as `..` and removes it with the segment before.
    let request = Request::delete(url("/_security/role/%2E%2E"))
        .body(Vec::new())
        .unwrap();
    let result = WasmTransport::new().send(request).await;
    assert!(
        matches!(&result, Err(Error::InvalidRequest { message, .. })
            if message.contains("`/_security/`") && message.contains("`/_security/role/%2E%2E`")),
        "{result:?}"
    );
}

#[wasm_bindgen_test]
async fn errors_do_not_show_userinfo() {
    let with_userinfo = server().replace("http://", "http://elastic:changeme@");
    let request = Request::get(format!("{with_userinfo}/echo"))
        .body(Vec::new())
        .unwrap();
    // fetch refuses URLs with credentials; the error names the URL without them.
    let error = WasmTransport::new().send(request).await.unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert!(!error.to_string().contains("changeme"), "{error}");
    assert!(error.to_string().contains(&url("/echo")), "{error}");
}

#[wasm_bindgen_test]
async fn credentials_mode_decides_whether_cookies_go_along() {
    let include = WasmTransport::new().fetch_credentials(RequestCredentials::Include);
    assert_eq!(include.credentials_mode(), RequestCredentials::Include);
    assert_eq!(
        WasmTransport::new().credentials_mode(),
        RequestCredentials::SameOrigin
    );

    // With `include`, the cross-origin answer's cookie is stored and sent back.
    let set = get("/cookie/set/wasm_include");
    send(&include, set).await;
    let echo_include = echo(&send(&include, get("/echo")).await);
    let cookies = received(&echo_include, "cookie").join("; ");
    assert!(cookies.contains("wasm_include=1"), "{echo_include}");

    // `omit` and `same-origin` (the server is another origin) send no cookie.
    for mode in [RequestCredentials::Omit, RequestCredentials::SameOrigin] {
        let transport = WasmTransport::new().fetch_credentials(mode);
        let echo = echo(&send(&transport, get("/echo")).await);
        assert!(received(&echo, "cookie").is_empty(), "{mode:?}: {echo}");
    }

    // With `omit`, a cookie the server sets is not stored either.
    let omit = WasmTransport::new().fetch_credentials(RequestCredentials::Omit);
    send(&omit, get("/cookie/set/wasm_omit")).await;
    let echo_include = echo(&send(&include, get("/echo")).await);
    let cookies = received(&echo_include, "cookie").join("; ");
    assert!(!cookies.contains("wasm_omit"), "{cookies}");
}

#[wasm_bindgen_test]
async fn security_client_connect_authenticates_end_to_end() {
    let client = SecurityClient::connect(server())
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    let me = client.authenticate().await.unwrap();
    assert_eq!(me.username, "elastic");
    assert_eq!(me.roles, ["superuser"]);
    assert!(me.enabled);
    assert_eq!(me.authentication_realm.name, "reserved");
    assert_eq!(me.authentication_realm.realm_type, "reserved");
    assert_eq!(me.authentication_type, "realm");
    assert_eq!(me.full_name, None);

    let me = client
        .authenticate()
        .credentials(Credentials::basic("jacknich", "l0ng-p@ss"))
        .await
        .unwrap();
    assert_eq!(me.username, "jacknich");
    assert_eq!(me.lookup_realm.realm_type, "native");
}

#[wasm_bindgen_test]
async fn security_client_errors_are_typed() {
    // No credentials: Elasticsearch's 401 becomes the typed API error.
    let client = SecurityClient::connect(server()).unwrap();
    let error = client.authenticate().await.unwrap_err();
    assert_eq!(error.status(), Some(401));
    let api = error.api().expect("an Elasticsearch error");
    assert_eq!(api.error_type.as_deref(), Some("security_exception"));

    // A cluster that does not allow the page's origin: the transport's network error.
    let client = SecurityClient::connect(url("/no-cors"))
        .unwrap()
        .with_credentials(Credentials::basic("elastic", "changeme"));
    let error = client.authenticate().await.unwrap_err();
    assert_eq!(
        error.transport_kind(),
        Some(security_client::TransportErrorKind::Network)
    );
    let security_client::Error::Transport(source) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert!(
        matches!(source.downcast_ref::<Error>(), Some(Error::Network { url: u, .. })
            if *u == url("/no-cors/_security/_authenticate")),
        "{source:?}"
    );

    // The per-request timeout of the client reaches the transport.
    let client = SecurityClient::connect(server()).unwrap();
    let error = client
        .raw_request(Method::GET, "/delay/10000")
        .options(RequestOptions {
            request_timeout: Some(Duration::from_millis(200)),
            ..RequestOptions::default()
        })
        .await
        .unwrap_err();
    assert!(error.is_timeout(), "{error:?}");
    let security_client::Error::Transport(source) = &error else {
        panic!("expected a transport error, got {error:?}");
    };
    assert!(
        matches!(source.downcast_ref::<Error>(), Some(Error::Timeout { .. })),
        "{source:?}"
    );

    assert!(SecurityClient::connect("ftp://example.com").is_err());
}
