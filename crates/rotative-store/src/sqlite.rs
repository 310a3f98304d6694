//! The SQLite engine: a file under the data directory, in WAL mode.

use crate::{Engine, Result, StoreError};
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::path::Path;
use std::time::Duration;

/// A store on a SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (creating when missing) the database file and its folder.
    pub async fn open(path: &Path) -> Result<Self> {
        let url = format!("sqlite://{}", path.display());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::connect(&url, sqlx::Error::Io(e)))?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Keeps the planner's statistics current, so it picks the list indexes.
            .optimize_on_close(true, 1000);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::connect(&url, e))?;
        Ok(SqliteStore { pool })
    }
}

crate::site::impl_site_store!(
    SqliteStore,
    Engine::Sqlite,
    crate::migrations::sqlite,
    "PRAGMA optimize"
);
crate::authors::impl_author_store!(SqliteStore);
crate::accounts::impl_account_store!(SqliteStore);
crate::taxonomy::impl_taxonomy_store!(SqliteStore, sqlx::Sqlite);
crate::articles::impl_article_store!(SqliteStore);
crate::editorial::impl_editorial_store!(SqliteStore, sqlx::Sqlite);
crate::comments::impl_comment_store!(SqliteStore, sqlx::Sqlite);
crate::newsroom::impl_newsroom_store!(SqliteStore, sqlx::Sqlite);
crate::media::impl_media_store!(SqliteStore, sqlx::Sqlite);
crate::ads::impl_ad_store!(SqliteStore, sqlx::Sqlite);
crate::feeds::impl_feed_store!(SqliteStore, sqlx::Sqlite);
crate::search::impl_search_source_store!(SqliteStore, sqlx::Sqlite);
crate::import::impl_import_store!(SqliteStore, sqlx::Sqlite);
