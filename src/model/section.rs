//! Canonical report sections.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::Area;

/// Where in a report a record comes from. The frameworks' reports share
/// these ids (SLAC has three of its own); two are not printed sections but places for records read from the
/// front page: `report` (the report record) and `judgements` (the table of
/// grades, and the LSCB grade sentence).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Section {
    /// The report record itself.
    #[serde(rename = "report")]
    Report,
    /// The graded judgements.
    #[serde(rename = "judgements")]
    Judgements,
    /// SIF "Information about this local authority area": context facts.
    #[serde(rename = "context")]
    Context,
    /// SIF "Executive summary" or "Summary of findings"; the ILACS front-page narrative.
    #[serde(rename = "executive summary")]
    ExecutiveSummary,
    /// SIF "Recommendations" or "What does the local authority need to improve?";
    /// ILACS "What needs to improve".
    #[serde(rename = "recommendations")]
    Recommendations,
    /// SIF 2014-15 "The local authority's strengths".
    #[serde(rename = "strengths")]
    Strengths,
    /// SIF 2014-15 "Progress since the last inspection".
    #[serde(rename = "progress")]
    Progress,
    /// SIF "Summary for children and young people".
    #[serde(rename = "summary for children")]
    SummaryForChildren,
    /// Children who need help and protection.
    #[serde(rename = "help and protection")]
    HelpAndProtection,
    /// SIF: children looked after and achieving permanence.
    #[serde(rename = "children looked after")]
    ChildrenLookedAfter,
    /// SIF: adoption performance.
    #[serde(rename = "adoption")]
    Adoption,
    /// Care leavers.
    #[serde(rename = "care leavers")]
    CareLeavers,
    /// ILACS from 2023: children in care.
    #[serde(rename = "children in care")]
    ChildrenInCare,
    /// ILACS 2018-2023: children in care and care leavers.
    #[serde(rename = "children in care and care leavers")]
    ChildrenInCareAndCareLeavers,
    /// SLAC: capacity to improve.
    #[serde(rename = "capacity to improve")]
    CapacityToImprove,
    /// SLAC: outcomes for the children the inspection covers.
    #[serde(rename = "outcomes")]
    Outcomes,
    /// SLAC: quality of provision.
    #[serde(rename = "quality of provision")]
    QualityOfProvision,
    /// Leadership (SIF), the impact of leaders (ILACS), leadership and management (SLAC).
    #[serde(rename = "leadership")]
    Leadership,
    /// SIF: the review of the Local Safeguarding Children Board.
    #[serde(rename = "lscb")]
    Lscb,
    /// SIF: the recommendations to the Local Safeguarding Children Board.
    #[serde(rename = "lscb recommendations")]
    LscbRecommendations,
    /// SIF "Information about this inspection".
    #[serde(rename = "about")]
    About,
}

impl Section {
    /// Every section, in report order.
    pub const ALL: [Section; 21] = [
        Section::Report,
        Section::Judgements,
        Section::Context,
        Section::ExecutiveSummary,
        Section::Recommendations,
        Section::Strengths,
        Section::Progress,
        Section::SummaryForChildren,
        Section::HelpAndProtection,
        Section::ChildrenLookedAfter,
        Section::Adoption,
        Section::CareLeavers,
        Section::ChildrenInCare,
        Section::ChildrenInCareAndCareLeavers,
        Section::CapacityToImprove,
        Section::Outcomes,
        Section::QualityOfProvision,
        Section::Leadership,
        Section::Lscb,
        Section::LscbRecommendations,
        Section::About,
    ];

