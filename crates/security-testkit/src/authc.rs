//! Authentication of a request by its `Authorization` header: Basic (native and reserved
//! users), ApiKey, Bearer (access tokens and service-account tokens).

use crate::error::{unauthorized, EsError, Reply};
use crate::store::{State, User};
use crate::util::b64_decode;
use serde_json::{json, Map, Value};

/// Who a request is authenticated as.
#[derive(Clone, Debug)]
pub(crate) struct Authn {
    pub username: String,
    pub roles: Vec<String>,
    pub full_name: Option<String>,
    pub email: Option<String>,
    pub metadata: Map<String, Value>,
    /// (name, type) of the authentication realm.
    pub realm: (String, String),
    pub kind: AuthKind,
}

/// How the request authenticated.
#[derive(Clone, Debug)]
pub(crate) enum AuthKind {
    /// Username and password against a realm.
    Realm,
    /// An OAuth2 access token from get_token.
    Token,
    /// An API key.
    ApiKey { id: String, name: String },
    /// A service-account token.
    ServiceAccount { token_name: String },
}

impl Authn {
    /// The authentication of a user by its realm.
    pub fn of_user(user: &User) -> Authn {
        let (name, kind) = user.realm();
        Authn {
            username: user.username.clone(),
            roles: user.roles.clone(),
            full_name: user.full_name.clone(),
            email: user.email.clone(),
            metadata: user.metadata.clone(),
            realm: (name.to_owned(), kind.to_owned()),
            kind: AuthKind::Realm,
        }
    }

    /// The body of authenticate (and the `authentication` of get_token), as `version` shows it
    /// (9.4+ adds `managed_by` to API keys and service tokens, and `internal` to API keys).
    pub fn to_json(&self, version: crate::EsVersion) -> Value {
        let managed = version.has((9, 4));
        let realm = json!({"name": self.realm.0, "type": self.realm.1});
        let mut m = Map::new();
        m.insert("username".into(), json!(self.username));
        m.insert(
            "roles".into(),
            match self.kind {
                AuthKind::ApiKey { .. } | AuthKind::ServiceAccount { .. } => json!([]),
                _ => json!(self.roles),
            },
        );
        m.insert("full_name".into(), json!(self.full_name));
        m.insert("email".into(), json!(self.email));
        if let AuthKind::ServiceAccount { token_name } = &self.kind {
            let mut token = json!({"name": token_name, "type": "_service_account_index"});
            if managed {
                token["managed_by"] = json!("elasticsearch");
            }
            m.insert("token".into(), token);
        }
        m.insert("metadata".into(), Value::Object(self.metadata.clone()));
        m.insert("enabled".into(), json!(true));
        match &self.kind {
            AuthKind::ApiKey { .. } => {
                let api_key_realm = json!({"name": "_es_api_key", "type": "_es_api_key"});
                m.insert("authentication_realm".into(), api_key_realm.clone());
                m.insert("lookup_realm".into(), api_key_realm);
            }
            _ => {
                m.insert("authentication_realm".into(), realm.clone());
                m.insert("lookup_realm".into(), realm);
            }
        }
        m.insert(
            "authentication_type".into(),
            json!(self.authentication_type()),
        );
        if let AuthKind::ApiKey { id, name } = &self.kind {
            let mut key = json!({"id": id, "name": name});
            if managed {
                key["managed_by"] = json!("elasticsearch");
                key["internal"] = json!(false);
            }
            m.insert("api_key".into(), key);
        }
        Value::Object(m)
    }

    /// `realm`, `token` or `api_key`.
    pub fn authentication_type(&self) -> &'static str {
        match self.kind {
            AuthKind::Realm => "realm",
            AuthKind::Token | AuthKind::ServiceAccount { .. } => "token",
            AuthKind::ApiKey { .. } => "api_key",
        }
    }

    /// Whether this is an API key authentication.
    pub fn is_api_key(&self) -> bool {
        matches!(self.kind, AuthKind::ApiKey { .. })
    }
}

/// The `WWW-Authenticate` value of an expired (or invalidated) access token.
const EXPIRED_TOKEN: &str =
    "Bearer realm=\"security\", error=\"invalid_token\", error_description=\"The access token expired\"";

/// Authenticates a request. `uri` is the request URI as received (for the messages).
pub(crate) fn authenticate(
    state: &State,
    header: Option<&str>,
    uri: &str,
    now: i64,
) -> Result<Authn, Reply> {
    let missing = || {
        unauthorized(format!(
            "missing authentication credentials for REST request [{uri}]"
        ))
        .reply()
    };
    let Some(header) = header.map(str::trim) else {
        return Err(missing());
    };
    let (scheme, value) = match header.split_once(' ') {
        Some((s, v)) => (s, v.trim()),
        None => return Err(missing()),
    };
    if value.is_empty() {
        return Err(missing());
    }
    if scheme.eq_ignore_ascii_case("Basic") {
        basic(state, value, uri)
    } else if scheme.eq_ignore_ascii_case("ApiKey") {
        api_key(state, value, now)
    } else if scheme.eq_ignore_ascii_case("Bearer") {
        bearer(state, value, now)
    } else {
        Err(missing())
    }
}

