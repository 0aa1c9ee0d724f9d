//! `es-security export`: the cluster's roles, role mappings, users and application privileges
//! as a desired-state file.

use crate::output::Format;
use crate::{CliError, CmdResult, Ctx};
use std::path::PathBuf;

/// Export roles, role mappings, users (never passwords) and application privileges.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Reserved and read-only objects are left out (they cannot be managed). The output is normalised
and sorted: two exports of the same state are identical. YAML unless `-o json`.

Examples:
  es-security export > security.yaml
  es-security export -o json --file security.json
  es-security plan -f security.yaml     (nothing to change right after an export)")]
pub struct Args {
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// Runs `export`.
pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    let bar = ctx.progress(security_sync::FETCH_READS, "reading");
    let actual = security_sync::fetch_reporting(&ctx.client, |done, what| {
        bar.set_position(done);
        bar.set_message(format!("reading {what}"));
    })
    .await;
    bar.finish_and_clear();
    let actual = actual.map_err(|e| ctx.client_error(e))?;
    let document = actual.export();
    let text = match ctx.format {
        Format::Json => format!("{}\n", serde_json::to_string_pretty(&document)?),
        Format::Yaml | Format::Table => security_sync::to_yaml(&document),
    };
    match args.file {
        Some(path) => {
            std::fs::write(&path, text)
                .map_err(|e| CliError::new(format!("cannot write {}: {e}", path.display())))?;
            writeln!(ctx.err, "exported to {}", path.display())?;
        }
        None => ctx.out.write_all(text.as_bytes())?,
    }
    Ok(0)
}
