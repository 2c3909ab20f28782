//! Planning: the indexes that can answer a resolved condition chosen, with
//! the full condition kept as the filter every candidate passes.

use super::ast::{self, Op};
use super::field::{Field, FieldValue};
use super::predicate::{Pred, SubQuery};
use super::resolve::{Sought, groupable, orderable, resolve_expr, resolve_kind, sought_names};
use super::{QueryError, QueryErrorKind};
use crate::model::{Area, Grade, Kind};

/// A resolved query.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub explain: bool,
    pub count: bool,
    /// `latest`: of each authority, only its most recent inspection with
    /// records that pass `line`, and of those only the answers.
    pub latest: bool,
    /// The parts of the condition that choose which records `latest`
    /// follows (every part, joined by `and` at the top, that reads only
    /// fields that [choose a line](Field::chooses_line), the kind
    /// included); `None` where none does.
    pub line: Option<Pred>,
    /// The condition, the kind of record included.
    pub filter: Option<Pred>,
    /// The kind every answer has, if the query names one.
    pub kind: Option<Kind>,
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
    /// The phrases the text is searched for (not under a `not`).
    pub searched: Vec<String>,
    /// Whether answers are ranked by relevance to `searched`, best first
    /// (ties in key order).
    pub ranked: bool,
    /// The fields a count groups by, in the query's order.
    pub group_by: Vec<Field>,
    /// `count distinct`: the field whose distinct values a count counts.
    pub distinct: Option<Field>,
    /// `having count`: what a group's count must compare so with.
    pub having: Option<(Op, u64)>,
    /// How a count's rows are ordered (none: by their groups).
    pub count_order: Vec<(CountKey, bool)>,
    pub order_by: Vec<(Field, bool)>,
    pub limit: Option<u64>,
    pub offset: u64,
    /// The names only the knowledge base can tell are held: checked before
    /// the query runs, so that a name that names nothing is refused, not
    /// answered with nothing.
    pub sought: Vec<Sought>,
}

/// A key a count's rows are ordered by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CountKey {
    /// The count.
    Count,
    /// A `group by` field, by its place among them.
    Group(usize),
}

impl Plan {
    pub(crate) fn resolve(query: &str, syntax: &ast::Query) -> Result<Plan, QueryError> {
        let kind = resolve_kind(&syntax.kind.name).map_err(|message| {
            QueryError::new(
                QueryErrorKind::UnknownKind,
                query,
                syntax.kind.span,
                message,
            )
        })?;
        let condition = syntax
            .filter
            .as_ref()
            .map(|expr| resolve_expr(query, kind, expr))
            .transpose()?;
        let filter = Pred::of_kind(kind, condition);
        let group_by = syntax
            .group_by
            .iter()
            .map(|word| groupable(query, kind, word))
            .collect::<Result<Vec<Field>, QueryError>>()?;
        if !group_by.is_empty() && !syntax.count {
            let span = syntax.group_by.first().map_or(syntax.span, |w| w.span);
            return Err(QueryError::new(
                QueryErrorKind::UnsupportedClause,
                query,
                span,
                "`group by` needs `count`: count judgement group by grade",
            ));
        }
        let distinct = syntax
            .distinct
            .as_ref()
            .map(|word| groupable(query, kind, word))
            .transpose()?;
        if let Some(having) = &syntax.having
            && !syntax.count
        {
            return Err(QueryError::new(
                QueryErrorKind::UnsupportedClause,
                query,
                having.span,
                "`having` keeps the groups of a count: count judgement group by authority having count >= 3",
            ));
        }
        let searched = filter.as_ref().map(Pred::searched).unwrap_or_default();
        let ranked = !syntax.count && ranked(query, syntax, kind, &searched)?;
        let (order_by, count_order) = if syntax.count {
            (Vec::new(), count_order(query, syntax, kind, &group_by)?)
        } else {
            let order_by = syntax
                .order_by
                .iter()
                .filter(|_| !ranked)
                .map(|key| orderable(query, kind, &key.field).map(|field| (field, key.descending)))
                .collect::<Result<_, _>>()?;
            (order_by, Vec::new())
        };
        Ok(Plan {
            explain: syntax.explain,
            count: syntax.count,
            latest: syntax.latest,
            ranked,
            group_by,
            distinct,
            having: syntax.having.map(|having| (having.op, having.count.value)),
            count_order,
            order_by,
            limit: syntax.limit.map(|n| n.value),
            offset: syntax.offset.map_or(0, |n| n.value),
            sought: syntax
                .filter
                .as_ref()
                .map(|expr| sought_names(query, expr))
                .unwrap_or_default(),
            ..Plan::finding(kind, filter)
        })
    }

    /// The plan of a sub-query: its records in key order.
    pub(crate) fn of_sub_query(sub_query: &SubQuery) -> Plan {
        Plan::finding(sub_query.kind, sub_query.filter.clone())
    }

