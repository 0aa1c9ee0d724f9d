//! The browser transport of the Elasticsearch Security API client (being built: see README.md).
//!
//! It will implement [`security_core::Transport`] on the browser's `fetch` through `gloo-net`.
