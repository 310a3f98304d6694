//! The media library: what was uploaded, its processing state, and where it is used.

use crate::Result;
use rotative_core::{Timestamp, UserId};

/// An uploaded image.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Media {
    /// Its id (its folder in the media storage).
    pub id: i64,
    /// Its file name's stem, as a slug.
    pub name: String,
    /// Its format's extension: `jpg`, `png`, `webp` or `gif`.
    pub ext: String,
    /// Its size in pixels.
    pub width: i64,
    /// Its height in pixels.
    pub height: i64,
    /// The size of the upload, in bytes.
    pub bytes: i64,
    /// What it shows, for readers who cannot see it.
    pub alt: String,
    /// `processing`, `ready` or `failed`.
    pub status: String,
    /// When it was uploaded.
    pub created_at: Timestamp,
}

/// An image to describe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMedia {
    /// Its file name's stem, as a slug.
    pub name: String,
    /// Its format's extension.
    pub ext: String,
    /// Its width.
    pub width: i64,
    /// Its height.
    pub height: i64,
    /// The upload's size.
    pub bytes: i64,
    /// Its text alternative.
    pub alt: String,
}

/// The media library.
#[async_trait::async_trait]
pub trait MediaStore: Send + Sync + 'static {
    /// Records an upload, in the `processing` state.
    async fn add_media(&self, media: &NewMedia, by: UserId, now: Timestamp) -> Result<i64>;
    /// One item.
    async fn media(&self, id: i64) -> Result<Option<Media>>;
    /// The library, newest first, optionally only what matches `search` in name or alt.
    async fn media_list(&self, search: Option<&str>, limit: u32, offset: u64)
    -> Result<Vec<Media>>;
    /// How many items the library holds for `search`.
    async fn count_media(&self, search: Option<&str>) -> Result<u64>;
    /// The items still waiting to be processed.
    async fn processing_media(&self) -> Result<Vec<Media>>;
    /// Marks an item `ready` or `failed`.
    async fn set_media_status(&self, id: i64, status: &str) -> Result<()>;
    /// The titles and ids of the articles using a path (as featured image or in the body).
    async fn media_uses(&self, path_prefix: &str) -> Result<Vec<(i64, String)>>;
    /// The names of the users whose picture is under a path.
    async fn media_avatars(&self, path_prefix: &str) -> Result<Vec<String>>;
    /// The ids and names of the ad creatives showing a path (as their image, or in their
    /// snippet).
    async fn media_ads(&self, path_prefix: &str) -> Result<Vec<(i64, String)>>;
    /// Forgets an item.
    async fn delete_media(&self, id: i64) -> Result<()>;
}

macro_rules! media_columns {
    () => {
        "SELECT id, name, ext, width, height, bytes, alt, status, created_at FROM media"
    };
}

pub(crate) const MEDIA_COLUMNS: &str = media_columns!();

/// One item, by id (what public pages read to show an image).
pub(crate) const MEDIA_BY_ID: &str = concat!(media_columns!(), " WHERE id = $1");

/// A library item from its row.
pub(crate) fn row(row: &impl crate::rows::StoredRow) -> crate::Result<Media> {
    Ok(Media {
        id: row.int("id")?,
        name: row.text("name")?,
        ext: row.text("ext")?,
        width: row.int("width")?,
        height: row.int("height")?,
        bytes: row.int("bytes")?,
        alt: row.text("alt")?,
        status: row.text("status")?,
        created_at: row.time("created_at")?,
    })
}

