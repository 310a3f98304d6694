//! The SQLite engine: a file under the data directory, in WAL mode.
//!
//! Writes, and the reads of the newsroom, go through sqlx's pool. The reads of public pages
//! ([`crate::read`]) go through [`Readers`]: plain connections, used on the calling thread.
//! Each of those reads takes microseconds and, in WAL mode, never waits for a writer, so
//! running it in place costs less than handing it to another thread and waiting.

use crate::read::{Mapper, Param, Query, Reader};
use crate::rows::StoredRow;
use crate::{Engine, Result, StoreError};
use rotative_core::Timestamp;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// A store on a SQLite file.
#[derive(Debug, Clone)]
pub struct SqliteStore {
    pool: SqlitePool,
    readers: Arc<Readers>,
}

impl SqliteStore {
    /// Opens (creating when missing) the database file and its folder.
    pub async fn open(path: &Path) -> Result<Self> {
        let url = format!("sqlite://{}", path.display());
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| StoreError::connect(&url, sqlx::Error::Io(e)))?;
        }
        let options = SqliteConnectOptions::new()
            .filename(path)
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Keeps the planner's statistics current, so it picks the list indexes.
            .optimize_on_close(true, 1000);
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await
            .map_err(|e| StoreError::connect(&url, e))?;
        Ok(SqliteStore {
            pool,
            readers: Arc::new(Readers::new(path.to_owned())),
        })
    }
}

/// How long a read waits for a lock (only a checkpoint or recovery takes one readers
/// wait for in WAL mode), as sqlx's connections do.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Idle read connections kept: one per thread reading at once is all that is ever used,
/// since a read holds its connection only while it runs, without awaiting.
const IDLE_READERS: usize = 8;

/// Prepared statements each read connection keeps (the public pages use about twenty).
const STATEMENTS: usize = 64;

/// The connections of the public read path, which only read.
#[derive(Debug)]
struct Readers {
    path: PathBuf,
    idle: Mutex<Vec<ReadConnection>>,
    /// Set by [`crate::SiteStore::close`]: reads fail as on a closed pool.
    closed: AtomicBool,
}

impl Readers {
    fn new(path: PathBuf) -> Self {
        Readers {
            path,
            idle: Mutex::new(Vec::new()),
            closed: AtomicBool::new(false),
        }
    }

    fn close(&self) {
        self.closed.store(true, Ordering::Release);
        self.idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
    }

    /// A connection that refuses writes (`query_only`). It is opened read-write all the
    /// same, so that it shares WAL's index like any other; the file exists, since sqlx's
    /// pool opened it first.
    fn open(&self) -> rusqlite::Result<ReadConnection> {
        use rusqlite::OpenFlags;
        let connection = rusqlite::Connection::open_with_flags(
            &self.path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        connection.busy_timeout(BUSY_TIMEOUT)?;
        connection.pragma_update(None, "query_only", true)?;
        // The planner's stability guarantee: a plan does not depend on the values bound.
        // Without it, SQLite plans again (parses, plans, codes) each run of a statement
        // whose `LIMIT` or range is a parameter, once the value is bound, which made the
        // related articles' query cost more than all the page's other reads together.
        // Every public query is written to walk an index whatever its values.
        connection.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )?;
        connection.set_prepared_statement_cache_capacity(STATEMENTS);
        Ok(ReadConnection {
            connection,
            shapes: HashMap::new(),
        })
    }

    /// An idle connection, or a new one.
    fn take(&self) -> Result<ReadConnection> {
        if self.closed.load(Ordering::Acquire) {
            return Err(StoreError::Database(sqlx::Error::PoolClosed));
        }
        let idle = self
            .idle
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        match idle {
            Some(connection) => Ok(connection),
            None => self.open().map_err(StoreError::Read),
        }
    }

    /// Keeps a connection for the next read, unless enough are kept.
    fn give_back(&self, connection: ReadConnection) {
        let mut idle = self.idle.lock().unwrap_or_else(PoisonError::into_inner);
        if idle.len() < IDLE_READERS && !self.closed.load(Ordering::Acquire) {
            idle.push(connection);
        }
    }
}

