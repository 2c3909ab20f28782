//! The `ikb` command line (feature `cli`). The binary only calls [`main`];
//! everything it does is here, over the library's public API and, for the
//! columns a query prints, the crate's own field vocabulary, so a new field
//! reaches every output format without a change here.
//!
//! ```text
//! ikb [--db DIR] ingest [--strict] PATH...
//! ikb [--db DIR] query [--format table|json|jsonl|csv] "QUERY"
//! ikb [--db DIR] explain "QUERY"
//! ikb [--db DIR] stats [--format ...]
//! ikb [--db DIR] report [--format ...] AUTHORITY
//! ikb [--db DIR] repl
//! ```
//!
//! `--db` defaults to `$IKB_DB`; with neither, a temporary knowledge base is
//! built from the seed reports compiled into the binary. The format defaults
//! to `table` on a terminal and `jsonl` otherwise. Exit codes: 0 success,
//! 1 runtime failure (I/O, damaged data, a refused report), 2 bad query or
//! bad arguments.

mod councils;
mod ingest;
mod output;
mod repl;
mod serve;
mod xlsx;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

pub use councils::{write_comparison, write_history, write_latest};
pub use output::{Format, write_counts, write_records, write_stats};

use crate::error::Error;
use crate::kb::Kb;
use crate::model::{Authority, Kind, Record};
use crate::query::{Answer, Query};
use crate::store::Scope;

#[derive(Parser)]
#[command(
    name = "ikb",
    version,
    about = "An embedded knowledge base of Ofsted inspection reports on children's services"
)]
struct Cli {
    /// The knowledge base folder [default: $IKB_DB; with neither, a temporary
    /// knowledge base of the seed reports]
    #[arg(long, global = true, env = "IKB_DB", value_name = "DIR")]
    db: Option<PathBuf>,
    /// How long to wait for a knowledge base another process has open
    /// (an ingest writing, another question)
    #[arg(
        long,
        global = true,
        env = "IKB_WAIT",
        value_name = "SECONDS",
        default_value_t = 5.0
    )]
    wait: f64,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read report text files, or folders of them, into the knowledge base
    Ingest {
        /// Files (.txt, .pdf) or folders (searched recursively)
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Refuse a report that cannot be read whole (one that would be
        /// stored with warnings), and stop at the first refused file
        #[arg(long)]
        strict: bool,
    },
    /// Answer a query
    Query {
        /// Output format [default: table on a terminal, jsonl otherwise]
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// The query, e.g. "judgement where area = 'care leavers'"; `-`
        /// reads it from stdin
        #[arg(required_unless_present = "file")]
        query: Option<String>,
        /// Read the query from a file (`-`: stdin): a long query need not
        /// be an argument
        #[arg(short = 'f', long, value_name = "FILE", conflicts_with = "query")]
        file: Option<PathBuf>,
        /// The fields to print, in order, for every format (e.g.
        /// authority,inspection,grade,key) [default: all, or in a table
        /// authority, inspection, key, kind, area, grade, text]
        #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
        fields: Vec<String>,
    },
    /// Show how a query would be answered
    Explain {
        /// The query
        query: String,
    },
    /// Counts of records by kind, authorities and inspections, and what
    /// could not be read of the reports
    Stats {
        /// Output format [default: table on a terminal, jsonl otherwise]
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// One authority's inspections at a glance: each with its dates,
    /// framework and every judgement
    Report {
        /// Output format [default: table on a terminal, jsonl otherwise]
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// The authority, by any spelling of its name
        authority: String,
    },
    /// Every council's latest grade on each area, one row per council: the
    /// wide sheet analysts keep
    Latest {
        /// Output format [default: table on a terminal, jsonl otherwise]
        #[arg(long, value_enum)]
        format: Option<Format>,
    },
    /// A council's latest grade on each area beside its statistical
    /// neighbours', and the latest grades of its region and of England
    Compare {
        /// Output format [default: table on a terminal, jsonl otherwise]
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// The council, by any spelling of its name
        authority: String,
    },
    /// Read every value of the knowledge base and check that they agree;
    /// name every inspection that cannot be read whole
    Verify,
    /// Ask queries interactively, with line editing and history
    Repl,
    /// Serve a read-only page over the knowledge base on this machine:
    /// questions, facets, downloads, records in context, council pages
    Serve {
        /// Where to listen, ADDRESS:PORT (port 0: any free port)
        #[arg(long, default_value = "127.0.0.1:8080")]
        bind: String,
    },
}

/// Runs the `ikb` command line (feature `cli`) on the process's arguments,
/// and says how it ended: the `ikb` binary is this one call.
pub fn main() -> ExitCode {
    quiet_sled_panics();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to stdout with 0; usage errors to stderr with 2.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(error) => fail(&error),
    }
}

