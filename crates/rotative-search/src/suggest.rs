//! What to offer when a search finds nothing.
//!
//! 1. **Did you mean**: each word the articles never use is replaced by the closest word
//!    they do use (same first letter, at most one edit for words of up to four letters, two
//!    beyond; the most frequent among the closest), from the unstemmed, accent-folded
//!    spelling vocabulary. Offered when the corrected search finds something.
//! 2. **Fewer words**: the words the articles use, then fewer of them from the end, until a
//!    search finds something.

use crate::analysis;
use crate::index::SearchIndex;
use crate::query;
use crate::{Query, Result, Suggestion};
use std::collections::HashMap;

impl SearchIndex {
    /// A search to offer instead of `text` (cleaned), which found nothing.
    pub(crate) fn suggest(
        &self,
        searcher: &tantivy::Searcher,
        text: &str,
        query: &Query,
    ) -> Result<Option<Suggestion>> {
        let words = query::words(text);
        if words.is_empty() {
            return Ok(None);
        }
        let mut spelling = analysis::spelling_analyzer(self.language);
        let mut corrected = Vec::with_capacity(words.len());
        let mut known = Vec::with_capacity(words.len());
        let mut changed = false;
        for word in &words {
            let terms = analysis::terms(&mut spelling, word);
            if terms.is_empty() {
                continue;
            }
            if terms.iter().all(|t| self.spelling_freq(searcher, t) > 0) {
                corrected.push(word.clone());
                known.push(word.clone());
                continue;
            }
            let fixed: Vec<String> = terms
                .iter()
                .map(|t| {
                    if self.spelling_freq(searcher, t) > 0 {
                        Some(t.clone())
                    } else {
                        self.closest(searcher, t)
                    }
                })
                .collect::<Option<_>>()
                .unwrap_or_default();
            if fixed.is_empty() {
                continue;
            }
            changed = true;
            corrected.push(fixed.join(" "));
        }
        if changed {
            let text = corrected.join(" ");
            if self.count(searcher, &text, query)? > 0 {
                return Ok(Some(Suggestion::Spelling(text)));
            }
        }
        let mut fewer = known;
        while !fewer.is_empty() {
            if fewer.len() < words.len() {
                let text = fewer.join(" ");
                if self.count(searcher, &text, query)? > 0 {
                    return Ok(Some(Suggestion::FewerWords(text)));
                }
            }
            fewer.pop();
        }
        Ok(None)
    }

    /// The word of the spelling vocabulary closest to `word` (which it lacks).
    fn closest(&self, searcher: &tantivy::Searcher, word: &str) -> Option<String> {
        let first = word.chars().next()?;
        let length = word.chars().count();
        let most = if length <= 4 { 1 } else { 2 };
        let low = first.to_string();
        let high = char::from_u32(u32::from(first) + 1)
            .map(String::from)
            .unwrap_or_else(|| "\u{10FFFF}".to_owned());
        let target: Vec<char> = word.chars().collect();
        let mut found: HashMap<String, (usize, u64)> = HashMap::new();
        for segment in searcher.segment_readers() {
            let Ok(inverted) = segment.inverted_index(self.fields.spelling) else {
                continue;
            };
            let Ok(mut terms) = inverted.terms().range().ge(&low).lt(&high).into_stream() else {
                continue;
            };
            while terms.advance() {
                let Ok(candidate) = std::str::from_utf8(terms.key()) else {
                    continue;
                };
                if candidate.chars().count().abs_diff(length) > most {
                    continue;
                }
                let distance = edit_distance(&target, candidate);
                if distance == 0 || distance > most {
                    continue;
                }
                let entry = found.entry(candidate.to_owned()).or_insert((distance, 0));
                entry.1 += u64::from(terms.value().doc_freq);
            }
        }
        found
            .into_iter()
            .min_by(|(a, (da, fa)), (b, (db, fb))| da.cmp(db).then(fb.cmp(fa)).then(a.cmp(b)))
            .map(|(word, _)| word)
    }
}

/// The edit distance between two words (insertions, deletions, substitutions and swaps of
/// two neighbours each count one).
fn edit_distance(a: &[char], b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    for (j, cell) in rows.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows[i * width] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[(i - 1) * width + j] + 1)
                .min(rows[i * width + j - 1] + 1)
                .min(rows[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[(i - 2) * width + j - 2] + 1);
            }
            rows[i * width + j] = best;
        }
    }
    rows[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::edit_distance;

    fn distance(a: &str, b: &str) -> usize {
        edit_distance(&a.chars().collect::<Vec<_>>(), b)
    }

    #[test]
    fn edits_are_counted() {
        assert_eq!(distance("marrakech", "marrakech"), 0);
        assert_eq!(distance("marakech", "marrakech"), 1);
        assert_eq!(distance("marrakehc", "marrakech"), 1);
        assert_eq!(distance("maroc", "marco"), 1);
        assert_eq!(distance("kazakstan", "kazakhstan"), 1);
        assert_eq!(distance("abc", "xyz"), 3);
    }
}
