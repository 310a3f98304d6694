//! The full-text index of Rotative's published articles, embedded (tantivy).
//!
//! - [`analysis`] turns text into terms per [`Language`]: French (accents and case folded,
//!   elisions removed, French stemming), English and Arabic (diacritics, tatweel and alef
//!   forms normalised, Arabic stemming).
//! - [`SearchIndex`] is one index: [`SearchIndex::in_memory`] (tests), or
//!   [`SearchIndex::open_or_create`] on a folder. It takes [`Doc`]s ([`SearchIndex::index`]
//!   replaces an article, [`SearchIndex::remove`] takes it out; each call is one commit,
//!   visible to the next search) and answers a [`Query`] with [`Results`]: ranked by BM25
//!   relevance, ties broken by recency, each [`Hit`] with its title and a snippet as safe
//!   HTML (escaped, only `<mark>` added), and a [`Suggestion`] when nothing matched.
//!   [`SearchIndex::builder`] builds a whole new index beside the current one and swaps it
//!   in when done ([`Builder::finish`]).
//! - On disk, a folder holds generations (`index-…/`), and the name of the current one in
//!   `CURRENT`: a rebuild writes a new generation and then names it, so readers never see a
//!   half-built index and a running server can pick up one that `rotative search reindex`
//!   built ([`SearchIndex::current_generation`]). An index that is missing, unreadable,
//!   built for another language or by another format version is replaced by an empty one,
//!   which says it needs rebuilding ([`SearchIndex::synced_to`] is `None`).
//! - Readers' queries never fail: the text is cut to [`MAX_QUERY_CHARS`], control
//!   characters and query-syntax characters other than quotes, `+`, `-` and `AND`/`OR`/`NOT`
//!   become spaces, and the rest is parsed leniently.
//!
//! The index knows articles by id, category id and publication time; the database stays
//! the authority on everything else (the web layer shows hits from it).

pub mod analysis;
mod disk;
mod html;
mod index;
mod query;
mod schema;
mod search;
mod suggest;

pub use analysis::Language;
pub use index::{Builder, SYNC_COMMIT_AFTER_SECONDS, SearchIndex};
pub use query::{MAX_QUERY_CHARS, is_blank};

use rotative_core::{ArticleId, CategoryId, Timestamp};
use std::path::PathBuf;

/// An article as the index takes it: plain text, no HTML.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    /// Its id.
    pub id: ArticleId,
    /// Its title.
    pub title: String,
    /// Its excerpt.
    pub excerpt: String,
    /// Its body, as plain text.
    pub body: String,
    /// The names of its tags.
    pub tags: Vec<String>,
    /// Its author's name.
    pub author: String,
    /// Its category.
    pub category: CategoryId,
    /// When it is (or was) published.
    pub published_at: Timestamp,
}

/// A reader's search.
#[derive(Debug, Clone)]
pub struct Query {
    /// What they typed (any length, any characters).
    pub text: String,
    /// Only articles of these categories (none: any).
    pub categories: Vec<CategoryId>,
    /// Only articles published at or after this time.
    pub from: Option<Timestamp>,
    /// Only articles published before this time.
    pub until: Option<Timestamp>,
    /// Now: articles published later (scheduled) are not found.
    pub now: Timestamp,
    /// How many results to skip (pagination).
    pub offset: usize,
    /// How many results to return.
    pub limit: usize,
}

impl Query {
    /// A search for `text` among articles published by `now`, first `limit` results.
    pub fn new(text: &str, now: Timestamp, limit: usize) -> Query {
        Query {
            text: text.to_owned(),
            categories: Vec::new(),
            from: None,
            until: None,
            now,
            offset: 0,
            limit,
        }
    }
}

/// What a search found.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// How many articles match in all.
    pub total: usize,
    /// Those of the page asked for, best first.
    pub hits: Vec<Hit>,
    /// Whether the text was cut to [`MAX_QUERY_CHARS`].
    pub truncated: bool,
    /// When nothing matched: another search that finds something.
    pub suggestion: Option<Suggestion>,
}

/// One article found.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    /// The article.
    pub id: ArticleId,
    /// Its publication time.
    pub published_at: Timestamp,
    /// Its relevance (BM25).
    pub score: f32,
    /// Its title as HTML: escaped, the words found in `<mark>`.
    pub title_html: String,
    /// The passage of its text that best matches, as HTML: escaped, the words found in
    /// `<mark>`, with `…` where it was cut.
    pub snippet_html: String,
}

/// Another search to offer when one found nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Suggestion {
    /// The same words, misspellings replaced by close words of the articles ("did you
    /// mean").
    Spelling(String),
    /// Fewer of the words.
    FewerWords(String),
}

impl Suggestion {
    /// The text of the search suggested.
    pub fn text(&self) -> &str {
        match self {
            Suggestion::Spelling(text) | Suggestion::FewerWords(text) => text,
        }
    }
}

/// Why the index failed.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// Tantivy failed (a corrupt file, a full disk, a lock held by another process…).
    #[error("search index: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// A file or folder of the index could not be read or written.
    #[error("search index {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// The result of an index operation.
pub type Result<T, E = SearchError> = std::result::Result<T, E>;
