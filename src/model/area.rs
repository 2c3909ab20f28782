//! Judgement areas and the alias table from report and user wording to them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A canonical judgement area: what a judgement grades, and what a paragraph
/// of narrative is about.
///
/// ```
/// use inspection_kb::Area;
/// let leaders = "The impact of leaders on social work practice with children and families";
/// assert_eq!(Area::from_label(leaders), Some(Area::Leadership));
/// assert!(Area::ChildrenInCareAndCareLeavers.answers(Area::CareLeavers));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Area {
    /// Overall effectiveness.
    #[serde(rename = "overall")]
    Overall,
    /// Children who need help and protection.
    #[serde(rename = "help and protection")]
    HelpAndProtection,
    /// SIF: children looked after and achieving permanence.
    #[serde(rename = "children looked after")]
    ChildrenLookedAfter,
    /// SIF: adoption performance.
    #[serde(rename = "adoption")]
    Adoption,
    /// Care leavers (SIF, and ILACS from 2023).
    #[serde(rename = "care leavers")]
    CareLeavers,
    /// SIF: leadership, management and governance; ILACS: the impact of leaders.
    #[serde(rename = "leadership")]
    Leadership,
    /// SIF: the review of the Local Safeguarding Children Board.
    #[serde(rename = "lscb")]
    Lscb,
    /// ILACS from 2023: children in care.
    #[serde(rename = "children in care")]
    ChildrenInCare,
    /// ILACS 2018-2023: the combined judgement on children in care and care leavers.
    #[serde(rename = "children in care and care leavers")]
    ChildrenInCareAndCareLeavers,
    /// SLAC (2009-2013): the capacity to improve.
    #[serde(rename = "capacity to improve")]
    CapacityToImprove,
    /// SLAC (2009-2013): outcomes for the children the inspection covers.
    #[serde(rename = "outcomes")]
    Outcomes,
    /// SLAC (2009-2013): the quality of provision.
    #[serde(rename = "quality of provision")]
    QualityOfProvision,
}

/// Report and user wording, normalised by [`normalise_label`], for each area.
const ALIASES: &[(&str, Area)] = &[
    ("overall", Area::Overall),
    ("overall effectiveness", Area::Overall),
    ("overall judgement", Area::Overall),
    (
        "children who need help and protection",
        Area::HelpAndProtection,
    ),
    (
        "children in need of help and protection",
        Area::HelpAndProtection,
    ),
    ("help and protection", Area::HelpAndProtection),
    (
        "children looked after and achieving permanence",
        Area::ChildrenLookedAfter,
    ),
    ("children looked after", Area::ChildrenLookedAfter),
    ("looked after children", Area::ChildrenLookedAfter),
    ("adoption performance", Area::Adoption),
    ("adoption", Area::Adoption),
    ("care leavers", Area::CareLeavers),
    ("care experienced young people", Area::CareLeavers),
    ("leadership management and governance", Area::Leadership),
    ("leadership", Area::Leadership),
    ("leaders", Area::Leadership),
    ("impact of leaders", Area::Leadership),
    (
        "impact of leaders on social work practice with children and families",
        Area::Leadership,
    ),
    // Inspections after 1 April 2026 print the leaders label without "social work".
    (
        "impact of leaders on practice with children and families",
        Area::Leadership,
    ),
    ("local safeguarding children board", Area::Lscb),
    ("local safeguarding children board lscb", Area::Lscb),
    ("lscb", Area::Lscb),
    ("children in care", Area::ChildrenInCare),
    (
        "children in care and care leavers",
        Area::ChildrenInCareAndCareLeavers,
    ),
    // Some 2025-2026 tables label the care leavers' row "The experiences and
    // progress of children care leavers", beside a row of children in care of
    // its own; the combined judgement is always printed "in care and care leavers".
    ("children care leavers", Area::CareLeavers),
    // SLAC (2009-2013) reports of looked after children services.
    (
        "overall effectiveness of services for looked after children and young people",
        Area::Overall,
    ),
    ("capacity to improve", Area::CapacityToImprove),
    ("outcomes", Area::Outcomes),
    (
        "outcomes for looked after children and young people",
        Area::Outcomes,
    ),
    ("quality of provision", Area::QualityOfProvision),
    ("leadership and management", Area::Leadership),
];

/// Reduces a label to the form the alias table is written in: its normal
/// form ([`text::normalise`](crate::text::normalise)), and the framing words
/// reports put around an area ("The experiences and progress of ...") removed.
fn normalise_label(label: &str) -> String {
    let mut text = crate::text::normalise(label);
    for framing in [
        "the ",
        "experiences and progress of ",
        "experience and progress of ",
        // Salford 2015 misprints its heading "The experiences of progress of".
        "experiences of progress of ",
        "the ",
    ] {
        if let Some(rest) = text.strip_prefix(framing) {
            text = rest.to_string();
        }
    }
    text
}

impl Area {
    /// Every area, in the order reports list them.
    pub const ALL: [Area; 12] = [
        Area::Overall,
        Area::HelpAndProtection,
        Area::ChildrenLookedAfter,
        Area::Adoption,
        Area::CareLeavers,
        Area::Leadership,
        Area::Lscb,
        Area::ChildrenInCare,
        Area::ChildrenInCareAndCareLeavers,
        Area::CapacityToImprove,
        Area::Outcomes,
        Area::QualityOfProvision,
    ];

