//! What each inspection framework's reports look like, kept as data apart
//! from the stages that read with it (as regex-syntax keeps its Unicode
//! tables apart from its algorithms): one template per framework. `front`
//! picks a report's template by its title; the later stages read its
//! headings, its grade scale, how its sections print their grades, its
//! required judgements and how a whole report ends.
//!
//! A new framework is a new file here, its entry in [`TEMPLATES`], and its
//! tests; a new wording of a known framework is a line in its table.

mod board;
mod ilacs;
mod sif;
mod since_2013;
mod slac;

use super::heading::Role;
use crate::model::{Area, Date, Framework, Grade};

pub(crate) use slac::NOT_READ_YET;

/// One framework's reports, as data.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Template {
    pub framework: Framework,
    /// The words of its title, lower case, and where the authority's name
    /// stands against them.
    pub titles: &'static [Title],
    /// The labels of the lead inspector's name, as printed.
    pub lead_inspector: &'static [&'static str],
    /// The label of the publication date on the front page, lower case.
    pub published: &'static str,
    /// Its grade scale, best first: "Grade 1" is the first.
    pub scale: &'static [Grade],
    /// Whether a section prints its grade on a line of its own under its
    /// heading ("Grade 3 (Adequate)"), rather than in the heading or a
    /// table on the front page; such a section's heading is its area's
    /// label, as the area aliases give it.
    pub grade_lines: bool,
    /// Whether its sections have subheadings of their own words (SIF's
    /// "Local leadership", ILACS's none but areas); where they have none, a
    /// short line is never taken for one, so no text is dropped as such.
    pub subheadings: bool,
    /// Whether text on the front page after the dates is the report's
    /// summary (ILACS, SIF), or only furniture before the first section (SLAC).
    pub front_narrative: bool,
    /// Whether its recommendations are the bullets under a numbered lead-in,
    /// grouped under timescales ("Within three months:"), rather than
    /// numbered paragraphs or bullets each a recommendation whole.
    pub recommendations_as_bullets: bool,
    /// Its headings that print no grade, normalised
    /// ([`text::normalise`](crate::text::normalise)).
    pub headings: &'static [(&'static str, Role)],
    /// The judgements every report of it gives, each from the start of the
    /// framework until an inspection starting on the day given, if any.
    pub required: &'static [(Area, Option<Date>)],
    /// Judgements a report may give or not (SIF: the board's).
    pub optional: &'static [Area],
    /// Judgements a report gives in one of several forms (each a list of
    /// areas): the form a report is read to give where one of its areas is
    /// graded is required whole, the first form where none is.
    pub required_one_of: &'static [&'static [&'static [Area]]],
    /// How a whole report ends: what a text cut short lacks.
    pub ending: Ending,
}

/// Words that make a title, and where the authority's name stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Title {
    pub words: &'static str,
    pub name: NameAt,
}

/// Where a title puts the authority's name against its words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum NameAt {
    /// "Kent Inspection of services for children in need ...".
    Before,
    /// "Inspection of Kent County Council children's services".
    Within,
    /// "Inspection of looked after children services Kent County Council".
    After,
    /// The board's name: "Kingston upon Hull Safeguarding Children Board",
    /// standing apart from the title's words.
    Board,
}

/// The last part of every whole report of a framework.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ending {
    /// Ofsted's closing page ("The Office for Standards in Education ...").
    ClosingPage,
    /// A "Record of main findings", restating the judgements as a table.
    RecordOfMainFindings,
}

impl Ending {
    /// What a text cut short lacks, in a sentence's words.
    pub(crate) fn described(self) -> &'static str {
        match self {
            Ending::ClosingPage => {
                "Ofsted's closing page (\"The Office for Standards in Education ...\")"
            }
            Ending::RecordOfMainFindings => "its record of main findings",
        }
    }
}

/// Every template, the most specific title first: SLAC's "Inspection of
/// looked after children services" would otherwise be taken for an ILACS
/// "Inspection of ...". A board's review is SIF's too: [`Template::of`]
/// gives the local authority's report's template for the framework.
pub(crate) const TEMPLATES: [&Template; 4] = [&sif::SIF, &slac::SLAC, &board::BOARD, &ilacs::ILACS];

