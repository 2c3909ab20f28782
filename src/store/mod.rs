//! The knowledge base on disk: one sled tree, divided into keyspaces by the
//! first byte of each key, every value small.
//!
//! # Layout
//!
//! | keyspace (first byte) | rest of the key | value |
//! |---|---|---|
//! | texts (`0x01`) | (authority, inspection), ordinal (`u32` BE) | generation, then the record's text (see [`postings`]); none for a judgement or report, whose text its listing keeps |
//! | listings (`0x02`) | (authority, inspection) | format byte, the inspection in bincode, then every field of each record but its text as a table of fixed-width rows, its references, and the texts of its judgements and report (see [`listing`]) |
//! | terms (`0x03`) | bucket (a byte: a hash of the word), (authority, inspection) | generation, then each word of the bucket with its postings in the inspection: records and positions (see [`postings`]) |
//! | refusals (`0x04`) | the file's name, as given | format byte + bincode [`Refusal`]: the last ingest of that file refused it (see [`refusals`]) |
//! | inspections (`0x05`) | none | how many listings there are, big-endian `u64`, written in every batch that adds or removes one: a listing lost with a file of the database is noticed at open |
//! | writes (`0x06`) | none | how many write batches the database holds, big-endian `u64`, counted in each: a `db` cut short is noticed at open against the count a flush marked in the file `flushed` (see [`flushed`]) |
//!
//! The schema version lives in a tree of its own, `meta`. Keys are written
//! by hand in an order-preserving encoding (`keys`: the inspection prefix,
//! authority slug then inspection date, sorts as the tuple does); bincode
//! output is only ever a value. Within an inspection a record is named by
//! its ordinal, its place in key order.
//!
//! # Why every value is small
//!
//! sled 0.34 writes a page (a leaf of up to 16 keys) larger than a quarter
//! of its log segment (some 128 KiB) to a file of its own, and reads such a
//! page whole for any key in it. With one value of texts and one of terms
//! per inspection, every page of them was such a file, and a question read
//! nearly the whole store: a phrase read the terms of every inspection.
//! Here a text is one record's (hundreds of bytes) and a bucket of postings
//! one inspection's words of one of 64 hash buckets (some hundreds): a page is a few
//! kilobytes, a record is read with its own page, and a phrase reads its
//! words' buckets, which stand side by side across inspections, and
//! nothing else. A report writes a few hundred keys, once each (a record's
//! text each, a bucket each): a key per word and inspection took sled
//! twelve milliseconds more to open and four times the disk, and chunks of
//! a word's postings rewritten at every ingest eleven times the disk.
//!
//! The listings of every inspection, some 16 bytes a record, are held in
//! memory while the knowledge base is open (the catalogue): a question is
//! decided from them wherever it does not read the text, and only its
//! answers' texts are read from disk.
//!
//! # Guarantees
//!
//! Ingesting a report is one atomic batch: its listing, texts and postings
//! land together or not at all, across a crash too. Ingesting an inspection
//! again replaces them all: the batch first removes the texts and buckets
//! of the inspection stored. Each value
//! carries the generation of the ingest that wrote it, so that a reader
//! holding an older listing never reads a newer inspection's records by the
//! wrong ordinals: it skips that inspection, which a concurrent ingest is
//! replacing. Writers take turns (a lock shared by the clones of a
//! [`Store`]; sled's own lock keeps other processes out). A write is durable
//! once `Store::flush` returns (sled also flushes in the background every
//! 500 ms); what a flush had on disk is marked outside sled, and a
//! database found behind its mark (a `db` cut short) is refused at open
//! ([`flushed`]).
//!
//! sled is used here and nowhere else in the crate.

mod catalogue;
mod error;
mod flushed;
mod kept;
mod keys;
mod listing;
mod parts;
mod postings;
mod read;
mod read_only;
mod recover;
mod refusals;
mod values;
mod verify;
mod view;
mod write;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use serde::{Deserialize, Serialize};

pub use error::StoreError;

use catalogue::Catalogue;
use error::{guarded, open_error};
use kept::{Budget, KEPT_BYTES};
use keys::{Writer, inspection_prefix};
use listing::Listing;
pub(crate) use read::StoredRecords;
pub use read_only::PrivateCopy;
pub(crate) use view::{Group, Listed, Snapshot, StoredInspection};

