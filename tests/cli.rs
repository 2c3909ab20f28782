//! The real `ikb` binary, run as a process.

mod common;
use common::cli::{SEEDS_NOTE, ikb, leeds_and_slough, stderr, stdout};
use common::seed_path as seed;

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::Value;

#[test]
fn without_a_knowledge_base_the_answer_says_it_is_from_the_seeds() {
    for args in [
        &["query", "judgement where area = 'overall'"][..],
        &["stats"],
    ] {
        let output = ikb(None, args);
        assert!(output.status.success(), "{}", stderr(&output));
        assert_eq!(stderr(&output), SEEDS_NOTE, "{args:?}");
        assert!(!stdout(&output).is_empty());
    }
}

#[test]
fn a_knowledge_base_folder_that_is_not_there_is_an_error_not_an_empty_answer() {
    let folder = tempfile::tempdir().unwrap();
    let missing = folder.path().join("deep/kb");
    for args in [
        &["query", "judgement"][..],
        &["stats"],
        &["report", "Leeds"],
    ] {
        let output = ikb(Some(&missing), args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&output)
                .contains("no knowledge base there (the folder does not exist or is empty)"),
            "{}",
            stderr(&output)
        );
        assert_eq!(stdout(&output), "");
        assert!(
            !folder.path().join("deep").exists(),
            "{args:?} made the folder"
        );
    }
    // `ingest` makes it.
    let output = ikb(
        Some(&missing),
        &["ingest", seed("leeds-2015-sif.txt").to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(ikb(Some(&missing), &["stats"]).status.success());
}

#[test]
fn ingest_prints_one_line_per_report() {
    let folder = tempfile::tempdir().unwrap();
    let reports = folder.path().join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::copy(seed("slough-2023-ilacs.txt"), reports.join("a.txt")).unwrap();
    let output = ikb(
        Some(&folder.path().join("kb")),
        &["ingest", reports.to_str().unwrap()],
    );
    assert!(output.status.success());
    let line = stdout(&output);
    assert!(
        line.starts_with("Slough ILACS 2023-01-23 to 2023-02-03: 5 judgements, 7 recommendations, 63 findings, 0 facts ("),
        "{line}"
    );
}

#[test]
fn a_bad_file_is_refused_by_name_and_the_others_ingested() {
    let folder = tempfile::tempdir().unwrap();
    let reports = folder.path().join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::copy(seed("slough-2023-ilacs.txt"), reports.join("b-slough.txt")).unwrap();
    std::fs::write(reports.join("a-notes.txt"), "Meeting notes\n").unwrap();
    let db = folder.path().join("kb");
    let output = ikb(Some(&db), &["ingest", reports.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("a-notes.txt: not an inspection report"),
        "{}",
        stderr(&output)
    );
    assert!(stdout(&output).starts_with("Slough ILACS"));
    let stats: Value =
        serde_json::from_str(&stdout(&ikb(Some(&db), &["stats", "--format", "json"]))).unwrap();
    assert_eq!(stats["inspections"], 1);
    // --strict stops at the first refusal, before Slough.
    let strict_db = folder.path().join("strict");
    let output = ikb(
        Some(&strict_db),
        &["ingest", "--strict", reports.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "");
}

#[test]
fn a_report_read_in_part_is_stored_with_a_warning_and_strict_refuses_it() {
    let folder = tempfile::tempdir().unwrap();
    // Slough without its overall judgement: the rest of the report is read.
    let text = common::without_line(
        &common::seed_text("slough-2023-ilacs.txt"),
        "Overall effectiveness Requires improvement to be good",
    );
    let file = folder.path().join("slough.txt");
    std::fs::write(&file, text).unwrap();
    let file = file.to_str().unwrap();
    let unread = "no judgement on `overall` could be read; every ILACS report grades it";

    let db = folder.path().join("kb");
    let output = ikb(Some(&db), &["ingest", file]);
    assert!(output.status.success(), "{}", stderr(&output));
    let said = stderr(&output);
    let (warning, summary) = said.split_once('\n').unwrap();
    assert_eq!(warning, format!("warning: {file}: {unread}"));
    assert!(
        summary.ends_with(" s: 1 stored (1 with warnings), 0 refused\n"),
        "{said}"
    );
    assert!(
        stdout(&output).starts_with("Slough ILACS"),
        "{}",
        stdout(&output)
    );
    let stats: Value =
        serde_json::from_str(&stdout(&ikb(Some(&db), &["stats", "--format", "json"]))).unwrap();
    assert_eq!(stats["inspections"], 1);
    assert_eq!(
        stats["warnings"],
        serde_json::json!([{"authority": "Slough", "inspection": "2023-02-03", "warning": unread}])
    );
    let table = stdout(&ikb(Some(&db), &["stats", "--format", "table"]));
    assert!(table.contains(unread), "{table}");

    let strict_db = folder.path().join("strict");
    let output = ikb(Some(&strict_db), &["ingest", "--strict", file]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output).lines().next().unwrap(),
        format!("refused {file}: {unread}; strict reading refuses a report it cannot read whole")
    );
    assert_eq!(stdout(&output), "");
    let stats: Value = serde_json::from_str(&stdout(&ikb(
        Some(&strict_db),
        &["stats", "--format", "json"],
    )))
    .unwrap();
    assert_eq!(stats["inspections"], 0);
}

#[test]
fn explain_and_stats() {
    let folder = tempfile::tempdir().unwrap();
    let db = leeds_and_slough(folder.path());
    let output = ikb(
        Some(&db),
        &[
            "explain",
            "recommendation where text contains 'return home'",
        ],
    );
    let plan = stdout(&output);
    assert!(plan.contains("index text contains 'return home'"), "{plan}");
    assert!(plan.contains("index kind = recommendation"), "{plan}");
    let stats: Value =
        serde_json::from_str(&stdout(&ikb(Some(&db), &["stats", "--format", "json"]))).unwrap();
    assert_eq!(
        (
            stats["inspections"].as_u64(),
            stats["authorities"].as_u64(),
            stats["judgement"].as_u64()
        ),
        (Some(2), Some(2), Some(12))
    );
}

#[test]
fn a_bad_query_exits_2_with_a_caret() {
    let refusal = "judgement where grade = 3\n                        ^ `grade` compares with a grade, not a number\n";
    // Refused before any knowledge base is opened: none is named as the
    // seeds', and a folder that holds none is not looked at.
    let output = ikb(None, &["query", "judgement where grade = 3"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stderr(&output), refusal);
    assert_eq!(stdout(&output), "");
    let nowhere = tempfile::tempdir()
        .unwrap()
        .path()
        .join("no knowledge base");
    let output = ikb(Some(&nowhere), &["query", "judgement where grade = 3"]);
    assert_eq!(
        (output.status.code(), stderr(&output)),
        (Some(2), refusal.to_string())
    );
    assert!(!nowhere.exists());
    let output = ikb(None, &["frobnicate"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn the_default_knowledge_base_answers_from_an_empty_folder() {
    let empty = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .args([
            "query",
            "--format",
            "jsonl",
            "judgement where area = 'care leavers'",
        ])
        .env_remove("IKB_DB")
        .current_dir(empty.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(stdout(&output).lines().count(), 7);
    assert_eq!(
        std::fs::read_dir(empty.path()).unwrap().count(),
        0,
        "nothing written to the working folder"
    );
}

#[test]
fn the_db_comes_from_ikb_db_too() {
    let folder = tempfile::tempdir().unwrap();
    let db = leeds_and_slough(folder.path());
    let output = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .args(["stats", "--format", "json"])
        .env("IKB_DB", &db)
        .output()
        .unwrap();
    let stats: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(stats["inspections"], 2);
}

#[test]
fn the_repl_keeps_going_after_errors() {
    let folder = tempfile::tempdir().unwrap();
    let db = leeds_and_slough(folder.path());
    let mut child = common::repl(&db, &folder.path().join("history"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input: &[u8] = b".format jsonl\njudgement where aera = 1\n\xff\xfe not text\nhelp\n.help\ncount judgement\n.quit\n";
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), input).unwrap();
    let output = child.wait_with_output().unwrap();
    // Piped in, a failed query fails the run, though the rest are answered.
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("areas: overall, help and protection,"),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains(
            "grades, worst first: inadequate, requires improvement, adequate, good, outstanding"
        ),
        "{}",
        stdout(&output)
    );
    assert!(
        stdout(&output).contains("{\"count\":12}"),
        "{}",
        stdout(&output)
    );
    let errors = stderr(&output);
    assert!(
        errors.contains("^^^^ unknown field `aera`; did you mean `area`?"),
        "{errors}"
    );
    assert!(errors.contains("not valid UTF-8"), "{errors}");
    assert!(
        errors.contains("`help` is not a query; .help lists the kinds, fields, areas and grades"),
        "{errors}"
    );
}

#[test]
#[cfg(feature = "pdf")]
fn ingest_reads_published_pdfs_in_folders() {
    let folder = tempfile::tempdir().unwrap();
    let reports = folder.path().join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    let pdf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/pdf/north-northamptonshire-2026-ilacs.pdf");
    std::fs::copy(pdf, reports.join("north-northamptonshire.pdf")).unwrap();
    let db = folder.path().join("kb");
    let output = ikb(Some(&db), &["ingest", reports.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        stdout(&output).starts_with(
            "North Northamptonshire ILACS 2026-05-11 to 2026-05-22: 4 judgements, 2 recommendations"
        ),
        "{}",
        stdout(&output)
    );
}

#[test]
fn report_shows_one_authoritys_history() {
    // The seed knowledge base: Kingston upon Thames 2015 (SIF, every area
    // good) and 2019 (ILACS, a short inspection, overall outstanding).
    let output = ikb(
        None,
        &[
            "report",
            "Royal Borough of Kingston upon Thames",
            "--format",
            "jsonl",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let inspections: Vec<Value> = stdout(&output)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(inspections.len(), 2);
    assert_eq!(inspections[0]["inspection"], "2015-06-18");
    assert_eq!(inspections[0]["framework"], "SIF");
    assert_eq!(inspections[0]["judgements"]["lscb"], "good");
    assert_eq!(inspections[1]["inspection_type"], "short");
    assert_eq!(inspections[1]["judgements"]["overall"], "outstanding");
    assert_eq!(inspections[1]["authority"], "Kingston upon Thames");

    let unknown = ikb(None, &["report", "Atlantis"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("Atlantis"),
        "{}",
        stderr(&unknown)
    );
}

#[test]
fn the_knowledge_base_keeps_what_it_refused_until_it_is_read() {
    let folder = tempfile::tempdir().unwrap();
    let reports = folder.path().join("reports");
    std::fs::create_dir_all(&reports).unwrap();
    std::fs::copy(seed("leeds-2015-sif.txt"), reports.join("leeds.txt")).unwrap();
    // Slough 2023 cut short before Ofsted's closing page: refused, though
    // its front page names the authority.
    let whole = std::fs::read_to_string(seed("slough-2023-ilacs.txt")).unwrap();
    let cut = &whole[..whole
        .find("The Office for Standards in Education")
        .expect("the closing page")];
    let slough = reports.join("slough.txt");
    std::fs::write(&slough, cut).unwrap();
    let db = folder.path().join("kb");

    let output = ikb(Some(&db), &["ingest", reports.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    let summary = said.lines().last().unwrap();
    assert!(
        summary.starts_with("ingested 2 of 2 files in ")
            && summary.ends_with(" s: 1 stored (0 with warnings), 1 refused"),
        "{said}"
    );

    let stats = ikb(Some(&db), &["stats", "--format", "json"]);
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["refused"].as_array().unwrap().len(), 1, "{stats}");
    assert_eq!(stats["refused"][0]["file"], slough.display().to_string());
    assert_eq!(stats["refused"][0]["authority"], "Slough");
    assert!(
        stats["refused"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("without Ofsted's closing page"),
        "{stats}"
    );
    let report = ikb(Some(&db), &["report", "Slough"]);
    assert!(
        stderr(&report)
            .starts_with("note: a file of Slough was refused, so its report is not here: "),
        "{}",
        stderr(&report)
    );
    // So do the councils' latest grades, where Slough is among them.
    let latest_gap =
        "note: a file of Slough was refused, so its latest grades here may not be its newest: ";
    for args in [&["latest"][..], &["compare", "Slough"]] {
        let output = ikb(Some(&db), args);
        assert!(output.status.success(), "{}", stderr(&output));
        assert!(
            stderr(&output).starts_with(latest_gap),
            "{args:?}: {}",
            stderr(&output)
        );
    }
    let leeds = ikb(Some(&db), &["compare", "Leeds"]);
    assert!(leeds.status.success(), "{}", stderr(&leeds));
    assert_eq!(stderr(&leeds), "", "Slough is not among Leeds's neighbours");
    // Every answer says that it lacks the refused file's report.
    let answer = ikb(Some(&db), &["query", "judgement where area = 'overall'"]);
    assert!(answer.status.success(), "{}", stderr(&answer));
    assert_eq!(
        stderr(&answer),
        "note: 1 file was refused at ingest: its report is in no answer (stats lists them)\n"
    );

    // Read whole at last, the file is no longer a refusal, however its
    // path is spelt.
    std::fs::write(&slough, &whole).unwrap();
    let respelled = reports.join(".").join("slough.txt");
    let output = ikb(Some(&db), &["ingest", respelled.to_str().unwrap()]);
    assert!(output.status.success(), "{}", stderr(&output));
    let stats = ikb(Some(&db), &["stats", "--format", "json"]);
    let stats: Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(stats["refused"], serde_json::json!([]));
    let answer = ikb(Some(&db), &["query", "judgement where area = 'overall'"]);
    assert_eq!(stderr(&answer), "");
    assert_eq!(stats["inspections"], 2);
}

#[test]
fn a_folder_with_nothing_to_ingest_is_an_error() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("notes.md"), "not a report").unwrap();
    let output = ikb(
        Some(&folder.path().join("kb")),
        &["ingest", folder.path().to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).starts_with("error: nothing to ingest: no report files (.txt, .pdf) in "),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_query_can_come_from_a_file_or_stdin() {
    use std::io::Write as _;
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("q.txt");
    // Kingston upon Thames 2019 is the seeds' one outstanding overall grade.
    let query = "judgement where area = 'overall'\n  and grade = 'outstanding'\n";
    std::fs::write(&file, query).unwrap();
    let expected = "kingston-upon-thames/2019-10-25/judgements/#4";
    let output = ikb(
        None,
        &["query", "--format", "jsonl", "-f", file.to_str().unwrap()],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let line: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(line["key"], expected);

    let mut child = Command::new(env!("CARGO_BIN_EXE_ikb"))
        .args(["query", "--format", "jsonl", "-"])
        .env_remove("IKB_DB")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(query.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(output.status.success(), "{}", stderr(&output));
    let line: Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(line["key"], expected);

    let missing = ikb(
        None,
        &[
            "query",
            "-f",
            folder.path().join("none.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("cannot read the query from "),
        "{}",
        stderr(&missing)
    );
}
