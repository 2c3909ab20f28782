//! The query parser (nom 8). It knows syntax only: any word may stand where
//! a field does, and any quoted text where a value does; planning gives
//! them meaning. Each parser's doc comment is its rule in the grammar on
//! [`Query`](super::Query).
//!
//! Errors carry the position of the fault: after a keyword commits to a
//! rule (`where`, an operator, `in`, `between`, `(`), a missing part is a
//! `cut` failure at the place it should have been, not a backtrack.
//! Nesting of parentheses and `not` is capped at [`MAX_DEPTH`], so no input
//! can exhaust the stack, and no rule backtracks over more than one word,
//! so parsing time grows linearly with the query.

use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, multispace0};
use nom::combinator::cut;
use nom::error::{ErrorKind, ParseError};
use nom::{IResult, Parser};

use super::ast::{
    Condition, Expr, Having, Number, Op, OrderKey, Query, Span, Test, Value, ValueKind, Word,
};
use super::{QueryError, QueryErrorKind};
use crate::model::Date;

/// How deeply parentheses and `not` may nest.
pub const MAX_DEPTH: usize = 64;

/// A parse failure: where, and, once a rule has committed, what was expected.
#[derive(Debug)]
struct Fault<'a> {
    kind: QueryErrorKind,
    at: &'a str,
    /// Bytes of the fault, where more than the token at `at`.
    len: Option<usize>,
    message: Option<String>,
}

impl<'a> ParseError<&'a str> for Fault<'a> {
    fn from_error_kind(input: &'a str, _: ErrorKind) -> Self {
        Fault {
            kind: QueryErrorKind::Syntax,
            at: input,
            len: None,
            message: None,
        }
    }

    fn append(_: &'a str, _: ErrorKind, other: Self) -> Self {
        other
    }

    fn or(self, other: Self) -> Self {
        if other.message.is_some() { other } else { self }
    }
}

type Parsed<'a, T> = IResult<&'a str, T, Fault<'a>>;

/// Parses a query.
pub(crate) fn parse(query: &str) -> Result<Query, QueryError> {
    let parser = QueryParser { full: query };
    match parser.query(query) {
        Ok((_, parsed)) => Ok(parsed),
        Err(nom::Err::Error(fault) | nom::Err::Failure(fault)) => {
            let at = parser.offset(fault.at);
            let len = fault.len.unwrap_or_else(|| token_len(fault.at));
            let message = fault
                .message
                .unwrap_or_else(|| format!("unexpected {}", describe(fault.at)));
            Err(QueryError::new(
                fault.kind,
                query,
                Span::new(at, at + len),
                message,
            ))
        }
        Err(nom::Err::Incomplete(_)) => Err(QueryError::new(
            QueryErrorKind::Syntax,
            query,
            Span::new(query.len(), query.len()),
            "the query ends too early",
        )),
    }
}

/// "`word`" for the token at the start of `rest`, or "the end of the query".
fn describe(rest: &str) -> String {
    match token_len(rest) {
        0 => "the end of the query".to_string(),
        n => format!("`{}`", &rest[..n]),
    }
}

/// Length of the token at the start of `rest`: a word, or one character.
fn token_len(rest: &str) -> usize {
    let word = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
    if word > 0 {
        word
    } else {
        rest.chars().next().map_or(0, char::len_utf8)
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// A failure with a message, at `at`.
fn fail<'a, T>(at: &'a str, message: impl Into<String>) -> Parsed<'a, T> {
    Err(nom::Err::Failure(Fault {
        kind: QueryErrorKind::Syntax,
        at,
        len: None,
        message: Some(message.into()),
    }))
}

/// A failure with a message, over the first `len` bytes of `at`.
fn fail_over<'a, T>(at: &'a str, len: usize, message: impl Into<String>) -> Parsed<'a, T> {
    Err(nom::Err::Failure(Fault {
        kind: QueryErrorKind::Syntax,
        at,
        len: Some(len),
        message: Some(message.into()),
    }))
}

