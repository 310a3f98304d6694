//! Articles, their life cycle, and what readers may see of them.

use crate::{ArticleId, CategoryId, Locale, Slug, Timestamp, UserId, taxonomy::NewTag};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where an article is in its life: draft → scheduled → published → archived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleStatus {
    /// Being written; never shown to readers.
    Draft,
    /// Ready, waiting for its publication time; shown once that time has come.
    Scheduled,
    /// Shown to readers (from its publication time on).
    Published,
    /// Withdrawn from the site but kept.
    Archived,
}

impl ArticleStatus {
    /// Every status, in life-cycle order.
    pub const ALL: [ArticleStatus; 4] = [
        ArticleStatus::Draft,
        ArticleStatus::Scheduled,
        ArticleStatus::Published,
        ArticleStatus::Archived,
    ];

    /// The stored name of the status.
    pub fn as_str(self) -> &'static str {
        match self {
            ArticleStatus::Draft => "draft",
            ArticleStatus::Scheduled => "scheduled",
            ArticleStatus::Published => "published",
            ArticleStatus::Archived => "archived",
        }
    }
}

/// A status name that is not one of [`ArticleStatus::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown article status {0:?}")]
pub struct UnknownStatus(pub String);

impl FromStr for ArticleStatus {
    type Err = UnknownStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownStatus(s.to_owned()))
    }
}

impl fmt::Display for ArticleStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The rule of what readers see: a published or scheduled article whose publication time
/// has come. Stores express the same rule in SQL; a test holds the two together.
pub fn is_public(status: ArticleStatus, published_at: Option<Timestamp>, now: Timestamp) -> bool {
    matches!(status, ArticleStatus::Published | ArticleStatus::Scheduled)
        && published_at.is_some_and(|at| at <= now)
}

/// What a page needs to know about an article's category to link to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryRef {
    /// Its id.
    pub id: CategoryId,
    /// Its slug, the first segment of the article's URL.
    pub slug: String,
    /// Its display name.
    pub name: String,
}

/// What a page needs to know about an article's author to credit and link them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuthorRef {
    /// Their id.
    pub id: UserId,
    /// Their slug, as in `/author/{slug}/`.
    pub slug: String,
    /// The name shown under titles.
    pub name: String,
}

/// An article in a list: everything but its body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    /// Its id.
    pub id: ArticleId,
    /// Its slug, unique across the site.
    pub slug: String,
    /// Its title, as typed (escaped when rendered).
    pub title: String,
    /// A short plain-text summary.
    pub excerpt: String,
    /// When it was (or will be) published.
    pub published_at: Option<Timestamp>,
    /// Its main category.
    pub category: CategoryRef,
    /// Who signed it.
    pub author: AuthorRef,
    /// Path of its featured image, if any.
    pub featured_image: Option<String>,
    /// How many times readers opened it.
    pub view_count: i64,
    /// How many approved comments it has.
    pub comment_count: i64,
}

impl ArticleSummary {
    /// The canonical path of the article: `/{category}/{slug}/`.
    pub fn path(&self) -> String {
        article_path(&self.category.slug, &self.slug)
    }
}

/// The canonical path of an article in a category.
pub fn article_path(category_slug: &str, slug: &str) -> String {
    path(&[category_slug, slug])
}

/// A path of segments: `/{a}/{b}/`. (Built in place: pages make dozens of these, and
/// `format!` costs several times more for so little.)
pub fn path(segments: &[&str]) -> String {
    let mut out = String::with_capacity(1 + segments.iter().map(|s| s.len() + 1).sum::<usize>());
    out.push('/');
    for segment in segments {
        out.push_str(segment);
        out.push('/');
    }
    out
}

/// An article with its body, as its own page shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Everything a list shows.
    #[serde(flatten)]
    pub summary: ArticleSummary,
    /// Where it is in its life cycle.
    pub status: ArticleStatus,
    /// The body as written, in Markdown.
    pub body_markdown: String,
    /// The body rendered to sanitised HTML when it was saved.
    pub body_html: String,
    /// Last change.
    pub updated_at: Timestamp,
    /// Whether readers may comment on it (the site may also close comments after a while).
    pub comments_open: bool,
    /// The language it is written in, when set apart from the site's (an Arabic article in
    /// a French site); `None`: the site's language.
    pub lang: Option<Locale>,
    /// Pinned at the top of the home page ("à la une").
    pub sticky: bool,
}

