//! Hands out row ids for new rows before the action that creates them is applied, so that the
//! action (and its redo) names its rows. Ids are never reused, even after a delete.

use super::{Result, Store};
use crate::model::*;

/// Next free ids per table, read once from the file and counted up locally, so a batch of
/// creations (an import, "code all hits") gets distinct ids before any row is written.
#[derive(Clone, Debug)]
pub struct IdAllocator {
    next: [i64; 10],
}

const TABLES: [&str; 10] =
    ["case_", "document", "code", "concept", "category", "coding", "memo", "relation", "property", "evidence"];

impl IdAllocator {
    fn take(&mut self, table: usize) -> i64 {
        let id = self.next[table];
        self.next[table] += 1;
        id
    }
    pub fn case(&mut self) -> CaseId {
        CaseId(self.take(0))
    }
    pub fn document(&mut self) -> DocumentId {
        DocumentId(self.take(1))
    }
    pub fn code(&mut self) -> CodeId {
        CodeId(self.take(2))
    }
    pub fn concept(&mut self) -> ConceptId {
        ConceptId(self.take(3))
    }
    pub fn category(&mut self) -> CategoryId {
        CategoryId(self.take(4))
    }
    pub fn coding(&mut self) -> CodingId {
        CodingId(self.take(5))
    }
    pub fn memo(&mut self) -> MemoId {
        MemoId(self.take(6))
    }
    pub fn relation(&mut self) -> RelationId {
        RelationId(self.take(7))
    }
    pub fn property(&mut self) -> PropertyId {
        PropertyId(self.take(8))
    }
    pub fn evidence(&mut self) -> EvidenceId {
        EvidenceId(self.take(9))
    }
}

impl Store {
    /// An allocator for the ids of rows the next action will create. Another writer (another
    /// window, the command line) may take the same ids before that action is applied: pick
    /// them inside [`Store::apply_built`], which holds the write lock, wherever that can be.
    pub fn ids(&self) -> Result<IdAllocator> {
        let mut next = [1; 10];
        for (slot, table) in next.iter_mut().zip(TABLES) {
            let seq: i64 = self.conn.query_row(
                &format!(
                    "SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = '{table}'), 0),
                                coalesce((SELECT max(id) FROM {table}), 0))"
                ),
                [],
                |r| r.get(0),
            )?;
            *slot = seq + 1;
        }
        Ok(IdAllocator { next })
    }
}
