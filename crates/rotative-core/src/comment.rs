//! Readers' comments: their life cycle ([`CommentStatus`]) and the rules a comment must
//! pass before it is stored ([`CommentInput::validate`]).

use crate::{ArticleId, CommentId, Timestamp};
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Where a comment is in moderation: `pending → approved / spam / trash`, and back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentStatus {
    /// Waiting for a moderator; shown to nobody but its author, once.
    Pending,
    /// Shown under the article and counted.
    Approved,
    /// Held as spam.
    Spam,
    /// Thrown away, recoverable until deleted for good.
    Trash,
}

impl CommentStatus {
    /// Every status, in the order moderators see them.
    pub const ALL: [CommentStatus; 4] = [
        CommentStatus::Pending,
        CommentStatus::Approved,
        CommentStatus::Spam,
        CommentStatus::Trash,
    ];

    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            CommentStatus::Pending => "pending",
            CommentStatus::Approved => "approved",
            CommentStatus::Spam => "spam",
            CommentStatus::Trash => "trash",
        }
    }
}

impl fmt::Display for CommentStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A comment status that does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown comment status {0:?}")]
pub struct UnknownCommentStatus(pub String);

impl FromStr for CommentStatus {
    type Err = UnknownCommentStatus;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        CommentStatus::ALL
            .into_iter()
            .find(|status| status.as_str() == s)
            .ok_or_else(|| UnknownCommentStatus(s.to_owned()))
    }
}

/// A stored comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    /// Its id (also its anchor, `#comment-{id}`).
    pub id: CommentId,
    /// The article it is about.
    pub article_id: ArticleId,
    /// The comment it answers.
    pub parent_id: Option<CommentId>,
    /// 0 for a comment on the article, 1 for a reply to it, …
    pub depth: i64,
    /// The name it is signed with.
    pub author_name: String,
    /// The author's e-mail address; never shown to readers.
    #[serde(skip)]
    pub author_email: String,
    /// The author's website, if given.
    pub author_url: Option<String>,
    /// The text as typed (escaped when shown).
    pub body: String,
    /// Where it is in moderation.
    pub status: CommentStatus,
    /// The address it was sent from; never shown to readers.
    #[serde(skip)]
    pub ip: String,
    /// When it was sent.
    pub created_at: Timestamp,
}

/// A comment to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewComment {
    /// The article it is about.
    pub article_id: ArticleId,
    /// The comment it answers, and how deep that makes it.
    pub parent: Option<(CommentId, i64)>,
    /// What the form said, checked.
    pub fields: ValidComment,
    /// Its first status.
    pub status: CommentStatus,
    /// The address it was sent from.
    pub ip: String,
}

/// The fields of the comment form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CommentInput {
    /// The comment.
    pub body: String,
    /// The name.
    pub name: String,
    /// The e-mail address.
    pub email: String,
    /// The website.
    pub url: String,
}

/// The fields of a comment once they pass [`CommentInput::validate`]: trimmed, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidComment {
    /// The comment.
    pub body: String,
    /// The name.
    pub name: String,
    /// The e-mail address (empty when the site does not require one and none was given).
    pub email: String,
    /// The website, `http://` or `https://`.
    pub url: Option<String>,
}

/// A field of the comment form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CommentField {
    /// The comment.
    Body,
    /// The name.
    Name,
    /// The e-mail address.
    Email,
    /// The website.
    Url,
}

/// What is wrong with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldProblem {
    /// Left empty.
    Required,
    /// Longer than allowed.
    TooLong,
    /// Holds control characters.
    ControlCharacters,
    /// Not a usable e-mail address or web address.
    Invalid,
}

/// The limits a comment must stay within.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentLimits {
    /// The longest comment, in characters.
    pub max_body_chars: usize,
    /// Whether an e-mail address is required.
    pub require_email: bool,
}

/// The longest name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// The longest e-mail address (RFC 5321).
pub const MAX_EMAIL_CHARS: usize = 254;
/// The longest website address.
pub const MAX_URL_CHARS: usize = 200;

