//! The escape hatch: raw answers of typed requests, and requests to any path with any JSON body.

use crate::encode::QueryWriter;
use crate::endpoint::{
    check_response, encode_body, BodyKind, Endpoint, EndpointSpec, RawBody, Repeatable,
    RequestOptions, RequestParts,
};
use crate::error::Error;
use crate::transport::{Executor, MaybeSend};
use crate::QueryValue;

/// The raw answer of a request: status, headers and body bytes.
///
/// Error statuses and the product check still give typed errors; only the decoding is skipped.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct RawResponse {
    /// The endpoint called (`raw` for [`RawRequest`]).
    pub endpoint: &'static str,
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: http::HeaderMap,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl RawResponse {
    /// Decodes the body as JSON into any type. A failure is an [`Error::Decode`] naming the
    /// endpoint and the JSON path where decoding failed, as typed answers do.
    ///
    /// ```
    /// # use security_core::{Error, RawResponse};
    /// # fn demo(answer: RawResponse) {
    /// #[derive(serde::Deserialize)]
    /// struct Page { total: u64 }
    /// match answer.json::<Page>() {
    ///     Ok(page) => println!("{} in all", page.total),
    ///     Err(Error::Decode { path, message, .. }) => eprintln!("at {path}: {message}"),
    ///     Err(e) => eprintln!("{e}"),
    /// }
    /// # }
    /// ```
    pub fn json<T: serde::de::DeserializeOwned>(&self) -> Result<T, Error> {
        crate::endpoint::decode_slice(&self.body).map_err(|(path, message)| Error::Decode {
            endpoint: self.endpoint,
            path,
            message,
            body: self.body.clone(),
        })
    }

    /// The texts of the `Warning` headers (deprecations), as [`Answer::warnings`](crate::Answer::warnings).
    pub fn warnings(&self) -> Vec<String> {
        crate::answer::warnings(&self.headers)
    }

    /// The body as text (lossy UTF-8).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn raw_response(
    endpoint: &'static str,
    response: http::Response<Vec<u8>>,
) -> Result<RawResponse, Error> {
    check_response(endpoint, &response)?;
    let (parts, body) = response.into_parts();
    Ok(RawResponse {
        endpoint,
        status: parts.status.as_u16(),
        headers: parts.headers,
        body,
    })
}

/// A typed request whose answer is returned raw (see `.raw()` on every request).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct Raw<C, E> {
    ctx: C,
    inner: E,
}

impl<C, E> Raw<C, E> {
    /// Wraps a plain request with its context.
    #[doc(hidden)]
    pub fn new(ctx: C, inner: E) -> Self {
        Raw { ctx, inner }
    }
}

impl<E: Endpoint> Endpoint for Raw<(), E> {
    type Response = RawResponse;
    const SPEC: &'static EndpointSpec = E::SPEC;

    fn request_parts(&self) -> Result<RequestParts, Error> {
        self.inner.request_parts()
    }

    fn options(&self) -> &RequestOptions {
        self.inner.options()
    }

    fn decode(response: http::Response<Vec<u8>>) -> Result<RawResponse, Error> {
        raw_response(E::SPEC.name, response)
    }

    fn repeatable(&self) -> bool {
        self.inner.repeatable()
    }
}

impl<C, E> std::future::IntoFuture for Raw<C, E>
where
    C: Executor,
    E: Endpoint + MaybeSend + 'static,
{
    type Output = Result<RawResponse, Error>;
    type IntoFuture = C::Future<RawResponse>;

    fn into_future(self) -> Self::IntoFuture {
        self.ctx.execute(Raw {
            ctx: (),
            inner: self.inner,
        })
    }
}

/// A request to any path with any JSON body, for what the typed endpoints do not cover.
///
/// The path is sent as given (it must start with `/`; encode dynamic segments with
/// [`encode`](crate::encode::encode)); query values are percent-encoded. `Debug` shows the body's
/// size, not its content.
///
/// Whether a transport may send it again (see [`Repeatable`]) is judged by its method (`POST`
/// and `PATCH` are not repeatable) unless set with [`RawRequest::repeatable`].
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct RawRequest<C = ()> {
    ctx: C,
    method: http::Method,
    path: String,
    query: QueryWriter,
    body: Option<RawBody>,
    options: RequestOptions,
    repeatable: Option<bool>,
}

