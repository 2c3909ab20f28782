//! A report read in part is stored with what could be read, and names what
//! could not in its warnings; a grade that cannot be read is never guessed.
//! Strict reading refuses such a report instead.

mod common;
use common::{seed_text, without_line};

use inspection_kb::{Area, Framework, Grade, IngestError, Kb, Kind, Position, Report, Warning};

/// Kingston upon Thames 2015 without both places that grade adoption: its
/// table row and the section heading that prints the grade.
fn kingston_without_adoption() -> String {
    without_line(
        &without_line(
            &seed_text("kingston-upon-thames-2015-sif.txt"),
            "2.1 Adoption performance",
        ),
        "<p>The graded judgment for adoption performance",
    )
}

fn count(report: &Report, kind: Kind) -> usize {
    report.of_kind(kind).count()
}

#[test]
fn a_judgement_that_cannot_be_read_is_left_out_and_named() {
    let whole = Report::parse(&seed_text("kingston-upon-thames-2015-sif.txt")).unwrap();
    assert_eq!(whole.warnings, []);
    let report = Report::parse(&kingston_without_adoption()).unwrap();
    let missing = Warning::MissingJudgement {
        area: Area::Adoption,
        framework: Framework::Sif,
    };
    assert_eq!(report.warnings, std::slice::from_ref(&missing));
    assert_eq!(
        missing.to_string(),
        "no judgement on `adoption` could be read; every SIF report grades it"
    );
    assert_eq!(report.grade_of(Area::Adoption), None);
    assert_eq!(
        count(&report, Kind::Judgement),
        count(&whole, Kind::Judgement) - 1
    );
    assert_eq!(report.grade_of(Area::CareLeavers), Some(Grade::Good));
    for kind in [Kind::Finding, Kind::Recommendation, Kind::Fact] {
        assert_eq!(count(&report, kind), count(&whole, kind), "{kind}");
    }

    let error = report.strict().unwrap_err();
    assert!(
        matches!(&error, IngestError::Unread { warning } if *warning == missing),
        "{error}"
    );
    assert_eq!(
        error.to_string(),
        "no judgement on `adoption` could be read; every SIF report grades it; \
         strict reading refuses a report it cannot read whole"
    );
}

#[test]
fn an_ilacs_report_without_its_overall_judgement() {
    let text = without_line(
        &seed_text("bradford-2023-ilacs.txt"),
        "Overall effectiveness",
    );
    let report = Report::parse(&text).unwrap();
    assert_eq!(
        report.warnings,
        [Warning::MissingJudgement {
            area: Area::Overall,
            framework: Framework::Ilacs,
        }]
    );
    assert_eq!(report.grade_of(Area::Overall), None);
    // The report record carries the overall grade; unread, it has none.
    assert_eq!(report.records[0].grade, None);
}

#[test]
fn an_area_graded_twice_with_two_grades_keeps_neither() {
    let text = seed_text("slough-2023-ilacs.txt").replacen(
        "Overall effectiveness Requires improvement to be good",
        "Overall effectiveness Requires improvement to be good\nOverall effectiveness Good",
        1,
    );
    let report = Report::parse(&text).unwrap();
    let conflict = Warning::ConflictingGrades {
        area: Area::Overall,
        first: Grade::RequiresImprovement,
        second: Grade::Good,
        line: 21,
    };
    assert_eq!(report.warnings, std::slice::from_ref(&conflict));
    assert_eq!(
        conflict.to_string(),
        "line 21: `overall` is graded good here but requires improvement before; neither is stored"
    );
    assert_eq!(report.grade_of(Area::Overall), None);
    assert_eq!(report.grade_of(Area::Leadership), Some(Grade::Inadequate));

    // The same grade twice is one judgement, read right.
    let twice = seed_text("slough-2023-ilacs.txt").replacen(
        "Overall effectiveness Requires improvement to be good",
        "Overall effectiveness Requires improvement to be good\n\
         Overall effectiveness Requires improvement to be good",
        1,
    );
    let report = Report::parse(&twice).unwrap();
    assert_eq!(report.warnings, []);
    assert_eq!(
        report.grade_of(Area::Overall),
        Some(Grade::RequiresImprovement)
    );
}

