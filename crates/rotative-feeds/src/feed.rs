//! RSS 2.0 and Atom (RFC 4287) feeds from the same values.

use crate::xml::Writer;
use crate::{Timestamp, rfc2822, w3c};

/// The namespace of Atom.
pub const ATOM_NS: &str = "http://www.w3.org/2005/Atom";
/// The namespace of RSS's `content:encoded`.
pub const CONTENT_NS: &str = "http://purl.org/rss/1.0/modules/content/";
/// The namespace of Dublin Core (`dc:creator`).
pub const DC_NS: &str = "http://purl.org/dc/elements/1.1/";

/// What a feed is about: the site, or one of its lists.
#[derive(Debug, Clone, PartialEq)]
pub struct Channel {
    /// Its title ("Le Journal", "Sport – Le Journal").
    pub title: String,
    /// The page it follows, absolute (`https://journal.ma/sport/`).
    pub link: String,
    /// Its own address, absolute (`https://journal.ma/sport/feed/`).
    pub self_link: String,
    /// A line about it.
    pub description: String,
    /// The language of its entries (`fr`).
    pub language: String,
    /// When it last changed.
    pub updated: Timestamp,
    /// Who publishes it (the site's name), Atom's feed-level author.
    pub publisher: String,
}

/// An image (or any file) attached to an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enclosure {
    /// Its absolute address.
    pub url: String,
    /// Its size in bytes; 0 when unknown (RSS requires the attribute).
    pub length: u64,
    /// Its media type (`image/jpeg`).
    pub mime: String,
}

/// An article in a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its title, as typed.
    pub title: String,
    /// Its page, absolute; also its id.
    pub link: String,
    /// Its excerpt, plain text.
    pub summary: String,
    /// Its body as HTML, when the feed carries full content.
    pub content_html: Option<String>,
    /// When it was published.
    pub published: Timestamp,
    /// When it last changed.
    pub updated: Timestamp,
    /// Who signed it.
    pub author: String,
    /// The name of its category.
    pub category: Option<String>,
    /// Its featured image.
    pub enclosure: Option<Enclosure>,
}

/// The feed as RSS 2.0, with `atom:link rel="self"`, `content:encoded` and `dc:creator`.
pub fn rss(channel: &Channel, entries: &[Entry]) -> String {
    let mut w = Writer::new();
    w.open(
        "rss",
        &[
            ("version", "2.0"),
            ("xmlns:atom", ATOM_NS),
            ("xmlns:content", CONTENT_NS),
            ("xmlns:dc", DC_NS),
        ],
    );
    w.open("channel", &[]);
    w.text("title", &[], &channel.title);
    w.text("link", &[], &channel.link);
    w.text("description", &[], &channel.description);
    w.text("language", &[], &channel.language);
    w.text("lastBuildDate", &[], &rfc2822(channel.updated));
    w.text("generator", &[], "Rotative");
    w.empty(
        "atom:link",
        &[
            ("href", &channel.self_link),
            ("rel", "self"),
            ("type", "application/rss+xml"),
        ],
    );
    for entry in entries {
        w.open("item", &[]);
        w.text("title", &[], &entry.title);
        w.text("link", &[], &entry.link);
        w.text("guid", &[("isPermaLink", "true")], &entry.link);
        w.text("pubDate", &[], &rfc2822(entry.published));
        w.text("dc:creator", &[], &entry.author);
        if let Some(category) = &entry.category {
            w.text("category", &[], category);
        }
        w.text("description", &[], &entry.summary);
        if let Some(html) = &entry.content_html {
            w.text("content:encoded", &[], html);
        }
        if let Some(enclosure) = &entry.enclosure {
            w.empty(
                "enclosure",
                &[
                    ("url", &enclosure.url),
                    ("length", &enclosure.length.to_string()),
                    ("type", &enclosure.mime),
                ],
            );
        }
        w.close("item");
    }
    w.close("channel");
    w.close("rss");
    w.finish()
}

