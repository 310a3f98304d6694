//! `rotative migrate`: applies the migrations and exits.

use crate::cli::{self, DatabaseArgs};

/// Runs the subcommand.
pub async fn run(args: DatabaseArgs) -> anyhow::Result<()> {
    let config = args.config()?;
    let (url, store) = cli::open_store(&config).await?;
    store.close().await;
    println!("rotative: the database {url} is up to date");
    Ok(())
}
