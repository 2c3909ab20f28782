//! Planning: fields, kinds, areas, grades and dates resolved and type-checked
//! against the data model; then the indexes that can answer the condition
//! chosen, with the full condition kept as the filter every candidate passes.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use super::ast::{self, Expr, Op, Span, Test, ValueKind};
use super::{QueryError, QueryErrorKind};
use crate::model::{
    Area, Authority, Date, Framework, Grade, InspectionType, Key, Kind, Record, Section, slug,
};
use crate::store::Store;

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
    LeadInspector,
    InspectionType,
    Section,
    Paragraph,
    Area,
    Grade,
    Refs,
    Text,
}

const FIELDS: [(&str, Field); 17] = [
    ("key", Field::Key),
    ("kind", Field::Kind),
    ("authority", Field::Authority),
    ("authority_code", Field::AuthorityCode),
    ("inspection", Field::Inspection),
    ("framework", Field::Framework),
    ("inspected_from", Field::InspectedFrom),
    ("inspected_to", Field::InspectedTo),
    ("published", Field::Published),
    ("lead_inspector", Field::LeadInspector),
    ("inspection_type", Field::InspectionType),
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
        Err(QueryError::new(
            QueryErrorKind::UnknownField,
            query,
            word.span,
            message,
        ))
    }

    /// Whether every record of an inspection has the same values of the field.
    fn of_inspection(self) -> bool {
        matches!(
            self,
            Field::Authority
                | Field::AuthorityCode
                | Field::Inspection
                | Field::Framework
                | Field::InspectedFrom
                | Field::InspectedTo
                | Field::Published
                | Field::LeadInspector
                | Field::InspectionType
        )
    }

    /// What values of the field are, for type errors.
    fn sort(self) -> Sort {
        match self {
            Field::Key
            | Field::Authority
            | Field::AuthorityCode
            | Field::LeadInspector
            | Field::Text => Sort::Text,
            Field::InspectionType => Sort::InspectionType,
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

    /// The record's value of this field, the first of several for `refs`:
    /// what `order by` sorts and `group by` groups by. `Some(None)` for a
    /// missing value; `None` where `fields` does not know it (the text of a
    /// catalogue row).
    pub(crate) fn first(self, fields: &impl Fields) -> Option<Option<FieldValue>> {
        let text = |s: &str| Some(FieldValue::Text(s.to_string()));
        Some(match self {
            Field::Key => text(&fields.key().to_string()),
            Field::Kind => Some(FieldValue::Kind(fields.kind())),
            Field::Authority => text(fields.authority()),
            Field::AuthorityCode => fields.authority_code().and_then(text),
            Field::Inspection => Some(FieldValue::Date(fields.inspection())),
            Field::Framework => Some(FieldValue::Framework(fields.framework())),
            Field::InspectedFrom => Some(FieldValue::Date(fields.inspected_from())),
            Field::InspectedTo => Some(FieldValue::Date(fields.inspected_to())),
            Field::Published => fields.published().map(FieldValue::Date),
            Field::LeadInspector => fields.lead_inspector().and_then(text),
            Field::InspectionType => fields.inspection_type().map(FieldValue::InspectionType),
            Field::Section => Some(FieldValue::Section(fields.section())),
            Field::Paragraph => fields.paragraph().map(|n| FieldValue::Integer(n.into())),
            Field::Area => fields.area().map(FieldValue::Area),
            Field::Grade => fields.grade().map(FieldValue::Grade),
            Field::Refs => fields
                .refs()
                .first()
                .map(|&n| FieldValue::Integer(n.into())),
            Field::Text => text(fields.text()?),
        })
    }

    /// The record's values of this field as conditions compare them: text
    /// in lower case, an authority by its slug (so any spelling of the name
    /// matches); `None` where `fields` does not know them.
    fn compared<F: Fields>(self, fields: &F) -> Option<Compared<'_>> {
        let value = |value| Compared::One(Value::Of(value));
        let maybe = |value: Option<FieldValue>| {
            value.map_or(Compared::Nothing, |v| Compared::One(Value::Of(v)))
        };
        Some(match self {
            Field::Key => Compared::One(Value::Text(Cow::Owned(
                fields.key().to_string().to_lowercase(),
            ))),
            Field::Kind => value(FieldValue::Kind(fields.kind())),
            Field::Authority => Compared::One(Value::Text(Cow::Borrowed(fields.authority_slug()))),
            Field::AuthorityCode => fields.authority_code().map_or(Compared::Nothing, folded),
            Field::Inspection => value(FieldValue::Date(fields.inspection())),
            Field::Framework => value(FieldValue::Framework(fields.framework())),
            Field::InspectedFrom => value(FieldValue::Date(fields.inspected_from())),
            Field::InspectedTo => value(FieldValue::Date(fields.inspected_to())),
            Field::Published => maybe(fields.published().map(FieldValue::Date)),
            Field::LeadInspector => fields.lead_inspector().map_or(Compared::Nothing, folded),
            Field::InspectionType => {
                maybe(fields.inspection_type().map(FieldValue::InspectionType))
            }
            Field::Section => value(FieldValue::Section(fields.section())),
            Field::Paragraph => maybe(fields.paragraph().map(|n| FieldValue::Integer(n.into()))),
            Field::Area => maybe(fields.area().map(FieldValue::Area)),
            Field::Grade => maybe(fields.grade().map(FieldValue::Grade)),
            Field::Refs => Compared::Numbers(fields.refs()),
            Field::Text => folded(fields.text()?),
        })
    }
}

