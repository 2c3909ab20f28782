//! The analysts' questions on the knowledge base of the seed reports: the
//! current state (`latest`), changes between inspections, questions over
//! groups, sub-queries, a council beside its neighbours. Every expected
//! answer was read off the reports (and EXPECTED.json) by hand.

mod common;

use common::seeded::{counts, error, kb, keys, records};
use inspection_kb::{Answer, Grade, QueryErrorKind};

#[test]
fn latest_answers_from_each_authoritys_most_recent_inspection() {
    // Kingston upon Thames was inspected in 2015 and 2019; North
    // Northamptonshire's one inspection (2026) gives no overall judgement.
    assert_eq!(
        keys("latest judgement where area = 'overall'"),
        [
            "bradford/2022-12-02/judgements/#4",
            "kingston-upon-thames/2019-10-25/judgements/#4",
            "leeds/2015-02-11/judgements/#1",
            "rotherham/2014-10-08/judgements/#1",
            "slough/2023-02-03/judgements/#5",
        ]
    );
    assert_eq!(
        keys("latest judgement where area = 'overall'"),
        keys("latest judgement where area = 'overall' order by authority"),
    );
    let by_grade = counts("count latest report group by authority");
    assert_eq!(by_grade.rows.len(), 6);
    assert!(by_grade.rows.iter().all(|(_, n)| *n == 1));
}

#[test]
fn latest_is_the_current_state_and_the_grade_tests_it_after() {
    // Kingston upon Thames was judged good overall in 2015 (its 2019
    // report, line 28: "since being judged good overall at the previous
    // inspection in 2015") and outstanding in 2019: it is not good now.
    // Leeds's one inspection (2015) judged it good.
    assert_eq!(
        keys("latest judgement where area = 'overall' and grade = 'good'"),
        ["leeds/2015-02-11/judgements/#1"]
    );
    // The grade tests the latest inspection's judgement; the area chooses
    // which inspection is latest (North Northamptonshire 2026 gives no
    // overall grade, so its line has none).
    assert_eq!(
        keys("latest judgement where grade = 'outstanding' and area = 'overall'"),
        ["kingston-upon-thames/2019-10-25/judgements/#4"]
    );
    let Answer::Explain(explained) = kb()
        .query("explain latest judgement where area = 'overall' and grade = 'good'")
        .unwrap()
    else {
        panic!("explain gives a plan");
    };
    assert!(
        explained.contains(
            "most recent inspection with records where kind = 'judgement' and area = 'overall'"
        ),
        "{explained}"
    );
}

#[test]
fn counts_group_by_several_fields_in_the_order_given() {
    // The overall judgements of the latest inspections: Bradford 2022
    // inadequate, Kingston 2019 outstanding, Leeds 2015 good, Rotherham 2014
    // inadequate, Slough 2023 requires improvement (North Northamptonshire's
    // 2026 inspection gives none).
    let query = "count latest judgement where area = 'overall' group by grade, region";
    assert_eq!(counts(query).fields, ["grade", "region"]);
    let rows = count_rows(query);
    let row = |grade: &str, region: &str, n| (vec![grade.to_string(), region.to_string()], n);
    assert_eq!(
        rows,
        [
            row("inadequate", "Yorkshire and the Humber", 2),
            row("requires improvement", "South East", 1),
            row("good", "Yorkshire and the Humber", 1),
            row("outstanding", "London", 1),
        ]
    );
}

/// Each change as `area: from -> to (direction)`, in answer order.
fn changes(query: &str) -> Vec<String> {
    records(query)
        .iter()
        .map(|record| {
            let change = record.change.expect("a change record has its grades");
            assert_eq!(record.kind, inspection_kb::Kind::Change);
            assert_eq!(record.grade, Some(change.to_grade));
            assert_eq!(record.inspection, change.to_inspection);
            format!(
                "{}: {} {} -> {} {} ({})",
                record.area.unwrap(),
                change.from_inspection,
                change.from_grade,
                change.to_inspection,
                change.to_grade,
                change.direction
            )
        })
        .collect()
}

