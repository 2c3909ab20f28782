//! The development corpus: every published PDF of `../shared/corpus/pdfs`
//! (2014-2026, every layout) read and compared with
//! `tests/data/corpus-expected.csv`, and the files of `../shared/corpus/new`
//! (kinds of file once refused) with `tests/data/corpus-new-expected.csv`:
//! tables written by reading each report
//! by hand (its first page for the judgements, its body for the numbering),
//! not from this crate's output. Skipped, with a message, where the corpus
//! is absent.
//!
//! What must hold for every report the parser takes: each grade it reports
//! is the grade the report prints for that area, it reports no area the
//! report does not grade, and the authority is the one inspected. A wrong
//! grade is the worst answer the crate can give, so that is asserted
//! without exception. Every report is in scope, so none may be refused;
//! a judgement read short must be named in the report's warnings, and
//! none may be, nor anything else warned: every report is read whole, but
//! for the paragraphs the table names whose number the PDF prints with no
//! text (those must be warned, and no others). The lead inspector,
//! the publication date and the inspection type (short or standard, by the
//! days on site the report prints) must be the table's, and so must the
//! last paragraph number and the counts of recommendations (the local
//! authority's and the board's). Every section the report has (its
//! executive summary, SIF's context, each graded area's) must hold text: a
//! heading missed files a section's text under the one before.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use inspection_kb::{Area, Framework, Grade, IngestError, Kind, Report, Section, Warning};

/// The expected table's grade columns and the areas they name.
const AREAS: [(&str, Area); 12] = [
    ("overall", Area::Overall),
    ("help_and_protection", Area::HelpAndProtection),
    ("children_looked_after", Area::ChildrenLookedAfter),
    ("adoption", Area::Adoption),
    ("care_leavers", Area::CareLeavers),
    ("leadership", Area::Leadership),
    ("lscb", Area::Lscb),
    ("children_in_care", Area::ChildrenInCare),
    (
        "children_in_care_and_care_leavers",
        Area::ChildrenInCareAndCareLeavers,
    ),
    // 2009-2013 (SLAC) only: columns of the table of `new/` alone.
    ("capacity_to_improve", Area::CapacityToImprove),
    ("outcomes", Area::Outcomes),
    ("quality_of_provision", Area::QualityOfProvision),
];

/// A folder of the corpus (`pdfs` or `new`), if it is there; a test
/// without it says it is skipped.
fn corpus(name: &str) -> Option<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus")
        .join(name);
    if !folder.is_dir() {
        eprintln!("skipped: ../shared/corpus/{name} is absent");
    }
    folder.is_dir().then_some(folder)
}

struct Expected {
    file: String,
    ons_code: String,
    grades: BTreeMap<Area, Grade>,
    /// Lead inspector, publication date and inspection type, as written
    /// in the table ("" where the report gives none).
    front: [String; 3],
    /// The last paragraph number, the local authority's recommendations
    /// and the board's, as written in the table ("" where there are none).
    counts: [String; 3],
    /// The paragraphs whose number the PDF prints with no text after it
    /// (its text layer has none), each to be named in a warning.
    textless: Vec<u32>,
    /// When the board's review, printed in the same file, was published on
    /// a date of its own ("" where none was; the column is optional).
    board_published: String,
}

/// The rows of an expected table in `tests/data`.
fn expected(table: &str) -> Vec<Expected> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(table);
    let mut reader = csv::Reader::from_path(path).expect("the expected table is committed");
    let headers = reader.headers().expect("a header row").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let (file, code) = (column("file"), column("ons_code"));
    let front = ["lead_inspector", "published", "inspection_type"].map(column);
    let counts = ["last_paragraph", "recommendations", "lscb_recommendations"].map(column);
    let textless = column("textless_paragraphs");
    let board_published = headers.iter().position(|h| h == "board_published");
    reader
        .records()
        .map(|row| {
            let row = row.expect("a well-formed row");
            let grades = AREAS
                .iter()
                .filter_map(|&(name, area)| {
                    let at = headers.iter().position(|h| h == name)?;
                    let grade = (!row[at].is_empty()).then(|| {
                        row[at]
                            .parse::<Grade>()
                            .unwrap_or_else(|_| panic!("{}: grade {name}", &row[file]))
                    })?;
                    Some((area, grade))
                })
                .collect();
            Expected {
                file: row[file].to_string(),
                ons_code: row[code].to_string(),
                grades,
                front: front.map(|at| row[at].to_string()),
                counts: counts.map(|at| row[at].to_string()),
                textless: row[textless]
                    .split_whitespace()
                    .map(|n| n.parse().expect("a paragraph number"))
                    .collect(),
                board_published: board_published.map_or(String::new(), |at| row[at].to_string()),
            }
        })
        .collect()
}

