//! The addresses of a site imported from WordPress, kept alive: a request that finds
//! nothing (404), or asks the home page for `?p=12`, `?page_id=2` or `?cat=5`, is looked up
//! in the old addresses an import recorded and answered with a 301 to where that content
//! lives now. `/feed/` after an old address leads to the new one's feed (an article's old
//! comment feed leads to the article); resized copies of an old upload
//! (`photo-300x200.jpg`) lead to the imported image.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::Response;
use rotative_store::LegacyTarget;

/// The WordPress query parameters that name content on the home page.
const QUERY_KEYS: [&str; 3] = ["p", "page_id", "cat"];

/// `/?p=12`, `/?page_id=2`, `/?cat=5`: in front of the page cache, which keys the home
/// page without those parameters. Costs a hit nothing but a look at the query.
pub async fn redirect_query(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if request.uri().path() == "/"
        && matches!(*request.method(), Method::GET | Method::HEAD)
        && let Some(key) = request.uri().query().and_then(query_key)
        && let Some(found) = target(&state, &key, false).await
    {
        return crate::redirect::permanent(&found);
    }
    next.run(request).await
}

/// Any other old address: looked up when nothing else answered it.
pub async fn redirect_missing(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let uri = request.uri().clone();
    let response = next.run(request).await;
    if response.status() != StatusCode::NOT_FOUND {
        return response;
    }
    // `/blog/?p=12`: a site that lived in a sub-folder.
    if let Some(key) = uri.query().and_then(query_key)
        && let Some(found) = target(&state, &key, false).await
    {
        return crate::redirect::permanent(&found);
    }
    match path_target(&state, &uri).await {
        Some(found) => crate::redirect::permanent(&found),
        None => response,
    }
}

/// `?p=12&preview=true` → `?p=12`.
fn query_key(query: &str) -> Option<String> {
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        (QUERY_KEYS.contains(&name)
            && !value.is_empty()
            && value.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("?{name}={value}"))
    })
}

/// `photo-300x200.jpg` → `photo.jpg`: the original a WordPress resized copy names (also
/// used by the importer, to find the original of an image in a text).
pub fn without_size(path: &str) -> Option<String> {
    let (stem, ext) = path.rsplit_once('.')?;
    let (name, size) = stem.rsplit_once('-')?;
    let (w, h) = size.split_once('x')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(w) && digits(h)).then(|| format!("{name}.{ext}"))
}

async fn path_target(state: &AppState, uri: &Uri) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(uri.path())
        .decode_utf8()
        .ok()?
        .into_owned();
    if decoded.contains("/wp-content/uploads/") {
        if let Some(found) = target(state, &decoded, false).await {
            return Some(found);
        }
        return target(state, &without_size(&decoded)?, false).await;
    }
    // `/2020/01/post.html`: a permalink structure ending with a file name.
    if !decoded.ends_with('/')
        && let Some(found) = target(state, &decoded, false).await
    {
        return Some(found);
    }
    let mut path = decoded;
    if !path.ends_with('/') {
        path.push('/');
    }
    for feed in ["feed/", "feed/rss2/", "feed/rss/", "feed/atom/"] {
        if let Some(page) = path.strip_suffix(feed).filter(|p| p.len() > 1) {
            return target(state, page, true).await;
        }
    }
    target(state, &path, false).await
}

/// Where an old address leads now; `None` when it is not one, or leads to an article
/// readers may not see (a draft keeps its secret).
async fn target(state: &AppState, key: &str, feed: bool) -> Option<String> {
    let found = match state.store().legacy_target(key).await {
        Ok(found) => found?,
        Err(error) => {
            tracing::warn!(%error, "old addresses could not be read");
            return None;
        }
    };
    match found {
        LegacyTarget::Article(id) => {
            let article = state.store().article_by_id(id).await.ok()??;
            article
                .is_public(state.clock().now())
                .then(|| article.summary.path())
        }
        LegacyTarget::Path(path) if feed && path.ends_with('/') => Some(format!("{path}feed/")),
        LegacyTarget::Path(path) => Some(path),
    }
}
