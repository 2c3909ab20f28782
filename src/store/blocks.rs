//! The two values stored per inspection besides its listing: its records'
//! texts, and its terms (the inverted index of those texts). Both name a
//! record by its ordinal (its place in key order in the inspection), both
//! carry the generation of the ingest that wrote them, and both are read
//! in place: a text or a word is found without decoding the rest. The
//! listing holds every other field of a record, so a record is its row,
//! its inspection and its text.
//!
//! Texts block: format byte, generation (`u64` LE), record count (`u32`
//! LE), the end of each text (`u32` LE each), then the texts, UTF-8.
//!
//! Terms block: format byte, generation, word count, the start of each
//! word's entry (`u32` LE each), the entries in word order, then a hash
//! table of the words: twice as many slots as words (rounded up to a power
//! of two), each the index of a word plus one (0: empty), placed by the
//! word's FNV-1a hash and the slots after it. An entry is the word's length
//! and bytes, then its postings: per record holding the word, the gap from
//! the previous ordinal, the number of positions, and the positions as
//! gaps; every number a varint. A word is found in two or three reads of
//! memory, where a binary search of 2,000 words took twenty-odd: a phrase
//! looks its words up in every inspection still in question.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::StoreError;
use crate::model::Record;
use crate::text::words_borrowed;

const TEXTS_FORMAT: u8 = 1;
const TERMS_FORMAT: u8 = 2;
/// Format byte, generation and count.
const HEADER: usize = 1 + 8 + 4;

fn corrupt(what: &str) -> StoreError {
    StoreError::Corrupt {
        what: format!("the {what} of an inspection"),
    }
}

/// A block with its header: format, generation, then a table of `count`
/// offsets before the data.
fn write_header(format: u8, generation: u64, offsets: &[u32]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER + 4 * offsets.len());
    bytes.push(format);
    bytes.extend(generation.to_le_bytes());
    bytes.extend((offsets.len() as u32).to_le_bytes());
    for offset in offsets {
        bytes.extend(offset.to_le_bytes());
    }
    bytes
}

/// The generation of the ingest that wrote a block; `None` for bytes too
/// short to be one.
pub(crate) fn generation(bytes: &[u8]) -> Option<u64> {
    let word = bytes.get(1..9)?;
    let mut generation = [0; 8];
    generation.copy_from_slice(word);
    Some(u64::from_le_bytes(generation))
}

/// A block's header read: how many offsets its table holds, and where
/// its data starts; `None` where the block is of another generation
/// (written by a later ingest than the reader's listing).
fn read_header(
    bytes: &[u8],
    format: u8,
    offsets: Offsets,
    generation: u64,
    what: &str,
) -> Result<Option<Table>, StoreError> {
    let trailer = |count: usize| match offsets {
        Offsets::Starts => 4 * slots(count),
        Offsets::Ends => 0,
    };
    let (head, rest) = bytes
        .split_first_chunk::<HEADER>()
        .ok_or_else(|| corrupt(what))?;
    if head[0] != format {
        return Err(corrupt(what));
    }
    if self::generation(head) != Some(generation) {
        return Ok(None);
    }
    let count = u32::from_le_bytes([head[9], head[10], head[11], head[12]]) as usize;
    let data = count
        .checked_mul(4)
        .filter(|&table| table + trailer(count) <= rest.len())
        .ok_or_else(|| corrupt(what))?;
    Ok(Some(Table {
        count,
        data: HEADER + data,
        end: bytes.len() - trailer(count),
        offsets,
    }))
}

/// How many hash slots a terms block of `words` words has.
fn slots(words: usize) -> usize {
    if words == 0 {
        0
    } else {
        words.saturating_mul(2).next_power_of_two()
    }
}

