//! WordPress content (classic-editor HTML or block-editor markup) turned into the Markdown
//! Rotative stores.
//!
//! 1. Block-editor comments (`<!-- wp:paragraph -->`) go; the HTML between them is what the
//!    blocks render.
//! 2. Shortcodes: `[caption]` becomes a figure with its caption; the others Rotative has no
//!    meaning for (`[gallery]`, `[vc_row]`…) lose their brackets but keep what they wrap, and
//!    are counted for the report. Bracketed words that are not shortcodes (`[sic]`) stay.
//! 3. Paragraphs the classic editor left as blank lines become `<p>`, single line breaks
//!    `<br>` (what WordPress's `wpautop` does when it shows a post).
//! 4. `htmd` writes the HTML as Markdown, escaping what Markdown would read as markup, so
//!    backslashes, asterisks and underscores arrive as typed.

use std::collections::BTreeMap;

/// What converting one text found that Rotative keeps no meaning for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Leftovers {
    /// Shortcodes by name, with how many times each was met.
    pub shortcodes: BTreeMap<String, u64>,
}

/// Tags that start a block: a chunk starting with one is not wrapped in `<p>`.
const BLOCK_TAGS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "iframe",
    "li",
    "ol",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
    "video",
    "audio",
    "script",
    "style",
];

/// Shortcodes of WordPress itself, which are taken as shortcodes whatever their name.
const CORE_SHORTCODES: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "audio",
    "video",
    "playlist",
];

/// Converts a post's content to Markdown.
pub fn to_markdown(content: &str, leftovers: &mut Leftovers) -> String {
    let without_blocks = strip_block_comments(content);
    let html = shortcodes(&without_blocks, leftovers);
    let html = autop(&html);
    // The converter walks the document's tree by recursion: a post nesting elements
    // thousands deep (broken or hostile markup) would overflow the stack and abort the
    // import halfway. Such a post keeps its words, without its markup.
    if nesting(&html) > MAX_NESTING {
        return plain(&html);
    }
    let markdown = htmd::HtmlToMarkdown::builder()
        .skip_tags(vec!["script", "style", "iframe", "form"])
        .build()
        .convert(&html)
        .unwrap_or_else(|_| plain(&html));
    markdown.trim().to_owned()
}

/// The deepest nesting of elements a post is converted with (real posts nest a dozen).
const MAX_NESTING: usize = 256;

/// Elements that open nothing to close: void ones, and those a sibling closes.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option",
];

/// How deep the elements of some HTML nest, at most: opening tags less closing ones.
fn nesting(html: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        if rest.starts_with('/') {
            depth = depth.saturating_sub(1);
            continue;
        }
        let name_len = rest
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(rest.len());
        let name = &rest[..name_len];
        if name.is_empty() || NOT_NESTING.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            continue;
        }
        // Up to the tag's end, or the next tag's start: each byte is read once.
        let self_closed = rest
            .find(['<', '>'])
            .is_some_and(|end| rest[end..].starts_with('>') && rest[..end].ends_with('/'));
        if !self_closed {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// A comment's text: WordPress keeps a little HTML in comments (links, paragraphs, `<br>`);
/// Rotative's comments are plain text shown escaped, with paragraphs as blank lines.
pub fn comment_text(content: &str) -> String {
    if !content.contains('<') && !content.contains('&') {
        return content.trim().to_owned();
    }
    plain(&autop(content))
}

/// The words of some HTML without its tags, blocks separated by blank lines.
fn plain(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        text.push_str(&rest[..start]);
        let Some(end) = rest[start..].find('>') else {
            text.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let tag = rest[start + 1..start + end].trim().to_ascii_lowercase();
        if tag.starts_with("br") {
            text.push('\n');
        } else if tag.starts_with("/p") {
            text.push_str("\n\n");
        }
        rest = &rest[start + end + 1..];
    }
    text.push_str(rest);
    let decoded = decode_entities(&text);
    let paragraphs: Vec<&str> = decoded
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    paragraphs.join("\n\n")
}

/// Decodes the entities WordPress writes in texts: the XML five, `&nbsp;` and numeric
/// references. Others are left as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('&') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        // An entity is at most ten bytes long: looked for no further (a text of many `&`
        // would otherwise be read again from each).
        let Some(end) = after.bytes().take(11).position(|b| b == b';') else {
            out.push('&');
            rest = after;
            continue;
        };
        let name = &after[..end];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Removes `<!-- wp:… -->`, `<!-- /wp:… -->` and `<!--more-->` comments.
fn strip_block_comments(content: &str) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    while let Some(start) = rest.find("<!--") {
        let inner = rest[start + 4..].trim_start();
        let is_block = inner.starts_with("wp:")
            || inner.starts_with("/wp:")
            || inner.starts_with("more")
            || inner.starts_with("noteaser");
        let Some(end) = rest[start..].find("-->") else {
            break;
        };
        out.push_str(&rest[..start]);
        if !is_block {
            out.push_str(&rest[start..start + end + 3]);
        }
        rest = &rest[start + end + 3..];
    }
    out.push_str(rest);
    out
}

