//! The site's search index, and keeping it current.
//!
//! - **This node's writes** go through [`crate::content`], which calls [`articles_changed`]
//!   (or [`scope_changed`] for renames) right after the database write: the articles are
//!   read back and indexed, or taken out when no longer public, in one commit on a blocking
//!   thread, visible to the next search.
//! - **Other nodes' writes** (several nodes share one database, each with its own index)
//!   reach this node through [`catch_up`], run every few seconds by the `search_index` job:
//!   it indexes the articles whose `updated_at` is at or after the index's recorded sync
//!   time, less [`LOOK_BACK`] (clock differences between nodes, transactions committed
//!   late), skipping those it indexed already at the same `updated_at`. Renames that change
//!   what articles are found by without touching them (a tag, an author's name, a deleted
//!   category's articles moving) bump the `search.epoch` setting; a node that sees it
//!   change rebuilds its index.
//! - **Building**: an index that is new, unreadable (replaced by an empty one), built for
//!   another language (the site's language changed) or older than the epoch is rebuilt by
//!   [`catch_up`] from the database into a new generation while the old one keeps
//!   answering (an empty one answers "being rebuilt"), then swapped in; the changes made
//!   meanwhile are caught up at once. `rotative search reindex` does the same from another
//!   process ([`build_index`]): the next pass here sees the new generation named current
//!   and switches to it.

use crate::AppState;
use rotative_core::{ArticleId, Timestamp};
use rotative_search::{Doc, Language, SearchError, SearchIndex};
use rotative_store::{SearchSource, SourceScope, Store, StoreError};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, RwLock};

/// How far back before its recorded sync time a pass looks for changes.
pub const LOOK_BACK: chrono::Duration = chrono::Duration::seconds(60);

/// Articles read from the database at a time.
const BATCH: u32 = 500;

/// The setting bumped by renames that change what articles are found by.
const EPOCH_KEY: &str = "search.epoch";

/// Where the index lives.
#[derive(Debug, Clone, Default)]
pub enum SearchLocation {
    /// In memory, built at start (tests).
    #[default]
    Memory,
    /// In a folder (`{data_dir}/search`), kept across restarts.
    Folder(PathBuf),
}

impl SearchLocation {
    fn root(&self) -> Option<&std::path::Path> {
        match self {
            SearchLocation::Memory => None,
            SearchLocation::Folder(root) => Some(root),
        }
    }
}

