//! What imports from another system (WordPress) write: articles with their comments in
//! batches of one transaction each, the ids they had there, and their old addresses.

use crate::Result;
use rotative_core::{ArticleId, NewArticle, Timestamp};

/// A comment to import with an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedComment {
    /// Its id in the other system.
    pub source_id: String,
    /// The id there of the comment it answers, if any.
    pub parent: Option<String>,
    /// The commenter's name.
    pub author_name: String,
    /// Their e-mail address (may be empty).
    pub author_email: String,
    /// Their website.
    pub author_url: Option<String>,
    /// The text.
    pub body: String,
    /// `approved`, `pending`, `spam` or `trash`.
    pub status: rotative_core::CommentStatus,
    /// The address it was sent from.
    pub ip: String,
    /// When it was written.
    pub created_at: Timestamp,
}

/// An article to import: new, or replacing the one an earlier import made of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedArticle {
    /// Its kind in the other system (`post`, `page`), with [`Self::source_id`] the key that
    /// remembers it.
    pub kind: &'static str,
    /// Its id there.
    pub source_id: String,
    /// Its version there (a modification date): an unchanged version is not rewritten.
    pub version: String,
    /// The article an earlier import made of it.
    pub existing: Option<ArticleId>,
    /// Whether to rewrite that article (false: only its new comments and addresses are
    /// added).
    pub rewrite: bool,
    /// The article.
    pub article: NewArticle,
    /// When it was first written.
    pub created_at: Timestamp,
    /// Its comments (those an earlier import brought are skipped).
    pub comments: Vec<ImportedComment>,
    /// Its old addresses (`/2025/03/20/slug/`, `?p=12`).
    pub legacy_paths: Vec<String>,
}

/// What a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Articles created.
    pub created: u64,
    /// Articles rewritten.
    pub updated: u64,
    /// Comments created.
    pub comments: u64,
    /// Comments skipped: already imported.
    pub comments_known: u64,
}

/// Where an old address leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LegacyTarget {
    /// An article, wherever it lives now.
    Article(ArticleId),
    /// A path of the site.
    Path(String),
}

/// Imports.
#[async_trait::async_trait]
pub trait ImportStore: Send + Sync + 'static {
    /// The local ids, with their versions, of what was imported of a kind: `(source id,
    /// local id, version)`.
    async fn source_ids(&self, kind: &str) -> Result<Vec<(String, i64, String)>>;
    /// Remembers which local row a source id became (replacing an earlier answer).
    async fn remember_source_ids(&self, kind: &str, ids: &[(String, i64, String)]) -> Result<()>;
    /// The articles holding these slugs: `(slug, id)`.
    async fn slugs_taken(&self, slugs: &[String]) -> Result<Vec<(String, i64)>>;
    /// Writes a batch of articles, their tags, comments, source ids and old addresses in
    /// one transaction.
    async fn import_articles(
        &self,
        batch: &[ImportedArticle],
        now: Timestamp,
    ) -> Result<BatchOutcome>;
    /// Records old addresses leading to fixed paths (categories, tags, authors, media).
    async fn add_legacy_paths(&self, paths: &[(String, String)]) -> Result<()>;
    /// Where an old address leads, if it is one.
    async fn legacy_target(&self, path: &str) -> Result<Option<LegacyTarget>>;
}

