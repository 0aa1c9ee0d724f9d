//! The commands. Each is a module with `pub struct Args` (clap) and
//! `pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult`, registered by one line in
//! `commands!` below (its doc comment is the command's one-line help).

use crate::{CmdResult, Ctx};

pub mod api_keys;
pub mod apply;
pub mod can;
pub mod completions;
pub mod export;
mod objects;
pub mod plan;
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
    /// Exports roles, role mappings, users (never passwords) and application privileges as a desired-state file.
    Export => export,
    /// Shows what apply would change (exit 0: nothing, 2: changes pending).
    Plan => plan,
    /// Makes the cluster match desired-state files (asks first, unless --yes; --dry-run sends nothing).
    Apply => apply,
    /// Prints a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions => completions,
}
