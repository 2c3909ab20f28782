//! Resolution: the words of a query's syntax tree given their meaning in
//! the data model (kinds, fields, areas, grades, dates, authorities), each
//! refused with its span where it has none.

use super::ast::{self, Expr, Op, Span, Test, ValueKind};
use super::field::{Field, FieldValue, Sort};
use super::predicate::{Pred, SubQuery};
use super::{QueryError, QueryErrorKind};
use crate::model::{
    Area, Authority, Direction, Framework, Grade, InspectionType, Kind, Section, slug,
};
use crate::store::Snapshot;

/// The words that name the kinds of record a query can ask for.
pub const KINDS: [&str; 8] = [
    "judgement",
    "judgment",
    "recommendation",
    "finding",
    "fact",
    "report",
    "change",
    "any",
];

/// The kinds a query can ask for, in words: "judgement, judgment, ...,
/// change and any", for the messages that list them.
pub(super) fn kinds_in_words() -> String {
    match KINDS.split_last() {
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

/// The kind a query's kind word names; `None` for `any`.
pub(super) fn resolve_kind(name: &str) -> Result<Option<Kind>, String> {
    match name.to_lowercase().as_str() {
        "any" => Ok(None),
        "judgement" | "judgment" => Ok(Some(Kind::Judgement)),
        "change" => Ok(Some(Kind::Change)),
        other => Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == other)
            .map(Some)
            .ok_or_else(|| match super::did_you_mean(name, KINDS) {
                Some(suggestion) => {
                    format!("unknown kind `{name}`; did you mean `{suggestion}`?")
                }
                None => format!("unknown kind `{name}`; kinds are {}", kinds_in_words()),
            }),
    }
}

pub(super) fn groupable(
    query: &str,
    kind: Option<Kind>,
    word: &ast::Word,
) -> Result<Field, QueryError> {
    let field = field_of(query, kind, word)?;
    match field {
        Field::Text | Field::Refs | Field::Key => Err(QueryError::new(
            QueryErrorKind::UnsupportedClause,
            query,
            word.span,
            format!("cannot group by `{}`", field.name()),
        )),
        _ => Ok(field),
    }
}

pub(super) fn orderable(
    query: &str,
    kind: Option<Kind>,
    word: &ast::Word,
) -> Result<Field, QueryError> {
    let field = field_of(query, kind, word)?;
    match field {
        Field::Refs => Err(QueryError::new(
            QueryErrorKind::UnsupportedClause,
            query,
            word.span,
            "cannot order by `refs`, a list",
        )),
        _ => Ok(field),
    }
}

/// The field a word names, where records of `kind` have it.
fn field_of(query: &str, kind: Option<Kind>, word: &ast::Word) -> Result<Field, QueryError> {
    let field = Field::resolve(query, word)?;
    if field.given_by_queries() {
        return Err(QueryError::new(
            QueryErrorKind::UnsupportedClause,
            query,
            word.span,
            format!(
                "`{}` is given to the answers and can only be printed; rank by `order by relevance`",
                field.name()
            ),
        ));
    }
    if field.of_changes_only() && kind != Some(Kind::Change) {
        return Err(QueryError::new(
            QueryErrorKind::UnknownField,
            query,
            word.span,
            format!(
                "only changes have `{}`: change where {} ...",
                field.name(),
                field.name()
            ),
        ));
    }
    Ok(field)
}

pub(super) fn resolve_expr(
    query: &str,
    kind: Option<Kind>,
    expr: &Expr,
) -> Result<Pred, QueryError> {
    Ok(match expr {
        Expr::Or(operands, _) => Pred::Or(
            operands
                .iter()
                .map(|e| resolve_expr(query, kind, e))
                .collect::<Result<_, _>>()?,
        ),
        Expr::And(operands, _) => Pred::And(
            operands
                .iter()
                .map(|e| resolve_expr(query, kind, e))
                .collect::<Result<_, _>>()?,
        ),
        Expr::Not(operand, _) => Pred::Not(Box::new(resolve_expr(query, kind, operand)?)),
        Expr::Condition(condition) => resolve_condition(query, kind, condition)?,
    })
}

pub(super) fn resolve_condition(
    query: &str,
    kind: Option<Kind>,
    condition: &ast::Condition,
) -> Result<Pred, QueryError> {
    let field = field_of(query, kind, &condition.field)?;
    let unsupported = |span: Span, message: String| {
        QueryError::new(QueryErrorKind::UnsupportedTest, query, span, message)
    };
    match &condition.test {
        Test::Compare { op, op_span, value } => {
            if !matches!(op, Op::Eq | Op::Ne) && !field.sort().ordered() {
                return Err(unsupported(
                    *op_span,
                    format!(
                        "`{}` has no order to compare with `{}`; use = or in",
                        field.name(),
                        op.as_str()
                    ),
                ));
            }
            let values = literal(query, kind, field, value)?;
            Ok(match (op, values.as_slice()) {
                (Op::Eq, [one]) => Pred::Compare(field, Op::Eq, one.clone()),
                (Op::Eq, _) => one_of(field, values),
                (Op::Ne, [one]) => Pred::Not(Box::new(Pred::Compare(field, Op::Eq, one.clone()))),
                (Op::Ne, _) => Pred::Not(Box::new(one_of(field, values))),
                (op, _) => Pred::Compare(
                    field,
                    *op,
                    values.into_iter().next().unwrap_or(FieldValue::Integer(0)),
                ),
            })
        }
        Test::In { negated, values } => {
            let mut resolved = Vec::new();
            for value in values {
                resolved.extend(literal(query, kind, field, value)?);
            }
            Ok(negated_if(*negated, one_of(field, resolved)))
        }
        Test::InNeighbours { negated, of } => {
            let neighbours = neighbours(query, field, condition, of)?;
            Ok(negated_if(*negated, one_of(field, neighbours)))
        }
        Test::InAnswers {
            negated,
            kind: sub_kind,
            filter,
        } => {
            if field != Field::Authority {
                return Err(unsupported(
                    condition.field.span,
                    format!(
                        "a sub-query lists authorities, and `{}` is not one: authority in (judgement where ...)",
                        field.name()
                    ),
                ));
            }
            let sub_kind = resolve_kind(&sub_kind.name).map_err(|message| {
                QueryError::new(QueryErrorKind::UnknownKind, query, sub_kind.span, message)
            })?;
            let condition = filter
                .as_deref()
                .map(|expr| resolve_expr(query, sub_kind, expr))
                .transpose()?;
            let sub_query = SubQuery {
                kind: sub_kind,
                filter: Pred::of_kind(sub_kind, condition),
            };
            Ok(negated_if(
                *negated,
                Pred::InAnswers(field, Box::new(sub_query)),
            ))
        }
        Test::Contains { phrase } => {
            let text = searched_text(query, field, condition, phrase, ("contains", "a phrase"))?;
            Ok(Pred::Contains(field, text.to_string()))
        }
        Test::Matches { words } => {
            let text = searched_text(query, field, condition, words, ("matches", "words"))?;
            let words: Vec<String> = crate::text::words(text).map(|(_, word)| word).collect();
            if words.is_empty() {
                return Err(QueryError::new(
                    QueryErrorKind::TypeMismatch,
                    query,
                    condition.span,
                    "`matches` needs at least one word to look for",
                ));
            }
            // Any of the words: each a phrase of one word.
            let mut any: Vec<Pred> = words
                .into_iter()
                .map(|word| Pred::Contains(field, word))
                .collect();
            any.dedup();
            Ok(if any.len() == 1 {
                any.remove(0)
            } else {
                Pred::Or(any)
            })
        }
        Test::Between { low, high } => {
            if !field.sort().ordered() {
                return Err(unsupported(
                    condition.span,
                    format!("`{}` has no order for `between`", field.name()),
                ));
            }
            let low = single(query, kind, field, low)?;
            let high = single(query, kind, field, high)?;
            Ok(Pred::Between(field, low, high))
        }
    }
}

/// The text a `contains` or `matches` test (`test`, looking for `what`)
/// searches for, where `field` is text and the value is in quotes.
fn searched_text<'v>(
    query: &str,
    field: Field,
    condition: &ast::Condition,
    value: &'v ast::Value,
    (test, what): (&str, &str),
) -> Result<&'v str, QueryError> {
    if field.sort() != Sort::Text {
        return Err(QueryError::new(
            QueryErrorKind::UnsupportedTest,
            query,
            condition.field.span,
            format!(
                "`{test}` looks for words in text, and `{}` is not text",
                field.name()
            ),
        ));
    }
    quoted(query, value, &format!("`{test}` takes {what} in quotes"))
}