    /// This plan with another condition (its sub-queries answered), the
    /// indexes that answer it chosen again.
    pub(crate) fn with_filter(&self, filter: Pred) -> Plan {
        Plan {
            explain: self.explain,
            count: self.count,
            latest: self.latest,
            ranked: self.ranked,
            group_by: self.group_by.clone(),
            distinct: self.distinct,
            having: self.having,
            count_order: self.count_order.clone(),
            order_by: self.order_by.clone(),
            limit: self.limit,
            offset: self.offset,
            sought: self.sought.clone(),
            ..Plan::finding(self.kind, Some(filter))
        }
    }

    /// The plan that finds the records `latest` follows: those that pass
    /// the line's conditions, in key order.
    pub(crate) fn of_line(&self) -> Plan {
        Plan::finding(self.kind, self.line.clone())
    }

    /// The plan that finds, in key order, the records of `kind` that pass
    /// `filter` (the kind's test included): the indexes that can answer
    /// it chosen.
    fn finding(kind: Option<Kind>, filter: Option<Pred>) -> Plan {
        let searched = filter.as_ref().map(Pred::searched).unwrap_or_default();
        Plan {
            explain: false,
            count: false,
            latest: false,
            line: filter
                .as_ref()
                .and_then(|filter| filter.required_parts(Pred::chooses_line)),
            kind,
            phrases: filter.as_ref().map(Pred::phrases).unwrap_or_default(),
            authorities: filter.as_ref().and_then(|filter| {
                filter.named(Field::Authority, |value| match value {
                    FieldValue::Text(slug) => Some(slug.clone()),
                    _ => None,
                })
            }),
            areas: filter.as_ref().and_then(|filter| {
                filter.named(Field::Area, |value| match value {
                    FieldValue::Area(area) => Some(*area),
                    _ => None,
                })
            }),
            grades: filter.as_ref().and_then(Pred::grades),
            inspection_filter: filter.as_ref().and_then(|filter| {
                filter.required_parts(|part| part.about_inspection())
            }),
            row_filter: filter.as_ref().and_then(|filter| {
                filter.required_parts(|part| {
                    let of_the_kind = matches!(part,
                        Pred::Compare(Field::Kind, Op::Eq, FieldValue::Kind(k)) if Some(*k) == kind);
                    !of_the_kind && !part.about_inspection()
                })
            }),
            required_phrases: filter.as_ref().and_then(required_phrases),
            filter,
            searched,
            ranked: false,
            group_by: Vec::new(),
            distinct: None,
            having: None,
            count_order: Vec::new(),
            order_by: Vec::new(),
            limit: None,
            offset: 0,
            sought: Vec::new(),
        }
    }
}

/// The keys a count's rows are ordered by: `count`, or one of its `group
/// by` fields.
fn count_order(
    query: &str,
    syntax: &ast::Query,
    kind: Option<Kind>,
    group_by: &[Field],
) -> Result<Vec<(CountKey, bool)>, QueryError> {
    syntax
        .order_by
        .iter()
        .map(|key| {
            let word = &key.field;
            let by = if word.name.eq_ignore_ascii_case("count") {
                Some(CountKey::Count)
            } else {
                let field = groupable(query, kind, word).ok();
                group_by
                    .iter()
                    .position(|grouped| Some(*grouped) == field)
                    .map(CountKey::Group)
            };
            let by = by.ok_or_else(|| {
                QueryError::new(
                    QueryErrorKind::UnsupportedClause,
                    query,
                    word.span,
                    "a count is ordered by `count` or by one of its `group by` fields",
                )
            })?;
            Ok((by, key.descending))
        })
        .collect()
}

/// Whether the query ranks by relevance: `order by relevance`, alone, on
/// a query that searches the text for something.
fn ranked(
    query: &str,
    syntax: &ast::Query,
    kind: Option<Kind>,
    searched: &[String],
) -> Result<bool, QueryError> {
    let is_relevance = |key: &ast::OrderKey| key.field.name.eq_ignore_ascii_case("relevance");
    let Some(key) = syntax.order_by.iter().find(|key| is_relevance(key)) else {
        return Ok(false);
    };
    let refuse = |message: &str| {
        Err(QueryError::new(
            QueryErrorKind::UnsupportedClause,
            query,
            key.field.span,
            message,
        ))
    };
    if syntax.order_by.len() > 1 {
        return refuse("`order by relevance` ranks alone: ties are in key order");
    }
    if kind == Some(Kind::Change) {
        return refuse("changes have no text of their own to rank");
    }
    if searched.is_empty() {
        return refuse(
            "`order by relevance` needs a search of the text: text matches '...' or text contains '...'",
        );
    }
    Ok(true)
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
