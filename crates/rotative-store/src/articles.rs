//! Reading articles: single ones, and the lists readers browse.
//!
//! Every public query takes `now` as `$1` and applies [`public!`], the SQL twin of
//! [`rotative_core::is_public`]. Lists are ordered newest first by `(published_at, id)`.

use crate::Result;
use crate::read::{AroundRows, Articles, Comments, Counts, Query, Reader, Summaries, Tags};
use async_trait::async_trait;
use rotative_core::{
    Article, ArticleId, ArticleSummary, CategoryId, Comment, Slug, Tag, TagId, Timestamp, UserId,
};

/// Where a page of a list starts: its first article's date and id, the keys lists are
/// ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ListStart {
    /// When the first article was published.
    pub published_at: Timestamp,
    /// Its id, which orders articles published at the same time.
    pub id: ArticleId,
}

impl ListStart {
    /// Where a list goes on at this article (`None`: undated, so in no public list).
    pub fn at(article: &ArticleSummary) -> Option<Self> {
        article.published_at.map(|published_at| ListStart {
            published_at,
            id: article.id,
        })
    }
}

/// Which articles a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ArticleFilter {
    /// Every public article.
    All,
    /// Those of a category.
    Category(CategoryId),
    /// Those of a category and of the categories under it, at any depth.
    CategoryTree(CategoryId),
    /// Those carrying a tag.
    Tag(TagId),
    /// Those signed by an author.
    Author(UserId),
    /// Those pinned at the top of the home page.
    Sticky,
}

/// Reading articles.
#[async_trait::async_trait]
pub trait ArticleStore: Send + Sync + 'static {
    /// Finds an article by slug, whatever its status.
    async fn article_by_slug(&self, slug: &Slug) -> Result<Option<Article>>;
    /// [`ArticleStore::article_by_slug`] for the article's public page: everything but
    /// the Markdown source, which is left empty (the page shows the HTML).
    async fn article_page_by_slug(&self, slug: &Slug) -> Result<Option<Article>>;
    /// Finds an article by id, whatever its status.
    async fn article_by_id(&self, id: ArticleId) -> Result<Option<Article>>;
    /// How many articles exist, whatever their status.
    async fn count_articles(&self) -> Result<u64>;
    /// How many public articles a list has.
    async fn count_public_articles(&self, filter: ArticleFilter, now: Timestamp) -> Result<u64>;
    /// Public articles of a list, newest first, `offset` rows in.
    async fn public_articles(
        &self,
        filter: ArticleFilter,
        limit: u32,
        offset: u64,
        now: Timestamp,
    ) -> Result<Vec<ArticleSummary>>;
    /// [`ArticleStore::public_articles`] from where a page starts rather than `offset` rows
    /// in: the walk begins at the article `start` names (included), so a deep page costs
    /// what the first does. `start` is a public article's, hence not after `now`.
    async fn public_articles_from(
        &self,
        filter: ArticleFilter,
        limit: u32,
        start: ListStart,
    ) -> Result<Vec<ArticleSummary>>;
    /// The public articles with the most views.
    async fn most_read(&self, limit: u32, now: Timestamp) -> Result<Vec<ArticleSummary>>;
    /// What an article's page shows around it, in one read: the other public articles of
    /// its category (newest first, at most `limit`), and the public articles just before
    /// (older) and just after (newer) it there.
    async fn around(&self, article: &ArticleSummary, limit: u32, now: Timestamp) -> Result<Around>;
    /// The tags of an article, by name.
    async fn article_tags(&self, article: ArticleId) -> Result<Vec<Tag>>;
    /// An article's approved comments, oldest first.
    async fn approved_comments(&self, article: ArticleId) -> Result<Vec<Comment>>;
}

/// The SQL twin of [`rotative_core::is_public`], with `now` as `$1`.
macro_rules! public {
    () => {
        "a.status IN ('published', 'scheduled') AND a.published_at <= $1"
    };
}
pub(crate) use public;

/// The newest-first order every list uses.
macro_rules! newest_first {
    () => {
        " ORDER BY a.published_at DESC, a.id DESC"
    };
}

