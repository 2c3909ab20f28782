//! The field vocabulary: every field of the data model, its name, the sort
//! of its values and whether its inspection gives it, once; how a record's
//! value of each field is read (whole records and catalogue rows alike, so
//! that both agree by construction), compared and printed.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use super::ast::{self};
use super::{QueryError, QueryErrorKind};
use crate::model::{
    Area, Change, Date, Direction, Framework, Grade, InspectionType, Key, Kind, Record, Score,
    Section,
};

/// A field of the data model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Key,
    Kind,
    Authority,
    AuthorityCode,
    Region,
    AuthorityType,
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
    FromGrade,
    ToGrade,
    FromInspection,
    ToInspection,
    Direction,
    Score,
    Snippet,
}

/// Which records have a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    /// Every record, all of an inspection's records with the same value.
    Inspection,
    /// Every record, each its own value.
    Record,
    /// Change records only.
    Change,
    /// The answers of a query, which gives it them: it can be printed, not asked about.
    Answer,
}

/// One field of the vocabulary: everything about it that is not how a
/// record's value is read.
struct Entry {
    field: Field,
    /// The name queries and every output format use.
    name: &'static str,
    /// What its values are, for type errors and comparisons.
    sort: Sort,
    /// Which records have it.
    holder: Holder,
}

const fn entry(field: Field, name: &'static str, sort: Sort, holder: Holder) -> Entry {
    Entry {
        field,
        name,
        sort,
        holder,
    }
}

use Holder::{
    Answer as OfAnswer, Change as OfChange, Inspection as OfInspection, Record as OfRecord,
};

/// The vocabulary, in the order of the data model (and of CSV columns).
const FIELDS: [Entry; 26] = [
    entry(Field::Key, "key", Sort::Text, OfRecord),
    entry(Field::Kind, "kind", Sort::Kind, OfRecord),
    entry(Field::Authority, "authority", Sort::Text, OfInspection),
    entry(
        Field::AuthorityCode,
        "authority_code",
        Sort::Text,
        OfInspection,
    ),
    entry(Field::Region, "region", Sort::Text, OfInspection),
    entry(
        Field::AuthorityType,
        "authority_type",
        Sort::Text,
        OfInspection,
    ),
    entry(Field::Inspection, "inspection", Sort::Date, OfInspection),
    entry(Field::Framework, "framework", Sort::Framework, OfInspection),
    entry(
        Field::InspectedFrom,
        "inspected_from",
        Sort::Date,
        OfInspection,
    ),
    entry(Field::InspectedTo, "inspected_to", Sort::Date, OfInspection),
    entry(Field::Published, "published", Sort::Date, OfInspection),
    entry(
        Field::LeadInspector,
        "lead_inspector",
        Sort::Text,
        OfInspection,
    ),
    entry(
        Field::InspectionType,
        "inspection_type",
        Sort::InspectionType,
        OfInspection,
    ),
    entry(Field::Section, "section", Sort::Section, OfRecord),
    entry(Field::Paragraph, "paragraph", Sort::Number, OfRecord),
    entry(Field::Area, "area", Sort::Area, OfRecord),
    entry(Field::Grade, "grade", Sort::Grade, OfRecord),
    entry(Field::Refs, "refs", Sort::Number, OfRecord),
    entry(Field::Text, "text", Sort::Text, OfRecord),
    entry(Field::FromGrade, "from_grade", Sort::Grade, OfChange),
    entry(Field::ToGrade, "to_grade", Sort::Grade, OfChange),
    entry(
        Field::FromInspection,
        "from_inspection",
        Sort::Date,
        OfChange,
    ),
    entry(Field::ToInspection, "to_inspection", Sort::Date, OfChange),
    entry(Field::Direction, "direction", Sort::Direction, OfChange),
    entry(Field::Score, "score", Sort::Number, OfAnswer),
    entry(Field::Snippet, "snippet", Sort::Text, OfAnswer),
];

impl Field {
    /// Every field, in the order of the data model.
    pub(crate) fn all() -> impl Iterator<Item = Field> {
        FIELDS.iter().map(|entry| entry.field)
    }

