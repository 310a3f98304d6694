//! Sitemaps (sitemaps.org 0.9): the index, pages of URLs, and the Google News sitemap.

use crate::xml::Writer;
use crate::{Timestamp, w3c};

/// The namespace of sitemaps.
pub const SITEMAP_NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
/// The namespace of Google News' extension.
pub const NEWS_NS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

/// A URL (or a sitemap, in the index) and when it last changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Url {
    /// The absolute address.
    pub loc: String,
    /// When it last changed, when known.
    pub lastmod: Option<Timestamp>,
}

/// An article in the Google News sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewsArticle {
    /// Its absolute address.
    pub loc: String,
    /// Its title.
    pub title: String,
    /// When it was published.
    pub published: Timestamp,
}

/// The sitemap index listing `sitemaps`.
pub fn index(sitemaps: &[Url]) -> String {
    let mut w = Writer::new();
    w.open("sitemapindex", &[("xmlns", SITEMAP_NS)]);
    for sitemap in sitemaps {
        w.open("sitemap", &[]);
        location(&mut w, sitemap);
        w.close("sitemap");
    }
    w.close("sitemapindex");
    w.finish()
}

/// A sitemap of `urls` (at most [`crate::MAX_SITEMAP_URLS`]: the caller pages them).
pub fn url_set(urls: &[Url]) -> String {
    let mut w = Writer::with_capacity(urls.len() * 160);
    w.open("urlset", &[("xmlns", SITEMAP_NS)]);
    for url in urls {
        w.open("url", &[]);
        location(&mut w, url);
        w.close("url");
    }
    w.close("urlset");
    w.finish()
}

fn location(w: &mut Writer, url: &Url) {
    w.text("loc", &[], &url.loc);
    if let Some(at) = url.lastmod {
        w.text("lastmod", &[], &w3c(at));
    }
}

/// The Google News sitemap: `articles` of publication `name` in `language` (an ISO 639
/// code such as `fr`).
pub fn news(name: &str, language: &str, articles: &[NewsArticle]) -> String {
    let mut w = Writer::with_capacity(articles.len() * 400);
    w.open("urlset", &[("xmlns", SITEMAP_NS), ("xmlns:news", NEWS_NS)]);
    for article in articles {
        w.open("url", &[]);
        w.text("loc", &[], &article.loc);
        w.open("news:news", &[]);
        w.open("news:publication", &[]);
        w.text("news:name", &[], name);
        w.text("news:language", &[], language);
        w.close("news:publication");
        w.text("news:publication_date", &[], &w3c(article.published));
        w.text("news:title", &[], &article.title);
        w.close("news:news");
        w.close("url");
    }
    w.close("urlset");
    w.finish()
}
