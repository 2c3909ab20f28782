//! Property tests of the query language: a printed query parses back to the
//! same tree; no text panics the parser; and the planned, indexed execution
//! answers exactly what a scan of every record answers.

use std::collections::BTreeMap;

use inspection_kb::ast::{
    Condition, Expr, Having, Number, Op, OrderKey, Query as Syntax, Span, Test, Value, ValueKind,
    Word,
};
use inspection_kb::{Answer, Counts, KINDS, parse_syntax};
use inspection_kb::{
    Area, Authority, Date, Framework, Grade, Inspection, InspectionType, Kb, Key, Kind, Position,
    Query, Record, Report, Section,
};
use proptest::prelude::*;

const KEYWORDS: [&str; 18] = [
    "and", "or", "not", "in", "contains", "between", "where", "group", "order", "by", "limit",
    "offset", "asc", "desc", "explain", "count", "distinct", "having",
];

fn word(name: String) -> Word {
    Word {
        name,
        span: Span::default(),
    }
}

fn field() -> impl Strategy<Value = Word> {
    "[a-zA-Z_][a-zA-Z0-9_]{0,8}"
        .prop_filter("not a keyword", |w| {
            !KEYWORDS.contains(&w.to_lowercase().as_str())
        })
        .prop_map(word)
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        "\\PC{0,12}".prop_map(ValueKind::String),
        any::<u64>().prop_map(ValueKind::Integer),
        (1u16..=9999, 1u8..=12, 1u8..=28)
            .prop_map(|(y, m, d)| ValueKind::Date(Date::new(y, m, d).unwrap())),
    ]
    .prop_map(|kind| Value {
        kind,
        span: Span::default(),
    })
}

fn op() -> impl Strategy<Value = Op> {
    prop::sample::select(vec![Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge])
}

fn condition() -> impl Strategy<Value = Expr> {
    let test = prop_oneof![
        (op(), value()).prop_map(|(op, value)| Test::Compare {
            op,
            op_span: Span::default(),
            value
        }),
        (any::<bool>(), prop::collection::vec(value(), 1..4))
            .prop_map(|(negated, values)| Test::In { negated, values }),
        (any::<bool>(), "\\PC{0,12}").prop_map(|(negated, name)| Test::InNeighbours {
            negated,
            of: Value {
                kind: ValueKind::String(name),
                span: Span::default()
            }
        }),
        "\\PC{0,12}".prop_map(|text| Test::Contains {
            phrase: Value {
                kind: ValueKind::String(text),
                span: Span::default()
            }
        }),
        "\\PC{0,12}".prop_map(|text| Test::Matches {
            words: Value {
                kind: ValueKind::String(text),
                span: Span::default()
            }
        }),
        (value(), value()).prop_map(|(low, high)| Test::Between { low, high }),
        // A sub-query, its condition one test (the tree nests no deeper).
        (
            any::<bool>(),
            prop::sample::select(KINDS.to_vec()),
            prop::option::of((field(), op(), value()))
        )
            .prop_map(|(negated, kind, test)| Test::InAnswers {
                negated,
                kind: word(kind.to_string()),
                filter: test.map(|(field, op, value)| {
                    Box::new(Expr::Condition(Condition {
                        field,
                        test: Test::Compare {
                            op,
                            op_span: Span::default(),
                            value,
                        },
                        span: Span::default(),
                    }))
                }),
            }),
    ];
    (field(), test).prop_map(|(field, test)| {
        Expr::Condition(Condition {
            field,
            test,
            span: Span::default(),
        })
    })
}

fn expr() -> impl Strategy<Value = Expr> {
    condition().prop_recursive(5, 24, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(|e| Expr::Or(e, Span::default())),
            prop::collection::vec(inner.clone(), 2..4).prop_map(|e| Expr::And(e, Span::default())),
            inner.prop_map(|e| Expr::Not(Box::new(e), Span::default())),
        ]
    })
}

