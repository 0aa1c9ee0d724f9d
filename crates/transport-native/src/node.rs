//! Nodes: their URLs, the round-robin choice, and dead-node back-off.
//!
//! Time is passed in (`now`), so the pool's rules are tested without waiting.

use crate::error::BuildError;
use base64::Engine as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A node's base URL, e.g. `https://es1:9200` or `https://proxy/es` (no trailing `/`).
#[derive(Debug)]
pub(crate) struct Node {
    base: security_core::BaseUrl,
    /// The base URL as given to answers' `ServedBy` (shared, not copied per answer).
    shared: Arc<str>,
    /// The base URL parsed once: each attempt's URL is a copy with the request's path and
    /// query set, so the scheme and host are never parsed again.
    parsed: reqwest::Url,
    /// Where the base URL's own path (`/es` of `https://proxy/es`, else empty) starts.
    path_start: usize,
    /// The URLs of the latest request paths sent to this node.
    recent: Mutex<RecentUrls>,
}

/// How many of a node's latest request paths keep their parsed URL.
const RECENT_URLS: usize = 8;
/// Longer paths and queries (many names in one request) are parsed each time, not kept.
const RECENT_URL_MAX_LEN: usize = 256;

/// The parsed URLs of a node's latest distinct request paths (at most [`RECENT_URLS`], the
/// oldest replaced first): an attempt on one of them copies its URL instead of parsing the path
/// again. Hot paths repeat: a gateway checks each incoming request with `authenticate` or
/// `has_privileges`, the same path every time.
#[derive(Debug, Default)]
struct RecentUrls {
    entries: Vec<(Box<str>, reqwest::Url)>,
    /// The entry to replace next once all are taken.
    next: usize,
}

impl RecentUrls {
    fn get(&self, path_and_query: &str) -> Option<reqwest::Url> {
        self.entries
            .iter()
            .find(|(key, _)| **key == *path_and_query)
            .map(|(_, url)| url.clone())
    }

    fn keep(&mut self, path_and_query: &str, url: &reqwest::Url) {
        let entry = (Box::from(path_and_query), url.clone());
        if self.entries.len() < RECENT_URLS {
            self.entries.push(entry);
        } else {
            self.entries[self.next] = entry;
            self.next = (self.next + 1) % RECENT_URLS;
        }
    }
}

impl Node {
    pub(crate) fn parse(url: &str) -> Result<Node, BuildError> {
        let invalid = |reason: &str| BuildError::InvalidNode {
            url: strip_userinfo(url),
            reason: reason.to_owned(),
        };
        let uri: http::Uri = url.trim().parse().map_err(|_| invalid("not a valid URL"))?;
        if uri.authority().is_some_and(|a| a.as_str().contains('@')) {
            return Err(invalid(
                "user information in the URL is not supported: give credentials with `credentials(..)`",
            ));
        }
        let base =
            security_core::BaseUrl::parse(url.trim()).map_err(|e| BuildError::InvalidNode {
                url: strip_userinfo(url),
                reason: e.to_string(),
            })?;
        let parsed = reqwest::Url::parse(base.as_str()).map_err(|e| invalid(&e.to_string()))?;
        let after_scheme = base.as_str().find("://").map_or(0, |i| i + 3);
        let path_start = base.as_str()[after_scheme..]
            .find('/')
            .map_or(base.as_str().len(), |i| after_scheme + i);
        Ok(Node {
            shared: Arc::from(base.as_str()),
            base,
            parsed,
            path_start,
            recent: Mutex::default(),
        })
    }

    /// The base URL, shared.
    pub(crate) fn shared_url(&self) -> &Arc<str> {
        &self.shared
    }

