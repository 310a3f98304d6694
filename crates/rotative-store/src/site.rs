//! Site-wide storage: migrations, health, settings.

use crate::{Engine, Result};

/// Site-wide operations.
#[async_trait::async_trait]
pub trait SiteStore: Send + Sync + 'static {
    /// The engine behind this store.
    fn engine(&self) -> Engine;
    /// Applies the migrations not applied yet.
    async fn migrate(&self) -> Result<()>;
    /// Checks that the database answers.
    async fn ping(&self) -> Result<()>;
    /// Closes every connection, waiting for those in use.
    async fn close(&self);
    /// Refreshes the planner's statistics (after a bulk load).
    async fn optimize(&self) -> Result<()>;
    /// Every stored setting, as key/value text.
    async fn settings(&self) -> Result<Vec<(String, String)>>;
    /// Stores one setting, replacing its previous value.
    async fn put_setting(&self, key: &str, value: &str) -> Result<()>;
    /// The value of a setting, storing `value` first when it has none; several nodes
    /// starting at once all get the value the first one stored.
    async fn setting_or_insert(&self, key: &str, value: &str) -> Result<String>;
}

/// Implements [`SiteStore`] for an engine's store, given its [`Engine`], migrator and the
/// statement refreshing its statistics.
macro_rules! impl_site_store {
    ($store:ty, $engine:expr, $migrator:path, $optimize:literal) => {
        #[async_trait::async_trait]
        impl $crate::SiteStore for $store {
            fn engine(&self) -> $crate::Engine {
                $engine
            }

            async fn migrate(&self) -> $crate::Result<()> {
                $migrator().run(&self.pool).await?;
                Ok(())
            }

            async fn ping(&self) -> $crate::Result<()> {
                sqlx::query("SELECT 1").execute(&self.pool).await?;
                Ok(())
            }

            async fn close(&self) {
                $crate::read::Reader::close_readers(self);
                self.pool.close().await;
            }

            async fn optimize(&self) -> $crate::Result<()> {
                sqlx::query($optimize).execute(&self.pool).await?;
                Ok(())
            }

            async fn settings(&self) -> $crate::Result<Vec<(String, String)>> {
                Ok(
                    sqlx::query_as("SELECT key, value FROM settings ORDER BY key")
                        .fetch_all(&self.pool)
                        .await?,
                )
            }

            async fn put_setting(&self, key: &str, value: &str) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                )
                .bind(key)
                .bind(value)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn setting_or_insert(&self, key: &str, value: &str) -> $crate::Result<String> {
                sqlx::query(
                    "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                )
                .bind(key)
                .bind(value)
                .execute(&self.pool)
                .await?;
                Ok(
                    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                        .bind(key)
                        .fetch_one(&self.pool)
                        .await?,
                )
            }
        }
    };
}
pub(crate) use impl_site_store;