/// Reads through one connection in one read transaction: see [`crate::Snapshots`].
#[derive(Debug)]
struct Snapshot {
    readers: Arc<Readers>,
    /// The connection, once the first read has taken it and begun the transaction.
    connection: Mutex<Option<ReadConnection>>,
}

#[async_trait::async_trait]
impl Reader for Snapshot {
    async fn fetch<M: Mapper>(&self, query: Query) -> Result<Vec<M::Out>> {
        let mut held = self
            .connection
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let mut connection = match held.take() {
            Some(connection) => connection,
            None => {
                let connection = self.readers.take()?;
                // Deferred: the read transaction itself begins with the first SELECT.
                execute(&connection.connection, "BEGIN")?;
                connection
            }
        };
        let result = run::<M>(&mut connection, &query);
        *held = Some(connection);
        result
    }
}

impl Drop for Snapshot {
    fn drop(&mut self) {
        let held = self
            .connection
            .get_mut()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        // A connection whose transaction does not end cleanly is closed, not kept.
        if let Some(connection) = held
            && execute(&connection.connection, "COMMIT").is_ok()
        {
            self.readers.give_back(connection);
        }
    }
}

impl crate::Snapshots for SqliteStore {
    fn snapshot(&self) -> Box<dyn crate::ArticleStore> {
        Box::new(Snapshot {
            readers: self.readers.clone(),
            connection: Mutex::new(None),
        })
    }
}

/// Runs a statement that returns no rows, prepared once per connection.
fn execute(connection: &rusqlite::Connection, sql: &str) -> Result<()> {
    connection
        .prepare_cached(sql)
        .and_then(|mut statement| statement.execute([]))
        .map(drop)
        .map_err(StoreError::Read)
}

/// A read connection, and what it has learnt of the statements it runs.
#[derive(Debug)]
struct ReadConnection {
    connection: rusqlite::Connection,
    /// Each statement's shape, by the address and length of its text (the public reads'
    /// text is `'static`).
    shapes: HashMap<(usize, usize), Shape>,
}

/// What a statement's text fixes: its column names, and where each `$n` is bound. Read
/// once per connection, rather than through SQLite on every run.
#[derive(Debug)]
struct Shape {
    names: ColumnNames,
    /// The index of `$1`, `$2`… (`None`: the statement does not use it).
    params: Vec<Option<usize>>,
}

impl Shape {
    fn of(statement: &rusqlite::Statement<'_>, params: usize) -> Result<Self> {
        // SQLite numbers named parameters in their order of first appearance, which is
        // not always `$1`, `$2`, ….
        let params = (1..=params)
            .map(|n| statement.parameter_index(&format!("${n}")))
            .collect::<rusqlite::Result<_>>()
            .map_err(StoreError::Read)?;
        Ok(Shape {
            names: ColumnNames::of(statement),
            params,
        })
    }
}

/// Runs a read on a connection.
fn run<M: Mapper>(connection: &mut ReadConnection, query: &Query) -> Result<Vec<M::Out>> {
    let ReadConnection { connection, shapes } = connection;
    let mut statement = connection
        .prepare_cached(query.sql)
        .map_err(StoreError::Read)?;
    let key = (query.sql.as_ptr() as usize, query.sql.len());
    let shape = match shapes.entry(key) {
        std::collections::hash_map::Entry::Occupied(known)
            if known.get().params.len() == query.params.len() =>
        {
            known.into_mut()
        }
        entry => {
            let shape = Shape::of(&statement, query.params.len())?;
            match entry {
                std::collections::hash_map::Entry::Occupied(mut known) => {
                    known.insert(shape);
                    known.into_mut()
                }
                std::collections::hash_map::Entry::Vacant(new) => new.insert(shape),
            }
        }
    };
    bind(&mut statement, &shape.params, &query.params)?;
    let mut rows = statement.raw_query();
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(StoreError::Read)? {
        out.push(M::map(&Columns {
            row,
            names: &shape.names,
            next: std::cell::Cell::new(0),
        })?);
    }
    Ok(out)
}

