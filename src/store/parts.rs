//! The two parts of a SIF inspection published apart: the local
//! authority's report, and the review of its Local Safeguarding Children
//! Board published on its own (2015). Both are of one inspection (the same
//! authority and dates, so the same key), and the knowledge base holds
//! them as one: a report of one part is stored with the other part stored
//! before, whichever came first, so that neither replaces the other.

use std::borrow::Cow;

use super::keys::inspection_prefix;
use super::{Store, StoreError};
use crate::model::{Area, Framework, Kind, Position, Record, Report, Section, Warning};

/// Whether a record is of the board's part: its review's text and
/// recommendations, and its judgement.
fn of_the_board(record: &Record) -> bool {
    matches!(record.section, Section::Lscb | Section::LscbRecommendations)
        || (record.kind == Kind::Judgement && record.area == Some(Area::Lscb))
}

/// Which part of an inspection a report holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    /// The local authority's report without a board part.
    Authority,
    /// The board's review published alone.
    Board,
    /// Both, or neither: a report complete in itself.
    Whole,
}

fn part_of(records: &[Record]) -> Part {
    let told: Vec<&Record> = records.iter().filter(|r| r.kind != Kind::Report).collect();
    let boards = told.iter().filter(|r| of_the_board(r)).count();
    match boards {
        0 if !told.is_empty() => Part::Authority,
        n if n == told.len() && n > 0 => Part::Board,
        _ => Part::Whole,
    }
}

/// `record` as a record of `report`'s inspection, at `position`: a
/// board's record takes the inspection's fields of the authority's report
/// it joins.
fn of_inspection(record: &Record, report: &Report, position: Position) -> Record {
    let mut made = Record::new(
        &report.inspection,
        record.kind,
        record.section,
        position,
        record.text.clone(),
    );
    made.area = record.area;
    made.grade = record.grade;
    made.refs.clone_from(&record.refs);
    made
}

impl Store {
    /// The report to store for `report`: itself, or, where it holds one
    /// part of an inspection and the knowledge base holds the other, the
    /// two together (the authority's inspection fields, dates of
    /// publication and lead inspector with them; the warnings of both, and
    /// one where the board's review was published on another date).
    pub(super) fn with_the_other_part<'r>(
        &self,
        report: &'r Report,
    ) -> Result<Cow<'r, Report>, StoreError> {
        // Only SIF reviewed the board, and only then could its review be
        // published apart.
        let part = match report.inspection.framework {
            Framework::Sif => part_of(&report.records),
            _ => Part::Whole,
        };
        if part == Part::Whole {
            return Ok(Cow::Borrowed(report));
        }
        let prefix = inspection_prefix(&report.inspection.authority.slug(), report.inspection.id());
        let catalogue = self.catalogue();
        let Some(listing) = catalogue
            .get(&prefix)
            .filter(|listing| listing.inspection.framework == Framework::Sif)
        else {
            return Ok(Cow::Borrowed(report));
        };
        let stored_records = self.records_of_writing(listing);
        let mut stored = Vec::with_capacity(listing.rows.len());
        for ordinal in 0..listing.rows.len() as u32 {
            // The writer's lock is held: the listing is current.
            stored.extend(stored_records.get(ordinal)?);
        }
        let stored = Report {
            inspection: listing.inspection.clone(),
            records: stored,
            warnings: listing.warnings.clone(),
        };
        let (authority, board) = match (part, part_of(&stored.records)) {
            // What is stored is of the same part (a reading again) or is
            // the whole inspection, which this part replaces.
            (Part::Board, Part::Board) | (Part::Authority, Part::Authority) => {
                return Ok(Cow::Borrowed(report));
            }
            (Part::Board, _) => (&stored, report),
            _ => (report, &stored),
        };
        let mut records: Vec<Record> = authority
            .records
            .iter()
            .filter(|r| !of_the_board(r))
            .cloned()
            .collect();
        // The board's judgement follows the authority's, as a report of both
        // numbers them; its other records are of its own sections.
        let mut judgements = records
            .iter()
            .filter(|r| r.section == Section::Judgements)
            .filter_map(|r| match r.key.position {
                Position::Ordinal(n) => Some(n),
                Position::Paragraph(_) => None,
            })
            .max()
            .unwrap_or(0);
        for record in board.records.iter().filter(|r| of_the_board(r)) {
            let position = if record.section == Section::Judgements {
                judgements += 1;
                Position::Ordinal(judgements)
            } else {
                record.key.position
            };
            records.push(of_inspection(record, authority, position));
        }
        // The warnings of both, each once; whether the review was published
        // apart is said of the two parts as they are now.
        let mut warnings: Vec<Warning> = Vec::new();
        for warning in authority.warnings.iter().chain(&board.warnings) {
            let apart = matches!(warning, Warning::BoardPublishedApart { .. });
            if !apart && !warnings.contains(warning) {
                warnings.push(warning.clone());
            }
        }
        if board.inspection.published != authority.inspection.published {
            warnings.push(Warning::BoardPublishedApart {
                published: board.inspection.published,
            });
        }
        Ok(Cow::Owned(Report {
            inspection: authority.inspection.clone(),
            records,
            warnings,
        }))
    }
}
