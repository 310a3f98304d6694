//! The page cache: public pages rendered once and served from memory, already compressed,
//! until something they show changes.
//!
//! - [`PageCache`] holds [`CachedPage`]s by [`key`] (path, the `page` query parameter,
//!   locale), bounded in bytes, evicting the least recently used. Each page carries the
//!   [`CacheTag`]s of what it shows; [`PageCache::invalidate`] drops exactly the pages
//!   carrying a tag. A generation number, bumped by every invalidation, keeps a render that
//!   started before a write from being stored after it.
//! - Pages older than the refresh interval are rendered again by the first request that
//!   finds them (the others keep getting the old copy meanwhile): that is how view counts
//!   and the most-read list move on cached pages.
//! - [`middleware::serve`] puts it in front of the public routes; [`http`] holds content
//!   negotiation, validators and `Cache-Control`.

pub mod http;
pub mod middleware;

use axum::body::Bytes;
use rotative_core::{ArticleId, CategoryId, TagId, UserId};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a cached page shows, so that changing it drops the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CacheTag {
    /// The home page.
    Home,
    /// The list of latest articles (the sidebar of every page).
    Latest,
    /// An article (its page, or a card of it anywhere).
    Article(ArticleId),
    /// A category's list.
    Category(CategoryId),
    /// A tag's list.
    Tag(TagId),
    /// An author's list.
    Author(UserId),
}

/// What a handler says about the page it rendered: cacheable, and showing these.
#[derive(Debug, Clone, Default)]
pub struct PageTags(pub Vec<CacheTag>);

/// The ad creatives a page shows: each serving of it counts an impression of them.
#[derive(Debug, Clone, Default)]
pub struct ShowsAds(pub Vec<i64>);

/// A page (or a feed, a sitemap…) kept in memory with its compressed forms and validators.
#[derive(Debug)]
pub struct CachedPage {
    /// The body: HTML, or what [`CachedPage::content_type`] says.
    pub identity: Bytes,
    /// The body, gzip-compressed (empty when not cached: compressed on the fly then).
    pub gzip: Bytes,
    /// The body, brotli-compressed (same).
    pub brotli: Bytes,
    /// Its `Content-Type` header, made once.
    pub content_type: axum::http::HeaderValue,
    /// Its weak `ETag`, from a hash of the HTML.
    pub etag: String,
    /// When it was rendered, for `Last-Modified`.
    pub rendered_at: chrono::DateTime<chrono::Utc>,
    /// The `ETag` and `Last-Modified` headers, made once.
    pub validators: [axum::http::HeaderValue; 2],
    /// The article whose views it counts, for article pages.
    pub counts_views_of: Option<ArticleId>,
    /// The ad creatives it shows.
    pub shows_ads: Box<[i64]>,
    tags: Vec<CacheTag>,
    stored_at: Instant,
    refreshing: AtomicBool,
}

impl CachedPage {
    /// A page from its rendered HTML; compressed forms are added by [`CachedPage::compressed`].
    pub fn new(identity: Bytes, tags: Vec<CacheTag>, counts_views_of: Option<ArticleId>) -> Self {
        let etag = http::etag(&identity);
        let rendered_at = chrono::Utc::now();
        let header = |text: &str| {
            axum::http::HeaderValue::from_str(text)
                .unwrap_or_else(|_| axum::http::HeaderValue::from_static(""))
        };
        CachedPage {
            validators: [header(&etag), header(&http::http_date(rendered_at))],
            etag,
            identity,
            content_type: axum::http::HeaderValue::from_static(HTML),
            gzip: Bytes::new(),
            brotli: Bytes::new(),
            rendered_at,
            counts_views_of,
            shows_ads: Box::default(),
            tags,
            stored_at: Instant::now(),
            refreshing: AtomicBool::new(false),
        }
    }

    /// The same page, of another media type than HTML.
    pub fn of_type(mut self, content_type: axum::http::HeaderValue) -> Self {
        self.content_type = content_type;
        self
    }

    /// The same page, showing these ad creatives.
    pub fn showing_ads(mut self, ads: Vec<i64>) -> Self {
        self.shows_ads = ads.into_boxed_slice();
        self
    }

    /// The same page with its gzip and brotli forms.
    /// The three forms share one allocation: a cache of thousands of pages then holds one
    /// block per page rather than three, which keeps the heap closer to what is counted.
    pub fn compressed(mut self) -> Self {
        let gzip = http::gzip(&self.identity);
        let brotli = http::brotli(&self.identity);
        let (html_end, gzip_end) = (self.identity.len(), self.identity.len() + gzip.len());
        let mut all = Vec::with_capacity(gzip_end + brotli.len());
        all.extend_from_slice(&self.identity);
        all.extend_from_slice(&gzip);
        all.extend_from_slice(&brotli);
        let all = Bytes::from(all);
        self.identity = all.slice(..html_end);
        self.gzip = all.slice(html_end..gzip_end);
        self.brotli = all.slice(gzip_end..);
        self
    }

