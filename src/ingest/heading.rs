//! Recognising headings: each framework's vocabulary is data in its
//! template (`templates`), because Ofsted writes every report of a
//! framework to one; the graded sentences of SIF and ILACS are read here.

use super::templates::{LONGEST_HEADING, Template};
use super::wording::{split_trailing_grade, strip_footnote_markers};
use crate::model::{Area, Grade, Section};

/// What a recognised heading does to the reading of the text after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// A table of contents follows: lines ending in page numbers.
    Contents,
    /// "The local authority": the local authority's part of a SIF report begins.
    LocalAuthorityPart,
    /// "The Local Safeguarding Children Board (LSCB)": the board's part begins.
    LscbPart,
    /// A section begins; with a grade where the heading prints one.
    Section(Section),
    /// "The Local Safeguarding Children Board is good": the board's grade.
    LscbGrade,
    /// Standard text that says nothing about this authority follows.
    Boilerplate,
    /// A subheading within a section ("Summary", "Local leadership").
    Sub,
    /// "Priority and immediate action", "Areas for improvement": the
    /// recommendations of the part it stands in follow, if they have not
    /// begun (the board's part of a 2014 report has no heading of its own
    /// for them).
    Improvements,
    /// "Inspection findings", "Key strengths and weaknesses of the LSCB":
    /// the findings of the part it stands in follow.
    Findings,
    /// "Grade 3 (Adequate)" on the line under a section's heading (SLAC):
    /// the grade of the section's area.
    SectionGrade,
    /// "Record of main findings" (SLAC): the report's last part, its
    /// judgements restated as a table.
    Record,
}

/// A recognised heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Heading {
    pub role: Role,
    pub grade: Option<Grade>,
}

/// The normal form ([`text::normalise`](crate::text::normalise)) of a
/// heading without its footnote markers, "judgment" spelt "judgement".
fn normalise(text: &str) -> String {
    let key = crate::text::normalise(&strip_footnote_markers(text));
    if key.contains("judgment") {
        key.replace("judgment", "judgement")
    } else {
        key
    }
}

/// The heading `text` is, if it is one. A heading is the whole of its
/// line(s); graded headings must print their grade.
pub(crate) fn recognise(text: &str, template: &Template) -> Option<Heading> {
    // The key keeps every letter and digit: text with more than the longest
    // heading of any template has is none of them, and most lines are such text.
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    if letters <= LONGEST_HEADING {
        let key = normalise(text);
        if let Some(role) = template.heading_role(&key) {
            return Some(Heading { role, grade: None });
        }
        // Where sections are headed by their areas' labels, the labels are
        // the area aliases', not restated in the template.
        if template.grade_lines
            && let Some(area) = Area::from_label(text)
        {
            return Some(Heading {
                role: Role::Section(Section::of_area(area)),
                grade: None,
            });
        }
        if let Some(grade) = template.grade_line(text) {
            return Some(Heading {
                role: Role::SectionGrade,
                grade: Some(grade),
            });
        }
    }
    // A graded heading may be printed as a sentence, full stop and all:
    // "The Local Safeguarding Children Board requires improvement.",
    // "... children who need help and protection requires improvement to be good."
    let trimmed = text.trim_end();
    let unstopped = trimmed.strip_suffix('.').unwrap_or(trimmed);
    if let Some(heading) = ungraded_section(unstopped, unstopped.len() < trimmed.len()) {
        return Some(heading);
    }
    if let Some((label, grade)) = split_trailing_grade(unstopped) {
        let key = normalise(label);
        let (role, with_verb) = graded_role(&key)?;
        // Narrative says "Leadership is good." too: a sentence is a heading
        // only where it names its area in the framework's full words, or,
        // without its full stop, in the judgement table's ("Adoption
        // performance is good").
        let stopped = unstopped.len() < trimmed.len();
        let heading = match (with_verb, stopped) {
            (false, false) => true,
            (true, false) => in_full(&key) || in_the_tables_words(&key),
            (_, true) => in_full(&key),
        };
        return heading.then_some(Heading {
            role,
            grade: Some(grade),
        });
    }
    // The board's summary of findings opens on its grade: "The LSCB is
    // inadequate because:".
    let unexplained = unstopped.strip_suffix(':').unwrap_or(unstopped);
    let (label, grade) = split_trailing_grade(unexplained.strip_suffix(" because")?)?;
    let (role, _) = graded_role(&normalise(label))?;
    (role == Role::LscbGrade).then_some(Heading {
        role: Role::LscbGrade,
        grade: Some(grade),
    })
}

