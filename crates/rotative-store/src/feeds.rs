//! What feeds and sitemaps read: bodies of a few articles, every public address with when
//! it last changed, and the articles of the last hours.
//!
//! An article "last changed" at the later of its publication and its last edit: a
//! scheduled article appears at its time, after its last edit.

use crate::Result;
use rotative_core::{ArticleId, ArticleSummary, CategoryId, Timestamp};

/// The body of an article, for a feed carrying full content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleBody {
    /// Its id.
    pub id: ArticleId,
    /// Its last edit.
    pub updated_at: Timestamp,
    /// Its body, rendered and sanitised when it was saved.
    pub body_html: String,
}

/// A public page and when what it shows last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitemapEntry {
    /// Its path (`/sport/le-derby/`, `/tag/football/`).
    pub path: String,
    /// When it last changed.
    pub lastmod: Timestamp,
}

/// Reading for feeds and sitemaps.
#[async_trait::async_trait]
pub trait FeedStore: Send + Sync + 'static {
    /// The bodies and last edits of these articles (in no particular order; unknown ids
    /// are left out).
    async fn article_bodies(&self, ids: &[ArticleId]) -> Result<Vec<ArticleBody>>;
    /// The public articles, by id, cut in pages of `page_size`: when each page last
    /// changed, first page first (as many as there are pages).
    async fn sitemap_article_pages(&self, page_size: u32, now: Timestamp)
    -> Result<Vec<Timestamp>>;
    /// Page `page` (from 0) of the public articles by id, `page_size` a page.
    async fn sitemap_articles(
        &self,
        page_size: u32,
        page: u32,
        now: Timestamp,
    ) -> Result<Vec<SitemapEntry>>;
    /// Each category with public articles of its own, and when the latest changed.
    async fn category_lastmods(&self, now: Timestamp) -> Result<Vec<(CategoryId, Timestamp)>>;
    /// The pages of the tags carrying public articles, by slug.
    async fn sitemap_tags(&self, now: Timestamp) -> Result<Vec<SitemapEntry>>;
    /// The pages of the authors who signed public articles, by slug.
    async fn sitemap_authors(&self, now: Timestamp) -> Result<Vec<SitemapEntry>>;
    /// The public articles published since `since`, newest first, at most `limit`.
    async fn articles_since(
        &self,
        since: Timestamp,
        limit: u32,
        now: Timestamp,
    ) -> Result<Vec<ArticleSummary>>;
}

/// When a public article `a` last changed.
macro_rules! lastmod {
    () => {
        "CASE WHEN a.updated_at > a.published_at THEN a.updated_at ELSE a.published_at END"
    };
}

pub(crate) const SITEMAP_ARTICLE_PAGES: &str = concat!(
    "SELECT page, MAX(lastmod) AS lastmod FROM (SELECT (ROW_NUMBER() OVER (ORDER BY a.id) - 1) \
     / $2 AS page, ",
    lastmod!(),
    " AS lastmod FROM articles a WHERE ",
    crate::articles::public!(),
    ") pages GROUP BY page ORDER BY page"
);

// Sitemaps are fetched by robots now and then and kept by the page cache: an OFFSET along
// the primary key is cheap enough, and keeps each article on the same page as long as no
// older one goes.
pub(crate) const SITEMAP_ARTICLES: &str = concat!(
    "SELECT c.slug AS category_slug, a.slug AS slug, ",
    lastmod!(),
    " AS lastmod FROM articles a JOIN categories c ON c.id = a.category_id WHERE ",
    crate::articles::public!(),
    " ORDER BY a.id LIMIT $2 OFFSET $3"
);

pub(crate) const CATEGORY_LASTMODS: &str = concat!(
    "SELECT a.category_id AS id, MAX(",
    lastmod!(),
    ") AS lastmod FROM articles a WHERE ",
    crate::articles::public!(),
    " GROUP BY a.category_id"
);

pub(crate) const SITEMAP_TAGS: &str = concat!(
    "SELECT t.slug AS slug, MAX(",
    lastmod!(),
    ") AS lastmod FROM tags t JOIN article_tags l ON l.tag_id = t.id \
     JOIN articles a ON a.id = l.article_id WHERE ",
    crate::articles::public!(),
    " GROUP BY t.id, t.slug ORDER BY t.slug"
);