fn syntax() -> impl Strategy<Value = Syntax> {
    let kind = prop::sample::select(KINDS.to_vec());
    let number = || {
        prop::option::of(any::<u64>().prop_map(|value| Number {
            value,
            span: Span::default(),
        }))
    };
    let having = (op(), any::<u64>()).prop_map(|(op, value)| Having {
        op,
        count: Number {
            value,
            span: Span::default(),
        },
        span: Span::default(),
    });
    (
        (any::<bool>(), any::<bool>(), any::<bool>(), kind),
        prop::option::of(expr()),
        (
            prop::collection::vec(field(), 0..3),
            prop::option::of(field()),
            prop::option::of(having),
        ),
        prop::collection::vec((field(), any::<bool>()), 0..3),
        (number(), number()),
    )
        .prop_map(
            |(
                (explain, count, latest, kind),
                filter,
                (group_by, distinct, having),
                order_by,
                (limit, offset),
            )| {
                Syntax {
                    explain,
                    count,
                    // Only a count counts distinct values.
                    distinct: distinct.filter(|_| count),
                    latest,
                    kind: word(kind.to_string()),
                    filter,
                    group_by,
                    having,
                    order_by: order_by
                        .into_iter()
                        .map(|(field, descending)| OrderKey {
                            field,
                            descending,
                            span: Span::default(),
                        })
                        .collect(),
                    limit,
                    offset,
                    span: Span::default(),
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn printed_queries_parse_back_to_the_same_tree(tree in syntax()) {
        let text = tree.to_string();
        let parsed = parse_syntax(&text).unwrap_or_else(|e| panic!("{text}\n{e}"));
        prop_assert_eq!(parsed.without_spans(), tree.without_spans(), "{}", text);
    }

    #[test]
    fn arbitrary_text_never_panics_the_parser(text in "\\PC{0,200}") {
        let _ = Query::parse(&text);
    }

    #[test]
    fn token_soup_never_panics_the_parser(tokens in prop::collection::vec(prop::sample::select(vec![
        "judgement", "where", "area", "=", "!=", "<=", "(", ")", "and", "or", "not", "in", "contains", "between",
        "'care leavers'", "\"x\\\"y\"", "'", "2015-06-18", "2015-13-45", "42", "99999999999999999999999", ",",
        "group", "by", "order", "desc", "limit", "offset", "count", "explain", "grade", "text", "é", "\\",
    ]), 0..40)) {
        let _ = Query::parse(&tokens.join(" "));
        let _ = Query::parse(&tokens.concat());
    }
}

// --- planned execution against a scan --------------------------------------

const AUTHORITIES: [&str; 3] = ["Leeds", "Slough", "Kingston upon Thames"];
const INSPECTORS: [&str; 3] = ["Jan Edwards", "Brendan Parkinson", "Máire Atherton"];
const WORDS: [&str; 6] = ["care", "leavers", "return", "home", "plans", "good"];

fn dates() -> [Date; 3] {
    [
        Date::new(2015, 2, 11).unwrap(),
        Date::new(2019, 10, 25).unwrap(),
        Date::new(2023, 2, 3).unwrap(),
    ]
}

fn records_strategy() -> impl Strategy<Value = Vec<Report>> {
    let record = (
        prop::sample::select(Kind::ALL.to_vec()),
        prop::sample::select(Section::ALL.to_vec()),
        prop_oneof![
            (0u32..5).prop_map(Position::Ordinal),
            (1u32..8).prop_map(Position::Paragraph)
        ],
        prop::option::of(prop::sample::select(Area::ALL.to_vec())),
        prop::option::of(prop::sample::select(Grade::ALL.to_vec())),
        prop::collection::vec(1u32..8, 0..3),
        prop::collection::vec(prop::sample::select(WORDS.to_vec()), 0..8),
    );
    prop::collection::vec(
        (
            0..3usize,
            0..3usize,
            any::<bool>(),
            prop::collection::vec(record, 1..15),
        ),
        1..5,
    )
    .prop_map(|inspections| {
        let mut reports: BTreeMap<(usize, usize), Report> = BTreeMap::new();
        for (a, d, sif, records) in inspections {
            let inspection = Inspection {
                authority: Authority::from_printed_name(AUTHORITIES[a]),
                framework: if sif {
                    Framework::Sif
                } else {
                    Framework::Ilacs
                },
                inspected_from: dates()[d],
                inspected_to: dates()[d],
                published: sif.then_some(dates()[d]),
                lead_inspector: sif.then(|| INSPECTORS[a].to_string()),
                inspection_type: (!sif).then_some(InspectionType::Short),
            };
            let mut by_key: BTreeMap<Key, Record> = BTreeMap::new();
            for (kind, section, position, area, grade, refs, words) in records {
                let mut record = Record::new(&inspection, kind, section, position, words.join(" "));
                record.area = area;
                record.grade = grade;
                record.refs = refs;
                by_key.insert(record.key.clone(), record);
            }
            reports.insert(
                (a, d),
                Report {
                    inspection,
                    records: by_key.into_values().collect(),
                    warnings: Vec::new(),
                },
            );
        }
        reports.into_values().collect()
    })
}

fn condition_text() -> impl Strategy<Value = String> {
    let grade = || {
        prop::sample::select(vec![
            "inadequate",
            "requires improvement",
            "good",
            "outstanding",
        ])
    };
    let cmp = || prop::sample::select(vec!["=", "!=", "<", "<=", ">", ">="]);
    let date =
        || prop::sample::select(vec!["2015-02-11", "2019-10-25", "2023-02-03", "2018-01-01"]);
    prop_oneof![
        prop::sample::select(vec![
            "judgement",
            "finding",
            "fact",
            "recommendation",
            "report"
        ])
        .prop_map(|k| format!("kind = '{k}'")),
        prop::sample::select(vec![
            "care leavers",
            "children in care",
            "adoption",
            "overall",
            "children in care and care leavers",
            "leadership"
        ])
        .prop_map(|a| format!("area = '{a}'")),
        prop::collection::vec(
            prop::sample::select(vec!["care leavers", "lscb", "help and protection"]),
            1..3
        )
        .prop_map(|a| format!("area in ('{}')", a.join("', '"))),
        (cmp(), grade()).prop_map(|(op, g)| format!("grade {op} '{g}'")),
        (grade(), grade()).prop_map(|(a, b)| format!("grade between '{a}' and '{b}'")),
        prop::sample::select(Section::ALL.iter().map(|s| s.as_str()).collect::<Vec<_>>())
            .prop_map(|s| format!("section = '{s}'")),
        (0u32..8).prop_map(|n| format!("refs = {n}")),
        (cmp(), 0u32..8).prop_map(|(op, n)| format!("paragraph {op} {n}")),
        (cmp(), date()).prop_map(|(op, d)| format!("inspection {op} {d}")),
        (date(), date()).prop_map(|(a, b)| format!("inspected_to between {a} and {b}")),
        (cmp(), date()).prop_map(|(op, d)| format!("published {op} {d}")),
        prop::collection::vec(prop::sample::select(WORDS.to_vec()), 0..3)
            .prop_map(|w| format!("text contains '{}'", w.join(" "))),
        prop::sample::select(AUTHORITIES.to_vec()).prop_map(|a| format!("authority = '{a}'")),
        prop::collection::vec(prop::sample::select(AUTHORITIES.to_vec()), 1..3)
            .prop_map(|a| format!("authority not in ('{}')", a.join("', '"))),
        prop::sample::select(vec!["SIF", "ilacs"]).prop_map(|f| format!("framework = '{f}'")),
        prop::sample::select(vec!["Brighton and Hove", "Leeds", "Richmond upon Thames"])
            .prop_map(|a| format!("authority in neighbours('{a}')")),
        prop::sample::select(INSPECTORS.to_vec()).prop_map(|i| format!("lead_inspector = '{i}'")),
        prop::sample::select(vec!["short", "Standard"])
            .prop_map(|t| format!("inspection_type = '{t}'")),
        // Sub-queries: the authorities of another question's answers.
        (any::<bool>(), cmp(), grade()).prop_map(|(negated, op, g)| {
            let not = if negated { "not " } else { "" };
            format!("authority {not}in (judgement where area = 'overall' and grade {op} '{g}')")
        }),
        prop::sample::select(WORDS.to_vec())
            .prop_map(|w| format!("authority in (finding where text contains '{w}')")),
    ]
}

fn where_text() -> impl Strategy<Value = String> {
    condition_text().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} and {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("({a} or {b})")),
            inner.prop_map(|a| format!("not {a}")),
        ]
    })
}

