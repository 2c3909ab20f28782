//! `ikb ingest`: report files read on every core, then stored in short
//! turns, the knowledge base held only while a turn writes, so that
//! questions asked meanwhile are answered.

use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use super::exit_on_store_error;
use crate::error::Error;
use crate::ingest::IngestError;
use crate::kb::Kb;
use crate::model::{Kind, Refusal, Report};

/// The files a folder is searched for: report text, and published PDFs.
const REPORT_EXTENSIONS: [&str; 2] = ["txt", "pdf"];

/// Many files make a progress bar worth showing.
const MANY_FILES: usize = 10;

/// How long sled may take to let go of a knowledge base this process has
/// just closed.
const OWN_RELEASE: Duration = Duration::from_secs(2);

/// Files read before they are stored: a turn's writing holds the knowledge
/// base for a moment (each report flushed), its reading not at all.
const TURN: usize = 16;

/// Reads every file and stores the reports into the knowledge base of `db`
/// (made if absent; without one, a temporary one), naming the refused files
/// and what could not be read of the others, and ends with one line that
/// sums it up; exits 1 if any was refused.
pub(super) fn run(
    db: Option<&Path>,
    patience: Duration,
    paths: &[PathBuf],
    strict: bool,
) -> Result<ExitCode, Error> {
    let temporary = match db {
        Some(folder) => {
            // Refuse a folder that is no knowledge base before reading a file.
            drop(Kb::open_waiting(folder, patience)?);
            None
        }
        None => {
            eprintln!(
                "note: no --db and no $IKB_DB: reading into a temporary knowledge base; nothing is kept"
            );
            Some(Kb::seeded()?)
        }
    };
    // Each turn opens it again: sled lets go of it a moment after this
    // process's last handle drops, which is worth waiting for whatever
    // `--wait` says.
    let open = || -> Result<Kb, Error> {
        match (&temporary, db) {
            (Some(kb), _) => Ok(kb.clone()),
            (None, Some(folder)) => Ok(Kb::open_waiting(folder, patience.max(OWN_RELEASE))?),
            (None, None) => Ok(Kb::seeded()?),
        }
    };
    let started = Instant::now();
    let files = report_files(paths)?;
    if files.is_empty() {
        let named: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        eprintln!(
            "error: nothing to ingest: no report files (.txt, .pdf) in {}",
            named.join(", ")
        );
        return Ok(ExitCode::from(2));
    }
    let bar = progress(files.len());
    let mut tally = Tally::default();
    let turns: Vec<&[PathBuf]> = files.chunks(TURN).collect();
    // The next turn is read while this one is written.
    let mut reading = turns.first().map(|&turn| {
        let turn = turn.to_vec();
        std::thread::spawn(move || read_all(turn, strict))
    });
    'turns: for (at, turn) in turns.iter().enumerate() {
        let read = match reading.take().map(std::thread::JoinHandle::join) {
            Some(Ok(read)) => read,
            // Each file's reading catches its panics: a turn's reading ends.
            _ => read_all(turn.to_vec(), strict),
        };
        reading = turns.get(at + 1).map(|&next| {
            let next = next.to_vec();
            std::thread::spawn(move || read_all(next, strict))
        });
        let kb = open()?;
        for (file, read) in turn.iter().zip(read) {
            bar.set_message(file.display().to_string());
            let ingested = match read {
                Ok(report) => kb.ingest_read(file, Ok(report)),
                Err((error, refusal)) => kb
                    .keep_refusal(&refusal)
                    .map_err(Error::from)
                    .and(Err(error.into())),
            };
            // Flushed before its line is printed: a report `ikb ingest` has
            // reported (stored or refused) is on disk, whatever happens next.
            let ingested = match kb.flush() {
                Ok(()) => ingested,
                Err(error) => Err(error.into()),
            };
            match ingested {
                Ok(report) => bar.suspend(|| {
                    println!("{}", summary(&report, file));
                    for warning in &report.warnings {
                        eprintln!("warning: {}: {warning}", file.display());
                    }
                    tally.stored += 1;
                    tally.warned += usize::from(!report.warnings.is_empty());
                }),
                Err(error @ Error::Ingest(_)) => {
                    tally.refused += 1;
                    bar.suspend(|| eprintln!("refused {error}"));
                    if strict {
                        break 'turns;
                    }
                }
                Err(other) => {
                    // The knowledge base failed (a full disk): say what is
                    // stored, and end before it is dropped.
                    bar.finish_and_clear();
                    eprintln!("not stored: {}", file.display());
                    eprintln!("{}", tally.line(files.len(), started.elapsed()));
                    return exit_on_store_error(Err(other));
                }
            }
            bar.inc(1);
        }
    }
    bar.finish_and_clear();
    eprintln!("{}", tally.line(files.len(), started.elapsed()));
    Ok(if tally.refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// A progress bar on a terminal, for many files; else none.
fn progress(files: usize) -> ProgressBar {
    if files < MANY_FILES || !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(files as u64);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}") {
        bar.set_style(style);
    }
    bar
}

