//! Property tests of ingest: no input panics it, and the layout of a report
//! (line widths, page breaks) does not change what is read from it.

use std::path::Path;

use inspection_kb::{Kind, Report};
use proptest::prelude::*;

fn clean_report() -> String {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/kingston-upon-thames-2015-sif.txt");
    std::fs::read_to_string(path).unwrap()
}

/// Greedy wrap of one line at `width` characters, breaking only at spaces.
fn wrap(line: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        if !current.is_empty() && current.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        } else if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    lines.push(current);
    lines
}

/// The report hard-wrapped at `width`, with a page break (blank line, page
/// number, blank line) after each line for which `breaks` says so, as a PDF
/// extractor would give it.
fn rewrap(text: &str, width: usize, breaks: &[bool]) -> String {
    let mut out = String::new();
    let mut page = 1;
    let mut wrapped_lines = 0;
    for line in text.lines() {
        for piece in wrap(line, width) {
            out.push_str(&piece);
            out.push('\n');
            wrapped_lines += 1;
            if breaks[wrapped_lines % breaks.len()] {
                // Page numbers run to three digits, as in any real report
                // (a break after every line would pass 999; the reader takes
                // a four-digit number alone on a line for a year, not a page).
                page = page % 999 + 1;
                out.push_str(&format!(" \n{page} \n \n"));
            }
        }
    }
    out
}

fn judgements(report: &Report) -> Vec<(String, String)> {
    report
        .of_kind(Kind::Judgement)
        .map(|j| (format!("{:?}", j.area), format!("{:?}", j.grade)))
        .collect()
}

fn numbered(report: &Report) -> Vec<(u32, String, String)> {
    report
        .records
        .iter()
        .filter_map(|r| {
            Some((
                r.paragraph?,
                r.section.to_string(),
                r.text.split_whitespace().collect::<Vec<_>>().join(" "),
            ))
        })
        .collect()
}

/// Checks that the report rewrapped at `width` with page breaks after the
/// lines `breaks` marks reads as the clean report does.
fn check_rewrap(width: usize, breaks: &[bool]) -> Result<(), TestCaseError> {
    let text = clean_report();
    let original = Report::parse(&text).unwrap();
    let rewrapped = Report::parse(&rewrap(&text, width, breaks))
        .map_err(|error| TestCaseError::fail(format!("refused: {error}")))?;
    prop_assert_eq!(judgements(&rewrapped), judgements(&original));
    let (got, want) = (numbered(&rewrapped), numbered(&original));
    let first_difference = got.iter().zip(&want).find(|(g, w)| g != w);
    prop_assert!(
        first_difference.is_none(),
        "first difference: {:?}",
        first_difference
    );
    prop_assert_eq!(got.len(), want.len());
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn rewrapping_keeps_judgements_and_paragraphs(
        width in 55usize..140,
        breaks in prop::collection::vec(prop::bool::weighted(0.06), 1..97),
    ) {
        check_rewrap(width, &breaks)?;
    }
}

/// `breaks` with page breaks after the lines at `at` (counted modulo `len`).
fn breaks_at(len: usize, at: &[usize]) -> Vec<bool> {
    (0..len).map(|i| at.contains(&i)).collect()
}

// Shrunk failures of `rewrapping_keeps_judgements_and_paragraphs`, frozen.

#[test]
fn regression_heading_split_by_a_page_break() {
    // "Inspection findings – the Local Safeguarding Children" / page / "Board".
    check_rewrap(58, &breaks_at(28, &[20])).unwrap();
}

#[test]
fn regression_overall_sentence_filling_its_line() {
    // The overall sentence is exactly 73 characters: no room is left on its
    // line for the next word, which then cannot tell it ended there.
    check_rewrap(73, &[false]).unwrap();
}

#[test]
fn regression_overall_sentence_wrapped_over_a_page_break() {
    check_rewrap(55, &breaks_at(12, &[5])).unwrap();
}

#[test]
fn regression_empty_page_between_heading_and_grade() {
    check_rewrap(88, &breaks_at(54, &[18, 19])).unwrap();
}

/// Lines in the shapes reports use, for inputs that reach past the front page.
fn report_like_line() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Inspection of Slough local authority children\u{2019}s services".to_string()),
        Just("Inspection of services for children in need of help and protection".to_string()),
        Just("Inspection dates: 21 November to 2 December 2022".to_string()),
        Just("Report published: 3 August 2015".to_string()),
        Just("Judgement Grade".to_string()),
        Just("The impact of leaders on social work".to_string()),
        Just("practice with children and families Inadequate".to_string()),
        Just("Overall effectiveness Requires improvement to be good".to_string()),
        Just("The overall judgement is that children\u{2019}s services are good".to_string()),
        Just("The Local Safeguarding Children Board is good".to_string()),
        Just("What needs to improve?1".to_string()),
        Just("Contents".to_string()),
        Just("Recommendations 7".to_string()),
        Just("\u{25fc} The quality of plans (paragraphs 3-".to_string()),
        Just("\u{f06e} In the last 12 months:".to_string()),
        Just("\u{f02d} 20 live with parents".to_string()),
        Just("2 A footnote".to_string()),
        Just("21 November to 2 December 2022 2".to_string()),
        Just("".to_string()),
        (0u32..400, "[a-z ]{0,40}").prop_map(|(n, rest)| format!("{n}. {rest}")),
        "\\PC{0,90}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,600}") {
        let _ = Report::parse(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = Report::parse_bytes(&bytes);
    }

    #[test]
    fn report_shaped_text_never_panics(lines in prop::collection::vec(report_like_line(), 0..80)) {
        let _ = Report::parse(&lines.join("\n"));
    }
}
