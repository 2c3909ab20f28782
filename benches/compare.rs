//! The knowledge base side by side with SQLite (a table with the indexes a
//! competent engineer would add, and FTS5 for text), on the same records in
//! one run: ingest throughput, bytes on disk, and the median latency of the
//! same questions, each as a query of the language and as its SQL twin
//! (window functions for `latest` and `change`). The answers of both are
//! checked to be the same.
//!
//!     COMPARE_RECORDS=10000,100000 cargo bench --bench compare
//!     COMPARE_RECORDS=corpus cargo bench --bench compare
//!
//! `corpus` is the real record: every PDF of `../shared/corpus` (its
//! `pdfs/` and `new/`) that reads as a report. `COMPARE_KEEP=DIR` keeps
//! both stores of the last run there (`DIR/kb`, `DIR/sqlite.db`), for the
//! process-level comparison: with `COMPARE_PROCESSES=1` each question is
//! also asked as a whole process, `ikb` against the `sqlite3` shell
//! (`benches/processes.sh` installs the shell where it is missing and runs
//! it on the real record).
//!
//! Besides the table, one line per figure for scripts:
//! `compare: <figure> records=<n> kb=<median> sqlite=<median> ratio=<kb/sqlite>`.

#[path = "support/corpus.rs"]
mod corpus;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use inspection_kb::Answer;
use inspection_kb::{Grade, Kb, Query, Record, Report};
use rusqlite::{Connection, params};

/// Runs of each question; the median is reported.
const RUNS: usize = 15;
/// Runs of each whole process: a process's time varies more than a
/// question's in process, and each takes milliseconds.
const PROCESS_RUNS: usize = 81;

fn main() {
    let sizes: Vec<Size> = std::env::var("COMPARE_RECORDS")
        .unwrap_or_else(|_| "10000".into())
        .split(',')
        .map(|n| match n.trim() {
            "corpus" => Size::Corpus,
            n => Size::Records(
                n.parse()
                    .expect("COMPARE_RECORDS: numbers or `corpus`, separated by commas"),
            ),
        })
        .collect();
    for size in sizes {
        match size {
            Size::Corpus => compare(real_record()),
            Size::Records(target) => compare(corpus::reports(target, 42)),
        }
    }
}

/// A size asked for: records made up from the seeds, or the real record.
enum Size {
    Records(usize),
    Corpus,
}

/// Every report of `../shared/corpus` that reads as one.
fn real_record() -> Vec<Report> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    let mut reports = Vec::new();
    for folder in ["pdfs", "new"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(folder))
            .expect("../shared/corpus beside the project")
            .map(|entry| entry.unwrap().path())
            .collect();
        paths.sort();
        reports.extend(
            paths
                .iter()
                .filter_map(|path| Report::parse_file(path).ok()),
        );
    }
    reports
}

fn compare(reports: Vec<Report>) {
    let records: usize = reports.iter().map(|r| r.records.len()).sum();
    let text_bytes: usize = reports
        .iter()
        .flat_map(|r| &r.records)
        .map(|r| r.text.len())
        .sum();
    let temporary = tempfile::tempdir().unwrap();
    let kept = std::env::var_os("COMPARE_KEEP").map(std::path::PathBuf::from);
    let folder = kept.as_deref().unwrap_or(temporary.path());
    if kept.is_some() {
        // A kept folder holds the last run's stores only.
        let _ = std::fs::remove_dir_all(folder.join("kb"));
        let _ = std::fs::remove_file(folder.join("sqlite.db"));
        std::fs::create_dir_all(folder).unwrap();
    }
    println!(
        "\n== {records} records in {} reports ({:.1} MB of text)",
        reports.len(),
        text_bytes as f64 / 1e6
    );

    let kb = Kb::open(folder.join("kb")).unwrap();
    let started = Instant::now();
    for report in &reports {
        kb.ingest(report).unwrap();
    }
    kb.flush().unwrap();
    let kb_ingest = started.elapsed();

    let sqlite_path = folder.join("sqlite.db");
    let connection = Connection::open(&sqlite_path).unwrap();
    create_schema(&connection);
    let started = Instant::now();
    for report in &reports {
        insert(&connection, report);
    }
    let sqlite_ingest = started.elapsed();

    let rate = |elapsed: Duration| records as f64 / elapsed.as_secs_f64();
    let (kb_rate, sqlite_rate) = (rate(kb_ingest), rate(sqlite_ingest));
    figure("ingest records/s", records, kb_rate, sqlite_rate, "");
    let mb = |elapsed: Duration| text_bytes as f64 / 1e6 / elapsed.as_secs_f64();
    figure("ingest MB/s", records, mb(kb_ingest), mb(sqlite_ingest), "");
    drop(connection);
    let (kb_bytes, sqlite_bytes) = (
        folder_size(&folder.join("kb")),
        std::fs::metadata(&sqlite_path).unwrap().len(),
    );
    figure(
        "bytes on disk",
        records,
        kb_bytes as f64,
        sqlite_bytes as f64,
        "",
    );

    // Both are queried as a user would after ingest: opened afresh.
    drop(kb);
    let kb = Kb::open(folder.join("kb")).unwrap();
    let connection = Connection::open(&sqlite_path).unwrap();
    for (name, dsl, sql, ordered) in questions() {
        let query = Query::parse(dsl).unwrap();
        let kb_answer = run_kb(&kb, &query);
        let sqlite_answer = run_sql(&connection, sql);
        let (mut a, mut b) = (kb_answer.clone(), sqlite_answer.clone());
        if !ordered {
            a.sort();
            b.sort();
        }
        assert_eq!(
            a,
            b,
            "{name}: the knowledge base and SQLite disagree ({} and {} rows)",
            a.len(),
            b.len()
        );
        let kb_median = median(|| drop(run_kb(&kb, &query)));
        let sqlite_median = median(|| drop(run_sql(&connection, sql)));
        figure(
            name,
            records,
            kb_median.as_secs_f64() * 1e6,
            sqlite_median.as_secs_f64() * 1e6,
            &format!(" ({} rows, µs)", a.len()),
        );
    }
    if std::env::var_os("COMPARE_PROCESSES").is_some() {
        drop((kb, connection));
        processes(folder, records);
    }
}

