//! What this test server does not emulate: an Elasticsearch-shaped 501 that says so.

use crate::dispatch::Ctx;
use crate::error::{not_emulated, Outcome};
use crate::store::State;

/// SAML endpoints.
pub(crate) fn saml(_state: &mut State, ctx: &Ctx) -> Outcome {
    Err(not_emulated(
        "SAML",
        &format!(
            "[{} {}] needs a SAML realm and an identity provider",
            ctx.req.method, ctx.req.path
        ),
    ))
}

/// OpenID Connect endpoints.
pub(crate) fn oidc(_state: &mut State, ctx: &Ctx) -> Outcome {
    Err(not_emulated(
        "OpenID Connect",
        &format!(
            "[{} {}] needs an OpenID Connect realm and provider",
            ctx.req.method, ctx.req.path
        ),
    ))
}

/// User-profile endpoints.
pub(crate) fn profiles(_state: &mut State, ctx: &Ctx) -> Outcome {
    Err(not_emulated(
        "user profiles",
        &format!("[{} {}] is not implemented", ctx.req.method, ctx.req.path),
    ))
}

/// Cross-cluster API keys.
pub(crate) fn cross_cluster_api_key(_state: &mut State, ctx: &Ctx) -> Outcome {
    Err(not_emulated(
        "cross-cluster API keys",
        &format!(
            "[{} {}] needs remote cluster security",
            ctx.req.method, ctx.req.path
        ),
    ))
}

/// update_settings: there are no security indices to configure.
pub(crate) fn update_settings(_state: &mut State, _ctx: &Ctx) -> Outcome {
    Err(not_emulated(
        "security index settings updates",
        "it has no security indices whose settings could change",
    ))
}
