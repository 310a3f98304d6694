//! View models: the data each template receives. The web layer fills them; templates only
//! read them. Changing a field here is changing the theme API (custom themes use it too).

use rotative_core::{Article, ArticleSummary, Digits, Locale, Tag, Timestamp};
use serde::Serialize;
use std::collections::BTreeMap;

/// What every page shows around its content: header, menu, sidebars, footer.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    /// The language of the page.
    pub locale: Locale,
    /// Text direction of that language (`ltr` or `rtl`).
    pub dir: &'static str,
    /// The digits of dates and counts: the site's setting, which Arabic pages follow
    /// (others always write Western digits).
    pub digits: Digits,
    /// The site's time zone, for date filters (templates see its name).
    #[serde(serialize_with = "time_zone_name")]
    pub timezone: chrono_tz::Tz,
    /// The site's name, tagline and address.
    pub site: SiteView,
    /// Now, for the header's date.
    pub today: Timestamp,
    /// The category menu.
    pub menu: Vec<MenuItem>,
    /// Right sidebar: the most read articles' cards.
    pub most_read: Shared,
    /// Right sidebar: the latest articles' cards.
    pub latest: Shared,
    /// HTML to place in named slots (`header`, `sidebar-left`, `sidebar-right`,
    /// `in-article`, `weather`); slots without content render nothing.
    pub slots: BTreeMap<String, String>,
    /// The document title.
    pub title: String,
    /// The page's canonical path.
    pub canonical: String,
    /// What search engines and social networks are told about the page.
    pub seo: Seo,
}

impl Layout {
    /// How the page writes dates, numbers and strings (for [`crate::Theme::render_as`]).
    pub fn formats(&self) -> crate::Formats {
        crate::Formats {
            locale: self.locale,
            digits: self.digits,
            timezone: self.timezone,
        }
    }
}

/// A time zone as templates see it: its name (`Africa/Casablanca`).
fn time_zone_name<S: serde::Serializer>(
    tz: &chrono_tz::Tz,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(tz.name())
}

/// What a page tells search engines and social networks: `<meta name="description">`,
/// OpenGraph and Twitter card tags, and JSON-LD blocks.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Seo {
    /// The title shared on social networks (the headline, without the site's name); empty:
    /// the document title.
    pub title: String,
    /// The meta description (plain text, short).
    pub description: String,
    /// OpenGraph type: `website` or `article`.
    pub og_type: &'static str,
    /// OpenGraph locale (`fr_FR`).
    pub og_locale: &'static str,
    /// The page's image, as an absolute address.
    pub image: Option<String>,
    /// What the image shows.
    pub image_alt: String,
    /// An article's publication time (RFC 3339).
    pub published: Option<String>,
    /// An article's last change (RFC 3339).
    pub modified: Option<String>,
    /// An article's section (its category).
    pub section: Option<String>,
    /// An article's tags.
    pub tags: Vec<String>,
    /// An article's author page, as an absolute address.
    pub author: Option<String>,
    /// JSON-LD documents, already serialised and safe inside `<script>`.
    pub json_ld: Vec<String>,
    /// `hreflang` alternates: (language code, address), this page's own language first.
    pub alternates: Vec<(String, String)>,
}

/// The site as pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// Its name.
    pub name: String,
    /// Its tagline.
    pub tagline: String,
    /// The address of its logo, or empty.
    pub logo: String,
    /// Its public address, without trailing slash.
    pub base_url: String,
}

/// An entry of the category menu.
#[derive(Debug, Clone, Serialize)]
pub struct MenuItem {
    /// The category's name.
    pub name: String,
    /// Its path.
    pub url: String,
    /// Whether the page belongs to it.
    pub active: bool,
}

/// An article in a list, with its link. Templates see the article's fields beside the
/// links (`card.title`, `card.url`).
#[derive(Debug, Clone)]
pub struct Card {
    /// The article.
    pub article: ArticleSummary,
    /// Its canonical path.
    pub url: String,
    /// Its category's path.
    pub category_url: String,
    /// Its author's page.
    pub author_url: String,
}

