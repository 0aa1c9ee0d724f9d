//! `es-security whoami`: the authenticated user and the cluster.

use crate::output::Format;
use crate::{CmdResult, Ctx};
use security_client::users::AuthenticateResponse;

/// Who am I: the authenticated user, realm, roles, authentication type, and the cluster.
#[derive(clap::Args, Debug)]
#[command(after_help = "Examples:\n  es-security whoami\n  es-security whoami -o json | jq .roles")]
pub struct Args {}

/// Runs `whoami`: `_authenticate` (JSON/YAML: its answer as the server gave it) and `GET /`.
pub async fn run(_args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    let raw = ctx
        .client
        .authenticate()
        .raw()
        .await
        .map_err(|e| ctx.client_error(e))?;
    if ctx.format != Format::Table {
        let value: serde_json::Value = raw.json().map_err(|e| ctx.client_error(e))?;
        ctx.data(&value)?;
        return Ok(0);
    }
    let me: AuthenticateResponse = raw.json().map_err(|e| ctx.client_error(e))?;
    let info = ctx.client.info().await.map_err(|e| ctx.client_error(e))?;
    let mut lines: Vec<(&str, String)> = vec![("User", me.username.clone())];
    if let Some(name) = me.full_name.as_ref().filter(|n| !n.is_empty()) {
        lines.push(("Full name", name.clone()));
    }
    lines.push(("Roles", list_or_none(&me.roles)));
    lines.push((
        "Realm",
        format!(
            "{} ({})",
            me.authentication_realm.name, me.authentication_realm.realm_type
        ),
    ));
    if me.lookup_realm.name != me.authentication_realm.name {
        lines.push((
            "Lookup realm",
            format!("{} ({})", me.lookup_realm.name, me.lookup_realm.realm_type),
        ));
    }
    lines.push(("Authenticated by", me.authentication_type.clone()));
    if let Some(key) = &me.api_key {
        lines.push((
            "API key",
            match &key.name {
                Some(name) => format!("{name} ({})", key.id),
                None => key.id.clone(),
            },
        ));
    }
    lines.push((
        "Cluster",
        format!(
            "{} at {}, Elasticsearch {}",
            info.cluster_name, ctx.url, info.version.number
        ),
    ));
    let styles = ctx.styles;
    for (key, value) in lines {
        let label = format!("{key}:");
        let pad = 18usize.saturating_sub(label.chars().count());
        let label = crate::output::Styles::paint(styles.header, &label);
        writeln!(ctx.out, "{label}{:pad$}{value}", "")?;
    }
    Ok(0)
}

/// `a, b, c`, or `(none)`.
pub(crate) fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "(none)".to_owned()
    } else {
        items.join(", ")
    }
}
