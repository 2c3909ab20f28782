//! A store that fails safe, under real faults: a real full filesystem (a
//! tmpfs, which needs root: skipped with a message where it cannot be
//! mounted), real deletion of the store's files. Real `ikb` processes.

mod common;
use common::{copy_folder, many_reports, seed_path};

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

/// A tmpfs of its own, unmounted when dropped.
struct Mount {
    at: PathBuf,
}

impl Mount {
    /// A tmpfs of `size` (as `mount` takes it: "1m") under a new temporary
    /// folder; `None`, said on stderr, where mounting is not allowed.
    fn tmpfs(parent: &Path, size: &str) -> Option<Mount> {
        let at = parent.join("mounted");
        std::fs::create_dir_all(&at).unwrap();
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&at)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|status| status.success());
        if !mounted {
            eprintln!("skipped: cannot mount a tmpfs here (needs root)");
            return None;
        }
        Some(Mount { at })
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.at).status();
    }
}

/// Runs `ikb` to its end or `patience`, whichever comes first; `None` if it
/// was still running (it is then left to end with the test process).
fn ikb_within(db: &Path, args: &[&str], patience: Duration) -> Option<Output> {
    let child = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("IKB_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read as it runs, on a thread of its own: an answer larger than a
    // pipe holds would otherwise stop it.
    let (done, finished) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    finished.recv_timeout(patience).ok().map(Result::unwrap)
}

/// A knowledge base at `db` of the seven seed reports, made by `ikb`.
fn ingest_the_seeds(db: &Path) {
    let ingested = ikb_within(
        db,
        &["ingest", seed_path("").to_str().unwrap()],
        Duration::from_secs(120),
    )
    .unwrap();
    assert!(ingested.status.success(), "{}", stderr(&ingested));
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn a_disk_that_fills_during_ingest_ends_it_with_what_was_stored() {
    let folder = tempfile::tempdir().unwrap();
    let reports = folder.path().join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let written = many_reports(&reports);
    let Some(disk) = Mount::tmpfs(folder.path(), "1m") else {
        return;
    };
    let db = disk.at.join("kb");
    // sled waits forever on a flush whose write failed: before, the
    // process hung, silent, in most runs.
    let output = ikb_within(
        &db,
        &["ingest", reports.to_str().unwrap()],
        Duration::from_secs(90),
    )
    .expect("ingest on a full disk ends");
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    let stored = String::from_utf8_lossy(&output.stdout).lines().count();
    assert!(
        stored < written.len(),
        "a megabyte held every report: {said}"
    );
    assert!(said.contains("not stored: "), "{said}");
    // The summary counts what was stored, one line of stdout each.
    assert!(
        said.contains(&format!("ingested {stored} of {} files in ", written.len())),
        "{said}"
    );
    let last = said.lines().last().unwrap_or("");
    assert!(
        last.contains("a flush did not finish") || last.contains("No space left on device"),
        "{said}"
    );
    // Moved to a disk with room, the knowledge base opens whole, with
    // every report ingest said it stored.
    let roomy = folder.path().join("copy");
    copy_folder(&db, &roomy);
    drop(disk);
    let verified = ikb_within(&roomy, &["verify"], Duration::from_secs(60)).unwrap();
    assert!(verified.status.success(), "{}", stderr(&verified));
    let stats = ikb_within(
        &roomy,
        &["stats", "--format", "json"],
        Duration::from_secs(60),
    )
    .unwrap();
    let stats: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert!(
        stats["inspections"].as_u64().unwrap() >= stored as u64,
        "{stats}"
    );
}

#[test]
fn a_missing_file_of_the_store_is_named_as_damage() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("kb");
    ingest_the_seeds(&db);
    // Every value is small: none is a file of its own (sled writes a value
    // over about 128 KiB to `blobs/`, and reads it whole for any record).
    let blobs = std::fs::read_dir(db.join("blobs")).unwrap().count();
    assert_eq!(blobs, 0, "no value is a file of its own");
    let whole = ikb_within(
        &db,
        &["query", "--format", "csv", "count any"],
        Duration::from_secs(60),
    )
    .unwrap();
    assert!(whole.status.success(), "{}", stderr(&whole));
    // Listed after that open: an open writes a new snapshot.
    let files: Vec<PathBuf> = std::fs::read_dir(&db)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .collect();
    let mut damaged = 0;
    for (i, file) in files.iter().enumerate() {
        let copy = folder.path().join(format!("copy-{i}"));
        copy_folder(&db, &copy);
        std::fs::remove_file(copy.join(file.file_name().unwrap())).unwrap();
        let questions = [
            &["verify"][..],
            &["query", "--format", "jsonl", "any"],
            &["query", "--format", "csv", "count any"],
        ];
        for args in questions {
            let output = ikb_within(&copy, args, Duration::from_secs(60)).unwrap();
            if output.status.success() {
                // A file sled can do without (its snapshot, rebuilt from the
                // log): the answer is whole, never fewer records without a word.
                if args.last() == Some(&"count any") {
                    assert_eq!(output.stdout, whole.stdout, "without {}", file.display());
                }
                continue;
            }
            let said = stderr(&output);
            assert!(
                said.starts_with("error: the knowledge base is damaged: ")
                    && said.contains("rebuilds it"),
                "{args:?} without {}: {:?} {said}",
                file.display(),
                output.status
            );
            damaged += 1;
        }
    }
    assert!(damaged > 0, "no file's loss was noticed");
}

#[test]
fn a_knowledge_base_on_a_read_only_mount_answers_and_refuses_ingest() {
    let folder = tempfile::tempdir().unwrap();
    let Some(disk) = Mount::tmpfs(folder.path(), "20m") else {
        return;
    };
    let db = disk.at.join("kb");
    ingest_the_seeds(&db);
    let read_only = Command::new("mount")
        .args(["-o", "remount,ro"])
        .arg(&disk.at)
        .status()
        .unwrap();
    assert!(read_only.success());
    // Before: "Read-only file system", for every command.
    let answered = ikb_within(
        &db,
        &["query", "--format", "csv", "count judgement"],
        Duration::from_secs(60),
    )
    .unwrap();
    assert!(answered.status.success(), "{}", stderr(&answered));
    // The seven seeds grade 38 judgements (see tests/query.rs).
    assert_eq!(String::from_utf8_lossy(&answered.stdout), "count\n38\n");
    assert!(
        stderr(&answered).starts_with(&format!(
            "note: {} cannot be written: answering from a private copy (",
            db.display()
        )),
        "{}",
        stderr(&answered)
    );
    let refused = ikb_within(
        &db,
        &["ingest", seed_path("leeds-2015-sif.txt").to_str().unwrap()],
        Duration::from_secs(60),
    )
    .unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("the knowledge base cannot be written here"),
        "{}",
        stderr(&refused)
    );
}
