//! Ranking by relevance: BM25 as SQLite FTS5's `bm25()` computes it, and
//! the best answers kept in bounded memory.
//!
//! A query's terms are the phrases it searches the text for (a `matches`
//! gives one per word). For a record of `length` words, holding term `t`
//! `tf(t)` times, among `N` records of `avgdl` words on average, `n(t)` of
//! which hold `t`:
//!
//! ```text
//! score = Σ idf(t) · tf(t) · (k1 + 1) / (tf(t) + k1 · (1 − b + b · length / avgdl))
//! idf(t) = ln((N − n(t) + 0.5) / (n(t) + 0.5)), at least 10⁻⁶
//! k1 = 1.2, b = 0.75
//! ```
//!
//! FTS5 returns the score negated (lower is better, for `ORDER BY`); here
//! higher is better. A term held by more than half the records weighs
//! almost nothing, as in FTS5.

use std::cmp::Ordering;

const K1: f64 = 1.2;
const B: f64 = 0.75;
/// The least weight of a term: FTS5's floor for common terms.
const LEAST_IDF: f64 = 1e-6;

/// The weights of a query's terms in one knowledge base.
#[derive(Clone, Debug)]
pub(super) struct Bm25 {
    average_length: f64,
    /// Each term's idf, in the query's order of terms.
    idf: Vec<f64>,
}

impl Bm25 {
    /// The weights for `records` records of `words` words together, of
    /// which `holding[i]` hold term `i`.
    pub(super) fn new(records: u64, words: u64, holding: &[u64]) -> Bm25 {
        let total = records as f64;
        let idf = holding
            .iter()
            .map(|&n| {
                let n = n as f64;
                ((total - n + 0.5) / (n + 0.5)).ln().max(LEAST_IDF)
            })
            .collect();
        Bm25 {
            average_length: if records == 0 {
                0.0
            } else {
                words as f64 / total
            },
            idf,
        }
    }

    /// The score of a record of `length` words that holds each term
    /// `occurrences[i]` times.
    pub(super) fn score(&self, occurrences: &[u32], length: u32) -> f64 {
        let relative = if self.average_length > 0.0 {
            f64::from(length) / self.average_length
        } else {
            0.0
        };
        let norm = K1 * (1.0 - B + B * relative);
        self.idf
            .iter()
            .zip(occurrences)
            .map(|(idf, &tf)| {
                let tf = f64::from(tf);
                idf * (tf * (K1 + 1.0)) / (tf + norm)
            })
            .sum()
    }
}

/// The best `keep` of items offered with their scores and their places in
/// key order: best first, equal scores in key order. Memory stays within
/// twice `keep` items however many are offered.
pub(super) struct Best<K, T> {
    keep: usize,
    items: Vec<(f64, K, T)>,
}

impl<K: Ord, T> Best<K, T> {
    pub(super) fn new(keep: usize) -> Best<K, T> {
        Best {
            keep,
            items: Vec::new(),
        }
    }

    /// Offers `item`, of this score, at this place in key order.
    pub(super) fn offer(&mut self, score: f64, place: K, item: T) {
        if self.keep == 0 {
            return;
        }
        self.items.push((score, place, item));
        if self.items.len() >= self.keep.saturating_mul(2) {
            self.items.select_nth_unstable_by(self.keep - 1, order);
            self.items.truncate(self.keep);
        }
    }

    /// The best, best first, each with its score.
    pub(super) fn into_sorted(mut self) -> Vec<(f64, T)> {
        self.items.sort_by(order);
        self.items.truncate(self.keep);
        self.items
            .into_iter()
            .map(|(score, _, item)| (score, item))
            .collect()
    }
}

/// Better score first, then key order.
fn order<K: Ord, T>(a: &(f64, K, T), b: &(f64, K, T)) -> Ordering {
    b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_terms_weigh_more_and_long_records_less() {
        let bm25 = Bm25::new(1000, 20_000, &[10, 900]);
        let rare = bm25.score(&[1, 0], 20);
        let common = bm25.score(&[0, 1], 20);
        assert!(rare > 4.0 && common < 1e-5, "{rare} {common}");
        assert!(bm25.score(&[1, 0], 10) > bm25.score(&[1, 0], 40));
        assert!(bm25.score(&[3, 0], 20) > rare);
        // Saturation: the third occurrence adds less than the first.
        let gain = |tf| bm25.score(&[tf, 0], 20) - bm25.score(&[tf - 1, 0], 20);
        assert!(gain(3) < gain(1));
        // FTS5's figure for one term held by 10 of 1,000 records, in a
        // record of average length: idf (ln 990.5/10.5) times 1.
        assert!((rare - (990.5f64 / 10.5).ln()).abs() < 1e-12);
    }

    #[test]
    fn the_best_are_kept_best_first_ties_in_key_order() {
        let mut best = Best::new(3);
        for (score, key) in [(1.0, 5), (3.0, 9), (2.0, 1), (3.0, 2), (0.5, 0), (2.0, 0)] {
            best.offer(score, key, format!("item {key}"));
        }
        let best: Vec<(f64, String)> = best.into_sorted();
        let want = [(3.0, "item 2"), (3.0, "item 9"), (2.0, "item 0")];
        assert_eq!(best, want.map(|(score, item)| (score, item.to_string())));
        let mut none = Best::new(0);
        none.offer(1.0, 1, ());
        assert!(none.into_sorted().is_empty());
    }
}
