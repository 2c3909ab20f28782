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
