//! Counting: a count's rows, one per group of the records found (by the
//! values of its `group by` fields), each the number of records or of a
//! field's distinct values among them, kept by `having`, ordered and paged.

use std::collections::{BTreeMap, BTreeSet};

use super::exec::{bounds, first};
use super::field::{FieldValue, Fields};
use super::logical::CountKey;
use super::plan::Plan;

/// The answer of a `count` query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Counts {
    /// The `group by` fields' names, in the query's order; none without
    /// `group by`.
    pub fields: Vec<String>,
    /// One row per group: its value of each field (`None` where its records
    /// have none) and its count, in the fields' order (groups without a
    /// value last); a single row without `group by`.
    pub rows: Vec<(Vec<Option<FieldValue>>, u64)>,
}

/// Counts by group: for each `group by` field, whether the group lacks a
/// value (so that groups without one sort last) and the value.
#[derive(Default)]
pub(super) struct Groups(BTreeMap<Vec<(bool, Option<FieldValue>)>, Tally>);

/// A group's count: of its records, or of the distinct values of a field
/// among them (`count distinct`; a record without one adds none).
#[derive(Default)]
struct Tally {
    records: u64,
    values: BTreeSet<FieldValue>,
}

impl Groups {
    pub(super) fn add(&mut self, plan: &Plan, fields: &impl Fields) {
        let group = plan
            .query
            .group_by
            .iter()
            .map(|&field| {
                let value = first(field, fields);
                (value.is_none(), value)
            })
            .collect();
        let tally = self.0.entry(group).or_default();
        tally.records += 1;
        if let Some(value) = plan.query.distinct.and_then(|field| first(field, fields)) {
            tally.values.insert(value);
        }
    }

    /// The rows: each group's count, those `having` keeps, in the order
    /// asked (else by group), paged.
    pub(super) fn finish(self, plan: &Plan) -> Counts {
        let count = |tally: Tally| match plan.query.distinct {
            Some(_) => tally.values.len() as u64,
            None => tally.records,
        };
        let mut rows: Vec<(Vec<Option<FieldValue>>, u64)> = self
            .0
            .into_iter()
            .map(|(group, tally)| {
                let values = group.into_iter().map(|(_, value)| value).collect();
                (values, count(tally))
            })
            .collect();
        if plan.query.group_by.is_empty() && rows.is_empty() {
            rows.push((Vec::new(), 0));
        }
        if let Some((op, wanted)) = plan.query.having {
            rows.retain(|(_, n)| super::predicate::compare(n.cmp(&wanted), op));
        }
        // Stable: rows that tie stay in group order.
        rows.sort_by(|(a, n), (b, m)| {
            let by = |&(key, descending): &(CountKey, bool)| match key {
                CountKey::Count if descending => m.cmp(n),
                CountKey::Count => n.cmp(m),
                // Groups without a value last, either way.
                CountKey::Group(at) => match (&a[at], &b[at]) {
                    (Some(x), Some(y)) if descending => y.cmp(x),
                    (Some(x), Some(y)) => x.cmp(y),
                    (x, y) => y.is_some().cmp(&x.is_some()),
                },
            };
            plan.query
                .count_order
                .iter()
                .map(by)
                .find(|ordering| ordering.is_ne())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        let (skip, take) = bounds(plan);
        Counts {
            fields: plan
                .query
                .group_by
                .iter()
                .map(|f| f.name().to_string())
                .collect(),
            rows: rows.into_iter().skip(skip).take(take).collect(),
        }
    }
}
