//! Pure functions over a loaded [`Project`](crate::model::Project): the code hierarchy,
//! frequencies and the knowledge cube. No I/O.

pub mod cooccurrence;
pub mod cube;
pub mod frequencies;
pub mod hierarchy;
pub mod search;
pub mod stripes;