/// Text in lower case, borrowed where it already is.
fn folded(text: &str) -> Compared<'_> {
    let lower = text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    Compared::One(Value::Text(if lower {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }))
}

/// A record's fields, read from the whole record or from what the
/// catalogue knows of it (all but the text). Conditions, `group by` and
/// `order by` read records through it, so that both agree by construction.
pub(crate) trait Fields {
    fn key(&self) -> Key;
    fn kind(&self) -> Kind;
    fn authority(&self) -> &str;
    fn authority_slug(&self) -> &str;
    fn authority_code(&self) -> Option<&str>;
    fn inspection(&self) -> Date;
    fn framework(&self) -> Framework;
    fn inspected_from(&self) -> Date;
    fn inspected_to(&self) -> Date;
    fn published(&self) -> Option<Date>;
    fn lead_inspector(&self) -> Option<&str>;
    fn inspection_type(&self) -> Option<InspectionType>;
    fn section(&self) -> Section;
    fn paragraph(&self) -> Option<u32>;
    fn area(&self) -> Option<Area>;
    fn grade(&self) -> Option<Grade>;
    fn refs(&self) -> &[u32];
    /// The text, where known.
    fn text(&self) -> Option<&str>;
    /// Whether the text holds the phrase, where known.
    fn text_contains(&self, phrase: &str) -> Option<bool>;
}

impl Fields for Record {
    fn key(&self) -> Key {
        self.key.clone()
    }
    fn kind(&self) -> Kind {
        self.kind
    }
    fn authority(&self) -> &str {
        &self.authority
    }
    fn authority_slug(&self) -> &str {
        &self.key.authority
    }
    fn authority_code(&self) -> Option<&str> {
        self.authority_code.as_deref()
    }
    fn inspection(&self) -> Date {
        self.inspection
    }
    fn framework(&self) -> Framework {
        self.framework
    }
    fn inspected_from(&self) -> Date {
        self.inspected_from
    }
    fn inspected_to(&self) -> Date {
        self.inspected_to
    }
    fn published(&self) -> Option<Date> {
        self.published
    }
    fn lead_inspector(&self) -> Option<&str> {
        self.lead_inspector.as_deref()
    }
    fn inspection_type(&self) -> Option<InspectionType> {
        self.inspection_type
    }
    fn section(&self) -> Section {
        self.section
    }
    fn paragraph(&self) -> Option<u32> {
        self.paragraph
    }
    fn area(&self) -> Option<Area> {
        self.area
    }
    fn grade(&self) -> Option<Grade> {
        self.grade
    }
    fn refs(&self) -> &[u32] {
        &self.refs
    }
    fn text(&self) -> Option<&str> {
        Some(&self.text)
    }
    fn text_contains(&self, phrase: &str) -> Option<bool> {
        Some(crate::text::contains_phrase(&self.text, phrase))
    }
}

/// A field's values as conditions compare them.
enum Compared<'a> {
    /// The record has no value.
    Nothing,
    One(Value<'a>),
    /// `refs`.
    Numbers(&'a [u32]),
}

/// One value as conditions compare it, text borrowed where it can be.
enum Value<'a> {
    Of(FieldValue),
    Text(Cow<'a, str>),
}

impl Value<'_> {
    /// How the value compares with a value of a condition, in
    /// [`FieldValue`]'s order.
    fn cmp(&self, other: &FieldValue) -> Ordering {
        match (self, other) {
            (Value::Of(value), other) => value.cmp(other),
            (Value::Text(text), FieldValue::Text(other)) => text.as_ref().cmp(other.as_str()),
            // Text is the first variant of `FieldValue`.
            (Value::Text(_), _) => Ordering::Less,
        }
    }
}