/// A file read: its report, or why it was refused and the refusal to keep.
type Read = Result<Report, (IngestError, Refusal)>;

/// Each file read ([`Kb::read`]) on as many threads as there are cores, in
/// the files' order.
fn read_all(files: Vec<PathBuf>, strict: bool) -> Vec<Read> {
    let files = files.as_slice();
    let next = AtomicUsize::new(0);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (send, receive) = mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..cores.min(files.len()) {
            let send = send.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let at = next.fetch_add(1, Ordering::Relaxed);
                    let Some(file) = files.get(at) else {
                        break;
                    };
                    // No report makes reading panic (tested); were one to, it
                    // is that file's refusal, not the end of the ingest.
                    let read = std::panic::catch_unwind(|| Kb::read(file, strict))
                        .unwrap_or_else(|_| Err(unread(file)))
                        .or_else(|error| refused(file, error));
                    // The receiver outlives the scope: a send cannot fail.
                    let _ = send.send((at, read));
                }
            });
        }
    });
    drop(send);
    let mut read: Vec<Option<Read>> = files.iter().map(|_| None).collect();
    for (at, report) in receive {
        read[at] = Some(report);
    }
    // Every file was read: each file's reading catches its panics.
    read.into_iter()
        .zip(files)
        .map(|(report, file)| report.unwrap_or_else(|| refused(file, unread(file))))
        .collect()
}

/// A file refused, with the refusal to keep, made here, off the knowledge
/// base: making one reads the file's first page again.
fn refused(file: &Path, error: IngestError) -> Read {
    let refusal = Refusal::of_file(file, &error);
    Err((error, refusal))
}

/// The refusal of a file whose reading failed in a way no report should
/// make it (a panic, caught).
fn unread(file: &Path) -> IngestError {
    IngestError::File {
        path: file.to_path_buf(),
        source: Box::new(IngestError::Pdf {
            reason: "reading it failed unexpectedly".into(),
        }),
    }
}
/// What an ingest did, file by file.
#[derive(Default)]
struct Tally {
    stored: usize,
    warned: usize,
    refused: usize,
}

impl Tally {
    /// "ingested 3 of 4 files in 1.2 s: 3 stored (1 with warnings), 1 refused".
    fn line(&self, files: usize, took: std::time::Duration) -> String {
        let read = self.stored + self.refused;
        let skipped = match files - read {
            0 => String::new(),
            n => format!(", {n} not read"),
        };
        format!(
            "ingested {read} of {files} files in {:.1} s: {} stored ({} with warnings), {} refused{skipped}",
            took.as_secs_f64(),
            self.stored,
            self.warned,
            self.refused
        )
    }
}

/// The report files among `paths` (`.txt`, `.pdf`), folders searched recursively, in name order.
fn report_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_text_files(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn collect_text_files(folder: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let read = |error| IngestError::Io {
        path: folder.to_path_buf(),
        source: error,
    };
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)
        .map_err(read)?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(read)?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect_text_files(&path, files)?;
        } else if path.extension().is_some_and(|ext| {
            REPORT_EXTENSIONS
                .iter()
                .any(|wanted| ext.eq_ignore_ascii_case(wanted))
        }) {
            files.push(path);
        }
    }
    Ok(())
}

/// One line per ingested report: authority, framework, dates, counts by kind.
fn summary(report: &Report, file: &Path) -> String {
    let inspection = &report.inspection;
    let counts: Vec<String> = [
        Kind::Judgement,
        Kind::Recommendation,
        Kind::Finding,
        Kind::Fact,
    ]
    .iter()
    .map(|&kind| format!("{} {kind}s", report.of_kind(kind).count()))
    .collect();
    format!(
        "{} {} {} to {}: {} ({})",
        inspection.authority.name,
        inspection.framework,
        inspection.inspected_from,
        inspection.inspected_to,
        counts.join(", "),
        file.display()
    )
}