#[test]
fn changes_pair_consecutive_inspections_area_by_area_across_frameworks() {
    // Kingston upon Thames is the one seed authority inspected twice: SIF
    // 2015 (every judgement good) and ILACS 2019 (leaders outstanding, help
    // and protection good, children in care and care leavers outstanding,
    // overall outstanding), as EXPECTED.json reads them. Adoption and the
    // LSCB were judged in 2015 only, so they have no change. The 2019
    // combined judgement carries on both SIF children looked after and SIF
    // care leavers; changes are in the later judgement's key order.
    assert_eq!(
        changes("change"),
        [
            "leadership: 2015-06-18 good -> 2019-10-25 outstanding (up)",
            "help and protection: 2015-06-18 good -> 2019-10-25 good (same)",
            "children in care: 2015-06-18 good -> 2019-10-25 outstanding (up)",
            "care leavers: 2015-06-18 good -> 2019-10-25 outstanding (up)",
            "overall: 2015-06-18 good -> 2019-10-25 outstanding (up)",
        ]
    );
    // The key is the later judgement's: the citation.
    assert_eq!(
        keys("change where area = 'overall'"),
        ["kingston-upon-thames/2019-10-25/judgements/#4"]
    );
    // SIF's wording and today's name the same line.
    for asked in ["children looked after", "children in care"] {
        assert_eq!(
            changes(&format!("change where area = '{asked}'")),
            ["children in care: 2015-06-18 good -> 2019-10-25 outstanding (up)"],
            "{asked}"
        );
    }
    assert_eq!(
        changes("change where area = 'children in care and care leavers'").len(),
        2
    );
}

#[test]
fn changes_answer_the_analysts_questions() {
    // The question: nobody went down in an inspection since 2023.
    assert!(
        changes(
            "change where area = 'overall' and direction = 'down' and to_inspection >= 2023-01-01"
        )
        .is_empty()
    );
    assert_eq!(
        keys(
            "change where direction = 'up' and region = 'London' and from_grade = 'good' and to_inspection >= 2019-01-01 and area = 'overall'"
        ),
        ["kingston-upon-thames/2019-10-25/judgements/#4"]
    );
    let by_direction = counts("count change group by direction");
    let rows: Vec<(String, u64)> = by_direction
        .rows
        .iter()
        .map(|(values, n)| (values[0].as_ref().unwrap().to_string(), *n))
        .collect();
    assert_eq!(rows, [("up".to_string(), 4), ("same".to_string(), 1)]);
    assert_eq!(
        changes(
            "latest change where authority in neighbours('Richmond upon Thames') and area = 'leadership'"
        ),
        ["leadership: 2015-06-18 good -> 2019-10-25 outstanding (up)"]
    );
    let plan = kb()
        .prepare("change where direction = 'down'")
        .unwrap()
        .explain(kb());
    assert!(plan.contains("no record read from disk"), "{plan}");
}

#[test]
fn fields_of_changes_are_refused_on_other_kinds() {
    for query in [
        "judgement where direction = 'down'",
        "any where from_grade = 'good'",
        "count finding group by to_inspection",
    ] {
        let error = kb().prepare(query).unwrap_err();
        assert_eq!(error.kind(), QueryErrorKind::UnknownField, "{query}");
    }
    let error = kb()
        .prepare("change where direction = 'sideways'")
        .unwrap_err();
    assert_eq!(error.kind(), QueryErrorKind::UnknownValue);
    assert!(error.to_string().contains("up, down, same"), "{error}");
}

/// A count's rows as (group values, count), read as text.
fn count_rows(query: &str) -> Vec<(Vec<String>, u64)> {
    counts(query)
        .rows
        .into_iter()
        .map(|(values, n)| {
            let values = values
                .iter()
                .map(|v| v.as_ref().map(ToString::to_string).unwrap_or_default())
                .collect();
            (values, n)
        })
        .collect()
}

