//! What pages tell search engines and social networks: the meta description, OpenGraph and
//! Twitter card tags ([`rotative_theme::views::Seo`], filled here, written by the theme's
//! `partials/seo.html`), and schema.org JSON-LD: `WebSite` with a `SearchAction` on the
//! home page, `NewsArticle` on articles, `BreadcrumbList` wherever there are breadcrumbs.

use rotative_core::{Locale, SiteSettings, Timestamp};
use rotative_theme::views::Crumb;
use serde_json::{Value, json};

/// The longest meta description, in characters (search engines cut around 160).
const DESCRIPTION_CHARS: usize = 160;

/// A meta description from text: one line, at most [`DESCRIPTION_CHARS`], cut at a word.
pub fn description(text: &str) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= DESCRIPTION_CHARS {
        return line;
    }
    let cut: String = line.chars().take(DESCRIPTION_CHARS - 1).collect();
    let cut = match cut.rfind(' ') {
        Some(at) if at > DESCRIPTION_CHARS / 2 => &cut[..at],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// OpenGraph's name of a language.
pub fn og_locale(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "fr_FR",
        Locale::En => "en_US",
        #[allow(unreachable_patterns)]
        _ => "ar_AR",
    }
}

/// An absolute address for a path of the site (addresses that already are stay).
pub fn absolute(settings: &SiteSettings, path: &str) -> String {
    if path.starts_with("http://") || path.starts_with("https://") {
        path.to_owned()
    } else {
        format!("{}{path}", settings.base_url)
    }
}

/// A time as schema.org and OpenGraph write it.
pub fn time(at: Timestamp) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A JSON-LD document, safe inside `<script>`: `<`, `>` and `&` are written as escapes,
/// so no text of it can close the script or open a comment.
pub fn script(value: &Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The site as a publisher: its name, address and logo.
fn publisher(settings: &SiteSettings) -> Value {
    let mut publisher = json!({
        "@type": "NewsMediaOrganization",
        "name": settings.name,
        "url": absolute(settings, "/"),
    });
    if !settings.logo.is_empty() {
        publisher["logo"] = json!({
            "@type": "ImageObject",
            "url": absolute(settings, &settings.logo),
        });
    }
    publisher
}

/// `WebSite` with the site's search as a `SearchAction` (the home page).
pub fn website(settings: &SiteSettings) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.name,
        "description": settings.tagline,
        "url": absolute(settings, "/"),
        "inLanguage": settings.locale.code(),
        "publisher": publisher(settings),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": absolute(settings, "/recherche?q={search_term_string}"),
            },
            "query-input": "required name=search_term_string",
        },
    })
}

/// `BreadcrumbList` of a page's breadcrumbs.
pub fn breadcrumbs(settings: &SiteSettings, crumbs: &[Crumb]) -> Value {
    let items: Vec<Value> = crumbs
        .iter()
        .enumerate()
        .map(|(n, crumb)| {
            json!({
                "@type": "ListItem",
                "position": n + 1,
                "name": crumb.name,
                "item": absolute(settings, &crumb.url),
            })
        })
        .collect();
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": items,
    })
}

/// What a `NewsArticle` says about an article.
pub struct ArticleFacts<'a> {
    /// Its title.
    pub headline: &'a str,
    /// Its excerpt.
    pub description: &'a str,
    /// Its canonical path.
    pub path: &'a str,
    /// Its image, absolute.
    pub image: Option<&'a str>,
    /// Its publication time.
    pub published: Option<Timestamp>,
    /// Its last change.
    pub modified: Timestamp,
    /// Its author's name.
    pub author: &'a str,
    /// Its author's page.
    pub author_path: &'a str,
    /// Its category's name.
    pub section: &'a str,
    /// Its tags.
    pub keywords: &'a [String],
}

/// `NewsArticle` for an article page.
pub fn news_article(settings: &SiteSettings, facts: &ArticleFacts<'_>) -> Value {
    let url = absolute(settings, facts.path);
    let mut article = json!({
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": facts.headline,
        "description": description(facts.description),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "dateModified": time(facts.modified),
        "author": [{
            "@type": "Person",
            "name": facts.author,
            "url": absolute(settings, facts.author_path),
        }],
        "publisher": publisher(settings),
        "articleSection": facts.section,
        "inLanguage": settings.locale.code(),
    });
    if let Some(published) = facts.published {
        article["datePublished"] = json!(time(published));
    }
    if let Some(image) = facts.image {
        article["image"] = json!([image]);
    }
    if !facts.keywords.is_empty() {
        article["keywords"] = json!(facts.keywords);
    }
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_one_short_line_cut_at_a_word() {
        assert_eq!(
            description("  Une  ligne\n\net demie. "),
            "Une ligne et demie."
        );
        let long = "mot ".repeat(100);
        let cut = description(&long);
        assert!(cut.chars().count() <= DESCRIPTION_CHARS, "{cut}");
        assert!(cut.ends_with("mot…"), "{cut}");
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let text = script(&json!({"headline": "</script><script>alert(1)</script> & <!--"}));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(
            back["headline"],
            "</script><script>alert(1)</script> & <!--"
        );
    }
}
