//! Every example program, run as a real process, and its output checked.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The example binary, built beside the test binaries. `cargo test` builds
/// every example; building it here too keeps `cargo test --test examples`
/// working on its own (and costs nothing when it is up to date).
fn example(name: &str) -> PathBuf {
    let profile: &[&str] = if cfg!(debug_assertions) {
        &[]
    } else {
        &["--release"]
    };
    let status = Command::new(env!("CARGO"))
        .args(["build", "--quiet", "--example", name])
        .args(profile)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert!(status.success(), "cannot build example {name}");
    let test_binary = std::env::current_exe().unwrap();
    let profile_dir = test_binary.parent().and_then(Path::parent).unwrap();
    profile_dir.join("examples").join(name)
}

fn run(name: &str, args: &[&Path]) -> Output {
    Command::new(example(name))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run example {name}: {e}"))
}

#[test]
fn summary_reads_every_seed() {
    let output = run("summary", &[]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 8, "{stdout}");
    assert_eq!(lines[7], "reports read: 7, refused: 0");
    let kingston = lines
        .iter()
        .find(|l| l.starts_with("Kingston upon Thames SIF"))
        .unwrap();
    assert!(kingston.starts_with(
        "Kingston upon Thames SIF 2015-05-22 to 2015-06-18 published 2015-08-03 | overall=good,"
    ));
    // Counted in the seed: 130 numbered findings, 56 unnumbered paragraphs and
    // 21 context bullets (the sub-bullet in lower case after a page break joins its list).
    assert!(
        kingston.ends_with("| reports=1 judgements=7 recommendations=16 findings=186 facts=21"),
        "{kingston}"
    );
    let north = lines
        .iter()
        .find(|l| l.starts_with("North Northamptonshire ILACS"))
        .unwrap();
    assert!(
        !north.contains("overall="),
        "no overall grade after 1 April 2026: {north}"
    );
}

#[test]
fn summary_names_a_refused_file_and_exits_1() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/slough-2023-ilacs.txt"),
        folder.path().join("slough.txt"),
    )
    .unwrap();
    std::fs::write(
        folder.path().join("notes.txt"),
        "Meeting notes, not a report.\n",
    )
    .unwrap();
    let output = run("summary", &[folder.path()]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout.starts_with("Slough ILACS 2023-01-23 to 2023-02-03"),
        "{stdout}"
    );
    assert!(
        stdout.ends_with("reports read: 1, refused: 1\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains("notes.txt: not an inspection report"),
        "{stderr}"
    );
}

#[test]
fn query_answers_from_the_seed_knowledge_base() {
    let output = Command::new(example("query"))
        .arg("judgement where area = 'care leavers'")
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    // One care leavers judgement per seed inspection, the ILACS combined ones included.
    assert_eq!(lines.len(), 8, "{stdout}");
    assert_eq!(
        lines[0],
        "bradford/2022-12-02/judgements/#3 inadequate: The experiences and progress of children in care and care leavers"
    );
    assert_eq!(
        lines[6],
        "slough/2023-02-03/judgements/#4 requires improvement: The experiences and progress of care leavers"
    );
    assert_eq!(lines[7], "(7 records)");
}

#[test]
fn query_counts_groups_and_refuses_bad_queries_with_exit_2() {
    let output = Command::new(example("query"))
        .arg("count judgement group by grade")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        stdout,
        "grade=inadequate count=11\ngrade=requires improvement count=5\ngrade=good count=17\ngrade=outstanding count=5\n"
    );
    let output = Command::new(example("query"))
        .arg("judgement where area =")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "judgement where area =\n                      ^ expected a value after `=`\n"
    );
}