/// The text of a value in quotes; else `refusal`, under the value.
fn quoted<'v>(query: &str, value: &'v ast::Value, refusal: &str) -> Result<&'v str, QueryError> {
    match &value.kind {
        ValueKind::String(text) => Ok(text),
        _ => Err(QueryError::new(
            QueryErrorKind::TypeMismatch,
            query,
            value.span,
            refusal,
        )),
    }
}

/// `pred`, or its negation for `not in`.
fn negated_if(negated: bool, pred: Pred) -> Pred {
    if negated {
        Pred::Not(Box::new(pred))
    } else {
        pred
    }
}

/// The authorities `neighbours('...')` names, as `authority` compares them.
fn neighbours(
    query: &str,
    field: Field,
    condition: &ast::Condition,
    of: &ast::Value,
) -> Result<Vec<FieldValue>, QueryError> {
    if field != Field::Authority {
        return Err(QueryError::new(
            QueryErrorKind::UnsupportedTest,
            query,
            condition.field.span,
            format!(
                "`neighbours(...)` lists authorities, and `{}` is not one: authority in neighbours(...)",
                field.name()
            ),
        ));
    }
    let name = quoted(query, of, "`neighbours` takes an authority in quotes")?;
    let Some(neighbours) = Authority::from_printed_name(name).neighbours() else {
        let known: Vec<String> = Authority::known().map(|a| a.name).collect();
        return Err(unknown_name(
            query,
            of.span,
            ("authority", name),
            known.iter().map(String::as_str),
            "it is not in the reference table",
        ));
    };
    Ok(neighbours
        .iter()
        .map(|authority| FieldValue::Text(slug(&authority.name)))
        .collect())
}

