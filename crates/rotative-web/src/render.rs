//! Putting pages together: the layout every page shares, and rendering through the theme.

use crate::cache::{CacheTag, PageTags};
use crate::error::{AppError, UserError};
use crate::{AppState, SiteData};
use axum::response::{Html, IntoResponse, Response};
use rotative_core::{Category, CategoryId, SiteSettings};
use rotative_theme::PageView;
use rotative_theme::views::{Card, ErrorView, Layout, MenuItem, Shared, SiteView};
use std::collections::BTreeMap;

/// How many articles the sidebar lists show.
pub(crate) const SIDEBAR_ITEMS: u32 = 5;

/// What a page says about itself to the layout.
pub(crate) struct PageMeta {
    /// The document title, before the site's name is added.
    pub title: Option<String>,
    /// The canonical path.
    pub canonical: String,
    /// The category the page belongs to, to highlight in the menu.
    pub category: Option<CategoryId>,
}

/// A page's layout, and the cache tags of what it shows so far (handlers add theirs), and
/// the ad creatives it shows (each serving of the page counts an impression of them).
pub(crate) struct Frame {
    pub layout: Layout,
    pub tags: Vec<CacheTag>,
    pub ads: Vec<i64>,
    /// The page's category and its parents, for ad targeting.
    ad_categories: Vec<CategoryId>,
    ad_label: String,
    now: rotative_core::Timestamp,
}

impl Frame {
    /// A creative for an ad zone of this page, as HTML, chosen by weight; `None` when no
    /// creative may show there (the zone then renders nothing).
    pub fn ad(&mut self, state: &AppState, zone: &str) -> Option<String> {
        let (id, html) = state
            .ads()
            .choose(zone, &self.ad_categories, self.now, &self.ad_label)?;
        self.ads.push(id);
        Some(html.as_ref().to_owned())
    }

    /// Tags the page with the articles of these cards.
    pub fn shows(&mut self, cards: &[Card]) {
        self.tags
            .extend(cards.iter().map(|c| CacheTag::Article(c.article.id)));
    }
}

/// The layout of a page, from the site data the handler fetched.
pub(crate) fn frame(state: &AppState, meta: PageMeta, site: &SiteData) -> Frame {
    let settings = state.settings();
    let now = state.clock().now();
    let categories = &site.categories;
    let active_top = meta
        .category
        .and_then(|id| Category::lineage(categories, id).first().map(|c| c.id));
    let menu = categories
        .iter()
        .filter(|c| c.parent_id.is_none())
        .map(|c| MenuItem {
            name: c.name.clone(),
            url: rotative_core::article::path(&[&c.slug]),
            active: Some(c.id) == active_top,
        })
        .collect();
    let title = match meta.title {
        Some(title) => format!("{title} – {}", settings.name),
        None if settings.tagline.is_empty() => settings.name.clone(),
        None => format!("{} – {}", settings.name, settings.tagline),
    };
    let layout = Layout {
        locale: settings.locale,
        dir: settings.locale.direction(),
        digits: settings.digits,
        timezone: settings.timezone,
        site: site_view(&settings),
        today: now,
        menu,
        most_read: site.most_read.clone(),
        latest: site.latest.clone(),
        slots: BTreeMap::new(),
        title,
        canonical: meta.canonical,
        seo: rotative_theme::views::Seo {
            description: crate::seo::description(&settings.tagline),
            og_type: "website",
            og_locale: crate::seo::og_locale(settings.locale),
            ..rotative_theme::views::Seo::default()
        },
    };
    let ad_categories = meta
        .category
        .map(|id| {
            Category::lineage(categories, id)
                .iter()
                .map(|c| c.id)
                .collect()
        })
        .unwrap_or_default();
    let mut frame = Frame {
        tags: vec![CacheTag::Latest],
        layout,
        ads: Vec::new(),
        ad_categories,
        ad_label: state
            .theme()
            .translations()
            .text(settings.locale, "ad-label")
            .into_owned(),
        now,
    };
    for zone in ["header", "sidebar-left", "sidebar-right"] {
        if let Some(html) = frame.ad(state, zone) {
            frame.layout.slots.insert(zone.to_owned(), html);
        }
    }
    crate::weather::place(state, &mut frame.layout.slots);
    frame.shows(site.most_read.cards());
    frame.shows(site.latest.cards());
    frame
}

fn site_view(settings: &SiteSettings) -> SiteView {
    SiteView {
        name: settings.name.clone(),
        tagline: settings.tagline.clone(),
        logo: settings.logo.clone(),
        base_url: settings.base_url.clone(),
    }
}

/// Renders a public page as an HTML response, tagged for the page cache.
pub(crate) fn page<T: PageView>(
    state: &AppState,
    template: &str,
    frame: Frame,
    view: &T,
) -> Result<Response, AppError> {
    let html = state.theme().render_page(template, &frame.layout, view)?;
    let mut response = Html(html).into_response();
    response.extensions_mut().insert(PageTags(frame.tags));
    if !frame.ads.is_empty() {
        response
            .extensions_mut()
            .insert(crate::cache::ShowsAds(frame.ads));
    }
    Ok(response)
}

/// A document other than a page (a feed, a sitemap, `robots.txt`) as a response of its
/// media type, tagged for the page cache with what it shows.
pub(crate) fn document(content_type: &'static str, body: String, tags: Vec<CacheTag>) -> Response {
    let mut response = (
        [(
            axum::http::header::CONTENT_TYPE,
            axum::http::HeaderValue::from_static(content_type),
        )],
        body,
    )
        .into_response();
    response.extensions_mut().insert(PageTags(tags));
    response
}

fn error_view(kind: UserError, request_id: Option<String>) -> ErrorView {
    let (title_key, body_key) = kind.keys();
    ErrorView {
        status: kind.status().as_u16(),
        title_key,
        body_key,
        request_id,
    }
}

/// The full error page, with the site's menu and sidebars.
pub(crate) async fn error_page(
    state: &AppState,
    kind: UserError,
    request_id: Option<String>,
) -> Result<String, AppError> {
    let settings = state.settings();
    let title = state
        .theme()
        .translations()
        .text(settings.locale, kind.keys().0)
        .into_owned();
    let site = state.site_data().await?;
    let meta = PageMeta {
        title: Some(title),
        canonical: "/".to_owned(),
        category: None,
    };
    let layout = frame(state, meta, &site).layout;
    let view = error_view(kind, request_id);
    Ok(state.theme().render_page("error.html", &layout, &view)?)
}

/// The error page without anything from the database, for when the database is the problem.
pub(crate) fn bare_error_page(
    state: &AppState,
    kind: UserError,
    request_id: Option<String>,
) -> String {
    let settings = state.settings();
    let layout = Layout {
        locale: settings.locale,
        dir: settings.locale.direction(),
        digits: settings.digits,
        timezone: settings.timezone,
        site: site_view(&settings),
        today: state.clock().now(),
        menu: Vec::new(),
        most_read: Shared::default(),
        latest: Shared::default(),
        slots: BTreeMap::new(),
        title: settings.name.clone(),
        canonical: "/".to_owned(),
        seo: rotative_theme::views::Seo {
            og_type: "website",
            og_locale: crate::seo::og_locale(settings.locale),
            ..rotative_theme::views::Seo::default()
        },
    };
    let view = error_view(kind, request_id);
    state
        .theme()
        .render_page("error.html", &layout, &view)
        .unwrap_or_else(|error| {
            tracing::error!(%error, "the error template fails");
            format!(
                "<!doctype html><title>{0}</title><h1>{0}</h1>",
                kind.status()
            )
        })
}
