//! Storage of readers' comments, their moderation and the block list.
//!
//! An article's `comment_count` counts its approved comments; every write that can change
//! it recounts the articles it touched in the same transaction, so the count never drifts.

use crate::Result;
use rotative_core::{ArticleId, Comment, CommentId, CommentStatus, NewComment, Timestamp};

/// What the moderation list shows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentQuery {
    /// Only comments in this state.
    pub status: Option<CommentStatus>,
    /// Only comments on this article.
    pub article: Option<ArticleId>,
    /// Only comments whose author, e-mail or text contains this (any case).
    pub search: Option<String>,
}

/// A comment as moderators see it: with the article it is about.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ModeratedComment {
    /// The comment.
    #[serde(flatten)]
    pub comment: Comment,
    /// The e-mail address (hidden from readers, shown to moderators).
    pub email: String,
    /// The sender's address.
    pub ip: String,
    /// The article's title.
    pub article_title: String,
    /// The article's path.
    pub article_path: String,
}

/// What a moderator may block: comments matching an entry go to spam.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum BlockKind {
    /// A word or phrase in the text, name, e-mail address or website.
    Word,
    /// A sender's address.
    Ip,
    /// An e-mail address.
    Email,
}

impl BlockKind {
    /// Every kind.
    pub const ALL: [BlockKind; 3] = [BlockKind::Word, BlockKind::Ip, BlockKind::Email];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Word => "word",
            BlockKind::Ip => "ip",
            BlockKind::Email => "email",
        }
    }

    /// The kind a stored or submitted name stands for.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// One entry of the block list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Block {
    /// What it matches.
    pub kind: BlockKind,
    /// The word, address or e-mail address (lower case).
    pub value: String,
}

/// Comments.
#[async_trait::async_trait]
pub trait CommentStore: Send + Sync + 'static {
    /// Stores a comment (and recounts its article when it is approved).
    async fn add_comment(&self, comment: &NewComment, now: Timestamp) -> Result<CommentId>;
    /// Stores many comments, each with its time, in one transaction (imports, generated
    /// data); recounts their articles.
    async fn insert_comments(&self, comments: &[(NewComment, Timestamp)]) -> Result<()>;
    /// One comment, in any state.
    async fn comment(&self, id: CommentId) -> Result<Option<Comment>>;
    /// The moderation list, newest first.
    async fn comments(
        &self,
        query: &CommentQuery,
        limit: u32,
        offset: u64,
    ) -> Result<Vec<ModeratedComment>>;
    /// How many comments the moderation list holds, by state, for this query (its
    /// `status` ignored).
    async fn count_comments(&self, query: &CommentQuery) -> Result<Vec<(CommentStatus, u64)>>;
    /// Moves comments to a state; returns the articles whose counts were recounted.
    async fn set_comment_status(
        &self,
        ids: &[CommentId],
        status: CommentStatus,
    ) -> Result<Vec<ArticleId>>;
    /// Deletes comments for good (replies to them stay, unattached); returns the articles
    /// whose counts were recounted.
    async fn delete_comments(&self, ids: &[CommentId]) -> Result<Vec<ArticleId>>;
    /// How many comments an address sent since a time.
    async fn comments_from_ip_since(&self, ip: &str, since: Timestamp) -> Result<u64>;
    /// Whether an e-mail address already has an approved comment.
    async fn has_approved_comment(&self, email: &str) -> Result<bool>;
    /// The block list.
    async fn blocks(&self) -> Result<Vec<Block>>;
    /// Adds an entry to the block list (nothing when it is there already).
    async fn add_block(&self, block: &Block, now: Timestamp) -> Result<()>;
    /// Removes an entry from the block list.
    async fn remove_block(&self, block: &Block) -> Result<()>;
}

macro_rules! comment_columns {
    () => {
        "SELECT m.id AS id, m.article_id AS article_id, m.parent_id AS parent_id, \
         m.depth AS depth, m.author_name AS author_name, m.author_email AS author_email, \
         m.author_url AS author_url, m.body AS body, m.status AS status, m.ip AS ip, \
         m.created_at AS created_at"
    };
}

pub(crate) const APPROVED: &str = concat!(
    comment_columns!(),
    " FROM comments m WHERE m.article_id = $1 AND m.status = 'approved' \
     ORDER BY m.created_at, m.id"
);

