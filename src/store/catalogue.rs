//! The catalogue: every field of every record but its text, one listing per
//! inspection, kept on disk beside the inspection's records and in memory
//! while the knowledge base is open.
//!
//! The catalogue is the index of every field but the text: a query reads
//! it in memory, as a column store reads its columns, and fetches from disk
//! only the records that answer (or whose text it must read). Each listing
//! groups its records by kind, area, and kind, area and grade; the
//! catalogue knows which listings have records in each group, and keeps
//! listings in key order, so by authority. It costs some 60 bytes of memory
//! per record, and a report's listing is one value: sled's cost is per key.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use serde::{Deserialize, Serialize};

use super::kept::Kept;
use super::keys::{code, inspection_prefix, kind_code, section_code};
use super::{StoreError, values};
use crate::model::{
    Area, Grade, Inspection, Key, Kind, Position, Record, Report, Section, Warning,
};

/// What the catalogue knows of one record: everything but the text and
/// the fields its inspection gives every record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Row {
    pub section: Section,
    pub position: Position,
    pub kind: Kind,
    pub area: Option<Area>,
    pub grade: Option<Grade>,
    pub refs: Box<[u32]>,
    /// How many words its text has: the length ranking normalises by.
    pub length: u32,
}

impl Row {
    fn of(record: &Record) -> Row {
        Row {
            section: record.key.section,
            position: record.key.position,
            kind: record.kind,
            area: record.area,
            grade: record.grade,
            refs: record.refs.clone().into_boxed_slice(),
            length: crate::text::word_count(&record.text),
        }
    }

    /// The record's paragraph number: its position, where numbered.
    pub fn paragraph(&self) -> Option<u32> {
        self.position.paragraph()
    }

    /// Where the row sorts among its inspection's rows: as its key does.
    fn order(&self) -> (u8, Position) {
        (section_code(self.section), self.position)
    }
}

/// A record's text, once read, where memory allows.
pub(super) type KeptText = OnceLock<Kept<Arc<str>>>;

/// One inspection in the catalogue: its fields and its records' rows, in
/// key order. A row's place in `rows` is its ordinal, by which the
/// inspection's texts and postings name it.
///
/// A question over many inspections is bound by the memory it reads for
/// each: the fields every question reads come first, and `repr(C)` keeps
/// them together in the struct's first cache lines.
#[derive(Debug)]
#[repr(C)]
pub(super) struct Listing {
    groups: Groups,
    pub rows: Vec<Row>,
    /// Which ingest wrote it: its records and terms carry the same number,
    /// so that a reader holding an older listing knows them for newer.
    pub generation: u64,
    /// Its records' texts, each once read, where memory allows; made when
    /// the first is read.
    pub texts: OnceLock<Box<[KeptText]>>,
    /// Its buckets of terms, each once read, where memory allows.
    pub buckets: Mutex<Vec<(u8, Kept<sled::IVec>)>>,
    /// The authority's slug.
    pub slug: String,
    /// The inspection's key prefix: (authority slug, inspection).
    pub prefix: Vec<u8>,
    pub inspection: Inspection,
    /// What could not be read of the report.
    pub warnings: Vec<Warning>,
    /// How many words its records' texts have.
    pub words: u64,
}

impl Listing {
    /// The listing of `report`, given its records in key order.
    pub fn of(report: &Report, generation: u64, records: &[&Record]) -> Listing {
        Listing::new(
            report.inspection.clone(),
            report.warnings.clone(),
            generation,
            records.iter().map(|record| Row::of(record)).collect(),
        )
    }

    fn new(
        inspection: Inspection,
        warnings: Vec<Warning>,
        generation: u64,
        rows: Vec<Row>,
    ) -> Listing {
        let slug = inspection.authority.slug();
        let groups = Groups::of(&rows);
        let words = rows.iter().map(|row| u64::from(row.length)).sum();
        Listing {
            words,
            prefix: inspection_prefix(&slug, inspection.id()),
            generation,
            inspection,
            warnings,
            slug,
            rows,
            groups,
            texts: OnceLock::new(),
            buckets: Mutex::default(),
        }
    }