/// FNV-1a, 64 bits: where a word's search starts in the hash table. Part
/// of the stored format: it must not change.
fn word_hash(word: &[u8]) -> u64 {
    word.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// What a block's offsets mark.
#[derive(Clone, Copy)]
enum Offsets {
    /// Where each item starts (terms: words are looked up, not walked; a
    /// hash table of the words follows the data).
    Starts,
    /// Where each item ends (records).
    Ends,
}

/// Where a block's offsets and data are. Offsets are read as they are
/// needed, not all at once: a lookup reads a handful of them.
#[derive(Clone, Copy)]
struct Table {
    count: usize,
    /// Where the data starts and ends.
    data: usize,
    end: usize,
    offsets: Offsets,
}

impl Table {
    /// The bytes of item `at`: from its offset to the next item's (or the
    /// end of the data, for the last); `None` where the offsets are damaged.
    fn item<'b>(&self, bytes: &'b [u8], at: usize) -> Option<&'b [u8]> {
        if at >= self.count {
            return None;
        }
        let offset = |i: usize| {
            let at = HEADER + 4 * i;
            let b = bytes.get(at..at + 4)?;
            Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
        };
        let data = bytes.get(self.data..self.end)?;
        let (start, end) = match self.offsets {
            Offsets::Starts if at + 1 < self.count => (offset(at)?, offset(at + 1)?),
            Offsets::Starts => (offset(at)?, data.len()),
            Offsets::Ends if at == 0 => (0, offset(at)?),
            Offsets::Ends => (offset(at - 1)?, offset(at)?),
        };
        data.get(start..end)
    }
}

/// The stored form of the texts of an inspection's records, given in key order.
pub(crate) fn encode_texts(generation: u64, records: &[&Record]) -> Result<Vec<u8>, StoreError> {
    let mut data = Vec::new();
    let mut ends = Vec::with_capacity(records.len());
    for record in records {
        data.extend_from_slice(record.text.as_bytes());
        ends.push(
            u32::try_from(data.len()).map_err(|_| StoreError::InvalidReport {
                reason: "its texts take more than 4 GiB".into(),
            })?,
        );
    }
    let mut bytes = write_header(TEXTS_FORMAT, generation, &ends);
    bytes.extend(data);
    Ok(bytes)
}

/// The texts of an inspection's records, checked once, read one at a time
/// by ordinal; cheap to clone.
#[derive(Clone, Debug)]
pub(crate) struct Texts {
    data: Arc<str>,
    ends: Arc<[u32]>,
}

