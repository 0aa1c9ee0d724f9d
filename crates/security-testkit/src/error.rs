//! Answers and Elasticsearch-shaped errors.

use serde_json::{json, Map, Value};

/// An answer: status, JSON body, extra headers. Handlers return `Result<Reply, Reply>`.
#[derive(Debug, Clone)]
pub(crate) struct Reply {
    pub status: u16,
    pub body: Option<Value>,
    pub headers: Vec<(&'static str, String)>,
}

pub(crate) type Outcome = Result<Reply, Reply>;

impl Reply {
    /// 200 with a JSON body.
    pub fn ok(body: Value) -> Reply {
        Reply::with_status(200, body)
    }

    /// Any status with a JSON body.
    pub fn with_status(status: u16, body: Value) -> Reply {
        Reply {
            status,
            body: Some(body),
            headers: Vec::new(),
        }
    }

    /// A status without a body.
    pub fn empty(status: u16) -> Reply {
        Reply {
            status,
            body: None,
            headers: Vec::new(),
        }
    }

    /// Adds a header.
    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Reply {
        self.headers.push((name, value.into()));
        self
    }
}

/// The `WWW-Authenticate` challenges of a cluster with the token service and API keys enabled.
pub(crate) const CHALLENGES: [&str; 3] = [
    "Basic realm=\"security\" charset=\"UTF-8\"",
    "Bearer realm=\"security\"",
    "ApiKey",
];

/// Builds `{"error":{"root_cause":[…],"type","reason",…},"status"}`.
#[derive(Debug, Clone)]
pub(crate) struct EsError {
    status: u16,
    kind: String,
    reason: String,
    extra: Map<String, Value>,
    caused_by: Option<(String, String)>,
    headers: Vec<(&'static str, String)>,
}

impl EsError {
    pub fn new(status: u16, kind: &str, reason: impl Into<String>) -> EsError {
        EsError {
            status,
            kind: kind.to_owned(),
            reason: reason.into(),
            extra: Map::new(),
            caused_by: None,
            headers: Vec::new(),
        }
    }

    /// Adds a field next to `type` and `reason` (in the error and its root cause).
    pub fn field(mut self, key: &str, value: impl Into<Value>) -> EsError {
        self.extra.insert(key.to_owned(), value.into());
        self
    }

    /// Sets `caused_by` (which then becomes the root cause).
    pub fn caused_by(mut self, kind: &str, reason: impl Into<String>) -> EsError {
        self.caused_by = Some((kind.to_owned(), reason.into()));
        self
    }

    /// Adds `WWW-Authenticate` challenges, as an HTTP header and in the body's `header` field.
    pub fn challenges(mut self, values: &[&str]) -> EsError {
        let list: Vec<Value> = values.iter().map(|v| json!(v)).collect();
        self.extra
            .insert("header".into(), json!({ "WWW-Authenticate": list }));
        for v in values {
            self.headers.push(("www-authenticate", (*v).to_owned()));
        }
        self
    }

    pub fn reply(self) -> Reply {
        let mut top = Map::new();
        top.insert("type".into(), json!(self.kind));
        top.insert("reason".into(), json!(self.reason));
        for (k, v) in &self.extra {
            top.insert(k.clone(), v.clone());
        }
        let root = match &self.caused_by {
            Some((kind, reason)) => json!({"type": kind, "reason": reason}),
            None => Value::Object(top.clone()),
        };
        if let Some((kind, reason)) = &self.caused_by {
            top.insert("caused_by".into(), json!({"type": kind, "reason": reason}));
        }
        let mut map = Map::new();
        map.insert("root_cause".into(), json!([root]));
        map.extend(top);
        Reply {
            status: self.status,
            body: Some(json!({"error": Value::Object(map), "status": self.status})),
            headers: self.headers,
        }
    }
}

impl From<EsError> for Reply {
    fn from(e: EsError) -> Reply {
        e.reply()
    }
}

/// 400 `action_request_validation_exception`: "Validation Failed: 1: …;2: …;".
pub(crate) fn validation(errors: &[String]) -> Reply {
    let mut reason = String::from("Validation Failed: ");
    for (i, e) in errors.iter().enumerate() {
        reason.push_str(&format!("{}: {};", i + 1, e));
    }
    EsError::new(400, "action_request_validation_exception", reason).reply()
}

/// 400 `illegal_argument_exception`.
pub(crate) fn illegal_argument(reason: impl Into<String>) -> Reply {
    EsError::new(400, "illegal_argument_exception", reason).reply()
}

/// 400 `parse_exception` (the parsers of role descriptors, user bodies…).
pub(crate) fn parse_error(reason: impl Into<String>) -> Reply {
    EsError::new(400, "parse_exception", reason).reply()
}

/// 400 `x_content_parse_exception` (object parsers, malformed JSON).
pub(crate) fn x_content_parse(reason: impl Into<String>) -> Reply {
    EsError::new(400, "x_content_parse_exception", reason).reply()
}

/// 404 `resource_not_found_exception`.
pub(crate) fn not_found(reason: impl Into<String>) -> Reply {
    EsError::new(404, "resource_not_found_exception", reason).reply()
}

/// 403 `security_exception`.
pub(crate) fn forbidden(reason: impl Into<String>) -> Reply {
    EsError::new(403, "security_exception", reason).reply()
}

/// 401 `security_exception` with the three challenges.
pub(crate) fn unauthorized(reason: impl Into<String>) -> EsError {
    EsError::new(401, "security_exception", reason).challenges(&CHALLENGES)
}

/// An endpoint or feature this test server does not emulate: 501, Elasticsearch-shaped,
/// and saying so. Never a fake success.
pub(crate) fn not_emulated(what: &str, detail: &str) -> Reply {
    EsError::new(
        501,
        "unsupported_operation_exception",
        format!(
            "security-testkit does not emulate {what}: {detail}; this is a test server, not Elasticsearch (use a real cluster for this API)"
        ),
    )
    .field("testkit", true)
    .reply()
}

/// A missing or unparsable required body.
pub(crate) fn body_required() -> Reply {
    parse_error("request body is required")
}
