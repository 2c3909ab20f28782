//! # inspection-kb
//!
//! An embedded knowledge base of the findings in Ofsted inspection reports on
//! local authority children's services. Report text (SIF 2013-2018, ILACS
//! 2018 on; reflowed or raw PDF extraction) becomes typed records, each citing
//! the authority, inspection, section and paragraph it came from; a sled
//! knowledge base stores and indexes them; a small query language answers
//! questions about them.
//!
//! The pipeline, one module per stage: [`ingest`] (text -> [`Report`]) ->
//! `model` (the records: [`Record`], [`Area`], [`Grade`], ..., re-exported
//! here) -> `store` (sled, private; the catalogue of every field but the
//! text, and the terms) <- [`query`] (parse, plan, execute). [`Kb`] is the entry point where they meet: open, ingest,
//! query. [`text`] is the one tokenizer behind the terms and `contains`;
//! [`seeds`] holds the seven seed reports; `cli` is the `ikb` command
//! (feature `cli`). ARCHITECTURE.md draws the whole.
//!
//! ```
//! use inspection_kb::query::Answer;
//! use inspection_kb::{Area, Grade, Kb, Kind, ingest};
//!
//! // Read one report.
//! let report = ingest::parse_file("seeds/kingston-upon-thames-2015-sif.txt")?;
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
pub mod cli;
mod error;
pub mod ingest;
mod kb;
mod model;
pub mod query;
pub mod seeds;
mod store;
pub mod text;

pub use error::Error;
pub use ingest::IngestError;
pub use kb::Kb;
pub use model::{
    Area, Authority, Change, Date, Direction, Framework, Grade, Inspection, InspectionType, Key,
    Kind, ParseAreaError, ParseDateError, ParseGradeError, ParseKeyError, ParseSectionError,
    Position, Record, Report, Score, Section, Warning,
};
pub use query::{Query, QueryError, QueryErrorKind};
pub use store::{Ingested, ReportWarning, Scope, Stats, StoreError};