pub(crate) const ONE: &str = concat!(comment_columns!(), " FROM comments m WHERE m.id = $1");

pub(crate) const MODERATION_SELECT: &str = concat!(
    comment_columns!(),
    ", a.title AS article_title, a.slug AS article_slug, c.slug AS category_slug \
     FROM comments m JOIN articles a ON a.id = m.article_id \
     JOIN categories c ON c.id = a.category_id WHERE 1 = 1"
);

pub(crate) const INSERT: &str = "INSERT INTO comments (article_id, parent_id, depth, \
     author_name, author_email, author_url, body, status, ip, created_at) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";

/// Locks an article's row before [`RECOUNT`]: on PostgreSQL a statement counts what was
/// committed when it began, so the count must begin once the lock is held, after every
/// earlier writer of this article has committed (a later one recounts after this one).
pub(crate) const LOCK_ARTICLE: &str =
    "UPDATE articles SET comment_count = comment_count WHERE id = $1";

pub(crate) const RECOUNT: &str = "UPDATE articles SET comment_count = (SELECT COUNT(*) \
     FROM comments m WHERE m.article_id = articles.id AND m.status = 'approved') WHERE id = $1";

/// Rows per multi-row insert: 10 parameters each, well under both engines' limits.
pub(crate) const COMMENTS_PER_INSERT: usize = 500;

/// `search` as a `LIKE` pattern matching it anywhere, its wildcards taken literally.
pub(crate) fn like_pattern(search: &str) -> String {
    like_containing(&search.to_lowercase())
}

/// A `LIKE` pattern (`ESCAPE '\'`) matching `text` anywhere, as it is written.
pub(crate) fn like_containing(text: &str) -> String {
    format!("%{}%", like_escaped(text))
}