impl From<ArticleSummary> for Card {
    fn from(article: ArticleSummary) -> Self {
        Card {
            url: article.path(),
            category_url: rotative_core::article::path(&[&article.category.slug]),
            author_url: rotative_core::article::path(&["author", &article.author.slug]),
            article,
        }
    }
}

impl From<&ArticleSummary> for Card {
    fn from(article: &ArticleSummary) -> Self {
        Card::from(article.clone())
    }
}

// Written out rather than `#[serde(flatten)]`, which makes each card a map built key by
// key (and looked up by comparing keys) instead of a struct of named fields: templates
// read cards more than anything else. A test holds it to every field of the summary.
impl Serialize for Card {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let a = &self.article;
        let mut card = serializer.serialize_struct("Card", 13)?;
        card.serialize_field("id", &a.id)?;
        card.serialize_field("slug", &a.slug)?;
        card.serialize_field("title", &a.title)?;
        card.serialize_field("excerpt", &a.excerpt)?;
        card.serialize_field("published_at", &a.published_at)?;
        card.serialize_field("category", &a.category)?;
        card.serialize_field("author", &a.author)?;
        card.serialize_field("featured_image", &a.featured_image)?;
        card.serialize_field("view_count", &a.view_count)?;
        card.serialize_field("comment_count", &a.comment_count)?;
        card.serialize_field("url", &self.url)?;
        card.serialize_field("category_url", &self.category_url)?;
        card.serialize_field("author_url", &self.author_url)?;
        card.end()
    }
}

/// Cards converted for templates once, then shown by any number of pages: the sidebars'
/// lists change only with the site data, not with each page. Pages take them by reference
/// count, without copying or converting them again.
#[derive(Debug, Clone)]
pub struct Shared {
    cards: std::sync::Arc<[Card]>,
    value: minijinja::Value,
}

impl Shared {
    /// Converts cards.
    pub fn new(cards: Vec<Card>) -> Self {
        Shared {
            value: minijinja::Value::from(minijinja::value::Serde(&cards)),
            cards: cards.into(),
        }
    }

    /// The cards.
    pub fn cards(&self) -> &[Card] {
        &self.cards
    }
}

impl Default for Shared {
    /// An empty list.
    fn default() -> Self {
        Shared::new(Vec::new())
    }
}

impl Serialize for Shared {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// Cards for a list of articles (taken, or borrowed and copied).
pub fn cards<A: Into<Card>>(articles: impl IntoIterator<Item = A>) -> Vec<Card> {
    articles.into_iter().map(Into::into).collect()
}

/// A step of the breadcrumbs.
#[derive(Debug, Clone, Serialize)]
pub struct Crumb {
    /// What it is called.
    pub name: String,
    /// Where it leads.
    pub url: String,
}

/// Links between the pages of a list.
#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    /// The current page.
    pub page: u32,
    /// The last page.
    pub last: u32,
    /// The page before, if any.
    pub previous_url: Option<String>,
    /// The page after, if any.
    pub next_url: Option<String>,
}

/// The home page.
#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    /// The newest article, shown large.
    pub featured: Option<Card>,
    /// The next newest, shown small beside it.
    pub top: Vec<Card>,
    /// One block per category with its newest articles.
    pub blocks: Vec<CategoryBlock>,
}

/// A category's block on the home page.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryBlock {
    /// The category's name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Its newest articles.
    pub articles: Vec<Card>,
    /// The ad (HTML, `between-list-items` zone) after the block, empty for none.
    pub ad_after: String,
}

/// What a list page lists.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ListKind {
    /// A category's articles.
    Category,
    /// A tag's articles.
    Tag,
    /// An author's articles.
    Author,
}

impl ListKind {
    /// Its name, as templates see it (`page-{kind}`).
    pub fn as_str(self) -> &'static str {
        match self {
            ListKind::Category => "category",
            ListKind::Tag => "tag",
            ListKind::Author => "author",
        }
    }
}

