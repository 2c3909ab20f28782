//! The small values stored beside an inspection's listing: its records'
//! texts, and each word's postings in the inspection. Both name a record by
//! its ordinal (its place in key order in the inspection) and carry the
//! generation of the ingest that wrote them, so that a reader holding an
//! older listing knows a newer value for what it is.
//!
//! Texts: the records of ordinals `n * TEXTS_PER_VALUE` up to the next
//! multiple, a value each: generation (`u64` LE), the number of texts (`u8`),
//! where each ends (`u32` LE each), then the texts, UTF-8, one after
//! another. A record whose text its listing keeps has an empty one; a value
//! of none but such records is not written. A value is a few of a report's
//! texts (two kilobytes on average): sled's costs, at every open, go with
//! its keys, and a reader of one text reads its neighbours' too.
//!
//! A word's postings in one inspection: per record holding the word, the gap
//! from the previous ordinal, the number of positions, and the positions as
//! gaps; every number a varint. A report's records hold some 2,000 distinct
//! words, most in a few records: postings are tens of bytes. An
//! inspection's words are kept in [`BUCKETS`] buckets by a hash of the word,
//! a value each (some hundreds of bytes, 500 on average), and the keys put a bucket first,
//! then the inspection: the bucket of a word in every inspection stands side
//! by side, so a phrase reads its words' buckets and nothing else, and a
//! report writes a few hundred keys, once.
//!
//! A bucket: generation, then per word in word order, the word's length and
//! bytes and its postings' length and bytes; lengths are varints.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use super::StoreError;
use crate::model::Record;
use crate::text::words_borrowed;

/// The generation's bytes at the head of every value.
const GENERATION: usize = 8;

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt {
        what: format!("the {what} of an inspection"),
    }
}

/// A value's generation and the bytes after it; an error for bytes too
/// short to be a value.
fn split<'b>(bytes: &'b [u8], what: &str) -> Result<(u64, &'b [u8]), StoreError> {
    let (head, rest) = bytes
        .split_first_chunk::<GENERATION>()
        .ok_or_else(|| corrupt(what))?;
    Ok((u64::from_le_bytes(*head), rest))
}

/// The generation of a stored text or bucket; `None` for bytes too short.
pub(crate) fn generation_of(bytes: &[u8]) -> Option<u64> {
    split(bytes, "value").ok().map(|(generation, _)| generation)
}

/// How many records' texts a value holds (the last of a report's, fewer).
pub(crate) const TEXTS_PER_VALUE: u32 = 4;

/// The stored form of the texts of consecutive records (at most
/// [`TEXTS_PER_VALUE`]).
pub(crate) fn encode_texts(generation: u64, texts: &[&str]) -> Vec<u8> {
    let length: usize = texts.iter().map(|text| text.len()).sum();
    let mut bytes = Vec::with_capacity(GENERATION + 1 + 4 * texts.len() + length);
    bytes.extend(generation.to_le_bytes());
    // At most TEXTS_PER_VALUE texts, far below 256.
    bytes.push(texts.len() as u8);
    let mut end = 0u32;
    for text in texts {
        // A record's text is a paragraph: kilobytes, never 4 GB.
        end = end.saturating_add(u32::try_from(text.len()).unwrap_or(u32::MAX));
        bytes.extend(end.to_le_bytes());
    }
    for text in texts {
        bytes.extend_from_slice(text.as_bytes());
    }
    bytes
}

/// The texts of a stored value, in order, if of `generation`.
pub(crate) fn decode_texts(bytes: &[u8], generation: u64) -> Result<Option<Vec<&str>>, StoreError> {
    let damaged = || corrupt("texts");
    let (written, rest) = split(bytes, "texts")?;
    if written != generation {
        return Ok(None);
    }
    let (&count, rest) = rest.split_first().ok_or_else(damaged)?;
    let (ends, text) = rest
        .split_at_checked(4 * usize::from(count))
        .ok_or_else(damaged)?;
    let text = std::str::from_utf8(text).map_err(|_| damaged())?;
    let mut start = 0;
    let mut texts = Vec::with_capacity(usize::from(count));
    for end in ends.chunks_exact(4) {
        let end = u32::from_le_bytes([end[0], end[1], end[2], end[3]]) as usize;
        texts.push(text.get(start..end).ok_or_else(damaged)?);
        start = end;
    }
    if start != text.len() {
        return Err(damaged());
    }
    Ok(Some(texts))
}

