//! The domain of Rotative: the types every other crate speaks, and their rules.
//!
//! - [`ids`]: typed integer identifiers ([`ArticleId`], [`CategoryId`], …).
//! - [`slug`]: URL slugs ([`Slug`]), made from titles and checked when they come from outside.
//! - [`article`]: articles, their life cycle ([`ArticleStatus`]) and the rule deciding what
//!   readers may see ([`is_public`]).
//! - [`comment`]: readers' comments, their moderation states and validation.
//! - [`taxonomy`]: categories and tags; [`author`]: the people who sign articles.
//! - [`settings`]: the site's settings ([`SiteSettings`]) and the [`Locale`]s it can speak.
//! - [`page`]: page numbers and paginated lists.
//! - [`clock`]: the source of "now", so time-dependent rules can be tested.
//! - [`weather`]: the header's weather: cities, readings, which answers are believable,
//!   conditions and units.
//!
//! Nothing here does I/O: storage, rendering and HTTP depend on this crate, never the reverse.

pub mod article;
pub mod author;
pub mod clock;
pub mod comment;
pub mod ids;
pub mod locale;
pub mod page;
pub mod settings;
pub mod slug;
pub mod taxonomy;
pub mod weather;

pub use article::{
    Article, ArticleStatus, ArticleSummary, AuthorRef, CategoryRef, NewArticle, article_path,
    is_public,
};
pub use author::{Author, NewAuthor, Role};
pub use clock::{Clock, ManualClock, SystemClock};
pub use comment::{
    Comment, CommentField, CommentInput, CommentLimits, CommentStatus, FieldProblem, NewComment,
    ValidComment,
};
pub use ids::{ArticleId, CategoryId, CommentId, TagId, UserId};
pub use locale::{Digits, Locale};
pub use page::{PageNumber, Paginated};
pub use settings::{CommentRules, Moderation, SettingError, SettingProblem, SiteSettings};
pub use slug::Slug;
pub use taxonomy::{Category, NewCategory, NewTag, Tag};
pub use weather::{City, Condition, Reading, TemperatureUnit};

/// A timestamp as Rotative stores and compares it: UTC, whole seconds.
pub type Timestamp = chrono::DateTime<chrono::Utc>;

/// Drops the sub-second part of a timestamp: news needs no more precision, and whole
/// seconds keep timestamps comparable as text in SQLite.
pub fn whole_seconds(t: Timestamp) -> Timestamp {
    use chrono::SubsecRound;
    t.trunc_subsecs(0)
}
