//! What the store checks: a report's records before they are stored, and
//! the stored values of every inspection against each other and against
//! the catalogue in memory (`verify`).

use std::sync::Arc;

use super::blocks::encode_terms;
use super::catalogue::Listing;
use super::error::guarded;
use super::{LISTINGS, Store, StoreError, TERMS, TEXTS, describe, space_key};
use crate::model::{Inspection, Kind, Record};

impl Store {
    /// Checks that every inspection's three values can be read and agree:
    /// its listing is in key order, its texts are whole, one per row and of
    /// the listing's generation, its terms are what its texts make; no
    /// texts or terms lack a listing; and the catalogue in memory is what is
    /// on disk. Every inspection is read, and the error names each that
    /// cannot be read whole (a value damaged, a file of the database
    /// missing).
    pub fn verify(&self) -> Result<(), StoreError> {
        guarded(|| self.verify_all())
    }

    fn verify_all(&self) -> Result<(), StoreError> {
        let problem = |what: String| Err(StoreError::Corrupt { what });
        let catalogue = self.catalogue();
        let mut listings = Vec::new();
        let mut damaged = Vec::new();
        for item in self.tree.scan_prefix([LISTINGS]) {
            let listing = Arc::new(Listing::decode(&item?.1)?);
            match self.verify_inspection(&listing) {
                Ok(()) => {}
                Err(StoreError::Corrupt { what }) => damaged.push(what),
                Err(other) => return Err(other),
            }
            listings.push(listing);
        }
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
        for space in [TEXTS, TERMS] {
            for item in self.tree.scan_prefix([space]).keys() {
                let key = item?;
                if catalogue.get(&key[1..]).is_none() {
                    return problem("an inspection's texts or terms without its listing".into());
                }
            }
        }
        let in_memory = catalogue.listings();
        if listings.len() != in_memory.len() || listings.iter().zip(in_memory).any(|(a, b)| a != b)
        {
            return problem("the catalogue in memory is not the one on disk".into());
        }
        Ok(())
    }

    fn verify_inspection(&self, listing: &Arc<Listing>) -> Result<(), StoreError> {
        let problem = |what: &str| {
            Err(StoreError::Corrupt {
                what: format!("{} {what}", describe(listing)),
            })
        };
        let Some(stored) = self.records_of(listing)? else {
            return problem("has no texts of its listing's generation");
        };
        let records = (0..listing.rows.len() as u32)
            .map(|ordinal| stored.get(ordinal))
            .collect::<Result<Vec<Record>, _>>()?;
        let records: Vec<&Record> = records.iter().collect();
        let terms = self
            .tree
            .get(space_key(TERMS, &listing.prefix))
            .map_err(|error| {
                StoreError::from(error).in_part(|| format!("the terms of {}", describe(listing)))
            })?;
        if terms.as_deref() != Some(&encode_terms(listing.generation, &records)[..]) {
            return problem("has terms that are not what its records make");
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
