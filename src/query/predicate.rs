//! Resolved conditions: what a condition comes to on a whole record or on
//! what the catalogue knows of one, and which parts of it indexes can decide.

use std::cmp::Ordering;
use std::fmt;

use super::ast::Op;
use super::field::{Field, FieldValue, Fields, Value};
use crate::model::{Grade, Kind, Record};

/// A resolved condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Pred {
    And(Vec<Pred>),
    Or(Vec<Pred>),
    Not(Box<Pred>),
    /// Some value of the field compares so with `value`.
    Compare(Field, Op, FieldValue),
    /// Some value of the field is one of these (sorted, for a binary search; see [`one_of`]).
    In(Field, Vec<FieldValue>),
    /// Some value of the field lies between, ends included.
    Between(Field, FieldValue, FieldValue),
    /// The field's text holds the phrase.
    Contains(Field, String),
    /// Some value of the field is that of an answer of the sub-query (an
    /// authority's): answered before the query runs, which then tests
    /// `In` the values found ([`Plan::answering_sub_queries`](super::plan::Plan)).
    InAnswers(Field, Box<SubQuery>),
}

/// A query inside a condition: `authority in (judgement where ...)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SubQuery {
    /// The kind it asks for; `None` for `any`.
    pub kind: Option<Kind>,
    /// Its condition, the kind's test included.
    pub filter: Option<Pred>,
}

/// What a condition comes to on what is known of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Truth {
    No,
    /// It turns on what is not known (the text of a catalogue row).
    Unknown,
    Yes,
}

