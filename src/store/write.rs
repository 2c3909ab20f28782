//! Writing: a report stored, replacing the inspection's earlier reading,
//! and an inspection removed, each in one atomic batch.

use std::sync::{Arc, MutexGuard, PoisonError};

use super::error::guarded;
use super::keys::inspection_prefix;
use super::listing::Listing;
use super::postings::{BUCKETS, TEXTS_PER_VALUE, encode_buckets, encode_texts};
use super::verify::check_records;
use super::{INSPECTIONS, Ingested, LISTINGS, Store, StoreError, TEXTS, WRITES, refusals};
use super::{space_key, term_key, text_key};
use crate::model::{Date, Record, Report, slug};

impl Store {
    /// Stores a report, replacing any earlier version of the same
    /// inspection, in one atomic batch.
    pub fn ingest(&self, report: &Report) -> Result<Ingested, StoreError> {
        self.ingest_with(report, Vec::new())
    }

    /// Stores a report read from `file`, and forgets that the file was
    /// refused before, in one atomic batch.
    pub fn ingest_from(&self, report: &Report, file: &str) -> Result<Ingested, StoreError> {
        self.ingest_with(report, vec![(refusals::key(file), None)])
    }

    /// Stores a report with `also` (keys set or, for `None`, removed) in its
    /// batch; a report of one part of an inspection (the local authority's,
    /// or the board's review published alone) is stored with the other part
    /// the knowledge base holds (`parts`).
    fn ingest_with(&self, report: &Report, also: Vec<Change>) -> Result<Ingested, StoreError> {
        // Held from the read of the other part to the write of both.
        let writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        let report = self.with_the_other_part(report)?;
        let mut records: Vec<&Record> = report.records.iter().collect();
        records.sort_by(|a, b| a.key.cmp(&b.key));
        check_records(&report.inspection, &records)
            .map_err(|reason| StoreError::InvalidReport { reason })?;
        let generation = guarded(|| Ok(self.db.generate_id()?))?;
        let listing = Listing::of(&report, generation, &records);
        let prefix = listing.prefix.clone();
        let mut changes = also;
        changes.push((space_key(LISTINGS, &prefix), Some(listing.encode()?)));
        // A text the listing keeps is kept there alone: its place in a
        // value of texts is empty, and a value of none but such is not written.
        let per_value = TEXTS_PER_VALUE as usize;
        for (first, chunk) in (0u32..).step_by(per_value).zip(records.chunks(per_value)) {
            if chunk.iter().all(|record| Listing::keeps_text(record)) {
                continue;
            }
            let texts: Vec<&str> = chunk
                .iter()
                .map(|record| {
                    if Listing::keeps_text(record) {
                        ""
                    } else {
                        &record.text
                    }
                })
                .collect();
            changes.push((
                text_key(&prefix, first),
                Some(encode_texts(generation, &texts)),
            ));
        }
        for (bucket, words) in encode_buckets(generation, &records) {
            changes.push((term_key(bucket, &prefix), Some(words)));
        }
        let replaced = self.write(&writer, &prefix, changes, Some(Arc::new(listing)))?;
        Ok(Ingested {
            records: records.len(),
            replaced,
        })
    }

    /// Removes an inspection (authority by name or slug) and every trace of
    /// it; returns how many records it had.
    pub fn remove_inspection(
        &self,
        authority: &str,
        inspection: Date,
    ) -> Result<usize, StoreError> {
        let prefix = inspection_prefix(&slug(authority), inspection);
        let writer = self.writer.lock().unwrap_or_else(PoisonError::into_inner);
        self.write(
            &writer,
            &prefix,
            vec![(space_key(LISTINGS, &prefix), None)],
            None,
        )
    }

    /// Applies one batch that removes the inspection under `prefix` as
    /// stored (its texts and its buckets of postings) and then makes
    /// `changes`, and puts `listing` in the catalogue in its place; returns
    /// how many records the inspection had before. Writers take turns: the
    /// caller holds the writer's lock (`_writer`), so that writes land in
    /// the catalogue in the order they land on disk.
    fn write(
        &self,
        _writer: &MutexGuard<'_, ()>,
        prefix: &[u8],
        changes: Vec<Change>,
        listing: Option<Arc<Listing>>,
    ) -> Result<usize, StoreError> {
        let before = self.catalogue();
        let had = before.get(prefix).map_or(0, |listing| listing.rows.len());
        // Removals first: a key the changes set again is set.
        let mut batch = sled::Batch::default();
        let texts = guarded(|| {
            self.tree
                .scan_prefix(space_key(TEXTS, prefix))
                .keys()
                .collect::<Result<Vec<_>, _>>()
                .map_err(StoreError::from)
        })?;
        for key in texts {
            batch.remove(key);
        }
        for bucket in 0..BUCKETS {
            batch.remove(term_key(bucket, prefix));
        }
        for (key, value) in changes {
            match value {
                Some(value) => batch.insert(key, value),
                None => batch.remove(key),
            }
        }
        let after = Arc::new(before.with(prefix, listing));
        // How many listings there are, in the same batch: opening counts
        // them again, and a listing lost with a file is noticed.
        let count = after.listings().len() as u64;
        batch.insert([INSPECTIONS].as_slice(), count.to_be_bytes().as_slice());
        // And the batch counts itself, for the mark a flush leaves (`flushed`).
        let writes = self.writes()? + 1;
        batch.insert([WRITES].as_slice(), writes.to_be_bytes().as_slice());
        guarded(|| Ok(self.tree.apply_batch(batch)?))?;
        *self
            .catalogue
            .write()
            .unwrap_or_else(PoisonError::into_inner) = after;
        Ok(had)
    }
}

/// A key set to a value, or (`None`) removed, in a write's batch.
type Change = (Vec<u8>, Option<Vec<u8>>);
