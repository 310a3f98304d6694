//! Typed identifiers, so an article id can never be passed where a category id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_type!(
    /// Identifies an article.
    ArticleId
);
id_type!(
    /// Identifies a category.
    CategoryId
);
id_type!(
    /// Identifies a tag.
    TagId
);
id_type!(
    /// Identifies a comment.
    CommentId
);
id_type!(
    /// Identifies a user (an author, an editor, …).
    UserId
);