/// sled panics on a page it cannot find; the store turns that into an
/// error that names the damage, which is what the user should read, not
/// sled's panic message. Any other panic is reported as before.
fn quiet_sled_panics() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let in_sled = info
            .location()
            .is_some_and(|at| at.file().contains("/sled-"));
        if !in_sled {
            report(info);
        }
    }));
}

/// Reports an error on stderr and gives its exit code.
fn fail(error: &Error) -> ExitCode {
    ExitCode::from(report(error))
}

/// Reports an error on stderr and gives its exit code as a number.
fn report(error: &Error) -> u8 {
    match error {
        Error::Output(io) if io.kind() == io::ErrorKind::BrokenPipe => 0,
        Error::Query(query) => {
            eprintln!("{query}");
            2
        }
        other => {
            eprintln!("error: {other}");
            1
        }
    }
}

/// Runs a command on the knowledge base it names. Where the knowledge base
/// fails (a full disk, a damaged file), the error is printed and the
/// process ends at once: dropping the knowledge base flushes it, and sled
/// waits forever on a flush that has already failed.
fn run(cli: Cli) -> Result<ExitCode, Error> {
    let default_format = if io::stdout().is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    };
    // A wait that is no duration (negative, not a number) is none.
    let patience = Duration::try_from_secs_f64(cli.wait).unwrap_or(Duration::ZERO);
    match cli.command {
        Command::Ingest { paths, strict } => {
            ingest::run(cli.db.as_deref(), patience, &paths, strict)
        }
        Command::Query {
            format,
            query,
            file,
            fields,
        } => {
            // A question that does not parse is refused before the
            // knowledge base is opened: opening costs more than answering.
            let (query, columns) = match question(query, file, &fields)? {
                Ok(question) => question,
                Err(refused) => return Ok(refused),
            };
            let format = format.unwrap_or(default_format);
            if let Some(refused) = refuse_xlsx_to_terminal(Some(format)) {
                return Ok(refused);
            }
            let kb = open(cli.db.as_deref(), patience)?;
            let mut out = output();
            let done = answer(&kb, &query, format, &columns, &mut out)
                .and_then(|()| Ok(out.flush()?))
                .and_then(|()| say_gaps(&kb, &query))
                .map(|()| ExitCode::SUCCESS);
            let done = exit_on_store_error(done);
            leave(kb);
            done
        }
        command => {
            if let Some(refused) = refuse_xlsx_to_terminal(format_of(&command)) {
                return Ok(refused);
            }
            let kb = open(cli.db.as_deref(), patience)?;
            let done = exit_on_store_error(work(&kb, command, default_format));
            leave(kb);
            done
        }
    }
}

/// Ends the use of the knowledge base by a command that reads it (every
/// command but `ingest`). It wrote nothing, so sled has nothing to flush:
/// the process ends without taking sled's page table apart and stopping
/// its threads (a millisecond on the corpus's knowledge base), as a kill
/// would end it, which sled is made to survive. A private copy is still
/// removed.
fn leave(kb: Kb) {
    if kb.private_copy().is_none() {
        std::mem::forget(kb);
    }
}

