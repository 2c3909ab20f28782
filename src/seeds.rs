//! The seed reports, compiled in, so that a knowledge base of real reports
//! can be built from any folder: the default of the `ikb` command and of
//! the query example.

use crate::error::Error;
use crate::ingest::{self, IngestError};
use crate::kb::Kb;

/// The seed reports: file name and text.
pub const REPORTS: [(&str, &str); 7] = [
    (
        "bradford-2023-ilacs.txt",
        include_str!("../seeds/bradford-2023-ilacs.txt"),
    ),
    (
        "kingston-upon-thames-2015-sif.txt",
        include_str!("../seeds/kingston-upon-thames-2015-sif.txt"),
    ),
    (
        "kingston-upon-thames-2019-ilacs.txt",
        include_str!("../seeds/kingston-upon-thames-2019-ilacs.txt"),
    ),
    (
        "leeds-2015-sif.txt",
        include_str!("../seeds/leeds-2015-sif.txt"),
    ),
    (
        "north-northamptonshire-2026-ilacs.txt",
        include_str!("../seeds/north-northamptonshire-2026-ilacs.txt"),
    ),
    (
        "rotherham-2014-sif.txt",
        include_str!("../seeds/rotherham-2014-sif.txt"),
    ),
    (
        "slough-2023-ilacs.txt",
        include_str!("../seeds/slough-2023-ilacs.txt"),
    ),
];

/// A temporary knowledge base of the seed reports.
///
/// ```
/// let kb = inspection_kb::seeds::knowledge_base()?;
/// assert_eq!(kb.stats()?.inspections, 7);
/// # Ok::<(), inspection_kb::Error>(())
/// ```
pub fn knowledge_base() -> Result<Kb, Error> {
    let kb = Kb::temporary()?;
    for (name, text) in REPORTS {
        let report = ingest::parse(text).map_err(|source| IngestError::File {
            path: name.into(),
            source: Box::new(source),
        })?;
        kb.ingest(&report)?;
    }
    Ok(kb)
}