    /// The canonical name, as queries and output write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Area::Overall => "overall",
            Area::HelpAndProtection => "help and protection",
            Area::ChildrenLookedAfter => "children looked after",
            Area::Adoption => "adoption",
            Area::CareLeavers => "care leavers",
            Area::Leadership => "leadership",
            Area::Lscb => "lscb",
            Area::ChildrenInCare => "children in care",
            Area::ChildrenInCareAndCareLeavers => "children in care and care leavers",
            Area::CapacityToImprove => "capacity to improve",
            Area::Outcomes => "outcomes",
            Area::QualityOfProvision => "quality of provision",
        }
    }

    /// The area a label names, in report wording ("Experiences and progress of
    /// care leavers", "The impact of leaders on practice with children and
    /// families") or user wording ("care leavers"), in any capitalisation and
    /// wrapped over any number of lines. `None` for a label no alias covers.
    pub fn from_label(label: &str) -> Option<Area> {
        let key = normalise_label(label);
        ALIASES
            .iter()
            .find(|(alias, _)| *alias == key)
            .map(|&(_, area)| area)
    }

    /// The areas whose history a judgement of this area carries on across
    /// frameworks, in today's (ILACS 2023) words: SIF's children looked
    /// after is children in care, and the 2018-2023 combined judgement
    /// carries on both children in care and care leavers. A change pairs
    /// judgements along these.
    ///
    /// ```
    /// use inspection_kb::Area;
    /// assert_eq!(Area::ChildrenLookedAfter.lines(), [Area::ChildrenInCare]);
    /// assert_eq!(
    ///     Area::ChildrenInCareAndCareLeavers.lines(),
    ///     [Area::ChildrenInCare, Area::CareLeavers]
    /// );
    /// ```
    pub fn lines(self) -> &'static [Area] {
        match self {
            Area::ChildrenLookedAfter | Area::ChildrenInCare => &[Area::ChildrenInCare],
            Area::ChildrenInCareAndCareLeavers => &[Area::ChildrenInCare, Area::CareLeavers],
            Area::Overall => &[Area::Overall],
            Area::HelpAndProtection => &[Area::HelpAndProtection],
            Area::Adoption => &[Area::Adoption],
            Area::CareLeavers => &[Area::CareLeavers],
            Area::Leadership => &[Area::Leadership],
            Area::Lscb => &[Area::Lscb],
            Area::CapacityToImprove => &[Area::CapacityToImprove],
            Area::Outcomes => &[Area::Outcomes],
            Area::QualityOfProvision => &[Area::QualityOfProvision],
        }
    }

    /// Whether a judgement of this area answers a question about `asked`: the
    /// same area, or the ILACS combined judgement asked about either half.
    pub fn answers(self, asked: Area) -> bool {
        self == asked
            || (self == Area::ChildrenInCareAndCareLeavers
                && matches!(asked, Area::CareLeavers | Area::ChildrenInCare))
    }
}

impl fmt::Display for Area {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text that names no known area.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a known area")]
pub struct ParseAreaError(pub String);

impl FromStr for Area {
    type Err = ParseAreaError;

    fn from_str(s: &str) -> Result<Area, ParseAreaError> {
        Area::from_label(s).ok_or_else(|| ParseAreaError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_sif_labels() {
        let cases = [
            (
                "Children who need help and protection",
                Area::HelpAndProtection,
            ),
            (
                "Children looked after and achieving permanence",
                Area::ChildrenLookedAfter,
            ),
            ("Adoption performance", Area::Adoption),
            (
                "Experiences and progress of care leavers",
                Area::CareLeavers,
            ),
            ("Leadership, management and governance", Area::Leadership),
            ("Leadership, Management and Governance", Area::Leadership),
            ("The Local Safeguarding Children Board (LSCB)", Area::Lscb),
            (
                "The experiences of progress of children looked after and achieving permanence",
                Area::ChildrenLookedAfter,
            ),
        ];
        for (label, area) in cases {
            assert_eq!(Area::from_label(label), Some(area), "{label}");
        }
    }

    #[test]
    fn maps_ilacs_labels_including_known_drift() {
        let cases = [
            (
                "The impact of leaders on social work practice with children and families",
                Area::Leadership,
            ),
            (
                "The impact of leaders on practice with children and families",
                Area::Leadership,
            ),
            (
                "The experiences and progress of children who need help and protection",
                Area::HelpAndProtection,
            ),
            (
                "The experiences and progress of children in care and care leavers",
                Area::ChildrenInCareAndCareLeavers,
            ),
            (
                "The experiences and progress of children care leavers",
                Area::CareLeavers,
            ),
            (
                "The experiences and progress of children in care",
                Area::ChildrenInCare,
            ),
            (
                "The experiences and progress of care leavers",
                Area::CareLeavers,
            ),
            ("Overall effectiveness", Area::Overall),
        ];
        for (label, area) in cases {
            assert_eq!(Area::from_label(label), Some(area), "{label}");
        }
    }

    #[test]
    fn labels_split_across_lines_still_map() {
        let label = "The experiences and progress of \nchildren in care and care \nleavers";
        assert_eq!(
            Area::from_label(label),
            Some(Area::ChildrenInCareAndCareLeavers)
        );
    }

    #[test]
    fn canonical_names_round_trip_and_unknown_labels_do_not_map() {
        for area in Area::ALL {
            assert_eq!(Area::from_label(area.as_str()), Some(area));
        }
        for label in [
            "care leaver",
            "the experiences of children",
            "",
            "permanence",
        ] {
            assert_eq!(Area::from_label(label), None, "{label}");
        }
    }

    #[test]
    fn combined_judgement_answers_both_halves_and_nothing_else() {
        let combined = Area::ChildrenInCareAndCareLeavers;
        assert!(combined.answers(Area::CareLeavers));
        assert!(combined.answers(Area::ChildrenInCare));
        assert!(combined.answers(combined));
        assert!(!combined.answers(Area::Adoption));
        assert!(!Area::CareLeavers.answers(combined));
    }
}
