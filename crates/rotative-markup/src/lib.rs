//! Markdown as journalists write it, turned into HTML that is safe to show.
//!
//! [`render`] is the one entry point: it parses CommonMark (with tables and strikethrough),
//! gives every sub-heading an anchor (`<h2 id="…">`), demotes `#` headings to `<h2>` (the page
//! owns the only `<h1>`, the title), shows raw HTML as text instead of passing it through, and
//! runs the result through `ammonia` so that no script, event handler or `javascript:` link
//! survives, whatever the input. It also makes the excerpt lists show when a writer gives none.
//! [`plain_text`] gives a body's words without markup, for the search index.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::sync::LazyLock;

/// Appends `text` escaped for HTML content and attribute values (`& < > " '`).
pub fn escape_into(text: &str, out: &mut String) {
    // Writing to a String cannot fail.
    let _ = escape_to(text, out);
}

/// Writes `text` escaped for HTML content and attribute values (`& < > " '`), the runs
/// between those characters in one piece each. The five are found with `memchr`'s vector
/// scans, in two sets, each searched again only once passed; they are ASCII, so they never
/// occur inside a longer character and every cut falls between characters.
pub fn escape_to<W: std::fmt::Write + ?Sized>(text: &str, out: &mut W) -> std::fmt::Result {
    let bytes = text.as_bytes();
    // Most texts have none of the five (names, addresses, most titles): one pass that
    // tells, vectorised by the compiler, then the text in one piece.
    if !any_escaped(bytes) {
        return out.write_str(text);
    }
    // A vector scan costs more to set up than a short text takes to read byte by byte, and
    // most of what pages escape is short (names, addresses, titles).
    if bytes.len() <= SHORT {
        return escape_short(text, out);
    }
    let markup =
        |from: usize| memchr::memchr3(b'<', b'>', b'&', &bytes[from..]).map(|at| at + from);
    let quote = |from: usize| memchr::memchr2(b'"', b'\'', &bytes[from..]).map(|at| at + from);
    let (mut next_markup, mut next_quote) = (markup(0), quote(0));
    let mut start = 0;
    loop {
        let at = match (next_markup, next_quote) {
            (Some(m), Some(q)) => m.min(q),
            (Some(at), None) | (None, Some(at)) => at,
            (None, None) => break,
        };
        out.write_str(&text[start..at])?;
        out.write_str(match bytes[at] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        })?;
        start = at + 1;
        if next_markup == Some(at) {
            next_markup = markup(start);
        } else {
            next_quote = quote(start);
        }
    }
    out.write_str(&text[start..])
}

/// Whether a text holds any of the five characters [`escape_to`] replaces. Every byte is
/// tested, without stopping at the first found: that is the loop the compiler turns into
/// vector comparisons, 32 bytes at a time (it would not if the loop could end early).
fn any_escaped(bytes: &[u8]) -> bool {
    bytes.iter().fold(false, |found, &b| {
        found | matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'')
    })
}

/// The longest text [`escape_to`] reads byte by byte rather than with vector scans.
const SHORT: usize = 64;

/// Which bytes [`escape_to`] replaces: one lookup per byte of a short text.
const ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[b'>' as usize] = true;
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table
};

/// [`escape_to`] for a short text.
fn escape_short<W: std::fmt::Write + ?Sized>(text: &str, out: &mut W) -> std::fmt::Result {
    let mut start = 0;
    for (at, byte) in text.bytes().enumerate() {
        if !ESCAPED[usize::from(byte)] {
            continue;
        }
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        out.write_str(&text[start..at])?;
        out.write_str(entity)?;
        start = at + 1;
    }
    out.write_str(&text[start..])
}

/// The longest excerpt made from a body, in characters.
pub const EXCERPT_CHARS: usize = 220;

/// A rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// The sub-headings, in order, with their anchors.
    pub headings: Vec<Heading>,
    /// Plain text from the first paragraph, cut at a word before [`EXCERPT_CHARS`].
    pub excerpt: String,
}

/// A sub-heading of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 2 to 6 (level-1 headings are shown as level 2).
    pub level: u8,
    /// The anchor, unique within the body: `#{id}` links to it.
    pub id: String,
    /// The heading's text.
    pub text: String,
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    for heading in ["h2", "h3", "h4", "h5", "h6"] {
        builder.add_tag_attributes(heading, ["id"]);
    }
    builder.link_rel(Some("noopener noreferrer"));
    builder
});

