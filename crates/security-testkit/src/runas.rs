//! Run-as: the `es-security-runas-user` header, as Elasticsearch checks it. The authenticated
//! user (password or token, not an API key or service account) needs a role whose `run_as`
//! patterns match the target; the target must be an enabled user of the native or reserved
//! realm. The request then runs as the target, with the target's roles. Refusals are
//! Elasticsearch's 403 ("… is unauthorized to run as [target]"), unknown and disabled targets
//! included, so that a refusal does not tell whether the user exists.
//!
//! One simplification: `authenticate` then shows the target's realm as both the authentication
//! and the lookup realm (Elasticsearch shows the caller's realm as the authentication realm).

use crate::authc::{AuthKind, Authn};
use crate::error::{forbidden, Reply};
use crate::store::State;
use crate::util::glob_match;
use serde_json::Value;

/// The authentication to use for a request that asks to run as `target`.
pub(crate) fn run_as(state: &State, authn: Authn, target: &str) -> Result<Authn, Reply> {
    let by_realm = matches!(authn.kind, AuthKind::Realm | AuthKind::Token);
    let allowed = by_realm
        && authn
            .roles
            .iter()
            .filter_map(|r| state.role(r))
            .any(|role| {
                role["run_as"].as_array().is_some_and(|patterns| {
                    patterns
                        .iter()
                        .filter_map(Value::as_str)
                        .any(|p| glob_match(p, target))
                })
            });
    match state.users.get(target).filter(|u| u.enabled) {
        Some(user) if allowed => Ok(Authn::of_user(user)),
        _ => {
            let mut roles = authn.roles.clone();
            roles.sort();
            roles.dedup();
            Err(forbidden(format!(
                "action [run_as] is unauthorized for user [{}] with effective roles [{}], because user [{}] is unauthorized to run as [{target}]",
                authn.username,
                roles.join(","),
                authn.username
            )))
        }
    }
}
