//! `Transport` on `fetch`: request conversion, timeout and abort, response conversion, errors.

use gloo_net::http::Request as FetchRequest;
use gloo_timers::callback::Timeout;
use security_core::{RequestTimeout, Transport, TransportErrorKind};
use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{AbortController, AbortSignal, RequestCredentials, RequestInit, RequestMode};

/// The longest delay `setTimeout` takes (2³¹−1 ms, about 24.8 days); longer ones would fire at once.
const MAX_TIMER_MS: u32 = i32::MAX as u32;

/// A [`Transport`] on the browser's `fetch` (through `gloo-net`).
///
/// Cheap to clone; the default sends with the credentials mode `same-origin` and no timeout
/// beyond each request's [`RequestTimeout`].
#[derive(Clone, Debug)]
pub struct WasmTransport {
    credentials: RequestCredentials,
    timeout: Option<Duration>,
    abort_signal: Option<AbortSignal>,
}

impl Default for WasmTransport {
    fn default() -> Self {
        WasmTransport {
            credentials: RequestCredentials::SameOrigin,
            timeout: None,
            abort_signal: None,
        }
    }
}

impl WasmTransport {
    /// A transport with `fetch`'s defaults: credentials mode `same-origin`, no timeout.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the `fetch` credentials mode: `Omit` sends no cookies, `SameOrigin` (the default)
    /// sends them to the page's own origin only, `Include` also to a cross-origin cluster (which
    /// must then answer CORS with its exact origin and `Access-Control-Allow-Credentials: true`).
    ///
    /// Named apart from the client's `with_credentials(Credentials)`: this is `fetch`'s cookie
    /// mode, not the `Authorization` the client sends.
    pub fn fetch_credentials(mut self, credentials: RequestCredentials) -> Self {
        self.credentials = credentials;
        self
    }

    /// Sets a timeout for requests that carry no [`RequestTimeout`] of their own (a request's
    /// own, `.request_timeout(..)` on a client request, wins).
    pub fn request_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Aborts every request of this transport, in flight or to come, once `signal` fires
    /// (e.g. the signal of an `AbortController` that lives as long as a page component).
    pub fn with_abort_signal(mut self, signal: AbortSignal) -> Self {
        self.abort_signal = Some(signal);
        self
    }

    /// The `fetch` credentials mode.
    pub fn credentials_mode(&self) -> RequestCredentials {
        self.credentials
    }

    /// The timeout for requests without a [`RequestTimeout`].
    pub fn default_request_timeout(&self) -> Option<Duration> {
        self.timeout
    }

    async fn fetch(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let (parts, body) = request.into_parts();
        let target = Target::new(&parts);
        let timeout = parts
            .extensions
            .get::<RequestTimeout>()
            .map(|t| t.0)
            .or(self.timeout);

        let controller = AbortController::new().map_err(|e| target.invalid_request(&e))?;
        let raw = self.fetch_request(&parts, &body, &controller.signal(), &target)?;

        let in_flight = InFlight::start(controller, timeout, self.abort_signal.as_ref())
            .map_err(|e| target.invalid_request(&e))?;
        let answer = async {
            let response = FetchRequest::from(raw).send().await?;
            let body = response.binary().await?;
            Ok::<_, gloo_net::Error>((response, body))
        }
        .await;
        let ended = in_flight.finish();

        let (response, body) = answer.map_err(|error| match ended {
            Ended::TimedOut => Error::Timeout {
                method: target.method.clone(),
                url: target.url.clone(),
                timeout: timeout.unwrap_or_default(),
            },
            Ended::Aborted => Error::Aborted {
                method: target.method.clone(),
                url: target.url.clone(),
            },
            Ended::Normally => target.network(&error),
        })?;

        // Built in place rather than with `http::Response::builder()`, whose deferred
        // `Result` plumbing takes space in a browser bundle. The same checks in the same
        // order: a bad value fails at once, a bad status or name (the builder's errors) once
        // every value was read.
        let mut deferred: Option<String> = None;
        let mut answer = http::Response::new(body);
        match http::StatusCode::from_u16(response.status()) {
            Ok(status) => *answer.status_mut() = status,
            Err(e) => deferred = Some(e.to_string()),
        }
        for (name, value) in response.headers().entries() {
            let value = byte_string_to_bytes(&value).ok_or_else(|| {
                target.invalid_response(format!("header `{name}` is not a byte string"))
            })?;
            let value = http::HeaderValue::from_bytes(&value).map_err(|_| {
                target.invalid_response(format!("header `{name}` has an invalid value"))
            })?;
            if deferred.is_none() {
                let appended = match http::HeaderName::from_bytes(name.as_bytes()) {
                    Ok(name) => answer
                        .headers_mut()
                        .try_append(name, value)
                        .map(drop)
                        .map_err(|e| e.to_string()),
                    Err(e) => Err(e.to_string()),
                };
                deferred = appended.err();
            }
        }
        match deferred {
            Some(message) => Err(target.invalid_response(message)),
            None => Ok(answer),
        }
    }

