//! Judgements as the report's template reads them, before they become records.

use super::body::{Graded, Walk};
use super::templates::Template;
use crate::model::{Area, Date, Framework, Grade, Warning};

/// The judgements of a report of `template` whose inspection started on
/// `inspected_from`: its table (or record of main findings) and the board's
/// grade sentence, checked against its graded section headings; and a
/// warning for each judgement the framework always gives that is not read.
pub(crate) fn judgements(
    walk: &Walk,
    template: &Template,
    inspected_from: Date,
) -> (Vec<Judgement>, Vec<Warning>) {
    let framework = template.framework;
    let mut judgements = Judgements::default();
    let its_own = |graded: &&Graded| template.grades_area(graded.area);
    judgements.add_all(walk.rows.iter().filter(its_own));
    judgements.add_all(walk.lscb.iter().filter(its_own));
    let headings: Vec<Graded> = walk
        .graded_headings
        .iter()
        .filter(its_own)
        .cloned()
        .collect();
    judgements.reconcile(&headings);
    for area in template.required_on(inspected_from) {
        if !walk.not_judged.contains(&area) {
            judgements.require(area, framework);
        }
    }
    for &forms in template.required_one_of {
        let given = forms
            .iter()
            .find(|form| form.iter().any(|&area| judgements.grades(area)))
            .or(forms.first());
        for &area in given.copied().unwrap_or_default() {
            judgements.require(area, framework);
        }
    }
    if let Some(line) = walk.board_review
        && !judgements.grades(Area::Lscb)
    {
        judgements.warn(Warning::UnreadBoardGrade { line });
    }
    judgements.into_parts()
}

/// One graded judgement, with its label as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Judgement {
    pub area: Area,
    pub grade: Grade,
    pub label: String,
}

/// Judgements in the order they were found, and what could not be read
/// of them. An area graded twice with two grades keeps neither: one of
/// the two was read wrong, and which cannot be told.
#[derive(Debug, Default)]
pub(crate) struct Judgements {
    found: Vec<Judgement>,
    /// Areas given two grades, so stored without one.
    conflicted: Vec<Area>,
    warnings: Vec<Warning>,
}

impl Judgements {
    /// Adds graded lines, in the order the report prints them.
    pub(crate) fn add_all<'a>(&mut self, graded: impl IntoIterator<Item = &'a Graded>) {
        for line in graded {
            self.add(line);
        }
    }

    /// Checks the table against the section headings that print a grade
    /// ("The experiences and progress of care leavers: good"): a heading
    /// that disagrees with the table leaves the area ungraded; an area the
    /// table lacks but a heading grades is taken from the heading.
    pub(crate) fn reconcile(&mut self, headings: &[Graded]) {
        for heading in headings {
            let answered = self.found.iter().any(|j| j.area.answers(heading.area));
            if self.grade_of(heading.area).is_some() || !answered {
                self.add(heading);
            }
        }
    }

    /// One graded line: a second grade of an area must be the first again.
    fn add(&mut self, line: &Graded) {
        if self.conflicted.contains(&line.area) {
            return;
        }
        match self.found.iter().position(|j| j.area == line.area) {
            None => self.found.push(Judgement {
                area: line.area,
                grade: line.grade,
                label: line.label.clone(),
            }),
            Some(at) if self.found[at].grade == line.grade => {}
            Some(at) => {
                let first = self.found.remove(at);
                self.conflicted.push(line.area);
                self.warnings.push(Warning::ConflictingGrades {
                    area: line.area,
                    first: first.grade,
                    second: line.grade,
                    line: line.line,
                });
            }
        }
    }

    pub(crate) fn grade_of(&self, area: Area) -> Option<Grade> {
        self.found.iter().find(|j| j.area == area).map(|j| j.grade)
    }

    /// Whether the report gives `area` a grade, read or in conflict.
    pub(crate) fn grades(&self, area: Area) -> bool {
        self.grade_of(area).is_some() || self.conflicted.contains(&area)
    }

    /// Warns of a report without a judgement on `area`, which its framework always gives.
    pub(crate) fn require(&mut self, area: Area, framework: Framework) {
        if !self.grades(area) {
            self.warnings
                .push(Warning::MissingJudgement { area, framework });
        }
    }

    /// Warns that something else could not be read.
    pub(crate) fn warn(&mut self, warning: Warning) {
        self.warnings.push(warning);
    }

    /// The judgements read, and the warnings for what was not.
    pub(crate) fn into_parts(self) -> (Vec<Judgement>, Vec<Warning>) {
        (self.found, self.warnings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graded(area: Area, grade: Grade) -> Graded {
        Graded {
            area,
            label: area.as_str().to_string(),
            grade,
            line: 1,
        }
    }

    #[test]
    fn a_heading_that_disagrees_with_the_table_leaves_the_area_ungraded_and_one_it_lacks_fills_it()
    {
        let mut judgements = Judgements::default();
        judgements.add_all(&[graded(Area::ChildrenInCare, Grade::Good)]);
        judgements.reconcile(&[graded(Area::CareLeavers, Grade::Outstanding)]);
        assert_eq!(
            judgements.grade_of(Area::CareLeavers),
            Some(Grade::Outstanding)
        );
        judgements.reconcile(&[graded(Area::ChildrenInCare, Grade::Inadequate)]);
        judgements.require(Area::ChildrenInCare, Framework::Ilacs);
        assert_eq!(judgements.grade_of(Area::ChildrenInCare), None);
        let (found, warnings) = judgements.into_parts();
        assert_eq!(found.len(), 1);
        assert_eq!(
            warnings,
            [Warning::ConflictingGrades {
                area: Area::ChildrenInCare,
                first: Grade::Good,
                second: Grade::Inadequate,
                line: 1,
            }]
        );
    }

    #[test]
    fn an_area_graded_twice_alike_is_one_judgement_and_a_third_grade_is_not_taken() {
        let mut judgements = Judgements::default();
        judgements.add_all(&[
            graded(Area::Overall, Grade::Good),
            graded(Area::Overall, Grade::Good),
        ]);
        assert_eq!(judgements.grade_of(Area::Overall), Some(Grade::Good));
        judgements.add_all(&[
            graded(Area::Overall, Grade::Inadequate),
            graded(Area::Overall, Grade::Good),
        ]);
        judgements.require(Area::Overall, Framework::Sif);
        let (found, warnings) = judgements.into_parts();
        assert!(found.is_empty());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
    }

    #[test]
    fn a_missing_judgement_is_a_warning() {
        let mut judgements = Judgements::default();
        judgements.require(Area::Adoption, Framework::Sif);
        assert_eq!(
            judgements.into_parts().1,
            [Warning::MissingJudgement {
                area: Area::Adoption,
                framework: Framework::Sif
            }]
        );
    }
}
