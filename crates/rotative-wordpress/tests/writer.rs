//! What the writer writes reads back the same, whatever the text holds.

use rotative_wordpress::model::ItemTerm;
use rotative_wordpress::{
    Record, SiteInfo, WpAuthor, WpComment, WpItem, WpTerm, WxrReader, WxrWriter,
};

fn site() -> SiteInfo {
    SiteInfo {
        wxr_version: "1.2".to_owned(),
        title: "Marrakech Info & co".to_owned(),
        link: "https://www.marrakech-info.ma".to_owned(),
        description: "L’actualité <de> Marrakech".to_owned(),
        language: "fr".to_owned(),
        base_site_url: "https://www.marrakech-info.ma".to_owned(),
        base_blog_url: "https://www.marrakech-info.ma".to_owned(),
    }
}

#[test]
fn a_written_export_reads_back_the_same() {
    let author = WpAuthor {
        id: "2".to_owned(),
        login: "salma".to_owned(),
        email: "salma@example.ma".to_owned(),
        display_name: "Salma Benali".to_owned(),
        ..WpAuthor::default()
    };
    let category = WpTerm {
        taxonomy: "category".to_owned(),
        id: "4".to_owned(),
        slug: "maroc".to_owned(),
        name: "Maroc".to_owned(),
        parent: "politique".to_owned(),
        description: "Le pays".to_owned(),
    };
    let tag = WpTerm {
        taxonomy: "post_tag".to_owned(),
        id: "7".to_owned(),
        slug: "diplomatie".to_owned(),
        name: "Diplomatie".to_owned(),
        ..WpTerm::default()
    };
    let item = WpItem {
        id: "42".to_owned(),
        post_type: "post".to_owned(),
        title: "Un titre avec ]]> et <b>balises</b>".to_owned(),
        link: "https://www.marrakech-info.ma/politique/un-titre/".to_owned(),
        guid: "https://www.marrakech-info.ma/?p=42".to_owned(),
        creator: "salma".to_owned(),
        content: "<p>L’arabe : المغرب, un emoji 🇲🇦, un chemin C:\\dossier, ]]> deux fois ]]>.</p>\n\n\n<p>Après des lignes vides.</p>".to_owned(),
        excerpt: "Un résumé.".to_owned(),
        date_gmt: "2025-03-20 09:00:00".to_owned(),
        modified_gmt: "2025-03-21 08:00:00".to_owned(),
        slug: "un-titre".to_owned(),
        status: "publish".to_owned(),
        parent: "0".to_owned(),
        comment_status: "open".to_owned(),
        sticky: true,
        terms: vec![ItemTerm { domain: "category".to_owned(), slug: "maroc".to_owned(), name: "Maroc".to_owned() }],
        meta: vec![("_rotative_markdown".to_owned(), "L’arabe : **المغرب**".to_owned())],
        comments: vec![WpComment {
            id: "5".to_owned(),
            author: "Karim \"K\"".to_owned(),
            author_email: "karim@example.ma".to_owned(),
            author_url: "https://karim.example.ma/?a=1&b=2".to_owned(),
            author_ip: "203.0.113.9".to_owned(),
            date_gmt: "2025-03-20 11:00:00".to_owned(),
            date: "2025-03-20 12:00:00".to_owned(),
            content: "Bravo !\n\nDeux paragraphes.".to_owned(),
            approved: "1".to_owned(),
            kind: String::new(),
            parent: "0".to_owned(),
        }],
        ..WpItem::default()
    };
    let mut writer = WxrWriter::start(Vec::new(), &site(), "Rotative test").expect("written");
    writer.author(&author).expect("written");
    writer.term(&category).expect("written");
    writer.term(&tag).expect("written");
    writer
        .item(
            &item,
            "Thu, 20 Mar 2025 09:00:00 +0000",
            "2025-03-20 10:00:00",
            "2025-03-21 09:00:00",
        )
        .expect("written");
    let bytes = writer.finish().expect("finished");
    let records: Vec<Record> = WxrReader::from_bytes(bytes)
        .collect::<Result<_, _>>()
        .expect("reads back");
    assert_eq!(records[0], Record::Site(site()));
    assert_eq!(records[1], Record::Author(author));
    assert_eq!(records[2], Record::Term(category));
    assert_eq!(records[3], Record::Term(tag));
    let Record::Item(read) = &records[4] else {
        panic!("an item")
    };
    assert_eq!(read.content, item.content, "the content exactly");
    assert_eq!(read.title, item.title);
    assert_eq!(read.comments, item.comments);
    assert_eq!(read.meta, item.meta);
    assert_eq!(read.terms, item.terms);
    assert!(read.sticky);
    assert_eq!(records.len(), 5);
}

#[test]
fn characters_xml_forbids_are_dropped_not_written() {
    let mut site = site();
    site.title = "Titre\u{1}\u{8} propre".to_owned();
    let writer = WxrWriter::start(Vec::new(), &site, "Rotative").expect("written");
    let bytes = writer.finish().expect("finished");
    let records: Vec<Record> = WxrReader::from_bytes(bytes)
        .collect::<Result<_, _>>()
        .expect("reads back");
    let Record::Site(read) = &records[0] else {
        panic!("the site")
    };
    assert_eq!(read.title, "Titre propre");
}
