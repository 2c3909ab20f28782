//! Hostile input: each gets a clear error or a correct answer, and nothing
//! panics. (Invalid UTF-8 on the REPL's input is in tests/cli.rs; deep
//! nesting in tests/query.rs.)

mod common;
use common::seed_text;

use std::sync::OnceLock;

use inspection_kb::Answer;
use inspection_kb::{Error, IngestError, Kb, Query, Report};

fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| Kb::seeded().unwrap())
}

fn count(query: &str) -> usize {
    match kb().query(query).unwrap_or_else(|e| panic!("{e}")) {
        Answer::Records(records) => records.count(),
        _ => panic!("not records"),
    }
}

#[test]
fn a_query_of_a_megabyte() {
    let garbage: String = "judgement where "
        .chars()
        .chain(std::iter::repeat_n('%', 1 << 20))
        .collect();
    assert!(Query::parse(&garbage).is_err());
    let long_string = format!("finding where text = '{}'", "x".repeat(1 << 20));
    assert_eq!(count(&long_string), 0);
    let parens = format!("finding where {}", "(".repeat(1 << 20));
    assert!(
        Query::parse(&parens)
            .unwrap_err()
            .to_string()
            .contains("nest deeper than 64")
    );
    let words = format!("finding where text contains '{}'", "care ".repeat(200_000));
    assert_eq!(count(&words), 0);
}

#[test]
fn an_in_list_of_100000_values() {
    let values: Vec<String> = (1..=100_000).map(|n| n.to_string()).collect();
    let query = format!("finding where paragraph in ({})", values.join(", "));
    // Every numbered finding: all numbered paragraphs but the 96 numbered recommendations... of which
    // the ILACS reports have none numbered.
    let numbered = count("finding where paragraph >= 1");
    assert_eq!(count(&query), numbered);
    let negated = format!(
        "recommendation where paragraph not in ({})",
        values.join(", ")
    );
    assert_eq!(
        count(&negated),
        count("recommendation where paragraph != 0 and not paragraph >= 1")
    );
}

#[test]
fn strings_with_nul_and_every_kind_of_character() {
    assert_eq!(
        count("finding where text contains 'care\0leavers'"),
        count("finding where text contains 'care leavers'")
    );
    let every_category = "A a \u{1c5} \u{2b0} \u{5d0} \u{300} \u{903} \u{20dd} 7 \u{2160} \u{bd} _ - ( ) \u{ab} \u{bb} ! + $ ^ \u{a9} \
                          \u{a0} \u{2028} \u{2029} \u{1} \u{ad} \u{e000} \u{10ffff} \u{1f600} \u{202e}";
    for query in [
        format!("any where text contains '{every_category}'"),
        format!("any where authority = '{every_category}'"),
        format!("any where text = \"{every_category}\""),
        format!("any where {every_category} = 1"),
        every_category.to_string(),
    ] {
        // Either an answer or an error with a caret; no panic.
        match kb().query(&query) {
            Ok(Answer::Records(records)) => assert_eq!(records.count(), 0),
            Ok(_) => panic!("unexpected answer"),
            Err(Error::Query(error)) => assert!(error.to_string().contains('^'), "{error}"),
            Err(other) => panic!("{other}"),
        }
    }
}

#[test]
fn empty_binary_and_huge_report_files() {
    assert!(matches!(Report::parse_bytes(b""), Err(IngestError::Empty)));
    assert!(matches!(
        Report::parse_bytes(&[0x89, b'P', b'N', b'G', 0, 0, 0, 13]),
        Err(IngestError::NotText { .. })
    ));
    let line = "Minutes of the meeting of the finance committee, item 4.\n";
    let huge = line.repeat((50 << 20) / line.len() + 1);
    assert!(huge.len() >= 50 << 20);
    assert!(matches!(
        Report::parse(&huge),
        Err(IngestError::NotAReport { .. })
    ));
}

#[test]
fn a_report_cut_short() {
    let text = seed_text("leeds-2015-sif.txt");
    let lines: Vec<&str> = text.lines().collect();
    let half = lines[..lines.len() / 2].join("\n");
    let error = Report::parse(&half).unwrap_err();
    // Line 1142 of the seed, mid-sentence in paragraph 84.
    assert!(
        matches!(error, IngestError::Truncated { line: 1142, .. }),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with("the text ends at line 1142 without Ofsted's closing page")
    );
}

#[test]
fn two_reports_in_one_file() {
    let text = format!(
        "{}\n{}",
        seed_text("slough-2023-ilacs.txt"),
        seed_text("rotherham-2014-sif.txt")
    );
    let error = Report::parse(&text).unwrap_err();
    // Slough's 487 lines end with a line break, so the joining one adds a
    // blank line 488; Rotherham's dates line, its line 10, is line 498.
    assert!(
        matches!(error, IngestError::Concatenated { line: 498 }),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "line 498: a second report starts here; give each report a file of its own"
    );
}