/// `parser`, where its failing to match is a failure saying what was expected.
fn expect<'a, T>(
    message: &'a str,
    mut parser: impl Parser<&'a str, Output = T, Error = Fault<'a>>,
) -> impl Parser<&'a str, Output = T, Error = Fault<'a>> {
    move |input: &'a str| {
        let (rest, _) = multispace0(input)?;
        match parser.parse(input) {
            Err(nom::Err::Error(fault)) if fault.message.is_none() => Err(nom::Err::Error(Fault {
                kind: QueryErrorKind::Syntax,
                at: rest,
                len: None,
                message: Some(format!("expected {message}")),
            })),
            other => other,
        }
    }
}

/// The character `c`, after any white space.
fn symbol<'a>(c: char) -> impl Parser<&'a str, Output = char, Error = Fault<'a>> {
    move |input: &'a str| {
        let (rest, _) = multispace0(input)?;
        char(c).parse(rest)
    }
}

struct QueryParser<'q> {
    full: &'q str,
}

impl<'q> QueryParser<'q> {
    fn offset(&self, rest: &str) -> usize {
        self.full.len() - rest.len()
    }

    fn span(&self, from: &str, to: &str) -> Span {
        Span::new(self.offset(from), self.offset(to))
    }

    /// `word = letter_or_underscore {letter | digit | "_"}`
    fn word(&self, input: &'q str) -> Parsed<'q, Word> {
        let (start, _) = multispace0(input)?;
        let (rest, name) = take_while1(is_word_char).parse(start)?;
        // A word starts with a letter or `_`; a digit starts a number.
        if name.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(nom::Err::Error(Fault::from_error_kind(
                start,
                ErrorKind::Alpha,
            )));
        }
        Ok((
            rest,
            Word {
                name: name.to_string(),
                span: self.span(start, rest),
            },
        ))
    }

