//! The endpoint abstraction: a typed request that becomes an `http::Request` and decodes an
//! `http::Response`, without doing any I/O.

use crate::auth::Credentials;
use crate::encode::{Names, PathValue, QueryWriter};
use crate::error::{ApiError, Error};
use crate::version::{Availability, ServerTarget};
use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use serde::de::DeserializeOwned;
use std::fmt;
use std::time::Duration;

/// The media type sent by default in `Accept` and `Content-Type` (see [`ServerTarget`]).
pub const COMPATIBLE_WITH_8: &str = "application/vnd.elasticsearch+json; compatible-with=8";

/// Whether an endpoint takes a body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BodyKind {
    /// No body.
    None,
    /// An optional body.
    Optional,
    /// A required body.
    Required,
}

/// The declaration of an endpoint: what the specification says about it.
#[derive(Debug)]
pub struct EndpointSpec {
    /// The spec name, e.g. `security.get_user`.
    pub name: &'static str,
    /// The routes, e.g. `"PUT|POST /_security/user/{username}"`, in the spec's order.
    pub routes: &'static [&'static str],
    /// The query parameters besides the common ones.
    pub query: &'static [&'static str],
    /// Whether a body is sent.
    pub body: BodyKind,
    /// The reference page: the 8.14 reference for the endpoints 8.14 has, the current API reference for newer ones.
    pub doc_url: &'static str,
    /// Which servers have the endpoint and its newer parameters.
    pub availability: Availability,
    /// Decodes an answer with the endpoint's typed decoder, dropping the result (for conformance
    /// tests that check documented answers of every endpoint).
    pub decode_check: fn(http::Response<Vec<u8>>) -> Result<(), Error>,
    /// Whether sending the request twice does what sending it once does. `false` for the
    /// endpoints that create credentials (`get_token`, `create_api_key`, …): a second attempt
    /// would create a second token or key. Requests carry it as the [`Repeatable`] extension,
    /// which transports read before sending an attempt again.
    pub repeatable: bool,
}

/// Decodes an answer with `E`'s typed decoder and drops the result.
pub fn decode_check<E: Endpoint>(response: http::Response<Vec<u8>>) -> Result<(), Error> {
    E::decode(response).map(drop)
}

impl EndpointSpec {
    /// The Python client's method name (the spec name without `security.`).
    pub fn method_name(&self) -> &'static str {
        self.name.strip_prefix("security.").unwrap_or(self.name)
    }
}

/// The parameters every endpoint takes: `error_trace`, `filter_path`, `human`, `pretty`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CommonParams {
    /// Include the stack trace of errors.
    pub error_trace: Option<bool>,
    /// Filters in dot notation that reduce the response.
    pub filter_path: Option<Names>,
    /// Human-readable values.
    pub human: Option<bool>,
    /// Pretty-printed JSON.
    pub pretty: Option<bool>,
}

impl CommonParams {
    /// Appends the set parameters to a query.
    pub fn write_query(&self, query: &mut QueryWriter) {
        query.push("error_trace", self.error_trace.as_ref());
        query.push("filter_path", self.filter_path.as_ref());
        query.push("human", self.human.as_ref());
        query.push("pretty", self.pretty.as_ref());
    }
}

/// Per-request options: extra headers, `X-Opaque-Id`, run-as, request timeout, credentials override.
#[derive(Clone, Default)]
pub struct RequestOptions {
    /// Extra headers, added last.
    pub headers: Vec<(String, String)>,
    /// `X-Opaque-Id`, to trace the request in Elasticsearch's logs and tasks.
    pub opaque_id: Option<String>,
    /// `es-security-runas-user`: run the request as this user.
    pub run_as: Option<String>,
    /// A timeout for this request, enforced by the transport (see [`RequestTimeout`]). Not an
    /// Elasticsearch parameter: endpoints that take a `timeout` query parameter keep it apart.
    pub request_timeout: Option<Duration>,
    /// Credentials for this request instead of the client's.
    pub credentials: Option<Credentials>,
    /// **Elastic-internal.** On a serverless target, send this request even when its endpoint
    /// is private to Elastic (see [`ServerTarget::elastic_internal`]).
    pub elastic_internal: bool,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Header values may carry secrets: show names only.
        let names: Vec<&str> = self.headers.iter().map(|(n, _)| n.as_str()).collect();
        f.debug_struct("RequestOptions")
            .field("headers", &names)
            .field("opaque_id", &self.opaque_id)
            .field("run_as", &self.run_as)
            .field("request_timeout", &self.request_timeout)
            .field("credentials", &self.credentials)
            .field("elastic_internal", &self.elastic_internal)
            .finish()
    }
}

