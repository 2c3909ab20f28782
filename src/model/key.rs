//! Record keys: `authority/inspection/section/paragraph`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Date, Section};

/// Where a record stands within its section: the report's own paragraph
/// number, or, for unnumbered text, its ordinal among the section's
/// unnumbered records (from 1; the report and judgement records count from 0).
/// Unnumbered text sorts before numbered text of the same section, as a
/// section's summary stands before its numbered findings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Position {
    /// The n-th unnumbered record of the section; written `#n`.
    Ordinal(u32),
    /// A numbered paragraph; written as its number.
    Paragraph(u32),
}

impl Position {
    /// The report's own paragraph number, where the position is one.
    pub fn paragraph(self) -> Option<u32> {
        match self {
            Position::Paragraph(number) => Some(number),
            Position::Ordinal(_) => None,
        }
    }
}

/// The identity of a record, written
/// `kingston-upon-thames/2015-06-18/help-and-protection/17`
/// (`.../executive-summary/#2` for the second unnumbered paragraph).
///
/// ```
/// use inspection_kb::Key;
/// let key: Key = "kingston-upon-thames/2015-06-18/help-and-protection/17".parse().unwrap();
/// assert_eq!(key.to_string(), "kingston-upon-thames/2015-06-18/help-and-protection/17");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key {
    /// The authority's slug: `kingston-upon-thames`.
    pub authority: String,
    /// The inspection id: its last day.
    pub inspection: Date,
    /// The section.
    pub section: Section,
    /// The place within the section.
    pub position: Position,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Position::Ordinal(n) => write!(f, "#{n}"),
            Position::Paragraph(n) => write!(f, "{n}"),
        }
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}/{}",
            self.authority,
            self.inspection,
            self.section.slug(),
            self.position
        )
    }
}

/// Text that is not a key.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not a key; keys are written authority/YYYY-MM-DD/section/paragraph")]
pub struct ParseKeyError(pub String);

impl FromStr for Key {
    type Err = ParseKeyError;

    fn from_str(s: &str) -> Result<Key, ParseKeyError> {
        let fail = || ParseKeyError(s.to_string());
        let parts: Vec<&str> = s.split('/').collect();
        let [authority, inspection, section, position] = parts[..] else {
            return Err(fail());
        };
        let slug_ok = !authority.is_empty()
            && authority.split('-').all(|w| {
                !w.is_empty() && w.chars().all(|c| c.is_alphanumeric() && !c.is_uppercase())
            });
        let number = |digits: &str| {
            digits
                .parse::<u32>()
                .ok()
                .filter(|_| digits.bytes().all(|b| b.is_ascii_digit()))
        };
        let position = match position.strip_prefix('#') {
            Some(ordinal) => Position::Ordinal(number(ordinal).ok_or_else(fail)?),
            None => Position::Paragraph(number(position).ok_or_else(fail)?),
        };
        if !slug_ok {
            return Err(fail());
        }
        Ok(Key {
            authority: authority.to_string(),
            inspection: inspection.parse().map_err(|_| fail())?,
            section: section.parse().map_err(|_| fail())?,
            position,
        })
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Key, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_text() {
        for text in [
            "kingston-upon-thames/2015-06-18/help-and-protection/17",
            "leeds/2015-02-11/executive-summary/#2",
            "bradford/2022-12-02/children-in-care-and-care-leavers/30",
            "slough/2023-02-03/report/#0",
        ] {
            let key: Key = text.parse().unwrap();
            assert_eq!(key.to_string(), text);
        }
    }

    #[test]
    fn malformed_keys_are_refused() {
        for text in [
            "",
            "leeds/2015-02-11/executive-summary",
            "Leeds/2015-02-11/executive-summary/1",
            "leeds/2015-02-31/executive-summary/1",
            "leeds/2015-02-11/nowhere/1",
            "leeds/2015-02-11/executive-summary/#",
            "leeds/2015-02-11/executive-summary/+1",
            "leeds//2015-02-11/executive-summary/1",
            "-leeds/2015-02-11/executive-summary/1",
        ] {
            assert!(text.parse::<Key>().is_err(), "{text}");
        }
    }

    #[test]
    fn unnumbered_text_sorts_before_numbered_text() {
        assert!(Position::Ordinal(99) < Position::Paragraph(1));
        assert!(Position::Paragraph(9) < Position::Paragraph(10));
    }
}