/// The condition for a filter, its value as `$2` when it has one.
macro_rules! filter_condition {
    (all) => {
        ""
    };
    (category) => {
        " AND a.category_id = $2"
    };
    (category_tree) => {
        " AND a.category_id IN (WITH RECURSIVE tree(id) AS (SELECT CAST($2 AS BIGINT) \
         UNION SELECT c2.id FROM categories c2 JOIN tree ON c2.parent_id = tree.id) \
         SELECT id FROM tree)"
    };
    (tag) => {
        " AND EXISTS (SELECT 1 FROM article_tags l WHERE l.article_id = a.id AND l.tag_id = $2)"
    };
    (author) => {
        " AND a.author_id = $2"
    };
    (sticky) => {
        " AND a.sticky"
    };
}

/// Lists first pick the ids of their page from a (covering) index, then join what cards
/// show to those few rows only: deep pages skip index entries, not joined rows. The rows
/// come in no particular order, and are sorted afterwards: sorting them in SQL would make
/// SQLite copy each whole row through a temporary B-tree, to order a page of them.
macro_rules! page_of {
    ($ids:expr) => {
        concat!(
            "SELECT ",
            crate::rows::summary_columns!(),
            " FROM (",
            $ids,
            ") page JOIN articles a ON a.id = page.id",
            crate::rows::category_and_author!()
        )
    };
}

/// Sorts a page of articles newest first, on the keys of the lists' SQL (`newest_first!`).
fn sort_newest_first(articles: &mut [ArticleSummary]) {
    articles.sort_unstable_by_key(|a| std::cmp::Reverse((a.published_at, a.id)));
}

/// The SQL of one filter: counting, a page (`LIMIT`/`OFFSET` after the filter's value),
/// a page from where it starts (`$1` its date, then the filter's value, its id, `LIMIT`).
pub(crate) struct FilterSql {
    pub(crate) count: &'static str,
    pub(crate) page: &'static str,
    pub(crate) page_from: &'static str,
    pub(crate) value: Option<i64>,
}

/// A filter's SQL; the parameters after its value (`$2`, when it has one) are numbered on.
macro_rules! filter_sql {
    ($kind:tt) => {
        filter_sql!(@ $kind, None, " LIMIT $2 OFFSET $3", "($1, $2)", " LIMIT $3")
    };
    ($kind:tt, $value:expr) => {
        filter_sql!(@ $kind, Some($value), " LIMIT $3 OFFSET $4", "($1, $3)", " LIMIT $4")
    };
    (@ $kind:tt, $value:expr, $limit:literal, $start:literal, $from_limit:literal) => {
        FilterSql {
            count: concat!(
                "SELECT COUNT(*) AS n FROM articles a WHERE ",
                public!(),
                filter_condition!($kind)
            ),
            page: page_of!(concat!(
                "SELECT a.id FROM articles a WHERE ",
                public!(),
                filter_condition!($kind),
                newest_first!(),
                $limit
            )),
            // The start, public, is not after now: every article up to it is public by
            // date, and the walk's one upper bound is the start rather than now.
            page_from: page_of!(concat!(
                "SELECT a.id FROM articles a WHERE a.status IN ('published', 'scheduled')",
                filter_condition!($kind),
                " AND (a.published_at, a.id) <= ",
                $start,
                newest_first!(),
                $from_limit
            )),
            value: $value,
        }
    };
}

impl ArticleFilter {
    pub(crate) fn sql(self) -> FilterSql {
        match self {
            ArticleFilter::All => filter_sql!(all),
            ArticleFilter::Category(id) => filter_sql!(category, id.0),
            ArticleFilter::CategoryTree(id) => filter_sql!(category_tree, id.0),
            ArticleFilter::Tag(id) => filter_sql!(tag, id.0),
            ArticleFilter::Author(id) => filter_sql!(author, id.0),
            ArticleFilter::Sticky => filter_sql!(sticky),
        }
    }
}