    /// The ordinals of the rows of `kind`, ascending.
    pub fn of_kind(&self, kind: Kind) -> &[u32] {
        self.groups.get(Group::Kind(kind))
    }

    /// The ordinals of the rows in `group`, ascending. Areas are exact:
    /// not the areas that also answer for them.
    pub fn of_group(&self, group: Group) -> &[u32] {
        self.groups.get(group)
    }

    /// The key of the row with this ordinal.
    pub fn key(&self, row: &Row) -> Key {
        Key {
            authority: self.slug.clone(),
            inspection: self.inspection.id(),
            section: row.section,
            position: row.position,
        }
    }

    /// The whole record of the row with this ordinal, given its text.
    pub fn record(&self, ordinal: u32, text: &str) -> Option<Record> {
        let row = self.rows.get(ordinal as usize)?;
        Some(self.record_of(row, text.to_string()))
    }

    /// The whole record of one of its rows, given its text.
    pub fn record_of(&self, row: &Row, text: String) -> Record {
        let mut record = Record::of_slug(
            &self.inspection,
            self.slug.clone(),
            row.kind,
            row.section,
            row.position,
            text,
        );
        record.area = row.area;
        record.grade = row.grade;
        record.refs = row.refs.to_vec();
        record
    }

    /// The ordinal of the row with this section and position.
    pub fn find(&self, section: Section, position: Position) -> Option<u32> {
        let wanted = (section_code(section), position);
        let at = self
            .rows
            .binary_search_by(|row| row.order().cmp(&wanted))
            .ok()?;
        u32::try_from(at).ok()
    }

    /// The stored form.
    pub fn encode(&self) -> Result<Vec<u8>, StoreError> {
        values::encode(&StoredListing {
            generation: self.generation,
            inspection: self.inspection.clone(),
            warnings: self.warnings.clone(),
            rows: self
                .rows
                .iter()
                .map(|row| {
                    let (numbered, number) = match row.position {
                        Position::Ordinal(n) => (false, n),
                        Position::Paragraph(n) => (true, n),
                    };
                    StoredRow {
                        section: row.section,
                        numbered,
                        number,
                        kind: row.kind,
                        area: row.area,
                        grade: row.grade,
                        refs: row.refs.to_vec(),
                        length: row.length,
                    }
                })
                .collect(),
        })
    }

    /// A listing back from its stored form, checked: its rows in strictly
    /// ascending key order.
    pub fn decode(bytes: &[u8]) -> Result<Listing, StoreError> {
        let stored: StoredListing = values::decode(bytes, "an inspection listing")?;
        let rows: Vec<Row> = stored
            .rows
            .into_iter()
            .map(|row| Row {
                section: row.section,
                position: if row.numbered {
                    Position::Paragraph(row.number)
                } else {
                    Position::Ordinal(row.number)
                },
                kind: row.kind,
                area: row.area,
                grade: row.grade,
                refs: row.refs.into_boxed_slice(),
                length: row.length,
            })
            .collect();
        if !rows
            .windows(2)
            .all(|pair| pair[0].order() < pair[1].order())
        {
            return Err(StoreError::Corrupt {
                what: "an inspection listing whose rows are out of order".into(),
            });
        }
        Ok(Listing::new(
            stored.inspection,
            stored.warnings,
            stored.generation,
            rows,
        ))
    }
}

impl PartialEq for Listing {
    fn eq(&self, other: &Listing) -> bool {
        (
            self.generation,
            &self.inspection,
            &self.warnings,
            &self.rows,
        ) == (
            other.generation,
            &other.inspection,
            &other.warnings,
            &other.rows,
        )
    }
}

