//! Posts and pages, with their comments, gathered in batches written in one transaction.

use super::media::Images;
use super::terms::{People, Taxonomy, legacy_key, slug_from, unique};
use super::{BATCH, Context};
use chrono::{NaiveDateTime, TimeZone, Utc};
use rotative_core::{ArticleId, ArticleStatus, CommentStatus, NewArticle, Slug, Timestamp};
use rotative_store::{ImportedArticle, ImportedComment};
use rotative_wordpress::content::{Leftovers, comment_text, to_markdown};
use rotative_wordpress::{WpComment, WpItem};
use std::collections::{HashMap, HashSet};

/// Post meta Rotative reads.
const UNDERSTOOD_META: &[&str] = &[
    "_thumbnail_id",
    "_rotative_markdown",
    "post_views_count",
    "_wp_old_slug",
];

/// Item types that are WordPress's own bookkeeping, not content.
const BOOKKEEPING: &[&str] = &[
    "revision",
    "nav_menu_item",
    "custom_css",
    "customize_changeset",
    "oembed_cache",
    "user_request",
    "wp_global_styles",
    "wp_navigation",
    "wp_template",
    "wp_template_part",
    "wp_font_face",
    "wp_font_family",
];

/// A date of the file: its UTC column when set, else its local one read in the site's
/// time zone.
fn date(gmt: &str, local: &str, settings: &rotative_core::SiteSettings) -> Option<Timestamp> {
    let format = "%Y-%m-%d %H:%M:%S";
    let usable = |s: &str| !s.is_empty() && !s.starts_with("0000");
    if usable(gmt)
        && let Ok(at) = NaiveDateTime::parse_from_str(gmt.trim(), format)
    {
        return Some(Utc.from_utc_datetime(&at));
    }
    if usable(local)
        && let Ok(at) = NaiveDateTime::parse_from_str(local.trim(), format)
    {
        return settings
            .timezone
            .from_local_datetime(&at)
            .earliest()
            .map(|at| at.with_timezone(&Utc));
    }
    None
}

/// The batch being gathered, and what the items need to know.
pub struct Writer {
    people: People,
    taxonomy: Taxonomy,
    /// The imported images (set once they are).
    pub images: Images,
    known: HashMap<(&'static str, String), (i64, String)>,
    /// In a dry run, the comments an earlier import brought (nothing else tells).
    known_comments: Option<HashSet<String>>,
    batch: Vec<ImportedArticle>,
    slugs: HashSet<String>,
    /// The ids of the posts and pages met so far in the file.
    listed: HashSet<String>,
}

impl Writer {
    /// A writer that knows what earlier imports made.
    pub async fn new(cx: &mut Context, people: People, taxonomy: Taxonomy) -> anyhow::Result<Self> {
        let mut known = HashMap::new();
        for kind in ["post", "page"] {
            for (wp, id, version) in super::source_ids(cx, kind).await? {
                known.insert((kind, wp), (id, version));
            }
        }
        let known_comments = if cx.dry_run {
            Some(
                super::source_ids(cx, "comment")
                    .await?
                    .into_iter()
                    .map(|(wp, _, _)| wp)
                    .collect(),
            )
        } else {
            None
        };
        Ok(Self {
            people,
            taxonomy,
            images: Images::default(),
            known,
            known_comments,
            batch: Vec::with_capacity(BATCH),
            slugs: HashSet::new(),
            listed: HashSet::new(),
        })
    }

    /// The account of a login (or the fallback).
    pub async fn author(
        &mut self,
        cx: &mut Context,
        login: &str,
        now: Timestamp,
    ) -> anyhow::Result<rotative_core::UserId> {
        self.people.get(cx, login, now).await
    }

    /// The version an item is remembered at: WordPress's time of its last change, marked
    /// when its images were not imported (no `--uploads` nor `--media-base-url`), so that an
    /// import with them rewrites it, its texts then pointing at the library. (No time: no
    /// version, and every import rewrites it.)
    fn version(&self, item: &WpItem) -> String {
        if self.images.with_files || item.modified_gmt.is_empty() {
            item.modified_gmt.clone()
        } else {
            format!("{} (without images)", item.modified_gmt)
        }
    }

    /// Whether the batch is ready to be written.
    pub fn full(&self) -> bool {
        self.batch.len() >= BATCH
    }

