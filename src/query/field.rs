//! The field vocabulary: every field of the data model once, in one entry
//! that gives its name, the sort of its values, which records have it and
//! how its value is read from a whole record and from a catalogue row.
//! Conditions, `group by`, `order by`, explain and every output format read
//! fields through it; a test holds the two readings of each entry equal on
//! every seed record.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use super::ast::{self};
use super::{QueryError, QueryErrorKind};
use crate::model::{
    Area, Date, Direction, Framework, Grade, InspectionType, Kind, Record, Score, Section,
};
use crate::store::Listed;

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

/// One field of the vocabulary: its name, what its values are, which
/// records have it and how its value is read from a record in either form
/// the engine meets it (so that both forms agree, entry by entry).
struct Entry {
    field: Field,
    /// The name queries and every output format use.
    name: &'static str,
    /// What its values are, for type errors and comparisons.
    sort: Sort,
    /// Which records have it.
    holder: Holder,
    /// Its value on a whole record.
    of_record: for<'a> fn(&'a Record) -> Read<'a>,
    /// Its value on a record as the catalogue lists it (all but the text).
    of_listed: for<'a> fn(&Listed<'a>) -> Read<'a>,
}

use Holder::{
    Answer as OfAnswer, Change as OfChange, Inspection as OfInspection, Record as OfRecord,
};