impl Article {
    /// Whether readers may see it at `now` (see [`is_public`]).
    pub fn is_public(&self, now: Timestamp) -> bool {
        is_public(self.status, self.summary.published_at, now)
    }

    /// Its language when it differs from the site's, which its page then marks on the
    /// article (`lang`, `dir`); `None` when it is written in the site's language.
    pub fn foreign_lang(&self, site: Locale) -> Option<Locale> {
        self.lang.filter(|lang| *lang != site)
    }
}

/// An article to create.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    /// Its slug; must be unique.
    pub slug: Slug,
    /// Its title.
    pub title: String,
    /// Its summary; made from the body when left empty by the writer.
    pub excerpt: String,
    /// The body in Markdown.
    pub body_markdown: String,
    /// The body rendered to sanitised HTML.
    pub body_html: String,
    /// Its status.
    pub status: ArticleStatus,
    /// Publication time; required unless a draft.
    pub published_at: Option<Timestamp>,
    /// Who signs it.
    pub author_id: UserId,
    /// Its main category.
    pub category_id: CategoryId,
    /// Path of its featured image.
    pub featured_image: Option<String>,
    /// Its tags; those that do not exist yet are created.
    pub tags: Vec<NewTag>,
    /// Views already counted elsewhere (demo content, imports).
    pub view_count: i64,
    /// Whether readers may comment on it.
    pub comments_open: bool,
    /// The language it is written in; `None`: the site's.
    pub lang: Option<Locale>,
    /// Pinned at the top of the home page ("à la une").
    pub sticky: bool,
}

/// Why an article cannot be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArticleError {
    /// The title is blank.
    #[error("an article needs a title")]
    EmptyTitle,
    /// The title is too long.
    #[error("a title is at most {MAX_TITLE_CHARS} characters long")]
    TitleTooLong,
    /// Scheduled or published without a time.
    #[error("a {0} article needs a publication time")]
    MissingPublicationTime(ArticleStatus),
}

/// The longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 300;

impl NewArticle {
    /// Checks the rules an article must follow before it is stored.
    pub fn validate(&self) -> Result<(), ArticleError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(ArticleError::EmptyTitle);
        }
        if title.chars().count() > MAX_TITLE_CHARS {
            return Err(ArticleError::TitleTooLong);
        }
        if self.status != ArticleStatus::Draft && self.published_at.is_none() {
            return Err(ArticleError::MissingPublicationTime(self.status));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, TimeZone, Utc};

    fn at(hour: u32) -> Timestamp {
        Utc.with_ymd_and_hms(2025, 3, 20, hour, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn paths_are_their_segments_between_slashes() {
        assert_eq!(path(&[]), "/");
        assert_eq!(path(&["politique"]), "/politique/");
        assert_eq!(path(&["tag", "été"]), "/tag/été/");
        assert_eq!(article_path("sport", "le-kawkab"), "/sport/le-kawkab/");
    }

    #[test]
    fn only_published_and_due_articles_are_public() {
        let now = at(12);
        assert!(is_public(ArticleStatus::Published, Some(at(10)), now));
        assert!(is_public(ArticleStatus::Scheduled, Some(at(12)), now));
        assert!(!is_public(
            ArticleStatus::Scheduled,
            Some(now + Duration::seconds(1)),
            now
        ));
        assert!(!is_public(ArticleStatus::Published, None, now));
        assert!(!is_public(ArticleStatus::Draft, Some(at(10)), now));
        assert!(!is_public(ArticleStatus::Archived, Some(at(10)), now));
    }

    #[test]
    fn statuses_round_trip_through_their_names() {
        for status in ArticleStatus::ALL {
            assert_eq!(status.as_str().parse(), Ok(status));
        }
        assert!("deleted".parse::<ArticleStatus>().is_err());
    }
}
