//! `es-security`: the Elasticsearch security API from the command line.
//!
//! The binary is a thin shell: [`run`] parses the arguments, connects (flags, the `ES_*`
//! variables, or `--testkit`), runs one command and renders its result. Tests call [`run`] with
//! captured output ([`Io::captured`]).
//!
//! Adding a command: a module in [`cmd`] with `pub struct Args` (clap) and
//! `pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult`, and one line in the
//! `commands!` list of `cmd/mod.rs`.

pub mod cmd;
pub mod connect;
mod demo;
pub mod error;
pub mod output;

use clap::{CommandFactory, Parser};
pub use error::CliError;
use output::{ColorChoice, Format, Styles};
use security_client::SecurityClient;
use std::ffi::OsString;
use std::io::{IsTerminal, Write};

/// What a command returns: its exit code (0; 3 for `can` with a missing privilege; 2 is kept
/// for `plan` with changes), or an error (exit code 1).
pub type CmdResult = Result<i32, CliError>;

const EXAMPLES: &str = "\
Examples:
  es-security --testkit whoami                    try it without a cluster (in-repo test server)
  export ES_URL=https://localhost:9200 ES_API_KEY=...   (or ES_USERNAME / ES_PASSWORD)
  es-security whoami
  es-security roles list -o yaml
  es-security api-keys list --expiring-within 7d
  es-security api-keys rotate ci-deploy --overlap 24h > new-key.json
  es-security can alice --index 'logs-*:read' --cluster monitor
  es-security completions bash > /etc/bash_completion.d/es-security

Exit codes: 0 success, 1 error (including usage errors), 3 a privilege is missing (can).";

/// The command line.
#[derive(Parser, Debug)]
#[command(
    name = "es-security",
    version,
    about = "Manage Elasticsearch security from the command line: who am I, users, roles, role mappings, API keys (rotate, prune), privilege explanations.",
    after_help = EXAMPLES,
    propagate_version = true
)]
pub struct Cli {
    /// Connection.
    #[command(flatten)]
    pub connection: connect::ConnectionArgs,
    /// Output format of data.
    #[arg(short, long, global = true, value_enum, default_value_t = Format::Table)]
    pub output: Format,
    /// When to use colours (`auto`: on a terminal, unless NO_COLOR is set).
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// The command.
    #[command(subcommand)]
    pub command: cmd::Command,
}

/// Where the output goes, and what the streams are.
pub struct Io<'a> {
    /// Data (stdout).
    pub out: &'a mut dyn Write,
    /// Messages, progress and errors (stderr).
    pub err: &'a mut dyn Write,
    /// Whether stdout is a terminal.
    pub out_is_terminal: bool,
    /// Whether stderr is a terminal.
    pub err_is_terminal: bool,
    /// Whether `NO_COLOR` is set (and not empty).
    pub no_color: bool,
    /// Whether stdin is a terminal (for confirmations).
    pub stdin_is_terminal: bool,
}

impl<'a> Io<'a> {
    /// The process's stdout and stderr (and whether they are terminals, and `NO_COLOR`).
    pub fn std(out: &'a mut std::io::Stdout, err: &'a mut std::io::Stderr) -> Self {
        Io {
            out_is_terminal: out.is_terminal(),
            err_is_terminal: err.is_terminal(),
            out,
            err,
            no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
            stdin_is_terminal: std::io::stdin().is_terminal(),
        }
    }
}

impl<'a> Io<'a> {
    /// Output into buffers, no terminal (for tests).
    pub fn captured(out: &'a mut Vec<u8>, err: &'a mut Vec<u8>) -> Self {
        Io {
            out,
            err,
            out_is_terminal: false,
            err_is_terminal: false,
            no_color: false,
            stdin_is_terminal: false,
        }
    }
}

/// What a command gets: the client, the output streams, the format and styles.
pub struct Ctx<'a> {
    /// The authenticated client.
    pub client: SecurityClient,
    /// The cluster's URL (for messages).
    pub url: String,
    /// Data goes here (stdout).
    pub out: &'a mut dyn Write,
    /// Messages and progress go here (stderr).
    pub err: &'a mut dyn Write,
    /// `--output`.
    pub format: Format,
    /// Styles for stdout.
    pub styles: Styles,
    /// Styles for stderr.
    pub err_styles: Styles,
    /// Whether to draw progress bars (stderr is a terminal).
    pub draw_progress: bool,
    /// Whether stdin is a terminal (a confirmation can be asked).
    pub interactive: bool,
    /// The test server of `--testkit`, if any (kept alive for the command).
    pub testkit: Option<security_testkit::TestServer>,
}

impl Ctx<'_> {
    /// Writes data in the `--output` format (JSON or YAML; `table` gives JSON: commands render
    /// their own tables).
    pub fn data(&mut self, value: &impl serde::Serialize) -> Result<(), CliError> {
        output::write_data(self.out, self.format, value)
    }

    /// A progress bar on stderr (hidden unless stderr is a terminal).
    pub fn progress(&self, len: u64, message: &str) -> indicatif::ProgressBar {
        output::progress_bar(len, message, self.draw_progress)
    }

    /// A client error as a [`CliError`] with a hint.
    pub fn client_error(&self, error: security_client::Error) -> CliError {
        CliError::from_client(error, &self.url)
    }
}

/// Runs `es-security` with these arguments (the first is the program name) and returns the
/// exit code.
pub fn run<I, T>(args: I, io: Io<'_>) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let Io {
        out,
        err,
        out_is_terminal,
        err_is_terminal,
        no_color,
        stdin_is_terminal,
    } = io;
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            let (stream, code): (&mut dyn Write, i32) = match e.kind() {
                ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => (out, 0),
                _ => (err, 1),
            };
            let color = if code == 0 {
                out_is_terminal
            } else {
                err_is_terminal
            } && !no_color;
            let text = if color {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let _ = stream.write_all(text.as_bytes());
            // clap's "help on missing subcommand" is an error for the user: exit 1 after it.
            return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                1
            } else {
                code
            };
        }
    };
    let err_color = cli.color.enabled(err_is_terminal, no_color);
    let err_styles = Styles::new(err_color);
    let result = if let cmd::Command::Completions(args) = &cli.command {
        cmd::completions::write(args.shell, &mut Cli::command(), out)
    } else {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build();
        match runtime {
            Ok(runtime) => runtime.block_on(async {
                let connection = cli.connection.connect(err).await?;
                let mut ctx = Ctx {
                    client: connection.client,
                    url: connection.url,
                    out,
                    err,
                    format: cli.output,
                    styles: Styles::new(cli.color.enabled(out_is_terminal, no_color)),
                    err_styles,
                    draw_progress: err_is_terminal,
                    interactive: stdin_is_terminal,
                    testkit: connection.testkit,
                };
                let code = cmd::dispatch(cli.command, &mut ctx).await;
                ctx.out.flush()?;
                code
            }),
            Err(e) => Err(CliError::new(format!(
                "cannot start the async runtime: {e}"
            ))),
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            let _ = writeln!(
                err,
                "{} {}",
                Styles::paint(err_styles.bad, "error:"),
                e.message
            );
            if let Some(hint) = &e.hint {
                let _ = writeln!(err, "  {} {hint}", Styles::paint(err_styles.warn, "hint:"));
            }
            1
        }
    }
}
