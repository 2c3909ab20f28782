//! The query language, one file per rule it owns:
//!
//! - syntax, no meaning: `ast` (the tree, with spans, and its printing
//!   back to text), `parse` (nom; the grammar on [`Query`]);
//! - meaning: `field` (the field vocabulary: names, sorts, how a record's
//!   value is read, compared and printed), `resolve` (words of the tree to
//!   kinds, fields and values, each refused with a caret where it has none),
//!   `predicate` (a resolved condition on a record or a catalogue row);
//! - answering: `plan` (the indexes that can answer), `explain` (the plan
//!   in words), `exec` (streaming, an inspection at a time, over the
//!   store's read view).
//!
//! The language itself, its grammar and what it means, is written once, as
//! the documentation of [`Query`], where `cargo doc` shows it.

pub mod ast;
mod change;
mod count;
mod exec;
mod explain;
mod field;
mod finder;
mod logical;
mod parse;
mod plan;
mod predicate;
mod rank;
mod resolve;

use std::fmt;

pub use count::Counts;
pub(crate) use exec::Access;
pub use exec::{Answer, Records};
#[cfg(feature = "cli")]
pub(crate) use field::Field;
pub use field::FieldValue;
pub use parse::MAX_DEPTH;
pub use resolve::KINDS;

use crate::store::{Snapshot, StoreError};
use ast::Span;

/// What kind of fault a query has: the grammar's (syntax) or the data
/// model's (meaning, found in planning).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QueryErrorKind {
    /// The text does not follow the grammar.
    Syntax,
    /// Parentheses or `not` nest deeper than [`MAX_DEPTH`].
    TooDeep,
    /// A field the data model does not have.
    UnknownField,
    /// A kind of record there is not.
    UnknownKind,
    /// A value its field never has: an area, a grade, a section, a
    /// framework, an inspection type.
    UnknownValue,
    /// A value of another type than its field's: a number for a grade.
    TypeMismatch,
    /// A test its field cannot take: `<` on an area, `contains` on a grade.
    UnsupportedTest,
    /// A clause its field or query cannot take: `group by text`, `order by
    /// refs`, `group by` without `count`.
    UnsupportedClause,
}

impl QueryErrorKind {
    /// Whether the fault is in the grammar, found before any meaning is.
    pub fn is_syntax(self) -> bool {
        matches!(self, QueryErrorKind::Syntax | QueryErrorKind::TooDeep)
    }
}

/// A query that cannot be run: what kind of fault, the query, and the span
/// of the fault. `Display` renders the query with a caret under the fault
/// and one sentence.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", render(&self.query, self.span, &self.message))]
pub struct QueryError {
    kind: QueryErrorKind,
    query: String,
    span: Span,
    message: String,
}

impl QueryError {
    pub(crate) fn new(
        kind: QueryErrorKind,
        query: &str,
        span: Span,
        message: impl Into<String>,
    ) -> QueryError {
        QueryError {
            kind,
            query: query.to_string(),
            span,
            message: message.into(),
        }
    }

    /// What kind of fault it is.
    pub fn kind(&self) -> QueryErrorKind {
        self.kind
    }

    /// The query, as given.
    pub fn query(&self) -> &str {
        &self.query
    }

    /// Where the fault is.
    pub fn span(&self) -> Span {
        self.span
    }

