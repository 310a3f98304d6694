//! Strings shown to people, per locale, from the Fluent files in `locales/{code}/`.
//!
//! A missing string is logged and shown as its key, so a gap in a translation never
//! breaks a page; tests hold every locale to the same set of keys.
//!
//! Arabic files select plural forms with `PLURAL($count)` rather than `$count` alone: the
//! plural rules Fluent ships (`intl_pluralrules` 7.0.2) test the whole number where CLDR
//! tests `n % 100`, and would write "103 تعليق" for "103 تعليقات".

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rotative_core::Locale;
use std::borrow::Cow;
use std::sync::Arc;

/// The Fluent sources of a locale, embedded in the binary.
fn sources(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::Fr => &[include_str!("../locales/fr/main.ftl")],
        Locale::En => &[include_str!("../locales/en/main.ftl")],
        Locale::Ar => &[include_str!("../locales/ar/main.ftl")],
    }
}

/// The key of a message whose value is text only (nothing to fill in or select).
fn plain_message(entry: &fluent_syntax::ast::Entry<&str>) -> Option<String> {
    use fluent_syntax::ast::{Entry, PatternElement};
    match entry {
        Entry::Message(message)
            if message.value.as_ref().is_some_and(|pattern| {
                pattern
                    .elements
                    .iter()
                    .all(|e| matches!(e, PatternElement::TextElement { .. }))
            }) =>
        {
            Some(message.id.name.to_owned())
        }
        _ => None,
    }
}

/// The CLDR plural category of a number in Arabic: zero, one, two, few (`n % 100` in
/// 3..=10), many (`n % 100` in 11..=99), other.
fn arabic_plural(n: f64) -> &'static str {
    if n.fract() != 0.0 || !n.is_finite() {
        return "other";
    }
    let hundreds = (n.abs() % 100.0) as u8;
    match n.abs() {
        0.0 => "zero",
        1.0 => "one",
        2.0 => "two",
        _ if (3..=10).contains(&hundreds) => "few",
        _ if (11..=99).contains(&hundreds) => "many",
        _ => "other",
    }
}

/// The strings of one locale.
struct LocaleStrings {
    locale: Locale,
    bundle: FluentBundle<FluentResource>,
    /// The messages that are plain text (no variable, no selector), written out once:
    /// most strings of a page, looked up on every page rendered.
    /// Hashed with foldhash: a page looks up dozens of these short keys.
    plain: foldhash::HashMap<Box<str>, Arc<str>>,
}

/// Translations for every locale.
pub struct Translations {
    locales: Vec<LocaleStrings>,
    /// The date patterns of every locale and style, parsed once (see [`crate::dates`]).
    pub(crate) dates: Vec<crate::dates::Pattern>,
    /// Dates without a time of day, as written so far (see [`crate::dates`]).
    pub(crate) days: crate::dates::Days,
    /// Messages about a count, as written so far (see [`Translations::count`]).
    counts: Counts,
}

/// Messages about a count written so far, by language, message and count, and the most
/// kept (pages show the same counts again and again: an article's views and comments until
/// they change, the many articles with none).
type Counts = crate::kept::Kept<(Locale, &'static str, i64)>;

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translations").finish_non_exhaustive()
    }
}

/// A Fluent file that does not parse or clashes with another.
#[derive(Debug, thiserror::Error)]
#[error("locale {locale}: {message}")]
pub struct TranslationError {
    /// The locale of the faulty file.
    pub locale: Locale,
    /// What is wrong.
    pub message: String,
}

