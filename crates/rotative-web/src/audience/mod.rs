//! The audience: which requests are readers, and how many times each article was read.
//!
//! Views are counted in memory ([`ViewCounter::record`], a map increment, also on a cache
//! hit) and written to the database as increments, in one transaction, by the
//! `flush_views` job every `views.flush_interval_seconds` and once more at shutdown. A page
//! may thus show a count up to the flush interval behind, plus the page cache's
//! `cache.refresh_seconds` when it comes from the cache.

mod views;

pub use views::{Countable, ViewCounter, is_countable};
