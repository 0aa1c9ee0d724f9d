//! The transport abstraction: one method, `http::Request` in, `http::Response` out.
//!
//! Futures are `Send` on native targets and need not be on `wasm32` (browsers are single-threaded
//! and their futures hold `JsValue`s): [`MaybeSend`] is `Send` on native and empty on wasm.

use crate::endpoint::Endpoint;
use crate::error::Error;
use std::future::Future;
use std::pin::Pin;

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

/// What a request builder is bound to so that `.await` sends it (the client implements it).
///
/// Endpoint types carry a context `C`: `()` for a plain sans-IO request, or a client reference,
/// in which case the request is [`IntoFuture`](std::future::IntoFuture).
pub trait Executor {
    /// The future of one call.
    type Future<R: 'static>: Future<Output = Result<R, Error>>;

    /// Sends `endpoint` and decodes the answer.
    fn execute<E>(self, endpoint: E) -> Self::Future<E::Response>
    where
        E: Endpoint + MaybeSend + 'static,
        E::Response: MaybeSend + 'static;
}
