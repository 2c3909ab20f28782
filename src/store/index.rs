//! Secondary indexes: one keyspace each, of `value ++ (authority,
//! inspection) -> postings`, where the value is encoded by
//! [`keys`](super::keys) so that entries of one value are contiguous, in
//! key order, and values sort in their own order (grades worst first, dates
//! oldest first). The postings list the records of the inspection that have
//! the value (for the term index, with the word's positions, to verify
//! phrases). One entry per value and inspection, rather than per value and
//! record, is what makes ingest and lookups cheap: sled's cost is per key.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::RangeInclusive;

use super::keys::{Reader, Writer, area_code, grade_code, kind_code, section_code};
use crate::model::{Area, Date, Grade, Kind, Record, Section, slug};
use crate::text::words_borrowed;

/// One secondary index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Index {
    Kind,
    Authority,
    Area,
    Grade,
    Section,
    Refs,
    Inspected,
    Term,
}

impl Index {
    pub(crate) const ALL: [Index; 8] = [
        Index::Kind,
        Index::Authority,
        Index::Area,
        Index::Grade,
        Index::Section,
        Index::Refs,
        Index::Inspected,
        Index::Term,
    ];

    /// The first byte of the index's keys.
    pub(crate) fn space(self) -> u8 {
        0x10 + self as u8
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            Index::Kind => "index/kind",
            Index::Authority => "index/authority",
            Index::Area => "index/area",
            Index::Grade => "index/grade",
            Index::Section => "index/section",
            Index::Refs => "index/refs",
            Index::Inspected => "index/inspected",
            Index::Term => "index/term",
        }
    }

    /// Splits an entry's key into its value and the primary key after it.
    pub(crate) fn split_entry(self, entry: &[u8]) -> Option<(&[u8], &[u8])> {
        let value_len = match self {
            Index::Kind | Index::Area | Index::Grade | Index::Section => 1,
            Index::Refs | Index::Inspected => 4,
            Index::Authority | Index::Term => {
                let mut reader = Reader(entry);
                reader.str()?;
                entry.len() - reader.rest().len()
            }
        };
        (entry.len() >= value_len).then(|| entry.split_at(value_len))
    }
}

/// One value a record puts in an index other than the term index.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Entry {
    pub index: Index,
    /// The encoded value.
    pub value: Vec<u8>,
}

/// Every value of a record in the indexes other than the term index.
fn entries(record: &Record) -> Vec<Entry> {
    let entry = |index, value: Vec<u8>| Entry { index, value };
    let mut entries = vec![
        entry(Index::Kind, vec![kind_code(record.kind)]),
        entry(
            Index::Authority,
            Writer::default().str(&record.key.authority).finish(),
        ),
        entry(Index::Section, vec![section_code(record.section)]),
        entry(
            Index::Inspected,
            Writer::default().date(record.inspection).finish(),
        ),
    ];
    entries.extend(
        record
            .area
            .map(|area| entry(Index::Area, vec![area_code(area)])),
    );
    entries.extend(
        record
            .grade
            .map(|grade| entry(Index::Grade, vec![grade_code(grade)])),
    );
    let mut refs = record.refs.clone();
    refs.sort_unstable();
    refs.dedup();
    entries.extend(
        refs.into_iter()
            .map(|r| entry(Index::Refs, Writer::default().u32(r).finish())),
    );
    entries
}

/// The postings of one index value in one inspection: every record of the
/// inspection with that value, in key order, with the word's positions in
/// its text for the term index (none for the other indexes).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Postings {
    /// Record keys after the inspection prefix, with ascending positions.
    pub records: Vec<(Vec<u8>, Vec<u32>)>,
}

/// The postings of an inspection's records in every index, by index and
/// encoded value. `records` come with their keys after the inspection
/// prefix, in key order.
pub(crate) fn postings<'a>(
    records: impl IntoIterator<Item = (&'a [u8], &'a Record)>,
) -> BTreeMap<(Index, Vec<u8>), Postings> {
    let mut by_value: BTreeMap<(Index, Vec<u8>), Postings> = BTreeMap::new();
    let mut by_word: HashMap<Cow<'a, str>, Postings> = HashMap::new();
    for (suffix, record) in records {
        for Entry { index, value } in entries(record) {
            by_value
                .entry((index, value))
                .or_default()
                .add(suffix, None);
        }
        for (position, word) in words_borrowed(&record.text) {
            by_word.entry(word).or_default().add(suffix, Some(position));
        }
    }
    by_value.extend(by_word.into_iter().map(|(word, postings)| {
        (
            (Index::Term, Writer::default().str(&word).finish()),
            postings,
        )
    }));
    by_value
}

