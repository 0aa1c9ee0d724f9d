//! OAuth2-style tokens: get_token (password, client_credentials, refresh_token grants) and
//! invalidate_token.

use super::opt_string;
use crate::authc::{check_password, AuthKind, Authn};
use crate::dispatch::Ctx;
use crate::error::{illegal_argument, not_emulated, unauthorized, validation, Outcome, Reply};
use crate::store::{State, Token};
use crate::util::{b64, random_bytes};
use serde_json::{json, Value};

const ACTION_CREATE: &str = "cluster:admin/xpack/security/token/create";
const ACTION_REFRESH: &str = "cluster:admin/xpack/security/token/refresh";
const ACTION_INVALIDATE: &str = "cluster:admin/xpack/security/token/invalidate";
/// The validation message of a missing or unknown grant type.
const SUPPORTED: &str =
    "grant_type only supports the values: [password, _kerberos, refresh_token, client_credentials]";
/// Refresh tokens live 24 hours.
const REFRESH_LIFETIME_MS: i64 = 24 * 3600 * 1000;

/// An RFC 6749 error answer, as Elasticsearch sends for the token endpoint.
fn token_error(error: &str, description: impl Into<String>) -> Reply {
    Reply::with_status(
        400,
        json!({"error": error, "error_description": description.into()}),
    )
}

fn validation_text(errors: &[String]) -> String {
    let mut s = String::from("Validation Failed: ");
    for (i, e) in errors.iter().enumerate() {
        s.push_str(&format!("{}: {};", i + 1, e));
    }
    s
}

/// Issues a token pair for `authn` (kind `Realm`: the authentication the token stands for).
fn issue(
    state: &mut State,
    ctx: &Ctx,
    authn: Authn,
    with_refresh: bool,
    scope: Option<String>,
) -> Value {
    let access = b64(random_bytes(64));
    let refresh = with_refresh.then(|| crate::util::random_id(16));
    let lifetime = ctx.shared.config.token_lifetime.as_millis() as i64;
    state.tokens.insert(
        access.clone(),
        Token {
            authn: authn.clone(),
            expires: ctx.now.saturating_add(lifetime),
            invalidated: false,
            refresh_expires: ctx.now.saturating_add(REFRESH_LIFETIME_MS),
            refresh_used: false,
            refresh_invalidated: false,
        },
    );
    let mut out = json!({
        "access_token": access,
        "type": "Bearer",
        "expires_in": lifetime / 1000,
    });
    if let Some(scope) = scope {
        out["scope"] = json!(scope);
    }
    if let Some(refresh) = refresh {
        state.refresh_tokens.insert(refresh.clone(), access);
        out["refresh_token"] = json!(refresh);
    }
    out["authentication"] = authn.to_json(ctx.version());
    out
}

/// POST /_security/oauth2/token
pub(crate) fn get_token(state: &mut State, ctx: &Ctx) -> Outcome {
    let body = ctx.body();
    const PARSER: &str = "token request";
    for key in body.as_object().into_iter().flatten().map(|(k, _)| k) {
        if !matches!(
            key.as_str(),
            "grant_type" | "username" | "password" | "refresh_token" | "scope" | "kerberos_ticket"
        ) {
            return Err(token_error(
                "invalid_request",
                format!("[{PARSER}] unknown field [{key}]"),
            ));
        }
    }
    let grant_type = opt_string(body, "grant_type", PARSER)?;
    let username = opt_string(body, "username", PARSER)?;
    let password = opt_string(body, "password", PARSER)?;
    let refresh_token = opt_string(body, "refresh_token", PARSER)?;
    let scope = opt_string(body, "scope", PARSER)?;
    let kerberos = !body["kerberos_ticket"].is_null();
    let mut errors = Vec::new();
    match grant_type.as_deref() {
        None => errors.push(SUPPORTED.to_owned()),
        Some("password") => {
            if username.as_deref().is_none_or(str::is_empty) {
                errors.push("username is missing".to_owned());
            }
            if password.as_deref().is_none_or(str::is_empty) {
                errors.push("password is missing".to_owned());
            }
            if refresh_token.is_some() {
                errors
                    .push("refresh_token is not supported with the password grant_type".to_owned());
            }
            if kerberos {
                errors.push(
                    "kerberos_ticket is not supported with the password grant_type".to_owned(),
                );
            }
        }
        Some("refresh_token") => {
            if username.is_some() {
                errors
                    .push("username is not supported with the refresh_token grant_type".to_owned());
            }
            if password.is_some() {
                errors
                    .push("password is not supported with the refresh_token grant_type".to_owned());
            }
            if refresh_token.as_deref().is_none_or(str::is_empty) {
                errors.push("refresh_token is missing".to_owned());
            }
        }
        Some("client_credentials") => {
            if username.is_some() {
                errors.push(
                    "username is not supported with the client_credentials grant_type".to_owned(),
                );
            }
            if password.is_some() {
                errors.push(
                    "password is not supported with the client_credentials grant_type".to_owned(),
                );
            }
            if refresh_token.is_some() {
                errors.push(
                    "refresh_token is not supported with the client_credentials grant_type"
                        .to_owned(),
                );
            }
        }
        Some("_kerberos") => {
            return Err(not_emulated(
                "Kerberos",
                "the [_kerberos] grant needs a Kerberos realm",
            ));
        }
        Some(_) => errors.push(SUPPORTED.to_owned()),
    }
    if !errors.is_empty() {
        // Elasticsearch's rule: any message naming grant_type makes it unsupported_grant_type.
        let error = if errors.iter().any(|e| e.contains("grant_type")) {
            "unsupported_grant_type"
        } else {
            "invalid_request"
        };
        return Err(token_error(error, validation_text(&errors)));
    }
    match grant_type.as_deref() {
        Some("refresh_token") => {
            ctx.require(state, ACTION_REFRESH, false)?;
            let refresh = refresh_token.unwrap_or_default();
            let Some(access) = state.refresh_tokens.get(&refresh).cloned() else {
                return Err(token_error(
                    "invalid_grant",
                    "could not refresh the requested token",
                ));
            };
            let Some(old) = state.tokens.get_mut(&access) else {
                return Err(token_error(
                    "invalid_grant",
                    "could not refresh the requested token",
                ));
            };
            if old.refresh_invalidated {
                return Err(token_error("invalid_grant", "token has been invalidated"));
            }
            if old.refresh_used {
                return Err(token_error(
                    "invalid_grant",
                    "token has already been refreshed",
                ));
            }
            if old.refresh_expires <= ctx.now {
                return Err(token_error("invalid_grant", "refresh token is expired"));
            }
            old.refresh_used = true;
            let authn = old.authn.clone();
            Ok(Reply::ok(issue(state, ctx, authn, true, scope)))
        }
        Some("password") => {
            ctx.require(state, ACTION_CREATE, false)?;
            let username = username.unwrap_or_default();
            let Some(user) =
                check_password(state, &username, password.as_deref().unwrap_or_default())
            else {
                return Err(unauthorized(format!(
                    "unable to authenticate user [{username}] for action [{ACTION_CREATE}]"
                ))
                .reply());
            };
            let authn = Authn::of_user(user);
            Ok(Reply::ok(issue(state, ctx, authn, true, scope)))
        }
        _ => {
            ctx.require(state, ACTION_CREATE, false)?;
            let mut authn = ctx.authn.clone();
            match authn.kind {
                AuthKind::ApiKey { .. } | AuthKind::ServiceAccount { .. } => {
                    return Err(illegal_argument(format!(
                        "cannot create an OAuth2 token for an authentication of type [{}]",
                        ctx.authn.authentication_type()
                    )))
                }
                _ => authn.kind = AuthKind::Realm,
            }
            Ok(Reply::ok(issue(state, ctx, authn, false, scope)))
        }
    }
}

