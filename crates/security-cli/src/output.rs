//! Rendering: `--output table|json|yaml` (kubectl's convention), colour only on a terminal and
//! without `NO_COLOR`, progress on stderr.

use crate::error::CliError;
use std::io::Write;

/// The output format of data commands.
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns for people.
    #[default]
    Table,
    /// JSON, for programs (`jq`).
    Json,
    /// YAML.
    Yaml,
}

/// When to colour the output.
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set (to anything but the empty string).
    #[default]
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream that is (or is not) a terminal.
    pub fn enabled(self, is_terminal: bool, no_color: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && !no_color,
        }
    }
}

/// Styles for human output; all empty when colour is off.
#[derive(Debug, Clone, Copy, Default)]
pub struct Styles {
    /// Table headers, titles.
    pub header: anstyle::Style,
    /// Granted, created, fine.
    pub good: anstyle::Style,
    /// Missing, deleted, failed.
    pub bad: anstyle::Style,
    /// Changed, expiring, attention.
    pub warn: anstyle::Style,
    /// Less important text.
    pub dim: anstyle::Style,
}

impl Styles {
    /// The styles, coloured or plain.
    pub fn new(color: bool) -> Self {
        if !color {
            return Styles::default();
        }
        use anstyle::{AnsiColor, Style};
        Styles {
            header: Style::new().bold(),
            good: Style::new().fg_color(Some(AnsiColor::Green.into())),
            bad: Style::new().fg_color(Some(AnsiColor::Red.into())),
            warn: Style::new().fg_color(Some(AnsiColor::Yellow.into())),
            dim: Style::new().dimmed(),
        }
    }

    /// `text` in `style` (unchanged when the style is plain).
    pub fn paint(style: anstyle::Style, text: &str) -> String {
        if style == anstyle::Style::new() {
            text.to_owned()
        } else {
            format!("{style}{text}{style:#}")
        }
    }
}

/// A table: a header and rows of cells, rendered without borders, columns two spaces apart.
#[derive(Debug, Clone, Default)]
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these column names (shown upper-case).
    pub fn new<I, S>(header: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Table {
            header: header
                .into_iter()
                .map(|h| h.into().to_uppercase())
                .collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row.
    pub fn row<I, S>(&mut self, cells: I) -> &mut Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The text, one line per row, the header bold when `styles` colour.
    pub fn render(&self, styles: &Styles) -> String {
        let mut table = comfy_table::Table::new();
        table
            .load_preset(comfy_table::presets::NOTHING)
            .set_content_arrangement(comfy_table::ContentArrangement::Disabled)
            .set_header(self.header.clone());
        for row in &self.rows {
            table.add_row(row.iter().map(|cell| clip(cell)).collect::<Vec<_>>());
        }
        for column in table.column_iter_mut() {
            column.set_padding((0, 2));
        }
        let mut out = String::new();
        for (i, line) in table.lines().enumerate() {
            let line = line.trim_end();
            if i == 0 {
                out.push_str(&Styles::paint(styles.header, line));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        out
    }
}

/// The widest a table cell gets: longer ones end in `…` (JSON/YAML show everything).
pub const MAX_CELL: usize = 60;

fn clip(cell: &str) -> String {
    if cell.chars().count() <= MAX_CELL {
        cell.to_owned()
    } else {
        let mut clipped: String = cell.chars().take(MAX_CELL - 1).collect();
        clipped.push('…');
        clipped
    }
}

/// Writes `value` as JSON (pretty, with a final newline) or YAML.
pub fn write_data(
    out: &mut dyn Write,
    format: Format,
    value: &impl serde::Serialize,
) -> Result<(), CliError> {
    match format {
        Format::Yaml => {
            let text = serde_norway::to_string(value)
                .map_err(|e| CliError::new(format!("cannot render YAML: {e}")))?;
            out.write_all(text.as_bytes())?;
        }
        Format::Json | Format::Table => {
            serde_json::to_writer_pretty(&mut *out, value)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}

/// A progress bar on stderr, drawn only when stderr is a terminal (hidden otherwise, and in
/// tests): `ctx.progress(len, "exporting roles")`, then `.inc(1)`, `.finish_and_clear()`.
pub fn progress_bar(len: u64, message: &str, draw: bool) -> indicatif::ProgressBar {
    if !draw {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(len),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({elapsed})")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message.to_owned());
    bar
}
