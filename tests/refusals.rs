//! What is not a supported report is refused with a reason and, where it
//! applies, the line; never a panic. (A report read in part is not
//! refused: see `unread.rs`.)

mod common;
use common::{seed_text, without_line};

use std::path::{Path, PathBuf};

use inspection_kb::{IngestError, Report};

#[test]
fn empty_and_blank_text() {
    assert!(matches!(Report::parse(""), Err(IngestError::Empty)));
    assert!(matches!(
        Report::parse(" \n\t\n  "),
        Err(IngestError::Empty)
    ));
}

#[test]
fn binary_input() {
    assert!(matches!(
        Report::parse("Inspection of\0\0\0"),
        Err(IngestError::NotText { .. })
    ));
    let not_utf8 = [0x25, 0x50, 0x44, 0x46, 0xff, 0xfe, 0x00, 0x81];
    let error = Report::parse_bytes(&not_utf8).unwrap_err();
    assert_eq!(error.to_string(), "the input is not text: it is not UTF-8");
    let controls: String = std::iter::repeat_n('\u{7}', 50)
        .chain("Inspection of x".chars())
        .collect();
    assert!(matches!(
        Report::parse(&controls),
        Err(IngestError::NotText { .. })
    ));
}

#[test]
fn a_readme_is_not_a_report() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let error = Report::parse(&readme).unwrap_err();
    assert!(matches!(error, IngestError::NotAReport { .. }), "{error}");
    assert!(
        error
            .to_string()
            .starts_with("not an inspection report of local authority children's services")
    );
}

#[test]
fn a_monitoring_visit_letter_is_refused_with_its_line() {
    let letter = "\n\n7 June 2022\nDear Ms Smith\n\nMonitoring visit to Slough local authority children\u{2019}s services\n\n\
                  This letter summarises the findings of the monitoring visit.";
    let error = Report::parse(letter).unwrap_err();
    assert!(
        matches!(
            error,
            IngestError::Unsupported {
                what: "monitoring visit letter",
                line: 6
            }
        ),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .starts_with("line 6: this is a monitoring visit letter")
    );
}

#[test]
fn a_pre_2013_report_of_a_kind_not_read_is_refused_as_such() {
    let old = "Inspection of safeguarding and looked after children services\nLeeds City Council\n\
               Inspection dates: 1 \u{2013} 12 March 2010\n\nOverall effectiveness Adequate\n";
    let error = Report::parse(old).unwrap_err();
    assert!(
        matches!(error, IngestError::EarlierFramework { line: 1, .. }),
        "{error}"
    );
    assert!(error.to_string().contains(
        "2009-2013 inspection of safeguarding and looked after children services, of the framework before SIF"
    ));
    // Kent 2013: "Inspection of looked after children" / "services", a
    // kind that is read; cut short, it lacks its record of main findings.
    let looked_after = "Inspection of looked after children\nservices\nKent County Council\n\
                        Inspection dates:  15 \u{2013} 19 July 2013\n";
    let error = Report::parse(looked_after).unwrap_err();
    assert!(
        matches!(error, IngestError::Truncated { line: 4, .. }),
        "{error}"
    );
    assert!(
        error
            .to_string()
            .ends_with("without its record of main findings; is the report cut short?"),
        "{error}"
    );
    // An old-scale grade in a table is refused even under a newer title.
    let old_scale = "Inspection of services for children in need of help and protection\n\
                     Inspection dates: 1 \u{2013} 12 March 2012\n\nOverall effectiveness\nAdequate\n";
    let error = Report::parse(old_scale).unwrap_err();
    assert!(
        matches!(error, IngestError::OldScale { line: 5, .. }),
        "{error}"
    );
}

#[test]
fn a_report_without_dates() {
    let text = without_line(&seed_text("slough-2023-ilacs.txt"), "Inspection dates");
    let error = Report::parse(&text).unwrap_err();
    assert!(
        matches!(
            error,
            IngestError::Missing { .. } | IngestError::NotAReport { .. }
        ),
        "{error}"
    );
}

#[test]
fn refusals_of_files_name_the_file() {
    let missing = PathBuf::from("no/such/report.txt");
    let error = Report::parse_file(&missing).unwrap_err();
    assert!(matches!(error, IngestError::Io { .. }));
    assert!(
        error
            .to_string()
            .starts_with("no/such/report.txt: cannot read the file"),
        "{error}"
    );

    let readme = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/README.md");
    let error = Report::parse_file(&readme).unwrap_err();
    assert!(
        matches!(&error, IngestError::File { source, .. } if matches!(**source, IngestError::NotAReport { .. }))
    );
    assert!(
        error
            .to_string()
            .contains("seeds/README.md: not an inspection report"),
        "{error}"
    );
}

#[test]
fn a_web_page_saved_as_a_pdf_is_refused_as_a_web_page() {
    // The published record holds a "Report not found" page saved under a
    // report's name, `.pdf` and all.
    let page = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../shared/corpus/new/birmingham_children's_services_inspection_-_19_october_2012.pdf",
    );
    let bytes = if page.is_file() {
        std::fs::read(&page).unwrap()
    } else {
        eprintln!("skipped the published page: {} is absent", page.display());
        b"<!DOCTYPE html>\n<html lang=\"en\"><head><title>Report not found</title></head></html>"
            .to_vec()
    };
    let error = Report::parse_bytes(&bytes).unwrap_err();
    assert!(matches!(error, IngestError::WebPage), "{error}");
    assert!(error.to_string().starts_with("this is a web page (HTML)"));
    // Reflowed report text may keep paragraph tags; it is not a web page.
    let tagged = seed_text("slough-2023-ilacs.txt").replacen("Inspection", "<p>Inspection", 1);
    assert!(!matches!(Report::parse(&tagged), Err(IngestError::WebPage)));
}
