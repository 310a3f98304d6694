//! A schema of its own for each PostgreSQL test.

use rotative_store::postgres::PgStore;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use std::io::Write;
use std::str::FromStr;
use std::sync::atomic::{AtomicU32, Ordering};

const URL_VARIABLE: &str = "ROTATIVE_TEST_DATABASE_URL";

/// A schema that is dropped when this value is.
pub(crate) struct Schema {
    url: String,
    name: String,
}

/// The test server's URL; `None`, after saying the test is skipped, when it is not set.
fn server_url(test_name: &str) -> Option<String> {
    let url = std::env::var(URL_VARIABLE).ok();
    if url.is_none() {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED {test_name}: set {URL_VARIABLE} to run the PostgreSQL tests"
        );
    }
    url
}

/// A name no other test (of this process or another) uses.
fn unique_name(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        chrono::Utc::now().timestamp_subsec_nanos()
    )
}

pub(crate) async fn fresh_store(test_name: &str) -> Option<(PgStore, Schema)> {
    let url = server_url(test_name)?;
    let name = unique_name("test");
    let options = PgConnectOptions::from_str(&url).expect("ROTATIVE_TEST_DATABASE_URL parses");
    let admin = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(options.clone())
        .await
        .expect("the test PostgreSQL server answers");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE SCHEMA {name}")))
        .execute(&admin)
        .await
        .expect("schema created");
    admin.close().await;
    let store = PgStore::connect_with(options.options([("search_path", name.as_str())]), &url)
        .await
        .expect("PostgreSQL store connects");
    Some((store, Schema { url, name }))
}

impl Drop for Schema {
    fn drop(&mut self) {
        let sql = format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name);
        if !execute_aside(self.url.clone(), sql) {
            let _ = writeln!(
                std::io::stderr(),
                "could not drop test schema {}",
                self.name
            );
        }
    }
}

/// Runs one statement on the server from a thread and runtime of its own: a `Drop` runs
/// inside the test's runtime, which cannot be blocked on. False when it failed.
fn execute_aside(url: String, sql: String) -> bool {
    let done = std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .ok()?;
        runtime.block_on(async {
            let pool = PgPoolOptions::new()
                .max_connections(1)
                .connect(&url)
                .await
                .ok()?;
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .execute(&pool)
                .await
                .ok()?;
            pool.close().await;
            Some(())
        })
    })
    .join();
    matches!(done, Ok(Some(())))
}

/// A PostgreSQL database of its own, for tests that run the binary (which takes a URL, not
/// a schema); dropped when this value is.
pub struct ScratchPg {
    admin: String,
    name: String,
    /// Its URL.
    pub url: String,
}

impl ScratchPg {
    /// A new database on the server `ROTATIVE_TEST_DATABASE_URL` names; `None`, after
    /// saying so, when it is not set.
    pub async fn create(test_name: &str) -> Option<ScratchPg> {
        let admin = server_url(test_name)?;
        let name = unique_name("scratch");
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .connect(&admin)
            .await
            .expect("the test PostgreSQL server answers");
        sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
            .execute(&pool)
            .await
            .expect("database created");
        pool.close().await;
        let (server, _) = admin.rsplit_once('/').expect("a database URL has a path");
        let url = format!("{server}/{name}");
        Some(ScratchPg { admin, name, url })
    }
}

impl Drop for ScratchPg {
    fn drop(&mut self) {
        let sql = format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name);
        if !execute_aside(self.admin.clone(), sql) {
            let _ = writeln!(
                std::io::stderr(),
                "could not drop test database {}",
                self.name
            );
        }
    }
}