/// The vocabulary, in the order of [`Field`]'s variants, which is the order
/// of the data model and of CSV columns (a test checks both).
const FIELDS: [Entry; 26] = [
    Entry {
        field: Field::Key,
        name: "key",
        sort: Sort::Text,
        holder: OfRecord,
        of_record: |r| Read::Value(FieldValue::Text(r.key.to_string())),
        of_listed: |l| Read::Value(FieldValue::Text(l.key().to_string())),
    },
    Entry {
        field: Field::Kind,
        name: "kind",
        sort: Sort::Kind,
        holder: OfRecord,
        of_record: |r| Read::Value(FieldValue::Kind(r.kind)),
        of_listed: |l| Read::Value(FieldValue::Kind(l.kind())),
    },
    Entry {
        field: Field::Authority,
        name: "authority",
        sort: Sort::Text,
        holder: OfInspection,
        of_record: |r| Read::Text(&r.authority),
        of_listed: |l| Read::Text(&l.inspection().authority.name),
    },
    Entry {
        field: Field::AuthorityCode,
        name: "authority_code",
        sort: Sort::Text,
        holder: OfInspection,
        of_record: |r| Read::text(r.authority_code.as_deref()),
        of_listed: |l| Read::text(l.inspection().authority.code.as_deref()),
    },
    Entry {
        field: Field::Region,
        name: "region",
        sort: Sort::Text,
        holder: OfInspection,
        of_record: |r| Read::text(r.region.as_deref()),
        of_listed: |l| Read::text(l.inspection().authority.region()),
    },
    Entry {
        field: Field::AuthorityType,
        name: "authority_type",
        sort: Sort::Text,
        holder: OfInspection,
        of_record: |r| Read::text(r.authority_type.as_deref()),
        of_listed: |l| Read::text(l.inspection().authority.authority_type()),
    },
    Entry {
        field: Field::Inspection,
        name: "inspection",
        sort: Sort::Date,
        holder: OfInspection,
        of_record: |r| Read::Value(FieldValue::Date(r.inspection)),
        of_listed: |l| Read::Value(FieldValue::Date(l.inspection().id())),
    },
    Entry {
        field: Field::Framework,
        name: "framework",
        sort: Sort::Framework,
        holder: OfInspection,
        of_record: |r| Read::Value(FieldValue::Framework(r.framework)),
        of_listed: |l| Read::Value(FieldValue::Framework(l.inspection().framework)),
    },
    Entry {
        field: Field::InspectedFrom,
        name: "inspected_from",
        sort: Sort::Date,
        holder: OfInspection,
        of_record: |r| Read::Value(FieldValue::Date(r.inspected_from)),
        of_listed: |l| Read::Value(FieldValue::Date(l.inspection().inspected_from)),
    },
    Entry {
        field: Field::InspectedTo,
        name: "inspected_to",
        sort: Sort::Date,
        holder: OfInspection,
        of_record: |r| Read::Value(FieldValue::Date(r.inspected_to)),
        of_listed: |l| Read::Value(FieldValue::Date(l.inspection().inspected_to)),
    },
    Entry {
        field: Field::Published,
        name: "published",
        sort: Sort::Date,
        holder: OfInspection,
        of_record: |r| Read::value(r.published.map(FieldValue::Date)),
        of_listed: |l| Read::value(l.inspection().published.map(FieldValue::Date)),
    },
    Entry {
        field: Field::LeadInspector,
        name: "lead_inspector",
        sort: Sort::Text,
        holder: OfInspection,
        of_record: |r| Read::text(r.lead_inspector.as_deref()),
        of_listed: |l| Read::text(l.inspection().lead_inspector.as_deref()),
    },
    Entry {
        field: Field::InspectionType,
        name: "inspection_type",
        sort: Sort::InspectionType,
        holder: OfInspection,
        of_record: |r| Read::value(r.inspection_type.map(FieldValue::InspectionType)),
        of_listed: |l| {
            Read::value(
                l.inspection()
                    .inspection_type
                    .map(FieldValue::InspectionType),
            )
        },
    },
    Entry {
        field: Field::Section,
        name: "section",
        sort: Sort::Section,
        holder: OfRecord,
        of_record: |r| Read::Value(FieldValue::Section(r.section)),
        of_listed: |l| Read::Value(FieldValue::Section(l.section())),
    },
    Entry {
        field: Field::Paragraph,
        name: "paragraph",
        sort: Sort::Number,
        holder: OfRecord,
        of_record: |r| Read::number(r.paragraph),
        of_listed: |l| Read::number(l.paragraph()),
    },
    Entry {
        field: Field::Area,
        name: "area",
        sort: Sort::Area,
        holder: OfRecord,
        of_record: |r| Read::value(r.area.map(FieldValue::Area)),
        of_listed: |l| Read::value(l.area().map(FieldValue::Area)),
    },
    Entry {
        field: Field::Grade,
        name: "grade",
        sort: Sort::Grade,
        holder: OfRecord,
        of_record: |r| Read::value(r.grade.map(FieldValue::Grade)),
        of_listed: |l| Read::value(l.grade().map(FieldValue::Grade)),
    },
    Entry {
        field: Field::Refs,
        name: "refs",
        sort: Sort::Number,
        holder: OfRecord,
        of_record: |r| Read::Numbers(&r.refs),
        of_listed: |l| Read::Numbers(l.refs()),
    },
    Entry {
        field: Field::Text,
        name: "text",
        sort: Sort::Text,
        holder: OfRecord,
        of_record: |r| Read::Text(&r.text),
        of_listed: |_| Read::Unknown,
    },
    Entry {
        field: Field::FromGrade,
        name: "from_grade",
        sort: Sort::Grade,
        holder: OfChange,
        of_record: |r| Read::value(r.change.as_ref().map(|c| FieldValue::Grade(c.from_grade))),
        of_listed: not_stored,
    },
    Entry {
        field: Field::ToGrade,
        name: "to_grade",
        sort: Sort::Grade,
        holder: OfChange,
        of_record: |r| Read::value(r.change.as_ref().map(|c| FieldValue::Grade(c.to_grade))),
        of_listed: not_stored,
    },
    Entry {
        field: Field::FromInspection,
        name: "from_inspection",
        sort: Sort::Date,
        holder: OfChange,
        of_record: |r| {
            Read::value(
                r.change
                    .as_ref()
                    .map(|c| FieldValue::Date(c.from_inspection)),
            )
        },
        of_listed: not_stored,
    },
    Entry {
        field: Field::ToInspection,
        name: "to_inspection",
        sort: Sort::Date,
        holder: OfChange,
        of_record: |r| Read::value(r.change.as_ref().map(|c| FieldValue::Date(c.to_inspection))),
        of_listed: not_stored,
    },
    Entry {
        field: Field::Direction,
        name: "direction",
        sort: Sort::Direction,
        holder: OfChange,
        of_record: |r| {
            Read::value(
                r.change
                    .as_ref()
                    .map(|c| FieldValue::Direction(c.direction)),
            )
        },
        of_listed: not_stored,
    },
    Entry {
        field: Field::Score,
        name: "score",
        sort: Sort::Number,
        holder: OfAnswer,
        of_record: |r| Read::value(r.score.map(FieldValue::Score)),
        of_listed: not_stored,
    },
    Entry {
        field: Field::Snippet,
        name: "snippet",
        sort: Sort::Text,
        holder: OfAnswer,
        of_record: |r| Read::text(r.snippet.as_deref()),
        of_listed: not_stored,
    },
];

