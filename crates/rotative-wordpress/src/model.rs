//! What a WXR file holds, as WordPress wrote it.

/// One thing read from the file.
#[derive(Debug, Clone, PartialEq)]
pub enum Record {
    /// The site the file comes from (always first).
    Site(SiteInfo),
    /// A user who wrote something (`<wp:author>`).
    Author(WpAuthor),
    /// A category, tag or other term (`<wp:category>`, `<wp:tag>`, `<wp:term>`).
    Term(WpTerm),
    /// A post, page, attachment or other item (`<item>`), with its comments.
    Item(Box<WpItem>),
}

/// The exported site.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SiteInfo {
    /// The WXR version: `1.0`, `1.1` or `1.2`.
    pub wxr_version: String,
    /// The site's title.
    pub title: String,
    /// Its address (`<link>`).
    pub link: String,
    /// Its description (tagline).
    pub description: String,
    /// Its language (`fr-FR`).
    pub language: String,
    /// `<wp:base_site_url>`.
    pub base_site_url: String,
    /// `<wp:base_blog_url>`.
    pub base_blog_url: String,
}

/// A WordPress user.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WpAuthor {
    /// `<wp:author_id>`.
    pub id: String,
    /// The login, which items name in `<dc:creator>`.
    pub login: String,
    /// The e-mail address.
    pub email: String,
    /// The name shown.
    pub display_name: String,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
}

/// A term of a taxonomy.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WpTerm {
    /// `category`, `post_tag`, or another taxonomy's name.
    pub taxonomy: String,
    /// `<wp:term_id>`.
    pub id: String,
    /// The slug (nicename).
    pub slug: String,
    /// The name.
    pub name: String,
    /// The parent's slug (categories name their parent by slug), or empty.
    pub parent: String,
    /// The description.
    pub description: String,
}

/// A term an item is filed under (`<category domain="…" nicename="…">Name</category>`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemTerm {
    /// The taxonomy (`category`, `post_tag`…).
    pub domain: String,
    /// The term's slug.
    pub slug: String,
    /// The term's name.
    pub name: String,
}

/// A post, page, attachment or other item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WpItem {
    /// `<wp:post_id>`.
    pub id: String,
    /// `post`, `page`, `attachment`, `nav_menu_item`, or a custom type.
    pub post_type: String,
    /// The title.
    pub title: String,
    /// The permalink.
    pub link: String,
    /// `<guid>`.
    pub guid: String,
    /// The author's login (`<dc:creator>`).
    pub creator: String,
    /// The content (`<content:encoded>`): HTML, or block-editor markup.
    pub content: String,
    /// The excerpt (`<excerpt:encoded>`).
    pub excerpt: String,
    /// `<wp:post_date>` (site time).
    pub date: String,
    /// `<wp:post_date_gmt>`.
    pub date_gmt: String,
    /// `<wp:post_modified_gmt>`.
    pub modified_gmt: String,
    /// The slug (`<wp:post_name>`).
    pub slug: String,
    /// `publish`, `draft`, `pending`, `future`, `private`, `trash`, `inherit`…
    pub status: String,
    /// `<wp:post_parent>`.
    pub parent: String,
    /// `open` or `closed`.
    pub comment_status: String,
    /// `<wp:is_sticky>` is 1.
    pub sticky: bool,
    /// An attachment's file address.
    pub attachment_url: String,
    /// Its terms.
    pub terms: Vec<ItemTerm>,
    /// Its post meta (key, value).
    pub meta: Vec<(String, String)>,
    /// Its comments.
    pub comments: Vec<WpComment>,
}

impl WpItem {
    /// A post meta value.
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.meta
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

/// A comment on an item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct WpComment {
    /// `<wp:comment_id>`.
    pub id: String,
    /// The commenter's name.
    pub author: String,
    /// Their e-mail address.
    pub author_email: String,
    /// Their website.
    pub author_url: String,
    /// Their IP address.
    pub author_ip: String,
    /// `<wp:comment_date_gmt>`.
    pub date_gmt: String,
    /// `<wp:comment_date>` (site time).
    pub date: String,
    /// The text.
    pub content: String,
    /// `1` (approved), `0` (pending), `spam` or `trash`.
    pub approved: String,
    /// Empty for a comment, `pingback` or `trackback`.
    pub kind: String,
    /// The comment it answers (`0`: none).
    pub parent: String,
}