    /// The URL of an attempt: the node's URL followed by `path_and_query` (which starts with
    /// `/` or `?`, or is empty), the same URL `reqwest::Url::parse` gives for the joined string,
    /// without parsing the scheme and host again.
    ///
    /// The URLs of recent paths are kept ([`RecentUrls`]); the lock is only tried: a request
    /// never waits for another one's lookup, it parses instead.
    pub(crate) fn attempt_url(&self, path_and_query: &str) -> reqwest::Url {
        let keep = path_and_query.len() <= RECENT_URL_MAX_LEN;
        if keep {
            if let Some(url) = self
                .recent
                .try_lock()
                .ok()
                .and_then(|recent| recent.get(path_and_query))
            {
                return url;
            }
        }
        let url = self.parse_url(path_and_query);
        if keep {
            if let Ok(mut recent) = self.recent.try_lock() {
                recent.keep(path_and_query, &url);
            }
        }
        url
    }

    /// [`attempt_url`](Self::attempt_url) without the recent URLs.
    fn parse_url(&self, path_and_query: &str) -> reqwest::Url {
        let (path, query) = match path_and_query.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (path_and_query, None),
        };
        let mut url = self.parsed.clone();
        let own_path = &self.url()[self.path_start..];
        if own_path.is_empty() {
            url.set_path(path);
        } else {
            let mut full = String::with_capacity(own_path.len() + path.len());
            full.push_str(own_path);
            full.push_str(path);
            url.set_path(&full);
        }
        url.set_query(query);
        url
    }

    /// The base URL, without a trailing `/`.
    pub(crate) fn url(&self) -> &str {
        self.base.as_str()
    }

    /// The base URL.
    pub(crate) fn base_url(&self) -> &security_core::BaseUrl {
        &self.base
    }

    /// The node's URL followed by `path_and_query` (which starts with `/` or `?`, or is empty).
    pub(crate) fn join(&self, path_and_query: &str) -> String {
        let mut url = String::with_capacity(self.url().len() + path_and_query.len());
        url.push_str(self.url());
        url.push_str(path_and_query);
        url
    }
}

/// The URL with any user information replaced by `[redacted]` (up to the last `@` of the
/// authority: a password may hold `@`).
pub(crate) fn strip_userinfo(url: &str) -> String {
    security_core::redact_userinfo(url).into_owned()
}

/// The part of a request URI to append to a node's URL: what follows the node's URL when the
/// URI starts with one of the nodes' URLs, else the URI's own path and query. Read from the
/// URI's parts, without writing it out as a string.
pub(crate) fn relative_path<'a>(nodes: &[Node], uri: &'a http::Uri) -> &'a str {
    let path_and_query = uri.path_and_query().map_or("", |pq| pq.as_str());
    if let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) {
        for node in nodes {
            // The node's own path (`/es` of `https://proxy/es`) when scheme and host match.
            let own_path = node
                .url()
                .strip_prefix(scheme)
                .and_then(|rest| rest.strip_prefix("://"))
                .and_then(|rest| rest.strip_prefix(authority.as_str()));
            if let Some(rest) = own_path.and_then(|own| path_and_query.strip_prefix(own)) {
                if rest.is_empty() || rest.starts_with('/') || rest.starts_with('?') {
                    return rest;
                }
            }
        }
    }
    // Not one of ours: its path and query.
    path_and_query
}

