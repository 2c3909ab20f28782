//! What the integration tests share: the seed reports on disk.

// Each test binary compiles this module and uses a part of it.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The path of a file in `seeds/`.
pub fn seed_path(file: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("seeds")
        .join(file)
}

/// The text of a seed report.
pub fn seed_text(file: &str) -> String {
    std::fs::read_to_string(seed_path(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// `text` without the one line that starts with `starting`.
pub fn without_line(text: &str, starting: &str) -> String {
    let lines: Vec<&str> = text
        .lines()
        .filter(|line| !line.starts_with(starting))
        .collect();
    assert_eq!(
        lines.len() + 1,
        text.lines().count(),
        "exactly one line starts `{starting}`"
    );
    lines.join("\n")
}

/// `ikb --db DB repl` with its history in `history`, input and output piped.
pub fn repl(db: &Path, history: &Path) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_ikb"));
    command
        .arg("--db")
        .arg(db)
        .arg("repl")
        .env("IKB_HISTORY", history)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped());
    command
}
