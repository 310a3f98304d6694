//! Strings shown to people, per locale, from the Fluent files in `locales/{code}/`.
//!
//! A missing string is logged and shown as its key, so a gap in a translation never
//! breaks a page; tests hold every locale to the same set of keys.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use rotative_core::Locale;
use std::borrow::Cow;

/// The Fluent sources of a locale, embedded in the binary.
fn sources(locale: Locale) -> &'static [&'static str] {
    match locale {
        Locale::Fr => &[include_str!("../locales/fr/main.ftl")],
        Locale::En => &[include_str!("../locales/en/main.ftl")],
    }
}

/// Translations for every locale.
pub struct Translations {
    bundles: Vec<(Locale, FluentBundle<FluentResource>)>,
}

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
        let mut bundles = Vec::new();
        for locale in Locale::ALL {
            let fail = |message: String| TranslationError { locale, message };
            let id = locale
                .code()
                .parse()
                .map_err(|e| fail(format!("bad language id: {e}")))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            // Isolation marks would end up inside attributes and URLs.
            bundle.set_use_isolating(false);
            for source in sources(locale) {
                let resource = FluentResource::try_new((*source).to_owned())
                    .map_err(|(_, errors)| fail(format!("{errors:?}")))?;
                bundle
                    .add_resource(resource)
                    .map_err(|errors| fail(format!("{errors:?}")))?;
            }
            bundles.push((locale, bundle));
        }
        Ok(Translations { bundles })
    }

    fn bundle(&self, locale: Locale) -> Option<&FluentBundle<FluentResource>> {
        self.bundles
            .iter()
            .find(|(l, _)| *l == locale)
            .map(|(_, b)| b)
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
    fn missing_keys_show_the_key() {
        let t = Translations::load().expect("locales load");
        assert_eq!(t.text(Locale::Fr, "no-such-key"), "no-such-key");
    }
}