/// Binds each `$n` of a statement (at `indexes[n - 1]`) to `params[n - 1]`.
fn bind(
    statement: &mut rusqlite::CachedStatement<'_>,
    indexes: &[Option<usize>],
    params: &[Param],
) -> Result<()> {
    for (index, param) in indexes.iter().zip(params) {
        let Some(index) = *index else {
            continue;
        };
        match param {
            Param::Int(value) => statement.raw_bind_parameter(index, value),
            Param::Text(value) => statement.raw_bind_parameter(index, value),
            Param::Time(value) => statement.raw_bind_parameter(index, time_text(*value)),
        }
        .map_err(StoreError::Read)?;
    }
    Ok(())
}

/// A time as sqlx writes it to SQLite (RFC 3339, `+00:00`), so that stored and bound times
/// compare as text the same whichever path wrote or binds them.
fn time_text(time: Timestamp) -> String {
    time.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false)
}

/// A stored time: RFC 3339 text as sqlx writes it, SQLite's own `YYYY-MM-DD HH:MM:SS`
/// (taken as UTC), or seconds since the epoch.
fn parse_time(value: rusqlite::types::ValueRef<'_>) -> Option<Timestamp> {
    use chrono::{DateTime, NaiveDateTime, Utc};
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Text(bytes) => {
            if let Some(time) = utc_time_text(bytes) {
                return Some(time);
            }
            let text = std::str::from_utf8(bytes).ok()?;
            if let Ok(time) = DateTime::parse_from_rfc3339(text) {
                return Some(time.with_timezone(&Utc));
            }
            ["%F %T%.f", "%FT%T%.f", "%F %R", "%FT%R"]
                .iter()
                .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
                .map(|naive| naive.and_utc())
        }
        ValueRef::Integer(seconds) => DateTime::from_timestamp(seconds, 0),
        _ => None,
    }
}

/// A time in the form [`time_text`] writes (`2025-03-20T09:05:00+00:00`, with a fraction
/// of a second when it has one), read directly: every stored time Rotative wrote has this
/// form, and a list page reads dozens. `None` for any other form, which the general
/// parsers then read.
fn utc_time_text(text: &[u8]) -> Option<Timestamp> {
    let (main, rest) = text.split_at_checked(19)?;
    let offset = rest.strip_suffix(b"+00:00")?;
    let nanos = match offset {
        [] => 0,
        [b'.', digits @ ..] if matches!(digits.len(), 3 | 6 | 9) => {
            let value = number(digits)?;
            value * 10_u32.pow(9 - u32::try_from(digits.len()).ok()?)
        }
        _ => return None,
    };
    let [
        y0,
        y1,
        y2,
        y3,
        b'-',
        mo0,
        mo1,
        b'-',
        d0,
        d1,
        b'T',
        h0,
        h1,
        b':',
        mi0,
        mi1,
        b':',
        s0,
        s1,
    ] = *main
    else {
        return None;
    };
    let date = chrono::NaiveDate::from_ymd_opt(
        i32::try_from(number(&[y0, y1, y2, y3])?).ok()?,
        number(&[mo0, mo1])?,
        number(&[d0, d1])?,
    )?;
    let time = chrono::NaiveTime::from_hms_nano_opt(
        number(&[h0, h1])?,
        number(&[mi0, mi1])?,
        number(&[s0, s1])?,
        nanos,
    )?;
    Some(date.and_time(time).and_utc())
}

/// ASCII digits as a number (at most nine of them).
fn number(digits: &[u8]) -> Option<u32> {
    digits.iter().try_fold(0_u32, |n, d| {
        d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
    })
}

/// A statement's column names, copied out (the rows borrow the statement) into one buffer
/// rather than one string each, and which of the mappers' names was found at each.
#[derive(Debug)]
struct ColumnNames {
    text: String,
    ends: Vec<usize>,
    /// At each position, the address and length of the last `'static` name a mapper
    /// found there: that name again is known without comparing it.
    known: Vec<std::cell::Cell<(usize, usize)>>,
}

impl ColumnNames {
    fn of(statement: &rusqlite::Statement<'_>) -> Self {
        let names = statement.column_names();
        let mut text = String::with_capacity(names.iter().map(|n| n.len()).sum());
        let mut ends = Vec::with_capacity(names.len());
        for name in names {
            text.push_str(name);
            ends.push(text.len());
        }
        let known = vec![std::cell::Cell::new((0, 0)); ends.len()];
        ColumnNames { text, ends, known }
    }

