//! RSS and Atom feeds, read back with a real XML parser: what they hold, which articles,
//! escaping, enclosures, the full-content setting, and the page cache.

use crate::newsroom::member;
use axum::http::StatusCode;
use chrono::{DateTime, Duration};
use rotative_core::{ArticleStatus, Role};
use rotative_test_support::{TestApp, engine_test};
use roxmltree::{Document, Node};

pub const ATOM: &str = "http://www.w3.org/2005/Atom";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const RSS_TYPE: &str = "application/rss+xml; charset=utf-8";
const ATOM_TYPE: &str = "application/atom+xml; charset=utf-8";
const BASE: &str = "http://127.0.0.1:8080";

/// The parsed document, failing the test when it is not well-formed XML.
pub fn parse(body: &str) -> Document<'_> {
    Document::parse(body).unwrap_or_else(|e| panic!("not well-formed XML ({e}):\n{body}"))
}

/// An element's name: a local name without namespace, or a namespace and a local name.
#[derive(Clone, Copy)]
pub struct Name<'s>(Option<&'s str>, &'s str);

impl<'s> From<&'s str> for Name<'s> {
    fn from(local: &'s str) -> Self {
        Name(None, local)
    }
}

impl<'s> From<(&'s str, &'s str)> for Name<'s> {
    fn from((ns, local): (&'s str, &'s str)) -> Self {
        Name(Some(ns), local)
    }
}

fn is<'s>(node: &Node<'_, '_>, name: impl Into<Name<'s>>) -> bool {
    let Name(ns, local) = name.into();
    node.is_element() && node.tag_name().name() == local && node.tag_name().namespace() == ns
}

/// Every child element named `name`.
pub fn children<'a, 'i, 's>(node: Node<'a, 'i>, name: impl Into<Name<'s>>) -> Vec<Node<'a, 'i>> {
    let name = name.into();
    node.children().filter(|c| is(c, name)).collect()
}

/// The first child element named `name`.
pub fn child<'a, 'i, 's>(node: Node<'a, 'i>, name: impl Into<Name<'s>>) -> Node<'a, 'i> {
    let name = name.into();
    node.children()
        .find(|c| is(c, name))
        .unwrap_or_else(|| panic!("<{}> has no <{}>", node.tag_name().name(), name.1))
}

/// Whether `node` has a child element named `name`.
pub fn has<'s>(node: Node<'_, '_>, name: impl Into<Name<'s>>) -> bool {
    let name = name.into();
    node.children().any(|c| is(&c, name))
}

/// The text of the first child element named `name`.
pub fn text<'s>(node: Node<'_, '_>, name: impl Into<Name<'s>>) -> String {
    child(node, name).text().unwrap_or_default().to_owned()
}

/// The RSS items of a feed, after checking the channel's required elements.
fn rss_items<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = child(rss, "channel");
    for required in ["title", "link", "description", "language", "lastBuildDate"] {
        assert!(!text(channel, required).is_empty(), "channel {required}");
    }
    assert!(DateTime::parse_from_rfc2822(&text(channel, "lastBuildDate")).is_ok());
    let own = child(channel, (ATOM, "link"));
    assert_eq!(own.attribute("rel"), Some("self"));
    assert_eq!(own.attribute("type"), Some("application/rss+xml"));
    children(channel, "item")
}

/// The Atom entries of a feed, after checking the feed's required elements.
fn atom_entries<'a, 'i>(doc: &'a Document<'i>) -> Vec<Node<'a, 'i>> {
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")));
    for required in ["id", "title", "updated"] {
        assert!(!text(feed, (ATOM, required)).is_empty(), "feed {required}");
    }
    assert!(DateTime::parse_from_rfc3339(&text(feed, (ATOM, "updated"))).is_ok());
    let rels: Vec<_> = children(feed, (ATOM, "link"))
        .iter()
        .filter_map(|l| l.attribute("rel"))
        .collect();
    assert_eq!(rels, ["self", "alternate"]);
    assert!(!text(child(feed, (ATOM, "author")), (ATOM, "name")).is_empty());
    children(feed, (ATOM, "entry"))
}

fn titles(items: &[Node<'_, '_>], ns: Option<&str>) -> Vec<String> {
    items
        .iter()
        .map(|item| match ns {
            Some(ns) => text(*item, (ns, "title")),
            None => text(*item, "title"),
        })
        .collect()
}