impl Translations {
    /// Loads the embedded Fluent files of every locale.
    pub fn load() -> Result<Self, TranslationError> {
        let mut locales = Vec::new();
        for locale in Locale::ALL {
            let fail = |message: String| TranslationError { locale, message };
            let id = locale
                .code()
                .parse()
                .map_err(|e| fail(format!("bad language id: {e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Isolation marks would end up inside attributes and URLs.
            bundle.set_use_isolating(false);
            if locale == Locale::Ar {
                bundle
                    .add_function("PLURAL", |args, _| match args.first() {
                        Some(FluentValue::Number(n)) => FluentValue::from(arabic_plural(n.value)),
                        _ => FluentValue::from("other"),
                    })
                    .map_err(|e| fail(format!("{e:?}")))?;
            }
            let mut plain_keys = Vec::new();
            for source in sources(locale) {
                let resource = FluentResource::try_new((*source).to_owned())
                    .map_err(|(_, errors)| fail(format!("{errors:?}")))?;
                plain_keys.extend(resource.entries().filter_map(plain_message));
                bundle
                    .add_resource(resource)
                    .map_err(|errors| fail(format!("{errors:?}")))?;
            }
            let mut texts =
                foldhash::HashMap::with_capacity_and_hasher(plain_keys.len(), Default::default());
            for key in plain_keys {
                let Some(pattern) = bundle.get_message(&key).and_then(|m| m.value()) else {
                    continue;
                };
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, None, &mut errors);
                if errors.is_empty() {
                    texts.insert(key.into_boxed_str(), Arc::from(text.as_ref()));
                }
            }
            locales.push(LocaleStrings {
                locale,
                bundle,
                plain: texts,
            });
        }
        let mut translations = Translations {
            locales,
            dates: Vec::new(),
            days: crate::dates::Days::default(),
            counts: Counts::default(),
        };
        translations.dates = crate::dates::patterns(&translations);
        Ok(translations)
    }

    /// A message that is plain text, already written out; `None` for one that takes
    /// arguments (or does not exist).
    pub fn plain(&self, locale: Locale, key: &str) -> Option<&Arc<str>> {
        self.strings(locale).and_then(|s| s.plain.get(key))
    }

    fn strings(&self, locale: Locale) -> Option<&LocaleStrings> {
        self.locales.iter().find(|s| s.locale == locale)
    }

    fn bundle(&self, locale: Locale) -> Option<&FluentBundle<FluentResource>> {
        self.strings(locale).map(|s| &s.bundle)
    }

    /// Whether a locale has a string for `key`.
    pub fn has(&self, locale: Locale, key: &str) -> bool {
        self.bundle(locale).is_some_and(|b| b.has_message(key))
    }

    /// The string for `key` in `locale`, with arguments filled in.
    pub fn get<'a>(
        &self,
        locale: Locale,
        key: &'a str,
        args: &[(&str, FluentValue<'_>)],
    ) -> Cow<'a, str> {
        if args.is_empty()
            && let Some(text) = self.plain(locale, key)
        {
            return Cow::Owned(text.as_ref().to_owned());
        }
        let pattern = self
            .bundle(locale)
            .and_then(|bundle| Some((bundle, bundle.get_message(key)?.value()?)));
        let Some((bundle, pattern)) = pattern else {
            tracing::warn!(key, locale = %locale, "missing translation");
            return Cow::Borrowed(key);
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, value.clone());
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
        if !errors.is_empty() {
            tracing::warn!(key, locale = %locale, ?errors, "translation could not be formatted");
        }
        Cow::Owned(text.into_owned())
    }

    /// A message whose one argument, `$count`, is a number (`{ $count } vues`): written
    /// through Fluent (plural rules and all) once per language, message and number, then
    /// kept.
    pub fn count(&self, locale: Locale, key: &'static str, count: i64) -> String {
        self.counts.get_or_write((locale, key, count), || {
            self.get(locale, key, &[("count", FluentValue::from(count))])
                .into_owned()
        })
    }

    /// The string for `key` without arguments.
    pub fn text<'a>(&self, locale: Locale, key: &'a str) -> Cow<'a, str> {
        self.get(locale, key, &[])
    }