/// A set of an inspection's rows that questions ask for by name: the rows
/// of a kind, of an area, of both, or of a kind, an area and a grade.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Group {
    Kind(Kind),
    Area(Area),
    KindAndArea(Kind, Area),
    Graded(Kind, Area, Grade),
}

const KINDS: usize = Kind::ALL.len();
const AREAS: usize = Area::ALL.len();
const GRADES: usize = Grade::ALL.len();
const GROUPS: usize = KINDS + AREAS + KINDS * AREAS + KINDS * AREAS * GRADES;

impl Group {
    /// The group's place among all groups.
    fn index(self) -> usize {
        let kind = |kind| usize::from(kind_code(kind));
        let area = |area| usize::from(code(&Area::ALL, &area));
        let grade = |grade| usize::from(code(&Grade::ALL, &grade));
        match self {
            Group::Kind(k) => kind(k),
            Group::Area(a) => KINDS + area(a),
            Group::KindAndArea(k, a) => KINDS + AREAS + kind(k) * AREAS + area(a),
            Group::Graded(k, a, g) => {
                KINDS + AREAS + KINDS * AREAS + (kind(k) * AREAS + area(a)) * GRADES + grade(g)
            }
        }
    }

    /// The groups a row is in.
    fn of(row: &Row) -> impl Iterator<Item = Group> {
        let by_area = row
            .area
            .map(|area| [Group::Area(area), Group::KindAndArea(row.kind, area)]);
        let graded = row
            .area
            .zip(row.grade)
            .map(|(area, grade)| Group::Graded(row.kind, area, grade));
        std::iter::once(Group::Kind(row.kind))
            .chain(by_area.into_iter().flatten())
            .chain(graded)
    }
}

/// The ordinals of an inspection's rows by group, in one allocation (a
/// question reads one list, and memory is read a cache line at a time): the
/// start of each group's ordinals, then the ordinals, ascending in each.
#[derive(Debug)]
struct Groups(Box<[u32]>);

impl Groups {
    fn of(rows: &[Row]) -> Groups {
        let mut sizes = [0u32; GROUPS];
        for group in rows.iter().flat_map(Group::of) {
            sizes[group.index()] += 1;
        }
        let mut table = Vec::with_capacity(GROUPS + 1 + 4 * rows.len());
        let mut start = (GROUPS + 1) as u32;
        for size in sizes {
            table.push(start);
            start += size;
        }
        table.push(start);
        let mut next: Vec<u32> = table[..GROUPS].to_vec();
        table.resize(start as usize, 0);
        for (ordinal, row) in (0u32..).zip(rows) {
            for group in Group::of(row) {
                let at = &mut next[group.index()];
                table[*at as usize] = ordinal;
                *at += 1;
            }
        }
        Groups(table.into_boxed_slice())
    }

    /// Whether the group with this index has rows.
    fn has_rows(&self, index: usize) -> bool {
        matches!((self.0.get(index), self.0.get(index + 1)), (Some(start), Some(end)) if start < end)
    }

    fn get(&self, group: Group) -> &[u32] {
        let at = group.index();
        let range = self.0.get(at).zip(self.0.get(at + 1));
        range
            .and_then(|(&start, &end)| self.0.get(start as usize..end as usize))
            .unwrap_or(&[])
    }
}

#[derive(Serialize, Deserialize)]
struct StoredListing {
    generation: u64,
    inspection: Inspection,
    warnings: Vec<Warning>,
    rows: Vec<StoredRow>,
}

#[derive(Serialize, Deserialize)]
struct StoredRow {
    section: Section,
    numbered: bool,
    number: u32,
    kind: Kind,
    area: Option<Area>,
    grade: Option<Grade>,
    refs: Vec<u32>,
    length: u32,
}

