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
    // Counted in the seed: 130 numbered findings, 59 unnumbered paragraphs
    // (the inspection team's five roster lines among them) and 21 context
    // bullets (the sub-bullet in lower case after a page break joins its list).
    assert!(
        kingston.ends_with("| reports=1 judgements=7 recommendations=16 findings=189 facts=21"),
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
        "Bradford 2022-12-02: inadequate: The experiences and progress of children in care and care leavers [bradford/2022-12-02/judgements/#3]"
    );
    assert_eq!(
        lines[6],
        "Slough 2023-02-03: requires improvement: The experiences and progress of care leavers [slough/2023-02-03/judgements/#4]"
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

fn run_example(name: &str) -> String {
    let output = Command::new(example(name))
        .current_dir(std::env::temp_dir())
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        output.status.success(),
        "{name}: {stdout}{}",
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

#[test]
fn embed_stores_the_seeds_and_lists_inadequate_judgements_newest_first() {
    let stdout = run_example("embed");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.iter().filter(|l| l.starts_with("stored ")).count(),
        7,
        "{stdout}"
    );
    // Slough 2023 leadership, Bradford's four, Rotherham's six (all but adoption).
    let inadequate: Vec<&str> = lines
        .iter()
        .filter(|l| l.contains(": inadequate ("))
        .copied()
        .collect();
    assert_eq!(inadequate.len(), 11, "{stdout}");
    assert!(inadequate[0].starts_with("Slough 2023-02-03 leadership"));
    assert!(inadequate[10].starts_with("Rotherham 2014-10-08"));
    assert!(
        stdout.ends_with("^ `grade` compares with a grade, not a number\n"),
        "{stdout}"
    );
}

#[test]
fn custom_source_records_answer_alongside_the_reports() {
    let stdout = run_example("custom_source");
    assert_eq!(
        stdout,
        "2026-05-22 North Northamptonshire good (north-northamptonshire/2026-05-22/judgements/#4)\n\
         2024-01-19 Windsor and Maidenhead requires improvement (windsor-and-maidenhead/2024-01-19/judgements/#2)\n\
         2023-02-03 Slough requires improvement (slough/2023-02-03/judgements/#4)\n"
    );
}

#[test]
fn care_leavers_report_runs_oldest_to_newest_with_recommendations() {
    let stdout = run_example("care_leavers_report");
    let inspections: Vec<&str> = stdout.lines().filter(|l| !l.starts_with("  - ")).collect();
    assert_eq!(
        inspections,
        [
            "2014-10-08 Rotherham (SIF): inadequate",
            "2015-02-11 Leeds (SIF): good",
            "2015-06-18 Kingston upon Thames (SIF): good",
            "2019-10-25 Kingston upon Thames (ILACS): outstanding",
            "2022-12-02 Bradford (ILACS): inadequate",
            "2023-02-03 Slough (ILACS): requires improvement",
            "2026-05-22 North Northamptonshire (ILACS): good",
        ]
    );
    // Rotherham's areas for improvement 20-23 and Kingston's 10 and 11 name care leavers.
    assert!(stdout.contains("  - 20. Improve the quality of services for care leavers"));
    assert!(stdout.contains("  - 10. Increase the range of post-16 employment and training options available for care leavers"));
    assert!(
        stdout
            .contains("  - The offer of safe, appropriate and sustainable homes for care leavers")
    );
}
