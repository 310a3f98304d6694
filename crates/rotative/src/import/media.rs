//! Attachments: images copied from the old site's `wp-content/uploads` folder or downloaded
//! from its address, through the media pipeline (checked, re-encoded, resized), and the
//! addresses in texts that pointed at them.

use super::{Context, WordpressArgs, scan::Scan};
use anyhow::Context as _;
use rotative_core::{Timestamp, UserId};
use rotative_store::NewMedia;
use rotative_web::jobs::process_media;
use rotative_web::media::images;
use rotative_web::media::storage::MediaStorage;
use rotative_web::public::legacy::without_size;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

/// Where image files come from.
pub enum Source {
    /// Not given: images keep their old addresses.
    None,
    /// A copy of `wp-content/uploads`, and the largest file taken from it.
    Folder(PathBuf, u64),
    /// The address of `wp-content/uploads` (or of the site, for files outside it), and the
    /// largest file taken from it.
    Web(String, reqwest::Client, u64),
}

impl Source {
    /// The source the flags name, taking files of at most `max_bytes` (the uploads' limit,
    /// `media.max_upload_mib`: a file is read no further, so a video of gigabytes in the
    /// export is never held in memory).
    pub fn from_args(args: &WordpressArgs, max_bytes: u64) -> anyhow::Result<Self> {
        if let Some(dir) = &args.uploads {
            anyhow::ensure!(dir.is_dir(), "--uploads {}: not a folder", dir.display());
            return Ok(Source::Folder(dir.clone(), max_bytes));
        }
        if let Some(url) = &args.media_base_url {
            let parsed =
                url::Url::parse(url).map_err(|e| anyhow::anyhow!("--media-base-url {url}: {e}"))?;
            anyhow::ensure!(
                matches!(parsed.scheme(), "http" | "https"),
                "--media-base-url {url}: an http:// or https:// address is needed"
            );
            let client =
                rotative_web::net::client(Duration::from_secs(10), Duration::from_secs(120))?;
            return Ok(Source::Web(
                url.trim_end_matches('/').to_owned(),
                client,
                max_bytes,
            ));
        }
        Ok(Source::None)
    }

    /// Whether images are imported at all (`--uploads` or `--media-base-url` given).
    fn gives_files(&self) -> bool {
        !matches!(self, Source::None)
    }

    /// The file an address of the old site names, relative to the source.
    fn relative(url: &str, base: &str) -> String {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        match path.find("wp-content/uploads/") {
            Some(i) => path[i + "wp-content/uploads/".len()..].to_owned(),
            None => path
                .strip_prefix(base)
                .unwrap_or(path)
                .trim_start_matches('/')
                .to_owned(),
        }
    }

    async fn fetch(&self, url: &str, base: &str) -> anyhow::Result<Option<Vec<u8>>> {
        let relative = Self::relative(url, base);
        let decoded = percent_encoding::percent_decode_str(&relative)
            .decode_utf8_lossy()
            .into_owned();
        match self {
            Source::None => Ok(None),
            Source::Folder(dir, max_bytes) => {
                let path = Path::new(&decoded);
                anyhow::ensure!(
                    path.components().all(|c| matches!(c, Component::Normal(_))),
                    "{url}: not a file under the uploads folder"
                );
                let path = dir.join(path);
                let size = tokio::fs::metadata(&path)
                    .await
                    .with_context(|| format!("{}", path.display()))?
                    .len();
                ensure_at_most(size, *max_bytes)?;
                Ok(Some(
                    tokio::fs::read(&path)
                        .await
                        .with_context(|| format!("{}", path.display()))?,
                ))
            }
            Source::Web(base_url, client, max_bytes) => {
                let address = format!("{base_url}/{relative}");
                let mut response = client.get(&address).send().await?;
                anyhow::ensure!(
                    response.status().is_success(),
                    "{address}: {}",
                    response.status()
                );
                if let Some(length) = response.content_length() {
                    ensure_at_most(length, *max_bytes)?;
                }
                let mut bytes = Vec::new();
                while let Some(chunk) = response.chunk().await? {
                    bytes.extend_from_slice(&chunk);
                    ensure_at_most(bytes.len() as u64, *max_bytes)?;
                }
                Ok(Some(bytes))
            }
        }
    }
}

/// Refuses a file over the uploads' limit, naming the setting.
fn ensure_at_most(bytes: u64, max_bytes: u64) -> anyhow::Result<()> {
    anyhow::ensure!(
        bytes <= max_bytes,
        "larger than media.max_upload_mib ({} MiB)",
        max_bytes >> 20
    );
    Ok(())
}

/// The kind under which uploads met in texts (not attachments) are remembered, by their
/// path under `wp-content/uploads`.
const UPLOADS_IN_TEXTS: &str = "upload";

/// What importing one file needs.
pub struct Fetcher {
    source: Source,
    storage: Option<Arc<dyn MediaStorage>>,
    by: UserId,
    now: Timestamp,
}

