//! Property tests of the store: the key encoding sorts as keys do, and every
//! index lookup finds exactly what a plain scan-and-filter of all records
//! finds, after any sequence of ingests, re-ingests and removals.

use std::collections::BTreeMap;

use inspection_kb::store::{Kb, Lookup, Prefix, decode_key, encode_key};
use inspection_kb::{
    Area, Authority, Date, Framework, Grade, Inspection, Key, Kind, Position, Record, Report,
    Section,
};
use proptest::prelude::*;

fn date_strategy() -> impl Strategy<Value = Date> {
    (2013u16..2027, 1u8..=12, 1u8..=28).prop_map(|(y, m, d)| Date::new(y, m, d).unwrap())
}

fn position_strategy() -> impl Strategy<Value = Position> {
    prop_oneof![
        (0u32..300).prop_map(Position::Ordinal),
        (0u32..300).prop_map(Position::Paragraph)
    ]
}

fn key_strategy() -> impl Strategy<Value = Key> {
    (
        "[a-z0-9]{1,4}(-[a-z0-9]{1,3}){0,2}",
        date_strategy(),
        prop::sample::select(Section::ALL.to_vec()),
        position_strategy(),
    )
        .prop_map(|(authority, inspection, section, position)| Key {
            authority,
            inspection,
            section,
            position,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn key_encoding_preserves_order_and_round_trips(a in key_strategy(), b in key_strategy()) {
        prop_assert_eq!(a.cmp(&b), encode_key(&a).cmp(&encode_key(&b)));
        prop_assert_eq!(decode_key(&encode_key(&a)), Some(a));
    }

    #[test]
    fn arbitrary_bytes_never_panic_the_key_decoder(bytes in prop::collection::vec(any::<u8>(), 0..40)) {
        if let Some(key) = decode_key(&bytes) {
            prop_assert_eq!(encode_key(&key), bytes);
        }
    }
}

const AUTHORITIES: [&str; 3] = ["Leeds", "Slough", "Kingston upon Thames"];
const VOCABULARY: [&str; 8] = [
    "care",
    "leavers",
    "return",
    "home",
    "good",
    "plans",
    "multi-agency",
    "children\u{2019}s",
];

fn inspection_dates() -> [Date; 3] {
    [
        Date::new(2015, 2, 11).unwrap(),
        Date::new(2019, 10, 25).unwrap(),
        Date::new(2023, 2, 3).unwrap(),
    ]
}

/// One record's content, to be placed in an inspection.
#[derive(Clone, Debug)]
struct Content {
    kind: Kind,
    section: Section,
    position: Position,
    area: Option<Area>,
    grade: Option<Grade>,
    refs: Vec<u32>,
    text: String,
}

fn content_strategy() -> impl Strategy<Value = Content> {
    (
        prop::sample::select(Kind::ALL.to_vec()),
        prop::sample::select(Section::ALL.to_vec()),
        prop_oneof![
            (0u32..6).prop_map(Position::Ordinal),
            (1u32..6).prop_map(Position::Paragraph)
        ],
        prop::option::of(prop::sample::select(Area::ALL.to_vec())),
        prop::option::of(prop::sample::select(Grade::ALL.to_vec())),
        prop::collection::vec(1u32..6, 0..3),
        prop::collection::vec(prop::sample::select(VOCABULARY.to_vec()), 0..10),
    )
        .prop_map(
            |(kind, section, position, area, grade, refs, words)| Content {
                kind,
                section,
                position,
                area,
                grade,
                refs,
                text: words.join(" "),
            },
        )
}

#[derive(Clone, Debug)]
enum Operation {
    Ingest {
        authority: usize,
        date: usize,
        contents: Vec<Content>,
    },
    Remove {
        authority: usize,
        date: usize,
    },
}

fn operation_strategy() -> impl Strategy<Value = Operation> {
    prop_oneof![
        3 => (0..3usize, 0..3usize, prop::collection::vec(content_strategy(), 1..12))
            .prop_map(|(authority, date, contents)| Operation::Ingest { authority, date, contents }),
        1 => (0..3usize, 0..3usize).prop_map(|(authority, date)| Operation::Remove { authority, date }),
    ]
}

fn report(authority: usize, date: usize, contents: &[Content]) -> Report {
    let to = inspection_dates()[date];
    let inspection = Inspection {
        authority: Authority::from_printed_name(AUTHORITIES[authority]),
        framework: Framework::Ilacs,
        inspected_from: to,
        inspected_to: to,
        published: None,
        lead_inspector: None,
        inspection_type: None,
    };
    let mut records: BTreeMap<Key, Record> = BTreeMap::new();
    for content in contents {
        let mut record = Record::new(
            &inspection,
            content.kind,
            content.section,
            content.position,
            content.text.clone(),
        );
        record.area = content.area;
        record.grade = content.grade;
        record.refs = content.refs.clone();
        records.insert(record.key.clone(), record);
    }
    Report {
        inspection,
        records: records.into_values().collect(),
        warnings: Vec::new(),
    }
}

fn lookup_strategy() -> impl Strategy<Value = Lookup> {
    let grade = || prop::sample::select(Grade::ALL.to_vec());
    let date = || prop::sample::select(inspection_dates().to_vec());
    prop_oneof![
        prop::sample::select(Kind::ALL.to_vec()).prop_map(Lookup::Kind),
        prop::sample::select(AUTHORITIES.to_vec()).prop_map(|a| Lookup::Authority(a.to_string())),
        prop::sample::select(Area::ALL.to_vec()).prop_map(Lookup::Area),
        (grade(), grade()).prop_map(|(a, b)| Lookup::Grades(a.min(b)..=a.max(b))),
        prop::sample::select(Section::ALL.to_vec()).prop_map(Lookup::Section),
        (0u32..7).prop_map(Lookup::Cites),
        (date(), date()).prop_map(|(a, b)| Lookup::Inspected(a.min(b)..=a.max(b))),
        prop::collection::vec(prop::sample::select(VOCABULARY.to_vec()), 0..3)
            .prop_map(|w| Lookup::Phrase(w.join(" "))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn index_lookups_equal_a_scan_of_all_records(
        operations in prop::collection::vec(operation_strategy(), 1..10),
        lookups in prop::collection::vec(lookup_strategy(), 12),
    ) {
        let kb = Kb::temporary().unwrap();
        let mut model: BTreeMap<(usize, usize), Report> = BTreeMap::new();
        for operation in &operations {
            match operation {
                Operation::Ingest { authority, date, contents } => {
                    let report = report(*authority, *date, contents);
                    kb.ingest(&report).unwrap();
                    model.insert((*authority, *date), report);
                }
                Operation::Remove { authority, date } => {
                    let removed = kb.remove_inspection(AUTHORITIES[*authority], inspection_dates()[*date]).unwrap();
                    let had = model.remove(&(*authority, *date)).map_or(0, |r| r.records.len());
                    prop_assert_eq!(removed, had);
                }
            }
        }
        kb.verify().unwrap();
        let all: Vec<&Record> = model.values().flat_map(|r| &r.records).collect();
        let stored: Vec<Record> = kb.scan(&Prefix::All).collect::<Result<_, _>>().unwrap();
        let mut expected: Vec<Record> = all.iter().map(|r| (*r).clone()).collect();
        expected.sort_by(|a, b| a.key.cmp(&b.key));
        prop_assert_eq!(&stored, &expected);
        let stats = kb.stats().unwrap();
        prop_assert_eq!(stats.records, all.len() as u64);
        prop_assert_eq!(stats.inspections, model.len() as u64);
        for lookup in &lookups {
            let mut naive: Vec<Key> = all.iter().filter(|r| lookup.matches(r)).map(|r| r.key.clone()).collect();
            naive.sort();
            let indexed = kb.keys(lookup).unwrap();
            prop_assert_eq!(&indexed, &naive, "{:?}", lookup);
            let estimate = kb.estimate(lookup).unwrap();
            prop_assert!(estimate >= indexed.len() as u64, "{:?}: estimate {} below {}", lookup, estimate, indexed.len());
        }
    }
}
