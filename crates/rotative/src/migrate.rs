//! `rotative migrate`: applies the migrations and exits.

use crate::cli::{self, DatabaseArgs};
use anyhow::Context;

/// Runs the subcommand.
pub async fn run(args: DatabaseArgs) -> anyhow::Result<()> {
    let config = args.config()?;
    let url = cli::database_url(&config)?;
    let store = rotative_store::connect(&url)
        .await
        .context("invalid setting database_url")?;
    store.migrate().await?;
    store.close().await;
    println!("rotative: the database {url} is up to date");
    Ok(())
}
