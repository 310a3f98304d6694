//! Readers' comments: the policy ([`CommentOptions`]), the form's signed token, how a
//! comment's text becomes HTML, the thread shown under an article, and the handler that
//! receives the form ([`post`]).

mod post;
pub(crate) mod text;
pub(crate) mod thread;

pub use post::post;

use crate::AppState;
use rotative_core::{Article, ArticleId, CommentField, CommentLimits, FieldProblem, Timestamp};
use rotative_theme::views::FieldMessage;
use std::time::Duration;

pub use rotative_core::Moderation;

/// How comments are received.
#[derive(Debug, Clone)]
pub struct CommentOptions {
    /// Which new comments wait for a moderator.
    pub moderation: Moderation,
    /// Length limits and whether the e-mail address is required.
    pub limits: CommentLimits,
    /// Above this many links a comment waits for a moderator.
    pub max_links: usize,
    /// How deep replies nest (1: no replies).
    pub thread_depth: u32,
    /// Comments close this long after publication.
    pub close_after: Option<Duration>,
    /// Whether the form offers to remember the commenter in a cookie.
    pub remember_cookie: bool,
    /// The most comments per address per `rate_window`.
    pub rate_limit: u32,
    /// The rate limit's window.
    pub rate_window: Duration,
    /// A form sent back sooner than this after it was shown is a robot's.
    pub min_delay: Duration,
}

impl CommentOptions {
    /// The policy the site's comment rules describe.
    pub fn from_rules(rules: &rotative_core::CommentRules) -> Self {
        CommentOptions {
            moderation: rules.moderation,
            limits: CommentLimits {
                max_body_chars: usize::try_from(rules.max_length).unwrap_or(usize::MAX),
                require_email: rules.require_email,
            },
            max_links: usize::try_from(rules.max_links).unwrap_or(usize::MAX),
            thread_depth: rules.thread_depth,
            close_after: (rules.close_after_days > 0)
                .then(|| Duration::from_secs(u64::from(rules.close_after_days) * 86_400)),
            remember_cookie: rules.remember_cookie,
            rate_limit: rules.rate_limit,
            rate_window: Duration::from_secs(u64::from(rules.rate_window_minutes) * 60),
            min_delay: Duration::from_secs(u64::from(rules.min_seconds)),
        }
    }
}

/// How many (address, article) pairs [`ShownForms`] can hold (a power of two).
const SHOWN_FORMS: usize = 1 << 14;

/// When each reader (by address) was last shown an article's page, and so its comment
/// form: a cached page carries the token of when it was rendered, up to the cache's
/// refresh interval earlier, so the "too fast" check also counts from this. In memory, per
/// node: a form posted to another node is judged by its token alone.
///
/// It sits on every cached article's path, so it takes no lock and allocates nothing: a
/// fixed table of atomic words, each holding the upper half of a pair's hash and the time
/// in seconds. Two pairs falling on one slot forget each other (the token then decides,
/// as on another node).
pub struct ShownForms(Box<[std::sync::atomic::AtomicU64]>);

impl Default for ShownForms {
    fn default() -> Self {
        ShownForms(
            (0..SHOWN_FORMS)
                .map(|_| std::sync::atomic::AtomicU64::new(0))
                .collect(),
        )
    }
}

impl std::fmt::Debug for ShownForms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ShownForms")
    }
}

/// A reader's address and an article, as one number.
fn pair_key(reader: Option<std::net::IpAddr>, article: ArticleId) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    reader.hash(&mut hasher);
    article.0.hash(&mut hasher);
    hasher.finish()
}

impl ShownForms {
    fn slot(&self, key: u64) -> &std::sync::atomic::AtomicU64 {
        // The table's length is a power of two: the lower bits choose the slot.
        &self.0[usize::try_from(key).unwrap_or(0) & (SHOWN_FORMS - 1)]
    }

    /// Notes that a reader (by address) was shown an article's page.
    pub fn shown(&self, reader: Option<std::net::IpAddr>, article: ArticleId, at: Timestamp) {
        let key = pair_key(reader, article);
        let seconds = u64::try_from(at.timestamp()).unwrap_or(0) & 0xFFFF_FFFF;
        self.slot(key).store(
            (key & 0xFFFF_FFFF_0000_0000) | seconds,
            std::sync::atomic::Ordering::Relaxed,
        );
    }

    /// When a reader was last shown an article's page, if remembered.
    pub fn last_shown(
        &self,
        reader: Option<std::net::IpAddr>,
        article: ArticleId,
    ) -> Option<Timestamp> {
        let key = pair_key(reader, article);
        let entry = self.slot(key).load(std::sync::atomic::Ordering::Relaxed);
        if entry == 0 || entry & 0xFFFF_FFFF_0000_0000 != key & 0xFFFF_FFFF_0000_0000 {
            return None;
        }
        Timestamp::from_timestamp(i64::try_from(entry & 0xFFFF_FFFF).ok()?, 0)
    }
}

/// The name of the cookie remembering a commenter.
pub const REMEMBER_COOKIE: &str = "rotative_commenter";

