//! `es-security roles list|get`.

use super::objects::{self, Kind, ListGet};
use crate::{CmdResult, Ctx};
use serde_json::Value;

/// Roles (native and built-in): list, or get by name.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  es-security roles list\n  es-security roles get logs_reader -o json"
)]
pub struct Args {
    #[command(subcommand)]
    action: ListGet,
}

const KIND: Kind = Kind {
    singular: "role",
    command: "roles",
};

/// Runs `roles list|get` (`GET /_security/role[/{names}]`).
pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    let names = match args.action {
        ListGet::List => Vec::new(),
        ListGet::Get { names } => names,
    };
    let mut request = ctx.client.get_role();
    if !names.is_empty() {
        request = request.name(names.clone());
    }
    let map = objects::objects(ctx, &KIND, request.raw().await, &names)?;
    objects::print(
        ctx,
        map,
        &[
            "name",
            "cluster",
            "indices",
            "applications",
            "run as",
            "reserved",
        ],
        |name, role| {
            vec![
                name.to_owned(),
                objects::strings(&role["cluster"]),
                entries(&role["indices"], |i| {
                    format!(
                        "{}: {}",
                        objects::strings(&i["names"]),
                        objects::strings(&i["privileges"])
                    )
                }),
                entries(&role["applications"], |a| {
                    format!(
                        "{}: {} on {}",
                        objects::text(&a["application"]),
                        objects::strings(&a["privileges"]),
                        objects::strings(&a["resources"])
                    )
                }),
                objects::strings(&role["run_as"]),
                if objects::reserved(role) { "yes" } else { "no" }.to_owned(),
            ]
        },
    )
}

/// Each entry of a JSON array rendered by `f`, joined by `; ` (`-` when none).
fn entries(value: &Value, f: impl Fn(&Value) -> String) -> String {
    let items: Vec<String> = value
        .as_array()
        .map(|a| a.iter().map(f).collect())
        .unwrap_or_default();
    if items.is_empty() {
        "-".to_owned()
    } else {
        items.join("; ")
    }
}
