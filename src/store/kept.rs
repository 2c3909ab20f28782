//! Values read from disk and kept in memory with the listing they belong
//! to, within a budget shared by the clones of a knowledge base.
//!
//! A question reads a record's text or a bucket of an inspection's terms
//! with one sled lookup (1 to 2 µs, most of what a question over many
//! inspections spends per answer), and a text is checked as UTF-8; kept,
//! they cost a pointer, and are checked once. They are kept with their
//! listing, so they are dropped, and their bytes given back to the budget,
//! when a later ingest replaces the listing; and they are never of another
//! generation than the listing. Only what a question read is kept: a
//! process that asks one question reads no more than it answers.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// How many bytes of texts and terms a knowledge base keeps in memory at
/// most: as much as sled's own page cache holds by default.
pub(crate) const KEPT_BYTES: usize = 1 << 30;

/// A value kept, its size counted against the budget until dropped.
#[derive(Debug)]
pub(crate) struct Kept<T> {
    pub value: T,
    size: usize,
    budget: Arc<AtomicUsize>,
}

impl<T> Drop for Kept<T> {
    fn drop(&mut self) {
        self.budget.fetch_add(self.size, Ordering::AcqRel);
    }
}

/// What is left of the budget.
#[derive(Clone, Debug)]
pub(crate) struct Budget(Arc<AtomicUsize>);

impl Budget {
    pub(crate) fn new(bytes: usize) -> Budget {
        Budget(Arc::new(AtomicUsize::new(bytes)))
    }

    /// `value`, of `size` bytes, counted against the budget if it allows;
    /// the value given back where it does not.
    pub(crate) fn take<T>(&self, value: T, size: usize) -> Result<Kept<T>, T> {
        let taken = self
            .0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                left.checked_sub(size)
            })
            .is_ok();
        if !taken {
            return Err(value);
        }
        Ok(Kept {
            value,
            size,
            budget: Arc::clone(&self.0),
        })
    }

    /// Keeps `value`, of `size` bytes, in `slot` if the budget allows, and
    /// returns what the slot keeps; gives the value back where the budget
    /// does not allow.
    pub(crate) fn keep<'s, T>(
        &self,
        slot: &'s OnceLock<Kept<T>>,
        value: T,
        size: usize,
    ) -> Result<&'s T, T> {
        let offered = self.take(value, size)?;
        // Where another thread kept one first (the same: both were read for
        // one listing), the one offered drops and gives its share back.
        Ok(&slot.get_or_init(|| offered).value)
    }

    /// What is left.
    #[cfg(test)]
    fn left(&self) -> usize {
        self.0.load(Ordering::Acquire)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_are_kept_within_the_budget_and_given_back() {
        let budget = Budget::new(10);
        let (first, second) = (OnceLock::new(), OnceLock::new());
        assert_eq!(budget.keep(&first, "eight", 8), Ok(&"eight"));
        assert_eq!(budget.left(), 2);
        assert_eq!(
            budget.keep(&second, "three", 3),
            Err("three"),
            "over the budget"
        );
        assert!(second.get().is_none());
        assert_eq!(
            budget.keep(&first, "one", 1),
            Ok(&"eight"),
            "kept first stays"
        );
        assert_eq!(
            budget.left(),
            2,
            "a second keeping of one slot gives its share back"
        );
        drop(first);
        assert_eq!(budget.left(), 10);
    }
}
