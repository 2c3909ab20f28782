//! Planning: fields, kinds, areas, grades and dates resolved and type-checked
//! against the data model; then the indexes that can answer the condition
//! chosen, with the full condition kept as the filter every candidate passes.

use std::fmt;

use super::QueryError;
use super::ast::{self, Expr, Op, Span, Test, ValueKind};
use crate::model::{Area, Authority, Date, Framework, Grade, Kind, Record, Section, slug};
use crate::store::{Kb, Lookup, StoreError};

/// A field of the data model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Key,
    Kind,
    Authority,
    AuthorityCode,
    Inspection,
    Framework,
    InspectedFrom,
    InspectedTo,
    Published,
    Section,
    Paragraph,
    Area,
    Grade,
    Refs,
    Text,
}

const FIELDS: [(&str, Field); 15] = [
    ("key", Field::Key),
    ("kind", Field::Kind),
    ("authority", Field::Authority),
    ("authority_code", Field::AuthorityCode),
    ("inspection", Field::Inspection),
    ("framework", Field::Framework),
    ("inspected_from", Field::InspectedFrom),
    ("inspected_to", Field::InspectedTo),
    ("published", Field::Published),
    ("section", Field::Section),
    ("paragraph", Field::Paragraph),
    ("area", Field::Area),
    ("grade", Field::Grade),
    ("refs", Field::Refs),
    ("text", Field::Text),
];

impl Field {
    pub(crate) fn name(self) -> &'static str {
        FIELDS
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("?", |(name, _)| name)
    }

    fn resolve(query: &str, word: &ast::Word) -> Result<Field, QueryError> {
        let lower = word.name.to_lowercase();
        if let Some(&(_, field)) = FIELDS.iter().find(|(name, _)| *name == lower) {
            return Ok(field);
        }
        let message = match super::did_you_mean(&word.name, FIELDS.iter().map(|(name, _)| *name)) {
            Some(suggestion) => format!(
                "unknown field `{}`; did you mean `{suggestion}`?",
                word.name
            ),
            None => format!("unknown field `{}`; fields are {}", word.name, field_list()),
        };
        Err(QueryError::meaning(query, word.span, message))
    }

    /// What values of the field are, for type errors.
    fn sort(self) -> Sort {
        match self {
            Field::Key | Field::Authority | Field::AuthorityCode | Field::Text => Sort::Text,
            Field::Kind => Sort::Kind,
            Field::Framework => Sort::Framework,
            Field::Section => Sort::Section,
            Field::Area => Sort::Area,
            Field::Grade => Sort::Grade,
            Field::Inspection | Field::InspectedFrom | Field::InspectedTo | Field::Published => {
                Sort::Date
            }
            Field::Paragraph | Field::Refs => Sort::Number,
        }
    }

    /// The record's values of this field: none for a missing value, several for `refs`.
    pub(crate) fn values(self, record: &Record) -> Vec<FieldValue> {
        let text = |s: &str| vec![FieldValue::Text(s.to_string())];
        match self {
            Field::Key => text(&record.key.to_string()),
            Field::Kind => vec![FieldValue::Kind(record.kind)],
            Field::Authority => text(&record.authority),
            Field::AuthorityCode => record
                .authority_code
                .iter()
                .map(|c| FieldValue::Text(c.clone()))
                .collect(),
            Field::Inspection => vec![FieldValue::Date(record.inspection)],
            Field::Framework => vec![FieldValue::Framework(record.framework)],
            Field::InspectedFrom => vec![FieldValue::Date(record.inspected_from)],
            Field::InspectedTo => vec![FieldValue::Date(record.inspected_to)],
            Field::Published => record.published.map(FieldValue::Date).into_iter().collect(),
            Field::Section => vec![FieldValue::Section(record.section)],
            Field::Paragraph => record
                .paragraph
                .map(|n| FieldValue::Integer(n.into()))
                .into_iter()
                .collect(),
            Field::Area => record.area.map(FieldValue::Area).into_iter().collect(),
            Field::Grade => record.grade.map(FieldValue::Grade).into_iter().collect(),
            Field::Refs => record
                .refs
                .iter()
                .map(|&n| FieldValue::Integer(n.into()))
                .collect(),
            Field::Text => text(&record.text),
        }
    }
}

