//! One index: opening it (or replacing an unusable one), writing to it, building a new one.

use crate::analysis::{self, Language};
use crate::schema::{self, Fields};
use crate::{Doc, Result, disk};
use rotative_core::{ArticleId, Timestamp};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tantivy::indexer::IndexWriterOptions;
use tantivy::query::QueryParser;
use tantivy::schema::TantivyDocument;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// Bumped whenever the schema or the analysers change meaning: older indexes are rebuilt.
const FORMAT: u32 = 1;

/// Memory the writer of a live index buffers before writing a segment (tantivy's minimum).
const LIVE_WRITER_BYTES: usize = 15_000_000;

/// Memory each thread of a rebuild buffers before writing a segment.
const BUILD_WRITER_BYTES: usize = 64_000_000;

/// What each commit records, and what opening an index checks.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Payload {
    format: u32,
    language: String,
    /// Every article changed before this time (Unix seconds) is in the index.
    synced_to: i64,
}

/// The writer and what the next commit records.
struct Writing {
    writer: IndexWriter,
    synced_to: Option<i64>,
    /// The sync time the last commit recorded on disk.
    committed: Option<i64>,
}

/// How far the sync time may move on before it is committed even without a change: a
/// restarted server's first pass reads what changed since the time on disk, so that
/// time must not stay at the last change (or the last full build) forever.
pub const SYNC_COMMIT_AFTER_SECONDS: i64 = 300;

/// A full-text index of articles. Searching takes `&self`; writes are serialised inside.
/// Every method blocks (disk, CPU): call them off the async runtime.
pub struct SearchIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    writing: Mutex<Writing>,
    pub(crate) fields: Fields,
    pub(crate) language: Language,
    pub(crate) parser: QueryParser,
    /// The index folder and this generation's name, on disk.
    generation: Option<(PathBuf, String)>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("language", &self.language)
            .field("generation", &self.generation)
            .finish_non_exhaustive()
    }
}

/// Registers the language's analysers on an index.
fn register(index: &Index, language: Language) {
    let tokenizers = index.tokenizers();
    tokenizers.register(&language.words_tokenizer(), analysis::analyzer(language));
    tokenizers.register(
        &language.spelling_tokenizer(),
        analysis::spelling_analyzer(language),
    );
}

fn writer(index: &Index, threads: usize, bytes_per_thread: usize) -> Result<IndexWriter> {
    let options = IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .num_merge_threads(1)
        .memory_budget_per_thread(bytes_per_thread)
        .build();
    Ok(index.writer_with_options(options)?)
}

impl SearchIndex {
    /// An empty index in memory (tests); it says it needs building ([`Self::synced_to`] is
    /// `None`) until a commit records a time.
    pub fn in_memory(language: Language) -> Result<SearchIndex> {
        let index = Index::create_in_ram(schema::schema(language));
        register(&index, language);
        let writer = writer(&index, 1, LIVE_WRITER_BYTES)?;
        SearchIndex::assemble(index, writer, language, None)
    }

    /// Opens the current index of the folder `root` (created when missing). An index that
    /// is missing, unreadable, or built for another language or format is replaced by an
    /// empty one, named current, whose [`Self::synced_to`] is `None`: it needs rebuilding.
    /// Old generations nobody uses are deleted. Fails when another process writes the
    /// current index, or the folder cannot be written.
    pub fn open_or_create(root: &Path, language: Language) -> Result<SearchIndex> {
        let opened = match disk::current(root) {
            Some(name) => match SearchIndex::open_generation(root, &name, language) {
                Ok(Some(index)) => Some(index),
                Ok(None) => None,
                Err(error @ crate::SearchError::Index(tantivy::TantivyError::LockFailure(..))) => {
                    return Err(error);
                }
                Err(error) => {
                    tracing::warn!(%error, generation = %name, "the search index is unreadable; rebuilding it");
                    None
                }
            },
            None => None,
        };
        let index = match opened {
            Some(index) => index,
            None => {
                let (name, path) = disk::new_generation(root)?;
                let index = Index::create_in_dir(&path, schema::schema(language))?;
                register(&index, language);
                let writer = writer(&index, 1, LIVE_WRITER_BYTES)?;
                disk::make_current(root, &name)?;
                SearchIndex::assemble(index, writer, language, Some((root.to_owned(), name)))?
            }
        };
        if let Some((root, name)) = &index.generation {
            disk::remove_stale(root, name);
        }
        Ok(index)
    }