/// A shortcode tag found at the start of a text: its name, whether it closes, and its
/// length with the brackets.
fn shortcode_at(text: &str) -> Option<(&str, bool, &str, usize)> {
    let inner = text.strip_prefix('[')?;
    if inner.starts_with('[') {
        return None;
    }
    // A tag holds no `[` nor line break: looked for no further than either (a text of
    // many `[` would otherwise be read again from each).
    let end = inner
        .find([']', '[', '\n'])
        .filter(|at| inner[*at..].starts_with(']'))?;
    let tag = &inner[..end];
    let (closing, tag) = match tag.strip_prefix('/') {
        Some(tag) => (true, tag),
        None => (false, tag),
    };
    let name_end = tag
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(tag.len());
    let name = &tag[..name_end];
    let plausible = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
        && (CORE_SHORTCODES.contains(&name) || name.contains('_') || name.contains('-'));
    plausible.then_some((name, closing, &tag[name_end..], end + 2))
}

/// A shortcode attribute's value: `caption="…"`.
fn attribute<'a>(attributes: &'a str, name: &str) -> Option<&'a str> {
    let start = attributes.find(&format!("{name}=\""))? + name.len() + 2;
    let end = attributes[start..].find('"')?;
    Some(&attributes[start..start + end])
}

/// Handles shortcodes (see the module's documentation).
fn shortcodes(content: &str, leftovers: &mut Leftovers) -> String {
    let mut out = String::with_capacity(content.len());
    let mut rest = content;
    let mut caption: Option<String> = None;
    while let Some(start) = rest.find('[') {
        out.push_str(&rest[..start]);
        let here = &rest[start..];
        let Some((name, closing, attributes, len)) = shortcode_at(here) else {
            out.push('[');
            rest = &here[1..];
            continue;
        };
        match (name, closing) {
            ("caption" | "wp_caption", false) => {
                out.push_str("<figure>");
                caption = attribute(attributes, "caption").map(str::to_owned);
            }
            ("caption" | "wp_caption", true) => {
                // The caption is the text after the image, or the attribute.
                let figure_start = out.rfind("<figure>").map_or(0, |i| i + "<figure>".len());
                let body = out.split_off(figure_start);
                let (image, text) = match body.rfind('>') {
                    Some(i) if body[..=i].contains("<img") => body.split_at(i + 1),
                    _ => (body.as_str(), ""),
                };
                let text = caption.take().unwrap_or_else(|| text.trim().to_owned());
                out.push_str(image);
                if !text.trim().is_empty() {
                    out.push_str("<figcaption>");
                    out.push_str(text.trim());
                    out.push_str("</figcaption>");
                }
                out.push_str("</figure>");
            }
            _ => {
                if !closing {
                    *leftovers.shortcodes.entry(name.to_owned()).or_default() += 1;
                }
            }
        }
        rest = &here[len..];
    }
    out.push_str(rest);
    out
}

/// Whether a chunk of HTML starts with a block tag.
fn starts_with_block(chunk: &str) -> bool {
    let Some(tag) = chunk.strip_prefix('<') else {
        return false;
    };
    let tag = tag.strip_prefix('/').unwrap_or(tag);
    let name_end = tag
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = tag[..name_end].to_ascii_lowercase();
    BLOCK_TAGS.contains(&name.as_str())
}

