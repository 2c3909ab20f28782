//! One inspection's listing: every field of each of its records but the
//! text, and its records grouped as questions ask for them.
//!
//! Every question starts by reading every listing into memory (the
//! catalogue), so the stored form is made to be read fast: a few fields of
//! the inspection in bincode, then the records as a table of fixed-width
//! rows, their references, and the texts of its judgements and report.
//! Reading it copies tables: it decodes nothing field by field but a row's
//! own bytes. It stays a few kilobytes: sled keeps a page of listings (up
//! to 16) larger than a quarter of its log segment in a file of its own,
//! read whole.
//!
//! The texts of its judgements and of its report record (a line each) are
//! kept in the listing and nowhere else: the most asked questions (grades
//! by area, latest grades, changes) then answer from memory, without
//! reading a page per record. Every other text is a value of its own.
//!
//! ```text
//! listing  = format:u8 header-length:u32 header rows refs listed
//! header   = bincode (values::encode): generation, inspection, warnings, words
//! rows     = count:u32 { section+numbered kind area grade number:u32 length:u32 }
//! refs     = count:u32 { ordinal:u32 ref:u32 }
//! listed   = count:u32 { ordinal:u32 } { end:u32 } length:u32 utf-8
//! ```
//!
//! Integers are little-endian. An enum is its place in the type's `ALL`
//! order; an area or grade is its place plus one, 0 for none. The first
//! byte of a row is its section's place, plus 128 where its position is a
//! paragraph number. The references are few (recommendations citing the
//! paragraphs they follow from), so they are a table of their own, each
//! with its row's ordinal, in order. The listed texts are those of the
//! rows named, ascending; each runs from the previous one's `end` to its
//! own.

use std::sync::{Arc, Mutex, OnceLock};

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
    /// Where its references stand among its listing's.
    refs: std::ops::Range<u32>,
    /// How many words its text has: the length ranking normalises by.
    pub length: u32,
}

