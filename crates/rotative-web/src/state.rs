//! What every handler shares: the store, the theme, the clock, the site's settings, the
//! page cache, the view counter and the last weather readings.

use crate::audience::ViewCounter;
use crate::cache::PageCache;
use rotative_core::{ArticleSummary, PageNumber};
use rotative_core::{Clock, SiteSettings};
use rotative_store::{ArticleFilter, ListStart, Store, StoreError};
use rotative_theme::Theme;
use rotative_theme::views::{Shared, cards};
use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

/// The most page starts of lists remembered (see [`AppState::list_page`]); past it they
/// are all forgotten and learnt again.
const MAX_LIST_STARTS: usize = 4096;

/// A page of a list, as [`AppState::list_page`] remembers where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct PageOf {
    filter: ArticleFilter,
    per_page: u32,
    page: u32,
}

/// Where a page starts, and when the read that first told it began.
#[derive(Debug, Clone, Copy)]
struct Learnt {
    start: ListStart,
    at: std::time::Instant,
}

/// Shared state of the web layer; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Arc<dyn Store>,
    theme: Theme,
    clock: Arc<dyn Clock>,
    settings: RwLock<Arc<SiteSettings>>,
    options: Options,
    cache: PageCache,
    views: ViewCounter,
    counts: Mutex<HashMap<ArticleFilter, u64>>,
    starts: Mutex<HashMap<PageOf, Learnt>>,
    site_data: RwLock<Option<Arc<SiteData>>>,
    page_cache_control: axum::http::HeaderValue,
    /// Unix time of the next scheduled publication (`i64::MAX` when none).
    next_due: AtomicI64,
    publishing: tokio::sync::Mutex<()>,
    signer: crate::signing::Signer,
    comment_forms: crate::comments::ShownForms,
    media_arrived: tokio::sync::Notify,
    ads: crate::ads::Ads,
    weather: crate::weather::Weather,
    search: crate::search::Search,
}

/// How the web layer is set up.
#[derive(Debug, Clone)]
pub struct Options {
    /// Site settings pinned by the operator (key, value), which win over stored ones.
    pub pinned: Vec<(String, String)>,
    /// Whether public pages are cached in memory.
    pub cache_enabled: bool,
    /// The most bytes cached pages may take.
    pub cache_bytes: usize,
    /// Age after which a cached page is rendered again.
    pub cache_refresh: Duration,
    /// Browser and CDN caching.
    pub http: HttpOptions,
    /// The header a reverse proxy puts the reader's address in; `None`: the connection's.
    pub client_ip_header: Option<axum::http::HeaderName>,
    /// Where uploaded images are kept.
    pub media: Arc<dyn crate::media::storage::MediaStorage>,
    /// The largest upload accepted, in bytes.
    pub max_upload_bytes: usize,
    /// Seeds the ad rotation (tests); `None`: random.
    pub ad_seed: Option<u64>,
    /// The weather widget's service and cities.
    pub weather: crate::weather::WeatherOptions,
    /// The most URLs in one page of the articles' sitemap (the protocol allows 50,000).
    pub sitemap_page_size: u32,
    /// Where the search index lives.
    pub search: crate::search::SearchLocation,
}

/// What pages tell browsers and CDNs.
#[derive(Debug, Clone, Copy)]
pub struct HttpOptions {
    /// `max-age` of public pages, in seconds.
    pub max_age: u64,
    /// `stale-while-revalidate` of public pages, in seconds.
    pub stale_while_revalidate: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            pinned: Vec::new(),
            cache_enabled: true,
            cache_bytes: 64 << 20,
            cache_refresh: Duration::from_secs(30),
            http: HttpOptions {
                max_age: 60,
                stale_while_revalidate: 300,
            },
            client_ip_header: None,
            media: Arc::new(crate::media::storage::Memory::default()),
            max_upload_bytes: 10 << 20,
            ad_seed: None,
            weather: crate::weather::WeatherOptions::default(),
            sitemap_page_size: rotative_feeds::MAX_SITEMAP_URLS,
            search: crate::search::SearchLocation::default(),
        }
    }
}