    /// The fields the answers of a query of `kind` (any kind, for `None`)
    /// have, in the order of the data model: what CSV writes. A change has
    /// the change fields; the answers of a ranked query have `score` and
    /// `snippet`.
    pub(crate) fn answered(kind: Option<Kind>, ranked: bool) -> impl Iterator<Item = Field> {
        Field::all().filter(move |&field| match field {
            Field::Score | Field::Snippet => ranked,
            field => kind == Some(Kind::Change) || !field.of_changes_only(),
        })
    }

    fn entry(self) -> &'static Entry {
        // FIELDS has an entry for every field (a test checks it), so the
        // fallback to the first is never taken.
        FIELDS
            .iter()
            .find(|entry| entry.field == self)
            .unwrap_or(&FIELDS[0])
    }

    /// The name queries and every output format use.
    pub(crate) fn name(self) -> &'static str {
        self.entry().name
    }

    pub(super) fn resolve(query: &str, word: &ast::Word) -> Result<Field, QueryError> {
        let lower = word.name.to_lowercase();
        if let Some(entry) = FIELDS.iter().find(|entry| entry.name == lower) {
            return Ok(entry.field);
        }
        let message = match super::did_you_mean(&word.name, FIELDS.iter().map(|e| e.name)) {
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
    pub(super) fn of_inspection(self) -> bool {
        self.entry().holder == Holder::Inspection
    }

    /// Whether only change records have the field.
    pub(crate) fn of_changes_only(self) -> bool {
        self.entry().holder == Holder::Change
    }

    /// Whether a query gives the field to its answers, and it can only be printed.
    pub(crate) fn given_by_queries(self) -> bool {
        self.entry().holder == Holder::Answer
    }

    /// What values of the field are, for type errors.
    pub(super) fn sort(self) -> Sort {
        self.entry().sort
    }

    /// The record's value of this field as output prints it: empty for none,
    /// a list (`refs`) joined by `;`.
    pub(crate) fn printed(self, record: &Record) -> String {
        match self {
            Field::Refs => {
                let refs: Vec<String> = record.refs.iter().map(u32::to_string).collect();
                refs.join(";")
            }
            field => field
                .first(record)
                .flatten()
                .map(|value| value.to_string())
                .unwrap_or_default(),
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
            Field::Region => fields.region().and_then(text),
            Field::AuthorityType => fields.authority_type().and_then(text),
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
            Field::FromGrade => fields.change().map(|c| FieldValue::Grade(c.from_grade)),
            Field::ToGrade => fields.change().map(|c| FieldValue::Grade(c.to_grade)),
            Field::FromInspection => fields.change().map(|c| FieldValue::Date(c.from_inspection)),
            Field::ToInspection => fields.change().map(|c| FieldValue::Date(c.to_inspection)),
            Field::Direction => fields.change().map(|c| FieldValue::Direction(c.direction)),
            Field::Score => fields.score().map(FieldValue::Score),
            Field::Snippet => fields.snippet().and_then(text),
        })
    }

    /// The record's values of this field as conditions compare them: text
    /// in lower case, an authority by its slug (so any spelling of the name
    /// matches); `None` where `fields` does not know them.
    pub(super) fn compared<F: Fields>(self, fields: &F) -> Option<Compared<'_>> {
        Some(match self {
            Field::Key => Compared::One(Value::Text(Cow::Owned(
                fields.key().to_string().to_lowercase(),
            ))),
            Field::Authority => Compared::One(Value::Text(Cow::Borrowed(fields.authority_slug()))),
            Field::AuthorityCode => fields.authority_code().map_or(Compared::Nothing, folded),
            Field::Region => fields.region().map_or(Compared::Nothing, folded),
            Field::AuthorityType => fields.authority_type().map_or(Compared::Nothing, folded),
            Field::LeadInspector => fields.lead_inspector().map_or(Compared::Nothing, folded),
            Field::Text => folded(fields.text()?),
            Field::Refs => Compared::Numbers(fields.refs()),
            // Values that are not text compare as they are.
            field => match field.first(fields)? {
                Some(value) => Compared::One(Value::Of(value)),
                None => Compared::Nothing,
            },
        })
    }
}

