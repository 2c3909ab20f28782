//! The knowledge base on disk: sled trees of records and secondary indexes.
//!
//! # Layout
//!
//! | tree | key | value |
//! |---|---|---|
//! | `records` | [`encode_key`]: (authority, inspection, section, position) | format byte + bincode `Record` |
//! | `inspections` | (authority, inspection) | format byte + bincode manifest: the inspection and its keys |
//! | `index/kind`, `index/authority`, `index/area`, `index/grade`, `index/section`, `index/refs`, `index/inspected`, `index/term` | value ++ record key | empty; word positions for `index/term` |
//! | `counts` | index ++ value | records with that value, big-endian `u64` |
//! | `counts` | `0xFF` ++ authority; `0xFF 0xFF` | inspections of an authority; authorities |
//! | `meta` | `schema` | schema version, big-endian `u32` |
//!
//! Keys are written by hand in an order-preserving encoding (see
//! [`encode_key`]); bincode output is only ever a value.
//!
//! # Guarantees
//!
//! Ingesting a report is one sled transaction over every tree: its records,
//! index entries and counts land together or not at all. Ingesting an
//! inspection again replaces it: the manifest names every record of the old
//! version, and the same transaction removes them and their index entries.
//! A write is durable once [`Kb::flush`] returns (sled also flushes in the
//! background every 500 ms).
//!
//! sled is used here and nowhere else in the crate.

mod index;
mod keys;
mod values;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError, TransactionalTree};

pub use index::Lookup;
pub use keys::{decode_key, encode_key};

use crate::error::Error;
use crate::ingest;
use crate::model::{Date, Inspection, Key, Kind, Record, Report, slug};
use index::{Entry, Index, decode_positions, entries};
use keys::{Writer, grade_code, inspection_prefix, kind_code};

/// The layout version this build reads and writes. Bump it whenever keys,
/// values or trees change meaning.
pub const SCHEMA_VERSION: u32 = 1;

const SCHEMA_KEY: &[u8] = b"schema";
const RECORDS: &str = "records";
const INSPECTIONS: &str = "inspections";
const COUNTS: &str = "counts";
const META: &str = "meta";
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
    /// Entries of the term index, one value per word of a phrase.
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