impl Texts {
    /// The texts of a stored block; `None` where another ingest wrote it.
    /// The block is checked whole: its ends ascending, within the data,
    /// and the data UTF-8.
    pub(crate) fn read(bytes: &[u8], generation: u64) -> Result<Option<Texts>, StoreError> {
        let Some(table) = read_header(bytes, TEXTS_FORMAT, Offsets::Ends, generation, "texts")?
        else {
            return Ok(None);
        };
        let ends: Arc<[u32]> = bytes[HEADER..table.data]
            .chunks_exact(4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let data = std::str::from_utf8(&bytes[table.data..]).map_err(|_| corrupt("texts"))?;
        let ascending = ends.windows(2).all(|pair| pair[0] <= pair[1]);
        if !ascending || ends.last().map_or(0, |&end| end as usize) != data.len() {
            return Err(corrupt("texts"));
        }
        Ok(Some(Texts {
            data: data.into(),
            ends,
        }))
    }

    /// How many texts it holds.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The bytes it holds in memory.
    pub(crate) fn size(&self) -> usize {
        self.data.len() + 4 * self.ends.len()
    }

    /// The text of the record with this ordinal.
    pub(crate) fn get(&self, ordinal: u32) -> Result<&str, StoreError> {
        let at = ordinal as usize;
        let end = self.ends.get(at).ok_or_else(|| corrupt("texts"))?;
        let start = at
            .checked_sub(1)
            .map_or(Some(&0), |previous| self.ends.get(previous));
        start
            .and_then(|&start| self.data.get(start as usize..*end as usize))
            .ok_or_else(|| corrupt("texts"))
    }
}

/// Where a word stands in a record: (ordinal, positions).
type Occurrences = Vec<(u32, Vec<u32>)>;

/// The stored form of the terms of an inspection's records, given in key order.
pub(crate) fn encode_terms(generation: u64, records: &[&Record]) -> Vec<u8> {
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
    let mut words: Vec<(Cow<'_, str>, Occurrences)> = by_word.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut data = Vec::new();
    let mut starts = Vec::with_capacity(words.len());
    for (word, occurrences) in &words {
        starts.push(data.len() as u32);
        write_varint(&mut data, word.len() as u32);
        data.extend_from_slice(word.as_bytes());
        let mut previous_ordinal = 0;
        for (ordinal, positions) in occurrences {
            write_varint(&mut data, ordinal - previous_ordinal);
            previous_ordinal = *ordinal;
            write_varint(&mut data, positions.len() as u32);
            let mut previous = 0;
            for &position in positions {
                write_varint(&mut data, position - previous);
                previous = position;
            }
        }
    }
    let mut table = vec![0u32; slots(words.len())];
    let mask = table.len().wrapping_sub(1);
    for (index, (word, _)) in (1u32..).zip(&words) {
        let mut at = word_hash(word.as_bytes()) as usize & mask;
        while table[at] != 0 {
            at = (at + 1) & mask;
        }
        table[at] = index;
    }
    let mut bytes = write_header(TERMS_FORMAT, generation, &starts);
    bytes.extend(data);
    for slot in table {
        bytes.extend(slot.to_le_bytes());
    }
    bytes
}

/// An inspection's terms as stored, searched in place.
pub(crate) struct TermsBlock<B> {
    bytes: B,
    table: Table,
}

impl<B: AsRef<[u8]>> TermsBlock<B> {
    /// The block in `bytes`; `None` where another ingest wrote it.
    pub(crate) fn open(bytes: B, generation: u64) -> Result<Option<Self>, StoreError> {
        Ok(read_header(
            bytes.as_ref(),
            TERMS_FORMAT,
            Offsets::Starts,
            generation,
            "terms",
        )?
        .map(|table| TermsBlock { bytes, table }))
    }

    /// The word of entry `at` and the postings after it.
    fn entry(&self, at: usize) -> Result<(&[u8], &[u8]), StoreError> {
        let mut entry = self
            .table
            .item(self.bytes.as_ref(), at)
            .ok_or_else(|| corrupt("terms"))?;
        let len = read_varint(&mut entry).ok_or_else(|| corrupt("terms"))? as usize;
        entry.split_at_checked(len).ok_or_else(|| corrupt("terms"))
    }

    /// The postings of `word` (lower case), if the inspection's records
    /// hold it.
    fn postings(&self, word: &str) -> Result<Option<&[u8]>, StoreError> {
        let slots = slots(self.table.count);
        let mask = slots.wrapping_sub(1);
        let mut at = word_hash(word.as_bytes()) as usize & mask;
        // At most every slot once, even in a damaged table with no empty one.
        for _ in 0..slots {
            let slot = self
                .bytes
                .as_ref()
                .get(self.table.end + 4 * at..self.table.end + 4 * at + 4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| corrupt("terms"))?;
            let Some(index) = (slot as usize).checked_sub(1) else {
                return Ok(None);
            };
            let (found, postings) = self.entry(index)?;
            if found == word.as_bytes() {
                return Ok(Some(postings));
            }
            at = (at + 1) & mask;
        }
        Ok(None)
    }

    /// The records whose text holds the phrase of these words (lower case,
    /// at least one), ascending by ordinal, each with how often it does.
    /// The postings of the word with the fewest lead; the others are read
    /// forward beside them, their positions decoded only for the records
    /// the leader holds.
    pub(crate) fn phrase(&self, words: &[String]) -> Result<Vec<(u32, u32)>, StoreError> {
        // Each distinct word once, with the places it takes in the phrase.
        let mut offsets: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (offset, word) in (0u32..).zip(words) {
            offsets.entry(word).or_default().push(offset);
        }
        let mut cursors = Vec::with_capacity(offsets.len());
        for (word, word_offsets) in &offsets {
            match self.postings(word)? {
                Some(postings) => cursors.push(Cursor::new(postings, word_offsets)),
                None => return Ok(Vec::new()),
            }
        }
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

    /// Every word with its occurrences, in word order (for checking a block).
    #[cfg(test)]
    fn words(&self) -> Result<Vec<(String, Occurrences)>, StoreError> {
        (0..self.table.count)
            .map(|at| {
                let (word, postings) = self.entry(at)?;
                Ok((
                    String::from_utf8_lossy(word).into_owned(),
                    decode_occurrences(postings).ok_or_else(|| corrupt("terms"))?,
                ))
            })
            .collect()
    }
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
    fn texts_are_read_back_one_at_a_time() {
        let records = slough();
        let refs: Vec<&Record> = records.iter().collect();
        let bytes = encode_texts(9, &refs).unwrap();
        assert!(Texts::read(&bytes, 8).unwrap().is_none());
        let texts = Texts::read(&bytes, 9).unwrap().unwrap();
        assert_eq!(texts.len(), records.len());
        for (ordinal, record) in (0u32..).zip(&records) {
            assert_eq!(texts.get(ordinal).unwrap(), record.text);
        }
        assert!(texts.get(records.len() as u32).is_err());
    }

    #[test]
    fn damaged_blocks_are_errors() {
        let records = slough();
        let refs: Vec<&Record> = records.iter().collect();
        let bytes = encode_texts(1, &refs).unwrap();
        for cut in [0, 5, HEADER, HEADER + 3, bytes.len() - 1] {
            assert!(Texts::read(&bytes[..cut], 1).is_err(), "cut at {cut}");
        }
        let mut wrong_format = bytes.clone();
        wrong_format[0] = 9;
        assert!(Texts::read(&wrong_format, 1).is_err());
        let mut not_utf8 = bytes.clone();
        let last = not_utf8.len() - 1;
        not_utf8[last] = 0xFF;
        assert!(Texts::read(&not_utf8, 1).is_err());
        // Offsets of terms are read as needed: damage shows where it is read.
        let terms = encode_terms(1, &refs);
        let cut = TermsBlock::open(&terms[..terms.len() / 2], 1)
            .unwrap()
            .unwrap();
        assert!(cut.words().is_err());
    }

    #[test]
    fn terms_find_phrases_of_whole_words_in_order() {
        let records = slough();
        let refs: Vec<&Record> = records.iter().collect();
        let bytes = encode_terms(3, &refs);
        let block = TermsBlock::open(bytes.as_slice(), 3).unwrap().unwrap();
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
            assert_eq!(block.phrase(&words).unwrap(), expected, "{phrase}");
        }
        let words = block.words().unwrap();
        assert!(words.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for (word, occurrences) in &words {
            let postings = block.postings(word).unwrap().unwrap();
            assert_eq!(
                &decode_occurrences(postings).unwrap(),
                occurrences,
                "{word}"
            );
        }
        assert!(block.phrase(&["xylophone".into()]).unwrap().is_empty());
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
    use crate::store::catalogue::Listing;

    /// The three values of Slough's inspection, as stored.
    fn stored() -> (Vec<u8>, Vec<u8>, Vec<u8>) {
        let report = crate::Report::parse_file("seeds/slough-2023-ilacs.txt").unwrap();
        let mut records: Vec<&Record> = report.records.iter().collect();
        records.sort_by(|a, b| a.key.cmp(&b.key));
        let listing = Listing::of(&report, 5, &records);
        (
            encode_texts(5, &records).unwrap(),
            encode_terms(5, &records),
            listing.encode().unwrap(),
        )
    }

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
            let (texts, terms, listing) = stored();
            if let Ok(Some(texts)) = Texts::read(&damaged(&texts, &changes, keep), 5) {
                for ordinal in 0..texts.len() as u32 + 2 {
                    let _ = texts.get(ordinal);
                }
            }
            if let Ok(Some(terms)) = TermsBlock::open(damaged(&terms, &changes, keep), 5) {
                for phrase in [&["care", "leavers"][..], &["the"], &["the", "the"], &["zzz"]] {
                    let words: Vec<String> = phrase.iter().map(|w| w.to_string()).collect();
                    let _ = terms.phrase(&words);
                }
                let _ = terms.words();
            }
            let _ = Listing::decode(&damaged(&listing, &changes, keep));
        }
    }
}