    /// Every message key of a locale, sorted.
    pub fn keys(locale: Locale) -> Vec<String> {
        let mut keys: Vec<String> = sources(locale)
            .iter()
            .filter_map(|source| FluentResource::try_new((*source).to_owned()).ok())
            .flat_map(|resource| {
                resource
                    .entries()
                    .filter_map(|entry| match entry {
                        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        keys.sort();
        keys
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_count_messages_are_what_fluent_writes_each_time() {
        let strings = Translations::load().expect("translations load");
        let keys = [
            "article-view-count",
            "article-comment-count",
            "comments-list-title",
        ];
        for locale in Locale::ALL {
            for key in keys {
                for n in [0, 1, 2, 3, 11, 100, 101, 5000] {
                    let fresh = strings.get(locale, key, &[("count", FluentValue::from(n))]);
                    // Written the first time, read back from what is kept the second.
                    assert_eq!(strings.count(locale, key, n), fresh, "{locale} {key} {n}");
                    assert_eq!(strings.count(locale, key, n), fresh, "{locale} {key} {n}");
                }
            }
        }
        assert_eq!(strings.count(Locale::Fr, "article-view-count", 1), "1 vue");
        assert_eq!(strings.count(Locale::Fr, "article-view-count", 2), "2 vues");
        // Kept per language: the same count in another language is its own message.
        assert_ne!(
            strings.count(Locale::En, "article-view-count", 2),
            strings.count(Locale::Fr, "article-view-count", 2)
        );
    }

    #[test]
    fn every_locale_has_the_same_keys() {
        let reference = Translations::keys(Locale::Fr);
        assert!(reference.len() > 20);
        for locale in Locale::ALL {
            assert_eq!(
                Translations::keys(locale),
                reference,
                "{locale} differs from fr"
            );
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let t = Translations::load().expect("locales load");
        let count = |locale, n: i64| {
            t.get(locale, "article-comment-count", &[("count", n.into())])
                .into_owned()
        };
        assert_eq!(count(Locale::Fr, 0), "0 commentaire");
        assert_eq!(count(Locale::Fr, 2), "2 commentaires");
        assert_eq!(count(Locale::En, 1), "1 comment");
        assert_eq!(count(Locale::En, 0), "0 comments");
    }

    #[test]
    fn arabic_counts_take_all_six_plural_forms() {
        let t = Translations::load().expect("locales load");
        let count = |key, n: i64| t.get(Locale::Ar, key, &[("count", n.into())]).into_owned();
        let comments = |n| count("article-comment-count", n);
        assert_eq!(comments(0), "لا تعليقات");
        assert_eq!(comments(1), "تعليق واحد");
        assert_eq!(comments(2), "تعليقان");
        assert_eq!(comments(3), "3 تعليقات");
        assert_eq!(comments(10), "10 تعليقات");
        assert_eq!(comments(11), "11 تعليقا");
        assert_eq!(comments(99), "99 تعليقا");
        assert_eq!(comments(100), "100 تعليق");
        assert_eq!(comments(103), "103 تعليقات");
        assert_eq!(comments(111), "111 تعليقا");
        assert_eq!(comments(1000), "1000 تعليق");
        assert_eq!(count("article-view-count", 2), "مشاهدتان");
        assert_eq!(count("admin-articles-done", 2), "تم تعديل مقالين.");
    }

    #[test]
    fn arabic_strings_are_written_in_arabic() {
        // Patterns, units and names of other languages are the same in every locale.
        const SAME: &[&str] = &[
            "date-long-format",
            "date-medium-format",
            "weather-celsius",
            "weather-fahrenheit",
            "home-title",
            "admin-block-ip",
            "admin-locale-fr",
            "admin-settings-robots",
            "admin-locale-en",
        ];
        let t = Translations::load().expect("locales load");
        let args = [
            ("count", 5.into()),
            ("name", "x".into()),
            ("category", "x".into()),
        ];
        for key in Translations::keys(Locale::Ar) {
            if SAME.contains(&key.as_str()) {
                continue;
            }
            let text = t.get(Locale::Ar, &key, &args);
            assert!(
                text.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
                "{key} is not translated: {text}"
            );
        }
    }

    #[test]
    fn missing_keys_show_the_key() {
        let t = Translations::load().expect("locales load");
        assert_eq!(t.text(Locale::Fr, "no-such-key"), "no-such-key");
    }

    #[test]
    fn plain_messages_are_written_out_once_and_others_are_not() {
        let t = Translations::load().expect("load");
        assert_eq!(
            t.plain(Locale::Fr, "nav-home").map(|s| s.to_string()),
            Some("Accueil".to_owned())
        );
        assert_eq!(t.text(Locale::Fr, "nav-home"), "Accueil");
        assert!(t.plain(Locale::Fr, "article-comment-count").is_none());
        assert!(t.plain(Locale::Fr, "no-such-key").is_none());
    }
}
