//! The transport abstraction: one method, `http::Request` in, `http::Response` out.
//!
//! Futures are `Send` on native targets and need not be on `wasm32` (browsers are single-threaded
//! and their futures hold `JsValue`s): [`MaybeSend`] is `Send` on native and empty on wasm.

use crate::endpoint::Endpoint;
use crate::error::{Error, TransportError, TransportErrorKind};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// `Send` on native targets; nothing on `wasm32`.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSend: Send {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Send + ?Sized> MaybeSend for T {}

/// `Send` on native targets; nothing on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSend {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSend for T {}

/// `Sync` on native targets; nothing on `wasm32`.
#[cfg(not(target_arch = "wasm32"))]
pub trait MaybeSync: Sync {}
#[cfg(not(target_arch = "wasm32"))]
impl<T: Sync + ?Sized> MaybeSync for T {}

/// `Sync` on native targets; nothing on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub trait MaybeSync {}
#[cfg(target_arch = "wasm32")]
impl<T: ?Sized> MaybeSync for T {}

/// A boxed future: `Send` on native targets, not on `wasm32`.
#[cfg(not(target_arch = "wasm32"))]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;
/// A boxed future: `Send` on native targets, not on `wasm32`.
#[cfg(target_arch = "wasm32")]
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + 'a>>;

/// Sends an HTTP request and returns the answer. The one thing a transport does.
///
/// Implemented by the native (`reqwest`) and browser (`fetch`) transports, and by any closure
/// `Fn(http::Request<Vec<u8>>) -> impl Future<Output = Result<http::Response<Vec<u8>>, E>>`.
/// A transport should honour the [`RequestTimeout`](crate::RequestTimeout) extension.
///
/// # The contract
///
/// - **Every HTTP answer is `Ok(response)`**, whatever its status: 2xx, and also 3xx, 4xx and
///   5xx, with its headers and its whole body. The client reads Elasticsearch's errors (status,
///   `error.type`, `reason`, …) from those answers and turns them into
///   [`Error::Api`](crate::Error::Api); a 404 saying "does not exist" becomes `None` with
///   [`OptionalExt::optional`](crate::OptionalExt::optional). Many HTTP libraries turn a 4xx or
///   5xx into their own error by default (ureq's `http_status_as_error`, reqwest's
///   `error_for_status`): switch that off, or the caller gets an opaque transport error instead
///   of Elasticsearch's.
/// - **`Err` only when there is no answer**: the connection, TLS, a timeout, a broken
///   connection. [`error_kind`](Transport::error_kind) says which, if the transport can tell.
/// - Send the request as it is: method, URI, every header (`Authorization`, `Accept`,
///   `Content-Type`, …) and the body bytes. Do not follow redirects (an answer is an answer).
///
/// A transport over [ureq](https://docs.rs/ureq), a blocking HTTP library, is in the
/// repository's `examples/ureq-transport`.
///
/// ```
/// use security_core::Transport;
/// // A transport that answers every request itself: handy in tests.
/// let transport = |_req: http::Request<Vec<u8>>| async {
///     Ok::<_, std::io::Error>(http::Response::new(b"{}".to_vec()))
/// };
/// # fn is_transport<T: Transport>(_: &T) {}
/// # is_transport(&transport);
/// ```
pub trait Transport {
    /// The transport's error.
    type Error: Into<Box<dyn std::error::Error + Send + Sync>>;

    /// Sends one request.
    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, Self::Error>> + MaybeSend;

    /// What kind of failure `error` is, reported to users as
    /// [`TransportError::kind`](crate::TransportError::kind). The default says
    /// [`Other`](TransportErrorKind::Other), except for an [`std::io::Error`] or a
    /// [`TransportError`](crate::TransportError), whose kind is read.
    fn error_kind(error: &Self::Error) -> TransportErrorKind {
        let _ = error;
        TransportErrorKind::Other
    }
}

