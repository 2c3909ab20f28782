//! Property tests of the store: after any sequence of ingests, re-ingests
//! and removals it holds exactly the records of the reports still stored,
//! and every index question (a kind, an authority, an area, grades, a
//! section, a cited paragraph, dates, a phrase) finds exactly what a plain
//! filter of those records finds.

use std::collections::BTreeMap;

use inspection_kb::Answer;
use inspection_kb::{
    Area, Authority, Date, Framework, Grade, Inspection, Kb, Key, Kind, Position, Record, Report,
    Scope, Section,
};
use proptest::prelude::*;

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

/// A question one index answers, asked in the query language.
#[derive(Clone, Debug)]
enum Question {
    Kind(Kind),
    Authority(&'static str),
    Area(Area),
    Grades(Grade, Grade),
    Section(Section),
    Cites(u32),
    Inspected(Date, Date),
    Phrase(String),
}

impl Question {
    fn query(&self) -> String {
        match self {
            Question::Kind(kind) => format!("any where kind = '{kind}'"),
            Question::Authority(name) => format!("any where authority = '{name}'"),
            Question::Area(area) => format!("any where area = '{area}'"),
            Question::Grades(low, high) => format!("any where grade between '{low}' and '{high}'"),
            Question::Section(section) => format!("any where section = '{section}'"),
            Question::Cites(paragraph) => format!("any where refs = {paragraph}"),
            Question::Inspected(from, to) => {
                format!("any where inspected_to between {from} and {to}")
            }
            Question::Phrase(phrase) => format!("any where text contains '{phrase}'"),
        }
    }

    /// The plain filter: what the question means, record by record.
    fn matches(&self, record: &Record) -> bool {
        match self {
            Question::Kind(kind) => record.kind == *kind,
            Question::Authority(name) => {
                record.authority == Authority::from_printed_name(name).name
            }
            Question::Area(area) => record.area.is_some_and(|a| a.answers(*area)),
            Question::Grades(low, high) => {
                record.grade.is_some_and(|g| (*low..=*high).contains(&g))
            }
            Question::Section(section) => record.section == *section,
            Question::Cites(paragraph) => record.refs.contains(paragraph),
            Question::Inspected(from, to) => (*from..=*to).contains(&record.inspected_to),
            Question::Phrase(phrase) => inspection_kb::contains_phrase(&record.text, phrase),
        }
    }
}

fn question_strategy() -> impl Strategy<Value = Question> {
    let grade = || prop::sample::select(Grade::ALL.to_vec());
    let date = || prop::sample::select(inspection_dates().to_vec());
    prop_oneof![
        prop::sample::select(Kind::ALL.to_vec()).prop_map(Question::Kind),
        prop::sample::select(AUTHORITIES.to_vec()).prop_map(Question::Authority),
        prop::sample::select(Area::ALL.to_vec()).prop_map(Question::Area),
        (grade(), grade()).prop_map(|(a, b)| Question::Grades(a.min(b), a.max(b))),
        prop::sample::select(Section::ALL.to_vec()).prop_map(Question::Section),
        (0u32..7).prop_map(Question::Cites),
        (date(), date()).prop_map(|(a, b)| Question::Inspected(a.min(b), a.max(b))),
        prop::collection::vec(prop::sample::select(VOCABULARY.to_vec()), 1..3)
            .prop_map(|w| Question::Phrase(w.join(" "))),
    ]
}

fn keys(kb: &Kb, query: &str) -> Vec<Key> {
    match kb.query(query).unwrap() {
        Answer::Records(records) => records.map(|r| r.unwrap().key).collect(),
        _ => panic!("{query} lists records"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn every_index_question_equals_a_filter_of_all_records(
        operations in prop::collection::vec(operation_strategy(), 1..10),
        questions in prop::collection::vec(question_strategy(), 12),
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
        let stored: Vec<Record> = kb.scan(&Scope::All).collect::<Result<_, _>>().unwrap();
        let mut expected: Vec<Record> = all.iter().map(|r| (*r).clone()).collect();
        expected.sort_by(|a, b| a.key.cmp(&b.key));
        prop_assert_eq!(&stored, &expected);
        let stats = kb.stats().unwrap();
        prop_assert_eq!(stats.records, all.len() as u64);
        prop_assert_eq!(stats.inspections, model.len() as u64);
        for question in &questions {
            let mut naive: Vec<Key> = all.iter().filter(|r| question.matches(r)).map(|r| r.key.clone()).collect();
            naive.sort();
            prop_assert_eq!(&keys(&kb, &question.query()), &naive, "{}", question.query());
        }
    }
}
