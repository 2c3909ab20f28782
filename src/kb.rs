//! The entry point: a knowledge base to open, ingest reports into and ask.
//!
//! `Kb` is where the stages meet. It reads reports with the `ingest` stage
//! ([`Report::parse_file`]), keeps them in the `store` and answers with
//! `query`; none of those layers knows the others above it, so each can
//! change alone.

use std::path::Path;
use std::time::Duration;

use crate::error::Error;
use crate::ingest::IngestError;
use crate::model::{Date, Key, Kind, Record, Refusal, Report};
use crate::query::{self, Answer, Query, QueryError};
use crate::store::{Ingested, PrivateCopy, Scope, Stats, Store, StoreError};

/// A knowledge base: cheap to clone, and usable from several threads at once.
///
/// ```
/// use inspection_kb::{Kb, Kind, Scope};
///
/// let kb = Kb::temporary()?;
/// kb.ingest_file("seeds/slough-2023-ilacs.txt")?;
/// assert_eq!(kb.stats()?.inspections, 1);
/// let first = kb.scan(&Scope::Authority("Slough".into())).next().unwrap()?;
/// assert_eq!(first.kind, Kind::Report);
/// # Ok::<(), inspection_kb::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Kb {
    store: Store,
}

impl Kb {
    /// How long opening waits for a knowledge base another process has
    /// open (as SQLite's busy timeout): a question holds it for a fraction
    /// of a second, an ingest while it writes.
    pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

    /// Opens the knowledge base in folder `path`, creating it if the folder
    /// does not exist or is empty; waits up to [`Kb::BUSY_TIMEOUT`] while
    /// another process has it open.
    pub fn open(path: impl AsRef<Path>) -> Result<Kb, StoreError> {
        Kb::open_waiting(path, Kb::BUSY_TIMEOUT)
    }

    /// As [`Kb::open`], waiting at most `patience` for another process.
    pub fn open_waiting(path: impl AsRef<Path>, patience: Duration) -> Result<Kb, StoreError> {
        Ok(Kb {
            store: Store::open_waiting(path.as_ref(), true, patience)?,
        })
    }

    /// Opens the knowledge base in folder `path`, which must hold one (see
    /// [`StoreError::NoKnowledgeBase`]): for tools that only read, where a
    /// mistyped folder must not answer as an empty knowledge base. One that
    /// cannot be written (a read-only mount, another user's files) is
    /// copied to a private temporary folder, removed when the knowledge
    /// base is closed, and answers from there ([`Kb::private_copy`]).
    ///
    /// ```
    /// use inspection_kb::{Kb, StoreError};
    /// let missing = Kb::open_existing("no/such/knowledge-base");
    /// assert!(matches!(missing, Err(StoreError::NoKnowledgeBase { .. })));
    /// assert!(!std::path::Path::new("no").exists());
    /// ```
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Kb, StoreError> {
        Kb::open_existing_waiting(path, Kb::BUSY_TIMEOUT)
    }

    /// As [`Kb::open_existing`], waiting at most `patience` for another
    /// process.
    pub fn open_existing_waiting(
        path: impl AsRef<Path>,
        patience: Duration,
    ) -> Result<Kb, StoreError> {
        Ok(Kb {
            store: Store::open_waiting(path.as_ref(), false, patience)?,
        })
    }

    /// The private copy this knowledge base answers from, where the one
    /// asked for could not be written (see [`Kb::open_existing`]): what it
    /// is a copy of, and what the copy cost.
    pub fn private_copy(&self) -> Option<&PrivateCopy> {
        self.store.private_copy()
    }

    /// A knowledge base in a temporary folder, removed when the last clone is dropped.
    pub fn temporary() -> Result<Kb, StoreError> {
        Ok(Kb {
            store: Store::temporary()?,
        })
    }

    /// A temporary knowledge base of the seven seed reports the crate
    /// carries ([`SEED_REPORTS`](crate::SEED_REPORTS)): the default of the
    /// `ikb` command and of the query example.
    ///
    /// ```
    /// let kb = inspection_kb::Kb::seeded()?;
    /// assert_eq!(kb.stats()?.inspections, 7);
    /// # Ok::<(), inspection_kb::Error>(())
    /// ```
    pub fn seeded() -> Result<Kb, Error> {
        let kb = Kb::temporary()?;
        for (name, text) in crate::seeds::SEED_REPORTS {
            let report = Report::parse(text).map_err(|source| IngestError::File {
                path: name.into(),
                source: Box::new(source),
            })?;
            kb.ingest(&report)?;
        }
        Ok(kb)
    }

    /// Stores a report, replacing any earlier version of the same
    /// inspection, in one atomic batch.
    pub fn ingest(&self, report: &Report) -> Result<Ingested, StoreError> {
        self.store.ingest(report)
    }

    /// Reads a report file and stores it. A file that is refused leaves the
    /// records as they were, and the refusal is kept (listed by
    /// [`Kb::stats`]) until the file is stored, so that a reader can see
    /// that answers lack its report.
    pub fn ingest_file(&self, path: impl AsRef<Path>) -> Result<Report, Error> {
        let path = path.as_ref();
        self.ingest_read(path, Kb::read(path, false))
    }

    /// As [`Kb::ingest_file`], but refusing a report that could not be read
    /// whole ([`Report::strict`]).
    pub fn ingest_file_strict(&self, path: impl AsRef<Path>) -> Result<Report, Error> {
        let path = path.as_ref();
        self.ingest_read(path, Kb::read(path, true))
    }