/// Lead inspector, publication date and inspection type, as the table writes them.
fn front(report: &Report) -> [String; 3] {
    let inspection = &report.inspection;
    [
        inspection.lead_inspector.clone().unwrap_or_default(),
        inspection
            .published
            .map(|d| d.to_string())
            .unwrap_or_default(),
        inspection
            .inspection_type
            .map(|t| t.to_string())
            .unwrap_or_default(),
    ]
}

/// The last paragraph number and the counts of recommendations, as the
/// table writes them.
fn counts(report: &Report) -> [String; 3] {
    let last = report.records.iter().filter_map(|r| r.paragraph).max();
    let recommendations = |section| {
        report
            .of_kind(Kind::Recommendation)
            .filter(|r| r.section == section)
            .count()
    };
    // Every report recommends, if only none; the board's part may be absent.
    let board = match recommendations(Section::LscbRecommendations) {
        0 => String::new(),
        n => n.to_string(),
    };
    [
        last.map(|n| n.to_string()).unwrap_or_default(),
        recommendations(Section::Recommendations).to_string(),
        board,
    ]
}

/// The sections every report of its kind has text in that hold none: the
/// executive summary, SIF's context, and the section of every area the
/// report grades. A heading missed files its section's text under the one
/// before, and leaves its own empty.
fn empty_sections(report: &Report) -> Vec<Section> {
    let mut wanted = vec![Section::ExecutiveSummary];
    if report.inspection.framework == Framework::Sif {
        wanted.push(Section::Context);
    }
    wanted.extend(
        report
            .of_kind(Kind::Judgement)
            .filter_map(|r| r.area)
            .filter(|&area| area != Area::Overall)
            .map(Section::of_area),
    );
    wanted
        .into_iter()
        .filter(|&section| {
            !report
                .records
                .iter()
                .any(|r| r.section == section && matches!(r.kind, Kind::Finding | Kind::Fact))
        })
        .collect()
}

/// Whether a warning names the judgement on `area` as unread.
fn names(warning: &Warning, area: Area) -> bool {
    match warning {
        Warning::MissingJudgement { area: named, .. }
        | Warning::ConflictingGrades { area: named, .. } => *named == area,
        Warning::UnreadBoardGrade { .. } => area == Area::Lscb,
        _ => false,
    }
}

fn grades(report: &Report) -> BTreeMap<Area, Grade> {
    report
        .records
        .iter()
        .filter(|r| r.kind == Kind::Judgement)
        .filter_map(|r| Some((r.area?, r.grade?)))
        .collect()
}

/// Whether `text` holds "Inspection of Devon local authority children's
/// services", the running title of ILACS pages: its capital I tells it from
/// the reports' own "since the last inspection of local authority
/// children's services".
fn holds_running_title(text: &str) -> bool {
    text.match_indices("Inspection of ").any(|(at, _)| {
        let after: String = text[at..].chars().take(90).collect();
        after.contains("local authority children")
    })
}

#[test]
fn every_corpus_report_reads_as_the_report_states_it() {
    let Some(folder) = corpus("pdfs") else {
        return;
    };
    let expected = expected("corpus-expected.csv");
    let on_disk = std::fs::read_dir(&folder)
        .expect("the corpus folder")
        .count();
    assert_eq!(expected.len(), on_disk, "one expected row per corpus PDF");
    let reports = reads_as_stated(&folder, &expected);
    // Stored, every value stays small: sled keeps a page (up to 16 keys)
    // over a quarter of its log segment in a file of its own, read whole
    // for any key in it; a page of the corpus's listings once grew so.
    let kb_folder = tempfile::tempdir().expect("a temporary folder");
    let kb = inspection_kb::Kb::open(kb_folder.path()).expect("a new knowledge base");
    for report in &reports {
        kb.ingest(report).expect("stored");
    }
    kb.flush().expect("flushed");
    let blobs = std::fs::read_dir(kb_folder.path().join("blobs")).map_or(0, |d| d.count());
    assert_eq!(blobs, 0, "values written to files of their own");
}