impl Postings {
    /// Adds a record (given in key order), or a position to the last one.
    fn add(&mut self, suffix: &[u8], position: Option<u32>) {
        match self.records.last_mut() {
            Some((last, positions)) if last == suffix => positions.extend(position),
            _ => self
                .records
                .push((suffix.to_vec(), position.into_iter().collect())),
        }
    }

    /// The stored form: per record, the length of its key suffix, the
    /// suffix, the number of positions, then the positions as gaps; every
    /// number a varint.
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        for (suffix, positions) in &self.records {
            write_varint(&mut bytes, suffix.len() as u32);
            bytes.extend_from_slice(suffix);
            write_varint(&mut bytes, positions.len() as u32);
            let mut previous = 0;
            for &position in positions {
                write_varint(&mut bytes, position - previous);
                previous = position;
            }
        }
        bytes
    }

    /// The record key suffixes of stored postings, without their
    /// positions; `None` for bytes that are not postings.
    pub(crate) fn suffixes(mut bytes: &[u8]) -> Option<Vec<&[u8]>> {
        let mut suffixes = Vec::new();
        while !bytes.is_empty() {
            let suffix_len = usize::try_from(read_varint(&mut bytes)?).ok()?;
            let (suffix, rest) = bytes.split_at_checked(suffix_len)?;
            bytes = rest;
            for _ in 0..read_varint(&mut bytes)? {
                read_varint(&mut bytes)?;
            }
            suffixes.push(suffix);
        }
        Some(suffixes)
    }

    /// Postings back from [`Postings::encode`]; `None` for bytes that are not.
    pub(crate) fn decode(mut bytes: &[u8]) -> Option<Postings> {
        let mut records = Vec::new();
        while !bytes.is_empty() {
            let suffix_len = usize::try_from(read_varint(&mut bytes)?).ok()?;
            let (suffix, rest) = bytes.split_at_checked(suffix_len)?;
            bytes = rest;
            let count = read_varint(&mut bytes)?;
            // Each position takes at least a byte: a count beyond what is
            // left is damage, and must not size an allocation.
            let mut positions = Vec::with_capacity((count as usize).min(bytes.len()));
            let mut previous: u32 = 0;
            for _ in 0..count {
                previous = previous.checked_add(read_varint(&mut bytes)?)?;
                positions.push(previous);
            }
            records.push((suffix.to_vec(), positions));
        }
        Some(Postings { records })
    }
}

fn write_varint(bytes: &mut Vec<u8>, mut value: u32) {
    loop {
        let low = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u32::from(byte & 0x7F).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return (shift < 28 || byte < 0x10).then_some(value);
        }
    }
    None
}

/// A question one index answers: which records have this value (or a value
/// in this range).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Lookup {
    /// Records of a kind.
    Kind(Kind),
    /// Records of an authority, by name or slug, in any case.
    Authority(String),
    /// Records whose area is exactly this one.
    Area(Area),
    /// Records with a grade in this range (judgements, and report records).
    Grades(RangeInclusive<Grade>),
    /// Records of a section.
    Section(Section),
    /// Recommendations that cite a paragraph.
    Cites(u32),
    /// Records of inspections whose last day is in this range.
    Inspected(RangeInclusive<Date>),
    /// Records whose text holds a phrase of whole words (see [`crate::text`]).
    Phrase(String),
}

