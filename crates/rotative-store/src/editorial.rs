//! Writing articles: one at a time as editors do, in bulk for imports and generated data,
//! and the two writes of the read path (view counts, scheduled publication).

use crate::Result;
use rotative_core::{ArticleId, NewArticle, Timestamp};

/// Writing articles.
#[async_trait::async_trait]
pub trait EditorialStore: Send + Sync + 'static {
    /// Creates an article with its tags (creating new tags) in one transaction; fails with
    /// a conflict on `slug` when taken.
    async fn create_article(&self, article: &NewArticle, now: Timestamp) -> Result<ArticleId>;
    /// Replaces an article's content, status and tags (not its views) in one transaction;
    /// [`crate::StoreError::NotFound`] when it does not exist.
    async fn update_article(
        &self,
        id: ArticleId,
        article: &NewArticle,
        now: Timestamp,
    ) -> Result<()>;
    /// Creates many articles in one transaction, with multi-row inserts; returns their ids,
    /// in order.
    async fn insert_articles(
        &self,
        articles: &[NewArticle],
        now: Timestamp,
    ) -> Result<Vec<ArticleId>>;
    /// Adds counted views to articles, all in one transaction.
    async fn add_views(&self, counts: &[(ArticleId, i64)]) -> Result<()>;
    /// Marks scheduled articles whose time has come as published; returns them.
    async fn publish_due(&self, now: Timestamp) -> Result<Vec<ArticleId>>;
    /// The earliest publication time among scheduled articles.
    async fn next_scheduled(&self) -> Result<Option<Timestamp>>;
}

pub(crate) const ARTICLE_COLUMNS: &str = "INSERT INTO articles (slug, title, excerpt, \
     body_markdown, body_html, status, published_at, created_at, updated_at, author_id, \
     category_id, featured_image, view_count, comments_open, lang, sticky) ";

pub(crate) const UPDATE_ARTICLE: &str = "UPDATE articles SET slug = $2, title = $3, \
     excerpt = $4, body_markdown = $5, body_html = $6, status = $7, published_at = $8, \
     updated_at = $9, author_id = $10, category_id = $11, featured_image = $12, \
     comments_open = $13, lang = $14, sticky = $15 WHERE id = $1";

pub(crate) const PUBLISH_DUE: &str = "UPDATE articles SET status = 'published', updated_at = $1 \
     WHERE status = 'scheduled' AND published_at <= $1 RETURNING id";

/// Rows per multi-row insert: well under both engines' limits on bound parameters.
pub(crate) const ARTICLES_PER_INSERT: usize = 400;
pub(crate) const LINKS_PER_INSERT: usize = 4000;