impl Template {
    /// The template of `framework`'s reports of a local authority (for
    /// SIF, not the board's review published alone).
    #[cfg(test)]
    pub(crate) fn of(framework: Framework) -> &'static Template {
        match framework {
            Framework::Slac => &slac::SLAC,
            Framework::Sif => &sif::SIF,
            _ => &ilacs::ILACS,
        }
    }

    /// The judgements a report whose inspection started on `inspected_from`
    /// must give.
    pub(crate) fn required_on(&self, inspected_from: Date) -> impl Iterator<Item = Area> + '_ {
        self.required
            .iter()
            .filter(move |(_, until)| until.is_none_or(|until| inspected_from < until))
            .map(|&(area, _)| area)
    }

    /// The role of a heading (normalised) in this framework's vocabulary.
    pub(crate) fn heading_role(&self, key: &str) -> Option<Role> {
        self.headings
            .iter()
            .find(|(phrase, _)| *phrase == key)
            .map(|&(_, role)| role)
    }

    /// Whether this framework grades `area` at all: a label of another
    /// framework's area in its text ("Outcomes good" in an ILACS report)
    /// is no judgement of it.
    pub(crate) fn grades_area(&self, area: Area) -> bool {
        self.required.iter().any(|&(required, _)| required == area)
            || self.optional.contains(&area)
            || self
                .required_one_of
                .iter()
                .flat_map(|forms| forms.iter())
                .any(|form| form.contains(&area))
    }

    /// Whether `grade` is on this framework's scale.
    pub(crate) fn grades_with(&self, grade: Grade) -> bool {
        self.scale.contains(&grade)
    }

    /// The grade a word of this scale names, in any case: "Adequate".
    pub(crate) fn grade_word(&self, word: &str) -> Option<Grade> {
        let word = word.trim().trim_end_matches('.');
        self.scale
            .iter()
            .copied()
            .find(|grade| grade.as_str().eq_ignore_ascii_case(word))
    }

    /// A grade line, "Grade 3 (Adequate)": the number and the word must
    /// name the same grade of the scale.
    pub(crate) fn grade_line(&self, text: &str) -> Option<Grade> {
        if !self.grade_lines {
            return None;
        }
        let rest = strip_prefix_ignoring_case(text.trim(), "grade")?.trim_start();
        let (number, word) = rest.split_once(char::is_whitespace)?;
        let word = word.trim().strip_prefix('(')?.strip_suffix(')')?;
        let grade = self.grade_word(word)?;
        let place = self.scale.iter().position(|&g| g == grade)? + 1;
        (number.parse::<usize>().ok()? == place).then_some(grade)
    }

    /// A row of the record of main findings, "Capacity to improve Good":
    /// its label and grade, the grade a word of this scale ending the text.
    pub(crate) fn record_row<'t>(&self, text: &'t str) -> Option<(&'t str, Grade)> {
        let (label, word) = text.trim().rsplit_once(char::is_whitespace)?;
        Some((label.trim_end(), self.grade_word(word)?))
    }
}

/// No heading of any template is longer, in letters and digits.
pub(crate) const LONGEST_HEADING: usize = 80;

fn strip_prefix_ignoring_case<'t>(text: &'t str, prefix: &str) -> Option<&'t str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_framework_has_its_template() {
        for framework in Framework::ALL {
            assert!(TEMPLATES.iter().any(|t| t.framework == framework));
            assert_eq!(Template::of(framework).framework, framework);
        }
    }

    #[test]
    fn no_heading_is_listed_twice_or_longer_than_the_longest() {
        for template in TEMPLATES {
            for (i, (phrase, _)) in template.headings.iter().enumerate() {
                assert!(
                    template.headings[i + 1..].iter().all(|(p, _)| p != phrase),
                    "{phrase} is listed twice"
                );
                let letters = phrase.chars().filter(|c| c.is_alphanumeric()).count();
                assert!(letters <= LONGEST_HEADING, "{phrase}");
            }
        }
    }

    #[test]
    fn a_grade_line_names_one_grade_by_number_and_word() {
        let slac = Template::of(Framework::Slac);
        assert_eq!(
            slac.grade_line("Grade 3 (Adequate) "),
            Some(Grade::Adequate)
        );
        assert_eq!(
            slac.grade_line("grade 1 (outstanding)"),
            Some(Grade::Outstanding)
        );
        assert_eq!(slac.grade_line("Grade 2 (Adequate)"), None);
        assert_eq!(slac.grade_line("Grade 3 (Requires improvement)"), None);
        assert_eq!(slac.grade_line("Grade 3"), None);
        assert_eq!(
            Template::of(Framework::Sif).grade_line("Grade 2 (Good)"),
            None
        );
    }

    #[test]
    fn a_record_row_ends_with_a_grade_of_the_scale() {
        let slac = Template::of(Framework::Slac);
        assert_eq!(
            slac.record_row("Capacity to improve  Good "),
            Some(("Capacity to improve", Grade::Good))
        );
        assert_eq!(slac.record_row("Services for looked after children"), None);
        assert_eq!(slac.record_row("Adequate"), None);
    }

    #[test]
    fn required_judgements_follow_the_dates() {
        let ilacs = Template::of(Framework::Ilacs);
        let before = Date::new(2026, 3, 31).unwrap();
        let after = Date::new(2026, 4, 1).unwrap();
        assert!(ilacs.required_on(before).any(|a| a == Area::Overall));
        assert!(!ilacs.required_on(after).any(|a| a == Area::Overall));
    }
}
