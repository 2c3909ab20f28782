//! The read view: everything the query engine may ask of the store, and
//! nothing of how the store lays it out.
//!
//! A [`Snapshot`] is the knowledge base as of one moment (a later ingest
//! does not change it): its inspections in key order, by place; for each,
//! what the catalogue knows of its records ([`Listed`], every field but the
//! text), which of them fall in a [`Group`] (a kind, an area, a grade), which
//! hold a phrase (the inspection's buckets of postings), and the whole
//! records, each text read from disk when asked for.

use std::ops::Range;
use std::sync::Arc;

use super::catalogue::Catalogue;
use super::listing::{Listing, Row};
use super::{StoreError, StoredRecords};
use crate::model::{Area, Grade, Inspection, Key, Kind, Record, Section};

pub(crate) use super::listing::Group;

/// The knowledge base as of one moment.
#[derive(Clone)]
pub(crate) struct Snapshot {
    store: super::Store,
    catalogue: Arc<Catalogue>,
}

impl Snapshot {
    pub(super) fn new(store: super::Store, catalogue: Arc<Catalogue>) -> Snapshot {
        Snapshot { store, catalogue }
    }

    /// How many inspections it holds.
    pub(crate) fn inspections(&self) -> usize {
        self.catalogue.listings().len()
    }

    /// How many records it holds.
    pub(crate) fn records(&self) -> u64 {
        self.catalogue.records()
    }

    /// How many words its records' texts have, together.
    pub(crate) fn words(&self) -> u64 {
        self.catalogue.words()
    }

    /// How many of its records hold the phrase of `words` (lower case):
    /// counted from every inspection's postings once, then kept for the
    /// snapshot's life.
    pub(crate) fn holding_count(&self, words: &[String]) -> Result<u64, StoreError> {
        if let Some(counted) = self.catalogue.frequency(words) {
            return Ok(counted);
        }
        let mut count = 0;
        let mut whole = true;
        for at in 0..self.inspections() {
            match self.inspection(at).occurrences(words)? {
                Some(holding) => count += holding.len() as u64,
                // Replaced since the snapshot was taken: not counted, and
                // the count not kept.
                None => whole = false,
            }
        }
        if whole {
            self.catalogue.keep_frequency(words, count);
        }
        Ok(count)
    }

    /// The inspection at this place in key order (below [`Snapshot::inspections`]).
    pub(crate) fn inspection(&self, at: usize) -> StoredInspection<'_> {
        StoredInspection {
            store: &self.store,
            listing: &self.catalogue.listings()[at],
        }
    }

    /// The places of the inspections of the authority with this slug.
    pub(crate) fn of_authority(&self, slug: &str) -> Range<usize> {
        self.catalogue.of_authority(slug)
    }

    /// The places of the inspections with records in any of `groups`, ascending.
    pub(crate) fn with_records_in(&self, groups: &[Group]) -> Vec<usize> {
        self.catalogue.with_rows_in(groups)
    }

    /// Every record, in key order, read from disk.
    pub(crate) fn every_record(&self) -> impl Iterator<Item = Result<Record, StoreError>> + use<> {
        self.store.scan(&super::Scope::All)
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("inspections", &self.inspections())
            .field("records", &self.records())
            .finish()
    }
}

/// One inspection of a snapshot.
#[derive(Clone, Copy)]
pub(crate) struct StoredInspection<'a> {
    store: &'a super::Store,
    listing: &'a Arc<Listing>,
}

impl<'a> StoredInspection<'a> {
    /// The inspection's fields.
    pub(crate) fn inspection(&self) -> &'a Inspection {
        &self.listing.inspection
    }

    /// The authority's slug.
    pub(crate) fn slug(&self) -> &'a str {
        &self.listing.slug
    }

    /// How many records it has; ordinals run below this.
    pub(crate) fn len(&self) -> u32 {
        // The store names a record by a u32 ordinal throughout (its groups,
        // texts and terms); a report has hundreds of records, not billions.
        u32::try_from(self.listing.rows.len()).unwrap_or(u32::MAX)
    }

    /// The ordinals of its records in `group`, ascending.
    pub(crate) fn in_group(&self, group: Group) -> Vec<u32> {
        self.listing.of_group(group)
    }

    /// What the catalogue knows of the record with this ordinal (below
    /// [`StoredInspection::len`]).
    pub(crate) fn listed(&self, ordinal: u32) -> Listed<'a> {
        Listed {
            listing: self.listing,
            row: &self.listing.rows[ordinal as usize],
        }
    }

    /// The ordinals of its records whose text holds the phrase of `words`
    /// (lower case), ascending; `None` where the inspection has been
    /// replaced or removed since the snapshot was taken.
    pub(crate) fn holding(&self, words: &[String]) -> Result<Option<Vec<u32>>, StoreError> {
        let found = self.occurrences(words)?;
        Ok(found.map(|found| found.into_iter().map(|(ordinal, _)| ordinal).collect()))
    }

    /// [`StoredInspection::holding`], each record with how often it holds
    /// the phrase (the postings' count of its starts).
    pub(crate) fn occurrences(
        &self,
        words: &[String],
    ) -> Result<Option<Vec<(u32, u32)>>, StoreError> {
        self.store.phrase_in(self.listing, words)
    }

    /// Its records as stored, each read from disk when asked for (or kept
    /// once read): [`StoredRecords::get`] says where the inspection has
    /// been replaced since the snapshot was taken.
    pub(crate) fn read(&self) -> StoredRecords<'a> {
        self.store.records_of(self.listing)
    }
}

/// What the catalogue knows of one record: every field but its text.
#[derive(Clone, Copy)]
pub(crate) struct Listed<'a> {
    listing: &'a Listing,
    row: &'a Row,
}

impl<'a> Listed<'a> {
    /// The inspection's fields, which every record of it shares.
    pub(crate) fn inspection(&self) -> &'a Inspection {
        &self.listing.inspection
    }

    /// The authority's slug.
    pub(crate) fn slug(&self) -> &'a str {
        &self.listing.slug
    }

    pub(crate) fn key(&self) -> Key {
        self.listing.key(self.row)
    }

    pub(crate) fn kind(&self) -> Kind {
        self.row.kind
    }

    pub(crate) fn section(&self) -> Section {
        self.row.section
    }

    pub(crate) fn paragraph(&self) -> Option<u32> {
        self.row.paragraph()
    }

    pub(crate) fn area(&self) -> Option<Area> {
        self.row.area
    }

    pub(crate) fn grade(&self) -> Option<Grade> {
        self.row.grade
    }

    pub(crate) fn refs(&self) -> &'a [u32] {
        self.listing.refs_of(self.row)
    }

    /// How many words its text has.
    pub(crate) fn length(&self) -> u32 {
        self.row.length
    }

    /// The whole record as the catalogue knows it: its text empty.
    pub(crate) fn without_text(&self) -> Record {
        self.listing.record_of(self.row, String::new())
    }
}
