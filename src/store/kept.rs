//! Values read from disk and kept in memory with the listing they belong
//! to, within a budget shared by the clones of a knowledge base.
//!
//! A question reads an inspection's texts or terms with one sled lookup
//! (about 1.5 µs, the most a question over many inspections spends per
//! inspection); kept, they cost a pointer. They are kept with their
//! listing, so they are dropped, and their bytes given back to the budget,
//! when a later ingest replaces the listing; and they are never of another
//! generation than the listing.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// How many bytes of texts and terms a knowledge base keeps in memory at
/// most: as much as sled's own page cache holds by default.
pub(crate) const KEPT_BYTES: usize = 1 << 30;

/// Bytes kept, counted against the budget until dropped.
#[derive(Debug)]
pub(crate) struct Kept {
    pub bytes: sled::IVec,
    budget: Arc<AtomicUsize>,
}

impl Drop for Kept {
    fn drop(&mut self) {
        self.budget.fetch_add(self.bytes.len(), Ordering::AcqRel);
    }
}

/// What is left of the budget.
#[derive(Clone, Debug)]
pub(crate) struct Budget(Arc<AtomicUsize>);

impl Budget {
    pub(crate) fn new(bytes: usize) -> Budget {
        Budget(Arc::new(AtomicUsize::new(bytes)))
    }

    /// Keeps `bytes` in `slot` if the budget allows; returns them either way.
    pub(crate) fn keep(&self, slot: &OnceLock<Kept>, bytes: sled::IVec) -> sled::IVec {
        let len = bytes.len();
        let taken = self
            .0
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |left| {
                left.checked_sub(len)
            })
            .is_ok();
        if taken {
            // Where another thread kept them first, this one's share drops
            // and goes back to the budget.
            let _ = slot.set(Kept {
                bytes: bytes.clone(),
                budget: Arc::clone(&self.0),
            });
        }
        bytes
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
        budget.keep(&first, sled::IVec::from(&b"12345678"[..]));
        assert_eq!(budget.left(), 2);
        budget.keep(&second, sled::IVec::from(&b"123"[..]));
        assert!(second.get().is_none(), "over the budget: not kept");
        budget.keep(&first, sled::IVec::from(&b"1"[..]));
        assert_eq!(first.get().unwrap().bytes.as_ref(), b"12345678");
        assert_eq!(
            budget.left(),
            2,
            "a second keeping of one slot gives its share back"
        );
        drop(first);
        assert_eq!(budget.left(), 10);
    }
}
