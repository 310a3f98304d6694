//! What the search index is built from: articles with their author's name and tag names,
//! in batches by id, for the whole site or for what changed.

use crate::Result;
use rotative_core::{
    ArticleId, ArticleStatus, ArticleSummary, CategoryId, TagId, Timestamp, UserId,
};

/// An article as the search index reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchSource {
    /// Its id.
    pub id: ArticleId,
    /// Its title.
    pub title: String,
    /// Its excerpt.
    pub excerpt: String,
    /// Its body, in Markdown.
    pub body_markdown: String,
    /// Its status: only published and scheduled articles are indexed.
    pub status: ArticleStatus,
    /// When it is (to be) published.
    pub published_at: Option<Timestamp>,
    /// Its last change.
    pub updated_at: Timestamp,
    /// Its category.
    pub category_id: CategoryId,
    /// Its author's display name.
    pub author_name: String,
    /// The names of its tags.
    pub tags: Vec<String>,
}

impl SearchSource {
    /// Whether readers may find it (now or at its publication time).
    pub fn is_indexable(&self) -> bool {
        matches!(
            self.status,
            ArticleStatus::Published | ArticleStatus::Scheduled
        ) && self.published_at.is_some()
    }
}

/// Which articles to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceScope {
    /// The published and scheduled ones (a full build).
    Indexable,
    /// Those changed at or after a time, whatever their status.
    ChangedSince(Timestamp),
    /// These, whatever their status.
    Ids(Vec<ArticleId>),
    /// Those signed by an author, whatever their status.
    Author(UserId),
    /// Those carrying a tag, whatever their status.
    Tag(TagId),
    /// Those of a category, whatever their status.
    Category(CategoryId),
}

/// Reading articles for the search index.
#[async_trait::async_trait]
pub trait SearchSourceStore: Send + Sync + 'static {
    /// The articles of a scope with ids above `after`, by id, at most `limit`: call again
    /// with the last id until a batch comes back short.
    async fn search_sources(
        &self,
        scope: &SourceScope,
        after: ArticleId,
        limit: u32,
    ) -> Result<Vec<SearchSource>>;
    /// The id and last change of every article changed at or after a time, whatever its
    /// status: what a catch-up pass compares with what it indexed, before reading in full
    /// only what it has not seen.
    async fn changes_since(&self, since: Timestamp) -> Result<Vec<(ArticleId, Timestamp)>>;
    /// The public articles among `ids`, as lists show them (in no particular order): what
    /// a page of search results shows.
    async fn public_articles_by_ids(
        &self,
        ids: &[ArticleId],
        now: Timestamp,
    ) -> Result<Vec<ArticleSummary>>;
}

/// The public articles among a list of ids: now, then the list, follow.
pub(crate) const PUBLIC_BY_IDS: &str = concat!(
    crate::rows::summary_select!(),
    " WHERE a.status IN ('published', 'scheduled') AND a.published_at <= "
);

pub(crate) const SOURCE_COLUMNS: &str = "SELECT a.id AS id, a.title AS title, \
     a.excerpt AS excerpt, a.body_markdown AS body_markdown, a.status AS status, \
     a.published_at AS published_at, a.updated_at AS updated_at, \
     a.category_id AS category_id, u.display_name AS author_name \
     FROM articles a JOIN users u ON u.id = a.author_id WHERE a.id > ";

/// Reads a row of [`SOURCE_COLUMNS`] (tags are added afterwards).
pub(crate) fn source(row: &impl crate::rows::StoredRow) -> Result<SearchSource> {
    let status = row.text("status")?;
    Ok(SearchSource {
        id: ArticleId(row.int("id")?),
        title: row.text("title")?,
        excerpt: row.text("excerpt")?,
        body_markdown: row.text("body_markdown")?,
        status: status
            .parse()
            .map_err(|e| crate::StoreError::Corrupt(format!("{e}")))?,
        published_at: row.opt_time("published_at")?,
        updated_at: row.time("updated_at")?,
        category_id: CategoryId(row.int("category_id")?),
        author_name: row.text("author_name")?,
        tags: Vec::new(),
    })
}

