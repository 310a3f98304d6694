//! The reader's site over HTTP, against the real router and a real database, on SQLite
//! and on PostgreSQL (see `rotative_test_support::engine_test`).

mod ads;
mod arabic;
mod article;
mod cache;
mod comments;
mod compiled;
mod errors;
mod feeds;
mod home;
mod layout;
mod lists;
mod media;
mod moderation;
mod newsroom;
mod scheduling;
mod search;
mod seo;
mod sitemaps;
mod views;
mod weather;

use chrono::{TimeZone, Utc};
use rotative_core::Timestamp;

/// The seed article's path in the demo site.
pub const SEED: &str =
    "/politique/le-maroc-et-le-kazakhstan-renforcent-leur-cooperation-bilaterale/";

/// A UTC time on a day of 2025.
pub fn utc(month: u32, day: u32, hour: u32, minute: u32) -> Timestamp {
    Utc.with_ymd_and_hms(2025, month, day, hour, minute, 0)
        .single()
        .expect("a valid date")
}

/// How many times `needle` occurs in `haystack`.
pub fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// The position of `needle` in `haystack`, failing the test when absent.
pub fn position(haystack: &str, needle: &str) -> usize {
    haystack
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} is not in the page"))
}

/// The main column's list of a list page (without the sidebars, which list articles too).
pub fn listed(body: &str) -> &str {
    let start = body.find(r#"<main id="content""#).unwrap_or(0);
    let end = body.find("</main>").unwrap_or(body.len());
    &body[start..end]
}