impl CommentInput {
    /// Checks every field, all at once so the form can show every problem next to its
    /// field.
    pub fn validate(
        &self,
        limits: CommentLimits,
    ) -> Result<ValidComment, Vec<(CommentField, FieldProblem)>> {
        let mut problems = Vec::new();
        let mut check = |field, value: &str, max: usize, required: bool, multiline: bool| {
            let value = value.trim();
            let problem = if value.is_empty() {
                required.then_some(FieldProblem::Required)
            } else if has_control_characters(value, multiline) {
                Some(FieldProblem::ControlCharacters)
            } else if value.chars().count() > max {
                Some(FieldProblem::TooLong)
            } else {
                None
            };
            if let Some(problem) = problem {
                problems.push((field, problem));
            }
            value.to_owned()
        };
        let body = check(
            CommentField::Body,
            &self.body,
            limits.max_body_chars,
            true,
            true,
        );
        let name = check(CommentField::Name, &self.name, MAX_NAME_CHARS, true, false);
        let email = check(
            CommentField::Email,
            &self.email,
            MAX_EMAIL_CHARS,
            limits.require_email,
            false,
        );
        let url = check(CommentField::Url, &self.url, MAX_URL_CHARS, false, false);
        let flagged = |problems: &[(CommentField, FieldProblem)], field| {
            problems.iter().any(|(f, _)| *f == field)
        };
        if !email.is_empty() && !flagged(&problems, CommentField::Email) && !is_email(&email) {
            problems.push((CommentField::Email, FieldProblem::Invalid));
        }
        let url = if url.is_empty() || flagged(&problems, CommentField::Url) {
            None
        } else {
            let url = web_address(&url);
            if url.is_none() {
                problems.push((CommentField::Url, FieldProblem::Invalid));
            }
            url
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(ValidComment {
            body: body.replace("\r\n", "\n"),
            name,
            email: email.to_lowercase(),
            url,
        })
    }
}

/// Control characters, except the line breaks and tabs a comment may hold.
fn has_control_characters(value: &str, multiline: bool) -> bool {
    value
        .chars()
        .any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\r' | '\t')))
}

/// A plausible e-mail address: one `@`, something before it, a dotted domain after it,
/// no spaces or characters that break mail headers.
pub fn is_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let forbidden = |c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ',' | ';');
    !local.is_empty()
        && !domain.contains('@')
        && !value.chars().any(forbidden)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// A website as typed, made an `http(s)://` address (`example.ma` becomes
/// `https://example.ma`); `None` for any other scheme (`javascript:`…) or a malformed one.
pub fn web_address(value: &str) -> Option<String> {
    let lower = value.to_ascii_lowercase();
    let url = if lower.starts_with("http://") || lower.starts_with("https://") {
        value.to_owned()
    } else if value.contains(':') || value.starts_with('/') {
        return None;
    } else {
        format!("https://{value}")
    };
    let host = url.split_once("://")?.1.split(['/', '?', '#']).next()?;
    let valid = !host.is_empty()
        && host.contains('.')
        && !url
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '\''));
    valid.then_some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: CommentLimits = CommentLimits {
        max_body_chars: 20,
        require_email: true,
    };

    fn input(body: &str, name: &str, email: &str, url: &str) -> CommentInput {
        CommentInput {
            body: body.into(),
            name: name.into(),
            email: email.into(),
            url: url.into(),
        }
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let problems = input(" ", "", "nope", "javascript:alert(1)")
            .validate(LIMITS)
            .err();
        assert_eq!(
            problems,
            Some(vec![
                (CommentField::Body, FieldProblem::Required),
                (CommentField::Name, FieldProblem::Required),
                (CommentField::Email, FieldProblem::Invalid),
                (CommentField::Url, FieldProblem::Invalid),
            ])
        );
    }

    #[test]
    fn fields_are_trimmed_and_normalised() {
        let valid = input(
            "  Bravo\r\nmerci ",
            " Amina ",
            "Amina@Example.MA",
            "example.ma/a",
        )
        .validate(LIMITS);
        assert_eq!(
            valid,
            Ok(ValidComment {
                body: "Bravo\nmerci".into(),
                name: "Amina".into(),
                email: "amina@example.ma".into(),
                url: Some("https://example.ma/a".into()),
            })
        );
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let twenty = "é".repeat(20);
        assert!(input(&twenty, "a", "a@b.ma", "").validate(LIMITS).is_ok());
        let problems = input(&format!("{twenty}é"), &"n".repeat(101), "a@b.ma", "")
            .validate(LIMITS)
            .err();
        assert_eq!(
            problems,
            Some(vec![
                (CommentField::Body, FieldProblem::TooLong),
                (CommentField::Name, FieldProblem::TooLong),
            ])
        );
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_kept() {
        let problems = input("a\u{7}b", "a\nb", "a@b.ma", "")
            .validate(LIMITS)
            .err();
        assert_eq!(
            problems,
            Some(vec![
                (CommentField::Body, FieldProblem::ControlCharacters),
                (CommentField::Name, FieldProblem::ControlCharacters),
            ])
        );
        assert!(input("a\n\tb", "a", "a@b.ma", "").validate(LIMITS).is_ok());
    }

    #[test]
    fn email_is_optional_when_the_site_says_so() {
        let limits = CommentLimits {
            require_email: false,
            ..LIMITS
        };
        assert!(input("ok", "a", "", "").validate(limits).is_ok());
        assert!(input("ok", "a", "", "").validate(LIMITS).is_err());
    }

    #[test]
    fn addresses() {
        assert!(is_email("a.b+c@example.co.ma"));
        for bad in [
            "a@b", "@b.ma", "a@@b.ma", "a b@c.ma", "a@.ma", "a@b..ma", "a<@b.ma",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//evil.ma",
            "http://",
            "a b.ma",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
        assert_eq!(
            web_address("HTTP://Example.ma").as_deref(),
            Some("HTTP://Example.ma")
        );
    }

    #[test]
    fn statuses_round_trip() {
        for status in CommentStatus::ALL {
            assert_eq!(status.as_str().parse(), Ok(status));
        }
        assert!("deleted".parse::<CommentStatus>().is_err());
    }
}