/// The per-request timeout, put into the `http::Request`'s extensions for transports to honour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestTimeout(pub Duration);

/// Whether a request may be sent again after the server may have received it: an extension of
/// every `http::Request` an [`Endpoint`] builds, from the endpoint's declaration
/// ([`EndpointSpec::repeatable`]; for [`RawRequest`](crate::RawRequest), its method).
///
/// Transports that retry read it instead of guessing from the URL (which may carry a proxy's
/// path prefix). A request without it is judged by its method: `POST` and `PATCH` are not
/// repeatable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Repeatable(pub bool);

impl Repeatable {
    /// The mark of a request, or the judgement by method when it has none.
    pub fn of<B>(request: &http::Request<B>) -> bool {
        match request.extensions().get::<Repeatable>() {
            Some(Repeatable(repeatable)) => *repeatable,
            None => Repeatable::by_method(request.method()),
        }
    }

    /// Whether a request of this method is repeatable when nothing else is known: every
    /// method but `POST` and `PATCH`.
    pub fn by_method(method: &http::Method) -> bool {
        *method != http::Method::POST && *method != http::Method::PATCH
    }
}

/// A JSON body given as a `serde_json::Value` (`.raw_body(..)`, `RawRequest::body`): sent as
/// is, shown by `Debug` as its size only (it may hold passwords).
#[derive(Clone, PartialEq)]
pub struct RawBody(pub serde_json::Value);

impl fmt::Debug for RawBody {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut counter = ByteCounter(0);
        // Writing into a counter cannot fail for a `Value`.
        let _ = serde_json::to_writer(&mut counter, &self.0);
        write!(f, "RawBody(<{} bytes of JSON>)", counter.0)
    }
}

impl serde::Serialize for RawBody {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

struct ByteCounter(usize);

impl std::io::Write for ByteCounter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 = self.0.saturating_add(buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// An Elasticsearch base URL such as `https://localhost:9200` or `https://proxy/es`.
#[derive(Clone)]
pub struct BaseUrl {
    /// The URL as given, without a trailing `/`.
    url: String,
    /// Its scheme and authority, parsed once: a request's URI is these two and the request's
    /// own path and query (only that part is parsed per request).
    scheme: http::uri::Scheme,
    authority: http::uri::Authority,
    /// Where the path prefix starts in `url` (`/es` of `https://proxy/es`; empty without one).
    prefix: usize,
}

impl PartialEq for BaseUrl {
    fn eq(&self, other: &Self) -> bool {
        self.url == other.url
    }
}

impl Eq for BaseUrl {}

impl std::fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("BaseUrl").field(&self.url).finish()
    }
}

