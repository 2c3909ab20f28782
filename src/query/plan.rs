//! Planning: the indexes that can answer a resolved query chosen, with
//! the full condition kept as the filter every candidate passes.

use super::ast::Op;
use super::field::{Field, FieldValue};
use super::logical::Logical;
use super::predicate::{Pred, SubQuery};
use crate::model::{Area, Grade};

/// A resolved query and the indexes chosen to answer it.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    /// What is asked.
    pub query: Logical,
    /// The parts of the condition that choose which records `latest`
    /// follows (every part, joined by `and` at the top, that reads only
    /// fields that [choose a line](Field::chooses_line), the kind
    /// included); `None` where none does.
    pub line: Option<Pred>,
    /// The phrases the condition looks for in the text.
    pub phrases: Vec<String>,
    /// Phrases every answer holds one of, if any (one `contains`, or the
    /// words of a `matches`): the records that hold one are the only
    /// candidates.
    pub required_phrases: Option<Vec<String>>,
    /// The authorities every answer is of, if the condition names them
    /// (slugs, ascending).
    pub authorities: Option<Vec<String>>,
    /// The areas every answer has one of, if the condition names them.
    pub areas: Option<Vec<Area>>,
    /// The grades every answer has one of, if the condition bounds them.
    pub grades: Option<Vec<Grade>>,
    /// What every answer's inspection must pass, if the condition asks
    /// anything of the inspection alone.
    pub inspection_filter: Option<Pred>,
    /// What is left of the condition for each record of the kind once its
    /// inspection has passed `inspection_filter`; `None` where nothing is.
    pub row_filter: Option<Pred>,
}

impl Plan {
    /// The plan of a resolved query: the indexes that can answer it chosen.
    pub(crate) fn of(query: Logical) -> Plan {
        let filter = query.filter.as_ref();
        let kind = query.kind;
        Plan {
            line: filter.and_then(|filter| filter.required_parts(Pred::chooses_line)),
            phrases: filter.map(Pred::phrases).unwrap_or_default(),
            authorities: filter.and_then(|filter| {
                filter.named(Field::Authority, |value| match value {
                    FieldValue::Text(slug) => Some(slug.clone()),
                    _ => None,
                })
            }),
            areas: filter.and_then(|filter| {
                filter.named(Field::Area, |value| match value {
                    FieldValue::Area(area) => Some(*area),
                    _ => None,
                })
            }),
            grades: filter.and_then(Pred::grades),
            inspection_filter: filter
                .and_then(|filter| filter.required_parts(|part| part.about_inspection())),
            row_filter: filter.and_then(|filter| {
                filter.required_parts(|part| {
                    let of_the_kind = matches!(part,
                        Pred::Compare(Field::Kind, Op::Eq, FieldValue::Kind(k)) if Some(*k) == kind);
                    !of_the_kind && !part.about_inspection()
                })
            }),
            required_phrases: filter.and_then(required_phrases),
            query,
        }
    }

    /// The plan of a sub-query: its records in key order.
    pub(crate) fn of_sub_query(sub_query: &SubQuery) -> Plan {
        Plan::of(Logical::finding(sub_query.kind, sub_query.filter.clone()))
    }

    /// This plan with another condition (its sub-queries answered), the
    /// indexes that answer it chosen again.
    pub(crate) fn with_filter(&self, filter: Pred) -> Plan {
        Plan::of(Logical {
            filter: Some(filter),
            ..self.query.clone()
        })
    }

    /// The plan that finds the records `latest` follows: those that pass
    /// the line's conditions, in key order.
    pub(crate) fn of_line(&self) -> Plan {
        Plan::of(Logical::finding(self.query.kind, self.line.clone()))
    }
}

/// The phrases of the text every answer holds one of, where a part every
/// answer passes is `text contains` or an `or` of them (a `matches`).
fn required_phrases(filter: &Pred) -> Option<Vec<String>> {
    let phrase = |part: &Pred| match part {
        Pred::Contains(Field::Text, phrase) => Some(phrase.clone()),
        _ => None,
    };
    filter.required().iter().find_map(|part| match part {
        Pred::Or(any) => any.iter().map(phrase).collect(),
        part => phrase(part).map(|one| vec![one]),
    })
}
