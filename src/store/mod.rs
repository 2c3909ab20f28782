//! The knowledge base on disk: one sled tree, divided into keyspaces by the
//! first byte of each key.
//!
//! # Layout
//!
//! | keyspace (first byte) | rest of the key | value |
//! |---|---|---|
//! | records (`0x01`) | [`encode_key`]: (authority, inspection, section, position) | format byte + bincode `Record` |
//! | inspections (`0x02`) | (authority, inspection) | format byte + bincode manifest: the inspection and how many records it has |
//! | counts (`0x03`) | index ++ value | records with that value (not kept for words), big-endian `u64` |
//! | counts (`0x03`) | `0xFF` ++ authority; `0xFF 0xFF 0`; `0xFF 0xFF 1` | inspections of an authority; inspections; authorities |
//! | `index/kind`, `index/authority`, `index/area`, `index/grade`, `index/section`, `index/refs`, `index/inspected`, `index/term` (`0x10` to `0x17`) | value ++ (authority, inspection) | postings: the inspection's records with that value, by key after the inspection prefix; for `index/term` (value: a word) with the word's positions |
//!
//! The schema version lives in a tree of its own, `meta`. Keys are written
//! by hand in an order-preserving encoding (see [`encode_key`]); bincode
//! output is only ever a value.
//!
//! # Why one tree, and postings per inspection
//!
//! sled applies a batch of writes atomically, across a crash too, only
//! within one tree. Its transactions span trees, but read every key before
//! writing it and keep the writes in an overlay: three times the work of a
//! batch. So the trees of the design are keyspaces of one tree, and a report
//! is one batch. sled's cost is per key, on writes and on scans alike (a
//! scan step costs about as much as a lookup), so the indexes keep one
//! entry per value and inspection, listing the inspection's records with
//! that value, rather than one per value and record: a report of 150
//! records writes about 2,000 index entries (one per distinct word) instead
//! of 9,000, and a lookup reads one entry per inspection.
//!
//! # Guarantees
//!
//! Ingesting a report is one atomic batch: its records, index entries,
//! postings and counts land together or not at all. Ingesting an inspection
//! again replaces it: the same batch removes the records stored under its
//! prefix, their entries and postings. Writers take turns (a lock shared by
//! the clones of a [`Kb`]; sled's own lock keeps other processes out), so
//! the counts a batch updates are not raced. A write is durable once
//! [`Kb::flush`] returns (sled also flushes in the background every 500 ms).
//!
//! sled is used here and nowhere else in the crate.

mod index;
mod keys;
mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use sled::transaction::{ConflictableTransactionError, TransactionError};

pub use index::Lookup;
pub(crate) use keys::inspection_of;
pub use keys::{decode_key, encode_key};

use crate::error::Error;
use crate::ingest;
use crate::model::{Date, Inspection, Key, Kind, Record, Report, slug};
use index::{Index, Postings, postings};
use keys::{Writer, grade_code, inspection_prefix, kind_code};

/// The layout version this build reads and writes. Bump it whenever keys,
/// values or trees change meaning.
pub const SCHEMA_VERSION: u32 = 2;

const SCHEMA_KEY: &[u8] = b"schema";
const KB: &str = "kb";
const META: &str = "meta";
const RECORDS: u8 = 0x01;
const INSPECTIONS: u8 = 0x02;
const COUNTS: u8 = 0x03;
/// Counts that are not of an index value start with this byte (index codes are small).
const TALLY: u8 = 0xFF;

/// Why the knowledge base could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The folder exists but holds something other than a knowledge base.
    #[error("{}: not a knowledge base ({reason})", path.display())]
    NotAKnowledgeBase {
        /// The folder.
        path: PathBuf,
        /// What gave it away.
        reason: &'static str,
    },
    /// The knowledge base was written by a build with another layout.
    #[error("{}: knowledge base schema version {found}; this build reads version {supported}", path.display())]
    SchemaVersion {
        /// The folder.
        path: PathBuf,
        /// The version on disk.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// Another process has the knowledge base open.
    #[error("{}: the knowledge base is in use by another process", path.display())]
    Locked {
        /// The folder.
        path: PathBuf,
    },
    /// A stored key or value cannot be read: the database is damaged.
    #[error("the knowledge base is damaged: {what}")]
    Corrupt {
        /// What could not be read.
        what: String,
    },
    /// A report whose records do not all belong to its inspection, or repeat a key.
    #[error("cannot store the report: {reason}")]
    InvalidReport {
        /// What is wrong with it.
        reason: String,
    },
    /// The storage engine failed (I/O error, disk full, ...).
    #[error("storage failed: {0}")]
    Engine(String),
}

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> StoreError {
        match error {
            sled::Error::Corruption { .. } => StoreError::Corrupt {
                what: error.to_string(),
            },
            other => StoreError::Engine(other.to_string()),
        }
    }
}