macro_rules! article_select {
    () => {
        article_select!("a.body_markdown")
    };
    ($markdown:literal) => {
        concat!(
            "SELECT ",
            crate::rows::summary_columns!(),
            ", a.status AS status, ",
            $markdown,
            " AS body_markdown, a.body_html AS body_html, \
             a.updated_at AS updated_at, a.comments_open AS comments_open, a.lang AS lang, \
             a.sticky AS sticky",
            crate::rows::article_joins!()
        )
    };
}

pub(crate) const ARTICLE_BY_SLUG: &str = concat!(article_select!(), " WHERE a.slug = $1");

/// An article as its public page shows it: the Markdown source (as long as the body, and
/// only ever edited) is neither read nor copied.
pub(crate) const ARTICLE_PAGE_BY_SLUG: &str = concat!(article_select!("''"), " WHERE a.slug = $1");

pub(crate) const ARTICLE_BY_ID: &str = concat!(article_select!(), " WHERE a.id = $1");

// The time is compared through an expression, not the bare column: otherwise SQLite
// ranges over the date index and sorts every article by views, instead of walking the
// views index and stopping at the LIMIT.
pub(crate) const MOST_READ: &str = page_of!(concat!(
    "SELECT a.id FROM articles a WHERE a.status IN ('published', 'scheduled') \
     AND COALESCE(a.published_at, a.published_at) <= $1 \
     ORDER BY a.view_count DESC, a.id DESC LIMIT $2"
));

/// The articles around one (`$3`, published at `$4`, in the category `$2`, whose slug and
/// name are `$5` and `$6`): up to `$7` others of its category newest first (kind 0), the one
/// just older (kind 1) and the one just newer (kind 2), told apart by `kind`, in no
/// particular order. Each part walks the category's index from its own end and stops at its
/// `LIMIT`. The older side bounds the date by the article's own (public, so not after now)
/// rather than by now: an index range takes one upper bound, and this one starts the walk
/// at the article instead of at today. The category is the article's, bound rather than
/// joined to each row.
pub(crate) const AROUND: &str = concat!(
    "SELECT ",
    crate::rows::summary_columns!(
        "a.category_id AS category_id, CAST($5 AS TEXT) AS category_slug, \
         CAST($6 AS TEXT) AS category_name"
    ),
    ", around.kind AS kind \
     FROM (SELECT CAST(0 AS BIGINT) AS kind, id FROM (SELECT a.id FROM articles a WHERE ",
    public!(),
    " AND a.category_id = $2 AND a.id <> $3",
    newest_first!(),
    " LIMIT $7) related \
     UNION ALL SELECT CAST(1 AS BIGINT), id FROM (SELECT a.id FROM articles a \
     WHERE a.status IN ('published', 'scheduled') AND a.category_id = $2 \
     AND a.published_at <= $4 AND (a.published_at, a.id) < ($4, $3)",
    newest_first!(),
    " LIMIT 1) older \
     UNION ALL SELECT CAST(2 AS BIGINT), id FROM (SELECT a.id FROM articles a WHERE ",
    public!(),
    " AND a.category_id = $2 AND a.published_at >= $4 AND (a.published_at, a.id) > ($4, $3) \
     ORDER BY a.published_at ASC, a.id ASC LIMIT 1) newer) around \
     JOIN articles a ON a.id = around.id JOIN users u ON u.id = a.author_id"
);

/// What an article's page shows around it: see [`ArticleStore::around`].
#[derive(Debug, Clone, Default)]
pub struct Around {
    /// Other public articles of its category, newest first.
    pub related: Vec<ArticleSummary>,
    /// The public article just older in its category.
    pub older: Option<ArticleSummary>,
    /// The public article just newer in its category.
    pub newer: Option<ArticleSummary>,
}

/// A count or offset as SQL takes it.
pub(crate) fn as_i64(n: impl TryInto<i64>) -> i64 {
    n.try_into().unwrap_or(i64::MAX)
}