/// Implements [`MediaStore`] for an engine's store and database type.
macro_rules! impl_media_store {
    ($store:ty, $db:ty) => {
        impl $store {
            fn media_search(sql: &mut sqlx::QueryBuilder<$db>, search: Option<&str>) {
                if let Some(search) = search.map(str::trim).filter(|s| !s.is_empty()) {
                    let pattern = $crate::comments::like_pattern(search);
                    sql.push(" WHERE (LOWER(name) LIKE ")
                        .push_bind(pattern.clone())
                        .push(" ESCAPE '\\' OR LOWER(alt) LIKE ")
                        .push_bind(pattern)
                        .push(" ESCAPE '\\')");
                }
            }
        }

        #[async_trait::async_trait]
        impl $crate::MediaStore for $store {
            async fn add_media(
                &self,
                media: &$crate::media::NewMedia,
                by: rotative_core::UserId,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO media (name, ext, width, height, bytes, alt, status, uploaded_by, \
                     created_at) VALUES ($1, $2, $3, $4, $5, $6, 'processing', $7, $8) RETURNING id",
                )
                .bind(&media.name)
                .bind(&media.ext)
                .bind(media.width)
                .bind(media.height)
                .bind(media.bytes)
                .bind(media.alt.trim())
                .bind(by.0)
                .bind(rotative_core::whole_seconds(now))
                .fetch_one(&self.pool)
                .await?)
            }

            async fn media(&self, id: i64) -> $crate::Result<Option<$crate::media::Media>> {
                use $crate::read::Reader;
                let query = $crate::read::Query::new($crate::media::MEDIA_BY_ID).bind(id);
                self.fetch_first::<$crate::read::MediaItems>(query).await
            }

            async fn media_list(
                &self,
                search: Option<&str>,
                limit: u32,
                offset: u64,
            ) -> $crate::Result<Vec<$crate::media::Media>> {
                let mut sql = sqlx::QueryBuilder::<$db>::new($crate::media::MEDIA_COLUMNS);
                Self::media_search(&mut sql, search);
                sql.push(" ORDER BY created_at DESC, id DESC LIMIT ")
                    .push_bind(i64::from(limit))
                    .push(" OFFSET ")
                    .push_bind($crate::articles::as_i64(offset));
                let rows = sql.build().fetch_all(&self.pool).await?;
                rows.iter().map($crate::media::row).collect()
            }

            async fn count_media(&self, search: Option<&str>) -> $crate::Result<u64> {
                let mut sql = sqlx::QueryBuilder::<$db>::new("SELECT COUNT(*) FROM media");
                Self::media_search(&mut sql, search);
                let n: i64 = sql.build_query_scalar().fetch_one(&self.pool).await?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn processing_media(&self) -> $crate::Result<Vec<$crate::media::Media>> {
                let sql = format!(
                    "{} WHERE status = 'processing' ORDER BY id",
                    $crate::media::MEDIA_COLUMNS
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql)).fetch_all(&self.pool).await?;
                rows.iter().map($crate::media::row).collect()
            }

            async fn set_media_status(&self, id: i64, status: &str) -> $crate::Result<()> {
                sqlx::query("UPDATE media SET status = $2 WHERE id = $1")
                    .bind(id)
                    .bind(status)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }

            async fn media_uses(&self, path_prefix: &str) -> $crate::Result<Vec<(i64, String)>> {
                let pattern = $crate::comments::like_containing(path_prefix);
                Ok(sqlx::query_as(
                    "SELECT id, title FROM articles WHERE featured_image LIKE $1 ESCAPE '\\' \
                     OR body_markdown LIKE $1 ESCAPE '\\' ORDER BY id",
                )
                .bind(pattern)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn media_avatars(&self, path_prefix: &str) -> $crate::Result<Vec<String>> {
                let pattern = format!("{}%", $crate::comments::like_escaped(path_prefix));
                Ok(sqlx::query_scalar(
                    "SELECT display_name FROM users WHERE avatar LIKE $1 ESCAPE '\\' ORDER BY id",
                )
                .bind(pattern)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn media_ads(&self, path_prefix: &str) -> $crate::Result<Vec<(i64, String)>> {
                let escaped = $crate::comments::like_escaped(path_prefix);
                Ok(sqlx::query_as(
                    "SELECT id, name FROM ad_creatives WHERE image LIKE $1 ESCAPE '\\' \
                     OR snippet LIKE $2 ESCAPE '\\' ORDER BY id",
                )
                .bind(format!("{escaped}%"))
                .bind(format!("%{escaped}%"))
                .fetch_all(&self.pool)
                .await?)
            }

            async fn delete_media(&self, id: i64) -> $crate::Result<()> {
                sqlx::query("DELETE FROM media WHERE id = $1")
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_media_store;
