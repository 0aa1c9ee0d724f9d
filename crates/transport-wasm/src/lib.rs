//! The browser transport of the Elasticsearch Security API client: `security_core::Transport`
//! on the browser's `fetch`, through `gloo-net`.
//!
//! ```ignore
//! use transport_wasm::{RequestCredentials, WasmTransport};
//!
//! let transport = WasmTransport::new().fetch_credentials(RequestCredentials::Include);
//! let client = security_client::SecurityClient::new("https://es.example.com:9200", transport)?;
//! let me = client.authenticate().await?;
//! ```
//!
//! What it does with a request:
//! - the method, the URL, every header and the body bytes go to `fetch` as they are (header
//!   values byte for byte, as `fetch`'s byte strings); a `DELETE` may carry a body. The browser
//!   adds and controls some headers itself (`Origin`, `Cookie`, `Content-Length`, …: the
//!   "forbidden" request headers) and drops any the request sets.
//! - the `security_core::RequestTimeout` extension (or the transport's default,
//!   `WasmTransport::request_timeout`) aborts the request through an `AbortController`, while
//!   waiting for the answer and while reading its body: `Error::Timeout`.
//! - `WasmTransport::with_abort_signal` ties every request to an `AbortSignal` of the page:
//!   `Error::Aborted`. Dropping the future aborts the `fetch` as well.
//! - the credentials mode of `fetch` (`RequestCredentials`: `omit`, `same-origin`, the
//!   default, or `include`) decides whether cookies and TLS client certificates go along.
//! - any HTTP answer is a response, whatever its status (a 503 is an `Ok`); the client turns
//!   error statuses into typed Elasticsearch errors. Response headers are those the browser
//!   lets the page read: for a cross-origin cluster, the CORS-safelisted ones and those named
//!   by `Access-Control-Expose-Headers` (Elasticsearch's `http.cors.*` settings).
//! - a failed `fetch` is `Error::Network`: the server is unreachable or the browser blocked
//!   the answer (CORS, mixed content). Browsers do not tell a page which, on purpose.
//! - the answer's size: this transport sets no limit of its own, and the browser enforces none
//!   for a `fetch` body either (unlike the native transport's `max_answer_size`). The browser
//!   decompresses gzip/brotli answers itself, and the whole body is then copied into the wasm
//!   module's memory, which a wasm32 module can grow to at most 4 GiB (browsers often allow
//!   less); an answer that does not fit aborts the module with an out-of-memory trap rather
//!   than an `Error`. The request timeout (while the body is read) bounds an endless body in
//!   time. Keep answers small with `filter_path`, paging (`size`, `search_after`) and the
//!   streams.
//!
//! The crate is empty on native targets (everything here is `#[cfg(target_arch = "wasm32")]`
//! and its dependencies are wasm32-only), so a workspace build on a server compiles none of it;
//! `security-client` picks this transport by target for `SecurityClient::connect`. Its API is
//! documented for wasm32: `cargo doc -p transport-wasm --target wasm32-unknown-unknown` (docs.rs
//! builds it for that target).

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(target_arch = "wasm32")]
mod fetch;

#[cfg(target_arch = "wasm32")]
pub use fetch::{Error, WasmTransport};

/// The `fetch` credentials mode: whether cookies, HTTP authentication entries and TLS client
/// certificates go with a request (`omit`, `same-origin`, `include`).
#[cfg(target_arch = "wasm32")]
pub use web_sys::RequestCredentials;
