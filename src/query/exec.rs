//! Execution: candidates from the indexes (or every record), the filter,
//! then order, offset and limit, or counts.

use std::collections::BTreeMap;

use super::plan::{self, Access as Candidates, FieldValue, Plan};
use crate::model::Record;
use crate::store::{Kb, Lookup, Prefix, StoreError, inspection_of};

/// Whether to use the indexes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    Indexes,
    Scan,
}

/// What a query answers.
pub enum Answer {
    /// The records, in key order unless the query orders them otherwise.
    Records(Records),
    /// `count` (with `group by`): one row per group.
    Counts(Counts),
    /// `explain`: the plan in words.
    Explain(String),
}

/// The records a query finds, read as they are needed (unless the query
/// orders them, which needs them all first).
pub struct Records {
    inner: Box<dyn Iterator<Item = Result<Record, StoreError>> + Send>,
}

impl Iterator for Records {
    type Item = Result<Record, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

/// The answer of a `count` query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    /// The `group by` field's name, if the query groups.
    pub field: Option<String>,
    /// One row per group, in the field's order (records without a value
    /// last); a single row with no value without `group by`.
    pub rows: Vec<(Option<FieldValue>, u64)>,
}

pub(crate) fn run(plan: &Plan, kb: &Kb, access: Access) -> Result<Answer, StoreError> {
    if plan.explain {
        return plan.explain(kb).map(Answer::Explain);
    }
    let found = matching(plan, kb, access)?;
    if plan.count {
        return count(plan, found).map(Answer::Counts);
    }
    let offset = usize::try_from(plan.offset).unwrap_or(usize::MAX);
    let limit = plan
        .limit
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    let inner: Box<dyn Iterator<Item = Result<Record, StoreError>> + Send> =
        if plan.order_by.is_empty() {
            Box::new(found.skip(offset).take(limit))
        } else {
            let mut records = found.collect::<Result<Vec<Record>, _>>()?;
            sort(&mut records, &plan.order_by);
            Box::new(records.into_iter().skip(offset).take(limit).map(Ok))
        };
    Ok(Answer::Records(Records { inner }))
}

/// The records that pass the filter, in key order.
fn matching(
    plan: &Plan,
    kb: &Kb,
    access: Access,
) -> Result<Box<dyn Iterator<Item = Result<Record, StoreError>> + Send>, StoreError> {
    let candidates: Box<dyn Iterator<Item = Result<Record, StoreError>> + Send> =
        match (&plan.access, access) {
            (Some(candidates), Access::Indexes) => {
                let keys = find(kb, candidates)?;
                let kb = kb.clone();
                // A record removed since its key was read is no longer an answer.
                Box::new(
                    keys.into_iter()
                        .filter_map(move |key| kb.get_encoded(&key).transpose()),
                )
            }
            _ => Box::new(kb.scan(&Prefix::All)),
        };
    let filter = plan.filter.clone();
    Ok(Box::new(candidates.filter(move |item| {
        match (item, &filter) {
            (Ok(record), Some(filter)) => filter.matches(record),
            _ => true,
        }
    })))
}

