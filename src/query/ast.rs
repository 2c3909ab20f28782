//! The syntax tree of a query: plain data, every node with the byte span of
//! the text it was read from. [`Query`]'s `Display` writes it back as query
//! text that parses to the same tree.

use std::fmt;

use crate::model::Date;

/// A byte range of the query text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// A whole query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// `explain`: show the plan instead of the answer.
    pub explain: bool,
    /// `count`: count the records instead of listing them.
    pub count: bool,
    /// `count distinct field`: count the field's distinct values instead.
    pub distinct: Option<Word>,
    /// `latest`: of each authority, only its most recent inspection that
    /// has records to answer.
    pub latest: bool,
    /// The kind of record asked for.
    pub kind: Word,
    /// The `where` condition.
    pub filter: Option<Expr>,
    /// The `group by` field.
    pub group_by: Vec<Word>,
    /// `having count op integer`: only the groups whose count compares so.
    pub having: Option<Having>,
    /// The `order by` keys, in order.
    pub order_by: Vec<OrderKey>,
    /// `limit`.
    pub limit: Option<Number>,
    /// `offset`.
    pub offset: Option<Number>,
    /// The whole query.
    pub span: Span,
}

/// `having count op integer`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Having {
    /// The operator.
    pub op: Op,
    /// The number the count is compared with.
    pub count: Number,
    /// Where.
    pub span: Span,
}

/// A word as written: a kind or a field name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// The word, as written.
    pub name: String,
    /// Where.
    pub span: Span,
}

/// A whole number as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Number {
    /// Its value.
    pub value: u64,
    /// Where.
    pub span: Span,
}

/// One key of `order by`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrderKey {
    /// The field.
    pub field: Word,
    /// `desc`.
    pub descending: bool,
    /// Where.
    pub span: Span,
}

/// A condition built of `and`, `or`, `not` and parentheses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expr {
    /// Any operand holds; two or more.
    Or(Vec<Expr>, Span),
    /// Every operand holds; two or more.
    And(Vec<Expr>, Span),
    /// The operand does not hold.
    Not(Box<Expr>, Span),
    /// One test of one field.
    Condition(Condition),
}

impl Expr {
    /// Where.
    pub fn span(&self) -> Span {
        match self {
            Expr::Or(_, span) | Expr::And(_, span) | Expr::Not(_, span) => *span,
            Expr::Condition(condition) => condition.span,
        }
    }
}

/// A test of one field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Condition {
    /// The field.
    pub field: Word,
    /// The test.
    pub test: Test,
    /// Where.
    pub span: Span,
}

/// What a condition tests.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Test {
    /// `field op value`.
    Compare {
        /// The operator.
        op: Op,
        /// Where the operator is.
        op_span: Span,
        /// The value.
        value: Value,
    },
    /// `field [not] in (value, ...)`.
    In {
        /// `not in`.
        negated: bool,
        /// The values, one or more.
        values: Vec<Value>,
    },
    /// `field [not] in neighbours('authority')`: the authority's
    /// statistical neighbours.
    InNeighbours {
        /// `not in`.
        negated: bool,
        /// The authority whose neighbours are meant.
        of: Value,
    },
    /// `field [not] in (kind [where expr])`: the field's values among the
    /// answers of a sub-query.
    InAnswers {
        /// `not in`.
        negated: bool,
        /// The sub-query's kind.
        kind: Word,
        /// The sub-query's condition.
        filter: Option<Box<Expr>>,
    },
    /// `field contains 'phrase'`.
    Contains {
        /// The phrase.
        phrase: Value,
    },
    /// `field matches 'words'`: any of the words.
    Matches {
        /// The words, in one string.
        words: Value,
    },
    /// `field between low and high`.
    Between {
        /// The low end, included.
        low: Value,
        /// The high end, included.
        high: Value,
    },
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Op {
    /// `=`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl Op {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// A literal value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Value {
    /// What it is.
    pub kind: ValueKind,
    /// Where.
    pub span: Span,
}

/// The kinds of literal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ValueKind {
    /// A quoted string, escapes resolved.
    String(String),
    /// A whole number.
    Integer(u64),
    /// An ISO date, unquoted.
    Date(Date),
}

impl Query {
    /// The same tree with every span zeroed, to compare trees by content.
    pub fn without_spans(&self) -> Query {
        let word = |w: &Word| Word {
            name: w.name.clone(),
            span: Span::default(),
        };
        let number = |n: &Number| Number {
            value: n.value,
            span: Span::default(),
        };
        Query {
            explain: self.explain,
            count: self.count,
            distinct: self.distinct.as_ref().map(word),
            latest: self.latest,
            kind: word(&self.kind),
            filter: self.filter.as_ref().map(Expr::without_spans),
            group_by: self.group_by.iter().map(word).collect(),
            having: self.having.map(|having| Having {
                op: having.op,
                count: number(&having.count),
                span: Span::default(),
            }),
            order_by: self
                .order_by
                .iter()
                .map(|k| OrderKey {
                    field: word(&k.field),
                    descending: k.descending,
                    span: Span::default(),
                })
                .collect(),
            limit: self.limit.as_ref().map(number),
            offset: self.offset.as_ref().map(number),
            span: Span::default(),
        }
    }
}