/// A category, tag or author page.
#[derive(Debug, Clone, Serialize)]
pub struct ListView {
    /// What is listed.
    pub kind: ListKind,
    /// The heading.
    pub heading: String,
    /// A description (the category's, the author's biography).
    pub description: String,
    /// A picture (the author's).
    pub image: Option<String>,
    /// The articles of this page.
    pub articles: Vec<Card>,
    /// The ad (HTML, `between-list-items` zone) after each article, empty for none.
    pub ads_after: Vec<String>,
    /// Links to the other pages.
    pub pagination: PaginationView,
    /// Home › … › this list.
    pub breadcrumbs: Vec<Crumb>,
    /// The path of the list's RSS feed.
    pub feed: String,
}

/// A tag with its link.
#[derive(Debug, Clone, Serialize)]
pub struct TagLink {
    /// The tag's name.
    pub name: String,
    /// Its page.
    pub url: String,
}

impl From<&Tag> for TagLink {
    fn from(tag: &Tag) -> Self {
        TagLink {
            name: tag.name.clone(),
            url: rotative_core::article::path(&["tag", &tag.slug]),
        }
    }
}

/// An article's page.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// The article and its links.
    pub card: Card,
    /// The body, up to where the `in-article` slot goes.
    pub body_head: String,
    /// The rest of the body.
    pub body_tail: String,
    /// Last change.
    pub updated_at: Timestamp,
    /// Its tags.
    pub tags: Vec<TagLink>,
    /// Home › category › title.
    pub breadcrumbs: Vec<Crumb>,
    /// Other articles of its category.
    pub related: Vec<Card>,
    /// The article before it in its category.
    pub previous: Option<Card>,
    /// The article after it in its category.
    pub next: Option<Card>,
    /// Its comments and the comment form.
    pub comments: CommentsView,
    /// Its featured image, when it comes from the media library: with its variants.
    pub image: Option<ImageView>,
    /// Its language, when it is not the page's (an Arabic article in a French site): the
    /// template marks the article with it, and its date (written in the page's language)
    /// with the page's, so the one does not reorder the other.
    pub lang: Option<Locale>,
    /// The text direction of that language (`ltr` or `rtl`), with `lang`.
    pub dir: Option<&'static str>,
}

/// An image from the media library, with what browsers need to pick a size.
#[derive(Debug, Clone, Serialize)]
pub struct ImageView {
    /// The clean original.
    pub src: String,
    /// The variants, `url {width}w, …`, WebP first where made.
    pub srcset: String,
    /// The WebP variants alone (for a `<source type="image/webp">`).
    pub webp_srcset: String,
    /// How wide it is shown.
    pub sizes: String,
    /// Its width.
    pub width: i64,
    /// Its height.
    pub height: i64,
    /// Its text alternative.
    pub alt: String,
}

/// The comment section under an article.
#[derive(Debug, Clone, Serialize)]
pub struct CommentsView {
    /// How many approved comments it has.
    pub count: usize,
    /// The approved comments, oldest first, replies under what they answer.
    pub thread: Vec<CommentView>,
    /// The reader's own comment, waiting for moderation (shown to them alone).
    pub held: Option<CommentView>,
    /// The form.
    pub form: CommentFormView,
}

/// A comment as readers see it.
#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    /// Its id; its anchor is `comment-{id}`.
    pub id: i64,
    /// The name it is signed with.
    pub author_name: String,
    /// The author's website (an `http(s)://` address).
    pub author_url: Option<String>,
    /// When it was sent.
    pub created_at: Timestamp,
    /// Its text as safe HTML: escaped, in paragraphs, addresses made links.
    pub html: String,
    /// Where "reply" leads, when replies to it are allowed.
    pub reply_url: Option<String>,
    /// The replies to it, oldest first.
    pub replies: Vec<CommentView>,
}

/// The comment form, blank or as the reader sent it back with its problems.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CommentFormView {
    /// Whether comments are open (the form is shown only then).
    pub open: bool,
    /// Where it posts.
    pub action: String,
    /// The signed token of when it was shown.
    pub token: String,
    /// What the reader typed.
    pub values: rotative_core::CommentInput,
    /// The problem of each field, by field name (`body`, `name`, `email`, `url`).
    pub errors: BTreeMap<String, FieldMessage>,
    /// A problem of the form as a whole (Fluent key).
    pub general_error: Option<&'static str>,
    /// The comment being answered: its id and author.
    pub reply_to: Option<(i64, String)>,
    /// Where "cancel reply" leads.
    pub cancel_url: String,
    /// Whether the e-mail address is required.
    pub require_email: bool,
    /// Whether the form offers to remember the commenter.
    pub remember: bool,
    /// Whether that box was ticked.
    pub remember_checked: bool,
}

