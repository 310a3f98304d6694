//! The cache in front of the public routes.

use super::http::{Encoding, negotiate, not_modified};
use super::{CachedPage, Lookup, PageTags, ShowsAds};
use crate::AppState;
use crate::audience::{Countable, is_countable};
use crate::form::client_addr;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rotative_core::ArticleId;
use std::sync::Arc;

/// The largest page body the cache reads back from a handler: a sitemap of 50,000 URLs
/// may reach the protocol's 50 MB.
const MAX_PAGE_BYTES: usize = 50 << 20;

/// Bodies larger than this are compressed on a blocking thread (sitemaps), smaller ones
/// right here.
const COMPRESS_APART_BYTES: usize = 1 << 20;

/// Says that a page counts the views of an article (its own page).
#[derive(Debug, Clone, Copy)]
pub struct CountsViewsOf(pub ArticleId);

/// Serves cached pages, and caches the pages handlers mark with [`PageTags`]. Also where
/// readers are told from robots ([`Countable`]) and where due scheduled articles are
/// published before anything is served.
pub async fn serve(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let method = request.method().clone();
    if method != Method::GET && method != Method::HEAD {
        return next.run(request).await;
    }
    let countable = is_countable(&method, request.headers());
    request.extensions_mut().insert(Countable(countable));
    state.publish_if_due().await;
    if super::is_personal(request.uri().query()) {
        return next.run(request).await;
    }
    let key = super::key(
        request.uri().path(),
        request.uri().query(),
        state.settings().locale.code(),
    );
    let conditions = Conditions::of(request.headers(), method == Method::HEAD);
    let cache = state.cache();
    if let Lookup::Hit(page) = cache.lookup(&key) {
        if countable && !page.shows_ads.is_empty() {
            state.ads().impressions(&page.shows_ads);
        }
        if let Some(article) = page.counts_views_of {
            if countable {
                state.views().record(article);
            }
            let reader = client_addr(&state, request.headers(), request.extensions());
            state
                .comment_forms()
                .shown(reader, article, state.clock().now());
        }
        return respond(&state, &page, &conditions, "hit");
    }
    let generation = cache.generation();
    let reader = client_addr(&state, request.headers(), request.extensions());
    // The router answers HEAD without a body: render the GET, so that what is cached is
    // the whole page (the HEAD still gets no body, from `respond`).
    if method == Method::HEAD {
        *request.method_mut() = Method::GET;
    }
    let response = next.run(request).await;
    let tags = match response.extensions().get::<PageTags>() {
        Some(tags) if response.status() == StatusCode::OK => tags.0.clone(),
        _ => {
            // A stale copy being refreshed must not outlive a page that is now gone (or
            // moved). Any other answer says nothing about the page: a reader's bad request
            // (`?page=x`) does not evict it, nor does a failing database.
            let status = response.status();
            if status == StatusCode::NOT_FOUND
                || status == StatusCode::GONE
                || status.is_redirection()
            {
                cache.remove(&key);
            }
            return response;
        }
    };
    let counts = response.extensions().get::<CountsViewsOf>().map(|c| c.0);
    let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
    let ads = response
        .extensions()
        .get::<ShowsAds>()
        .map(|a| a.0.clone())
        .unwrap_or_default();
    if countable && !ads.is_empty() {
        state.ads().impressions(&ads);
    }
    if let Some(article) = counts {
        state
            .comment_forms()
            .shown(reader, article, state.clock().now());
    }
    let Ok(body) = axum::body::to_bytes(response.into_body(), MAX_PAGE_BYTES).await else {
        tracing::error!("a page could not be read back for caching");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    // Kept at its exact size when cached: the buffer it was collected in may be larger.
    let body = if cache.is_enabled() {
        axum::body::Bytes::copy_from_slice(&body)
    } else {
        body
    };
    let size = body.len();
    let mut page = CachedPage::new(body, tags, counts).showing_ads(ads);
    if let Some(content_type) = content_type {
        page = page.of_type(content_type);
    }
    if cache.is_enabled() {
        if size <= COMPRESS_APART_BYTES {
            // A millisecond of work at most, once per page and write: done here rather than
            // on a blocking thread, whose own allocator arena would hold memory long after.
            page = page.compressed();
        } else {
            let compressing = tokio::task::spawn_blocking(move || page.compressed());
            let Ok(compressed) = compressing.await else {
                tracing::error!("a large page could not be compressed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            };
            page = compressed;
        }
    }
    let page = Arc::new(page);
    cache.store(key, page.clone(), generation);
    respond(&state, &page, &conditions, "miss")
}

/// What the request says about the copy it holds, the encodings it takes, and whether it
/// wants the body at all.
struct Conditions {
    if_none_match: Option<HeaderValue>,
    if_modified_since: Option<HeaderValue>,
    encoding: Encoding,
    head: bool,
}

impl Conditions {
    fn of(request: &HeaderMap, head: bool) -> Self {
        Conditions {
            if_none_match: request.get(header::IF_NONE_MATCH).cloned(),
            if_modified_since: request.get(header::IF_MODIFIED_SINCE).cloned(),
            encoding: negotiate(request),
            head,
        }
    }
}

fn respond(
    state: &AppState,
    page: &CachedPage,
    conditions: &Conditions,
    outcome: &'static str,
) -> Response {
    let [etag, last_modified] = page.validators.clone();
    let mut headers = HeaderMap::with_capacity(10);
    headers.insert(header::CACHE_CONTROL, state.page_cache_control());
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    headers.insert("x-cache", HeaderValue::from_static(outcome));
    headers.insert(header::ETAG, etag);
    headers.insert(header::LAST_MODIFIED, last_modified);
    fn text(value: &Option<HeaderValue>) -> Option<&str> {
        value.as_ref().and_then(|v| v.to_str().ok())
    }
    let unchanged = (conditions.if_none_match.is_some() || conditions.if_modified_since.is_some())
        && not_modified(
            text(&conditions.if_none_match),
            text(&conditions.if_modified_since),
            &page.etag,
            page.rendered_at,
        );
    if unchanged {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(header::CONTENT_TYPE, page.content_type.clone());
    let body = match conditions.encoding {
        Encoding::Brotli if !page.brotli.is_empty() => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
            page.brotli.clone()
        }
        Encoding::Gzip | Encoding::Brotli if !page.gzip.is_empty() => {
            headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
            page.gzip.clone()
        }
        _ => page.identity.clone(),
    };
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    let body = if conditions.head {
        Body::empty()
    } else {
        Body::from(body)
    };
    (StatusCode::OK, headers, body).into_response()
}
