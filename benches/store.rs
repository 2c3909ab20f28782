//! The store: ingest of the seed reports into an empty knowledge base, and
//! index questions (counted) on the seed knowledge base. Figures are in criterion's
//! output, never in tests.

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use inspection_kb::{Date, Kb, Report, Scope};

fn seed_reports() -> Vec<Report> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let mut paths: Vec<_> = std::fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| Report::parse_file(p).unwrap())
        .collect()
}

fn ingest_seeds(c: &mut Criterion) {
    let reports = seed_reports();
    let records: usize = reports.iter().map(|r| r.records.len()).sum();
    let mut group = c.benchmark_group("store/ingest");
    group.throughput(Throughput::Elements(records as u64));
    group.sample_size(10);
    group.bench_function("seven seeds into an empty kb", |b| {
        b.iter_batched(
            || Kb::temporary().unwrap(),
            |kb| {
                for report in &reports {
                    kb.ingest(report).unwrap();
                }
                kb
            },
            BatchSize::PerIteration,
        )
    });
    let kb = Kb::temporary().unwrap();
    group.bench_function("seven seeds replacing themselves", |b| {
        b.iter(|| {
            for report in &reports {
                kb.ingest(report).unwrap();
            }
        })
    });
    group.finish();
}

fn lookups(c: &mut Criterion) {
    let kb = Kb::temporary().unwrap();
    for report in seed_reports() {
        kb.ingest(&report).unwrap();
    }
    let date = |s: &str| s.parse::<Date>().unwrap();
    // Counted, so that only the indexes are read, as a lookup reads them.
    let cases = [
        "count any where kind = 'judgement'",
        "count any where area = 'care leavers'",
        "count any where grade <= 'requires improvement'",
        "count any where authority = 'Kingston upon Thames'",
        "count any where inspected_to between 2015-01-01 and 2015-12-31",
        "count any where refs = 48",
        "count any where text contains 'return home'",
        "count any where text contains 'children'",
    ];
    let mut group = c.benchmark_group("store/lookup");
    for query in cases {
        let prepared = kb.prepare(query).unwrap();
        group.bench_function(query, |b| {
            b.iter(|| black_box(prepared.run(black_box(&kb)).unwrap()))
        });
    }
    let key = "kingston-upon-thames/2015-06-18/help-and-protection/17"
        .parse()
        .unwrap();
    group.bench_function("get one record", |b| {
        b.iter(|| black_box(kb.get(black_box(&key)).unwrap()))
    });
    let prefix = Scope::Inspection("Leeds".into(), date("2015-02-11"));
    group.bench_function("scan one inspection", |b| {
        b.iter(|| kb.scan(black_box(&prefix)).count())
    });
    group.finish();
}

criterion_group!(benches, ingest_seeds, lookups);
criterion_main!(benches);