/// Where a word stands in a record: (ordinal, positions).
type Occurrences = Vec<(u32, Vec<u32>)>;

/// The postings of every word of `records` (given in key order), in word order.
pub(crate) fn encode_postings(records: &[&Record]) -> Vec<(String, Vec<u8>)> {
    let mut by_word: HashMap<Cow<'_, str>, Occurrences> = HashMap::new();
    for (ordinal, record) in (0u32..).zip(records) {
        for (position, word) in words_borrowed(&record.text) {
            let occurrences = by_word.entry(word).or_default();
            match occurrences.last_mut() {
                Some((last, positions)) if *last == ordinal => positions.push(position),
                _ => occurrences.push((ordinal, vec![position])),
            }
        }
    }
    let mut words: Vec<(String, Vec<u8>)> = by_word
        .into_iter()
        .map(|(word, occurrences)| {
            let mut bytes = Vec::new();
            let mut previous_ordinal = 0;
            for (ordinal, positions) in occurrences {
                write_varint(&mut bytes, ordinal - previous_ordinal);
                previous_ordinal = ordinal;
                write_varint(&mut bytes, positions.len() as u32);
                let mut previous = 0;
                for position in positions {
                    write_varint(&mut bytes, position - previous);
                    previous = position;
                }
            }
            (word.into_owned(), bytes)
        })
        .collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    words
}

/// How many buckets an inspection's words are kept in. Part of the
/// stored format: it must not change. Fewer buckets are fewer keys, and
/// sled's open grows with its pages: 256 buckets, two thirds of the
/// corpus's keys, made its open 0.7 ms slower than 64 and its store 35 MB
/// rather than 23. More buckets are fewer bytes read for a phrase's word.
pub(crate) const BUCKETS: u8 = 64;
// The hash modulo BUCKETS is its low bits.
const _: () = assert!(BUCKETS.is_power_of_two());

/// The bucket of a word: FNV-1a, 64 bits, of its bytes, modulo
/// [`BUCKETS`]. Part of the stored format: it must not change.
pub(crate) fn bucket_of(word: &str) -> u8 {
    let hash = word.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    hash.to_le_bytes()[0] & (BUCKETS - 1)
}

/// The buckets of the words of `records` (given in key order), each
/// encoded with `generation`; empty buckets are not stored.
pub(crate) fn encode_buckets(generation: u64, records: &[&Record]) -> Vec<(u8, Vec<u8>)> {
    let mut buckets: BTreeMap<u8, Vec<u8>> = BTreeMap::new();
    // Words come in word order, so each bucket's do too.
    for (word, postings) in encode_postings(records) {
        let bytes = buckets
            .entry(bucket_of(&word))
            .or_insert_with(|| generation.to_le_bytes().to_vec());
        write_varint(bytes, word.len() as u32);
        bytes.extend_from_slice(word.as_bytes());
        write_varint(bytes, postings.len() as u32);
        bytes.extend_from_slice(&postings);
    }
    buckets.into_iter().collect()
}

/// The postings of `word` in a stored bucket; `None` where the bucket does
/// not hold the word, or is of another generation than `generation`.
pub(crate) fn postings_in<'b>(
    bytes: &'b [u8],
    generation: u64,
    word: &str,
) -> Result<Option<&'b [u8]>, StoreError> {
    let (written, mut rest) = split(bytes, "terms")?;
    if written != generation {
        return Ok(None);
    }
    while !rest.is_empty() {
        let (found, postings) = next_word(&mut rest).ok_or_else(|| corrupt("terms"))?;
        if found == word.as_bytes() {
            return Ok(Some(postings));
        }
    }
    Ok(None)
}

/// The word at the start of a bucket's `bytes` and its postings; the bytes
/// are moved past them.
fn next_word<'b>(bytes: &mut &'b [u8]) -> Option<(&'b [u8], &'b [u8])> {
    let length = read_varint(bytes)? as usize;
    let (word, mut rest) = bytes.split_at_checked(length)?;
    let length = read_varint(&mut rest)? as usize;
    let (postings, rest) = rest.split_at_checked(length)?;
    *bytes = rest;
    Some((word, postings))
}

