//! Finding answers in the catalogue, one inspection at a time: the
//! records of the query's groups or holding its required phrase, each
//! decided from what the catalogue lists, the phrases looked up in the
//! inspection's terms where a record turns on one, and a record read only
//! where its text must be tested.

use super::exec::places;
use super::field::{Field, Fields, Read};
use super::plan::Plan;
use super::predicate::Truth;
use crate::model::Record;
use crate::store::{Group, Listed, Snapshot, StoreError, StoredInspection};

/// One record the catalogue found: by its ordinal in its inspection, and
/// read already where the condition needed its text.
pub(super) struct Hit {
    pub ordinal: u32,
    /// Boxed: most hits have none, and a hit is moved as often as it is kept.
    pub record: Option<Box<Record>>,
}

/// The records of the hits of one inspection, each text read from disk
/// unless the hit holds its record.
pub(super) fn read(
    inspection: StoredInspection<'_>,
    hits: Vec<Hit>,
) -> Vec<Result<Record, StoreError>> {
    let stored = inspection.read();
    // `None`: replaced since the snapshot was taken, so no longer answers:
    // none of its records, not some.
    hits.into_iter()
        .map(|hit| match hit.record {
            Some(record) => Some(Ok(*record)),
            None => stored.get(hit.ordinal).transpose(),
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// Finds the answers in one inspection at a time.
pub(super) struct Finder {
    pub snapshot: Snapshot,
    pub plan: Plan,
    /// The groups of records every answer is in, where the query names
    /// them: its kind, with its areas, with its grades.
    groups: Option<Vec<Group>>,
    pub phrases: Vec<Phrase>,
    /// Which of `phrases` every answer holds, if any.
    /// Which of `phrases` every answer holds one of, if any.
    required_phrases: Option<Vec<usize>>,
    /// For `latest`: the finder of the records on the line the query
    /// follows, whose most recent inspections are the only ones in question.
    pub line: Option<Box<Finder>>,
}

impl Finder {
    pub(super) fn new(plan: &Plan, snapshot: Snapshot) -> Finder {
        let phrases: Vec<Phrase> = plan
            .phrases
            .iter()
            .map(|phrase| Phrase {
                text: phrase.clone(),
                words: crate::text::words(phrase).map(|(_, w)| w).collect(),
            })
            .collect();
        let required_phrases = plan.required_phrases.as_ref().map(|required| {
            required
                .iter()
                .filter_map(|wanted| phrases.iter().position(|phrase| phrase.text == *wanted))
                .collect()
        });
        let groups = match (
            plan.query.kind,
            plan.areas.as_deref(),
            plan.grades.as_deref(),
        ) {
            (Some(kind), Some(areas), Some(grades)) => Some(
                areas
                    .iter()
                    .flat_map(|&area| grades.iter().map(move |&g| Group::Graded(kind, area, g)))
                    .collect(),
            ),
            (Some(kind), Some(areas), None) => Some(
                areas
                    .iter()
                    .map(|&area| Group::KindAndArea(kind, area))
                    .collect(),
            ),
            (None, Some(areas), _) => Some(areas.iter().map(|&area| Group::Area(area)).collect()),
            (Some(kind), None, _) => Some(vec![Group::Kind(kind)]),
            (None, None, _) => None,
        };
        let line = plan
            .query
            .latest
            .then(|| Box::new(Finder::new(&plan.of_line(), snapshot.clone())));
        Finder {
            snapshot,
            plan: plan.clone(),
            groups,
            phrases,
            required_phrases,
            line,
        }
    }

    /// Of each authority, the place of its most recent inspection with
    /// records this finder finds, in key order. A hit found in error is
    /// taken as a hit: the query reads the inspection and meets the error.
    pub(super) fn latest_places(&self) -> impl Iterator<Item = usize> + Send + use<> {
        let places: Vec<usize> = self.places().collect();
        let mut latest = Vec::new();
        for of_authority in places.chunk_by(|&a, &b| {
            self.snapshot.inspection(a).slug() == self.snapshot.inspection(b).slug()
        }) {
            let newest_with_records = of_authority.iter().rev().find(|&&at| {
                match self.hits(self.snapshot.inspection(at)) {
                    Ok(hits) => !hits.is_empty(),
                    Err(_) => true,
                }
            });
            latest.extend(newest_with_records);
        }
        latest.into_iter()
    }

    /// Where in the snapshot the answers can be, in key order: the
    /// inspections of the authorities the query names, and with records of
    /// the areas it names (the catalogue keeps, for each group of records,
    /// the inspections that have some), or all.
    pub(super) fn places(&self) -> impl Iterator<Item = usize> + Send + use<> {
        let groups = self.groups.as_deref().filter(|_| self.plan.areas.is_some());
        places(&self.snapshot, self.plan.authorities.as_deref(), groups).into_iter()
    }

    /// The answers in one inspection, in key order. The candidates are
    /// the records of the query's kind, or those holding its required
    /// phrase; each is decided from the catalogue, the phrases looked up
    /// in the inspection's terms when a candidate first turns on one, and
    /// a record is read only where its text must be tested.
    pub(super) fn hits(&self, inspection: StoredInspection<'_>) -> Result<Vec<Hit>, StoreError> {
        // A condition on the inspection alone holds for its first record
        // as for all of them.
        if let Some(filter) = &self.plan.inspection_filter
            && (inspection.len() == 0 || filter.decide(&Entry::of(inspection, 0)) == Truth::No)
        {
            return Ok(Vec::new());
        }
        let mut found: Option<Vec<Vec<u32>>> = None;
        let candidates: Vec<u32> = match &self.required_phrases {
            Some(required) => {
                let Some(sets) = self.look_up_phrases(inspection)? else {
                    // Replaced since the snapshot was taken: no longer an answer.
                    return Ok(Vec::new());
                };
                // Those holding a phrase are few: keep those of the kind
                // (the areas are the condition's to test).
                let of_kind = |&ordinal: &u32| {
                    self.plan
                        .query
                        .kind
                        .is_none_or(|kind| inspection.listed(ordinal).kind() == kind)
                };
                let mut holding: Vec<u32> = required
                    .iter()
                    .flat_map(|&at| sets[at].iter().copied())
                    .filter(of_kind)
                    .collect();
                if required.len() > 1 {
                    holding.sort_unstable();
                    holding.dedup();
                }
                found = Some(sets);
                holding
            }
            None => self.candidates(inspection),
        };
        let mut hits = Vec::new();
        let mut undecided = Vec::new();
        let mut at = 0;
        while let Some(&ordinal) = candidates.get(at) {
            at += 1;
            let truth = match &self.plan.row_filter {
                None => Truth::Yes,
                Some(filter) => filter.decide(&Entry {
                    listed: inspection.listed(ordinal),
                    ordinal,
                    found: found.as_deref().map(|records| Found {
                        phrases: &self.phrases,
                        records,
                    }),
                }),
            };
            match truth {
                Truth::No => {}
                Truth::Yes => hits.push(Hit {
                    ordinal,
                    record: None,
                }),
                Truth::Unknown if found.is_none() && !self.phrases.is_empty() => {
                    let Some(sets) = self.look_up_phrases(inspection)? else {
                        return Ok(Vec::new());
                    };
                    found = Some(sets);
                    // Decide this record again, with the phrases.
                    at -= 1;
                }
                Truth::Unknown => undecided.push(ordinal),
            }
        }
        if !undecided.is_empty() {
            self.decide_by_reading(inspection, undecided, &mut hits)?;
        }
        Ok(hits)
    }

    /// The records of an inspection in the query's groups, ascending
    /// (where the query requires no phrase).
    fn candidates(&self, inspection: StoredInspection<'_>) -> Vec<u32> {
        match self.groups.as_deref() {
            Some([group]) => inspection.in_group(*group),
            Some(groups) => {
                // A record is in one group of each shape: the lists do not overlap.
                let mut ordinals: Vec<u32> = groups
                    .iter()
                    .flat_map(|group| inspection.in_group(*group))
                    .collect();
                ordinals.sort_unstable();
                ordinals
            }
            None => (0..inspection.len()).collect(),
        }
    }

    /// Each phrase's records in the inspection; `None` where it has been
    /// replaced since the snapshot was taken.
    fn look_up_phrases(
        &self,
        inspection: StoredInspection<'_>,
    ) -> Result<Option<Vec<Vec<u32>>>, StoreError> {
        let mut sets = Vec::with_capacity(self.phrases.len());
        for phrase in &self.phrases {
            match inspection.holding(&phrase.words)? {
                Some(set) => sets.push(set),
                None => return Ok(None),
            }
        }
        Ok(Some(sets))
    }

    /// Reads the records the catalogue could not decide and adds those
    /// that answer to `hits`, in key order.
    fn decide_by_reading(
        &self,
        inspection: StoredInspection<'_>,
        undecided: Vec<u32>,
        hits: &mut Vec<Hit>,
    ) -> Result<(), StoreError> {
        let stored = inspection.read();
        for ordinal in undecided {
            let Some(record) = stored.get(ordinal)? else {
                // Replaced since the snapshot was taken: no longer answers.
                hits.clear();
                return Ok(());
            };
            if self
                .plan
                .query
                .filter
                .as_ref()
                .is_none_or(|f| f.matches(&record))
            {
                hits.push(Hit {
                    ordinal,
                    record: Some(Box::new(record)),
                });
            }
        }
        hits.sort_by_key(|hit| hit.ordinal);
        Ok(())
    }
}

/// What the catalogue knows of one record, and of the phrases of its
/// inspection where they have been looked up.
pub(super) struct Entry<'a> {
    listed: Listed<'a>,
    ordinal: u32,
    found: Option<Found<'a>>,
}

/// A phrase of the condition, and its words.
pub(super) struct Phrase {
    pub text: String,
    pub words: Vec<String>,
}

/// The phrases of the condition, and the records of one inspection that
/// hold each.
#[derive(Clone, Copy)]
struct Found<'a> {
    phrases: &'a [Phrase],
    records: &'a [Vec<u32>],
}

impl<'a> Entry<'a> {
    pub(super) fn of(inspection: StoredInspection<'a>, ordinal: u32) -> Entry<'a> {
        Entry {
            listed: inspection.listed(ordinal),
            ordinal,
            found: None,
        }
    }
}

impl Fields for Entry<'_> {
    fn read(&self, field: Field) -> Read<'_> {
        self.listed.read(field)
    }
    fn authority_slug(&self) -> &str {
        self.listed.slug()
    }
    fn text_contains(&self, phrase: &str) -> Option<bool> {
        let found = self.found?;
        let at = found.phrases.iter().position(|p| p.text == phrase)?;
        Some(found.records[at].binary_search(&self.ordinal).is_ok())
    }
}