#[test]
fn questions_over_groups() {
    // The overall judgements of the seeds: Bradford 2022 inadequate,
    // Kingston upon Thames 2015 good and 2019 outstanding, Leeds 2015 good,
    // Rotherham 2014 inadequate, Slough 2023 requires improvement.
    let row = |values: &[&str], n| (values.iter().map(|v| v.to_string()).collect(), n);
    // How many councils, not judgements.
    assert_eq!(
        count_rows(
            "count distinct authority judgement where area = 'overall' and grade = 'inadequate'"
        ),
        [row(&[], 2)]
    );
    assert_eq!(
        count_rows("count distinct authority change where area = 'overall' and direction = 'up'"),
        [row(&[], 1)]
    );
    // Groups filtered by their count.
    assert_eq!(
        count_rows("count judgement where area = 'overall' group by authority having count >= 2"),
        [row(&["Kingston upon Thames"], 2)]
    );
    // Ranked by the count, ties in group order (worst grade first).
    assert_eq!(
        count_rows("count judgement where area = 'overall' group by grade order by count desc"),
        [
            row(&["inadequate"], 2),
            row(&["good"], 2),
            row(&["requires improvement"], 1),
            row(&["outstanding"], 1),
        ]
    );
    assert_eq!(
        count_rows(
            "count judgement where area = 'overall' group by grade having count < 2 order by grade desc limit 1"
        ),
        [row(&["outstanding"], 1)]
    );
    // The answer of a count with none of these is as before.
    assert_eq!(
        count_rows("count judgement where area = 'overall' group by grade").len(),
        4
    );
    for (query, message) in [
        (
            "judgement having count > 1",
            "`having` keeps the groups of a count",
        ),
        (
            "count judgement group by grade order by area",
            "a count is ordered by `count` or by one of its `group by` fields",
        ),
        ("count distinct text finding", "cannot group by `text`"),
    ] {
        let refused = error(query);
        assert!(refused.contains(message), "{query}: {refused}");
    }
}

#[test]
fn a_sub_query_asks_about_every_record_of_an_authority() {
    // Overall judgements (see `questions_over_groups`): Bradford inadequate,
    // Kingston upon Thames good then outstanding, Leeds good, Rotherham
    // inadequate, Slough requires improvement; North Northamptonshire's
    // 2026 report gives none.
    // Councils whose every overall judgement is inadequate.
    assert_eq!(
        keys(
            "judgement where area = 'overall' and authority not in (judgement where area = 'overall' and grade != 'inadequate')"
        ),
        [
            "bradford/2022-12-02/judgements/#4",
            "rotherham/2014-10-08/judgements/#1"
        ]
    );
    // Councils judged overall and never below good.
    let never_below_good: Vec<String> = records(
        "latest report where authority in (judgement where area = 'overall') \
         and authority not in (judgement where area = 'overall' and grade < 'good')",
    )
    .into_iter()
    .map(|r| r.authority)
    .collect();
    assert_eq!(never_below_good, ["Kingston upon Thames", "Leeds"]);
    // The same by a scan of every record.
    let query = kb()
        .prepare("count distinct authority finding where authority in (judgement where grade = 'inadequate')")
        .unwrap();
    let (Answer::Counts(indexed), Answer::Counts(scanned)) =
        (query.run(kb()).unwrap(), query.run_by_scan(kb()).unwrap())
    else {
        panic!("counts");
    };
    assert_eq!(indexed, scanned);
    // Bradford and Rotherham (inadequate overall), Slough (leadership).
    assert_eq!(indexed.rows, [(Vec::new(), 3)]);
    for (query, message) in [
        (
            "report where region in (judgement)",
            "a sub-query lists authorities, and `region` is not one",
        ),
        (
            "report where authority in (judgements)",
            "unknown kind `judgements`",
        ),
        (
            "report where authority in (judgement where authority = 'Kentt')",
            "unknown authority `Kentt`",
        ),
    ] {
        let refused = error(query);
        assert!(refused.contains(message), "{query}: {refused}");
    }
}

