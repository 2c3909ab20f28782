//! Reliability: ingest killed at random moments, a database in use by
//! another process, damaged databases. Real processes, real files.

mod common;
use common::{copy_folder, many_reports, seed_text};

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use inspection_kb::{Kb, Scope};
use inspection_kb::{Report, StoreError};

/// A small deterministic sequence of pauses.
fn pauses() -> impl Iterator<Item = Duration> {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    std::iter::from_fn(move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        Some(Duration::from_millis(20 + state % 400))
    })
}

#[test]
fn ingest_killed_at_random_moments_never_half_stores_a_report() {
    let folder = tempfile::tempdir().unwrap();
    let reports = folder.path().join("reports");
    std::fs::create_dir(&reports).unwrap();
    let files = many_reports(&reports);
    let db = folder.path().join("kb");
    let started = Instant::now();
    let mut kills = 0;
    // Kills after which some inspections were stored and others not: proof
    // that kills landed in the middle of an ingest.
    let mut partial = 0;
    // Reports that `ikb ingest` said it stored before it was killed.
    let mut reported_before_kill = 0;
    for pause in pauses() {
        // Twenty kills at least, and on until one has landed mid-ingest
        // (for a minute at most): how much of a run is writing varies with
        // the machine and its load.
        if kills >= 20 && (partial > 0 || started.elapsed() > Duration::from_secs(60)) {
            break;
        }
        let mut child = Command::new(env!("CARGO_BIN_EXE_ikb"))
            .arg("--db")
            .arg(&db)
            .arg("ingest")
            .arg(&reports)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(pause);
        // SIGKILL on Unix: no chance to flush or clean up.
        child.kill().unwrap();
        let reported =
            String::from_utf8_lossy(&child.wait_with_output().unwrap().stdout).into_owned();
        kills += 1;
        reported_before_kill += reported.lines().count();
        let kb = Kb::open(&db).unwrap_or_else(|e| panic!("after kill {kills}: {e}"));
        kb.verify()
            .unwrap_or_else(|e| panic!("after kill {kills}: {e}"));
        let stored_inspections = kb.stats().unwrap().inspections;
        if stored_inspections > 0 && stored_inspections < files.len() as u64 {
            partial += 1;
        }
        for file in &files {
            let stored = kb
                .scan(&Scope::Inspection(file.authority.clone(), file.inspection))
                .count();
            let expected = file.records;
            // What `ikb ingest` reported stored is stored.
            let was_reported = reported
                .lines()
                .any(|line| line.ends_with(&format!("{})", file.file)));
            assert!(
                !was_reported || stored == expected,
                "after kill {kills}: {} was reported but lost",
                file.file
            );
            assert!(
                stored == 0 || stored == expected,
                "after kill {kills}: {} {} has {stored} of {expected} records",
                file.authority,
                file.inspection
            );
        }
        // A kill after a whole ingest leaves nothing to interrupt but a
        // re-ingest: start afresh, so that later kills can land mid-way
        // however fast ingest is on this machine.
        if stored_inspections == files.len() as u64 {
            drop(kb);
            std::fs::remove_dir_all(&db).unwrap();
        }
    }
    assert!(kills >= 20);
    assert!(partial > 0, "no kill landed in the middle of an ingest");
    assert!(
        reported_before_kill > 0,
        "no report was reported stored before a kill"
    );
    // Running the ingest again completes it.
    let status = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(&reports)
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let kb = Kb::open(&db).unwrap();
    kb.verify().unwrap();
    assert_eq!(kb.stats().unwrap().inspections, files.len() as u64);
    let records: usize = files.iter().map(|f| f.records).sum();
    assert_eq!(kb.stats().unwrap().records, records as u64);
}