use crate::model::{Date, Kind, Refusal, Section, Warning, slug};

/// The layout version this build reads and writes. Bump it whenever keys,
/// values or trees change meaning.
pub const SCHEMA_VERSION: u32 = 11;

/// The size of sled's log segments in a new knowledge base. Every open
/// reads the last segments of the log and zeroes the unused tail of the
/// last: half sled's default (512 KiB) makes a question as a whole process
/// about a sixth quicker on the real record. A value over a quarter of it
/// would be a file of its own; none is near (every value is small).
const SEGMENT_SIZE: usize = 256 * 1024;

const SCHEMA_KEY: &[u8] = b"schema";
const KB: &str = "kb";
const META: &str = "meta";
const TEXTS: u8 = 0x01;
const LISTINGS: u8 = 0x02;
const TERMS: u8 = 0x03;
const REFUSALS: u8 = 0x04;
const INSPECTIONS: u8 = 0x05;
/// How many write batches the database holds (see [`flushed`]).
const WRITES: u8 = 0x06;

/// Which records a scan visits: all, an authority's, an inspection's, or one
/// section of an inspection (authorities by any spelling of their name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every record.
    All,
    /// The records of an authority (by name or slug).
    Authority(String),
    /// The records of one inspection of an authority.
    Inspection(String, Date),
    /// The records of one section of one inspection.
    Section(String, Date, crate::model::Section),
}

/// Counts of what the knowledge base holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// All records.
    pub records: u64,
    /// Records of each kind.
    pub by_kind: BTreeMap<Kind, u64>,
    /// Authorities with at least one inspection.
    pub authorities: u64,
    /// Inspections.
    pub inspections: u64,
    /// What could not be read of the reports stored, report by report in
    /// key order.
    pub warnings: Vec<ReportWarning>,
    /// The files whose last ingest refused them, by name: their reports
    /// are not in the knowledge base.
    pub refused: Vec<Refusal>,
}

/// Something that could not be read of one stored report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportWarning {
    /// The authority's canonical name.
    pub authority: String,
    /// The inspection id.
    pub inspection: Date,
    /// What could not be read.
    pub warning: Warning,
}

/// What [`Kb::ingest`](crate::Kb::ingest) did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ingested {
    /// Records stored.
    pub records: usize,
    /// Records of an earlier version of the same inspection that were replaced.
    pub replaced: usize,
}

impl Scope {
    /// The listings under the prefix, in key order, and the one section
    /// it is limited to, if any.
    fn select(&self, catalogue: &Catalogue) -> (Vec<Arc<Listing>>, Option<Section>) {
        let one = |name: &str, date: Date| {
            catalogue
                .get(&inspection_prefix(&slug(name), date))
                .cloned()
                .into_iter()
                .collect()
        };
        match self {
            Scope::All => (catalogue.listings().to_vec(), None),
            Scope::Authority(name) => {
                let wanted = slug(name);
                let of_authority = catalogue
                    .listings()
                    .iter()
                    .filter(|listing| listing.slug == wanted)
                    .cloned()
                    .collect();
                (of_authority, None)
            }
            Scope::Inspection(name, date) => (one(name, *date), None),
            Scope::Section(name, date, section) => (one(name, *date), Some(*section)),
        }
    }
}

/// The knowledge base's storage, under [`Kb`](crate::Kb): cheap to clone,
/// and usable from several threads at once.
#[derive(Clone)]
pub(crate) struct Store {
    db: sled::Db,
    tree: sled::Tree,
    /// The listings of every inspection stored, replaced whole by each write.
    catalogue: Arc<RwLock<Arc<Catalogue>>>,
    /// Held while a write is applied and the catalogue replaced, so that
    /// writes land in the catalogue in the order they land on disk.
    writer: Arc<Mutex<()>>,
    /// What is left of the memory for texts and terms kept with their listings.
    budget: Budget,
    /// The private copy this store reads, where the knowledge base asked
    /// for could not be written; removed after the last clone, sled's
    /// handles first (fields drop in order).
    copy: Option<Arc<PrivateCopy>>,
    /// Its folder, which holds the mark of what was flushed; none for a
    /// temporary knowledge base.
    folder: Option<std::path::PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let catalogue = self.catalogue();
        f.debug_struct("Store")
            .field("inspections", &catalogue.listings().len())
            .field("records", &catalogue.records())
            .finish_non_exhaustive()
    }
}