/// Each question as a whole process, as a user at a shell asks it: `ikb
/// query --format jsonl` against the `sqlite3` shell on the same records,
/// medians and ratios; and the floor, a process that opens an empty
/// knowledge base and answers `stats`. The three run in turns, so that the
/// machine's load, which drifts over a run, weighs on each alike.
fn processes(folder: &Path, records: usize) {
    let ikb = env!("CARGO_BIN_EXE_ikb");
    let (kb, sqlite) = (folder.join("kb"), folder.join("sqlite.db"));
    let empty = folder.join("empty");
    let _ = std::fs::remove_dir_all(&empty);
    drop(Kb::open(&empty).unwrap());
    let time = |command: &mut Command| {
        let started = Instant::now();
        let status = command.stdout(Stdio::null()).status().unwrap();
        assert!(status.success(), "{command:?}");
        started.elapsed()
    };
    // Per question: its ratio to the shell, and its time above the floor
    // over the shell's whole time.
    let mut ratios = Vec::new();
    for (name, dsl, sql, _) in questions() {
        let (mut ours, mut theirs, mut floors) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..PROCESS_RUNS {
            ours.push(time(
                Command::new(ikb)
                    .arg("--db")
                    .arg(&kb)
                    .args(["query", "--format", "jsonl", dsl]),
            ));
            theirs.push(time(Command::new("sqlite3").arg(&sqlite).arg(sql)));
            floors.push(time(Command::new(ikb).arg("--db").arg(&empty).arg("stats")));
        }
        // Above the floor: the median of each run's difference from the
        // floor run beside it (sled's open varies by milliseconds from one
        // process to the next, the floor's too).
        let mut above: Vec<f64> = ours
            .iter()
            .zip(&floors)
            .map(|(o, f)| ms(*o) - ms(*f))
            .collect();
        above.sort_by(f64::total_cmp);
        let above = above[above.len() / 2];
        let (ours, theirs, floor) = (middle(ours), middle(theirs), middle(floors));
        figure(
            &format!("process: {name}"),
            records,
            ms(ours),
            ms(theirs),
            &format!(" (ms; floor {:.1}, above it {above:.1})", ms(floor)),
        );
        ratios.push((ms(ours) / ms(theirs), above / ms(theirs)));
    }
    // The target of "A store that reads only what it answers": each
    // question at most 2.0x the shell, or, where sled's floor keeps it
    // above, its time above the floor at most the shell's whole time.
    let within = ratios
        .iter()
        .filter(|&&(ratio, above)| ratio <= 2.0 || above <= 1.0)
        .count();
    let median = |mut values: Vec<f64>| {
        values.sort_by(f64::total_cmp);
        values[values.len() / 2]
    };
    println!(
        "processes: {within} of {} questions within the target; median question {:.2}x the shell, its time above the floor {:.2}x the shell's",
        ratios.len(),
        median(ratios.iter().map(|r| r.0).collect()),
        median(ratios.iter().map(|r| r.1).collect()),
    );
}