impl Row {
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
    pub rows: Vec<Row>,
    /// Every row's references, one after another.
    refs: Box<[u32]>,
    /// The texts it keeps: its judgements' and its report's.
    listed: ListedTexts,
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
        let mut refs = Vec::new();
        let rows: Vec<Row> = records
            .iter()
            .map(|record| {
                // A row without references has none at 0, as read back.
                let start = if record.refs.is_empty() {
                    0
                } else {
                    refs.len() as u32
                };
                refs.extend_from_slice(&record.refs);
                Row {
                    section: record.key.section,
                    position: record.key.position,
                    kind: record.kind,
                    area: record.area,
                    grade: record.grade,
                    refs: start..start + record.refs.len() as u32,
                    length: crate::text::word_count(&record.text),
                }
            })
            .collect();
        let header = Header {
            generation,
            words: rows.iter().map(|row| u64::from(row.length)).sum(),
            inspection: report.inspection.clone(),
            warnings: report.warnings.clone(),
        };
        let listed = ListedTexts::of(records);
        Listing::new(header, rows, refs.into_boxed_slice(), listed)
    }

    fn new(header: Header, rows: Vec<Row>, refs: Box<[u32]>, listed: ListedTexts) -> Listing {
        let slug = header.inspection.authority.slug();
        Listing {
            words: header.words,
            prefix: inspection_prefix(&slug, header.inspection.id()),
            generation: header.generation,
            inspection: header.inspection,
            warnings: header.warnings,
            slug,
            rows,
            refs,
            listed,
            texts: OnceLock::new(),
            buckets: Mutex::default(),
        }
    }

    /// The ordinals of the rows in `group`, ascending. Areas are exact:
    /// not the areas that also answer for them. Found by walking the rows,
    /// a few hundred, each time: cheaper than keeping every listing's
    /// groups, which every question's open would make for a few.
    pub fn of_group(&self, group: Group) -> Vec<u32> {
        (0u32..)
            .zip(&self.rows)
            .filter(|(_, row)| group.holds(row))
            .map(|(ordinal, _)| ordinal)
            .collect()
    }

    /// Whether a record's text is kept in its listing, and only there.
    pub fn keeps_text(record: &Record) -> bool {
        matches!(record.kind, Kind::Judgement | Kind::Report)
    }

    /// The text of the row with this ordinal, where the listing keeps it.
    pub fn listed_text(&self, ordinal: u32) -> Option<&str> {
        self.listed.get(ordinal)
    }

    /// The references of one of its rows.
    pub fn refs_of(&self, row: &Row) -> &[u32] {
        self.refs
            .get(row.refs.start as usize..row.refs.end as usize)
            .unwrap_or(&[])
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
        record.refs = self.refs_of(row).to_vec();
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

    /// The stored form (see the module's documentation).
    pub fn encode(&self) -> Result<Vec<u8>, StoreError> {
        let header = values::encode(&Header {
            generation: self.generation,
            words: self.words,
            inspection: self.inspection.clone(),
            warnings: self.warnings.clone(),
        })?;
        let mut bytes = vec![FORMAT];
        put_len(&mut bytes, header.len());
        bytes.extend_from_slice(&header);
        put_len(&mut bytes, self.rows.len());
        for row in &self.rows {
            let (numbered, number) = match row.position {
                Position::Ordinal(n) => (0, n),
                Position::Paragraph(n) => (NUMBERED, n),
            };
            let optional = |place: Option<u8>| place.map_or(0, |place| place + 1);
            bytes.extend_from_slice(&[
                section_code(row.section) | numbered,
                kind_code(row.kind),
                optional(row.area.map(|area| code(&Area::ALL, &area))),
                optional(row.grade.map(|grade| code(&Grade::ALL, &grade))),
            ]);
            bytes.extend_from_slice(&number.to_le_bytes());
            bytes.extend_from_slice(&row.length.to_le_bytes());
        }
        put_len(&mut bytes, self.refs.len());
        for (ordinal, row) in (0u32..).zip(&self.rows) {
            for reference in self.refs_of(row) {
                bytes.extend_from_slice(&ordinal.to_le_bytes());
                bytes.extend_from_slice(&reference.to_le_bytes());
            }
        }
        self.listed.write(&mut bytes);
        Ok(bytes)
    }

    /// A listing back from its stored form, checked so that nothing read
    /// from it can point outside it: its codes name variants, its rows
    /// stand in strictly ascending key order, its references and listed
    /// texts stay within it.
    pub fn decode(bytes: &[u8]) -> Result<Listing, StoreError> {
        let corrupt = |reason: &str| StoreError::Corrupt {
            what: format!("an inspection listing: {reason}"),
        };
        let mut bytes = Bytes(bytes);
        let format = bytes.take(1).ok_or_else(|| corrupt("empty value"))?[0];
        if format != FORMAT {
            return Err(corrupt(&format!(
                "listing format {format}, this build reads format {FORMAT}"
            )));
        }
        let short = || corrupt("shorter than its counts say");
        let header_len = bytes.len().ok_or_else(short)?;
        let header: Header = values::decode(
            bytes.take(header_len).ok_or_else(short)?,
            "an inspection listing",
        )?;
        let count = bytes.len().ok_or_else(short)?;
        let table = bytes.take(count.saturating_mul(ROW)).ok_or_else(short)?;
        let mut rows = Vec::with_capacity(count);
        for row in table.chunks_exact(ROW) {
            rows.push(
                unpack(row)
                    .ok_or_else(|| corrupt("a row that names no section, kind, area or grade"))?,
            );
        }
        if !rows
            .windows(2)
            .all(|pair| pair[0].order() < pair[1].order())
        {
            return Err(corrupt("its rows are out of order"));
        }
        let refs = read_refs(&mut bytes, &mut rows)
            .ok_or_else(|| corrupt("references of rows it has not, or out of order"))?;
        let listed = ListedTexts::read(&mut bytes, rows.len())
            .ok_or_else(|| corrupt("listed texts that do not fit its rows"))?;
        if !bytes.0.is_empty() {
            return Err(corrupt(&format!("{} bytes after the value", bytes.0.len())));
        }
        Ok(Listing::new(header, rows, refs, listed))
    }
}

/// The format of stored listings this build writes and reads.
const FORMAT: u8 = 3;
/// The width of a stored row, in bytes.
const ROW: usize = 12;
/// Added to a row's section code where its position is a paragraph number.
const NUMBERED: u8 = 0x80;
const _: () = assert!(Section::ALL.len() < NUMBERED as usize);

