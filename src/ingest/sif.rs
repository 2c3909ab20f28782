//! The single inspection framework (2013-2018): an overall sentence on the
//! front page, a table of five graded areas, and usually a review of the
//! Local Safeguarding Children Board with a grade sentence of its own.

use super::body::Walk;
use super::judgement::{Judgement, Judgements};
use crate::model::{Area, Framework, Warning};

/// The judgements every SIF report gives.
const REQUIRED: [Area; 6] = [
    Area::Overall,
    Area::HelpAndProtection,
    Area::ChildrenLookedAfter,
    Area::Adoption,
    Area::CareLeavers,
    Area::Leadership,
];

/// The judgements of a SIF report, and warnings for those it could not read.
pub(crate) fn judgements(walk: &Walk) -> (Vec<Judgement>, Vec<Warning>) {
    let mut judgements = Judgements::default();
    judgements.add_all(&walk.rows);
    judgements.add_all(&walk.lscb);
    judgements.reconcile(&walk.graded_headings);
    for area in REQUIRED {
        if !walk.not_judged.contains(&area) {
            judgements.require(area, Framework::Sif);
        }
    }
    if let Some(line) = walk.board_review
        && !judgements.grades(Area::Lscb)
    {
        judgements.warn(Warning::UnreadBoardGrade { line });
    }
    judgements.into_parts()
}
