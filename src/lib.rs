//! # inspection-kb
//!
//! An embedded knowledge base of the findings in Ofsted inspection reports on
//! local authority children's services. Report text (SLAC 2009-2013, SIF
//! 2013-2018, ILACS 2018 on; reflowed or raw PDF extraction) becomes typed records, each citing
//! the authority, inspection, section and paragraph it came from; a sled
//! knowledge base stores and indexes them; a small query language answers
//! questions about them.
//!
//! The pipeline, one private module per stage, their public types
//! re-exported here: `ingest` (text -> [`Report`]: [`Report::parse`],
//! [`Report::parse_file`], [`Report::parse_pdf`]) -> `model` (the records:
//! [`Record`], [`Area`], [`Grade`], ...) -> `store` (sled; the catalogue of
//! every field but the text, and the terms) <- `query` ([`Query`],
//! [`Answer`]; the syntax tree in [`ast`] for tools that build or walk
//! queries). [`Kb`] is the entry point where they meet: open, ingest, query.
//! [`words`], [`contains_phrase`] and [`find_phrase`] are the one tokenizer
//! behind the terms, `contains` and `matches`, for tools that must agree
//! with them; [`Kb::seeded`] is a knowledge base of the seven seed reports;
//! [`ikb_main`] is the `ikb` command (feature `cli`). ARCHITECTURE.md draws
//! the whole.
//!
//! ```
//! use inspection_kb::Answer;
//! use inspection_kb::{Area, Grade, Kb, Kind, Report};
//!
//! // Read one report.
//! let report = Report::parse_file("seeds/kingston-upon-thames-2015-sif.txt")?;
//! assert_eq!(report.inspection.authority.name, "Kingston upon Thames");
//! assert_eq!(report.grade_of(Area::CareLeavers), Some(Grade::Good));
//! let recommendation = report.paragraph(4).unwrap();
//! assert_eq!(recommendation.kind, Kind::Recommendation);
//! assert_eq!(recommendation.refs, [29, 48]);
//!
//! // Store it and ask.
//! let kb = Kb::temporary()?;
//! kb.ingest(&report)?;
//! let Answer::Records(found) = kb.query("recommendation where text contains 'return home'")? else {
//!     unreachable!("a query without count or explain lists records")
//! };
//! let keys: Vec<String> = found.map(|r| r.map(|r| r.key.to_string())).collect::<Result<_, _>>()?;
//! assert_eq!(keys, ["kingston-upon-thames/2015-06-18/recommendations/4"]);
//! # Ok::<(), inspection_kb::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(missing_debug_implementations)]

#[cfg(feature = "cli")]
mod cli;
mod compare;
mod error;
mod ingest;
mod kb;
mod model;
mod query;
mod seeds;
mod store;
mod text;

#[cfg(feature = "cli")]
pub use cli::main as ikb_main;
pub use compare::{COMPARED_AREAS, Compared, Comparison, CouncilLatest, Latest};
pub use error::Error;
pub use ingest::IngestError;
#[cfg(feature = "pdf")]
pub use ingest::pdf_text;
pub use kb::Kb;
pub use model::{
    Area, Authority, Change, Date, Direction, Framework, Grade, Inspection, InspectionType, Key,
    Kind, ParseAreaError, ParseDateError, ParseGradeError, ParseKeyError, ParseSectionError,
    Position, Record, Refusal, Report, Score, Section, Warning,
};
pub use query::{
    Answer, Counts, FieldValue, KINDS, MAX_DEPTH, Query, QueryError, QueryErrorKind, Records, ast,
    parse_syntax,
};
pub use seeds::SEED_REPORTS;
pub use store::{Ingested, PrivateCopy, ReportWarning, Scope, Stats, StoreError};
pub use text::{contains_phrase, find_phrase, words};
