//! The store's one error type: every way the knowledge base can fail,
//! sled's own errors kept as the source of `Engine`.

use std::path::{Path, PathBuf};

/// Why the knowledge base could not do what was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// No knowledge base is there to read: the folder does not exist, or
    /// is empty.
    #[error(
        "{}: no knowledge base there (the folder does not exist or is empty); ingest reports to make one",
        path.display()
    )]
    NoKnowledgeBase {
        /// The folder.
        path: PathBuf,
    },
    /// The folder exists but holds something other than a knowledge base.
    #[error("{}: not a knowledge base ({reason})", path.display())]
    NotAKnowledgeBase {
        /// The folder.
        path: PathBuf,
        /// What gave it away.
        reason: &'static str,
    },
    /// The knowledge base was written by a build with another layout.
    #[error("{}: knowledge base schema version {found}; this build reads version {supported}", path.display())]
    SchemaVersion {
        /// The folder.
        path: PathBuf,
        /// The version on disk.
        found: u32,
        /// The version this build reads.
        supported: u32,
    },
    /// The knowledge base cannot be written (a read-only file system, or
    /// files of another user): reports cannot be stored in it. Questions
    /// are answered from a private copy ([`Kb::open_existing`](crate::Kb::open_existing)).
    #[error(
        "{}: the knowledge base cannot be written here (a read-only file system, or files of another user): reports cannot be stored in it, though questions are answered from a copy",
        path.display()
    )]
    ReadOnly {
        /// The folder.
        path: PathBuf,
    },
    /// Another process has had the knowledge base open for as long as this
    /// one would wait for it.
    #[error(
        "{}: the knowledge base is in use by another process (waited {:.1} s for it)",
        path.display(),
        waited.as_secs_f64()
    )]
    Locked {
        /// The folder.
        path: PathBuf,
        /// How long this process waited.
        waited: std::time::Duration,
    },
    /// A stored key or value cannot be read: the database is damaged.
    #[error(
        "the knowledge base is damaged: {what}; ingesting the reports into a new folder rebuilds it"
    )]
    Corrupt {
        /// What could not be read.
        what: String,
    },
    /// A report whose records do not all belong to its inspection, or repeat a key.
    #[error("cannot store the report: {reason}")]
    InvalidReport {
        /// What is wrong with it.
        reason: String,
    },
    /// Writing to disk did not finish: sled waits forever on a write that
    /// failed, most often for want of space.
    #[error(
        "the knowledge base could not be written to disk: a flush did not finish in {seconds} s (is the disk full?)"
    )]
    Stalled {
        /// How long it was given.
        seconds: u64,
    },
    /// The storage engine failed (I/O error, disk full, ...).
    #[error("storage failed: {source}")]
    Engine {
        /// The engine's own error, kept for its details (the engine is not
        /// part of the crate's interface, so neither is its error's type).
        source: Box<dyn std::error::Error + Send + Sync>,
    },
}

impl From<sled::Error> for StoreError {
    fn from(error: sled::Error) -> StoreError {
        match error {
            // sled's message ends with an empty backtrace: said in words.
            sled::Error::Corruption { at: Some(at), .. } => StoreError::Corrupt {
                what: format!("the database's log cannot be read at {at:?}"),
            },
            sled::Error::Corruption { at: None, .. } => StoreError::Corrupt {
                what: "the database's log or snapshot cannot be read".into(),
            },
            // A file sled wrote and reads back (a value's blob) is gone.
            sled::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                StoreError::Corrupt {
                    what: "a file of the database is missing".into(),
                }
            }
            // The operating system's error itself, which says it plainly
            // ("No space left on device (os error 28)").
            sled::Error::Io(io) => StoreError::Engine {
                source: Box::new(io),
            },
            other => StoreError::Engine {
                source: Box::new(other),
            },
        }
    }
}

impl StoreError {
    /// The error with the part of the knowledge base it was met in named
    /// first, where it is damage ("the texts of slough/2023-02-03: ...").
    pub(super) fn in_part(self, part: impl FnOnce() -> String) -> StoreError {
        match self {
            StoreError::Corrupt { what } => StoreError::Corrupt {
                what: format!("{}: {what}", part()),
            },
            other => other,
        }
    }
}

/// Runs sled's work, a panic of sled's turned into damage: sled 0.34
/// panics on a page of its tree it cannot find (a file of the database
/// missing) where it would better return an error. The knowledge base is
/// not used again after such an error but to report it.
pub(super) fn guarded<T>(work: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err(StoreError::Corrupt {
            what: "a page of the database cannot be found (a file of the database is missing)"
                .into(),
        })
    })
}

/// sled's error on opening a folder: the lock another process holds is
/// `Locked`, the rest as any of its errors.
pub(super) fn open_error(path: &Path, error: sled::Error) -> StoreError {
    match &error {
        // sled reports the lock another process holds as an I/O error of kind
        // Other whose text says so; only the text tells it apart.
        sled::Error::Io(io)
            if io.kind() == std::io::ErrorKind::WouldBlock
                || io.to_string().starts_with("could not acquire lock") =>
        {
            StoreError::Locked {
                path: path.to_path_buf(),
                waited: std::time::Duration::ZERO,
            }
        }
        _ => StoreError::from(error),
    }
}
