//! The `ikb` binary's output formats: JSON lines, CSV, JSON, tables,
//! Markdown and xlsx, each run as a process.

mod common;
use common::cli::{SEEDS_NOTE, ikb, leeds_and_slough, stderr, stdout};

use std::process::{Command, Stdio};

use serde_json::Value;

#[test]
fn jsonl_has_the_data_model_field_names() {
    let folder = tempfile::tempdir().unwrap();
    let db = leeds_and_slough(folder.path());
    let output = ikb(
        Some(&db),
        &[
            "query",
            "--format",
            "jsonl",
            "recommendation where authority = 'Leeds' and paragraph = 7",
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1);
    let record: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(record["key"], "leeds/2015-02-11/recommendations/7");
    assert_eq!(record["kind"], "recommendation");
    assert_eq!(record["authority"], "Leeds");
    assert_eq!(record["authority_code"], "E08000035");
    assert_eq!(record["inspection"], "2015-02-11");
    assert_eq!(record["framework"], "SIF");
    assert_eq!(record["inspected_from"], "2015-01-20");
    assert_eq!(record["inspected_to"], "2015-02-11");
    assert_eq!(record["published"], "2015-03-27");
    assert_eq!(record["lead_inspector"], "Tracey Metcalfe");
    // SIF inspections were of one type only.
    assert_eq!(record["inspection_type"], Value::Null);
    assert_eq!(record["section"], "recommendations");
    assert_eq!(record["paragraph"], 7);
    // Under the subheading "Looked After children".
    assert_eq!(record["area"], "children looked after");
    assert_eq!(record["grade"], Value::Null);
    assert_eq!(record["refs"], serde_json::json!([]));
    assert!(
        record["text"]
            .as_str()
            .unwrap()
            .starts_with("Ensure that findings from return home interviews")
    );
}

#[test]
fn every_format_answers() {
    let folder = tempfile::tempdir().unwrap();
    let db = leeds_and_slough(folder.path());
    let query = "judgement where area = 'care leavers'";
    let json: Value = serde_json::from_str(&stdout(&ikb(
        Some(&db),
        &["query", "--format", "json", query],
    )))
    .unwrap();
    let grades: Vec<&str> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["grade"].as_str().unwrap())
        .collect();
    assert_eq!(grades, ["good", "requires improvement"]);
    let csv = stdout(&ikb(Some(&db), &["query", "--format", "csv", query]));
    let lines: Vec<&str> = csv.lines().collect();
    // One vocabulary: JSON names the fields CSV heads its columns with.
    let mut json_fields: Vec<&str> = json[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut csv_fields: Vec<&str> = lines[0].split(',').collect();
    json_fields.sort();
    csv_fields.sort();
    assert_eq!(json_fields, csv_fields);
    assert_eq!(
        lines[0],
        "key,kind,authority,authority_code,region,authority_type,inspection,framework,inspected_from,inspected_to,published,lead_inspector,inspection_type,section,paragraph,area,grade,refs,text"
    );
    assert!(
        lines[1].starts_with(
            "leeds/2015-02-11/judgements/#5,judgement,Leeds,E08000035,Yorkshire and the Humber,metropolitan district,2015-02-11,SIF,"
        ),
        "{}",
        lines[1]
    );
    assert_eq!(lines.len(), 3);
    let table = stdout(&ikb(Some(&db), &["query", "--format", "table", query]));
    assert!(
        table.contains("slough/2023-02-03/judgements/#4") && table.contains("requires improvement"),
        "{table}"
    );
    assert!(table.ends_with("2 records\n"), "{table}");
    let counts = stdout(&ikb(
        Some(&db),
        &[
            "query",
            "--format",
            "jsonl",
            "count judgement group by grade",
        ],
    ));
    // Leeds: 6 good, leadership outstanding; Slough: leadership inadequate, 4 requires improvement.
    assert_eq!(
        counts,
        "{\"grade\":\"inadequate\",\"count\":1}\n{\"grade\":\"requires improvement\",\"count\":4}\n\
         {\"grade\":\"good\",\"count\":6}\n{\"grade\":\"outstanding\",\"count\":1}\n"
    );
    assert_eq!(
        stdout(&ikb(
            Some(&db),
            &["query", "--format", "json", "count judgement"]
        )),
        "[{\"count\":12}]\n"
    );
    let csv_counts = stdout(&ikb(
        Some(&db),
        &[
            "query",
            "--format",
            "csv",
            "count judgement group by framework",
        ],
    ));
    assert_eq!(csv_counts, "framework,count\nSIF,7\nILACS,5\n");
}

#[test]
fn a_ranked_search_prints_its_score_and_snippet() {
    let folder = tempfile::tempdir().unwrap();
    let db = leeds_and_slough(folder.path());
    let query =
        "finding where text matches 'exploitation missing children' order by relevance limit 3";
    let output = ikb(Some(&db), &["query", "--format", "csv", query]);
    assert!(output.status.success(), "{}", stderr(&output));
    let csv = stdout(&output);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    assert_eq!(header[header.len() - 2..], ["score", "snippet"]);
    assert_eq!(csv.lines().count(), 4);
    let jsonl = stdout(&ikb(Some(&db), &["query", "--format", "jsonl", query]));
    let records: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let scores: Vec<f64> = records
        .iter()
        .map(|r| r["score"].as_f64().unwrap())
        .collect();
    assert!(
        scores.windows(2).all(|pair| pair[0] >= pair[1]),
        "{scores:?}"
    );
    // Leeds 2015's summary sentence holds all three words in 21.
    assert_eq!(records[0]["key"], "leeds/2015-02-11/executive-summary/#7");
    assert!(
        records[0]["snippet"]
            .as_str()
            .unwrap()
            .contains("[exploitation]")
    );
    // Not on a terminal: the table marks matches with brackets too.
    let table = stdout(&ikb(Some(&db), &["query", "--format", "table", query]));
    assert!(table.contains("[missing]"), "{table}");
    let refused = ikb(Some(&db), &["query", "finding order by relevance"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr(&refused).contains("^^^^^^^^^"),
        "{}",
        stderr(&refused)
    );
}

#[test]
fn a_closed_pipe_ends_the_answer_quietly_in_every_format() {
    for format in ["csv", "jsonl", "json", "table"] {
        // The seeds' every record is far more than a pipe holds: the
        // writes after the reader has gone fail with a closed pipe.
        let mut child = Command::new(env!("CARGO_BIN_EXE_ikb"))
            .args(["query", "--format", format, "any"])
            .env_remove("IKB_DB")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        assert!(!common::first_line(&mut child).is_empty(), "{format}");
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{format}");
        assert_eq!(stderr(&output), SEEDS_NOTE, "{format}");
    }
}

#[test]
fn fields_choose_the_columns_of_every_format() {
    let query = "judgement where area = 'overall' and authority = 'Leeds'";
    let fields = "authority,inspection,grade";
    // Leeds 2015: "The overall judgement is that children's services are good".
    let jsonl = ikb(
        None,
        &["query", "--format", "jsonl", "--fields", fields, query],
    );
    assert_eq!(
        stdout(&jsonl),
        "{\"authority\":\"Leeds\",\"inspection\":\"2015-02-11\",\"grade\":\"good\"}\n"
    );
    let csv = ikb(
        None,
        &["query", "--format", "csv", "--fields", fields, query],
    );
    assert_eq!(
        stdout(&csv),
        "authority,inspection,grade\nLeeds,2015-02-11,good\n"
    );
    let table = ikb(
        None,
        &["query", "--format", "table", "--fields", fields, query],
    );
    let table = stdout(&table);
    assert!(table.contains("authority ┆ inspection ┆ grade"), "{table}");
    assert!(!table.contains("key"), "{table}");
    // Unchosen, a table shows the inspection beside the authority.
    let table = stdout(&ikb(None, &["query", "--format", "table", query]));
    assert!(table.contains("authority ┆ inspection ┆ key"), "{table}");
    assert!(
        table.contains("Leeds     ┆ 2015-02-11 ┆ leeds/2015-02-11/judgements/#1"),
        "{table}"
    );
    let wrong = ikb(None, &["query", "--fields", "colour", query]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        stderr(&wrong).contains("these answers have no field `colour`"),
        "{}",
        stderr(&wrong)
    );
}

#[test]
fn markdown_answers_for_board_papers() {
    let query = "judgement where area = 'overall' and authority = 'Leeds'";
    let output = ikb(
        None,
        &[
            "query",
            "--format",
            "markdown",
            "--fields",
            "authority,inspection,grade",
            query,
        ],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    // Leeds 2015: "The overall judgement is that children's services are good".
    assert_eq!(
        stdout(&output),
        "| authority | inspection | grade |\n|-----------|------------|-------|\n| Leeds     | 2015-02-11 | good  |\n\n1 record\n"
    );
    let counts = stdout(&ikb(
        None,
        &[
            "query",
            "--format",
            "markdown",
            "count judgement where authority = 'Leeds' group by grade",
        ],
    ));
    assert!(counts.starts_with("| grade "), "{counts}");
    assert!(counts.contains("\n| good "), "{counts}");
}

#[test]
fn compare_prints_a_council_beside_its_neighbours_in_every_format() {
    let csv = ikb(None, &["compare", "--format", "csv", "Slough"]);
    assert!(csv.status.success(), "{}", stderr(&csv));
    let csv = stdout(&csv);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("scope,authority,area,grade,inspection,key,count")
    );
    // Slough 2023's leaders: inadequate (seeds/EXPECTED.json).
    assert!(
        csv.lines().any(|line| line.starts_with(
            "council,Slough,leadership,inadequate,2023-02-03,slough/2023-02-03/judgements/"
        )),
        "{csv}"
    );
    assert!(
        csv.contains("\nregion,,leadership,inadequate,,,1\n"),
        "{csv}"
    );
    let json = ikb(None, &["compare", "--format", "json", "Slough"]);
    let json: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(json["region"], "South East");
    assert_eq!(
        json["councils"][0]["latest"]["leadership"]["grade"],
        "inadequate"
    );
    let table = stdout(&ikb(None, &["compare", "--format", "markdown", "Slough"]));
    assert!(table.contains("| Slough "), "{table}");
    assert!(table.contains("inadequate (2023-02-03)"), "{table}");
    let unknown = ikb(None, &["compare", "Atlantis"]);
    assert_eq!(unknown.status.code(), Some(2));
}

#[test]
fn latest_prints_the_wide_sheet() {
    let csv = stdout(&ikb(None, &["latest", "--format", "csv"]));
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header
            .starts_with("authority,authority_code,region,overall,overall inspection,overall key,"),
        "{header}"
    );
    // One row per council of the seeds; Leeds 2015 was judged good overall.
    assert_eq!(lines.clone().count(), 6, "{csv}");
    assert!(
        lines.any(|line| line.starts_with(
            "Leeds,E08000035,Yorkshire and the Humber,good,2015-02-11,leeds/2015-02-11/judgements/"
        )),
        "{csv}"
    );
}

#[test]
fn xlsx_workbooks_for_spreadsheets() {
    // An xlsx file is a zip archive; its members' names stand uncompressed.
    let holds = |bytes: &[u8], name: &str| bytes.windows(name.len()).any(|w| w == name.as_bytes());
    let answer = ikb(
        None,
        &[
            "query",
            "--format",
            "xlsx",
            "judgement where area = 'overall'",
        ],
    );
    assert!(answer.status.success(), "{}", stderr(&answer));
    assert_eq!(&answer.stdout[..2], b"PK");
    assert!(holds(&answer.stdout, "xl/worksheets/sheet1.xml"));
    assert!(!holds(&answer.stdout, "xl/worksheets/sheet2.xml"));
    // The wide sheet, and the long table it came from.
    let latest = ikb(None, &["latest", "--format", "xlsx"]);
    assert!(latest.status.success(), "{}", stderr(&latest));
    assert!(holds(&latest.stdout, "xl/worksheets/sheet2.xml"));
    for args in [
        &["stats", "--format", "xlsx"][..],
        &["compare", "--format", "xlsx", "Slough"],
    ] {
        let output = ikb(None, args);
        assert!(output.status.success(), "{args:?}: {}", stderr(&output));
        assert_eq!(&output.stdout[..2], b"PK", "{args:?}");
    }
}
