//! The knowledge base on a real on-disk sled database, filled from the seeds.

use std::path::{Path, PathBuf};

use inspection_kb::Answer;
use inspection_kb::{
    Area, Date, Error, IngestError, Kb, Key, Kind, Record, Report, Scope, Stats, StoreError,
};

fn seeds() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "txt"))
            .collect();
    paths.sort();
    assert_eq!(paths.len(), 7);
    paths
}

fn ingest_seeds(kb: &Kb) {
    for path in seeds() {
        kb.ingest_file(&path).unwrap_or_else(|e| panic!("{e}"));
    }
}

fn all_records(kb: &Kb) -> Vec<Record> {
    kb.scan(&Scope::All).collect::<Result<_, _>>().unwrap()
}

fn date(text: &str) -> Date {
    text.parse().unwrap()
}

#[test]
fn seeds_survive_close_and_reopen() {
    let folder = tempfile::tempdir().unwrap();
    let (stats, records) = {
        let kb = Kb::open(folder.path()).unwrap();
        ingest_seeds(&kb);
        kb.flush().unwrap();
        (kb.stats().unwrap(), all_records(&kb))
    };
    assert_eq!(stats.inspections, 7);
    assert_eq!(
        stats.authorities, 6,
        "Kingston upon Thames has two inspections"
    );
    assert_eq!(stats.by_kind[&Kind::Report], 7);
    assert_eq!(stats.by_kind[&Kind::Judgement], 4 + 7 + 4 + 7 + 4 + 7 + 5);
    assert_eq!(stats.records, records.len() as u64);
    let kb = Kb::open(folder.path()).unwrap();
    assert_eq!(kb.stats().unwrap(), stats);
    assert_eq!(all_records(&kb), records);
    kb.verify().unwrap();
}

#[test]
fn ingesting_twice_changes_nothing() {
    let kb = Kb::temporary().unwrap();
    ingest_seeds(&kb);
    let (stats, records) = (kb.stats().unwrap(), all_records(&kb));
    for path in seeds() {
        let report = Report::parse_file(&path).unwrap();
        let ingested = kb.ingest(&report).unwrap();
        assert_eq!(ingested.records, report.records.len());
        assert_eq!(
            ingested.replaced,
            report.records.len(),
            "{}",
            path.display()
        );
    }
    assert_eq!(kb.stats().unwrap(), stats);
    assert_eq!(all_records(&kb), records);
    kb.verify().unwrap();
}

#[test]
fn a_refused_file_leaves_the_knowledge_base_as_it_was() {
    let folder = tempfile::tempdir().unwrap();
    let kb = Kb::open(folder.path().join("kb")).unwrap();
    ingest_seeds(&kb);
    let (stats, records) = (kb.stats().unwrap(), all_records(&kb));
    let bad = folder.path().join("truncated.txt");
    let text = std::fs::read_to_string(&seeds()[0]).unwrap();
    std::fs::write(&bad, &text[..text.len() / 100]).unwrap();
    let error = kb.ingest_file(&bad).unwrap_err();
    assert!(
        matches!(error, Error::Ingest(IngestError::File { .. })),
        "{error}"
    );
    assert!(error.to_string().contains("truncated.txt"), "{error}");
    // The records are as they were; only the refusal is kept, so that the
    // gap in the answers can be seen.
    let after = kb.stats().unwrap();
    assert_eq!(
        after.refused,
        [inspection_kb::Refusal {
            file: bad.display().to_string(),
            // Its 13 lines end "The experiences and progress of" / "children";
            // its title names "City of Bradford Metropolitan Borough Council".
            reason: "the text ends at line 13 without Ofsted's closing page (\"The Office for Standards in Education ...\"); is the report cut short?".into(),
            authority: Some("Bradford".into()),
        }]
    );
    assert_eq!(
        Stats {
            refused: Vec::new(),
            ..after
        },
        stats
    );
    assert_eq!(all_records(&kb), records);
}