/// Text in lower case, borrowed where it already is.
pub(super) fn folded(text: &str) -> Compared<'_> {
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
    fn region(&self) -> Option<&str>;
    fn authority_type(&self) -> Option<&str>;
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
    /// The grades a change is between; `None` on every other kind.
    fn change(&self) -> Option<&Change>;
    /// The relevance a ranked query gave the record.
    fn score(&self) -> Option<Score>;
    /// The words around its best match, where a query gave them.
    fn snippet(&self) -> Option<&str>;
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
    fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }
    fn authority_type(&self) -> Option<&str> {
        self.authority_type.as_deref()
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
    fn change(&self) -> Option<&Change> {
        self.change.as_ref()
    }
    fn score(&self) -> Option<Score> {
        self.score
    }
    fn snippet(&self) -> Option<&str> {
        self.snippet.as_deref()
    }
}

/// A field's values as conditions compare them.
pub(super) enum Compared<'a> {
    /// The record has no value.
    Nothing,
    One(Value<'a>),
    /// `refs`.
    Numbers(&'a [u32]),
}

/// One value as conditions compare it, text borrowed where it can be.
pub(super) enum Value<'a> {
    Of(FieldValue),
    Text(Cow<'a, str>),
}

impl Value<'_> {
    /// How the value compares with a value of a condition, in
    /// [`FieldValue`]'s order.
    pub(super) fn cmp(&self, other: &FieldValue) -> Ordering {
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
    pub(super) fn any(&self, test: impl Fn(&Value<'_>) -> bool) -> bool {
        match self {
            Compared::Nothing => false,
            Compared::One(value) => test(value),
            Compared::Numbers(numbers) => numbers
                .iter()
                .any(|&n| test(&Value::Of(FieldValue::Integer(n.into())))),
        }
    }
}

pub(super) fn field_list() -> String {
    FIELDS
        .iter()
        .map(|entry| entry.name)
        .collect::<Vec<_>>()
        .join(", ")
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Sort {
    Text,
    Kind,
    Framework,
    InspectionType,
    Section,
    Area,
    Grade,
    Date,
    Number,
    Direction,
}

impl Sort {
    pub(super) fn ordered(self) -> bool {
        matches!(self, Sort::Text | Sort::Grade | Sort::Date | Sort::Number)
    }

    pub(super) fn described(self) -> &'static str {
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
            Sort::Direction => "a direction (up, down or same)",
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
    /// Which way a grade moved.
    Direction(Direction),
    /// How relevant an answer is.
    Score(Score),
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
            FieldValue::Direction(direction) => write!(f, "{direction}"),
            FieldValue::Score(score) => write!(f, "{score}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_one_entry_of_its_own_name() {
        let every = [
            Field::Key,
            Field::Kind,
            Field::Authority,
            Field::AuthorityCode,
            Field::Region,
            Field::AuthorityType,
            Field::Inspection,
            Field::Framework,
            Field::InspectedFrom,
            Field::InspectedTo,
            Field::Published,
            Field::LeadInspector,
            Field::InspectionType,
            Field::Section,
            Field::Paragraph,
            Field::Area,
            Field::Grade,
            Field::Refs,
            Field::Text,
            Field::FromGrade,
            Field::ToGrade,
            Field::FromInspection,
            Field::ToInspection,
            Field::Direction,
            Field::Score,
            Field::Snippet,
        ];
        for field in every {
            // Exhaustive: a new field fails to compile here until it is in
            // `every`, and then fails the test until it has its entry.
            match field {
                Field::Key
                | Field::Kind
                | Field::Authority
                | Field::AuthorityCode
                | Field::Region
                | Field::AuthorityType
                | Field::Inspection
                | Field::Framework
                | Field::InspectedFrom
                | Field::InspectedTo
                | Field::Published
                | Field::LeadInspector
                | Field::InspectionType
                | Field::Section
                | Field::Paragraph
                | Field::Area
                | Field::Grade
                | Field::Refs
                | Field::Text
                | Field::FromGrade
                | Field::ToGrade
                | Field::FromInspection
                | Field::ToInspection
                | Field::Direction
                | Field::Score
                | Field::Snippet => {}
            }
            let entries: Vec<&Entry> = FIELDS.iter().filter(|e| e.field == field).collect();
            assert_eq!(entries.len(), 1, "{field:?}");
            let named = FIELDS.iter().filter(|e| e.name == field.name()).count();
            assert_eq!(named, 1, "{field:?}");
        }
        assert_eq!(every.len(), FIELDS.len());
    }
}