/// The references as stored, each given to its row; `None` where they
/// name a row beyond `rows` or stand out of order.
fn read_refs(bytes: &mut Bytes<'_>, rows: &mut [Row]) -> Option<Box<[u32]>> {
    let count = bytes.len()?;
    let pairs = bytes.u32s_of(count.checked_mul(2)?)?;
    let mut refs = Vec::with_capacity(count);
    let mut last = None;
    for pair in pairs.chunks_exact(2) {
        let (ordinal, reference) = (pair[0], pair[1]);
        if last.is_some_and(|last| ordinal < last) {
            return None;
        }
        last = Some(ordinal);
        let row = rows.get_mut(ordinal as usize)?;
        if row.refs.is_empty() {
            row.refs = refs.len() as u32..refs.len() as u32;
        }
        refs.push(reference);
        row.refs.end = refs.len() as u32;
    }
    Some(refs.into())
}

/// A row from its stored bytes, without references; `None` where a code
/// names nothing.
fn unpack(bytes: &[u8]) -> Option<Row> {
    let &[section, kind, area, grade, n0, n1, n2, n3, l0, l1, l2, l3] = bytes else {
        return None;
    };
    let number = u32::from_le_bytes([n0, n1, n2, n3]);
    Some(Row {
        section: *Section::ALL.get(usize::from(section & !NUMBERED))?,
        kind: *Kind::ALL.get(usize::from(kind))?,
        area: optional(area, &Area::ALL)?,
        grade: optional(grade, &Grade::ALL)?,
        position: if section & NUMBERED == 0 {
            Position::Ordinal(number)
        } else {
            Position::Paragraph(number)
        },
        length: u32::from_le_bytes([l0, l1, l2, l3]),
        refs: 0..0,
    })
}

/// The variant of `all` a stored place names: its place plus one, 0 for
/// none; `None` where it names no variant.
fn optional<T: Copy>(place: u8, all: &[T]) -> Option<Option<T>> {
    match place {
        0 => Some(None),
        place => all.get(usize::from(place) - 1).copied().map(Some),
    }
}

/// Writes a count as the layout does: a `u32`.
fn put_len(bytes: &mut Vec<u8>, len: usize) {
    // A listing holds one report's records: hundreds, never 2^32.
    bytes.extend_from_slice(&u32::try_from(len).unwrap_or(u32::MAX).to_le_bytes());
}

/// The stored bytes not read yet.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.0.len() {
            return None;
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(taken)
    }

    /// A count.
    fn len(&mut self) -> Option<usize> {
        let bytes = self.take(4)?;
        usize::try_from(u32::from_le_bytes(bytes.try_into().ok()?)).ok()
    }

    /// `count` `u32`s.
    fn u32s_of(&mut self, count: usize) -> Option<Box<[u32]>> {
        let bytes = self.take(count.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|word| u32::from_le_bytes([word[0], word[1], word[2], word[3]]))
                .collect(),
        )
    }
}

/// The fields of a listing that are not its rows.
#[derive(Serialize, Deserialize)]
struct Header {
    generation: u64,
    words: u64,
    inspection: Inspection,
    warnings: Vec<Warning>,
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
/// How many groups there are; a group's index is below this.
pub(super) const GROUPS: usize = KINDS + AREAS + KINDS * AREAS + KINDS * AREAS * GRADES;
const _: () = assert!(
    GROUPS <= u16::MAX as usize,
    "a group's index is stored as a u16"
);

impl Group {
    /// The group's place among all groups.
    pub(super) fn index(self) -> usize {
        // A variant's discriminant is its place in its type's declaration,
        // below the type's count (`every_group_has_its_own_index`); the
        // index is never stored.
        let kind = |kind: Kind| kind as usize;
        let area = |area: Area| area as usize;
        let grade = |grade: Grade| grade as usize;
        match self {
            Group::Kind(k) => kind(k),
            Group::Area(a) => KINDS + area(a),
            Group::KindAndArea(k, a) => KINDS + AREAS + kind(k) * AREAS + area(a),
            Group::Graded(k, a, g) => {
                KINDS + AREAS + KINDS * AREAS + (kind(k) * AREAS + area(a)) * GRADES + grade(g)
            }
        }
    }

