//! Running a search: ranking, counting, highlighting.
//!
//! Ranking is BM25 (tantivy's score, with title, tags and author boosted over excerpt and
//! body), and among equal scores the most recently published first, then the highest id:
//! the sort key is `(score, published_at, id)`, read from fast fields while collecting, so
//! the order is total and stable across pages. (A recency *boost* would let a fresh, barely
//! relevant article outrank an older exact match; readers asked for relevance first.)

use crate::index::SearchIndex;
use crate::{Hit, Query, Result, Results, html, query};
use rotative_core::{ArticleId, Timestamp};
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::{Field, TantivyDocument, Value};
use tantivy::snippet::{Snippet, SnippetGenerator};
use tantivy::{DocId, Score, SegmentReader};

/// The longest snippet, in characters.
const SNIPPET_CHARS: usize = 220;

/// The sort key of a hit: relevance, then recency, then id.
type Rank = (Score, i64, i64);

impl SearchIndex {
    /// Runs a search. Never fails on what the reader typed; fails only when the index
    /// cannot be read.
    pub fn search(&self, query: &Query) -> Result<Results> {
        let cleaned = query::clean(&query.text);
        let mut results = Results {
            truncated: cleaned.truncated,
            ..Results::default()
        };
        if !cleaned.text.chars().any(char::is_alphanumeric) || query.limit == 0 {
            return Ok(results);
        }
        let searcher = self.reader.searcher();
        let text = self.expand(&searcher, &cleaned.text);
        let built = self.build(&text, query);
        // A page past every article of the index finds nothing: only counted. (The top
        // collector reserves room for its offset and limit up front, and a reader chooses
        // the offset: `?page=4294967295` would ask for terabytes.)
        let indexed = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let (found, total) = if query.offset >= indexed {
            (Vec::new(), searcher.search(&*built, &Count)?)
        } else {
            let top = TopDocs::with_limit(query.limit)
                .and_offset(query.offset)
                .tweak_score(rank);
            searcher.search(&*built, &(top, Count))?
        };
        results.total = total;
        if !found.is_empty() {
            let marker = Marker::new(self, &searcher, &*built)?;
            for ((score, published_at, id), address) in found {
                let doc: TantivyDocument = searcher.doc(address)?;
                results.hits.push(Hit {
                    id: ArticleId(id),
                    published_at: Timestamp::from_timestamp(published_at, 0).unwrap_or_default(),
                    score,
                    title_html: marker.title(&doc),
                    snippet_html: marker.snippet(&doc),
                });
            }
        }
        if total == 0 {
            results.suggestion = self.suggest(&searcher, &cleaned.text, query)?;
        }
        Ok(results)
    }

    /// How many articles a cleaned text finds with the query's filters.
    pub(crate) fn count(
        &self,
        searcher: &tantivy::Searcher,
        text: &str,
        query: &Query,
    ) -> Result<usize> {
        let text = self.expand(searcher, text);
        Ok(searcher.search(&*self.build(&text, query), &Count)?)
    }
}

/// Reads a segment's publication times and ids, for the sort key.
fn rank(segment: &SegmentReader) -> impl Fn(DocId, Score) -> Rank + use<> {
    let fast = segment.fast_fields();
    let published = fast
        .i64("published_at")
        .ok()
        .map(|c| c.first_or_default_col(0));
    let ids = fast.i64("id").ok().map(|c| c.first_or_default_col(0));
    move |doc, score| {
        (
            score,
            published.as_ref().map_or(0, |c| c.get_val(doc)),
            ids.as_ref().map_or(0, |c| c.get_val(doc)),
        )
    }
}

/// Highlights the words a query found in stored fields.
struct Marker {
    title: SnippetGenerator,
    excerpt: SnippetGenerator,
    body: SnippetGenerator,
    fields: crate::schema::Fields,
}

impl Marker {
    fn new(
        index: &SearchIndex,
        searcher: &tantivy::Searcher,
        query: &dyn tantivy::query::Query,
    ) -> Result<Marker> {
        let fields = index.fields;
        let generator = |field: Field, chars: usize| -> Result<SnippetGenerator> {
            let mut generator = SnippetGenerator::create(searcher, query, field)?;
            generator.set_max_num_chars(chars);
            Ok(generator)
        };
        Ok(Marker {
            title: generator(fields.title, 10_000)?,
            excerpt: generator(fields.excerpt, SNIPPET_CHARS)?,
            body: generator(fields.body, SNIPPET_CHARS)?,
            fields,
        })
    }

    fn text(doc: &TantivyDocument, field: Field) -> &str {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .unwrap_or_default()
    }

    /// The whole title, the words found marked.
    fn title(&self, doc: &TantivyDocument) -> String {
        let title = Self::text(doc, self.fields.title);
        let snippet = self.title.snippet(title);
        if snippet.is_empty() {
            return html::highlight(title, &[], false, false);
        }
        marked(&snippet, title)
    }

    /// The best passage of the body with the words found, else of the excerpt, else the
    /// excerpt (or the body's start) as it is.
    fn snippet(&self, doc: &TantivyDocument) -> String {
        for (generator, field) in [
            (&self.body, self.fields.body),
            (&self.excerpt, self.fields.excerpt),
        ] {
            let text = Self::text(doc, field);
            let snippet = generator.snippet(text);
            if !snippet.is_empty() {
                return marked(&snippet, text);
            }
        }
        let excerpt = Self::text(doc, self.fields.excerpt);
        let text = if excerpt.trim().is_empty() {
            Self::text(doc, self.fields.body)
        } else {
            excerpt
        };
        let end = text
            .char_indices()
            .nth(SNIPPET_CHARS)
            .map_or(text.len(), |(at, _)| at);
        html::highlight(&text[..end], &[], false, end < text.len())
    }
}

/// A snippet of `text` as HTML.
fn marked(snippet: &Snippet, text: &str) -> String {
    let range = snippet.fragment_range();
    html::highlight(
        snippet.fragment(),
        snippet.highlighted(),
        range.start > 0,
        range.end < text.trim_end().len(),
    )
}