/// Username and password against the reserved and native realms.
pub(crate) fn check_password<'s>(
    state: &'s State,
    username: &str,
    password: &str,
) -> Option<&'s User> {
    state
        .users
        .get(username)
        .filter(|u| u.enabled && u.password.as_deref() == Some(password))
}

fn basic(state: &State, value: &str, uri: &str) -> Result<Authn, Reply> {
    let decoded = b64_decode(value)
        .and_then(|b| String::from_utf8(b).ok())
        .ok_or_else(|| unauthorized("invalid basic authentication header encoding").reply())?;
    let Some((username, password)) = decoded.split_once(':') else {
        return Err(unauthorized("invalid basic authentication header value").reply());
    };
    match check_password(state, username, password) {
        Some(user) => Ok(Authn::of_user(user)),
        None => Err(unauthorized(format!(
            "unable to authenticate user [{username}] for REST request [{uri}]"
        ))
        .reply()),
    }
}

/// The failure of a credential that was tried: ES's generic message, with the reason in
/// `additional_unsuccessful_credentials`.
fn unsuccessful(detail: String) -> Reply {
    unauthorized(
        "unable to authenticate with provided credentials and anonymous access is not allowed for this request",
    )
    .field("additional_unsuccessful_credentials", detail)
    .reply()
}

fn api_key(state: &State, value: &str, now: i64) -> Result<Authn, Reply> {
    let decoded = b64_decode(value).and_then(|b| String::from_utf8(b).ok());
    let Some((id, secret)) = decoded
        .as_deref()
        .and_then(|d| d.split_once(':'))
        .filter(|(id, _)| !id.is_empty())
    else {
        return Err(unauthorized("error attempting to authenticate request")
            .caused_by("illegal_argument_exception", "invalid ApiKey value")
            .reply());
    };
    let Some(key) = state.api_keys.get(id) else {
        return Err(unsuccessful(format!(
            "API key: unable to find apikey with id {id}"
        )));
    };
    if key.invalidated {
        return Err(unsuccessful(format!(
            "API key: api key [{id}] has been invalidated"
        )));
    }
    if key.secret != secret {
        return Err(unsuccessful(format!(
            "API key: invalid credentials for API key [{id}]"
        )));
    }
    if key.expired(now) {
        return Err(unsuccessful("API key: api key is expired".to_owned()));
    }
    if key.key_type != "rest" {
        return Err(unsuccessful(format!(
            "API key: authentication expected API key type of [rest], but API key [{id}] has type [{}]",
            key.key_type
        )));
    }
    Ok(Authn {
        username: key.username.clone(),
        roles: Vec::new(),
        full_name: key.creator_full_name.clone(),
        email: key.creator_email.clone(),
        metadata: key.creator_metadata.clone(),
        realm: (key.realm.clone(), key.realm_type.clone()),
        kind: AuthKind::ApiKey {
            id: key.id.clone(),
            name: key.name.clone(),
        },
    })
}

/// Splits a service-account token: bytes `0 1 0 1`, then `namespace/service/name:secret`.
pub(crate) fn parse_service_token(value: &str) -> Option<(String, String, String)> {
    let bytes = b64_decode(value)?;
    let rest = bytes.strip_prefix(&[0u8, 1, 0, 1])?;
    let text = std::str::from_utf8(rest).ok()?;
    let (qualified, secret) = text.split_once(':')?;
    let (account, name) = qualified.rsplit_once('/')?;
    Some((account.to_owned(), name.to_owned(), secret.to_owned()))
}

fn bearer(state: &State, value: &str, now: i64) -> Result<Authn, Reply> {
    if let Some((account, name, secret)) = parse_service_token(value) {
        let ok = crate::store::service_account_descriptor(&account).is_some()
            && state
                .service_tokens
                .get(&(account.clone(), name.clone()))
                .is_some_and(|t| t.secret == secret);
        if !ok {
            return Err(unauthorized(format!(
                "failed to authenticate service account [{account}] with token name [{name}]"
            ))
            .reply());
        }
        let mut metadata = Map::new();
        metadata.insert("_elastic_service_account".into(), json!(true));
        return Ok(Authn {
            username: account.clone(),
            roles: Vec::new(),
            full_name: Some(format!("Service account - {account}")),
            email: None,
            metadata,
            realm: ("_service_account".into(), "_service_account".into()),
            kind: AuthKind::ServiceAccount { token_name: name },
        });
    }
    match state.tokens.get(value) {
        None => Err(unsuccessful("oauth2 token: invalid token".to_owned())),
        Some(t) if t.invalidated || t.expires <= now => {
            Err(EsError::new(401, "security_exception", "token expired")
                .challenges(&[EXPIRED_TOKEN])
                .reply())
        }
        Some(t) => {
            let mut authn = t.authn.clone();
            authn.kind = AuthKind::Token;
            Ok(authn)
        }
    }
}