/// DELETE /_security/oauth2/token
pub(crate) fn invalidate_token(state: &mut State, ctx: &Ctx) -> Outcome {
    let body = ctx.body();
    const PARSER: &str = "invalidate token request";
    super::known_fields(
        body,
        &["token", "refresh_token", "realm_name", "username"],
        PARSER,
    )?;
    let token = opt_string(body, "token", PARSER)?.filter(|s| !s.is_empty());
    let refresh = opt_string(body, "refresh_token", PARSER)?.filter(|s| !s.is_empty());
    let realm = opt_string(body, "realm_name", PARSER)?.filter(|s| !s.is_empty());
    let username = opt_string(body, "username", PARSER)?.filter(|s| !s.is_empty());
    let mut errors = Vec::new();
    if token.is_some() && refresh.is_some() {
        errors.push("only one of [token, refresh_token] may be sent per request".to_owned());
    }
    if (token.is_some() || refresh.is_some()) && (realm.is_some() || username.is_some()) {
        errors.push(
            "token or refresh_token can't be specified together with realm_name or username"
                .to_owned(),
        );
    }
    if token.is_none() && refresh.is_none() && realm.is_none() && username.is_none() {
        errors.push(
            "One of [token, refresh_token, realm_name, username] must be specified".to_owned(),
        );
    }
    if !errors.is_empty() {
        return Err(validation(&errors));
    }
    ctx.require(state, ACTION_INVALIDATE, false)?;
    let mut invalidated = 0;
    let mut previously = 0;
    if let Some(token) = token {
        match state.tokens.get_mut(&token) {
            Some(t) if t.invalidated => previously += 1,
            Some(t) => {
                t.invalidated = true;
                invalidated += 1;
            }
            None => return Err(Reply::with_status(404, result(0, 0))),
        }
    } else if let Some(refresh) = refresh {
        let access = state
            .refresh_tokens
            .get(&refresh)
            .cloned()
            .unwrap_or_default();
        match state.tokens.get_mut(&access) {
            Some(t) if t.refresh_invalidated => previously += 1,
            Some(t) => {
                t.refresh_invalidated = true;
                invalidated += 1;
            }
            None => return Err(Reply::with_status(404, result(0, 0))),
        }
    } else {
        for t in state.tokens.values_mut() {
            let selected = username.as_deref().is_none_or(|u| t.authn.username == u)
                && realm.as_deref().is_none_or(|r| t.authn.realm.0 == r);
            if !selected || t.expires <= ctx.now {
                continue;
            }
            if t.invalidated {
                previously += 1;
            } else {
                t.invalidated = true;
                t.refresh_invalidated = true;
                invalidated += 1;
            }
        }
    }
    Ok(Reply::ok(result(invalidated, previously)))
}

fn result(invalidated: usize, previously: usize) -> Value {
    json!({
        "invalidated_tokens": invalidated,
        "previously_invalidated_tokens": previously,
        "error_count": 0,
    })
}