fn field_list() -> String {
    FIELDS
        .iter()
        .map(|(name, _)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sort {
    Text,
    Kind,
    Framework,
    Section,
    Area,
    Grade,
    Date,
    Number,
}

impl Sort {
    fn ordered(self) -> bool {
        matches!(self, Sort::Text | Sort::Grade | Sort::Date | Sort::Number)
    }

    fn described(self) -> &'static str {
        match self {
            Sort::Text => "text in quotes",
            Sort::Kind => "a kind of record",
            Sort::Framework => "a framework (SIF or ILACS)",
            Sort::Section => "a section",
            Sort::Area => "an area",
            Sort::Grade => "a grade",
            Sort::Date => "a date (YYYY-MM-DD)",
            Sort::Number => "a number",
        }
    }
}

/// The value of a field: what conditions compare, `group by` groups by and
/// `order by` sorts by. Values of one field compare in that field's order
/// (grades worst first, dates oldest first, text by its lower case).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FieldValue {
    /// Text.
    Text(String),
    /// A whole number.
    Integer(u64),
    /// A date.
    Date(Date),
    /// A kind of record.
    Kind(Kind),
    /// A framework.
    Framework(Framework),
    /// A section.
    Section(Section),
    /// An area.
    Area(Area),
    /// A grade.
    Grade(Grade),
}

impl fmt::Display for FieldValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FieldValue::Text(text) => f.write_str(text),
            FieldValue::Integer(n) => write!(f, "{n}"),
            FieldValue::Date(date) => write!(f, "{date}"),
            FieldValue::Kind(kind) => write!(f, "{kind}"),
            FieldValue::Framework(framework) => write!(f, "{framework}"),
            FieldValue::Section(section) => write!(f, "{section}"),
            FieldValue::Area(area) => write!(f, "{area}"),
            FieldValue::Grade(grade) => write!(f, "{grade}"),
        }
    }
}

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
}

impl Pred {
    pub(crate) fn matches(&self, record: &Record) -> bool {
        match self {
            Pred::And(all) => all.iter().all(|p| p.matches(record)),
            Pred::Or(any) => any.iter().any(|p| p.matches(record)),
            Pred::Not(p) => !p.matches(record),
            Pred::Compare(field, op, value) => field_values(*field, record).iter().any(|v| compare(v, *op, value)),
            Pred::In(field, values) => field_values(*field, record).iter().any(|v| values.binary_search(v).is_ok()),
            Pred::Between(field, low, high) => field_values(*field, record).iter().any(|v| low <= v && v <= high),
            Pred::Contains(field, phrase) => field_values(*field, record)
                .iter()
                .any(|v| matches!(v, FieldValue::Text(text) if crate::text::contains_phrase(text, phrase))),
        }
    }
}

/// A record's values as conditions compare them: text in lower case, an
/// authority by its slug (so any spelling of the name matches).
fn field_values(field: Field, record: &Record) -> Vec<FieldValue> {
    match field {
        Field::Authority => vec![FieldValue::Text(record.key.authority.clone())],
        _ => field.values(record).into_iter().map(fold).collect(),
    }
}

fn fold(value: FieldValue) -> FieldValue {
    match value {
        FieldValue::Text(text) => FieldValue::Text(text.to_lowercase()),
        other => other,
    }
}

fn compare(have: &FieldValue, op: Op, want: &FieldValue) -> bool {
    match op {
        Op::Eq => have == want,
        Op::Ne => have != want,
        Op::Lt => have < want,
        Op::Le => have <= want,
        Op::Gt => have > want,
        Op::Ge => have >= want,
    }
}

/// How candidates are found: index lookups combined, or every record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    Index(Lookup),
    Union(Vec<Access>),
    Intersect(Vec<Access>),
}

/// A resolved query.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub explain: bool,
    pub count: bool,
    /// The condition, the kind of record included.
    pub filter: Option<Pred>,
    /// The indexes that narrow the candidates, if any can.
    pub access: Option<Access>,
    pub group_by: Option<Field>,
    pub order_by: Vec<(Field, bool)>,
    pub limit: Option<u64>,
    pub offset: u64,
}

