//! The real `ikb` binary run as a process, for the tests of its commands
//! (`cli.rs`) and of its output formats (`formats.rs`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `ikb` run with `args`, on the knowledge base `db` (none: no `--db`, and
/// no `$IKB_DB`), in the temporary folder.
pub fn ikb(db: Option<&Path>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ikb"));
    command
        .args(args)
        .env_remove("IKB_DB")
        .current_dir(std::env::temp_dir());
    if let Some(db) = db {
        command.arg("--db").arg(db);
    }
    command.output().unwrap()
}

/// What a finished process wrote to its standard output.
pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// What a finished process wrote to its standard error.
pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

/// What every command without a knowledge base says first.
pub const SEEDS_NOTE: &str = "note: no --db and no $IKB_DB: answering from the 7 seed reports built into ikb, not the published record\n";

/// A knowledge base of Leeds 2015 and Slough 2023, ingested by `ikb`.
pub fn leeds_and_slough(folder: &Path) -> PathBuf {
    let reports = folder.join("reports");
    std::fs::create_dir_all(reports.join("nested")).unwrap();
    std::fs::copy(
        super::seed_path("slough-2023-ilacs.txt"),
        reports.join("slough.txt"),
    )
    .unwrap();
    std::fs::copy(
        super::seed_path("leeds-2015-sif.txt"),
        reports.join("nested/leeds.txt"),
    )
    .unwrap();
    let db = folder.join("kb");
    let output = ikb(Some(&db), &["ingest", reports.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    db
}