/// A field's problem: a Fluent key and, for lengths, the limit.
#[derive(Debug, Clone, Serialize)]
pub struct FieldMessage {
    /// The Fluent key of the message.
    pub key: &'static str,
    /// The limit the message names.
    pub max: Option<usize>,
}

impl ArticleView {
    /// Splits the body after its `paragraph`-th paragraph, where the `in-article` slot goes.
    pub fn split_body(article: &Article, paragraph: usize) -> (String, String) {
        let html = &article.body_html;
        let mut end = 0;
        for _ in 0..paragraph {
            match html[end..].find("</p>") {
                Some(at) => end += at + "</p>".len(),
                None => return (html.clone(), String::new()),
            }
        }
        (html[..end].to_owned(), html[end..].to_owned())
    }
}

/// An error page.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorView {
    /// The HTTP status.
    pub status: u16,
    /// The Fluent key of the heading.
    pub title_key: &'static str,
    /// The Fluent key of the explanation.
    pub body_key: &'static str,
    /// The request id, shown for server errors so readers can report them.
    pub request_id: Option<String>,
}

/// A page: the layout around a view. Templates see the layout's fields at the top
/// (`locale`, `menu`…) and the view as `page`.
#[derive(Debug, Clone)]
pub struct Page<'a, T: Serialize> {
    /// Header, menu, sidebars, footer.
    pub layout: &'a Layout,
    /// The page's own content.
    pub page: &'a T,
}

// Written out for the reason given at `Card`: every name a template reads that is not a
// loop variable (`t`, `slot`, `locale`…) is first looked for among these.
impl<T: Serialize> Serialize for Page<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let l = self.layout;
        let mut page = serializer.serialize_struct("Page", 14)?;
        page.serialize_field("locale", &l.locale)?;
        page.serialize_field("dir", &l.dir)?;
        page.serialize_field("digits", &l.digits)?;
        page.serialize_field("timezone", l.timezone.name())?;
        page.serialize_field("site", &l.site)?;
        page.serialize_field("today", &l.today)?;
        page.serialize_field("menu", &l.menu)?;
        page.serialize_field("most_read", &l.most_read)?;
        page.serialize_field("latest", &l.latest)?;
        page.serialize_field("slots", &l.slots)?;
        page.serialize_field("title", &l.title)?;
        page.serialize_field("canonical", &l.canonical)?;
        page.serialize_field("seo", &l.seo)?;
        page.serialize_field("page", self.page)?;
        page.end()
    }
}

/// The search page: the form, then results, or why there are none.
#[derive(Debug, Clone, Serialize)]
pub struct SearchView {
    /// Where the form is sent (`/recherche` or `/search`).
    pub action: String,
    /// The text searched for, as typed (shown in the form and headings, escaped).
    pub query: String,
    /// Whether a search was run (there was something to search for).
    pub searched: bool,
    /// Whether the index is being built: no results can be given yet.
    pub rebuilding: bool,
    /// How many articles match in all.
    pub total: usize,
    /// The articles of this page, best first.
    pub results: Vec<SearchResult>,
    /// Links to the other pages of results.
    pub pagination: PaginationView,
    /// When nothing matched, another search to try.
    pub suggestion: Option<SearchSuggestion>,
    /// When nothing matched, the latest articles.
    pub latest: Vec<Card>,
    /// The categories to filter by, in menu order (sub-categories after their parent).
    pub categories: Vec<CategoryOption>,
    /// The date filters as given (`YYYY-MM-DD`, empty for none).
    pub from: String,
    /// See `from`.
    pub to: String,
    /// Things to tell the reader about their search (a date ignored…).
    pub notices: Vec<SearchNotice>,
}

