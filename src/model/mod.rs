//! The records of the knowledge base: plain data with serde derives.
//!
//! Every record carries its provenance (authority, inspection, section,
//! paragraph) both as fields and in its [`Key`], so that an answer can always
//! say where in which report it came from.

mod area;
mod authority;
pub(crate) use authority::slug;
mod date;
mod grade;
mod key;
mod section;
mod warning;

use std::fmt;

use serde::{Deserialize, Serialize};

pub use area::{Area, ParseAreaError};
pub use authority::Authority;
pub use date::{Date, ParseDateError};
pub use grade::{Grade, ParseGradeError};
pub use key::{Key, ParseKeyError, Position};
pub use section::{ParseSectionError, Section};
pub use warning::{Refusal, Warning};

/// What a record is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One per inspection: the report itself.
    Report,
    /// One graded judgement: the overall one, one per area, the LSCB's.
    Judgement,
    /// One recommendation: numbered (SIF) or a bullet of "What needs to improve" (ILACS).
    Recommendation,
    /// One paragraph of narrative, numbered or not.
    Finding,
    /// One bullet of the context section ("118 children are being looked after ...").
    Fact,
    /// Derived, never stored: how one area's grade moved between two
    /// consecutive graded inspections of one authority (see [`Change`]).
    Change,
}

impl Kind {
    /// Every kind a report's records have: all but the derived [`Kind::Change`].
    pub const ALL: [Kind; 5] = [
        Kind::Report,
        Kind::Judgement,
        Kind::Recommendation,
        Kind::Finding,
        Kind::Fact,
    ];

    /// The canonical name, as queries and output write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Report => "report",
            Kind::Judgement => "judgement",
            Kind::Recommendation => "recommendation",
            Kind::Finding => "finding",
            Kind::Fact => "fact",
            Kind::Change => "change",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The inspection framework a report was written under.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Framework {
    /// The single inspection framework, 2013-2018: five judgements, the overall
    /// one, and usually a review of the Local Safeguarding Children Board.
    #[serde(rename = "SIF")]
    Sif,
    /// Inspections of local authority children's services, 2018 on.
    #[serde(rename = "ILACS")]
    Ilacs,
    /// The inspections of safeguarding and looked after children services,
    /// 2009-2013: graded on a scale with "adequate", with overall
    /// effectiveness, capacity to improve and areas of their own.
    #[serde(rename = "SLAC")]
    Slac,
}

impl Framework {
    /// Every framework, oldest first.
    pub const ALL: [Framework; 3] = [Framework::Slac, Framework::Sif, Framework::Ilacs];

    /// The name reports and queries use: `SLAC`, `SIF`, `ILACS`.
    pub fn as_str(self) -> &'static str {
        match self {
            Framework::Sif => "SIF",
            Framework::Ilacs => "ILACS",
            Framework::Slac => "SLAC",
        }
    }

    /// Whether this framework grades on the scale with "adequate" (before
    /// 2013) rather than the one with "requires improvement" (since). A
    /// change is never read between the two: "adequate" is not
    /// "requires improvement" under another name.
    pub fn grades_adequate(self) -> bool {
        self == Framework::Slac
    }
}

impl fmt::Display for Framework {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether an ILACS inspection was short (one week on site, for authorities
/// last judged good or outstanding) or standard (two weeks). Reports do not
/// print it; their dates show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InspectionType {
    /// One week on site.
    Short,
    /// Two weeks on site (or more).
    Standard,
}

impl InspectionType {
    /// Every type.
    pub const ALL: [InspectionType; 2] = [InspectionType::Short, InspectionType::Standard];

    /// The type of an inspection `days` on site, counting each part's
    /// first and last day: a short inspection is one week on site (Monday
    /// to Friday, 5 days), a standard one two (12), so at most a week is
    /// short. An inspection paused and resumed counts the days of its parts.
    pub fn of_days_on_site(days: i64) -> InspectionType {
        if days <= 7 {
            InspectionType::Short
        } else {
            InspectionType::Standard
        }
    }

