//! Searching the seed reports' text: `matches`, `order by relevance`, the
//! score and the snippet, on a real knowledge base on disk.

use std::path::Path;
use std::sync::OnceLock;

use inspection_kb::Answer;
use inspection_kb::{Kb, Kind, QueryErrorKind, Record};

fn kb() -> &'static Kb {
    static KB: OnceLock<(tempfile::TempDir, Kb)> = OnceLock::new();
    &KB.get_or_init(|| {
        let folder = tempfile::tempdir().unwrap();
        let kb = Kb::open(folder.path().join("kb")).unwrap();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        for entry in std::fs::read_dir(seeds).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "txt") {
                kb.ingest_file(&path).unwrap();
            }
        }
        (folder, kb)
    })
    .1
}

fn records(query: &str) -> Vec<Record> {
    match kb().query(query).unwrap_or_else(|e| panic!("{query}: {e}")) {
        Answer::Records(records) => records.collect::<Result<_, _>>().unwrap(),
        _ => panic!("{query} does not list records"),
    }
}

fn keys(query: &str) -> Vec<String> {
    records(query).iter().map(|r| r.key.to_string()).collect()
}

#[test]
fn matches_finds_any_of_the_words_in_any_case() {
    let mut any = keys("finding where text matches 'Exploitation, MISSING'");
    any.sort();
    let mut either = keys("finding where text contains 'exploitation'");
    either.extend(keys("finding where text contains 'missing'"));
    either.sort();
    either.dedup();
    assert_eq!(any, either, "each once");
    assert!(
        any.len() > 52,
        "more than the 52 findings on exploitation alone"
    );
    // Combined with the other conditions as any test is.
    let leeds = keys("finding where text matches 'exploitation missing' and authority = 'Leeds'");
    assert!(!leeds.is_empty());
    assert!(leeds.iter().all(|key| key.starts_with("leeds/")));
    assert!(leeds.iter().all(|key| any.contains(key)));
    // `contains` keeps its meaning: the phrase, in order.
    assert!(keys("finding where text contains 'missing exploitation'").is_empty());
}

#[test]
fn relevance_ranks_best_first_with_a_score() {
    let ranked =
        records("finding where text matches 'exploitation missing children' order by relevance");
    assert_eq!(
        ranked.len(),
        records("finding where text matches 'exploitation missing children'").len()
    );
    let scores: Vec<f64> = ranked.iter().map(|r| r.score.unwrap().0).collect();
    assert!(
        scores.windows(2).all(|pair| pair[0] >= pair[1]),
        "{scores:?}"
    );
    for pair in ranked.windows(2) {
        if pair[0].score == pair[1].score {
            assert!(pair[0].key < pair[1].key, "ties in key order");
        }
    }
    // Read off the report: Leeds 2015's summary sentence "There is a robust
    // and well-coordinated response to children who are missing and/or at
    // risk of experiencing child sexual exploitation." holds all three
    // words in 21: no finding is more to the point.
    assert_eq!(
        ranked[0].key.to_string(),
        "leeds/2015-02-11/executive-summary/#7"
    );
    assert_eq!(ranked[0].kind, Kind::Finding);
    // `limit` keeps the best; the page after it follows on.
    let top = keys(
        "finding where text matches 'exploitation missing children' order by relevance limit 5",
    );
    let next = keys(
        "finding where text matches 'exploitation missing children' order by relevance limit 5 offset 5",
    );
    let all: Vec<String> = ranked.iter().map(|r| r.key.to_string()).collect();
    assert_eq!([top, next].concat(), all[..10]);
}

#[test]
fn a_phrase_ranks_too() {
    let ranked = records("recommendation where text contains 'return home' order by relevance");
    let found = keys("recommendation where text contains 'return home'");
    let mut keys: Vec<String> = ranked.iter().map(|r| r.key.to_string()).collect();
    keys.sort();
    assert_eq!(keys, found);
    assert!(ranked.iter().all(|r| r.score.is_some_and(|s| s.0 > 0.0)));
}

#[test]
fn ranking_by_the_index_equals_bm25_over_a_scan_of_the_seeds() {
    for query in [
        "finding where text matches 'exploitation missing children' order by relevance",
        "any where text matches 'care leavers pathway plans' order by relevance limit 20",
        "recommendation where text contains 'return home' order by relevance",
        "latest finding where text matches 'adoption' and area = 'adoption' order by relevance",
        "any where text matches 'the' order by relevance limit 7",
        "finding where (text contains 'social workers' or text matches 'caseloads') and not text contains 'high' order by relevance limit 9",
    ] {
        let query = kb().prepare(query).unwrap();
        let listed = |answer| match answer {
            Answer::Records(records) => records
                .map(|r| r.map(|r| (r.key.to_string(), r.score.map(|s| s.0.to_bits()))))
                .collect::<Result<Vec<_>, _>>()
                .unwrap(),
            _ => unreachable!("records"),
        };
        let indexed = listed(query.run(kb()).unwrap());
        let scanned = listed(query.run_by_scan(kb()).unwrap());
        assert!(!indexed.is_empty(), "{query}");
        assert_eq!(indexed, scanned, "{query}");
    }
}

#[test]
fn snippets_show_why_a_record_matched() {
    let found = records(
        "finding where text matches 'exploitation' and authority = 'Leeds' order by relevance",
    );
    assert!(!found.is_empty());
    for record in &found {
        let snippet = record.snippet.as_deref().unwrap();
        assert!(
            snippet.to_lowercase().contains("[exploitation]"),
            "{snippet}"
        );
        assert!(snippet.split_whitespace().count() <= 32, "{snippet}");
        let unmarked = snippet.replace(['[', ']', '…'], "");
        assert!(record.text.contains(unmarked.trim()), "{snippet}");
    }
    // Read off the report (Leeds 2015, executive summary): the whole sentence.
    let summary = records(
        "finding where text matches 'exploitation missing children' order by relevance limit 1",
    );
    assert_eq!(
        summary[0].snippet.as_deref(),
        Some(
            "There is a robust and well-coordinated response to [children] who are [missing] and/or at risk of experiencing child sexual [exploitation]."
        )
    );
    // Not ranked, no snippet and no score.
    for query in [
        "finding where authority = 'Leeds' limit 1",
        "finding where text contains 'exploitation' limit 1",
    ] {
        let plain = records(query);
        assert!(
            plain[0].snippet.is_none() && plain[0].score.is_none(),
            "{query}"
        );
    }
}

#[test]
fn relevance_without_a_search_is_refused_with_a_caret() {
    for query in [
        "finding where area = 'adoption' order by relevance",
        "finding where not text contains 'adoption' order by relevance",
        "change order by relevance",
        "finding where text matches 'x' order by relevance, key",
    ] {
        let error = kb().prepare(query).unwrap_err();
        assert_eq!(error.kind(), QueryErrorKind::UnsupportedClause, "{query}");
        let at = query.find("relevance").unwrap();
        assert_eq!(error.span().start, at, "{query}: {error}");
    }
    let error = kb().prepare("finding where score > 1").unwrap_err();
    assert_eq!(error.kind(), QueryErrorKind::UnsupportedClause);
    let error = kb()
        .prepare("finding where text matches ', ;'")
        .unwrap_err();
    assert_eq!(error.kind(), QueryErrorKind::TypeMismatch);
}