impl From<TransactionError<StoreError>> for StoreError {
    fn from(error: TransactionError<StoreError>) -> StoreError {
        match error {
            TransactionError::Abort(error) => error,
            TransactionError::Storage(error) => error.into(),
        }
    }
}

/// Which records a scan visits: all, or those under a key prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prefix {
    /// Every record.
    All,
    /// The records of an authority (by name or slug).
    Authority(String),
    /// The records of one inspection of an authority.
    Inspection(String, Date),
    /// The records of one section of one inspection.
    Section(String, Date, crate::model::Section),
}

impl Prefix {
    fn bytes(&self) -> Vec<u8> {
        match self {
            Prefix::All => Vec::new(),
            Prefix::Authority(name) => Writer::default().str(&slug(name)).finish(),
            Prefix::Inspection(name, date) => inspection_prefix(&slug(name), *date),
            Prefix::Section(name, date, section) => Writer::default()
                .bytes(&inspection_prefix(&slug(name), *date))
                .u8(keys::section_code(*section))
                .finish(),
        }
    }
}

/// The index values a lookup asks for, encoded as the index stores them.
enum Values {
    /// Entries of one value.
    One(Index, Vec<u8>),
    /// Entries of the fixed-width values from the first to the second, inclusive.
    Between(Index, Vec<u8>, Vec<u8>),
    /// Postings of the term index, one word per word of a phrase.
    Words(Vec<Vec<u8>>),
}

impl Values {
    fn of(lookup: &Lookup) -> Values {
        let text = |text: &str| Writer::default().str(text).finish();
        match lookup {
            Lookup::Kind(kind) => Values::One(Index::Kind, vec![kind_code(*kind)]),
            Lookup::Authority(name) => Values::One(Index::Authority, text(&slug(name))),
            Lookup::Area(area) => Values::One(Index::Area, vec![keys::area_code(*area)]),
            Lookup::Section(section) => {
                Values::One(Index::Section, vec![keys::section_code(*section)])
            }
            Lookup::Cites(paragraph) => {
                Values::One(Index::Refs, Writer::default().u32(*paragraph).finish())
            }
            Lookup::Grades(range) => Values::Between(
                Index::Grade,
                vec![grade_code(*range.start())],
                vec![grade_code(*range.end())],
            ),
            Lookup::Inspected(range) => Values::Between(
                Index::Inspected,
                Writer::default().date(*range.start()).finish(),
                Writer::default().date(*range.end()).finish(),
            ),
            Lookup::Phrase(phrase) => Values::Words(
                crate::text::words(phrase)
                    .map(|(_, word)| text(&word))
                    .collect(),
            ),
        }
    }
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
}

/// What the knowledge base keeps of each inspection besides its records.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    inspection: Inspection,
    records: u64,
}

/// What [`Kb::ingest`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ingested {
    /// Records stored.
    pub records: usize,
    /// Records of an earlier version of the same inspection that were replaced.
    pub replaced: usize,
}

/// A knowledge base: cheap to clone, and usable from several threads at once.
///
/// ```
/// use inspection_kb::store::{Kb, Lookup, Prefix};
/// use inspection_kb::{Area, Kind};
///
/// let kb = Kb::temporary()?;
/// kb.ingest_file("seeds/slough-2023-ilacs.txt")?;
/// let stats = kb.stats()?;
/// assert_eq!(stats.inspections, 1);
/// let care_leavers = kb.keys(&Lookup::Area(Area::CareLeavers))?;
/// assert!(!care_leavers.is_empty());
/// let first = kb.scan(&Prefix::Authority("Slough".into())).next().unwrap()?;
/// assert_eq!(first.kind, Kind::Report);
/// # Ok::<(), inspection_kb::Error>(())
/// ```
#[derive(Clone)]
pub struct Kb {
    db: sled::Db,
    tree: sled::Tree,
    /// Held while a batch is built and applied, so that the counts it read
    /// are still current when it lands.
    writer: Arc<Mutex<()>>,
}

