//! The review of a Local Safeguarding Children Board published on its own
//! (2015), not after the local authority's report in one file: its title
//! page names the board ("Kingston upon Hull Safeguarding Children Board")
//! over "Inspection of the effectiveness of the local safeguarding children
//! board"; the rest is a SIF report's board part (its grade sentence,
//! findings and recommendations), and it is stored as that inspection's
//! board part (`Kb::ingest`).

use super::since_2013::{HEADINGS, LEAD_INSPECTOR, SCALE};
use super::{Ending, NameAt, Template, Title};
use crate::model::{Area, Framework};

pub(crate) const BOARD: Template = Template {
    framework: Framework::Sif,
    titles: &[
        Title {
            words: "inspection of the effectiveness of the local safeguarding children board",
            name: NameAt::Board,
        },
        Title {
            words: "review of the effectiveness of the local safeguarding children board",
            name: NameAt::Board,
        },
    ],
    lead_inspector: LEAD_INSPECTOR,
    published: "report published",
    scale: SCALE,
    grade_lines: false,
    subheadings: true,
    front_narrative: false,
    recommendations_as_bullets: false,
    headings: HEADINGS,
    required: &[(Area::Lscb, None)],
    optional: &[],
    required_one_of: &[],
    ending: Ending::ClosingPage,
};
