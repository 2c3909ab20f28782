//! What the integration tests share: the seed reports on disk.

// Each test binary compiles this module and uses a part of it.
#![allow(dead_code)]

pub mod cli;
pub mod seeded;

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

/// One report file of the test and what it holds.
pub struct Written {
    pub file: String,
    pub authority: String,
    pub inspection: inspection_kb::Date,
    pub records: usize,
}

/// Distinct inspections made from two seeds by moving their last day.
pub fn many_reports(folder: &Path) -> Vec<Written> {
    let slough = seed_text("slough-2023-ilacs.txt");
    let kingston = seed_text("kingston-upon-thames-2015-sif.txt");
    let mut files = Vec::new();
    for day in 1..=14 {
        for (name, text, from, to) in [
            (
                "slough",
                &slough,
                "to 3 February 2023",
                format!("to {day} February 2023"),
            ),
            (
                "kingston",
                &kingston,
                "\u{2013} 18 June 2015",
                format!("\u{2013} {} June 2015", day + 10),
            ),
        ] {
            let text = text.replacen(from, &to, 1);
            let file = format!("{name}-{day:02}.txt");
            std::fs::write(folder.join(&file), &text).unwrap();
            let report = inspection_kb::Report::parse(&text).unwrap();
            files.push(Written {
                file,
                authority: report.inspection.authority.name.clone(),
                inspection: report.inspection.id(),
                records: report.records.len(),
            });
        }
    }
    files
}

/// A copy of a folder and all below it.
pub fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The first line a child writes to its piped standard output (taken from
/// it), newline included; empty where it wrote nothing.
pub fn first_line(child: &mut std::process::Child) -> String {
    use std::io::{BufRead, BufReader};
    let mut first = String::new();
    let stdout = child.stdout.take().expect("the child's stdout is piped");
    BufReader::new(stdout).read_line(&mut first).unwrap();
    first
}