#[test]
fn a_council_beside_its_neighbours_its_region_and_england() {
    use inspection_kb::{Area, Authority};
    let compared = kb().compare("Slough Borough Council").unwrap().unwrap();
    assert_eq!(compared.region, "South East");
    // Slough 2023 (seeds/EXPECTED.json): leaders inadequate, the rest
    // requires improvement.
    let slough = &compared.councils[0];
    assert_eq!(
        (slough.authority.as_str(), slough.neighbour),
        ("Slough", None)
    );
    let grade = |area| slough.latest.get(&area).map(|latest| latest.grade);
    assert_eq!(grade(Area::Leadership), Some(Grade::Inadequate));
    for area in [
        Area::Overall,
        Area::HelpAndProtection,
        Area::ChildrenInCare,
        Area::CareLeavers,
    ] {
        assert_eq!(grade(area), Some(Grade::RequiresImprovement), "{area}");
        assert!(
            slough.latest[&area]
                .key
                .to_string()
                .starts_with("slough/2023-02-03/judgements/"),
            "{area}"
        );
    }
    // Then its statistical neighbours, nearest first, as the reference
    // table lists them (none of them is among the seeds).
    let neighbours: Vec<String> = Authority::from_printed_name("Slough")
        .neighbours()
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect();
    let listed: Vec<String> = compared.councils[1..]
        .iter()
        .map(|c| c.authority.clone())
        .collect();
    assert_eq!(listed, neighbours);
    assert!(compared.councils[1..].iter().all(|c| c.latest.is_empty()));
    // Latest leadership grades (EXPECTED.json): Bradford, Rotherham and
    // Slough inadequate; Kingston upon Thames 2019, Leeds and North
    // Northamptonshire outstanding. Only Slough is in the South East.
    let leadership =
        |counts: &std::collections::BTreeMap<Area, std::collections::BTreeMap<Grade, u64>>| {
            counts[&Area::Leadership]
                .clone()
                .into_iter()
                .collect::<Vec<_>>()
        };
    assert_eq!(
        leadership(&compared.england_counts),
        [(Grade::Inadequate, 3), (Grade::Outstanding, 3)]
    );
    assert_eq!(
        leadership(&compared.region_counts),
        [(Grade::Inadequate, 1)]
    );
    assert!(kb().compare("Atlantis").unwrap().is_none());
}

#[test]
fn the_wide_sheet_has_each_councils_current_grade_on_each_line() {
    use inspection_kb::Area;
    let councils = kb().latest_by_council().unwrap();
    let names: Vec<&str> = councils.iter().map(|c| c.authority.as_str()).collect();
    assert_eq!(
        names,
        [
            "Bradford",
            "Kingston upon Thames",
            "Leeds",
            "North Northamptonshire",
            "Rotherham",
            "Slough"
        ]
    );
    let leeds = &councils[2];
    assert_eq!(leeds.authority_code.as_deref(), Some("E08000035"));
    // Leeds 2015 (EXPECTED.json): SIF's "Children looked after and
    // achieving permanence" good is its children-in-care line's latest.
    assert_eq!(leeds.latest[&Area::ChildrenInCare].grade, Grade::Good);
    assert_eq!(leeds.latest[&Area::Leadership].grade, Grade::Outstanding);
    // Kingston upon Thames: its 2019 grades, not its 2015 ones.
    let kingston = &councils[1];
    assert!(
        kingston
            .latest
            .values()
            .all(|l| l.inspection.to_string() == "2019-10-25")
    );
    // North Northamptonshire 2026 gives no overall grade.
    assert!(!councils[3].latest.contains_key(&Area::Overall));
}

#[test]
fn the_2009_2013_framework_and_its_grade_are_named_in_queries() {
    // The seeds hold no SLAC report: the words name something, the answer is empty.
    assert!(keys("judgement where framework = 'slac'").is_empty());
    assert!(keys("judgement where grade = 'adequate'").is_empty());
    let rendered = error("judgement where framework = 'SLACK'");
    assert!(
        rendered.contains("(known frameworks: SLAC, SIF, ILACS)"),
        "{rendered}"
    );
    // Adequate orders between requires improvement and good.
    assert_eq!(
        keys("judgement where grade < 'good'"),
        keys("judgement where grade <= 'adequate'")
    );
}
