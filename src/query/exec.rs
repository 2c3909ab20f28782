//! Execution: the catalogue decides what it can of the condition for every
//! record (the kind's records only, or a required phrase's), the terms of
//! an inspection answer its phrases, and only the records that answer, or
//! whose text the condition reads, are read from disk, one read per
//! inspection; then order, offset and limit, or counts.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use super::change;
use super::count::{Counts, Groups};
use super::field::{Field, FieldValue, Fields};
use super::finder::{Entry, Finder, Hit, read};
use super::plan::Plan;
use super::predicate::Pred;
use super::rank::{Best, Bm25};
use crate::model::{Area, Date, Kind, Record, Score};
use crate::store::{Group, Snapshot, StoreError};

/// Whether to use the catalogue and the terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    Indexes,
    Scan,
}

/// What a query answers.
#[derive(Debug)]
pub enum Answer {
    /// The records, in key order unless the query orders them otherwise.
    Records(Records),
    /// `count` (with `group by`): one row per group.
    Counts(Counts),
    /// `explain`: the plan in words.
    Explain(String),
}

type Stream = Box<dyn Iterator<Item = Result<Record, StoreError>> + Send>;

/// The records a query finds, read as they are needed (unless the query
/// orders them by their text, which needs them all first).
pub struct Records {
    inner: Stream,
}

impl std::fmt::Debug for Records {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The records are read as they are needed: there is nothing to show
        // before they are.
        f.debug_struct("Records").finish_non_exhaustive()
    }
}

impl Iterator for Records {
    type Item = Result<Record, StoreError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next()
    }
}

pub(crate) fn run(plan: &Plan, snapshot: Snapshot, access: Access) -> Result<Answer, StoreError> {
    if plan.query.explain {
        return Ok(Answer::Explain(plan.explain(&snapshot)));
    }
    let plan = &*with_sub_queries_answered(plan, &snapshot, access)?;
    let answer = match access {
        Access::Scan => by_scan(plan, &snapshot)?,
        Access::Indexes => by_catalogue(plan, snapshot)?,
    };
    Ok(match answer {
        // Snippets cost a pass over each answer's text: ranked searches,
        // which read only a page, have them.
        Answer::Records(records) if plan.query.ranked => {
            Answer::Records(with_snippets(records, plan.query.searched()))
        }
        answer => answer,
    })
}

/// The plan with its sub-queries answered from the same snapshot: each
/// `authority in (...)` tests the authorities of the sub-query's answers.
fn with_sub_queries_answered<'p>(
    plan: &'p Plan,
    snapshot: &Snapshot,
    access: Access,
) -> Result<Cow<'p, Plan>, StoreError> {
    let Some(filter) = plan.query.filter.as_ref().filter(|f| f.has_sub_queries()) else {
        return Ok(Cow::Borrowed(plan));
    };
    let answered = filter.answer_sub_queries(&mut |field, sub_query| {
        let Answer::Records(records) =
            run(&Plan::of_sub_query(sub_query), snapshot.clone(), access)?
        else {
            // A sub-query's plan neither counts nor explains.
            return Ok::<Pred, StoreError>(Pred::In(field, Vec::new()));
        };
        let mut authorities = Vec::new();
        for record in records {
            authorities.push(FieldValue::Text(record?.key.authority));
        }
        Ok(super::resolve::one_of(field, authorities))
    })?;
    Ok(Cow::Owned(plan.with_filter(answered)))
}

/// The answers, each with the words around its best match of `searched`.
fn with_snippets(records: Records, searched: Vec<String>) -> Records {
    let inner = records.inner.map(move |record| {
        record.map(|mut record| {
            record.snippet = Some(crate::text::snippet(&record.text, &searched));
            record
        })
    });
    Records {
        inner: Box::new(inner),
    }
}

/// The plain way, to check the other against: every record read and tested.
fn by_scan(plan: &Plan, snapshot: &Snapshot) -> Result<Answer, StoreError> {
    if plan.query.kind == Some(Kind::Change) {
        let judgements = snapshot
            .every_record()
            .filter(|item| item.as_ref().is_ok_and(|r| r.kind == Kind::Judgement))
            .collect::<Result<Vec<Record>, _>>()?;
        return answer_from(
            plan,
            Box::new(change::changes(judgements).into_iter().map(Ok)),
        );
    }
    if plan.query.ranked {
        return ranked_by_scan(plan, snapshot);
    }
    answer_from(plan, Box::new(snapshot.every_record()))
}

