//! What an interrupted write leaves in a knowledge base's folder, cleared
//! before sled opens it, so that a knowledge base that holds its data opens.
//!
//! sled 0.34.7 writes each new snapshot to `snap.<lsn>.generating`, then
//! renames it to `snap.<lsn>`; a write that fails (a full disk) leaves the
//! `.generating` file, which sled's next open takes for the newest
//! snapshot, and every later open fails as corrupt though the data is
//! whole (sled issue 1527). A `.generating` file is never a snapshot sled
//! finished: removing it loses nothing, and sled writes a new snapshot from
//! its log.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

/// Removes the leftovers of interrupted snapshot writes from the folder of
/// a knowledge base no process has open; returns the files removed. Where
/// another process has it open (it holds the database file's lock), its
/// snapshot may be in the writing: nothing is touched.
pub(super) fn clear_interrupted_writes(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let Ok(database) = File::open(folder.join("db")) else {
        // No database yet: nothing was written, nothing was interrupted.
        return Ok(Vec::new());
    };
    // sled locks its database file (flock) while a process has it open.
    match database.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => return Ok(Vec::new()),
        Err(TryLockError::Error(error)) => return Err(error),
    }
    let mut removed = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|name| name.to_str())
            .unwrap_or("");
        if name.starts_with("snap.") && name.ends_with(".generating") {
            std::fs::remove_file(&path)?;
            removed.push(path);
        }
    }
    // The lock goes with the file, before sled takes it.
    drop(database);
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;

    #[test]
    fn a_failed_snapshots_leftover_is_removed_and_the_data_opens() {
        let folder = tempfile::tempdir().unwrap();
        let store = Store::open(folder.path()).unwrap();
        let report =
            crate::Report::parse(include_str!("../../seeds/slough-2023-ilacs.txt")).unwrap();
        store.ingest(&report).unwrap();
        store.flush().unwrap();
        drop(store);
        // What a snapshot write cut short by a full disk leaves: an empty
        // file named after a later position of the log than any snapshot.
        let leftover = folder.path().join("snap.00000000FFFFFFFF.generating");
        File::create(&leftover).unwrap();
        let store = crate::store::open_when_let_go(folder.path()).unwrap();
        assert_eq!(store.stats().unwrap().inspections, 1);
        store.verify().unwrap();
        assert!(!leftover.exists());
    }

    #[test]
    fn nothing_is_touched_while_another_handle_holds_the_lock() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("db"), b"").unwrap();
        let holder = File::open(folder.path().join("db")).unwrap();
        holder.lock().unwrap();
        let writing = folder.path().join("snap.0000000000000001.generating");
        File::create(&writing).unwrap();
        assert_eq!(
            clear_interrupted_writes(folder.path()).unwrap(),
            Vec::<PathBuf>::new()
        );
        assert!(writing.exists());
    }
}