impl Store {
    /// Opens the knowledge base in folder `path`, creating it if the folder
    /// does not exist or is empty.
    pub fn open(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        refuse_foreign_folder(path)?;
        let opened = recover::clear_interrupted_writes(path)
            .map_err(|source| StoreError::Engine {
                source: Box::new(source),
            })
            // sled can panic in its recovery over a damaged or missing file,
            // the more often the busier the machine: an error, never a crash.
            .and_then(|_| {
                guarded(|| {
                    let db = sled::Config::new()
                        .path(path)
                        .segment_size(segment_size_of(path))
                        .open()
                        .map_err(|e| open_error(path, e))?;
                    Store::from_db(db, path, Some(path))
                })
            });
        opened.map_err(|error| {
            if read_only::cannot_write(&error) {
                StoreError::ReadOnly {
                    path: path.to_path_buf(),
                }
            } else {
                error
            }
        })
    }

    /// Opens the knowledge base in folder `path`, which must hold one: a
    /// mistyped folder is an error, not a new, empty knowledge base.
    ///
    /// A knowledge base that cannot be written (a read-only mount, another
    /// user's files) is copied to a private temporary folder and the copy
    /// opened in its place (see [`Store::private_copy`]); what is stored in
    /// it is lost with the copy.
    pub fn open_existing(path: impl AsRef<Path>) -> Result<Store, StoreError> {
        let path = path.as_ref();
        let empty = std::fs::read_dir(path).map(|mut entries| entries.next().is_none());
        if !path.is_file() && empty.unwrap_or(true) {
            return Err(StoreError::NoKnowledgeBase {
                path: path.to_path_buf(),
            });
        }
        match Store::open(path) {
            Err(StoreError::ReadOnly { .. }) => {
                let copy = PrivateCopy::of(path)?;
                let mut store = Store::open(&copy.folder)?;
                store.copy = Some(Arc::new(copy));
                Ok(store)
            }
            opened => opened,
        }
    }

    /// The private copy this knowledge base was opened as, where the one
    /// asked for could not be written.
    pub fn private_copy(&self) -> Option<&PrivateCopy> {
        self.copy.as_deref()
    }

    /// `open` (the folder's knowledge base, made if absent where `make`, or
    /// one that must exist) waiting while another process has it open, as
    /// SQLite's busy timeout does, for at most `patience`.
    pub fn open_waiting(
        path: &Path,
        make: bool,
        patience: std::time::Duration,
    ) -> Result<Store, StoreError> {
        let started = std::time::Instant::now();
        loop {
            let opened = if make {
                Store::open(path)
            } else {
                Store::open_existing(path)
            };
            match opened {
                Err(StoreError::Locked { .. }) if started.elapsed() < patience => {
                    std::thread::sleep(BUSY_POLL);
                }
                Err(StoreError::Locked { path, .. }) => {
                    return Err(StoreError::Locked {
                        path,
                        waited: started.elapsed(),
                    });
                }
                opened => return opened,
            }
        }
    }

    /// A knowledge base in a temporary folder, removed when the last clone is dropped.
    pub fn temporary() -> Result<Store, StoreError> {
        let db = sled::Config::new()
            .temporary(true)
            .segment_size(SEGMENT_SIZE)
            .open()?;
        Store::from_db(db, Path::new("(temporary)"), None)
    }