fn query_text() -> impl Strategy<Value = String> {
    let kind = prop::sample::select(vec![
        "any",
        "judgement",
        "finding",
        "recommendation",
        "fact",
        "report",
        "change",
    ]);
    // Conditions only changes have, asked of changes only.
    let of_change = prop_oneof![
        prop::sample::select(vec!["up", "down", "same"]).prop_map(|d| format!("direction = '{d}'")),
        prop::sample::select(vec!["inadequate", "good"])
            .prop_map(|g| format!("from_grade <= '{g}'")),
        prop::sample::select(vec!["2015-02-11", "2019-10-25"])
            .prop_map(|d| format!("to_inspection >= {d} and from_inspection < {d}")),
        prop::sample::select(vec!["children looked after", "care leavers"])
            .prop_map(|a| format!("area = '{a}'")),
    ];
    let tail = prop::sample::select(vec![
        "",
        " order by grade desc, paragraph",
        " order by inspected_to, key desc limit 5",
        " limit 3 offset 2",
    ]);
    let group = prop::sample::select(vec![
        "grade",
        "area",
        "kind",
        "authority",
        "paragraph",
        "published",
    ]);
    (
        (kind, any::<bool>()),
        (prop::option::of(where_text()), prop::option::of(of_change)),
        // Not a count, or the shape of one.
        prop::option::of(0u8..4),
        group,
        tail,
    )
        .prop_map(
            |((kind, latest), (condition, of_change), count, group, tail)| {
                let condition = match (condition, of_change) {
                    (Some(c), Some(o)) if kind == "change" => Some(format!("{c} and {o}")),
                    (None, Some(o)) if kind == "change" => Some(o),
                    (condition, _) => condition,
                };
                let kind = if latest {
                    format!("latest {kind}")
                } else {
                    kind.to_string()
                };
                let condition = condition.map_or(String::new(), |c| format!(" where {c}"));
                // The ways a count is asked, each index against scan.
                match count {
                    None => format!("{kind}{condition}{tail}"),
                    Some(0) => format!("count {kind}{condition} group by {group}, kind"),
                    Some(1) => format!("count distinct {group} {kind}{condition} group by kind"),
                    Some(2) => format!(
                        "count {kind}{condition} group by {group} having count >= 2 order by count desc limit 3"
                    ),
                    Some(_) => {
                        format!("count distinct authority {kind}{condition} having count > 0")
                    }
                }
            },
        )
}

