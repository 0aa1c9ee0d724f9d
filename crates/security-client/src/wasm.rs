//! In the browser (`wasm32`): [`SecurityClient::connect`] over the `fetch` transport of
//! `transport-wasm`.

use crate::SecurityClient;
use security_core::InvalidBaseUrl;
pub use transport_wasm::{self, Error as WasmError, RequestCredentials, WasmTransport};

impl SecurityClient<WasmTransport> {
    /// A client for the cluster at `url` (e.g. `https://localhost:9200`) that sends with the
    /// browser's `fetch` ([`WasmTransport`] with its defaults: credentials mode `same-origin`,
    /// no timeout beyond each request's own).
    ///
    /// The cluster must allow the page's origin by CORS (`http.cors.*` settings), including the
    /// `Authorization`, `Content-Type` and `X-Opaque-Id` request headers. For another
    /// credentials mode or a default timeout, use
    /// `SecurityClient::new(url, WasmTransport::new().fetch_credentials(..))`.
    pub fn connect(url: impl AsRef<str>) -> Result<Self, InvalidBaseUrl> {
        SecurityClient::new(url, WasmTransport::new())
    }
}
