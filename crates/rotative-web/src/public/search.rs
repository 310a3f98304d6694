//! `/recherche?q=…` (and `/search?q=…`): the site's search.
//!
//! Filters: `category=slug` (with its sub-categories), `from=YYYY-MM-DD` and
//! `to=YYYY-MM-DD` (days in the site's time zone, both included); a filter that does not
//! parse is ignored and the page says so. `page=N` as on lists (anything but a whole
//! number from 1 is a 400 page, a page past the end a 404). The page is personal to its
//! query: never kept in the page cache, `no-store`, and `noindex` for search engines.

use crate::audience::Countable;
use crate::cache::PageTags;
use crate::error::{AppError, UserError};
use crate::render::{self, PageMeta};
use crate::{AppState, SiteData};
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::Response;
use chrono::TimeZone;
use rotative_core::{Category, CategoryId, Locale, PageNumber, Paginated, Timestamp};
use rotative_search::{Query, Results, Suggestion};
use rotative_theme::views::{
    CategoryOption, PaginationView, SearchNotice, SearchResult, SearchSuggestion, SearchView,
};
use serde::Deserialize;
use std::collections::HashMap;

/// The query string.
#[derive(Debug, Default, Deserialize)]
struct Params {
    q: Option<String>,
    category: Option<String>,
    from: Option<String>,
    to: Option<String>,
    page: Option<String>,
}

/// The search page's address in a language.
pub(crate) fn action(locale: Locale) -> &'static str {
    match locale.code() {
        "fr" => "/recherche",
        _ => "/search",
    }
}

