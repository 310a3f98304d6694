//! From what a reader typed to a tantivy query that cannot fail.
//!
//! The text is cut to [`MAX_QUERY_CHARS`] characters (before the word that crosses the
//! limit); control characters and the query
//! syntax readers do not mean (`field:`, ranges, boosts, wildcards, escapes, parentheses)
//! become spaces; the ASCII apostrophe, a quote in tantivy's syntax, becomes the typographic
//! one (the analysers treat both alike). What remains (words, `"phrases"`, `-excluded`,
//! `+required`, `AND`/`OR`/`NOT`) is parsed leniently, all words required by default, over
//! title, tags, author, excerpt and body (boosted in that order).
//!
//! French Snowball stemming leaves third-person plurals alone (`renforcent` stays, while
//! `renforcer` becomes `renforc`): a word ending in `-ent` whose `-er` infinitive occurs in
//! the articles (`renforcer`) is searched as either (`(renforcent OR renforcer)`). Asking
//! the articles' own vocabulary keeps `parent`, `présent` or `violent` from being taken for
//! verbs.

use crate::analysis::{self, Language};
use crate::index::SearchIndex;
use rotative_core::Timestamp;
use std::ops::Bound;
use tantivy::Term;
use tantivy::query::{BooleanQuery, Occur, RangeQuery, TermSetQuery};

/// The longest query read, in characters; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 200;

/// A query's text made safe to parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cleaned {
    pub text: String,
    /// Whether the text was longer than [`MAX_QUERY_CHARS`].
    pub truncated: bool,
}

/// Cleans a reader's text (see the module's documentation).
pub(crate) fn clean(raw: &str) -> Cleaned {
    let mut text = String::with_capacity(raw.len().min(MAX_QUERY_CHARS * 4));
    let mut truncated = false;
    for (n, c) in raw.chars().enumerate() {
        if n == MAX_QUERY_CHARS {
            truncated = true;
            // A word cut in two would be searched for as it is: leave it out.
            if !c.is_whitespace()
                && let Some(space) = text.rfind(' ')
            {
                text.truncate(space);
            }
            break;
        }
        let c = match c {
            '\'' => '’',
            ':' | '^' | '`' | '{' | '}' | '[' | ']' | '(' | ')' | '!' | '\\' | '*' | '~' | '<'
            | '>' | '=' => ' ',
            c if c.is_control() || c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (text.is_empty() || text.ends_with(' ')) {
            continue;
        }
        text.push(c);
    }
    let text = text.trim_end().to_owned();
    Cleaned { text, truncated }
}

/// Whether a reader's text holds nothing to search for (no letter or digit once cleaned).
pub fn is_blank(raw: &str) -> bool {
    !clean(raw).text.chars().any(char::is_alphanumeric)
}

/// What a piece of a cleaned query is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece {
    /// A plain word (maybe hyphenated or with an apostrophe).
    Word,
    /// Anything else: an operator, a phrase or part of one, an excluded or required word.
    Other,
}

/// The whitespace-separated pieces of a cleaned query, each with what it is.
pub(crate) fn pieces(text: &str) -> Vec<(&str, Piece)> {
    let mut in_phrase = false;
    text.split(' ')
        .filter(|p| !p.is_empty())
        .map(|piece| {
            let quotes = piece.matches('"').count();
            let kind = if in_phrase
                || quotes > 0
                || piece.starts_with(['-', '+'])
                || matches!(piece, "AND" | "OR" | "NOT" | "IN" | "TO")
            {
                Piece::Other
            } else {
                Piece::Word
            };
            if quotes % 2 == 1 {
                in_phrase = !in_phrase;
            }
            (piece, kind)
        })
        .collect()
}

/// The words of a cleaned query that suggestions may rework: plain words and the words of
/// phrases, without operators, quotes or excluded words.
pub(crate) fn words(text: &str) -> Vec<String> {
    pieces(text)
        .into_iter()
        .filter(|(piece, kind)| {
            *kind == Piece::Word
                || !(piece.starts_with('-') || matches!(*piece, "AND" | "OR" | "NOT" | "IN" | "TO"))
        })
        .map(|(piece, _)| piece.trim_matches(['"', '+']).to_owned())
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect()
}

