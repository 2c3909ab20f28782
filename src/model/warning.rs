//! What could not be read of a report that was otherwise read.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{Area, Date, Framework, Grade, Position, Section};

/// A part of a report that could not be read. The report is stored with
/// everything else, and the part is left out rather than guessed: a grade
/// that cannot be read is no grade, never a neighbour's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Warning {
    /// A judgement the framework always gives could not be read.
    MissingJudgement {
        /// The area without a judgement.
        area: Area,
        /// The report's framework.
        framework: Framework,
    },
    /// The report reviews the Local Safeguarding Children Board, but the
    /// board's grade could not be read.
    UnreadBoardGrade {
        /// The line where the review starts.
        line: usize,
    },
    /// The report gives one area two grades (the judgement table and a
    /// section heading, or the table twice): one of them was read wrong,
    /// so neither is stored.
    ConflictingGrades {
        /// The area graded twice.
        area: Area,
        /// The grade read first.
        first: Grade,
        /// The grade read second.
        second: Grade,
        /// The line of the second.
        line: usize,
    },
    /// The paragraph numbering jumps: what the text gives is stored, the
    /// missing paragraphs are not.
    ParagraphGap {
        /// The first missing number.
        expected: u32,
        /// The number that came instead.
        found: u32,
        /// The line of the paragraph that came.
        line: usize,
    },
    /// A paragraph's number stands with no text after it: the paragraph
    /// is not stored.
    NoText {
        /// The paragraph's section.
        section: Section,
        /// The paragraph's place in it.
        position: Position,
        /// The line of the number.
        line: usize,
    },
    /// The inspected authority's name is not one the reference table
    /// knows: its records carry the name as printed, and no ONS code,
    /// region or authority type.
    UnknownAuthority {
        /// The name as the report prints it, framing words removed.
        name: String,
    },
    /// The review of the Local Safeguarding Children Board was published
    /// apart from the local authority's report, on another date: the
    /// inspection is stored as one, and its records, the board's too, give
    /// the authority's report's date of publication.
    BoardPublishedApart {
        /// When the board's review was published, where its front page says.
        published: Option<Date>,
    },
}

/// A file that was refused, as the knowledge base keeps it, so that a
/// reader can see that an answer has a gap: the file's report is not among
/// the answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    /// The file, as it was named to ingest.
    pub file: String,
    /// Why it was refused.
    pub reason: String,
    /// The authority its front page names, where that could be read.
    pub authority: Option<String>,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.file, self.reason)
    }
}

impl Warning {
    /// Whether it leaves a judgement of its report unread: a question of
    /// judgements then lacks it.
    pub fn leaves_a_judgement_unread(&self) -> bool {
        matches!(
            self,
            Warning::MissingJudgement { .. }
                | Warning::UnreadBoardGrade { .. }
                | Warning::ConflictingGrades { .. }
        )
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::MissingJudgement { area, framework } => write!(
                f,
                "no judgement on `{area}` could be read; every {framework} report grades it"
            ),
            Warning::UnreadBoardGrade { line } => write!(
                f,
                "line {line}: the report reviews the Local Safeguarding Children Board, but its grade could not be read"
            ),
            Warning::ConflictingGrades {
                area,
                first,
                second,
                line,
            } => write!(
                f,
                "line {line}: `{area}` is graded {second} here but {first} before; neither is stored"
            ),
            Warning::ParagraphGap {
                expected,
                found,
                line,
            } => {
                let missing = if found.saturating_sub(*expected) <= 1 {
                    format!("paragraph {expected} is missing")
                } else {
                    format!("paragraphs {expected} to {} are missing", found - 1)
                };
                match expected.checked_sub(1).filter(|&before| before > 0) {
                    Some(before) => write!(
                        f,
                        "line {line}: paragraph {found} follows paragraph {before}; {missing}"
                    ),
                    None => write!(f, "line {line}: the numbering starts at {found}; {missing}"),
                }
            }
            Warning::NoText {
                section,
                position,
                line,
            } => write!(
                f,
                "line {line}: paragraph {position} of `{section}` has no text that could be read; it is not stored"
            ),
            Warning::UnknownAuthority { name } => write!(
                f,
                "the authority `{name}` is not in the reference table: its records have no ONS code, region or authority type"
            ),
            Warning::BoardPublishedApart { published } => {
                let when = match published {
                    Some(date) => format!("on {date}"),
                    None => "without a date of publication".to_string(),
                };
                write!(
                    f,
                    "the board's review was published apart, {when}: its records give the date the local authority's report was published"
                )
            }
        }
    }
}