/// The value on a catalogue row of a field the store never holds: changes
/// are derived from judgements, and a query gives an answer its score and
/// snippet once it is found.
fn not_stored<'a>(_: &Listed<'a>) -> Read<'a> {
    Read::Nothing
}

impl Field {
    /// Every field, in the order of the data model.
    #[cfg(any(feature = "cli", test))]
    pub(crate) fn all() -> impl Iterator<Item = Field> {
        FIELDS.iter().map(|entry| entry.field)
    }

    /// The fields the answers of a query of `kind` (any kind, for `None`)
    /// have, in the order of the data model: what CSV writes. A change has
    /// the change fields; the answers of a ranked query have `score` and
    /// `snippet`.
    #[cfg(feature = "cli")]
    pub(crate) fn answered(kind: Option<Kind>, ranked: bool) -> impl Iterator<Item = Field> {
        Field::all().filter(move |&field| match field {
            Field::Score | Field::Snippet => ranked,
            field => kind == Some(Kind::Change) || !field.of_changes_only(),
        })
    }

    fn entry(self) -> &'static Entry {
        // FIELDS is in the order of the variants (a test checks it), so the
        // search after the lookup is never taken.
        FIELDS
            .get(self as usize)
            .filter(|entry| entry.field == self)
            .or_else(|| FIELDS.iter().find(|entry| entry.field == self))
            .unwrap_or(&FIELDS[0])
    }

    /// The name queries and every output format use.
    pub(crate) fn name(self) -> &'static str {
        self.entry().name
    }

    /// The field of this name, as queries and output write it.
    pub(crate) fn named(name: &str) -> Option<Field> {
        FIELDS
            .iter()
            .find(|entry| entry.name == name)
            .map(|entry| entry.field)
    }

    pub(super) fn resolve(query: &str, word: &ast::Word) -> Result<Field, QueryError> {
        if let Some(field) = Field::named(&word.name.to_lowercase()) {
            return Ok(field);
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

    /// Whether the field chooses *which* records `latest` follows, rather
    /// than testing their values: the kind, the area, and the authority
    /// (by name, code, region or type) and the framework. `latest` takes
    /// each authority's most recent inspection with records that pass the
    /// conditions on these fields, and only then tests the rest.
    pub(crate) fn chooses_line(self) -> bool {
        matches!(
            self,
            Field::Kind
                | Field::Area
                | Field::Authority
                | Field::AuthorityCode
                | Field::Region
                | Field::AuthorityType
                | Field::Framework
        )
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
    #[cfg(feature = "cli")]
    pub(crate) fn printed(self, record: &Record) -> String {
        match record.read(self) {
            Read::Unknown | Read::Nothing => String::new(),
            Read::Text(text) => text.to_string(),
            Read::Value(value) => value.to_string(),
            Read::Numbers(numbers) => {
                let numbers: Vec<String> = numbers.iter().map(u32::to_string).collect();
                numbers.join(";")
            }
        }
    }

    /// The record's value of this field, the first of several for `refs`:
    /// what `order by` sorts and `group by` groups by. `Some(None)` for a
    /// missing value; `None` where `fields` does not know it (the text of a
    /// catalogue row).
    pub(crate) fn first(self, fields: &impl Fields) -> Option<Option<FieldValue>> {
        Some(match fields.read(self) {
            Read::Unknown => return None,
            Read::Nothing => None,
            Read::Text(text) => Some(FieldValue::Text(text.to_string())),
            Read::Value(value) => Some(value),
            Read::Numbers(numbers) => numbers.first().map(|&n| FieldValue::Integer(n.into())),
        })
    }

    /// The record's values of this field as conditions compare them: text
    /// in lower case, an authority by its slug (so any spelling of the name
    /// matches); `None` where `fields` does not know them.
    pub(super) fn compared<F: Fields>(self, fields: &F) -> Option<Compared<'_>> {
        if self == Field::Authority {
            return Some(Compared::One(Value::Text(Cow::Borrowed(
                fields.authority_slug(),
            ))));
        }
        Some(match fields.read(self) {
            Read::Unknown => return None,
            Read::Nothing => Compared::Nothing,
            Read::Text(text) => folded(text),
            Read::Value(FieldValue::Text(text)) => {
                Compared::One(Value::Text(Cow::Owned(text.to_lowercase())))
            }
            Read::Value(value) => Compared::One(Value::Of(value)),
            Read::Numbers(numbers) => Compared::Numbers(numbers),
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

/// A field's value on one record, as its entry reads it.
#[derive(Debug, PartialEq)]
pub(crate) enum Read<'a> {
    /// This form of the record does not know it (the text of a catalogue row).
    Unknown,
    /// The record has no value.
    Nothing,
    /// Text, borrowed from the record.
    Text(&'a str),
    /// One value of any other sort.
    Value(FieldValue),
    /// Several numbers (`refs`).
    Numbers(&'a [u32]),
}

impl<'a> Read<'a> {
    fn text(text: Option<&'a str>) -> Read<'a> {
        text.map_or(Read::Nothing, Read::Text)
    }

    fn value(value: Option<FieldValue>) -> Read<'a> {
        value.map_or(Read::Nothing, Read::Value)
    }

    fn number(number: Option<u32>) -> Read<'a> {
        Read::value(number.map(|n| FieldValue::Integer(n.into())))
    }
}

/// A record as conditions, `group by` and `order by` read it: whole, or
/// as the catalogue lists it (all but the text). Each field's value is read
/// by its entry in the vocabulary.
pub(crate) trait Fields {
    /// The record's value of `field`.
    fn read(&self, field: Field) -> Read<'_>;
    /// The authority's slug, which conditions on `authority` compare.
    fn authority_slug(&self) -> &str;
    /// Whether the text holds the phrase, where known.
    fn text_contains(&self, phrase: &str) -> Option<bool>;
}

impl Fields for Record {
    fn read(&self, field: Field) -> Read<'_> {
        (field.entry().of_record)(self)
    }
    fn authority_slug(&self) -> &str {
        &self.key.authority
    }
    fn text_contains(&self, phrase: &str) -> Option<bool> {
        Some(crate::text::contains_phrase(&self.text, phrase))
    }
}

/// A record as the catalogue lists it.
impl Fields for Listed<'_> {
    fn read(&self, field: Field) -> Read<'_> {
        (field.entry().of_listed)(self)
    }
    fn authority_slug(&self) -> &str {
        self.slug()
    }
    fn text_contains(&self, _: &str) -> Option<bool> {
        None
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

pub(crate) fn field_list() -> String {
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
            Sort::Framework => "a framework (SLAC, SIF or ILACS)",
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
    fn every_field_has_one_entry_of_its_own_name_in_the_order_of_the_variants() {
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
            assert_eq!(FIELDS[field as usize].field, field);
            let named = FIELDS.iter().filter(|e| e.name == field.name()).count();
            assert_eq!(named, 1, "{field:?}");
        }
        assert_eq!(every.len(), FIELDS.len());
    }

    /// Each entry reads a field twice, from a whole record and from its
    /// catalogue row; on every seed record both readings must agree.
    #[test]
    fn a_catalogue_row_reads_every_field_as_its_whole_record_does() {
        let store = crate::store::Store::temporary().unwrap();
        for (_, text) in crate::seeds::SEED_REPORTS {
            store.ingest(&crate::Report::parse(text).unwrap()).unwrap();
        }
        let snapshot = store.snapshot();
        let mut compared = 0;
        for at in 0..snapshot.inspections() {
            let inspection = snapshot.inspection(at);
            let records = inspection.read();
            for ordinal in 0..inspection.len() {
                let listed = inspection.listed(ordinal);
                let record = records.get(ordinal).unwrap().unwrap();
                assert_eq!(listed.authority_slug(), record.authority_slug());
                for field in Field::all() {
                    match listed.read(field) {
                        Read::Unknown => assert_eq!(field, Field::Text),
                        read => assert_eq!(read, record.read(field), "{field:?} of {}", record.key),
                    }
                    compared += 1;
                }
            }
        }
        assert!(compared > 1_000, "{compared}");
    }
}