/// Why keeping the index current failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The index failed.
    #[error(transparent)]
    Index(#[from] SearchError),
    /// A blocking task panicked or was cancelled.
    #[error("search index task: {0}")]
    Task(#[from] tokio::task::JoinError),
}

/// The index and what keeping it current needs.
pub struct Search {
    location: SearchLocation,
    index: RwLock<Arc<SearchIndex>>,
    /// Articles indexed recently, with the `updated_at` indexed: passes skip them.
    seen: Mutex<HashMap<ArticleId, Timestamp>>,
    /// The last `search.epoch` this node saw or wrote.
    epoch: Mutex<Option<String>>,
    /// Held by a pass or a rebuild, so they do not overlap.
    pass: tokio::sync::Mutex<()>,
}

impl Search {
    /// Opens (or creates) the index; blocking.
    pub(crate) fn open(
        location: SearchLocation,
        language: Language,
    ) -> Result<Search, SearchError> {
        let index = match &location {
            SearchLocation::Memory => SearchIndex::in_memory(language)?,
            SearchLocation::Folder(root) => SearchIndex::open_or_create(root, language)?,
        };
        Ok(Search {
            location,
            index: RwLock::new(Arc::new(index)),
            seen: Mutex::new(HashMap::new()),
            epoch: Mutex::new(None),
            pass: tokio::sync::Mutex::new(()),
        })
    }

    /// The index in use.
    pub fn index(&self) -> Arc<SearchIndex> {
        self.index.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Whether the index is complete (not being built for the first time).
    pub fn is_ready(&self) -> bool {
        self.index().synced_to().is_some()
    }

    fn seen(&self) -> std::sync::MutexGuard<'_, HashMap<ArticleId, Timestamp>> {
        self.seen.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn epoch(&self) -> std::sync::MutexGuard<'_, Option<String>> {
        self.epoch.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Puts a new index in use; the old one is closed on a blocking thread.
    async fn install(&self, index: SearchIndex) {
        let old = {
            let mut slot = self.index.write().unwrap_or_else(|p| p.into_inner());
            std::mem::replace(&mut *slot, Arc::new(index))
        };
        self.seen().clear();
        let current = self.index();
        let closed = tokio::task::spawn_blocking(move || {
            drop(old);
            current.remove_stale_generations();
        });
        if let Err(error) = closed.await {
            tracing::warn!(%error, "could not close the previous search index");
        }
    }
}

/// The analysers' language for the site's locale.
pub fn language_of(locale: rotative_core::Locale) -> Language {
    Language::from_code(locale.code())
}

fn language(state: &AppState) -> Language {
    language_of(state.settings().locale)
}

/// What the index takes of an article: plain text (the Markdown's words).
fn doc(source: SearchSource) -> Option<Doc> {
    Some(Doc {
        published_at: source.published_at?,
        body: rotative_markup::plain_text(&source.body_markdown),
        id: source.id,
        title: source.title,
        excerpt: source.excerpt,
        tags: source.tags,
        author: source.author_name,
        category: source.category_id,
    })
}

/// Indexes articles as they now are in the database (taking out those no longer public).
/// Failures are logged: the next pass of the job retries them.
pub async fn articles_changed(state: &AppState, ids: &[ArticleId]) {
    for chunk in ids.chunks(BATCH as usize) {
        if let Err(error) = refresh(state, &SourceScope::Ids(chunk.to_vec())).await {
            tracing::warn!(%error, "could not update the search index; the next pass retries");
        }
    }
}

/// Indexes again every article of a scope after a rename that changes what they are found
/// by, and tells other nodes (which rebuild).
pub async fn scope_changed(state: &AppState, scope: SourceScope) {
    match scope {
        SourceScope::Ids(ids) => articles_changed(state, &ids).await,
        scope => {
            if let Err(error) = refresh(state, &scope).await {
                tracing::warn!(%error, "could not update the search index");
            }
        }
    }
    let value = format!(
        "{}-{:x}",
        state.clock().now().timestamp(),
        fastrand::u64(..)
    );
    match state.store().put_setting(EPOCH_KEY, &value).await {
        Ok(()) => *state.search().epoch() = Some(value),
        Err(error) => {
            tracing::warn!(%error, "could not tell other nodes to rebuild their search index")
        }
    }
}

/// The ids of the articles of a scope (read before a deletion takes them out of it).
pub async fn ids_of(state: &AppState, scope: &SourceScope) -> Result<Vec<ArticleId>, StoreError> {
    let mut ids = Vec::new();
    let mut after = ArticleId(0);
    loop {
        let batch = state.store().search_sources(scope, after, BATCH).await?;
        ids.extend(batch.iter().map(|s| s.id));
        match batch.last() {
            Some(last) if batch.len() == BATCH as usize => after = last.id,
            _ => return Ok(ids),
        }
    }
}

async fn refresh(state: &AppState, scope: &SourceScope) -> Result<(), SyncError> {
    let mut after = ArticleId(0);
    loop {
        let batch = state.store().search_sources(scope, after, BATCH).await?;
        let full = batch.len() == BATCH as usize;
        if let Some(last) = batch.last() {
            after = last.id;
        }
        apply(state, batch, None, None).await?;
        if !full {
            return Ok(());
        }
    }
}

/// Indexes or takes out `sources` (skipping those already indexed at the same
/// `updated_at` before `skip_before`), recording `synced_to`.
async fn apply(
    state: &AppState,
    sources: Vec<SearchSource>,
    skip_before: Option<Timestamp>,
    synced_to: Option<Timestamp>,
) -> Result<(), SyncError> {
    let search = state.search();
    let sources: Vec<SearchSource> = {
        let mut seen = search.seen();
        sources
            .into_iter()
            .filter(|s| {
                let known = seen.get(&s.id) == Some(&s.updated_at)
                    && skip_before.is_some_and(|before| s.updated_at < before);
                seen.insert(s.id, s.updated_at);
                !known
            })
            .collect()
    };
    if sources.is_empty() && synced_to.is_none() {
        return Ok(());
    }
    let index = search.index();
    tokio::task::spawn_blocking(move || {
        let mut docs = Vec::with_capacity(sources.len());
        let mut removed = Vec::new();
        for source in sources {
            let id = source.id;
            match source.is_indexable().then(|| doc(source)).flatten() {
                Some(doc) => docs.push(doc),
                None => removed.push(id),
            }
        }
        index.apply(&docs, &removed, synced_to)
    })
    .await??;
    Ok(())
}

/// One pass of the job: switches to a generation another process built, rebuilds the
/// index when it needs it, else indexes what changed since the last pass.
pub async fn catch_up(state: &AppState) -> Result<(), SyncError> {
    let search = state.search();
    let _pass = search.pass.lock().await;
    let language = language(state);
    if let Some(root) = search.location.root()
        && let Some(name) = SearchIndex::current_generation(root)
        && search.index().generation() != Some(name.as_str())
    {
        let root = root.to_owned();
        let opened =
            tokio::task::spawn_blocking(move || SearchIndex::open_or_create(&root, language))
                .await??;
        tracing::info!(generation = ?opened.generation(), "search index built elsewhere now in use");
        search.install(opened).await;
    }
    let index = search.index();
    let mut rebuild = index.synced_to().is_none() || index.language() != language;
    let epoch = state
        .store()
        .settings()
        .await?
        .into_iter()
        .find(|(key, _)| key == EPOCH_KEY)
        .map(|(_, value)| value);
    let known = search.epoch().clone();
    if epoch.is_some() && epoch != known {
        // Seen for the first time since start: rebuild if bumped after the last sync.
        let bumped_at = epoch
            .as_deref()
            .and_then(|e| e.split('-').next())
            .and_then(|t| t.parse::<i64>().ok())
            .and_then(|t| Timestamp::from_timestamp(t, 0));
        rebuild |= known.is_some()
            || match (bumped_at, index.synced_to()) {
                (Some(bumped), Some(synced)) => bumped >= synced - LOOK_BACK,
                _ => true,
            };
        *search.epoch() = epoch;
    }
    if rebuild {
        return rebuild_locked(state).await;
    }
    sync(state, &index).await
}

/// Rebuilds the index from the database now (when the demo content was loaded behind the
/// site's back, in tests).
pub async fn rebuild(state: &AppState) -> Result<(), SyncError> {
    let _pass = state.search().pass.lock().await;
    rebuild_locked(state).await
}

async fn rebuild_locked(state: &AppState) -> Result<(), SyncError> {
    let search = state.search();
    let started = state.clock().now();
    let clock = std::time::Instant::now();
    let (index, count) = build_index(
        state.store(),
        search.location.root().map(|r| r.to_owned()),
        language(state),
        started,
        // A server rebuilds while it serves: with little memory, not all of it.
        true,
    )
    .await?;
    tracing::info!(
        articles = count,
        seconds = clock.elapsed().as_secs_f64(),
        "search index built"
    );
    search.install(index).await;
    // What changed while it was being built.
    let index = search.index();
    sync(state, &index).await
}

/// Builds a complete index of the database's published and scheduled articles, in a new
/// generation of `root` (named current when done) or in memory; returns it and how many
/// articles it holds. `started` is recorded as its sync time.
pub async fn build_index(
    store: &dyn Store,
    root: Option<PathBuf>,
    language: Language,
    started: Timestamp,
    lean: bool,
) -> Result<(SearchIndex, usize), SyncError> {
    let mut builder =
        tokio::task::spawn_blocking(move || SearchIndex::builder(root.as_deref(), language, lean))
            .await??;
    let mut after = ArticleId(0);
    loop {
        let batch = store
            .search_sources(&SourceScope::Indexable, after, BATCH)
            .await?;
        let full = batch.len() == BATCH as usize;
        if let Some(last) = batch.last() {
            after = last.id;
        }
        builder = tokio::task::spawn_blocking(move || {
            let docs: Vec<Doc> = batch.into_iter().filter_map(doc).collect();
            builder.add(&docs).map(|()| builder)
        })
        .await??;
        if !full {
            break;
        }
    }
    let index = tokio::task::spawn_blocking(move || builder.finish(started)).await??;
    let count = usize::try_from(index.len()).unwrap_or(usize::MAX);
    Ok((index, count))
}

/// Indexes what changed since the index's sync time (less [`LOOK_BACK`]).
async fn sync(state: &AppState, index: &Arc<SearchIndex>) -> Result<(), SyncError> {
    let started = state.clock().now();
    let since = index.synced_to().unwrap_or(started) - LOOK_BACK;
    // Recent changes are indexed again even if seen: two writes in the same second share
    // an `updated_at`.
    let skip_before = started - chrono::Duration::seconds(2);
    // Ids and times first: after a bulk load (an import, generated articles) every pass of
    // the look-back window finds thousands of changes already indexed, which are not read
    // again in full.
    let changes = state.store().changes_since(since).await?;
    let mut unseen: Vec<ArticleId> = {
        let seen = state.search().seen();
        changes
            .into_iter()
            .filter(|(id, updated)| !(seen.get(id) == Some(updated) && *updated < skip_before))
            .map(|(id, _)| id)
            .collect()
    };
    unseen.sort_unstable();
    // The last batch's commit records the pass's time with it (a pass with nothing to
    // index records it alone, now and then: see `SearchIndex::apply`).
    let batches = unseen.chunks(BATCH as usize).count();
    for (n, ids) in unseen.chunks(BATCH as usize).enumerate() {
        let scope = SourceScope::Ids(ids.to_vec());
        let batch = state
            .store()
            .search_sources(&scope, ArticleId(0), BATCH)
            .await?;
        let last = n + 1 == batches;
        apply(state, batch, Some(skip_before), last.then_some(started)).await?;
    }
    if batches == 0 {
        apply(state, Vec::new(), None, Some(started)).await?;
    }
    state.search().seen().retain(|_, updated| *updated >= since);
    Ok(())
}
