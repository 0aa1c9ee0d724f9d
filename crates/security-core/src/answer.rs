//! Typed answers with their status and headers, for the `Warning` headers (deprecations) and
//! anything else a caller wants from the HTTP answer: `.with_headers()` on any request.

use crate::endpoint::{Endpoint, EndpointSpec, RequestOptions, RequestParts};
use crate::error::Error;
use crate::transport::{Executor, MaybeSend};

/// A typed answer with the status and headers it came with (see `.with_headers()` on every
/// request). Requests without `.with_headers()` keep no headers: nothing is paid when unused.
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Answer<T> {
    /// The typed answer.
    pub value: T,
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: http::HeaderMap,
}

impl<T> Answer<T> {
    /// The texts of the answer's `Warning` headers: Elasticsearch's deprecation warnings
    /// (`299 Elasticsearch-<version> "<text>"`), in order. A header that is not in that form is
    /// given whole.
    pub fn warnings(&self) -> Vec<String> {
        warnings(&self.headers)
    }

    /// The typed answer alone.
    pub fn into_value(self) -> T {
        self.value
    }
}

/// The texts of the `Warning` headers of `headers` (see [`Answer::warnings`]).
pub fn warnings(headers: &http::HeaderMap) -> Vec<String> {
    headers
        .get_all(http::header::WARNING)
        .iter()
        .map(|value| warning_text(&String::from_utf8_lossy(value.as_bytes())))
        .collect()
}

/// `299 Elasticsearch-8.14.0-abc "text" "date"` → `text` (with `\"` and `\\` unescaped).
fn warning_text(value: &str) -> String {
    let Some(start) = value.find('"') else {
        return value.to_owned();
    };
    let mut text = String::new();
    let mut chars = value[start + 1..].chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => text.extend(chars.next()),
            '"' => return text,
            c => text.push(c),
        }
    }
    value.to_owned()
}

/// A typed request whose answer comes with its status and headers (see `.with_headers()` on
/// every request).
#[derive(Clone, Debug)]
#[must_use = "a request does nothing until it is sent"]
pub struct WithHeaders<C, E> {
    ctx: C,
    inner: E,
}

impl<C, E> WithHeaders<C, E> {
    #[doc(hidden)]
    /// Wraps a plain request with its context.
    pub fn new(ctx: C, inner: E) -> Self {
        WithHeaders { ctx, inner }
    }
}

impl<E: Endpoint> Endpoint for WithHeaders<(), E> {
    type Response = Answer<E::Response>;
    const SPEC: &'static EndpointSpec = E::SPEC;

    fn request_parts(&self) -> Result<RequestParts, Error> {
        self.inner.request_parts()
    }

    fn options(&self) -> &RequestOptions {
        self.inner.options()
    }

    fn decode(response: http::Response<Vec<u8>>) -> Result<Answer<E::Response>, Error> {
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        Ok(Answer {
            value: E::decode(response)?,
            status,
            headers,
        })
    }
}

impl<C, E> std::future::IntoFuture for WithHeaders<C, E>
where
    C: Executor,
    E: Endpoint + MaybeSend + 'static,
    E::Response: MaybeSend + 'static,
{
    type Output = Result<Answer<E::Response>, Error>;
    type IntoFuture = C::Future<Answer<E::Response>>;

    fn into_future(self) -> Self::IntoFuture {
        self.ctx.execute(WithHeaders {
            ctx: (),
            inner: self.inner,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warning_texts() {
        assert_eq!(
            warning_text(
                r#"299 Elasticsearch-8.14.0-abc "the [x] parameter is deprecated" "Mon, 01 Jan 2024 00:00:00 GMT""#
            ),
            "the [x] parameter is deprecated"
        );
        assert_eq!(
            warning_text(r#"299 Elasticsearch-8.14.0 "say \"hi\" \\ bye""#),
            r#"say "hi" \ bye"#
        );
        assert_eq!(warning_text("no quotes"), "no quotes");
        assert_eq!(
            warning_text(r#"299 x "unterminated"#),
            r#"299 x "unterminated"#
        );
    }
}
