//! The feeds: `/feed/` (RSS) and `/feed/atom/` for the whole site, and the same under
//! each category (`/{category}/feed/`, with its sub-categories' articles), tag
//! (`/tag/{tag}/feed/`) and author (`/author/{author}/feed/`): the latest
//! [`FEED_ITEMS`] public articles, newest first, with their whole text when the site's
//! `feeds.full_content` setting says so, and their featured image as an enclosure.
//!
//! Feeds are cached like pages and tagged like the lists they mirror, so a publication,
//! an edit or an unpublication shows in them on the next request.

use super::list::{ListSource, resolve_or_moved};
use crate::AppState;
use crate::cache::CacheTag;
use crate::error::AppError;
use crate::extract::Segments;
use axum::extract::State;
use axum::response::Response;
use rotative_core::ArticleSummary;
use rotative_feeds::FEED_ITEMS;
use rotative_feeds::feed::{Channel, Enclosure, Entry, absolute_links};
use rotative_store::ArticleFilter;
use std::collections::HashMap;

/// A feed format.
pub(crate) trait Format {
    /// Its media type.
    const CONTENT_TYPE: &'static str;
    /// Where it is under the list it follows (`feed/`).
    const PATH: &'static str;
    /// The document.
    fn render(channel: &Channel, entries: &[Entry]) -> String;
}

/// RSS 2.0, at `…/feed/`.
pub(crate) struct Rss;

impl Format for Rss {
    const CONTENT_TYPE: &'static str = "application/rss+xml; charset=utf-8";
    const PATH: &'static str = "feed/";
    fn render(channel: &Channel, entries: &[Entry]) -> String {
        rotative_feeds::feed::rss(channel, entries)
    }
}

/// Atom, at `…/feed/atom/`.
pub(crate) struct Atom;

impl Format for Atom {
    const CONTENT_TYPE: &'static str = "application/atom+xml; charset=utf-8";
    const PATH: &'static str = "feed/atom/";
    fn render(channel: &Channel, entries: &[Entry]) -> String {
        rotative_feeds::feed::atom(channel, entries)
    }
}

/// What a feed follows.
struct Source {
    filter: ArticleFilter,
    /// The path of the list it mirrors, ending in `/`.
    base: String,
    title: String,
    description: String,
    tag: CacheTag,
}

/// `GET /feed/` and `/feed/atom/`: the whole site's.
pub(crate) async fn site<F: Format>(State(state): State<AppState>) -> Result<Response, AppError> {
    let settings = state.settings();
    let source = Source {
        filter: ArticleFilter::All,
        base: "/".to_owned(),
        title: settings.name.clone(),
        description: if settings.tagline.is_empty() {
            settings.name.clone()
        } else {
            settings.tagline.clone()
        },
        // The home page lists the latest articles too: whatever changes it changes this.
        tag: CacheTag::Home,
    };
    render::<F>(&state, source).await
}

/// `GET /{category}/feed/`, `/tag/{tag}/feed/`, `/author/{author}/feed/` (and `atom/`): a
/// list's; a renamed category or tag answers 301 to its new feed, an unknown one 404.
pub(crate) async fn list<L: ListSource, F: Format>(
    State(state): State<AppState>,
    Segments(slug): Segments<String>,
) -> Result<Response, AppError> {
    let site = state.site_data().await?;
    let subject = match resolve_or_moved::<L>(&state, &slug, &site).await? {
        Ok(subject) => subject,
        Err(moved) => return Ok(crate::redirect::permanent(&format!("{moved}{}", F::PATH))),
    };
    let name = state.settings().name.clone();
    let source = Source {
        filter: subject.filter,
        title: format!("{} – {name}", subject.heading),
        description: if subject.description.is_empty() {
            subject.heading
        } else {
            subject.description
        },
        base: subject.base,
        tag: subject.tag,
    };
    render::<F>(&state, source).await
}

async fn render<F: Format>(state: &AppState, source: Source) -> Result<Response, AppError> {
    let settings = state.settings();
    let base_url = settings.base_url.as_str();
    let now = state.clock().now();
    let store = state.store();
    let articles = store
        .public_articles(source.filter, FEED_ITEMS, 0, now)
        .await?;
    let ids: Vec<_> = articles.iter().map(|a| a.id).collect();
    let mut bodies: HashMap<_, _> = store
        .article_bodies(&ids)
        .await?
        .into_iter()
        .map(|body| (body.id, body))
        .collect();
    let mut entries = Vec::with_capacity(articles.len());
    for article in &articles {
        let published = article.published_at.unwrap_or(now);
        let body = bodies.remove(&article.id);
        let updated = body
            .as_ref()
            .map_or(published, |b| b.updated_at.max(published));
        let content_html = body
            .filter(|_| settings.feeds_full_content)
            .map(|b| absolute_links(&b.body_html, base_url));
        entries.push(Entry {
            title: article.title.clone(),
            link: format!("{base_url}{}", article.path()),
            summary: article.excerpt.clone(),
            content_html,
            published,
            updated,
            author: article.author.name.clone(),
            category: Some(article.category.name.clone()),
            enclosure: enclosure(state, article, base_url).await?,
        });
    }
    let channel = Channel {
        title: source.title,
        link: format!("{base_url}{}", source.base),
        self_link: format!("{base_url}{}{}", source.base, F::PATH),
        description: source.description,
        language: settings.locale.code().to_owned(),
        updated: entries.iter().map(|e| e.updated).max().unwrap_or(now),
        publisher: settings.name.clone(),
    };
    let mut tags = vec![source.tag];
    tags.extend(ids.into_iter().map(CacheTag::Article));
    Ok(crate::render::document(
        F::CONTENT_TYPE,
        F::render(&channel, &entries),
        tags,
    ))
}

/// The featured image as an enclosure: a library image with its size (that of the
/// upload, for the original; 0, "unknown", for a resized variant), another image with
/// size 0. An image of the library that is gone or not ready yet is left out.
async fn enclosure(
    state: &AppState,
    article: &ArticleSummary,
    base_url: &str,
) -> Result<Option<Enclosure>, AppError> {
    let Some(path) = article.featured_image.as_deref() else {
        return Ok(None);
    };
    let ext = path.rsplit('.').next().unwrap_or_default();
    let Some(mime) = crate::media::mime_type(&ext.to_ascii_lowercase()) else {
        return Ok(None);
    };
    let length = if path.starts_with("/media/") {
        let Some(media) = crate::media::library_item(state, path).await? else {
            return Ok(None);
        };
        let original = format!(
            "/media/{}",
            crate::media::original_key(media.id, &media.name, &media.ext)
        );
        if path == original {
            u64::try_from(media.bytes).unwrap_or(0)
        } else {
            0
        }
    } else {
        0
    };
    let url = if path.starts_with("//") {
        format!("https:{path}")
    } else if path.starts_with('/') {
        format!("{base_url}{path}")
    } else {
        path.to_owned()
    };
    Ok(Some(Enclosure {
        url,
        length,
        mime: mime.to_owned(),
    }))
}
