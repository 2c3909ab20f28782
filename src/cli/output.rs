//! Writing answers in the command line's formats: an aligned table for
//! people, Markdown for papers, JSON, JSON lines and CSV for tools. JSON and CSV use the field
//! names of the data model.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use comfy_table::{ContentArrangement, Table};

use super::xlsx::{Sheet, write_workbook};
use crate::error::Error;
use crate::model::Record;
use crate::query::{Counts, Field, FieldValue, Query};
use crate::store::{Stats, StoreError};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns, long text shortened around what matched.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header row.
    Csv,
    /// A Markdown table (GitHub's pipes), whole text and all: for board
    /// papers and notes.
    Markdown,
    /// An Excel workbook, to a file (`> answer.xlsx`): a worksheet per
    /// table, dates as dates, numbers as numbers, grades coloured.
    Xlsx,
}

/// How much text a table cell shows.
const TABLE_TEXT: usize = 120;

/// The columns of a table when none are chosen: the record's citation with
/// its authority and inspection, what it is, and its text.
const TABLE_COLUMNS: [&str; 7] = [
    "authority",
    "inspection",
    "key",
    "kind",
    "area",
    "grade",
    "text",
];

/// Writes records as they come, with the `columns` chosen (none: every
/// field, or in a table [`TABLE_COLUMNS`]); returns how many.
pub fn write_records(
    out: &mut dyn Write,
    format: Format,
    records: impl Iterator<Item = Result<Record, StoreError>>,
    query: &Query,
    columns: &[Field],
) -> Result<usize, Error> {
    let phrases = query.phrases();
    let chosen = (!columns.is_empty()).then_some(columns);
    let mut count = 0;
    match format {
        Format::Jsonl => {
            for record in records {
                writeln!(out, "{}", json(&record?, chosen))?;
                count += 1;
            }
        }
        Format::Json => {
            write!(out, "[")?;
            for record in records {
                let separator = if count == 0 { "" } else { "," };
                write!(out, "{separator}\n{}", json(&record?, chosen))?;
                count += 1;
            }
            writeln!(out, "{}]", if count == 0 { "" } else { "\n" })?;
        }
        Format::Xlsx => {
            let fields = chosen.map_or_else(|| query.fields(), <[Field]>::to_vec);
            let mut rows = Vec::new();
            for record in records {
                rows.push(csv_row(&fields, &record?));
            }
            count = rows.len();
            let header: Vec<&str> = fields.iter().map(|field| field.name()).collect();
            write_rows(out, format, &header, rows.into_iter())?;
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            let fields = chosen.map_or_else(|| query.fields(), <[Field]>::to_vec);
            writer
                .write_record(fields.iter().map(|field| field.name()))
                .map_err(csv_error)?;
            for record in records {
                writer
                    .write_record(csv_row(&fields, &record?))
                    .map_err(csv_error)?;
                count += 1;
            }
            writer.flush()?;
        }
        Format::Table | Format::Markdown => {
            let fields: Vec<Field> = match chosen {
                Some(chosen) => chosen.to_vec(),
                None => TABLE_COLUMNS
                    .iter()
                    .filter_map(|name| Field::named(name))
                    .collect(),
            };
            let mut table = new_table(format, fields.iter().map(|field| field.name()));
            let terminal = format == Format::Table && std::io::stdout().is_terminal();
            for record in records {
                let record = record?;
                table.add_row(fields.iter().map(|&field| {
                    let value = match field {
                        Field::Text => match &record.snippet {
                            Some(snippet) => marked(snippet, terminal),
                            // A paper has room for the whole text.
                            None if format == Format::Markdown => record.text.clone(),
                            None => shorten(&record.text, &phrases, TABLE_TEXT),
                        },
                        other => other.printed(&record),
                    };
                    cell(format, value)
                }));
                count += 1;
            }
            writeln!(out, "{table}")?;
            if format == Format::Markdown {
                // A line of its own, not a row of the table.
                writeln!(out)?;
            }
            writeln!(out, "{count} record{}", if count == 1 { "" } else { "s" })?;
        }
    }
    Ok(count)
}

/// Writes the rows of a count: `{"grade":"good","count":12}` (the group
/// fields first, as DESIGN.md shows them, in the query's order), or just
/// `{"count":n}` without `group by`.
pub fn write_counts(out: &mut dyn Write, format: Format, counts: &Counts) -> Result<(), Error> {
    match format {
        Format::Json | Format::Jsonl => {
            // Written by hand so that the fields keep the query's order.
            let rows: Vec<String> = counts
                .rows
                .iter()
                .map(|(values, count)| {
                    let groups: String = counts
                        .fields
                        .iter()
                        .zip(values)
                        .map(|(field, value)| {
                            let value = value.as_ref().map_or(serde_json::Value::Null, json_value);
                            format!("{}:{value},", serde_json::Value::from(field.as_str()))
                        })
                        .collect();
                    format!("{{{groups}\"count\":{count}}}")
                })
                .collect();
            if format == Format::Json {
                writeln!(out, "[{}]", rows.join(","))?;
            } else {
                for row in rows {
                    writeln!(out, "{row}")?;
                }
            }
        }
        Format::Csv | Format::Table | Format::Markdown | Format::Xlsx => {
            let header: Vec<&str> = counts
                .fields
                .iter()
                .map(String::as_str)
                .chain(["count"])
                .collect();
            let none = if format == Format::Csv { "" } else { "(none)" };
            let rows = counts.rows.iter().map(|(values, count)| {
                values
                    .iter()
                    .map(|value| value.as_ref().map_or(none.to_string(), ToString::to_string))
                    .chain([count.to_string()])
                    .collect::<Vec<String>>()
            });
            write_rows(out, format, &header, rows)?;
        }
    }
    Ok(())
}