/// The plain way to rank, to check the index against: BM25 from every
/// record's text.
fn ranked_by_scan(plan: &Plan, snapshot: &Snapshot) -> Result<Answer, StoreError> {
    let every = snapshot
        .every_record()
        .collect::<Result<Vec<Record>, _>>()?;
    let words: u64 = every
        .iter()
        .map(|record| u64::from(crate::text::word_count(&record.text)))
        .sum();
    let searched = plan.query.searched();
    let holding: Vec<u64> = searched
        .iter()
        .map(|phrase| {
            let holds = |record: &&Record| crate::text::occurrences(&record.text, phrase) > 0;
            every.iter().filter(holds).count() as u64
        })
        .collect();
    let bm25 = Bm25::new(every.len() as u64, words, &holding);
    let found = answering(plan, every);
    let mut scored: Vec<(f64, Record)> = found
        .into_iter()
        .map(|record| {
            let occurrences: Vec<u32> = searched
                .iter()
                .map(|phrase| crate::text::occurrences(&record.text, phrase))
                .collect();
            let length = crate::text::word_count(&record.text);
            (bm25.score(&occurrences, length), record)
        })
        .collect();
    // Stable: equal scores stay in key order.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let ranked = scored.into_iter().map(|(score, mut record)| {
        record.score = Some(Score(score));
        Ok(record)
    });
    Ok(Answer::Records(Records {
        inner: page(plan, Box::new(ranked)),
    }))
}

/// The changes, derived from the judgements the catalogue lists (of the
/// authorities the query names): no record is read from disk.
fn changes_by_catalogue(plan: &Plan, snapshot: &Snapshot) -> Result<Answer, StoreError> {
    // The judgements on the lines the query asks about, or on any.
    let groups: Vec<Group> = Area::ALL
        .into_iter()
        .filter(|area| {
            let asked = |line: &Area| plan.areas.as_ref().is_none_or(|a| a.contains(line));
            area.lines().iter().any(asked)
        })
        .map(|area| Group::KindAndArea(Kind::Judgement, area))
        .collect();
    let places = places(snapshot, plan.authorities.as_deref(), Some(&groups));
    let judgements = places.into_iter().flat_map(|at| {
        let inspection = snapshot.inspection(at);
        let mut ordinals: Vec<u32> = groups
            .iter()
            .flat_map(|&group| inspection.in_group(group))
            .collect();
        ordinals.sort_unstable();
        ordinals
            .into_iter()
            .map(move |ordinal| inspection.listed(ordinal).without_text())
    });
    let found = change::changes(judgements);
    answer_from(plan, Box::new(found.into_iter().map(Ok)))
}

/// The places of the inspections that can hold answers, in key order: those
/// of the authorities named (all, for `None`) with records in any of
/// `groups` (where given).
pub(super) fn places(
    snapshot: &Snapshot,
    authorities: Option<&[String]>,
    groups: Option<&[Group]>,
) -> Vec<usize> {
    let ranges: Vec<std::ops::Range<usize>> = match authorities {
        Some(slugs) => slugs
            .iter()
            .map(|slug| snapshot.of_authority(slug))
            .collect(),
        None => std::iter::once(0..snapshot.inspections()).collect(),
    };
    match groups {
        Some(groups) => snapshot
            .with_records_in(groups)
            .into_iter()
            .filter(|at| ranges.iter().any(|range| range.contains(at)))
            .collect(),
        None => ranges.into_iter().flatten().collect(),
    }
}

/// The answer from candidate records in key order: those the condition
/// holds for, each authority's latest where asked, counted, or sorted and
/// paged.
fn answer_from(plan: &Plan, candidates: Stream) -> Result<Answer, StoreError> {
    let found: Stream = if plan.query.latest {
        let candidates = candidates.collect::<Result<Vec<Record>, _>>()?;
        Box::new(answering(plan, candidates).into_iter().map(Ok))
    } else {
        let filter = plan.query.filter.clone();
        Box::new(candidates.filter(move |item| match (item, &filter) {
            (Ok(record), Some(filter)) => filter.matches(record),
            _ => true,
        }))
    };
    if plan.query.count {
        let mut groups = Groups::default();
        for record in found {
            groups.add(plan, &record?);
        }
        return Ok(Answer::Counts(groups.finish(plan)));
    }
    let inner: Stream = if plan.query.order_by.is_empty() {
        found
    } else {
        Box::new(sorted_records(found, plan)?.into_iter().map(Ok))
    };
    Ok(Answer::Records(Records {
        inner: page(plan, inner),
    }))
}

