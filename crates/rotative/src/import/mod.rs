//! `rotative import wordpress FILE.xml`: a WordPress site moved in with one command.
//!
//! Two passes over the file. The first ([`scan`]) reads all of it and writes nothing: a
//! malformed file is refused with its line and column before anything changes. The second
//! streams the items and writes them in batches of [`BATCH`] posts, one transaction each.
//! Every WordPress id is remembered (`wordpress_ids`), so importing the same file again
//! creates nothing twice: unchanged posts are skipped, changed ones rewritten, new ones and
//! new comments added. Old addresses (permalinks, `?p=`, `?page_id=`, `?cat=`, category,
//! tag and author archives, `wp-content/uploads` files) are recorded in `legacy_urls`,
//! which the site answers with a 301.

mod items;
mod media;
mod report;
mod scan;
mod terms;

use crate::cli::{self, DatabaseArgs};
use anyhow::Context as _;
use clap::{Args, Subcommand};
use report::{Progress, Report};
use rotative_core::{Clock, SiteSettings, SystemClock};
use rotative_store::Store;
use rotative_wordpress::{Record, WxrReader};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Posts per transaction.
pub const BATCH: usize = 500;

/// `rotative import`.
#[derive(Debug, Clone, Args)]
pub struct ImportArgs {
    /// What to import.
    #[command(subcommand)]
    pub from: ImportFrom,
}

/// The systems Rotative imports from.
#[derive(Debug, Clone, Subcommand)]
pub enum ImportFrom {
    /// A WordPress export (Tools › Export › All content): WXR 1.0, 1.1 or 1.2.
    Wordpress(WordpressArgs),
}

