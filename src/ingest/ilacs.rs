//! Inspections of local authority children's services (2018 on): a table of
//! graded areas on the front page. Care leavers were graded with children in
//! care until 2023 and on their own since; inspections after 1 April 2026 no
//! longer give an overall effectiveness grade.

use super::IngestError;
use super::body::Walk;
use super::judgement::{Judgement, Judgements};
use crate::model::{Area, Date, Framework};

/// The judgements of an ILACS report whose inspection started on `inspected_from`.
pub(crate) fn judgements(walk: &Walk, inspected_from: Date) -> Result<Vec<Judgement>, IngestError> {
    let mut judgements = Judgements::default();
    judgements.add_all(&walk.rows)?;
    judgements.reconcile(&walk.graded_headings)?;
    let require = |area| judgements.require(area, Framework::Ilacs);
    require(Area::Leadership)?;
    require(Area::HelpAndProtection)?;
    if judgements
        .grade_of(Area::ChildrenInCareAndCareLeavers)
        .is_none()
    {
        require(Area::ChildrenInCare).map_err(|_| IngestError::MissingJudgement {
            area: Area::ChildrenInCareAndCareLeavers,
            framework: Framework::Ilacs,
        })?;
        require(Area::CareLeavers)?;
    }
    if inspected_from < OVERALL_DROPPED {
        require(Area::Overall)?;
    }
    Ok(judgements.into_vec())
}

/// Inspections that start on or after this day give no overall effectiveness grade.
const OVERALL_DROPPED: Date = match Date::new(2026, 4, 1) {
    Some(date) => date,
    None => panic!("1 April 2026 is a date"),
};