/// Shrunk by `tests/store_props.rs`: an ILACS report whose only record
/// stood in the board's section was stored, then its inspection read again
/// without it, and the store kept the first as though it were a board's
/// review published apart. Only SIF reviewed a board: anything else
/// re-ingested replaces its inspection whole.
#[test]
fn only_a_sif_inspection_keeps_a_board_part_published_apart() {
    use inspection_kb::{Authority, Framework, Inspection, Position, Section};
    let kb = Kb::temporary().unwrap();
    let day = date("2019-10-25");
    let inspection = Inspection {
        authority: Authority::from_printed_name("Slough"),
        framework: Framework::Ilacs,
        inspected_from: day,
        inspected_to: day,
        published: None,
        lead_inspector: None,
        inspection_type: None,
    };
    let report = |section, kind| Report {
        inspection: inspection.clone(),
        records: vec![Record::new(
            &inspection,
            kind,
            section,
            Position::Ordinal(0),
            String::new(),
        )],
        warnings: Vec::new(),
    };
    kb.ingest(&report(Section::Lscb, Kind::Finding)).unwrap();
    kb.ingest(&report(Section::Report, Kind::Judgement))
        .unwrap();
    let keys: Vec<Key> = all_records(&kb).into_iter().map(|r| r.key).collect();
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert_eq!(keys[0].section, Section::Report);
}

#[test]
fn removing_an_inspection_removes_every_trace() {
    let kb = Kb::temporary().unwrap();
    ingest_seeds(&kb);
    let before = kb.stats().unwrap();
    let kingston_2019 = Scope::Inspection("Kingston upon Thames".into(), date("2019-10-25"));
    let count = kb.scan(&kingston_2019).count();
    assert!(count > 40);
    assert_eq!(
        kb.remove_inspection("Kingston upon Thames", date("2019-10-25"))
            .unwrap(),
        count
    );
    assert_eq!(kb.scan(&kingston_2019).count(), 0);
    let after = kb.stats().unwrap();
    assert_eq!((after.inspections, after.authorities), (6, 6));
    assert_eq!(after.records, before.records - count as u64);
    assert!(keys(&kb, "any where inspection = 2019-10-25").is_empty());
    // The 2015 inspection of the same authority stays.
    assert!(!keys(&kb, "any where authority = 'kingston-upon-thames'").is_empty());
    kb.verify().unwrap();
    assert_eq!(
        kb.remove_inspection("Kingston upon Thames", date("2019-10-25"))
            .unwrap(),
        0
    );
}

#[test]
fn scans_run_in_key_order_both_ways() {
    let kb = Kb::temporary().unwrap();
    ingest_seeds(&kb);
    let forward: Vec<Record> = kb
        .scan(&Scope::Authority("Kingston upon Thames".into()))
        .map(Result::unwrap)
        .collect();
    let keys: Vec<_> = forward.iter().map(|r| r.key.clone()).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(
        forward
            .iter()
            .all(|r| r.authority == "Kingston upon Thames")
    );
    let mut backward: Vec<Record> = kb
        .scan(&Scope::Authority("kingston-upon-thames".into()))
        .rev()
        .map(Result::unwrap)
        .collect();
    backward.reverse();
    assert_eq!(backward, forward);
    let section = Scope::Section(
        "Leeds".into(),
        date("2015-02-11"),
        inspection_kb::Section::Recommendations,
    );
    let numbers: Vec<Option<u32>> = kb.scan(&section).map(|r| r.unwrap().paragraph).collect();
    let mut want = vec![None];
    want.extend((1..=15).map(Some));
    assert_eq!(
        numbers, want,
        "the unnumbered paragraph first, then 1 to 15 in number order"
    );
}

/// The keys a query answers with, in key order.
fn keys(kb: &Kb, query: &str) -> Vec<Key> {
    match kb.query(query).unwrap() {
        Answer::Records(records) => records.map(|r| r.unwrap().key).collect(),
        _ => panic!("{query} lists records"),
    }
}

