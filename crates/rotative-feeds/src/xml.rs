//! A small XML 1.0 writer: elements, attributes and text, always escaped.
//!
//! Titles and names come from people (and imports): they may hold `&`, `<`, quotes, emoji,
//! any script, and sometimes a stray control character pasted from elsewhere. XML 1.0 has
//! no way to write most control characters at all (not even as `&#1;`), so they are
//! dropped; everything else is written as UTF-8, escaped where the syntax needs it.

/// Whether XML 1.0 allows a character in a document (its `Char` production). Rust's `char`
/// excludes surrogates already.
pub fn is_allowed(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` as element content: `&`, `<` and `>` escaped, forbidden characters dropped.
pub fn escape_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if is_allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// Appends `value` as a double-quoted attribute value: also quotes escaped, and tabs and
/// line breaks written as references (a parser would turn them into spaces otherwise).
pub fn escape_attribute(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// An XML document being written, one element per line, indented.
#[derive(Debug)]
pub struct Writer {
    out: String,
    depth: usize,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    /// A document, with its XML declaration.
    pub fn new() -> Self {
        Writer {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
        }
    }

    /// A document with room for about `bytes` bytes (sitemaps are large).
    pub fn with_capacity(bytes: usize) -> Self {
        let mut writer = Writer::new();
        writer.out.reserve(bytes);
        writer
    }

    fn start_tag(&mut self, name: &str, attributes: &[(&str, &str)]) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_attribute(&mut self.out, value);
            self.out.push('"');
        }
    }

    /// Opens an element whose children follow; [`Writer::close`] ends it.
    pub fn open(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.start_tag(name, attributes);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// Closes the element last opened, named `name`.
    pub fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// An element holding text only.
    pub fn text(&mut self, name: &str, attributes: &[(&str, &str)], text: &str) {
        self.start_tag(name, attributes);
        self.out.push('>');
        escape_text(&mut self.out, text);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// An element without content.
    pub fn empty(&mut self, name: &str, attributes: &[(&str, &str)]) {
        self.start_tag(name, attributes);
        self.out.push_str("/>\n");
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_are_escaped_and_forbidden_ones_dropped() {
        let mut w = Writer::new();
        w.text(
            "title",
            &[("label", "« l'\"été\" »\n<b>")],
            "R&D <script> \u{1}\u{1F}\u{FFFE}ok 🗞 ساحة",
        );
        let doc = w.finish();
        assert!(
            doc.contains("R&amp;D &lt;script&gt; ok 🗞 ساحة</title>"),
            "{doc}"
        );
        assert!(
            doc.contains("label=\"« l&apos;&quot;été&quot; »&#10;&lt;b&gt;\""),
            "{doc}"
        );
        let parsed = roxmltree::Document::parse(&doc).map(|d| {
            let title = d.root_element();
            (
                title.text().map(str::to_owned),
                title.attribute("label").map(str::to_owned),
            )
        });
        assert_eq!(
            parsed.ok(),
            Some((
                Some("R&D <script> ok 🗞 ساحة".to_owned()),
                Some("« l'\"été\" »\n<b>".to_owned())
            ))
        );
    }

    #[test]
    fn tabs_and_line_breaks_are_allowed_in_text() {
        assert!(is_allowed('\t') && is_allowed('\n') && is_allowed('\r'));
        assert!(!is_allowed('\u{0}') && !is_allowed('\u{B}') && !is_allowed('\u{FFFF}'));
    }
}