#[async_trait]
impl<S: Reader + 'static> ArticleStore for S {
    async fn article_by_slug(&self, slug: &Slug) -> Result<Option<Article>> {
        self.fetch_first::<Articles>(Query::new(ARTICLE_BY_SLUG).bind(slug.as_str()))
            .await
    }

    async fn article_page_by_slug(&self, slug: &Slug) -> Result<Option<Article>> {
        self.fetch_first::<Articles>(Query::new(ARTICLE_PAGE_BY_SLUG).bind(slug.as_str()))
            .await
    }

    async fn article_by_id(&self, id: ArticleId) -> Result<Option<Article>> {
        self.fetch_first::<Articles>(Query::new(ARTICLE_BY_ID).bind(id.0))
            .await
    }

    async fn count_articles(&self) -> Result<u64> {
        let count = self
            .fetch_first::<Counts>(Query::new("SELECT COUNT(*) AS n FROM articles"))
            .await?;
        Ok(u64::try_from(count.unwrap_or_default()).unwrap_or_default())
    }

    async fn count_public_articles(&self, filter: ArticleFilter, now: Timestamp) -> Result<u64> {
        let sql = filter.sql();
        let mut count = Query::new(sql.count).bind(now);
        if let Some(value) = sql.value {
            count = count.bind(value);
        }
        let count = self.fetch_first::<Counts>(count).await?;
        Ok(u64::try_from(count.unwrap_or_default()).unwrap_or_default())
    }

    async fn public_articles(
        &self,
        filter: ArticleFilter,
        limit: u32,
        offset: u64,
        now: Timestamp,
    ) -> Result<Vec<ArticleSummary>> {
        let sql = filter.sql();
        let mut page = Query::new(sql.page).bind(now);
        if let Some(value) = sql.value {
            page = page.bind(value);
        }
        let page = page.bind(i64::from(limit)).bind(as_i64(offset));
        let mut articles = self.fetch::<Summaries>(page).await?;
        sort_newest_first(&mut articles);
        Ok(articles)
    }

    async fn public_articles_from(
        &self,
        filter: ArticleFilter,
        limit: u32,
        start: ListStart,
    ) -> Result<Vec<ArticleSummary>> {
        let sql = filter.sql();
        let mut page = Query::new(sql.page_from).bind(start.published_at);
        if let Some(value) = sql.value {
            page = page.bind(value);
        }
        let page = page.bind(start.id.0).bind(i64::from(limit));
        let mut articles = self.fetch::<Summaries>(page).await?;
        sort_newest_first(&mut articles);
        Ok(articles)
    }

    async fn most_read(&self, limit: u32, now: Timestamp) -> Result<Vec<ArticleSummary>> {
        let mut articles = self
            .fetch::<Summaries>(Query::new(MOST_READ).bind(now).bind(i64::from(limit)))
            .await?;
        articles.sort_unstable_by_key(|a| std::cmp::Reverse((a.view_count, a.id)));
        Ok(articles)
    }

    async fn around(&self, article: &ArticleSummary, limit: u32, now: Timestamp) -> Result<Around> {
        // An article not yet dated (never public) has no neighbours: its own time is
        // bound as now, and what that finds on either side is left out.
        let dated = article.published_at.is_some();
        let query = Query::new(AROUND)
            .bind(now)
            .bind(article.category.id.0)
            .bind(article.id.0)
            .bind(article.published_at.unwrap_or(now))
            .bind(article.category.slug.as_str())
            .bind(article.category.name.as_str())
            .bind(i64::from(limit));
        let mut around = Around::default();
        for (kind, found) in self.fetch::<AroundRows>(query).await? {
            match kind {
                0 => around.related.push(found),
                1 if dated => around.older = Some(found),
                2 if dated => around.newer = Some(found),
                _ => {}
            }
        }
        sort_newest_first(&mut around.related);
        Ok(around)
    }

    async fn article_tags(&self, article: ArticleId) -> Result<Vec<Tag>> {
        let query = Query::new(crate::taxonomy::ARTICLE_TAGS).bind(article.0);
        self.fetch::<Tags>(query).await
    }

    async fn approved_comments(&self, article: ArticleId) -> Result<Vec<Comment>> {
        let query = Query::new(crate::comments::APPROVED).bind(article.0);
        self.fetch::<Comments>(query).await
    }
}
