//! The single inspection framework (SIF, 2013-2018): a title naming
//! "services for children in need of help and protection" after the
//! council's name, an overall sentence and a table of five graded areas on
//! the front page, and usually a review of the Local Safeguarding Children
//! Board with a grade sentence of its own.

use super::since_2013::{HEADINGS, LEAD_INSPECTOR, SCALE};
use super::{Ending, NameAt, Template, Title};
use crate::model::{Area, Framework};

pub(crate) const SIF: Template = Template {
    framework: Framework::Sif,
    titles: &[Title {
        words: "inspection of services for children in need",
        name: NameAt::Before,
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
        (Area::Overall, None),
        (Area::HelpAndProtection, None),
        (Area::ChildrenLookedAfter, None),
        (Area::Adoption, None),
        (Area::CareLeavers, None),
        (Area::Leadership, None),
    ],
    optional: &[Area::Lscb],
    required_one_of: &[],
    ending: Ending::ClosingPage,
};