#[test]
fn the_kinds_of_file_refused_before_are_read_or_refused_for_what_they_are() {
    let Some(folder) = corpus("new") else {
        return;
    };
    let expected = expected("corpus-new-expected.csv");
    reads_as_stated(&folder, &expected);
    for entry in std::fs::read_dir(&folder).expect("the folder") {
        let path = entry.expect("an entry").path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if expected.iter().any(|row| row.file == name) {
            continue;
        }
        let refused = Report::parse_file(&path).expect_err(&name);
        let IngestError::File { source, .. } = &refused else {
            panic!("{name}: {refused}");
        };
        // Every report is read: the one file refused is a web page, refused as one.
        assert!(
            matches!(**source, IngestError::WebPage),
            "{name}: {refused}"
        );
    }
}

/// Reads every report of `expected` in `folder`, checks each against its
/// row, and returns them.
fn reads_as_stated(folder: &Path, expected: &[Expected]) -> Vec<Report> {
    let (mut refused, mut incomplete, mut wrong) = (Vec::new(), Vec::new(), Vec::new());
    let mut reports = Vec::new();
    let mut warned = Vec::new();
    for row in expected {
        let report = match Report::parse_file(folder.join(&row.file)) {
            Ok(report) => report,
            Err(error) => {
                refused.push(error.to_string());
                continue;
            }
        };
        let code = report
            .inspection
            .authority
            .code
            .as_deref()
            .unwrap_or("none");
        if code != row.ons_code {
            wrong.push(format!(
                "{}: authority {code}, expected {}",
                row.file, row.ons_code
            ));
        }
        let read = grades(&report);
        for (area, grade) in &read {
            match row.grades.get(area) {
                Some(want) if want == grade => {}
                want => wrong.push(format!(
                    "{}: {area} read {grade}, the report says {want:?}",
                    row.file
                )),
            }
        }
        if read.len() < row.grades.len() {
            let missing: Vec<Area> = row
                .grades
                .keys()
                .copied()
                .filter(|a| !read.contains_key(a))
                .collect();
            incomplete.push(format!("{}: not read {missing:?}", row.file));
            for area in missing {
                if !report.warnings.iter().any(|w| names(w, area)) {
                    wrong.push(format!(
                        "{}: {area} not read, and no warning says so",
                        row.file
                    ));
                }
            }
        }
        let (mut textless, mut board_published) = (Vec::new(), String::new());
        for warning in &report.warnings {
            match warning {
                Warning::NoText { position, .. } => textless.extend(position.paragraph()),
                Warning::BoardPublishedApart { published } => {
                    board_published = published.map(|date| date.to_string()).unwrap_or_default();
                }
                _ => warned.push(format!("{}: {warning}", row.file)),
            }
        }
        if board_published != row.board_published {
            wrong.push(format!(
                "{}: the board's review published apart on {board_published:?}, the report says {:?}",
                row.file, row.board_published
            ));
        }
        if textless != row.textless {
            wrong.push(format!(
                "{}: paragraphs {textless:?} warned as without text, the report has {:?}",
                row.file, row.textless
            ));
        }
        // Nor is the running title of ILACS pages ("Inspection of Devon
        // local authority children's services").
        for record in report.records.iter().filter(|r| r.kind != Kind::Report) {
            if holds_running_title(&record.text) {
                wrong.push(format!(
                    "{}: {} holds a page's running title",
                    row.file, record.key
                ));
            }
            // The front page's dates are the inspection's, not its text.
            if record.text.starts_with("Inspection date") {
                wrong.push(format!(
                    "{}: {} is the inspection dates",
                    row.file, record.key
                ));
            }
        }
        // Ofsted's closing page (the same in every report) is not stored,
        // even where the extractor runs it into the last paragraph.
        for record in &report.records {
            let closing = [
                "regulates and inspects to achieve excellence",
                "crown copyright",
                "open government licence",
                // "What the inspection judgements mean", the same in every SIF report.
                "an outstanding local authority leads highly effective services",
            ];
            if let Some(words) = closing
                .iter()
                .find(|w| inspection_kb::contains_phrase(&record.text, w))
            {
                wrong.push(format!(
                    "{}: {} holds Ofsted's standard text '{words}'",
                    row.file, record.key
                ));
            }
        }
        let empty = empty_sections(&report);
        if !empty.is_empty() {
            wrong.push(format!("{}: no text in {empty:?}", row.file));
        }
        if counts(&report) != row.counts {
            wrong.push(format!(
                "{}: last paragraph, recommendations, board's recommendations read {:?}, the report has {:?}",
                row.file,
                counts(&report),
                row.counts
            ));
        }
        if front(&report) != row.front {
            wrong.push(format!(
                "{}: lead inspector, published, type read {:?}, the report says {:?}",
                row.file,
                front(&report),
                row.front
            ));
        }
        reports.push(report);
    }
    eprintln!(
        "{} reports: {} read, {} refused, {} read short",
        expected.len(),
        expected.len() - refused.len(),
        refused.len(),
        incomplete.len()
    );
    for line in refused.iter().chain(&incomplete).chain(&warned) {
        eprintln!("  {line}");
    }
    assert!(wrong.is_empty(), "read wrong:\n{}", wrong.join("\n"));
    assert!(refused.is_empty(), "refused:\n{}", refused.join("\n"));
    // Every report of the corpus is read whole: no judgement short, nothing
    // else unread.
    assert!(
        incomplete.is_empty(),
        "read short:\n{}",
        incomplete.join("\n")
    );
    assert!(warned.is_empty(), "warnings:\n{}", warned.join("\n"));
    reports
}

