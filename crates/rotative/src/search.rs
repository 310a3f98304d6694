//! `rotative search reindex`: rebuilds the search index from the database.
//!
//! It builds a new generation of the index folder (`{data_dir}/search/index-…/`) beside
//! the one in use, then names it in `{data_dir}/search/CURRENT`. It works while the server
//! runs: the server keeps answering from its own generation (whose writer lock it holds)
//! and switches to the new one at its search job's next pass, a few seconds later,
//! catching up on what changed during the build; it then deletes its old generation.
//! Without a server, the old generation is deleted here.

use crate::cli::{self, DatabaseArgs};
use anyhow::Context;
use clap::{Args, Subcommand};
use rotative_core::{Clock, SiteSettings, SystemClock};
use std::time::Instant;

/// `rotative search`.
#[derive(Debug, Clone, Args)]
pub struct SearchArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: SearchAction,
}

/// The search index commands.
#[derive(Debug, Clone, Subcommand)]
pub enum SearchAction {
    /// Rebuild the search index from the database (works while the server runs)
    Reindex(DatabaseArgs),
}

/// Runs the subcommand.
pub async fn run(args: SearchArgs) -> anyhow::Result<()> {
    let SearchAction::Reindex(database) = args.action;
    let config = database.config()?;
    let (_, store) = cli::open_store(&config).await?;
    let stored = store.settings().await?;
    let (mut settings, _) =
        SiteSettings::from_stored(stored.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    for (key, value) in config.pinned_settings() {
        settings
            .set(&key, &value)
            .with_context(|| format!("invalid setting {key}"))?;
    }
    let language = rotative_web::search::language_of(settings.locale);
    let root = config.data_dir.join("search");
    let started = Instant::now();
    let (index, count) = rotative_web::search::build_index(
        store.as_ref(),
        Some(root.clone()),
        language,
        SystemClock.now(),
        false,
    )
    .await
    .with_context(|| format!("cannot rebuild the search index in {}", root.display()))?;
    let generation = index.generation().unwrap_or_default().to_owned();
    tokio::task::spawn_blocking(move || {
        index.remove_stale_generations();
        drop(index);
    })
    .await?;
    store.close().await;
    println!(
        "rotative: indexed {count} articles in {:.1} s into {}",
        started.elapsed().as_secs_f64(),
        root.join(generation).display()
    );
    Ok(())
}