fn ms(time: Duration) -> f64 {
    time.as_secs_f64() * 1e3
}

fn middle(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The questions: name, query, SQL twin, whether order matters.
fn questions() -> Vec<(&'static str, &'static str, &'static str, bool)> {
    vec![
        (
            "area equality",
            "judgement where area = 'care leavers'",
            "SELECT * FROM records WHERE kind = 'judgement' AND area IN ('care leavers', 'children in care and care leavers')",
            false,
        ),
        (
            "area and grade range",
            "judgement where area = 'adoption' and grade <= 'requires improvement'",
            "SELECT * FROM records WHERE kind = 'judgement' AND area = 'adoption' AND grade <= 1",
            false,
        ),
        (
            "authority and kind",
            "recommendation where authority = 'Leeds'",
            "SELECT * FROM records WHERE authority = 'Leeds' AND kind = 'recommendation'",
            false,
        ),
        (
            "phrase",
            "finding where text contains 'return home'",
            "SELECT r.* FROM records_fts f JOIN records r ON r.rowid = f.rowid \
             WHERE records_fts MATCH '\"return home\"' AND r.kind = 'finding'",
            false,
        ),
        (
            "phrase and area",
            "finding where area = 'care leavers' and text contains 'pathway plans'",
            "SELECT r.* FROM records_fts f JOIN records r ON r.rowid = f.rowid \
             WHERE records_fts MATCH '\"pathway plans\"' AND r.kind = 'finding' \
             AND r.area IN ('care leavers', 'children in care and care leavers')",
            false,
        ),
        (
            "count by grade",
            "count judgement group by grade",
            "SELECT grade || '=' || count(*) FROM records WHERE kind = 'judgement' GROUP BY grade ORDER BY grade",
            true,
        ),
        (
            "latest ten",
            "report order by inspected_to desc limit 10",
            "SELECT * FROM records WHERE kind = 'report' ORDER BY inspected_to DESC, key LIMIT 10",
            true,
        ),
        (
            "latest per authority",
            "latest judgement where area = 'overall'",
            "SELECT * FROM (SELECT *, rank() OVER (PARTITION BY authority ORDER BY inspection DESC) AS n \
             FROM records WHERE kind = 'judgement' AND area = 'overall') WHERE n = 1",
            false,
        ),
        (
            // Best ten by relevance: both sides' answers are the scores,
            // compared to six places (equal scores may tie-break apart:
            // SQLite's key text order is not the knowledge base's key order).
            "ranked words",
            "finding where text matches 'exploitation missing children' order by relevance limit 10",
            "SELECT printf('%.6f', -bm25(records_fts)), r.* FROM records_fts f JOIN records r ON r.rowid = f.rowid \
             WHERE records_fts MATCH 'exploitation OR missing OR children' AND r.kind = 'finding' \
             ORDER BY bm25(records_fts) LIMIT 10",
            true,
        ),
        (
            "change down",
            "change where area = 'overall' and direction = 'down'",
            // No change is read between the two grade scales (SLAC's and the later).
            "SELECT * FROM (SELECT *, lag(grade) OVER (PARTITION BY authority, framework = 'SLAC' \
             ORDER BY inspection) AS before \
             FROM records WHERE kind = 'judgement' AND area = 'overall' AND grade IS NOT NULL) \
             WHERE grade < before",
            false,
        ),
    ]
}

fn create_schema(connection: &Connection) {
    connection
        .execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE records (
                 key TEXT PRIMARY KEY, kind TEXT NOT NULL, authority TEXT NOT NULL, authority_code TEXT,
                 region TEXT, authority_type TEXT,
                 inspection TEXT NOT NULL, framework TEXT NOT NULL, inspected_from TEXT NOT NULL,
                 inspected_to TEXT NOT NULL, published TEXT, lead_inspector TEXT, inspection_type TEXT,
                 section TEXT NOT NULL, paragraph INTEGER,
                 area TEXT, grade INTEGER, text TEXT NOT NULL);
             CREATE TABLE refs (key TEXT NOT NULL, paragraph INTEGER NOT NULL);
             CREATE INDEX records_kind ON records (kind);
             CREATE INDEX records_authority ON records (authority, kind);
             CREATE INDEX records_area ON records (area, grade);
             CREATE INDEX records_grade ON records (grade);
             CREATE INDEX records_section ON records (section);
             CREATE INDEX records_inspected ON records (inspected_to);
             CREATE INDEX refs_paragraph ON refs (paragraph);
             CREATE VIRTUAL TABLE records_fts USING fts5(text, content = 'records', content_rowid = 'rowid');",
        )
        .unwrap();
}