    /// The `web_sys::Request` for `fetch`, refused if the browser would send another path or
    /// query than the one asked for (the URL parser removes `.`/`..` steps, `%2E` included).
    fn fetch_request(
        &self,
        parts: &http::request::Parts,
        body: &[u8],
        signal: &AbortSignal,
        target: &Target,
    ) -> Result<web_sys::Request, Error> {
        let headers = web_sys::Headers::new().map_err(|e| target.invalid_request(&e))?;
        for (name, value) in &parts.headers {
            headers
                .append(name.as_str(), &bytes_to_byte_string(value.as_bytes()))
                .map_err(|e| target.invalid_request(&e))?;
        }
        let init = RequestInit::new();
        init.set_method(parts.method.as_str());
        init.set_mode(RequestMode::Cors);
        init.set_credentials(self.credentials);
        init.set_headers(&headers);
        init.set_signal(Some(signal));
        if !body.is_empty() {
            init.set_body(&js_sys::Uint8Array::from(body));
        }
        let url = parts.uri.to_string();
        let raw = web_sys::Request::new_with_str_and_init(&url, &init)
            .map_err(|e| target.invalid_request(&e))?;

        let asked = parts.uri.path_and_query().map_or("/", |pq| pq.as_str());
        let sent = raw.url();
        let sent = path_and_query(&sent);
        if sent != asked {
            return Err(Error::InvalidRequest {
                method: target.method.clone(),
                url: target.url.clone(),
                message: format!(
                    "the browser would send the path and query `{sent}` instead of `{asked}`"
                ),
            });
        }
        Ok(raw)
    }
}

impl Transport for WasmTransport {
    type Error = Error;

    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, Error>> {
        self.fetch(request)
    }

    fn error_kind(error: &Error) -> TransportErrorKind {
        error.kind()
    }
}

impl Error {
    /// The kind of failure, as every transport reports it (what the client's
    /// `Error::transport_kind` gives). A failed `fetch` is
    /// [`Network`](TransportErrorKind::Network): the browser does not tell a refused connection
    /// from a CORS refusal.
    pub fn kind(&self) -> TransportErrorKind {
        match self {
            Error::Network { .. } => TransportErrorKind::Network,
            Error::Timeout { .. } => TransportErrorKind::Timeout,
            Error::Aborted { .. } => TransportErrorKind::Aborted,
            Error::InvalidRequest { .. } => TransportErrorKind::InvalidRequest,
            Error::InvalidResponse { .. } => TransportErrorKind::InvalidResponse,
        }
    }
}

/// What went wrong with a `fetch`.
///
/// Every variant names the method and the URL (without any `user:password@`); none carries a
/// header or a body, so an error never shows credentials.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// `fetch` failed without an HTTP answer: the server is unreachable, or the browser blocked
    /// the answer (CORS: the server does not allow this page's origin, method or headers; mixed
    /// content). Browsers do not tell a page which; their console does.
    #[error("network error on {method} {url} (server unreachable, or the answer blocked by the browser, e.g. by CORS): {message}")]
    Network {
        /// The request's method.
        method: http::Method,
        /// The request's URL.
        url: String,
        /// What the browser said (e.g. `TypeError: Failed to fetch`).
        message: String,
    },
    /// The request's [`RequestTimeout`] (or the transport's timeout) passed before the answer
    /// and its body arrived; the request was aborted.
    #[error("{method} {url} timed out after {timeout:?}")]
    Timeout {
        /// The request's method.
        method: http::Method,
        /// The request's URL.
        url: String,
        /// The timeout.
        timeout: Duration,
    },
    /// The transport's abort signal ([`WasmTransport::with_abort_signal`]) fired.
    #[error("{method} {url} was aborted")]
    Aborted {
        /// The request's method.
        method: http::Method,
        /// The request's URL.
        url: String,
    },
    /// The browser refused the request before sending it (e.g. a `GET` with a body, a URL
    /// that it would rewrite); nothing was sent.
    #[error("the browser cannot send {method} {url}: {message}")]
    InvalidRequest {
        /// The request's method.
        method: http::Method,
        /// The request's URL.
        url: String,
        /// Why.
        message: String,
    },
    /// The answer cannot be represented as an `http::Response` (a status outside 100–999, an
    /// invalid header).
    #[error("invalid answer to {method} {url}: {message}")]
    InvalidResponse {
        /// The request's method.
        method: http::Method,
        /// The request's URL.
        url: String,
        /// What is wrong.
        message: String,
    },
}

/// The method and URL that errors name.
struct Target {
    method: http::Method,
    /// The URL without `user:password@`.
    url: String,
    /// `user:password@` of the URL, if any: removed from the browser's messages too.
    userinfo: Option<String>,
}