impl Kb {
    /// Opens the knowledge base in folder `path`, creating it if the folder
    /// does not exist or is empty.
    pub fn open(path: impl AsRef<Path>) -> Result<Kb, StoreError> {
        let path = path.as_ref();
        refuse_foreign_folder(path)?;
        let db = sled::Config::new()
            .path(path)
            .open()
            .map_err(|e| open_error(path, e))?;
        Kb::from_db(db, path)
    }

    /// A knowledge base in a temporary folder, removed when the last clone is dropped.
    pub fn temporary() -> Result<Kb, StoreError> {
        let db = sled::Config::new().temporary(true).open()?;
        Kb::from_db(db, Path::new("(temporary)"))
    }

    fn from_db(db: sled::Db, path: &Path) -> Result<Kb, StoreError> {
        let kb = Kb {
            tree: db.open_tree(KB)?,
            db,
            writer: Arc::default(),
        };
        kb.check_schema(path)?;
        Ok(kb)
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

    /// Stores a report, replacing any earlier version of the same
    /// inspection, in one atomic batch.
    pub fn ingest(&self, report: &Report) -> Result<Ingested, StoreError> {
        let inspection = check_report(report)?;
        let mut records: Vec<(Vec<u8>, &Record)> = report
            .records
            .iter()
            .map(|record| (encode_key(&record.key), record))
            .collect();
        records.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let mut added = Change::default();
        for (key, record) in &records {
            added.put(space_key(RECORDS, key), values::encode(*record)?);
        }
        added.index_inspection(
            &inspection,
            records.iter().map(|(k, r)| (k.as_slice(), *r)),
            1,
        );
        added.put(
            space_key(INSPECTIONS, &inspection),
            values::encode(&Manifest {
                inspection: report.inspection.clone(),
                records: records.len() as u64,
            })?,
        );
        added.tally_inspection(&report.inspection.authority.slug(), 1);
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let mut change = Change::default();
        let replaced = self.remove_into(&inspection, &mut change)?;
        change.then(added);
        self.commit(change)?;
        Ok(Ingested {
            records: records.len(),
            replaced,
        })
    }

    /// Reads a report file and stores it. A file that is refused leaves the
    /// knowledge base as it was.
    pub fn ingest_file(&self, path: impl AsRef<Path>) -> Result<Report, Error> {
        let report = ingest::parse_file(path)?;
        self.ingest(&report)?;
        Ok(report)
    }

    /// Removes an inspection (authority by name or slug) and every trace of
    /// it; returns how many records it had.
    pub fn remove_inspection(
        &self,
        authority: &str,
        inspection: Date,
    ) -> Result<usize, StoreError> {
        let inspection = inspection_prefix(&slug(authority), inspection);
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let mut change = Change::default();
        let removed = self.remove_into(&inspection, &mut change)?;
        self.commit(change)?;
        Ok(removed)
    }

    /// Adds to `change` the removal of the inspection under `inspection` (if
    /// stored) with every index entry, posting and count of its records;
    /// returns how many records it had.
    fn remove_into(&self, inspection: &[u8], change: &mut Change) -> Result<usize, StoreError> {
        let manifest_key = space_key(INSPECTIONS, inspection);
        let Some(manifest) = self.tree.get(&manifest_key)? else {
            return Ok(0);
        };
        let manifest: Manifest = values::decode(&manifest, "an inspection manifest")?;
        let stored = self
            .tree
            .scan_prefix(space_key(RECORDS, inspection))
            .map(|item| {
                let (key, value) = item?;
                Ok((key[1..].to_vec(), values::decode(&value, "a record")?))
            })
            .collect::<Result<Stored, StoreError>>()?;
        if stored.len() as u64 != manifest.records {
            return Err(StoreError::Corrupt {
                what: format!(
                    "the manifest of {}/{} counts {} records, {} are stored",
                    manifest.inspection.authority.slug(),
                    manifest.inspection.id(),
                    manifest.records,
                    stored.len()
                ),
            });
        }
        change.delete(manifest_key);
        change.tally_inspection(&manifest.inspection.authority.slug(), -1);
        for (key, _) in &stored {
            change.delete(space_key(RECORDS, key));
        }
        change.index_inspection(
            inspection,
            stored.iter().map(|(k, r)| (k.as_slice(), r)),
            -1,
        );
        Ok(stored.len())
    }

    /// Applies a change as one batch, with its counts brought up to date.
    /// The caller holds the writer lock.
    fn commit(&self, change: Change) -> Result<(), StoreError> {
        let Change { writes, deltas } = change;
        let mut batch = sled::Batch::default();
        for (key, value) in writes {
            match value {
                Some(value) => batch.insert(key, value),
                None => batch.remove(key),
            }
        }
        let mut update = |key: &[u8], delta: i64| -> Result<(u64, u64), StoreError> {
            let key = space_key(COUNTS, key);
            let before = self.tree.get(&key)?.map_or(0, |bytes| read_count(&bytes));
            let after = before.saturating_add_signed(delta);
            if after == 0 {
                batch.remove(key);
            } else {
                batch.insert(key, after.to_be_bytes().to_vec());
            }
            Ok((before, after))
        };
        let mut authorities = 0;
        for (key, delta) in deltas.into_iter().filter(|(_, delta)| *delta != 0) {
            let (before, after) = update(&key, delta)?;
            if is_authority_tally(&key) {
                authorities += i64::from(before == 0) - i64::from(after == 0);
            }
        }
        if authorities != 0 {
            update(&authorities_tally(), authorities)?;
        }
        self.tree.apply_batch(batch)?;
        Ok(())
    }

    /// The record with this key.
    pub fn get(&self, key: &Key) -> Result<Option<Record>, StoreError> {
        self.get_encoded(&encode_key(key))
    }

    /// The record under an encoded key (see [`encode_key`]).
    pub(crate) fn get_encoded(&self, key: &[u8]) -> Result<Option<Record>, StoreError> {
        self.tree
            .get(space_key(RECORDS, key))?
            .map(|bytes| values::decode(&bytes, "a record"))
            .transpose()
    }

    /// The records under a prefix, in key order; `.rev()` for the reverse.
    pub fn scan(
        &self,
        prefix: &Prefix,
    ) -> impl DoubleEndedIterator<Item = Result<Record, StoreError>> + use<> {
        self.tree
            .scan_prefix(space_key(RECORDS, &prefix.bytes()))
            .map(|item| {
                let (_, value) = item?;
                values::decode(&value, "a record")
            })
    }

    /// The keys of the records that answer `lookup`, in key order, read from
    /// the indexes alone (a phrase is verified against the stored positions).
    pub fn keys(&self, lookup: &Lookup) -> Result<Vec<Key>, StoreError> {
        self.encoded_keys(lookup)?
            .iter()
            .map(|bytes| decode_record_key(bytes))
            .collect()
    }

    /// [`Kb::keys`], encoded (see [`encode_key`]), in key order, each once.
    pub(crate) fn encoded_keys(&self, lookup: &Lookup) -> Result<Vec<Vec<u8>>, StoreError> {
        match Values::of(lookup) {
            Values::One(index, value) => self.keys_with(index, &value),
            Values::Between(index, from, to) => self.keys_between(index, &from, &to),
            Values::Words(words) => self.keys_with_phrase(&words),
        }
    }

    /// [`Kb::encoded_keys`] of a lookup of one value, read only in the
    /// given inspections (prefixes, ascending), one read each; `None` for a
    /// lookup of a range or a phrase.
    pub(crate) fn encoded_keys_within(
        &self,
        lookup: &Lookup,
        inspections: &[&[u8]],
    ) -> Result<Option<Vec<Vec<u8>>>, StoreError> {
        let Values::One(index, value) = Values::of(lookup) else {
            return Ok(None);
        };
        let prefix = space_key(index.space(), &value);
        let mut keys = Vec::new();
        for inspection in inspections {
            if let Some(postings) = self.tree.get([prefix.as_slice(), inspection].concat())? {
                push_keys(&mut keys, inspection, &postings)?;
            }
        }
        Ok(Some(keys))
    }

    /// How many records an index lookup finds: from the counts for every
    /// lookup but a phrase, which is run (words have no counts: keeping
    /// them would double the keys a report writes).
    pub fn estimate(&self, lookup: &Lookup) -> Result<u64, StoreError> {
        match Values::of(lookup) {
            Values::One(index, value) => self.count(index, &value),
            Values::Between(index, from, to) => self
                .tree
                .range(
                    space_key(COUNTS, &count_key(index, &from))
                        ..=space_key(COUNTS, &count_key(index, &to)),
                )
                .map(|item| Ok(read_count(&item?.1)))
                .sum(),
            Values::Words(words) => Ok(self.keys_with_phrase(&words)?.len() as u64),
        }
    }

    fn count(&self, index: Index, value: &[u8]) -> Result<u64, StoreError> {
        Ok(self
            .tree
            .get(space_key(COUNTS, &count_key(index, value)))?
            .map_or(0, |bytes| read_count(&bytes)))
    }

    /// Record keys of the postings of `value` in `index`, in key order.
    fn keys_with(&self, index: Index, value: &[u8]) -> Result<Vec<Vec<u8>>, StoreError> {
        let prefix = space_key(index.space(), value);
        let mut keys = Vec::new();
        for item in self.tree.scan_prefix(&prefix) {
            let (entry, postings) = item?;
            push_keys(&mut keys, &entry[prefix.len()..], &postings)?;
        }
        Ok(keys)
    }

    /// Record keys of the postings of values from `from` to `to` inclusive
    /// (fixed-width values), in key order.
    fn keys_between(
        &self,
        index: Index,
        from: &[u8],
        to: &[u8],
    ) -> Result<Vec<Vec<u8>>, StoreError> {
        let mut keys = Vec::new();
        for item in self.tree.range(space_key(index.space(), from)..) {
            let (entry, postings) = item?;
            let Some((&space, entry)) = entry.split_first() else {
                break;
            };
            if space != index.space() {
                break;
            }
            let (value, inspection) = index
                .split_entry(entry)
                .ok_or_else(|| corrupt_entry(index))?;
            if value > to {
                break;
            }
            push_keys(&mut keys, inspection, &postings)?;
        }
        keys.sort_unstable();
        Ok(keys)
    }

    /// Record keys of the records holding a phrase, in key order: each
    /// distinct word's postings are read once; the inspections of the word
    /// in fewest are walked, and a record is kept where the other words'
    /// postings in the same inspection put every word in sequence.
    fn keys_with_phrase(&self, words: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, StoreError> {
        if words.is_empty() {
            return self
                .tree
                .scan_prefix([RECORDS])
                .keys()
                .map(|key| Ok(key?[1..].to_vec()))
                .collect();
        }
        // Each distinct word once, with the places it takes in the phrase.
        let mut offsets: BTreeMap<&[u8], Vec<u32>> = BTreeMap::new();
        for (offset, word) in (0u32..).zip(words) {
            offsets.entry(word.as_slice()).or_default().push(offset);
        }
        let mut lists = Vec::with_capacity(offsets.len());
        for (word, word_offsets) in &offsets {
            let prefix = space_key(Index::Term.space(), word);
            let entries = self
                .tree
                .scan_prefix(&prefix)
                .map(|item| {
                    let (entry, postings) = item?;
                    Ok((
                        entry.subslice(prefix.len(), entry.len() - prefix.len()),
                        postings,
                    ))
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            lists.push((entries, word_offsets));
        }
        lists.sort_by_key(|(entries, _)| entries.len());
        let Some(((anchor, anchor_offsets), others)) = lists.split_first() else {
            return Ok(Vec::new());
        };
        let mut keys = Vec::new();
        'inspections: for (inspection, postings) in anchor {
            let mut other_postings = Vec::with_capacity(others.len());
            for (entries, word_offsets) in others {
                let Ok(at) = entries.binary_search_by(|(other, _)| other.cmp(inspection)) else {
                    continue 'inspections;
                };
                other_postings.push((decode_postings(&entries[at].1)?, *word_offsets));
            }
            for (suffix, positions) in decode_postings(postings)?.records {
                let mut starts = phrase_starts(&positions, anchor_offsets);
                for (postings, word_offsets) in &other_postings {
                    let Ok(at) = postings
                        .records
                        .binary_search_by(|(other, _)| other.as_slice().cmp(&suffix))
                    else {
                        starts.clear();
                        break;
                    };
                    let found = phrase_starts(&postings.records[at].1, word_offsets);
                    starts.retain(|start| found.binary_search(start).is_ok());
                }
                if !starts.is_empty() {
                    keys.push([inspection.as_ref(), &suffix].concat());
                }
            }
        }
        Ok(keys)
    }

    /// Counts of records, kinds, authorities and inspections, read in one
    /// transaction so that they agree with each other even while another
    /// thread ingests.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let stats = self.tree.transaction(|tree| {
            let read = |key: Vec<u8>| -> Result<u64, ConflictableTransactionError<StoreError>> {
                Ok(tree
                    .get(space_key(COUNTS, &key))?
                    .map_or(0, |bytes| read_count(&bytes)))
            };
            let mut stats = Stats::default();
            for kind in Kind::ALL {
                let count = read(count_key(Index::Kind, &[kind_code(kind)]))?;
                stats.records += count;
                stats.by_kind.insert(kind, count);
            }
            stats.inspections = read(inspections_tally())?;
            stats.authorities = read(authorities_tally())?;
            Ok(stats)
        })?;
        Ok(stats)
    }

