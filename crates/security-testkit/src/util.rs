//! Small helpers: randomness, base64, glob patterns, Elasticsearch time values.

use base64::Engine as _;

/// `n` random bytes from the OS.
pub(crate) fn random_bytes(n: usize) -> Vec<u8> {
    let mut buf = vec![0u8; n];
    if getrandom::getrandom(&mut buf).is_err() {
        // The OS refused: fall back to a hash of the time and a counter (this is a test tool).
        use std::hash::{BuildHasher, Hasher};
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let state = std::collections::hash_map::RandomState::new();
        for (i, chunk) in buf.chunks_mut(8).enumerate() {
            let mut h = state.build_hasher();
            h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
            h.write_usize(i);
            let bytes = h.finish().to_le_bytes();
            chunk.copy_from_slice(&bytes[..chunk.len()]);
        }
    }
    buf
}

/// A URL-safe base64 string without padding of `n` random bytes (15 bytes → 20 chars).
pub(crate) fn random_id(n: usize) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes(n))
}

/// Standard base64 with padding.
pub(crate) fn b64(data: impl AsRef<[u8]>) -> String {
    base64::engine::general_purpose::STANDARD.encode(data)
}

/// Decodes standard base64, with or without padding.
pub(crate) fn b64_decode(data: &str) -> Option<Vec<u8>> {
    let data = data.trim();
    base64::engine::general_purpose::STANDARD
        .decode(data)
        .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(data))
        .ok()
}

/// Matches `text` against a pattern where `*` is any sequence and `?` any one character.
/// A pattern written `/regex/` (Elasticsearch's Lucene regexp syntax) is not supported and
/// matches only itself.
pub(crate) fn glob_match(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || (p[pi] != '*' && p[pi] == t[ti])) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

/// Whether a string holds a wildcard.
pub(crate) fn has_wildcard(s: &str) -> bool {
    s.contains('*') || s.contains('?')
}

/// Whether every name matched by `requested` is matched by `granted` (both may be patterns).
///
/// Exact for literal names and for patterns whose only wildcard is a trailing `*`; other
/// requested patterns are covered only by an identical pattern or by `*`.
pub(crate) fn pattern_covers(granted: &str, requested: &str) -> bool {
    if !has_wildcard(requested) {
        return glob_match(granted, requested);
    }
    if granted == requested || granted == "*" {
        return true;
    }
    // `P*` with a literal `P` covers every pattern whose literal prefix starts with `P`.
    if let Some(prefix) = granted.strip_suffix('*') {
        if !has_wildcard(prefix) && literal_prefix(requested).starts_with(prefix) {
            return true;
        }
    }
    if let Some(prefix) = requested.strip_suffix('*') {
        if !has_wildcard(prefix) {
            return granted.ends_with('*') && glob_match(granted, prefix);
        }
    }
    false
}

/// Whether two patterns may match a common name (over-approximated by their literal prefixes).
pub(crate) fn patterns_overlap(a: &str, b: &str) -> bool {
    if !has_wildcard(b) {
        return glob_match(a, b);
    }
    if !has_wildcard(a) {
        return glob_match(b, a);
    }
    let pa = literal_prefix(a);
    let pb = literal_prefix(b);
    pa.starts_with(pb) || pb.starts_with(pa)
}

fn literal_prefix(s: &str) -> &str {
    match s.find(['*', '?']) {
        Some(i) => &s[..i],
        None => s,
    }
}

/// Parses an Elasticsearch time value (`1d`, `2h`, `30m`, `10s`, `500ms`, `1micros`,
/// `1nanos`) into milliseconds.
pub(crate) fn parse_time_value(value: &str) -> Option<i64> {
    let value = value.trim();
    // Longest suffixes first: "ms" before "m" and "s", "nanos"/"micros" before "s".
    let units: [(&str, f64); 7] = [
        ("nanos", 1e-6),
        ("micros", 1e-3),
        ("ms", 1.0),
        ("d", 86_400_000.0),
        ("h", 3_600_000.0),
        ("m", 60_000.0),
        ("s", 1000.0),
    ];
    for (unit, factor) in units {
        if let Some(number) = value.strip_suffix(unit) {
            let n: f64 = number.trim().parse().ok()?;
            if n < 0.0 || !n.is_finite() {
                return None;
            }
            return Some((n * factor) as i64);
        }
    }
    None
}

/// Percent-decodes a URL component (`+` stays `+` in paths; `plus_as_space` for queries).
pub(crate) fn percent_decode(s: &str, plus_as_space: bool) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' if plus_as_space => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_match("logs-*", "logs-2024"));
        assert!(glob_match("*", ""));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("logs-*", "metrics-1"));
        assert!(glob_match(
            "cluster:admin/xpack/security/*/get*",
            "cluster:admin/xpack/security/user/get"
        ));
        assert!(pattern_covers("logs-*", "logs-app-*"));
        assert!(!pattern_covers("logs-app-*", "logs-*"));
        assert!(pattern_covers("*", "anything*"));
        assert!(patterns_overlap(
            "cluster:admin/xpack/security/*",
            "cluster:*"
        ));
        assert!(!patterns_overlap(
            "cluster:admin/xpack/security/*",
            "cluster:monitor/*"
        ));
    }

    #[test]
    fn time_values() {
        assert_eq!(parse_time_value("1d"), Some(86_400_000));
        assert_eq!(parse_time_value("30m"), Some(1_800_000));
        assert_eq!(parse_time_value("10s"), Some(10_000));
        assert_eq!(parse_time_value("500ms"), Some(500));
        assert_eq!(parse_time_value("2000000nanos"), Some(2));
        assert_eq!(parse_time_value("1"), None);
        assert_eq!(parse_time_value("abc"), None);
        assert_eq!(parse_time_value("-1d"), None);
    }

    #[test]
    fn decoding() {
        assert_eq!(percent_decode("a%2Fb%20c", false), "a/b c");
        assert_eq!(percent_decode("a+b", true), "a b");
        assert_eq!(percent_decode("100%", false), "100%");
    }
}
