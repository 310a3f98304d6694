//! What the newsroom's screens need beyond reading and writing articles: the list with its
//! filters, status changes in bulk, revisions, and the old addresses of moved articles.

use crate::Result;
use rotative_core::{ArticleId, ArticleStatus, ArticleSummary, CategoryId, Timestamp, UserId};

/// What the admin's article list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleQuery {
    /// Only articles in this status.
    pub status: Option<ArticleStatus>,
    /// Only articles of this category.
    pub category: Option<CategoryId>,
    /// Only articles signed by this user.
    pub author: Option<UserId>,
    /// Only articles whose title contains this (any case).
    pub search: Option<String>,
}

/// An article in the admin's list.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArticleRow {
    /// What readers' lists show of it.
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// Its status.
    pub status: ArticleStatus,
    /// Its last change.
    pub updated_at: Timestamp,
}

/// A saved version of an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Revision {
    /// Its id.
    pub id: i64,
    /// The article.
    pub article_id: ArticleId,
    /// The title then.
    pub title: String,
    /// The excerpt then.
    pub excerpt: String,
    /// The body then.
    pub body_markdown: String,
    /// Who saved it (their display name), if they still exist.
    pub saved_by: Option<String>,
    /// When.
    pub saved_at: Timestamp,
}

/// The newsroom's needs.
#[async_trait::async_trait]
pub trait NewsroomStore: Send + Sync + 'static {
    /// The admin's list, last changed first.
    async fn admin_articles(
        &self,
        query: &ArticleQuery,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<ArticleRow>>;
    /// How many articles the admin's list holds.
    async fn count_admin_articles(&self, query: &ArticleQuery) -> Result<u64>;
    /// Moves articles to a status (a publication without a time takes `now`); returns
    /// those changed.
    async fn set_article_status(
        &self,
        ids: &[ArticleId],
        status: ArticleStatus,
        now: Timestamp,
    ) -> Result<Vec<ArticleId>>;
    /// Keeps a version of an article.
    async fn add_revision(
        &self,
        article: ArticleId,
        title: &str,
        excerpt: &str,
        body_markdown: &str,
        saved_by: Option<UserId>,
        now: Timestamp,
    ) -> Result<i64>;
    /// An article's versions, newest first.
    async fn revisions(&self, article: ArticleId) -> Result<Vec<Revision>>;
    /// One version.
    async fn revision(&self, id: i64) -> Result<Option<Revision>>;
    /// Answers an old address of an article with a 301 from now on.
    async fn add_redirect(&self, old_path: &str, article: ArticleId) -> Result<()>;
    /// The article an old address now leads to.
    async fn redirect_for(&self, old_path: &str) -> Result<Option<ArticleId>>;
}

pub(crate) const REVISION_COLUMNS: &str = "SELECT r.id, r.article_id, r.title, r.excerpt, \
     r.body_markdown, u.display_name AS saved_by, r.saved_at FROM revisions r \
     LEFT JOIN users u ON u.id = r.saved_by";