impl BaseUrl {
    /// Checks and normalizes a base URL: `http` or `https`, a host, a port from 1 to 65535 if
    /// any, no user information (credentials go through [`Credentials`]), no query or
    /// fragment; a trailing `/` is removed.
    ///
    /// Errors show the URL with any user information replaced by `[redacted]`.
    pub fn parse(url: &str) -> Result<Self, InvalidBaseUrl> {
        let bad = |why: &str| InvalidBaseUrl(format!("{:?}: {why}", redact_userinfo(url)));
        let uri: http::Uri = url.parse().map_err(|_| bad("not a valid URL"))?;
        match uri.scheme_str() {
            Some("http") | Some("https") => {}
            _ => return Err(bad("the scheme must be http or https")),
        }
        let authority = uri.authority().map_or("", |a| a.as_str());
        if authority.contains('@') {
            return Err(bad(
                "user information in the URL is not supported: give credentials with `Credentials`",
            ));
        }
        if uri.host().is_none_or(str::is_empty) {
            return Err(bad("no host"));
        }
        // `http::Uri` keeps any digits after the host's `:`; `port_u16` is `None` beyond u16.
        let port_text = match authority.rsplit_once(':') {
            // Not the inside of an IPv6 literal (`[::1]`).
            Some((_, port)) if !port.contains(']') => Some(port),
            _ => None,
        };
        if let Some(port) = port_text {
            if port.is_empty()
                || !port.bytes().all(|b| b.is_ascii_digit())
                || uri.port_u16().is_none_or(|p| p == 0)
            {
                return Err(bad("the port must be a number from 1 to 65535"));
            }
        }
        if uri.query().is_some() || url.contains('#') {
            return Err(bad("a base URL cannot have a query or fragment"));
        }
        let (Some(scheme), Some(authority)) = (uri.scheme(), uri.authority()) else {
            return Err(bad("not a valid URL"));
        };
        let url = url.trim_end_matches('/').to_owned();
        // The authority ends at the first `/` after `://` (no query or fragment here).
        let after_scheme = url.find("://").map_or(0, |i| i + 3);
        let prefix = url[after_scheme..]
            .find('/')
            .map_or(url.len(), |slash| after_scheme + slash);
        Ok(BaseUrl {
            scheme: scheme.clone(),
            authority: authority.clone(),
            prefix,
            url,
        })
    }

    /// The URL, without a trailing `/`.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The URI of `path` (which starts with `/`) and `query` (empty, or starting with `?`)
    /// under this base URL: the same URI as parsing the joined text, with only the path and
    /// query parsed.
    pub(crate) fn uri(&self, path: &str, query: &str) -> Result<http::Uri, String> {
        let prefix = &self.url[self.prefix..];
        let mut path_and_query = String::with_capacity(prefix.len() + path.len() + query.len());
        path_and_query.push_str(prefix);
        path_and_query.push_str(path);
        path_and_query.push_str(query);
        let mut parts = http::uri::Parts::default();
        parts.scheme = Some(self.scheme.clone());
        parts.authority = Some(self.authority.clone());
        parts.path_and_query =
            Some(http::uri::PathAndQuery::try_from(path_and_query).map_err(|e| e.to_string())?);
        http::Uri::from_parts(parts).map_err(|e| e.to_string())
    }
}

impl std::str::FromStr for BaseUrl {
    type Err = InvalidBaseUrl;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BaseUrl::parse(s)
    }
}

/// A base URL that cannot be used.
#[derive(Clone, Debug, thiserror::Error)]
#[error("invalid Elasticsearch URL {}", crate::error::Clip(.0))]
pub struct InvalidBaseUrl(String);

/// `url` with the user information of its authority (`user:password@`) replaced by
/// `[redacted]`. The authority ends at the first `/`, `?` or `#` after `://`, and the user
/// information at the last `@` in it (a password may hold `@`).
pub fn redact_userinfo(url: &str) -> std::borrow::Cow<'_, str> {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return std::borrow::Cow::Borrowed(url);
    };
    let rest = &url[scheme_end..];
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    match rest[..authority_end].rfind('@') {
        Some(at) => {
            std::borrow::Cow::Owned(format!("{}[redacted]{}", &url[..scheme_end], &rest[at..]))
        }
        None => std::borrow::Cow::Borrowed(url),
    }
}

/// The method, path and query of a request, and its body: what an endpoint puts on the wire.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestParts {
    /// The HTTP method.
    pub method: http::Method,
    /// The percent-encoded path, starting with `/`.
    pub path: String,
    /// The query string with its leading `?`, or empty.
    pub query: String,
    /// The JSON body, if one is sent.
    pub body: Option<Vec<u8>>,
}