/// Writes the counts of a knowledge base, and what could not be read of
/// its reports: in JSON a list `warnings` of objects (`authority`,
/// `inspection`, `warning`); in a table, a second table below the counts;
/// in CSV, only their count (one table per CSV file).
pub fn write_stats(out: &mut dyn Write, format: Format, stats: &Stats) -> Result<(), Error> {
    let rows: Vec<(String, u64)> = [("records".to_string(), stats.records)]
        .into_iter()
        .chain(stats.by_kind.iter().map(|(kind, n)| (kind.to_string(), *n)))
        .chain([
            ("authorities".into(), stats.authorities),
            ("inspections".into(), stats.inspections),
            ("warnings".into(), stats.warnings.len() as u64),
            ("refused".into(), stats.refused.len() as u64),
        ])
        .collect();
    match format {
        Format::Json | Format::Jsonl => {
            let mut object: serde_json::Map<String, serde_json::Value> =
                rows.into_iter().map(|(name, n)| (name, n.into())).collect();
            let warnings = stats.warnings.iter().map(|w| {
                serde_json::json!({
                    "authority": w.authority,
                    "inspection": w.inspection.to_string(),
                    "warning": w.warning.to_string(),
                })
            });
            object.insert("warnings".into(), warnings.collect());
            let refused = stats.refused.iter().map(|r| {
                serde_json::json!({
                    "file": r.file,
                    "reason": r.reason,
                    "authority": r.authority,
                })
            });
            object.insert("refused".into(), refused.collect());
            writeln!(out, "{}", serde_json::Value::Object(object))?;
        }
        Format::Csv | Format::Table | Format::Markdown | Format::Xlsx => {
            let mut sheets = vec![sheet(
                "counts",
                &["count", "value"],
                rows.into_iter().map(|(name, n)| vec![name, n.to_string()]),
            )];
            if !stats.warnings.is_empty() {
                sheets.push(sheet(
                    "warnings",
                    &["authority", "inspection", "warning"],
                    stats.warnings.iter().map(|w| {
                        vec![
                            w.authority.clone(),
                            w.inspection.to_string(),
                            w.warning.to_string(),
                        ]
                    }),
                ));
            }
            if !stats.refused.is_empty() {
                sheets.push(sheet(
                    "refused",
                    &["refused file", "authority", "why"],
                    stats.refused.iter().map(|r| {
                        vec![
                            r.file.clone(),
                            r.authority.clone().unwrap_or_default(),
                            r.reason.clone(),
                        ]
                    }),
                ));
            }
            write_sheets(out, format, sheets)?;
        }
    }
    Ok(())
}