    /// Whether `row` is in the group.
    fn holds(self, row: &Row) -> bool {
        match self {
            Group::Kind(kind) => row.kind == kind,
            Group::Area(area) => row.area == Some(area),
            Group::KindAndArea(kind, area) => row.kind == kind && row.area == Some(area),
            Group::Graded(kind, area, grade) => {
                row.kind == kind && row.area == Some(area) && row.grade == Some(grade)
            }
        }
    }

    /// The indexes of the groups a row is in: its kind's; where it has an
    /// area, the area's and its kind and area's; where graded too, its
    /// kind, area and grade's. Made for every row of the catalogue when a
    /// question first asks which listings have rows in a group, so kept to
    /// arithmetic.
    pub(super) fn indexes_of(row: &Row) -> Memberships {
        let mut memberships = Memberships {
            indexes: [Group::Kind(row.kind).index() as u16, 0, 0, 0],
            count: 1,
        };
        if let Some(area) = row.area {
            memberships.indexes[1] = Group::Area(area).index() as u16;
            memberships.indexes[2] = Group::KindAndArea(row.kind, area).index() as u16;
            memberships.count = 3;
            if let Some(grade) = row.grade {
                memberships.indexes[3] = Group::Graded(row.kind, area, grade).index() as u16;
                memberships.count = 4;
            }
        }
        memberships
    }
}

/// The indexes of the groups one row is in (see [`Group::indexes_of`]).
pub(super) struct Memberships {
    indexes: [u16; 4],
    count: usize,
}

impl Memberships {
    pub(super) fn indexes(&self) -> &[u16] {
        &self.indexes[..self.count]
    }
}

/// The texts a listing keeps, one after another.
#[derive(Debug, Default, PartialEq, Eq)]
struct ListedTexts {
    /// The ordinals of the rows whose text it keeps, ascending.
    ordinals: Box<[u32]>,
    /// Where each text ends in `text` (and the next starts).
    ends: Box<[u32]>,
    text: Box<str>,
}

impl ListedTexts {
    fn of(records: &[&Record]) -> ListedTexts {
        let (mut ordinals, mut ends, mut text) = (Vec::new(), Vec::new(), String::new());
        for (ordinal, record) in (0u32..).zip(records) {
            if Listing::keeps_text(record) {
                text.push_str(&record.text);
                ordinals.push(ordinal);
                ends.push(text.len() as u32);
            }
        }
        ListedTexts {
            ordinals: ordinals.into(),
            ends: ends.into(),
            text: text.into(),
        }
    }

    fn get(&self, ordinal: u32) -> Option<&str> {
        let at = self.ordinals.binary_search(&ordinal).ok()?;
        let start = at
            .checked_sub(1)
            .map_or(Some(0), |before| self.ends.get(before).copied())?;
        self.text.get(start as usize..*self.ends.get(at)? as usize)
    }

    fn write(&self, bytes: &mut Vec<u8>) {
        put_len(bytes, self.ordinals.len());
        for value in self.ordinals.iter().chain(&self.ends) {
            bytes.extend_from_slice(&value.to_le_bytes());
        }
        put_len(bytes, self.text.len());
        bytes.extend_from_slice(self.text.as_bytes());
    }

