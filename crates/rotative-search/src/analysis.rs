//! How text becomes terms, per language: the same chain for the articles indexed and for
//! the words readers type, so that both meet.
//!
//! [`Words`] cuts text into words, keeping an apostrophe between two letters inside the word
//! (`l’excellence`, `aujourd'hui`, `France's`) and the combining marks of decomposed
//! accents and of Arabic (tashkeel) inside it, so that neither splits a word in two. Then:
//! long tokens are dropped, the rest lower-cased, [`Normalize`]d (combining marks and
//! tatweel removed, apostrophes unified, Arabic alef forms unified), folded to ASCII where a
//! Latin letter has an ASCII base (`coopération` → `cooperation`, `Tokaïev` → `tokaiev`),
//! stripped of French elisions ([`Elision`]: `l’`, `d’`, `qu’`…), and stemmed with the
//! language's Snowball stemmer (`renforcer`, `renforcé`, `renforce` → `renforc`). Snowball
//! leaves French third-person plurals alone (`renforcent`): the query side looks them up
//! (see `query`).
//!
//! The spelling analyser is the same chain without the stemmer: its terms are whole words,
//! which "did you mean" can offer back to readers.

use tantivy::tokenizer::{
    AsciiFoldingFilter, Language as StemLanguage, LowerCaser, RemoveLongFilter, Stemmer,
    TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

/// The language of a site's articles, which decides how words are stemmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// French: elisions removed, French stemming.
    #[default]
    French,
    /// English: English stemming (which also drops the possessive `'s`).
    English,
    /// Arabic: diacritics and tatweel removed, alef forms unified, Arabic stemming.
    Arabic,
}

impl Language {
    /// Every language.
    pub const ALL: [Language; 3] = [Language::French, Language::English, Language::Arabic];

    /// The language of a locale code (`fr`, `en`, `ar`, or `fr-FR`…); French for any other.
    pub fn from_code(code: &str) -> Language {
        let primary = code.split(['-', '_']).next().unwrap_or_default();
        match primary.to_ascii_lowercase().as_str() {
            "en" => Language::English,
            "ar" => Language::Arabic,
            _ => Language::French,
        }
    }

    /// Its code (`fr`, `en`, `ar`).
    pub fn code(self) -> &'static str {
        match self {
            Language::French => "fr",
            Language::English => "en",
            Language::Arabic => "ar",
        }
    }

    fn stemmer(self) -> StemLanguage {
        match self {
            Language::French => StemLanguage::French,
            Language::English => StemLanguage::English,
            Language::Arabic => StemLanguage::Arabic,
        }
    }

    /// The name the stemming analyser is registered under (in the index's schema, so an
    /// index built for another language is told apart).
    pub(crate) fn words_tokenizer(self) -> String {
        format!("rotative_words_{}", self.code())
    }

    /// The name the spelling analyser is registered under.
    pub(crate) fn spelling_tokenizer(self) -> String {
        format!("rotative_spelling_{}", self.code())
    }
}

/// Tokens longer than this many bytes are dropped (nobody searches for them).
const LONGEST_TOKEN: usize = 40;

/// The analyser of a language's searchable text: words, stemmed.
pub fn analyzer(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(Words::default())
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(LowerCaser)
        .filter(Normalize(language))
        .filter(AsciiFoldingFilter)
        .filter(Elision(language))
        .filter(Stemmer::new(language.stemmer()))
        .build()
}

/// The analyser of the spelling vocabulary: whole words, folded, not stemmed.
pub fn spelling_analyzer(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(Words::default())
        .filter(RemoveLongFilter::limit(LONGEST_TOKEN))
        .filter(LowerCaser)
        .filter(Normalize(language))
        .filter(AsciiFoldingFilter)
        .filter(Elision(language))
        .build()
}

/// The terms `text` gives with `analyzer`.
pub fn terms(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Combining marks that belong inside a word: decomposed Latin accents, Arabic harakat
/// (tashkeel), superscript alef and Quranic marks.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Cuts text into words: runs of letters, digits and combining marks, with an apostrophe
/// kept when a word character follows it.
#[derive(Clone, Default)]
pub struct Words {
    token: Token,
}

/// The words of one text.
pub struct WordStream<'a> {
    text: &'a str,
    at: usize,
    token: &'a mut Token,
}