/// Text with LIKE's wildcards (and the escape character, `\`) escaped, for patterns
/// written with `ESCAPE '\'`.
pub(crate) fn like_escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Implements [`CommentStore`] for an engine's store and database type.
macro_rules! impl_comment_store {
    ($store:ty, $db:ty) => {
        impl $store {
            /// Adds the query's conditions (all but `status` when `with_status` is false).
            fn comment_conditions(
                sql: &mut sqlx::QueryBuilder<$db>,
                query: &$crate::comments::CommentQuery,
                with_status: bool,
            ) {
                if let Some(status) = query.status.filter(|_| with_status) {
                    sql.push(" AND m.status = ").push_bind(status.as_str());
                }
                if let Some(article) = query.article {
                    sql.push(" AND m.article_id = ").push_bind(article.0);
                }
                if let Some(search) = query.search.as_deref().filter(|s| !s.trim().is_empty()) {
                    let pattern = $crate::comments::like_pattern(search.trim());
                    sql.push(" AND (LOWER(m.author_name) LIKE ")
                        .push_bind(pattern.clone())
                        .push(" ESCAPE '\\' OR LOWER(m.author_email) LIKE ")
                        .push_bind(pattern.clone())
                        .push(" ESCAPE '\\' OR LOWER(m.body) LIKE ")
                        .push_bind(pattern)
                        .push(" ESCAPE '\\')");
                }
            }

            /// Recounts the approved comments of these articles.
            async fn recount(
                tx: &mut sqlx::Transaction<'_, $db>,
                articles: &mut Vec<i64>,
            ) -> $crate::Result<Vec<rotative_core::ArticleId>> {
                articles.sort_unstable();
                articles.dedup();
                for article in articles.iter() {
                    sqlx::query($crate::comments::LOCK_ARTICLE)
                        .bind(*article)
                        .execute(&mut **tx)
                        .await?;
                    sqlx::query($crate::comments::RECOUNT)
                        .bind(*article)
                        .execute(&mut **tx)
                        .await?;
                }
                Ok(articles
                    .iter()
                    .map(|id| rotative_core::ArticleId(*id))
                    .collect())
            }

            /// Runs an update or delete of comments (`sql`, to which the id list is added),
            /// then recounts the articles whose comments it touched.
            async fn change_and_recount(
                &self,
                mut sql: sqlx::QueryBuilder<$db>,
                ids: &[rotative_core::CommentId],
            ) -> $crate::Result<Vec<rotative_core::ArticleId>> {
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut tx = self.pool.begin().await?;
                Self::id_list(&mut sql, ids);
                sql.push(" RETURNING article_id");
                let mut articles: Vec<i64> = sql.build_query_scalar().fetch_all(&mut *tx).await?;
                let touched = Self::recount(&mut tx, &mut articles).await?;
                tx.commit().await?;
                Ok(touched)
            }

            fn id_list(sql: &mut sqlx::QueryBuilder<$db>, ids: &[rotative_core::CommentId]) {
                sql.push(" WHERE id IN (");
                let mut list = sql.separated(", ");
                for id in ids {
                    list.push_bind(id.0);
                }
                list.push_unseparated(")");
            }
        }

        #[async_trait::async_trait]
        impl $crate::CommentStore for $store {
            async fn add_comment(
                &self,
                comment: &rotative_core::NewComment,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<rotative_core::CommentId> {
                let mut tx = self.pool.begin().await?;
                let id: i64 = sqlx::query_scalar($crate::comments::INSERT)
                    .bind(comment.article_id.0)
                    .bind(comment.parent.map(|(id, _)| id.0))
                    .bind(comment.parent.map_or(0, |(_, depth)| depth + 1))
                    .bind(&comment.fields.name)
                    .bind(&comment.fields.email)
                    .bind(comment.fields.url.as_deref())
                    .bind(&comment.fields.body)
                    .bind(comment.status.as_str())
                    .bind(&comment.ip)
                    .bind(rotative_core::whole_seconds(now))
                    .fetch_one(&mut *tx)
                    .await?;
                if comment.status == rotative_core::CommentStatus::Approved {
                    Self::recount(&mut tx, &mut vec![comment.article_id.0]).await?;
                }
                tx.commit().await?;
                Ok(rotative_core::CommentId(id))
            }

            async fn insert_comments(
                &self,
                comments: &[(rotative_core::NewComment, rotative_core::Timestamp)],
            ) -> $crate::Result<()> {
                let mut tx = self.pool.begin().await?;
                for chunk in comments.chunks($crate::comments::COMMENTS_PER_INSERT) {
                    let mut insert = sqlx::QueryBuilder::<$db>::new(
                        "INSERT INTO comments (article_id, parent_id, depth, author_name, \
                         author_email, author_url, body, status, ip, created_at) ",
                    );
                    insert.push_values(chunk, |mut row, (comment, at)| {
                        row.push_bind(comment.article_id.0)
                            .push_bind(comment.parent.map(|(id, _)| id.0))
                            .push_bind(comment.parent.map_or(0, |(_, depth)| depth + 1))
                            .push_bind(comment.fields.name.clone())
                            .push_bind(comment.fields.email.clone())
                            .push_bind(comment.fields.url.clone())
                            .push_bind(comment.fields.body.clone())
                            .push_bind(comment.status.as_str())
                            .push_bind(comment.ip.clone())
                            .push_bind(rotative_core::whole_seconds(*at));
                    });
                    insert.build().execute(&mut *tx).await?;
                }
                let mut articles: Vec<i64> = comments.iter().map(|(c, _)| c.article_id.0).collect();
                articles.sort_unstable();
                articles.dedup();
                for chunk in articles.chunks($crate::comments::COMMENTS_PER_INSERT) {
                    let mut recount = sqlx::QueryBuilder::<$db>::new(
                        "UPDATE articles SET comment_count = (SELECT COUNT(*) FROM comments m \
                         WHERE m.article_id = articles.id AND m.status = 'approved') \
                         WHERE id IN (",
                    );
                    let mut list = recount.separated(", ");
                    for id in chunk {
                        list.push_bind(*id);
                    }
                    list.push_unseparated(")");
                    recount.build().execute(&mut *tx).await?;
                }
                tx.commit().await?;
                Ok(())
            }

            async fn comment(
                &self,
                id: rotative_core::CommentId,
            ) -> $crate::Result<Option<rotative_core::Comment>> {
                sqlx::query($crate::comments::ONE)
                    .bind(id.0)
                    .fetch_optional(&self.pool)
                    .await?
                    .as_ref()
                    .map($crate::rows::comment)
                    .transpose()
            }

            async fn comments(
                &self,
                query: &$crate::comments::CommentQuery,
                limit: u32,
                offset: u64,
            ) -> $crate::Result<Vec<$crate::comments::ModeratedComment>> {
                let mut sql = sqlx::QueryBuilder::<$db>::new($crate::comments::MODERATION_SELECT);
                Self::comment_conditions(&mut sql, query, true);
                sql.push(" ORDER BY m.created_at DESC, m.id DESC LIMIT ")
                    .push_bind(i64::from(limit))
                    .push(" OFFSET ")
                    .push_bind($crate::articles::as_i64(offset));
                let rows = sql.build().fetch_all(&self.pool).await?;
                $crate::rows::all(&rows, $crate::rows::moderated_comment)
            }

            async fn count_comments(
                &self,
                query: &$crate::comments::CommentQuery,
            ) -> $crate::Result<Vec<(rotative_core::CommentStatus, u64)>> {
                let mut sql = sqlx::QueryBuilder::<$db>::new(
                    "SELECT m.status, COUNT(*) FROM comments m WHERE 1 = 1",
                );
                Self::comment_conditions(&mut sql, query, false);
                sql.push(" GROUP BY m.status");
                let rows: Vec<(String, i64)> = sql.build_query_as().fetch_all(&self.pool).await?;
                rows.into_iter()
                    .map(|(status, n)| {
                        let status = status
                            .parse()
                            .map_err(|e| $crate::StoreError::Corrupt(format!("{e}")))?;
                        Ok((status, u64::try_from(n).unwrap_or(0)))
                    })
                    .collect()
            }

            async fn set_comment_status(
                &self,
                ids: &[rotative_core::CommentId],
                status: rotative_core::CommentStatus,
            ) -> $crate::Result<Vec<rotative_core::ArticleId>> {
                let mut sql = sqlx::QueryBuilder::<$db>::new("UPDATE comments SET status = ");
                sql.push_bind(status.as_str());
                self.change_and_recount(sql, ids).await
            }

            async fn delete_comments(
                &self,
                ids: &[rotative_core::CommentId],
            ) -> $crate::Result<Vec<rotative_core::ArticleId>> {
                let sql = sqlx::QueryBuilder::<$db>::new("DELETE FROM comments");
                self.change_and_recount(sql, ids).await
            }

            async fn comments_from_ip_since(
                &self,
                ip: &str,
                since: rotative_core::Timestamp,
            ) -> $crate::Result<u64> {
                let n: i64 = sqlx::query_scalar(
                    "SELECT COUNT(*) FROM comments WHERE ip = $1 AND created_at > $2",
                )
                .bind(ip)
                .bind(rotative_core::whole_seconds(since))
                .fetch_one(&self.pool)
                .await?;
                Ok(u64::try_from(n).unwrap_or(0))
            }

            async fn has_approved_comment(&self, email: &str) -> $crate::Result<bool> {
                let found: Option<i64> = sqlx::query_scalar(
                    "SELECT id FROM comments WHERE author_email = $1 AND status = 'approved' \
                     LIMIT 1",
                )
                .bind(email)
                .fetch_optional(&self.pool)
                .await?;
                Ok(found.is_some())
            }

            async fn blocks(&self) -> $crate::Result<Vec<$crate::comments::Block>> {
                let rows: Vec<(String, String)> =
                    sqlx::query_as("SELECT kind, value FROM comment_blocks ORDER BY kind, value")
                        .fetch_all(&self.pool)
                        .await?;
                rows.into_iter()
                    .map(|(kind, value)| {
                        let kind = $crate::comments::BlockKind::parse(&kind).ok_or_else(|| {
                            $crate::StoreError::Corrupt(format!("block kind {kind:?}"))
                        })?;
                        Ok($crate::comments::Block { kind, value })
                    })
                    .collect()
            }

            async fn add_block(
                &self,
                block: &$crate::comments::Block,
                now: rotative_core::Timestamp,
            ) -> $crate::Result<()> {
                sqlx::query(
                    "INSERT INTO comment_blocks (kind, value, created_at) VALUES ($1, $2, $3) \
                     ON CONFLICT DO NOTHING",
                )
                .bind(block.kind.as_str())
                .bind(&block.value)
                .bind(rotative_core::whole_seconds(now))
                .execute(&self.pool)
                .await?;
                Ok(())
            }

            async fn remove_block(&self, block: &$crate::comments::Block) -> $crate::Result<()> {
                sqlx::query("DELETE FROM comment_blocks WHERE kind = $1 AND value = $2")
                    .bind(block.kind.as_str())
                    .bind(&block.value)
                    .execute(&self.pool)
                    .await?;
                Ok(())
            }
        }
    };
}
pub(crate) use impl_comment_store;
