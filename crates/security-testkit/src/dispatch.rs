//! From a parsed HTTP request to an HTTP response: CORS, routing, authentication, query
//! parameters, body, the handler, then `filter_path`, `pretty` and the product header.

use crate::authc::{authenticate, AuthKind, Authn};
use crate::authz::{privileges_granting, Permission, Role};
use crate::error::{forbidden, illegal_argument, x_content_parse, EsError, Outcome, Reply};
use crate::routes::{match_route, BodyRule, RouteMatch};
use crate::store::State;
use crate::util::glob_match;
use crate::Config;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What the server threads share.
#[derive(Debug)]
pub(crate) struct Shared {
    pub config: Config,
    pub state: Mutex<State>,
    clock_offset_ms: AtomicI64,
    pub node_id: String,
}

impl Shared {
    pub fn new(config: Config) -> Shared {
        Shared {
            state: Mutex::new(State::new(&config.elastic_password)),
            config,
            clock_offset_ms: AtomicI64::new(0),
            node_id: crate::util::random_id(16),
        }
    }

    /// Milliseconds since the epoch, plus what `advance_time` added.
    pub fn now(&self) -> i64 {
        let real = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0);
        real.saturating_add(self.clock_offset_ms.load(Ordering::SeqCst))
    }

    /// Moves the clock forward (saturating: `Duration::MAX` is the end of time, not a panic).
    pub fn advance_clock(&self, by: Duration) {
        let by = i64::try_from(by.as_millis()).unwrap_or(i64::MAX);
        let _ = self
            .clock_offset_ms
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |offset| {
                Some(offset.saturating_add(by))
            });
    }
}

/// The parts of an HTTP request the server looks at.
#[derive(Debug)]
pub(crate) struct Request {
    pub method: http::Method,
    /// The path and query as received, e.g. `/_security/user?pretty`.
    pub uri: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: http::HeaderMap,
    pub body: Vec<u8>,
}

