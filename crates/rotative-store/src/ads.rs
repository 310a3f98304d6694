//! Ad creatives and their daily impressions and clicks.

use crate::Result;
use rotative_core::Timestamp;

/// An ad creative, with its counts so far.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Creative {
    /// Its id (the click address is `/go/ad/{id}`).
    pub id: i64,
    /// What the newsroom calls it.
    pub name: String,
    /// What it is.
    pub content: AdContent,
    /// Its size in pixels.
    pub width: i64,
    /// Its height in pixels.
    pub height: i64,
    /// The zones it may appear in.
    pub zones: Vec<String>,
    /// The categories it targets (empty: every page).
    pub categories: Vec<i64>,
    /// Not shown before this time.
    pub starts_at: Option<Timestamp>,
    /// Not shown from this time.
    pub ends_at: Option<Timestamp>,
    /// Its share of the rotation among the creatives eligible with it.
    pub weight: i64,
    /// Switched on.
    pub active: bool,
    /// Impressions counted so far (written ones).
    pub impressions: i64,
    /// Clicks counted so far.
    pub clicks: i64,
}

/// What a creative shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum AdContent {
    /// An image from the library, leading to an address.
    Image {
        /// The library image's address (`/media/…`).
        image: String,
        /// Where a click leads (`https://…`).
        link: String,
        /// Its text alternative.
        alt: String,
    },
    /// A third-party HTML/JavaScript snippet, shown only in a sandboxed frame.
    Snippet {
        /// The HTML.
        html: String,
    },
}

/// A creative to store (the [`Creative`] without id and counts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCreative {
    /// Its name.
    pub name: String,
    /// What it shows.
    pub content: AdContent,
    /// Its width.
    pub width: i64,
    /// Its height.
    pub height: i64,
    /// Its zones.
    pub zones: Vec<String>,
    /// Its target categories.
    pub categories: Vec<i64>,
    /// Its start.
    pub starts_at: Option<Timestamp>,
    /// Its end.
    pub ends_at: Option<Timestamp>,
    /// Its weight.
    pub weight: i64,
    /// Whether it is on.
    pub active: bool,
}

/// One creative's counts on one day.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AdDay {
    /// The creative.
    pub creative_id: i64,
    /// Its name.
    pub name: String,
    /// The site's day, `YYYY-MM-DD`.
    pub day: String,
    /// Impressions that day.
    pub impressions: i64,
    /// Clicks that day.
    pub clicks: i64,
}

/// Ads.
#[async_trait::async_trait]
pub trait AdStore: Send + Sync + 'static {
    /// Every creative, newest first, with its total counts.
    async fn ad_creatives(&self) -> Result<Vec<Creative>>;
    /// One creative.
    async fn ad_creative(&self, id: i64) -> Result<Option<Creative>>;
    /// Stores a new creative; returns its id.
    async fn insert_ad(&self, ad: &NewCreative, now: Timestamp) -> Result<i64>;
    /// Replaces a creative; false when there is none with that id.
    async fn update_ad(&self, id: i64, ad: &NewCreative, now: Timestamp) -> Result<bool>;
    /// Deletes a creative and its counts; false when there is none.
    async fn delete_ad(&self, id: i64) -> Result<bool>;
    /// Adds `(creative, impressions, clicks)` counts to a day, in one transaction; counts
    /// of creatives deleted meanwhile are dropped.
    async fn add_ad_counts(&self, day: &str, counts: &[(i64, i64, i64)]) -> Result<()>;
    /// The counts per creative and day from `from` to `to` (inclusive, `YYYY-MM-DD`),
    /// by day then creative name.
    async fn ad_report(&self, from: &str, to: &str) -> Result<Vec<AdDay>>;
}

pub(crate) const CREATIVE_COLUMNS: &str = "SELECT c.id, c.name, c.kind, c.image, c.link, \
     c.alt, c.snippet, c.width, c.height, c.zones, c.categories, c.starts_at, c.ends_at, \
     c.weight, c.active, CAST(COALESCE((SELECT SUM(s.impressions) FROM ad_stats s WHERE \
     s.creative_id = c.id), 0) AS BIGINT) AS impressions, CAST(COALESCE((SELECT \
     SUM(s.clicks) FROM ad_stats s WHERE s.creative_id = c.id), 0) AS BIGINT) AS clicks \
     FROM ad_creatives c";

/// The stored columns of a creative's content: kind, image, link, alt, snippet.
pub(crate) fn content_columns(content: &AdContent) -> (&'static str, &str, &str, &str, &str) {
    match content {
        AdContent::Image { image, link, alt } => ("image", image, link, alt, ""),
        AdContent::Snippet { html } => ("snippet", "", "", "", html),
    }
}

/// Reads space-separated ids, skipping anything else.
pub(crate) fn ids(text: &str) -> Vec<i64> {
    text.split_whitespace()
        .filter_map(|id| id.parse().ok())
        .collect()
}

