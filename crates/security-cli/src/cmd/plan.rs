//! `es-security plan -f FILE…`: what apply would change, per object, with a field-level diff.

use crate::output::{Format, Styles};
use crate::{CliError, CmdResult, Ctx};
use security_sync::{Action, Desired, Plan};
use std::path::PathBuf;

/// Show what `apply` would change: per object created, changed, deleted or unchanged.
#[derive(clap::Args, Debug)]
#[command(after_help = "\
Exit code: 0 nothing to change, 2 changes pending, 1 error (like terraform plan -detailed-exitcode).
Only objects the files name are changed; an object they no longer name is deleted only when it
carries the ownership marker (metadata es_security_managed: true, set by apply). Reserved and
operator-defined read-only objects are listed and never touched.

Examples:
  es-security plan -f security.yaml
  es-security plan -f roles.yaml -f users.yaml -o json")]
pub struct Args {
    /// Desired-state files (YAML or JSON), merged; a name given twice is an error.
    #[arg(short = 'f', long = "file", value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
}

/// Loads the files and computes the plan against the cluster.
pub(crate) async fn compute(
    files: &[PathBuf],
    ctx: &mut Ctx<'_>,
) -> Result<(Desired, Plan), CliError> {
    let state = security_sync::load(files).map_err(|e| {
        CliError::new(e.to_string()).hint(
            "fix the desired-state file; its fields are described in the README (security as code)",
        )
    })?;
    let desired = Desired::new(&state);
    let actual = security_sync::fetch(&ctx.client)
        .await
        .map_err(|e| ctx.client_error(e))?;
    let plan = Plan::new(&desired, &actual).map_err(|e| CliError::new(e.to_string()))?;
    Ok((desired, plan))
}

/// Runs `plan`.
pub async fn run(args: Args, ctx: &mut Ctx<'_>) -> CmdResult {
    let (_, plan) = compute(&args.files, ctx).await?;
    match ctx.format {
        Format::Table => render(&plan, ctx.styles, ctx.out)?,
        format => crate::output::write_data(ctx.out, format, &to_json(&plan))?,
    }
    Ok(if plan.has_changes() { 2 } else { 0 })
}

/// The human plan: the library's text, coloured by line on a terminal.
pub(crate) fn render(
    plan: &Plan,
    styles: Styles,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    for line in plan.to_string().lines() {
        let trimmed = line.trim_start();
        let style = if line.starts_with("Plan:") {
            styles.header
        } else if trimmed.starts_with('+') {
            styles.good
        } else if trimmed.starts_with('-') {
            styles.bad
        } else if trimmed.starts_with('~') || trimmed.starts_with('!') {
            styles.warn
        } else {
            styles.dim
        };
        writeln!(out, "{}", Styles::paint(style, line))?;
    }
    Ok(())
}

fn action_name(action: &Action) -> &'static str {
    match action {
        Action::Create => "create",
        Action::Change => "change",
        Action::Delete => "delete",
        Action::Unchanged => "unchanged",
        Action::Protected {
            protection: security_sync::Protection::Reserved,
            ..
        } => "reserved",
        Action::Protected { .. } => "read_only",
        Action::Unmanaged => "unmanaged",
    }
}

/// The plan as data: `{"changes": bool, "objects": [{kind, name, action, changes: [{path, before, after}]}]}`.
pub(crate) fn to_json(plan: &Plan) -> serde_json::Value {
    let objects: Vec<serde_json::Value> = plan
        .entries
        .iter()
        .map(|e| {
            let changes: Vec<serde_json::Value> = e
                .changes
                .iter()
                .map(|c| serde_json::json!({"path": c.path, "before": c.before, "after": c.after}))
                .collect();
            let mut object = serde_json::json!({
                "kind": e.key.0.as_str(),
                "name": e.key.1,
                "action": action_name(&e.action),
            });
            if !changes.is_empty() {
                object["changes"] = changes.into();
            }
            if let Action::Protected { in_file: true, .. } = e.action {
                object["in_file"] = true.into();
            }
            object
        })
        .collect();
    serde_json::json!({"changes": plan.has_changes(), "objects": objects})
}