/// Reads an Elastic Cloud ID (`name:base64(host[:port]$es_uuid[:port]$kibana_uuid)`) into the
/// Elasticsearch URL, e.g. `https://4fa8821e75634032bed1cf22110e2f97.us-east-1.aws.found.io:443`.
pub(crate) fn cloud_id_url(cloud_id: &str) -> Result<String, BuildError> {
    let bad = |why: &str| BuildError::InvalidCloudId(why.to_owned());
    let (_name, data) = cloud_id
        .trim()
        .split_once(':')
        .ok_or_else(|| bad("expected `<deployment name>:<base64 data>`"))?;
    let engine = base64::engine::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        base64::engine::GeneralPurposeConfig::new()
            .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
    );
    let decoded = engine
        .decode(data)
        .map_err(|_| bad("the part after `:` is not base64"))?;
    let decoded = String::from_utf8(decoded).map_err(|_| bad("the decoded data is not UTF-8"))?;
    let mut parts = decoded.trim().split('$');
    let host = parts.next().unwrap_or_default();
    let es_uuid = parts.next().unwrap_or_default();
    if host.is_empty() || es_uuid.is_empty() {
        return Err(bad(
            "the decoded data must hold `<host>$<elasticsearch id>$<kibana id>`",
        ));
    }
    let split_port = |s: &str| -> Result<(String, Option<u16>), BuildError> {
        match s.rsplit_once(':') {
            Some((h, p)) => {
                let port = p.parse().map_err(|_| bad("the port is not a number"))?;
                Ok((h.to_owned(), Some(port)))
            }
            None => Ok((s.to_owned(), None)),
        }
    };
    let (host, host_port) = split_port(host)?;
    let (es_uuid, es_port) = split_port(es_uuid)?;
    let port = es_port.or(host_port).unwrap_or(443);
    Ok(format!("https://{es_uuid}.{host}:{port}"))
}

/// The longest time a node is left out, whatever the configured back-off.
const FAR_FUTURE: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

#[derive(Clone, Copy, Debug, Default)]
struct NodeState {
    /// Connection failures in a row.
    failures: u32,
    /// Not chosen before this instant (unless every node is dead).
    dead_until: Option<Instant>,
    /// The last connection failure.
    last_failure: Option<Instant>,
}

/// The nodes and their health.
#[derive(Debug)]
pub(crate) struct NodePool {
    pub(crate) nodes: Vec<Node>,
    states: Mutex<Vec<NodeState>>,
    /// How many nodes have failed since they last answered: while none has, choosing a node and
    /// marking it alive take no lock (the common case, and no contention between requests).
    failing: AtomicUsize,
    next: AtomicUsize,
    dead_backoff: Duration,
    max_dead_backoff: Duration,
}

impl NodePool {
    pub(crate) fn new(
        nodes: Vec<Node>,
        dead_backoff: Duration,
        max_dead_backoff: Duration,
    ) -> Self {
        let states = Mutex::new(vec![NodeState::default(); nodes.len()]);
        NodePool {
            nodes,
            states,
            failing: AtomicUsize::new(0),
            next: AtomicUsize::new(0),
            dead_backoff,
            max_dead_backoff,
        }
    }