    /// The name queries and output use: `short`, `standard`.
    pub fn as_str(self) -> &'static str {
        match self {
            InspectionType::Short => "short",
            InspectionType::Standard => "standard",
        }
    }
}

impl fmt::Display for InspectionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One inspection of one authority: what every record of its report shares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inspection {
    /// The authority inspected.
    pub authority: Authority,
    /// The framework the report was written under.
    pub framework: Framework,
    /// First day of the inspection.
    pub inspected_from: Date,
    /// Last day of the inspection; also the inspection's id.
    pub inspected_to: Date,
    /// Publication date, where the report prints one (SIF reports do, ILACS ones do not).
    pub published: Option<Date>,
    /// The lead inspector's name, where the report prints it.
    pub lead_inspector: Option<String>,
    /// Short or standard, for ILACS inspections; SIF has one type only.
    pub inspection_type: Option<InspectionType>,
}

impl Inspection {
    /// The inspection id: its last day.
    pub fn id(&self) -> Date {
        self.inspected_to
    }
}

/// One finding, judgement, recommendation, fact or report, with its provenance.
///
/// The inspection's fields are repeated on every record so that each record
/// answers a query, and prints, on its own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Where the record lives: `authority/inspection/section/paragraph`.
    pub key: Key,
    /// What the record is.
    pub kind: Kind,
    /// Canonical authority name.
    pub authority: String,
    /// ONS code of the authority, where the reference table knows it.
    pub authority_code: Option<String>,
    /// The authority's region, from the reference table ("London").
    pub region: Option<String>,
    /// The kind of council, from its ONS code ("county", "london borough").
    pub authority_type: Option<String>,
    /// Inspection id: the last day of the inspection.
    pub inspection: Date,
    /// The framework of the report.
    pub framework: Framework,
    /// First day of the inspection.
    pub inspected_from: Date,
    /// Last day of the inspection.
    pub inspected_to: Date,
    /// Publication date, where the report prints one.
    pub published: Option<Date>,
    /// The lead inspector's name, where the report prints it.
    pub lead_inspector: Option<String>,
    /// Short or standard, for ILACS inspections.
    pub inspection_type: Option<InspectionType>,
    /// Canonical section.
    pub section: Section,
    /// The report's own paragraph number; `None` for unnumbered text.
    pub paragraph: Option<u32>,
    /// The judgement area the text belongs to, if any.
    pub area: Option<Area>,
    /// The grade: on a judgement its own, on the report record the overall
    /// grade, on a finding the grade of the judgement its section reports under.
    pub grade: Option<Grade>,
    /// Paragraphs a recommendation cites: "(paragraphs 141, 144)" -> `[141, 144]`.
    pub refs: Vec<u32>,
    /// Cleaned text; for a judgement, its label as printed; for a report, its title.
    pub text: String,
    /// On a change (and nothing else), the two grades it is between.
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub change: Option<Change>,
    /// On an answer to a query ranked by relevance, how relevant it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
    /// On an answer to a query ranked by relevance, the words around its
    /// best match, the matches marked `[` `]`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snippet: Option<String>,
}

/// How relevant an answer is to a search: its BM25 score, as SQLite FTS5
/// computes it but with the sign turned, so that higher is more relevant.
/// Scores compare by their total order (`f64::total_cmp`).
#[derive(Clone, Copy, Debug, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Score(pub f64);

impl PartialEq for Score {
    fn eq(&self, other: &Score) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Score {}

impl PartialOrd for Score {
    fn partial_cmp(&self, other: &Score) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Score {
    fn cmp(&self, other: &Score) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl std::hash::Hash for Score {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.to_bits().hash(state);
    }
}

impl fmt::Display for Score {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.4}", self.0)
    }
}