/// The records whose text holds the phrase of `words` (lower case, at least
/// one), ascending by ordinal, each with how often it does; `postings`
/// gives each word's postings in the inspection (`None`: no record holds
/// it). The postings of the word with the fewest lead; the others are read
/// forward beside them, their positions decoded only for the records the
/// leader holds.
pub(crate) fn phrase<P: AsRef<[u8]>>(
    words: &[String],
    mut postings: impl FnMut(&str) -> Result<Option<P>, StoreError>,
) -> Result<Vec<(u32, u32)>, StoreError> {
    // Each distinct word once, with the places it takes in the phrase.
    let mut offsets: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (offset, word) in (0u32..).zip(words) {
        offsets.entry(word).or_default().push(offset);
    }
    let mut held = Vec::with_capacity(offsets.len());
    for (word, word_offsets) in &offsets {
        match postings(word)? {
            Some(bytes) => held.push((bytes, word_offsets)),
            None => return Ok(Vec::new()),
        }
    }
    let mut cursors: Vec<Cursor<'_>> = held
        .iter()
        .map(|(bytes, offsets)| Cursor::new(bytes.as_ref(), offsets))
        .collect();
    cursors.sort_by_key(|cursor| cursor.bytes.len());
    let Some((lead, others)) = cursors.split_first_mut() else {
        return Ok(Vec::new());
    };
    let mut found = Vec::new();
    let mut starts = Vec::new();
    while let Some(ordinal) = lead.next()? {
        starts.clear();
        starts.extend(lead.starts());
        for other in others.iter_mut() {
            if starts.is_empty() || !other.align(ordinal)? {
                starts.clear();
                break;
            }
            starts.retain(|&start| other.holds_from(start));
        }
        if !starts.is_empty() {
            // At most one start per position: the count fits as the positions do.
            found.push((ordinal, starts.len() as u32));
        }
    }
    Ok(found)
}

#[cfg(test)]
fn decode_occurrences(mut bytes: &[u8]) -> Option<Occurrences> {
    let mut occurrences = Vec::new();
    let mut ordinal: u32 = 0;
    while !bytes.is_empty() {
        ordinal = ordinal.checked_add(read_varint(&mut bytes)?)?;
        let count = read_varint(&mut bytes)?;
        // Each position takes at least a byte: a count beyond what is
        // left is damage, and must not size an allocation.
        let mut positions = Vec::with_capacity((count as usize).min(bytes.len()));
        let mut position: u32 = 0;
        for _ in 0..count {
            position = position.checked_add(read_varint(&mut bytes)?)?;
            positions.push(position);
        }
        occurrences.push((ordinal, positions));
    }
    Some(occurrences)
}

/// A word's postings read forward, one record at a time.
struct Cursor<'b> {
    bytes: &'b [u8],
    /// The places the word takes in the phrase.
    offsets: &'b [u32],
    /// The record last read.
    ordinal: Option<u32>,
    /// Its positions, where read.
    positions: Vec<u32>,
}

