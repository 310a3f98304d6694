//! URL slugs: the readable, stable part of a URL (`/politique/le-maroc-et-le-kazakhstan/`).

use serde::{Deserialize, Serialize};
use std::fmt;

/// The longest slug accepted, in bytes.
pub const MAX_LEN: usize = 200;

/// First path segments the site itself uses; a category may not take them as its slug,
/// or its pages would be unreachable.
pub const RESERVED: &[&str] = &[
    "admin",
    "api",
    "author",
    "feed",
    "healthz",
    "page",
    "recherche",
    "search",
    "static",
    "tag",
    "go",
    "media",
    "wp-content",
    "wp-admin",
    "sitemap.xml",
    "robots.txt",
];

/// Second path segments the site uses under a category (`/{category}/feed/`); an article,
/// which lives at `/{category}/{slug}/`, may not take them as its slug.
pub const RESERVED_FOR_ARTICLES: &[&str] = &["feed"];

/// A slug: lowercase ASCII letters, digits and single hyphens, neither starting nor ending
/// with a hyphen, at most [`MAX_LEN`] bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

/// Why a text is not a slug.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    /// Nothing usable was given.
    #[error("a slug cannot be empty")]
    Empty,
    /// Longer than [`MAX_LEN`].
    #[error("a slug is at most {MAX_LEN} characters long")]
    TooLong,
    /// Contains something other than `a-z`, `0-9` and single inner hyphens.
    #[error("a slug holds only lowercase letters, digits and single hyphens: {0:?}")]
    Invalid(String),
}

impl Slug {
    /// Checks a slug given as is (from a URL or a form).
    pub fn parse(text: &str) -> Result<Self, SlugError> {
        if text.is_empty() {
            return Err(SlugError::Empty);
        }
        if text.len() > MAX_LEN {
            return Err(SlugError::TooLong);
        }
        let well_formed = text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !text.starts_with('-')
            && !text.ends_with('-')
            && !text.contains("--");
        if well_formed {
            Ok(Slug(text.to_owned()))
        } else {
            Err(SlugError::Invalid(text.to_owned()))
        }
    }

    /// Makes a slug from a title or a name: accents folded ("Économie" → "economie"),
    /// apostrophes and punctuation become hyphens, cut at a hyphen before [`MAX_LEN`].
    pub fn from_title(title: &str) -> Result<Self, SlugError> {
        let mut made = slug::slugify(title);
        if made.len() > MAX_LEN {
            let cut = made[..MAX_LEN].rfind('-').unwrap_or(MAX_LEN);
            made.truncate(cut);
        }
        Self::parse(&made)
    }

    /// The slug as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the site needs this slug for its own pages (see [`RESERVED`]).
    pub fn is_reserved(&self) -> bool {
        RESERVED.contains(&self.0.as_str())
    }

    /// Whether the site needs this slug under every category, so that no article may take
    /// it (see [`RESERVED_FOR_ARTICLES`]).
    pub fn is_reserved_for_articles(&self) -> bool {
        RESERVED_FOR_ARTICLES.contains(&self.0.as_str())
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Slug {
    type Error = SlugError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Slug> for String {
    fn from(slug: Slug) -> Self {
        slug.0
    }
}

impl AsRef<str> for Slug {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_become_ascii_slugs() {
        let slug = Slug::from_title("Économie : l’OCP investit à Safi !").map(String::from);
        assert_eq!(slug.as_deref(), Ok("economie-l-ocp-investit-a-safi"));
    }

    #[test]
    fn long_titles_are_cut_at_a_hyphen() {
        let title = "mot ".repeat(100);
        let slug = Slug::from_title(&title)
            .map(String::from)
            .unwrap_or_default();
        assert!(slug.len() <= MAX_LEN && !slug.ends_with('-'), "{slug}");
    }

    #[test]
    fn malformed_slugs_are_refused() {
        for bad in [
            "",
            "Majuscule",
            "a--b",
            "-a",
            "a-",
            "a b",
            "é",
            "a/b",
            "../x",
        ] {
            assert!(Slug::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(Slug::parse("sport-2030").is_ok());
    }

    #[test]
    fn titles_without_letters_give_no_slug() {
        assert_eq!(Slug::from_title("!!! ???"), Err(SlugError::Empty));
    }
}
