//! The PostgreSQL engine, for sites that outgrow one machine.

use crate::{Engine, Result, StoreError};
use sqlx::Connection;
use sqlx::postgres::{PgConnectOptions, PgConnection, PgPool, PgPoolOptions};
use std::str::FromStr;
use std::time::Duration;

/// A store on a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PgStore {
    pool: PgPool,
}

impl PgStore {
    /// Connects to the database a `postgres://` URL names.
    pub async fn connect(url: &str) -> Result<Self> {
        let options = PgConnectOptions::from_str(url).map_err(|e| StoreError::connect(url, e))?;
        Self::connect_with(options, url).await
    }

    /// Connects with options built by the caller (tests use it to pick a schema);
    /// `url` names the database in errors.
    pub async fn connect_with(options: PgConnectOptions, url: &str) -> Result<Self> {
        let options = options.application_name("rotative");
        // One direct connection first: the pool would only report a timeout, this reports
        // why (refused, unknown database, authentication…).
        let probe = PgConnection::connect_with(&options)
            .await
            .map_err(|e| StoreError::connect(url, e))?;
        probe
            .close()
            .await
            .map_err(|e| StoreError::connect(url, e))?;
        let pool = PgPoolOptions::new()
            .max_connections(16)
            .acquire_timeout(Duration::from_secs(5))
            .connect_with(options)
            .await
            .map_err(|e| StoreError::connect(url, e))?;
        Ok(PgStore { pool })
    }
}

impl crate::Snapshots for PgStore {
    fn snapshot(&self) -> Box<dyn crate::ArticleStore> {
        Box::new(self.clone())
    }
}

crate::site::impl_site_store!(
    PgStore,
    Engine::Postgres,
    crate::migrations::postgres,
    "ANALYZE"
);
crate::authors::impl_author_store!(PgStore);
crate::accounts::impl_account_store!(PgStore);
crate::taxonomy::impl_taxonomy_store!(PgStore, sqlx::Postgres);
crate::editorial::impl_editorial_store!(PgStore, sqlx::Postgres);
crate::comments::impl_comment_store!(PgStore, sqlx::Postgres);
crate::newsroom::impl_newsroom_store!(PgStore, sqlx::Postgres);
crate::media::impl_media_store!(PgStore, sqlx::Postgres);
crate::ads::impl_ad_store!(PgStore, sqlx::Postgres);
crate::feeds::impl_feed_store!(PgStore, sqlx::Postgres);
crate::search::impl_search_source_store!(PgStore, sqlx::Postgres);
crate::import::impl_import_store!(PgStore, sqlx::Postgres);

/// PostgreSQL runs the public pages' reads through its pool, like every other query.
#[async_trait::async_trait]
impl crate::read::Reader for PgStore {
    async fn fetch<M: crate::read::Mapper>(
        &self,
        query: crate::read::Query,
    ) -> Result<Vec<M::Out>> {
        use crate::read::Param;
        let mut sql = sqlx::query(query.sql);
        for param in query.params {
            sql = match param {
                Param::Int(value) => sql.bind(value),
                Param::Text(value) => sql.bind(value),
                Param::Time(value) => sql.bind(value),
            };
        }
        let rows = sql.fetch_all(&self.pool).await?;
        crate::rows::all(&rows, M::map)
    }
}
