//! Questions one field answers: which records have this value (or a value
//! in this range). The knowledge base answers them from its catalogue, and
//! a phrase from the terms of each inspection.

use std::fmt;
use std::ops::RangeInclusive;

use super::catalogue::{Listing, Row};
use crate::model::{Area, Date, Grade, Kind, Record, Section, slug};

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

    /// Whether the record of `row` in `listing` answers the lookup; `None`
    /// for a phrase, which the catalogue does not know.
    pub(crate) fn matches_row(&self, listing: &Listing, row: &Row) -> Option<bool> {
        Some(match self {
            Lookup::Kind(kind) => row.kind == *kind,
            Lookup::Authority(name) => listing.slug == slug(name),
            Lookup::Area(area) => row.area == Some(*area),
            Lookup::Grades(range) => row.grade.is_some_and(|g| range.contains(&g)),
            Lookup::Section(section) => row.section == *section,
            Lookup::Cites(paragraph) => row.refs.contains(paragraph),
            Lookup::Inspected(range) => range.contains(&listing.inspection.id()),
            Lookup::Phrase(_) => return None,
        })
    }
}
