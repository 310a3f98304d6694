//! The command line, and the configuration it produces (flags over environment over file).

use anyhow::Context;
use clap::{Args, Parser, Subcommand};
use rotative_config::Config;
use rotative_store::{DatabaseUrl, Store};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// Rotative: a fast news and magazine publishing platform.
#[derive(Debug, Parser)]
#[command(name = "rotative", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the web site.
    Serve(ServeArgs),
    /// Apply the database migrations, then exit.
    Migrate(DatabaseArgs),
    /// Configuration helpers.
    Config(crate::config::ConfigArgs),
    /// Demo data: generated articles for load tests.
    Demo(crate::demo::DemoArgs),
    /// Accounts: create one, reset a password.
    User(crate::user::UserArgs),
    /// Everything the site holds, in an open format.
    Export(crate::export::ExportArgs),
    /// Another system's site moved in: WordPress.
    Import(crate::import::ImportArgs),
    /// The search index: rebuild it.
    Search(crate::search::SearchArgs),
}

/// Where the data is: shared by every subcommand that opens the database.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Configuration file [default: ./rotative.toml when it exists; env: ROTATIVE_CONFIG]
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Data folder; the SQLite database is DIR/rotative.db [default: ./data]
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB [env: ROTATIVE_DATABASE_URL]
    #[arg(long, value_name = "URL")]
    pub database_url: Option<String>,
}

/// `rotative serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on [default: 127.0.0.1:8080]
    #[arg(long, value_name = "ADDR:PORT")]
    pub listen: Option<SocketAddr>,
    /// Load the demo site into an empty database (does nothing to one with content)
    #[arg(long)]
    pub demo: bool,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

impl DatabaseArgs {
    /// The configuration: file, then environment, then these flags.
    pub fn config(&self) -> anyhow::Result<Config> {
        let mut config = Config::from_environment(self.config.as_deref())?;
        if let Some(dir) = &self.data_dir {
            config.data_dir = dir.clone();
        }
        if let Some(url) = &self.database_url {
            config.database_url = url.clone();
        }
        Ok(config)
    }
}

/// Opens the database the configuration names and applies its migrations: what every
/// subcommand that touches the data starts with.
pub async fn open_store(config: &Config) -> anyhow::Result<(DatabaseUrl, Arc<dyn Store>)> {
    let url = database_url(config)?;
    let store = rotative_store::connect(&url)
        .await
        .context("invalid setting database_url")?;
    store.migrate().await?;
    Ok((url, store))
}

/// The database the configuration names.
pub fn database_url(config: &Config) -> anyhow::Result<DatabaseUrl> {
    DatabaseUrl::parse(&config.database_url, &config.data_dir)
        .context("invalid setting database_url")
}