impl Plan {
    pub(crate) fn resolve(query: &str, syntax: &ast::Query) -> Result<Plan, QueryError> {
        let kind = resolve_kind(&syntax.kind.name)
            .map_err(|message| QueryError::meaning(query, syntax.kind.span, message))?;
        let condition = syntax
            .filter
            .as_ref()
            .map(|expr| resolve_expr(query, expr))
            .transpose()?;
        let filter = match (
            kind.map(|k| Pred::Compare(Field::Kind, Op::Eq, FieldValue::Kind(k))),
            condition,
        ) {
            (Some(kind), Some(Pred::And(mut all))) => {
                all.insert(0, kind);
                Some(Pred::And(all))
            }
            (Some(kind), Some(condition)) => Some(Pred::And(vec![kind, condition])),
            (kind, condition) => kind.or(condition),
        };
        let group_by = syntax
            .group_by
            .as_ref()
            .map(|word| groupable(query, word))
            .transpose()?;
        if group_by.is_some() && !syntax.count {
            let span = syntax.group_by.as_ref().map_or(syntax.span, |w| w.span);
            return Err(QueryError::meaning(
                query,
                span,
                "`group by` needs `count`: count judgement group by grade".into(),
            ));
        }
        let order_by = syntax
            .order_by
            .iter()
            .map(|key| orderable(query, &key.field).map(|field| (field, key.descending)))
            .collect::<Result<_, _>>()?;
        Ok(Plan {
            explain: syntax.explain,
            count: syntax.count,
            access: filter.as_ref().and_then(access),
            filter,
            group_by,
            order_by,
            limit: syntax.limit.map(|n| n.value),
            offset: syntax.offset.map_or(0, |n| n.value),
        })
    }

    /// The plan in words, with estimated counts.
    pub(crate) fn explain(&self, kb: &Kb) -> Result<String, StoreError> {
        let mut out = String::new();
        match &self.access {
            Some(access) => {
                out.push_str("find candidates by index:\n");
                describe_access(kb, access, 1, &mut out)?;
            }
            None => out.push_str(&format!("scan all records ({})\n", kb.stats()?.records)),
        }
        if let Some(filter) = &self.filter {
            out.push_str(&format!("keep those where: {}\n", DisplayPred(filter)));
        }
        if let Some(field) = self.group_by {
            out.push_str(&format!("count them by {}\n", field.name()));
        } else if self.count {
            out.push_str("count them\n");
        } else if self.order_by.is_empty() {
            out.push_str("in key order\n");
        } else {
            let keys: Vec<String> = self
                .order_by
                .iter()
                .map(|(field, descending)| {
                    format!("{}{}", field.name(), if *descending { " desc" } else { "" })
                })
                .collect();
            out.push_str(&format!("sort by {}\n", keys.join(", ")));
        }
        if self.offset > 0 {
            out.push_str(&format!("skip {}\n", self.offset));
        }
        if let Some(limit) = self.limit {
            out.push_str(&format!("take {limit}\n"));
        }
        Ok(out)
    }
}

fn describe_access(
    kb: &Kb,
    access: &Access,
    depth: usize,
    out: &mut String,
) -> Result<(), StoreError> {
    let indent = "  ".repeat(depth);
    let estimate = estimate(kb, access)?;
    match access {
        Access::Index(lookup) => {
            out.push_str(&format!("{indent}index {lookup} (~{estimate} records)\n"))
        }
        Access::Union(parts) | Access::Intersect(parts) => {
            let word = if matches!(access, Access::Union(_)) {
                "union"
            } else {
                "intersection"
            };
            out.push_str(&format!("{indent}{word} (~{estimate} records) of\n"));
            for part in parts {
                describe_access(kb, part, depth + 1, out)?;
            }
        }
    }
    Ok(())
}

/// An upper bound of the candidates `access` finds, from the index counts.
pub(crate) fn estimate(kb: &Kb, access: &Access) -> Result<u64, StoreError> {
    match access {
        Access::Index(lookup) => kb.estimate(lookup),
        Access::Union(parts) => parts.iter().map(|p| estimate(kb, p)).sum(),
        Access::Intersect(parts) => parts
            .iter()
            .map(|p| estimate(kb, p))
            .try_fold(u64::MAX, |min, e| e.map(|e| min.min(e))),
    }
}