impl Fetcher {
    /// Fetches a file of the old site and puts it through the media pipeline; `None` (and
    /// the reason in the report) when it cannot be.
    async fn import(
        &self,
        cx: &mut Context,
        url: &str,
        alt: &str,
    ) -> anyhow::Result<Option<rotative_store::Media>> {
        let bytes = match self.source.fetch(url, &cx.base).await {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Ok(None),
            Err(error) => {
                cx.report.media.skipped += 1;
                cx.report
                    .skip("images that could not be fetched (see the warnings)");
                cx.report.warnings.push(format!("image {url}: {error:#}"));
                return Ok(None);
            }
        };
        let inspected = match images::inspect(&bytes) {
            Ok(inspected) => inspected,
            Err(refusal) => {
                cx.report.media.skipped += 1;
                cx.report.skip(
                    "attachments that are not images Rotative takes (JPEG, PNG, WebP, GIF) or too large",
                );
                cx.report.warnings.push(format!("{url}: {refusal:?}"));
                return Ok(None);
            }
        };
        let relative = Source::relative(url, &cx.base);
        let file = relative.rsplit('/').next().unwrap_or_default();
        let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
        let name = rotative_core::Slug::from_title(stem)
            .map(|s| s.as_str().chars().take(60).collect::<String>())
            .ok()
            .map(|s| s.trim_end_matches('-').to_owned())
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "image".to_owned());
        let new = NewMedia {
            name,
            ext: images::extension(inspected.format).to_owned(),
            width: i64::from(inspected.width),
            height: i64::from(inspected.height),
            bytes: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
            alt: alt.trim().to_owned(),
        };
        let storage = self.storage.as_ref().context("no media storage")?;
        let id = cx.store.add_media(&new, self.by, self.now).await?;
        storage
            .put(&process_media::upload_key(id), bytes.into())
            .await
            .context("media storage")?;
        let media = cx.store.media(id).await?.context("the image just added")?;
        if !process_media::process(cx.store.as_ref(), storage, &media).await? {
            cx.store.delete_media(id).await?;
            cx.report.media.skipped += 1;
            cx.report.skip("images the pipeline could not decode");
            return Ok(None);
        }
        cx.report.media.imported += 1;
        Ok(Some(media))
    }
}

/// The imported images, and how to find them from the old addresses.
#[derive(Default)]
pub struct Images {
    /// The new path of each attachment, by its post id.
    pub by_attachment: HashMap<String, String>,
    /// The new path by the old file (relative to `wp-content/uploads`, or the old site).
    by_file: HashMap<String, String>,
    /// New media ids by the old ones, for texts exported by Rotative (`/media/{id}/…`).
    by_media_id: HashMap<String, i64>,
    /// Imports files met in texts that were not attachments of the file.
    fetcher: Option<Fetcher>,
    /// Whether files are imported at all (`--uploads` or `--media-base-url`).
    pub with_files: bool,
}

/// What ends an address in a text (HTML attributes, Markdown links, `srcset` lists).
fn url_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\'' | '(' | ')' | '<' | '>' | ',')
}

/// The address around the byte `at` of `text`: from after the delimiter before it to the
/// delimiter after it (delimiters may be several bytes long: a no-break space).
fn url_around(text: &str, at: usize) -> (usize, usize) {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|(_, c)| url_delimiter(*c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|(_, c)| url_delimiter(*c))
        .map_or(text.len(), |(i, _)| at + i);
    (start, end)
}

impl Images {
    /// Imports the uploads a text shows that no attachment of the file brought (an export
    /// of some posts only leaves them out), so that [`Images::rewrite`] finds them too.
    pub async fn import_from_text(&mut self, cx: &mut Context, text: &str) -> anyhow::Result<()> {
        let Some(fetcher) = &self.fetcher else {
            return Ok(());
        };
        let marker = "wp-content/uploads/";
        let mut wanted = Vec::new();
        let mut rest = text;
        while let Some(at) = rest.find(marker) {
            let (start, end) = url_around(rest, at);
            let url = rest[start..end]
                .split(['?', '#'])
                .next()
                .unwrap_or_default();
            // The marker may sit in the query (`timthumb.php?src=/wp-content/uploads/…`):
            // that is no upload address.
            if let Some(m) = url.find(marker) {
                let file = &url[m + marker.len()..];
                let original = without_size(file).unwrap_or_else(|| file.to_owned());
                if !file.is_empty()
                    && !self.by_file.contains_key(file)
                    && !self.by_file.contains_key(&original)
                {
                    let original_url = format!("{}{original}", &url[..m + marker.len()]);
                    wanted.push((original, original_url, file.to_owned(), url.to_owned()));
                }
            }
            rest = &rest[end.max(at + marker.len())..];
        }
        for (original, original_url, file, url) in wanted {
            if self.by_file.contains_key(&original) {
                continue;
            }
            // The original when the old site still has it, else the copy the text shows.
            let media = match fetcher.import(cx, &original_url, "").await? {
                Some(media) => Some(media),
                None if file != original => fetcher.import(cx, &url, "").await?,
                None => None,
            };
            let Some(media) = media else { continue };
            let path = format!("/media/{}/{}.{}", media.id, media.name, media.ext);
            self.by_file.insert(original.clone(), path.clone());
            self.by_file.insert(file, path.clone());
            // Keyed by the address's own path, as attachments are: a site installed in a
            // sub-folder (`/blog/wp-content/uploads/…`) keeps it.
            if let Some(key) = super::terms::legacy_key(&original_url) {
                cx.store.add_legacy_paths(&[(key, path)]).await?;
                cx.report.redirects += 1;
            }
            cx.store
                .remember_source_ids(UPLOADS_IN_TEXTS, &[(original, media.id, String::new())])
                .await?;
        }
        Ok(())
    }