    /// Writes everything to disk; what was stored before survives a crash
    /// once this returns.
    pub fn flush(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        Ok(())
    }

    /// Checks that the indexes, postings, counts and manifests agree with
    /// the records: every entry and posting is what the records make, none
    /// is missing, every count is right, every manifest counts its
    /// inspection's records and no records lack a manifest.
    pub fn verify(&self) -> Result<(), StoreError> {
        let problem = |what: String| Err(StoreError::Corrupt { what });
        let mut expected = Change::default();
        let mut inspection: Option<(Vec<u8>, Stored)> = None;
        let mut records_of: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
        let mut finish = |expected: &mut Change, (prefix, records): (Vec<u8>, Stored)| {
            expected.index_inspection(&prefix, records.iter().map(|(k, r)| (k.as_slice(), r)), 1);
            records_of.insert(prefix, records.len() as u64);
        };
        for item in self.tree.scan_prefix([RECORDS]) {
            let (key, value) = item?;
            let record: Record = values::decode(&value, "a record")?;
            let key = key[1..].to_vec();
            if encode_key(&record.key) != key {
                return problem(format!("record {} is stored under another key", record.key));
            }
            let prefix = inspection_prefix(&record.key.authority, record.key.inspection);
            match &mut inspection {
                Some((current, records)) if *current == prefix => records.push((key, record)),
                _ => {
                    if let Some(done) = inspection.replace((prefix, vec![(key, record)])) {
                        finish(&mut expected, done);
                    }
                }
            }
        }
        if let Some(done) = inspection.take() {
            finish(&mut expected, done);
        }
        for item in self.tree.scan_prefix([INSPECTIONS]) {
            let (key, value) = item?;
            let manifest: Manifest = values::decode(&value, "an inspection manifest")?;
            if records_of.remove(&key[1..]) != Some(manifest.records) {
                return problem(format!(
                    "the manifest of {}/{} does not count its records",
                    manifest.inspection.authority.slug(),
                    manifest.inspection.id()
                ));
            }
            expected.tally_inspection(&manifest.inspection.authority.slug(), 1);
        }
        if !records_of.is_empty() {
            return problem("records of an inspection without a manifest".into());
        }
        let mut entries: BTreeMap<Vec<u8>, Vec<u8>> = expected
            .writes
            .into_iter()
            .filter_map(|(key, value)| Some((key, value?)))
            .collect();
        for index in Index::ALL {
            for item in self.tree.scan_prefix([index.space()]) {
                let (key, value) = item?;
                if entries.remove(key.as_ref()).as_deref() != Some(value.as_ref()) {
                    return problem(format!(
                        "an entry of {} is not what the records make",
                        index.name()
                    ));
                }
            }
        }
        if let Some(space) = entries.keys().next().and_then(|key| key.first()) {
            let name = Index::ALL
                .iter()
                .find(|index| index.space() == *space)
                .map_or("an index", |index| index.name());
            return problem(format!("a record misses its entry in {name}"));
        }
        let mut counts: BTreeMap<Vec<u8>, u64> = expected
            .deltas
            .into_iter()
            .map(|(key, delta)| (key, delta.unsigned_abs()))
            .collect();
        let authorities = counts.keys().filter(|key| is_authority_tally(key)).count();
        if authorities > 0 {
            counts.insert(authorities_tally(), authorities as u64);
        }
        let stored: BTreeMap<Vec<u8>, u64> = self
            .tree
            .scan_prefix([COUNTS])
            .map(|item| item.map(|(key, value)| (key[1..].to_vec(), read_count(&value))))
            .collect::<Result<_, _>>()?;
        if stored != counts {
            return problem("the counts do not match the indexes and inspections".into());
        }
        Ok(())
    }
}