impl<'b> Cursor<'b> {
    fn new(bytes: &'b [u8], offsets: &'b [u32]) -> Cursor<'b> {
        Cursor {
            bytes,
            offsets,
            ordinal: None,
            positions: Vec::new(),
        }
    }

    /// Reads the next record's ordinal and the number of its positions.
    fn header(&mut self) -> Result<(u32, u32), StoreError> {
        let gap = read_varint(&mut self.bytes).ok_or_else(|| corrupt("terms"))?;
        let ordinal = self
            .ordinal
            .map_or(Some(gap), |previous| previous.checked_add(gap))
            .ok_or_else(|| corrupt("terms"))?;
        let count = read_varint(&mut self.bytes).ok_or_else(|| corrupt("terms"))?;
        self.ordinal = Some(ordinal);
        Ok((ordinal, count))
    }

    /// Reads `count` positions, keeping them or not.
    fn read_positions(&mut self, count: u32, keep: bool) -> Result<(), StoreError> {
        self.positions.clear();
        let mut position: u32 = 0;
        for _ in 0..count {
            let gap = read_varint(&mut self.bytes).ok_or_else(|| corrupt("terms"))?;
            position = position.checked_add(gap).ok_or_else(|| corrupt("terms"))?;
            if keep {
                self.positions.push(position);
            }
        }
        Ok(())
    }

    /// The next record holding the word, with its positions.
    fn next(&mut self) -> Result<Option<u32>, StoreError> {
        if self.bytes.is_empty() {
            return Ok(None);
        }
        let (ordinal, count) = self.header()?;
        self.read_positions(count, true)?;
        Ok(Some(ordinal))
    }

    /// Moves on to record `target`, its positions read; whether the word
    /// is in it (false once past it).
    fn align(&mut self, target: u32) -> Result<bool, StoreError> {
        loop {
            if let Some(ordinal) = self.ordinal.filter(|&ordinal| ordinal >= target) {
                return Ok(ordinal == target);
            }
            if self.bytes.is_empty() {
                return Ok(false);
            }
            let (ordinal, count) = self.header()?;
            self.read_positions(count, ordinal >= target)?;
        }
    }

    /// Whether the word stands at each of its places in a phrase starting
    /// at `start`, in the record read.
    fn holds_from(&self, start: u32) -> bool {
        self.offsets.iter().all(|&offset| {
            start
                .checked_add(offset)
                .is_some_and(|at| self.positions.binary_search(&at).is_ok())
        })
    }

    /// Where a phrase can start in the record read, by this word alone.
    fn starts(&self) -> impl Iterator<Item = u32> + '_ {
        let first = self.offsets.first().copied().unwrap_or(0);
        self.positions
            .iter()
            .filter_map(move |position| position.checked_sub(first))
            .filter(|&start| self.holds_from(start))
    }
}