/// Implements [`SearchSourceStore`] for an engine's store and database type.
macro_rules! impl_search_source_store {
    ($store:ty, $db:ty) => {
        #[async_trait::async_trait]
        impl $crate::SearchSourceStore for $store {
            async fn search_sources(
                &self,
                scope: &$crate::SourceScope,
                after: rotative_core::ArticleId,
                limit: u32,
            ) -> $crate::Result<Vec<$crate::SearchSource>> {
                use $crate::SourceScope;
                let mut sql = sqlx::QueryBuilder::<$db>::new($crate::search::SOURCE_COLUMNS);
                sql.push_bind(after.0);
                match scope {
                    SourceScope::Indexable => {
                        sql.push(" AND a.status IN ('published', 'scheduled')");
                    }
                    SourceScope::ChangedSince(at) => {
                        sql.push(" AND a.updated_at >= ")
                            .push_bind(rotative_core::whole_seconds(*at));
                    }
                    SourceScope::Ids(ids) => {
                        sql.push(" AND a.id IN (");
                        let mut list = sql.separated(", ");
                        for id in ids {
                            list.push_bind(id.0);
                        }
                        if ids.is_empty() {
                            list.push("NULL");
                        }
                        sql.push(")");
                    }
                    SourceScope::Author(user) => {
                        sql.push(" AND a.author_id = ").push_bind(user.0);
                    }
                    SourceScope::Tag(tag) => {
                        sql.push(
                            " AND EXISTS (SELECT 1 FROM article_tags l \
                             WHERE l.article_id = a.id AND l.tag_id = ",
                        )
                        .push_bind(tag.0)
                        .push(")");
                    }
                    SourceScope::Category(category) => {
                        sql.push(" AND a.category_id = ").push_bind(category.0);
                    }
                }
                sql.push(" ORDER BY a.id LIMIT ")
                    .push_bind(i64::from(limit));
                let rows = sql.build().fetch_all(&self.pool).await?;
                let mut sources = $crate::rows::all(&rows, $crate::search::source)?;
                if sources.is_empty() {
                    return Ok(sources);
                }
                let mut tags = sqlx::QueryBuilder::<$db>::new(
                    "SELECT l.article_id, t.name FROM article_tags l \
                     JOIN tags t ON t.id = l.tag_id WHERE l.article_id IN (",
                );
                let mut list = tags.separated(", ");
                for source in &sources {
                    list.push_bind(source.id.0);
                }
                tags.push(") ORDER BY l.article_id, t.name");
                let names: Vec<(i64, String)> = tags.build_query_as().fetch_all(&self.pool).await?;
                let mut by_article: std::collections::HashMap<i64, Vec<String>> =
                    std::collections::HashMap::new();
                for (article, name) in names {
                    by_article.entry(article).or_default().push(name);
                }
                for source in &mut sources {
                    source.tags = by_article.remove(&source.id.0).unwrap_or_default();
                }
                Ok(sources)
            }

            async fn changes_since(
                &self,
                since: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<(rotative_core::ArticleId, rotative_core::Timestamp)>> {
                let rows: Vec<(i64, rotative_core::Timestamp)> =
                    sqlx::query_as("SELECT id, updated_at FROM articles WHERE updated_at >= $1")
                        .bind(rotative_core::whole_seconds(since))
                        .fetch_all(&self.pool)
                        .await?;
                Ok(rows
                    .into_iter()
                    .map(|(id, at)| (rotative_core::ArticleId(id), at))
                    .collect())
            }

            async fn public_articles_by_ids(
                &self,
                ids: &[rotative_core::ArticleId],
                now: rotative_core::Timestamp,
            ) -> $crate::Result<Vec<rotative_core::ArticleSummary>> {
                if ids.is_empty() {
                    return Ok(Vec::new());
                }
                let mut sql = sqlx::QueryBuilder::<$db>::new($crate::search::PUBLIC_BY_IDS);
                sql.push_bind(rotative_core::whole_seconds(now))
                    .push(" AND a.id IN (");
                let mut list = sql.separated(", ");
                for id in ids {
                    list.push_bind(id.0);
                }
                sql.push(")");
                let rows = sql.build().fetch_all(&self.pool).await?;
                $crate::rows::all(&rows, $crate::rows::summary)
            }
        }
    };
}
pub(crate) use impl_search_source_store;
