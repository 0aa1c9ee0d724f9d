//! The commands. Each is a module with `pub struct Args` (clap) and
//! `pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult`, registered by one line in
//! `commands!` below (its doc comment is the command's one-line help).

use crate::{CmdResult, Ctx};

pub mod api_keys;
pub mod can;
pub mod completions;
mod objects;
pub mod role_mappings;
pub mod roles;
pub mod users;
pub mod whoami;

macro_rules! commands {
    ($( $(#[$doc:meta])* $variant:ident => $module:ident, )*) => {
        /// The subcommands.
        #[derive(clap::Subcommand, Debug)]
        pub enum Command {
            $( $(#[$doc])* $variant($module::Args), )*
        }

        /// Runs a subcommand.
        pub(crate) async fn dispatch(command: Command, ctx: &mut Ctx<'_>) -> CmdResult {
            match command {
                $( Command::$variant(args) => $module::run(args, ctx).await, )*
            }
        }
    };
}

commands! {
    /// Who am I: the authenticated user, realm, roles, authentication type, and the cluster.
    Whoami => whoami,
    /// Users: list, get.
    Users => users,
    /// Roles: list, get.
    Roles => roles,
    /// Role mappings: list, get.
    RoleMappings => role_mappings,
    /// API keys: list, get, rotate, prune.
    ApiKeys => api_keys,
    /// Can USER do this? has_privileges as the user, and which roles grant or would grant it.
    Can => can,
    /// Prints a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions => completions,
}