/// A typed request of the Security API.
///
/// Implemented by every endpoint type; the client and the transports only use this trait.
pub trait Endpoint {
    /// The typed response.
    type Response;

    /// What the specification says about this endpoint.
    const SPEC: &'static EndpointSpec;

    /// Method, path, query and body.
    fn request_parts(&self) -> Result<RequestParts, Error>;

    /// Per-request options.
    fn options(&self) -> &RequestOptions;

    /// Decodes an answer into the typed response or a typed error.
    fn decode(response: http::Response<Vec<u8>>) -> Result<Self::Response, Error>;

    /// Whether this request may be sent again after the server may have received it (see
    /// [`Repeatable`]): the endpoint's declaration by default.
    fn repeatable(&self) -> bool {
        Self::SPEC.repeatable
    }

    /// Builds the complete `http::Request` for `base_url`, with `credentials` unless the request
    /// overrides them, for the default [`ServerTarget`] (`compatible-with=8`, version not known).
    fn to_http_request(
        &self,
        base_url: &BaseUrl,
        credentials: Option<&Credentials>,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        self.to_http_request_for(base_url, credentials, &ServerTarget::default())
    }

    /// Builds the complete `http::Request` for a [`ServerTarget`]: its media types, and, when
    /// the server's version is known, [`Error::NeedsNewerServer`] instead of a request the
    /// server is too old for.
    fn to_http_request_for(
        &self,
        base_url: &BaseUrl,
        credentials: Option<&Credentials>,
        target: &ServerTarget,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        let parts = self.request_parts()?;
        let target = &target
            .elastic_internal(target.allows_elastic_internal() || self.options().elastic_internal);
        target.check(Self::SPEC, &parts)?;
        let mut request = build_http_request(
            Self::SPEC.name,
            parts,
            self.options(),
            base_url,
            credentials,
            target,
        )?;
        request
            .extensions_mut()
            .insert(Repeatable(self.repeatable()));
        Ok(request)
    }

    /// Decodes an answer of a server of `target`: when its version is not known, a refusal of
    /// a route or parameter newer than the oldest supported server becomes
    /// [`Error::NeedsNewerServer`] (see [`ServerTarget::explain_refusal`]).
    fn decode_for(
        target: &ServerTarget,
        response: http::Response<Vec<u8>>,
    ) -> Result<Self::Response, Error> {
        Self::decode(response).map_err(|e| target.explain_refusal(Self::SPEC, e))
    }
}

/// Picks the route for the present path parameters and renders it.
///
/// The route with the most parameters whose parameters are all present wins (the official
/// clients' rule); a present parameter with an empty value is an error. The method is the
/// one the official clients use: `POST` where `GET|POST` is allowed and a body is sent, else the
/// first one the spec lists (`PUT` for `PUT|POST`, `POST` for clone_api_key's `POST|PUT`).
pub fn render_route<'a>(
    spec: &'static EndpointSpec,
    has_body: bool,
    param: impl Fn(&str) -> Option<PathValue<'a>>,
) -> Result<(http::Method, String), Error> {
    let mut best: Option<(&str, usize)> = None;
    'routes: for route in spec.routes {
        let (_, template) = split_route(route);
        let mut count = 0;
        for name in template_params(template) {
            match param(name) {
                Some(value) if value.is_empty() => {
                    return Err(Error::invalid(
                        spec.name,
                        format!("path parameter `{name}` must not be empty"),
                    ))
                }
                Some(value) if value.is_dot_segment() => {
                    return Err(Error::invalid(
                        spec.name,
                        format!(
                            "path parameter `{name}` cannot be `.` or `..`: HTTP stacks resolve it as a relative path step"
                        ),
                    ))
                }
                Some(_) => count += 1,
                None => continue 'routes,
            }
        }
        if best.is_none_or(|(_, n)| count > n) {
            best = Some((route, count));
        }
    }
    let Some((route, _)) = best else {
        return Err(Error::invalid(
            spec.name,
            "a required path parameter is missing",
        ));
    };
    let (methods, template) = split_route(route);
    // A parameter that is set but has no place in the chosen route would be silently dropped:
    // refuse it, naming what it needs (e.g. a privilege `name` needs its `application`). With
    // one route, every parameter has its place.
    if spec.routes.len() > 1 {
        for other in spec.routes {
            let (_, other) = split_route(other);
            for name in template_params(other) {
                if param(name).is_some() && !template_params(template).any(|n| n == name) {
                    let needs: Vec<String> = template_params(other)
                        .filter(|n| param(n).is_none())
                        .map(|n| format!("`{n}`"))
                        .collect();
                    return Err(Error::invalid(
                        spec.name,
                        format!("path parameter `{name}` needs {}", needs.join(" and ")),
                    ));
                }
            }
        }
    }
    let method = pick_method(methods, has_body);
    let mut path = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(start) = find_byte(rest, b'{') {
        path.push_str(&rest[..start]);
        let end = find_byte(&rest[start..], b'}').map_or(rest.len(), |e| start + e);
        if let Some(value) = param(&rest[start + 1..end]) {
            value.write(&mut path);
        }
        rest = &rest[(end + 1).min(rest.len())..];
    }
    path.push_str(rest);
    Ok((method, path))
}