/// The test that a field has one of `values`.
pub(super) fn one_of(field: Field, mut values: Vec<FieldValue>) -> Pred {
    values.sort();
    values.dedup();
    Pred::In(field, values)
}

/// A value for a field that takes exactly one (the ends of `between`, ordered comparisons).
pub(super) fn single(
    query: &str,
    kind: Option<Kind>,
    field: Field,
    value: &ast::Value,
) -> Result<FieldValue, QueryError> {
    let mut values = literal(query, kind, field, value)?;
    Ok(values.remove(0))
}

/// The value(s) a literal means for `field` in a question about `kind`:
/// one, but for an area, the area and the ILACS combined judgement that
/// also answers for it, or for a change, the lines the area is on (see
/// [`Area::lines`]); for an authority, every council the name has meant
/// ([`Authority::named_over_time`]).
pub(super) fn literal(
    query: &str,
    kind: Option<Kind>,
    field: Field,
    value: &ast::Value,
) -> Result<Vec<FieldValue>, QueryError> {
    let sort = field.sort();
    let mismatch = |found: &str| {
        QueryError::new(
            QueryErrorKind::TypeMismatch,
            query,
            value.span,
            format!(
                "`{}` compares with {}, not {found}",
                field.name(),
                sort.described()
            ),
        )
    };
    let unknown = |what: &str, text: &str, known: Vec<&str>| {
        let list = known.join(", ");
        let message = match super::did_you_mean(text, known.iter().copied()) {
            Some(suggestion) => format!(
                "unknown {what} `{text}`; did you mean `{suggestion}`? (known {what}s: {list})"
            ),
            None => format!("unknown {what} `{text}` (known {what}s: {list})"),
        };
        QueryError::new(QueryErrorKind::UnknownValue, query, value.span, message)
    };
    let text = match (&value.kind, sort) {
        (ValueKind::String(text), _) => text.as_str(),
        (ValueKind::Integer(n), Sort::Number) => return Ok(vec![FieldValue::Integer(*n)]),
        (ValueKind::Date(date), Sort::Date) => return Ok(vec![FieldValue::Date(*date)]),
        (ValueKind::Integer(_), _) => return Err(mismatch("a number")),
        (ValueKind::Date(_), _) => return Err(mismatch("a date")),
    };
    let one = |value| Ok(vec![value]);
    // A value of a vocabulary: the one its name (in any case) names, or refused.
    let named = |what: &str, vocabulary: &[(&'static str, FieldValue)]| {
        vocabulary
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map(|(_, value)| vec![value.clone()])
            .ok_or_else(|| {
                unknown(
                    what,
                    text,
                    vocabulary.iter().map(|(name, _)| *name).collect(),
                )
            })
    };
    // A value its type reads in any of its wordings, or refused with the
    // names of every value it has.
    let parsed = |what: &str, read: Option<FieldValue>, names: Vec<&str>| {
        read.map(|value| vec![value])
            .ok_or_else(|| unknown(what, text, names))
    };
    // A value of the reference table's: one it lists, or refused.
    let listed = |what: &str, values: Vec<&'static str>| {
        if values.iter().any(|v| v.eq_ignore_ascii_case(text)) {
            one(FieldValue::Text(text.to_lowercase()))
        } else {
            Err(unknown(what, text, values))
        }
    };
    match sort {
        // Any council the name has meant: its inspections are the authority's history.
        Sort::Text if field == Field::Authority => Ok(Authority::named_over_time(text)
            .iter()
            .map(|authority| FieldValue::Text(authority.slug()))
            .collect()),
        Sort::Text if field == Field::Region => listed("region", Authority::regions()),
        Sort::Text if field == Field::AuthorityType => {
            listed("authority type", Authority::authority_types())
        }
        Sort::Text => one(FieldValue::Text(text.to_lowercase())),
        Sort::Number => Err(mismatch("text")),
        Sort::Date => text
            .parse()
            .map(|d| vec![FieldValue::Date(d)])
            .map_err(|_| mismatch("text")),
        Sort::Kind => match resolve_kind(text) {
            Ok(Some(kind)) => one(FieldValue::Kind(kind)),
            _ => Err(unknown(
                "kind",
                text,
                Kind::ALL.iter().map(|k| k.as_str()).collect(),
            )),
        },
        Sort::Framework => named(
            "framework",
            &Framework::ALL.map(|f| (f.as_str(), FieldValue::Framework(f))),
        ),
        Sort::InspectionType => named(
            "inspection type",
            &InspectionType::ALL.map(|t| (t.as_str(), FieldValue::InspectionType(t))),
        ),
        Sort::Section => parsed(
            "section",
            text.parse().map(FieldValue::Section).ok(),
            Section::ALL.iter().map(|s| s.as_str()).collect(),
        ),
        Sort::Direction => named(
            "direction",
            &Direction::ALL.map(|d| (d.as_str(), FieldValue::Direction(d))),
        ),
        Sort::Grade => parsed(
            "grade",
            text.parse().map(FieldValue::Grade).ok(),
            Grade::ALL.iter().map(|g| g.as_str()).collect(),
        ),
        Sort::Area => match Area::from_label(text) {
            Some(asked) if kind == Some(Kind::Change) => Ok(asked
                .lines()
                .iter()
                .copied()
                .map(FieldValue::Area)
                .collect()),
            Some(asked) => Ok(Area::ALL
                .into_iter()
                .filter(|a| a.answers(asked))
                .map(FieldValue::Area)
                .collect()),
            None => Err(unknown(
                "area",
                text,
                Area::ALL.iter().map(|a| a.as_str()).collect(),
            )),
        },
    }
}