#[test]
fn questions_answer_from_the_indexes() {
    let kb = Kb::temporary().unwrap();
    ingest_seeds(&kb);
    // Kingston 2015 recommendation 4 cites paragraphs 29 and 48; only it cites 48.
    let cites_48 = keys(&kb, "any where refs = 48");
    assert_eq!(cites_48.len(), 1);
    assert_eq!(
        cites_48[0].to_string(),
        "kingston-upon-thames/2015-06-18/recommendations/4"
    );
    let return_home = keys(&kb, "any where text contains 'Return home interviews'");
    assert!(
        return_home
            .iter()
            .any(|k| k.to_string() == "kingston-upon-thames/2015-06-18/recommendations/4")
    );
    for key in &return_home {
        let record = kb.get(key).unwrap().unwrap();
        assert!(
            inspection_kb::contains_phrase(&record.text, "return home interviews"),
            "{key}"
        );
    }
    // Inadequate judgements: Bradford (4), Rotherham (6 of 7), Slough leadership (1).
    assert_eq!(
        keys(&kb, "judgement where grade = 'inadequate'").len(),
        4 + 6 + 1
    );
    let care_leavers = keys(&kb, "any where area = 'care leavers'");
    assert!(care_leavers.iter().all(|k| {
        let area = kb.get(k).unwrap().unwrap().area;
        area.is_some_and(|a| a.answers(Area::CareLeavers))
    }));
}

#[test]
fn readers_run_while_a_writer_ingests() {
    let kb = Kb::temporary().unwrap();
    let writer = {
        let kb = kb.clone();
        std::thread::spawn(move || ingest_seeds(&kb))
    };
    let readers: Vec<_> = (0..2)
        .map(|_| {
            let kb = kb.clone();
            std::thread::spawn(move || {
                let mut seen = 0;
                for _ in 0..50 {
                    let stats: Stats = kb.stats().unwrap();
                    // An inspection is seen whole or not at all.
                    assert_eq!(stats.by_kind[&Kind::Report], stats.inspections);
                    seen = seen.max(kb.scan(&Scope::All).count());
                }
                seen
            })
        })
        .collect();
    writer.join().unwrap();
    for reader in readers {
        reader.join().unwrap();
    }
    assert_eq!(kb.stats().unwrap().inspections, 7);
    kb.verify().unwrap();
}