/// The indexes that find every record `pred` can hold for (a superset: the
/// filter then keeps the right ones); `None` where only a scan can.
fn access(pred: &Pred) -> Option<Access> {
    match pred {
        Pred::And(all) => {
            let parts: Vec<Access> = all.iter().filter_map(access).collect();
            match parts.len() {
                0 => None,
                1 => parts.into_iter().next(),
                _ => Some(Access::Intersect(parts)),
            }
        }
        Pred::Or(any) => any
            .iter()
            .map(access)
            .collect::<Option<Vec<_>>>()
            .map(Access::Union),
        Pred::Not(_) => None,
        Pred::Compare(field, Op::Eq, value) => equal(*field, value),
        Pred::Compare(field, op, value) => match (field, value) {
            (Field::Grade, FieldValue::Grade(g)) => Some(grades(*op, *g)),
            (Field::Inspection | Field::InspectedTo, FieldValue::Date(d)) => dates(*op, *d),
            _ => None,
        },
        Pred::In(field, values) => values
            .iter()
            .map(|v| equal(*field, v))
            .collect::<Option<Vec<_>>>()
            .map(Access::Union),
        Pred::Between(field, low, high) => match (field, low, high) {
            (Field::Grade, FieldValue::Grade(low), FieldValue::Grade(high)) => {
                Some(Access::Index(Lookup::Grades(*low..=*high)))
            }
            (
                Field::Inspection | Field::InspectedTo,
                FieldValue::Date(low),
                FieldValue::Date(high),
            ) => Some(Access::Index(Lookup::Inspected(*low..=*high))),
            _ => None,
        },
        Pred::Contains(Field::Text, phrase) => Some(Access::Index(Lookup::Phrase(phrase.clone()))),
        Pred::Contains(..) => None,
    }
}

fn equal(field: Field, value: &FieldValue) -> Option<Access> {
    let lookup = match (field, value) {
        (Field::Kind, FieldValue::Kind(kind)) => Lookup::Kind(*kind),
        (Field::Authority, FieldValue::Text(slug)) => Lookup::Authority(slug.clone()),
        (Field::Area, FieldValue::Area(area)) => Lookup::Area(*area),
        (Field::Grade, FieldValue::Grade(grade)) => Lookup::Grades(*grade..=*grade),
        (Field::Section, FieldValue::Section(section)) => Lookup::Section(*section),
        (Field::Refs, FieldValue::Integer(n)) => Lookup::Cites(u32::try_from(*n).ok()?),
        (Field::Inspection | Field::InspectedTo, FieldValue::Date(date)) => {
            Lookup::Inspected(*date..=*date)
        }
        _ => return None,
    };
    Some(Access::Index(lookup))
}

fn grades(op: Op, grade: Grade) -> Access {
    let (worst, best) = (Grade::Inadequate, Grade::Outstanding);
    let range = match op {
        Op::Lt | Op::Le => worst..=grade,
        Op::Gt | Op::Ge => grade..=best,
        // Ne is all grades but one; Eq is handled by `equal`.
        Op::Eq | Op::Ne => worst..=best,
    };
    Access::Index(Lookup::Grades(range))
}

fn dates(op: Op, date: Date) -> Option<Access> {
    let (first, last) = (Date::new(1, 1, 1)?, Date::new(9999, 12, 31)?);
    let range = match op {
        Op::Lt | Op::Le => first..=date,
        Op::Gt | Op::Ge => date..=last,
        Op::Eq | Op::Ne => return None,
    };
    Some(Access::Index(Lookup::Inspected(range)))
}

fn resolve_kind(name: &str) -> Result<Option<Kind>, String> {
    match name.to_lowercase().as_str() {
        "any" => Ok(None),
        "judgement" | "judgment" => Ok(Some(Kind::Judgement)),
        other => Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == other)
            .map(Some)
            .ok_or_else(|| format!("unknown kind `{name}`")),
    }
}

fn groupable(query: &str, word: &ast::Word) -> Result<Field, QueryError> {
    let field = Field::resolve(query, word)?;
    match field {
        Field::Text | Field::Refs | Field::Key => Err(QueryError::meaning(
            query,
            word.span,
            format!("cannot group by `{}`", field.name()),
        )),
        _ => Ok(field),
    }
}

fn orderable(query: &str, word: &ast::Word) -> Result<Field, QueryError> {
    let field = Field::resolve(query, word)?;
    match field {
        Field::Refs => Err(QueryError::meaning(
            query,
            word.span,
            "cannot order by `refs`, a list".into(),
        )),
        _ => Ok(field),
    }
}

fn resolve_expr(query: &str, expr: &Expr) -> Result<Pred, QueryError> {
    Ok(match expr {
        Expr::Or(operands, _) => Pred::Or(
            operands
                .iter()
                .map(|e| resolve_expr(query, e))
                .collect::<Result<_, _>>()?,
        ),
        Expr::And(operands, _) => Pred::And(
            operands
                .iter()
                .map(|e| resolve_expr(query, e))
                .collect::<Result<_, _>>()?,
        ),
        Expr::Not(operand, _) => Pred::Not(Box::new(resolve_expr(query, operand)?)),
        Expr::Condition(condition) => resolve_condition(query, condition)?,
    })
}