/// An article found, with what matched highlighted.
#[derive(Debug, Clone, Serialize)]
pub struct SearchResult {
    /// The article and its links.
    #[serde(flatten)]
    pub card: Card,
    /// Its title as HTML, escaped, the words found in `<mark>`.
    pub title_html: String,
    /// The passage that best matches, as HTML, escaped, the words found in `<mark>`.
    pub snippet_html: String,
}

/// Another search to offer.
#[derive(Debug, Clone, Serialize)]
pub struct SearchSuggestion {
    /// `spelling` ("did you mean") or `fewer` (fewer words).
    pub kind: &'static str,
    /// The text suggested.
    pub text: String,
    /// Its search's address.
    pub url: String,
}

/// A category in the search filter.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryOption {
    /// Its slug (the filter's value).
    pub slug: String,
    /// Its name, indented by depth.
    pub name: String,
    /// How deep it is (0 for a top category).
    pub depth: usize,
    /// Whether it is the filter in use.
    pub selected: bool,
}

/// A message about a search: a Fluent key and the value it names.
#[derive(Debug, Clone, Serialize)]
pub struct SearchNotice {
    /// The Fluent key.
    pub key: &'static str,
    /// The value it names (`value` in the message).
    pub value: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::value::{Serde, Value};
    use rotative_core::{ArticleId, AuthorRef, CategoryId, CategoryRef, UserId};

    fn keys(value: &Value) -> Vec<String> {
        let mut keys: Vec<String> = value
            .try_iter()
            .expect("a map")
            .map(|k| k.to_string())
            .collect();
        keys.sort();
        keys
    }

    fn summary() -> ArticleSummary {
        ArticleSummary {
            id: ArticleId(7),
            slug: "titre".into(),
            title: "Titre".into(),
            excerpt: "Résumé".into(),
            published_at: None,
            category: CategoryRef {
                id: CategoryId(2),
                slug: "politique".into(),
                name: "Politique".into(),
            },
            author: AuthorRef {
                id: UserId(3),
                slug: "redaction".into(),
                name: "Rédaction".into(),
            },
            featured_image: Some("/media/a.jpg".into()),
            view_count: 12,
            comment_count: 1,
        }
    }

    #[test]
    fn a_card_shows_every_field_of_its_article_and_its_links() {
        let summary = summary();
        let card = Value::from(Serde(Card::from(&summary)));
        let mut expected = keys(&Value::from(Serde(&summary)));
        expected.extend(["author_url", "category_url", "url"].map(String::from));
        expected.sort();
        assert_eq!(keys(&card), expected);
        let attr = |name: &str| card.get_attr(name).expect("attribute").to_string();
        assert_eq!(attr("title"), "Titre");
        assert_eq!(attr("url"), "/politique/titre/");
        assert_eq!(attr("view_count"), "12");
        assert_eq!(
            card.get_attr("author")
                .and_then(|a| a.get_attr("name"))
                .expect("author")
                .to_string(),
            "Rédaction"
        );
    }

    #[test]
    fn a_page_shows_every_field_of_its_layout_and_the_view() {
        let layout = Layout {
            locale: Locale::Fr,
            dir: "ltr",
            digits: Digits::default(),
            timezone: chrono_tz::Tz::Africa__Casablanca,
            site: SiteView {
                name: "Le Site".into(),
                tagline: String::new(),
                logo: String::new(),
                base_url: "https://example.org".into(),
            },
            today: chrono::DateTime::UNIX_EPOCH,
            menu: Vec::new(),
            most_read: Shared::new(cards([summary()])),
            latest: Shared::default(),
            slots: BTreeMap::new(),
            title: "Titre – Le Site".into(),
            canonical: "/".into(),
            seo: Seo::default(),
        };
        let page = Value::from(Serde(Page {
            layout: &layout,
            page: &"vue",
        }));
        let mut expected = keys(&Value::from(Serde(&layout)));
        expected.push("page".to_owned());
        expected.sort();
        assert_eq!(keys(&page), expected);
        let attr = |name: &str| page.get_attr(name).expect("attribute").to_string();
        assert_eq!(attr("page"), "vue");
        assert_eq!(attr("locale"), "fr");
        assert_eq!(attr("timezone"), "Africa/Casablanca");
    }
}