    /// What the page costs the cache: its bodies, its key, its place in the tag index and
    /// the bookkeeping around it (estimated), so the bound holds for the heap, not only the
    /// HTML.
    fn size(&self, key: &str) -> usize {
        self.identity.len()
            + self.gzip.len()
            + self.brotli.len()
            + key.len()
            + 48 * self.tags.len()
            + 512
    }
}

/// The media type of pages.
pub const HTML: &str = "text/html; charset=utf-8";

/// A lookup's outcome.
pub enum Lookup {
    /// Serve this.
    Hit(Arc<CachedPage>),
    /// Render (and store) the page.
    Miss,
}

struct Inner {
    pages: lru::LruCache<Arc<str>, Arc<CachedPage>>,
    by_tag: HashMap<CacheTag, HashSet<Arc<str>>>,
    bytes: usize,
}

/// The page cache. See the module documentation.
pub struct PageCache {
    enabled: bool,
    max_bytes: usize,
    refresh: Duration,
    generation: AtomicU64,
    inner: Mutex<Inner>,
}

impl std::fmt::Debug for PageCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageCache")
            .field("enabled", &self.enabled)
            .field("max_bytes", &self.max_bytes)
            .finish_non_exhaustive()
    }
}

/// The query's parameters as handlers read them: names and values percent-decoded, `+` a
/// space. The cache reads them the same way, or `?%70age=2` (the list's page 2) would be
/// kept as the first page, and `?reply%74ocom=1` (a personal page) shared.
fn parameters(query: Option<&str>) -> url::form_urlencoded::Parse<'_> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
}

/// The cache key of a request: its path, its `page` parameters (the only one pages read:
/// others would only let anyone fill the cache with copies; all of them, should it be given
/// twice, so that no page is kept under another's key), and the locale.
pub fn key(path: &str, query: Option<&str>, locale: &str) -> String {
    let mut key = format!("{locale} {path}");
    let mut first = true;
    for (_, page) in parameters(query).filter(|(name, _)| name == "page") {
        key.push(if first { '?' } else { '&' });
        key.push_str("page=");
        key.push_str(&page);
        first = false;
    }
    key
}

/// Query parameters that make a page personal (a reader's comment awaiting moderation,
/// the form answering a comment): such requests bypass the cache, both ways.
const PERSONAL_PARAMETERS: [&str; 2] = ["held", "replytocom"];

/// Whether a query asks for a personal page.
pub fn is_personal(query: Option<&str>) -> bool {
    parameters(query).any(|(name, _)| PERSONAL_PARAMETERS.contains(&name.as_ref()))
}

impl PageCache {
    /// A cache holding at most `max_bytes`, refreshing pages older than `refresh`;
    /// `enabled = false` stores nothing.
    pub fn new(enabled: bool, max_bytes: usize, refresh: Duration) -> Self {
        PageCache {
            enabled: enabled && max_bytes > 0,
            max_bytes,
            refresh,
            generation: AtomicU64::new(0),
            inner: Mutex::new(Inner {
                pages: lru::LruCache::unbounded(),
                by_tag: HashMap::new(),
                bytes: 0,
            }),
        }
    }

    /// Whether pages are cached.
    pub fn is_enabled(&self) -> bool {
        self.enabled
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Looks a page up. A page past its refresh interval is a miss for the first request
    /// that finds it (which renders it again) and a hit for the others meanwhile.
    pub fn lookup(&self, key: &str) -> Lookup {
        if !self.enabled {
            return Lookup::Miss;
        }
        let Some(page) = self.lock().pages.get(key).cloned() else {
            return Lookup::Miss;
        };
        let stale = page.stored_at.elapsed() >= self.refresh;
        if stale && !page.refreshing.swap(true, Ordering::AcqRel) {
            return Lookup::Miss;
        }
        Lookup::Hit(page)
    }

    /// The current generation, to pass to [`PageCache::store`] after rendering.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Stores a page rendered when the cache was at `generation`; does nothing if anything
    /// was invalidated since (the page may show what changed), or if it is too large.
    pub fn store(&self, key: String, page: Arc<CachedPage>, generation: u64) {
        if !self.enabled {
            return;
        }
        let size = page.size(&key);
        if size > self.max_bytes / 4 {
            return;
        }
        let mut inner = self.lock();
        if self.generation.load(Ordering::Acquire) != generation {
            return;
        }
        remove(&mut inner, &key);
        let key: Arc<str> = Arc::from(key);
        for tag in &page.tags {
            inner.by_tag.entry(*tag).or_default().insert(key.clone());
        }
        inner.bytes += size;
        inner.pages.put(key, page);
        while inner.bytes > self.max_bytes {
            let Some((old_key, _)) = inner.pages.peek_lru().map(|(k, v)| (k.clone(), v.clone()))
            else {
                break;
            };
            remove(&mut inner, &old_key);
        }
    }

    /// Drops one page (its new render was not cacheable: it may be gone).
    pub fn remove(&self, key: &str) {
        remove(&mut self.lock(), key);
    }

    /// Drops every page carrying one of `tags`.
    pub fn invalidate(&self, tags: &[CacheTag]) {
        let mut inner = self.lock();
        self.generation.fetch_add(1, Ordering::AcqRel);
        let keys: HashSet<Arc<str>> = tags
            .iter()
            .filter_map(|tag| inner.by_tag.get(tag))
            .flatten()
            .cloned()
            .collect();
        for key in keys {
            remove(&mut inner, &key);
        }
    }

    /// Drops every page (after a change of settings, menu or theme).
    pub fn clear(&self) {
        let mut inner = self.lock();
        self.generation.fetch_add(1, Ordering::AcqRel);
        inner.pages.clear();
        inner.by_tag.clear();
        inner.bytes = 0;
    }

    /// How many pages and bytes are held.
    pub fn usage(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.pages.len(), inner.bytes)
    }
}