    /// The store of sled's database `db`, named `path` in messages, in
    /// `folder` (none for a temporary one).
    fn from_db(db: sled::Db, path: &Path, folder: Option<&Path>) -> Result<Store, StoreError> {
        let kb = Store {
            tree: db.open_tree(KB)?,
            db,
            catalogue: Arc::default(),
            writer: Arc::default(),
            budget: Budget::new(KEPT_BYTES),
            copy: None,
            folder: folder.map(Path::to_path_buf),
        };
        kb.check_schema(path)?;
        let listings = guarded(|| {
            kb.tree
                .scan_prefix([LISTINGS])
                .map(|item| Ok(Arc::new(Listing::decode(&item?.1)?)))
                .collect::<Result<Vec<_>, StoreError>>()
        })
        .map_err(|error| error.in_part(|| "the listings of the inspections".into()))?;
        kb.check_count(listings.len())?;
        kb.check_flushed()?;
        *kb.catalogue.write().unwrap_or_else(PoisonError::into_inner) =
            Arc::new(Catalogue::new(listings));
        Ok(kb)
    }

    /// Refuses a knowledge base whose listings are fewer or more than its
    /// last write counted: sled passes over a page whose file is missing
    /// when it scans, and the answers would silently lack inspections.
    fn check_count(&self, listings: usize) -> Result<(), StoreError> {
        let Some(bytes) = guarded(|| Ok(self.tree.get([INSPECTIONS])?))? else {
            // Nothing written yet.
            return Ok(());
        };
        let counted = <[u8; 8]>::try_from(bytes.as_ref())
            .map(u64::from_be_bytes)
            .map_err(|_| StoreError::Corrupt {
                what: "the count of the inspections".into(),
            })?;
        if counted != listings as u64 {
            return Err(StoreError::Corrupt {
                what: format!(
                    "the listings of {counted} inspections were stored and {listings} can be read (a file of the database is missing)"
                ),
            });
        }
        Ok(())
    }

    /// Writes the schema version into a new knowledge base; refuses one of
    /// another version, or a sled database that is not a knowledge base.
    fn check_schema(&self, path: &Path) -> Result<(), StoreError> {
        let meta = self.db.open_tree(META)?;
        match meta.get(SCHEMA_KEY)? {
            Some(bytes) => {
                let found = <[u8; 4]>::try_from(bytes.as_ref())
                    .map(u32::from_be_bytes)
                    .map_err(|_| StoreError::Corrupt {
                        what: "the schema version".into(),
                    })?;
                if found != SCHEMA_VERSION {
                    return Err(StoreError::SchemaVersion {
                        path: path.to_path_buf(),
                        found,
                        supported: SCHEMA_VERSION,
                    });
                }
            }
            None if self.holds_nothing()? => {
                meta.insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes())?;
                meta.flush()?;
            }
            None => {
                return Err(StoreError::NotAKnowledgeBase {
                    path: path.to_path_buf(),
                    reason: "a sled database without a schema version",
                });
            }
        }
        Ok(())
    }

    /// Whether every tree of the database is empty.
    fn holds_nothing(&self) -> Result<bool, StoreError> {
        for name in self.db.tree_names() {
            if !self.db.open_tree(name)?.is_empty() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The knowledge base as of now, for the query engine to read.
    pub(crate) fn snapshot(&self) -> Snapshot {
        Snapshot::new(self.clone(), self.catalogue())
    }

    /// The listings of every inspection, as of now.
    fn catalogue(&self) -> Arc<Catalogue> {
        Arc::clone(
            &self
                .catalogue
                .read()
                .unwrap_or_else(PoisonError::into_inner),
        )
    }

    /// Counts of records, kinds, authorities and inspections, from one
    /// catalogue, so that they agree with each other even while another
    /// thread ingests.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let catalogue = self.catalogue();
        let listings = catalogue.listings();
        let mut stats = Stats {
            records: catalogue.records(),
            inspections: listings.len() as u64,
            // Listings sort by authority first: each authority's are adjacent.
            authorities: 1 + listings
                .windows(2)
                .filter(|pair| pair[0].slug != pair[1].slug)
                .count() as u64,
            ..Stats::default()
        };
        if listings.is_empty() {
            stats.authorities = 0;
        }
        // Counted from the rows: a listing's groups are made only for the
        // questions that ask for them.
        for row in listings.iter().flat_map(|listing| &listing.rows) {
            *stats.by_kind.entry(row.kind).or_default() += 1;
        }
        for kind in Kind::ALL {
            stats.by_kind.entry(kind).or_default();
        }
        stats.warnings = self.warnings();
        stats.refused = self.refusals()?;
        Ok(stats)
    }

    /// What could not be read of each report stored.
    pub fn warnings(&self) -> Vec<ReportWarning> {
        let catalogue = self.catalogue();
        catalogue
            .listings()
            .iter()
            .flat_map(|listing| {
                listing.warnings.iter().map(|warning| ReportWarning {
                    authority: listing.inspection.authority.name.clone(),
                    inspection: listing.inspection.id(),
                    warning: warning.clone(),
                })
            })
            .collect()
    }

    /// Writes everything to disk; what was stored before survives a crash
    /// once this returns. A flush that does not finish in
    /// [`FLUSH_PATIENCE`] is an error: sled 0.34 waits forever on a flush
    /// whose write failed (a full disk), so the flush runs on a thread of
    /// its own, which is left to the process's end.
    pub fn flush(&self) -> Result<(), StoreError> {
        // What the flush will have on disk: every batch applied before it.
        let writes = self.writes()?;
        let db = self.db.clone();
        let (done, finished) = std::sync::mpsc::channel();
        let flushing = std::thread::Builder::new()
            .name("ikb flush".into())
            .spawn(move || {
                // The receiver may have given up waiting: nothing to tell.
                let _ = done.send(db.flush());
            })
            .map_err(|source| StoreError::Engine {
                source: Box::new(source),
            })?;
        match finished.recv_timeout(FLUSH_PATIENCE) {
            Ok(flushed) => {
                // Its handle of the database is dropped before this returns:
                // the last handle's drop is what lets the lock go.
                let _ = flushing.join();
                flushed.map_err(StoreError::from)?;
                self.mark_flushed(writes);
                Ok(())
            }
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => Err(StoreError::Stalled {
                seconds: FLUSH_PATIENCE.as_secs(),
            }),
            // The flush panicked inside sled before it could answer.
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => Err(StoreError::Corrupt {
                what: "the database could not be written (sled failed while flushing)".into(),
            }),
        }
    }
}

