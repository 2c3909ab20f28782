//! A knowledge base the user cannot write (a read-only mount, a share of
//! another user's): sled writes on every open (a snapshot, its log), so it
//! cannot open such a folder at all. For questions, the folder is copied to
//! a private temporary folder and the copy opened in its place; the copy is
//! removed when the knowledge base is closed. It costs the time and space
//! of a copy of the whole folder (for the whole published record, some
//! 60 MB), once per process.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use super::StoreError;

/// A private copy of a knowledge base that could not be written, removed
/// when dropped.
#[derive(Debug)]
pub struct PrivateCopy {
    /// The knowledge base copied.
    pub of: PathBuf,
    /// Where the copy is.
    pub folder: PathBuf,
    /// Its size.
    pub bytes: u64,
    /// How long the copy took.
    pub took: Duration,
}

impl PrivateCopy {
    /// Copies `folder` to a new temporary folder of this process.
    pub(super) fn of(folder: &Path) -> Result<PrivateCopy, StoreError> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let started = Instant::now();
        sweep_abandoned_copies();
        // Not while a process writes it (sled holds its database file's
        // lock): a copy taken mid-write would read as damage.
        let database =
            std::fs::File::open(folder.join("db")).map_err(|source| StoreError::Engine {
                source: Box::new(source),
            })?;
        match database.try_lock_shared() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(StoreError::Locked {
                    path: folder.to_path_buf(),
                    waited: Duration::ZERO,
                });
            }
            Err(std::fs::TryLockError::Error(source)) => {
                return Err(StoreError::Engine {
                    source: Box::new(source),
                });
            }
        }
        let name = format!(
            "ikb-copy-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let copy = std::env::temp_dir().join(name);
        let bytes = copy_folder(folder, &copy).map_err(|source| {
            let _ = std::fs::remove_dir_all(&copy);
            StoreError::Engine {
                source: Box::new(source),
            }
        })?;
        drop(database);
        Ok(PrivateCopy {
            of: folder.to_path_buf(),
            folder: copy,
            bytes,
            took: started.elapsed(),
        })
    }
}

impl Drop for PrivateCopy {
    fn drop(&mut self) {
        // A copy left behind is only a temporary folder: nothing to report.
        let _ = std::fs::remove_dir_all(&self.folder);
    }
}

/// Removes the copies of processes that have ended without removing them
/// (a process that exits at once on a store error drops nothing). A
/// process is known to have ended where `/proc` says so; elsewhere nothing
/// is removed.
fn sweep_abandoned_copies() {
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|name| name.strip_prefix("ikb-copy-"))
            .and_then(|rest| rest.split('-').next())
        else {
            continue;
        };
        let ended = pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists();
        if ended {
            // Another sweeping process may remove it first: nothing to report.
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether an error of opening says the folder cannot be written.
pub(super) fn cannot_write(error: &StoreError) -> bool {
    let StoreError::Engine { source } = error else {
        return false;
    };
    source.downcast_ref::<std::io::Error>().is_some_and(|io| {
        matches!(
            io.kind(),
            std::io::ErrorKind::ReadOnlyFilesystem | std::io::ErrorKind::PermissionDenied
        )
    })
}

/// Copies a folder and all below it; returns the bytes copied.
fn copy_folder(from: &Path, to: &Path) -> std::io::Result<u64> {
    std::fs::create_dir_all(to)?;
    let mut bytes = 0;
    for entry in std::fs::read_dir(from)? {
        let path = entry?.path();
        let target = to.join(path.file_name().unwrap_or_default());
        bytes += if path.is_dir() {
            copy_folder(&path, &target)?
        } else {
            std::fs::copy(&path, &target)?
        };
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_removes_the_copies_of_ended_processes_and_its_own_when_dropped() {
        if !Path::new("/proc/self").exists() {
            eprintln!("skipped: no /proc to tell ended processes by");
            return;
        }
        // No process has the largest number a pid could be.
        let abandoned = std::env::temp_dir().join("ikb-copy-4294967295-0");
        std::fs::create_dir_all(&abandoned).unwrap();
        let folder = tempfile::tempdir().unwrap();
        std::fs::write(folder.path().join("db"), b"a database").unwrap();
        std::fs::write(folder.path().join("conf"), b"a configuration").unwrap();
        let copy = PrivateCopy::of(folder.path()).unwrap();
        assert!(!abandoned.exists());
        assert_eq!(copy.bytes, 25);
        assert_eq!(
            std::fs::read(copy.folder.join("db")).unwrap(),
            b"a database"
        );
        let at = copy.folder.clone();
        drop(copy);
        assert!(!at.exists());
    }
}