const RAW_SPEC: &EndpointSpec = &EndpointSpec {
    name: "raw",
    routes: &[],
    query: &[],
    body: BodyKind::Optional,
    doc_url: "https://www.elastic.co/guide/en/elasticsearch/reference/8.14/rest-apis.html",
    availability: crate::version::Availability::ALWAYS,
    decode_check: crate::endpoint::decode_check::<RawRequest<()>>,
    repeatable: false,
};

impl RawRequest<()> {
    /// A request with a method and a path such as `/_security/_query/user`.
    pub fn new(method: http::Method, path: impl Into<String>) -> Self {
        RawRequest {
            ctx: (),
            method,
            path: path.into(),
            query: QueryWriter::new(),
            body: None,
            options: RequestOptions::default(),
            repeatable: None,
        }
    }
}

impl<C> RawRequest<C> {
    /// Binds the request to a context (a client).
    #[doc(hidden)]
    pub fn with_ctx<D>(self, ctx: D) -> RawRequest<D> {
        RawRequest {
            ctx,
            method: self.method,
            path: self.path,
            query: self.query,
            body: self.body,
            options: self.options,
            repeatable: self.repeatable,
        }
    }

    /// Adds a query parameter (the value is percent-encoded).
    pub fn query<V: QueryValue>(mut self, name: &str, value: V) -> Self {
        self.query.push(name, Some(&value));
        self
    }

    /// Sets the JSON body.
    pub fn body(mut self, body: serde_json::Value) -> Self {
        self.body = Some(RawBody(body));
        self
    }

    /// Says whether the request may be sent again after the server may have received it
    /// (default: by its method, `POST` and `PATCH` are not).
    pub fn repeatable(mut self, repeatable: bool) -> Self {
        self.repeatable = Some(repeatable);
        self
    }

    /// Adds a header to this request.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.options.headers.push((name.into(), value.into()));
        self
    }

    /// Sets `X-Opaque-Id`, to find this request in Elasticsearch's logs and tasks.
    pub fn opaque_id(mut self, value: impl Into<String>) -> Self {
        self.options.opaque_id = Some(value.into());
        self
    }

    /// Runs the request as another user (`es-security-runas-user`; needs `run_as` privileges).
    pub fn run_as(mut self, user: impl Into<String>) -> Self {
        self.options.run_as = Some(user.into());
        self
    }

    /// A timeout for this request, enforced by the transport (the
    /// [`RequestTimeout`](crate::RequestTimeout) extension).
    pub fn request_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.options.request_timeout = Some(timeout);
        self
    }

    /// Authenticates this request with other credentials than the client's.
    pub fn credentials(mut self, credentials: crate::Credentials) -> Self {
        self.options.credentials = Some(credentials);
        self
    }

    /// Replaces all per-request options at once.
    pub fn options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }
}

impl Endpoint for RawRequest<()> {
    type Response = RawResponse;
    const SPEC: &'static EndpointSpec = RAW_SPEC;

    fn request_parts(&self) -> Result<RequestParts, Error> {
        if !self.path.starts_with('/') || self.path.contains(['?', '#']) {
            return Err(Error::invalid(
                "raw",
                format!(
                    "the path {:?} must start with `/` and hold no `?` or `#`",
                    self.path
                ),
            ));
        }
        Ok(RequestParts {
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone().finish(),
            body: self
                .body
                .as_ref()
                .map(|b| encode_body("raw", b))
                .transpose()?,
        })
    }

    fn options(&self) -> &RequestOptions {
        &self.options
    }

    fn decode(response: http::Response<Vec<u8>>) -> Result<RawResponse, Error> {
        raw_response("raw", response)
    }

    fn repeatable(&self) -> bool {
        self.repeatable
            .unwrap_or_else(|| Repeatable::by_method(&self.method))
    }
}

impl<C: Executor> std::future::IntoFuture for RawRequest<C> {
    type Output = Result<RawResponse, Error>;
    type IntoFuture = C::Future<RawResponse>;

    fn into_future(self) -> Self::IntoFuture {
        let ctx = self.ctx;
        let plain = RawRequest {
            ctx: (),
            method: self.method,
            path: self.path,
            query: self.query,
            body: self.body,
            options: self.options,
            repeatable: self.repeatable,
        };
        ctx.execute(plain)
    }
}