/// How often a process waiting for a knowledge base in use tries again.
const BUSY_POLL: std::time::Duration = std::time::Duration::from_millis(25);

/// How long a flush may take before it is taken to have failed: a healthy
/// one of a report's values takes milliseconds.
pub(crate) const FLUSH_PATIENCE: std::time::Duration = std::time::Duration::from_secs(20);

/// An inspection, for messages: `slough/2023-02-03`.
fn describe(listing: &Listing) -> String {
    format!("{}/{}", listing.slug, listing.inspection.id())
}

/// The key of the value holding the text of record `ordinal` of the
/// inspection under `prefix` (see [`postings`]: a value holds the texts of
/// [`TEXTS_PER_VALUE`](postings::TEXTS_PER_VALUE) records).
fn text_key(prefix: &[u8], ordinal: u32) -> Vec<u8> {
    let mut key = space_key(TEXTS, prefix);
    key.extend((ordinal / postings::TEXTS_PER_VALUE).to_be_bytes());
    key
}

/// The key of a bucket of the postings of the inspection under `prefix`:
/// the bucket first, so that a bucket of every inspection stands together.
fn term_key(bucket: u8, prefix: &[u8]) -> Vec<u8> {
    let mut key = Vec::with_capacity(2 + prefix.len());
    key.extend([TERMS, bucket]);
    key.extend_from_slice(prefix);
    key
}

fn space_key(space: u8, rest: &[u8]) -> Vec<u8> {
    Writer::default().u8(space).bytes(rest).finish()
}

/// The segment size of the knowledge base in `path`: the one its sled
/// configuration (`conf`) records, which sled refuses to change, so that a
/// knowledge base of an earlier build opens far enough to be refused for
/// its schema version; [`SEGMENT_SIZE`] for a new one.
fn segment_size_of(path: &Path) -> usize {
    std::fs::read(path.join("conf"))
        .ok()
        .and_then(|conf| {
            let text = String::from_utf8_lossy(&conf).into_owned();
            text.lines()
                .find_map(|line| line.strip_prefix("segment_size: "))
                .and_then(|size| size.trim().parse().ok())
        })
        .unwrap_or(SEGMENT_SIZE)
}