    fn get(&self, at: usize) -> Option<&str> {
        let end = *self.ends.get(at)?;
        let start = at.checked_sub(1).map_or(0, |before| self.ends[before]);
        self.text.get(start..end)
    }

    fn position(&self, column: &str) -> Option<usize> {
        (0..self.ends.len()).find(|at| {
            self.get(*at)
                .is_some_and(|n| n.eq_ignore_ascii_case(column))
        })
    }
}

/// A row read through its statement's column names, found by position first: mappers
/// read columns in the order queries select them, so a lookup by name is one comparison
/// of an address (or, the first time, of the name), where rusqlite's own scans every
/// column name through SQLite for each value.
struct Columns<'r> {
    row: &'r rusqlite::Row<'r>,
    names: &'r ColumnNames,
    next: std::cell::Cell<usize>,
}

impl Columns<'_> {
    fn index(&self, column: &'static str) -> Result<usize> {
        let hint = self.next.get();
        // A `'static` text never changes: the same address and length is the same name.
        let literal = (column.as_ptr() as usize, column.len());
        let at = match self.names.known.get(hint) {
            Some(known) if known.get() == literal => hint,
            _ => {
                let at = if self.names.get(hint) == Some(column) {
                    hint
                } else {
                    self.names.position(column).ok_or_else(|| {
                        StoreError::Read(rusqlite::Error::InvalidColumnName(column.into()))
                    })?
                };
                if let Some(known) = self.names.known.get(at) {
                    known.set(literal);
                }
                at
            }
        };
        self.next.set(at + 1);
        Ok(at)
    }

    fn get<T: rusqlite::types::FromSql>(&self, column: &'static str) -> Result<T> {
        self.row.get(self.index(column)?).map_err(StoreError::Read)
    }
}

impl StoredRow for Columns<'_> {
    fn int(&self, column: &'static str) -> Result<i64> {
        self.get(column)
    }
    fn opt_int(&self, column: &'static str) -> Result<Option<i64>> {
        self.get(column)
    }
    fn text(&self, column: &'static str) -> Result<String> {
        self.opt_text(column)?
            .ok_or_else(|| StoreError::Corrupt(format!("{column} is empty (NULL)")))
    }
    fn opt_text(&self, column: &'static str) -> Result<Option<String>> {
        use rusqlite::types::ValueRef;
        let at = self.index(column)?;
        match self.row.get_ref(at).map_err(StoreError::Read)? {
            // Validated with SIMD: an article's body is most of what a page reads, and
            // French or Arabic text leaves the standard library's ASCII fast path often.
            ValueRef::Text(bytes) => simdutf8::basic::from_utf8(bytes)
                .map(|text| Some(text.to_owned()))
                .map_err(|_| StoreError::Corrupt(format!("{column} is not UTF-8"))),
            ValueRef::Null => Ok(None),
            other => Err(StoreError::Read(rusqlite::Error::InvalidColumnType(
                at,
                column.to_owned(),
                other.data_type(),
            ))),
        }
    }
    fn time(&self, column: &'static str) -> Result<Timestamp> {
        self.opt_time(column)?
            .ok_or_else(|| StoreError::Corrupt(format!("{column} is not a time")))
    }
    fn opt_time(&self, column: &'static str) -> Result<Option<Timestamp>> {
        let value = self
            .row
            .get_ref(self.index(column)?)
            .map_err(StoreError::Read)?;
        if value == rusqlite::types::ValueRef::Null {
            return Ok(None);
        }
        parse_time(value)
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt(format!("{column} is not a time")))
    }
    fn flag(&self, column: &'static str) -> Result<bool> {
        self.get(column)
    }
}

#[async_trait::async_trait]
impl Reader for SqliteStore {
    async fn fetch<M: Mapper>(&self, query: Query) -> Result<Vec<M::Out>> {
        let mut connection = self.readers.take()?;
        let result = run::<M>(&mut connection, &query);
        self.readers.give_back(connection);
        result
    }

    fn close_readers(&self) {
        self.readers.close();
    }
}

