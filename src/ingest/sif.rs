//! The single inspection framework (2013-2018): an overall sentence on the
//! front page, a table of five graded areas, and usually a review of the
//! Local Safeguarding Children Board with a grade sentence of its own.

use super::IngestError;
use super::body::Walk;
use super::judgement::{Judgement, Judgements};
use crate::model::{Area, Framework};

/// The judgements every SIF report gives.
const REQUIRED: [Area; 6] = [
    Area::Overall,
    Area::HelpAndProtection,
    Area::ChildrenLookedAfter,
    Area::Adoption,
    Area::CareLeavers,
    Area::Leadership,
];

/// The judgements of a SIF report.
pub(crate) fn judgements(walk: &Walk) -> Result<Vec<Judgement>, IngestError> {
    let mut judgements = Judgements::default();
    judgements.add_all(&walk.rows)?;
    judgements.add_all(&walk.lscb)?;
    judgements.reconcile(&walk.graded_headings)?;
    for area in REQUIRED {
        if !walk.not_judged.contains(&area) {
            judgements.require(area, Framework::Sif)?;
        }
    }
    Ok(judgements.into_vec())
}