    /// Takes an item of the file.
    pub async fn item(
        &mut self,
        cx: &mut Context,
        item: WpItem,
        now: Timestamp,
    ) -> anyhow::Result<()> {
        let kind = match item.post_type.as_str() {
            "post" => "post",
            "page" => "page",
            "attachment" => return Ok(()),
            other if BOOKKEEPING.contains(&other) => {
                cx.report
                    .skip(format!("{other} items (WordPress's own bookkeeping)"));
                return Ok(());
            }
            other => {
                cx.report.unknown("post types", other, 1);
                return Ok(());
            }
        };
        // An id listed twice (files merged by hand): WordPress has one post per id, and so
        // does the import; the first is kept.
        if !self.listed.insert(item.id.clone()) {
            cx.report
                .skip(format!("{kind}s listed twice in the file (the first kept)"));
            return Ok(());
        }
        let status = match item.status.as_str() {
            "publish" => ArticleStatus::Published,
            "future" => ArticleStatus::Scheduled,
            "draft" | "pending" | "private" => ArticleStatus::Draft,
            "trash" => ArticleStatus::Archived,
            other => {
                cx.report.skip(format!("{kind}s with the status {other:?}"));
                return Ok(());
            }
        };
        if item.status == "private" {
            cx.report
                .skip(format!("private {kind}s imported as drafts (not skipped)"));
        }
        if item.status == "pending" {
            cx.report.skip(format!(
                "{kind}s pending review imported as drafts (not skipped)"
            ));
        }
        let tally = if kind == "post" {
            &mut cx.report.posts
        } else {
            &mut cx.report.pages
        };
        let existing = self.known.get(&(kind, item.id.clone())).cloned();
        let version = self.version(&item);
        let rewrite = existing
            .as_ref()
            .is_none_or(|(_, known)| known.is_empty() || *known != version);
        match (&existing, rewrite) {
            (None, _) => tally.imported += 1,
            (Some(_), true) => tally.updated += 1,
            (Some(_), false) => tally.skipped += 1,
        }
        if existing.is_some() && !rewrite {
            cx.report
                .skip(format!("{kind}s unchanged since the last import"));
        }

        let written = date(&item.date_gmt, &item.date, &cx.settings);
        let published_at = match status {
            ArticleStatus::Draft => None,
            _ => Some(written.unwrap_or(now)),
        };
        let created_at = written.unwrap_or(now);

        if rewrite && item.meta("_rotative_markdown").is_none() {
            self.images.import_from_text(cx, &item.content).await?;
        }
        let mut leftovers = Leftovers::default();
        let body_markdown = match item.meta("_rotative_markdown") {
            Some(markdown) => self.images.rewrite(markdown),
            None => to_markdown(&self.images.rewrite(&item.content), &mut leftovers),
        };
        for (name, count) in &leftovers.shortcodes {
            cx.report.unknown("shortcodes", name, *count);
        }
        for (key, _) in &item.meta {
            if !UNDERSTOOD_META.contains(&key.as_str()) {
                cx.report.unknown("post meta", key, 1);
            }
        }
        let rendered = rotative_markup::render(&body_markdown);
        let excerpt = match comment_text(&item.excerpt) {
            text if text.trim().is_empty() => rendered.excerpt.clone(),
            text => text,
        };

        let mut category = None;
        let mut tags = Vec::new();
        for term in &item.terms {
            match term.domain.as_str() {
                "category" => {
                    let id = self.taxonomy.category(&term.slug);
                    if category.is_none() {
                        category = id;
                    } else if id.is_some() && id != category {
                        cx.report
                            .skip("further categories of posts in several (filed under the first)");
                    }
                }
                "post_tag" => tags.extend(self.taxonomy.tag(&term.slug, &term.name)),
                other => cx.report.unknown("taxonomies", other, 1),
            }
        }
        let category_id = match (kind, category) {
            ("page", _) => self.taxonomy.pages(cx).await?,
            (_, Some(id)) => id,
            (_, None) => self.taxonomy.fallback(cx).await?,
        };
        let author_id = self.people.get(cx, &item.creator, now).await?;

        let fallback = if item.title.trim().is_empty() {
            format!("{kind}-{}", item.id)
        } else {
            item.title.clone()
        };
        let mut slug = slug_from(&item.slug, &fallback)
            .or_else(|| Slug::parse(&format!("{kind}-{}", item.id)).ok())
            .ok_or_else(|| anyhow::anyhow!("{kind} {}: no usable slug", item.id))?;
        if slug.is_reserved_for_articles() || self.slugs.contains(slug.as_str()) {
            slug = unique(slug, &self.slugs, Slug::is_reserved_for_articles);
        }
        self.slugs.insert(slug.as_str().to_owned());

        let mut legacy = Vec::new();
        legacy.extend(legacy_key(&item.link));
        if !item.id.is_empty() {
            legacy.push(format!("?p={}", item.id));
            if kind == "page" {
                legacy.push(format!("?page_id={}", item.id));
            }
        }
        // Slugs the post had before: WordPress still answered at those addresses.
        if let Some(current) = legacy_key(&item.link) {
            let slug_now = percent_encoding::percent_decode_str(&item.slug).decode_utf8_lossy();
            for (key, old) in &item.meta {
                let old = percent_encoding::percent_decode_str(old).decode_utf8_lossy();
                let segment = format!("/{slug_now}/");
                if key == "_wp_old_slug" && !old.is_empty() && current.contains(&segment) {
                    legacy.push(current.replacen(&segment, &format!("/{old}/"), 1));
                }
            }
        }
        let featured_image = item
            .meta("_thumbnail_id")
            .and_then(|id| self.images.by_attachment.get(id))
            .cloned();
        let view_count = item
            .meta("post_views_count")
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(0);
        if item.sticky {
            cx.report
                .skip("sticky posts imported as ordinary posts (not skipped)");
        }

        let mut comments = Vec::new();
        for (n, comment) in item.comments.iter().enumerate() {
            if let Some(mut comment) = self.comment(cx, comment, now) {
                // A comment without an id gets one from its place, stable across imports.
                if comment.source_id.trim().is_empty() {
                    comment.source_id = format!("{}#{n}", item.id);
                }
                comments.push(comment);
            }
        }
        let title = if item.title.trim().is_empty() {
            fallback
        } else {
            item.title.trim().to_owned()
        };
        self.batch.push(ImportedArticle {
            kind,
            source_id: item.id.clone(),
            version,
            existing: existing.map(|(id, _)| ArticleId(id)),
            rewrite,
            article: NewArticle {
                slug,
                title,
                excerpt,
                body_markdown,
                body_html: rendered.html,
                status,
                published_at,
                author_id,
                category_id,
                featured_image,
                tags,
                view_count,
                comments_open: item.comment_status != "closed",
                lang: None,
                sticky: item.sticky,
            },
            created_at,
            comments,
            legacy_paths: legacy,
        });
        Ok(())
    }