    /// The canonical id, as queries and output write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Report => "report",
            Section::Judgements => "judgements",
            Section::Context => "context",
            Section::ExecutiveSummary => "executive summary",
            Section::Recommendations => "recommendations",
            Section::Strengths => "strengths",
            Section::Progress => "progress",
            Section::SummaryForChildren => "summary for children",
            Section::HelpAndProtection => "help and protection",
            Section::ChildrenLookedAfter => "children looked after",
            Section::Adoption => "adoption",
            Section::CareLeavers => "care leavers",
            Section::ChildrenInCare => "children in care",
            Section::ChildrenInCareAndCareLeavers => "children in care and care leavers",
            Section::CapacityToImprove => "capacity to improve",
            Section::Outcomes => "outcomes",
            Section::QualityOfProvision => "quality of provision",
            Section::Leadership => "leadership",
            Section::Lscb => "lscb",
            Section::LscbRecommendations => "lscb recommendations",
            Section::About => "about",
        }
    }

    /// The judgement area all text of this section belongs to, if one does.
    /// Recommendations have none as a section: each takes its own.
    pub fn area(self) -> Option<Area> {
        match self {
            Section::ExecutiveSummary => Some(Area::Overall),
            Section::HelpAndProtection => Some(Area::HelpAndProtection),
            Section::ChildrenLookedAfter => Some(Area::ChildrenLookedAfter),
            Section::Adoption => Some(Area::Adoption),
            Section::CareLeavers => Some(Area::CareLeavers),
            Section::ChildrenInCare => Some(Area::ChildrenInCare),
            Section::ChildrenInCareAndCareLeavers => Some(Area::ChildrenInCareAndCareLeavers),
            Section::CapacityToImprove => Some(Area::CapacityToImprove),
            Section::Outcomes => Some(Area::Outcomes),
            Section::QualityOfProvision => Some(Area::QualityOfProvision),
            Section::Leadership => Some(Area::Leadership),
            Section::Lscb | Section::LscbRecommendations => Some(Area::Lscb),
            _ => None,
        }
    }

    /// The section whose text an area's judgement grades.
    pub fn of_area(area: Area) -> Section {
        match area {
            Area::Overall => Section::ExecutiveSummary,
            Area::HelpAndProtection => Section::HelpAndProtection,
            Area::ChildrenLookedAfter => Section::ChildrenLookedAfter,
            Area::Adoption => Section::Adoption,
            Area::CareLeavers => Section::CareLeavers,
            Area::Leadership => Section::Leadership,
            Area::Lscb => Section::Lscb,
            Area::ChildrenInCare => Section::ChildrenInCare,
            Area::ChildrenInCareAndCareLeavers => Section::ChildrenInCareAndCareLeavers,
            Area::CapacityToImprove => Section::CapacityToImprove,
            Area::Outcomes => Section::Outcomes,
            Area::QualityOfProvision => Section::QualityOfProvision,
        }
    }

    /// Whether numbered paragraphs here are recommendations.
    pub fn holds_recommendations(self) -> bool {
        matches!(
            self,
            Section::Recommendations | Section::LscbRecommendations
        )
    }

    /// The id as it stands in a key: `help-and-protection`.
    pub fn slug(self) -> String {
        self.as_str().replace(' ', "-")
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Text that names no known section.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a known section")]
pub struct ParseSectionError(pub String);

impl FromStr for Section {
    type Err = ParseSectionError;

    /// Accepts the canonical id in any case, with spaces or hyphens.
    fn from_str(s: &str) -> Result<Section, ParseSectionError> {
        let wanted = s.trim().to_lowercase().replace('-', " ");
        Section::ALL
            .into_iter()
            .find(|section| section.as_str() == wanted)
            .ok_or_else(|| ParseSectionError(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_slugs_round_trip() {
        for section in Section::ALL {
            assert_eq!(section.as_str().parse::<Section>(), Ok(section));
            assert_eq!(section.slug().parse::<Section>(), Ok(section));
            assert!(!section.slug().contains(' '));
        }
    }

    #[test]
    fn every_area_has_a_section_that_maps_back() {
        for area in Area::ALL {
            assert_eq!(Section::of_area(area).area(), Some(area));
        }
    }
}