impl Expr {
    fn without_spans(&self) -> Expr {
        let none = Span::default();
        match self {
            Expr::Or(operands, _) => {
                Expr::Or(operands.iter().map(Expr::without_spans).collect(), none)
            }
            Expr::And(operands, _) => {
                Expr::And(operands.iter().map(Expr::without_spans).collect(), none)
            }
            Expr::Not(operand, _) => Expr::Not(Box::new(operand.without_spans()), none),
            Expr::Condition(c) => Expr::Condition(Condition {
                field: Word {
                    name: c.field.name.clone(),
                    span: none,
                },
                test: c.test.without_spans(),
                span: none,
            }),
        }
    }
}

impl Test {
    fn without_spans(&self) -> Test {
        let value = |v: &Value| Value {
            kind: v.kind.clone(),
            span: Span::default(),
        };
        match self {
            Test::Compare { op, value: v, .. } => Test::Compare {
                op: *op,
                op_span: Span::default(),
                value: value(v),
            },
            Test::In { negated, values } => Test::In {
                negated: *negated,
                values: values.iter().map(value).collect(),
            },
            Test::InNeighbours { negated, of } => Test::InNeighbours {
                negated: *negated,
                of: value(of),
            },
            Test::InAnswers {
                negated,
                kind,
                filter,
            } => Test::InAnswers {
                negated: *negated,
                kind: Word {
                    name: kind.name.clone(),
                    span: Span::default(),
                },
                filter: filter.as_ref().map(|e| Box::new(e.without_spans())),
            },
            Test::Contains { phrase } => Test::Contains {
                phrase: value(phrase),
            },
            Test::Matches { words } => Test::Matches {
                words: value(words),
            },
            Test::Between { low, high } => Test::Between {
                low: value(low),
                high: value(high),
            },
        }
    }
}

impl fmt::Display for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.explain {
            f.write_str("explain ")?;
        }
        if self.count {
            f.write_str("count ")?;
        }
        if let Some(field) = &self.distinct {
            write!(f, "distinct {} ", field.name)?;
        }
        if self.latest {
            f.write_str("latest ")?;
        }
        f.write_str(&self.kind.name)?;
        if let Some(filter) = &self.filter {
            write!(f, " where {filter}")?;
        }
        for (i, group) in self.group_by.iter().enumerate() {
            f.write_str(if i == 0 { " group by " } else { ", " })?;
            f.write_str(&group.name)?;
        }
        if let Some(having) = &self.having {
            write!(
                f,
                " having count {} {}",
                having.op.as_str(),
                having.count.value
            )?;
        }
        for (i, key) in self.order_by.iter().enumerate() {
            f.write_str(if i == 0 { " order by " } else { ", " })?;
            write!(
                f,
                "{}{}",
                key.field.name,
                if key.descending { " desc" } else { "" }
            )?;
        }
        if let Some(limit) = &self.limit {
            write!(f, " limit {}", limit.value)?;
        }
        if let Some(offset) = &self.offset {
            write!(f, " offset {}", offset.value)?;
        }
        Ok(())
    }
}

impl fmt::Display for Expr {
    /// Writes operands in parentheses where reading them back without would
    /// give another tree: an `or` inside an `and`, an operation inside one of
    /// its own kind, anything but a condition or `not` after `not`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Or(operands, _) => join(f, operands, " or ", |e| matches!(e, Expr::Or(..))),
            Expr::And(operands, _) => join(f, operands, " and ", |e| {
                matches!(e, Expr::Or(..) | Expr::And(..))
            }),
            Expr::Not(operand, _) => match operand.as_ref() {
                Expr::Condition(_) | Expr::Not(..) => write!(f, "not {operand}"),
                _ => write!(f, "not ({operand})"),
            },
            Expr::Condition(condition) => write!(f, "{condition}"),
        }
    }
}

fn join(
    f: &mut fmt::Formatter<'_>,
    operands: &[Expr],
    separator: &str,
    parenthesise: fn(&Expr) -> bool,
) -> fmt::Result {
    for (i, operand) in operands.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        if parenthesise(operand) {
            write!(f, "({operand})")?;
        } else {
            write!(f, "{operand}")?;
        }
    }
    Ok(())
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.field.name)?;
        match &self.test {
            Test::Compare { op, value, .. } => write!(f, "{} {value}", op.as_str()),
            Test::In { negated, values } => {
                f.write_str(if *negated { "not in (" } else { "in (" })?;
                for (i, value) in values.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{value}")?;
                }
                f.write_str(")")
            }
            Test::InNeighbours { negated, of } => {
                let not = if *negated { "not " } else { "" };
                write!(f, "{not}in neighbours({of})")
            }
            Test::InAnswers {
                negated,
                kind,
                filter,
            } => {
                let not = if *negated { "not " } else { "" };
                write!(f, "{not}in ({}", kind.name)?;
                if let Some(filter) = filter {
                    write!(f, " where {filter}")?;
                }
                f.write_str(")")
            }
            Test::Contains { phrase } => write!(f, "contains {phrase}"),
            Test::Matches { words } => write!(f, "matches {words}"),
            Test::Between { low, high } => write!(f, "between {low} and {high}"),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ValueKind::String(text) => {
                f.write_str("'")?;
                for c in text.chars() {
                    if matches!(c, '\'' | '\\') {
                        f.write_str("\\")?;
                    }
                    write!(f, "{c}")?;
                }
                f.write_str("'")
            }
            ValueKind::Integer(n) => write!(f, "{n}"),
            ValueKind::Date(date) => write!(f, "{date}"),
        }
    }
}