/// The heading of an area's section that a small authority leaves
/// ungraded, having no child in it: the area's label then "Not judged"
/// ("The experiences and progress of children looked after and achieving
/// permanence Not Judged"), or SIF's graded sentence stopped where its grade
/// would stand ("The graded judgement for adoption performance.").
fn ungraded_section(unstopped: &str, stopped: bool) -> Option<Heading> {
    const NOT_JUDGED: &str = "not judged";
    let not_judged = unstopped
        .len()
        .checked_sub(NOT_JUDGED.len())
        .filter(|&split| {
            unstopped
                .get(split..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(NOT_JUDGED))
        });
    let key = match not_judged {
        Some(split) => normalise(&unstopped[..split]),
        // The cheap test first: most stopped lines are narrative.
        None if stopped && starts_with_ignoring_case(unstopped, "the graded judg") => {
            Some(normalise(unstopped)).filter(|key| key.starts_with("the graded judgement "))?
        }
        None => return None,
    };
    match graded_role(&key)? {
        (role @ Role::Section(_), false) => Some(Heading { role, grade: None }),
        _ => None,
    }
}

fn starts_with_ignoring_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// Whether a label (normalised) names its area in the framework's full
/// words, as graded sentences do: "The experiences and progress of ...",
/// "The impact of leaders ...", "The graded judgement for ...", "The Local
/// Safeguarding Children Board", "The effectiveness of the ...".
fn in_full(key: &str) -> bool {
    [
        "the experiences and progress of ",
        "the experience and progress of ",
        "the impact of leaders ",
        "the graded judgement ",
        "the local safeguarding children board",
        "the effectiveness of the ",
        "the judgement for the effectiveness of ",
    ]
    .iter()
    .any(|words| key.starts_with(words))
}

/// Whether a label (normalised), with its verb, names its area as SIF's
/// judgement table does.
fn in_the_tables_words(key: &str) -> bool {
    const TABLE_LABELS: [&str; 5] = [
        "children who need help and protection",
        "children looked after and achieving permanence",
        "adoption performance",
        "experiences and progress of care leavers",
        "leadership management and governance",
    ];
    [" is", " are"].iter().any(|verb| {
        key.strip_suffix(verb)
            .is_some_and(|label| TABLE_LABELS.contains(&label))
    })
}