/// The position of an ASCII byte. Route templates are a few dozen bytes: a plain loop is
/// cheaper there than `str::find`'s searcher set-up.
fn find_byte(text: &str, byte: u8) -> Option<usize> {
    text.bytes().position(|b| b == byte)
}

/// A spec route's methods and path template: `"GET|POST /_security/user/{username}"`; a route
/// without methods is a `GET`.
fn split_route(route: &str) -> (&str, &str) {
    match find_byte(route, b' ') {
        Some(space) => (&route[..space], &route[space + 1..]),
        None => ("GET", route),
    }
}

/// The names between `{` and `}` in a path template.
fn template_params(template: &str) -> impl Iterator<Item = &str> {
    let mut rest = template;
    std::iter::from_fn(move || loop {
        let start = find_byte(rest, b'{')?;
        rest = &rest[start + 1..];
        // A name ends at the first `}` before any other `{`.
        match rest.bytes().position(|b| b == b'}' || b == b'{') {
            Some(end) if rest.as_bytes()[end] == b'}' => {
                let name = &rest[..end];
                rest = &rest[end + 1..];
                return Some(name);
            }
            _ => continue,
        }
    })
}

fn pick_method(methods: &str, has_body: bool) -> http::Method {
    let has = |m: &str| methods.split('|').any(|x| x == m);
    if has_body && has("POST") && has("GET") {
        http::Method::POST
    } else {
        let first = find_byte(methods, b'|').map_or(methods, |bar| &methods[..bar]);
        match first {
            "POST" => http::Method::POST,
            "PUT" => http::Method::PUT,
            "DELETE" => http::Method::DELETE,
            "HEAD" => http::Method::HEAD,
            _ => http::Method::GET,
        }
    }
}

