//! `User-Agent` and `x-elastic-client-meta`, in the official clients' formats.

/// The version of this crate (the workspace's, shared with `security-client`).
const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The compiler that built this crate, e.g. `1.95.0` (recorded by `build.rs`).
const RUSTC: &str = env!("TRANSPORT_NATIVE_RUSTC_VERSION");
/// The HTTP client library's major.minor version.
const REQWEST: &str = "0.12";

/// The default `User-Agent`, e.g. `es-security-rs/0.1.0 (linux; x86_64; Rust 1.95.0)`, in the
/// shape of the official clients' (`elasticsearch-py/8.14.0 (Python/3.12.1; …)`).
pub fn user_agent() -> String {
    format!(
        "es-security-rs/{VERSION} ({}; {}; Rust {RUSTC})",
        std::env::consts::OS,
        std::env::consts::ARCH
    )
}

/// The `x-elastic-client-meta` value, e.g. `es=0.1.0,rs=1.95.0,t=0.1.0,rq=0.12`: client,
/// language, transport and HTTP library versions, comma-separated `key=value` pairs as the
/// official clients send them; a pre-release version ends in `p` (`1.96.0-nightly` → `1.96.0p`).
pub fn client_meta() -> String {
    format!(
        "es={},rs={},t={},rq={REQWEST}",
        meta_version(VERSION),
        meta_version(RUSTC),
        meta_version(VERSION)
    )
}

/// `1.2.3` stays; `1.2.3-beta.1` becomes `1.2.3p`.
fn meta_version(version: &str) -> String {
    match version.split_once(['-', '+']) {
        Some((release, _)) => format!("{release}p"),
        None => version.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert_eq!(meta_version("1.95.0"), "1.95.0");
        assert_eq!(meta_version("1.96.0-nightly"), "1.96.0p");
        assert_eq!(meta_version("8.14.0-SNAPSHOT"), "8.14.0p");
        let meta = client_meta();
        let keys: Vec<&str> = meta
            .split(',')
            .map(|kv| kv.split_once('=').map(|(k, _)| k).unwrap_or(""))
            .collect();
        assert_eq!(keys, ["es", "rs", "t", "rq"]);
        assert!(meta.starts_with(&format!("es={VERSION},rs=")), "{meta}");
        let ua = user_agent();
        assert!(
            ua.starts_with(&format!("es-security-rs/{VERSION} (")),
            "{ua}"
        );
        assert!(ua.contains("Rust "), "{ua}");
        assert!(http::HeaderValue::from_str(&ua).is_ok());
        assert!(http::HeaderValue::from_str(&meta).is_ok());
    }
}