/// The role of a label (normalised) that a grade follows, and whether a
/// verb stands between them: an area ("Leadership, management and
/// governance", "The experiences and progress of care leavers:"), an area
/// with its verb (ILACS 2018: "The experiences and progress of children who
/// need help and protection are"), a SIF sentence ("The graded judgement
/// for adoption performance is that it"), or the board's sentence.
fn graded_role(key: &str) -> Option<(Role, bool)> {
    for sentence in [
        "the local safeguarding children board is",
        "the local safeguarding children board lscb is",
        // 2013-2014: "The effectiveness of the Local Safeguarding Children
        // Board (LSCB) requires improvement".
        "the effectiveness of the local safeguarding children board lscb is",
        "the effectiveness of the local safeguarding children board lscb",
        "the effectiveness of the lscb is",
        "the effectiveness of the lscb",
        "the judgement for the effectiveness of the local safeguarding children board lscb is",
        // "requires improvement" carries its own verb.
        "the local safeguarding children board",
        // Short: only in the summary's "The LSCB is good because:".
        "the lscb is",
        "the lscb",
    ] {
        if key == sentence {
            return Some((Role::LscbGrade, true));
        }
    }
    let sif_sentence = ["the graded judgement for ", "the graded judgement about "]
        .iter()
        .find_map(|prefix| key.strip_prefix(prefix));
    // Verbs first: the bare label (no verb) is the last resort.
    let (rest, verbs): (&str, &[&str]) = match sif_sentence {
        Some(rest) => (
            rest,
            &[
                " is that it is",
                " is that it",
                " is that they are",
                " is that they",
                " is",
                "",
            ],
        ),
        None => (key, &[" is", " are", ""]),
    };
    let (area_words, verb) = verbs
        .iter()
        .find_map(|verb| Some((rest.strip_suffix(verb)?, !verb.is_empty())))?;
    match Area::from_label(area_words)? {
        Area::Overall => None,
        area => Some((Role::Section(Section::of_area(area)), verb)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Framework;

    /// SIF and ILACS share their vocabulary.
    fn recognise(text: &str) -> Option<Heading> {
        super::recognise(text, Template::of(Framework::Sif))
    }

    fn section(text: &str) -> Option<(Section, Option<Grade>)> {
        match recognise(text)? {
            Heading {
                role: Role::Section(section),
                grade,
            } => Some((section, grade)),
            _ => None,
        }
    }

    #[test]
    fn recognises_sif_headings_with_their_grades() {
        use Grade::*;
        let cases = [
            (
                "The experiences and progress of children who need help and protection Good",
                Section::HelpAndProtection,
                Good,
            ),
            (
                "Leadership, management and governance Outstanding",
                Section::Leadership,
                Outstanding,
            ),
            (
                "Leadership, management and governance are inadequate",
                Section::Leadership,
                Inadequate,
            ),
            ("Adoption performance  is good", Section::Adoption, Good),
            (
                "The graded judgement about the experience and progress of care leavers is that they require improvement",
                Section::CareLeavers,
                RequiresImprovement,
            ),
            (
                "The graded judgment for adoption performance is that it is good",
                Section::Adoption,
                Good,
            ),
            (
                "The graded judgement for adoption is good",
                Section::Adoption,
                Good,
            ),
            (
                "The graded judgement for adoption performance is that it requires improvement",
                Section::Adoption,
                RequiresImprovement,
            ),
            (
                "The graded judgment about the experience and progress of care leavers is that it is good",
                Section::CareLeavers,
                Good,
            ),
            (
                "The graded judgement for care leavers is good",
                Section::CareLeavers,
                Good,
            ),
            // ILACS 2018 prints the area and its grade as a sentence.
            (
                "The experiences and progress of children who need help and protection are good",
                Section::HelpAndProtection,
                Good,
            ),
            (
                "The impact of leaders on social work practice with children and families is requires improvement to be good",
                Section::Leadership,
                RequiresImprovement,
            ),
            (
                "The experiences and progress of children looked after and achieving permanence are good.",
                Section::ChildrenLookedAfter,
                Good,
            ),
            (
                "The experiences and progress of children who need help and protection requires improvement to be good.",
                Section::HelpAndProtection,
                RequiresImprovement,
            ),
            (
                "The experiences and progress of children who need help and protection: Requires improvement to be good.",
                Section::HelpAndProtection,
                RequiresImprovement,
            ),
        ];
        for (text, expected, grade) in cases {
            assert_eq!(section(text), Some((expected, Some(grade))), "{text}");
        }
        assert_eq!(
            section("protection: Requires improvement to be good."),
            None,
            "half a heading is none"
        );
        // Narrative's sentences name areas in short; headings, in full.
        for sentence in [
            "Leadership is good.",
            "Leadership is good",
            "Adoption performance Good.",
            "Care leavers are outstanding.",
        ] {
            assert_eq!(recognise(sentence), None, "{sentence}");
        }
        assert_eq!(recognise("The LSCB is inadequate."), None);
    }

    #[test]
    fn recognises_ilacs_headings_with_their_grades() {
        let cases = [
            (
                "The experiences and progress of children who need help and protection: good",
                Section::HelpAndProtection,
            ),
            (
                "The experiences and progress of children in care and care leavers: inadequate",
                Section::ChildrenInCareAndCareLeavers,
            ),
            (
                "The experiences and progress of children in care: requires improvement to be good",
                Section::ChildrenInCare,
            ),
            (
                "The impact of leaders on social work practice with children and families: Outstanding",
                Section::Leadership,
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(section(text).map(|(s, _)| s), Some(expected), "{text}");
        }
    }

    #[test]
    fn an_area_left_ungraded_still_heads_its_section() {
        let ungraded = |text| recognise(text).map(|h| (h.role, h.grade));
        let looked_after = Some((Role::Section(Section::ChildrenLookedAfter), None));
        assert_eq!(
            ungraded(
                "The experiences and progress of children looked after and achieving permanence  Not Judged"
            ),
            looked_after
        );
        assert_eq!(
            ungraded("The graded judgement for adoption performance."),
            Some((Role::Section(Section::Adoption), None))
        );
        // Without its full stop the sentence goes on to its grade.
        assert_eq!(
            ungraded("The graded judgement for adoption performance"),
            None
        );
        // Narrative that says an area was not judged is no heading.
        assert_eq!(ungraded("Adoption performance was not judged."), None);
    }

    #[test]
    fn area_labels_without_a_grade_are_not_section_headings() {
        // Subheadings of SIF 2014 recommendations name areas but print no grade.
        assert_eq!(recognise("Leadership, Management and Governance"), None);
        assert_eq!(
            recognise("The experiences and progress of children who need help and protection 10"),
            None
        );
        assert_eq!(recognise("Overall effectiveness Good"), None);
    }

    #[test]
    fn recognises_fixed_headings_in_any_case_with_footnote_markers() {
        assert_eq!(
            section("Information about this local authority area3").map(|s| s.0),
            Some(Section::Context)
        );
        assert_eq!(
            section("Information about the local authority area").map(|s| s.0),
            Some(Section::Context)
        );
        assert_eq!(
            section("Information about this local authority").map(|s| s.0),
            Some(Section::Context)
        );
        assert_eq!(
            section("What needs to improve?1").map(|s| s.0),
            Some(Section::Recommendations)
        );
        assert_eq!(
            section("The local authority\u{2019}s strengths").map(|s| s.0),
            Some(Section::Strengths)
        );
        assert_eq!(
            section("Inspection findings \u{2013} the Local Safeguarding Children Board")
                .map(|s| s.0),
            Some(Section::Lscb)
        );
        assert_eq!(
            recognise("The Local Safeguarding Children Board (LSCB)").map(|h| h.role),
            Some(Role::LscbPart)
        );
        assert_eq!(
            recognise("The Local Safeguarding Children Board is inadequate"),
            Some(Heading {
                role: Role::LscbGrade,
                grade: Some(Grade::Inadequate)
            })
        );
        // The board's summary opens on its grade; a report that misprints
        // the grade sentence above it (Somerset 2015) still states it here.
        assert_eq!(
            recognise("The LSCB is inadequate because:"),
            Some(Heading {
                role: Role::LscbGrade,
                grade: Some(Grade::Inadequate)
            })
        );
        assert_eq!(
            recognise("The LSCB requires improvement because"),
            Some(Heading {
                role: Role::LscbGrade,
                grade: Some(Grade::RequiresImprovement)
            })
        );
        assert_eq!(recognise("Help and protection is good because:"), None);
        assert_eq!(recognise("Contents").map(|h| h.role), Some(Role::Contents));
    }
}