    /// The listed texts as stored, checked to name rows below `rows` and
    /// to cut their text where characters start; `None` where they do not.
    fn read(bytes: &mut Bytes<'_>, rows: usize) -> Option<ListedTexts> {
        let count = bytes.len()?;
        let ordinals = bytes.u32s_of(count)?;
        let ends = bytes.u32s_of(count)?;
        let length = bytes.len()?;
        let text: Box<str> = std::str::from_utf8(bytes.take(length)?).ok()?.into();
        let ascending = ordinals.windows(2).all(|pair| pair[0] < pair[1])
            && ordinals.last().is_none_or(|&last| (last as usize) < rows);
        let cut = ends.windows(2).all(|pair| pair[0] <= pair[1])
            && ends.iter().all(|&end| text.is_char_boundary(end as usize))
            && ends.last().is_none_or(|&last| last as usize == text.len());
        (ascending && cut && (count > 0 || text.is_empty())).then_some(ListedTexts {
            ordinals,
            ends,
            text,
        })
    }
}

impl PartialEq for Listing {
    fn eq(&self, other: &Listing) -> bool {
        (
            self.generation,
            &self.inspection,
            &self.warnings,
            &self.rows,
            &self.refs,
            &self.listed,
        ) == (
            other.generation,
            &other.inspection,
            &other.warnings,
            &other.rows,
            &other.refs,
            &other.listed,
        )
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

    fn seed_listing(seed: &str) -> Listing {
        listed(seed, key_order).1
    }

    #[test]
    fn listings_round_trip_and_index_their_kinds() {
        // Its recommendations cite the paragraphs they follow from.
        let (report, listing) = listed("kingston-upon-thames-2015-sif.txt", key_order);
        let mut records: Vec<&Record> = report.records.iter().collect();
        records.sort_by(key_order);
        assert!(
            records.iter().any(|record| !record.refs.is_empty()),
            "a seed whose records cite others"
        );
        let back = Listing::decode(&listing.encode().unwrap()).unwrap();
        assert_eq!(back, listing);
        assert_eq!(back.prefix, listing.prefix);
        let judgements = report.of_kind(Kind::Judgement).count();
        assert_eq!(
            back.of_group(Group::Kind(Kind::Judgement)).len(),
            judgements
        );
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
        let listed = records.iter().filter(|r| Listing::keeps_text(r)).count();
        assert!(
            0 < listed && listed < records.len(),
            "texts listed and apart"
        );
        for (ordinal, record) in (0u32..).zip(&records) {
            let kept = Listing::keeps_text(record).then_some(record.text.as_str());
            assert_eq!(back.listed_text(ordinal), kept);
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
    fn every_group_has_its_own_index() {
        let mut seen = vec![false; GROUPS];
        for kind in Kind::ALL {
            let by_area = Area::ALL.into_iter().flat_map(|area| {
                let graded = Grade::ALL.map(|grade| Group::Graded(kind, area, grade));
                [Group::Area(area), Group::KindAndArea(kind, area)]
                    .into_iter()
                    .chain(graded)
            });
            for group in std::iter::once(Group::Kind(kind)).chain(by_area) {
                let index = group.index();
                // Areas repeat for each kind: only their first index is new.
                if matches!(group, Group::Area(_)) && kind != Kind::ALL[0] {
                    assert!(seen[index], "{group:?}");
                    continue;
                }
                assert!(!seen[index], "{group:?} shares index {index}");
                seen[index] = true;
            }
        }
        assert!(
            seen.iter().all(|&seen| seen),
            "every index below GROUPS names a group"
        );
    }

    #[test]
    fn a_listing_out_of_order_is_damage() {
        let (_, listing) = listed("slough-2023-ilacs.txt", |a, b| key_order(b, a));
        assert!(matches!(
            Listing::decode(&listing.encode().unwrap()),
            Err(StoreError::Corrupt { .. })
        ));
    }

    #[test]
    fn a_listed_text_cut_inside_a_character_is_damage() {
        let mut listing = seed_listing("slough-2023-ilacs.txt");
        listing.listed = ListedTexts {
            ordinals: Box::new([0, 1]),
            ends: Box::new([1, 3]),
            text: "£1".into(),
        };
        let bytes = listing.encode().unwrap();
        assert!(matches!(
            Listing::decode(&bytes),
            Err(StoreError::Corrupt { .. })
        ));
    }

    #[test]
    fn a_code_that_names_nothing_is_damage() {
        let listing = seed_listing("slough-2023-ilacs.txt");
        let bytes = listing.encode().unwrap();
        let header = u32::from_le_bytes(bytes[1..5].try_into().unwrap()) as usize;
        let first_row = 1 + 4 + header + 4;
        let sections = Section::ALL.len();
        for (field, past) in [(0, sections), (0, sections + 0x80), (1, Kind::ALL.len())] {
            let mut damaged = bytes.clone();
            damaged[first_row + field] = past as u8;
            assert!(matches!(
                Listing::decode(&damaged),
                Err(StoreError::Corrupt { .. })
            ));
        }
    }
}