    /// What is wrong, in one sentence.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// At most this many characters of a query are shown around its fault.
const WINDOW: usize = 100;

/// The query on one line (line breaks shown as spaces), a caret under the
/// fault, and the message. A long query is shown only around its fault,
/// with `...` where it is cut: an error is a line, not a copy of a file.
fn render(query: &str, span: Span, message: &str) -> String {
    let line: Vec<char> = query
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let start = span.start.min(query.len());
    let column = query
        .get(..start)
        .map_or(start, |before| before.chars().count());
    let width = query
        .get(start..span.end.min(query.len()))
        .map_or(1, |fault| fault.chars().count().max(1));
    // The window: a third of it before the fault, where there is room.
    let from = column
        .saturating_sub(WINDOW / 3)
        .min(line.len().saturating_sub(WINDOW));
    let to = (from + WINDOW).min(line.len());
    let lead = if from > 0 { "... " } else { "" };
    let tail = if to < line.len() { " ..." } else { "" };
    let shown: String = line[from..to].iter().collect();
    let width = width.min(to.saturating_sub(column)).max(1);
    format!(
        "{lead}{shown}{tail}\n{}{} {message}",
        " ".repeat(lead.len() + column - from),
        "^".repeat(width)
    )
}

/// The candidate closest to `word` in spelling, if close enough to be a
/// likely slip.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    // Nothing is a slip of a word this long; and the distance costs its length squared.
    if word.chars().count() > 64 {
        return None;
    }
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&word, &candidate.to_lowercase()), candidate))
        .filter(|&(distance, candidate)| distance <= (candidate.chars().count() / 3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

/// Edits (insertions, deletions, substitutions, swaps of neighbours) that
/// turn `a` into `b`: "aera" is one swap from "area".
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut rows = vec![(0..=b.len()).collect::<Vec<usize>>()];
    for i in 1..=a.len() {
        let mut row = vec![i; b.len() + 1];
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            row[j] = substitution.min(rows[i - 1][j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(rows[i - 2][j - 2] + 1);
            }
        }
        rows.push(row);
    }
    rows[a.len()][b.len()]
}

/// Parses a query's syntax only, without resolving fields and values: the
/// tree of any text the grammar accepts.
pub fn parse_syntax(text: &str) -> Result<ast::Query, QueryError> {
    parse::parse(text)
}

/// A parsed and resolved query, ready to run any number of times.
///
/// # Grammar
///
/// ```text
/// query      = ["explain"] ["count" ["distinct" field]] ["latest"] kind ["where" expr]
///              ["group" "by" field {"," field}] ["having" "count" op integer]
///              ["order" "by" order_key {"," order_key}] ["limit" integer] ["offset" integer]
/// kind       = word
/// order_key  = field ["asc" | "desc"]          (the word "relevance" as the field: ranked, best first;
///                                               on a count, the word "count": by the count)
/// expr       = and {"or" and}
/// and        = not {"and" not}
/// not        = "not" not | "(" expr ")" | condition
/// condition  = field op value | field ["not"] "in" in_list
///            | field "contains" string | field "matches" string
///            | field "between" value "and" value
/// in_list    = "(" value {"," value} ")" | "neighbours" "(" string ")"
///            | "(" kind ["where" expr] ")"            (a sub-query)
/// op         = "=" | "!=" | "<" | "<=" | ">" | ">="
/// value      = string | date | integer
/// string     = "'" {character | "\" character} "'" | '"' {character | "\" character} '"'
/// date       = digit{4} "-" digit{2} "-" digit{2}
/// integer    = digit {digit}
/// field      = word
/// word       = (letter | "_") {letter | digit | "_"}
/// ```
///
/// Keywords are case-insensitive whole words; white space separates tokens
/// anywhere. The grammar knows syntax only: which words name a kind
/// ([`KINDS`]: judgement or judgment, recommendation, finding, fact,
/// report, change, any), a field or a value is resolved in planning, where an
/// unknown one is refused with a caret under it. Parentheses and `not` nest at most [`MAX_DEPTH`] deep.
///
/// # Meaning
///
/// Fields are those of the data model: `key`, `kind`, `authority`,
/// `authority_code`, `region` and `authority_type` (from the reference
/// table: `'London'`; `'county'`, `'unitary authority'`, `'metropolitan
/// district'`, `'london borough'`), `inspection`, `framework`, `inspected_from`,
/// `inspected_to`, `published`, `lead_inspector`, `inspection_type`
/// (`'short'` or `'standard'`, ILACS only), `section`, `paragraph`, `area`,
/// `grade`, `refs`, `text`; and, on changes only, `from_grade`, `to_grade`,
/// `from_inspection`, `to_inspection` and `direction` (`'up'`, `'down'`,
/// `'same'`). A `change` is derived from the judgements in the catalogue
/// (never stored, no record read from disk): one per authority, area and
/// pair of consecutive inspections that grade the area, keyed by the later
/// judgement; areas follow their line across frameworks
/// ([`Area::lines`](crate::Area::lines)), and an area a change query names
/// in any framework's words means its line. Text compares case-insensitively; `authority` matches any
/// spelling of the name ("Royal Borough of Kingston upon Thames" finds
/// "Kingston upon Thames"). `area` goes through the alias table, and a
/// question about `care leavers` or `children in care` is also answered by
/// the ILACS combined judgement. Grades compare worst to best, dates in
/// time. `latest` is the current state: of each authority, it takes the most
/// recent inspection with records on the line the query follows, and only
/// then do the other conditions test that inspection's records. The line is
/// chosen by the conditions, joined by `and` at the top, that read only the
/// kind, `area`, `authority`, `authority_code`, `region`, `authority_type`
/// or `framework`; every other condition (a grade, the text, a date, the
/// inspection type) tests the values. So `latest judgement where area =
/// 'overall' and grade = 'inadequate'` names the councils whose most recent
/// overall judgement is inadequate, not those ever judged so, and it passes
/// over a 2026 inspection, which gives no overall grade.
/// `authority in neighbours('Leeds')` holds for the statistical
/// neighbours the reference table lists for Leeds (an authority it does
/// not know is refused, with a did-you-mean). `contains` matches a phrase of whole words (see [`contains_phrase`](crate::contains_phrase));
/// `matches` holds where the text has any of its words (each folded as
/// `contains` folds them: case and punctuation, no stemming).
/// `order by relevance` ranks the answers best first (ties in key order)
/// by the BM25 of the phrases the query searches the text for (those of
/// `contains` and `matches` tests not under a `not`), as SQLite FTS5's
/// `bm25()` computes it over every record of the knowledge base; its
/// answers carry `score` and `snippet` (about 30 words around the best
/// match, each match marked `[` `]`). It ranks alone, and a query without
/// a search of the text is refused. `score` and `snippet` are given to
/// answers and cannot be asked about.
/// `count` answers one row per group (one row without `group by`): the
/// number of records, or with `count distinct field` the number of distinct
/// values of the field among them (a record without one adds none: `count
/// distinct authority change where direction = 'up'` is how many councils
/// improved, not how many changes). `having count >= 3` keeps the groups
/// whose count compares so. A count is ordered by its groups, or by `order
/// by count [desc]` and its `group by` fields (ties keep group order); then
/// `offset` and `limit` page its rows.
/// `authority in (judgement where ...)` holds for the authorities of a
/// sub-query's answers (from the same moment of the knowledge base; a
/// sub-query lists authorities only), and so asks about every record of an
/// authority: `authority not in (judgement where area = 'overall' and grade
/// != 'inadequate')` are the councils whose every overall judgement is
/// inadequate, or that have none; `authority not in (judgement where area =
/// 'overall' and grade < 'good')` those never judged below good.
/// `refs = 29` holds when the record cites paragraph 29. A test of a field
/// the record lacks (a null paragraph, an unset area) does not hold, so
/// `!=` and `not in`, which are the negations of `=` and `in`, hold there.
///
/// ```
/// use inspection_kb::Kb;
/// use inspection_kb::Answer;
///
/// let kb = Kb::temporary()?;
/// kb.ingest_file("seeds/kingston-upon-thames-2015-sif.txt")?;
/// let query = "recommendation where authority = 'Kingston upon Thames' and text contains 'return home'";
/// let Answer::Records(records) = kb.query(query)? else { unreachable!() };
/// let keys: Vec<String> = records.map(|r| r.map(|r| r.key.to_string())).collect::<Result<_, _>>()?;
/// assert_eq!(keys, ["kingston-upon-thames/2015-06-18/recommendations/4"]);
/// # Ok::<(), inspection_kb::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct Query {
    text: String,
    syntax: ast::Query,
    plan: plan::Plan,
}

