//! The migrations of each engine, embedded in the binary. See `migrations/README.md`.

use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use std::borrow::Cow;

type Embedded = (i64, &'static str, &'static str);

const SQLITE: &[Embedded] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/sqlite/0001_foundation.sql"),
    ),
    (
        2,
        "public list indexes",
        include_str!("../migrations/sqlite/0002_public_list_indexes.sql"),
    ),
    (
        3,
        "comments",
        include_str!("../migrations/sqlite/0003_comments.sql"),
    ),
    (
        4,
        "accounts",
        include_str!("../migrations/sqlite/0004_accounts.sql"),
    ),
    (
        5,
        "newsroom",
        include_str!("../migrations/sqlite/0005_newsroom.sql"),
    ),
    (
        6,
        "taxonomy redirects",
        include_str!("../migrations/sqlite/0006_taxonomy_redirects.sql"),
    ),
    (
        7,
        "media",
        include_str!("../migrations/sqlite/0007_media.sql"),
    ),
    (
        8,
        "avatars",
        include_str!("../migrations/sqlite/0008_avatars.sql"),
    ),
    (9, "ads", include_str!("../migrations/sqlite/0009_ads.sql")),
    (
        10,
        "article lang",
        include_str!("../migrations/sqlite/0010_article_lang.sql"),
    ),
    (
        11,
        "wordpress",
        include_str!("../migrations/sqlite/0011_wordpress.sql"),
    ),
    (
        12,
        "sticky",
        include_str!("../migrations/sqlite/0012_sticky.sql"),
    ),
];

const POSTGRES: &[Embedded] = &[
    (
        1,
        "foundation",
        include_str!("../migrations/postgres/0001_foundation.sql"),
    ),
    (
        2,
        "public list indexes",
        include_str!("../migrations/postgres/0002_public_list_indexes.sql"),
    ),
    (
        3,
        "comments",
        include_str!("../migrations/postgres/0003_comments.sql"),
    ),
    (
        4,
        "accounts",
        include_str!("../migrations/postgres/0004_accounts.sql"),
    ),
    (
        5,
        "newsroom",
        include_str!("../migrations/postgres/0005_newsroom.sql"),
    ),
    (
        6,
        "taxonomy redirects",
        include_str!("../migrations/postgres/0006_taxonomy_redirects.sql"),
    ),
    (
        7,
        "media",
        include_str!("../migrations/postgres/0007_media.sql"),
    ),
    (
        8,
        "avatars",
        include_str!("../migrations/postgres/0008_avatars.sql"),
    ),
    (
        9,
        "ads",
        include_str!("../migrations/postgres/0009_ads.sql"),
    ),
    (
        10,
        "article lang",
        include_str!("../migrations/postgres/0010_article_lang.sql"),
    ),
    (
        11,
        "wordpress",
        include_str!("../migrations/postgres/0011_wordpress.sql"),
    ),
    (
        12,
        "sticky",
        include_str!("../migrations/postgres/0012_sticky.sql"),
    ),
];

/// The SQLite migrations.
pub fn sqlite() -> Migrator {
    migrator(SQLITE)
}

/// The PostgreSQL migrations (run under an advisory lock).
pub fn postgres() -> Migrator {
    migrator(POSTGRES)
}

fn migrator(embedded: &[Embedded]) -> Migrator {
    Migrator::with_migrations(
        embedded
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    Cow::Borrowed(description),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_engines_have_the_same_migrations() {
        let names = |list: &[Embedded]| list.iter().map(|m| (m.0, m.1)).collect::<Vec<_>>();
        assert_eq!(names(SQLITE), names(POSTGRES));
    }
}
