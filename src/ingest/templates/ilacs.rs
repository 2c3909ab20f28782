//! Inspections of local authority children's services (ILACS, 2018 on): a
//! title "Inspection of ... children's services" with the council's (or its
//! trust's) name inside, and a table of graded areas on the front page.
//! Care leavers were graded with children in care until 2023 and on their
//! own since (either form is taken, whatever the date);
//! inspections after 1 April 2026 no longer give an overall effectiveness
//! grade.

use super::since_2013::{HEADINGS, LEAD_INSPECTOR, SCALE};
use super::{Ending, NameAt, Template, Title};
use crate::model::{Area, Date, Framework};

pub(crate) const ILACS: Template = Template {
    framework: Framework::Ilacs,
    titles: &[Title {
        words: "inspection of ",
        name: NameAt::Within,
    }],
    lead_inspector: LEAD_INSPECTOR,
    published: "report published",
    scale: SCALE,
    grade_lines: false,
    subheadings: true,
    front_narrative: true,
    recommendations_as_bullets: false,
    headings: HEADINGS,
    required: &[
        (Area::Leadership, None),
        (Area::HelpAndProtection, None),
        (Area::Overall, Some(OVERALL_DROPPED)),
    ],
    optional: &[],
    required_one_of: &[&[
        &[Area::ChildrenInCareAndCareLeavers],
        &[Area::ChildrenInCare, Area::CareLeavers],
    ]],
    ending: Ending::ClosingPage,
};

/// Inspections that start on or after this day give no overall effectiveness grade.
const OVERALL_DROPPED: Date = match Date::new(2026, 4, 1) {
    Some(date) => date,
    None => panic!("1 April 2026 is a date"),
};