/// The search page.
pub(crate) async fn show(
    State(state): State<AppState>,
    uri: Uri,
    countable: Option<Extension<Countable>>,
) -> Result<Response, AppError> {
    let params = axum::extract::Query::<Params>::try_from_uri(&uri)
        .map_err(|_| AppError::User(UserError::BadRequest))?
        .0;
    let page = match params.page.as_deref() {
        None | Some("") => PageNumber::FIRST,
        Some(text) => PageNumber::parse(text).ok_or(AppError::User(UserError::InvalidPage))?,
    };
    let settings = state.settings();
    let site = state.site_data().await?;
    let action = action(settings.locale);
    let text = params.q.as_deref().unwrap_or_default().trim().to_owned();
    let mut notices = Vec::new();
    let filters = Filters::read(&state, &site, &params, &mut notices);
    let searched = !rotative_search::is_blank(&text);
    if !text.is_empty() && !searched {
        notices.push(notice("search-no-words", ""));
    }
    let rebuilding = searched && !state.search().is_ready();
    let per_page = settings.posts_per_page;
    let mut results = Results::default();
    if searched && !rebuilding {
        let query = Query {
            text: text.clone(),
            categories: filters.categories.clone(),
            from: filters.from,
            until: filters.until,
            now: state.clock().now(),
            offset: usize::try_from(page.offset(per_page)).unwrap_or(usize::MAX),
            limit: usize::try_from(per_page).unwrap_or(10),
        };
        let index = state.search().index();
        results = tokio::task::spawn_blocking(move || index.search(&query))
            .await
            .map_err(|error| internal(&error))?
            .map_err(|error| internal(&error))?;
    }
    let listed = Paginated {
        items: Vec::<()>::new(),
        page,
        per_page,
        total: u64::try_from(results.total).unwrap_or(u64::MAX),
    };
    if searched && listed.is_past_end() {
        return Err(AppError::not_found());
    }
    if results.truncated {
        notices.push(notice(
            "search-truncated",
            &rotative_search::MAX_QUERY_CHARS.to_string(),
        ));
    }
    let ids: Vec<_> = results.hits.iter().map(|h| h.id).collect();
    let mut found: HashMap<_, _> = state
        .store()
        .public_articles_by_ids(&ids, state.clock().now())
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect();
    let hits: Vec<SearchResult> = results
        .hits
        .iter()
        .filter_map(|hit| {
            let article = found.remove(&hit.id)?;
            Some(SearchResult {
                card: (&article).into(),
                title_html: hit.title_html.clone(),
                snippet_html: hit.snippet_html.clone(),
            })
        })
        .collect();
    let link = |text: &str, page: u32| filters.url(action, text, page);
    let last = listed.last_page();
    let view = SearchView {
        action: action.to_owned(),
        query: text.clone(),
        searched,
        rebuilding,
        total: results.total,
        results: hits,
        pagination: PaginationView {
            page: page.get(),
            last,
            previous_url: (page.get() > 1).then(|| link(&text, page.get() - 1)),
            next_url: (page.get() < last).then(|| link(&text, page.get() + 1)),
        },
        suggestion: results.suggestion.as_ref().map(|s| SearchSuggestion {
            kind: match s {
                Suggestion::Spelling(_) => "spelling",
                Suggestion::FewerWords(_) => "fewer",
            },
            text: s.text().to_owned(),
            url: link(s.text(), 1),
        }),
        latest: if searched && results.total == 0 && !rebuilding {
            site.latest.cards().to_vec()
        } else {
            Vec::new()
        },
        categories: options(&site.categories, filters.category.as_deref()),
        from: filters.from_text,
        to: filters.to_text,
        notices,
    };
    let translations = state.theme().translations();
    let title = if searched {
        translations
            .get(
                settings.locale,
                "search-title-query",
                &[("query", text.as_str().into())],
            )
            .into_owned()
    } else {
        translations
            .text(settings.locale, "search-title")
            .into_owned()
    };
    let meta = PageMeta {
        title: Some(title),
        canonical: action.to_owned(),
        category: None,
    };
    let frame = render::frame(&state, meta, &site);
    if countable.is_some_and(|Extension(Countable(yes))| yes) && !frame.ads.is_empty() {
        state.ads().impressions(&frame.ads);
    }
    let mut response = render::page(&state, "search.html", frame, &view)?;
    // Personal to its query: the page cache must not keep it.
    response.extensions_mut().remove::<PageTags>();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert("x-robots-tag", HeaderValue::from_static("noindex"));
    if rebuilding {
        *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
    Ok(response)
}

/// A search failure that is not the reader's doing (the index cannot be read).
fn internal(error: &dyn std::fmt::Display) -> AppError {
    tracing::error!(%error, "search failed");
    AppError::User(UserError::Internal)
}

fn notice(key: &'static str, value: &str) -> SearchNotice {
    SearchNotice {
        key,
        value: value.to_owned(),
    }
}

/// The filters, as understood.
struct Filters {
    /// The category slug in use.
    category: Option<String>,
    categories: Vec<CategoryId>,
    from: Option<Timestamp>,
    until: Option<Timestamp>,
    from_text: String,
    to_text: String,
}

impl Filters {
    fn read(
        state: &AppState,
        site: &SiteData,
        params: &Params,
        notices: &mut Vec<SearchNotice>,
    ) -> Filters {
        let mut filters = Filters {
            category: None,
            categories: Vec::new(),
            from: None,
            until: None,
            from_text: String::new(),
            to_text: String::new(),
        };
        if let Some(slug) = params
            .category
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            match site.categories.iter().find(|c| c.slug == slug) {
                Some(category) => {
                    filters.categories = subtree(&site.categories, category.id);
                    filters.category = Some(category.slug.clone());
                }
                None => notices.push(notice("search-unknown-category", slug)),
            }
        }
        let timezone = state.settings().timezone;
        let day = |text: &str, notices: &mut Vec<SearchNotice>| -> Option<chrono::NaiveDate> {
            let parsed = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            if parsed.is_none() {
                notices.push(notice("search-bad-date", text));
            }
            parsed
        };
        let start_of = |date: chrono::NaiveDate| {
            timezone
                .from_local_datetime(&date.and_hms_opt(0, 0, 0)?)
                .earliest()
                .map(|t| t.with_timezone(&chrono::Utc))
        };
        if let Some(text) = params
            .from
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            && let Some(date) = day(text, notices)
        {
            filters.from = start_of(date);
            filters.from_text = date.to_string();
        }
        if let Some(text) = params
            .to
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            && let Some(date) = day(text, notices)
        {
            filters.until = date.succ_opt().and_then(start_of);
            filters.to_text = date.to_string();
        }
        filters
    }

    /// The address of a search with these filters.
    fn url(&self, action: &str, text: &str, page: u32) -> String {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("q", text);
        if let Some(category) = &self.category {
            query.append_pair("category", category);
        }
        if !self.from_text.is_empty() {
            query.append_pair("from", &self.from_text);
        }
        if !self.to_text.is_empty() {
            query.append_pair("to", &self.to_text);
        }
        if page > 1 {
            query.append_pair("page", &page.to_string());
        }
        format!("{action}?{}", query.finish())
    }
}

/// A category and every category under it.
fn subtree(categories: &[Category], root: CategoryId) -> Vec<CategoryId> {
    let mut ids = vec![root];
    let mut at = 0;
    while at < ids.len() {
        let parent = ids[at];
        ids.extend(
            categories
                .iter()
                .filter(|c| c.parent_id == Some(parent) && !ids.contains(&c.id))
                .map(|c| c.id)
                .collect::<Vec<_>>(),
        );
        at += 1;
    }
    ids
}

/// The categories as filter options: each top category followed by those under it.
fn options(categories: &[Category], selected: Option<&str>) -> Vec<CategoryOption> {
    fn add(
        categories: &[Category],
        parent: Option<CategoryId>,
        depth: usize,
        selected: Option<&str>,
        out: &mut Vec<CategoryOption>,
    ) {
        for category in categories.iter().filter(|c| c.parent_id == parent) {
            if out.iter().any(|o| o.slug == category.slug) || depth > 8 {
                continue;
            }
            out.push(CategoryOption {
                slug: category.slug.clone(),
                name: category.name.clone(),
                depth,
                selected: selected == Some(category.slug.as_str()),
            });
            add(categories, Some(category.id), depth + 1, selected, out);
        }
    }
    let mut out = Vec::with_capacity(categories.len());
    add(categories, None, 0, selected, &mut out);
    out
}
