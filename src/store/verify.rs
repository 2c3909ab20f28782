//! What the store checks: a report's records before they are stored, and
//! the stored values of every inspection against each other and against
//! the catalogue in memory (`verify`).

use std::collections::HashMap;
use std::sync::{Arc, PoisonError};

use super::error::guarded;
use super::listing::Listing;
use super::postings::{TEXTS_PER_VALUE, decode_texts, encode_buckets};
use super::{LISTINGS, Store, StoreError, TERMS, TEXTS, describe, term_key};
use crate::model::{Inspection, Kind, Record};

impl Store {
    /// Checks that every inspection's values can be read and agree: its
    /// listing is in key order, it has a text of its generation for every
    /// row, its postings are what its texts make; no text or postings lack
    /// a listing; and the catalogue in memory is what is on disk. Every
    /// inspection is read, and the error names each that cannot be read
    /// whole (a value damaged, a file of the database missing).
    pub fn verify(&self) -> Result<(), StoreError> {
        guarded(|| self.verify_all())
    }

    fn verify_all(&self) -> Result<(), StoreError> {
        // Writes wait while the whole is read: one landing between reading
        // the disk and the catalogue would look like damage.
        let _writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let problem = |what: String| Err(StoreError::Corrupt { what });
        let catalogue = self.catalogue();
        let mut listings = Vec::new();
        let mut damaged = Vec::new();
        // The buckets of postings the texts make, by key, with their inspection.
        let mut expected: HashMap<Vec<u8>, (Vec<u8>, String)> = HashMap::new();
        for item in self.tree.scan_prefix([LISTINGS]) {
            let listing = Arc::new(Listing::decode(&item?.1)?);
            match self.verify_inspection(&listing, &mut expected) {
                Ok(()) => {}
                Err(StoreError::Corrupt { what }) => damaged.push(what),
                Err(other) => return Err(other),
            }
            listings.push(listing);
        }
        let in_memory = catalogue.listings();
        if listings.len() != in_memory.len() || listings.iter().zip(in_memory).any(|(a, b)| a != b)
        {
            return problem("the catalogue in memory is not the one on disk".into());
        }
        for item in self.tree.scan_prefix([TEXTS]) {
            let (key, value) = item?;
            let (prefix, index) = key[1..].split_at(key.len().saturating_sub(5));
            let Some(listing) = catalogue.get(prefix) else {
                return problem("a text without its inspection's listing".into());
            };
            let first = <[u8; 4]>::try_from(index)
                .ok()
                .and_then(|index| u32::from_be_bytes(index).checked_mul(TEXTS_PER_VALUE))
                .filter(|&first| (first as usize) < listing.rows.len());
            let Some(first) = first else {
                damaged.push(format!(
                    "{} has a text beyond its records",
                    describe(listing)
                ));
                continue;
            };
            // A value that does not read is said by reading its records.
            let Ok(Some(texts)) = decode_texts(&value, listing.generation) else {
                continue;
            };
            let places = (listing.rows.len() as u32 - first).min(TEXTS_PER_VALUE);
            if texts.len() != places as usize {
                damaged.push(format!(
                    "{} has a value of {} texts where its records make {places}",
                    describe(listing),
                    texts.len()
                ));
                continue;
            }
            let listed = |(ordinal, _): &(u32, &&str)| listing.listed_text(*ordinal).is_some();
            let mut places = (first..).zip(&texts);
            if places
                .clone()
                .any(|place| listed(&place) && !place.1.is_empty())
                || places.all(|place| listed(&place))
            {
                damaged.push(format!(
                    "{} has a text stored twice, in its listing and apart",
                    describe(listing)
                ));
            }
        }
        // Every postings value stored is one the texts make, and each is stored.
        for item in self.tree.scan_prefix([TERMS]) {
            let (key, value) = item?;
            let Some(listing) = key.get(2..).and_then(|prefix| catalogue.get(prefix)) else {
                return problem("postings without their inspection's listing".into());
            };
            match expected.remove(key.as_ref()) {
                Some((made, _)) if made == value.as_ref() => {}
                Some((_, of)) => damaged.push(format!(
                    "{of} has postings that are not what its texts make"
                )),
                None => damaged.push(format!(
                    "{} has postings its texts do not make",
                    describe(listing)
                )),
            }
        }
        damaged.extend(
            expected
                .into_values()
                .map(|(_, of)| format!("{of} lacks postings of its texts")),
        );
        damaged.sort();
        damaged.dedup();
        if !damaged.is_empty() {
            let count = damaged.len();
            let inspections = if count == 1 {
                "inspection"
            } else {
                "inspections"
            };
            return problem(format!(
                "{count} {inspections} cannot be read whole: {}",
                damaged.join("; ")
            ));
        }
        Ok(())
    }