/// A name a query compares `authority` or `lead_inspector` with that only
/// the knowledge base can tell is held: a lead inspector, or an authority
/// the reference table does not know (records of a custom source, or of a
/// report whose authority a warning names).
#[derive(Clone, Debug)]
pub(crate) struct Sought {
    pub field: Field,
    pub name: String,
    pub span: Span,
}

/// The names in `expr` that the knowledge base must hold for the query to
/// name something: each compared with `=`, `!=` or `in`, whatever its
/// `not`, for a typo answers wrongly either way.
pub(super) fn sought_names(query: &str, expr: &Expr) -> Vec<Sought> {
    let mut sought = Vec::new();
    let mut stack = vec![expr];
    while let Some(expr) = stack.pop() {
        let condition = match expr {
            Expr::Or(operands, _) | Expr::And(operands, _) => {
                stack.extend(operands);
                continue;
            }
            Expr::Not(operand, _) => {
                stack.push(operand);
                continue;
            }
            Expr::Condition(condition) => condition,
        };
        // A sub-query's names must be held too.
        if let Test::InAnswers {
            filter: Some(filter),
            ..
        } = &condition.test
        {
            stack.push(filter);
        }
        let field = match Field::resolve(query, &condition.field) {
            Ok(field @ (Field::Authority | Field::LeadInspector)) => field,
            _ => continue,
        };
        let values = match &condition.test {
            Test::Compare {
                op: Op::Eq | Op::Ne,
                value,
                ..
            } => std::slice::from_ref(value),
            Test::In { values, .. } => values.as_slice(),
            // An order (`authority < 'M'`) names no one.
            _ => continue,
        };
        for value in values {
            let ValueKind::String(name) = &value.kind else {
                continue;
            };
            let in_the_reference_table = || {
                Authority::named_over_time(name)
                    .iter()
                    .any(|authority| authority.code.is_some())
            };
            if field == Field::LeadInspector || !in_the_reference_table() {
                sought.push(Sought {
                    field,
                    name: name.clone(),
                    span: value.span,
                });
            }
        }
    }
    sought.sort_by_key(|sought| sought.span.start);
    sought
}