/// Every inspection's listing, by key prefix: a snapshot, never changed
/// once made (an ingest makes the next one).
#[derive(Debug, Default)]
pub(super) struct Catalogue {
    listings: Vec<Arc<Listing>>,
    /// For each group, the places of the listings with rows in it; made
    /// when first asked for, as a catalogue is made by every ingest.
    with_rows: OnceLock<Vec<Vec<u32>>>,
    /// The number of records holding each phrase ranked by so far.
    frequencies: Mutex<HashMap<Vec<String>, u64>>,
}

impl Catalogue {
    /// A catalogue of these listings, in any order.
    pub(super) fn new(mut listings: Vec<Arc<Listing>>) -> Catalogue {
        listings.sort_by(|a, b| a.prefix.cmp(&b.prefix));
        Catalogue {
            listings,
            with_rows: OnceLock::new(),
            frequencies: Mutex::default(),
        }
    }

    /// The listings, in key order.
    pub(super) fn listings(&self) -> &[Arc<Listing>] {
        &self.listings
    }

    /// Where the listings of the authority with this slug stand.
    pub(super) fn of_authority(&self, slug: &str) -> std::ops::Range<usize> {
        // Listings sort by prefix, and so by slug first.
        let start = self.listings.partition_point(|l| l.slug.as_str() < slug);
        let end = self.listings.partition_point(|l| l.slug.as_str() <= slug);
        start..end
    }

    /// The listing of the inspection with this prefix.
    pub(super) fn get(&self, prefix: &[u8]) -> Option<&Arc<Listing>> {
        self.position(prefix).ok().map(|at| &self.listings[at])
    }

    fn position(&self, prefix: &[u8]) -> Result<usize, usize> {
        self.listings
            .binary_search_by(|listing| listing.prefix.as_slice().cmp(prefix))
    }

    /// This catalogue with the listing of `prefix` replaced by `listing`
    /// (added where absent, removed where `None`).
    pub(super) fn with(&self, prefix: &[u8], listing: Option<Arc<Listing>>) -> Catalogue {
        let mut listings = self.listings.clone();
        match (self.position(prefix), listing) {
            (Ok(at), Some(listing)) => listings[at] = listing,
            (Ok(at), None) => {
                listings.remove(at);
            }
            (Err(at), Some(listing)) => listings.insert(at, listing),
            (Err(_), None) => {}
        }
        Catalogue {
            listings,
            with_rows: OnceLock::new(),
            frequencies: Mutex::default(),
        }
    }

    /// The places of the listings with rows in any of `groups`, ascending.
    pub(super) fn with_rows_in(&self, groups: &[Group]) -> Vec<usize> {
        let with_rows = self.with_rows.get_or_init(|| {
            let mut with_rows = vec![Vec::new(); GROUPS];
            for (at, listing) in (0u32..).zip(&self.listings) {
                for (group, places) in with_rows.iter_mut().enumerate() {
                    if listing.groups.has_rows(group) {
                        places.push(at);
                    }
                }
            }
            with_rows
        });
        let mut places: Vec<usize> = groups
            .iter()
            .filter_map(|group| with_rows.get(group.index()))
            .flatten()
            .map(|&at| at as usize)
            .collect();
        if groups.len() > 1 {
            places.sort_unstable();
            places.dedup();
        }
        places
    }

    /// How many records the catalogue lists.
    pub(super) fn records(&self) -> u64 {
        self.listings.iter().map(|l| l.rows.len() as u64).sum()
    }

    /// How many words the texts of all its records have.
    pub(super) fn words(&self) -> u64 {
        self.listings.iter().map(|listing| listing.words).sum()
    }

    /// The number of records holding a phrase, where counted before in
    /// this catalogue.
    pub(super) fn frequency(&self, words: &[String]) -> Option<u64> {
        let counted = self
            .frequencies
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        counted.get(words).copied()
    }

