//! How far the knowledge base had been written when it was last flushed,
//! kept outside sled, so that a `db` file cut short (or put back from an
//! older copy) is told from the knowledge base as it was.
//!
//! sled reads a log cut short as a crash at the cut: it opens consistent
//! but earlier, and nothing in it says that later reports were lost. So
//! every write batch also counts itself (the `writes` key, in the same
//! batch), and every flush, once sled says the batches are on disk, writes
//! that count to the file `flushed` beside sled's. Opening then refuses a
//! database that holds fewer writes than the file says were flushed.
//!
//! No crash makes the mark false: it is written after the flush returns,
//! to a file of its own renamed into place, so a crash leaves the mark of
//! the flush before (behind the database, never ahead of it). A mark that
//! cannot be written or read is the same: behind, so nothing is refused.

use std::path::Path;

use super::{Store, StoreError, WRITES};
use crate::store::error::guarded;

/// The mark's file, in the knowledge base's folder.
const FILE: &str = "flushed";

impl Store {
    /// How many write batches the database holds.
    pub(super) fn writes(&self) -> Result<u64, StoreError> {
        let Some(bytes) = guarded(|| Ok(self.tree.get([WRITES])?))? else {
            return Ok(0);
        };
        <[u8; 8]>::try_from(bytes.as_ref())
            .map(u64::from_be_bytes)
            .map_err(|_| StoreError::Corrupt {
                what: "the count of writes".into(),
            })
    }

    /// Marks `writes` as flushed: the count the database held when a
    /// flush that has returned began (a batch applied since may not be on
    /// disk yet). A mark that cannot be written is left as it was: behind
    /// the database, which refuses nothing.
    pub(super) fn mark_flushed(&self, writes: u64) {
        if let Some(folder) = &self.folder {
            let _ = write(folder, writes);
        }
    }

    /// Refuses a database that holds fewer writes than were flushed.
    pub(super) fn check_flushed(&self) -> Result<(), StoreError> {
        let Some(flushed) = self.folder.as_deref().and_then(read) else {
            return Ok(());
        };
        let writes = self.writes()?;
        if writes < flushed {
            return Err(StoreError::Corrupt {
                what: format!(
                    "the database has {writes} of the {flushed} writes flushed to it: its file `db` was cut short or put back from an older copy, and the reports written since are not in it"
                ),
            });
        }
        Ok(())
    }
}

fn read(folder: &Path) -> Option<u64> {
    std::fs::read_to_string(folder.join(FILE))
        .ok()?
        .trim()
        .parse()
        .ok()
}

fn write(folder: &Path, writes: u64) -> std::io::Result<()> {
    let written = folder.join(format!("{FILE}.new"));
    let mut file = std::fs::File::create(&written)?;
    std::io::Write::write_all(&mut file, format!("{writes}\n").as_bytes())?;
    file.sync_all()?;
    std::fs::rename(written, folder.join(FILE))
}