/// Records with their encoded keys, in key order.
type Stored = Vec<(Vec<u8>, Record)>;

/// Writes to apply in one batch, in order (a later write to a key wins),
/// and changes to counts.
#[derive(Default)]
struct Change {
    writes: Vec<(Vec<u8>, Option<Vec<u8>>)>,
    deltas: BTreeMap<Vec<u8>, i64>,
}

impl Change {
    fn put(&mut self, key: Vec<u8>, value: Vec<u8>) {
        self.writes.push((key, Some(value)));
    }

    fn delete(&mut self, key: Vec<u8>) {
        self.writes.push((key, None));
    }

    /// Adds (`sign` 1) or removes (-1) the postings of an inspection's
    /// records, given with their keys in key order, and their counts (but
    /// for words: sled's cost is per key, and a report has some 2,000).
    fn index_inspection<'a>(
        &mut self,
        inspection: &[u8],
        records: impl Iterator<Item = (&'a [u8], &'a Record)>,
        sign: i64,
    ) {
        let suffixes = records.map(|(key, record)| (&key[inspection.len()..], record));
        for ((index, value), postings) in postings(suffixes) {
            if index != Index::Term {
                *self.deltas.entry(count_key(index, &value)).or_default() +=
                    sign * postings.records.len() as i64;
            }
            let at = Writer::default()
                .u8(index.space())
                .bytes(&value)
                .bytes(inspection)
                .finish();
            if sign > 0 {
                self.put(at, postings.encode());
            } else {
                self.delete(at);
            }
        }
    }

    /// Counts an inspection of `authority` in (`sign` 1) or out (-1).
    fn tally_inspection(&mut self, authority: &str, sign: i64) {
        let per_authority = Writer::default().u8(TALLY).str(authority).finish();
        *self.deltas.entry(per_authority).or_default() += sign;
        *self.deltas.entry(inspections_tally()).or_default() += sign;
    }

    /// Appends `later`: its writes win over these.
    fn then(&mut self, later: Change) {
        self.writes.extend(later.writes);
        for (key, delta) in later.deltas {
            *self.deltas.entry(key).or_default() += delta;
        }
    }
}