fn remove(inner: &mut Inner, key: &str) {
    if let Some(page) = inner.pages.pop(key) {
        inner.bytes = inner.bytes.saturating_sub(page.size(key));
        for tag in &page.tags {
            if let Some(keys) = inner.by_tag.get_mut(tag) {
                keys.remove(key);
                if keys.is_empty() {
                    inner.by_tag.remove(tag);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(tags: Vec<CacheTag>, size: usize) -> Arc<CachedPage> {
        Arc::new(CachedPage::new(Bytes::from(vec![b'x'; size]), tags, None))
    }

    #[test]
    fn invalidation_drops_exactly_the_tagged_pages() {
        let cache = PageCache::new(true, 1 << 20, Duration::from_secs(60));
        let a = CacheTag::Article(ArticleId(1));
        let b = CacheTag::Article(ArticleId(2));
        cache.store("one".into(), page(vec![a], 10), cache.generation());
        cache.store("two".into(), page(vec![b], 10), cache.generation());
        cache.store("both".into(), page(vec![a, b], 10), cache.generation());
        cache.invalidate(&[a]);
        assert!(matches!(cache.lookup("one"), Lookup::Miss));
        assert!(matches!(cache.lookup("both"), Lookup::Miss));
        assert!(matches!(cache.lookup("two"), Lookup::Hit(_)));
    }

    #[test]
    fn the_least_recently_used_page_goes_first_when_full() {
        let cache = PageCache::new(true, 6000, Duration::from_secs(60));
        cache.store("a".into(), page(vec![], 900), cache.generation());
        cache.store("b".into(), page(vec![], 900), cache.generation());
        assert!(matches!(cache.lookup("a"), Lookup::Hit(_)));
        for key in ["c", "d", "e"] {
            cache.store(key.into(), page(vec![], 900), cache.generation());
        }
        let b_gone = matches!(cache.lookup("b"), Lookup::Miss);
        assert!(b_gone, "b was the least recently used");
        assert!(matches!(cache.lookup("a"), Lookup::Hit(_)));
        assert_eq!(cache.usage().0, 4);
        assert!(cache.usage().1 <= 6000);
        cache.store("huge".into(), page(vec![], 2000), cache.generation());
        let huge_kept = matches!(cache.lookup("huge"), Lookup::Hit(_));
        assert!(!huge_kept, "a page over a quarter of the cache is not kept");
    }

    #[test]
    fn a_render_older_than_an_invalidation_is_not_stored() {
        let cache = PageCache::new(true, 1 << 20, Duration::from_secs(60));
        let before = cache.generation();
        cache.invalidate(&[CacheTag::Home]);
        cache.store("home".into(), page(vec![CacheTag::Home], 10), before);
        assert!(matches!(cache.lookup("home"), Lookup::Miss));
    }

    #[test]
    fn a_stale_page_is_rendered_again_by_one_request_only() {
        let cache = PageCache::new(true, 1 << 20, Duration::ZERO);
        cache.store("p".into(), page(vec![], 10), cache.generation());
        assert!(
            matches!(cache.lookup("p"), Lookup::Miss),
            "the first finder refreshes"
        );
        assert!(
            matches!(cache.lookup("p"), Lookup::Hit(_)),
            "the others get the old copy"
        );
    }

    #[test]
    fn keys_keep_only_the_page_parameter() {
        assert_eq!(
            key("/sport/", Some("utm_source=x&page=2"), "fr"),
            "fr /sport/?page=2"
        );
        assert_eq!(key("/sport/", Some("utm_source=x"), "fr"), "fr /sport/");
        assert_eq!(key("/", None, "en"), "en /");
        assert_eq!(key("/sport/", Some("%70age=2"), "fr"), "fr /sport/?page=2");
        assert_eq!(
            key("/sport/", Some("page=2&x=1&page=3"), "fr"),
            "fr /sport/?page=2&page=3"
        );
    }
}
