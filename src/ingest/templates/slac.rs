//! The inspections of safeguarding and looked after children services
//! (SLAC, 2009-2013). A report of looked after children services opens
//! "Inspection of looked after children services" over the council's name;
//! each section prints its grade on the line under its heading ("Grade 3
//! (Adequate)"), on a scale with "adequate" for grade 3; its paragraphs are
//! numbered through; and it ends with a "Record of main findings" that
//! restates the grades as a table.

use super::{Ending, NameAt, Template, Title};
use crate::ingest::heading::Role;
use crate::model::{Area, Framework, Grade, Section};

pub(crate) const SLAC: Template = Template {
    framework: Framework::Slac,
    titles: &[Title {
        words: "inspection of looked after children services",
        name: NameAt::After,
    }],
    lead_inspector: &["Reporting inspector"],
    published: "published",
    scale: &[
        Grade::Outstanding,
        Grade::Good,
        Grade::Adequate,
        Grade::Inadequate,
    ],
    grade_lines: true,
    subheadings: false,
    front_narrative: false,
    recommendations_as_bullets: true,
    headings: HEADINGS,
    required: &[
        (Area::Overall, None),
        (Area::CapacityToImprove, None),
        (Area::Outcomes, None),
        (Area::QualityOfProvision, None),
        (Area::Leadership, None),
    ],
    optional: &[],
    required_one_of: &[],
    ending: Ending::RecordOfMainFindings,
};

const HEADINGS: &[(&str, Role)] = &[
    ("contents", Role::Contents),
    ("about this inspection", Role::Section(Section::About)),
    (
        "the inspection judgements and what they mean",
        Role::Boilerplate,
    ),
    ("service information", Role::Section(Section::Context)),
    // The graded sections are headed by their areas' labels ("Capacity to
    // improve"), read from the area aliases (`model::area`).
    (
        "areas for improvement",
        Role::Section(Section::Recommendations),
    ),
    ("record of main findings", Role::Record),
];

/// The kinds of SLAC inspection whose reports no one here has seen, by the
/// words of their titles: refused as such rather than read by guesswork
/// (their judgements are two sets, on safeguarding and on looked after
/// children, whose layout is not known).
pub(crate) const NOT_READ_YET: &[(&str, &str)] = &[
    (
        "inspection of safeguarding and looked after children",
        "2009-2013 inspection of safeguarding and looked after children services",
    ),
    (
        "inspection of safeguarding services",
        "2009-2013 inspection of safeguarding services",
    ),
];