/// sled would make itself at home in any folder: refuse one that holds
/// files but no sled database.
fn refuse_foreign_folder(path: &Path) -> Result<(), StoreError> {
    let foreign = |reason| {
        Err(StoreError::NotAKnowledgeBase {
            path: path.to_path_buf(),
            reason,
        })
    };
    if path.is_file() {
        return foreign("it is a file");
    }
    let Ok(mut entries) = std::fs::read_dir(path) else {
        return Ok(());
    };
    let empty = entries.next().is_none();
    let (conf, db) = (path.join("conf").is_file(), path.join("db").is_file());
    if !empty && !conf && db {
        return Err(StoreError::Corrupt {
            what: format!("{}: the database has lost its `conf` file", path.display()),
        });
    }
    if !empty && !conf {
        return foreign("the folder holds other files");
    }
    Ok(())
}

/// Opens a knowledge base just closed: sled lets its lock go a moment after
/// its last handle drops.
#[cfg(test)]
pub(crate) fn open_when_let_go(path: &Path) -> Result<Store, StoreError> {
    Store::open_waiting(path, true, std::time::Duration::from_secs(2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;

    #[test]
    fn another_schema_version_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        drop(Store::open(folder.path()).unwrap());
        {
            let db = sled::Config::new()
                .path(folder.path())
                .segment_size(SEGMENT_SIZE)
                .open()
                .unwrap();
            db.open_tree(META)
                .unwrap()
                .insert(SCHEMA_KEY, &(SCHEMA_VERSION + 1).to_be_bytes())
                .unwrap();
            db.flush().unwrap();
        }
        let error = Store::open(folder.path()).err().unwrap();
        assert!(
            matches!(
                error,
                StoreError::SchemaVersion {
                    found,
                    supported: SCHEMA_VERSION,
                    ..
                } if found == SCHEMA_VERSION + 1
            ),
            "{error}"
        );
        assert!(
            error.to_string().ends_with(&format!(
                "knowledge base schema version {}; this build reads version {SCHEMA_VERSION}",
                SCHEMA_VERSION + 1
            )),
            "{error}"
        );
    }

    #[test]
    fn a_sled_database_of_something_else_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        {
            let db = sled::open(folder.path()).unwrap();
            db.open_tree("records")
                .unwrap()
                .insert(b"someone else's", b"data")
                .unwrap();
            db.flush().unwrap();
        }
        let error = Store::open(folder.path()).err().unwrap();
        assert!(
            matches!(error, StoreError::NotAKnowledgeBase { .. }),
            "{error}"
        );
    }

    #[test]
    fn a_listing_lost_since_the_last_write_is_noticed_at_open() {
        let folder = tempfile::tempdir().unwrap();
        {
            let kb = Store::open(folder.path()).unwrap();
            for seed in ["seeds/slough-2023-ilacs.txt", "seeds/leeds-2015-sif.txt"] {
                kb.ingest(&Report::parse_file(seed).unwrap()).unwrap();
            }
            // What a scan passing over a lost page of the tree comes to.
            let leeds = kb.catalogue().listings()[0].prefix.clone();
            kb.tree.remove(space_key(LISTINGS, &leeds)).unwrap();
            kb.flush().unwrap();
        }
        let error = open_when_let_go(folder.path()).unwrap_err().to_string();
        assert!(
            error.contains("the listings of 2 inspections were stored and 1 can be read"),
            "{error}"
        );
    }

    #[test]
    fn a_report_with_a_stranger_record_is_refused() {
        let mut report = Report::parse_file("seeds/slough-2023-ilacs.txt").unwrap();
        let mut stranger = report.records[1].clone();
        stranger.key.authority = "leeds".into();
        report.records.push(stranger);
        let kb = Store::temporary().unwrap();
        assert!(matches!(
            kb.ingest(&report),
            Err(StoreError::InvalidReport { .. })
        ));
        assert_eq!(kb.stats().unwrap().records, 0);
        let mut report = Report::parse_file("seeds/slough-2023-ilacs.txt").unwrap();
        report.records.push(report.records[3].clone());
        assert!(matches!(
            kb.ingest(&report),
            Err(StoreError::InvalidReport { .. })
        ));
    }
}