    /// Opens a generation; `None` when it was built for another language or format (it is
    /// to be rebuilt), an error when it cannot be read.
    fn open_generation(root: &Path, name: &str, language: Language) -> Result<Option<SearchIndex>> {
        let index = Index::open_in_dir(root.join(name))?;
        if index.schema() != schema::schema(language) {
            tracing::info!(generation = %name, "the search index was built for another language or format; rebuilding it");
            return Ok(None);
        }
        register(&index, language);
        let writer = writer(&index, 1, LIVE_WRITER_BYTES)?;
        let opened = SearchIndex::assemble(
            index,
            writer,
            language,
            Some((root.to_owned(), name.into())),
        )?;
        // Read every segment once: a damaged file fails here rather than on a reader's query.
        let searcher = opened.reader.searcher();
        for segment in searcher.segment_readers() {
            for field in [opened.fields.title, opened.fields.body] {
                segment.inverted_index(field)?;
            }
            segment.fast_fields().i64("published_at")?;
        }
        if opened.synced_to().is_none() {
            tracing::info!(generation = %name, "the search index was never completed; rebuilding it");
        }
        Ok(Some(opened))
    }

    fn assemble(
        index: Index,
        writer: IndexWriter,
        language: Language,
        generation: Option<(PathBuf, String)>,
    ) -> Result<SearchIndex> {
        let fields = Fields::of(&index.schema())?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let payload = index
            .load_metas()?
            .payload
            .and_then(|text| serde_json::from_str::<Payload>(&text).ok())
            .filter(|p| p.format == FORMAT && p.language == language.code());
        let mut parser = QueryParser::for_index(
            &index,
            schema::SEARCHED
                .iter()
                .filter_map(|(name, _)| index.schema().get_field(name).ok())
                .collect(),
        );
        parser.set_conjunction_by_default();
        for (name, boost) in schema::SEARCHED {
            if let Ok(field) = index.schema().get_field(name) {
                parser.set_field_boost(field, boost);
            }
        }
        Ok(SearchIndex {
            index,
            reader,
            writing: Mutex::new(Writing {
                writer,
                synced_to: payload.as_ref().map(|p| p.synced_to),
                committed: payload.map(|p| p.synced_to),
            }),
            fields,
            language,
            parser,
            generation,
        })
    }

    /// The language it analyses text in.
    pub fn language(&self) -> Language {
        self.language
    }

    /// The time up to which every change is in the index, as recorded by the last commit
    /// that gave one; `None` for an index never completed (it needs rebuilding).
    pub fn synced_to(&self) -> Option<Timestamp> {
        let synced_to = self.writing().synced_to?;
        Timestamp::from_timestamp(synced_to, 0)
    }

    /// The generation this index is, on disk.
    pub fn generation(&self) -> Option<&str> {
        self.generation.as_ref().map(|(_, name)| name.as_str())
    }

    /// The generation `CURRENT` names in the folder `root` (another process may have
    /// built a newer one than the index open here).
    pub fn current_generation(root: &Path) -> Option<String> {
        disk::current(root)
    }

    /// Deletes the generations of this index's folder other than its own that no process
    /// uses.
    pub fn remove_stale_generations(&self) {
        if let Some((root, name)) = &self.generation {
            disk::remove_stale(root, name);
        }
    }

    /// How many articles it holds.
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Whether it holds no article.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn writing(&self) -> std::sync::MutexGuard<'_, Writing> {
        self.writing.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds articles, replacing those with the same ids, in one commit.
    pub fn index(&self, docs: &[Doc]) -> Result<()> {
        self.apply(docs, &[], None)
    }

    /// Takes articles out, in one commit.
    pub fn remove(&self, ids: &[ArticleId]) -> Result<()> {
        self.apply(&[], ids, None)
    }

    /// Replaces `docs`, removes `removed` and records that every change before
    /// `synced_to` is in, in one commit, visible to the next search. With nothing to
    /// change, the time is committed alone once it is [`SYNC_COMMIT_AFTER_SECONDS`] past
    /// the one on disk (otherwise it waits for the next change).
    pub fn apply(
        &self,
        docs: &[Doc],
        removed: &[ArticleId],
        synced_to: Option<Timestamp>,
    ) -> Result<()> {
        let mut writing = self.writing();
        if let Some(at) = synced_to {
            writing.synced_to = Some(at.timestamp());
        }
        if docs.is_empty() && removed.is_empty() {
            let stale = match (writing.synced_to, writing.committed) {
                (Some(now), Some(committed)) => now - committed >= SYNC_COMMIT_AFTER_SECONDS,
                (Some(_), None) => true,
                _ => false,
            };
            if !stale {
                return Ok(());
            }
        }
        for id in removed.iter().chain(docs.iter().map(|d| &d.id)) {
            writing
                .writer
                .delete_term(Term::from_field_i64(self.fields.id, id.0));
        }
        for doc in docs {
            writing.writer.add_document(self.document(doc))?;
        }
        let payload = writing.synced_to.map(|synced_to| self.payload(synced_to));
        let mut commit = writing.writer.prepare_commit()?;
        if let Some(payload) = &payload {
            commit.set_payload(payload);
        }
        commit.commit()?;
        writing.committed = writing.synced_to;
        drop(writing);
        self.reader.reload()?;
        Ok(())
    }