#[test]
fn a_missing_paragraph_is_named_and_the_rest_are_kept() {
    let whole = Report::parse(&seed_text("kingston-upon-thames-2015-sif.txt")).unwrap();
    let text = without_line(
        &seed_text("kingston-upon-thames-2015-sif.txt"),
        "17. The SPA developed",
    );
    let report = Report::parse(&text).unwrap();
    // Paragraph 18 stands on line 182 of the seed, one up now that line 178 is gone.
    let gap = Warning::ParagraphGap {
        expected: 17,
        found: 18,
        line: 181,
    };
    assert_eq!(report.warnings, std::slice::from_ref(&gap));
    assert_eq!(
        gap.to_string(),
        "line 181: paragraph 18 follows paragraph 16; paragraph 17 is missing"
    );
    assert!(report.paragraph(17).is_none());
    assert_eq!(
        report.paragraph(18).map(|r| &r.text),
        whole.paragraph(18).map(|r| &r.text)
    );
    assert_eq!(
        count(&report, Kind::Finding),
        count(&whole, Kind::Finding) - 1
    );
}

#[test]
fn a_paragraph_number_with_no_text_is_named_not_stored_empty() {
    let seed = seed_text("kingston-upon-thames-2015-sif.txt");
    let whole = Report::parse(&seed).unwrap();
    // As when a paragraph's text was an image: its number alone is left.
    let text: Vec<&str> = seed
        .lines()
        .map(|line| {
            if line.starts_with("16. The SPA provides") {
                "16."
            } else {
                line
            }
        })
        .collect();
    let report = Report::parse(&text.join("\n")).unwrap();
    let unread = Warning::NoText {
        section: whole.paragraph(16).unwrap().section,
        position: Position::Paragraph(16),
        line: 177,
    };
    assert_eq!(report.warnings, std::slice::from_ref(&unread));
    assert_eq!(
        unread.to_string(),
        "line 177: paragraph 16 of `help and protection` has no text that could be read; \
         it is not stored"
    );
    assert!(report.paragraph(16).is_none());
    assert_eq!(
        report.paragraph(17).map(|r| &r.text),
        whole.paragraph(17).map(|r| &r.text)
    );
    assert_eq!(
        count(&report, Kind::Finding),
        count(&whole, Kind::Finding) - 1
    );
}

#[test]
fn the_knowledge_base_keeps_what_could_not_be_read() {
    let folder = tempfile::tempdir().unwrap();
    let report = Report::parse(&kingston_without_adoption()).unwrap();
    {
        let kb = Kb::open(folder.path()).unwrap();
        kb.ingest(&report).unwrap();
        kb.flush().unwrap();
    }
    let kb = Kb::open(folder.path()).unwrap();
    let stats = kb.stats().unwrap();
    assert_eq!(stats.warnings.len(), 1, "{:?}", stats.warnings);
    let stored = &stats.warnings[0];
    assert_eq!(stored.authority, "Kingston upon Thames");
    assert_eq!(stored.inspection.to_string(), "2015-06-18");
    assert_eq!(stored.warning, report.warnings[0]);

    // A second reading of the inspection, whole, replaces the warnings too.
    kb.ingest(&Report::parse(&seed_text("kingston-upon-thames-2015-sif.txt")).unwrap())
        .unwrap();
    assert_eq!(kb.stats().unwrap().warnings, []);
}

#[test]
fn an_authority_the_reference_table_does_not_know_is_named_in_a_warning() {
    let text = seed_text("rotherham-2014-sif.txt").replacen(
        "Metropolitan Borough of Rotherham",
        "Metropolitan Borough of Atlantis",
        1,
    );
    let report = Report::parse(&text).unwrap();
    assert_eq!(report.inspection.authority.name, "Atlantis");
    assert_eq!(report.inspection.authority.code, None);
    assert_eq!(
        report.warnings,
        [Warning::UnknownAuthority {
            name: "Atlantis".to_string()
        }]
    );
    assert!(matches!(report.strict(), Err(IngestError::Unread { .. })));
}