/// Assembles the `http::Request`: URI, `Accept` and `Content-Type` (only with a body) of the
/// target, `Authorization` (sensitive), `X-Opaque-Id`, `es-security-runas-user`, extra headers,
/// and the timeout as a [`RequestTimeout`] extension.
///
/// A per-request header replaces the defaults of the same name (`Accept`, `Content-Type`, the
/// credentials' `Authorization`, `X-Opaque-Id`, …); giving one name several times sends every
/// value. An `Authorization` header set this way is sent alone, instead of the credentials,
/// and marked sensitive (`.credentials(..)` is the typed way to do the same).
///
/// Header values must be printable ASCII: Elasticsearch documents no encoding for other
/// characters in headers (servers read such bytes as Latin-1), so a value such as
/// `run_as("jöe")` is refused with [`Error::InvalidRequest`] instead of reaching the server as
/// another name.
pub fn build_http_request(
    endpoint: &'static str,
    parts: RequestParts,
    options: &RequestOptions,
    base_url: &BaseUrl,
    credentials: Option<&Credentials>,
    target: &ServerTarget,
) -> Result<http::Request<Vec<u8>>, Error> {
    let uri = base_url
        .uri(&parts.path, &parts.query)
        .map_err(|e| Error::invalid(endpoint, e))?;
    let has_body = parts.body.is_some();
    let mut request = http::Request::new(parts.body.unwrap_or_default());
    *request.method_mut() = parts.method;
    *request.uri_mut() = uri;
    let headers = request.headers_mut();
    target.content_headers(headers, has_body);
    if let Some(credentials) = options.credentials.as_ref().or(credentials) {
        let value = credentials
            .header_value()
            .map_err(|e| Error::invalid(endpoint, e.to_string()))?;
        headers.insert(AUTHORIZATION, value);
    }
    if let Some(id) = &options.opaque_id {
        let (n, v) = header(endpoint, "x-opaque-id", id)?;
        headers.insert(n, v);
    }
    if let Some(user) = &options.run_as {
        let (n, v) = header(endpoint, "es-security-runas-user", user)?;
        headers.insert(n, v);
    }
    // The first per-request value of a name replaces the defaults; later ones add to it.
    let mut own: Vec<HeaderName> = Vec::new();
    for (name, value) in &options.headers {
        let (n, mut v) = header(endpoint, name, value)?;
        if n == AUTHORIZATION || n == http::header::PROXY_AUTHORIZATION {
            v.set_sensitive(true);
        }
        if own.contains(&n) {
            headers.append(n, v);
        } else {
            own.push(n.clone());
            headers.insert(n, v);
        }
    }
    if let Some(timeout) = options.request_timeout {
        request.extensions_mut().insert(RequestTimeout(timeout));
    }
    Ok(request)
}

/// A header name and value, checked: a valid name, a value of printable ASCII (and tabs).
fn header(
    endpoint: &'static str,
    name: &str,
    value: &str,
) -> Result<(HeaderName, HeaderValue), Error> {
    let n = HeaderName::try_from(name)
        .map_err(|_| Error::invalid(endpoint, format!("`{name}` is not a valid header name")))?;
    if !value
        .bytes()
        .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
    {
        return Err(Error::invalid(
            endpoint,
            format!(
                "the value of header `{name}` must be printable ASCII: Elasticsearch documents \
                 no encoding for other characters in headers"
            ),
        ));
    }
    let v = HeaderValue::try_from(value).map_err(|_| {
        Error::invalid(
            endpoint,
            format!("the value of header `{name}` is not valid"),
        )
    })?;
    Ok((n, v))
}

/// Checks an answer: a non-2xx status becomes [`Error::Api`], a 2xx without the product header
/// becomes [`Error::UnsupportedProduct`].
pub fn check_response(
    endpoint: &'static str,
    response: &http::Response<Vec<u8>>,
) -> Result<(), Error> {
    let status = response.status();
    if !status.is_success() {
        return Err(Error::Api(Box::new(ApiError::from_parts(
            endpoint,
            status.as_u16(),
            response.body().clone(),
        ))));
    }
    // A constant name: a `&str` would be parsed as a header name on every answer.
    const X_ELASTIC_PRODUCT: HeaderName = HeaderName::from_static("x-elastic-product");
    let product = response.headers().get(&X_ELASTIC_PRODUCT);
    if product.is_none_or(|v| v.as_bytes() != b"Elasticsearch") {
        return Err(Error::UnsupportedProduct {
            endpoint,
            status: status.as_u16(),
        });
    }
    Ok(())
}

/// Checks an answer and decodes its JSON body; a decode error names the JSON path that failed.
pub fn decode_json<T: DeserializeOwned>(
    endpoint: &'static str,
    response: http::Response<Vec<u8>>,
) -> Result<T, Error> {
    check_response(endpoint, &response)?;
    let body = response.into_body();
    decode_slice(&body).map_err(|(path, message)| Error::Decode {
        endpoint,
        path,
        message,
        body,
    })
}

