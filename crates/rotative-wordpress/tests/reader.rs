//! The WXR reader over files written for the purpose: every version, every kind of
//! record, and every way a file can be bad.

use rotative_wordpress::{Record, WxrProblem, WxrReader};

/// A WordPress 1.2 export of a small French site.
const EXPORT: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<!-- generator="WordPress/6.7" created="2025-03-21 10:00" -->
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Marrakech Info</title>
	<link>https://www.marrakech-info.ma</link>
	<description>L&#8217;actualité de Marrakech &amp; du Maroc</description>
	<pubDate>Fri, 21 Mar 2025 10:00:00 +0000</pubDate>
	<language>fr-FR</language>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://www.marrakech-info.ma</wp:base_site_url>
	<wp:base_blog_url>https://www.marrakech-info.ma</wp:base_blog_url>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[salma]]></wp:author_login><wp:author_email><![CDATA[salma@example.ma]]></wp:author_email><wp:author_display_name><![CDATA[Salma Benali]]></wp:author_display_name><wp:author_first_name><![CDATA[Salma]]></wp:author_first_name><wp:author_last_name><![CDATA[Benali]]></wp:author_last_name></wp:author>
	<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename><![CDATA[politique]]></wp:category_nicename><wp:category_parent><![CDATA[]]></wp:category_parent><wp:cat_name><![CDATA[Politique]]></wp:cat_name><wp:category_description><![CDATA[La vie politique]]></wp:category_description></wp:category>
	<wp:category><wp:term_id>4</wp:term_id><wp:category_nicename><![CDATA[maroc]]></wp:category_nicename><wp:category_parent><![CDATA[politique]]></wp:category_parent><wp:cat_name><![CDATA[Maroc]]></wp:cat_name></wp:category>
	<wp:tag><wp:term_id>7</wp:term_id><wp:tag_slug><![CDATA[diplomatie]]></wp:tag_slug><wp:tag_name><![CDATA[Diplomatie]]></wp:tag_name></wp:tag>
	<wp:term><wp:term_id>9</wp:term_id><wp:term_taxonomy><![CDATA[region]]></wp:term_taxonomy><wp:term_slug><![CDATA[souss]]></wp:term_slug><wp:term_parent><![CDATA[]]></wp:term_parent><wp:term_name><![CDATA[Souss]]></wp:term_name></wp:term>
	<generator>https://wordpress.org/?v=6.7</generator>
	<item>
		<title><![CDATA[Le Maroc et le Kazakhstan renforcent leur coopération]]></title>
		<link>https://www.marrakech-info.ma/2025/03/20/maroc-kazakhstan/</link>
		<pubDate>Thu, 20 Mar 2025 09:00:00 +0000</pubDate>
		<dc:creator><![CDATA[salma]]></dc:creator>
		<guid isPermaLink="false">https://www.marrakech-info.ma/?p=42</guid>
		<description></description>
		<content:encoded><![CDATA[<!-- wp:paragraph -->
<p>Premier paragraphe {RLM}avec une marque RTL, un espace{ZWSP}sans largeur, un emoji 🇲🇦 et de l’arabe : المغرب.</p>
<!-- /wp:paragraph -->


<p>Un chemin C:\dossier\fichier et ]]]]><![CDATA[> dans le texte.</p>]]></content:encoded>
		<excerpt:encoded><![CDATA[Un accord historique.]]></excerpt:encoded>
		<wp:post_id>42</wp:post_id>
		<wp:post_date><![CDATA[2025-03-20 10:00:00]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[2025-03-20 09:00:00]]></wp:post_date_gmt>
		<wp:post_modified_gmt><![CDATA[2025-03-21 08:00:00]]></wp:post_modified_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:post_name><![CDATA[maroc-kazakhstan]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_parent>0</wp:post_parent>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:is_sticky>1</wp:is_sticky>
		<category domain="category" nicename="maroc"><![CDATA[Maroc]]></category>
		<category domain="post_tag" nicename="diplomatie"><![CDATA[Diplomatie]]></category>
		<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[43]]></wp:meta_value></wp:postmeta>
		<wp:comment>
			<wp:comment_id>5</wp:comment_id>
			<wp:comment_author><![CDATA[Karim]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[karim@example.ma]]></wp:comment_author_email>
			<wp:comment_author_url>https://karim.example.ma</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[203.0.113.9]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[2025-03-20 12:00:00]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[2025-03-20 11:00:00]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[Bravo !

