//! What can go wrong in the store, in the store's terms.

use crate::url::redact;

/// A store failure.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be reached or opened.
    #[error("cannot open the database {url}")]
    Connect {
        /// Where it was looked for (password hidden).
        url: String,
        /// Why it failed.
        #[source]
        source: sqlx::Error,
    },
    /// A migration failed or the recorded migrations do not match the embedded ones.
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A value that must be unique is already taken.
    #[error("{field} is already taken")]
    Conflict {
        /// The field holding the duplicate (`slug`, `email`, …).
        field: String,
    },
    /// The record to change does not exist.
    #[error("no such record")]
    NotFound,
    /// A referenced row does not exist (an unknown category, author…).
    #[error("a referenced record does not exist")]
    MissingReference,
    /// A stored value does not fit its domain type (a row written by hand, say).
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// Any other database failure.
    #[error("database error: {0}")]
    Database(sqlx::Error),
    /// A failure of the SQLite read path (see the `read` module).
    #[error("database error: {0}")]
    Read(#[source] rusqlite::Error),
}

impl StoreError {
    /// Whether the database is out of reach (down, overloaded, closed) rather than the
    /// request being at fault: worth a 503 and a retry.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Connect { .. } => true,
            StoreError::Database(error) => matches!(
                error,
                sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_)
            ),
            StoreError::Read(rusqlite::Error::SqliteFailure(error, _)) => matches!(
                error.code,
                rusqlite::ErrorCode::DatabaseBusy
                    | rusqlite::ErrorCode::DatabaseLocked
                    | rusqlite::ErrorCode::CannotOpen
                    | rusqlite::ErrorCode::SystemIoFailure
            ),
            _ => false,
        }
    }

    pub(crate) fn connect(url: &str, source: sqlx::Error) -> Self {
        StoreError::Connect {
            url: redact(url),
            source,
        }
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &error {
            if db.is_unique_violation() {
                return StoreError::Conflict {
                    field: conflicting_field(db.as_ref()),
                };
            }
            if db.is_foreign_key_violation() {
                return StoreError::MissingReference;
            }
        }
        StoreError::Database(error)
    }
}

/// Names the field of a unique violation. Constraints and unique indexes are all named
/// `{table}_{field}_key`; PostgreSQL reports that name, SQLite reports either
/// `table.field` or `index 'name'` in its message.
fn conflicting_field(db: &dyn sqlx::error::DatabaseError) -> String {
    if let (Some(constraint), Some(table)) = (db.constraint(), db.table()) {
        return field_of_constraint(constraint, table);
    }
    let message = db.message();
    let detail = message.rsplit(": ").next().unwrap_or(message);
    if let Some(index) = detail.strip_prefix("index '") {
        let name = index.trim_end_matches('\'');
        let table = name.split('_').next().unwrap_or_default();
        return field_of_constraint(name, table);
    }
    let first = detail.split(", ").next().unwrap_or(detail);
    first.rsplit('.').next().unwrap_or(first).to_owned()
}

fn field_of_constraint(name: &str, table: &str) -> String {
    let without_table = name
        .strip_prefix(table)
        .and_then(|rest| rest.strip_prefix('_'))
        .unwrap_or(name);
    without_table
        .strip_suffix("_key")
        .unwrap_or(without_table)
        .to_owned()
}
