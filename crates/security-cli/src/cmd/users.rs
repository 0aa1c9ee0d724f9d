//! `es-security users list|get`.

use super::objects::{self, Kind, ListGet};
use crate::{CmdResult, Ctx};

/// Users of the native realm (and the built-in ones): list, or get by name.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  es-security users list\n  es-security users get alice -o yaml"
)]
pub struct Args {
    #[command(subcommand)]
    action: ListGet,
}

const KIND: Kind = Kind {
    singular: "user",
    command: "users",
};

/// Runs `users list|get` (`GET /_security/user[/{names}]`).
pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    let names = match args.action {
        ListGet::List => Vec::new(),
        ListGet::Get { names } => names,
    };
    let mut request = ctx.client.get_user();
    if !names.is_empty() {
        request = request.username(names.clone());
    }
    let map = objects::objects(ctx, &KIND, request.raw().await, &names)?;
    objects::print(
        ctx,
        map,
        &[
            "username",
            "roles",
            "full name",
            "email",
            "enabled",
            "reserved",
        ],
        |name, user| {
            vec![
                name.to_owned(),
                objects::strings(&user["roles"]),
                objects::text(&user["full_name"]),
                objects::text(&user["email"]),
                objects::yes_no(&user["enabled"]),
                if objects::reserved(user) { "yes" } else { "no" }.to_owned(),
            ]
        },
    )
}