fn resolve_condition(query: &str, condition: &ast::Condition) -> Result<Pred, QueryError> {
    let field = Field::resolve(query, &condition.field)?;
    let meaning = |span: Span, message: String| QueryError::meaning(query, span, message);
    match &condition.test {
        Test::Compare { op, op_span, value } => {
            if !matches!(op, Op::Eq | Op::Ne) && !field.sort().ordered() {
                return Err(meaning(
                    *op_span,
                    format!(
                        "`{}` has no order to compare with `{}`; use = or in",
                        field.name(),
                        op.as_str()
                    ),
                ));
            }
            let values = literal(query, field, value)?;
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
                resolved.extend(literal(query, field, value)?);
            }
            let pred = one_of(field, resolved);
            Ok(if *negated {
                Pred::Not(Box::new(pred))
            } else {
                pred
            })
        }
        Test::Contains { phrase } => {
            if field.sort() != Sort::Text {
                return Err(meaning(
                    condition.field.span,
                    format!(
                        "`contains` looks for words in text, and `{}` is not text",
                        field.name()
                    ),
                ));
            }
            let ValueKind::String(text) = &phrase.kind else {
                return Err(meaning(
                    phrase.span,
                    "`contains` takes a phrase in quotes".into(),
                ));
            };
            Ok(Pred::Contains(field, text.clone()))
        }
        Test::Between { low, high } => {
            if !field.sort().ordered() {
                return Err(meaning(
                    condition.span,
                    format!("`{}` has no order for `between`", field.name()),
                ));
            }
            let low = single(query, field, low)?;
            let high = single(query, field, high)?;
            Ok(Pred::Between(field, low, high))
        }
    }
}

/// The test that a field has one of `values`.
fn one_of(field: Field, mut values: Vec<FieldValue>) -> Pred {
    values.sort();
    values.dedup();
    Pred::In(field, values)
}

/// A value for a field that takes exactly one (the ends of `between`, ordered comparisons).
fn single(query: &str, field: Field, value: &ast::Value) -> Result<FieldValue, QueryError> {
    let mut values = literal(query, field, value)?;
    Ok(values.remove(0))
}

/// The value(s) a literal means for `field`: one, but for an area, the area
/// and the ILACS combined judgement that also answers for it.
fn literal(query: &str, field: Field, value: &ast::Value) -> Result<Vec<FieldValue>, QueryError> {
    let sort = field.sort();
    let mismatch = |found: &str| {
        QueryError::meaning(
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
        QueryError::meaning(query, value.span, message)
    };
    let text = match (&value.kind, sort) {
        (ValueKind::String(text), _) => text.as_str(),
        (ValueKind::Integer(n), Sort::Number) => return Ok(vec![FieldValue::Integer(*n)]),
        (ValueKind::Date(date), Sort::Date) => return Ok(vec![FieldValue::Date(*date)]),
        (ValueKind::Integer(_), _) => return Err(mismatch("a number")),
        (ValueKind::Date(_), _) => return Err(mismatch("a date")),
    };
    let one = |value| Ok(vec![value]);
    match sort {
        Sort::Text if field == Field::Authority => one(FieldValue::Text(slug(
            &Authority::from_printed_name(text).name,
        ))),
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
        Sort::Framework => match text.to_uppercase().as_str() {
            "SIF" => one(FieldValue::Framework(Framework::Sif)),
            "ILACS" => one(FieldValue::Framework(Framework::Ilacs)),
            _ => Err(unknown("framework", text, vec!["SIF", "ILACS"])),
        },
        Sort::Section => text
            .parse::<Section>()
            .map(|s| vec![FieldValue::Section(s)])
            .map_err(|_| {
                unknown(
                    "section",
                    text,
                    Section::ALL.iter().map(|s| s.as_str()).collect(),
                )
            }),
        Sort::Grade => Grade::parse(text)
            .map(|g| vec![FieldValue::Grade(g)])
            .ok_or_else(|| {
                unknown(
                    "grade",
                    text,
                    Grade::ALL.iter().map(|g| g.as_str()).collect(),
                )
            }),
        Sort::Area => match Area::from_label(text) {
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

/// A condition written back in query words, for `explain`.
struct DisplayPred<'a>(&'a Pred);

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
        }
    }
}