impl Query {
    /// Parses and resolves `text`.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        let syntax = parse::parse(text)?;
        let plan = plan::Plan::of(logical::Logical::resolve(text, &syntax)?);
        Ok(Query {
            text: text.to_string(),
            syntax,
            plan,
        })
    }

    /// The syntax tree.
    pub fn syntax(&self) -> &ast::Query {
        &self.syntax
    }

    /// The query text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The phrases of its `contains` tests, for showing where they matched.
    pub fn phrases(&self) -> Vec<String> {
        self.plan.phrases.clone()
    }

    /// The kind of record it asks for; `None` for `any`.
    pub fn kind(&self) -> Option<crate::model::Kind> {
        self.plan.query.kind
    }

    /// The fields its answers have, in the order of the data model: what
    /// CSV writes.
    #[cfg(feature = "cli")]
    pub(crate) fn fields(&self) -> Vec<Field> {
        let plan = &self.plan;
        Field::answered(plan.query.kind, plan.query.ranked).collect()
    }

    /// The fields named, in the order named, where each is one its answers
    /// have (what `--fields` chooses); else why not, in one sentence.
    #[cfg(feature = "cli")]
    pub(crate) fn columns(&self, names: &[String]) -> Result<Vec<Field>, String> {
        if self.plan.query.count && !names.is_empty() {
            return Err(
                "--fields chooses the columns of records; a count's columns are its groups".into(),
            );
        }
        let answered = self.fields();
        names
            .iter()
            .map(|name| {
                let wanted = name.trim();
                answered
                    .iter()
                    .copied()
                    .find(|field| field.name().eq_ignore_ascii_case(wanted))
                    .ok_or_else(|| {
                        let known: Vec<&str> = answered.iter().map(|f| f.name()).collect();
                        format!(
                            "--fields: these answers have no field `{wanted}`; they have {}",
                            known.join(", ")
                        )
                    })
            })
            .collect()
    }

    /// Whether the query is `explain`.
    pub fn is_explain(&self) -> bool {
        self.syntax.explain
    }
}

