//! Turning result rows into domain types, once for both engines.

use crate::StoreError;
use crate::comments::ModeratedComment;
use rotative_core::{
    Article, ArticleId, ArticleSummary, Author, AuthorRef, Category, CategoryId, CategoryRef,
    Comment, CommentId, Tag, TagId, Timestamp, UserId,
};
use sqlx::Row;

/// A row of either engine, read by column name into the types Rotative stores. The names
/// are `'static` (the mappers' literals): a reader may recognise one by its address.
pub(crate) trait StoredRow {
    fn int(&self, column: &'static str) -> Result<i64, StoreError>;
    fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError>;
    fn text(&self, column: &'static str) -> Result<String, StoreError>;
    fn opt_text(&self, column: &'static str) -> Result<Option<String>, StoreError>;
    fn time(&self, column: &'static str) -> Result<Timestamp, StoreError>;
    fn opt_time(&self, column: &'static str) -> Result<Option<Timestamp>, StoreError>;
    fn flag(&self, column: &'static str) -> Result<bool, StoreError>;
}

macro_rules! stored_row {
    ($row:ty) => {
        impl StoredRow for $row {
            fn int(&self, column: &'static str) -> Result<i64, StoreError> {
                Ok(self.try_get(column)?)
            }
            fn opt_int(&self, column: &'static str) -> Result<Option<i64>, StoreError> {
                Ok(self.try_get(column)?)
            }
            fn text(&self, column: &'static str) -> Result<String, StoreError> {
                Ok(self.try_get(column)?)
            }
            fn opt_text(&self, column: &'static str) -> Result<Option<String>, StoreError> {
                Ok(self.try_get(column)?)
            }
            fn time(&self, column: &'static str) -> Result<Timestamp, StoreError> {
                Ok(self.try_get(column)?)
            }
            fn opt_time(&self, column: &'static str) -> Result<Option<Timestamp>, StoreError> {
                Ok(self.try_get(column)?)
            }
            fn flag(&self, column: &'static str) -> Result<bool, StoreError> {
                Ok(self.try_get(column)?)
            }
        }
    };
}

stored_row!(sqlx::sqlite::SqliteRow);
stored_row!(sqlx::postgres::PgRow);

/// The columns [`summary`] reads, the category's from `c`, or from the columns given (a
/// query that knows the category binds it rather than joining it).
macro_rules! summary_columns {
    () => {
        $crate::rows::summary_columns!(
            "c.id AS category_id, c.slug AS category_slug, c.name AS category_name"
        )
    };
    ($category:literal) => {
        concat!(
            "a.id AS id, a.slug AS slug, a.title AS title, a.excerpt AS excerpt, \
             a.published_at AS published_at, a.featured_image AS featured_image, \
             a.view_count AS view_count, a.comment_count AS comment_count, ",
            $category,
            ", u.id AS author_id, u.slug AS author_slug, u.display_name AS author_name"
        )
    };
}
pub(crate) use summary_columns;

/// The category and author joined to an article `a`.
macro_rules! category_and_author {
    () => {
        " JOIN categories c ON c.id = a.category_id JOIN users u ON u.id = a.author_id"
    };
}
pub(crate) use category_and_author;

/// The tables those columns come from.
macro_rules! article_joins {
    () => {
        concat!(" FROM articles a", $crate::rows::category_and_author!())
    };
}
pub(crate) use article_joins;

/// The start of every query that lists articles.
macro_rules! summary_select {
    () => {
        concat!(
            "SELECT ",
            $crate::rows::summary_columns!(),
            $crate::rows::article_joins!()
        )
    };
}
pub(crate) use summary_select;

pub(crate) fn summary(row: &impl StoredRow) -> Result<ArticleSummary, StoreError> {
    Ok(ArticleSummary {
        id: ArticleId(row.int("id")?),
        slug: row.text("slug")?,
        title: row.text("title")?,
        excerpt: row.text("excerpt")?,
        published_at: row.opt_time("published_at")?,
        featured_image: row.opt_text("featured_image")?,
        view_count: row.int("view_count")?,
        comment_count: row.int("comment_count")?,
        category: CategoryRef {
            id: CategoryId(row.int("category_id")?),
            slug: row.text("category_slug")?,
            name: row.text("category_name")?,
        },
        author: AuthorRef {
            id: UserId(row.int("author_id")?),
            slug: row.text("author_slug")?,
            name: row.text("author_name")?,
        },
    })
}

/// A row of [`crate::articles::AROUND`]: which part of it, and the article.
pub(crate) fn around(row: &impl StoredRow) -> Result<(i64, ArticleSummary), StoreError> {
    let summary = summary(row)?;
    Ok((row.int("kind")?, summary))
}

pub(crate) fn article(row: &impl StoredRow) -> Result<Article, StoreError> {
    let status = row.text("status")?;
    Ok(Article {
        summary: summary(row)?,
        status: status
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("{e}")))?,
        body_markdown: row.text("body_markdown")?,
        body_html: row.text("body_html")?,
        updated_at: row.time("updated_at")?,
        comments_open: row.flag("comments_open")?,
        sticky: row.flag("sticky")?,
        // A code this version does not know (a language removed since) reads as the
        // site's language rather than making the article unreadable.
        lang: row
            .opt_text("lang")?
            .and_then(|code| code.parse::<rotative_core::Locale>().ok()),
    })
}

pub(crate) fn category(row: &impl StoredRow) -> Result<Category, StoreError> {
    Ok(Category {
        id: CategoryId(row.int("id")?),
        slug: row.text("slug")?,
        name: row.text("name")?,
        description: row.text("description")?,
        parent_id: row.opt_int("parent_id")?.map(CategoryId),
        position: row.int("position")?,
    })
}

pub(crate) fn tag(row: &impl StoredRow) -> Result<Tag, StoreError> {
    Ok(Tag {
        id: TagId(row.int("id")?),
        slug: row.text("slug")?,
        name: row.text("name")?,
    })
}

pub(crate) fn author(row: &impl StoredRow) -> Result<Author, StoreError> {
    let role = row.text("role")?;
    Ok(Author {
        id: UserId(row.int("id")?),
        slug: row.text("slug")?,
        display_name: row.text("display_name")?,
        bio: row.text("bio")?,
        avatar: row.opt_text("avatar")?,
        role: role
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("{e}")))?,
    })
}

pub(crate) fn comment(row: &impl StoredRow) -> Result<Comment, StoreError> {
    let status = row.text("status")?;
    Ok(Comment {
        id: CommentId(row.int("id")?),
        article_id: ArticleId(row.int("article_id")?),
        parent_id: row.opt_int("parent_id")?.map(CommentId),
        depth: row.int("depth")?,
        author_name: row.text("author_name")?,
        author_email: row.text("author_email")?,
        author_url: row.opt_text("author_url")?,
        body: row.text("body")?,
        status: status
            .parse()
            .map_err(|e| StoreError::Corrupt(format!("{e}")))?,
        ip: row.text("ip")?,
        created_at: row.time("created_at")?,
    })
}

pub(crate) fn moderated_comment(row: &impl StoredRow) -> Result<ModeratedComment, StoreError> {
    let comment = comment(row)?;
    Ok(ModeratedComment {
        email: comment.author_email.clone(),
        ip: comment.ip.clone(),
        article_title: row.text("article_title")?,
        article_path: rotative_core::article_path(
            &row.text("category_slug")?,
            &row.text("article_slug")?,
        ),
        comment,
    })
}

/// Maps every row with `convert`, stopping at the first failure.
pub(crate) fn all<R, T>(
    rows: &[R],
    convert: impl Fn(&R) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    rows.iter().map(convert).collect()
}