/// Decodes at full speed; only when that fails, finds the JSON path where it failed, so the
/// error can say where (path tracking halves the speed of a successful decode).
pub(crate) fn decode_slice<T: DeserializeOwned>(body: &[u8]) -> Result<T, (String, String)> {
    serde_json::from_slice(body).map_err(|fast| locate_error::<T>(body, fast))
}

/// On servers: decodes again while tracking the JSON path (`serde_path_to_error`).
#[cfg(not(target_arch = "wasm32"))]
fn locate_error<T: DeserializeOwned>(body: &[u8], fast: serde_json::Error) -> (String, String) {
    let mut de = serde_json::Deserializer::from_slice(body);
    let tracked: Result<T, _> = serde_path_to_error::deserialize(&mut de);
    match tracked {
        Err(e) => (e.path().to_string(), e.into_inner().to_string()),
        // Trailing characters after a valid value: the root is at fault.
        Ok(_) => (".".to_owned(), fast.to_string()),
    }
}

/// In the browser: the path at the position serde_json reported, without a second copy of
/// every decoder in the bundle (see [`crate::json_path`]).
/// `T` is unused here: the caller is the same on both targets.
#[cfg(target_arch = "wasm32")]
#[allow(clippy::extra_unused_type_parameters)]
fn locate_error<T>(body: &[u8], fast: serde_json::Error) -> (String, String) {
    (
        crate::json_path::path_of_error(body, &fast),
        fast.to_string(),
    )
}