/// Where a phrase can start, given the ascending positions of a word in
/// the text and the places it takes in the phrase: every start from which
/// the word stands at each of its places, ascending.
fn phrase_starts(positions: &[u32], offsets: &[u32]) -> Vec<u32> {
    let Some((&first, rest)) = offsets.split_first() else {
        return Vec::new();
    };
    let mut starts: Vec<u32> = positions
        .iter()
        .filter_map(|p| p.checked_sub(first))
        .collect();
    for &offset in rest {
        starts.retain(|start| {
            start
                .checked_add(offset)
                .is_some_and(|p| positions.binary_search(&p).is_ok())
        });
    }
    starts
}

fn decode_postings(bytes: &[u8]) -> Result<Postings, StoreError> {
    Postings::decode(bytes).ok_or_else(|| StoreError::Corrupt {
        what: "the postings of an index entry".into(),
    })
}

/// Appends the keys of the records of an inspection's postings.
fn push_keys(
    keys: &mut Vec<Vec<u8>>,
    inspection: &[u8],
    postings: &[u8],
) -> Result<(), StoreError> {
    let suffixes = Postings::suffixes(postings).ok_or_else(|| StoreError::Corrupt {
        what: "the postings of an index entry".into(),
    })?;
    keys.extend(
        suffixes
            .into_iter()
            .map(|suffix| [inspection, suffix].concat()),
    );
    Ok(())
}