    /// Keeps the number of records holding a phrase, for the catalogue's life.
    pub(super) fn keep_frequency(&self, words: &[String], frequency: u64) {
        let mut counted = self
            .frequencies
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        counted.insert(words.to_vec(), frequency);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Report;

    /// A seed report, and its listing of its records in the order `order` puts them.
    fn listed(
        seed: &str,
        order: fn(&&Record, &&Record) -> std::cmp::Ordering,
    ) -> (Report, Listing) {
        let report = Report::parse_file(format!("seeds/{seed}")).unwrap();
        let mut records: Vec<&Record> = report.records.iter().collect();
        records.sort_by(order);
        let listing = Listing::of(&report, 7, &records);
        (report, listing)
    }

    fn key_order(a: &&Record, b: &&Record) -> std::cmp::Ordering {
        a.key.cmp(&b.key)
    }

    #[test]
    fn listings_round_trip_and_index_their_kinds() {
        let (report, listing) = listed("slough-2023-ilacs.txt", key_order);
        let mut records: Vec<&Record> = report.records.iter().collect();
        records.sort_by(key_order);
        let back = Listing::decode(&listing.encode().unwrap()).unwrap();
        assert_eq!(back, listing);
        assert_eq!(back.prefix, listing.prefix);
        let judgements = report.of_kind(Kind::Judgement).count();
        assert_eq!(back.of_kind(Kind::Judgement).len(), judgements);
        for area in Area::ALL {
            let expected: Vec<u32> = (0u32..)
                .zip(&records)
                .filter(|(_, r)| r.area == Some(area))
                .map(|(ordinal, _)| ordinal)
                .collect();
            assert_eq!(back.of_group(Group::Area(area)), expected, "{area}");
            let of = |kind: Kind, grade: Option<Grade>| -> Vec<u32> {
                expected
                    .iter()
                    .copied()
                    .filter(|&o| records[o as usize].kind == kind)
                    .filter(|&o| grade.is_none_or(|g| records[o as usize].grade == Some(g)))
                    .collect()
            };
            for kind in Kind::ALL {
                assert_eq!(
                    back.of_group(Group::KindAndArea(kind, area)),
                    of(kind, None)
                );
                for grade in Grade::ALL {
                    let graded = back.of_group(Group::Graded(kind, area, grade));
                    assert_eq!(graded, of(kind, Some(grade)), "{kind} {area} {grade}");
                }
            }
        }
        for (ordinal, record) in (0u32..).zip(&records) {
            assert_eq!(back.record(ordinal, &record.text).as_ref(), Some(*record));
            let row = &back.rows[ordinal as usize];
            assert_eq!(back.key(row), record.key);
            assert_eq!(row.paragraph(), record.paragraph);
            assert_eq!(
                back.find(record.key.section, record.key.position),
                Some(ordinal)
            );
        }
    }

    #[test]
    fn the_catalogue_knows_which_listings_have_records_of_a_group() {
        let listings: Vec<Arc<Listing>> = ["slough-2023-ilacs.txt", "leeds-2015-sif.txt"]
            .iter()
            .map(|seed| Arc::new(listed(seed, key_order).1))
            .collect();
        let catalogue = Catalogue::new(listings);
        for kind in Kind::ALL {
            for area in Area::ALL {
                for grade in Grade::ALL {
                    let group = Group::Graded(kind, area, grade);
                    let expected: Vec<usize> = (0..catalogue.listings().len())
                        .filter(|&at| !catalogue.listings()[at].of_group(group).is_empty())
                        .collect();
                    assert_eq!(catalogue.with_rows_in(&[group]), expected, "{group:?}");
                }
            }
        }
        let both = [Group::Kind(Kind::Judgement), Group::Kind(Kind::Report)];
        assert_eq!(catalogue.with_rows_in(&both), [0, 1]);
    }

    #[test]
    fn a_listing_out_of_order_is_damage() {
        let (_, listing) = listed("slough-2023-ilacs.txt", |a, b| key_order(b, a));
        assert!(matches!(
            Listing::decode(&listing.encode().unwrap()),
            Err(StoreError::Corrupt { .. })
        ));
    }
}
