//! Inspections of local authority children's services (2018 on): a table of
//! graded areas on the front page. Care leavers were graded with children in
//! care until 2023 and on their own since; inspections after 1 April 2026 no
//! longer give an overall effectiveness grade.

use super::body::Walk;
use super::judgement::{Judgement, Judgements};
use crate::model::{Area, Date, Framework, Warning};

/// The judgements of an ILACS report whose inspection started on
/// `inspected_from`, and warnings for those it could not read.
pub(crate) fn judgements(walk: &Walk, inspected_from: Date) -> (Vec<Judgement>, Vec<Warning>) {
    let mut judgements = Judgements::default();
    judgements.add_all(&walk.rows);
    judgements.reconcile(&walk.graded_headings);
    for area in [Area::Leadership, Area::HelpAndProtection] {
        judgements.require(area, Framework::Ilacs);
    }
    if !judgements.grades(Area::ChildrenInCareAndCareLeavers) {
        // Neither part read: the report gives one judgement or two, and
        // which is not known, so the warning names the combined one.
        if judgements.grades(Area::ChildrenInCare) || judgements.grades(Area::CareLeavers) {
            judgements.require(Area::ChildrenInCare, Framework::Ilacs);
            judgements.require(Area::CareLeavers, Framework::Ilacs);
        } else {
            judgements.require(Area::ChildrenInCareAndCareLeavers, Framework::Ilacs);
        }
    }
    if inspected_from < OVERALL_DROPPED {
        judgements.require(Area::Overall, Framework::Ilacs);
    }
    judgements.into_parts()
}

/// Inspections that start on or after this day give no overall effectiveness grade.
const OVERALL_DROPPED: Date = match Date::new(2026, 4, 1) {
    Some(date) => date,
    None => panic!("1 April 2026 is a date"),
};