#[test]
fn a_second_process_is_told_the_folder_is_in_use() {
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("kb");
    // `ingest` makes the knowledge base (a process that has exited holds
    // no lock); a REPL then holds it open until its input closes.
    let made = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .arg("--db")
        .arg(&db)
        .arg("ingest")
        .arg(common::seed_path("leeds-2015-sif.txt"))
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    // The REPL holds the knowledge base open until its input
    // closes. Its answer to `.help` shows it has opened the knowledge base:
    // only then is the second process started, so that the two never race
    // for it. (Opening it here first raced too: sled lets go of its lock a
    // moment after the last handle drops, and under load the REPL found the
    // folder still locked.)
    let mut holder = common::repl(&db, &folder.path().join("history"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = holder.stdin.take().unwrap();
    input.write_all(b".help\n").unwrap();
    input.flush().unwrap();
    let mut first_line = String::new();
    // The reader lives to the end: were its pipe closed, the REPL's next
    // prompt would fail to write and end it, releasing the knowledge base.
    let mut answers = BufReader::new(holder.stdout.take().unwrap());
    answers.read_line(&mut first_line).unwrap();
    if !first_line.starts_with("Type a query") {
        let mut errors = String::new();
        holder.wait().unwrap();
        let _ = holder.stderr.take().unwrap().read_to_string(&mut errors);
        panic!("the REPL answered {first_line:?}; it said {errors:?}");
    }
    // A question waits for it as long as it is told to (here, not at all).
    let output = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .arg("--db")
        .arg(&db)
        .args(["--wait", "0", "stats"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        format!(
            "error: {}: the knowledge base is in use by another process (waited 0.0 s for it)\n",
            db.display()
        )
    );
    // In the library, the same is a StoreError, after the wait asked for.
    let started = Instant::now();
    let waited = Kb::open_waiting(&db, Duration::from_millis(300));
    assert!(matches!(waited, Err(StoreError::Locked { .. })));
    assert!(started.elapsed() >= Duration::from_millis(300));
    drop(input);
    holder.wait().unwrap();
    drop(answers);
}

/// A way to damage a database folder.
type Damage = Box<dyn Fn(&Path)>;

/// Copies of a knowledge base, each damaged another way.
#[test]
fn damaged_databases_are_errors_not_panics() {
    let folder = tempfile::tempdir().unwrap();
    let original = folder.path().join("kb");
    {
        let kb = Kb::open(&original).unwrap();
        kb.ingest(&Report::parse(&seed_text("slough-2023-ilacs.txt")).unwrap())
            .unwrap();
        kb.flush().unwrap();
    }
    let db_len = std::fs::metadata(original.join("db")).unwrap().len();
    let damages: Vec<(String, Damage)> = vec![
        (
            "db truncated to 0".into(),
            Box::new(|p: &Path| truncate(&p.join("db"), 0)),
        ),
        (
            "db truncated to 100".into(),
            Box::new(|p: &Path| truncate(&p.join("db"), 100)),
        ),
        (
            "db cut in half".into(),
            Box::new(move |p: &Path| truncate(&p.join("db"), db_len / 2)),
        ),
        (
            "db start overwritten".into(),
            Box::new(|p: &Path| overwrite(&p.join("db"), 0, 4096)),
        ),
        (
            "db middle overwritten".into(),
            Box::new(move |p: &Path| overwrite(&p.join("db"), db_len / 2, 512)),
        ),
        (
            "conf overwritten".into(),
            Box::new(|p: &Path| std::fs::write(p.join("conf"), b"\xff\xfe garbage").unwrap()),
        ),
        (
            "conf removed".into(),
            Box::new(|p: &Path| std::fs::remove_file(p.join("conf")).unwrap()),
        ),
        (
            "snapshots truncated".into(),
            Box::new(|p: &Path| {
                for entry in std::fs::read_dir(p).unwrap() {
                    let path = entry.unwrap().path();
                    if path
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with("snap")
                    {
                        truncate(&path, 7);
                    }
                }
            }),
        ),
    ];
    for (name, damage) in damages {
        let copy = folder.path().join(name.replace(' ', "-"));
        copy_folder(&original, &copy);
        damage(&copy);
        // Opening and reading either works or fails with a StoreError; nothing panics.
        if let Ok(kb) = Kb::open(&copy) {
            let _ = kb.stats();
            let _ = kb.verify();
            for record in kb.scan(&Scope::All) {
                let _ = record;
            }
        }
    }
}

/// A `db` cut short, or put back from an older copy, opens as sled finds
/// it: consistent, but without the reports written after. The mark a
/// flush leaves beside it tells the two apart: such a knowledge base is
/// refused, never answered from as though it were whole.
#[test]
fn a_database_behind_its_last_flush_is_refused() {
    let folder = tempfile::tempdir().unwrap();
    let kb_folder = folder.path().join("kb");
    let older = folder.path().join("older");
    let db_len;
    {
        let kb = Kb::open(&kb_folder).unwrap();
        kb.ingest(&Report::parse(&seed_text("slough-2023-ilacs.txt")).unwrap())
            .unwrap();
        kb.flush().unwrap();
        db_len = std::fs::metadata(kb_folder.join("db")).unwrap().len();
        copy_folder(&kb_folder, &older);
        kb.ingest(&Report::parse(&seed_text("leeds-2015-sif.txt")).unwrap())
            .unwrap();
        kb.flush().unwrap();
    }
    std::thread::sleep(Duration::from_millis(300));
    // Whole, it opens with both reports.
    assert_eq!(
        Kb::open(&kb_folder).unwrap().stats().unwrap().inspections,
        2
    );
    std::thread::sleep(Duration::from_millis(300));
    // The older database under the newer mark: refused, saying why.
    std::fs::copy(kb_folder.join("flushed"), older.join("flushed")).unwrap();
    let refused = Kb::open(&older).expect_err("refused").to_string();
    assert!(
        refused.contains("the database has 1 of the 2 writes flushed to it"),
        "{refused}"
    );
    // Cut back to its length after the first flush: refused or damaged,
    // never one report where two were flushed.
    truncate(&kb_folder.join("db"), db_len);
    match Kb::open(&kb_folder) {
        Ok(kb) => panic!(
            "opened with {} inspections",
            kb.stats().unwrap().inspections
        ),
        Err(error) => assert!(matches!(error, StoreError::Corrupt { .. }), "{error}"),
    }
}

fn truncate(path: &Path, len: u64) {
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .unwrap()
        .set_len(len)
        .unwrap();
}

fn overwrite(path: &Path, at: u64, len: usize) {
    use std::io::{Seek, SeekFrom, Write};
    let mut file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    file.seek(SeekFrom::Start(at)).unwrap();
    file.write_all(&vec![0xA5; len]).unwrap();
}

#[test]
fn questions_asked_at_once_all_answer() {
    // Each holds the knowledge base a moment; the others wait for it, as
    // SQLite's busy timeout has them do. Before, one of two started
    // together was refused as "in use" (20 of 20 pairs).
    let folder = tempfile::tempdir().unwrap();
    let db = folder.path().join("kb");
    {
        let kb = Kb::open(&db).unwrap();
        kb.ingest(&Report::parse(&seed_text("slough-2023-ilacs.txt")).unwrap())
            .unwrap();
        kb.flush().unwrap();
    }
    let question = || {
        Command::new(env!("CARGO_BIN_EXE_ikb"))
            .arg("--db")
            .arg(&db)
            .args(["query", "--format", "csv", "count judgement"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let asked: Vec<_> = (0..4).map(|_| question()).collect();
    for child in asked {
        let output = child.wait_with_output().unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        // Slough 2023 grades five areas (seeds/EXPECTED.json).
        assert_eq!(String::from_utf8_lossy(&output.stdout), "count\n5\n");
    }
}