impl Target {
    fn new(parts: &http::request::Parts) -> Self {
        let uri = &parts.uri;
        let userinfo = uri.authority().and_then(|authority| {
            let authority = authority.as_str();
            authority.rfind('@').map(|at| authority[..=at].to_owned())
        });
        let url = match &userinfo {
            Some(userinfo) => uri.to_string().replacen(userinfo.as_str(), "", 1),
            None => uri.to_string(),
        };
        Target {
            method: parts.method.clone(),
            url,
            userinfo,
        }
    }

    /// A message of the browser's, without the URL's `user:password@`.
    fn redact(&self, message: String) -> String {
        match &self.userinfo {
            Some(userinfo) => message.replace(userinfo.as_str(), ""),
            None => message,
        }
    }

    fn invalid_request(&self, error: &JsValue) -> Error {
        Error::InvalidRequest {
            method: self.method.clone(),
            url: self.url.clone(),
            message: self.redact(js_message(error)),
        }
    }

    fn invalid_response(&self, message: String) -> Error {
        Error::InvalidResponse {
            method: self.method.clone(),
            url: self.url.clone(),
            message,
        }
    }

    fn network(&self, error: &gloo_net::Error) -> Error {
        let message = match error {
            gloo_net::Error::JsError(e) => format!("{}: {}", e.name, e.message),
            other => other.to_string(),
        };
        Error::Network {
            method: self.method.clone(),
            url: self.url.clone(),
            message: self.redact(message),
        }
    }
}

/// How a request in flight ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ended {
    Normally,
    TimedOut,
    Aborted,
}

/// A request in flight: its `AbortController`, the timeout timer and the listener on the
/// transport's abort signal. Dropped unfinished (the future was dropped), it aborts the `fetch`.
struct InFlight {
    controller: AbortController,
    ended: Rc<Cell<Ended>>,
    timer: Option<Timeout>,
    listener: Option<(AbortSignal, Closure<dyn FnMut()>)>,
    finished: bool,
}

impl InFlight {
    fn start(
        controller: AbortController,
        timeout: Option<Duration>,
        signal: Option<&AbortSignal>,
    ) -> Result<Self, JsValue> {
        let ended = Rc::new(Cell::new(Ended::Normally));
        let mut in_flight = InFlight {
            controller,
            ended,
            timer: None,
            listener: None,
            finished: false,
        };
        if let Some(signal) = signal {
            let mut abort = in_flight.aborter(Ended::Aborted);
            if signal.aborted() {
                abort();
            } else {
                let closure = Closure::<dyn FnMut()>::new(abort);
                signal
                    .add_event_listener_with_callback("abort", closure.as_ref().unchecked_ref())?;
                in_flight.listener = Some((signal.clone(), closure));
            }
        }
        if let Some(timeout) = timeout {
            in_flight.timer = Some(Timeout::new(
                timer_millis(timeout),
                in_flight.aborter(Ended::TimedOut),
            ));
        }
        Ok(in_flight)
    }

    /// A callback that records why the request ended (first reason wins) and aborts it.
    fn aborter(&self, why: Ended) -> impl FnMut() + 'static {
        let controller = self.controller.clone();
        let ended = Rc::clone(&self.ended);
        move || {
            if ended.get() == Ended::Normally {
                ended.set(why);
            }
            controller.abort();
        }
    }

    /// Ends the request: clears the timer and the listener, and says whether it was aborted.
    fn finish(mut self) -> Ended {
        self.finished = true;
        self.ended.get()
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.timer.take();
        if let Some((signal, closure)) = self.listener.take() {
            // Nothing to do if the removal fails: the closure is freed and a later call of it
            // would only throw inside the signal's dispatch.
            let _ = signal
                .remove_event_listener_with_callback("abort", closure.as_ref().unchecked_ref());
        }
        if !self.finished {
            self.controller.abort();
        }
    }
}

/// A duration as `setTimeout` milliseconds, rounded up, at most [`MAX_TIMER_MS`].
fn timer_millis(timeout: Duration) -> u32 {
    let millis = timeout.as_nanos().div_ceil(1_000_000);
    u32::try_from(millis).map_or(MAX_TIMER_MS, |m| m.min(MAX_TIMER_MS))
}

/// Header bytes as a JavaScript byte string: each byte one character (U+0000–U+00FF), so that
/// `fetch` sends exactly these bytes, UTF-8 or not.
fn bytes_to_byte_string(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// A byte string from `fetch` back to bytes; `None` if a character is above U+00FF.
fn byte_string_to_bytes(value: &str) -> Option<Vec<u8>> {
    value.chars().map(|c| u8::try_from(c).ok()).collect()
}

/// The path and query of an absolute URL as the browser serializes it.
fn path_and_query(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(url, |i| &url[i + 3..]);
    let rest = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
    rest.split('#').next().unwrap_or(rest)
}

/// The message of a JavaScript exception (`name: message`), or its string form.
fn js_message(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(e) => format!("{}: {}", String::from(e.name()), String::from(e.message())),
        None => format!("{error:?}"),
    }
}
