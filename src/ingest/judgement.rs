//! Judgements as the framework parsers find them, before they become records.

use super::IngestError;
use super::body::Graded;
use crate::model::{Area, Framework, Grade};

/// One graded judgement, with its label as printed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Judgement {
    pub area: Area,
    pub grade: Grade,
    pub label: String,
}

/// Judgements in the order they were found, refusing an area graded twice.
#[derive(Debug, Default)]
pub(crate) struct Judgements(Vec<Judgement>);

impl Judgements {
    /// Adds graded lines, refusing an area graded twice.
    pub(crate) fn add_all<'a>(
        &mut self,
        graded: impl IntoIterator<Item = &'a Graded>,
    ) -> Result<(), IngestError> {
        for line in graded {
            if self.grade_of(line.area).is_some() {
                return Err(IngestError::DuplicateJudgement {
                    area: line.area,
                    line: line.line,
                });
            }
            self.0.push(Judgement {
                area: line.area,
                grade: line.grade,
                label: line.label.clone(),
            });
        }
        Ok(())
    }

    /// Checks the table against the section headings that print a grade
    /// ("The experiences and progress of care leavers: good"): a heading
    /// that disagrees with the table refuses the report, since one of the
    /// two was read wrong and neither grade can be trusted; an area the
    /// table lacks but a heading grades is taken from the heading.
    pub(crate) fn reconcile(&mut self, headings: &[Graded]) -> Result<(), IngestError> {
        for heading in headings {
            match self.0.iter().find(|j| j.area == heading.area) {
                Some(judgement) if judgement.grade != heading.grade => {
                    return Err(IngestError::ConflictingJudgement {
                        area: heading.area,
                        table: judgement.grade,
                        heading: heading.grade,
                        line: heading.line,
                    });
                }
                Some(_) => {}
                None if self.0.iter().any(|j| j.area.answers(heading.area)) => {}
                None => self.0.push(Judgement {
                    area: heading.area,
                    grade: heading.grade,
                    label: heading.label.clone(),
                }),
            }
        }
        Ok(())
    }

    pub(crate) fn grade_of(&self, area: Area) -> Option<Grade> {
        self.0.iter().find(|j| j.area == area).map(|j| j.grade)
    }

    /// Refuses a report without a judgement on `area`.
    pub(crate) fn require(&self, area: Area, framework: Framework) -> Result<(), IngestError> {
        match self.grade_of(area) {
            Some(_) => Ok(()),
            None => Err(IngestError::MissingJudgement { area, framework }),
        }
    }

    pub(crate) fn into_vec(self) -> Vec<Judgement> {
        self.0
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
    fn a_heading_that_disagrees_with_the_table_refuses_and_one_it_lacks_fills_it() {
        let mut judgements = Judgements::default();
        judgements
            .add_all(&[graded(Area::ChildrenInCare, Grade::Good)])
            .unwrap();
        judgements
            .reconcile(&[graded(Area::CareLeavers, Grade::Outstanding)])
            .unwrap();
        assert_eq!(
            judgements.grade_of(Area::CareLeavers),
            Some(Grade::Outstanding)
        );
        let conflict = judgements.reconcile(&[graded(Area::ChildrenInCare, Grade::Inadequate)]);
        assert!(matches!(
            conflict,
            Err(IngestError::ConflictingJudgement {
                area: Area::ChildrenInCare,
                table: Grade::Good,
                heading: Grade::Inadequate,
                ..
            })
        ));
    }
}