/// One report in one transaction, as the knowledge base stores it.
fn insert(connection: &Connection, report: &Report) {
    connection.execute_batch("BEGIN").unwrap();
    let mut record_row = connection
        .prepare_cached(
            "INSERT OR REPLACE INTO records (key, kind, authority, authority_code, region, authority_type, inspection,
             framework, inspected_from, inspected_to, published, lead_inspector, inspection_type, section, paragraph,
             area, grade, text)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )
        .unwrap();
    let mut text_row = connection
        .prepare_cached("INSERT INTO records_fts (rowid, text) VALUES (?1, ?2)")
        .unwrap();
    let mut ref_row = connection
        .prepare_cached("INSERT INTO refs (key, paragraph) VALUES (?1, ?2)")
        .unwrap();
    for record in &report.records {
        let Record {
            key,
            kind,
            authority,
            authority_code,
            region,
            authority_type,
            inspection,
            framework,
            inspected_from,
            inspected_to,
            published,
            lead_inspector,
            inspection_type,
            section,
            paragraph,
            area,
            grade,
            refs,
            text,
            // Stored records are never changes, and have no score or
            // snippet until a query gives them one.
            change: _,
            score: _,
            snippet: _,
        } = record;
        let grade = grade.map(|g| Grade::ALL.iter().position(|x| *x == g).unwrap_or(0) as i64);
        record_row
            .execute(params![
                key.to_string(),
                kind.as_str(),
                authority,
                authority_code,
                region,
                authority_type,
                inspection.to_string(),
                framework.as_str(),
                inspected_from.to_string(),
                inspected_to.to_string(),
                published.map(|d| d.to_string()),
                lead_inspector,
                inspection_type.map(|t| t.as_str()),
                section.as_str(),
                paragraph,
                area.map(|a| a.as_str()),
                grade,
                text
            ])
            .unwrap();
        text_row
            .execute(params![connection.last_insert_rowid(), text])
            .unwrap();
        for r in refs {
            ref_row.execute(params![key.to_string(), r]).unwrap();
        }
    }
    connection.execute_batch("COMMIT").unwrap();
}

fn run_kb(kb: &Kb, query: &Query) -> Vec<String> {
    match query.run(kb).unwrap() {
        Answer::Records(records) => records
            .map(|r| {
                let r = r.unwrap();
                r.score
                    .map_or_else(|| r.key.to_string(), |score| format!("{:.6}", score.0))
            })
            .collect(),
        Answer::Counts(counts) => counts
            .rows
            .iter()
            .map(|(groups, n)| {
                let code = match groups.first() {
                    Some(Some(inspection_kb::FieldValue::Grade(g))) => {
                        Grade::ALL.iter().position(|x| x == g).unwrap_or(0)
                    }
                    _ => 0,
                };
                format!("{code}={n}")
            })
            .collect(),
        Answer::Explain(_) => Vec::new(),
    }
}

/// The first column of each row (the key, or a count), after reading every
/// column as a user of the records would: the language's answer is whole
/// records, so the SQL twin fetches whole rows.
fn run_sql(connection: &Connection, sql: &str) -> Vec<String> {
    let mut statement = connection.prepare_cached(sql).unwrap();
    let columns = statement.column_count();
    statement
        .query_map([], |row| {
            for column in 1..columns {
                std::hint::black_box(row.get::<_, rusqlite::types::Value>(column)?);
            }
            row.get::<_, String>(0)
        })
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn median(mut run: impl FnMut()) -> Duration {
    middle(
        (0..RUNS)
            .map(|_| {
                let started = Instant::now();
                run();
                started.elapsed()
            })
            .collect(),
    )
}

fn figure(name: &str, records: usize, kb: f64, sqlite: f64, unit: &str) {
    let ratio = kb / sqlite;
    println!("{name:<28}{unit:<18} kb {kb:>14.1}  sqlite {sqlite:>14.1}  kb/sqlite {ratio:>8.2}");
    println!("compare: {name} records={records} kb={kb:.1} sqlite={sqlite:.1} ratio={ratio:.3}");
}

fn folder_size(folder: &Path) -> u64 {
    std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| {
                    let path = entry.path();
                    if path.is_dir() {
                        folder_size(&path)
                    } else {
                        entry.metadata().map_or(0, |m| m.len())
                    }
                })
                .sum()
        })
        .unwrap_or(0)
}
