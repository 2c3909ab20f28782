//! The headings of SIF (2013-2018) and ILACS (2018 on) reports. The two
//! frameworks share most of their vocabulary, and a report of one never
//! prints the other's headings in another sense, so they share one table.

use crate::ingest::heading::Role;
use crate::model::{Grade, Section};

/// The labels of the lead inspector's name.
pub(super) const LEAD_INSPECTOR: &[&str] = &["Lead inspector:", "Lead inspector on site:"];

/// The scale of both, best first.
pub(super) const SCALE: &[Grade] = &[
    Grade::Outstanding,
    Grade::Good,
    Grade::RequiresImprovement,
    Grade::Inadequate,
];

/// Headings that print no grade, in normalised form
/// ([`text::normalise`](crate::text::normalise), "judgment" spelt "judgement").
pub(super) const HEADINGS: &[(&str, Role)] = &[
    ("contents", Role::Contents),
    ("the local authority", Role::LocalAuthorityPart),
    // The 2013-2014 reports number their two parts.
    ("section 1 the local authority", Role::LocalAuthorityPart),
    (
        "section 1 the local authority summary of findings",
        Role::LocalAuthorityPart,
    ),
    (
        "section 2 the effectiveness of the local safeguarding children board",
        Role::LscbPart,
    ),
    (
        "section 2 the effectiveness local safeguarding children board",
        Role::LscbPart,
    ),
    (
        "section 2 the effectiveness of the local safeguarding children board lscb",
        Role::LscbPart,
    ),
    (
        "summary of key findings",
        Role::Section(Section::ExecutiveSummary),
    ),
    (
        "information about the inspection and the review",
        Role::Section(Section::About),
    ),
    ("inspection judgements about the local authority", Role::Sub),
    ("the local safeguarding children board lscb", Role::LscbPart),
    // The board's review published after the local authority's report, in
    // the same file (2015): its title opens the board's part.
    (
        "inspection of the effectiveness of the local safeguarding children board",
        Role::LscbPart,
    ),
    ("information about the lscb inspection", Role::Sub),
    (
        "what the lscb inspection judgements mean",
        Role::Boilerplate,
    ),
    (
        "what the local authority inspection judgements mean",
        Role::Boilerplate,
    ),
    (
        "information about this local authority area",
        Role::Section(Section::Context),
    ),
    (
        "information about the local authority area",
        Role::Section(Section::Context),
    ),
    (
        "information about this local authority",
        Role::Section(Section::Context),
    ),
    (
        "executive summary",
        Role::Section(Section::ExecutiveSummary),
    ),
    (
        "summary of findings",
        Role::Section(Section::ExecutiveSummary),
    ),
    ("recommendations", Role::Section(Section::Recommendations)),
    (
        "what does the local authority need to improve",
        Role::Section(Section::Recommendations),
    ),
    (
        "what needs to improve",
        Role::Section(Section::Recommendations),
    ),
    (
        "what does the lscb need to improve",
        Role::Section(Section::LscbRecommendations),
    ),
    (
        "the local authority s strengths",
        Role::Section(Section::Strengths),
    ),
    // 2014: "The local authority has the following strengths:".
    (
        "the local authority has the following strengths",
        Role::Section(Section::Strengths),
    ),
    (
        "progress since the last inspection",
        Role::Section(Section::Progress),
    ),
    (
        "summary for children and young people",
        Role::Section(Section::SummaryForChildren),
    ),
    (
        "summary for children",
        Role::Section(Section::SummaryForChildren),
    ),
    (
        "inspection judgement about the lscb",
        Role::Section(Section::Lscb),
    ),
    (
        "inspection findings the local safeguarding children board",
        Role::Section(Section::Lscb),
    ),
    (
        "information about this inspection",
        Role::Section(Section::About),
    ),
    ("what the inspection judgements mean", Role::Boilerplate),
    // 2013-2014: one for each part of the report.
    (
        "what the inspection judgements mean the local authority",
        Role::Boilerplate,
    ),
    (
        "what the inspection judgements mean the lscb",
        Role::Boilerplate,
    ),
    ("summary", Role::Sub),
    ("inspection findings", Role::Findings),
    ("key strengths and weaknesses of the lscb", Role::Findings),
    ("the lscb s strengths", Role::Findings),
    ("key judgement judgement grade", Role::Sub),
    ("judgement grade", Role::Sub),
    ("priority and immediate action", Role::Improvements),
    ("areas for improvement", Role::Improvements),
    ("previous ofsted inspections", Role::Sub),
    ("local leadership", Role::Sub),
    ("children living in this area", Role::Sub),
    ("child protection in this area", Role::Sub),
    ("children looked after in this area", Role::Sub),
    ("other ofsted inspections", Role::Sub),
    ("other information about this area", Role::Sub),
];
