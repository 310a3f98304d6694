//! `rotative export json FILE` (everything the site holds, in one JSON document whose
//! schema is `docs/export-json.md`) and `rotative export wordpress FILE` (WXR 1.2, what
//! WordPress's importer reads): no lock-in. Both stream articles and comments, so memory
//! stays flat whatever the site's size; both are written beside the target, then renamed,
//! so a failed export never leaves half a file. Both work while the server runs.

use crate::cli::{self, DatabaseArgs};
use anyhow::Context;
use clap::{Args, Subcommand};
use rotative_core::{Clock, SystemClock};
use rotative_store::{ArticleQuery, CommentQuery, Store};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The version of the document's schema.
pub const SCHEMA_VERSION: u32 = 1;

/// Settings that are the node's own business, not the site's content.
const PRIVATE_SETTINGS: [&str; 2] = ["secret", "weather.readings"];

/// Rows read at a time.
const PAGE: u32 = 500;

/// `rotative export`.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// What to write.
    #[command(subcommand)]
    pub format: ExportFormat,
}

/// The export formats.
#[derive(Debug, Clone, Subcommand)]
pub enum ExportFormat {
    /// Everything, as JSON (schema: docs/export-json.md)
    Json(JsonArgs),
    /// Articles, pages' worth of content, authors, terms, comments and media, as WordPress
    /// eXtended RSS 1.2 (what WordPress's importer reads)
    Wordpress(JsonArgs),
}

/// `rotative export json` and `rotative export wordpress`.
#[derive(Debug, Clone, Args)]
pub struct JsonArgs {
    /// The file to write (replaced if it exists)
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    #[command(flatten)]
    pub database: DatabaseArgs,
}

/// Runs the subcommand.
pub async fn run(args: ExportArgs) -> anyhow::Result<()> {
    match args.format {
        ExportFormat::Json(args) => export(args, false).await,
        ExportFormat::Wordpress(args) => export(args, true).await,
    }
}

async fn export(args: JsonArgs, wordpress: bool) -> anyhow::Result<()> {
    let config = args.database.config()?;
    let (_, store) = cli::open_store(&config).await?;
    let partial = partial_path(&args.file);
    let file = std::fs::File::create(&partial)
        .with_context(|| format!("cannot write {}", partial.display()))?;
    let mut out = std::io::BufWriter::new(file);
    let written = if wordpress {
        crate::export_wxr::write_all(store.as_ref(), &mut out).await
    } else {
        write_all(store.as_ref(), &mut out).await
    };
    let finished = written.and_then(|counts| {
        out.flush()?;
        Ok(counts)
    });
    store.close().await;
    match finished {
        Ok(counts) => {
            std::fs::rename(&partial, &args.file)
                .with_context(|| format!("cannot write {}", args.file.display()))?;
            println!(
                "rotative: exported {} articles, {} comments, {} categories, {} tags, {} authors to {}",
                counts.articles,
                counts.comments,
                counts.categories,
                counts.tags,
                counts.authors,
                args.file.display()
            );
            Ok(())
        }
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            Err(error)
        }
    }
}

fn partial_path(file: &Path) -> PathBuf {
    let mut name = file
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    file.with_file_name(name)
}

/// How much was written.
#[derive(Debug, Default)]
pub(crate) struct Counts {
    pub articles: u64,
    pub comments: u64,
    pub categories: usize,
    pub tags: usize,
    pub authors: usize,
}

/// An article with the slugs of its tags.
#[derive(Serialize)]
struct ExportedArticle {
    #[serde(flatten)]
    article: rotative_core::Article,
    tags: Vec<String>,
}

/// Every article's id, every status, in id order.
pub(crate) async fn article_ids(
    store: &dyn Store,
) -> anyhow::Result<Vec<rotative_core::ArticleId>> {
    let mut ids = Vec::new();
    let mut offset = 0_u64;
    loop {
        let rows = store
            .admin_articles(&ArticleQuery::default(), PAGE, offset)
            .await?;
        if rows.is_empty() {
            break;
        }
        offset += rows.len() as u64;
        ids.extend(rows.iter().map(|r| r.summary.id));
    }
    ids.sort_unstable();
    Ok(ids)
}

/// The whole media library.
pub(crate) async fn all_media(store: &dyn Store) -> anyhow::Result<Vec<rotative_store::Media>> {
    let mut media = Vec::new();
    let mut offset = 0_u64;
    loop {
        let page = store.media_list(None, PAGE, offset).await?;
        if page.is_empty() {
            break;
        }
        offset += page.len() as u64;
        media.extend(page);
    }
    Ok(media)
}

/// Writes `"name": value` after a comma when not first.
fn field(
    out: &mut impl Write,
    first: bool,
    name: &str,
    value: &impl Serialize,
) -> anyhow::Result<()> {
    if !first {
        out.write_all(b",\n")?;
    }
    serde_json::to_writer(&mut *out, name)?;
    out.write_all(b": ")?;
    serde_json::to_writer(&mut *out, value)?;
    Ok(())
}

async fn write_all(store: &dyn Store, out: &mut impl Write) -> anyhow::Result<Counts> {
    let mut counts = Counts::default();
    out.write_all(b"{\n")?;
    field(out, true, "format", &"rotative-export")?;
    field(out, false, "version", &SCHEMA_VERSION)?;
    field(out, false, "exported_at", &SystemClock.now())?;
    let settings: std::collections::BTreeMap<String, String> = store
        .settings()
        .await?
        .into_iter()
        .filter(|(key, _)| !PRIVATE_SETTINGS.contains(&key.as_str()))
        .collect();
    field(out, false, "settings", &settings)?;
    let categories = store.categories().await?;
    counts.categories = categories.len();
    field(out, false, "categories", &categories)?;
    let tags: Vec<rotative_core::Tag> = store
        .tags_with_counts()
        .await?
        .into_iter()
        .map(|(tag, _)| tag)
        .collect();
    counts.tags = tags.len();
    field(out, false, "tags", &tags)?;
    let authors = store.authors().await?;
    counts.authors = authors.len();
    field(out, false, "authors", &authors)?;

    // Articles, every status, oldest id first.
    out.write_all(b",\n\"articles\": [")?;
    for id in article_ids(store).await? {
        let Some(article) = store.article_by_id(id).await? else {
            continue; // deleted while exporting
        };
        let tags = store
            .article_tags(id)
            .await?
            .into_iter()
            .map(|t| t.slug.to_string())
            .collect();
        if counts.articles > 0 {
            out.write_all(b",")?;
        }
        out.write_all(b"\n")?;
        serde_json::to_writer(&mut *out, &ExportedArticle { article, tags })?;
        counts.articles += 1;
    }
    out.write_all(b"]")?;

    // Comments, every state, a page at a time.
    out.write_all(b",\n\"comments\": [")?;
    let mut offset = 0_u64;
    loop {
        let page = store
            .comments(&CommentQuery::default(), PAGE, offset)
            .await?;
        if page.is_empty() {
            break;
        }
        offset += page.len() as u64;
        for comment in page {
            if counts.comments > 0 {
                out.write_all(b",")?;
            }
            out.write_all(b"\n")?;
            serde_json::to_writer(&mut *out, &comment)?;
            counts.comments += 1;
        }
    }
    out.write_all(b"]")?;
    field(out, false, "media", &all_media(store).await?)?;
    field(out, false, "ad_creatives", &store.ad_creatives().await?)?;
    out.write_all(b"\n}\n")?;
    Ok(counts)
}
