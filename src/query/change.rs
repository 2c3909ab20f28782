//! The `change` kind: how each area's grade moved between consecutive
//! graded inspections of one authority, derived from its judgements (those
//! the catalogue lists, in memory; or, to check them, the stored records).

use std::collections::BTreeMap;

use crate::model::{Area, Change, Date, Direction, Grade, Kind, Record};

/// The changes that judgements given in key order (so by authority, then
/// inspection) show: for each authority and line ([`Area::lines`]), one per
/// pair of consecutive inspections that grade it, in the key order of the
/// later judgement (the change's key, its citation), then by line. No
/// change is read between the grade scales (2009-2013's "adequate" is not
/// "requires improvement"): the first judgement on the later scale starts
/// its line anew.
pub(super) fn changes(judgements: impl IntoIterator<Item = Record>) -> Vec<Record> {
    let mut found = Vec::new();
    let mut authority = String::new();
    // Of the authority in hand, the last inspection to grade each line, its
    // grade, and whether on the scale with "adequate".
    let mut last: BTreeMap<Area, (Date, Grade, bool)> = BTreeMap::new();
    for judgement in judgements {
        if judgement.kind != Kind::Judgement {
            continue;
        }
        if judgement.key.authority != authority {
            authority.clone_from(&judgement.key.authority);
            last.clear();
        }
        let (Some(area), Some(to_grade)) = (judgement.area, judgement.grade) else {
            continue;
        };
        let to_inspection = judgement.inspection;
        let scale = judgement.framework.grades_adequate();
        let mut made: Vec<(Area, Change)> = Vec::new();
        for &line in area.lines() {
            let Some((from_inspection, from_grade, from_scale)) =
                last.insert(line, (to_inspection, to_grade, scale))
            else {
                continue;
            };
            if from_inspection == to_inspection || from_scale != scale {
                // Two judgements of one inspection on one line are no change.
                continue;
            }
            let change = Change {
                from_grade,
                to_grade,
                from_inspection,
                to_inspection,
                direction: Direction::between(from_grade, to_grade),
            };
            made.push((line, change));
        }
        // The judgement becomes its last change, and is copied for any other.
        if let Some((line, last_change)) = made.pop() {
            for (line, change) in made {
                found.push(into_change(judgement.clone(), line, change));
            }
            found.push(into_change(judgement, line, last_change));
        }
    }
    found
}

/// The change record of `line` from the later of its two judgements.
fn into_change(mut record: Record, line: Area, change: Change) -> Record {
    record.kind = Kind::Change;
    record.area = Some(line);
    record.refs.clear();
    record.text = format!(
        "{line}: {} ({}) to {} ({})",
        change.from_grade, change.from_inspection, change.to_grade, change.to_inspection
    );
    record.change = Some(change);
    record
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Authority, Framework, Inspection, Position, Section};

    fn judgement(authority: &str, year: u16, area: Area, grade: Grade) -> Record {
        let day = Date::new(year, 3, 1).unwrap();
        let inspection = Inspection {
            authority: Authority::from_printed_name(authority),
            framework: Framework::Ilacs,
            inspected_from: day,
            inspected_to: day,
            published: None,
            lead_inspector: None,
            inspection_type: None,
        };
        let mut record = Record::new(
            &inspection,
            Kind::Judgement,
            Section::Judgements,
            Position::Ordinal(0),
            String::new(),
        );
        record.area = Some(area);
        record.grade = Some(grade);
        record
    }

    fn described(changes: &[Record]) -> Vec<String> {
        changes
            .iter()
            .map(|record| {
                let change = record.change.unwrap();
                format!(
                    "{} {}: {} -> {} {}",
                    record.key.authority,
                    record.area.unwrap(),
                    change.from_inspection,
                    change.to_inspection,
                    change.direction
                )
            })
            .collect()
    }

    #[test]
    fn pairs_each_line_with_the_last_inspection_that_graded_it() {
        use Grade::*;
        let found = changes([
            judgement("Leeds", 2015, Area::Adoption, Good),
            judgement("Leeds", 2015, Area::Overall, Good),
            // 2019 grades overall but not adoption: adoption's next pairs with 2015.
            judgement("Leeds", 2019, Area::Overall, Inadequate),
            judgement("Leeds", 2023, Area::Adoption, Outstanding),
            judgement("Leeds", 2023, Area::Overall, Inadequate),
            // Another authority starts afresh.
            judgement("Slough", 2024, Area::Overall, Good),
        ]);
        assert_eq!(
            described(&found),
            [
                "leeds overall: 2015-03-01 -> 2019-03-01 down",
                "leeds adoption: 2015-03-01 -> 2023-03-01 up",
                "leeds overall: 2019-03-01 -> 2023-03-01 same",
            ]
        );
    }

    #[test]
    fn the_combined_judgement_carries_on_both_lines_and_one_inspection_is_no_change() {
        use Grade::*;
        let found = changes([
            judgement("Slough", 2015, Area::ChildrenLookedAfter, Inadequate),
            judgement("Slough", 2015, Area::CareLeavers, Good),
            judgement("Slough", 2019, Area::ChildrenInCareAndCareLeavers, Good),
            // Graded twice in one inspection: no change between the two.
            judgement("Slough", 2023, Area::ChildrenInCare, Good),
            judgement("Slough", 2023, Area::ChildrenInCare, Good),
        ]);
        assert_eq!(
            described(&found),
            [
                "slough children in care: 2015-03-01 -> 2019-03-01 up",
                "slough care leavers: 2015-03-01 -> 2019-03-01 same",
                "slough children in care: 2019-03-01 -> 2023-03-01 same",
            ]
        );
    }

    #[test]
    fn no_change_is_read_between_the_grade_scales() {
        use Grade::*;
        let mut slac = judgement("Kent", 2013, Area::Overall, Adequate);
        slac.framework = Framework::Slac;
        let found = changes([
            slac,
            judgement("Kent", 2017, Area::Overall, RequiresImprovement),
            judgement("Kent", 2022, Area::Overall, Good),
        ]);
        assert_eq!(
            described(&found),
            ["kent overall: 2017-03-01 -> 2022-03-01 up"]
        );
    }
}