impl Tokenizer for Words {
    type TokenStream<'a> = WordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> WordStream<'a> {
        self.token.reset();
        WordStream {
            text,
            at: 0,
            token: &mut self.token,
        }
    }
}

impl TokenStream for WordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        let rest = &self.text[self.at..];
        let Some((skip, _)) = rest.char_indices().find(|(_, c)| is_word_char(*c)) else {
            self.at = self.text.len();
            return false;
        };
        let start = self.at + skip;
        let mut end = start;
        let mut chars = self.text[start..].char_indices().peekable();
        while let Some((offset, c)) = chars.next() {
            let joins = is_apostrophe(c) && chars.peek().is_some_and(|(_, n)| is_word_char(*n));
            if is_word_char(c) || joins {
                end = start + offset + c.len_utf8();
            } else {
                break;
            }
        }
        self.at = end;
        self.token.offset_from = start;
        self.token.offset_to = end;
        self.token.position = self.token.position.wrapping_add(1);
        self.token.text.push_str(&self.text[start..end]);
        true
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Declares a token filter made of a function applied to each token's text.
macro_rules! text_filter {
    ($(#[$doc:meta])* $name:ident, $filter:ident, $stream:ident, $apply:path) => {
        $(#[$doc])*
        #[derive(Clone, Copy)]
        pub struct $name(pub Language);

        /// The tokenizer with the filter applied.
        #[derive(Clone)]
        pub struct $filter<T> {
            inner: T,
            language: Language,
        }

        /// The filtered tokens.
        pub struct $stream<T> {
            tail: T,
            language: Language,
        }

        impl TokenFilter for $name {
            type Tokenizer<T: Tokenizer> = $filter<T>;

            fn transform<T: Tokenizer>(self, inner: T) -> $filter<T> {
                $filter {
                    inner,
                    language: self.0,
                }
            }
        }

        impl<T: Tokenizer> Tokenizer for $filter<T> {
            type TokenStream<'a> = $stream<T::TokenStream<'a>>;

            fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
                $stream {
                    tail: self.inner.token_stream(text),
                    language: self.language,
                }
            }
        }

        impl<T: TokenStream> TokenStream for $stream<T> {
            fn advance(&mut self) -> bool {
                if !self.tail.advance() {
                    return false;
                }
                let token = self.tail.token_mut();
                if let Some(changed) = $apply(&token.text, self.language) {
                    token.text = changed;
                }
                true
            }

            fn token(&self) -> &Token {
                self.tail.token()
            }

            fn token_mut(&mut self) -> &mut Token {
                self.tail.token_mut()
            }
        }
    };
}

text_filter!(
    /// Removes combining marks and tatweel, writes every apostrophe as `'`, and in Arabic
    /// unifies the forms of alef (`أ إ آ ٱ` → `ا`).
    Normalize,
    NormalizeFilter,
    NormalizeStream,
    normalize
);

text_filter!(
    /// Strips French elisions (`l'`, `d'`, `qu'`, `j'`, `n'`, `s'`, `c'`, `m'`, `t'`,
    /// `jusqu'`, `lorsqu'`, `puisqu'`, `quoiqu'`) from the start of a word.
    Elision,
    ElisionFilter,
    ElisionStream,
    elide
);

/// The normalised text, or `None` when it is already normal.
fn normalize(text: &str, language: Language) -> Option<String> {
    let changes = |c: char| {
        is_combining_mark(c)
            || c == '\u{0640}'
            || (is_apostrophe(c) && c != '\'')
            || (language == Language::Arabic && matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ'))
    };
    if !text.chars().any(changes) {
        return None;
    }
    Some(
        text.chars()
            .filter(|c| !is_combining_mark(*c) && *c != '\u{0640}')
            .map(|c| match c {
                c if is_apostrophe(c) => '\'',
                'أ' | 'إ' | 'آ' | 'ٱ' if language == Language::Arabic => 'ا',
                c => c,
            })
            .collect(),
    )
}

/// The French articles and pronouns that elide before a vowel.
const ELISIONS: [&str; 13] = [
    "l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// The word without its elision, or `None` when it has none.
fn elide(text: &str, language: Language) -> Option<String> {
    if language != Language::French {
        return None;
    }
    let (head, tail) = text.split_once('\'')?;
    (ELISIONS.contains(&head) && !tail.is_empty()).then(|| tail.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(language: Language, text: &str) -> Vec<String> {
        terms(&mut analyzer(language), text)
    }

    #[test]
    fn french_folds_case_and_accents() {
        assert_eq!(
            stems(Language::French, "Coopération"),
            stems(Language::French, "cooperation")
        );
        assert_eq!(
            stems(Language::French, "Tokaïev"),
            stems(Language::French, "tokaiev")
        );
        assert_eq!(
            stems(Language::French, "ÉTÉ"),
            stems(Language::French, "été")
        );
    }

    #[test]
    fn french_stems_inflections_together() {
        let stem = stems(Language::French, "renforcer");
        assert_eq!(stems(Language::French, "renforce"), stem);
        assert_eq!(stems(Language::French, "renforcés"), stem);
        assert_eq!(
            stems(Language::French, "coopérations"),
            stems(Language::French, "coopération")
        );
    }

    #[test]
    fn french_elisions_go_with_either_apostrophe() {
        let bare = stems(Language::French, "excellence");
        assert_eq!(stems(Language::French, "l’excellence"), bare);
        assert_eq!(stems(Language::French, "l'excellence"), bare);
        assert_eq!(stems(Language::French, "d’Excellence"), bare);
        assert_eq!(
            stems(Language::French, "qu’il jusqu’ici"),
            stems(Language::French, "il ici")
        );
        // Other apostrophes stay inside their word.
        assert_eq!(stems(Language::French, "aujourd’hui").len(), 1);
    }

    #[test]
    fn words_keep_their_offsets_in_the_original_text() {
        let text = "« L’excellence », dit-il.";
        let mut analyzer = analyzer(Language::French);
        let mut stream = analyzer.token_stream(text);
        assert!(stream.advance());
        let token = stream.token();
        assert_eq!(&text[token.offset_from..token.offset_to], "L’excellence");
    }

    #[test]
    fn decomposed_accents_do_not_split_words() {
        let decomposed = "coope\u{0301}ration";
        assert_eq!(
            stems(Language::French, decomposed),
            stems(Language::French, "coopération")
        );
    }

    #[test]
    fn english_stems_and_drops_possessives() {
        assert_eq!(
            stems(Language::English, "Strengthening"),
            stems(Language::English, "strengthen")
        );
        assert_eq!(
            stems(Language::English, "Morocco’s"),
            stems(Language::English, "Morocco")
        );
        assert_eq!(
            stems(Language::English, "cooperation"),
            stems(Language::English, "Coöperation")
        );
    }

    #[test]
    fn arabic_ignores_diacritics_tatweel_and_alef_forms() {
        let plain = stems(Language::Arabic, "المغرب");
        assert_eq!(stems(Language::Arabic, "المَغْرِب"), plain);
        assert_eq!(stems(Language::Arabic, "المـــغرب"), plain);
        assert_eq!(
            stems(Language::Arabic, "أحمد"),
            stems(Language::Arabic, "احمد")
        );
        assert_eq!(
            stems(Language::Arabic, "إسلام"),
            stems(Language::Arabic, "اسلام")
        );
    }

    #[test]
    fn arabic_stems_articles_prepositions_and_plurals() {
        let stem = stems(Language::Arabic, "معلم");
        assert_eq!(stems(Language::Arabic, "المعلمون"), stem);
        assert_eq!(stems(Language::Arabic, "المعلمين"), stem);
        assert_eq!(
            stems(Language::Arabic, "بالرباط"),
            stems(Language::Arabic, "الرباط")
        );
        assert_eq!(
            stems(Language::Arabic, "المدرسة"),
            stems(Language::Arabic, "مدرسة")
        );
    }

    #[test]
    fn language_codes_map_to_analysers() {
        assert_eq!(Language::from_code("fr"), Language::French);
        assert_eq!(Language::from_code("en-GB"), Language::English);
        assert_eq!(Language::from_code("ar"), Language::Arabic);
        assert_eq!(Language::from_code("xx"), Language::French);
    }
}