pub(crate) const SITEMAP_AUTHORS: &str = concat!(
    "SELECT u.slug AS slug, MAX(",
    lastmod!(),
    ") AS lastmod FROM users u JOIN articles a ON a.author_id = u.id WHERE ",
    crate::articles::public!(),
    " GROUP BY u.id, u.slug ORDER BY u.slug"
);

pub(crate) const ARTICLES_SINCE: &str = concat!(
    crate::rows::summary_select!(),
    " WHERE ",
    crate::articles::public!(),
    " AND a.published_at >= $2 ORDER BY a.published_at DESC, a.id DESC LIMIT $3"
);

/// Implements [`FeedStore`] for an engine's store and database type.
macro_rules! impl_feed_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn sitemap_entries(
                &self,
                sql: &'static str,
                prefix: &str,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<$crate::feeds::SitemapEntry>> {
                use $crate::rows::StoredRow;
                let rows = sqlx::query(sql).bind(now).fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::feeds::SitemapEntry {
                            path: format!("{prefix}{}/", row.text("slug")?),
                            lastmod: row.time("lastmod")?,
                        })
                    })
                    .collect()
            }
        }

        #[async_trait::async_trait]
        impl $crate::FeedStore for $store {
            async fn article_bodies(
                &self,
                ids: &[rotative_core::ArticleId],
            ) -> $crate::Result<Vec<$crate::feeds::ArticleBody>> {
                use $crate::rows::StoredRow;
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut sql = sqlx::QueryBuilder::<$db>::new(
                    "SELECT id, updated_at, body_html FROM articles WHERE id IN (",
                );
                let mut list = sql.separated(", ");
                for id in ids {
                    list.push_bind(id.0);
                }
                sql.push(")");
                let rows = sql.build().fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::feeds::ArticleBody {
                            id: rotative_core::ArticleId(row.int("id")?),
                            updated_at: row.time("updated_at")?,
                            body_html: row.text("body_html")?,
                        })
                    })
                    .collect()
            }

            async fn sitemap_article_pages(
                &self,
                page_size: u32,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<rotative_core::Timestamp>> {
                use $crate::rows::StoredRow;
                let rows = sqlx::query($crate::feeds::SITEMAP_ARTICLE_PAGES)
                    .bind(now)
                    .bind(i64::from(page_size.max(1)))
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(|row| row.time("lastmod")).collect()
            }

            async fn sitemap_articles(
                &self,
                page_size: u32,
                page: u32,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<$crate::feeds::SitemapEntry>> {
                use $crate::rows::StoredRow;
                let rows = sqlx::query($crate::feeds::SITEMAP_ARTICLES)
                    .bind(now)
                    .bind(i64::from(page_size))
                    .bind(i64::from(page_size) * i64::from(page))
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|row| {
                        Ok($crate::feeds::SitemapEntry {
                            path: rotative_core::article_path(
                                &row.text("category_slug")?,
                                &row.text("slug")?,
                            ),
                            lastmod: row.time("lastmod")?,
                        })
                    })
                    .collect()
            }

            async fn category_lastmods(
                &self,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<(rotative_core::CategoryId, rotative_core::Timestamp)>> {
                use $crate::rows::StoredRow;
                let rows = sqlx::query($crate::feeds::CATEGORY_LASTMODS)
                    .bind(now)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter()
                    .map(|row| {
                        Ok((
                            rotative_core::CategoryId(row.int("id")?),
                            row.time("lastmod")?,
                        ))
                    })
                    .collect()
            }

            async fn sitemap_tags(
                &self,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<$crate::feeds::SitemapEntry>> {
                self.sitemap_entries($crate::feeds::SITEMAP_TAGS, "/tag/", now)
                    .await
            }

            async fn sitemap_authors(
                &self,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<$crate::feeds::SitemapEntry>> {
                self.sitemap_entries($crate::feeds::SITEMAP_AUTHORS, "/author/", now)
                    .await
            }

            async fn articles_since(
                &self,
                since: rotative_core::Timestamp,
                limit: u32,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<rotative_core::ArticleSummary>> {
                let rows = sqlx::query($crate::feeds::ARTICLES_SINCE)
                    .bind(now)
                    .bind(since)
                    .bind(i64::from(limit))
                    .fetch_all(&self.pool)
                    .await?;
                $crate::rows::all(&rows, $crate::rows::summary)
            }
        }
    };
}
pub(crate) use impl_feed_store;