    /// The text with the addresses of imported images replaced by their new paths.
    pub fn rewrite(&self, text: &str) -> String {
        if self.by_file.is_empty()
            || !(text.contains("wp-content/uploads/") || text.contains("/media/"))
        {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        loop {
            let next = [rest.find("wp-content/uploads/"), rest.find("/media/")]
                .into_iter()
                .flatten()
                .min();
            let Some(at) = next else { break };
            let (start, end) = url_around(rest, at);
            let url = &rest[start..end];
            out.push_str(&rest[..start]);
            out.push_str(&self.new_address(url).unwrap_or_else(|| url.to_owned()));
            rest = &rest[end..];
        }
        out.push_str(rest);
        out
    }

    fn new_address(&self, url: &str) -> Option<String> {
        let path = url.split(['?', '#']).next().unwrap_or_default();
        if let Some(i) = path.find("wp-content/uploads/") {
            let file = &path[i + "wp-content/uploads/".len()..];
            return self
                .by_file
                .get(file)
                .or_else(|| self.by_file.get(&without_size(file)?))
                .cloned();
        }
        let i = path.find("/media/")?;
        let rest = &path[i + "/media/".len()..];
        let (id, file) = rest.split_once('/')?;
        let new = self.by_media_id.get(id)?;
        Some(format!("/media/{new}/{file}"))
    }
}

/// Imports every attachment that is an image.
pub async fn import_all(
    cx: &mut Context,
    scan: &Scan,
    storage: Option<Arc<dyn MediaStorage>>,
    source: Source,
    by: UserId,
    now: Timestamp,
) -> anyhow::Result<Images> {
    let fetcher = Fetcher {
        source,
        storage,
        by,
        now,
    };
    let mut images = Images {
        with_files: fetcher.source.gives_files(),
        ..Images::default()
    };
    let known = super::known_ids(cx, "attachment").await?;
    let mut attachments: Vec<_> = scan.attachments.values().collect();
    attachments.sort_by(|a, b| a.id.cmp(&b.id));
    let mut remembered = Vec::new();
    let mut redirects = Vec::new();
    for attachment in attachments {
        let relative = Source::relative(&attachment.url, &cx.base);
        let existing = match known.get(&attachment.id) {
            Some(id) => cx.store.media(*id).await?,
            None => None,
        };
        let media = if let Some(media) = existing {
            cx.report.media.skipped += 1;
            cx.report.skip("images already imported");
            media
        } else if !fetcher.source.gives_files() {
            cx.report.media.skipped += 1;
            cx.report.skip(
                "images: neither --uploads nor --media-base-url was given (texts keep their old addresses)",
            );
            continue;
        } else if cx.dry_run {
            cx.report.media.imported += 1;
            continue;
        } else {
            let alt = if attachment.alt.trim().is_empty() {
                &attachment.title
            } else {
                &attachment.alt
            };
            match fetcher.import(cx, &attachment.url, alt).await? {
                Some(media) => media,
                None => continue,
            }
        };
        let path = format!("/media/{}/{}.{}", media.id, media.name, media.ext);
        images
            .by_attachment
            .insert(attachment.id.clone(), path.clone());
        images.by_file.insert(relative.clone(), path.clone());
        if let Some(old_id) = relative
            .strip_prefix("media/")
            .and_then(|rest| rest.split('/').next())
        {
            images.by_media_id.insert(old_id.to_owned(), media.id);
        }
        if let Some(key) = super::terms::legacy_key(&attachment.url) {
            redirects.push((key, path));
        }
        remembered.push((attachment.id.clone(), media.id, attachment.version.clone()));
    }
    cx.report.redirects += redirects.len() as u64;
    if !cx.dry_run {
        cx.store
            .remember_source_ids("attachment", &remembered)
            .await?;
        cx.store.add_legacy_paths(&redirects).await?;
    }
    for (file, id) in super::known_ids(cx, UPLOADS_IN_TEXTS).await? {
        if let Some(media) = cx.store.media(id).await? {
            let path = format!("/media/{}/{}.{}", media.id, media.name, media.ext);
            images.by_file.insert(file, path);
        }
    }
    if !cx.dry_run && fetcher.source.gives_files() {
        images.fetcher = Some(fetcher);
    }
    Ok(images)
}