/// Renders a Markdown body to sanitised HTML, with its headings and an excerpt.
pub fn render(markdown: &str) -> Rendered {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut events: Vec<Event<'_>> = Parser::new_ext(markdown, options).collect();
    let headings = anchor_headings(&mut events);
    let excerpt = excerpt(&first_paragraph(&events));
    for event in &mut events {
        if let Event::Html(raw) | Event::InlineHtml(raw) = event {
            *event = Event::Text(raw.clone());
        }
    }
    let mut unsafe_html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut unsafe_html, events.into_iter());
    Rendered {
        html: SANITIZER.clean(&unsafe_html).to_string(),
        headings,
        excerpt,
    }
}

/// The text of a Markdown body as readers read it: no markup, raw HTML kept as the text it
/// is shown as, blocks separated by blank lines, link and image addresses left out (image
/// descriptions kept).
pub fn plain_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::HtmlBlock
                | TagEnd::TableCell
                | TagEnd::TableRow,
            ) if !text.ends_with("\n\n") => {
                text.push_str(if text.ends_with('\n') { "\n" } else { "\n\n" });
            }
            _ => {}
        }
    }
    text.trim().to_owned()
}

/// Gives each heading a unique id made from its text, demotes level 1 to 2, and returns them.
fn anchor_headings(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut headings = Vec::new();
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[index] {
            let text = text_until_end(&events[index + 1..]);
            let id = unique_id(&text, &mut used);
            if let Event::Start(Tag::Heading {
                level, id: slot, ..
            }) = &mut events[index]
            {
                if *level == HeadingLevel::H1 {
                    *level = HeadingLevel::H2;
                }
                *slot = Some(CowStr::from(id.clone()));
                headings.push(Heading {
                    level: *level as u8,
                    id,
                    text,
                });
            }
        }
        if let Event::End(TagEnd::Heading(level @ HeadingLevel::H1)) = &mut events[index] {
            *level = HeadingLevel::H2;
        }
        index += 1;
    }
    headings
}

fn unique_id(text: &str, used: &mut HashMap<String, usize>) -> String {
    let base = match slug::slugify(text) {
        s if s.is_empty() => "section".to_owned(),
        s => s,
    };
    let count = used.entry(base.clone()).or_insert(0);
    *count += 1;
    if *count == 1 {
        base
    } else {
        format!("{base}-{count}")
    }
}