    fn comment(
        &mut self,
        cx: &mut Context,
        comment: &WpComment,
        now: Timestamp,
    ) -> Option<ImportedComment> {
        if matches!(comment.kind.as_str(), "pingback" | "trackback") {
            cx.report.comments.skipped += 1;
            cx.report
                .skip(format!("{}s (Rotative has none)", comment.kind));
            return None;
        }
        let status = match comment.approved.as_str() {
            "1" | "approve" | "approved" => CommentStatus::Approved,
            "spam" => CommentStatus::Spam,
            "trash" | "post-trashed" => CommentStatus::Trash,
            _ => CommentStatus::Pending,
        };
        let body = comment_text(&comment.content);
        if body.is_empty() {
            cx.report.comments.skipped += 1;
            cx.report.skip("empty comments");
            return None;
        }
        if let Some(known) = &self.known_comments {
            if known.contains(&comment.id) {
                cx.report.comments.skipped += 1;
                cx.report.skip("comments already imported");
            } else {
                cx.report.comments.imported += 1;
            }
        }
        let url = comment.author_url.trim();
        Some(ImportedComment {
            source_id: comment.id.clone(),
            parent: Some(comment.parent.clone()).filter(|p| !p.is_empty() && p != "0"),
            author_name: match comment.author.trim() {
                "" => "Anonyme".to_owned(),
                name => name
                    .chars()
                    .take(rotative_core::comment::MAX_NAME_CHARS)
                    .collect(),
            },
            author_email: comment.author_email.trim().to_owned(),
            author_url: (url.starts_with("http://") || url.starts_with("https://"))
                .then(|| url.to_owned()),
            body,
            status,
            ip: comment.author_ip.clone(),
            created_at: date(&comment.date_gmt, &comment.date, &cx.settings).unwrap_or(now),
        })
    }

    /// Writes the batch (in a dry run, only counts it).
    pub async fn flush(&mut self, cx: &mut Context, now: Timestamp) -> anyhow::Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let mut batch = std::mem::take(&mut self.batch);
        self.slugs.clear();
        cx.report.redirects += batch
            .iter()
            .map(|a| a.legacy_paths.len() as u64)
            .sum::<u64>();
        if cx.dry_run {
            return Ok(());
        }
        // Slugs another article holds already: the imported one takes `-{its id}` (or
        // `-{its id}-2`… when that is taken too, here or in the batch).
        let slugs: Vec<String> = batch
            .iter()
            .map(|a| a.article.slug.as_str().to_owned())
            .collect();
        let taken: HashMap<String, i64> = cx.store.slugs_taken(&slugs).await?.into_iter().collect();
        let mut in_batch: HashSet<String> = slugs.into_iter().collect();
        for item in &mut batch {
            let holder = taken.get(item.article.slug.as_str());
            if holder.is_none_or(|holder| Some(ArticleId(*holder)) == item.existing) {
                continue;
            }
            let first = format!("wp{}", item.source_id);
            for n in 1..1000 {
                let suffix = if n == 1 {
                    first.clone()
                } else {
                    format!("{first}-{n}")
                };
                let candidate = super::terms::with_suffix(&item.article.slug, &suffix);
                // Held by this very article (its slug from an earlier import): still its.
                let free = !in_batch.contains(candidate.as_str())
                    && cx
                        .store
                        .slugs_taken(&[candidate.as_str().to_owned()])
                        .await?
                        .iter()
                        .all(|(_, holder)| Some(ArticleId(*holder)) == item.existing);
                if free {
                    in_batch.insert(candidate.as_str().to_owned());
                    item.article.slug = candidate;
                    break;
                }
            }
        }
        let outcome = cx.store.import_articles(&batch, now).await?;
        cx.report.comments.imported += outcome.comments;
        cx.report.comments.skipped += outcome.comments_known;
        if outcome.comments_known > 0 {
            *cx.report
                .skipped
                .entry("comments already imported".to_owned())
                .or_default() += outcome.comments_known;
        }
        Ok(())
    }
}