/// The comments of an article in an order where each comes after the one it answers
/// (numeric id order first, as WordPress numbers them; an answer filed before its parent
/// waits for it). Answers to comments not among them (imported earlier, or skipped) keep
/// their place; a loop of answers is taken as it comes.
pub(crate) fn parents_first(comments: &[ImportedComment]) -> Vec<&ImportedComment> {
    let mut waiting: Vec<&ImportedComment> = comments.iter().collect();
    waiting.sort_by_key(|c| (c.source_id.parse::<u64>().unwrap_or(u64::MAX), &c.source_id));
    let ids: std::collections::HashSet<&str> =
        comments.iter().map(|c| c.source_id.as_str()).collect();
    let mut placed: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let mut ordered = Vec::with_capacity(comments.len());
    while !waiting.is_empty() {
        let before = waiting.len();
        waiting.retain(|c| {
            let ready = c
                .parent
                .as_deref()
                .is_none_or(|p| !ids.contains(p) || placed.contains(p));
            if ready {
                placed.insert(c.source_id.as_str());
                ordered.push(*c);
            }
            !ready
        });
        if waiting.len() == before {
            ordered.append(&mut waiting);
        }
    }
    ordered
}

/// Rows per multi-row insert of small rows.
pub(crate) const ROWS_PER_INSERT: usize = 2000;

