//! The catalogue: every field of every record but its text, one listing per
//! inspection, kept on disk beside the inspection's records and in memory
//! while the knowledge base is open.
//!
//! The catalogue is the index of every field but the text: a query reads
//! it in memory, as a column store reads its columns, and fetches from disk
//! only the records that answer (or whose text it must read). Records are
//! grouped by kind, area, and kind, area and grade: the catalogue knows
//! which listings have records in each group (made when a question first
//! asks), and a listing finds its records of a group by walking its rows,
//! a few hundred (every question opens every listing, and most ask the
//! groups of a few). Listings stand in key order, so by authority. The
//! catalogue costs some 40 bytes of memory per record, and a report's
//! listing is one value: sled's cost is per key.
//! How a listing is stored, to be read fast, is in [`super::listing`].

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use super::listing::{GROUPS, Group, Listing};

/// Every inspection's listing, by key prefix: a snapshot, never changed
/// once made (an ingest makes the next one).
#[derive(Debug, Default)]
pub(super) struct Catalogue {
    listings: Vec<Arc<Listing>>,
    /// For each group, the places of the listings with rows in it; made
    /// when first asked for, as a catalogue is made by every ingest.
    with_rows: OnceLock<Vec<Vec<u32>>>,
    /// The number of records holding each phrase ranked by so far.
    frequencies: Mutex<HashMap<Vec<String>, u64>>,
}

impl Catalogue {
    /// A catalogue of these listings, in any order.
    pub(super) fn new(mut listings: Vec<Arc<Listing>>) -> Catalogue {
        listings.sort_by(|a, b| a.prefix.cmp(&b.prefix));
        Catalogue {
            listings,
            with_rows: OnceLock::new(),
            frequencies: Mutex::default(),
        }
    }

    /// The listings, in key order.
    pub(super) fn listings(&self) -> &[Arc<Listing>] {
        &self.listings
    }

    /// Where the listings of the authority with this slug stand.
    pub(super) fn of_authority(&self, slug: &str) -> std::ops::Range<usize> {
        // Listings sort by prefix, and so by slug first.
        let start = self.listings.partition_point(|l| l.slug.as_str() < slug);
        let end = self.listings.partition_point(|l| l.slug.as_str() <= slug);
        start..end
    }

    /// The listing of the inspection with this prefix.
    pub(super) fn get(&self, prefix: &[u8]) -> Option<&Arc<Listing>> {
        self.position(prefix).ok().map(|at| &self.listings[at])
    }

    fn position(&self, prefix: &[u8]) -> Result<usize, usize> {
        self.listings
            .binary_search_by(|listing| listing.prefix.as_slice().cmp(prefix))
    }

    /// This catalogue with the listing of `prefix` replaced by `listing`
    /// (added where absent, removed where `None`).
    pub(super) fn with(&self, prefix: &[u8], listing: Option<Arc<Listing>>) -> Catalogue {
        let mut listings = self.listings.clone();
        match (self.position(prefix), listing) {
            (Ok(at), Some(listing)) => listings[at] = listing,
            (Ok(at), None) => {
                listings.remove(at);
            }
            (Err(at), Some(listing)) => listings.insert(at, listing),
            (Err(_), None) => {}
        }
        Catalogue {
            listings,
            with_rows: OnceLock::new(),
            frequencies: Mutex::default(),
        }
    }

    /// The places of the listings with rows in any of `groups`, ascending.
    pub(super) fn with_rows_in(&self, groups: &[Group]) -> Vec<usize> {
        let with_rows = self.with_rows.get_or_init(|| {
            let mut with_rows = vec![Vec::new(); GROUPS];
            for (at, listing) in (0u32..).zip(&self.listings) {
                for row in &listing.rows {
                    for &index in Group::indexes_of(row).indexes() {
                        let listings = &mut with_rows[usize::from(index)];
                        if listings.last() != Some(&at) {
                            listings.push(at);
                        }
                    }
                }
            }
            with_rows
        });
        let mut places: Vec<usize> = groups
            .iter()
            .filter_map(|group| with_rows.get(group.index()))
            .flatten()
            .map(|&at| at as usize)
            .collect();
        if groups.len() > 1 {
            places.sort_unstable();
            places.dedup();
        }
        places
    }

    /// How many records the catalogue lists.
    pub(super) fn records(&self) -> u64 {
        self.listings.iter().map(|l| l.rows.len() as u64).sum()
    }

    /// How many words the texts of all its records have.
    pub(super) fn words(&self) -> u64 {
        self.listings.iter().map(|listing| listing.words).sum()
    }

    /// The number of records holding a phrase, where counted before in
    /// this catalogue.
    pub(super) fn frequency(&self, words: &[String]) -> Option<u64> {
        let counted = self
            .frequencies
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        counted.get(words).copied()
    }

    /// Keeps the number of records holding a phrase, for the catalogue's life.
    pub(super) fn keep_frequency(&self, words: &[String], frequency: u64) {
        let mut counted = self
            .frequencies
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        counted.insert(words.to_vec(), frequency);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Area, Grade, Kind, Record, Report};

    /// The listing of a seed report.
    fn listing_of(seed: &str) -> Listing {
        let report = Report::parse_file(format!("seeds/{seed}")).unwrap();
        let mut records: Vec<&Record> = report.records.iter().collect();
        records.sort_by(|a, b| a.key.cmp(&b.key));
        Listing::of(&report, 7, &records)
    }

    #[test]
    fn the_catalogue_knows_which_listings_have_records_of_a_group() {
        let listings: Vec<Arc<Listing>> = ["slough-2023-ilacs.txt", "leeds-2015-sif.txt"]
            .iter()
            .map(|seed| Arc::new(listing_of(seed)))
            .collect();
        let catalogue = Catalogue::new(listings);
        for kind in Kind::ALL {
            for area in Area::ALL {
                for grade in Grade::ALL {
                    let group = Group::Graded(kind, area, grade);
                    let expected: Vec<usize> = (0..catalogue.listings().len())
                        .filter(|&at| !catalogue.listings()[at].of_group(group).is_empty())
                        .collect();
                    assert_eq!(catalogue.with_rows_in(&[group]), expected, "{group:?}");
                }
            }
        }
        let both = [Group::Kind(Kind::Judgement), Group::Kind(Kind::Report)];
        assert_eq!(catalogue.with_rows_in(&both), [0, 1]);
    }
}