/// The plain text of the events up to the end of the element they are in.
fn text_until_end(events: &[Event<'_>]) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    for event in events {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) if depth == 0 => break,
            Event::End(_) => depth -= 1,
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text.trim().to_owned()
}

fn first_paragraph(events: &[Event<'_>]) -> String {
    events
        .iter()
        .position(|e| matches!(e, Event::Start(Tag::Paragraph)))
        .map(|start| text_until_end(&events[start + 1..]))
        .unwrap_or_default()
}

/// Cuts plain text to an excerpt: whitespace collapsed, at most [`EXCERPT_CHARS`]
/// characters, ending on a whole word followed by "…" when cut.
pub fn excerpt(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::new();
    for word in &words {
        let extra = word.chars().count() + usize::from(!out.is_empty());
        if out.chars().count() + extra > EXCERPT_CHARS - 1 {
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_replaces_the_five_characters_and_keeps_every_other() {
        let mut out = String::new();
        escape_into("L’été <b>\"chaud\"</b> & l'«ombre» مرحبا", &mut out);
        assert_eq!(
            out,
            "L’été &lt;b&gt;&quot;chaud&quot;&lt;/b&gt; &amp; l&#39;«ombre» مرحبا"
        );
        let mut plain = String::new();
        escape_into("sans rien à changer", &mut plain);
        assert_eq!(plain, "sans rien à changer");
        let mut edges = String::new();
        escape_into("'<'\"&\"", &mut edges);
        assert_eq!(edges, "&#39;&lt;&#39;&quot;&amp;&quot;");
    }

    #[test]
    fn short_and_long_texts_are_escaped_alike() {
        // Short texts are read byte by byte, long ones with vector scans: a long text
        // escapes as its short pieces do, whatever the length around the threshold.
        let piece = "é<a href=\"x\">'&'</a> مرحبا ";
        for times in 1..12 {
            let long = piece.repeat(times);
            let mut whole = String::new();
            escape_into(&long, &mut whole);
            let mut pieces = String::new();
            for _ in 0..times {
                escape_into(piece, &mut pieces);
            }
            assert_eq!(whole, pieces, "{} bytes", long.len());
        }
        assert!(piece.len() < SHORT && piece.repeat(11).len() > SHORT);
    }

    #[test]
    fn every_length_and_position_escapes_as_byte_by_byte() {
        // Texts are checked whole in vector blocks (32 bytes, then 8, then single bytes),
        // then read byte by byte or with memchr: each of the five, at every position of
        // texts of every length across those sizes, next to multi-byte letters, escapes
        // as the plain rule does one character at a time.
        fn one_by_one(text: &str) -> String {
            text.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_owned(),
                    '<' => "&lt;".to_owned(),
                    '>' => "&gt;".to_owned(),
                    '"' => "&quot;".to_owned(),
                    '\'' => "&#39;".to_owned(),
                    other => other.to_string(),
                })
                .collect()
        }
        for filler in ["a", "é", "مر"] {
            for length in 0..70 {
                let plain = filler.repeat(length);
                let mut out = String::new();
                escape_into(&plain, &mut out);
                assert_eq!(out, plain);
                for special in ['&', '<', '>', '"', '\''] {
                    for at in 0..=length {
                        let mut text: Vec<&str> = vec![filler; length];
                        let special = special.to_string();
                        text.insert(at, &special);
                        let text = text.concat();
                        let mut out = String::new();
                        escape_into(&text, &mut out);
                        assert_eq!(out, one_by_one(&text), "{text:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn sub_headings_get_anchors_from_their_text() {
        let out = render("Intro.\n\n## Une coopération politique renforcée\n\nTexte.");
        assert!(out.html.contains(
            r#"<h2 id="une-cooperation-politique-renforcee">Une coopération politique renforcée</h2>"#
        ), "{}", out.html);
        assert_eq!(out.headings[0].id, "une-cooperation-politique-renforcee");
    }

    #[test]
    fn repeated_headings_get_distinct_anchors() {
        let out = render("## Bilan\n\n## Bilan\n");
        let ids: Vec<&str> = out.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["bilan", "bilan-2"]);
    }

    #[test]
    fn level_one_headings_become_level_two() {
        let out = render("# Titre\n");
        assert!(
            out.html.contains("<h2 id=\"titre\">Titre</h2>"),
            "{}",
            out.html
        );
    }

    #[test]
    fn raw_html_is_shown_as_text() {
        let out =
            render("Avant <script>alert(1)</script> après\n\n<div onclick=\"x()\">bloc</div>\n");
        assert!(!out.html.contains("<script"), "{}", out.html);
        assert!(!out.html.contains("<div"), "{}", out.html);
        assert!(out.html.contains("&lt;script&gt;"), "{}", out.html);
    }

    #[test]
    fn javascript_links_lose_their_target() {
        let out = render("[clic](javascript:alert(1)) et ![img](javascript:alert(2))");
        assert!(
            !out.html.to_lowercase().contains("javascript:"),
            "{}",
            out.html
        );
    }

    #[test]
    fn links_keep_their_address_and_get_a_safe_rel() {
        let out = render("[source](https://www.example.org/a)");
        assert!(
            out.html.contains(r#"href="https://www.example.org/a""#),
            "{}",
            out.html
        );
        assert!(
            out.html.contains(r#"rel="noopener noreferrer""#),
            "{}",
            out.html
        );
    }

    #[test]
    fn plain_text_keeps_words_and_drops_markup() {
        let text = plain_text(
            "## L’excellence\n\nUn [lien](https://exemple.ma) et *du gras*.\n\n<script>x</script>\n\n- un\n- deux",
        );
        assert_eq!(
            text,
            "L’excellence\n\nUn lien et du gras.\n\n<script>x</script>\n\nun\n\ndeux"
        );
    }

    #[test]
    fn excerpt_is_the_first_paragraph_cut_on_a_word() {
        let long = "mot ".repeat(200);
        let out = render(&format!("## Titre\n\n{long}\n\nSecond."));
        assert!(out.excerpt.ends_with('…'));
        assert!(out.excerpt.chars().count() <= EXCERPT_CHARS);
        assert!(out.excerpt.starts_with("mot mot"));
        assert_eq!(render("Court *texte*.").excerpt, "Court texte.");
    }
}
