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
    pub(crate) fn add(&mut self, area: Area, graded: &Graded) -> Result<(), IngestError> {
        if self.grade_of(area).is_some() {
            return Err(IngestError::DuplicateJudgement {
                area,
                line: graded.line,
            });
        }
        self.0.push(Judgement {
            area,
            grade: graded.grade,
            label: graded.label.clone(),
        });
        Ok(())
    }

    /// Adds every judgement-table row whose label names an area.
    pub(crate) fn add_rows(&mut self, rows: &[Graded]) -> Result<(), IngestError> {
        for row in rows {
            if let Some(area) = Area::from_label(&row.label) {
                self.add(area, row)?;
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
