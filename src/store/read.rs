//! Reading: a stored inspection's records, each text read when asked for
//! (or kept with its listing once read), its phrases from its buckets of
//! postings, and records by key or scope.

use std::sync::{Arc, OnceLock, PoisonError};

use super::error::guarded;
use super::keys::inspection_prefix;
use super::listing::Listing;
use super::postings::{self, TEXTS_PER_VALUE, bucket_of, decode_texts, generation_of, postings_in};
use super::{Scope, Store, StoreError, describe, term_key, text_key};
use crate::model::{Key, Record};

impl Store {
    /// The records of a listing as stored, each read when asked for.
    pub(super) fn records_of<'s>(&'s self, listing: &'s Listing) -> StoredRecords<'s> {
        StoredRecords {
            listing,
            store: self,
            writing: false,
        }
    }

    /// [`Store::records_of`], for a writer that holds the writer's lock:
    /// the catalogue is settled, and waiting for the lock would never end.
    pub(super) fn records_of_writing<'s>(&'s self, listing: &'s Listing) -> StoredRecords<'s> {
        StoredRecords {
            listing,
            store: self,
            writing: true,
        }
    }

    /// A bucket of a listing's terms: kept with it, or read (and kept,
    /// where of its generation and memory allows); `None` where the
    /// inspection has no word in the bucket.
    fn bucket(&self, listing: &Listing, bucket: u8) -> Result<Option<sled::IVec>, StoreError> {
        let kept = || {
            listing
                .buckets
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
        };
        if let Some((_, bytes)) = kept().iter().find(|(b, _)| *b == bucket) {
            return Ok(Some(bytes.value.clone()));
        }
        // Read without the lock: readers of the listing's other buckets
        // need not wait for this one's page.
        let read = guarded(|| Ok(self.tree.get(term_key(bucket, &listing.prefix))?))?;
        if let Some(bytes) = &read
            && generation_of(bytes) == Some(listing.generation)
        {
            let mut kept = kept();
            // Another reader may have kept it meanwhile: kept once.
            if !kept.iter().any(|(b, _)| *b == bucket)
                && let Ok(taken) = self.budget.take(bytes.clone(), bytes.len())
            {
                kept.push((bucket, taken));
            }
        }
        Ok(read)
    }

    /// Whether `listing` is still the inspection's once any write under way
    /// has put its listing in the catalogue: a write lands on disk a moment
    /// before the catalogue has it, and a reader between the two must not
    /// take the new values for damage of the old listing's.
    fn settled_current(&self, listing: &Listing) -> bool {
        let _settled = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        self.is_current(listing)
    }

    /// Whether `listing` is still the inspection's, in the catalogue as of now.
    fn is_current(&self, listing: &Listing) -> bool {
        self.catalogue()
            .get(&listing.prefix)
            .is_some_and(|now| now.generation == listing.generation)
    }

    /// A listing's records whose text holds the phrase of `words` (lower
    /// case), ascending by ordinal, each with how often it does; `None`
    /// where the inspection has been replaced or removed since the listing
    /// was read. Every record holds the empty phrase, once.
    pub(super) fn phrase_in(
        &self,
        listing: &Listing,
        words: &[String],
    ) -> Result<Option<Vec<(u32, u32)>>, StoreError> {
        if words.is_empty() {
            return Ok(Some(
                (0..listing.rows.len() as u32).map(|o| (o, 1)).collect(),
            ));
        }
        let part = || format!("the terms of {}", describe(listing));
        let (mut missing, mut other_generation) = (false, false);
        let found = postings::phrase(words, |word| {
            let read = self.bucket(listing, bucket_of(word));
            let Some(bytes) = read.map_err(|error| error.in_part(part))? else {
                missing = true;
                return Ok(None);
            };
            other_generation |= generation_of(&bytes) != Some(listing.generation);
            Ok(postings_in(&bytes, listing.generation, word)?.map(<[u8]>::to_vec))
        })?;
        // A bucket missing or of another generation may be the inspection's
        // replacement's: then the listing's inspection is no longer there to
        // answer. Where it is still there, a bucket of another generation is
        // damage (a missing one only holds no word of this inspection's).
        if (missing || other_generation) && !self.settled_current(listing) {
            return Ok(None);
        }
        if other_generation {
            return Err(StoreError::Corrupt {
                what: format!("the terms of {} are another ingest's", describe(listing)),
            });
        }
        // Ordinals ascend: the last is the largest.
        if found
            .last()
            .is_some_and(|&(last, _)| last as usize >= listing.rows.len())
        {
            return Err(StoreError::Corrupt {
                what: format!(
                    "the terms of {} name a record it has not",
                    describe(listing)
                ),
            });
        }
        Ok(Some(found))
    }