Deux paragraphes.]]></wp:comment_content>
			<wp:comment_approved><![CDATA[1]]></wp:comment_approved>
			<wp:comment_type><![CDATA[comment]]></wp:comment_type>
			<wp:comment_parent>0</wp:comment_parent>
		</wp:comment>
		<wp:comment>
			<wp:comment_id>6</wp:comment_id>
			<wp:comment_author><![CDATA[Spammeur]]></wp:comment_author>
			<wp:comment_content><![CDATA[Achetez !]]></wp:comment_content>
			<wp:comment_approved><![CDATA[spam]]></wp:comment_approved>
			<wp:comment_parent>5</wp:comment_parent>
		</wp:comment>
	</item>
	<item>
		<title>Photo du souk</title>
		<wp:post_id>43</wp:post_id>
		<wp:post_type><![CDATA[attachment]]></wp:post_type>
		<wp:status><![CDATA[inherit]]></wp:status>
		<wp:attachment_url><![CDATA[https://www.marrakech-info.ma/wp-content/uploads/2025/03/souk.jpg]]></wp:attachment_url>
	</item>
</channel>
</rss>
"#;

/// The export with its invisible characters (a right-to-left mark, a zero-width space),
/// written as placeholders above so that they can be seen.
fn export() -> String {
    EXPORT
        .replace("{RLM}", "\u{200F}")
        .replace("{ZWSP}", "\u{200B}")
}

fn records(text: &str) -> Vec<Record> {
    WxrReader::from_bytes(text.as_bytes().to_vec())
        .collect::<Result<Vec<_>, _>>()
        .expect("a good export reads")
}

fn problem(text: &str) -> (u64, u64, WxrProblem) {
    let error = WxrReader::from_bytes(text.as_bytes().to_vec())
        .find_map(Result::err)
        .expect("the file is refused");
    (error.line, error.column, error.problem)
}

#[test]
fn an_export_reads_as_its_site_authors_terms_and_items() {
    let all = records(&export());
    let Record::Site(site) = &all[0] else {
        panic!("the site first")
    };
    assert_eq!(site.wxr_version, "1.2");
    assert_eq!(site.title, "Marrakech Info");
    assert_eq!(site.description, "L’actualité de Marrakech & du Maroc");
    assert_eq!(site.language, "fr-FR");
    assert_eq!(site.base_site_url, "https://www.marrakech-info.ma");
    let Record::Author(author) = &all[1] else {
        panic!("an author")
    };
    assert_eq!(
        (author.login.as_str(), author.display_name.as_str()),
        ("salma", "Salma Benali")
    );
    let terms: Vec<_> = all
        .iter()
        .filter_map(|r| match r {
            Record::Term(t) => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(terms.len(), 4);
    assert_eq!(
        (terms[1].slug.as_str(), terms[1].parent.as_str()),
        ("maroc", "politique")
    );
    assert_eq!(
        (terms[2].taxonomy.as_str(), terms[2].name.as_str()),
        ("post_tag", "Diplomatie")
    );
    assert_eq!(terms[3].taxonomy, "region");
    let items: Vec<_> = all
        .iter()
        .filter_map(|r| match r {
            Record::Item(i) => Some(i),
            _ => None,
        })
        .collect();
    assert_eq!(items.len(), 2);
    let post = items[0];
    assert_eq!(
        (
            post.id.as_str(),
            post.post_type.as_str(),
            post.status.as_str()
        ),
        ("42", "post", "publish")
    );
    assert!(post.sticky);
    assert_eq!(post.slug, "maroc-kazakhstan");
    assert_eq!(post.date_gmt, "2025-03-20 09:00:00");
    assert_eq!(post.meta("_thumbnail_id"), Some("43"));
    assert_eq!(post.terms.len(), 2);
    assert_eq!(post.comments.len(), 2);
    assert_eq!(post.comments[0].content, "Bravo !\n\nDeux paragraphes.");
    assert_eq!(
        (
            post.comments[1].approved.as_str(),
            post.comments[1].parent.as_str()
        ),
        ("spam", "5")
    );
    assert_eq!(
        items[1].attachment_url,
        "https://www.marrakech-info.ma/wp-content/uploads/2025/03/souk.jpg"
    );
}

#[test]
fn content_arrives_intact() {
    let all = records(&export());
    let Some(Record::Item(post)) = all.iter().find(|r| matches!(r, Record::Item(_))) else {
        panic!("an item")
    };
    for piece in [
        "\u{200F}avec une marque RTL",
        "espace\u{200B}sans",
        "🇲🇦",
        "المغرب",
        r"C:\dossier\fichier",
        "et ]]> dans",
        "<!-- wp:paragraph -->",
    ] {
        assert!(
            post.content.contains(piece),
            "{piece:?} in {:?}",
            post.content
        );
    }
    assert!(
        post.content.contains("-->\n\n\n<p>Un chemin"),
        "blank lines kept: {:?}",
        post.content
    );
}

#[test]
fn every_version_of_the_format_is_read() {
    for version in ["1.0", "1.1", "1.2"] {
        let text = export().replace(
            "<wp:wxr_version>1.2</wp:wxr_version>",
            &format!("<wp:wxr_version>{version}</wp:wxr_version>"),
        );
        let Record::Site(site) = &records(&text)[0] else {
            panic!("the site")
        };
        assert_eq!(site.wxr_version, version);
    }
}

#[test]
fn bad_files_are_refused_with_their_line_and_column() {
    let (line, column, found) = problem("Ceci n'est pas un fichier XML.\n");
    assert!(matches!(found, WxrProblem::NotXml(_)), "{found:?}");
    assert_eq!((line, column), (1, 1));

    let (line, _, found) = problem("<?xml version=\"1.0\"?>\n<html><body>Bonjour</body></html>");
    assert_eq!(found, WxrProblem::NotWxr("html".to_owned()));
    assert_eq!(line, 2);

    let without = export().replace("\t<wp:wxr_version>1.2</wp:wxr_version>\n", "");
    let (line, _, found) = problem(&without);
    assert_eq!(found, WxrProblem::MissingVersion);
    assert_eq!(line, 18, "where the first author is");

    let future = export().replace(
        "<wp:wxr_version>1.2</wp:wxr_version>",
        "<wp:wxr_version>9.9</wp:wxr_version>",
    );
    let (line, _, found) = problem(&future);
    assert_eq!(found, WxrProblem::UnknownVersion("9.9".to_owned()));
    assert_eq!(line, 16);

    let full = export();
    let cut = &full[..full.find("<wp:post_name>").expect("there")];
    let (_, _, found) = problem(cut);
    assert!(matches!(found, WxrProblem::Truncated(_)), "{found:?}");

    let early = export().replace("]]]]><![CDATA[>", "]]>");
    let (line, _, found) = problem(&early);
    assert_eq!(found, WxrProblem::CdataEnd);
    assert_eq!(line, 37);

    let unknown = export().replace("&amp; du Maroc", "&nbsp; du Maroc");
    let (line, column, found) = problem(&unknown);
    assert_eq!(found, WxrProblem::Entity("nbsp".to_owned()));
    assert_eq!(line, 13);
    assert!(column > 30, "{column}");

    let mismatched = export().replace(
        "</wp:post_type>\n\t\t<wp:is_sticky>",
        "</wp:post_typo>\n\t\t<wp:is_sticky>",
    );
    let (line, _, found) = problem(&mismatched);
    assert!(matches!(found, WxrProblem::NotXml(_)), "{found:?}");
    assert_eq!(line, 47);
}

#[test]
fn entity_bombs_are_refused_without_expanding_anything() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss><channel><wp:wxr_version>1.2</wp:wxr_version><title>&lol9;</title></channel></rss>"#;
    let (line, _, found) = problem(bomb);
    assert_eq!(found, WxrProblem::EntityDeclaration);
    assert_eq!(line, 2);
}

#[test]
fn a_long_run_of_junk_is_refused_before_the_end() {
    // 8 MiB of junk against a 1 MiB limit: refused after about the limit.
    let junk = vec![b'x'; 8 << 20];
    let error = WxrReader::from_bytes(junk)
        .max_run(1 << 20)
        .find_map(Result::err)
        .expect("refused");
    assert!(
        matches!(error.problem, WxrProblem::Junk | WxrProblem::NotXml(_)),
        "{error}"
    );
    let mut junk = b"<rss>".to_vec();
    junk.extend(vec![b'x'; 8 << 20]);
    let error = WxrReader::from_bytes(junk)
        .max_run(1 << 20)
        .find_map(Result::err)
        .expect("refused");
    assert_eq!(error.problem, WxrProblem::Junk, "{error}");
}

#[test]
fn elements_nested_deeper_than_any_export_are_refused_with_where() {
    // 60,000 levels: read into a tree, it would overflow the stack when dropped.
    let depth = 60_000;
    let nested = format!(
        "<item>{}{}</item>",
        "<a>".repeat(depth),
        "</a>".repeat(depth)
    );
    let deep = export().replacen("<item>", &format!("{nested}\n\t<item>"), 1);
    let (line, _, found) = problem(&deep);
    assert_eq!(found, WxrProblem::TooDeep);
    assert_eq!(line, 25, "the line of the element too deep");
    assert!(
        found.to_string().contains("nested more than 64 deep"),
        "{found}"
    );
    // An export's own nesting reads.
    assert!(!records(&export()).is_empty());
}