    fn states(&self) -> std::sync::MutexGuard<'_, Vec<NodeState>> {
        self.states.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The node for the next attempt: round-robin over the live nodes (a dead node whose
    /// back-off has passed is live again, on probation); when every node is dead, the one that
    /// failed least recently.
    /// [`select`](Self::select) at the current time, which is only read when a node has failed.
    pub(crate) fn select_now(&self) -> usize {
        if self.failing.load(Ordering::Acquire) == 0 {
            return self.round_robin();
        }
        self.select(Instant::now())
    }

    fn round_robin(&self) -> usize {
        self.next.fetch_add(1, Ordering::Relaxed) % self.nodes.len().max(1)
    }

    pub(crate) fn select(&self, now: Instant) -> usize {
        if self.failing.load(Ordering::Acquire) == 0 {
            return self.round_robin();
        }
        let states = self.states();
        let live = |i: &usize| states[*i].dead_until.is_none_or(|t| t <= now);
        let alive = (0..states.len()).filter(live).count();
        if alive > 0 {
            let turn = self.next.fetch_add(1, Ordering::Relaxed) % alive;
            if let Some(index) = (0..states.len()).filter(live).nth(turn) {
                return index;
            }
        }
        (0..states.len())
            .min_by_key(|&i| states[i].last_failure)
            .unwrap_or(0)
    }

    /// Marks a node dead after a connection-level failure; it is not chosen again for a back-off
    /// that doubles with every failure in a row (capped).
    pub(crate) fn mark_dead(&self, index: usize, now: Instant) {
        let mut states = self.states();
        if let Some(state) = states.get_mut(index) {
            if state.failures == 0 {
                self.failing.fetch_add(1, Ordering::AcqRel);
            }
            state.failures = state.failures.saturating_add(1);
            let factor = 1u32
                .checked_shl(state.failures.saturating_sub(1).min(31))
                .unwrap_or(u32::MAX);
            let backoff = self
                .dead_backoff
                .checked_mul(factor)
                .unwrap_or(self.max_dead_backoff)
                .min(self.max_dead_backoff);
            // A back-off too long for the clock (e.g. `Duration::MAX`) means "as long as it
            // can": a century, or whatever the platform's clock still represents.
            state.dead_until = Some(
                now.checked_add(backoff)
                    .or_else(|| now.checked_add(FAR_FUTURE))
                    .unwrap_or(now),
            );
            state.last_failure = Some(now);
        }
    }

    /// Marks a node alive after it answered.
    pub(crate) fn mark_alive(&self, index: usize) {
        if self.failing.load(Ordering::Acquire) == 0 {
            return;
        }
        let mut states = self.states();
        if let Some(state) = states.get_mut(index) {
            if state.failures > 0 {
                self.failing.fetch_sub(1, Ordering::AcqRel);
            }
            state.failures = 0;
            state.dead_until = None;
        }
    }

    /// Whether another node than `index` is live at `now`.
    pub(crate) fn has_other_live(&self, index: usize, now: Instant) -> bool {
        let states = self.states();
        states
            .iter()
            .enumerate()
            .any(|(i, s)| i != index && s.dead_until.is_none_or(|t| t <= now))
    }

    /// When the node is live again, if it is dead at `now`.
    #[cfg(test)]
    fn dead_until(&self, index: usize, now: Instant) -> Option<Instant> {
        self.states()[index].dead_until.filter(|t| *t > now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool(n: usize) -> NodePool {
        let nodes = (0..n)
            .map(|i| Node::parse(&format!("http://node{i}:9200")).unwrap())
            .collect();
        NodePool::new(nodes, Duration::from_secs(1), Duration::from_secs(30))
    }

    #[test]
    fn round_robin_over_live_nodes() {
        let p = pool(3);
        let now = Instant::now();
        let picks: Vec<usize> = (0..6).map(|_| p.select(now)).collect();
        assert_eq!(picks, [0, 1, 2, 0, 1, 2]);
        p.mark_dead(1, now);
        let picks: Vec<usize> = (0..4).map(|_| p.select(now)).collect();
        assert!(!picks.contains(&1), "{picks:?}");
        assert!(picks.contains(&0) && picks.contains(&2), "{picks:?}");
    }

    #[test]
    fn dead_node_backoff_grows_and_is_capped() {
        let p = pool(2);
        let t0 = Instant::now();
        p.mark_dead(0, t0);
        assert_eq!(p.dead_until(0, t0), Some(t0 + Duration::from_secs(1)));
        // Still dead just before the back-off ends: only node 1 is chosen.
        let almost = t0 + Duration::from_millis(999);
        assert!((0..4).all(|_| p.select(almost) == 1));
        // After it, node 0 is tried again.
        let later = t0 + Duration::from_secs(1);
        assert!((0..4).any(|_| p.select(later) == 0));
        // It fails again: twice as long, then 4 s, 8 s, 16 s, capped at 30 s.
        for (failure, secs) in [(2, 2), (3, 4), (4, 8), (5, 16), (6, 30), (7, 30)] {
            p.mark_dead(0, later);
            assert_eq!(
                p.dead_until(0, later),
                Some(later + Duration::from_secs(secs)),
                "failure {failure}"
            );
        }
        // Many failures in a row do not overflow.
        for _ in 0..100 {
            p.mark_dead(0, later);
        }
        assert_eq!(
            p.dead_until(0, later),
            Some(later + Duration::from_secs(30))
        );
        // An answer resets it.
        p.mark_alive(0);
        assert_eq!(p.dead_until(0, later), None);
        p.mark_dead(0, later);
        assert_eq!(p.dead_until(0, later), Some(later + Duration::from_secs(1)));
    }

    #[test]
    fn when_all_are_dead_the_least_recently_failed_is_tried() {
        let p = pool(3);
        let t0 = Instant::now();
        p.mark_dead(2, t0);
        p.mark_dead(0, t0 + Duration::from_millis(10));
        p.mark_dead(1, t0 + Duration::from_millis(20));
        let now = t0 + Duration::from_millis(30);
        assert_eq!(p.select(now), 2);
        assert_eq!(p.select(now), 2);
        assert!(!p.has_other_live(2, now));
        // Node 2 fails again: now node 0 failed least recently.
        p.mark_dead(2, now);
        assert_eq!(p.select(now), 0);
    }

    #[test]
    fn single_node_is_never_refused() {
        let p = pool(1);
        let now = Instant::now();
        p.mark_dead(0, now);
        assert_eq!(p.select(now), 0);
    }

    #[test]
    fn relative_paths() {
        let nodes = vec![
            Node::parse("https://a:9200").unwrap(),
            Node::parse("https://proxy/es/").unwrap(),
        ];
        let relative = |uri: &str| relative_path(&nodes, &uri.parse().unwrap()).to_owned();
        assert_eq!(
            relative("https://a:9200/_security/user?pretty=true"),
            "/_security/user?pretty=true"
        );
        assert_eq!(
            relative("https://proxy/es/_security/_authenticate"),
            "/_security/_authenticate"
        );
        assert_eq!(relative("https://proxy/es?pretty"), "?pretty");
        // Another host, port or scheme: only the path and query are kept.
        assert_eq!(
            relative("http://template:9200/_security/role/r1?x=1"),
            "/_security/role/r1?x=1"
        );
        assert_eq!(relative("https://a:9201/_security/user"), "/_security/user");
        assert_eq!(relative("http://a:9200/_security/user"), "/_security/user");
        // A prefix that is not a whole segment is not stripped.
        assert_eq!(relative("https://proxy/escape/x"), "/escape/x");
        assert_eq!(relative("/_security/user"), "/_security/user");
        assert!(matches!(relative("https://other").as_str(), "" | "/"));
        assert_eq!(
            nodes[1].join("/_security/user"),
            "https://proxy/es/_security/user"
        );
    }

    /// Each attempt's URL is what parsing the joined string gives, also for a node with a
    /// path of its own, percent-encoded and odd paths, and queries.
    #[test]
    fn attempt_urls_equal_parsed_joins() {
        let nodes = [
            Node::parse("https://a:9200").unwrap(),
            Node::parse("http://127.0.0.1:9200/").unwrap(),
            Node::parse("https://proxy/es/").unwrap(),
            Node::parse("https://[::1]:9200/a/b").unwrap(),
        ];
        let paths = [
            "",
            "/",
            "?pretty",
            "/_security/_authenticate",
            "/_security/user/jack%20nich?pretty=true&x=%2F",
            "/_security/role/a%2Fb,c*",
            "/_security/api_key?name=my key&owner=true",
            "/_security/privilege/app/ünïcode",
            "/_security/../x/./y",
            "/_security/user/a?b?c",
            "/_security/user/a#frag",
        ];
        for node in &nodes {
            for path in paths {
                let joined = node.join(path);
                let expected = reqwest::Url::parse(&joined).unwrap();
                let ours = node.attempt_url(path);
                // A second time from the recent URLs: the same URL.
                assert_eq!(node.attempt_url(path), ours, "{joined}");
                if path.contains('#') {
                    // A `#` cannot reach us in an `http::Uri`; ours is kept in the path.
                    assert_eq!(ours.fragment(), None, "{joined}");
                    continue;
                }
                assert_eq!(ours.as_str(), expected.as_str(), "{joined}");
            }
        }
    }

    /// The recent URLs are bounded: the oldest is replaced, long paths are not kept, and every
    /// path still gets its own URL.
    #[test]
    fn recent_urls_are_bounded() {
        let node = Node::parse("https://a:9200").unwrap();
        for i in 0..3 * RECENT_URLS {
            let path = format!("/_security/user/u{i}");
            assert_eq!(node.attempt_url(&path).path(), path);
            assert!(node.recent.lock().unwrap().entries.len() <= RECENT_URLS);
        }
        let recent = node.recent.lock().unwrap();
        let kept: Vec<&str> = recent.entries.iter().map(|(k, _)| &**k).collect();
        assert!(kept.contains(&"/_security/user/u23"), "{kept:?}");
        assert!(!kept.contains(&"/_security/user/u0"), "{kept:?}");
        drop(recent);
        let long = format!("/_security/user/{}", "x,".repeat(RECENT_URL_MAX_LEN));
        assert_eq!(node.attempt_url(&long).path(), long);
        let recent = node.recent.lock().unwrap();
        assert!(recent.entries.iter().all(|(k, _)| **k != *long));
    }

    #[test]
    fn node_urls_are_checked() {
        assert!(Node::parse("https://localhost:9200/").is_ok());
        assert!(matches!(
            Node::parse("ftp://x"),
            Err(BuildError::InvalidNode { .. })
        ));
        assert!(Node::parse("localhost:9200").is_err());
        let err = Node::parse("https://elastic:s3cr3t@localhost:9200").unwrap_err();
        let shown = err.to_string();
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("credentials"), "{shown}");
        // A password holding `@`: nothing of it is shown.
        let err = Node::parse("https://elastic:p@ss-word@localhost:9200/x@y").unwrap_err();
        let shown = format!("{err} {err:?}");
        assert!(!shown.contains("ss-word"), "{shown}");
        assert!(shown.contains("[redacted]@localhost:9200/x@y"), "{shown}");
        for port in ["99999", "-1", "0", "x"] {
            assert!(Node::parse(&format!("http://h:{port}")).is_err(), "{port}");
        }
    }

    #[test]
    fn the_longest_dead_node_backoff_does_not_overflow() {
        let nodes = vec![Node::parse("http://a:9200").unwrap()];
        let p = NodePool::new(nodes, Duration::MAX, Duration::MAX);
        let now = Instant::now();
        for _ in 0..3 {
            p.mark_dead(0, now);
        }
        assert!(p.dead_until(0, now).is_some_and(|t| t > now));
        // The single node is still tried.
        assert_eq!(p.select(now), 0);
    }

    #[test]
    fn cloud_ids() {
        let b64 = base64::engine::general_purpose::STANDARD;
        let id = |data: &str| format!("my-deployment:{}", b64.encode(data));
        assert_eq!(
            cloud_id_url(&id("us-east-1.aws.found.io$4fa8821e$5dd5c2a4")).unwrap(),
            "https://4fa8821e.us-east-1.aws.found.io:443"
        );
        assert_eq!(
            cloud_id_url(&id("europe-west1.gcp.cloud.es.io:9243$abc$def")).unwrap(),
            "https://abc.europe-west1.gcp.cloud.es.io:9243"
        );
        assert_eq!(
            cloud_id_url(&id("host.example:443$abc:9200$def")).unwrap(),
            "https://abc.host.example:9200"
        );
        // Padding may be left out.
        let unpadded = format!(
            "name:{}",
            base64::engine::general_purpose::STANDARD_NO_PAD.encode("h.io$e1$k1")
        );
        assert_eq!(cloud_id_url(&unpadded).unwrap(), "https://e1.h.io:443");
        for bad in [
            "",
            "no-colon",
            "name:!!!",
            &id("onlyhost"),
            &id("$abc$def"),
            &id("h:x$abc"),
        ] {
            assert!(
                matches!(cloud_id_url(bad), Err(BuildError::InvalidCloudId(_))),
                "{bad}"
            );
        }
    }
}
