//! A browser console for Elasticsearch security administration, built on `security-client`
//! compiled to WebAssembly: connect, "who am I", create, list and invalidate API keys, and
//! check privileges.
//!
//! The page (`index.html`, `style.css`) is static; the wasm module (`app`, only on `wasm32`)
//! wires its forms to the client. Everything that can be decided without a browser lives in
//! plain Rust modules with native tests: reading the connect form ([`connect`]: stack or
//! serverless project), reading the forms into request bodies
//! ([`create_key`], [`key_list`], [`privileges`]), and turning answers and errors into text
//! ([`whoami`], [`messages`], [`text`]).
//!
//! Build and serve it with `scripts/demo.sh`; see `web-demo/README.md`.

pub mod connect;
pub mod create_key;
pub mod key_list;
pub mod messages;
pub mod privileges;
pub mod text;
pub mod whoami;

#[cfg(target_arch = "wasm32")]
mod app;

/// A form field that holds something the request cannot be built from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormError {
    /// The element id of the field (the page focuses it and marks it invalid).
    pub field: &'static str,
    /// What is wrong, in words for the person filling the form.
    pub message: String,
}

impl FormError {
    /// An error on `field`.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        FormError {
            field,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for FormError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for FormError {}

/// The allocator in the browser: talc's WebAssembly allocator, a drop-in for std's default
/// (dlmalloc) that takes less of the module (the page is single-threaded: no `atomics`).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
