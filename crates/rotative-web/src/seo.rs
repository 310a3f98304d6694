//! What pages tell search engines and social networks: the meta description, OpenGraph and
//! Twitter card tags ([`rotative_theme::views::Seo`], filled here, written by the theme's
//! `partials/seo.html`), and schema.org JSON-LD: `WebSite` with a `SearchAction` on the
//! home page, `NewsArticle` on articles, `BreadcrumbList` wherever there are breadcrumbs.

use rotative_core::{Locale, SiteSettings, Timestamp};
use rotative_theme::views::Crumb;
use serde::Serialize;

/// The longest meta description, in characters (search engines cut around 160).
const DESCRIPTION_CHARS: usize = 160;

/// A meta description from text: one line, at most [`DESCRIPTION_CHARS`], cut at a word.
pub fn description(text: &str) -> String {
    // The words joined by single spaces, as far as one character past the limit: enough
    // to know whether the line is longer, and where to cut it. One pass over the
    // characters, which stops there.
    let mut line = String::with_capacity(text.len().min(DESCRIPTION_CHARS * 4));
    let mut chars = 0;
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !line.is_empty();
            continue;
        }
        if space {
            line.push(' ');
            chars += 1;
            space = false;
        }
        line.push(c);
        chars += 1;
        if chars > DESCRIPTION_CHARS {
            break;
        }
    }
    if chars <= DESCRIPTION_CHARS {
        return line;
    }
    let end = line
        .char_indices()
        .nth(DESCRIPTION_CHARS - 1)
        .map_or(line.len(), |(at, _)| at);
    let cut = &line[..end];
    // At the last word's end, unless that keeps half the line or less (counted in
    // characters: an Arabic or accented letter takes two bytes or more).
    let cut = match cut.rfind(' ') {
        Some(at) if cut[..at].chars().count() > DESCRIPTION_CHARS / 2 => &cut[..at],
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// OpenGraph's name of a language.
pub fn og_locale(locale: Locale) -> &'static str {
    match locale {
        Locale::Fr => "fr_FR",
        Locale::En => "en_US",
        Locale::Ar => "ar_AR",
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
/// so no text of it can close the script or open a comment. (The three are never JSON's
/// own syntax, so they only ever occur inside strings, where the escapes mean the same.)
pub fn script(document: &impl Serialize) -> String {
    // Written whole, then escaped in one pass: serde_json writes a document in dozens of
    // small pieces, each too short to scan on its own.
    let json = match serde_json::to_vec(document) {
        Ok(json) => json,
        // Writing to memory fails only for a value that cannot be JSON; these all can.
        Err(error) => {
            tracing::error!(%error, "a JSON-LD document could not be written");
            return "{}".to_owned();
        }
    };
    let mut out = Vec::with_capacity(json.len() + 64);
    let mut rest = json.as_slice();
    while let Some(at) = memchr::memchr3(b'<', b'>', b'&', rest) {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(match rest[at] {
            b'<' => b"\\u003c",
            b'>' => b"\\u003e",
            _ => b"\\u0026",
        });
        rest = &rest[at + 1..];
    }
    out.extend_from_slice(rest);
    String::from_utf8(out).unwrap_or_else(|_| "{}".to_owned())
}

/// A schema.org thing with its type.
#[derive(Serialize)]
struct Typed<T> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(flatten)]
    thing: T,
}

/// A document: a typed thing and its vocabulary.
#[derive(Serialize)]
struct Document<T> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(flatten)]
    typed: Typed<T>,
}

fn document<T>(kind: &'static str, thing: T) -> Document<T> {
    Document {
        context: "https://schema.org",
        typed: Typed { kind, thing },
    }
}

/// Something with a name and an address (a person, an organisation).
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    logo: Option<Typed<Url>>,
}

#[derive(Serialize)]
struct Url {
    url: String,
}

/// The site as a publisher: its name, address and logo.
fn publisher(settings: &SiteSettings) -> Named<'_> {
    Named {
        kind: "NewsMediaOrganization",
        name: &settings.name,
        url: absolute(settings, "/"),
        logo: (!settings.logo.is_empty()).then(|| Typed {
            kind: "ImageObject",
            thing: Url {
                url: absolute(settings, &settings.logo),
            },
        }),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct WebSite<'a> {
    name: &'a str,
    description: &'a str,
    url: String,
    in_language: &'static str,
    publisher: Named<'a>,
    potential_action: Typed<SearchAction>,
}

