//! Order-preserving byte encodings of keys and index values, written by
//! hand: bincode's integers do not sort, so its output is never a key.
//!
//! Each tuple element is encoded so that comparing encodings byte by byte
//! compares the tuples element by element:
//!
//! - a string: its bytes with 0x00 escaped as 0x00 0xFF, then 0x00 0x01, so
//!   that a string sorts before its extensions;
//! - a number: big-endian, fixed width;
//! - a date: year (2 bytes), month, day;
//! - an enum: one byte, its place in the type's `ALL` order.

use crate::model::{Date, Key, Kind, Position, Section};

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

    pub(crate) fn u32(mut self, value: u32) -> Writer {
        self.0.extend(value.to_be_bytes());
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

/// Reads tuple elements back; `None` where the bytes are not an encoding.
pub(crate) struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    pub(crate) fn str(&mut self) -> Option<String> {
        let mut bytes = Vec::new();
        let mut i = 0;
        loop {
            match (self.0.get(i)?, self.0.get(i + 1)) {
                (&ESCAPE, Some(&TERMINATOR)) => break,
                (&ESCAPE, Some(&ESCAPED_ZERO)) => {
                    bytes.push(0);
                    i += 2;
                }
                (&ESCAPE, _) => return None,
                (&byte, _) => {
                    bytes.push(byte);
                    i += 1;
                }
            }
        }
        self.0 = &self.0[i + 2..];
        String::from_utf8(bytes).ok()
    }

    pub(crate) fn u8(&mut self) -> Option<u8> {
        let (&first, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(first)
    }

    pub(crate) fn u32(&mut self) -> Option<u32> {
        let (head, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        Some(u32::from_be_bytes(*head))
    }

    pub(crate) fn date(&mut self) -> Option<Date> {
        let (head, rest) = self.0.split_first_chunk::<4>()?;
        self.0 = rest;
        Date::new(u16::from_be_bytes([head[0], head[1]]), head[2], head[3])
    }

    /// What is left unread.
    pub(crate) fn rest(&self) -> &'a [u8] {
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

/// The value with code `code` in `all`.
pub(crate) fn from_code<T: Copy>(all: &[T], code: u8) -> Option<T> {
    all.get(usize::from(code)).copied()
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

/// The byte form of a key, as the store sorts it: (authority, inspection,
/// section, position), where unnumbered positions sort before numbered ones.
///
/// ```
/// use inspection_kb::store::encode_key;
/// let a = "leeds/2015-02-11/recommendations/9".parse().unwrap();
/// let b = "leeds/2015-02-11/recommendations/10".parse().unwrap();
/// assert!(encode_key(&a) < encode_key(&b));
/// ```
pub fn encode_key(key: &Key) -> Vec<u8> {
    let (tag, number) = match key.position {
        Position::Ordinal(n) => (0, n),
        Position::Paragraph(n) => (1, n),
    };
    Writer::default()
        .str(&key.authority)
        .date(key.inspection)
        .u8(section_code(key.section))
        .u8(tag)
        .u32(number)
        .finish()
}

/// A key from its byte form; `None` for bytes that are not one.
pub fn decode_key(bytes: &[u8]) -> Option<Key> {
    let mut reader = Reader(bytes);
    let authority = reader.str()?;
    let inspection = reader.date()?;
    let section = from_code(&Section::ALL, reader.u8()?)?;
    let position = match (reader.u8()?, reader.u32()?) {
        (0, n) => Position::Ordinal(n),
        (1, n) => Position::Paragraph(n),
        _ => return None,
    };
    reader.rest().is_empty().then_some(Key {
        authority,
        inspection,
        section,
        position,
    })
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
        let mut reader = Reader(&enc("x\0y")[..]);
        assert_eq!(reader.str().as_deref(), Some("x\0y"));
        assert!(reader.rest().is_empty());
    }

    #[test]
    fn malformed_bytes_are_not_keys() {
        assert_eq!(decode_key(&[]), None);
        assert_eq!(decode_key(&[b'a', 0, 7]), None);
        let key: Key = "leeds/2015-02-11/recommendations/9".parse().unwrap();
        let mut bytes = encode_key(&key);
        assert_eq!(decode_key(&bytes), Some(key));
        bytes.push(0);
        assert_eq!(decode_key(&bytes), None);
    }

    #[test]
    fn codes_follow_the_order_of_all() {
        assert!(Section::ALL.windows(2).all(|w| w[0] < w[1]));
        for (i, kind) in Kind::ALL.iter().enumerate() {
            assert_eq!(usize::from(kind_code(*kind)), i);
            assert_eq!(from_code(&Kind::ALL, kind_code(*kind)), Some(*kind));
        }
    }
}