    fn payload(&self, synced_to: i64) -> String {
        serde_json::to_string(&Payload {
            format: FORMAT,
            language: self.language.code().to_owned(),
            synced_to,
        })
        .unwrap_or_default()
    }

    fn document(&self, doc: &Doc) -> TantivyDocument {
        let f = &self.fields;
        let mut out = TantivyDocument::default();
        out.add_i64(f.id, doc.id.0);
        out.add_i64(f.published_at, doc.published_at.timestamp());
        out.add_i64(f.category, doc.category.0);
        out.add_text(f.title, &doc.title);
        out.add_text(f.excerpt, &doc.excerpt);
        out.add_text(f.body, &doc.body);
        for tag in &doc.tags {
            out.add_text(f.tags, tag);
        }
        out.add_text(f.author, &doc.author);
        for text in [&doc.title, &doc.excerpt, &doc.body, &doc.author]
            .into_iter()
            .chain(&doc.tags)
        {
            out.add_text(f.spelling, text);
        }
        out
    }

    /// Starts a new index for `language`, in a new generation of the folder `root` (or in
    /// memory), beside the current one, which stays in use until [`Builder::finish`]. A
    /// `lean` build (a server rebuilding while it serves) writes with one thread and the
    /// smallest memory budget, so that the memory it takes, and which the system allocator
    /// keeps afterwards, stays small; otherwise it uses every core (up to four) with
    /// 64 MB each, as `rotative search reindex` does.
    pub fn builder(root: Option<&Path>, language: Language, lean: bool) -> Result<Builder> {
        let (threads, bytes) = if lean {
            (1, LIVE_WRITER_BYTES)
        } else {
            let cores = std::thread::available_parallelism()
                .map(usize::from)
                .unwrap_or(1)
                .clamp(1, 4);
            (cores, BUILD_WRITER_BYTES)
        };
        let (index, generation) = match root {
            Some(root) => {
                let (name, path) = disk::new_generation(root)?;
                let index = Index::create_in_dir(&path, schema::schema(language))?;
                (index, Some((root.to_owned(), name)))
            }
            None => (Index::create_in_ram(schema::schema(language)), None),
        };
        register(&index, language);
        let writer = writer(&index, threads, bytes)?;
        let built = SearchIndex::assemble(index, writer, language, generation)?;
        Ok(Builder { index: built })
    }
}

/// A new index being filled: [`Builder::add`] the articles, then [`Builder::finish`].
/// Dropped unfinished, it leaves its generation unnamed (deleted as stale later).
pub struct Builder {
    index: SearchIndex,
}

impl Builder {
    /// Adds articles (not yet searchable).
    pub fn add(&mut self, docs: &[Doc]) -> Result<()> {
        let writing = self.index.writing();
        for doc in docs {
            writing.writer.add_document(self.index.document(doc))?;
        }
        Ok(())
    }

    /// Commits, recording that every change before `synced_to` is in, merges the index
    /// into one segment (the fastest to search), names it current and returns it, ready.
    pub fn finish(self, synced_to: Timestamp) -> Result<SearchIndex> {
        let built = self.index;
        let mut writing = built.writing();
        writing.synced_to = Some(synced_to.timestamp());
        let payload = built.payload(synced_to.timestamp());
        let mut commit = writing.writer.prepare_commit()?;
        commit.set_payload(&payload);
        commit.commit()?;
        let segments = built.index.searchable_segment_ids()?;
        if segments.len() > 1 {
            writing.writer.merge(&segments).wait()?;
        }
        drop(writing);
        let Writing {
            writer, synced_to, ..
        } = built
            .writing
            .into_inner()
            .unwrap_or_else(|p| p.into_inner());
        writer.wait_merging_threads()?;
        let writer = self::writer(&built.index, 1, LIVE_WRITER_BYTES)?;
        if let Some((root, name)) = &built.generation {
            disk::make_current(root, name)?;
        }
        let finished = SearchIndex {
            writing: Mutex::new(Writing {
                writer,
                synced_to,
                committed: synced_to,
            }),
            ..built
        };
        finished.reader.reload()?;
        Ok(finished)
    }
}