/// A feed's response, checked for its status and media type.
async fn fetch(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status, StatusCode::OK, "{path}");
    let expected = if path.ends_with("atom/") {
        ATOM_TYPE
    } else {
        RSS_TYPE
    };
    assert_eq!(response.header("content-type"), Some(expected), "{path}");
    response.body
}

engine_test! {
    async fn the_site_feed_is_rss_with_the_latest_twenty_articles_newest_first(app: TestApp) {
        for n in 1..=22 {
            app.article(&format!("Dépêche {n}"))
                .category("Sport")
                .author("Salma Idrissi")
                .published_at(app.now() - Duration::hours(30 - n))
                .create()
                .await;
        }
        app.article("Brouillon").status(ArticleStatus::Draft, None).create().await;
        let body = fetch(&app, "/feed/").await;
        let doc = parse(&body);
        let rss = doc.root_element();
        for (prefix, ns) in [("atom", ATOM), ("content", CONTENT), ("dc", DC)] {
            assert_eq!(rss.lookup_namespace_uri(Some(prefix)), Some(ns), "xmlns:{prefix}");
        }
        let channel = child(rss, "channel");
        assert_eq!(text(channel, "title"), "Rotative");
        assert_eq!(text(channel, "link"), format!("{BASE}/"));
        assert_eq!(text(channel, "language"), "fr");
        assert_eq!(child(channel, (ATOM, "link")).attribute("href"), Some(format!("{BASE}/feed/").as_str()));
        let items = rss_items(&doc);
        let expected: Vec<String> = (3..=22).rev().map(|n| format!("Dépêche {n}")).collect();
        assert_eq!(titles(&items, None), expected);
        let first = items[0];
        let link = format!("{BASE}/sport/depeche-22/");
        assert_eq!(text(first, "link"), link);
        assert_eq!(text(first, "guid"), link);
        assert_eq!(child(first, "guid").attribute("isPermaLink"), Some("true"));
        let date = DateTime::parse_from_rfc2822(&text(first, "pubDate")).expect("an RFC 2822 date");
        assert_eq!(date, app.now() - Duration::hours(8));
        assert_eq!(text(first, "description"), "Premier paragraphe de « Dépêche 22 ».");
        let html = text(first, (CONTENT, "encoded"));
        assert!(html.contains("<h2 id=\"un-sous-titre\">Un sous-titre</h2>"), "{html}");
        assert_eq!(text(first, "category"), "Sport");
        assert_eq!(text(first, (DC, "creator")), "Salma Idrissi");
    }
}

