//! `es-security role-mappings list|get`.

use super::objects::{self, Kind, ListGet};
use crate::{CmdResult, Ctx};
use serde_json::Value;

/// Role mappings (which users of external realms get which roles): list, or get by name.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  es-security role-mappings list\n  es-security role-mappings get ldap_ops -o yaml"
)]
pub struct Args {
    #[command(subcommand)]
    action: ListGet,
}

const KIND: Kind = Kind {
    singular: "role mapping",
    command: "role-mappings",
};

/// Runs `role-mappings list|get` (`GET /_security/role_mapping[/{names}]`).
pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    let names = match args.action {
        ListGet::List => Vec::new(),
        ListGet::Get { names } => names,
    };
    let mut request = ctx.client.get_role_mapping();
    if !names.is_empty() {
        request = request.name(names.clone());
    }
    let map = objects::objects(ctx, &KIND, request.raw().await, &names)?;
    objects::print(
        ctx,
        map,
        &["name", "enabled", "roles", "rules"],
        |name, mapping| {
            let roles = match (&mapping["roles"], &mapping["role_templates"]) {
                (Value::Array(r), _) if !r.is_empty() => objects::strings(&mapping["roles"]),
                (_, Value::Array(t)) if !t.is_empty() => format!("{} template(s)", t.len()),
                _ => "-".to_owned(),
            };
            vec![
                name.to_owned(),
                objects::yes_no(&mapping["enabled"]),
                roles,
                mapping["rules"].to_string(),
            ]
        },
    )
}
