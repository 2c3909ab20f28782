//! Secondary indexes: one tree each, of `value ++ primary key -> payload`,
//! where the value is encoded by [`keys`](super::keys) so that entries of one
//! value are contiguous and values sort in their own order (grades worst
//! first, dates oldest first). The payload is empty but for the term index,
//! where it holds the word's positions in the text, to verify phrases.

use std::collections::BTreeMap;
use std::fmt;
use std::ops::RangeInclusive;

use super::keys::{Reader, Writer, area_code, grade_code, kind_code, section_code};
use crate::model::{Area, Date, Grade, Kind, Record, Section, slug};
use crate::text::words;

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

    pub(crate) fn tree_name(self) -> &'static str {
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

/// One entry a record puts in an index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    pub index: Index,
    /// The encoded value.
    pub value: Vec<u8>,
    pub payload: Vec<u8>,
}

/// Every index entry of a record.
pub(crate) fn entries(record: &Record) -> Vec<Entry> {
    let plain = |index, value: Vec<u8>| Entry {
        index,
        value,
        payload: Vec::new(),
    };
    let mut entries = vec![
        plain(Index::Kind, vec![kind_code(record.kind)]),
        plain(
            Index::Authority,
            Writer::default().str(&record.key.authority).finish(),
        ),
        plain(Index::Section, vec![section_code(record.section)]),
        plain(
            Index::Inspected,
            Writer::default().date(record.inspection).finish(),
        ),
    ];
    entries.extend(
        record
            .area
            .map(|area| plain(Index::Area, vec![area_code(area)])),
    );
    entries.extend(
        record
            .grade
            .map(|grade| plain(Index::Grade, vec![grade_code(grade)])),
    );
    let mut refs = record.refs.clone();
    refs.sort_unstable();
    refs.dedup();
    entries.extend(
        refs.into_iter()
            .map(|r| plain(Index::Refs, Writer::default().u32(r).finish())),
    );
    let mut positions: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    for (position, word) in words(&record.text) {
        positions.entry(word).or_default().push(position);
    }
    entries.extend(positions.into_iter().map(|(word, positions)| Entry {
        index: Index::Term,
        value: Writer::default().str(&word).finish(),
        payload: encode_positions(&positions),
    }));
    entries
}

/// Ascending positions as varint gaps.
pub(crate) fn encode_positions(positions: &[u32]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(positions.len());
    let mut previous = 0;
    for &position in positions {
        let mut gap = position - previous;
        previous = position;
        loop {
            let low = (gap & 0x7F) as u8;
            gap >>= 7;
            if gap == 0 {
                bytes.push(low);
                break;
            }
            bytes.push(low | 0x80);
        }
    }
    bytes
}

/// Positions back from [`encode_positions`]; `None` for bytes that are not.
pub(crate) fn decode_positions(bytes: &[u8]) -> Option<Vec<u32>> {
    let mut positions = Vec::new();
    let mut previous: u32 = 0;
    let mut gap: u32 = 0;
    let mut shift = 0;
    for &byte in bytes {
        gap |= u32::from(byte & 0x7F).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            previous = previous.checked_add(gap)?;
            positions.push(previous);
            gap = 0;
            shift = 0;
        } else {
            shift += 7;
            if shift > 28 {
                return None;
            }
        }
    }
    (shift == 0).then_some(positions)
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
    fn positions_round_trip() {
        for positions in [
            vec![],
            vec![0],
            vec![0, 1, 2],
            vec![5, 200, 70_000, 4_000_000_000],
        ] {
            assert_eq!(
                decode_positions(&encode_positions(&positions)),
                Some(positions)
            );
        }
        assert_eq!(decode_positions(&[0x80]), None);
        assert_eq!(
            decode_positions(&[0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
            None
        );
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
