//! The single inspection framework (2013-2018): an overall sentence on the
//! front page, a table of five graded areas, and usually a review of the
//! Local Safeguarding Children Board with a grade sentence of its own.

use super::IngestError;
use super::body::Walk;
use super::judgement::{Judgement, Judgements};
use super::wording::split_trailing_grade;
use crate::model::{Area, Framework};

/// The areas every SIF report grades, besides the overall judgement.
const GRADED_AREAS: [Area; 5] = [
    Area::HelpAndProtection,
    Area::ChildrenLookedAfter,
    Area::Adoption,
    Area::CareLeavers,
    Area::Leadership,
];

/// The judgements of a SIF report.
pub(crate) fn judgements(walk: &Walk) -> Result<Vec<Judgement>, IngestError> {
    let mut judgements = Judgements::default();
    if let Some(overall) = walk
        .front_lines
        .iter()
        .find(|line| is_overall_sentence(&line.label))
    {
        judgements.add(Area::Overall, overall)?;
    }
    judgements.add_rows(&walk.rows)?;
    if let Some(lscb) = &walk.lscb {
        judgements.add(Area::Lscb, lscb)?;
    }
    for area in [Area::Overall].iter().chain(&GRADED_AREAS) {
        judgements.require(*area, Framework::Sif)?;
    }
    Ok(judgements.into_vec())
}

/// "The overall judgement is that children's services are inadequate",
/// "Children's services in the Royal Borough of Kingston upon Thames are good".
fn is_overall_sentence(text: &str) -> bool {
    let Some((before_grade, _)) = split_trailing_grade(text) else {
        return false;
    };
    let lower = before_grade.to_lowercase();
    // "... services are good", or "... services require improvement" where
    // the verb is part of the grade.
    lower.contains("services")
        && [" are", " is", "services"]
            .iter()
            .any(|end| lower.ends_with(end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_both_overall_wordings() {
        assert!(is_overall_sentence(
            "The overall judgement is that children\u{2019}s services are inadequate"
        ));
        assert!(is_overall_sentence(
            "Children\u{2019}s services in the Royal Borough of Kingston upon Thames are good"
        ));
        assert!(is_overall_sentence(
            "The overall judgement is that children's services require improvement"
        ));
        assert!(!is_overall_sentence("2.1 Adoption performance Good"));
        assert!(!is_overall_sentence(
            "Children's services in Leeds are good because:"
        ));
    }
}