/// Forms older than this are refused (re-shown, with what was typed).
const FORM_LIFETIME: i64 = 2 * 24 * 3600;

/// Whether an article takes comments at `now`.
pub fn open(state: &AppState, article: &Article, now: Timestamp) -> bool {
    let expired = match (
        state.comment_options().close_after,
        article.summary.published_at,
    ) {
        (Some(after), Some(published)) => chrono::Duration::from_std(after)
            .ok()
            .and_then(|after| published.checked_add_signed(after))
            .is_some_and(|closes| now > closes),
        _ => false,
    };
    article.comments_open && !expired
}

/// The form's token: when it was shown, for this article, signed.
pub(crate) fn form_token(state: &AppState, article: ArticleId, now: Timestamp) -> String {
    let payload = format!("{}:{}", article.0, now.timestamp());
    state.signer().seal("comment-form", &payload)
}

/// What a returned form's token says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenCheck {
    /// Signed by us for this article, sent back after a human's delay.
    Fine,
    /// Sent back sooner than a human could.
    TooFast,
    /// Missing, forged, for another article, or too old.
    Invalid,
}

pub(crate) fn check_token(
    state: &AppState,
    article: ArticleId,
    token: &str,
    reader: Option<std::net::IpAddr>,
    now: Timestamp,
) -> TokenCheck {
    let Some(payload) = state.signer().open("comment-form", token) else {
        return TokenCheck::Invalid;
    };
    let shown = payload
        .split_once(':')
        .filter(|(id, _)| *id == article.0.to_string())
        .and_then(|(_, at)| at.parse::<i64>().ok());
    let Some(shown) = shown else {
        return TokenCheck::Invalid;
    };
    let last_shown = state
        .comment_forms()
        .last_shown(reader, article)
        .map_or(shown, |at| at.timestamp().max(shown));
    let age = now.timestamp() - last_shown;
    let min = i64::try_from(state.comment_options().min_delay.as_secs()).unwrap_or(i64::MAX);
    if now.timestamp() - shown > FORM_LIFETIME {
        TokenCheck::Invalid
    } else if age < min {
        TokenCheck::TooFast
    } else {
        TokenCheck::Fine
    }
}

/// The signed link part that lets a comment's author see it while it waits.
pub(crate) fn held_token(state: &AppState, comment: rotative_core::CommentId) -> String {
    state.signer().seal("held-comment", &comment.0.to_string())
}

/// The comment a held link shows, if its signature holds.
pub(crate) fn held_comment(state: &AppState, token: &str) -> Option<rotative_core::CommentId> {
    state
        .signer()
        .open("held-comment", token)?
        .parse()
        .ok()
        .map(rotative_core::CommentId)
}

/// The message shown next to a field for a problem.
pub(crate) fn field_message(
    field: CommentField,
    problem: FieldProblem,
    limits: CommentLimits,
) -> FieldMessage {
    let key = match (field, problem) {
        (CommentField::Body, FieldProblem::Required) => "comments-error-body-required",
        (CommentField::Name, FieldProblem::Required) => "comments-error-name-required",
        (CommentField::Email, FieldProblem::Required) => "comments-error-email-required",
        (CommentField::Email, FieldProblem::Invalid) => "comments-error-email-invalid",
        (_, FieldProblem::Invalid) | (CommentField::Url, FieldProblem::Required) => {
            "comments-error-url-invalid"
        }
        (_, FieldProblem::TooLong) => "comments-error-too-long",
        (_, FieldProblem::ControlCharacters) => "comments-error-control-characters",
    };
    let max = (problem == FieldProblem::TooLong).then_some(match field {
        CommentField::Body => limits.max_body_chars,
        CommentField::Name => rotative_core::comment::MAX_NAME_CHARS,
        CommentField::Email => rotative_core::comment::MAX_EMAIL_CHARS,
        CommentField::Url => rotative_core::comment::MAX_URL_CHARS,
    });
    FieldMessage { key, max }
}

/// The form field's name.
pub(crate) fn field_name(field: CommentField) -> &'static str {
    match field {
        CommentField::Body => "comment",
        CommentField::Name => "author",
        CommentField::Email => "email",
        CommentField::Url => "url",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_forms_remember_each_reader_and_article_apart() {
        let shown = ShownForms::default();
        let reader: Option<std::net::IpAddr> = "203.0.113.7".parse().ok();
        let other: Option<std::net::IpAddr> = "2001:db8::1".parse().ok();
        let at = Timestamp::from_timestamp(1_742_464_800, 0).expect("a time");
        assert_eq!(shown.last_shown(reader, ArticleId(1)), None);
        shown.shown(reader, ArticleId(1), at);
        assert_eq!(shown.last_shown(reader, ArticleId(1)), Some(at));
        assert_eq!(shown.last_shown(reader, ArticleId(2)), None);
        assert_eq!(shown.last_shown(other, ArticleId(1)), None);
        let later = at + chrono::Duration::seconds(30);
        shown.shown(reader, ArticleId(1), later);
        assert_eq!(shown.last_shown(reader, ArticleId(1)), Some(later));
    }
}
