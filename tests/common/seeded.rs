//! The knowledge base of the seed reports, and questions put to it, for
//! the tests of the query language (`query.rs`) and of the analysts'
//! questions (`analysis.rs`).

use std::path::Path;
use std::sync::OnceLock;

use inspection_kb::{Answer, Counts, Error, Kb, Record};

/// The knowledge base of the seed reports, made once per test binary.
pub fn kb() -> &'static Kb {
    static KB: OnceLock<Kb> = OnceLock::new();
    KB.get_or_init(|| {
        let kb = Kb::temporary().unwrap();
        let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                kb.ingest_file(&path).unwrap();
            }
        }
        kb
    })
}

/// The records that answer `query`.
pub fn records(query: &str) -> Vec<Record> {
    match kb().query(query).unwrap_or_else(|e| panic!("{e}")) {
        Answer::Records(records) => records.collect::<Result<_, _>>().unwrap(),
        _ => panic!("{query} does not list records"),
    }
}

/// The keys of the records that answer `query`.
pub fn keys(query: &str) -> Vec<String> {
    records(query).iter().map(|r| r.key.to_string()).collect()
}

/// The counts that answer `query`.
pub fn counts(query: &str) -> Counts {
    match kb().query(query).unwrap() {
        Answer::Counts(counts) => counts,
        _ => panic!("{query} does not count"),
    }
}

/// The error that refuses `query`, rendered.
pub fn error(query: &str) -> String {
    match kb().query(query) {
        Err(Error::Query(error)) => error.to_string(),
        Err(other) => panic!("{query}: not a query error: {other}"),
        Ok(_) => panic!("{query}: accepted"),
    }
}