#[test]
fn a_boards_review_published_alone_joins_its_inspection_in_either_order() {
    let Some(folder) = corpus("new") else {
        return;
    };
    let pdf = folder.join("kingston_upon_hull_single_inspection_of_la_children's_services_as_pdf_-_10_february_2015.pdf");
    let text = inspection_kb::pdf_text(&std::fs::read(&pdf).unwrap()).unwrap();
    // The file holds the two publications: cut it where the board's review
    // begins, after the local authority's closing page.
    let closing = text.find("The Office for Standards in Education").unwrap();
    let review = closing
        + text[closing..]
            .find("Inspection of the effectiveness of the local safeguarding children board")
            .unwrap();
    let (authority, board) = (&text[..review], &text[review..]);
    let alone = Report::parse(board).unwrap();
    assert_eq!(
        alone.inspection.authority.code.as_deref(),
        Some("E06000010")
    );
    assert_eq!(
        grades(&alone),
        BTreeMap::from([(Area::Lscb, Grade::RequiresImprovement)])
    );
    assert_eq!(alone.of_kind(Kind::Recommendation).count(), 7);
    assert!(alone.warnings.is_empty(), "{:?}", alone.warnings);

    let joined = inspection_kb::Kb::temporary().unwrap();
    joined.ingest_file(&pdf).unwrap();
    let whole: Vec<_> = joined
        .scan(&inspection_kb::Scope::All)
        .map(Result::unwrap)
        .collect();
    for order in [[authority, board], [board, authority]] {
        let kb = inspection_kb::Kb::temporary().unwrap();
        for part in order {
            kb.ingest(&Report::parse(part).unwrap()).unwrap();
        }
        let merged: Vec<_> = kb
            .scan(&inspection_kb::Scope::All)
            .map(Result::unwrap)
            .collect();
        assert_eq!(merged.len(), whole.len());
        for (a, b) in merged.iter().zip(&whole) {
            assert_eq!(
                (&a.key, a.kind, a.area, a.grade),
                (&b.key, b.kind, b.area, b.grade)
            );
            assert_eq!(
                (a.published, &a.lead_inspector),
                (b.published, &b.lead_inspector)
            );
            // A judgement's label is the row's or the sentence's, as read.
            if a.kind != Kind::Judgement {
                assert_eq!(a.text, b.text, "{}", a.key);
            }
        }
        // The review was published a week after the authority's report:
        // said alike whether it is read from one file or from two.
        assert_eq!(said(&kb), said(&joined));
    }
    assert_eq!(
        said(&joined),
        [
            "the board's review was published apart, on 2015-02-10: its records give the date the local authority's report was published"
        ]
    );
}

/// The warnings of a knowledge base's reports, as printed.
fn said(kb: &inspection_kb::Kb) -> Vec<String> {
    let warnings = kb.stats().unwrap().warnings;
    warnings.iter().map(|w| w.warning.to_string()).collect()
}
