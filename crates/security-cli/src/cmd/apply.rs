//! `es-security apply -f FILE…`: make the cluster match the files.

use crate::cmd::plan::{compute, render};
use crate::{CliError, CmdResult, Ctx};
use security_sync::Action;
use std::io::BufRead;
use std::path::PathBuf;

/// Make the cluster match the desired-state files (asks first, unless --yes).
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Prints the plan, asks for confirmation (or --yes), then applies it: roles in one bulk request
where the server has it (8.15 and later), one at a time otherwise; then role mappings, users,
application privileges; deletions last (roles again in one bulk request from 8.15). Reports
per object. A second plan is empty.
--dry-run prints the exact HTTP requests (passwords redacted) and sends nothing.

Examples:
  es-security apply -f security.yaml
  es-security apply -f security.yaml --dry-run
  JDOE_PASSWORD=... es-security apply -f security.yaml --yes")]
pub struct Args {
    /// Desired-state files (YAML or JSON), merged; a name given twice is an error.
    #[arg(short = 'f', long = "file", value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Apply without asking.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the HTTP requests that would be sent, and send nothing.
    #[arg(long, conflicts_with = "yes")]
    pub dry_run: bool,
}

/// Runs `apply`.
pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    let (desired, plan) = compute(&args.files, ctx).await?;
    render(&plan, ctx.err_styles, ctx.err)?;
    if !plan.has_changes() {
        writeln!(ctx.err, "Nothing to change.")?;
        return Ok(0);
    }
    let version = ctx
        .client
        .learn_server_version()
        .await
        .map_err(|e| ctx.client_error(e))?;
    // Serverless projects keep the bulk role endpoints private: one put_role/delete_role each there.
    let bulk = !ctx.client.is_serverless() && security_sync::has_bulk_roles(version);
    let steps = security_sync::requests(&plan, &desired, bulk).map_err(|e| {
        CliError::new(e.to_string())
            .hint("set the variable or create the file the desired state names")
    })?;
    if args.dry_run {
        writeln!(
            ctx.err,
            "Dry run: {} request(s) would be sent; nothing was sent.",
            steps.len()
        )?;
        for step in &steps {
            writeln!(ctx.out, "{step}\n")?;
        }
        return Ok(0);
    }
    if !args.yes {
        if !ctx.interactive {
            return Err(CliError::new("not applying without confirmation")
                .hint("pass --yes to apply without asking, or --dry-run to see the requests"));
        }
        write!(ctx.err, "Apply these changes? Only 'yes' is accepted: ")?;
        ctx.err.flush()?;
        let mut answer = String::new();
        std::io::stdin().lock().read_line(&mut answer)?;
        if answer.trim() != "yes" {
            writeln!(ctx.err, "Not applied.")?;
            return Ok(1);
        }
    }
    let bar = ctx.progress(steps.len() as u64, "applying");
    let mut failed = 0;
    let mut done = 0;
    for step in steps {
        let outcomes = security_sync::execute(&ctx.client, vec![step]).await;
        bar.inc(1);
        for outcome in outcomes {
            let (kind, name) = &outcome.object;
            let verb = match (&outcome.action, &plan_action(&plan, kind, name)) {
                (_, Some(Action::Create)) => "created",
                (Action::Delete, _) => "deleted",
                _ => "changed",
            };
            match outcome.result {
                Ok(()) => {
                    done += 1;
                    let gone = if outcome.not_found {
                        " (it was already gone)"
                    } else {
                        ""
                    };
                    let text = format!("{verb} {kind} {name}{gone}");
                    bar.suspend(|| {
                        writeln!(
                            ctx.out,
                            "{}",
                            crate::output::Styles::paint(ctx.styles.good, &text)
                        )
                    })?;
                }
                Err(reason) => {
                    failed += 1;
                    let text = format!("failed {kind} {name}: {reason}");
                    bar.suspend(|| {
                        writeln!(
                            ctx.out,
                            "{}",
                            crate::output::Styles::paint(ctx.styles.bad, &text)
                        )
                    })?;
                }
            }
        }
    }
    bar.finish_and_clear();
    writeln!(ctx.err, "Applied: {done} object(s) done, {failed} failed.")?;
    if failed > 0 {
        return Err(
            CliError::new(format!("{failed} object(s) could not be applied"))
                .hint("see the reasons above; fix the file or the cluster and run apply again"),
        );
    }
    Ok(0)
}

fn plan_action(
    plan: &security_sync::Plan,
    kind: &security_sync::Kind,
    name: &str,
) -> Option<Action> {
    plan.entries
        .iter()
        .find(|e| e.key.0 == *kind && e.key.1 == name)
        .map(|e| e.action.clone())
}