fn space_key(space: u8, rest: &[u8]) -> Vec<u8> {
    Writer::default().u8(space).bytes(rest).finish()
}

/// Where the count of records with `value` in `index` is kept (after the
/// counts' first byte).
fn count_key(index: Index, value: &[u8]) -> Vec<u8> {
    Writer::default()
        .u8(keys::code(&Index::ALL, &index))
        .bytes(value)
        .finish()
}

fn inspections_tally() -> Vec<u8> {
    vec![TALLY, TALLY, 0]
}

fn authorities_tally() -> Vec<u8> {
    vec![TALLY, TALLY, 1]
}

/// Whether a count key is that of one authority's inspections.
fn is_authority_tally(key: &[u8]) -> bool {
    key.first() == Some(&TALLY) && key.get(1) != Some(&TALLY)
}

fn read_count(bytes: &[u8]) -> u64 {
    <[u8; 8]>::try_from(bytes).map_or(0, u64::from_be_bytes)
}

fn corrupt_entry(index: Index) -> StoreError {
    StoreError::Corrupt {
        what: format!("an entry of {}", index.name()),
    }
}

fn decode_record_key(bytes: &[u8]) -> Result<Key, StoreError> {
    decode_key(bytes).ok_or_else(|| StoreError::Corrupt {
        what: "a record key".into(),
    })
}