#[derive(Serialize)]
struct SearchAction {
    target: Typed<EntryPoint>,
    #[serde(rename = "query-input")]
    query_input: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EntryPoint {
    url_template: String,
}

/// `WebSite` with the site's search as a `SearchAction` (the home page).
pub fn website(settings: &SiteSettings) -> impl Serialize + '_ {
    document(
        "WebSite",
        WebSite {
            name: &settings.name,
            description: &settings.tagline,
            url: absolute(settings, "/"),
            in_language: settings.locale.code(),
            publisher: publisher(settings),
            potential_action: Typed {
                kind: "SearchAction",
                thing: SearchAction {
                    target: Typed {
                        kind: "EntryPoint",
                        thing: EntryPoint {
                            url_template: absolute(settings, "/recherche?q={search_term_string}"),
                        },
                    },
                    query_input: "required name=search_term_string",
                },
            },
        },
    )
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BreadcrumbList<'a> {
    item_list_element: Vec<Typed<ListItem<'a>>>,
}

#[derive(Serialize)]
struct ListItem<'a> {
    position: usize,
    name: &'a str,
    item: String,
}

/// `BreadcrumbList` of a page's breadcrumbs.
pub fn breadcrumbs<'a>(settings: &SiteSettings, crumbs: &'a [Crumb]) -> impl Serialize + 'a {
    let items = crumbs
        .iter()
        .enumerate()
        .map(|(n, crumb)| Typed {
            kind: "ListItem",
            thing: ListItem {
                position: n + 1,
                name: &crumb.name,
                item: absolute(settings, &crumb.url),
            },
        })
        .collect();
    document(
        "BreadcrumbList",
        BreadcrumbList {
            item_list_element: items,
        },
    )
}

/// What a `NewsArticle` says about an article.
pub struct ArticleFacts<'a> {
    /// Its title.
    pub headline: &'a str,
    /// Its meta description (from [`description`]).
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

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NewsArticle<'a> {
    headline: &'a str,
    description: &'a str,
    url: String,
    main_entity_of_page: WebPage,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    date_modified: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<[&'a str; 1]>,
    author: [Named<'a>; 1],
    publisher: Named<'a>,
    article_section: &'a str,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    keywords: &'a [String],
    in_language: &'static str,
}

#[derive(Serialize)]
struct WebPage {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "@id")]
    id: String,
}

/// `NewsArticle` for an article page.
pub fn news_article<'a>(
    settings: &'a SiteSettings,
    facts: &ArticleFacts<'a>,
) -> impl Serialize + 'a {
    let url = absolute(settings, facts.path);
    document(
        "NewsArticle",
        NewsArticle {
            headline: facts.headline,
            description: facts.description,
            main_entity_of_page: WebPage {
                kind: "WebPage",
                id: url.clone(),
            },
            url,
            date_published: facts.published.map(time),
            date_modified: time(facts.modified),
            image: facts.image.map(|image| [image]),
            author: [Named {
                kind: "Person",
                name: facts.author,
                url: absolute(settings, facts.author_path),
                logo: None,
            }],
            publisher: publisher(settings),
            article_section: facts.section,
            keywords: facts.keywords,
            in_language: settings.locale.code(),
        },
    )
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
        // Exactly at the limit: kept whole; one character more: cut at a word.
        let exact = format!("{} {}", "é".repeat(81), "à".repeat(78));
        assert_eq!(exact.chars().count(), DESCRIPTION_CHARS);
        assert_eq!(description(&exact), exact);
        assert_eq!(description(&format!(" \t{exact}  \n ")), exact);
        let over = format!("{exact}x");
        assert_eq!(description(&over), format!("{}…", "é".repeat(81)));
        // Unless the cut at a word keeps half the limit or less, counted in characters
        // whatever their bytes: then the last word is cut inside.
        for letter in ["e", "é", "ب"] {
            let short_first = format!("{} {}", letter.repeat(80), "ت".repeat(150));
            assert_eq!(
                description(&short_first),
                format!("{} {}…", letter.repeat(80), "ت".repeat(78)),
                "{letter}"
            );
        }
        // A first word longer than the limit is cut inside it.
        let word = "a".repeat(200);
        assert_eq!(
            description(&word),
            format!("{}…", "a".repeat(DESCRIPTION_CHARS - 1))
        );
    }

    #[test]
    fn words_are_split_where_split_whitespace_splits() {
        for text in [
            "",
            "   ",
            "Une ligne\tet\r\ndemie.",
            "23\u{a0}°C Marrakech\u{202f}!",
            "vertical\u{b}tab\u{c}feed",
            "fin de\u{2003}ligne\u{3000}ici é\u{85}à",
            "\u{1}contrôle\u{7f} caractères",
            "مرحبا  بكم\u{a0}في   المغرب",
        ] {
            let words: Vec<&str> = text.split_whitespace().collect();
            assert_eq!(description(text), words.join(" "), "{text:?}");
        }
    }

    #[test]
    fn json_ld_cannot_close_its_script() {
        let text = script(&serde_json::json!({
            "headline": "</script><script>alert(1)</script> & <!--"
        }));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&text).expect("still JSON");
        assert_eq!(
            back["headline"],
            "</script><script>alert(1)</script> & <!--"
        );
    }
}