/// Queries ranked by relevance: a search of the text, perhaps with other
/// conditions, best first.
fn ranked_text() -> impl Strategy<Value = String> {
    let kind = prop::sample::select(vec!["any", "finding", "recommendation", "judgement"]);
    let search = prop_oneof![
        prop::collection::vec(prop::sample::select(WORDS.to_vec()), 1..4)
            .prop_map(|w| format!("text matches '{}'", w.join(" "))),
        prop::collection::vec(prop::sample::select(WORDS.to_vec()), 1..3)
            .prop_map(|w| format!("text contains '{}'", w.join(" "))),
    ];
    let tail = prop::sample::select(vec!["", " limit 3", " limit 2 offset 1", " limit 0"]);
    (
        (kind, any::<bool>()),
        search,
        prop::option::of(where_text()),
        tail,
    )
        .prop_map(|((kind, latest), search, other, tail)| {
            let latest = if latest { "latest " } else { "" };
            let condition = match other {
                Some(other) => format!("{search} and {other}"),
                None => search,
            };
            format!("{latest}{kind} where {condition} order by relevance{tail}")
        })
}

fn answer(answer: Answer) -> Result<Vec<String>, String> {
    match answer {
        // The score too, where ranked: both ways must give the same, to the bit.
        Answer::Records(records) => Ok(records
            .map(|r| {
                r.map(|r| format!("{} {:?}", r.key, r.score.map(|s| s.0.to_bits())))
                    .map_err(|e| e.to_string())
            })
            .collect::<Result<_, _>>()?),
        Answer::Counts(Counts { rows, .. }) => {
            Ok(rows.iter().map(|(g, n)| format!("{g:?}={n}")).collect())
        }
        Answer::Explain(_) => Err("explain".into()),
    }
}

/// Runs each query on a knowledge base of `reports` by its indexes and by
/// a scan of every record, and fails where the answers differ.
fn indexed_equals_scanned(reports: &[Report], queries: &[String]) -> Result<(), TestCaseError> {
    let kb = Kb::temporary().unwrap();
    for report in reports {
        kb.ingest(report).unwrap();
    }
    for text in queries {
        let query = Query::parse(text).unwrap_or_else(|e| panic!("{e}"));
        // A lead inspector none of the reports drawn names is refused by
        // both ways alike, and by nothing else.
        let (indexed, scanned) = match (query.run(&kb), query.run_by_scan(&kb)) {
            (Ok(indexed), Ok(scanned)) => (answer(indexed), answer(scanned)),
            (Err(indexed), Err(scanned)) => {
                prop_assert_eq!(indexed.to_string(), scanned.to_string());
                prop_assert!(
                    indexed.to_string().contains("unknown lead inspector"),
                    "{}",
                    indexed
                );
                continue;
            }
            (indexed, scanned) => {
                return Err(TestCaseError::fail(format!(
                    "{text}: {indexed:?} by the indexes, {scanned:?} by a scan"
                )));
            }
        };
        prop_assert_eq!(indexed, scanned, "{}", text);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn ranking_by_the_index_equals_bm25_over_a_scan(reports in records_strategy(), queries in prop::collection::vec(ranked_text(), 6)) {
        indexed_equals_scanned(&reports, &queries)?;
    }

    #[test]
    fn indexed_execution_equals_a_scan(reports in records_strategy(), queries in prop::collection::vec(query_text(), 8)) {
        indexed_equals_scanned(&reports, &queries)?;
    }
}
