//! What a tool that links the crate does: open a knowledge base in a folder,
//! ingest a folder of reports (reporting the ones it refuses), prepare a
//! query once, run it, and read typed records with their provenance.
//!
//!     cargo run --example embed [-- REPORTS_FOLDER [KB_FOLDER]]
//!
//! Without arguments it reads `seeds/` into a knowledge base in a temporary
//! folder.

use std::path::{Path, PathBuf};

use inspection_kb::Answer;
use inspection_kb::{Error, Grade, Kb, Kind};

fn main() -> Result<(), Error> {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let reports = args
        .next()
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"));
    let scratch = std::env::temp_dir().join(format!("inspection-kb-embed-{}", std::process::id()));
    let folder = args.next().unwrap_or_else(|| scratch.clone());

    let kb = Kb::open(&folder)?;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&reports)
        .map_err(|source| inspection_kb::IngestError::Io {
            path: reports.clone(),
            source,
        })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
        .collect();
    paths.sort();
    for path in &paths {
        match kb.ingest_file(path) {
            Ok(report) => println!(
                "stored {} ({} records)",
                report.inspection.authority.name,
                report.records.len()
            ),
            // A refused report is named with its reason; the others go on.
            Err(Error::Ingest(refused)) => println!("refused {refused}"),
            Err(other) => return Err(other),
        }
    }
    kb.flush()?;

    // Prepared once, run as often as needed.
    let inadequate =
        kb.prepare("judgement where grade = 'inadequate' order by inspected_to desc")?;
    if let Answer::Records(records) = inadequate.run(&kb)? {
        for record in records {
            let record = record?;
            // Typed fields: no string parsing on this side.
            assert_eq!(record.kind, Kind::Judgement);
            assert_eq!(record.grade, Some(Grade::Inadequate));
            let area = record.area.map_or("?".to_string(), |a| a.to_string());
            println!(
                "{} {} {}: inadequate ({})",
                record.authority, record.inspection, area, record.key
            );
        }
    }

    // A bad query is an error value with a caret, not a panic.
    match kb.prepare("judgement where grade = 3") {
        Err(error) => println!("{error}"),
        Ok(_) => println!("unexpectedly accepted"),
    }

    drop(kb);
    if folder == scratch {
        std::fs::remove_dir_all(&scratch).map_err(|source| inspection_kb::IngestError::Io {
            path: scratch,
            source,
        })?;
    }
    Ok(())
}
