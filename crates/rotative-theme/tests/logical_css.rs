//! The theme flips to right to left by itself: its CSS (the stylesheet, every `<style>`
//! block and `style=""` attribute of the templates) uses logical properties only
//! (`margin-inline-start`, `inset-inline-end`, `text-align: start`…), never a physical
//! side that would stay put when the page turns `dir="rtl"`.

const STYLESHEET: &str = include_str!("../static/style.css");

/// Properties that name a physical side.
const PHYSICAL_PROPERTIES: &[&str] = &[
    "left",
    "right",
    "float",
    "clear",
    "margin-left",
    "margin-right",
    "padding-left",
    "padding-right",
    "border-left",
    "border-right",
    "scroll-margin-left",
    "scroll-margin-right",
    "scroll-padding-left",
    "scroll-padding-right",
];

/// Shorthands whose four-value form sets the left and right sides apart.
const BOX_SHORTHANDS: &[&str] = &[
    "margin",
    "padding",
    "inset",
    "border-width",
    "border-style",
    "border-color",
    "scroll-margin",
    "scroll-padding",
];

/// Every `property: value` declaration of a piece of CSS.
fn declarations(css: &str) -> Vec<(String, String)> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    text.split(['{', '}', ';'])
        .filter_map(|part| {
            let (property, value) = part.split_once(':')?;
            let property = property.trim().to_ascii_lowercase();
            // Selectors with pseudo-classes (`a:hover`) split on their colon too; only
            // declarations have a bare property name before it.
            property
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
                .then(|| (property, value.trim().to_ascii_lowercase()))
        })
        .collect()
}

/// What is physical about a declaration, if anything.
fn physical(property: &str, value: &str) -> Option<String> {
    let words: Vec<&str> = value
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let names_side = PHYSICAL_PROPERTIES.contains(&property)
        || property.starts_with("border-left")
        || property.starts_with("border-right")
        || property.contains("-top-left")
        || property.contains("-top-right")
        || property.contains("-bottom-left")
        || property.contains("-bottom-right");
    if names_side {
        return Some(format!("{property} names a physical side"));
    }
    if words.iter().any(|w| *w == "left" || *w == "right") {
        return Some(format!("{property}: {value} names a physical side"));
    }
    if BOX_SHORTHANDS.contains(&property) {
        let sides: Vec<&str> = value.split_whitespace().collect();
        if sides.len() == 4 && sides[1] != sides[3] {
            return Some(format!("{property}: {value} sets left and right apart"));
        }
    }
    None
}

/// The CSS of the templates: `<style>` blocks, and `style` attributes as declarations.
fn template_css() -> Vec<(&'static str, String)> {
    let mut found = Vec::new();
    for (name, source) in rotative_theme::TEMPLATES {
        let mut rest = *source;
        while let Some(start) = rest.find("<style>") {
            let block = &rest[start + 7..];
            let end = block.find("</style>").unwrap_or(block.len());
            found.push((*name, block[..end].to_owned()));
            rest = &block[end..];
        }
        for quote in ["style=\"", "style='"] {
            let mut rest = *source;
            while let Some(start) = rest.find(quote) {
                let attribute = &rest[start + quote.len()..];
                let close = quote.chars().last().unwrap_or('"');
                let end = attribute.find(close).unwrap_or(attribute.len());
                found.push((*name, format!("x {{ {} }}", &attribute[..end])));
                rest = &attribute[end..];
            }
        }
    }
    found
}

#[test]
fn the_guard_catches_physical_properties() {
    let css = "a:hover { color: red } .x { margin-left: 4px; text-align: right; float: left; \
               padding: 0 4px 0 8px; inset-inline-start: 0; margin: 0 4px 0 4px } \
               /* left in a comment is fine */ .y { border-top-left-radius: 2px }";
    let flagged: Vec<String> = declarations(css)
        .iter()
        .filter_map(|(p, v)| physical(p, v))
        .collect();
    assert_eq!(flagged.len(), 5, "{flagged:?}");
}

#[test]
fn the_stylesheet_uses_logical_properties_only() {
    let flagged: Vec<String> = declarations(STYLESHEET)
        .iter()
        .filter_map(|(p, v)| physical(p, v))
        .collect();
    assert!(flagged.is_empty(), "style.css: {flagged:#?}");
    assert!(
        declarations(STYLESHEET).len() > 100,
        "the stylesheet was read"
    );
}

#[test]
fn the_templates_css_uses_logical_properties_only() {
    let blocks = template_css();
    assert!(
        blocks.iter().any(|(name, _)| *name == "admin/base.html"),
        "the admin's inline style was read"
    );
    for (name, css) in blocks {
        let flagged: Vec<String> = declarations(&css)
            .iter()
            .filter_map(|(p, v)| physical(p, v))
            .collect();
        assert!(flagged.is_empty(), "{name}: {flagged:#?}");
    }
}

#[test]
fn both_layouts_carry_the_language_and_its_direction() {
    for name in ["base.html", "admin/base.html"] {
        let source = rotative_theme::TEMPLATES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| *s)
            .unwrap_or_default();
        assert!(
            source.contains(r#"<html lang="{{ locale }}" dir="{{ dir }}">"#),
            "{name}"
        );
    }
}