/// Refuses a name that the knowledge base does not hold (see [`Sought`]),
/// with a did-you-mean from the names it holds and, for an authority, the
/// reference table's.
pub(super) fn check_held(
    query: &str,
    sought: &[Sought],
    snapshot: &Snapshot,
) -> Result<(), QueryError> {
    if sought.is_empty() {
        return Ok(());
    }
    let inspections = (0..snapshot.inspections()).map(|at| snapshot.inspection(at).inspection());
    let mut authorities: Vec<String> = Authority::known().map(|a| a.name).collect();
    let mut leads: Vec<String> = Vec::new();
    for inspection in inspections {
        authorities.push(inspection.authority.name.clone());
        leads.extend(inspection.lead_inspector.clone());
    }
    for list in [&mut authorities, &mut leads] {
        list.sort();
        list.dedup();
    }
    for one in sought {
        let (held, what) = match one.field {
            Field::Authority => (&authorities, "authority"),
            _ => (&leads, "lead inspector"),
        };
        let holds = match one.field {
            // As `authority = ...` compares: any council the name has meant,
            // framing words ("Borough Council") and all.
            Field::Authority => Authority::named_over_time(&one.name)
                .iter()
                .any(|meant| held.iter().any(|name| slug(name) == meant.slug())),
            _ => held.iter().any(|name| name.eq_ignore_ascii_case(&one.name)),
        };
        if holds {
            continue;
        }
        let nowhere = match one.field {
            Field::Authority => "neither the reference table nor the knowledge base holds it",
            _ => "no inspection in the knowledge base names it",
        };
        return Err(unknown_name(
            query,
            one.span,
            (what, &one.name),
            held.iter().map(String::as_str),
            nowhere,
        ));
    }
    Ok(())
}

/// A name that names nothing (`what` it was to name, and the name), refused
/// with the nearest of the `known` names and where it was looked for.
fn unknown_name<'a>(
    query: &str,
    span: Span,
    (what, name): (&str, &str),
    known: impl IntoIterator<Item = &'a str>,
    nowhere: &str,
) -> QueryError {
    let message = match super::did_you_mean(name, known) {
        Some(suggestion) => {
            format!("unknown {what} `{name}`; did you mean `{suggestion}`? ({nowhere})")
        }
        None => format!("unknown {what} `{name}`: {nowhere}"),
    };
    QueryError::new(QueryErrorKind::UnknownValue, query, span, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_kind_words_are_every_kind_and_only_kinds() {
        // Every kind of the model, the derived change too, is a word a
        // query can ask for; and every word names a kind (or any).
        for kind in Kind::ALL.into_iter().chain([Kind::Change]) {
            assert!(KINDS.contains(&kind.as_str()), "{kind}");
            assert_eq!(resolve_kind(kind.as_str()), Ok(Some(kind)));
        }
        for word in KINDS {
            assert!(resolve_kind(word).is_ok(), "{word}");
        }
        assert_eq!(
            kinds_in_words(),
            "judgement, judgment, recommendation, finding, fact, report, change and any"
        );
    }
}