    /// Reads every record of an inspection, and adds the postings its texts
    /// make to `expected`, by key.
    fn verify_inspection(
        &self,
        listing: &Arc<Listing>,
        expected: &mut HashMap<Vec<u8>, (Vec<u8>, String)>,
    ) -> Result<(), StoreError> {
        let problem = |what: &str| {
            Err(StoreError::Corrupt {
                what: format!("{} {what}", describe(listing)),
            })
        };
        // The writer's lock is held: the catalogue is settled.
        let stored = self.records_of_writing(listing);
        let mut records = Vec::with_capacity(listing.rows.len());
        for ordinal in 0..listing.rows.len() as u32 {
            match stored.get(ordinal)? {
                Some(record) => records.push(record),
                None => return problem("has a text of another generation"),
            }
        }
        let records: Vec<&Record> = records.iter().collect();
        for (bucket, words) in encode_buckets(listing.generation, &records) {
            expected.insert(
                term_key(bucket, &listing.prefix),
                (words, describe(listing)),
            );
        }
        Ok(())
    }
}

/// Refuses records (given in key order) that do not all belong to
/// `inspection`, carry provenance that disagrees with it or with their
/// key, or repeat a key: the catalogue keeps the inspection's fields once,
/// and a record's place by its key.
pub(super) fn check_records(inspection: &Inspection, records: &[&Record]) -> Result<(), String> {
    let authority = inspection.authority.slug();
    let id = inspection.id();
    for record in records {
        let paragraph = record.key.position.paragraph();
        let disagrees = if record.kind == Kind::Change || record.change.is_some() {
            // Changes are derived from the judgements stored, never stored.
            Some("is a change, which is derived and not stored")
        } else if record.score.is_some() || record.snippet.is_some() {
            // Given by a query to its answers: not part of a report.
            Some("carries a score or snippet, which queries give")
        } else if record.key.authority != authority || record.key.inspection != id {
            Some("is not of the inspection")
        } else if record.authority != inspection.authority.name
            || record.authority_code != inspection.authority.code
        {
            Some("names another authority")
        } else if (record.inspection, record.framework, record.inspected_from)
            != (id, inspection.framework, inspection.inspected_from)
            || (record.inspected_to, record.published)
                != (inspection.inspected_to, inspection.published)
        {
            Some("gives other inspection dates or framework")
        } else if (&record.lead_inspector, record.inspection_type)
            != (&inspection.lead_inspector, inspection.inspection_type)
        {
            Some("gives another lead inspector or inspection type")
        } else if record.section != record.key.section || record.paragraph != paragraph {
            Some("gives a section or paragraph other than its key's")
        } else {
            None
        };
        if let Some(what) = disagrees {
            return Err(format!("record {} {what} ({authority}/{id})", record.key));
        }
    }
    if let Some(pair) = records.windows(2).find(|pair| pair[0].key == pair[1].key) {
        return Err(format!("key {} is repeated", pair[0].key));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::postings::{TEXTS_PER_VALUE, bucket_of, encode_texts};
    use super::super::text_key;
    use super::*;
    use crate::model::Report;

    #[test]
    fn verify_finds_values_that_disagree_with_their_listing() {
        let kb = Store::temporary().unwrap();
        for seed in ["seeds/slough-2023-ilacs.txt", "seeds/leeds-2015-sif.txt"] {
            kb.ingest(&Report::parse_file(seed).unwrap()).unwrap();
        }
        kb.verify().unwrap();
        let catalogue = kb.catalogue();
        let [leeds, slough] = catalogue.listings() else {
            panic!("two listings expected");
        };
        // Each damage is made, found, and undone.
        let damage = |key: Vec<u8>, bytes: Option<sled::IVec>| {
            let before = kb.tree.get(&key).unwrap();
            match bytes {
                Some(bytes) => kb.tree.insert(&key, bytes).unwrap(),
                None => kb.tree.remove(&key).unwrap(),
            };
            let found = kb.verify().unwrap_err().to_string();
            match before {
                Some(bytes) => kb.tree.insert(&key, bytes).unwrap(),
                None => kb.tree.remove(&key).unwrap(),
            };
            found
        };
        let key = term_key(bucket_of("slough"), &slough.prefix);
        let stored = kb.tree.get(&key).unwrap().unwrap();
        let leeds_bucket = kb.tree.get(term_key(bucket_of("slough"), &leeds.prefix));
        let other = damage(key.clone(), leeds_bucket.unwrap());
        assert!(
            other.contains("slough/2023-02-03 has postings that are not what its texts make"),
            "{other}"
        );
        let mut stale = stored.to_vec();
        stale[..8].copy_from_slice(&leeds.generation.to_le_bytes());
        let stale = damage(key.clone(), Some(stale.into()));
        assert!(stale.contains("not what its texts make"), "{stale}");
        let lost = damage(key, None);
        assert!(
            lost.contains("slough/2023-02-03 lacks postings of its texts"),
            "{lost}"
        );
        // Every bucket of Slough's holds a word: a stray one is any other key.
        let empty =
            (0..=u8::MAX).find(|&b| kb.tree.get(term_key(b, &slough.prefix)).unwrap().is_none());
        if let Some(empty) = empty {
            let stray = damage(term_key(empty, &slough.prefix), Some(stored.clone()));
            assert!(
                stray.contains("slough/2023-02-03 has postings its texts do not make"),
                "{stray}"
            );
        }
        // Judgements' and reports' texts are kept in the listing, the others apart.
        let long = |listing: &Listing| (0u32..).find(|&o| listing.listed_text(o).is_none());
        let (slough_long, leeds_long) = (long(slough).unwrap(), long(leeds).unwrap());
        let no_text = damage(text_key(&slough.prefix, slough_long), None);
        assert!(
            no_text.contains(&format!(
                "the text of record {slough_long} of slough/2023-02-03 is missing"
            )),
            "{no_text}"
        );
        let cut = damage(
            text_key(&leeds.prefix, leeds_long),
            Some(vec![1, 2, 3].into()),
        );
        assert!(cut.contains("damaged"), "{cut}");
        let listed = (0u32..).find(|&o| slough.listed_text(o).is_some()).unwrap();
        let first = listed - listed % TEXTS_PER_VALUE;
        let count = (slough.rows.len() as u32 - first).min(TEXTS_PER_VALUE);
        let texts: Vec<&str> = (first..first + count)
            .map(|o| if o == listed { "x" } else { "" })
            .collect();
        let twice = damage(
            text_key(&slough.prefix, listed),
            Some(encode_texts(slough.generation, &texts).into()),
        );
        assert!(
            twice.contains("slough/2023-02-03 has a text stored twice"),
            "{twice}"
        );
        // A value of the first four records' texts with a fifth besides.
        let key = text_key(&leeds.prefix, leeds_long);
        let stored_texts = kb.tree.get(&key).unwrap().unwrap();
        let mut five = decode_texts(&stored_texts, leeds.generation)
            .unwrap()
            .unwrap();
        five.push("a text of no record");
        let extra = damage(key, Some(encode_texts(leeds.generation, &five).into()));
        assert!(
            extra.contains(&format!(
                "leeds/2015-02-11 has a value of {} texts where its records make {}",
                five.len(),
                five.len() - 1
            )),
            "{extra}"
        );
        let mut orphan_prefix = slough.prefix.clone();
        orphan_prefix.push(0);
        let orphan = damage(term_key(0, &orphan_prefix), Some(stored));
        assert!(
            orphan.contains("without their inspection's listing"),
            "{orphan}"
        );
        kb.verify().unwrap();
    }
}
