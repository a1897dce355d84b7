//! Pure functions over the live [`Project`](crate::model::Project): the hierarchy view model,
//! frequencies, the knowledge cube, code co-occurrence, search and coding stripes. No I/O.

pub mod agreement;
pub mod cooccurrence;
pub mod cube;
pub mod diagram;
pub mod extent;
pub mod frequencies;
pub mod grounding;
pub mod hierarchy;
pub mod memos;
pub mod reliability;
pub mod retrieval;
pub mod review_changes;
pub mod saturation;
pub mod scales;
pub mod search;
pub mod stripes;
pub mod units;