/// The language's words, for a help text: each line a vocabulary read from
/// the model (kinds, fields, areas, grades), with an example.
#[cfg(feature = "cli")]
pub(crate) fn vocabulary() -> String {
    let areas: Vec<&str> = crate::model::Area::ALL.iter().map(|a| a.as_str()).collect();
    let grades: Vec<&str> = crate::model::Grade::ALL
        .iter()
        .map(|g| g.as_str())
        .collect();
    format!(
        "kinds: {}\n  e.g. recommendation where authority = 'Slough'\n\
         fields: {}\n  e.g. report where framework = 'ILACS' and inspected_to >= 2023-01-01\n\
         areas: {}\n  e.g. judgement where area = 'care leavers'\n\
         grades, worst first: {}\n  e.g. latest judgement where area = 'overall' and grade <= 'requires improvement'\n\
         text: contains 'a phrase', matches 'any of these words'\n  e.g. finding where text matches 'exploitation missing' order by relevance limit 5",
        resolve::kinds_in_words(),
        field::field_list(),
        areas.join(", "),
        grades.join(", "),
    )
}

/// Runs a query on the store's read view: by its indexes, or (to check
/// them) by reading every record. [`Query::run`] is the public way in.
pub(crate) fn run(query: &Query, snapshot: Snapshot, access: Access) -> Result<Answer, StoreError> {
    exec::run(&query.plan, snapshot, access)
}

/// Refuses a query that names an authority or a lead inspector the
/// knowledge base does not hold, before it runs: its answer would be empty
/// for want of a name, not of records.
pub(crate) fn check_held(query: &Query, snapshot: &Snapshot) -> Result<(), QueryError> {
    resolve::check_held(&query.text, &query.plan.query.sought, snapshot)
}

/// The plan a query runs by, with the counts of what it would read.
pub(crate) fn explain(query: &Query, snapshot: &Snapshot) -> String {
    query.plan.explain(snapshot)
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.syntax)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_a_caret_under_the_fault() {
        let error = QueryError::new(
            QueryErrorKind::Syntax,
            "judgement where area =",
            Span::new(22, 22),
            "expected a value after `=`",
        );
        assert_eq!(
            error.to_string(),
            "judgement where area =\n                      ^ expected a value after `=`"
        );
        let error = QueryError::new(
            QueryErrorKind::UnknownField,
            "fact where aera = 'x'",
            Span::new(11, 15),
            "unknown field `aera`",
        );
        assert_eq!(
            error.to_string(),
            "fact where aera = 'x'\n           ^^^^ unknown field `aera`"
        );
    }

    #[test]
    fn a_long_query_is_shown_around_its_fault() {
        let query = format!(
            "judgement where {} and aera = 'x'",
            "grade = 'good' and ".repeat(1000)
        );
        let at = query.find("aera").unwrap();
        let rendered = render(&query, Span::new(at, at + 4), "unknown field `aera`");
        let (line, caret) = rendered.split_once('\n').unwrap();
        assert!(
            line.starts_with("... ") && line.ends_with("aera = 'x'"),
            "{line}"
        );
        assert!(line.chars().count() <= WINDOW + 4, "{line}");
        assert_eq!(caret.find('^'), line.find("aera"));
        assert!(caret.ends_with("^^^^ unknown field `aera`"), "{caret}");
        // A fault at its start is shown with what follows, cut.
        let rendered = render(&query, Span::new(0, 9), "unknown kind");
        assert!(rendered.starts_with("judgement where grade"), "{rendered}");
        assert!(
            rendered.contains(" ...\n^^^^^^^^^ unknown kind"),
            "{rendered}"
        );
    }

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(
            did_you_mean("aera", ["area", "grade", "text"]),
            Some("area")
        );
        assert_eq!(
            did_you_mean("care leaver", ["care leavers", "adoption"]),
            Some("care leavers")
        );
        assert_eq!(did_you_mean("colour", ["area", "grade"]), None);
    }
}