/// Implements [`AdStore`] for an engine's store and database type.
macro_rules! impl_ad_store {
    ($store:ty, $db:ty) => {
        impl $store {
            fn creative_row(
                row: &impl $crate::rows::StoredRow,
            ) -> $crate::Result<$crate::ads::Creative> {
                let content = if row.text("kind")? == "snippet" {
                    $crate::ads::AdContent::Snippet {
                        html: row.text("snippet")?,
                    }
                } else {
                    $crate::ads::AdContent::Image {
                        image: row.text("image")?,
                        link: row.text("link")?,
                        alt: row.text("alt")?,
                    }
                };
                Ok($crate::ads::Creative {
                    id: row.int("id")?,
                    name: row.text("name")?,
                    content,
                    width: row.int("width")?,
                    height: row.int("height")?,
                    zones: row
                        .text("zones")?
                        .split_whitespace()
                        .map(str::to_owned)
                        .collect(),
                    categories: $crate::ads::ids(&row.text("categories")?),
                    starts_at: row.opt_time("starts_at")?,
                    ends_at: row.opt_time("ends_at")?,
                    weight: row.int("weight")?,
                    active: row.flag("active")?,
                    impressions: row.int("impressions")?,
                    clicks: row.int("clicks")?,
                })
            }

            fn bind_creative<'q>(
                query: sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments>,
                ad: &'q $crate::ads::NewCreative,
                now: rotative_core::Timestamp,
            ) -> sqlx::query::Query<'q, $db, <$db as sqlx::Database>::Arguments> {
                let (kind, image, link, alt, snippet) = $crate::ads::content_columns(&ad.content);
                let categories: Vec<String> =
                    ad.categories.iter().map(i64::to_string).collect();
                query
                    .bind(ad.name.trim())
                    .bind(kind)
                    .bind(image)
                    .bind(link)
                    .bind(alt)
                    .bind(snippet)
                    .bind(ad.width)
                    .bind(ad.height)
                    .bind(ad.zones.join(" "))
                    .bind(categories.join(" "))
                    .bind(ad.starts_at.map(rotative_core::whole_seconds))
                    .bind(ad.ends_at.map(rotative_core::whole_seconds))
                    .bind(ad.weight)
                    .bind(ad.active)
                    .bind(rotative_core::whole_seconds(now))
            }
        }

        #[async_trait::async_trait]
        impl $crate::AdStore for $store {
            async fn ad_creatives(&self) -> $crate::Result<Vec<$crate::ads::Creative>> {
                let sql = format!("{} ORDER BY c.id DESC", $crate::ads::CREATIVE_COLUMNS);
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(Self::creative_row).collect()
            }

            async fn ad_creative(&self, id: i64) -> $crate::Result<Option<$crate::ads::Creative>> {
                let sql = format!("{} WHERE c.id = $1", $crate::ads::CREATIVE_COLUMNS);
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .as_ref()
                    .map(Self::creative_row)
                    .transpose()
            }

            async fn insert_ad(
                &self,
                ad: &$crate::ads::NewCreative,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<i64> {
                let query = sqlx::query(
                    "INSERT INTO ad_creatives (name, kind, image, link, alt, snippet, width, \
                     height, zones, categories, starts_at, ends_at, weight, active, created_at, \
                     updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
                     $13, $14, $15, $15) RETURNING id",
                );
                let row = Self::bind_creative(query, ad, now)
                    .fetch_one(&self.pool)
                    .await?;
                Ok(sqlx::Row::try_get(&row, "id")?)
            }

            async fn update_ad(
                &self,
                id: i64,
                ad: &$crate::ads::NewCreative,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<bool> {
                let query = sqlx::query(
                    "UPDATE ad_creatives SET name = $1, kind = $2, image = $3, link = $4, \
                     alt = $5, snippet = $6, width = $7, height = $8, zones = $9, \
                     categories = $10, starts_at = $11, ends_at = $12, weight = $13, \
                     active = $14, updated_at = $15 WHERE id = $16",
                );
                let done = Self::bind_creative(query, ad, now)
                    .bind(id)
                    .execute(&self.pool)
                    .await?;
                Ok(done.rows_affected() > 0)
            }

            async fn delete_ad(&self, id: i64) -> $crate::Result<bool> {
                let mut tx = self.pool.begin().await?;
                sqlx::query("DELETE FROM ad_stats WHERE creative_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                let done = sqlx::query("DELETE FROM ad_creatives WHERE id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Ok(done.rows_affected() > 0)
            }

            async fn add_ad_counts(
                &self,
                day: &str,
                counts: &[(i64, i64, i64)],
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                for (creative, impressions, clicks) in counts {
                    sqlx::query(
                        "INSERT INTO ad_stats (creative_id, day, impressions, clicks) \
                         SELECT id, $2, $3, $4 FROM ad_creatives WHERE id = $1 \
                         ON CONFLICT (creative_id, day) DO UPDATE SET \
                         impressions = ad_stats.impressions + excluded.impressions, \
                         clicks = ad_stats.clicks + excluded.clicks",
                    )
                    .bind(*creative)
                    .bind(day)
                    .bind(*impressions)
                    .bind(*clicks)
                    .execute(&mut *tx)
                    .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn ad_report(
                &self,
                from: &str,
                to: &str,
            ) -> $crate::Result<Vec<$crate::ads::AdDay>> {
                let rows: Vec<(i64, String, String, i64, i64)> = sqlx::query_as(
                    "SELECT s.creative_id, c.name, s.day, s.impressions, s.clicks FROM ad_stats s \
                     JOIN ad_creatives c ON c.id = s.creative_id WHERE s.day >= $1 AND s.day <= $2 \
                     ORDER BY s.day, c.name, s.creative_id",
                )
                .bind(from)
                .bind(to)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows
                    .into_iter()
                    .map(|(creative_id, name, day, impressions, clicks)| $crate::ads::AdDay {
                        creative_id,
                        name,
                        day,
                        impressions,
                        clicks,
                    })
                    .collect())
            }
        }
    };
}
pub(crate) use impl_ad_store;