/// Implements [`ImportStore`] for an engine's store and database type.
macro_rules! impl_import_store {
    ($store:ty, $db:ty) => {
        impl $store {
            async fn upsert_source_ids(
                tx: &mut sqlx::Transaction<'_, $db>,
                kind: &str,
                ids: &[(String, i64, String)],
            ) -> $crate::Result<()> {
                for chunk in ids.chunks($crate::import::ROWS_PER_INSERT) {
                    let mut insert = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO wordpress_ids (kind, wp_id, local_id, version) ",
                    );
                    insert.push_values(chunk, |mut row, (source, local, version)| {
                        row.push_bind(kind)
                            .push_bind(source.as_str())
                            .push_bind(*local)
                            .push_bind(version.as_str());
                    });
                    insert.push(
                        " ON CONFLICT (kind, wp_id) DO UPDATE SET local_id = excluded.local_id, \
                         version = excluded.version",
                    );
                    insert.build().execute(&mut **tx).await?;
                }
                Ok(())
            }

            async fn upsert_legacy(
                tx: &mut sqlx::Transaction<'_, $db>,
                rows: &[(String, Option<i64>, String)],
            ) -> $crate::Result<()> {
                let mut rows: Vec<_> = rows.iter().collect();
                rows.sort_by(|a, b| a.0.cmp(&b.0));
                rows.dedup_by(|a, b| a.0 == b.0);
                for chunk in rows.chunks($crate::import::ROWS_PER_INSERT) {
                    let mut insert = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO legacy_urls (path, article_id, target) ",
                    );
                    insert.push_values(chunk, |mut row, (path, article, target)| {
                        row.push_bind(path.as_str())
                            .push_bind(*article)
                            .push_bind(target.as_str());
                    });
                    insert.push(
                        " ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id, \
                         target = excluded.target",
                    );
                    insert.build().execute(&mut **tx).await?;
                }
                Ok(())
            }
        }

        #[async_trait::async_trait]
        impl $crate::import::ImportStore for $store {
            async fn source_ids(&self, kind: &str) -> $crate::Result<Vec<(String, i64, String)>> {
                Ok(sqlx::query_as(
                    "SELECT wp_id, local_id, version FROM wordpress_ids WHERE kind = $1",
                )
                .bind(kind)
                .fetch_all(&self.pool)
                .await?)
            }

            async fn remember_source_ids(
                &self,
                kind: &str,
                ids: &[(String, i64, String)],
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                Self::upsert_source_ids(&mut tx, kind, ids).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn slugs_taken(&self, slugs: &[String]) -> $crate::Result<Vec<(String, i64)>> {
                let mut taken = Vec::new();
                for chunk in slugs.chunks($crate::import::ROWS_PER_INSERT) {
                    let mut select = sqlx::QueryBuilder::<$db>::new(
                        "SELECT slug, id FROM articles WHERE slug IN (",
                    );
                    let mut list = select.separated(", ");
                    for slug in chunk {
                        list.push_bind(slug.as_str());
                    }
                    list.push_unseparated(")");
                    let rows: Vec<(String, i64)> =
                        select.build_query_as().fetch_all(&self.pool).await?;
                    taken.extend(rows);
                }
                Ok(taken)
            }

            async fn import_articles(
                &self,
                batch: &[$crate::import::ImportedArticle],
                now: rotative_core::Timestamp,
            ) -> $crate::Result<$crate::import::BatchOutcome> {
                use std::collections::HashMap;
                let now = rotative_core::whole_seconds(now);
                let mut outcome = $crate::import::BatchOutcome::default();
                let mut tx = self.pool.begin().await?;

                // New articles in multi-row inserts; known ones rewritten one by one.
                let fresh: Vec<rotative_core::NewArticle> = batch
                    .iter()
                    .filter(|a| a.existing.is_none())
                    .map(|a| a.article.clone())
                    .collect();
                let new_ids: HashMap<String, i64> = Self::insert_rows(&mut tx, &fresh, now)
                    .await?
                    .into_iter()
                    .collect();
                outcome.created = new_ids.len() as u64;
                let mut ids = Vec::with_capacity(batch.len());
                for item in batch {
                    let id = match item.existing {
                        Some(id) if !item.rewrite => id.0,
                        Some(id) => {
                            sqlx::query($crate::editorial::UPDATE_ARTICLE)
                                .bind(id.0)
                                .bind(item.article.slug.as_str())
                                .bind(item.article.title.trim())
                                .bind(&item.article.excerpt)
                                .bind(&item.article.body_markdown)
                                .bind(&item.article.body_html)
                                .bind(item.article.status.as_str())
                                .bind(item.article.published_at.map(rotative_core::whole_seconds))
                                .bind(now)
                                .bind(item.article.author_id.0)
                                .bind(item.article.category_id.0)
                                .bind(item.article.featured_image.as_deref())
                                .bind(item.article.comments_open)
                                .bind(item.article.lang.map(rotative_core::Locale::code))
                                .bind(item.article.sticky)
                                .execute(&mut *tx)
                                .await?;
                            sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
                                .bind(id.0)
                                .execute(&mut *tx)
                                .await?;
                            outcome.updated += 1;
                            id.0
                        }
                        None => *new_ids
                            .get(item.article.slug.as_str())
                            .ok_or($crate::StoreError::NotFound)?,
                    };
                    ids.push(id);
                }
                // Creation dates as they were, not the import's.
                for (item, id) in batch.iter().zip(&ids).filter(|(item, _)| item.rewrite) {
                    sqlx::query("UPDATE articles SET created_at = $2 WHERE id = $1")
                        .bind(*id)
                        .bind(rotative_core::whole_seconds(item.created_at))
                        .execute(&mut *tx)
                        .await?;
                }
                let links: Vec<_> = batch
                    .iter()
                    .zip(&ids)
                    .filter(|(item, _)| item.rewrite)
                    .flat_map(|(item, id)| item.article.tags.iter().map(move |tag| (*id, tag)))
                    .collect();
                Self::link_tags(&mut tx, &links).await?;

                for (kind, group) in [("post", "post"), ("page", "page")] {
                    let rows: Vec<(String, i64, String)> = batch
                        .iter()
                        .zip(&ids)
                        .filter(|(item, _)| item.kind == kind)
                        .map(|(item, id)| (item.source_id.clone(), *id, item.version.clone()))
                        .collect();
                    Self::upsert_source_ids(&mut tx, group, &rows).await?;
                }

                // Comments: those already imported are kept as they are; parents come
                // before their answers (sorted by their numeric id, as WordPress numbers
                // them in order).
                let mut wanted: Vec<&str> = batch
                    .iter()
                    .flat_map(|item| item.comments.iter())
                    .flat_map(|c| std::iter::once(c.source_id.as_str()).chain(c.parent.as_deref()))
                    .collect();
                wanted.sort_unstable();
                wanted.dedup();
                let mut known: HashMap<String, (i64, i64)> = HashMap::new();
                for chunk in wanted.chunks($crate::import::ROWS_PER_INSERT) {
                    let mut select = sqlx::QueryBuilder::<$db>::new(
                        "SELECT w.wp_id, c.id, c.depth FROM wordpress_ids w \
                         JOIN comments c ON c.id = w.local_id \
                         WHERE w.kind = 'comment' AND w.wp_id IN (",
                    );
                    let mut list = select.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    list.push_unseparated(")");
                    let rows: Vec<(String, i64, i64)> =
                        select.build_query_as().fetch_all(&mut *tx).await?;
                    known.extend(rows.into_iter().map(|(wp, id, depth)| (wp, (id, depth))));
                }
                let mut remembered = Vec::new();
                let mut touched = Vec::new();
                for (item, article) in batch.iter().zip(&ids) {
                    for comment in $crate::import::parents_first(&item.comments) {
                        if known.contains_key(&comment.source_id) {
                            outcome.comments_known += 1;
                            continue;
                        }
                        let parent = comment.parent.as_ref().and_then(|p| known.get(p)).copied();
                        let depth = parent.map_or(0, |(_, depth)| depth + 1);
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO comments (article_id, parent_id, depth, author_name, \
                             author_email, author_url, body, status, ip, created_at) \
                             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                        )
                        .bind(*article)
                        .bind(parent.map(|(id, _)| id))
                        .bind(depth)
                        .bind(&comment.author_name)
                        .bind(&comment.author_email)
                        .bind(comment.author_url.as_deref())
                        .bind(&comment.body)
                        .bind(comment.status.as_str())
                        .bind(&comment.ip)
                        .bind(rotative_core::whole_seconds(comment.created_at))
                        .fetch_one(&mut *tx)
                        .await?;
                        known.insert(comment.source_id.clone(), (id, depth));
                        remembered.push((comment.source_id.clone(), id, String::new()));
                        touched.push(*article);
                        outcome.comments += 1;
                    }
                }
                Self::upsert_source_ids(&mut tx, "comment", &remembered).await?;
                touched.dedup();
                for article in touched {
                    sqlx::query(
                        "UPDATE articles SET comment_count = (SELECT COUNT(*) FROM comments m \
                         WHERE m.article_id = $1 AND m.status = 'approved') WHERE id = $1",
                    )
                    .bind(article)
                    .execute(&mut *tx)
                    .await?;
                }

                let legacy: Vec<(String, Option<i64>, String)> = batch
                    .iter()
                    .zip(&ids)
                    .flat_map(|(item, id)| {
                        item.legacy_paths
                            .iter()
                            .map(move |path| (path.clone(), Some(*id), String::new()))
                    })
                    .collect();
                Self::upsert_legacy(&mut tx, &legacy).await?;
                tx.commit().await?;
                Ok(outcome)
            }

            async fn add_legacy_paths(&self, paths: &[(String, String)]) -> $crate::Result<()> {
                let rows: Vec<(String, Option<i64>, String)> = paths
                    .iter()
                    .map(|(path, target)| (path.clone(), None, target.clone()))
                    .collect();
                let mut tx = self.pool.begin().await?;
                Self::upsert_legacy(&mut tx, &rows).await?;
                tx.commit().await?;
                Ok(())
            }

            async fn legacy_target(
                &self,
                path: &str,
            ) -> $crate::Result<Option<$crate::import::LegacyTarget>> {
                let row: Option<(Option<i64>, String)> =
                    sqlx::query_as("SELECT article_id, target FROM legacy_urls WHERE path = $1")
                        .bind(path)
                        .fetch_optional(&self.pool)
                        .await?;
                Ok(row.map(|(article, target)| match article {
                    Some(id) => $crate::import::LegacyTarget::Article(rotative_core::ArticleId(id)),
                    None => $crate::import::LegacyTarget::Path(target),
                }))
            }
        }
    };
}
pub(crate) use impl_import_store;
