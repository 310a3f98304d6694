//! Sitemaps for search engines: `/sitemap.xml` is an index of `/sitemap-articles-{n}.xml`
//! (the public articles by id, `Options::sitemap_page_size` a page, 50,000 by default,
//! the protocol's limit), `/sitemap-categories.xml`, `/sitemap-tags.xml` and
//! `/sitemap-authors.xml`, each URL with when it last changed; `/news-sitemap.xml` lists
//! the articles of the last 48 hours with Google News' tags.
//!
//! All are cached like pages and tagged with the home page, which every article write
//! drops (category, tag and profile changes drop every cached page).

use crate::AppState;
use crate::cache::CacheTag;
use crate::error::AppError;
use crate::extract::Segments;
use axum::extract::State;
use axum::response::Response;
use rotative_core::{Category, Timestamp};
use rotative_feeds::sitemap::{self, NewsArticle, Url};
use rotative_feeds::{MAX_NEWS_URLS, NEWS_WINDOW_HOURS};
use rotative_store::SitemapEntry;

const XML: &str = "application/xml; charset=utf-8";

/// The sitemaps of the taxonomy and the authors, by file name.
const LISTS: [&str; 3] = [
    "sitemap-categories.xml",
    "sitemap-tags.xml",
    "sitemap-authors.xml",
];

/// `GET /sitemap.xml`: the index.
pub async fn index(State(state): State<AppState>) -> Result<Response, AppError> {
    let base_url = state.settings().base_url.clone();
    let now = state.clock().now();
    let store = state.store();
    let pages = store
        .sitemap_article_pages(state.options().sitemap_page_size, now)
        .await?;
    let mut sitemaps: Vec<Url> = pages
        .into_iter()
        .enumerate()
        .map(|(n, lastmod)| Url {
            loc: format!("{base_url}/sitemap-articles-{}.xml", n + 1),
            lastmod: Some(lastmod),
        })
        .collect();
    let latest = |entries: Vec<Timestamp>| entries.into_iter().max();
    let lastmods = [
        latest(
            store
                .category_lastmods(now)
                .await?
                .into_iter()
                .map(|(_, at)| at)
                .collect(),
        ),
        latest(
            store
                .sitemap_tags(now)
                .await?
                .into_iter()
                .map(|e| e.lastmod)
                .collect(),
        ),
        latest(
            store
                .sitemap_authors(now)
                .await?
                .into_iter()
                .map(|e| e.lastmod)
                .collect(),
        ),
    ];
    sitemaps.extend(LISTS.iter().zip(lastmods).map(|(file, lastmod)| Url {
        loc: format!("{base_url}/{file}"),
        lastmod,
    }));
    Ok(xml(sitemap::index(&sitemaps)))
}

/// `GET /sitemap-articles-{n}.xml` (the route's parameter is `{n}.xml`): page `n`, from 1.
pub async fn articles(
    State(state): State<AppState>,
    Segments(file): Segments<String>,
) -> Result<Response, AppError> {
    let n = file
        .strip_suffix(".xml")
        .and_then(|n| n.parse::<u32>().ok())
        .filter(|n| *n >= 1 && file == format!("{n}.xml"))
        .ok_or_else(AppError::not_found)?;
    let entries = state
        .store()
        .sitemap_articles(
            state.options().sitemap_page_size,
            n - 1,
            state.clock().now(),
        )
        .await?;
    if entries.is_empty() && n > 1 {
        return Err(AppError::not_found());
    }
    Ok(xml(url_set(&state, entries)))
}

/// `GET /sitemap-categories.xml`: every category, changed when the latest of its articles
/// or of its sub-categories' did.
pub async fn categories(State(state): State<AppState>) -> Result<Response, AppError> {
    let site = state.site_data().await?;
    let lastmods = state.store().category_lastmods(state.clock().now()).await?;
    let categories = &site.categories;
    let mut latest = std::collections::HashMap::new();
    for (id, at) in lastmods {
        for category in Category::lineage(categories, id) {
            let entry = latest.entry(category.id).or_insert(at);
            *entry = (*entry).max(at);
        }
    }
    let base_url = state.settings().base_url.clone();
    let urls: Vec<Url> = categories
        .iter()
        .map(|c| Url {
            loc: format!("{base_url}/{}/", c.slug),
            lastmod: latest.get(&c.id).copied(),
        })
        .collect();
    Ok(xml(sitemap::url_set(&urls)))
}

/// `GET /sitemap-tags.xml`: the tags carrying public articles.
pub async fn tags(State(state): State<AppState>) -> Result<Response, AppError> {
    let entries = state.store().sitemap_tags(state.clock().now()).await?;
    Ok(xml(url_set(&state, entries)))
}

/// `GET /sitemap-authors.xml`: the authors of public articles.
pub async fn authors(State(state): State<AppState>) -> Result<Response, AppError> {
    let entries = state.store().sitemap_authors(state.clock().now()).await?;
    Ok(xml(url_set(&state, entries)))
}

/// `GET /news-sitemap.xml`: the articles published in the last 48 hours, newest first.
pub async fn news(State(state): State<AppState>) -> Result<Response, AppError> {
    let settings = state.settings();
    let now = state.clock().now();
    let since = now - chrono::Duration::hours(NEWS_WINDOW_HOURS);
    let recent = state
        .store()
        .articles_since(since, MAX_NEWS_URLS, now)
        .await?;
    let articles: Vec<NewsArticle> = recent
        .iter()
        .map(|a| NewsArticle {
            loc: format!("{}{}", settings.base_url, a.path()),
            title: a.title.clone(),
            published: a.published_at.unwrap_or(now),
        })
        .collect();
    let body = sitemap::news(&settings.name, settings.locale.code(), &articles);
    let mut tags = vec![CacheTag::Home];
    tags.extend(recent.iter().map(|a| CacheTag::Article(a.id)));
    Ok(crate::render::document(XML, body, tags))
}

fn url_set(state: &AppState, entries: Vec<SitemapEntry>) -> String {
    let base_url = &state.settings().base_url;
    let urls: Vec<Url> = entries
        .into_iter()
        .map(|e| Url {
            loc: format!("{base_url}{}", e.path),
            lastmod: Some(e.lastmod),
        })
        .collect();
    sitemap::url_set(&urls)
}

fn xml(body: String) -> Response {
    crate::render::document(XML, body, vec![CacheTag::Home])
}