/// WordPress's `wpautop`, simply: blank lines separate paragraphs, single line breaks are
/// `<br>`; chunks that are blocks already, and `<pre>` sections, are left as they are.
fn autop(html: &str) -> String {
    let html = html.replace("\r\n", "\n");
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let mut rest = html.as_str();
    loop {
        let (text, pre, after) = match rest.find("<pre") {
            Some(start) => {
                let end = rest[start..]
                    .find("</pre>")
                    .map_or(rest.len(), |end| start + end + "</pre>".len());
                (&rest[..start], &rest[start..end], &rest[end..])
            }
            None => (rest, "", ""),
        };
        for chunk in text.split("\n\n") {
            let chunk = chunk.trim_matches('\n');
            if chunk.trim().is_empty() {
                continue;
            }
            if starts_with_block(chunk.trim_start()) {
                out.push_str(chunk);
            } else {
                out.push_str("<p>");
                out.push_str(&chunk.replace('\n', "<br>\n"));
                out.push_str("</p>");
            }
            out.push('\n');
        }
        out.push_str(pre);
        if after.is_empty() {
            break;
        }
        out.push('\n');
        rest = after;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(html: &str) -> (String, Leftovers) {
        let mut leftovers = Leftovers::default();
        (to_markdown(html, &mut leftovers), leftovers)
    }

    #[test]
    fn markup_nested_thousands_deep_keeps_its_words_without_overflowing() {
        // On a thread with a blocking thread's 2 MiB of stack, as imports convert.
        let converted = std::thread::Builder::new()
            .stack_size(2 << 20)
            .spawn(|| {
                let deep = format!("<p>Début</p>{}<b>Fin</b> du texte.", "<div>".repeat(20_000));
                convert(&deep).0
            })
            .expect("thread")
            .join()
            .expect("no overflow");
        assert!(
            converted.contains("Début") && converted.contains("Fin du texte."),
            "{converted}"
        );
        assert!(!converted.contains('<'), "{converted}");
        // Ordinary nesting, unclosed paragraphs and list items included, is converted.
        let ordinary = format!(
            "{}<p>Un <strong>mot</strong><p>Deux{}<ul>{}</ul>",
            "<div>".repeat(20),
            "</div>".repeat(20),
            "<li>point".repeat(500)
        );
        let (md, _) = convert(&ordinary);
        assert!(
            md.contains("**mot**") && md.contains("point") && !md.contains("<li>"),
            "{md}"
        );
    }

    #[test]
    fn classic_paragraphs_become_markdown_paragraphs() {
        let (md, _) = convert("Premier paragraphe.\nLigne deux.\n\nSecond <strong>gras</strong>.");
        assert!(md.starts_with("Premier paragraphe."), "{md}");
        assert!(md.contains("\n\nSecond **gras**."), "{md}");
    }

    #[test]
    fn block_comments_go_and_their_html_stays() {
        let (md, _) = convert(
            "<!-- wp:heading -->\n<h2>Titre</h2>\n<!-- /wp:heading -->\n\n\
             <!-- wp:paragraph -->\n<p>Texte</p>\n<!-- /wp:paragraph -->",
        );
        assert_eq!(md, "## Titre\n\nTexte");
    }

    #[test]
    fn markdown_characters_are_escaped_and_backslashes_kept() {
        let (md, _) = convert(r"<p>C:\dossier et 2*3*4 et _x_</p>");
        let html = rotative_markup::render(&md).html;
        assert!(
            html.contains(r"C:\dossier et 2*3*4 et _x_"),
            "{md} → {html}"
        );
    }

    #[test]
    fn shortcodes_are_counted_and_captions_become_figures() {
        let (md, leftovers) = convert(
            "[caption id=\"a\" align=\"alignnone\"]<img src=\"/x.jpg\" alt=\"Vue\" /> La médina[/caption]\n\n\
             [gallery ids=\"1,2\"]\n\n[vc_row]Dans une rangée[/vc_row] et [sic].",
        );
        assert!(md.contains("![Vue](/x.jpg)"), "{md}");
        assert!(md.contains("La médina"), "{md}");
        assert!(md.contains("Dans une rangée"), "{md}");
        assert!(rotative_markup::render(&md).html.contains("[sic]"), "{md}");
        assert_eq!(leftovers.shortcodes.get("gallery"), Some(&1));
        assert_eq!(leftovers.shortcodes.get("vc_row"), Some(&1));
        assert_eq!(leftovers.shortcodes.get("caption"), None);
    }

    #[test]
    fn comments_lose_their_tags_and_keep_their_paragraphs() {
        assert_eq!(
            comment_text("<p>Bravo &amp; merci</p>\n<p>Deux &#233;</p>"),
            "Bravo & merci\n\nDeux é"
        );
        assert_eq!(comment_text("Simple \\ texte"), "Simple \\ texte");
    }
}
