//! `es-security completions SHELL`: a completion script, from the same definition as the parser.

use crate::{CliError, CmdResult, Ctx};
use clap_complete::Shell;

/// Prints a completion script for SHELL to stdout.
///
/// bash: `es-security completions bash > ~/.local/share/bash-completion/completions/es-security`;
/// zsh: `es-security completions zsh > "${fpath[1]}/_es-security"`;
/// fish: `es-security completions fish > ~/.config/fish/completions/es-security.fish`.
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Example:\n  es-security completions bash > ~/.local/share/bash-completion/completions/es-security"
)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Completions need no connection: [`crate::run`] calls [`write()`] before connecting.
pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    use clap::CommandFactory;
    write(args.shell, &mut crate::Cli::command(), ctx.out)
}

/// Writes the script for `shell`.
pub fn write(shell: Shell, command: &mut clap::Command, out: &mut dyn std::io::Write) -> CmdResult {
    clap_complete::generate(shell, command, "es-security", out);
    out.flush().map_err(CliError::from)?;
    Ok(0)
}