/// Of candidate records in key order, those the condition holds for; for
/// `latest`, only those of each authority's most recent inspection with
/// records on the line the query follows (its `line`), whatever their
/// values.
fn answering(plan: &Plan, candidates: Vec<Record>) -> Vec<Record> {
    let holds = |record: &Record| plan.query.filter.as_ref().is_none_or(|f| f.matches(record));
    if !plan.query.latest {
        return candidates.into_iter().filter(holds).collect();
    }
    let mut latest: HashMap<&str, Date> = HashMap::new();
    let on_line = |record: &&Record| plan.line.as_ref().is_none_or(|l| l.matches(record));
    for record in candidates.iter().filter(on_line) {
        let date = latest
            .entry(&record.key.authority)
            .or_insert(record.inspection);
        *date = (*date).max(record.inspection);
    }
    let keep: Vec<bool> = candidates
        .iter()
        .map(|record| {
            latest.get(record.key.authority.as_str()) == Some(&record.inspection) && holds(record)
        })
        .collect();
    candidates
        .into_iter()
        .zip(keep)
        .filter_map(|(record, keep)| keep.then_some(record))
        .collect()
}

/// Each inspection in question (by its place in the snapshot) with its
/// hits, in key order.
type InspectionHits = Box<dyn Iterator<Item = Result<(usize, Vec<Hit>), StoreError>> + Send>;

/// The inspections in question and their hits; for `latest`, only each
/// authority's most recent inspection with records on the line the query
/// follows, and its hits (inspections sort by authority, then date).
fn found(finder: &Arc<Finder>) -> InspectionHits {
    let places: Box<dyn Iterator<Item = usize> + Send> = match &finder.line {
        None => Box::new(finder.places()),
        Some(line) => Box::new(line.latest_places()),
    };
    let finder = Arc::clone(finder);
    let all = places.map(move |at| {
        finder
            .hits(finder.snapshot.inspection(at))
            .map(|hits| (at, hits))
    });
    Box::new(all.filter(|found| !matches!(found, Ok((_, hits)) if hits.is_empty())))
}

fn by_catalogue(plan: &Plan, snapshot: Snapshot) -> Result<Answer, StoreError> {
    if plan.query.kind == Some(Kind::Change) {
        return changes_by_catalogue(plan, &snapshot);
    }
    let finder = Arc::new(Finder::new(plan, snapshot));
    if plan.query.count {
        let mut groups = Groups::default();
        for item in found(&finder) {
            let (at, hits) = item?;
            let inspection = finder.snapshot.inspection(at);
            for hit in hits {
                match &hit.record {
                    Some(record) => groups.add(plan, record.as_ref()),
                    None => groups.add(plan, &Entry::of(inspection, hit.ordinal)),
                }
            }
        }
        return Ok(Answer::Counts(groups.finish(plan)));
    }
    let inner: Stream = if plan.query.ranked {
        ranked_in_catalogue(plan, &finder)?
    } else if plan.query.order_by.is_empty() {
        page(plan, Box::new(in_key_order(finder)))
    } else if plan
        .query
        .order_by
        .iter()
        .all(|(field, _)| *field != Field::Text)
    {
        sorted_in_catalogue(plan, &finder)?
    } else {
        let records = sorted_records(in_key_order(finder), plan)?;
        page(plan, Box::new(records.into_iter().map(Ok)))
    };
    Ok(Answer::Records(Records { inner }))
}

/// The records found, all read, sorted by the query's order keys.
fn sorted_records(
    found: impl Iterator<Item = Result<Record, StoreError>>,
    plan: &Plan,
) -> Result<Vec<Record>, StoreError> {
    let records = found.collect::<Result<Vec<Record>, _>>()?;
    Ok(sort_by_fields(
        records,
        &plan.query.order_by,
        |record, field| first(field, record),
    ))
}

/// The answers, in key order, each inspection's found and read as the
/// stream comes to it.
fn in_key_order(
    finder: Arc<Finder>,
) -> impl Iterator<Item = Result<Record, StoreError>> + Send + 'static {
    found(&finder).flat_map(move |item| match item {
        Ok((at, hits)) => read(finder.snapshot.inspection(at), hits),
        Err(error) => vec![Err(error)],
    })
}

/// The answers sorted by fields the catalogue knows: only the page asked
/// for is read.
fn sorted_in_catalogue(plan: &Plan, finder: &Arc<Finder>) -> Result<Stream, StoreError> {
    let mut hits: Vec<(usize, Hit)> = Vec::new();
    for item in found(finder) {
        let (at, found) = item?;
        hits.extend(found.into_iter().map(|hit| (at, hit)));
    }
    let snapshot = finder.snapshot.clone();
    let hits = sort_by_fields(hits, &plan.query.order_by, |(at, hit), field| {
        first(field, &Entry::of(snapshot.inspection(*at), hit.ordinal))
    });
    let (offset, limit) = bounds(plan);
    let records = hits
        .into_iter()
        .skip(offset)
        .take(limit)
        .map(move |(at, hit)| read_one(&snapshot, at, hit));
    Ok(Box::new(records.filter_map(Result::transpose)))
}