/// Implements [`NewsroomStore`] for an engine's store and database type.
macro_rules! impl_newsroom_store {
    ($store:ty, $db:ty) => {
        impl $store {
            fn article_conditions(
                sql: &mut sqlx::QueryBuilder<$db>,
                query: &$crate::newsroom::ArticleQuery,
            ) {
                if let Some(status) = query.status {
                    sql.push(" AND a.status = ").push_bind(status.as_str());
                }
                if let Some(category) = query.category {
                    sql.push(" AND a.category_id = ").push_bind(category.0);
                }
                if let Some(author) = query.author {
                    sql.push(" AND a.author_id = ").push_bind(author.0);
                }
                if let Some(search) = query.search.as_deref().filter(|s| !s.trim().is_empty()) {
                    sql.push(" AND LOWER(a.title) LIKE ")
                        .push_bind($crate::comments::like_pattern(search.trim()))
                        .push(" ESCAPE '\\'");
                }
            }

            fn revision_row(
                row: &impl $crate::rows::StoredRow,
            ) -> $crate::Result<$crate::newsroom::Revision> {
                Ok($crate::newsroom::Revision {
                    id: row.int("id")?,
                    article_id: rotative_core::ArticleId(row.int("article_id")?),
                    title: row.text("title")?,
                    excerpt: row.text("excerpt")?,
                    body_markdown: row.text("body_markdown")?,
                    saved_by: row.opt_text("saved_by")?,
                    saved_at: row.time("saved_at")?,
                })
            }
        }

        #[async_trait::async_trait]
        impl $crate::NewsroomStore for $store {
            async fn admin_articles(
                &self,
                query: &$crate::newsroom::ArticleQuery,
                limit: u32,
                offset: u64,
            ) -> $crate::Result<Vec<$crate::newsroom::ArticleRow>> {
                let mut sql = sqlx::QueryBuilder::<$db>::new(concat!(
                    "SELECT ",
                    $crate::rows::summary_columns!(),
                    ", a.status AS status, a.updated_at AS updated_at",
                    $crate::rows::article_joins!(),
                    " WHERE 1 = 1"
                ));
                Self::article_conditions(&mut sql, query);
                sql.push(" ORDER BY a.updated_at DESC, a.id DESC LIMIT ")
                    .push_bind(i64::from(limit))
                    .push(" OFFSET ")
                    .push_bind($crate::articles::as_i64(offset));
                let rows = sql.build().fetch_all(&self.pool).await?;
                rows.iter()
                    .map(|row| {
                        use $crate::rows::StoredRow;
                        Ok($crate::newsroom::ArticleRow {
                            summary: $crate::rows::summary(row)?,
                            status: row
                                .text("status")?
                                .parse()
                                .map_err(|e| $crate::StoreError::Corrupt(format!("{e}")))?,
                            updated_at: row.time("updated_at")?,
                        })
                    })
                    .collect()
            }

            async fn count_admin_articles(
                &self,
                query: &$crate::newsroom::ArticleQuery,
            ) -> $crate::Result<u64> {
                let mut sql =
                    sqlx::QueryBuilder::<$db>::new("SELECT COUNT(*) FROM articles a WHERE 1 = 1");
                Self::article_conditions(&mut sql, query);
                let n: i64 = sql.build_query_scalar().fetch_one(&self.pool).await?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn set_article_status(
                &self,
                ids: &[rotative_core::ArticleId],
                status: rotative_core::ArticleStatus,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<rotative_core::ArticleId>> {
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let now = rotative_core::whole_seconds(now);
                let mut sql = sqlx::QueryBuilder::<$db>::new("UPDATE articles SET status = ");
                sql.push_bind(status.as_str())
                    .push(", updated_at = ")
                    .push_bind(now);
                if status != rotative_core::ArticleStatus::Draft {
                    sql.push(", published_at = COALESCE(published_at, ")
                        .push_bind(now)
                        .push(")");
                }
                sql.push(" WHERE id IN (");
                let mut list = sql.separated(", ");
                for id in ids {
                    list.push_bind(id.0);
                }
                list.push_unseparated(") RETURNING id");
                let changed: Vec<i64> = sql.build_query_scalar().fetch_all(&self.pool).await?;
                Ok(changed.into_iter().map(rotative_core::ArticleId).collect())
            }

            async fn add_revision(
                &self,
                article: rotative_core::ArticleId,
                title: &str,
                excerpt: &str,
                body_markdown: &str,
                saved_by: Option<rotative_core::UserId>,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<i64> {
                Ok(sqlx::query_scalar(
                    "INSERT INTO revisions (article_id, title, excerpt, body_markdown, saved_by, \
                     saved_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                )
                .bind(article.0)
                .bind(title)
                .bind(excerpt)
                .bind(body_markdown)
                .bind(saved_by.map(|u| u.0))
                .bind(rotative_core::whole_seconds(now))
                .fetch_one(&self.pool)
                .await?)
            }

            async fn revisions(
                &self,
                article: rotative_core::ArticleId,
            ) -> $crate::Result<Vec<$crate::newsroom::Revision>> {
                let sql = format!(
                    "{} WHERE r.article_id = $1 ORDER BY r.id DESC",
                    $crate::newsroom::REVISION_COLUMNS
                );
                let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(article.0)
                    .fetch_all(&self.pool)
                    .await?;
                rows.iter().map(Self::revision_row).collect()
            }

            async fn revision(
                &self,
                id: i64,
            ) -> $crate::Result<Option<$crate::newsroom::Revision>> {
                let sql = format!("{} WHERE r.id = $1", $crate::newsroom::REVISION_COLUMNS);
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(id)
                    .fetch_optional(&self.pool)
                    .await?
                    .as_ref()
                    .map(Self::revision_row)
                    .transpose()
            }

            async fn add_redirect(
                &self,
                old_path: &str,
                article: rotative_core::ArticleId,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO article_redirects (old_path, article_id) VALUES ($1, $2) \
                     ON CONFLICT (old_path) DO UPDATE SET article_id = excluded.article_id",
                )
                .bind(old_path)
                .bind(article.0)
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn redirect_for(
                &self,
                old_path: &str,
            ) -> $crate::Result<Option<rotative_core::ArticleId>> {
                let id: Option<i64> = sqlx::query_scalar(
                    "SELECT article_id FROM article_redirects WHERE old_path = $1",
                )
                .bind(old_path)
                .fetch_optional(&self.pool)
                .await?;
                Ok(id.map(rotative_core::ArticleId))
            }
        }
    };
}
pub(crate) use impl_newsroom_store;
