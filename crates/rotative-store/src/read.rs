//! The read path public pages take, written once for both engines.
//!
//! A public page is a handful of indexed reads, each a few microseconds of SQLite work.
//! Through sqlx's SQLite driver each one also paid a round trip to the connection's own
//! thread (a channel send, a wake-up, a row per message back), about ten times the query.
//! So these reads are described as data, a [`Query`] (its SQL and its parameters) and a
//! [`Mapper`] (what a row becomes), and each engine runs them its own way through
//! [`Reader`]: PostgreSQL through its sqlx pool ([`crate::postgres`]), SQLite on the
//! calling thread through a few connections that only read ([`crate::sqlite`]). The SQL
//! text is the same.

use crate::StoreError;
use crate::rows::StoredRow;
use rotative_core::Timestamp;

/// A value bound to a query's `$n` parameter.
#[derive(Debug, Clone)]
pub(crate) enum Param {
    Int(i64),
    Text(String),
    Time(Timestamp),
}

impl From<i64> for Param {
    fn from(value: i64) -> Self {
        Param::Int(value)
    }
}

impl From<&str> for Param {
    fn from(value: &str) -> Self {
        Param::Text(value.to_owned())
    }
}

impl From<Timestamp> for Param {
    fn from(value: Timestamp) -> Self {
        Param::Time(value)
    }
}

/// A read: its SQL (parameters `$1`, `$2`, … in any order of appearance) and the values of
/// those parameters, `params[0]` for `$1`.
#[derive(Debug, Clone)]
pub(crate) struct Query {
    pub(crate) sql: &'static str,
    pub(crate) params: Vec<Param>,
}

impl Query {
    pub(crate) fn new(sql: &'static str) -> Self {
        Query {
            sql,
            params: Vec::new(),
        }
    }

    /// Binds the next parameter.
    pub(crate) fn bind(mut self, value: impl Into<Param>) -> Self {
        self.params.push(value.into());
        self
    }
}

/// What a row becomes.
pub(crate) trait Mapper {
    type Out: Send;
    fn map(row: &impl StoredRow) -> Result<Self::Out, StoreError>;
}

/// Runs reads on an engine.
#[async_trait::async_trait]
pub(crate) trait Reader: Send + Sync {
    /// Every row of a query, mapped.
    async fn fetch<M: Mapper>(&self, query: Query) -> Result<Vec<M::Out>, StoreError>;

    /// The first row of a query, mapped.
    async fn fetch_first<M: Mapper>(&self, query: Query) -> Result<Option<M::Out>, StoreError> {
        Ok(self.fetch::<M>(query).await?.into_iter().next())
    }

    /// Closes what the engine reads through, when it is not its sqlx pool.
    fn close_readers(&self) {}
}

/// Declares a [`Mapper`] from a row conversion of [`crate::rows`].
macro_rules! mapper {
    ($name:ident, $out:ty, $convert:path) => {
        pub(crate) struct $name;
        impl $crate::read::Mapper for $name {
            type Out = $out;
            fn map(row: &impl $crate::rows::StoredRow) -> Result<$out, $crate::StoreError> {
                $convert(row)
            }
        }
    };
}

mapper!(
    Summaries,
    rotative_core::ArticleSummary,
    crate::rows::summary
);
mapper!(Articles, rotative_core::Article, crate::rows::article);
mapper!(
    AroundRows,
    (i64, rotative_core::ArticleSummary),
    crate::rows::around
);
mapper!(Categories, rotative_core::Category, crate::rows::category);
mapper!(Tags, rotative_core::Tag, crate::rows::tag);
mapper!(Comments, rotative_core::Comment, crate::rows::comment);
mapper!(MediaItems, crate::Media, crate::media::row);
mapper!(Counts, i64, count);

/// The `n` column of a count.
fn count(row: &impl StoredRow) -> Result<i64, StoreError> {
    row.int("n")
}