impl Truth {
    pub(super) fn not(self) -> Truth {
        match self {
            Truth::Yes => Truth::No,
            Truth::No => Truth::Yes,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

impl From<bool> for Truth {
    fn from(holds: bool) -> Truth {
        if holds { Truth::Yes } else { Truth::No }
    }
}

impl Pred {
    /// The condition of a query for `kind`: the kind's test, and `condition`.
    pub(crate) fn of_kind(kind: Option<Kind>, condition: Option<Pred>) -> Option<Pred> {
        match (
            kind.map(|k| Pred::Compare(Field::Kind, Op::Eq, FieldValue::Kind(k))),
            condition,
        ) {
            (Some(kind), Some(Pred::And(mut all))) => {
                all.insert(0, kind);
                Some(Pred::And(all))
            }
            (Some(kind), Some(condition)) => Some(Pred::And(vec![kind, condition])),
            (kind, condition) => kind.or(condition),
        }
    }

    /// Whether the condition holds a sub-query.
    pub(crate) fn has_sub_queries(&self) -> bool {
        match self {
            Pred::And(parts) | Pred::Or(parts) => parts.iter().any(Pred::has_sub_queries),
            Pred::Not(part) => part.has_sub_queries(),
            Pred::InAnswers(..) => true,
            _ => false,
        }
    }

    /// The condition with each sub-query replaced by what `answer` makes
    /// of it.
    pub(crate) fn answer_sub_queries<E>(
        &self,
        answer: &mut impl FnMut(Field, &SubQuery) -> Result<Pred, E>,
    ) -> Result<Pred, E> {
        let all = |parts: &[Pred], answer: &mut _| {
            parts
                .iter()
                .map(|part| part.answer_sub_queries(answer))
                .collect::<Result<Vec<Pred>, E>>()
        };
        Ok(match self {
            Pred::And(parts) => Pred::And(all(parts, answer)?),
            Pred::Or(parts) => Pred::Or(all(parts, answer)?),
            Pred::Not(part) => Pred::Not(Box::new(part.answer_sub_queries(answer)?)),
            Pred::InAnswers(field, sub_query) => answer(*field, sub_query)?,
            other => other.clone(),
        })
    }

    /// Whether the condition holds for a whole record.
    pub(crate) fn matches(&self, record: &Record) -> bool {
        self.decide(record) == Truth::Yes
    }

    /// Whether the condition holds, on what `fields` knows.
    pub(crate) fn decide(&self, fields: &impl Fields) -> Truth {
        let known = |field: Field, test: &dyn Fn(&Value<'_>) -> bool| {
            field
                .compared(fields)
                .map_or(Truth::Unknown, |values| values.any(test).into())
        };
        // One part decides an `and` when it fails, an `or` when it holds;
        // otherwise an unknown part leaves the whole unknown.
        let combine = |parts: &[Pred], decisive: Truth| {
            let mut truth = decisive.not();
            for part in parts {
                match part.decide(fields) {
                    Truth::Unknown => truth = Truth::Unknown,
                    found if found == decisive => return decisive,
                    _ => {}
                }
            }
            truth
        };
        match self {
            Pred::And(all) => combine(all, Truth::No),
            Pred::Or(any) => combine(any, Truth::Yes),
            Pred::Not(part) => part.decide(fields).not(),
            Pred::Compare(field, op, want) => known(*field, &|v| compare(v.cmp(want), *op)),
            Pred::In(field, values) => known(*field, &|v| {
                values
                    .binary_search_by(|probe| v.cmp(probe).reverse())
                    .is_ok()
            }),
            Pred::Between(field, low, high) => {
                known(*field, &|v| v.cmp(low).is_ge() && v.cmp(high).is_le())
            }
            Pred::Contains(Field::Text, phrase) => fields
                .text_contains(phrase)
                .map_or(Truth::Unknown, Truth::from),
            Pred::Contains(field, phrase) => known(
                *field,
                &|v| matches!(v, Value::Text(text) if crate::text::contains_phrase(text, phrase)),
            ),
            // Answered before the query runs; never met here.
            Pred::InAnswers(..) => Truth::Unknown,
        }
    }

    /// Whether the condition compares the text other than by `contains`:
    /// only the record itself can decide it.
    pub(crate) fn reads_text(&self) -> bool {
        match self {
            Pred::And(parts) | Pred::Or(parts) => parts.iter().any(Pred::reads_text),
            Pred::Not(part) => part.reads_text(),
            Pred::Compare(field, ..) | Pred::In(field, _) | Pred::Between(field, ..) => {
                *field == Field::Text
            }
            Pred::Contains(..) | Pred::InAnswers(..) => false,
        }
    }

    /// Whether the condition reads only fields of the inspection, and so
    /// holds for all of an inspection's records or none.
    pub(super) fn about_inspection(&self) -> bool {
        self.reads_only(&|field| field.of_inspection())
    }

    /// Whether the condition reads only fields that choose which line of
    /// records `latest` follows (see [`Field::chooses_line`]).
    pub(super) fn chooses_line(&self) -> bool {
        self.reads_only(&Field::chooses_line)
    }

    /// Whether every field the condition reads is one that `keep` keeps.
    fn reads_only(&self, keep: &impl Fn(Field) -> bool) -> bool {
        match self {
            Pred::And(parts) | Pred::Or(parts) => parts.iter().all(|part| part.reads_only(keep)),
            Pred::Not(part) => part.reads_only(keep),
            Pred::Compare(field, ..)
            | Pred::In(field, _)
            | Pred::Between(field, ..)
            | Pred::Contains(field, _)
            | Pred::InAnswers(field, _) => keep(*field),
        }
    }

    /// The phrases the condition looks for in the text, each once.
    pub(crate) fn phrases(&self) -> Vec<String> {
        self.text_phrases(true)
    }

    /// The phrases the text is searched for: those of `contains` tests of
    /// the text that are not under a `not` (a `matches` is one per word),
    /// sorted, each once. Ranking scores them, snippets mark them.
    pub(crate) fn searched(&self) -> Vec<String> {
        self.text_phrases(false)
    }

    /// The phrases of the `contains` tests of the text, those under a
    /// `not` too where asked, sorted, each once.
    fn text_phrases(&self, under_not: bool) -> Vec<String> {
        fn collect(pred: &Pred, under_not: bool, phrases: &mut Vec<String>) {
            match pred {
                Pred::And(parts) | Pred::Or(parts) => {
                    parts.iter().for_each(|p| collect(p, under_not, phrases));
                }
                Pred::Not(part) if under_not => collect(part, under_not, phrases),
                Pred::Contains(Field::Text, phrase) => phrases.push(phrase.clone()),
                _ => {}
            }
        }
        let mut phrases = Vec::new();
        collect(self, under_not, &mut phrases);
        phrases.sort();
        phrases.dedup();
        phrases
    }

    /// The values of `field` every answer has one of, where a part every
    /// answer passes is `field = value` or `field in (...)`, each read by
    /// `value` (`None` for a value of another sort).
    pub(super) fn named<T>(
        &self,
        field: Field,
        value: impl Fn(&FieldValue) -> Option<T>,
    ) -> Option<Vec<T>> {
        self.required().iter().find_map(|part| match part {
            Pred::Compare(named, Op::Eq, one) if *named == field => value(one).map(|one| vec![one]),
            Pred::In(named, values) if *named == field => values.iter().map(&value).collect(),
            _ => None,
        })
    }

    /// The grades every answer has one of, where a part every answer
    /// passes bounds the grade.
    pub(super) fn grades(&self) -> Option<Vec<Grade>> {
        let bound = self.required().iter().find(|part| {
            matches!(
                part,
                Pred::Compare(Field::Grade, ..)
                    | Pred::In(Field::Grade, _)
                    | Pred::Between(Field::Grade, ..)
            )
        })?;
        let holds = |grade: &Grade| {
            let grade = FieldValue::Grade(*grade);
            match bound {
                Pred::Compare(_, op, want) => compare(grade.cmp(want), *op),
                Pred::In(_, values) => values.contains(&grade),
                Pred::Between(_, low, high) => (low..=high).contains(&&grade),
                // `bound` is one of the three above.
                _ => true,
            }
        };
        Some(Grade::ALL.into_iter().filter(holds).collect())
    }

    /// The parts every answer passes that `keep` keeps, as one condition;
    /// `None` where it keeps none.
    pub(super) fn required_parts(&self, keep: impl Fn(&Pred) -> bool) -> Option<Pred> {
        let mut parts: Vec<Pred> = self
            .required()
            .iter()
            .filter(|p| keep(p))
            .cloned()
            .collect();
        match parts.len() {
            0 => None,
            1 => parts.pop(),
            _ => Some(Pred::And(parts)),
        }
    }

    /// The parts every answer must pass: the operands of a top-level `and`,
    /// or the condition itself.
    pub(super) fn required(&self) -> &[Pred] {
        match self {
            Pred::And(all) => all,
            other => std::slice::from_ref(other),
        }
    }
}

pub(super) fn compare(ordering: Ordering, op: Op) -> bool {
    match op {
        Op::Eq => ordering.is_eq(),
        Op::Ne => ordering.is_ne(),
        Op::Lt => ordering.is_lt(),
        Op::Le => ordering.is_le(),
        Op::Gt => ordering.is_gt(),
        Op::Ge => ordering.is_ge(),
    }
}

/// A condition written back in query words, for `explain`.
pub(super) struct DisplayPred<'a>(pub(super) &'a Pred);

impl fmt::Display for DisplayPred<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, parts: &[Pred], separator: &str| -> fmt::Result {
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    f.write_str(separator)?;
                }
                match part {
                    Pred::And(_) | Pred::Or(_) => write!(f, "({})", DisplayPred(part))?,
                    _ => write!(f, "{}", DisplayPred(part))?,
                }
            }
            Ok(())
        };
        match self.0 {
            Pred::And(all) => list(f, all, " and "),
            Pred::Or(any) => list(f, any, " or "),
            Pred::Not(p) => write!(f, "not ({})", DisplayPred(p)),
            Pred::Compare(field, op, value) => {
                write!(f, "{} {} '{value}'", field.name(), op.as_str())
            }
            Pred::In(field, values) => {
                let values: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
                write!(f, "{} in ({})", field.name(), values.join(", "))
            }
            Pred::Between(field, low, high) => {
                write!(f, "{} between '{low}' and '{high}'", field.name())
            }
            Pred::Contains(field, phrase) => write!(f, "{} contains '{phrase}'", field.name()),
            Pred::InAnswers(field, sub_query) => {
                let kind = sub_query.kind.map_or("any", |kind| kind.as_str());
                write!(f, "{} in ({kind}", field.name())?;
                // The sub-query's condition, without the kind's test it starts with.
                let condition = match &sub_query.filter {
                    Some(Pred::And(all)) if sub_query.kind.is_some() => match &all[1..] {
                        [one] => Some(one.clone()),
                        rest => Some(Pred::And(rest.to_vec())),
                    },
                    Some(Pred::Compare(Field::Kind, ..)) if sub_query.kind.is_some() => None,
                    other => other.clone(),
                };
                if let Some(condition) = &condition {
                    write!(f, " where {}", DisplayPred(condition))?;
                }
                f.write_str(")")
            }
        }
    }
}