impl Compared<'_> {
    /// Whether some value passes `test`.
    fn any(&self, test: impl Fn(&Value<'_>) -> bool) -> bool {
        match self {
            Compared::Nothing => false,
            Compared::One(value) => test(value),
            Compared::Numbers(numbers) => numbers
                .iter()
                .any(|&n| test(&Value::Of(FieldValue::Integer(n.into())))),
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
    InspectionType,
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
            Sort::InspectionType => "an inspection type (short or standard)",
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
    /// Short or standard.
    InspectionType(InspectionType),
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
            FieldValue::InspectionType(length) => write!(f, "{length}"),
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

/// What a condition comes to on what is known of a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Truth {
    No,
    /// It turns on what is not known (the text of a catalogue row).
    Unknown,
    Yes,
}

impl Truth {
    fn not(self) -> Truth {
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
            Pred::Contains(..) => false,
        }
    }

    /// Whether the condition reads only fields of the inspection, and so
    /// holds for all of an inspection's records or none.
    fn about_inspection(&self) -> bool {
        match self {
            Pred::And(parts) | Pred::Or(parts) => parts.iter().all(Pred::about_inspection),
            Pred::Not(part) => part.about_inspection(),
            Pred::Compare(field, ..)
            | Pred::In(field, _)
            | Pred::Between(field, ..)
            | Pred::Contains(field, _) => field.of_inspection(),
        }
    }

    /// The phrases the condition looks for in the text, each once.
    pub(crate) fn phrases(&self) -> Vec<String> {
        let mut phrases = Vec::new();
        self.collect_phrases(&mut phrases);
        phrases.sort();
        phrases.dedup();
        phrases
    }

    fn collect_phrases(&self, phrases: &mut Vec<String>) {
        match self {
            Pred::And(parts) | Pred::Or(parts) => {
                parts.iter().for_each(|p| p.collect_phrases(phrases));
            }
            Pred::Not(part) => part.collect_phrases(phrases),
            Pred::Contains(Field::Text, phrase) => phrases.push(phrase.clone()),
            _ => {}
        }
    }

    /// The values of `field` every answer has one of, where a part every
    /// answer passes is `field = value` or `field in (...)`, each read by
    /// `value` (`None` for a value of another sort).
    fn named<T>(&self, field: Field, value: impl Fn(&FieldValue) -> Option<T>) -> Option<Vec<T>> {
        self.required().iter().find_map(|part| match part {
            Pred::Compare(named, Op::Eq, one) if *named == field => value(one).map(|one| vec![one]),
            Pred::In(named, values) if *named == field => values.iter().map(&value).collect(),
            _ => None,
        })
    }

    /// The grades every answer has one of, where a part every answer
    /// passes bounds the grade.
    fn grades(&self) -> Option<Vec<Grade>> {
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
    fn required_parts(&self, keep: impl Fn(&Pred) -> bool) -> Option<Pred> {
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
    fn required(&self) -> &[Pred] {
        match self {
            Pred::And(all) => all,
            other => std::slice::from_ref(other),
        }
    }
}

fn compare(ordering: Ordering, op: Op) -> bool {
    match op {
        Op::Eq => ordering.is_eq(),
        Op::Ne => ordering.is_ne(),
        Op::Lt => ordering.is_lt(),
        Op::Le => ordering.is_le(),
        Op::Gt => ordering.is_gt(),
        Op::Ge => ordering.is_ge(),
    }
}

/// A resolved query.
#[derive(Clone, Debug)]
pub(crate) struct Plan {
    pub explain: bool,
    pub count: bool,
    /// The condition, the kind of record included.
    pub filter: Option<Pred>,
    /// The kind every answer has, if the query names one.
    pub kind: Option<Kind>,
    /// The phrases the condition looks for in the text.
    pub phrases: Vec<String>,
    /// The phrase every answer holds, if any: the records that hold it are
    /// the only candidates.
    pub required_phrase: Option<String>,
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
    pub group_by: Option<Field>,
    pub order_by: Vec<(Field, bool)>,
    pub limit: Option<u64>,
    pub offset: u64,
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
            return Err(QueryError::new(
                QueryErrorKind::UnsupportedClause,
                query,
                span,
                "`group by` needs `count`: count judgement group by grade",
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
            required_phrase: filter.as_ref().and_then(|filter| {
                filter.required().iter().find_map(|part| match part {
                    Pred::Contains(Field::Text, phrase) => Some(phrase.clone()),
                    _ => None,
                })
            }),
            filter,
            group_by,
            order_by,
            limit: syntax.limit.map(|n| n.value),
            offset: syntax.offset.map_or(0, |n| n.value),
        })
    }

    /// The plan in words, with the counts the catalogue gives.
    pub(crate) fn explain(&self, store: &Store) -> String {
        let catalogue = store.catalogue();
        let mut out = format!(
            "walk the catalogue (in memory): {} inspections, {} records\n",
            catalogue.listings().len(),
            catalogue.records()
        );
        if let Some(slugs) = &self.authorities {
            out.push_str(&format!("  index authority in ({})\n", slugs.join(", ")));
        }
        if let Some(filter) = &self.inspection_filter {
            out.push_str(&format!(
                "  only inspections where: {}\n",
                DisplayPred(filter)
            ));
        }
        if let Some(kind) = self.kind {
            let count: usize = catalogue
                .listings()
                .iter()
                .map(|listing| listing.of_kind(kind).len())
                .sum();
            out.push_str(&format!("  index kind = {kind} ({count} records)\n"));
        }
        if let Some(areas) = &self.areas {
            let areas: Vec<&str> = areas.iter().map(|area| area.as_str()).collect();
            out.push_str(&format!("  index area in ({})\n", areas.join(", ")));
        }
        if let Some(grades) = &self.grades {
            let grades: Vec<&str> = grades.iter().map(|grade| grade.as_str()).collect();
            out.push_str(&format!("  index grade in ({})\n", grades.join(", ")));
        }
        for phrase in &self.phrases {
            let only = if self.required_phrase.as_ref() == Some(phrase) {
                ", its records the only candidates"
            } else {
                ""
            };
            out.push_str(&format!(
                "  index text contains '{phrase}' (the terms of each inspection still in question{only})\n"
            ));
        }
        match &self.filter {
            Some(filter) if filter.reads_text() => out.push_str(&format!(
                "  decide what the catalogue can of: {}\nread the records left and keep those where the text passes\n",
                DisplayPred(filter)
            )),
            Some(filter) => out.push_str(&format!(
                "  decide: {}\nread the records that answer, one read per inspection\n",
                DisplayPred(filter)
            )),
            None => out.push_str("read every record, one read per inspection\n"),
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
        out
    }
}

/// The words that name the kinds of record a query can ask for.
pub const KINDS: [&str; 7] = [
    "judgement",
    "judgment",
    "recommendation",
    "finding",
    "fact",
    "report",
    "any",
];

/// The kind a query's kind word names; `None` for `any`.
fn resolve_kind(name: &str) -> Result<Option<Kind>, String> {
    match name.to_lowercase().as_str() {
        "any" => Ok(None),
        "judgement" | "judgment" => Ok(Some(Kind::Judgement)),
        other => Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == other)
            .map(Some)
            .ok_or_else(|| match super::did_you_mean(name, KINDS) {
                Some(suggestion) => {
                    format!("unknown kind `{name}`; did you mean `{suggestion}`?")
                }
                None => format!(
                    "unknown kind `{name}`; kinds are judgement, recommendation, finding, fact, report and any"
                ),
            }),
    }
}

fn groupable(query: &str, word: &ast::Word) -> Result<Field, QueryError> {
    let field = Field::resolve(query, word)?;
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

fn orderable(query: &str, word: &ast::Word) -> Result<Field, QueryError> {
    let field = Field::resolve(query, word)?;
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
                return Err(unsupported(
                    condition.field.span,
                    format!(
                        "`contains` looks for words in text, and `{}` is not text",
                        field.name()
                    ),
                ));
            }
            let ValueKind::String(text) = &phrase.kind else {
                return Err(QueryError::new(
                    QueryErrorKind::TypeMismatch,
                    query,
                    phrase.span,
                    "`contains` takes a phrase in quotes",
                ));
            };
            Ok(Pred::Contains(field, text.clone()))
        }
        Test::Between { low, high } => {
            if !field.sort().ordered() {
                return Err(unsupported(
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
        Sort::InspectionType => InspectionType::ALL
            .into_iter()
            .find(|t| t.as_str().eq_ignore_ascii_case(text))
            .map(|t| vec![FieldValue::InspectionType(t)])
            .ok_or_else(|| {
                unknown(
                    "inspection type",
                    text,
                    InspectionType::ALL.iter().map(|t| t.as_str()).collect(),
                )
            }),
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
