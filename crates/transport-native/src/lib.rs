//! The native transport of the Elasticsearch Security API client (being built: see README.md).
//!
//! It will implement [`security_core::Transport`] on `reqwest` with rustls. Until then, any closure
//! or type implementing the trait can be used with `security-client`.
