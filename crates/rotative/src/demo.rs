//! `rotative demo generate`: fills a database with generated articles for load tests.

use crate::cli::{self, DatabaseArgs};
use clap::{Args, Subcommand};
use rotative_core::{Clock, SystemClock};
use std::time::Instant;

/// `rotative demo`.
#[derive(Debug, Clone, Args)]
pub struct DemoArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: DemoAction,
}

/// The demo helpers.
#[derive(Debug, Clone, Subcommand)]
pub enum DemoAction {
    /// Add generated French articles to the site (loading the demo site first when empty).
    Generate {
        /// How many articles to add.
        #[arg(long, value_name = "N")]
        articles: usize,
        /// Seed of the generator: the same seed gives the same text.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

/// Runs the subcommand.
pub async fn run(args: DemoArgs) -> anyhow::Result<()> {
    let DemoAction::Generate {
        articles,
        seed,
        database,
    } = args.action;
    let config = database.config()?;
    let (url, store) = cli::open_store(&config).await?;
    let started = Instant::now();
    let report = |written: usize| {
        let rate = written as f64 / started.elapsed().as_secs_f64().max(0.001);
        eprintln!("rotative: {written}/{articles} articles ({rate:.0}/s)");
    };
    let generated = rotative_demo::generate::generate(
        store.as_ref(),
        articles,
        seed,
        SystemClock.now(),
        report,
    )
    .await?;
    store.close().await;
    println!(
        "rotative: added {} articles by {} authors, with {} readers' comments, to {url} in {:.1} s",
        generated.articles,
        generated.authors,
        generated.comments,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