/// Implements [`EditorialStore`] for an engine's store and database type.
macro_rules! impl_editorial_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Inserts articles with one multi-row statement per chunk; returns `(slug, id)`.
            async fn insert_rows(
                tx: &mut sqlx::Transaction<'_, $db>,
                articles: &[rotative_core::NewArticle],
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<(String, i64)>> {
                use $crate::editorial::{ARTICLE_COLUMNS, ARTICLES_PER_INSERT};
                let mut ids = Vec::with_capacity(articles.len());
                for chunk in articles.chunks(ARTICLES_PER_INSERT) {
                    let mut insert = sqlx::QueryBuilder::<$db>::new(ARTICLE_COLUMNS);
                    insert.push_values(chunk, |mut row, article| {
                        row.push_bind(article.slug.as_str())
                            .push_bind(article.title.trim())
                            .push_bind(article.excerpt.as_str())
                            .push_bind(article.body_markdown.as_str())
                            .push_bind(article.body_html.as_str())
                            .push_bind(article.status.as_str())
                            .push_bind(article.published_at.map(rotative_core::whole_seconds))
                            .push_bind(now)
                            .push_bind(now)
                            .push_bind(article.author_id.0)
                            .push_bind(article.category_id.0)
                            .push_bind(article.featured_image.as_deref())
                            .push_bind(article.view_count)
                            .push_bind(article.comments_open)
                            .push_bind(article.lang.map(rotative_core::Locale::code))
                            .push_bind(article.sticky);
                    });
                    insert.push(" RETURNING slug, id");
                    let rows: Vec<(String, i64)> =
                        insert.build_query_as().fetch_all(&mut **tx).await?;
                    ids.extend(rows);
                }
                Ok(ids)
            }

            /// Creates the tags the articles carry (keeping existing ones) and links them.
            async fn link_tags(
                tx: &mut sqlx::Transaction<'_, $db>,
                links: &[(i64, &rotative_core::NewTag)],
            ) -> $crate::Result<()> {
                use $crate::editorial::LINKS_PER_INSERT;
                let mut tags: Vec<&rotative_core::NewTag> = links.iter().map(|(_, t)| *t).collect();
                tags.sort_by(|a, b| a.slug.cmp(&b.slug));
                tags.dedup_by(|a, b| a.slug == b.slug);
                let mut tag_ids = std::collections::HashMap::new();
                for chunk in tags.chunks(LINKS_PER_INSERT / 2) {
                    let mut upsert =
                        sqlx::QueryBuilder::<$db>::new("INSERT INTO tags (slug, name) ");
                    upsert.push_values(chunk, |mut row, tag| {
                        row.push_bind(tag.slug.as_str()).push_bind(tag.name.trim());
                    });
                    upsert.push(
                        " ON CONFLICT (slug) DO UPDATE SET name = tags.name RETURNING slug, id",
                    );
                    let rows: Vec<(String, i64)> =
                        upsert.build_query_as().fetch_all(&mut **tx).await?;
                    tag_ids.extend(rows);
                }
                let mut pairs: Vec<(i64, i64)> = links
                    .iter()
                    .filter_map(|(article, tag)| Some((*article, *tag_ids.get(tag.slug.as_str())?)))
                    .collect();
                pairs.sort_unstable();
                pairs.dedup();
                for chunk in pairs.chunks(LINKS_PER_INSERT) {
                    let mut link = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO article_tags (article_id, tag_id) ",
                    );
                    link.push_values(chunk, |mut row, (article, tag)| {
                        row.push_bind(*article).push_bind(*tag);
                    });
                    link.push(" ON CONFLICT DO NOTHING");
                    link.build().execute(&mut **tx).await?;
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::EditorialStore for $store {
            async fn create_article(
                &self,
                article: &rotative_core::NewArticle,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<rotative_core::ArticleId> {
                let now = rotative_core::whole_seconds(now);
                let mut tx = self.pool.begin().await?;
                let rows = Self::insert_rows(&mut tx, std::slice::from_ref(article), now).await?;
                let id = rows
                    .first()
                    .map(|(_, id)| *id)
                    .ok_or($crate::StoreError::NotFound)?;
                let links: Vec<_> = article.tags.iter().map(|tag| (id, tag)).collect();
                Self::link_tags(&mut tx, &links).await?;
                tx.commit().await?;
                Ok(rotative_core::ArticleId(id))
            }

            async fn update_article(
                &self,
                id: rotative_core::ArticleId,
                article: &rotative_core::NewArticle,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                let updated = sqlx::query($crate::editorial::UPDATE_ARTICLE)
                    .bind(id.0)
                    .bind(article.slug.as_str())
                    .bind(article.title.trim())
                    .bind(&article.excerpt)
                    .bind(&article.body_markdown)
                    .bind(&article.body_html)
                    .bind(article.status.as_str())
                    .bind(article.published_at.map(rotative_core::whole_seconds))
                    .bind(rotative_core::whole_seconds(now))
                    .bind(article.author_id.0)
                    .bind(article.category_id.0)
                    .bind(article.featured_image.as_deref())
                    .bind(article.comments_open)
                    .bind(article.lang.map(rotative_core::Locale::code))
                    .bind(article.sticky)
                    .execute(&mut *tx)
                    .await?;
                if updated.rows_affected() == 0 {
                    tx.rollback().await?;
                    return Err($crate::StoreError::NotFound);
                }
                sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
                    .bind(id.0)
                    .execute(&mut *tx)
                    .await?;
                let links: Vec<_> = article.tags.iter().map(|tag| (id.0, tag)).collect();
                Self::link_tags(&mut tx, &links).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn insert_articles(
                &self,
                articles: &[rotative_core::NewArticle],
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<rotative_core::ArticleId>> {
                let now = rotative_core::whole_seconds(now);
                let mut tx = self.pool.begin().await?;
                let ids: std::collections::HashMap<String, i64> =
                    Self::insert_rows(&mut tx, articles, now)
                        .await?
                        .into_iter()
                        .collect();
                let links: Vec<_> = articles
                    .iter()
                    .filter_map(|a| Some((*ids.get(a.slug.as_str())?, a)))
                    .flat_map(|(id, a)| a.tags.iter().map(move |tag| (id, tag)))
                    .collect();
                Self::link_tags(&mut tx, &links).await?;
                tx.commit().await?;
                Ok(articles
                    .iter()
                    .filter_map(|a| ids.get(a.slug.as_str()))
                    .map(|id| rotative_core::ArticleId(*id))
                    .collect())
            }

            async fn add_views(
                &self,
                counts: &[(rotative_core::ArticleId, i64)],
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                for (article, views) in counts {
                    sqlx::query("UPDATE articles SET view_count = view_count + $2 WHERE id = $1")
                        .bind(article.0)
                        .bind(*views)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn publish_due(
                &self,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<rotative_core::ArticleId>> {
                let ids: Vec<i64> = sqlx::query_scalar($crate::editorial::PUBLISH_DUE)
                    .bind(rotative_core::whole_seconds(now))
                    .fetch_all(&self.pool)
                    .await?;
                Ok(ids.into_iter().map(rotative_core::ArticleId).collect())
            }

            async fn next_scheduled(&self) -> $crate::Result<Option<rotative_core::Timestamp>> {
                Ok(sqlx::query_scalar(
                    "SELECT MIN(published_at) FROM articles WHERE status = 'scheduled'",
                )
                .fetch_one(&self.pool)
                .await?)
            }
        }
    };
}
pub(crate) use impl_editorial_store;