/// How one area's grade moved between two consecutive graded inspections
/// of one authority: the fields of a [`Kind::Change`] record, whose key is
/// the later judgement's (the citation), and whose other fields are the
/// later inspection's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The grade at the earlier inspection.
    pub from_grade: Grade,
    /// The grade at the later inspection.
    pub to_grade: Grade,
    /// The earlier inspection (its id: its last day).
    pub from_inspection: Date,
    /// The later inspection.
    pub to_inspection: Date,
    /// Better, worse or the same.
    pub direction: Direction,
}

/// Which way a grade moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// To a better grade.
    Up,
    /// To a worse grade.
    Down,
    /// The same grade again.
    Same,
}

impl Direction {
    /// Every direction.
    pub const ALL: [Direction; 3] = [Direction::Up, Direction::Down, Direction::Same];

    /// The way from one grade to another (grades order worst first).
    pub fn between(from: Grade, to: Grade) -> Direction {
        match to.cmp(&from) {
            std::cmp::Ordering::Greater => Direction::Up,
            std::cmp::Ordering::Less => Direction::Down,
            std::cmp::Ordering::Equal => Direction::Same,
        }
    }

    /// The name queries and output use: `up`, `down`, `same`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
            Direction::Same => "same",
        }
    }
}

impl fmt::Display for Direction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Record {
    /// A record of `inspection` at `position` in `section`, with everything
    /// else empty. The key and the provenance fields are derived together
    /// here, so they cannot disagree.
    pub fn new(
        inspection: &Inspection,
        kind: Kind,
        section: Section,
        position: Position,
        text: String,
    ) -> Record {
        let slug = inspection.authority.slug();
        Record::of_slug(inspection, slug, kind, section, position, text)
    }

    /// [`Record::new`], given the authority's slug (the store keeps it, and
    /// makes records often).
    pub(crate) fn of_slug(
        inspection: &Inspection,
        slug: String,
        kind: Kind,
        section: Section,
        position: Position,
        text: String,
    ) -> Record {
        let paragraph = position.paragraph();
        Record {
            key: Key {
                authority: slug,
                inspection: inspection.id(),
                section,
                position,
            },
            kind,
            authority: inspection.authority.name.clone(),
            authority_code: inspection.authority.code.clone(),
            region: inspection.authority.region().map(str::to_string),
            authority_type: inspection.authority.authority_type().map(str::to_string),
            inspection: inspection.id(),
            framework: inspection.framework,
            inspected_from: inspection.inspected_from,
            inspected_to: inspection.inspected_to,
            published: inspection.published,
            lead_inspector: inspection.lead_inspector.clone(),
            inspection_type: inspection.inspection_type,
            section,
            paragraph,
            area: None,
            grade: None,
            refs: Vec::new(),
            text,
            change: None,
            score: None,
            snippet: None,
        }
    }
}

/// One parsed report: its inspection and every record read from it, in
/// report order (report record first, then judgements, then the text).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The inspection the report is about.
    pub inspection: Inspection,
    /// The records, in the order the report prints them.
    pub records: Vec<Record>,
    /// What could not be read, and so is not among the records.
    pub warnings: Vec<Warning>,
}

impl Report {
    /// The records of one kind, in report order.
    pub fn of_kind(&self, kind: Kind) -> impl Iterator<Item = &Record> {
        self.records
            .iter()
            .filter(move |record| record.kind == kind)
    }

    /// The grade of the judgement on `area`, if the report has one.
    pub fn grade_of(&self, area: Area) -> Option<Grade> {
        self.of_kind(Kind::Judgement)
            .find(|r| r.area == Some(area))
            .and_then(|r| r.grade)
    }

    /// The record of a numbered paragraph.
    pub fn paragraph(&self, number: u32) -> Option<&Record> {
        self.records
            .iter()
            .find(|record| record.paragraph == Some(number))
    }
}