/// Serializes a request body.
pub fn encode_body<B: serde::Serialize + ?Sized>(
    endpoint: &'static str,
    body: &B,
) -> Result<Vec<u8>, Error> {
    serde_json::to_vec(body)
        .map_err(|e| Error::invalid(endpoint, format!("cannot serialize the body: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PRIVILEGES: &EndpointSpec = &EndpointSpec {
        name: "test.get_privileges",
        routes: &[
            "GET /_security/privilege",
            "GET /_security/privilege/{application}",
            "GET /_security/privilege/{application}/{name}",
        ],
        query: &[],
        body: BodyKind::None,
        doc_url: "",
        availability: Availability::ALWAYS,
        decode_check: decode_check::<crate::RawRequest>,
        repeatable: true,
    };

    fn route<'a>(
        spec: &'static EndpointSpec,
        body: bool,
        params: &'a [(&'a str, &'a str)],
    ) -> Result<(http::Method, String), Error> {
        render_route(spec, body, |name| {
            params
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| PathValue::One(v))
        })
    }

    #[test]
    fn the_route_with_the_most_present_parameters_wins() {
        assert_eq!(
            route(PRIVILEGES, false, &[]).unwrap().1,
            "/_security/privilege"
        );
        assert_eq!(
            route(PRIVILEGES, false, &[("application", "my app")])
                .unwrap()
                .1,
            "/_security/privilege/my%20app"
        );
        assert_eq!(
            route(
                PRIVILEGES,
                false,
                &[("name", "read"), ("application", "app")]
            )
            .unwrap()
            .1,
            "/_security/privilege/app/read"
        );
    }

    #[test]
    fn a_parameter_without_a_route_is_refused_not_dropped() {
        let err = route(PRIVILEGES, false, &[("name", "read")]).unwrap_err();
        assert!(
            err.to_string().contains("`name` needs `application`"),
            "{err}"
        );
    }

    #[test]
    fn methods_follow_the_official_clients() {
        assert_eq!(pick_method("PUT|POST", true), http::Method::PUT);
        assert_eq!(pick_method("POST|PUT", true), http::Method::POST);
        assert_eq!(pick_method("GET|POST", true), http::Method::POST);
        assert_eq!(pick_method("GET|POST", false), http::Method::GET);
        assert_eq!(pick_method("POST", true), http::Method::POST);
        assert_eq!(pick_method("DELETE", true), http::Method::DELETE);
        assert_eq!(pick_method("GET", false), http::Method::GET);
    }

    #[test]
    fn base_urls_are_checked() {
        assert_eq!(
            BaseUrl::parse("https://h:9200/").unwrap().as_str(),
            "https://h:9200"
        );
        assert_eq!(
            BaseUrl::parse("http://h/es/").unwrap().as_str(),
            "http://h/es"
        );
        for bad in [
            "",
            "h:9200",
            "ftp://h",
            "http://h?x=1",
            "http://h#f",
            "http://",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }

    /// A request's URI built from the base's parsed scheme and authority is the URI of the
    /// joined text, for every shape of base URL and of path and query.
    #[test]
    fn request_uris_equal_the_parse_of_the_joined_text() {
        let bases = [
            "http://localhost:9200",
            "https://ES.example.com",
            "https://proxy.example.com:8443/es/",
            "http://h/a/b//",
            "http://[::1]:9200",
            "https://[fe80::1%25eth0]/x",
            "http://127.0.0.1:1",
        ];
        let paths = [
            ("/", ""),
            ("/_security/_authenticate", ""),
            ("/_security/user/j%C3%B6e", "?refresh=wait_for"),
            ("/_security/role/a%2Cb", "?x=%20&y=1,2"),
            ("/_security/api_key", "?name=*&with_limited_by=true"),
            ("/_security/user/%2E%2E", "?q=%3F%23"),
        ];
        for base in bases {
            let base = BaseUrl::parse(base).unwrap();
            for (path, query) in paths {
                let joined: http::Uri = format!("{}{path}{query}", base.as_str()).parse().unwrap();
                let built = base.uri(path, query).unwrap();
                assert_eq!(built, joined, "{base:?} {path}{query}");
                assert_eq!(built.to_string(), joined.to_string());
                assert_eq!(built.path(), joined.path());
                assert_eq!(built.query(), joined.query());
                assert_eq!(built.authority(), joined.authority());
            }
        }
        // What the joined text refuses, the built URI refuses; what it takes, it takes alike.
        let base = BaseUrl::parse("http://h/es").unwrap();
        let mut refused = 0;
        for (path, query) in [
            ("/a b", ""),
            ("/a", "?b c"),
            ("/a", "?b\\"),
            ("/\u{e9}", ""),
            ("/a\"b", ""),
            ("/a{b}", "?c|d"),
        ] {
            let joined = format!("http://h/es{path}{query}").parse::<http::Uri>();
            let built = base.uri(path, query);
            match (&joined, &built) {
                (Ok(joined), Ok(built)) => assert_eq!(joined, built),
                (Err(_), Err(_)) => refused += 1,
                _ => panic!("{path}{query}: joined {joined:?}, built {built:?}"),
            }
        }
        assert!(refused >= 2, "the refusals were checked");
        assert_eq!(
            format!("{base:?}"),
            "BaseUrl(\"http://h/es\")",
            "Debug shows the URL as before"
        );
        assert_eq!(base, BaseUrl::parse("http://h/es/").unwrap());
    }

    /// The byte-level template reading finds what `split('{')` / `split_once('}')` found.
    #[test]
    fn template_params_read_names_between_braces() {
        fn by_split(template: &str) -> Vec<&str> {
            template
                .split('{')
                .skip(1)
                .filter_map(|part| part.split_once('}').map(|(name, _)| name))
                .collect()
        }
        for template in [
            "/_security/_authenticate",
            "/_security/user/{username}",
            "/_security/privilege/{application}/{name}",
            "/_security/api_key/{ids}/_clear_cache",
            "/{a}{b}/{}/x",
            "/a/{b/{c}/d",
            "/a/{b",
            "/a/}b{c}",
            "{",
            "}",
            "",
        ] {
            assert_eq!(
                template_params(template).collect::<Vec<_>>(),
                by_split(template),
                "{template}"
            );
        }
        assert_eq!(split_route("GET|POST /x/{y}"), ("GET|POST", "/x/{y}"));
        assert_eq!(split_route("/x"), ("GET", "/x"));
    }
}