impl fmt::Display for Lookup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Lookup::Kind(kind) => write!(f, "kind = {kind}"),
            Lookup::Authority(name) => write!(f, "authority = {}", slug(name)),
            Lookup::Area(area) => write!(f, "area = {area}"),
            Lookup::Grades(range) if range.start() == range.end() => {
                write!(f, "grade = {}", range.start())
            }
            Lookup::Grades(range) => write!(f, "grade from {} to {}", range.start(), range.end()),
            Lookup::Section(section) => write!(f, "section = {section}"),
            Lookup::Cites(paragraph) => write!(f, "refs = {paragraph}"),
            Lookup::Inspected(range) if range.start() == range.end() => {
                write!(f, "inspection = {}", range.start())
            }
            Lookup::Inspected(range) => {
                write!(f, "inspection from {} to {}", range.start(), range.end())
            }
            Lookup::Phrase(phrase) => write!(f, "text contains '{phrase}'"),
        }
    }
}

impl Lookup {
    /// Whether `record` answers the lookup: the plain definition the indexes
    /// must agree with.
    pub fn matches(&self, record: &Record) -> bool {
        match self {
            Lookup::Kind(kind) => record.kind == *kind,
            Lookup::Authority(name) => record.key.authority == slug(name),
            Lookup::Area(area) => record.area == Some(*area),
            Lookup::Grades(range) => record.grade.is_some_and(|g| range.contains(&g)),
            Lookup::Section(section) => record.section == *section,
            Lookup::Cites(paragraph) => record.refs.contains(paragraph),
            Lookup::Inspected(range) => range.contains(&record.inspection),
            Lookup::Phrase(phrase) => crate::text::contains_phrase(&record.text, phrase),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_indexes_in_declaration_order() {
        // The store finds an index's tree at position `index as usize`.
        for (position, index) in Index::ALL.iter().enumerate() {
            assert_eq!(*index as usize, position);
        }
    }

    #[test]
    fn postings_round_trip() {
        let postings = Postings {
            records: vec![
                (vec![3, 1, 0, 0, 0, 9], vec![0, 1, 2]),
                (vec![3, 1, 0, 0, 0, 10], vec![5, 200, 70_000, 4_000_000_000]),
            ],
        };
        let bytes = postings.encode();
        assert_eq!(
            Postings::suffixes(&bytes),
            Some(vec![&[3, 1, 0, 0, 0, 9][..], &[3, 1, 0, 0, 0, 10][..]])
        );
        assert_eq!(Postings::decode(&bytes), Some(postings));
        assert_eq!(Postings::suffixes(&bytes[..bytes.len() - 1]), None);
        assert_eq!(Postings::decode(&[]), Some(Postings::default()));
        assert_eq!(Postings::decode(&[6, 1]), None);
        assert_eq!(Postings::decode(&[1, 7, 0x80]), None);
        assert_eq!(
            Postings::decode(&[1, 7, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]),
            None
        );
        assert_eq!(
            Postings::decode(&[1, 7, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F]),
            None
        );
    }

    #[test]
    fn postings_group_positions_by_record_in_order() {
        let report = crate::ingest::parse_file("seeds/slough-2023-ilacs.txt").unwrap();
        let (mut first, mut second) = (report.records[5].clone(), report.records[6].clone());
        first.text = "Care and care".into();
        second.text = "care".into();
        let by_value = postings([(&b"a"[..], &first), (&b"b"[..], &second)]);
        let word = |w: &str| (Index::Term, Writer::default().str(w).finish());
        assert_eq!(
            by_value[&word("care")].records,
            [(b"a".to_vec(), vec![0, 2]), (b"b".to_vec(), vec![0])]
        );
        assert_eq!(by_value[&word("and")].records, [(b"a".to_vec(), vec![1])]);
        let kind = (Index::Kind, vec![kind_code(first.kind)]);
        assert_eq!(by_value[&kind].records[0], (b"a".to_vec(), vec![]));
    }

    #[test]
    fn entries_split_back_into_value_and_key() {
        let value = Writer::default().str("care").finish();
        let entry = Writer::default().bytes(&value).bytes(b"primary").finish();
        assert_eq!(
            Index::Term.split_entry(&entry),
            Some((&value[..], &b"primary"[..]))
        );
        assert_eq!(
            Index::Grade.split_entry(&[2, 9, 9]),
            Some((&[2][..], &[9, 9][..]))
        );
        assert_eq!(Index::Refs.split_entry(&[1, 2]), None);
    }
}