/// What every page shows around its content: the category menu and the sidebar lists.
/// Kept in memory, dropped by every write that changes it, and read again after the
/// cache's refresh interval (the most-read list moves with views).
#[derive(Debug)]
pub struct SiteData {
    /// Every category, in menu order.
    pub categories: Vec<rotative_core::Category>,
    /// The most read articles, as cards (converted for templates once).
    pub most_read: Shared,
    /// The latest articles, as cards (converted for templates once).
    pub latest: Shared,
    built_at: std::time::Instant,
    built_for: rotative_core::Timestamp,
}

/// Settings pinned by the operator that do not pass their check.
#[derive(Debug, thiserror::Error)]
#[error("site.{0}")]
pub struct PinnedSettingError(#[from] pub rotative_core::settings::SettingError);

impl AppState {
    /// Builds the state, loads the settings (stored values, then those the operator pinned,
    /// which win), opens the search index (in the site's language), finds the next scheduled
    /// publication and loads the last weather readings. An index that needs building is
    /// built by [`crate::search::catch_up`] (the `search_index` job's first pass).
    pub async fn new(
        store: Arc<dyn Store>,
        theme: Theme,
        clock: Arc<dyn Clock>,
        options: Options,
    ) -> Result<Self, crate::StartError> {
        let secret = crate::signing::Signer::random_secret()
            .map_err(|e| crate::StartError::Random(e.to_string()))?;
        let secret = store
            .setting_or_insert(crate::signing::SECRET_KEY, &secret)
            .await?;
        let stored = store.settings().await?;
        let (mut settings, _) =
            SiteSettings::from_stored(stored.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for (key, value) in &options.pinned {
            settings.set(key, value).map_err(PinnedSettingError)?;
        }
        let language = crate::search::language_of(settings.locale);
        let location = options.search.clone();
        let search =
            tokio::task::spawn_blocking(move || crate::search::Search::open(location, language))
                .await
                .map_err(|e| crate::StartError::SearchTask(e.to_string()))??;
        let page_cache_control = crate::cache::http::public_cache_control(
            options.http.max_age,
            options.http.stale_while_revalidate,
        );
        let state = AppState(Arc::new(Inner {
            store,
            theme,
            clock,
            settings: RwLock::new(Arc::new(SiteSettings::default())),
            cache: PageCache::new(
                options.cache_enabled,
                options.cache_bytes,
                options.cache_refresh,
            ),
            views: ViewCounter::default(),
            counts: Mutex::new(HashMap::new()),
            starts: Mutex::new(HashMap::new()),
            site_data: RwLock::new(None),
            page_cache_control,
            next_due: AtomicI64::new(i64::MAX),
            publishing: tokio::sync::Mutex::new(()),
            signer: crate::signing::Signer::new(&secret),
            comment_forms: crate::comments::ShownForms::default(),
            media_arrived: tokio::sync::Notify::new(),
            ads: crate::ads::Ads::new(options.ad_seed),
            options,
            weather: crate::weather::Weather::default(),
            search,
        }));
        state.reload_settings().await?;
        crate::ads::reload(&state).await?;
        state.refresh_next_due().await?;
        crate::weather::load(&state).await?;
        Ok(state)
    }

    /// Reads the settings again from the store (after an editor changed them); every
    /// cached page goes, since every page shows them.
    pub async fn reload_settings(&self) -> Result<(), crate::StartError> {
        let settings = self.stored_settings().await?;
        self.install_settings(settings);
        Ok(())
    }

    /// Reads the settings again and applies them if they changed (another node's editor
    /// changed them); returns whether they did.
    pub async fn refresh_settings(&self) -> Result<bool, crate::StartError> {
        let settings = self.stored_settings().await?;
        if *self.settings() == settings {
            return Ok(false);
        }
        self.install_settings(settings);
        Ok(true)
    }

    /// The stored settings over the defaults, then those the operator pinned.
    async fn stored_settings(&self) -> Result<SiteSettings, crate::StartError> {
        let stored = self.0.store.settings().await?;
        let (mut settings, errors) =
            SiteSettings::from_stored(stored.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        for error in errors {
            tracing::warn!(%error, "a stored setting is invalid; using its default");
        }
        for (key, value) in &self.0.options.pinned {
            settings.set(key, value).map_err(PinnedSettingError)?;
        }
        Ok(settings)
    }

    fn install_settings(&self, settings: SiteSettings) {
        let mut slot = self.0.settings.write().unwrap_or_else(|p| p.into_inner());
        *slot = Arc::new(settings);
        drop(slot);
        self.0.cache.clear();
        self.forget_lists();
    }

    /// The ad creatives and their pending counts.
    pub fn ads(&self) -> &crate::ads::Ads {
        &self.0.ads
    }

    /// How comments are received now (the site's comment rules).
    pub fn comment_options(&self) -> crate::comments::CommentOptions {
        crate::comments::CommentOptions::from_rules(&self.settings().comments)
    }

    /// The store.
    pub fn store(&self) -> &dyn Store {
        self.0.store.as_ref()
    }

    /// The store, shared (to build another state over it, as a restart would).
    pub fn store_arc(&self) -> Arc<dyn Store> {
        self.0.store.clone()
    }

    /// The theme.
    pub fn theme(&self) -> &Theme {
        &self.0.theme
    }

    /// The clock.
    pub fn clock(&self) -> &dyn Clock {
        self.0.clock.as_ref()
    }

    /// The current settings.
    pub fn settings(&self) -> Arc<SiteSettings> {
        self.0
            .settings
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// How the web layer was set up.
    pub fn options(&self) -> &Options {
        &self.0.options
    }

    /// Signs and checks the tokens the site hands out.
    pub fn signer(&self) -> &crate::signing::Signer {
        &self.0.signer
    }

    /// When readers were last shown each article's comment form.
    pub fn comment_forms(&self) -> &crate::comments::ShownForms {
        &self.0.comment_forms
    }

    /// Wakes the job processing uploads.
    pub fn media_arrived(&self) -> &tokio::sync::Notify {
        &self.0.media_arrived
    }

    /// The last weather readings.
    pub fn weather(&self) -> &crate::weather::Weather {
        &self.0.weather
    }

    /// The search index.
    pub fn search(&self) -> &crate::search::Search {
        &self.0.search
    }

    /// The page cache.
    pub fn cache(&self) -> &PageCache {
        &self.0.cache
    }

    /// The views counted since the last flush.
    pub fn views(&self) -> &ViewCounter {
        &self.0.views
    }

    /// The `Cache-Control` of public pages.
    pub fn page_cache_control(&self) -> axum::http::HeaderValue {
        self.0.page_cache_control.clone()
    }

    /// How many public articles a list has; remembered until the next article write, so
    /// long lists are not counted again on every page.
    pub async fn count_public(&self, filter: ArticleFilter) -> Result<u64, StoreError> {
        if let Some(total) = self.counts().get(&filter) {
            return Ok(*total);
        }
        let generation = self.cache().generation();
        let total = self
            .store()
            .count_public_articles(filter, self.clock().now())
            .await?;
        // As in `list_page`: a count a write may have changed is used, not kept.
        let mut counts = self.counts();
        if self.cache().generation() == generation {
            counts.insert(filter, total);
        }
        Ok(total)
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, HashMap<ArticleFilter, u64>> {
        self.0.counts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// A page of a list, newest first. Each page read tells where the next one starts (it
    /// reads one article more): a page whose start is known is read from there, through
    /// the list's index, instead of skipping every article before it, so a deep page costs
    /// what the first does. A start is forgotten at the next write, with the counts, and
    /// after `cache.refresh_seconds` (another node's write), counted from the read it was
    /// first learnt from.
    pub async fn list_page(
        &self,
        filter: ArticleFilter,
        page: PageNumber,
        per_page: u32,
    ) -> Result<Vec<ArticleSummary>, StoreError> {
        let now = self.clock().now();
        let generation = self.cache().generation();
        let here = PageOf {
            filter,
            per_page,
            page: page.get(),
        };
        let known = self
            .starts()
            .get(&here)
            .filter(|l| l.at.elapsed() < self.0.options.cache_refresh)
            .filter(|l| l.start.published_at <= now)
            .copied();
        let store = self.store();
        let read = per_page.saturating_add(1);
        let (mut articles, learnt_at) = match known {
            Some(known) => (
                store
                    .public_articles_from(filter, read, known.start)
                    .await?,
                known.at,
            ),
            None => {
                let at = std::time::Instant::now();
                let offset = page.offset(per_page);
                (store.public_articles(filter, read, offset, now).await?, at)
            }
        };
        let next = match usize::try_from(per_page) {
            Ok(n) if articles.len() > n => articles.split_off(n).into_iter().next(),
            _ => None,
        };
        // A write since the read began may have moved the pages: use them, learn nothing.
        // Checked under the lock: a write bumps the generation, then forgets the starts
        // under it, so what is learnt here was either read after that write or is then
        // forgotten.
        let mut starts = self.starts();
        if self.cache().generation() == generation {
            if starts.len() >= MAX_LIST_STARTS {
                starts.clear();
            }
            let learnt = |article: &ArticleSummary| {
                ListStart::at(article).map(|start| Learnt {
                    start,
                    at: learnt_at,
                })
            };
            if known.is_none()
                && let Some(first) = articles.first().and_then(learnt)
            {
                starts.insert(here, first);
            }
            if let Some(next) = next.as_ref().and_then(learnt) {
                let page = here.page.saturating_add(1);
                starts.insert(PageOf { page, ..here }, next);
            }
        }
        Ok(articles)
    }

    fn starts(&self) -> std::sync::MutexGuard<'_, HashMap<PageOf, Learnt>> {
        self.0.starts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets the remembered list counts, page starts and site data (after a write).
    pub(crate) fn forget_lists(&self) {
        self.counts().clear();
        self.starts().clear();
        *self.0.site_data.write().unwrap_or_else(|p| p.into_inner()) = None;
    }

    /// The menu and sidebar lists, from memory when fresh.
    pub async fn site_data(&self) -> Result<Arc<SiteData>, StoreError> {
        let now = self.clock().now();
        let held = self
            .0
            .site_data
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        if let Some(data) = held
            && data.built_at.elapsed() < self.0.options.cache_refresh
            && data.built_for <= now
        {
            return Ok(data);
        }
        let generation = self.cache().generation();
        let store = self.store();
        let most_read = store.most_read(crate::render::SIDEBAR_ITEMS, now).await?;
        let latest = store
            .public_articles(ArticleFilter::All, crate::render::SIDEBAR_ITEMS, 0, now)
            .await?;
        let data = Arc::new(SiteData {
            categories: store.categories().await?,
            most_read: Shared::new(cards(most_read)),
            latest: Shared::new(cards(latest)),
            built_at: std::time::Instant::now(),
            built_for: now,
        });
        // A write since the reads began may have changed them: use them, do not keep them.
        if self.cache().generation() == generation {
            *self.0.site_data.write().unwrap_or_else(|p| p.into_inner()) = Some(data.clone());
        }
        Ok(data)
    }

    /// Reads when the next scheduled article is due.
    pub(crate) async fn refresh_next_due(&self) -> Result<(), StoreError> {
        let next = self.store().next_scheduled().await?;
        self.0.next_due.store(
            next.map_or(i64::MAX, |at| at.timestamp()),
            Ordering::Release,
        );
        Ok(())
    }

    /// Publishes the scheduled articles whose time has come, if any, before a page is
    /// served: cached pages must not hide them, even for the seconds until the job's pass.
    pub(crate) async fn publish_if_due(&self) {
        let now = self.clock().now().timestamp();
        if now < self.0.next_due.load(Ordering::Acquire) {
            return;
        }
        let _only_one = self.0.publishing.lock().await;
        if now < self.0.next_due.load(Ordering::Acquire) {
            return;
        }
        if let Err(error) = crate::content::publish_due(self).await {
            tracing::warn!(%error, "could not publish due articles; retrying in a few seconds");
            self.0.next_due.store(now + 5, Ordering::Release);
        }
    }
}
