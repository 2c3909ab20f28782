//! Order-preserving byte encodings of keys and index values, written by
//! hand: bincode's integers do not sort, so its output is never a key.
//!
//! Each tuple element is encoded so that comparing encodings byte by byte
//! compares the tuples element by element:
//!
//! - a string: its bytes with 0x00 escaped as 0x00 0xFF, then 0x00 0x01, so
//!   that a string sorts before its extensions;
//! - a date: year (2 bytes), month, day;
//! - an enum: one byte, its place in the type's `ALL` order.

use crate::model::{Date, Kind, Section};

const ESCAPE: u8 = 0x00;
const ESCAPED_ZERO: u8 = 0xFF;
const TERMINATOR: u8 = 0x01;

/// Writes tuple elements.
#[derive(Default)]
pub(crate) struct Writer(Vec<u8>);

impl Writer {
    pub(crate) fn str(mut self, text: &str) -> Writer {
        for &byte in text.as_bytes() {
            self.0.push(byte);
            if byte == ESCAPE {
                self.0.push(ESCAPED_ZERO);
            }
        }
        self.0.extend([ESCAPE, TERMINATOR]);
        self
    }

    pub(crate) fn u8(mut self, value: u8) -> Writer {
        self.0.push(value);
        self
    }

    pub(crate) fn date(mut self, date: Date) -> Writer {
        self.0.extend(date.year().to_be_bytes());
        self.0.extend([date.month(), date.day()]);
        self
    }

    pub(crate) fn bytes(mut self, bytes: &[u8]) -> Writer {
        self.0.extend_from_slice(bytes);
        self
    }

    pub(crate) fn finish(self) -> Vec<u8> {
        self.0
    }
}

/// The place of `value` in `all`, as one byte.
pub(crate) fn code<T: PartialEq>(all: &[T], value: &T) -> u8 {
    // Every `ALL` array lists every variant and has fewer than 256 of them.
    all.iter()
        .position(|v| v == value)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(u8::MAX)
}

pub(crate) fn kind_code(kind: Kind) -> u8 {
    code(&Kind::ALL, &kind)
}

pub(crate) fn section_code(section: Section) -> u8 {
    code(&Section::ALL, &section)
}

/// The prefix of every key of an inspection: (authority, inspection).
pub(crate) fn inspection_prefix(authority_slug: &str, inspection: Date) -> Vec<u8> {
    Writer::default()
        .str(authority_slug)
        .date(inspection)
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_sort_before_their_extensions_and_escape_zero() {
        let enc = |s: &str| Writer::default().str(s).finish();
        assert!(enc("a") < enc("ab"));
        assert!(enc("a") < enc("a\0"));
        assert!(enc("a\0") < enc("a\u{1}"));
        assert!(enc("") < enc("a"));
    }

    proptest::proptest! {
        /// Listings sort by their prefix, and so by authority, then inspection.
        #[test]
        fn prefixes_sort_as_authority_then_inspection(
            a in "[a-z\\-\\x00]{0,6}", b in "[a-z\\-\\x00]{0,6}",
            x in (2013u16..2027, 1u8..13, 1u8..29), y in (2013u16..2027, 1u8..13, 1u8..29),
        ) {
            let date = |(y, m, d)| Date::new(y, m, d).unwrap();
            let (x, y) = (date(x), date(y));
            proptest::prop_assert_eq!(
                (&a, x).cmp(&(&b, y)),
                inspection_prefix(&a, x).cmp(&inspection_prefix(&b, y))
            );
        }
    }

    #[test]
    fn codes_follow_the_order_of_all() {
        assert!(Section::ALL.windows(2).all(|w| w[0] < w[1]));
        for (i, kind) in Kind::ALL.iter().enumerate() {
            assert_eq!(usize::from(kind_code(*kind)), i);
        }
        for (i, section) in Section::ALL.iter().enumerate() {
            assert_eq!(usize::from(section_code(*section)), i);
        }
    }
}
