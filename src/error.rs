//! The crate's umbrella error.

use crate::ingest::IngestError;
use crate::query::QueryError;
use crate::store::StoreError;

/// Any error of the crate: each layer's error, joined.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A report was refused.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// A query was refused.
    #[error(transparent)]
    Query(#[from] QueryError),
    /// The knowledge base failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An answer could not be written out.
    #[error("cannot write the answer: {0}")]
    Output(#[from] std::io::Error),
}