    /// A keyword: a whole word equal to `keyword` in any case, so that
    /// `android` is not `and`.
    fn keyword(&self, keyword: &'static str) -> impl Fn(&'q str) -> Parsed<'q, Span> + '_ {
        move |input: &'q str| {
            let (rest, word) = self.word(input)?;
            if word.name.eq_ignore_ascii_case(keyword) {
                Ok((rest, word.span))
            } else {
                Err(nom::Err::Error(Fault::from_error_kind(
                    input,
                    ErrorKind::Tag,
                )))
            }
        }
    }

    /// `query = ["explain"] ["count" ["distinct" field]] ["latest"] kind ["where" expr]
    ///          ["group" "by" field {"," field}] ["having" "count" op integer]
    ///          ["order" "by" order_key {"," order_key}] ["limit" integer] ["offset" integer]`
    fn query(&self, input: &'q str) -> Parsed<'q, Query> {
        let (rest, explain) =
            self.keyword("explain")(input).map_or((input, false), |(rest, _)| (rest, true));
        let (rest, count) =
            self.keyword("count")(rest).map_or((rest, false), |(rest, _)| (rest, true));
        let (rest, distinct) = match self.keyword("distinct")(rest) {
            Ok((rest, _)) if count => {
                let (rest, field) =
                    cut(expect("a field after `distinct`", |i| self.word(i))).parse(rest)?;
                (rest, Some(field))
            }
            _ => (rest, None),
        };
        let (rest, latest) =
            self.keyword("latest")(rest).map_or((rest, false), |(rest, _)| (rest, true));
        let (rest, kind) = self.kind(rest)?;
        let (rest, filter) = match self.keyword("where")(rest) {
            Ok((rest, _)) => {
                let (rest, filter) =
                    cut(expect("a condition after `where`", |i| self.expr(i, 0))).parse(rest)?;
                (rest, Some(filter))
            }
            Err(_) => (rest, None),
        };
        let (rest, group_by) = self.by_list(
            rest,
            "group",
            ("`by` after `group`", "a field to group by"),
            |i| self.word(i),
        )?;
        let (rest, having) = self.having(rest)?;
        let (rest, order_by) = self.by_list(
            rest,
            "order",
            ("`by` after `order`", "a field to order by"),
            |i| self.order_key(i),
        )?;
        let (rest, limit) = self.numbered_clause("limit", rest)?;
        let (rest, offset) = self.numbered_clause("offset", rest)?;
        let (end, _) = multispace0(rest)?;
        if !end.is_empty() {
            let expected = if filter.is_none() { "`where`, " } else { "" };
            return fail(
                end,
                format!(
                    "unexpected {}; expected {expected}`and`, `or`, `group by`, `having`, `order by`, `limit`, `offset` or the end",
                    describe(end)
                ),
            );
        }
        let (start, _) = multispace0(input)?;
        Ok((
            end,
            Query {
                explain,
                count,
                distinct,
                latest,
                kind,
                filter,
                group_by,
                having,
                order_by,
                limit,
                offset,
                span: self.span(start, end),
            },
        ))
    }

    /// `"having" "count" op integer`; none where the clause is absent.
    fn having(&self, input: &'q str) -> Parsed<'q, Option<Having>> {
        let Ok((rest, start)) = self.keyword("having")(input) else {
            return Ok((input, None));
        };
        let (rest, _) = cut(expect("`count` after `having`", self.keyword("count"))).parse(rest)?;
        let operator = "an operator after `having count`: =, !=, <, <=, >, >=";
        let (rest, (op, _)) = cut(expect(operator, |i| self.op(i))).parse(rest)?;
        let (rest, count) = self.number(rest, "a number to compare the count with")?;
        let span = Span::new(start.start, count.span.end);
        Ok((rest, Some(Having { op, count, span })))
    }

    /// `kind = word`: which word names a kind is resolved in planning.
    fn kind(&self, input: &'q str) -> Parsed<'q, Word> {
        let (start, _) = multispace0(input)?;
        self.word(input).or_else(|_| {
            fail(
                start,
                format!(
                    "expected the kind of record to find: {}",
                    super::resolve::kinds_in_words()
                ),
            )
        })
    }

    /// `order_key = field ["asc" | "desc"]`
    fn order_key(&self, input: &'q str) -> Parsed<'q, OrderKey> {
        let (rest, field) = self.word(input)?;
        let (rest, descending, end) = if let Ok((after, span)) = self.keyword("desc")(rest) {
            (after, true, span.end)
        } else if let Ok((after, span)) = self.keyword("asc")(rest) {
            (after, false, span.end)
        } else {
            (rest, false, field.span.end)
        };
        let span = Span::new(field.span.start, end);
        Ok((
            rest,
            OrderKey {
                field,
                descending,
                span,
            },
        ))
    }

    /// `keyword "by" item {"," item}`, as `group by` and `order by` take
    /// them; no items where the clause is absent. `expected` says what is
    /// missing after `keyword` and after `by` or a comma.
    fn by_list<T>(
        &self,
        input: &'q str,
        keyword: &'static str,
        expected: (&'static str, &'static str),
        item: impl Fn(&'q str) -> Parsed<'q, T>,
    ) -> Parsed<'q, Vec<T>> {
        let Ok((rest, _)) = self.keyword(keyword)(input) else {
            return Ok((input, Vec::new()));
        };
        let (mut rest, _) = cut(expect(expected.0, self.keyword("by"))).parse(rest)?;
        let mut items = Vec::new();
        loop {
            let (after, found) = cut(expect(expected.1, &item)).parse(rest)?;
            items.push(found);
            rest = after;
            match symbol(',').parse(rest) {
                Ok((after, _)) => rest = after,
                Err(_) => return Ok((rest, items)),
            }
        }
    }

    /// `"limit" integer` or `"offset" integer`
    fn numbered_clause(&self, keyword: &'static str, input: &'q str) -> Parsed<'q, Option<Number>> {
        let Ok((rest, _)) = self.keyword(keyword)(input) else {
            return Ok((input, None));
        };
        let message = if keyword == "limit" {
            "a number after `limit`"
        } else {
            "a number after `offset`"
        };
        let (rest, number) = self.number(rest, message)?;
        Ok((rest, Some(number)))
    }

    /// `integer`, or a fault that says `expected {message}`.
    fn number(&self, input: &'q str, message: &'static str) -> Parsed<'q, Number> {
        let (rest, value) = cut(expect(message, |i| self.value(i))).parse(input)?;
        match value.kind {
            ValueKind::Integer(n) => Ok((
                rest,
                Number {
                    value: n,
                    span: value.span,
                },
            )),
            _ => fail(
                &self.full[value.span.start..],
                format!("expected {message}"),
            ),
        }
    }

    /// `expr = and {"or" and}`
    fn expr(&self, input: &'q str, depth: usize) -> Parsed<'q, Expr> {
        let (rest, operands) = self.joined(input, "or", "a condition after `or`", |i| {
            self.and(i, depth)
        })?;
        Ok((rest, combine(operands, Expr::Or)))
    }

    /// `and = not {"and" not}`
    fn and(&self, input: &'q str, depth: usize) -> Parsed<'q, Expr> {
        let (rest, operands) = self.joined(input, "and", "a condition after `and`", |i| {
            self.not(i, depth)
        })?;
        Ok((rest, combine(operands, Expr::And)))
    }

    /// `operand {keyword operand}`; after the keyword, an operand must follow.
    fn joined(
        &self,
        input: &'q str,
        keyword: &'static str,
        expected: &'q str,
        operand: impl Fn(&'q str) -> Parsed<'q, Expr>,
    ) -> Parsed<'q, Vec<Expr>> {
        let (mut rest, first) = operand(input)?;
        let mut operands = vec![first];
        while let Ok((after, _)) = self.keyword(keyword)(rest) {
            let (after, next) = cut(expect(expected, &operand)).parse(after)?;
            operands.push(next);
            rest = after;
        }
        Ok((rest, operands))
    }

    /// `not = "not" not | "(" expr ")" | condition`
    fn not(&self, input: &'q str, depth: usize) -> Parsed<'q, Expr> {
        let (start, _) = multispace0(input)?;
        if depth >= MAX_DEPTH {
            return Err(nom::Err::Failure(Fault {
                kind: QueryErrorKind::TooDeep,
                at: start,
                len: None,
                message: Some(format!("conditions nest deeper than {MAX_DEPTH} levels")),
            }));
        }
        if let Ok((rest, span)) = self.keyword("not")(start) {
            let (rest, operand) = cut(expect("a condition after `not`", |i| {
                self.not(i, depth + 1)
            }))
            .parse(rest)?;
            let span = span.to(operand.span());
            return Ok((rest, Expr::Not(Box::new(operand), span)));
        }
        if let Ok((rest, _)) = symbol('(').parse(start) {
            let (rest, inner) =
                cut(expect("a condition after `(`", |i| self.expr(i, depth + 1))).parse(rest)?;
            let (rest, _) = cut(expect("`)` to close the `(`", symbol(')'))).parse(rest)?;
            return Ok((rest, inner));
        }
        let (rest, condition) = self.condition(start, depth)?;
        Ok((rest, Expr::Condition(condition)))
    }

    /// `condition = field op value | field ["not"] "in" in_list
    ///            | field "contains" string | field "matches" string
    ///            | field "between" value "and" value`
    fn condition(&self, input: &'q str, depth: usize) -> Parsed<'q, Condition> {
        let (rest, field) = self.word(input)?;
        let (rest, test) = if let Ok((after, (op, op_span))) = self.op(rest) {
            let message = format!("a value after `{}`", op.as_str());
            let (after, value) = match self.value(after) {
                Ok(parsed) => parsed,
                Err(nom::Err::Error(_)) => {
                    let (at, _) = multispace0(after)?;
                    return fail(at, format!("expected {message}"));
                }
                Err(failure) => return Err(failure),
            };
            (after, Test::Compare { op, op_span, value })
        } else if let Ok((after, _)) = self.keyword("not")(rest) {
            let (after, _) = cut(expect("`in` after `not`", self.keyword("in"))).parse(after)?;
            self.in_list(after, true, depth)?
        } else if let Ok((after, _)) = self.keyword("in")(rest) {
            self.in_list(after, false, depth)?
        } else if let Ok((after, _)) = self.keyword("contains")(rest) {
            let (after, phrase) = cut(expect("a quoted phrase after `contains`", |i| {
                self.string(i)
            }))
            .parse(after)?;
            (after, Test::Contains { phrase })
        } else if let Ok((after, _)) = self.keyword("matches")(rest) {
            let (after, words) =
                cut(expect("quoted words after `matches`", |i| self.string(i))).parse(after)?;
            (after, Test::Matches { words })
        } else if let Ok((after, _)) = self.keyword("between")(rest) {
            let (after, low) =
                cut(expect("a value after `between`", |i| self.value(i))).parse(after)?;
            let (after, _) =
                cut(expect("`and` between the two values", self.keyword("and"))).parse(after)?;
            let (after, high) =
                cut(expect("a value after `and`", |i| self.value(i))).parse(after)?;
            (after, Test::Between { low, high })
        } else {
            let (at, _) = multispace0(rest)?;
            return fail(
                at,
                format!(
                    "expected an operator after `{}`: =, !=, <, <=, >, >=, in, not in, contains, matches or between",
                    field.name
                ),
            );
        };
        let span = Span::new(field.span.start, self.offset(rest));
        Ok((rest, Condition { field, test, span }))
    }

    /// `op = "=" | "!=" | "<" | "<=" | ">" | ">="`
    fn op(&self, input: &'q str) -> Parsed<'q, (Op, Span)> {
        let (start, _) = multispace0(input)?;
        let (rest, symbol) = alt((
            tag("!="),
            tag("<="),
            tag(">="),
            tag("="),
            tag("<"),
            tag(">"),
        ))
        .parse(start)?;
        let op = match symbol {
            "!=" => Op::Ne,
            "<=" => Op::Le,
            ">=" => Op::Ge,
            "<" => Op::Lt,
            ">" => Op::Gt,
            _ => Op::Eq,
        };
        Ok((rest, (op, self.span(start, rest))))
    }

    /// `in_list = "(" value {"," value} ")" | "neighbours" "(" string ")"
    ///           | "(" kind ["where" expr] ")"`
    fn in_list(&self, input: &'q str, negated: bool, depth: usize) -> Parsed<'q, Test> {
        if let Ok((rest, _)) = self.keyword("neighbours")(input) {
            let (rest, _) = cut(expect("`(` after `neighbours`", symbol('('))).parse(rest)?;
            let (rest, of) =
                cut(expect("an authority in quotes", |i| self.string(i))).parse(rest)?;
            let (rest, _) = cut(expect("`)` after the authority", symbol(')'))).parse(rest)?;
            return Ok((rest, Test::InNeighbours { negated, of }));
        }
        // A word, where a value would stand, is the kind of a sub-query.
        if let Ok((after, _)) = symbol('(').parse(input)
            && let Ok((rest, kind)) = self.word(after)
        {
            return self.sub_query(rest, negated, kind, depth);
        }
        let (rest, values) = self.values(input)?;
        Ok((rest, Test::In { negated, values }))
    }

    /// What follows `in (kind`: `["where" expr] ")"`.
    fn sub_query(
        &self,
        input: &'q str,
        negated: bool,
        kind: Word,
        depth: usize,
    ) -> Parsed<'q, Test> {
        let (rest, filter) = match self.keyword("where")(input) {
            Ok((rest, _)) => {
                let (rest, filter) = cut(expect("a condition after `where`", |i| {
                    self.expr(i, depth + 1)
                }))
                .parse(rest)?;
                (rest, Some(Box::new(filter)))
            }
            Err(_) => (input, None),
        };
        let (rest, _) = cut(expect("`)` to close the sub-query", symbol(')'))).parse(rest)?;
        Ok((
            rest,
            Test::InAnswers {
                negated,
                kind,
                filter,
            },
        ))
    }

    /// `"(" value {"," value} ")"`
    fn values(&self, input: &'q str) -> Parsed<'q, Vec<Value>> {
        let (mut rest, _) = cut(expect("`(` after `in`", symbol('('))).parse(input)?;
        let mut values = Vec::new();
        loop {
            let (after, value) =
                cut(expect("a value in the list", |i| self.value(i))).parse(rest)?;
            values.push(value);
            let (after, separator) = cut(expect(
                "`,` or `)` in the list",
                alt((symbol(','), symbol(')'))),
            ))
            .parse(after)?;
            rest = after;
            if separator == ')' {
                return Ok((rest, values));
            }
        }
    }

    /// `value = string | date | integer`, where `date = digit{4} "-" digit{2} "-" digit{2}`
    fn value(&self, input: &'q str) -> Parsed<'q, Value> {
        let (start, _) = multispace0(input)?;
        if start.starts_with(['\'', '"']) {
            return self.string(start);
        }
        let (rest, digits) = take_while1(|c: char| c.is_ascii_digit()).parse(start)?;
        let (rest, kind) = if digits.len() == 4 && rest.starts_with('-') {
            let (rest, _) = take_while(|c: char| c.is_ascii_digit() || c == '-').parse(rest)?;
            let text = &start[..start.len() - rest.len()];
            match text.parse::<Date>() {
                Ok(date) => (rest, ValueKind::Date(date)),
                Err(_) => {
                    return fail_over(
                        start,
                        text.len(),
                        format!("`{text}` is not a date; dates are written YYYY-MM-DD"),
                    );
                }
            }
        } else {
            match digits.parse::<u64>() {
                Ok(n) => (rest, ValueKind::Integer(n)),
                Err(_) => {
                    return fail_over(
                        start,
                        digits.len(),
                        format!("`{digits}` is too large a number"),
                    );
                }
            }
        };
        if rest.starts_with(is_word_char) {
            // The number runs into a word: the whole run is the fault.
            let len = start.len() - rest.len() + token_len(rest);
            return fail_over(
                start,
                len,
                format!(
                    "`{}` is not a value; quote text, as in 'care leavers'",
                    &start[..len]
                ),
            );
        }
        Ok((
            rest,
            Value {
                kind,
                span: self.span(start, rest),
            },
        ))
    }

    /// `string = "'" {character | "\" character} "'" | '"' {character | "\" character} '"'`
    fn string(&self, input: &'q str) -> Parsed<'q, Value> {
        let (start, _) = multispace0(input)?;
        let mut chars = start.char_indices();
        let Some((_, quote @ ('\'' | '"'))) = chars.next() else {
            return Err(nom::Err::Error(Fault::from_error_kind(
                start,
                ErrorKind::Char,
            )));
        };
        let mut text = String::new();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some((_, escaped)) => text.push(escaped),
                    None => break,
                },
                c if c == quote => {
                    let rest = &start[i + c.len_utf8()..];
                    return Ok((
                        rest,
                        Value {
                            kind: ValueKind::String(text),
                            span: self.span(start, rest),
                        },
                    ));
                }
                c => text.push(c),
            }
        }
        fail(start, "unclosed quote: this string has no closing quote")
    }
}

/// One operand as itself, several as the operation `make` builds.
fn combine(mut operands: Vec<Expr>, make: fn(Vec<Expr>, Span) -> Expr) -> Expr {
    if operands.len() == 1 {
        return operands.remove(0);
    }
    let span = operands
        .iter()
        .map(Expr::span)
        .reduce(Span::to)
        .unwrap_or_default();
    make(operands, span)
}