impl SearchIndex {
    /// The cleaned text with French verb forms widened (see the module's documentation).
    pub(crate) fn expand(&self, searcher: &tantivy::Searcher, text: &str) -> String {
        if self.language != Language::French {
            return text.to_owned();
        }
        let mut spelling = analysis::spelling_analyzer(self.language);
        let pieces: Vec<String> = pieces(text)
            .into_iter()
            .map(|(piece, kind)| {
                if kind != Piece::Word {
                    return piece.to_owned();
                }
                let words = analysis::terms(&mut spelling, piece);
                let [word] = words.as_slice() else {
                    return piece.to_owned();
                };
                match word.strip_suffix("ent") {
                    Some(base) if base.chars().count() >= 3 => {
                        let infinitive = format!("{base}er");
                        if self.spelling_freq(searcher, &infinitive) > 0 {
                            format!("({piece} OR {infinitive})")
                        } else {
                            piece.to_owned()
                        }
                    }
                    _ => piece.to_owned(),
                }
            })
            .collect();
        pieces.join(" ")
    }

    /// In how many articles a word of the spelling vocabulary occurs.
    pub(crate) fn spelling_freq(&self, searcher: &tantivy::Searcher, word: &str) -> u64 {
        searcher
            .doc_freq(&Term::from_field_text(self.fields.spelling, word))
            .unwrap_or(0)
    }

    /// The whole query: the text (already cleaned and expanded), and the filters.
    pub(crate) fn build(&self, text: &str, query: &crate::Query) -> Box<dyn tantivy::query::Query> {
        let (matches, _errors) = self.parser.parse_query_lenient(text);
        let field = self.fields.published_at;
        let time = |t: Timestamp| Term::from_field_i64(field, t.timestamp());
        let mut clauses = vec![(Occur::Must, matches)];
        // Articles published later (scheduled) are few: excluding them costs less than
        // requiring every match to be published by now.
        clauses.push((
            Occur::MustNot,
            Box::new(RangeQuery::new(
                Bound::Excluded(time(query.now)),
                Bound::Unbounded,
            )),
        ));
        if query.from.is_some() || query.until.is_some() {
            let earliest = query
                .from
                .map_or(Bound::Unbounded, |t| Bound::Included(time(t)));
            let latest = query
                .until
                .map_or(Bound::Unbounded, |t| Bound::Excluded(time(t)));
            clauses.push((Occur::Must, Box::new(RangeQuery::new(earliest, latest))));
        }
        if !query.categories.is_empty() {
            let categories = query
                .categories
                .iter()
                .map(|c| Term::from_field_i64(self.fields.category, c.0));
            clauses.push((Occur::Must, Box::new(TermSetQuery::new(categories))));
        }
        Box::new(BooleanQuery::new(clauses))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_and_control_characters_become_spaces() {
        assert_eq!(
            clean("title:maroc^3 (a OR b)*").text,
            "title maroc 3 a OR b"
        );
        assert_eq!(clean("a\u{0}b\u{7}\tc\r\nd").text, "a b c d");
        assert_eq!(clean("l'excellence").text, "l’excellence");
        assert_eq!(clean("\"unbalanced").text, "\"unbalanced");
    }

    #[test]
    fn long_text_is_cut() {
        let long = "mot ".repeat(3000);
        let cleaned = clean(&long);
        assert!(cleaned.truncated);
        assert!(cleaned.text.chars().count() <= MAX_QUERY_CHARS);
        assert!(!clean("court").truncated);
    }

    #[test]
    fn blank_texts_hold_no_word() {
        assert!(is_blank(""));
        assert!(is_blank("  ***  ((  "));
        assert!(!is_blank("Maroc"));
    }

    #[test]
    fn words_leave_out_operators_and_excluded_words() {
        assert_eq!(
            words("Maroc AND \"coopération bilatérale\" -sport +Rabat"),
            ["Maroc", "coopération", "bilatérale", "Rabat"]
        );
    }
}
