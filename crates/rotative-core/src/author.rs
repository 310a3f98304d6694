//! The people who sign articles, and the roles they hold in the newsroom.

use crate::{Slug, UserId};
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// What a user may do, as WordPress newsrooms know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including settings and users.
    Admin,
    /// All articles, comments, categories and media.
    Editor,
    /// Writes and publishes their own articles.
    Author,
    /// Writes their own drafts; cannot publish.
    Contributor,
}

impl Role {
    /// Every role, most powerful first.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Editor, Role::Author, Role::Contributor];

    /// The stored name of the role.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Author => "author",
            Role::Contributor => "contributor",
        }
    }
}

/// A role name that is not one of [`Role::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown role {0:?} (available: admin, editor, author, contributor)")]
pub struct UnknownRole(pub String);

impl FromStr for Role {
    type Err = UnknownRole;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|role| role.as_str() == s)
            .ok_or_else(|| UnknownRole(s.to_owned()))
    }
}

/// A user as readers see them: on author pages and under titles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Author {
    /// Their id.
    pub id: UserId,
    /// Their slug, as in `/author/{slug}/`.
    pub slug: String,
    /// The name shown to readers.
    pub display_name: String,
    /// A short biography.
    pub bio: String,
    /// Their picture (a path under `/media/`), if any.
    pub avatar: Option<String>,
    /// Their role in the newsroom.
    pub role: Role,
}

/// A user to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAuthor {
    /// Their slug; must be unique.
    pub slug: Slug,
    /// The name shown to readers.
    pub display_name: String,
    /// Their e-mail address, never shown publicly; unique when given.
    pub email: Option<String>,
    /// A short biography.
    pub bio: String,
    /// Their role.
    pub role: Role,
}
