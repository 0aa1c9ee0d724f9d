//! Shared rendering of users, roles and role mappings: the server's answer (a JSON object of
//! name → object) as JSON/YAML, or a table.

use crate::output::{Format, Table};
use crate::{CliError, CmdResult, Ctx};
use serde_json::{Map, Value};

/// `list` or `get NAME…` of one kind of object.
#[derive(clap::Subcommand, Debug)]
pub enum ListGet {
    /// Lists them all.
    #[command(alias = "ls")]
    List,
    /// Gets the named ones (JSON/YAML: every field, as the server returns it).
    Get {
        /// Names (one or more).
        #[arg(required = true, value_name = "NAME")]
        names: Vec<String>,
    },
}

/// What kind of object, for messages.
pub(crate) struct Kind {
    /// `user`, `role`, `role mapping`.
    pub singular: &'static str,
    /// The command that lists them (`users`).
    pub command: &'static str,
}

/// Reads a raw answer as a JSON object (name → object); a 404 becomes "no such …".
pub(crate) fn objects(
    ctx: &Ctx<'_>,
    kind: &Kind,
    answer: Result<security_client::RawResponse, security_client::Error>,
    names: &[String],
) -> Result<Map<String, Value>, CliError> {
    match answer {
        Ok(raw) => match raw.json::<Value>().map_err(|e| ctx.client_error(e))? {
            Value::Object(map) => {
                if let Some(missing) = names.iter().find(|n| !map.contains_key(n.as_str())) {
                    return Err(not_found(kind, missing));
                }
                Ok(map)
            }
            other => Err(CliError::new(format!(
                "unexpected answer for the {}s: {other}",
                kind.singular
            ))),
        },
        Err(e) if e.is_not_found() && !names.is_empty() => Err(not_found(kind, &names.join(", "))),
        Err(e) => Err(ctx.client_error(e)),
    }
}

fn not_found(kind: &Kind, name: &str) -> CliError {
    CliError::new(format!("no {} named {name}", kind.singular)).hint(format!(
        "`es-security {} list` shows the {}s there are",
        kind.command, kind.singular
    ))
}

/// Prints `map` (sorted by name) as data, or as a table of `columns` with one row per object.
pub(crate) fn print(
    ctx: &mut Ctx<'_>,
    map: Map<String, Value>,
    columns: &[&str],
    row: impl Fn(&str, &Value) -> Vec<String>,
) -> CmdResult {
    let mut sorted: Vec<(String, Value)> = map.into_iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    if ctx.format != Format::Table {
        let map: Map<String, Value> = sorted.into_iter().collect();
        ctx.data(&map)?;
        return Ok(0);
    }
    let mut table = Table::new(columns.iter().copied());
    for (name, value) in &sorted {
        table.row(row(name, value));
    }
    let text = table.render(&ctx.styles);
    ctx.out.write_all(text.as_bytes())?;
    Ok(0)
}

/// The strings of a JSON array, joined by `, ` (`-` when empty or absent).
pub(crate) fn strings(value: &Value) -> String {
    let items: Vec<&str> = value
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if items.is_empty() {
        "-".to_owned()
    } else {
        items.join(", ")
    }
}

/// A string field, `-` when absent or empty.
pub(crate) fn text(value: &Value) -> String {
    match value.as_str() {
        Some(s) if !s.is_empty() => s.to_owned(),
        _ => "-".to_owned(),
    }
}

/// `yes` / `no`.
pub(crate) fn yes_no(value: &Value) -> String {
    if value.as_bool().unwrap_or(false) {
        "yes".to_owned()
    } else {
        "no".to_owned()
    }
}

/// Whether an object's metadata marks it reserved (built in).
pub(crate) fn reserved(value: &Value) -> bool {
    value["metadata"]["_reserved"].as_bool().unwrap_or(false)
}
