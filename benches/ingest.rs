//! Report parsing throughput on the seed reports (MB/s in criterion's output).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use inspection_kb::Report;

fn parse_seeds(c: &mut Criterion) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut texts: Vec<(String, String)> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    texts.sort();
    let mut group = c.benchmark_group("ingest/parse");
    let total: usize = texts.iter().map(|(_, t)| t.len()).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("all seven seeds", |b| {
        b.iter(|| {
            for (_, text) in &texts {
                black_box(Report::parse(black_box(text)).unwrap());
            }
        })
    });
    group.finish();
}

/// Text without page breaks whose every line opens like a footnote ("1 A
/// ..."), at two sizes: parsing must stay linear in the text (a footnote
/// rule that counted to the page's end on every such line took 8.7 s for
/// 200,000 lines).
fn parse_footnote_like_lines(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest/parse footnote-like lines");
    group.sample_size(10);
    for lines in [20_000, 40_000] {
        let text = format!(
            "Inspection of Slough local authority children's services\nInspection dates: 1 to 5 May 2022\n{}",
            "1 A footnote-like line\n".repeat(lines)
        );
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(format!("{lines} lines"), |b| {
            b.iter(|| black_box(Report::parse(black_box(&text)).is_ok()))
        });
    }
    group.finish();
}

/// The published PDFs, read directly: MB/s, and pages/s.
#[cfg(feature = "pdf")]
fn parse_pdfs(c: &mut Criterion) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/pdf");
    let pdfs: Vec<Vec<u8>> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| std::fs::read(e.unwrap().path()).unwrap())
        .collect();
    let bytes: usize = pdfs.iter().map(Vec::len).sum();
    let pages: usize = pdfs
        .iter()
        .map(|pdf| {
            pdf_extract::Document::load_mem(pdf)
                .unwrap()
                .get_pages()
                .len()
        })
        .sum();
    for (unit, throughput) in [
        ("bytes", Throughput::Bytes(bytes as u64)),
        ("pages", Throughput::Elements(pages as u64)),
    ] {
        let mut group = c.benchmark_group(format!("ingest/pdf ({unit})"));
        group.throughput(throughput);
        group.sample_size(10);
        group.bench_function("all seven PDFs", |b| {
            b.iter(|| {
                for pdf in &pdfs {
                    black_box(Report::parse_pdf(black_box(pdf)).unwrap());
                }
            })
        });
        group.finish();
    }
}

#[cfg(not(feature = "pdf"))]
fn parse_pdfs(_: &mut Criterion) {}

criterion_group!(benches, parse_seeds, parse_footnote_like_lines, parse_pdfs);
criterion_main!(benches);
