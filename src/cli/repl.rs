//! The interactive loop: line editing and history (rustyline), dot
//! commands, and errors shown with their caret without ending the session.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use rustyline::DefaultEditor;
use rustyline::error::ReadlineError;

use super::{Format, answer};
use crate::error::Error;
use crate::kb::Kb;
use crate::query::Query;

const HELP: &str = "\
Type a query, e.g. judgement where area = 'care leavers'
  .explain on|off   show the plan before each answer
  .format FORMAT    table, json, jsonl or csv
  .help             this text
  .quit             leave (or Ctrl-D)";

/// Where history is kept: `$IKB_HISTORY`, else `~/.ikb_history`.
fn history_file() -> Option<PathBuf> {
    std::env::var_os("IKB_HISTORY")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".ikb_history")))
}

pub(crate) fn run(kb: &Kb, format: Format) -> Result<ExitCode, Error> {
    let mut editor = DefaultEditor::new().map_err(|e| io::Error::other(e.to_string()))?;
    let history = history_file();
    if let Some(path) = &history {
        // A missing history file is a first session, not an error.
        let _ = editor.load_history(path);
    }
    let mut session = Session {
        format,
        explain: false,
        failed: false,
    };
    loop {
        match editor.readline("ikb> ") {
            Ok(line) => {
                let line = line.trim();
                if line.is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(line);
                if !session.handle(kb, line)? {
                    break;
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(ReadlineError::Io(error)) if error.kind() == io::ErrorKind::InvalidData => {
                eprintln!("error: the line is not valid UTF-8 text; skipped");
            }
            Err(error) => return Err(io::Error::other(error.to_string()).into()),
        }
    }
    if let Some(path) = &history {
        let _ = editor.save_history(path);
    }
    // Queries piped in are a script: one that failed fails it, as a
    // query given as an argument would.
    Ok(if session.failed && !io::stdin().is_terminal() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

struct Session {
    format: Format,
    explain: bool,
    /// Whether a query failed.
    failed: bool,
}

impl Session {
    /// Handles one line; `false` ends the session.
    fn handle(&mut self, kb: &Kb, line: &str) -> Result<bool, Error> {
        let mut out = io::stdout().lock();
        match line.split_whitespace().collect::<Vec<_>>().as_slice() {
            [".quit" | ".exit"] => return Ok(false),
            [".help"] => writeln!(out, "{HELP}\n\n{}", crate::query::vocabulary())?,
            ["help" | "?" | "h"] => {
                eprintln!(
                    "`{line}` is not a query; .help lists the kinds, fields, areas and grades"
                )
            }
            [".explain", "on"] => self.explain = true,
            [".explain", "off"] => self.explain = false,
            [".format", name] => match Format::from_str(name, true) {
                Ok(Format::Xlsx) => eprintln!(
                    "an xlsx workbook is not for a terminal: ikb query --format xlsx ... > answer.xlsx"
                ),
                Ok(format) => self.format = format,
                Err(_) => eprintln!("unknown format `{name}`: table, json, jsonl or csv"),
            },
            [command, ..] if command.starts_with('.') => {
                eprintln!("unknown command `{command}`; .help lists them")
            }
            _ => match Query::parse(line) {
                Ok(query) => {
                    if self.explain && !query.is_explain() {
                        write!(out, "{}", query.explain(kb))?;
                    }
                    if let Err(error) = answer(kb, &query, self.format, &[], &mut out) {
                        self.failed = true;
                        match error {
                            // A name the knowledge base does not hold: the caret says it.
                            Error::Query(error) => eprintln!("{error}"),
                            other => eprintln!("error: {other}"),
                        }
                    }
                }
                Err(error) => {
                    self.failed = true;
                    eprintln!("{error}");
                }
            },
        }
        out.flush()?;
        Ok(true)
    }
}