/// Candidate keys, encoded, in key order, each once. An intersection starts
/// from its smallest part, reads the others only in the inspections left
/// where it can, and skips parts far larger than what is left: the filter
/// checks every candidate anyway.
fn find(kb: &Kb, candidates: &Candidates) -> Result<Vec<Vec<u8>>, StoreError> {
    match candidates {
        Candidates::Index(lookup) => kb.encoded_keys(lookup),
        Candidates::Union(parts) => {
            let mut keys = Vec::new();
            for part in parts {
                keys.extend(find(kb, part)?);
            }
            keys.sort_unstable();
            keys.dedup();
            Ok(keys)
        }
        Candidates::Intersect(parts) => {
            // A phrase is sized by running it: run it once.
            let mut sized = parts
                .iter()
                .map(|part| match part {
                    Candidates::Index(lookup @ Lookup::Phrase(_)) => {
                        let keys = kb.encoded_keys(lookup)?;
                        Ok((keys.len() as u64, part, Some(keys)))
                    }
                    _ => Ok((plan::estimate(kb, part)?, part, None)),
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            sized.sort_by_key(|(estimate, _, _)| *estimate);
            let mut keys: Option<Vec<Vec<u8>>> = None;
            for (estimate, part, found) in sized {
                let found = match (found, &keys) {
                    (Some(found), _) => found,
                    (None, None) => find(kb, part)?,
                    (None, Some(current)) => match within(kb, part, current)? {
                        Some(found) => found,
                        None if estimate > 8 * current.len() as u64 + 64 => continue,
                        None => find(kb, part)?,
                    },
                };
                keys = Some(match keys {
                    Some(current) => intersect(current, &found),
                    None => found,
                });
            }
            Ok(keys.unwrap_or_default())
        }
    }
}

/// The keys of an index lookup of one value in the inspections of
/// `current` only, one read per inspection, when the keys left are dense
/// enough in their inspections (four or more each) for a read to pay for
/// itself in records not fetched.
fn within(
    kb: &Kb,
    part: &Candidates,
    current: &[Vec<u8>],
) -> Result<Option<Vec<Vec<u8>>>, StoreError> {
    let Candidates::Index(lookup) = part else {
        return Ok(None);
    };
    let mut inspections: Vec<&[u8]> = current.iter().map(|key| inspection_of(key)).collect();
    inspections.dedup();
    if current.len() < 4 * inspections.len() {
        return Ok(None);
    }
    kb.encoded_keys_within(lookup, &inspections)
}

/// The keys of `few` that are in `many`; both sorted.
fn intersect(mut few: Vec<Vec<u8>>, many: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut rest = many;
    few.retain(|key| {
        let at = rest.partition_point(|other| other < key);
        rest = &rest[at..];
        rest.first() == Some(key)
    });
    few
}

/// Stable sort by the order keys; records without a value sort last either way.
fn sort(records: &mut [Record], order_by: &[(plan::Field, bool)]) {
    records.sort_by(|a, b| {
        for (field, descending) in order_by {
            let (x, y) = (
                field.values(a).into_iter().next(),
                field.values(b).into_iter().next(),
            );
            let ordering = match (x, y) {
                (Some(x), Some(y)) if *descending => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, None) => std::cmp::Ordering::Equal,
            };
            if ordering.is_ne() {
                return ordering;
            }
        }
        std::cmp::Ordering::Equal
    });
}

fn count(
    plan: &Plan,
    found: impl Iterator<Item = Result<Record, StoreError>>,
) -> Result<Counts, StoreError> {
    let mut groups: BTreeMap<Option<FieldValue>, u64> = BTreeMap::new();
    for record in found {
        let record = record?;
        let group = plan
            .group_by
            .and_then(|field| field.values(&record).into_iter().next());
        *groups.entry(group).or_default() += 1;
    }
    let mut rows: Vec<(Option<FieldValue>, u64)> = groups.into_iter().collect();
    // `None` sorts first in a map; the group without a value goes last.
    let ungrouped_first =
        plan.group_by.is_some() && rows.first().is_some_and(|(group, _)| group.is_none());
    rows.rotate_left(usize::from(ungrouped_first));
    if plan.group_by.is_none() && rows.is_empty() {
        rows.push((None, 0));
    }
    let skip = usize::try_from(plan.offset).unwrap_or(usize::MAX);
    let take = plan
        .limit
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    let rows = rows.into_iter().skip(skip).take(take).collect();
    Ok(Counts {
        field: plan.group_by.map(|f| f.name().to_string()),
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intersect_keeps_the_keys_in_both() {
        let keys = |list: &[&[u8]]| list.iter().map(|k| k.to_vec()).collect::<Vec<_>>();
        assert_eq!(
            intersect(
                keys(&[b"a", b"c", b"d", b"f"]),
                &keys(&[b"b", b"c", b"f", b"g"])
            ),
            keys(&[b"c", b"f"])
        );
        assert_eq!(intersect(keys(&[b"a"]), &[]), keys(&[]));
        assert_eq!(intersect(keys(&[]), &keys(&[b"a"])), keys(&[]));
    }
}