/// The feed as Atom.
pub fn atom(channel: &Channel, entries: &[Entry]) -> String {
    let mut w = Writer::new();
    w.open(
        "feed",
        &[("xmlns", ATOM_NS), ("xml:lang", &channel.language)],
    );
    w.text("id", &[], &channel.link);
    w.text("title", &[("type", "text")], &channel.title);
    if !channel.description.is_empty() {
        w.text("subtitle", &[("type", "text")], &channel.description);
    }
    w.text("updated", &[], &w3c(channel.updated));
    w.empty(
        "link",
        &[
            ("rel", "self"),
            ("type", "application/atom+xml"),
            ("href", &channel.self_link),
        ],
    );
    w.empty(
        "link",
        &[
            ("rel", "alternate"),
            ("type", "text/html"),
            ("href", &channel.link),
        ],
    );
    w.open("author", &[]);
    w.text("name", &[], &channel.publisher);
    w.close("author");
    w.text("generator", &[], "Rotative");
    for entry in entries {
        w.open("entry", &[]);
        w.text("id", &[], &entry.link);
        w.text("title", &[("type", "text")], &entry.title);
        w.text("updated", &[], &w3c(entry.updated));
        w.text("published", &[], &w3c(entry.published));
        w.empty(
            "link",
            &[
                ("rel", "alternate"),
                ("type", "text/html"),
                ("href", &entry.link),
            ],
        );
        if let Some(enclosure) = &entry.enclosure {
            w.empty(
                "link",
                &[
                    ("rel", "enclosure"),
                    ("type", &enclosure.mime),
                    ("length", &enclosure.length.to_string()),
                    ("href", &enclosure.url),
                ],
            );
        }
        w.open("author", &[]);
        w.text("name", &[], &entry.author);
        w.close("author");
        if let Some(category) = &entry.category {
            w.empty("category", &[("term", category)]);
        }
        w.text("summary", &[("type", "text")], &entry.summary);
        if let Some(html) = &entry.content_html {
            w.text("content", &[("type", "html")], html);
        }
        w.close("entry");
    }
    w.close("feed");
    w.finish()
}

/// `html` with its root-relative links (`src="/media/…"`, `href="/sport/…"`) made absolute
/// on `base_url`: a feed reader does not know which site an entry's body came from.
pub fn absolute_links(html: &str, base_url: &str) -> String {
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html;
    while let Some(at) = next_link(rest) {
        let (before, after) = rest.split_at(at);
        out.push_str(before);
        out.push_str(base_url);
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Where the next root-relative URL of a `src` or `href` attribute starts.
fn next_link(html: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = html[from..].find("=\"/") {
        let quote = from + found + 2;
        let name_end = from + found;
        let is_link = ["src", "href"]
            .iter()
            .any(|name| html[..name_end].ends_with(&format!(" {name}")));
        let is_relative = !html[quote..].starts_with("//");
        if is_link && is_relative {
            return Some(quote);
        }
        from = quote;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feed_without_entries_is_still_well_formed() {
        let channel = Channel {
            title: "Le Journal".to_owned(),
            link: "https://journal.ma/".to_owned(),
            self_link: "https://journal.ma/feed/".to_owned(),
            description: String::new(),
            language: "ar".to_owned(),
            updated: Timestamp::default(),
            publisher: "Le Journal".to_owned(),
        };
        for doc in [rss(&channel, &[]), atom(&channel, &[])] {
            let parsed = roxmltree::Document::parse(&doc).map(|d| d.descendants().count());
            assert!(parsed.is_ok_and(|n| n > 5), "{doc}");
        }
    }

    #[test]
    fn root_relative_links_become_absolute_and_others_stay() {
        let html = r#"<p><a href="/sport/derby/">x</a> <img src="/media/1/a.jpg" alt="/x"> <a href="//cdn.example/y">y</a> <a href="https://e.ma/">z</a> data="/no"</p>"#;
        assert_eq!(
            absolute_links(html, "https://journal.ma"),
            r#"<p><a href="https://journal.ma/sport/derby/">x</a> <img src="https://journal.ma/media/1/a.jpg" alt="/x"> <a href="//cdn.example/y">y</a> <a href="https://e.ma/">z</a> data="/no"</p>"#
        );
    }
}
