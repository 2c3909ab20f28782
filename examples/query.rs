//! Runs one query on a knowledge base of the seed reports (compiled in, so
//! it runs from any folder), or on the knowledge base in `--db FOLDER`, and
//! prints the answer: one line per record (the authority and inspection, its
//! grade or text, and the key that cites it),
//! one line per group of a count, or the plan for `explain`.
//!
//!     cargo run --release --example query -- "judgement where area = 'care leavers'"
//!     cargo run --release --example query -- --db my-kb "count judgement group by grade"

use std::path::PathBuf;
use std::process::ExitCode;

use inspection_kb::Answer;
use inspection_kb::{Error, Kb, Record};

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let db = match args.iter().position(|a| a == "--db") {
        Some(at) if at + 1 < args.len() => {
            let folder = PathBuf::from(args.remove(at + 1));
            args.remove(at);
            Some(folder)
        }
        _ => None,
    };
    let [query] = args.as_slice() else {
        eprintln!("usage: query [--db FOLDER] \"QUERY\"");
        return ExitCode::from(2);
    };
    match run(db, query) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Error::Query(error)) => {
            eprintln!("{error}");
            ExitCode::from(2)
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}

fn run(db: Option<PathBuf>, query: &str) -> Result<(), Error> {
    let kb = match db {
        Some(folder) => Kb::open(folder)?,
        None => Kb::seeded()?,
    };
    match kb.query(query)? {
        Answer::Records(records) => {
            let mut count = 0;
            for record in records {
                println!("{}", line(&record?));
                count += 1;
            }
            println!("({count} records)");
        }
        Answer::Counts(counts) => {
            for (values, count) in &counts.rows {
                let groups: Vec<String> = counts
                    .fields
                    .iter()
                    .zip(values)
                    .map(|(field, value)| match value {
                        Some(value) => format!("{field}={value}"),
                        None => format!("{field}=(none)"),
                    })
                    .chain([format!("count={count}")])
                    .collect();
                println!("{}", groups.join(" "));
            }
        }
        Answer::Explain(plan) => print!("{plan}"),
    }
    Ok(())
}

/// The authority as readers know it, then what the record says, then the
/// key it is cited by.
fn line(record: &Record) -> String {
    let detail = match record.grade {
        Some(grade) => format!("{grade}: {}", record.text),
        None => record.text.chars().take(100).collect(),
    };
    format!(
        "{} {}: {detail} [{}]",
        record.authority, record.inspection, record.key
    )
}
