//! The embedded demo files and how they are read.

use include_dir::{Dir, include_dir};
use rotative_core::Role;
use serde::Deserialize;
use std::collections::BTreeMap;

static CONTENT: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/content");

/// Demo content that cannot be read or loaded.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// A file is malformed.
    #[error("demo file {file}: {reason}")]
    Invalid {
        /// The file.
        file: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The store refused it.
    #[error(transparent)]
    Store(rotative_store::StoreError),
}

/// `site.toml`: settings, categories and authors.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// Site settings, by key.
    pub settings: BTreeMap<String, String>,
    /// Sections, in menu order.
    pub categories: Vec<CategoryEntry>,
    /// The newsroom.
    pub authors: Vec<AuthorEntry>,
    /// House ads holding the seed page's ad zones until real creatives come.
    #[serde(default)]
    pub ads: Vec<AdEntry>,
}

/// A house ad of the demo site: a snippet of HTML in some zones.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdEntry {
    /// Its name in the admin.
    pub name: String,
    /// Its zones.
    pub zones: Vec<String>,
    /// Its size.
    pub width: i64,
    /// Its height.
    pub height: i64,
    /// Its HTML.
    pub html: String,
}

/// A section of the demo site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CategoryEntry {
    /// Its name; the slug is made from it.
    pub name: String,
    /// A sentence about it.
    pub description: String,
}

/// A journalist of the demo site.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthorEntry {
    /// Their name, as articles' `author:` gives it.
    pub name: String,
    /// Their role.
    #[serde(deserialize_with = "role")]
    pub role: Role,
    /// A short biography.
    pub bio: String,
}

fn role<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Role, D::Error> {
    let name = String::deserialize(d)?;
    name.parse().map_err(serde::de::Error::custom)
}

/// The front matter of an article file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The title.
    pub title: String,
    /// The slug.
    pub slug: String,
    /// The category's name.
    pub category: String,
    /// The author's name.
    pub author: String,
    /// Tag names.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Publication time, with its offset.
    pub published_at: chrono::DateTime<chrono::FixedOffset>,
    /// Views counted so far.
    #[serde(default)]
    pub views: i64,
    /// An excerpt, when the first paragraph will not do.
    #[serde(default)]
    pub excerpt: Option<String>,
    /// The article's language when it is not the site's (`lang: ar`).
    #[serde(default)]
    pub lang: Option<rotative_core::Locale>,
}

/// An article file.
#[derive(Debug, Clone)]
pub struct DemoArticle {
    /// Its file name.
    pub file: String,
    /// Its front matter.
    pub front: FrontMatter,
    /// Its Markdown body.
    pub body: String,
}

/// The whole demo site.
#[derive(Debug, Clone)]
pub struct DemoContent {
    /// Settings, categories, authors.
    pub site: SiteFile,
    /// Articles, by file name.
    pub articles: Vec<DemoArticle>,
}

/// Reads the embedded demo content.
pub fn content() -> Result<DemoContent, DemoError> {
    let invalid = |file: &str, reason: String| DemoError::Invalid {
        file: file.to_owned(),
        reason,
    };
    let site_text = CONTENT
        .get_file("site.toml")
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| invalid("site.toml", "missing".to_owned()))?;
    let site: SiteFile =
        toml::from_str(site_text).map_err(|e| invalid("site.toml", e.to_string()))?;
    let mut articles = Vec::new();
    if let Some(dir) = CONTENT.get_dir("articles") {
        for file in dir.files() {
            let name = file.path().display().to_string();
            let text = file
                .contents_utf8()
                .ok_or_else(|| invalid(&name, "not UTF-8".to_owned()))?;
            articles.push(parse_article(&name, text)?);
        }
    }
    articles.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(DemoContent { site, articles })
}

/// Reads an article file: YAML front matter between `---` lines, then Markdown.
pub fn parse_article(file: &str, text: &str) -> Result<DemoArticle, DemoError> {
    let invalid = |reason: String| DemoError::Invalid {
        file: file.to_owned(),
        reason,
    };
    let text = text.replace("\r\n", "\n");
    let rest = text
        .strip_prefix("---\n")
        .ok_or_else(|| invalid("does not start with a --- line".to_owned()))?;
    let (yaml, body) = rest
        .split_once("\n---\n")
        .ok_or_else(|| invalid("front matter is not closed by a --- line".to_owned()))?;
    let front: FrontMatter = serde_norway::from_str(yaml).map_err(|e| invalid(e.to_string()))?;
    Ok(DemoArticle {
        file: file.to_owned(),
        front,
        body: body.trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_demo_site_reads() {
        let demo = content().expect("demo content parses");
        assert!(demo.articles.len() >= 31, "{}", demo.articles.len());
        assert_eq!(demo.site.categories.len(), 6);
        for article in &demo.articles {
            assert!(
                demo.site
                    .categories
                    .iter()
                    .any(|c| c.name == article.front.category),
                "{}: unknown category",
                article.file
            );
            assert!(
                demo.site
                    .authors
                    .iter()
                    .any(|a| a.name == article.front.author),
                "{}: unknown author",
                article.file
            );
        }
    }

    #[test]
    fn malformed_front_matter_names_the_file() {
        let error = parse_article("x.md", "---\ntitle: [unclosed\n---\nbody").err();
        assert!(error.is_some_and(|e| e.to_string().contains("x.md")));
        assert!(parse_article("y.md", "no front matter").is_err());
    }
}