fn write_varint(bytes: &mut Vec<u8>, mut value: u32) {
    loop {
        let low = (value & 0x7F) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

fn read_varint(bytes: &mut &[u8]) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in (0..35).step_by(7) {
        let (&byte, rest) = bytes.split_first()?;
        *bytes = rest;
        value |= u32::from(byte & 0x7F).checked_shl(shift)?;
        if byte & 0x80 == 0 {
            return (shift < 28 || byte < 0x10).then_some(value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slough() -> Vec<Record> {
        let mut records = crate::Report::parse_file("seeds/slough-2023-ilacs.txt")
            .unwrap()
            .records;
        records.sort_by(|a, b| a.key.cmp(&b.key));
        records
    }

    #[test]
    fn texts_are_read_back_of_their_generation_only() {
        let texts = ["Children in care are safe.", "", "Leaders know £1 well."];
        let bytes = encode_texts(9, &texts);
        assert_eq!(decode_texts(&bytes, 8).unwrap(), None);
        assert_eq!(decode_texts(&bytes, 9).unwrap(), Some(texts.to_vec()));
        for cut in 0..bytes.len() {
            assert!(decode_texts(&bytes[..cut], 9).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(b'x');
        assert!(decode_texts(&longer, 9).is_err());
        // The second text made to end inside "£" (bytes 39 and 40 of the
        // three): an end must fall between characters.
        let mut inside = bytes.clone();
        let second_end = 8 + 1 + 4;
        inside[second_end..second_end + 4].copy_from_slice(&40u32.to_le_bytes());
        assert!(decode_texts(&inside, 9).is_err());
    }

    #[test]
    fn postings_find_phrases_of_whole_words_in_order() {
        let records = slough();
        let refs: Vec<&Record> = records.iter().collect();
        let postings: HashMap<String, Vec<u8>> = encode_postings(&refs).into_iter().collect();
        let lookup = |word: &str| -> Result<Option<&[u8]>, StoreError> {
            Ok(postings.get(word).map(Vec::as_slice))
        };
        for phrase in [
            "care leavers",
            "the the",
            "return home",
            "children",
            "of the local",
        ] {
            let words: Vec<String> = crate::text::words(phrase).map(|(_, w)| w).collect();
            let expected: Vec<(u32, u32)> = (0u32..)
                .zip(&records)
                .map(|(ordinal, r)| (ordinal, crate::text::occurrences(&r.text, phrase)))
                .filter(|&(_, count)| count > 0)
                .collect();
            assert_eq!(super::phrase(&words, lookup).unwrap(), expected, "{phrase}");
        }
        assert!(
            super::phrase(&["xylophone".into()], lookup)
                .unwrap()
                .is_empty()
        );
        for (word, bytes) in &postings {
            let occurrences = decode_occurrences(bytes).unwrap();
            assert!(!occurrences.is_empty(), "{word}");
        }
    }

    #[test]
    fn buckets_hold_every_word_once_with_its_postings() {
        let records = slough();
        let refs: Vec<&Record> = records.iter().collect();
        let postings: HashMap<String, Vec<u8>> = encode_postings(&refs).into_iter().collect();
        let buckets: HashMap<u8, Vec<u8>> = encode_buckets(7, &refs).into_iter().collect();
        // A report's two thousand words fill every bucket.
        assert_eq!(buckets.len(), usize::from(BUCKETS));
        assert!(buckets.values().all(|bytes| bytes.len() < 4096));
        for (word, made) in &postings {
            let bucket = &buckets[&bucket_of(word)];
            assert_eq!(
                postings_in(bucket, 7, word).unwrap(),
                Some(&made[..]),
                "{word}"
            );
            assert_eq!(postings_in(bucket, 8, word).unwrap(), None);
        }
        let bucket = &buckets[&bucket_of("xylophone")];
        assert_eq!(postings_in(bucket, 7, "xylophone").unwrap(), None);
        assert!(postings_in(&bucket[..bucket.len() - 1], 7, "xylophone").is_err());
        // The bucket of a word is part of the stored format.
        assert_eq!(bucket_of("care"), bucket_of("care"));
        assert_eq!(bucket_of(""), 0x25);
    }

    #[test]
    fn varints_round_trip_and_refuse_overflow() {
        for value in [0, 1, 127, 128, 70_000, u32::MAX] {
            let mut bytes = Vec::new();
            write_varint(&mut bytes, value);
            assert_eq!(read_varint(&mut bytes.as_slice()), Some(value));
        }
        assert_eq!(read_varint(&mut &[0x80][..]), None);
        assert_eq!(read_varint(&mut &[0xFF, 0xFF, 0xFF, 0xFF, 0x7F][..]), None);
        assert_eq!(
            decode_occurrences(&[1, 7, 1, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F]),
            None
        );
    }
}

#[cfg(test)]
mod damage {
    //! Stored values as a damaged disk or a hostile file may leave them:
    //! reading them gives errors or answers, never a panic.

    use proptest::prelude::*;

    use super::*;
    use crate::store::listing::Listing;

    /// `bytes` with each (place, byte) of `changes` written over it, and
    /// cut to `keep` of its length (in 1/256ths).
    fn damaged(bytes: &[u8], changes: &[(usize, u8)], keep: u8) -> Vec<u8> {
        let mut bytes = bytes.to_vec();
        for &(at, byte) in changes {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        let keep = bytes.len() * (usize::from(keep) + 1) / 256;
        bytes.truncate(keep);
        bytes
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn damaged_values_never_panic(
            changes in prop::collection::vec((any::<usize>(), any::<u8>()), 0..8),
            keep in any::<u8>(),
        ) {
            let report = crate::Report::parse_file("seeds/slough-2023-ilacs.txt").unwrap();
            let mut records: Vec<&Record> = report.records.iter().collect();
            records.sort_by(|a, b| a.key.cmp(&b.key));
            let texts = [records[3].text.as_str(), "", records[4].text.as_str()];
            let text = damaged(&encode_texts(5, &texts), &changes, keep);
            let _ = decode_texts(&text, 5);
            let postings: HashMap<String, Vec<u8>> = encode_postings(&records)
                .into_iter()
                .map(|(word, bytes)| (word, damaged(&bytes, &changes, keep)))
                .collect();
            for phrase in [&["care", "leavers"][..], &["the"], &["the", "the"], &["zzz"]] {
                let words: Vec<String> = phrase.iter().map(|w| w.to_string()).collect();
                let _ = super::phrase(&words, |word| Ok(postings.get(word)));
            }
            for (_, bucket) in encode_buckets(5, &records).into_iter().take(8) {
                let _ = postings_in(&damaged(&bucket, &changes, keep), 5, "the");
            }
            let listing = Listing::of(&report, 5, &records);
            let _ = Listing::decode(&damaged(&listing.encode().unwrap(), &changes, keep));
        }
    }
}