/// Refuses a report whose records do not all belong to its inspection or
/// repeat a key; returns the inspection's manifest key.
fn check_report(report: &Report) -> Result<Vec<u8>, StoreError> {
    let authority = report.inspection.authority.slug();
    let inspection = report.inspection.id();
    let mut seen = BTreeSet::new();
    for record in &report.records {
        if record.key.authority != authority || record.key.inspection != inspection {
            return Err(StoreError::InvalidReport {
                reason: format!(
                    "record {} is not of inspection {authority}/{inspection}",
                    record.key
                ),
            });
        }
        if !seen.insert(&record.key) {
            return Err(StoreError::InvalidReport {
                reason: format!("key {} is repeated", record.key),
            });
        }
    }
    Ok(inspection_prefix(&authority, inspection))
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

fn open_error(path: &Path, error: sled::Error) -> StoreError {
    match &error {
        // sled reports the lock another process holds as an I/O error of kind
        // Other whose text says so; only the text tells it apart.
        sled::Error::Io(io)
            if io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().starts_with("could not acquire lock") =>
        {
            StoreError::Locked {
                path: path.to_path_buf(),
            }
        }
        _ => StoreError::from(error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn another_schema_version_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        drop(Kb::open(folder.path()).unwrap());
        {
            let db = sled::open(folder.path()).unwrap();
            db.open_tree(META)
                .unwrap()
                .insert(SCHEMA_KEY, &7u32.to_be_bytes())
                .unwrap();
            db.flush().unwrap();
        }
        let error = Kb::open(folder.path()).err().unwrap();
        assert!(
            matches!(
                error,
                StoreError::SchemaVersion {
                    found: 7,
                    supported: SCHEMA_VERSION,
                    ..
                }
            ),
            "{error}"
        );
        assert!(
            error
                .to_string()
                .ends_with("knowledge base schema version 7; this build reads version 2"),
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
        let error = Kb::open(folder.path()).err().unwrap();
        assert!(
            matches!(error, StoreError::NotAKnowledgeBase { .. }),
            "{error}"
        );
    }

    #[test]
    fn a_report_with_a_stranger_record_is_refused() {
        let mut report = crate::ingest::parse_file("seeds/slough-2023-ilacs.txt").unwrap();
        let mut stranger = report.records[1].clone();
        stranger.key.authority = "leeds".into();
        report.records.push(stranger);
        let kb = Kb::temporary().unwrap();
        assert!(matches!(
            kb.ingest(&report),
            Err(StoreError::InvalidReport { .. })
        ));
        assert_eq!(kb.stats().unwrap().records, 0);
        let mut report = crate::ingest::parse_file("seeds/slough-2023-ilacs.txt").unwrap();
        report.records.push(report.records[3].clone());
        assert!(matches!(
            kb.ingest(&report),
            Err(StoreError::InvalidReport { .. })
        ));
    }
}