    /// The record with this key.
    pub fn get(&self, key: &Key) -> Result<Option<Record>, StoreError> {
        let catalogue = self.catalogue();
        let prefix = inspection_prefix(&key.authority, key.inspection);
        let Some(listing) = catalogue.get(&prefix) else {
            return Ok(None);
        };
        let Some(ordinal) = listing.find(key.section, key.position) else {
            return Ok(None);
        };
        self.records_of(listing).get(ordinal)
    }

    /// The records in a scope, in key order; `.rev()` for the reverse.
    pub fn scan(
        &self,
        scope: &Scope,
    ) -> impl DoubleEndedIterator<Item = Result<Record, StoreError>> + use<> {
        let (listings, section) = scope.select(&self.catalogue());
        let store = self.clone();
        listings.into_iter().flat_map(move |listing| {
            let ordinals = (0u32..)
                .zip(&listing.rows)
                .filter(|(_, row)| section.is_none_or(|s| row.section == s))
                .map(|(ordinal, _)| ordinal);
            let stored = store.records_of(&listing);
            // `None`: replaced since the scan began; none of it, not part.
            ordinals
                .map(|o| stored.get(o).transpose())
                .collect::<Option<Vec<_>>>()
                .unwrap_or_default()
        })
    }
}

/// The records of one inspection as stored: its listing, a record made
/// whole with its text, read from disk (or kept with the listing) when it
/// is asked for.
pub(crate) struct StoredRecords<'s> {
    listing: &'s Listing,
    store: &'s Store,
    /// Whether the reader holds the writer's lock.
    writing: bool,
}

impl StoredRecords<'_> {
    /// The record with this ordinal; `None` where the inspection has been
    /// replaced since its listing was read, and its text was not kept.
    pub(crate) fn get(&self, ordinal: u32) -> Result<Option<Record>, StoreError> {
        let listing = self.listing;
        let beyond = || StoreError::Corrupt {
            what: format!("a record beyond the listing of {}", describe(listing)),
        };
        // A text the listing keeps: nothing to read, nothing to check.
        if let Some(text) = listing.listed_text(ordinal) {
            return listing.record(ordinal, text).map(Some).ok_or_else(beyond);
        }
        let slots = listing
            .texts
            .get_or_init(|| listing.rows.iter().map(|_| OnceLock::new()).collect());
        let slot = slots.get(ordinal as usize).ok_or_else(beyond)?;
        if let Some(kept) = slot.get() {
            return listing
                .record(ordinal, &kept.value)
                .map(Some)
                .ok_or_else(beyond);
        }
        let part = || format!("the texts of {}", describe(listing));
        let key = text_key(&listing.prefix, ordinal);
        let read = guarded(|| Ok(self.store.tree.get(&key)?)).map_err(|e| e.in_part(part))?;
        let texts = match &read {
            Some(bytes) => decode_texts(bytes, listing.generation)?,
            None => None,
        };
        let text = texts.and_then(|texts| texts.get((ordinal % TEXTS_PER_VALUE) as usize).copied());
        let Some(text) = text else {
            let current = if self.writing {
                self.store.is_current(listing)
            } else {
                self.store.settled_current(listing)
            };
            if !current {
                return Ok(None);
            }
            return Err(StoreError::Corrupt {
                what: format!(
                    "the text of record {ordinal} of {} is missing",
                    describe(listing)
                ),
            });
        };
        let record = listing.record(ordinal, text).ok_or_else(beyond)?;
        let _ = self.store.budget.keep(slot, Arc::from(text), text.len());
        Ok(Some(record))
    }
}