crate::site::impl_site_store!(
    SqliteStore,
    Engine::Sqlite,
    crate::migrations::sqlite,
    "PRAGMA optimize"
);
crate::authors::impl_author_store!(SqliteStore);
crate::accounts::impl_account_store!(SqliteStore);
crate::taxonomy::impl_taxonomy_store!(SqliteStore, sqlx::Sqlite);
crate::editorial::impl_editorial_store!(SqliteStore, sqlx::Sqlite);
crate::comments::impl_comment_store!(SqliteStore, sqlx::Sqlite);
crate::newsroom::impl_newsroom_store!(SqliteStore, sqlx::Sqlite);
crate::media::impl_media_store!(SqliteStore, sqlx::Sqlite);
crate::ads::impl_ad_store!(SqliteStore, sqlx::Sqlite);
crate::feeds::impl_feed_store!(SqliteStore, sqlx::Sqlite);
crate::search::impl_search_source_store!(SqliteStore, sqlx::Sqlite);
crate::import::impl_import_store!(SqliteStore, sqlx::Sqlite);

#[cfg(test)]
mod tests {
    use super::{parse_time, time_text};
    use chrono::TimeZone;
    use rusqlite::types::ValueRef;

    #[test]
    fn times_read_back_in_every_form_sqlite_stores_them() {
        let time = chrono::Utc.with_ymd_and_hms(2025, 3, 20, 9, 5, 0).unwrap();
        let written = time_text(time);
        assert_eq!(written, "2025-03-20T09:05:00+00:00");
        for text in [
            written.as_str(),
            "2025-03-20T11:05:00+02:00",
            "2025-03-20 09:05:00",
            "2025-03-20T09:05:00",
            "2025-03-20 09:05",
        ] {
            assert_eq!(
                parse_time(ValueRef::Text(text.as_bytes())),
                Some(time),
                "{text}"
            );
        }
        assert_eq!(parse_time(ValueRef::Integer(time.timestamp())), Some(time));
        for broken in [
            "2025-13-20T09:05:00+00:00",
            "2025-02-30T09:05:00+00:00",
            "2025-03-20T24:05:00+00:00",
            "2025-03-2aT09:05:00+00:00",
            "2025-03-20T09:05:00+00:0",
        ] {
            assert_eq!(
                parse_time(ValueRef::Text(broken.as_bytes())),
                None,
                "{broken}"
            );
        }
        assert_eq!(parse_time(ValueRef::Text(b"mars")), None);
        assert_eq!(parse_time(ValueRef::Real(1.5)), None);
    }

    #[test]
    fn times_read_directly_are_the_times_chrono_reads() {
        // Every moment sqlx or `time_text` may have written, with each precision of the
        // fraction `AutoSi` chooses, read back by the direct path and by chrono alike.
        let base = chrono::Utc
            .with_ymd_and_hms(1999, 12, 31, 23, 59, 59)
            .unwrap();
        let fractions = [0, 120_000_000, 123_456_000, 123_456_789]
            .into_iter()
            .cycle();
        for (step, nanos) in (0..2000_i64).zip(fractions) {
            let time = base
                + chrono::Duration::seconds(step * 86_413 * 7)
                + chrono::Duration::nanoseconds(nanos);
            let text = time_text(time);
            let direct = super::utc_time_text(text.as_bytes());
            let general = chrono::DateTime::parse_from_rfc3339(&text)
                .map(|t| t.with_timezone(&chrono::Utc))
                .ok();
            assert_eq!(direct, general, "{text}");
            assert_eq!(direct, Some(time), "{text}");
        }
    }

    #[test]
    fn sqlite_is_built_without_process_wide_memory_locks() {
        // `.cargo/config.toml` passes the flag to libsqlite3-sys's build of SQLite.
        let connection = rusqlite::Connection::open_in_memory().expect("SQLite opens");
        let mut statement = connection
            .prepare("PRAGMA compile_options")
            .expect("prepares");
        let options: Vec<String> = statement
            .query_map([], |row| row.get(0))
            .expect("runs")
            .collect::<rusqlite::Result<_>>()
            .expect("reads");
        assert!(
            options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
            "{options:?}"
        );
        // Nor with memory management, which makes every connection's pages one cache
        // under one lock.
        assert!(
            !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "{options:?}"
        );
    }
}
