//! The query language: parse time per query, and execution time per query
//! class on the knowledge base of the seed reports.

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use inspection_kb::Answer;
use inspection_kb::{Kb, Query};

/// The examples of DESIGN.md, and one query per class the planner treats apart.
const QUERIES: [(&str, &str); 8] = [
    ("area equality", "judgement where area = 'care leavers'"),
    (
        "authority and phrase",
        "recommendation where authority = 'Kingston upon Thames' and text contains 'return home'",
    ),
    (
        "count by area",
        "count judgement where grade <= 'requires improvement' group by area",
    ),
    (
        "phrase and area, ordered",
        "finding where area = 'adoption' and text contains 'sibling' order by paragraph limit 5",
    ),
    (
        "grade range and framework",
        "judgement where grade <= 'requires improvement' and framework = 'ILACS'",
    ),
    (
        "paragraph range",
        "finding where paragraph between 85 and 97 and authority = 'Kingston upon Thames'",
    ),
    ("latest first", "report order by inspected_to desc limit 3"),
    ("scan", "any where text != 'x'"),
];

fn seed_kb() -> Kb {
    let kb = Kb::temporary().unwrap();
    for entry in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            kb.ingest_file(&path).unwrap();
        }
    }
    kb
}

fn parse(c: &mut Criterion) {
    let mut group = c.benchmark_group("query/parse");
    for (name, text) in QUERIES {
        group.bench_function(name, |b| b.iter(|| Query::parse(black_box(text)).unwrap()));
    }
    group.finish();
}

fn execute(c: &mut Criterion) {
    let kb = seed_kb();
    let mut group = c.benchmark_group("query/execute");
    for (name, text) in QUERIES {
        let query = Query::parse(text).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| match query.run(&kb).unwrap() {
                Answer::Records(records) => black_box(records.count()),
                Answer::Counts(counts) => black_box(counts.rows.len()),
                Answer::Explain(plan) => black_box(plan.len()),
            })
        });
    }
    group.finish();
}

criterion_group!(benches, parse, execute);
criterion_main!(benches);