/// The record of one hit, read from disk unless the hit holds it; `None`
/// where it was replaced since the snapshot was taken, and so no longer
/// answers.
fn read_one(snapshot: &Snapshot, at: usize, hit: Hit) -> Result<Option<Record>, StoreError> {
    match hit.record {
        Some(record) => Ok(Some(*record)),
        None => snapshot.inspection(at).read().get(hit.ordinal),
    }
}

/// The answers ranked by relevance, from the postings (how often each
/// record holds each term), the records' lengths in the catalogue and the
/// number of records holding each term: only the page asked for is read.
fn ranked_in_catalogue(plan: &Plan, finder: &Arc<Finder>) -> Result<Stream, StoreError> {
    let snapshot = finder.snapshot.clone();
    // The searched phrases are among the finder's (those under a `not`
    // too), which have their words.
    let searched = plan.query.searched();
    let terms: Vec<&[String]> = searched
        .iter()
        .filter_map(|phrase| finder.phrases.iter().find(|p| p.text == *phrase))
        .map(|phrase| phrase.words.as_slice())
        .collect();
    let holding = terms
        .iter()
        .map(|words| snapshot.holding_count(words))
        .collect::<Result<Vec<u64>, _>>()?;
    let bm25 = Bm25::new(snapshot.records(), snapshot.words(), &holding);
    let (offset, limit) = bounds(plan);
    let mut best = Best::new(offset.saturating_add(limit));
    for item in found(finder) {
        let (at, hits) = item?;
        let inspection = snapshot.inspection(at);
        let mut occurrences = Vec::with_capacity(terms.len());
        for words in &terms {
            match inspection.occurrences(words)? {
                Some(found) => occurrences.push(found),
                // Replaced since the snapshot was taken: no longer answers.
                None => break,
            }
        }
        if occurrences.len() < terms.len() {
            continue;
        }
        for hit in hits {
            let counts: Vec<u32> = occurrences
                .iter()
                .map(|found| {
                    found
                        .binary_search_by_key(&hit.ordinal, |&(ordinal, _)| ordinal)
                        .map_or(0, |i| found[i].1)
                })
                .collect();
            let length = inspection.listed(hit.ordinal).length();
            best.offer(bm25.score(&counts, length), (at, hit.ordinal), (at, hit));
        }
    }
    let page = best.into_sorted().into_iter().skip(offset);
    let records = page.map(move |(score, (at, hit))| {
        let record = read_one(&snapshot, at, hit)?;
        Ok(record.map(|mut record| {
            record.score = Some(Score(score));
            record
        }))
    });
    Ok(Box::new(records.filter_map(Result::transpose)))
}

/// Offset and limit, as numbers of records.
pub(super) fn bounds(plan: &Plan) -> (usize, usize) {
    let offset = usize::try_from(plan.query.offset).unwrap_or(usize::MAX);
    let limit = plan
        .query
        .limit
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    (offset, limit)
}

/// The stream from the query's offset, to its limit.
fn page(plan: &Plan, found: Stream) -> Stream {
    let (offset, limit) = bounds(plan);
    Box::new(found.skip(offset).take(limit))
}

/// Sorted stably by the order keys, each item's keys read once; items
/// without a value sort last either way.
fn sort_by_fields<T>(
    items: Vec<T>,
    order_by: &[(Field, bool)],
    first: impl Fn(&T, Field) -> Option<FieldValue>,
) -> Vec<T> {
    let mut keyed: Vec<(Vec<Option<FieldValue>>, T)> = items
        .into_iter()
        .map(|item| {
            let keys = order_by.iter().map(|(field, _)| first(&item, *field));
            (keys.collect(), item)
        })
        .collect();
    keyed.sort_by(|(a, _), (b, _)| {
        for ((x, y), (_, descending)) in a.iter().zip(b).zip(order_by) {
            let ordering = match (x, y) {
                (Some(x), Some(y)) if *descending => y.cmp(x),
                (Some(x), Some(y)) => x.cmp(y),
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
    keyed.into_iter().map(|(_, item)| item).collect()
}

/// The first of a record's values of a field: what it sorts and groups by.
pub(super) fn first(field: Field, fields: &impl Fields) -> Option<FieldValue> {
    field.first(fields).flatten()
}
