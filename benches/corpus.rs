//! The development corpus (`../shared/corpus/pdfs`, 131 published PDFs)
//! read three ways in one run, one core, files already in memory:
//!
//! - `page 1`: the first page's text only, which is all the peer scraper
//!   reads (its grade table), with the same extractor as ours;
//! - `text`: every page's text (what `pdf_text` gives);
//! - `kb`: every page read into records and stored in a knowledge base on
//!   disk, flushed: what `ikb ingest` does;
//! - `lopdf text`: every page's text by the other pure-Rust extractor in
//!   the dependency tree, lopdf's own `extract_text` (pdf-extract reads
//!   with lopdf, then places text by its coordinates): its speed, and how
//!   many reports its text reads as pdf-extract's does (the same
//!   judgements; pdf-extract's are checked against hand-read tables by
//!   `tests/corpus.rs`).
//!
//! Each is run `RUNS` times; the medians and their ratios to `page 1` are
//! printed, one line per figure:
//! `corpus: <figure> pdfs=<n> seconds=<median> ratio=<to page 1>`.

use std::path::Path;
use std::time::{Duration, Instant};

use inspection_kb::{Kb, Report};

const RUNS: usize = 3;

fn main() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pdfs");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        eprintln!("skipped: {} is absent", folder.display());
        return;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    let pdfs: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).unwrap()).collect();
    let megabytes = pdfs.iter().map(Vec::len).sum::<usize>() as f64 / 1e6;
    println!("{} PDFs, {megabytes:.1} MB", pdfs.len());

    let page_one = median(|| {
        for pdf in &pdfs {
            std::hint::black_box(first_page_text(pdf));
        }
    });
    let text = median(|| {
        for pdf in &pdfs {
            std::hint::black_box(inspection_kb::pdf_text(pdf).unwrap());
        }
    });
    let stored = median(|| {
        let folder = tempfile::tempdir().unwrap();
        let kb = Kb::open(folder.path()).unwrap();
        for pdf in &pdfs {
            kb.ingest(&Report::parse_pdf(pdf).unwrap()).unwrap();
        }
        kb.flush().unwrap();
    });
    let lopdf = median(|| {
        for pdf in &pdfs {
            std::hint::black_box(lopdf_text(pdf));
        }
    });
    let alike = pdfs
        .iter()
        .filter(|pdf| {
            let ours = Report::parse_pdf(pdf).map(|r| judgements(&r));
            let theirs = lopdf_text(pdf).and_then(|text| Report::parse(&text).ok());
            matches!((ours, theirs), (Ok(ours), Some(theirs)) if ours == judgements(&theirs))
        })
        .count();
    println!(
        "corpus: lopdf text read as pdf-extract's: {alike} of {} reports",
        pdfs.len()
    );
    for (figure, time) in [
        ("page 1", page_one),
        ("text", text),
        ("kb", stored),
        ("lopdf text", lopdf),
    ] {
        println!(
            "corpus: {figure} pdfs={} seconds={:.2} ratio={:.2}",
            pdfs.len(),
            time.as_secs_f64(),
            time.as_secs_f64() / page_one.as_secs_f64()
        );
    }
}

/// The text of page 1 alone, as a page-1 scraper reads it.
fn first_page_text(pdf: &[u8]) -> String {
    let document = pdf_extract::Document::load_mem(pdf).unwrap();
    let mut text = String::new();
    let mut output = pdf_extract::PlainTextOutput::new(&mut text);
    pdf_extract::output_doc_page(&document, &mut output, 1).unwrap();
    text
}

/// Every page's text by lopdf's `extract_text`; `None` where it fails.
fn lopdf_text(pdf: &[u8]) -> Option<String> {
    let document = pdf_extract::Document::load_mem(pdf).ok()?;
    let pages: Vec<u32> = document.get_pages().keys().copied().collect();
    document.extract_text(&pages).ok()
}

/// A report's judgements: area and grade, in order.
fn judgements(report: &Report) -> Vec<(Option<inspection_kb::Area>, Option<inspection_kb::Grade>)> {
    report
        .records
        .iter()
        .filter(|r| r.kind == inspection_kb::Kind::Judgement)
        .map(|r| (r.area, r.grade))
        .collect()
}

fn median(mut run: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[RUNS / 2]
}
