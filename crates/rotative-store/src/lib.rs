//! Persistence of Rotative: one interface, [`Store`], with two engines behind it.
//!
//! - [`Store`] is what the rest of Rotative talks to. It is the sum of narrower traits, one
//!   per kind of data: [`SiteStore`] (settings, health, migrations), [`AuthorStore`],
//!   [`TaxonomyStore`] (categories and tags), [`ArticleStore`] (reading articles) and
//!   [`EditorialStore`] (writing them), [`CommentStore`] (readers' comments),
//!   [`AccountStore`] (passwords, sessions, failed logins), [`FeedStore`] (what feeds and
//!   sitemaps read), [`SearchSourceStore`] (what the search index is built from),
//!   [`ImportStore`] (what a WordPress import writes and remembers).
//! - [`sqlite::SqliteStore`] (the default, a file under the data directory) and
//!   [`postgres::PgStore`] implement it. Both run the same SQL text, written once per trait
//!   in its module: the dialects agree on everything used here (`$n` parameters,
//!   `RETURNING`, `ON CONFLICT`, row values, recursive CTEs, window functions). What differs
//!   (connection set-up, migrations) lives in the engine's own module.
//! - [`connect`] opens the store a [`DatabaseUrl`] names.
//! - Migrations are per engine under `migrations/`, embedded by [`migrations`].
//!
//! Timestamps are bound from Rust, UTC and whole seconds (see
//! [`rotative_core::whole_seconds`]), so that they compare the same on both engines.

mod accounts;
mod ads;
mod articles;
mod authors;
mod comments;
mod editorial;
mod error;
mod feeds;
mod import;
mod media;
pub mod migrations;
mod newsroom;
pub mod postgres;
mod read;
mod rows;
mod search;
mod site;
pub mod sqlite;
mod taxonomy;
mod url;

use std::sync::Arc;

pub use accounts::{Account, AccountStore};
pub use ads::{AdContent, AdDay, AdStore, Creative, NewCreative};
pub use articles::{Around, ArticleFilter, ArticleStore, ListStart};
pub use authors::AuthorStore;
pub use comments::{Block, BlockKind, CommentQuery, CommentStore, ModeratedComment};
pub use editorial::EditorialStore;
pub use error::StoreError;
pub use feeds::{ArticleBody, FeedStore, SitemapEntry};
pub use import::{BatchOutcome, ImportStore, ImportedArticle, ImportedComment, LegacyTarget};
pub use media::{Media, MediaStore, NewMedia};
pub use newsroom::{ArticleQuery, ArticleRow, NewsroomStore, Revision};
pub use search::{SearchSource, SearchSourceStore, SourceScope};
pub use site::SiteStore;
pub use taxonomy::TaxonomyStore;
pub use url::{DatabaseUrl, DatabaseUrlError};

/// The result of a store operation.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Everything Rotative stores, on whichever engine.
pub trait Store:
    SiteStore
    + AuthorStore
    + TaxonomyStore
    + ArticleStore
    + EditorialStore
    + CommentStore
    + AccountStore
    + NewsroomStore
    + MediaStore
    + AdStore
    + FeedStore
    + SearchSourceStore
    + ImportStore
    + Snapshots
{
}

impl<T> Store for T where
    T: SiteStore
        + AuthorStore
        + TaxonomyStore
        + ArticleStore
        + EditorialStore
        + CommentStore
        + AccountStore
        + NewsroomStore
        + MediaStore
        + AdStore
        + FeedStore
        + SearchSourceStore
        + ImportStore
        + Snapshots
{
}

/// Reads that see one state of the database.
pub trait Snapshots {
    /// The reads of one public page. On SQLite they run in one read transaction on one
    /// connection, begun by the first read and ended when the snapshot is dropped: they see
    /// one state of the database, and pay for one transaction instead of one each (with
    /// its locks on the WAL's index). On PostgreSQL it is the store itself, each read a
    /// statement of its own on the pool.
    fn snapshot(&self) -> Box<dyn ArticleStore>;
}

/// Which database engine a store runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Opens the store a URL names (creating the SQLite file and its folder when missing). Does
/// not migrate: call [`SiteStore::migrate`].
pub async fn connect(url: &DatabaseUrl) -> Result<Arc<dyn Store>> {
    Ok(match url {
        DatabaseUrl::Sqlite(path) => Arc::new(sqlite::SqliteStore::open(path).await?),
        DatabaseUrl::Postgres(url) => Arc::new(postgres::PgStore::connect(url).await?),
    })
}
