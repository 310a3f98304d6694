//! What Rotative tells machines about its articles: feeds, sitemaps and `robots.txt`, made
//! as text from plain values (the web layer fetches them and serves the result).
//!
//! - [`xml`] writes XML 1.0 safely: every text and attribute escaped, and the characters
//!   XML 1.0 forbids (most control characters) dropped, so no title can break a document.
//! - [`feed`]: RSS 2.0 ([`feed::rss`]) and Atom ([`feed::atom`]) from one [`feed::Channel`]
//!   and its [`feed::Entry`]s, with full content or excerpts and image enclosures.
//! - [`sitemap`]: the sitemap index, its pages of URLs ([`MAX_SITEMAP_URLS`] at most each)
//!   and the Google News sitemap ([`NEWS_WINDOW_HOURS`], [`MAX_NEWS_URLS`]).
//! - [`robots`]: `robots.txt` from the newsroom's rules, always pointing at the sitemaps.
//!
//! No I/O and nothing of ours below it but the types of `chrono`: dates are UTC.

pub mod feed;
pub mod robots;
pub mod sitemap;
pub mod xml;

/// A moment, in UTC.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// How many articles a feed lists, newest first.
pub const FEED_ITEMS: u32 = 20;

/// The most URLs one sitemap may hold (the sitemap protocol's limit).
pub const MAX_SITEMAP_URLS: u32 = 50_000;

/// How recent an article must be to be in the Google News sitemap, in hours.
pub const NEWS_WINDOW_HOURS: i64 = 48;

/// The most articles the Google News sitemap lists (Google's limit).
pub const MAX_NEWS_URLS: u32 = 1_000;

/// A date as RFC 2822 writes it (RSS): `Tue, 1 Apr 2025 09:00:00 +0000`.
pub fn rfc2822(at: Timestamp) -> String {
    at.to_rfc2822()
}

/// A date as the W3C (ISO 8601) writes it (Atom, sitemaps): `2025-04-01T09:00:00Z`.
pub fn w3c(at: Timestamp) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