/// `rotative import wordpress`.
#[derive(Debug, Clone, Args)]
pub struct WordpressArgs {
    /// The WXR file WordPress exported.
    #[arg(value_name = "FILE.xml")]
    pub file: PathBuf,
    /// The site's `wp-content/uploads` folder, to copy images from
    #[arg(long, value_name = "DIR", conflicts_with = "media_base_url")]
    pub uploads: Option<PathBuf>,
    /// The address images are downloaded from instead: the old site's `wp-content/uploads`
    /// address (https://example.com/wp-content/uploads)
    #[arg(long, value_name = "URL")]
    pub media_base_url: Option<String>,
    /// Print what would happen; write nothing
    #[arg(long)]
    pub dry_run: bool,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Runs the subcommand.
pub async fn run(args: ImportArgs) -> anyhow::Result<()> {
    let ImportFrom::Wordpress(args) = args.from;
    let started = Instant::now();
    let config = args.database.config()?;
    let source =
        media::Source::from_args(&args, config.media.max_upload_mib.saturating_mul(1 << 20))?;

    eprintln!("rotative: checking {}", args.file.display());
    let path = args.file.clone();
    let scan = tokio::task::spawn_blocking(move || scan::scan(&path)).await??;

    let store = if args.dry_run {
        dry_run_store(&config).await?
    } else {
        Some(cli::open_store(&config).await?.1)
    };
    let report = match &store {
        Some(store) => {
            let media = if args.dry_run {
                None
            } else {
                Some(crate::serve::media_storage(&config)?)
            };
            let outcome = import(&args, &scan, store.clone(), media, source).await;
            store.close().await;
            outcome?
        }
        None => {
            // A dry run on a site that does not exist yet: planned against an empty one,
            // made in a temporary folder and removed.
            let folder = std::env::temp_dir().join(format!("rotative-plan-{}", std::process::id()));
            let empty = rotative_store::connect(&rotative_store::DatabaseUrl::Sqlite(
                folder.join("plan.db"),
            ))
            .await
            .context("cannot plan the import")?;
            empty.migrate().await?;
            let outcome = import(&args, &scan, empty.clone(), None, source).await;
            empty.close().await;
            let _ = std::fs::remove_dir_all(&folder);
            outcome?
        }
    };
    print!("{}", report.render(started.elapsed().as_secs_f64()));
    Ok(())
}

/// The store a dry run reads (never writes): `None` when its SQLite file does not exist or
/// the database was never set up.
async fn dry_run_store(config: &rotative_config::Config) -> anyhow::Result<Option<Arc<dyn Store>>> {
    let url = cli::database_url(config)?;
    if let rotative_store::DatabaseUrl::Sqlite(path) = &url
        && !path.exists()
    {
        return Ok(None);
    }
    // Not migrated: a dry run changes nothing, not even the schema.
    let store = rotative_store::connect(&url)
        .await
        .with_context(|| format!("cannot open {url}"))?;
    // A database Rotative never set up holds nothing yet: plan against an empty site.
    if store.settings().await.is_err() {
        store.close().await;
        return Ok(None);
    }
    Ok(Some(store))
}

/// What the import passes share.
pub struct Context {
    /// The store written to (read only in a dry run).
    pub store: Arc<dyn Store>,
    /// Whether to write.
    pub dry_run: bool,
    /// The site's settings (its time zone reads WordPress's local dates).
    pub settings: SiteSettings,
    /// The exported site's address, which its permalinks start with.
    pub base: String,
    /// Its path (`/blog` for a site in a sub-folder; empty at a domain's root), which its
    /// archives' addresses start with.
    pub prefix: String,
    /// The report being written.
    pub report: Report,
}

/// What earlier imports made of a kind: the local id of each WordPress id.
async fn known_ids(
    cx: &Context,
    kind: &str,
) -> anyhow::Result<std::collections::HashMap<String, i64>> {
    Ok(source_ids(cx, kind)
        .await?
        .into_iter()
        .map(|(wp, id, _)| (wp, id))
        .collect())
}

/// What earlier imports made of a kind, with versions. A dry run on a database from before
/// imports existed (not migrated, as a dry run writes nothing) finds nothing.
async fn source_ids(cx: &Context, kind: &str) -> anyhow::Result<Vec<(String, i64, String)>> {
    match cx.store.source_ids(kind).await {
        Ok(ids) => Ok(ids),
        Err(_) if cx.dry_run => Ok(Vec::new()),
        Err(error) => Err(error.into()),
    }
}

async fn import(
    args: &WordpressArgs,
    scan: &scan::Scan,
    store: Arc<dyn Store>,
    media: Option<Arc<dyn rotative_web::media::storage::MediaStorage>>,
    source: media::Source,
) -> anyhow::Result<Report> {
    let stored = store.settings().await?;
    let (settings, _) =
        SiteSettings::from_stored(stored.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let base = [
        &scan.site.base_blog_url,
        &scan.site.base_site_url,
        &scan.site.link,
    ]
    .into_iter()
    .find(|b| !b.is_empty())
    .map(|b| b.trim_end_matches('/').to_owned())
    .unwrap_or_default();
    let prefix = base
        .split_once("://")
        .and_then(|(_, rest)| {
            rest.find('/')
                .map(|i| rest[i..].trim_end_matches('/').to_owned())
        })
        .unwrap_or_default();
    let mut cx = Context {
        store,
        dry_run: args.dry_run,
        settings,
        base,
        prefix,
        report: Report {
            dry_run: args.dry_run,
            ..Report::default()
        },
    };
    let now = SystemClock.now();
    let people = terms::authors(&mut cx, &scan.authors, now).await?;
    let taxonomy = terms::terms(&mut cx, &scan.terms).await?;
    let mut writer = items::Writer::new(&mut cx, people, taxonomy).await?;
    let by = writer.author(&mut cx, "", now).await?;
    let images = media::import_all(&mut cx, scan, media, source, by, now).await?;
    writer.images = images;

    let reader = WxrReader::open(&args.file)?;
    let mut progress = Progress::new(scan.items);
    let mut pending = 0u64;
    for record in reader {
        let Record::Item(item) = record? else {
            continue;
        };
        writer.item(&mut cx, *item, now).await?;
        pending += 1;
        if writer.full() {
            writer.flush(&mut cx, now).await?;
            progress.advance(pending);
            pending = 0;
        }
    }
    writer.flush(&mut cx, now).await?;
    if pending > 0 {
        progress.advance(pending);
    }
    progress.finish();
    Ok(cx.report)
}