/// `done`, unless it is the knowledge base's failure: that is printed and
/// the process ends, before the knowledge base (alive in the caller) is
/// dropped, since its drop may wait forever on a failed flush.
pub(crate) fn exit_on_store_error(done: Result<ExitCode, Error>) -> Result<ExitCode, Error> {
    if let Err(error @ Error::Store(_)) = &done {
        let code = report(error);
        let _ = io::stderr().flush();
        let _ = io::stdout().flush();
        std::process::exit(i32::from(code));
    }
    done
}

/// The format a command writes in, if it takes one.
fn format_of(command: &Command) -> Option<Format> {
    match command {
        Command::Query { format, .. }
        | Command::Stats { format }
        | Command::Report { format, .. }
        | Command::Latest { format }
        | Command::Compare { format, .. } => *format,
        _ => None,
    }
}

/// What a refused file of a council means for its latest grades.
const LATEST_GAP: &str = "its latest grades here may not be its newest";

/// Says on stderr, for each refused file whose front page names one of
/// `councils` (any, where `None`), that the council's part of what follows
/// lacks the file's report: `gap` says how. A file whose council could not
/// be read is said where any council is asked about.
fn say_refused(kb: &Kb, councils: Option<&[String]>, gap: &str) -> Result<(), Error> {
    for refusal in kb.refused_of(councils)? {
        match &refusal.authority {
            Some(name) => eprintln!("note: a file of {name} was refused, so {gap}: {refusal}"),
            None => eprintln!(
                "note: a file whose council could not be read was refused; if it is a council's, {gap}: {refusal}"
            ),
        }
    }
    Ok(())
}

/// Says on stderr what the answer to `query` is known to lack (refused
/// files, judgements that could not be read): an answer never reads as
/// whole where it is not.
fn say_gaps(kb: &Kb, query: &Query) -> Result<(), Error> {
    if !query.is_explain() {
        for gap in kb.gaps(query)? {
            eprintln!("note: {gap}");
        }
    }
    Ok(())
}

/// An xlsx workbook asked for on a terminal is refused (exit code 2).
fn refuse_xlsx_to_terminal(format: Option<Format>) -> Option<ExitCode> {
    (format == Some(Format::Xlsx) && io::stdout().is_terminal()).then(|| {
        eprintln!(
            "error: an xlsx workbook is not for a terminal: send it to a file (> answer.xlsx)"
        );
        ExitCode::from(2)
    })
}

/// Standard output, written in blocks rather than a line at a time (its
/// own buffering): an answer of thousands of records is a write per block.
fn output() -> io::BufWriter<io::StdoutLock<'static>> {
    io::BufWriter::new(io::stdout().lock())
}

