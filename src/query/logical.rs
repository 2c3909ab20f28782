//! The resolved query: what a query asks, in the model's terms, once its
//! words have meaning (`resolve`) and its clauses have been checked against
//! each other (`group by` needs `count`, `having` a count, `order by
//! relevance` a search of the text). The planner takes it and chooses the
//! indexes that answer it; it decides nothing of the meaning.

use super::ast::{self, Op};
use super::field::Field;
use super::predicate::Pred;
use super::resolve::{Sought, groupable, orderable, resolve_expr, resolve_kind, sought_names};
use super::{QueryError, QueryErrorKind};
use crate::model::Kind;

/// A query resolved: every field, value and clause in the model's terms.
#[derive(Clone, Debug)]
pub(crate) struct Logical {
    pub explain: bool,
    pub count: bool,
    /// `latest`: of each authority, only its most recent inspection with
    /// records on the line the query follows, and of those only the answers.
    pub latest: bool,
    /// The kind every answer has, if the query names one.
    pub kind: Option<Kind>,
    /// The condition, the kind of record included.
    pub filter: Option<Pred>,
    /// Whether answers are ranked by relevance to [`Logical::searched`], best first
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
    /// How records are ordered (none: in key order, or ranked).
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

impl Logical {
    pub(crate) fn resolve(query: &str, syntax: &ast::Query) -> Result<Logical, QueryError> {
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
        Ok(Logical {
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
            kind,
            filter,
        })
    }

    /// The phrases the text is searched for (not under a `not`): what
    /// ranking scores and snippets mark.
    pub(crate) fn searched(&self) -> Vec<String> {
        self.filter.as_ref().map(Pred::searched).unwrap_or_default()
    }

    /// The records of `kind` that pass `filter` (the kind's test
    /// included), in key order: a sub-query, or the line `latest` follows.
    pub(crate) fn finding(kind: Option<Kind>, filter: Option<Pred>) -> Logical {
        Logical {
            explain: false,
            count: false,
            latest: false,
            kind,
            filter,
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
