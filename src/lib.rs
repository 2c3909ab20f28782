//! # inspection-kb
//!
//! An embedded knowledge base of the findings in Ofsted inspection reports on
//! local authority children's services. Report text (SIF 2013-2018, ILACS
//! 2018 on; reflowed or raw PDF extraction) becomes typed records, each citing
//! the authority, inspection, section and paragraph it came from.
//!
//! ```
//! use inspection_kb::{Area, Grade, Kind, ingest};
//!
//! let text = std::fs::read_to_string("seeds/kingston-upon-thames-2015-sif.txt")?;
//! let report = ingest::parse(&text)?;
//! assert_eq!(report.inspection.authority.name, "Kingston upon Thames");
//! assert_eq!(report.grade_of(Area::CareLeavers), Some(Grade::Good));
//!
//! let recommendation = report.paragraph(4).unwrap();
//! assert_eq!(recommendation.kind, Kind::Recommendation);
//! assert_eq!(recommendation.refs, [29, 48]);
//! assert_eq!(recommendation.key.to_string(), "kingston-upon-thames/2015-06-18/recommendations/4");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[cfg(feature = "cli")]
pub mod cli;
mod error;
pub mod ingest;
pub mod model;
pub mod query;
pub mod seeds;
pub mod store;
pub mod text;

pub use error::Error;
pub use ingest::IngestError;
pub use model::{
    Area, Authority, Date, Framework, Grade, Inspection, Key, Kind, Position, Record, Report,
    Section,
};
pub use query::{Query, QueryError};
pub use store::{Kb, StoreError};
