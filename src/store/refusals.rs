//! The refusals keyspace: the files whose last ingest refused them, so that
//! the knowledge base can say what it could not read. A file is named as it
//! was given to ingest; storing its report later forgets the refusal, in
//! the report's own batch.

use super::error::guarded;
use super::{REFUSALS, Store, StoreError, space_key, values};
use crate::model::Refusal;

/// The key of a file's refusal.
pub(super) fn key(file: &str) -> Vec<u8> {
    space_key(REFUSALS, file.as_bytes())
}

impl Store {
    /// Keeps a refusal, replacing the file's last one. Only the refusals
    /// change: the records are as they were.
    pub fn record_refusal(&self, refusal: &Refusal) -> Result<(), StoreError> {
        let value = values::encode(refusal)?;
        guarded(|| Ok(self.tree.insert(key(&refusal.file), value)?))?;
        Ok(())
    }

    /// The files whose last ingest refused them, in the order of their names.
    pub fn refusals(&self) -> Result<Vec<Refusal>, StoreError> {
        guarded(|| {
            self.tree
                .scan_prefix([REFUSALS])
                .map(|item| values::decode(&item?.1, "a refusal"))
                .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_kept_until_the_file_is_stored() {
        let store = Store::temporary().unwrap();
        let refusal = Refusal {
            file: "reports/slough.pdf".into(),
            reason: "the text ends at line 451".into(),
            authority: Some("Slough".into()),
        };
        store.record_refusal(&refusal).unwrap();
        assert_eq!(store.refusals().unwrap(), std::slice::from_ref(&refusal));
        assert_eq!(store.stats().unwrap().records, 0);
        let report =
            crate::Report::parse(include_str!("../../seeds/slough-2023-ilacs.txt")).unwrap();
        store.ingest(&report).unwrap();
        assert_eq!(store.refusals().unwrap(), std::slice::from_ref(&refusal));
        store.ingest_from(&report, "reports/slough.pdf").unwrap();
        assert_eq!(store.refusals().unwrap(), []);
    }
}