/// `verify` run while another thread ingests finds nothing wrong: it
/// reads the whole store while writes wait, not a write half landed.
#[test]
fn verify_while_a_writer_ingests_finds_no_damage() {
    let kb = Kb::temporary().unwrap();
    ingest_seeds(&kb);
    let writer = {
        let kb = kb.clone();
        std::thread::spawn(move || {
            for _ in 0..5 {
                ingest_seeds(&kb);
            }
        })
    };
    let mut verified = 0;
    while !writer.is_finished() {
        kb.verify().unwrap();
        verified += 1;
        // The writer's turn: a lock taken again at once may be taken first.
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    writer.join().unwrap();
    assert!(verified > 0);
    kb.verify().unwrap();
}

/// A judgement a report gives that could not be read is a known gap of
/// every answer that could hold it, and of no other.
#[test]
fn an_unread_judgement_is_a_gap_of_questions_of_judgements() {
    use inspection_kb::{Framework, Warning};
    let kb = Kb::temporary().unwrap();
    ingest_seeds(&kb);
    let gaps = |query: &str| kb.gaps(&kb.prepare(query).unwrap()).unwrap();
    assert!(gaps("judgement where area = 'adoption'").is_empty());
    let mut slough = slough_revised();
    slough
        .records
        .retain(|r| !(r.kind == Kind::Judgement && r.area == Some(Area::Leadership)));
    slough.warnings.push(Warning::MissingJudgement {
        area: Area::Leadership,
        framework: Framework::Ilacs,
    });
    kb.ingest(&slough).unwrap();
    let said = [
        "1 judgement of the reports stored could not be read: it is in no answer (stats lists them)",
    ];
    for query in [
        "judgement where area = 'leadership'",
        "change where area = 'leadership'",
        "count any group by kind",
    ] {
        assert_eq!(gaps(query), said, "{query}");
    }
    assert!(gaps("finding where text contains 'leaders'").is_empty());
}

/// Slough's report, revised: every text marked, one record fewer.
fn slough_revised() -> inspection_kb::Report {
    let mut report = Report::parse_file(
        seeds()
            .into_iter()
            .find(|p| p.ends_with("slough-2023-ilacs.txt"))
            .unwrap(),
    )
    .unwrap();
    report.records.pop();
    for record in &mut report.records {
        record.text.push_str(" (revised)");
    }
    report
}

#[test]
fn a_reader_never_mixes_an_inspection_with_its_replacement() {
    let slough = Scope::Authority("Slough".into());
    let kb = Kb::temporary().unwrap();
    ingest_seeds(&kb);
    let before: Vec<Record> = kb.scan(&slough).map(Result::unwrap).collect();
    // Readers begun before the replacement: one whose texts were read (and
    // kept) before it, one whose were not.
    let mut warm = kb.scan(&slough);
    let first = warm.next().unwrap().unwrap();
    let Answer::Records(cold) = kb
        .query("any where authority = 'Slough' and text contains 'the'")
        .unwrap()
    else {
        panic!("records expected");
    };
    kb.ingest(&slough_revised()).unwrap();
    let warm: Vec<Record> = std::iter::once(first)
        .chain(warm.map(Result::unwrap))
        .collect();
    assert_eq!(warm, before, "a scan under way reads on as it began");
    let cold: Vec<Record> = cold.map(Result::unwrap).collect();
    assert!(
        cold.iter()
            .all(|record| !record.text.ends_with("(revised)")),
        "a reader begun before the replacement sees none of it"
    );
    let after: Vec<Record> = kb.scan(&slough).map(Result::unwrap).collect();
    assert_eq!(after.len(), before.len() - 1);
    assert!(
        after
            .iter()
            .all(|record| record.text.ends_with(" (revised)"))
    );
    kb.verify().unwrap();
}

#[test]
fn a_record_that_disagrees_with_its_inspection_is_refused() {
    let kb = Kb::temporary().unwrap();
    let mut report = slough_revised();
    report.records[3].framework = inspection_kb::Framework::Sif;
    let error = kb.ingest(&report).unwrap_err();
    assert!(matches!(error, StoreError::InvalidReport { .. }), "{error}");
    assert!(
        error
            .to_string()
            .contains("gives other inspection dates or framework"),
        "{error}"
    );
    let mut report = slough_revised();
    report.records[3].paragraph = Some(999);
    let error = kb.ingest(&report).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("a section or paragraph other than its key"),
        "{error}"
    );
    let mut report = slough_revised();
    report.records[3].authority = "Slough Borough Council".into();
    assert!(
        kb.ingest(&report)
            .unwrap_err()
            .to_string()
            .contains("names another authority")
    );
    let stats = kb.stats().unwrap();
    assert_eq!(
        (stats.records, stats.inspections),
        (0, 0),
        "nothing was stored"
    );
}

#[test]
fn folders_that_are_not_knowledge_bases_are_refused() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(folder.path().join("thesis.docx"), b"not a database").unwrap();
    let error = Kb::open(folder.path()).err().unwrap();
    assert!(
        matches!(error, StoreError::NotAKnowledgeBase { .. }),
        "{error}"
    );
    assert!(error.to_string().contains("not a knowledge base"));
    assert!(
        !folder.path().join("conf").exists(),
        "nothing was written into the folder"
    );
    let file = folder.path().join("thesis.docx");
    assert!(matches!(
        Kb::open(&file),
        Err(StoreError::NotAKnowledgeBase {
            reason: "it is a file",
            ..
        })
    ));
}

#[test]
fn a_change_is_derived_and_never_stored() {
    let kb = Kb::temporary().unwrap();
    let mut report = slough_revised();
    let judgement = report
        .records
        .iter_mut()
        .find(|record| record.kind == Kind::Judgement)
        .unwrap();
    judgement.kind = Kind::Change;
    let error = kb.ingest(&report).unwrap_err();
    assert!(matches!(error, StoreError::InvalidReport { .. }), "{error}");
    assert!(error.to_string().contains("is a change"), "{error}");
    assert_eq!(kb.stats().unwrap().records, 0, "nothing of it is stored");
}