impl Request {
    pub fn new(
        method: http::Method,
        uri: &http::Uri,
        headers: http::HeaderMap,
        body: Vec<u8>,
    ) -> Request {
        let path = uri.path().to_owned();
        let query = uri
            .query()
            .map(|q| {
                q.split('&')
                    .filter(|kv| !kv.is_empty())
                    .map(|kv| {
                        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
                        (
                            crate::util::percent_decode(k, true),
                            crate::util::percent_decode(v, true),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let uri = match uri.query() {
            Some(q) => format!("{path}?{q}"),
            None => path.clone(),
        };
        Request {
            method,
            uri,
            path,
            query,
            headers,
            body,
        }
    }

    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

/// What a handler sees.
pub(crate) struct Ctx<'a> {
    pub shared: &'a Shared,
    pub now: i64,
    pub req: &'a Request,
    pub params: Vec<(&'static str, String)>,
    pub body: Option<Value>,
    pub authn: Authn,
}

impl Ctx<'_> {
    /// A path parameter (empty when absent).
    pub fn param(&self, name: &str) -> &str {
        self.params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }

    /// Whether a path parameter was given.
    pub fn has_param(&self, name: &str) -> bool {
        self.params.iter().any(|(k, _)| *k == name)
    }

    /// A query parameter (the last one wins).
    pub fn query(&self, name: &str) -> Option<&str> {
        self.req
            .query
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// A boolean query parameter (`true`, `false`, or empty for true).
    pub fn query_bool(&self, name: &str, default: bool) -> Result<bool, Reply> {
        match self.query(name) {
            None => Ok(default),
            Some("") | Some("true") => Ok(true),
            Some("false") => Ok(false),
            Some(other) => Err(illegal_argument(format!(
                "Failed to parse value [{other}] as only [true] or [false] are allowed."
            ))),
        }
    }

    /// The body (checked present by the router when required).
    pub fn body(&self) -> &Value {
        static NULL: Value = Value::Null;
        self.body.as_ref().unwrap_or(&NULL)
    }

    /// The permission of the authenticated subject.
    pub fn permission(&self, state: &State) -> Permission {
        permission_of(state, &self.authn)
    }

    /// 403 unless the subject may run the cluster action; `own_key` for API-key actions on
    /// the caller's own keys.
    pub fn require(&self, state: &State, action: &str, own_key: bool) -> Result<(), Reply> {
        if self.permission(state).allows_action(action, own_key) {
            Ok(())
        } else {
            Err(self.unauthorized_action(action))
        }
    }

    /// The 403 of an action the subject may not run.
    pub fn unauthorized_action(&self, action: &str) -> Reply {
        let who = match &self.authn.kind {
            AuthKind::ApiKey { id, .. } => {
                format!("API key id [{id}] of user [{}]", self.authn.username)
            }
            AuthKind::ServiceAccount { .. } => {
                format!("service account [{}]", self.authn.username)
            }
            _ => {
                let mut roles = self.authn.roles.clone();
                roles.sort();
                roles.dedup();
                format!(
                    "user [{}] with effective roles [{}]",
                    self.authn.username,
                    roles.join(",")
                )
            }
        };
        let granting = privileges_granting(action);
        let mut reason = format!("action [{action}] is unauthorized for {who}");
        if !granting.is_empty() {
            reason.push_str(&format!(
                ", this action is granted by the cluster privileges [{}]",
                granting.join(",")
            ));
        }
        forbidden(reason)
    }

    /// The Elasticsearch version the server pretends to be.
    pub fn version(&self) -> crate::EsVersion {
        self.shared.config.version
    }

    /// The cluster name.
    pub fn serverless(&self) -> bool {
        self.shared.config.serverless
    }

    /// The cluster name.
    pub fn cluster_name(&self) -> &str {
        &self.shared.config.cluster_name
    }
}

/// The permission of an authentication: its roles, or an API key's descriptors limited by
/// its owner's, or a service account's descriptor.
pub(crate) fn permission_of(state: &State, authn: &Authn) -> Permission {
    match &authn.kind {
        AuthKind::ApiKey { id, .. } => match state.api_keys.get(id) {
            Some(key) => {
                let mut layers = Vec::new();
                if !key.role_descriptors.is_empty() {
                    layers.push(Role::from_descriptors(key.role_descriptors.values()));
                }
                layers.push(Role::from_descriptors(key.limited_by.values()));
                Permission { layers }
            }
            None => Permission::default(),
        },
        AuthKind::ServiceAccount { .. } => {
            let d = crate::store::service_account_descriptor(&authn.username);
            Permission {
                layers: vec![Role::from_descriptors(d.iter())],
            }
        }
        AuthKind::Realm | AuthKind::Token => {
            let descriptors: Vec<Value> =
                authn.roles.iter().filter_map(|r| state.role(r)).collect();
            Permission {
                layers: vec![Role::from_descriptors(descriptors.iter())],
            }
        }
    }
}

/// The response: status, headers, body bytes.
#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

/// Handles one request.
pub(crate) fn dispatch(shared: &Shared, req: Request) -> Response {
    let origin = req.header("origin").map(str::to_owned);
    let mut cors_headers: Vec<(String, String)> = Vec::new();
    if let (Some(cors), Some(origin)) = (&shared.config.cors, origin.as_deref()) {
        let any = cors.allow_origins.iter().any(|o| o == "*");
        let allowed = any
            || cors
                .allow_origins
                .iter()
                .any(|o| glob_match(o, origin) || o == origin);
        if !allowed {
            // Elasticsearch answers a disallowed origin with an empty 403.
            return finish(&req, Reply::empty(403), Vec::new());
        }
        let allow_origin = if any && !cors.allow_credentials {
            "*".to_owned()
        } else {
            origin.to_owned()
        };
        cors_headers.push(("access-control-allow-origin".into(), allow_origin));
        cors_headers.push(("vary".into(), "Origin".into()));
        if cors.allow_credentials {
            cors_headers.push(("access-control-allow-credentials".into(), "true".into()));
        }
        let preflight = req.method == http::Method::OPTIONS
            && req.headers.contains_key("access-control-request-method");
        if preflight {
            cors_headers.push((
                "access-control-allow-methods".into(),
                cors.allow_methods.clone(),
            ));
            cors_headers.push((
                "access-control-allow-headers".into(),
                cors.allow_headers.clone(),
            ));
            cors_headers.push(("access-control-max-age".into(), cors.max_age.to_string()));
            return finish(&req, Reply::empty(200), cors_headers);
        }
        // Elasticsearch 8.3+ exposes the product header to browsers on every CORS answer, so
        // that clients can run the product check (CorsHandler.setExposeHeaders).
        cors_headers.push((
            "access-control-expose-headers".into(),
            "X-elastic-product".into(),
        ));
    }
    let reply = handle(shared, &req).unwrap_or_else(|e| e);
    finish(&req, reply, cors_headers)
}

fn handle(shared: &Shared, req: &Request) -> Outcome {
    let version = shared.config.version;
    let route = match match_route(&req.method, &req.path, version) {
        RouteMatch::Found(route, params) => (route, params),
        RouteMatch::WrongMethod(allowed) => {
            let allow = allowed.join(",");
            if req.method == http::Method::OPTIONS {
                return Ok(Reply::empty(200).header("allow", allow));
            }
            return Err(Reply::with_status(
                405,
                json!({
                    "error": format!(
                        "Incorrect HTTP method for uri [{}] and method [{}], allowed: [{}]",
                        req.uri,
                        req.method,
                        allowed.join(", ")
                    ),
                    "status": 405
                }),
            )
            .header("allow", allow));
        }
        RouteMatch::NotFound => {
            return Err(Reply::with_status(
                400,
                json!({
                    "error": format!("no handler found for uri [{}] and method [{}]", req.uri, req.method)
                }),
            ))
        }
    };
    let (route, params) = route;
    if shared.config.serverless {
        crate::routes::serverless_check(route, req)?;
    }
    let now = shared.now();
    let mut state = shared.state.lock().unwrap_or_else(|p| p.into_inner());
    let mut authn = authenticate(&state, req.header("authorization"), &req.uri, now)?;
    if let Some(target) = req.header("es-security-runas-user") {
        authn = crate::runas::run_as(&state, authn, target)?;
    }

    const COMMON: [&str; 5] = ["pretty", "human", "error_trace", "filter_path", "format"];
    let unknown: Vec<&str> = req
        .query
        .iter()
        .map(|(k, _)| k.as_str())
        .filter(|k| !COMMON.contains(k) && !route.accepts_param(k, version))
        .collect();
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(|k| format!("[{k}]")).collect();
        let noun = if unknown.len() == 1 {
            "parameter"
        } else {
            "parameters"
        };
        return Err(illegal_argument(format!(
            "request [{}] contains unrecognized {noun}: {}",
            req.path,
            list.join(", ")
        )));
    }

    let body = if req.body.iter().all(u8::is_ascii_whitespace) {
        None
    } else {
        match crate::json::parse(&req.body) {
            Ok(v) => Some(v),
            Err(e) => {
                return Err(x_content_parse(format!(
                    "[{}:{}] {}",
                    e.line(),
                    e.column(),
                    crate::json::reason(&e)
                )))
            }
        }
    };
    match route.body {
        BodyRule::Required if body.is_none() => return Err(crate::error::body_required()),
        BodyRule::None if body.is_some() => {
            return Err(illegal_argument(format!(
                "request [{} {}] does not support having a body",
                req.method, req.path
            )))
        }
        _ => {}
    }
    if body.as_ref().is_some_and(|b| !b.is_object()) {
        return Err(
            EsError::new(400, "parse_exception", "request body must be a JSON object").reply(),
        );
    }
    let ctx = Ctx {
        shared,
        now,
        req,
        params,
        body,
        authn,
    };
    (route.handler)(&mut state, &ctx)
}

/// Adds the common headers, applies `filter_path` and `pretty`, serializes.
fn finish(req: &Request, reply: Reply, extra: Vec<(String, String)>) -> Response {
    let mut headers: Vec<(String, String)> =
        vec![("x-elastic-product".into(), "Elasticsearch".into())];
    if let Some(id) = req.header("x-opaque-id") {
        headers.push(("x-opaque-id".into(), id.to_owned()));
    }
    headers.extend(extra);
    for (k, v) in reply.headers {
        headers.push((k.to_owned(), v));
    }
    let query = |name: &str| {
        req.query
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let body = match reply.body {
        None => Vec::new(),
        Some(value) => {
            let value = match query("filter_path") {
                Some(filters) if !filters.is_empty() => filter_path(&value, filters),
                _ => value,
            };
            let compat = req
                .header("accept")
                .is_some_and(|a| a.contains("application/vnd.elasticsearch+json"));
            headers.push((
                "content-type".into(),
                if compat {
                    "application/vnd.elasticsearch+json;compatible-with=8".into()
                } else {
                    "application/json".into()
                },
            ));
            let pretty = matches!(query("pretty"), Some("") | Some("true"));
            let mut bytes = if pretty {
                serde_json::to_vec_pretty(&value).unwrap_or_default()
            } else {
                serde_json::to_vec(&value).unwrap_or_default()
            };
            if pretty {
                bytes.push(b'\n');
            }
            if req.method == http::Method::HEAD {
                Vec::new()
            } else {
                bytes
            }
        }
    };
    Response {
        status: reply.status,
        headers,
        body,
    }
}

/// Elasticsearch's `filter_path`: comma-separated dotted paths with `*` (one level) and `**`
/// (any depth); a leading `-` excludes.
///
/// The includes run as a set of positions in the filters (deduplicated), so the work is at
/// most (JSON nodes × filter segments) whatever the number of `**`, and the number of segments
/// is bounded by the request line (4 KB).
fn filter_path(value: &Value, filters: &str) -> Value {
    let mut work = 0usize;
    filter_path_counted(value, filters, &mut work)
}

/// [`filter_path`], counting the steps of the include matching in `work`.
fn filter_path_counted(value: &Value, filters: &str, work: &mut usize) -> Value {
    let (excludes, includes): (Vec<&str>, Vec<&str>) = filters
        .split(',')
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .partition(|f| f.starts_with('-'));
    let includes: Vec<Vec<&str>> = includes.iter().map(|f| f.split('.').collect()).collect();
    let excludes: Vec<Vec<&str>> = excludes
        .iter()
        .map(|f| f[1..].split('.').collect())
        .collect();
    let mut out = if includes.is_empty() {
        value.clone()
    } else {
        let start: Vec<(usize, usize)> = (0..includes.len()).map(|i| (i, 0)).collect();
        include(value, &includes, closure(&includes, start), work).unwrap_or_else(|| json!({}))
    };
    for ex in &excludes {
        exclude(&mut out, ex);
    }
    out
}

/// Adds, for every position at a `**`, the position after it (`**` matching no level);
/// sorted and deduplicated.
fn closure(filters: &[Vec<&str>], mut states: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    let mut i = 0;
    while i < states.len() {
        let (f, at) = states[i];
        if filters[f].get(at) == Some(&"**") {
            states.push((f, at + 1));
        }
        i += 1;
    }
    states.sort_unstable();
    states.dedup();
    states
}

/// The part of `value` the filter positions `states` select (`None`: nothing).
fn include(
    value: &Value,
    filters: &[Vec<&str>],
    states: Vec<(usize, usize)>,
    work: &mut usize,
) -> Option<Value> {
    *work += states.len();
    if states.iter().any(|(f, at)| *at == filters[*f].len()) {
        return Some(value.clone());
    }
    match value {
        Value::Object(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let mut next: Vec<(usize, usize)> = Vec::new();
                for &(f, at) in &states {
                    *work += 1;
                    let segment = filters[f][at];
                    if segment == "**" {
                        next.push((f, at));
                    } else if glob_match(segment, k) {
                        next.push((f, at + 1));
                    }
                }
                if next.is_empty() {
                    continue;
                }
                if let Some(v) = include(v, filters, closure(filters, next), work) {
                    out.insert(k.clone(), v);
                }
            }
            (!out.is_empty()).then_some(Value::Object(out))
        }
        Value::Array(items) => {
            let kept: Vec<Value> = items
                .iter()
                .filter_map(|i| include(i, filters, states.clone(), work))
                .collect();
            (!kept.is_empty()).then_some(Value::Array(kept))
        }
        _ => None,
    }
}

fn exclude(value: &mut Value, filter: &[&str]) {
    match value {
        Value::Object(map) => {
            if filter.len() == 1 {
                map.retain(|k, _| !glob_match(filter[0], k));
            } else {
                for (k, v) in map.iter_mut() {
                    if glob_match(filter[0], k) {
                        exclude(v, &filter[1..]);
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|i| exclude(i, filter)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_paths() {
        let v = json!({"api_keys": [{"id": "a", "name": "n"}, {"id": "b"}], "total": 2});
        assert_eq!(
            filter_path(&v, "api_keys.id"),
            json!({"api_keys": [{"id": "a"}, {"id": "b"}]})
        );
        assert_eq!(filter_path(&v, "total"), json!({"total": 2}));
        assert_eq!(
            filter_path(&v, "**.name"),
            json!({"api_keys": [{"name": "n"}]})
        );
        assert_eq!(filter_path(&v, "-api_keys"), json!({"total": 2}));
        assert_eq!(filter_path(&v, "nothing"), json!({}));
    }

    #[test]
    fn filter_path_work_is_bounded_by_nodes_times_segments() {
        let mut v = json!({"x": 0});
        for i in 1..=200 {
            v = json!({ format!("k{i}"): v, "x": i });
        }
        let nodes = 3 * 200 + 1;
        for stars in [1, 5, 20, 60] {
            let filter = format!("{}.x", vec!["**"; stars].join("."));
            let segments = stars + 1;
            let mut work = 0;
            let out = filter_path_counted(&v, &filter, &mut work);
            assert_eq!(out["x"], 200);
            assert_eq!(out["k200"]["k199"]["x"], 198);
            assert!(work <= 3 * nodes * (segments + 1), "{stars}: {work}");
        }
        // Same answers as before for the usual filters.
        let v = json!({"a": {"b": {"c": 1, "d": 2}}, "e": [{"c": 3}]});
        assert_eq!(
            filter_path(&v, "**.c"),
            json!({"a": {"b": {"c": 1}}, "e": [{"c": 3}]})
        );
        assert_eq!(
            filter_path(&v, "a.**"),
            json!({"a": {"b": {"c": 1, "d": 2}}})
        );
        assert_eq!(filter_path(&v, "**"), v);
        assert_eq!(filter_path(&v, "a.*.d"), json!({"a": {"b": {"d": 2}}}));
        assert_eq!(
            filter_path(&v, "**.b.**.d,e"),
            json!({"a": {"b": {"d": 2}}, "e": [{"c": 3}]})
        );
    }
}