/// What the knowledge base keeps of each inspection, to replace or remove
/// it whole.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    inspection: Inspection,
    keys: Vec<Key>,
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
    records: sled::Tree,
    inspections: sled::Tree,
    counts: sled::Tree,
    indexes: Vec<sled::Tree>,
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
        let kb = Kb::from_db(db)?;
        kb.check_schema(path)?;
        Ok(kb)
    }

    /// A knowledge base in a temporary folder, removed when the last clone is dropped.
    pub fn temporary() -> Result<Kb, StoreError> {
        let db = sled::Config::new().temporary(true).open()?;
        let kb = Kb::from_db(db)?;
        kb.check_schema(Path::new("(temporary)"))?;
        Ok(kb)
    }

    fn from_db(db: sled::Db) -> Result<Kb, StoreError> {
        let indexes = Index::ALL
            .iter()
            .map(|index| db.open_tree(index.tree_name()))
            .collect::<Result<_, _>>()?;
        Ok(Kb {
            records: db.open_tree(RECORDS)?,
            inspections: db.open_tree(INSPECTIONS)?,
            counts: db.open_tree(COUNTS)?,
            indexes,
            db,
        })
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
            None if self.records.is_empty() && self.inspections.is_empty() => {
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

    fn index_tree(&self, index: Index) -> &sled::Tree {
        // `indexes` holds one tree per index, opened in `Index::ALL` order,
        // which is declaration order: the discriminant is the position.
        &self.indexes[index as usize]
    }

    /// Stores a report, replacing any earlier version of the same inspection,
    /// in one transaction.
    pub fn ingest(&self, report: &Report) -> Result<Ingested, StoreError> {
        let manifest_key = check_report(report)?;
        let authority = report.inspection.authority.slug();
        let new_records: Vec<(Vec<u8>, Vec<u8>, Vec<Entry>)> = report
            .records
            .iter()
            .map(|record| {
                Ok((
                    encode_key(&record.key),
                    values::encode(record)?,
                    entries(record),
                ))
            })
            .collect::<Result<_, StoreError>>()?;
        let manifest = values::encode(&Manifest {
            inspection: report.inspection.clone(),
            keys: report.records.iter().map(|r| r.key.clone()).collect(),
        })?;
        let trees = self.all_trees();
        let replaced = trees.as_slice().transaction(|trees| {
            let view = View::new(trees);
            let replaced = view.remove_inspection(&manifest_key)?;
            let mut deltas: HashMap<Vec<u8>, i64> = HashMap::new();
            view.tally_inspection(&authority, 1)?;
            for (key, value, entries) in &new_records {
                view.records.insert(key.as_slice(), value.as_slice())?;
                for entry in entries {
                    view.index(entry.index)
                        .insert(entry_key(entry, key), entry.payload.as_slice())?;
                    *deltas.entry(count_key(entry)).or_default() += 1;
                }
            }
            view.apply_counts(deltas)?;
            view.inspections
                .insert(manifest_key.as_slice(), manifest.as_slice())?;
            Ok(replaced)
        })?;
        Ok(Ingested {
            records: report.records.len(),
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
        let manifest_key = inspection_prefix(&slug(authority), inspection);
        let trees = self.all_trees();
        let removed = trees
            .as_slice()
            .transaction(|trees| View::new(trees).remove_inspection(&manifest_key))?;
        Ok(removed)
    }

    /// The record with this key.
    pub fn get(&self, key: &Key) -> Result<Option<Record>, StoreError> {
        self.records
            .get(encode_key(key))?
            .map(|bytes| values::decode(&bytes, "a record"))
            .transpose()
    }

    /// The records under a prefix, in key order; `.rev()` for the reverse.
    pub fn scan(
        &self,
        prefix: &Prefix,
    ) -> impl DoubleEndedIterator<Item = Result<Record, StoreError>> + use<> {
        self.records.scan_prefix(prefix.bytes()).map(|item| {
            let (_, value) = item?;
            values::decode(&value, "a record")
        })
    }

    /// The keys of the records that answer `lookup`, in key order, read from
    /// the indexes alone (a phrase is verified against the stored positions).
    pub fn keys(&self, lookup: &Lookup) -> Result<Vec<Key>, StoreError> {
        let keys = match Values::of(lookup) {
            Values::One(index, value) => self.keys_with(index, &value)?,
            Values::Between(index, from, to) => self.keys_between(index, &from, &to)?,
            Values::Words(words) => self.keys_with_phrase(&words)?,
        };
        let mut keys: Vec<Key> = keys
            .iter()
            .map(|bytes| decode_record_key(bytes))
            .collect::<Result<_, _>>()?;
        keys.sort();
        Ok(keys)
    }

    /// How many records an index lookup would find, from the counts alone:
    /// exact for every lookup but a phrase, where it is the count of the
    /// phrase's rarest word (an upper bound).
    pub fn estimate(&self, lookup: &Lookup) -> Result<u64, StoreError> {
        match Values::of(lookup) {
            Values::One(index, value) => self.count(index, &value),
            Values::Between(index, from, to) => self
                .counts
                .range(count_prefix(index, &from)..=count_prefix(index, &to))
                .map(|item| Ok(read_count(&item?.1)))
                .sum(),
            Values::Words(words) => {
                let distinct: BTreeSet<&Vec<u8>> = words.iter().collect();
                let counts = distinct
                    .into_iter()
                    .map(|word| self.count(Index::Term, word))
                    .collect::<Result<Vec<u64>, _>>()?;
                Ok(counts
                    .into_iter()
                    .min()
                    .unwrap_or(self.records.len() as u64))
            }
        }
    }

    fn count(&self, index: Index, value: &[u8]) -> Result<u64, StoreError> {
        Ok(self
            .counts
            .get(count_prefix(index, value))?
            .map_or(0, |bytes| read_count(&bytes)))
    }

    /// Primary keys of the entries of `value` in `index`.
    fn keys_with(&self, index: Index, value: &[u8]) -> Result<Vec<Vec<u8>>, StoreError> {
        self.index_tree(index)
            .scan_prefix(value)
            .map(|item| Ok(item?.0[value.len()..].to_vec()))
            .collect()
    }

    /// Primary keys of the entries with values from `from` to `to` inclusive
    /// (fixed-width values).
    fn keys_between(
        &self,
        index: Index,
        from: &[u8],
        to: &[u8],
    ) -> Result<Vec<Vec<u8>>, StoreError> {
        let mut keys = Vec::new();
        for item in self.index_tree(index).range(from..) {
            let (entry, _) = item?;
            let (value, key) = index
                .split_entry(&entry)
                .ok_or_else(|| corrupt_entry(index))?;
            if value > to {
                break;
            }
            keys.push(key.to_vec());
        }
        Ok(keys)
    }

    /// Primary keys of the records holding `phrase`: candidates from the
    /// rarest word's entries, kept where every word stands in sequence.
    fn keys_with_phrase(&self, words: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, StoreError> {
        if words.is_empty() {
            return self
                .records
                .iter()
                .keys()
                .map(|key| Ok(key?.to_vec()))
                .collect();
        }
        // Each distinct word once, with the places it takes in the phrase, so
        // that a phrase repeating a word costs one read per record, not one
        // per repetition.
        let mut offsets: BTreeMap<&[u8], Vec<u32>> = BTreeMap::new();
        for (offset, word) in (0u32..).zip(words) {
            offsets.entry(word.as_slice()).or_default().push(offset);
        }
        let mut rarest: Option<(u64, &[u8])> = None;
        for &word in offsets.keys() {
            let count = self.count(Index::Term, word)?;
            if rarest.is_none_or(|(fewest, _)| count < fewest) {
                rarest = Some((count, word));
            }
        }
        let Some((_, anchor_word)) = rarest else {
            return Ok(Vec::new());
        };
        let terms = self.index_tree(Index::Term);
        let positions_of =
            |payload: &[u8]| decode_positions(payload).ok_or_else(|| corrupt_entry(Index::Term));
        let mut keys = Vec::new();
        for item in terms.scan_prefix(anchor_word) {
            let (entry, payload) = item?;
            let key = &entry[anchor_word.len()..];
            let mut starts = phrase_starts(&positions_of(&payload)?, &offsets[anchor_word]);
            for (&word, word_offsets) in offsets.iter().filter(|&(&word, _)| word != anchor_word) {
                if starts.is_empty() {
                    break;
                }
                let positions =
                    match terms.get(Writer::default().bytes(word).bytes(key).finish())? {
                        Some(payload) => positions_of(&payload)?,
                        None => Vec::new(),
                    };
                let at = phrase_starts(&positions, word_offsets);
                starts = starts.intersection(&at).copied().collect();
            }
            if !starts.is_empty() {
                keys.push(key.to_vec());
            }
        }
        Ok(keys)
    }

    /// Counts of records, kinds, authorities and inspections, read in one
    /// transaction so that they agree with each other even while another
    /// thread ingests.
    pub fn stats(&self) -> Result<Stats, StoreError> {
        let stats = self.counts.transaction(|counts| {
            let read = |key: Vec<u8>| -> TxResult<u64> {
                Ok(counts.get(key)?.map_or(0, |bytes| read_count(&bytes)))
            };
            let mut stats = Stats::default();
            for kind in Kind::ALL {
                let count = read(count_prefix(Index::Kind, &[kind_code(kind)]))?;
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

    /// Checks that the indexes, counts and manifests agree with the records:
    /// every index entry points at a record that has it, every record has all
    /// its entries, every count is right, every manifest lists exactly its
    /// inspection's records.
    pub fn verify(&self) -> Result<(), StoreError> {
        let problem = |what: String| Err(StoreError::Corrupt { what });
        let mut expected: BTreeMap<(Index, Vec<u8>), Vec<u8>> = BTreeMap::new();
        let mut counts: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
        let mut by_inspection: BTreeMap<Vec<u8>, BTreeSet<Key>> = BTreeMap::new();
        for item in self.records.iter() {
            let (key_bytes, value) = item?;
            let record: Record = values::decode(&value, "a record")?;
            if encode_key(&record.key) != key_bytes.as_ref() {
                return problem(format!("record {} is stored under another key", record.key));
            }
            by_inspection
                .entry(inspection_prefix(
                    &record.key.authority,
                    record.key.inspection,
                ))
                .or_default()
                .insert(record.key.clone());
            for entry in entries(&record) {
                *counts.entry(count_key(&entry)).or_default() += 1;
                expected.insert((entry.index, entry_key(&entry, &key_bytes)), entry.payload);
            }
        }
        for index in Index::ALL {
            for item in self.index_tree(index).iter() {
                let (entry, payload) = item?;
                match expected.remove(&(index, entry.to_vec())) {
                    Some(wanted) if wanted == payload.as_ref() => {}
                    _ => {
                        return problem(format!(
                            "an entry of {} points at no record that has it",
                            index.tree_name()
                        ));
                    }
                }
            }
        }
        if let Some(((index, _), _)) = expected.into_iter().next() {
            return problem(format!(
                "a record misses its entry in {}",
                index.tree_name()
            ));
        }
        let stored: BTreeMap<Vec<u8>, u64> = self
            .counts
            .iter()
            .map(|item| item.map(|(key, value)| (key.to_vec(), read_count(&value))))
            .collect::<Result<_, _>>()?;
        let mut authorities: BTreeMap<String, u64> = BTreeMap::new();
        for item in self.inspections.iter().keys() {
            let key = item?;
            let authority = keys::Reader(&key)
                .str()
                .ok_or_else(|| StoreError::Corrupt {
                    what: "an inspection key".into(),
                })?;
            *authorities.entry(authority).or_default() += 1;
        }
        if !authorities.is_empty() {
            counts.insert(inspections_tally(), authorities.values().sum());
            counts.insert(authorities_tally(), authorities.len() as u64);
        }
        for (authority, inspections) in authorities {
            counts.insert(
                Writer::default().u8(TALLY).str(&authority).finish(),
                inspections,
            );
        }
        if stored != counts {
            return problem("the counts do not match the indexes and inspections".into());
        }
        for item in self.inspections.iter() {
            let (key, value) = item?;
            let manifest: Manifest = values::decode(&value, "an inspection manifest")?;
            let listed: BTreeSet<Key> = manifest.keys.into_iter().collect();
            if by_inspection.remove(key.as_ref()) != Some(listed) {
                return problem(format!(
                    "the manifest of {} does not list its records",
                    manifest.inspection.authority.name
                ));
            }
        }
        if !by_inspection.is_empty() {
            return problem("records of an inspection without a manifest".into());
        }
        Ok(())
    }

    fn all_trees(&self) -> Vec<sled::Tree> {
        let mut trees = vec![
            self.records.clone(),
            self.inspections.clone(),
            self.counts.clone(),
        ];
        trees.extend(self.indexes.iter().cloned());
        trees
    }
}

/// The trees of a transaction, by name; built from [`Kb::all_trees`] order.
struct View<'a> {
    records: &'a TransactionalTree,
    inspections: &'a TransactionalTree,
    counts: &'a TransactionalTree,
    indexes: &'a [TransactionalTree],
}

type TxResult<T> = Result<T, ConflictableTransactionError<StoreError>>;

impl<'a> View<'a> {
    fn new(trees: &'a [TransactionalTree]) -> View<'a> {
        // `all_trees` gives records, inspections, counts, then the indexes.
        let (fixed, indexes) = trees.split_at(3);
        View {
            records: &fixed[0],
            inspections: &fixed[1],
            counts: &fixed[2],
            indexes,
        }
    }

    fn index(&self, index: Index) -> &'a TransactionalTree {
        // As in `Kb::index_tree`: one tree per index, in declaration order.
        &self.indexes[index as usize]
    }

    /// Removes the inspection under `manifest_key`, if stored, with every
    /// index entry and count of its records; returns how many records it had.
    fn remove_inspection(&self, manifest_key: &[u8]) -> TxResult<usize> {
        let Some(manifest) = self.inspections.remove(manifest_key)? else {
            return Ok(0);
        };
        let manifest: Manifest =
            values::decode(&manifest, "an inspection manifest").map_err(abort)?;
        self.tally_inspection(&manifest.inspection.authority.slug(), -1)?;
        let mut deltas: HashMap<Vec<u8>, i64> = HashMap::new();
        for key in &manifest.keys {
            let key_bytes = encode_key(key);
            let Some(value) = self.records.remove(key_bytes.as_slice())? else {
                return Err(abort(StoreError::Corrupt {
                    what: format!("record {key} is listed but not stored"),
                }));
            };
            let record: Record = values::decode(&value, "a record").map_err(abort)?;
            for entry in entries(&record) {
                self.index(entry.index)
                    .remove(entry_key(&entry, &key_bytes))?;
                *deltas.entry(count_key(&entry)).or_default() -= 1;
            }
        }
        self.apply_counts(deltas)?;
        Ok(manifest.keys.len())
    }

    /// Counts an inspection of `authority` in (`delta` 1) or out (-1), and
    /// the authority with it when it is its first or last.
    fn tally_inspection(&self, authority: &str, delta: i64) -> TxResult<()> {
        let per_authority = Writer::default().u8(TALLY).str(authority).finish();
        let before = self
            .counts
            .get(per_authority.as_slice())?
            .map_or(0, |bytes| read_count(&bytes));
        let mut deltas = HashMap::from([(per_authority, delta), (inspections_tally(), delta)]);
        if (before == 0 && delta > 0) || (before == 1 && delta < 0) {
            deltas.insert(authorities_tally(), delta);
        }
        self.apply_counts(deltas)
    }

    fn apply_counts(&self, deltas: HashMap<Vec<u8>, i64>) -> TxResult<()> {
        for (key, delta) in deltas {
            let current = self
                .counts
                .get(key.as_slice())?
                .map_or(0, |bytes| read_count(&bytes));
            let updated = i64::try_from(current)
                .unwrap_or(i64::MAX)
                .saturating_add(delta);
            if updated <= 0 {
                self.counts.remove(key)?;
            } else {
                self.counts.insert(key, &(updated as u64).to_be_bytes())?;
            }
        }
        Ok(())
    }
}

/// Where a phrase can start, given the positions of a word in the text and
/// the places it takes in the phrase: every start from which the word stands
/// at each of its places.
fn phrase_starts(positions: &[u32], offsets: &[u32]) -> BTreeSet<u32> {
    let present: BTreeSet<u32> = positions.iter().copied().collect();
    let mut starts: BTreeSet<u32> = positions
        .iter()
        .filter_map(|p| p.checked_sub(offsets[0]))
        .collect();
    for &offset in &offsets[1..] {
        starts.retain(|start| {
            start
                .checked_add(offset)
                .is_some_and(|p| present.contains(&p))
        });
    }
    starts
}

fn abort(error: StoreError) -> ConflictableTransactionError<StoreError> {
    ConflictableTransactionError::Abort(error)
}

fn entry_key(entry: &Entry, record_key: &[u8]) -> Vec<u8> {
    Writer::default()
        .bytes(&entry.value)
        .bytes(record_key)
        .finish()
}

fn count_prefix(index: Index, value: &[u8]) -> Vec<u8> {
    Writer::default()
        .u8(keys::code(&Index::ALL, &index))
        .bytes(value)
        .finish()
}

fn count_key(entry: &Entry) -> Vec<u8> {
    count_prefix(entry.index, &entry.value)
}

fn inspections_tally() -> Vec<u8> {
    vec![TALLY, TALLY, 0]
}

fn authorities_tally() -> Vec<u8> {
    vec![TALLY, TALLY, 1]
}

fn read_count(bytes: &[u8]) -> u64 {
    <[u8; 8]>::try_from(bytes).map_or(0, u64::from_be_bytes)
}

fn corrupt_entry(index: Index) -> StoreError {
    StoreError::Corrupt {
        what: format!("an entry of {}", index.tree_name()),
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
                .ends_with("knowledge base schema version 7; this build reads version 1"),
            "{error}"
        );
    }

    #[test]
    fn a_sled_database_of_something_else_is_refused() {
        let folder = tempfile::tempdir().unwrap();
        {
            let db = sled::open(folder.path()).unwrap();
            db.open_tree(RECORDS)
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
