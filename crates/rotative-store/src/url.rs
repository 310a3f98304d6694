//! Which database to use, from the `database_url` setting.

use std::fmt;
use std::path::{Path, PathBuf};

/// A database location.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL server, as a `postgres://` URL.
    Postgres(String),
}

/// A `database_url` Rotative cannot use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported database URL {0:?}: use sqlite://PATH or postgres://USER@HOST/DB")]
pub struct DatabaseUrlError(pub String);

impl DatabaseUrl {
    /// Reads a URL; an empty one means the default SQLite file in `data_dir`.
    pub fn parse(url: &str, data_dir: &Path) -> Result<Self, DatabaseUrlError> {
        let url = url.trim();
        if url.is_empty() {
            return Ok(DatabaseUrl::Sqlite(data_dir.join("rotative.db")));
        }
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return Ok(DatabaseUrl::Postgres(url.to_owned()));
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .ok_or_else(|| DatabaseUrlError(redact(url)))?;
        if path.is_empty() {
            return Err(DatabaseUrlError(url.to_owned()));
        }
        Ok(DatabaseUrl::Sqlite(PathBuf::from(path)))
    }
}

/// Shows a URL without its password, for logs and error messages.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite(path) => write!(f, "sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => f.write_str(&redact(url)),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_means_sqlite_in_the_data_dir() {
        let url = DatabaseUrl::parse("", Path::new("data"));
        assert_eq!(
            url,
            Ok(DatabaseUrl::Sqlite(PathBuf::from("data/rotative.db")))
        );
    }

    #[test]
    fn schemes_pick_the_engine() {
        let dir = Path::new(".");
        assert!(matches!(
            DatabaseUrl::parse("postgres://u@h/db", dir),
            Ok(DatabaseUrl::Postgres(_))
        ));
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db", dir),
            Ok(DatabaseUrl::Sqlite(PathBuf::from("/tmp/x.db")))
        );
        assert!(DatabaseUrl::parse("mysql://h/db", dir).is_err());
        assert!(DatabaseUrl::parse("sqlite://", dir).is_err());
    }

    #[test]
    fn passwords_are_never_shown() {
        let url = DatabaseUrl::Postgres("postgres://news:s3cret@db:5432/site".to_owned());
        assert_eq!(url.to_string(), "postgres://news:***@db:5432/site");
    }
}