/// Rows under a header, as CSV or as a table.
pub(super) fn write_rows(
    out: &mut dyn Write,
    format: Format,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<(), Error> {
    if format == Format::Xlsx {
        let sheet = Sheet {
            name: "answer",
            header: header.iter().map(ToString::to_string).collect(),
            rows: rows.collect(),
        };
        return write_workbook(out, &[sheet]);
    }
    if format == Format::Csv {
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record(header).map_err(csv_error)?;
        for row in rows {
            writer.write_record(&row).map_err(csv_error)?;
        }
        writer.flush()?;
    } else {
        let mut table = new_table(format, header.iter().copied());
        for row in rows {
            table.add_row(row.into_iter().map(|value| cell(format, value)));
        }
        writeln!(out, "{table}")?;
    }
    Ok(())
}

/// A table of an answer, named for a worksheet.
pub(super) fn sheet(
    name: &'static str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Sheet {
    Sheet {
        name,
        header: header.iter().map(ToString::to_string).collect(),
        rows: rows.collect(),
    }
}

/// An answer of several tables: in a workbook, a worksheet each; in a
/// table or Markdown, one after another; in CSV, the first only (a CSV
/// file holds one table).
pub(super) fn write_sheets(
    out: &mut dyn Write,
    format: Format,
    sheets: Vec<Sheet>,
) -> Result<(), Error> {
    if format == Format::Xlsx {
        return write_workbook(out, &sheets);
    }
    let take = if format == Format::Csv {
        1
    } else {
        sheets.len()
    };
    for (at, sheet) in sheets.into_iter().take(take).enumerate() {
        if at > 0 && format == Format::Markdown {
            writeln!(out)?;
        }
        let header: Vec<&str> = sheet.header.iter().map(String::as_str).collect();
        write_rows(out, format, &header, sheet.rows.into_iter())?;
    }
    Ok(())
}

/// A CSV writer's error as the I/O error it is, its kind kept: a closed
/// pipe stays a closed pipe, which ends the output quietly.
fn csv_error(error: csv::Error) -> std::io::Error {
    let kind = match error.kind() {
        csv::ErrorKind::Io(io) => io.kind(),
        _ => std::io::ErrorKind::Other,
    };
    std::io::Error::new(kind, error)
}

/// A table for a terminal (wrapped to its width), or in Markdown (one line
/// a row).
fn new_table<T: Into<comfy_table::Cell>>(
    format: Format,
    header: impl IntoIterator<Item = T>,
) -> Table {
    let mut table = Table::new();
    if format == Format::Markdown {
        table.load_style(comfy_table::presets::ASCII_MARKDOWN);
        table.set_content_arrangement(ContentArrangement::Disabled);
    } else {
        table.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
        table.set_content_arrangement(ContentArrangement::Dynamic);
    }
    table.set_header(header);
    table
}

/// A cell's text: in Markdown, on one line and with its pipes escaped, so
/// that a report's text cannot break the table.
fn cell(format: Format, value: String) -> String {
    if format != Format::Markdown {
        return value;
    }
    value
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace(['\n', '\r'], " ")
}

/// A group's value in JSON: numbers as numbers, everything else as its name.
fn json_value(value: &FieldValue) -> serde_json::Value {
    match value {
        FieldValue::Integer(n) => (*n).into(),
        other => other.to_string().into(),
    }
}

/// A record as one JSON object: every field, or those `chosen`, in order.
fn json(record: &Record, chosen: Option<&[Field]>) -> String {
    // A record is plain data with string keys; serialising it cannot fail.
    let Some(chosen) = chosen else {
        return serde_json::to_string(record).unwrap_or_default();
    };
    let whole = serde_json::to_value(record).unwrap_or_default();
    // Written by hand so that the fields keep the order chosen.
    let members: Vec<String> = chosen
        .iter()
        .map(|field| {
            let value = whole.get(field.name()).unwrap_or(&serde_json::Value::Null);
            format!("{}:{value}", serde_json::Value::from(field.name()))
        })
        .collect();
    format!("{{{}}}", members.join(","))
}

/// A record as a CSV row: its value of each of `fields`.
fn csv_row(fields: &[Field], record: &Record) -> Vec<String> {
    fields.iter().map(|field| field.printed(record)).collect()
}

/// A snippet for a table: its marked matches in bold on a terminal, in
/// `[` `]` elsewhere.
fn marked(snippet: &str, terminal: bool) -> String {
    if terminal {
        snippet.replace('[', "\x1b[1m").replace(']', "\x1b[0m")
    } else {
        snippet.to_string()
    }
}

/// `text` cut to about `width` characters, keeping the first phrase that
/// occurs in it in view.
pub(crate) fn shorten(text: &str, phrases: &[String], width: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= width {
        return text.to_string();
    }
    // Where the first phrase stands, as `contains` finds it: the tokenizer's words.
    let found = phrases
        .iter()
        .find_map(|phrase| crate::text::find_phrase(text, phrase))
        .map(|at| text[..at.start].chars().count());
    let start = match found {
        Some(at) if at + width / 2 > width => {
            (at.saturating_sub(width / 3)).min(chars.len() - width)
        }
        _ => 0,
    };
    let end = (start + width).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    if start > 0 {
        shown.insert(0, '\u{2026}');
    }
    if end < chars.len() {
        shown.push('\u{2026}');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_markdown_cell_keeps_to_its_row_and_column() {
        assert_eq!(
            cell(Format::Markdown, "a | b\nc \\ d".into()),
            "a \\| b c \\\\ d"
        );
        assert_eq!(cell(Format::Table, "a | b".into()), "a | b");
    }

    #[test]
    fn snippets_are_bold_on_a_terminal_and_bracketed_elsewhere() {
        let snippet = "response to [children] who go [missing].";
        assert_eq!(marked(snippet, false), snippet);
        assert_eq!(
            marked(snippet, true),
            "response to \x1b[1mchildren\x1b[0m who go \x1b[1mmissing\x1b[0m."
        );
    }

    #[test]
    fn shortened_text_keeps_the_match_in_view() {
        let text = format!(
            "{} return home interviews {}",
            "a ".repeat(100),
            "b ".repeat(100)
        );
        let shown = shorten(&text, &["Return home".into()], 60);
        assert!(shown.contains("return home"), "{shown}");
        assert!(shown.starts_with('\u{2026}') && shown.ends_with('\u{2026}'));
        assert_eq!(shorten("short", &[], 60), "short");
        let plain = shorten(&"x".repeat(100), &[], 60);
        assert_eq!(plain.chars().count(), 61);
        // Matched as `contains` matches: words, whatever stands between them.
        let hyphened = format!(
            "{} Return-home interviews {}",
            "a ".repeat(100),
            "b ".repeat(100)
        );
        let shown = shorten(&hyphened, &["return home".into()], 60);
        assert!(shown.contains("Return-home"), "{shown}");
    }
}