    /// Reads a report file as [`Kb::ingest_file`] does (refusing, where
    /// `strict`, one it cannot read whole), without storing it: reading is
    /// most of ingest's work, and files can be read on threads of their own
    /// and stored with [`Kb::ingest_read`].
    pub fn read(path: impl AsRef<Path>, strict: bool) -> Result<Report, IngestError> {
        let path = path.as_ref();
        Report::parse_file(path).and_then(|report| {
            if !strict {
                return Ok(report);
            }
            report.strict().map_err(|source| IngestError::File {
                path: path.to_path_buf(),
                source: Box::new(source),
            })
        })
    }

    /// Stores the report read from `path` ([`Kb::read`]), or keeps the
    /// file's refusal: what [`Kb::ingest_file`] does after reading.
    pub fn ingest_read(
        &self,
        path: &Path,
        read: Result<Report, IngestError>,
    ) -> Result<Report, Error> {
        match read {
            Ok(report) => {
                self.store
                    .ingest_from(&report, &crate::ingest::file_name(path))?;
                Ok(report)
            }
            Err(error) => {
                self.keep_refusal(&Refusal::of_file(path, &error))?;
                Err(error.into())
            }
        }
    }

    /// Keeps the refusal of a file (listed by [`Kb::stats`]) until the file
    /// is stored: what [`Kb::ingest_read`] does with a file it is given
    /// refused, for a tool that makes the [`Refusal`] where it reads (making
    /// one reads the file's first page again).
    pub fn keep_refusal(&self, refusal: &Refusal) -> Result<(), StoreError> {
        self.store.record_refusal(refusal)
    }

    /// Removes an inspection (authority by name or slug) and every trace of
    /// it; returns how many records it had.
    pub fn remove_inspection(
        &self,
        authority: &str,
        inspection: Date,
    ) -> Result<usize, StoreError> {
        self.store.remove_inspection(authority, inspection)
    }

    /// Parses and resolves a query to run later, any number of times.
    pub fn prepare(&self, query: &str) -> Result<Query, QueryError> {
        Query::parse(query)
    }

    /// Runs a query.
    pub fn query(&self, query: &str) -> Result<Answer, Error> {
        self.prepare(query)?.run(self)
    }

    /// The record with this key.
    pub fn get(&self, key: &Key) -> Result<Option<Record>, StoreError> {
        self.store.get(key)
    }

    /// The records in a scope, in key order; `.rev()` for the reverse.
    pub fn scan(
        &self,
        scope: &Scope,
    ) -> impl DoubleEndedIterator<Item = Result<Record, StoreError>> + use<> {
        self.store.scan(scope)
    }

    /// Counts of records, kinds, authorities and inspections, and what
    /// could not be read of the reports, all from one moment.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        self.store.stats()
    }

    /// Writes everything to disk; what was stored before survives a crash
    /// once this returns.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.store.flush()
    }

    /// What the knowledge base knows an answer to `query` may lack, each
    /// said in a sentence: the files refused at ingest (their reports are
    /// in no answer), and, for a question that can answer with judgements,
    /// the judgements its reports give that could not be read. Empty where
    /// nothing is known to be missing.
    ///
    /// ```
    /// let kb = inspection_kb::Kb::seeded()?;
    /// assert!(kb.gaps(&kb.prepare("judgement where area = 'overall'")?)?.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn gaps(&self, query: &Query) -> Result<Vec<String>, StoreError> {
        let refused = self.store.refusals()?;
        let mut gaps = Vec::new();
        let plural = |n: usize, one: &str, many: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {many}")
            }
        };
        if !refused.is_empty() {
            let files = plural(
                refused.len(),
                "file was refused at ingest: its report is",
                "files were refused at ingest: their reports are",
            );
            gaps.push(format!("{files} in no answer (stats lists them)"));
        }
        let judged = matches!(query.kind(), None | Some(Kind::Judgement | Kind::Change));
        let unread = self
            .store
            .warnings()
            .iter()
            .filter(|w| w.warning.leaves_a_judgement_unread())
            .count();
        if judged && unread > 0 {
            let judgements = plural(
                unread,
                "judgement of the reports stored could not be read: it is",
                "judgements of the reports stored could not be read: they are",
            );
            gaps.push(format!("{judgements} in no answer (stats lists them)"));
        }
        Ok(gaps)
    }

    /// The files refused at ingest whose front page names one of
    /// `councils` (by name as the reference table gives it), or, where
    /// `None`, every file refused: each is a report missing from what is
    /// said of its council.
    pub fn refused_of(&self, councils: Option<&[String]>) -> Result<Vec<Refusal>, StoreError> {
        let mut refused = self.store.refusals()?;
        if let Some(councils) = councils {
            refused.retain(|refusal| {
                refusal
                    .authority
                    .as_ref()
                    .is_some_and(|name| councils.contains(name))
            });
        }
        Ok(refused)
    }

    /// Checks that the stored values of every inspection agree with each
    /// other and with the catalogue in memory.
    pub fn verify(&self) -> Result<(), StoreError> {
        self.store.verify()
    }
}

impl Query {
    /// Runs the query: records, counts, or the plan for `explain`.
    pub fn run(&self, kb: &Kb) -> Result<Answer, Error> {
        let snapshot = kb.store.snapshot();
        query::check_held(self, &snapshot)?;
        Ok(query::run(self, snapshot, query::Access::Indexes)?)
    }

    /// Runs the query without the indexes: every record is read and tested.
    /// The answer is the same as [`Query::run`]'s; this exists to check that.
    pub fn run_by_scan(&self, kb: &Kb) -> Result<Answer, Error> {
        let snapshot = kb.store.snapshot();
        query::check_held(self, &snapshot)?;
        Ok(query::run(self, snapshot, query::Access::Scan)?)
    }

    /// The plan the query runs by, with estimated counts.
    pub fn explain(&self, kb: &Kb) -> String {
        query::explain(self, &kb.store.snapshot())
    }
}
