//! Reads every report text in a folder (the seed reports by default) and
//! prints one line per report: authority, framework, dates, judgements and
//! counts of records by kind. A refused file is reported with its reason and
//! the program exits 1.
//!
//!     cargo run --example summary [-- FOLDER]

use std::path::PathBuf;
use std::process::ExitCode;

use inspection_kb::{Kind, Report};

fn main() -> ExitCode {
    let folder = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("seeds"), PathBuf::from);
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&folder) {
        Ok(entries) => entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect(),
        Err(error) => {
            eprintln!("{}: {error}", folder.display());
            return ExitCode::FAILURE;
        }
    };
    paths.sort();
    let mut refused = 0;
    for path in &paths {
        match Report::parse_file(path) {
            Ok(report) => println!("{}", summary(&report)),
            Err(error) => {
                eprintln!("refused {error}");
                refused += 1;
            }
        }
    }
    println!(
        "reports read: {}, refused: {refused}",
        paths.len() - refused
    );
    if refused == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn summary(report: &Report) -> String {
    let inspection = &report.inspection;
    let judgements: Vec<String> = report
        .of_kind(Kind::Judgement)
        .filter_map(|j| Some(format!("{}={}", j.area?, j.grade?)))
        .collect();
    let counts: Vec<String> = Kind::ALL
        .iter()
        .map(|&kind| format!("{kind}s={}", report.of_kind(kind).count()))
        .collect();
    format!(
        "{} {} {} to {} published {} | {} | {}",
        inspection.authority.name,
        inspection.framework,
        inspection.inspected_from,
        inspection.inspected_to,
        inspection
            .published
            .map_or_else(|| "-".to_string(), |d| d.to_string()),
        judgements.join(", "),
        counts.join(" "),
    )
}