engine_test! {
    async fn the_site_feed_in_atom_has_ids_dates_links_summaries_and_content(app: TestApp) {
        let published = app.now() - Duration::hours(3);
        app.article("Le derby").category("Sport").published_at(published).create().await;
        let body = fetch(&app, "/feed/atom/").await;
        let doc = parse(&body);
        let feed = doc.root_element();
        assert_eq!(feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")), Some("fr"));
        assert_eq!(text(feed, (ATOM, "id")), format!("{BASE}/"));
        let own = children(feed, (ATOM, "link"))[0];
        assert_eq!(own.attribute("href"), Some(format!("{BASE}/feed/atom/").as_str()));
        assert_eq!(own.attribute("type"), Some("application/atom+xml"));
        let entries = atom_entries(&doc);
        assert_eq!(titles(&entries, Some(ATOM)), ["Le derby"]);
        let entry = entries[0];
        let link = format!("{BASE}/sport/le-derby/");
        assert_eq!(text(entry, (ATOM, "id")), link);
        assert_eq!(child(entry, (ATOM, "link")).attribute("href"), Some(link.as_str()));
        let at = |name| DateTime::parse_from_rfc3339(&text(entry, (ATOM, name))).expect("a W3C date");
        assert_eq!(at("published"), published);
        assert_eq!(at("updated"), app.now(), "created at the clock's now, after its date");
        assert_eq!(text(child(entry, (ATOM, "author")), (ATOM, "name")), "Rédaction");
        assert_eq!(child(entry, (ATOM, "category")).attribute("term"), Some("Sport"));
        assert_eq!(text(entry, (ATOM, "summary")), "Premier paragraphe de « Le derby ».");
        let content = child(entry, (ATOM, "content"));
        assert_eq!(content.attribute("type"), Some("html"));
        assert!(content.text().unwrap_or_default().starts_with("<p>Premier paragraphe"));
    }
}

engine_test! {
    async fn titles_with_markup_quotes_emoji_arabic_and_control_characters_stay_valid_xml(app: TestApp) {
        let title = "R&D <b>« \"l'été\" »</b> 🗞 مرحبا بالعالم\u{1}\u{8} fin";
        let shown = "R&D <b>« \"l'été\" »</b> 🗞 مرحبا بالعالم fin";
        app.article(title).slug("titre-difficile").category("Économie & Co").create().await;
        let rss = fetch(&app, "/feed/").await;
        let rss = parse(&rss);
        let item = rss_items(&rss)[0];
        assert_eq!(text(item, "title"), shown);
        assert_eq!(text(item, "category"), "Économie & Co");
        let atom = fetch(&app, "/feed/atom/").await;
        let atom = parse(&atom);
        assert_eq!(titles(&atom_entries(&atom), Some(ATOM)), [shown]);
        let category = fetch(&app, "/economie-co/feed/").await;
        let category = parse(&category);
        let channel = child(category.root_element(), "channel");
        assert_eq!(text(channel, "title"), "Économie & Co – Rotative");
    }
}

engine_test! {
    async fn category_tag_and_author_feeds_hold_only_their_articles(app: TestApp) {
        let sport = app.category_named("Sport").await;
        app.subcategory_named("Football", Some(sport)).await;
        app.article("Au stade").category("Football").tags(&["Derby"]).author("Karim").create().await;
        app.article("Sur le court").category("Sport").author("Salma").create().await;
        app.article("Au parlement").category("Politique").tags(&["Derby"]).author("Salma").create().await;
        let cases: [(&str, &[&str]); 4] = [
            ("/sport/", &["Au stade", "Sur le court"]),
            ("/football/", &["Au stade"]),
            ("/tag/derby/", &["Au stade", "Au parlement"]),
            ("/author/salma/", &["Sur le court", "Au parlement"]),
        ];
        for (list, expected) in cases {
            let rss = fetch(&app, &format!("{list}feed/")).await;
            let rss = parse(&rss);
            let channel = child(rss.root_element(), "channel");
            assert_eq!(text(channel, "link"), format!("{BASE}{list}"));
            let mut shown = titles(&rss_items(&rss), None);
            shown.sort();
            let mut wanted: Vec<String> = expected.iter().map(|t| (*t).to_owned()).collect();
            wanted.sort();
            assert_eq!(shown, wanted, "{list}feed/");
            let atom = fetch(&app, &format!("{list}feed/atom/")).await;
            let atom = parse(&atom);
            assert_eq!(atom_entries(&atom).len(), expected.len(), "{list}feed/atom/");
            assert_eq!(
                text(atom.root_element(), (ATOM, "id")),
                format!("{BASE}{list}"),
            );
        }
        for missing in ["/nulle-part/feed/", "/tag/inconnu/feed/atom/", "/author/personne/feed/", "/tag/Mauvais%20Slug/feed/"] {
            let page = app.get(missing).await;
            assert_eq!(page.status, StatusCode::NOT_FOUND, "{missing}");
            assert!(page.body.contains("<!doctype html>"), "{missing}: the site's 404 page");
        }
    }
}

engine_test! {
    async fn a_renamed_category_s_old_feed_leads_to_the_new_one(app: TestApp) {
        app.article("Match").category("Sport").create().await;
        let id = app.category_named("Sport").await;
        let renamed = rotative_core::NewCategory {
            slug: rotative_core::Slug::parse("sports").expect("slug"),
            name: "Sports".to_owned(),
            description: String::new(),
            parent_id: None,
            position: 0,
        };
        rotative_web::content::update_category(&app.state, id, &renamed).await.expect("renamed");
        for (old, new) in [("/sport/feed/", "/sports/feed/"), ("/sport/feed/atom/", "/sports/feed/atom/")] {
            let moved = app.get(old).await;
            assert_eq!(moved.status, StatusCode::MOVED_PERMANENTLY, "{old}");
            assert_eq!(moved.header("location"), Some(new));
        }
    }
}

engine_test! {
    async fn with_full_content_off_feeds_carry_excerpts_only(app: TestApp) {
        app.article("Résumé seul").create().await;
        let admin = member(&app, Role::Admin, "Patronne").await;
        let form = admin.get(&app, "/admin/settings").await.body;
        assert!(form.contains(r#"<select id="feeds.full_content" name="feeds.full_content""#), "the setting is on the screen");
        assert!(form.contains("Les flux donnent le texte entier"));
        let saved = admin.post(&app, "/admin/settings", &[("feeds.full_content", "false")]).await;
        assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
        let rss = fetch(&app, "/feed/").await;
        let rss = parse(&rss);
        let item = rss_items(&rss)[0];
        assert!(!has(item, (CONTENT, "encoded")));
        assert_eq!(text(item, "description"), "Premier paragraphe de « Résumé seul ».");
        let atom = fetch(&app, "/feed/atom/").await;
        let atom = parse(&atom);
        let entry = atom_entries(&atom)[0];
        assert!(!has(entry, (ATOM, "content")));
        assert!(!text(entry, (ATOM, "summary")).is_empty());
    }
}

/// An enclosure's address, length and type.
type Attached = (String, String, String);

engine_test! {
    async fn a_featured_library_image_is_an_enclosure_with_its_size_and_type(app: TestApp) {
        let uploader = app.author_named("Photographe").await;
        let media = rotative_store::NewMedia {
            name: "stade".to_owned(),
            ext: "jpg".to_owned(),
            width: 1200,
            height: 800,
            bytes: 48_213,
            alt: "Le stade".to_owned(),
        };
        let id = app.store().add_media(&media, uploader, app.now()).await.expect("media");
        app.store().set_media_status(id, "ready").await.expect("ready");
        app.article("Avec photo").create().await;
        app.article("Avec variante").create().await;
        app.article("Image ailleurs").create().await;
        app.article("Image perdue").create().await;
        let images = [
            ("avec-photo", format!("/media/{id}/stade.jpg")),
            ("avec-variante", format!("/media/{id}/stade-640.webp")),
            ("image-ailleurs", "https://images.example.ma/une.png".to_owned()),
            ("image-perdue", "/media/999/absente.jpg".to_owned()),
        ];
        for (slug, image) in &images {
            app.edit_article(slug, |a| a.featured_image = Some(image.clone())).await;
        }
        let rss = fetch(&app, "/feed/").await;
        let rss = parse(&rss);
        let enclosures: Vec<(String, Option<Attached>)> = rss_items(&rss)
            .iter()
            .map(|item| {
                let enclosure = children(*item, "enclosure").first().map(|e| {
                    let attribute = |name| e.attribute(name).expect("required attribute").to_owned();
                    (attribute("url"), attribute("length"), attribute("type"))
                });
                (text(*item, "title"), enclosure)
            })
            .collect();
        let find = |title: &str| enclosures.iter().find(|(t, _)| t == title).and_then(|(_, e)| e.clone());
        let tuple = |url: String, length: &str, mime: &str| Some((url, length.to_owned(), mime.to_owned()));
        assert_eq!(find("Avec photo"), tuple(format!("{BASE}/media/{id}/stade.jpg"), "48213", "image/jpeg"));
        assert_eq!(find("Avec variante"), tuple(format!("{BASE}/media/{id}/stade-640.webp"), "0", "image/webp"));
        assert_eq!(find("Image ailleurs"), tuple("https://images.example.ma/une.png".to_owned(), "0", "image/png"));
        assert_eq!(find("Image perdue"), None);
        let atom = fetch(&app, "/feed/atom/").await;
        let atom = parse(&atom);
        let photo = atom_entries(&atom)
            .into_iter()
            .find(|e| text(*e, (ATOM, "title")) == "Avec photo")
            .expect("the entry");
        let enclosure = children(photo, (ATOM, "link"))
            .into_iter()
            .find(|l| l.attribute("rel") == Some("enclosure"))
            .expect("an enclosure link");
        assert_eq!(enclosure.attribute("href"), Some(format!("{BASE}/media/{id}/stade.jpg").as_str()));
        assert_eq!(enclosure.attribute("length"), Some("48213"));
        assert_eq!(enclosure.attribute("type"), Some("image/jpeg"));
    }
}

engine_test! {
    async fn links_in_full_content_are_absolute(app: TestApp) {
        app.article("Liens")
            .body("Voir [le derby](/sport/le-derby/) et ![photo](/media/3/x.jpg).")
            .create()
            .await;
        app.set_setting("base_url", "https://journal.ma").await;
        let rss = fetch(&app, "/feed/").await;
        let rss = parse(&rss);
        let html = text(rss_items(&rss)[0], (CONTENT, "encoded"));
        assert!(html.contains(r#"href="https://journal.ma/sport/le-derby/""#), "{html}");
        assert!(html.contains(r#"src="https://journal.ma/media/3/x.jpg""#), "{html}");
        assert_eq!(text(rss_items(&rss)[0], "link"), "https://journal.ma/politique/liens/");
    }
}

engine_test! {
    async fn feeds_change_on_the_next_request_after_a_publication_an_edit_and_an_unpublication(app: TestApp) {
        app.article("Ancien").category("Sport").tags(&["Football"]).published_at(app.now() - Duration::days(3)).create().await;
        app.article("Ailleurs").category("Culture").published_at(app.now() - Duration::days(3)).create().await;
        let feeds = ["/feed/", "/feed/atom/", "/sport/feed/", "/sport/feed/atom/", "/tag/football/feed/", "/author/redaction/feed/atom/"];
        for path in feeds {
            fetch(&app, path).await;
            let again = app.get(path).await;
            assert_eq!(again.header("x-cache"), Some("hit"), "{path}");
            let expected = if path.ends_with("atom/") { ATOM_TYPE } else { RSS_TYPE };
            assert_eq!(again.header("content-type"), Some(expected), "{path}: a cached feed keeps its type");
        }
        fetch(&app, "/culture/feed/").await;
        app.article("Le derby fait salle comble").category("Sport").tags(&["Football"]).create().await;
        for path in feeds {
            assert!(fetch(&app, path).await.contains("Le derby fait salle comble"), "{path} after publication");
        }
        assert_eq!(app.get("/culture/feed/").await.header("x-cache"), Some("hit"), "not showing it, kept");
        app.edit_article("le-derby-fait-salle-comble", |a| a.title = "Le derby, guichets fermés".to_owned()).await;
        for path in feeds {
            let body = fetch(&app, path).await;
            assert!(body.contains("Le derby, guichets fermés") && !body.contains("salle comble<"), "{path} after the edit");
        }
        app.edit_article("le-derby-fait-salle-comble", |a| a.status = ArticleStatus::Draft).await;
        for path in feeds {
            assert!(!fetch(&app, path).await.contains("guichets fermés"), "{path} after unpublication");
        }
    }
}

engine_test! {
    async fn pages_point_readers_at_their_feeds(app: TestApp) {
        app.article("Match").category("Sport").tags(&["Football"]).create().await;
        let feed = |path: &str| format!(r#"<link rel="alternate" type="application/rss+xml" title="Rotative" href="{BASE}{path}">"#);
        for page in ["/", "/sport/match/", "/sport/"] {
            assert!(app.get(page).await.body.contains(&feed("/feed/")), "{page}: the site's feed");
        }
        let list = |path: &str, title: &str| format!(r#"<link rel="alternate" type="application/rss+xml" title="{title} – Rotative" href="{BASE}{path}">"#);
        assert!(app.get("/sport/").await.body.contains(&list("/sport/feed/", "Sport")));
        let tag = app.get("/tag/football/").await.body;
        assert!(tag.contains(r#"href="http://127.0.0.1:8080/tag/football/feed/""#), "{tag}");
        let author = app.get("/author/redaction/").await.body;
        assert!(author.contains(r#"href="http://127.0.0.1:8080/author/redaction/feed/""#));
    }
}

engine_test! {
    async fn no_article_may_take_feed_as_its_slug(app: TestApp) {
        let editor = member(&app, Role::Editor, "Cheffe").await;
        let category = app.category_named("Sport").await.to_string();
        let author = app.author_named("Rédaction").await.to_string();
        let refused = editor
            .post(&app, "/admin/articles/new", &[("title", "Feed"), ("body", "Texte."), ("category", &category), ("author", &author), ("status", "published")])
            .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(refused.body.contains("Cet identifiant est réservé aux pages du site"), "{}", refused.body);
        assert_eq!(app.store().count_articles().await.expect("count"), 0);
    }
}
