//! The published PDFs read directly give what their text extractions give.
#![cfg(feature = "pdf")]

use std::path::Path;

use inspection_kb::{IngestError, Kind, Record, Report};

const REPORTS: [&str; 7] = [
    "bradford-2023-ilacs",
    "kingston-upon-thames-2015-sif",
    "kingston-upon-thames-2019-ilacs",
    "leeds-2015-sif",
    "north-northamptonshire-2026-ilacs",
    "rotherham-2014-sif",
    "slough-2023-ilacs",
];

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn from_pdf(name: &str) -> Report {
    Report::parse_file(manifest().join(format!("tests/data/pdf/{name}.pdf")))
        .unwrap_or_else(|e| panic!("{e}"))
}

fn from_text(name: &str) -> Report {
    Report::parse_file(manifest().join(format!("seeds/{name}.txt"))).unwrap()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn numbered(report: &Report) -> Vec<&Record> {
    report
        .records
        .iter()
        .filter(|r| r.paragraph.is_some())
        .collect()
}

#[test]
fn pdfs_give_the_judgements_dates_and_authority_of_their_text() {
    for name in REPORTS {
        let (pdf, text) = (from_pdf(name), from_text(name));
        assert_eq!(pdf.inspection, text.inspection, "{name}");
        let judgements = |r: &Report| {
            r.of_kind(Kind::Judgement)
                .map(|j| (j.area, j.grade))
                .collect::<Vec<_>>()
        };
        assert_eq!(judgements(&pdf), judgements(&text), "{name}");
    }
}

#[test]
fn pdfs_give_the_same_paragraphs_and_nearly_all_the_same_text() {
    let mut same = 0;
    let mut total = 0;
    for name in REPORTS {
        let (pdf, text) = (from_pdf(name), from_text(name));
        let (pdf, text) = (numbered(&pdf), numbered(&text));
        let numbers = |records: &[&Record]| {
            records
                .iter()
                .map(|r| (r.paragraph, r.kind, r.section))
                .collect::<Vec<_>>()
        };
        assert_eq!(numbers(&pdf), numbers(&text), "{name}");
        let equal = pdf
            .iter()
            .zip(&text)
            .filter(|(a, b)| collapse(&a.text) == collapse(&b.text))
            .count();
        println!(
            "{name}: {equal} of {} paragraphs have the same text",
            text.len()
        );
        same += equal;
        total += text.len();
    }
    let share = same as f64 / total as f64;
    println!("all: {same} of {total} ({:.1}%)", share * 100.0);
    assert!(
        share >= 0.95,
        "only {:.1}% of paragraphs match",
        share * 100.0
    );
}

#[test]
fn pdfs_without_text_are_refused() {
    let refused = |bytes: &[u8]| match Report::parse_pdf(bytes) {
        Err(IngestError::Pdf { reason }) => reason,
        other => panic!("{other:?}"),
    };
    assert_eq!(refused(b"not a pdf"), "it does not start with `%PDF-`");
    let real = std::fs::read(manifest().join("tests/data/pdf/slough-2023-ilacs.pdf")).unwrap();
    for cut in [10, 1000, real.len() / 2] {
        assert!(
            refused(&real[..cut]).starts_with("it is damaged"),
            "cut at {cut}"
        );
    }
    assert_eq!(
        refused(&blank_page_pdf()),
        "it has no text layer (is it a scan?)"
    );
    // The Slough report encrypted with a password by qpdf (AES-256).
    let encrypted =
        std::fs::read(manifest().join("tests/data/pdf-refused/slough-encrypted-aes256.pdf"))
            .unwrap();
    assert_eq!(refused(&encrypted), "it is encrypted");
}

/// A one-page PDF with nothing on the page, as a scan without OCR reads.
fn blank_page_pdf() -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for offset in offsets {
        pdf.extend(format!("{offset:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes());
    pdf
}
