//! A comment's text as HTML: everything escaped, blank lines make paragraphs, line breaks
//! stay, and web addresses become links marked as user content.

use linkify::{LinkFinder, LinkKind};

/// The `rel` of links readers wrote.
pub const USER_LINK_REL: &str = "nofollow ugc noopener";

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    rotative_markup::escape_into(text, &mut out);
    out
}

fn finder() -> LinkFinder {
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Url]);
    finder
}

fn is_web(link: &str) -> bool {
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// How many web addresses a text holds.
pub fn count_links(text: &str) -> usize {
    finder().links(text).filter(|l| is_web(l.as_str())).count()
}

/// The text as safe HTML.
pub fn to_html(text: &str) -> String {
    let finder = finder();
    let mut html = String::with_capacity(text.len() + 32);
    let paragraphs = text.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    for paragraph in paragraphs {
        html.push_str("<p>");
        for (i, line) in paragraph.lines().enumerate() {
            if i > 0 {
                html.push_str("<br>\n");
            }
            for span in finder.spans(line) {
                match span.kind() {
                    Some(LinkKind::Url) if is_web(span.as_str()) => {
                        let url = escape(span.as_str());
                        html.push_str(&format!(
                            "<a href=\"{url}\" rel=\"{USER_LINK_REL}\">{url}</a>"
                        ));
                    }
                    _ => html.push_str(&escape(span.as_str())),
                }
            }
        }
        html.push_str("</p>\n");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_shaped() {
        let html = to_html("<script>alert('x')</script>\nligne 2\n\n\n\nparagraphe & fin");
        assert_eq!(
            html,
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>\nligne 2</p>\n\
             <p>paragraphe &amp; fin</p>\n"
        );
    }

    #[test]
    fn only_web_addresses_become_links() {
        let html = to_html("voir https://example.ma/a?b=1&c=2 et javascript:alert(1)");
        assert!(html.contains(
            "<a href=\"https://example.ma/a?b=1&amp;c=2\" rel=\"nofollow ugc noopener\">"
        ));
        assert!(!html.contains("href=\"javascript"));
        assert_eq!(count_links("https://a.ma http://b.ma ftp://c.ma d.ma"), 2);
    }
}