impl<F, Fut, E> Transport for F
where
    F: Fn(http::Request<Vec<u8>>) -> Fut,
    Fut: Future<Output = Result<http::Response<Vec<u8>>, E>> + MaybeSend,
    E: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    type Error = E;

    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, E>> + MaybeSend {
        self(request)
    }
}

/// A transport a client can use: a [`Transport`] that is `Send + Sync + 'static` on native
/// targets (only `'static` on wasm32, where nothing is sent across threads).
///
/// Implemented for every such transport; generic code writes this one bound instead of four:
///
/// ```
/// use security_core::ClientTransport;
/// fn is_usable<T: ClientTransport>(_: &T) {}
/// is_usable(&|_req: http::Request<Vec<u8>>| async {
///     Ok::<_, std::io::Error>(http::Response::new(b"{}".to_vec()))
/// });
/// ```
pub trait ClientTransport: Transport + MaybeSend + MaybeSync + 'static {}

impl<T: Transport + MaybeSend + MaybeSync + 'static> ClientTransport for T {}

/// Any error, boxed: what a [`TransportError`] holds.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// The object-safe form of [`Transport`], implemented for every transport that is `Send + Sync`
/// on native targets: `dyn DynTransport` is what [`BoxTransport`] holds.
pub trait DynTransport: MaybeSend + MaybeSync {
    /// Sends one request; the future is boxed and the error carries its kind.
    fn send_boxed(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>>;
}

impl<T> DynTransport for T
where
    T: Transport + MaybeSend + MaybeSync,
{
    fn send_boxed(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> BoxFuture<'_, Result<http::Response<Vec<u8>>, TransportError>> {
        let sending = self.send(request);
        Box::pin(async move {
            sending
                .await
                .map_err(|e| TransportError::new(T::error_kind(&e), e))
        })
    }
}

/// A transport chosen at run time: any [`Transport`] behind one type, cheap to clone.
///
/// `SecurityClient<BoxTransport>` is one client type whatever the transport (the native one,
/// a mock in tests, a closure), e.g. chosen from a configuration file. Each request costs one
/// extra allocation (the boxed future); error kinds are kept.
///
/// ```
/// use security_core::{BoxTransport, Transport};
/// let canned = |_req: http::Request<Vec<u8>>| async {
///     Ok::<_, std::io::Error>(http::Response::new(b"{}".to_vec()))
/// };
/// let transport: BoxTransport = BoxTransport::new(canned);
/// # fn is_transport<T: Transport + Clone>(_: &T) {}
/// # is_transport(&transport);
/// ```
#[derive(Clone)]
pub struct BoxTransport(Arc<dyn DynTransport>);

impl BoxTransport {
    /// Boxes `transport`.
    pub fn new<T: ClientTransport>(transport: T) -> Self {
        BoxTransport(Arc::new(transport))
    }
}

impl fmt::Debug for BoxTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BoxTransport").finish_non_exhaustive()
    }
}

impl Transport for BoxTransport {
    type Error = TransportError;

    fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, TransportError>> + MaybeSend {
        self.0.send_boxed(request)
    }

    fn error_kind(error: &TransportError) -> TransportErrorKind {
        error.kind()
    }
}

/// What a request builder is bound to so that `.await` sends it (the client implements it).
///
/// Endpoint types carry a context `C`: `()` for a plain sans-IO request, or a client, in which
/// case the request is [`IntoFuture`](std::future::IntoFuture). The client is held by value (a
/// cheap clone), so a bound request and its future are `'static`: they can be returned, stored
/// and spawned.
pub trait Executor {
    /// The future of one call.
    type Future<R: 'static>: Future<Output = Result<R, Error>>;

    /// Sends `endpoint` and decodes the answer.
    fn execute<E>(self, endpoint: E) -> Self::Future<E::Response>
    where
        E: Endpoint + MaybeSend + 'static,
        E::Response: MaybeSend + 'static;
}