/// The work of a command other than `ingest` and `query` on an open
/// knowledge base.
fn work(kb: &Kb, command: Command, default_format: Format) -> Result<ExitCode, Error> {
    let mut out = output();
    match command {
        // Each opens the knowledge base in its own time (`ingest::run`, `run`).
        Command::Ingest { .. } | Command::Query { .. } => {}
        Command::Explain { query } => write!(out, "{}", Query::parse(&query)?.explain(kb))?,
        Command::Stats { format } => {
            write_stats(&mut out, format.unwrap_or(default_format), &kb.stats()?)?
        }
        Command::Report { format, authority } => {
            // A refused file of the authority is a gap in its history: say so.
            let name = Authority::from_printed_name(&authority).name;
            say_refused(kb, Some(&[name]), "its report is not here")?;
            let Some(history) = history(kb, &authority)? else {
                eprintln!("no inspection of `{authority}` in the knowledge base");
                return Ok(ExitCode::from(2));
            };
            write_history(&mut out, format.unwrap_or(default_format), &history)?
        }
        Command::Latest { format } => {
            say_refused(kb, None, LATEST_GAP)?;
            write_latest(
                &mut out,
                format.unwrap_or(default_format),
                &kb.latest_by_council()?,
            )?;
        }
        Command::Compare { format, authority } => {
            let Some(compared) = kb.compare(&authority)? else {
                eprintln!(
                    "error: `{authority}` is not a council of the reference table, which lists the neighbours and regions"
                );
                return Ok(ExitCode::from(2));
            };
            let councils: Vec<String> = compared
                .councils
                .iter()
                .map(|council| council.authority.clone())
                .collect();
            say_refused(kb, Some(&councils), LATEST_GAP)?;
            write_comparison(&mut out, format.unwrap_or(default_format), &compared)?;
        }
        Command::Verify => {
            kb.verify()?;
            let inspections = kb.stats()?.inspections;
            writeln!(
                out,
                "verified: all {inspections} inspections read whole, and their values agree"
            )?;
        }
        Command::Repl => return repl::run(kb, default_format),
        Command::Serve { bind } => return serve::run(kb, &bind),
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The knowledge base a command other than `ingest` reads: one that exists,
/// waited for up to `patience` while another process has it open. Without
/// a folder, the seed reports: said on stderr every time, so that no one
/// takes a seed's grade for a council's current one.
fn open(db: Option<&Path>, patience: Duration) -> Result<Kb, Error> {
    match db {
        Some(folder) => {
            let kb = Kb::open_existing_waiting(folder, patience)?;
            if let Some(copy) = kb.private_copy() {
                eprintln!(
                    "note: {} cannot be written: answering from a private copy ({:.1} MB, copied in {:.1} s)",
                    copy.of.display(),
                    copy.bytes as f64 / 1e6,
                    copy.took.as_secs_f64()
                );
            }
            Ok(kb)
        }
        None => {
            eprintln!(
                "note: no --db and no $IKB_DB: answering from the {} seed reports built into ikb, not the published record",
                crate::seeds::SEED_REPORTS.len()
            );
            Kb::seeded()
        }
    }
}

/// The question a query command asks, parsed, with the columns it shows;
/// `Err` with the exit code where it cannot be read (said on stderr).
fn question(
    query: Option<String>,
    file: Option<PathBuf>,
    fields: &[String],
) -> Result<Result<(Query, Vec<crate::query::Field>), ExitCode>, Error> {
    let query = match query_text(query, file) {
        Ok(query) => Query::parse(&query)?,
        Err(reason) => {
            eprintln!("error: {reason}");
            return Ok(Err(ExitCode::from(2)));
        }
    };
    match query.columns(fields) {
        Ok(columns) => Ok(Ok((query, columns))),
        Err(reason) => {
            eprintln!("error: {reason}");
            Ok(Err(ExitCode::from(2)))
        }
    }
}

/// The query: the argument, or read from a file or (for `-`) stdin.
fn query_text(argument: Option<String>, file: Option<PathBuf>) -> Result<String, String> {
    let from = match (argument, file) {
        (Some(query), None) if query != "-" => return Ok(query),
        (_, Some(file)) if file.as_os_str() != "-" => file,
        _ => {
            return io::read_to_string(io::stdin())
                .map_err(|e| format!("cannot read the query from stdin: {e}"));
        }
    };
    std::fs::read_to_string(&from)
        .map_err(|e| format!("cannot read the query from {}: {e}", from.display()))
}

/// Writes the answer to a query: records with the `columns` chosen (none
/// chosen: the format's own).
pub(crate) fn answer(
    kb: &Kb,
    query: &Query,
    format: Format,
    columns: &[crate::query::Field],
    out: &mut dyn Write,
) -> Result<(), Error> {
    match query.run(kb)? {
        Answer::Records(records) => {
            write_records(out, format, records, query, columns)?;
        }
        Answer::Counts(counts) => write_counts(out, format, &counts)?,
        Answer::Explain(plan) => write!(out, "{plan}")?,
    }
    Ok(())
}

/// The judgements of every inspection of an authority, oldest first;
/// `None` if the knowledge base has none.
fn history(kb: &Kb, authority: &str) -> Result<Option<Vec<Record>>, Error> {
    let name = Authority::from_printed_name(authority).name;
    let judgements = kb
        .scan(&Scope::Authority(name))
        .filter(|record| record.as_ref().map_or(true, |r| r.kind == Kind::Judgement))
        .collect::<Result<Vec<Record>, _>>()?;
    Ok((!judgements.is_empty()).then_some(judgements))
}
