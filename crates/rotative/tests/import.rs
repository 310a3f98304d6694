//! `rotative import wordpress` as an operator runs it, on SQLite and PostgreSQL: the
//! binary imports a hand-written WXR file (tests/wordpress/), then the site is read through
//! HTTP and the store: content as WordPress showed it, comments with their threads and
//! states, old addresses answering 301, a second import adding nothing, a dry run writing
//! nothing, malformed files refused with their line and column and changing nothing, and
//! an export imported back giving the same site.

use rotative_core::{ArticleId, CommentStatus, Slug};
use rotative_store::{CommentQuery, Store};
use rotative_test_support::{Scratch, TestApp, scratch_test};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_rotative");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/wordpress")
        .join(name)
}

fn rotative(db: &Scratch, args: &[&str]) -> Output {
    let data = tempfile::tempdir().expect("temporary folder");
    rotative_in(db, data.path(), args)
}

/// The binary on `db`, with `data` as its data folder (where images go).
fn rotative_in(db: &Scratch, data: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(BIN);
    for (name, _) in std::env::vars() {
        if name.starts_with("ROTATIVE_") {
            command.env_remove(name);
        }
    }
    command
        .current_dir(data)
        .args(args)
        .args(["--database-url", &db.url, "--data-dir"])
        .arg(data)
        .output()
        .expect("the binary runs")
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A folder laid out as `wp-content/uploads`, with the one image the fixture names.
fn uploads() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temporary folder");
    let folder = dir.path().join("2025/03");
    std::fs::create_dir_all(&folder).expect("folders");
    let image = image::RgbImage::from_fn(800, 533, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 120])
    });
    image
        .save(folder.join("medina.jpg"))
        .expect("image written");
    // An image a text shows that is no attachment of the file.
    let older = dir.path().join("2025/02");
    std::fs::create_dir_all(&older).expect("folders");
    image.save(older.join("souk.jpg")).expect("image written");
    dir
}

fn import(db: &Scratch, file: &Path, extra: &[&str]) -> Output {
    let file = file.to_str().expect("UTF-8 path");
    let mut args = vec!["import", "wordpress", file];
    args.extend_from_slice(extra);
    rotative(db, &args)
}

async fn article(app: &TestApp, slug: &str) -> rotative_core::Article {
    app.store()
        .article_by_slug(&Slug::parse(slug).expect("slug"))
        .await
        .expect("store answers")
        .unwrap_or_else(|| panic!("article {slug} imported"))
}

/// The fixture with its post `maroc-kazakhstan` edited on WordPress since (a new title, a
/// later modification time).
fn edited_on_wordpress(file: &Path) -> String {
    std::fs::read_to_string(file)
        .expect("fixture")
        .replace(
            "<wp:post_modified_gmt><![CDATA[2025-03-21 08:00:00]]></wp:post_modified_gmt>",
            "<wp:post_modified_gmt><![CDATA[2025-04-01 08:00:00]]></wp:post_modified_gmt>",
        )
        .replace(
            "Le Maroc et le Kazakhstan renforcent leur coopération",
            "Le Maroc et le Kazakhstan signent un accord",
        )
}

async fn comments(app: &TestApp, id: ArticleId) -> Vec<rotative_store::ModeratedComment> {
    comments_of(app.store(), id).await
}

scratch_test! {
    async fn the_whole_site_arrives_and_answers_at_its_old_addresses(db: Scratch) {
        let images = uploads();
        let folder = images.path().to_str().expect("UTF-8 path");
        let data = tempfile::tempdir().expect("temporary folder");
        let file = fixture("site.xml");
        let file = file.to_str().expect("UTF-8 path");
        let output = rotative_in(&db, data.path(), &["import", "wordpress", file, "--uploads", folder]);
        let report = text(&output);
        assert!(output.status.success(), "{report}");
        for line in ["posts", "comments", "images"] {
            assert!(report.contains(line), "{report}");
        }
        // What has no meaning in Rotative is listed, not dropped silently.
        for unknown in ["product", "gallery", "_yoast_wpseo_focuskw", "post_format", "pingback"] {
            assert!(report.contains(unknown), "{unknown} missing from:\n{report}");
        }
        let app = db.app().await;
        let app = app
            .with_options(rotative_web::Options {
                media: std::sync::Arc::new(rotative_web::media::storage::LocalDisk::new(
                    data.path().join("media"),
                )),
                ..rotative_web::Options::default()
            })
            .await;

        // Authors: accounts without a usable password.
        let samira = app.store().account_by_email("samira@example.ma").await.expect("store");
        let samira = samira.expect("Samira has an account");
        assert_eq!(samira.user.display_name, "Samira Benali");
        assert!(samira.password_hash.is_none());

        // Categories keep their hierarchy and descriptions; a reserved slug is renamed.
        let categories = app.store().categories().await.expect("categories");
        let find = |slug: &str| categories.iter().find(|c| c.slug == slug).cloned();
        let politique = find("politique").expect("politique");
        assert_eq!(politique.description, "La vie politique du royaume");
        assert_eq!(find("diplomatie").expect("diplomatie").parent_id, Some(politique.id));
        assert!(find("search").is_none() && find("search-2").is_some());

        // The classic post: content as written, image through the pipeline, views kept.
        let post = article(&app, "maroc-kazakhstan").await;
        assert_eq!(post.summary.category.slug, "diplomatie");
        assert_eq!(post.summary.view_count, 1234);
        assert!(post.sticky, "a sticky post stays pinned");
        assert!(!article(&app, "feed-2").await.sticky);
        // WordPress showed it first on the home page, so does Rotative (feed-2 is newer).
        let home = app.get("/").await;
        let at = |path: &str| home.body.find(path).unwrap_or_else(|| panic!("{path} on the home page"));
        assert!(at("/diplomatie/maroc-kazakhstan/") < at("/politique/feed-2/"));
        assert_eq!(post.summary.excerpt, "Un accord signé à Astana.");
        assert_eq!(post.summary.published_at.expect("published").to_rfc3339(), "2025-03-20T09:30:00+00:00");
        let featured = post.summary.featured_image.clone().expect("featured image");
        assert!(featured.starts_with("/media/"), "{featured}");
        assert_eq!(app.get(&featured).await.status, 200);
        let variant = featured.replace("medina.jpg", "medina-320.jpg");
        assert_eq!(app.get(&variant).await.status, 200, "resized by the pipeline");
        let page = app.get("/diplomatie/maroc-kazakhstan/").await;
        assert_eq!(page.status, 200);
        for expected in [
            r"C:\dossier\rapport",
            "2*3*4",
            "\u{200f}",
            "\u{200b}",
            "🇲🇦",
            "<h2 id=\"les-enjeux\">Les enjeux</h2>",
            "<strong>du gras</strong>",
            "La médina au petit matin",
            "Excellente nouvelle &amp; bravo",
            "Merci Youssef",
        ] {
            assert!(page.body.contains(expected), "{expected:?} missing");
        }
        assert!(page.body.contains(&format!("src=\"{featured}\"")));
        // The image that was no attachment came too, and the text shows the new file.
        let souk = app.get("/wp-content/uploads/2025/02/souk-1024x683.jpg").await;
        assert_eq!(souk.status, 301);
        let souk = souk.header("location").expect("new address").to_owned();
        assert!(souk.starts_with("/media/") && souk.ends_with("/souk.jpg"), "{souk}");
        assert!(post.body_markdown.contains(&format!("![Le souk]({souk})")), "{}", post.body_markdown);
        assert_eq!(app.get(&souk).await.status, 200);
        assert!(!page.body.contains("[gallery"), "shortcodes do not show");
        assert!(!page.body.contains("Gagnez gros"), "spam does not show");
        // Paragraphs stay paragraphs.
        assert!(post.body_markdown.contains("accord.") && post.body_markdown.contains("\n\nLe chemin"));

        // Comments: threads and every state.
        let thread = comments(&app, post.summary.id).await;
        let by_name = |name: &str| thread.iter().find(|c| c.comment.author_name == name).expect(name);
        assert_eq!(thread.len(), 5, "the pingback is not a comment");
        assert_eq!(by_name("Youssef").comment.status, CommentStatus::Approved);
        assert_eq!(by_name("Samira Benali").comment.parent_id, Some(by_name("Youssef").comment.id));
        assert_eq!(by_name("Lecteur").comment.status, CommentStatus::Pending);
        assert_eq!(by_name("Casino").comment.status, CommentStatus::Spam);
        assert_eq!(by_name("Ancien").comment.status, CommentStatus::Trash);
        assert_eq!(by_name("Youssef").comment.author_url.as_deref(), Some("https://youssef.example.ma"));
        assert_eq!(post.summary.comment_count, 2);

        // The block-editor post in Arabic, its comments closed.
        let arabic = app.store().article_by_id(ArticleId(
            app.store().source_ids("post").await.expect("ids").iter()
                .find(|(wp, _, _)| wp == "102").expect("post 102").1,
        )).await.expect("store").expect("article");
        assert_eq!(arabic.summary.title, "التعاون بين المغرب وكازاخستان");
        assert!(arabic.body_markdown.contains("## التفاصيل"), "{}", arabic.body_markdown);
        assert!(!arabic.body_markdown.contains("wp:paragraph"));
        assert!(!arabic.comments_open);
        // An answer listed before the comment it answers still hangs under it.
        let arabic_thread = comments(&app, arabic.summary.id).await;
        let amine = arabic_thread.iter().find(|c| c.comment.author_name == "Amine").expect("Amine");
        let nadia = arabic_thread.iter().find(|c| c.comment.author_name == "Nadia").expect("Nadia");
        assert_eq!(nadia.comment.parent_id, Some(amine.comment.id));
        assert_eq!(nadia.comment.depth, 1);

        // Two posts with the same 200-character slug: both arrive, under two slugs.
        let long: Vec<_> = app
            .store()
            .source_ids("post")
            .await
            .expect("ids")
            .into_iter()
            .filter(|(wp, _, _)| wp == "107" || wp == "108")
            .collect();
        assert_eq!(long.len(), 2);
        let mut slugs = Vec::new();
        for (_, id, _) in &long {
            let article = app.store().article_by_id(ArticleId(*id)).await.expect("store").expect("article");
            assert!(article.summary.slug.len() <= rotative_core::slug::MAX_LEN);
            assert!(article.summary.slug.starts_with("un-titre-tres-long"));
            slugs.push(article.summary.slug);
        }
        assert_ne!(slugs[0], slugs[1]);
        // A text with an address after a no-break space, and one in a query, imports.
        let first = app.store().article_by_id(ArticleId(long[0].1)).await.expect("store").expect("article");
        assert!(first.body_markdown.contains("timthumb.php"), "{}", first.body_markdown);

        // Statuses.
        assert_eq!(article(&app, "brouillon-a-finir").await.status, rotative_core::ArticleStatus::Draft);
        assert_eq!(article(&app, "programme-2099").await.status, rotative_core::ArticleStatus::Scheduled);
        assert_eq!(article(&app, "feed-2").await.summary.title, "Feed");
        assert_eq!(article(&app, "a-propos").await.summary.category.slug, "pages");

        // Old addresses.
        let arabic_path = arabic.summary.path();
        for (old, new) in [
            ("/?p=101", "/diplomatie/maroc-kazakhstan/"),
            ("/?p=101&preview=true", "/diplomatie/maroc-kazakhstan/"),
            ("/2025/03/20/maroc-kazakhstan/", "/diplomatie/maroc-kazakhstan/"),
            ("/2025/03/20/maroc-kazakhstan", "/2025/03/20/maroc-kazakhstan/"),
            ("/2025/03/20/maroc-kazakhstan/feed/", "/diplomatie/maroc-kazakhstan/"),
            ("/2025/03/20/accord-astana/", "/diplomatie/maroc-kazakhstan/"),
            ("/2025/03/24/page-statique.html", format!("/politique/{}/", slugs[0]).leak()),
            ("/2025/03/21/%d8%a7%d9%84%d8%aa%d8%b9%d8%a7%d9%88%d9%86/", arabic_path.as_str()),
            ("/?page_id=2", "/pages/a-propos/"),
            ("/a-propos/", "/pages/a-propos/"),
            ("/?cat=6", "/diplomatie/"),
            ("/category/politique/", "/politique/"),
            ("/category/politique/diplomatie/", "/diplomatie/"),
            ("/category/politique/feed/", "/politique/feed/"),
            ("/category/search/", "/search-2/"),
            ("/author/karim.t/", "/author/karim-t/"),
            ("/tag/%d8%a7%d9%84%d9%85%d8%ba%d8%b1%d8%a8/", "/tag/lmgrb/"),
            ("/wp-content/uploads/2025/03/medina.jpg", featured.as_str()),
            ("/wp-content/uploads/2025/03/medina-300x200.jpg", featured.as_str()),
        ] {
            let response = app.get(old).await;
            assert_eq!(response.status, 301, "{old}");
            assert_eq!(response.header("location"), Some(new), "{old}");
        }
        // Importing again with the images brings no second copy of them.
        let media_before = app.store().count_media(None).await.expect("count");
        let again = rotative_in(&db, data.path(), &["import", "wordpress", file, "--uploads", folder]);
        assert!(again.status.success(), "{}", text(&again));
        assert_eq!(app.store().count_media(None).await.expect("count"), media_before);
        // A draft's old address gives nothing away; unknown addresses stay 404.
        assert_eq!(app.get("/?p=103").await.status, 200);
        assert_eq!(app.get("/?p=999").await.status, 200);
        assert_eq!(app.get("/2025/03/20/nothing/").await.status, 404);
        // The new addresses answer directly.
        assert_eq!(app.get("/politique/").await.status, 200);
        assert_eq!(app.get(&arabic_path).await.status, 200);
    }
}

scratch_test! {
    async fn importing_again_duplicates_nothing_and_adds_what_is_new(db: Scratch) {
        let file = fixture("site.xml");
        assert!(import(&db, &file, &[]).status.success());
        let app = db.app().await;
        let articles = app.store().count_articles().await.expect("count");
        let accounts = app.store().count_accounts().await.expect("count");
        let categories = app.store().categories().await.expect("categories").len();
        let post = article(&app, "maroc-kazakhstan").await;
        let before = comments(&app, post.summary.id).await.len();

        let again = import(&db, &file, &[]);
        assert!(again.status.success(), "{}", text(&again));
        assert!(text(&again).contains("unchanged since the last import"), "{}", text(&again));
        assert_eq!(app.store().count_articles().await.expect("count"), articles);
        assert_eq!(app.store().count_accounts().await.expect("count"), accounts);
        assert_eq!(app.store().categories().await.expect("c").len(), categories);
        assert_eq!(comments(&app, post.summary.id).await.len(), before);

        // The WordPress site moved on: a post edited, an answer and a post added.
        let newer = edited_on_wordpress(&file)
            .replace(
                "<wp:comment><wp:comment_id>503</wp:comment_id>",
                "<wp:comment><wp:comment_id>507</wp:comment_id><wp:comment_author><![CDATA[Youssef]]></wp:comment_author><wp:comment_author_email><![CDATA[youssef@example.ma]]></wp:comment_author_email><wp:comment_author_url></wp:comment_author_url><wp:comment_author_IP><![CDATA[192.0.2.1]]></wp:comment_author_IP><wp:comment_date><![CDATA[2025-04-01 12:00:00]]></wp:comment_date><wp:comment_date_gmt><![CDATA[2025-04-01 11:00:00]]></wp:comment_date_gmt><wp:comment_content><![CDATA[Et la suite ?]]></wp:comment_content><wp:comment_approved><![CDATA[1]]></wp:comment_approved><wp:comment_type><![CDATA[comment]]></wp:comment_type><wp:comment_parent>502</wp:comment_parent></wp:comment>\n<wp:comment><wp:comment_id>503</wp:comment_id>",
            )
            .replace(
                "</channel>",
                "<item><title>Nouvel article</title><link>https://ancien.example.ma/2025/04/02/nouveau/</link><dc:creator>karim.t</dc:creator><content:encoded><![CDATA[Nouveau.]]></content:encoded><wp:post_id>106</wp:post_id><wp:post_date_gmt>2025-03-01 09:00:00</wp:post_date_gmt><wp:post_modified_gmt>2025-03-01 09:00:00</wp:post_modified_gmt><wp:post_name>nouveau</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain=\"category\" nicename=\"politique\">Politique</category></item>\n</channel>",
            );
        let dir = tempfile::tempdir().expect("temporary folder");
        let newer_file = dir.path().join("newer.xml");
        std::fs::write(&newer_file, newer).expect("written");
        let output = import(&db, &newer_file, &[]);
        assert!(output.status.success(), "{}", text(&output));
        assert_eq!(app.store().count_articles().await.expect("count"), articles + 1);
        let edited = article(&app, "maroc-kazakhstan").await;
        assert_eq!(edited.summary.id, post.summary.id);
        assert_eq!(edited.summary.title, "Le Maroc et le Kazakhstan signent un accord");
        let thread = comments(&app, post.summary.id).await;
        assert_eq!(thread.len(), before + 1);
        let answer = thread.iter().find(|c| c.comment.body == "Et la suite ?").expect("new answer");
        let samira = thread.iter().find(|c| c.comment.author_name == "Samira Benali").expect("reply");
        assert_eq!(answer.comment.parent_id, Some(samira.comment.id));
        assert_eq!(app.get("/?p=106").await.header("location"), Some("/politique/nouveau/"));
    }
}

scratch_test! {
    async fn a_post_renamed_for_a_taken_slug_keeps_its_name_through_imports(db: Scratch) {
        let app = db.app().await;
        let ours = app.article("Maroc Kazakhstan").create().await;
        let file = fixture("site.xml");
        let first = import(&db, &file, &[]);
        assert!(first.status.success(), "{}", text(&first));
        let imported = article(&app, "maroc-kazakhstan-wp101").await;
        // Edited on WordPress since: rewritten by the next import, under the same slug.
        let newer = edited_on_wordpress(&file);
        let dir = tempfile::tempdir().expect("temporary folder");
        let newer_file = dir.path().join("newer.xml");
        std::fs::write(&newer_file, newer).expect("written");
        for round in 0..2 {
            let again = import(&db, &newer_file, &[]);
            assert!(again.status.success(), "{}", text(&again));
            let edited = article(&app, "maroc-kazakhstan-wp101").await;
            assert_eq!(edited.summary.id, imported.summary.id, "round {round}");
            assert_eq!(edited.summary.title, "Le Maroc et le Kazakhstan signent un accord");
            assert_eq!(app.get(&edited.summary.path()).await.status, 200, "round {round}");
        }
        assert_eq!(article(&app, "maroc-kazakhstan").await.summary.id, ours, "the site's own keeps its slug");
    }
}

scratch_test! {
    async fn a_site_in_a_sub_folder_keeps_the_addresses_of_its_images(db: Scratch) {
        // WordPress installed under `/blog/`; one text writes its image without a scheme.
        let moved = std::fs::read_to_string(fixture("site.xml"))
            .expect("fixture")
            .replace("https://ancien.example.ma/wp-content/", "https://ancien.example.ma/blog/wp-content/")
            .replace(
                r#"<img src="https://ancien.example.ma/blog/wp-content/uploads/2025/02/souk"#,
                r#"<img src="//ancien.example.ma/blog/wp-content/uploads/2025/02/souk"#,
            );
        let folder = tempfile::tempdir().expect("temporary folder");
        let file = folder.path().join("site.xml");
        std::fs::write(&file, moved).expect("written");
        let images = uploads();
        let output = import(&db, &file, &["--uploads", images.path().to_str().expect("UTF-8 path")]);
        assert!(output.status.success(), "{}", text(&output));
        let app = db.app().await;
        let post = article(&app, "maroc-kazakhstan").await;
        let featured = post.summary.featured_image.clone().expect("imported");
        for (old, original) in [
            ("/blog/wp-content/uploads/2025/03/medina.jpg", "medina.jpg"),
            ("/blog/wp-content/uploads/2025/03/medina-300x200.jpg", "medina.jpg"),
            ("/blog/wp-content/uploads/2025/02/souk-1024x683.jpg", "souk.jpg"),
            ("/blog/wp-content/uploads/2025/02/souk.jpg", "souk.jpg"),
        ] {
            let page = app.get(old).await;
            assert_eq!(page.status, 301, "{old}");
            let to = page.header("location").expect("new address");
            assert!(to.starts_with("/media/") && to.ends_with(original), "{old} → {to}");
            assert!(original != "medina.jpg" || to == featured, "{old} → {to}");
            assert!(post.body_markdown.contains(&format!("({to})")) || to == featured, "{old}");
        }
    }
}

scratch_test! {
    async fn images_given_to_a_later_import_reach_the_posts_imported_without_them(db: Scratch) {
        let file = fixture("site.xml");
        let first = import(&db, &file, &[]);
        assert!(first.status.success(), "{}", text(&first));
        assert!(text(&first).contains("texts keep their old addresses"), "{}", text(&first));
        let app = db.app().await;
        assert!(article(&app, "maroc-kazakhstan").await.summary.featured_image.is_none());
        // Unchanged on WordPress, but imported again with the images this time.
        let images = uploads();
        let folder = images.path().to_str().expect("UTF-8 path");
        let data = tempfile::tempdir().expect("temporary folder");
        let file_text = file.to_str().expect("UTF-8 path");
        let again = rotative_in(&db, data.path(), &["import", "wordpress", file_text, "--uploads", folder]);
        assert!(again.status.success(), "{}", text(&again));
        let post = article(&app, "maroc-kazakhstan").await;
        let featured = post.summary.featured_image.clone().expect("the featured image, now");
        assert!(featured.starts_with("/media/"), "{featured}");
        // A third time, with the same images: nothing left to do.
        let third = rotative_in(&db, data.path(), &["import", "wordpress", file_text, "--uploads", folder]);
        assert!(text(&third).contains("unchanged since the last import"), "{}", text(&third));
        assert_eq!(article(&app, "maroc-kazakhstan").await.summary.featured_image, Some(featured));
    }
}

scratch_test! {
    async fn a_file_over_the_uploads_limit_is_skipped_unread(db: Scratch) {
        let images = uploads();
        // The featured image made heavier than the limit set below (1 MiB).
        let medina = images.path().join("2025/03/medina.jpg");
        let mut heavy = std::fs::read(&medina).expect("image");
        heavy.resize(heavy.len() + (2 << 20), 0);
        std::fs::write(&medina, heavy).expect("written");
        let data = tempfile::tempdir().expect("temporary folder");
        std::fs::write(data.path().join("rotative.toml"), "[media]\nmax_upload_mib = 1\n").expect("configuration");
        let file = fixture("site.xml");
        let file = file.to_str().expect("UTF-8 path");
        let folder = images.path().to_str().expect("UTF-8 path");
        // From the folder, then downloaded: told by its length, then while it streams in.
        let told = old_site_telling_lengths(images.path().to_path_buf(), true);
        let untold = old_site_telling_lengths(images.path().to_path_buf(), false);
        for source in [["--uploads", folder], ["--media-base-url", &told], ["--media-base-url", &untold]] {
            let mut args = vec!["import", "wordpress", file];
            args.extend(source);
            let output = rotative_in(&db, data.path(), &args);
            let report = text(&output);
            assert!(output.status.success(), "{source:?}: {report}");
            assert!(report.contains("medina.jpg: larger than media.max_upload_mib (1 MiB)"), "{source:?}: {report}");
            let app = db.app().await;
            let post = article(&app, "maroc-kazakhstan").await;
            assert_eq!(post.summary.featured_image, None, "{source:?}: skipped, the rest imported");
        }
    }
}

scratch_test! {
    async fn a_post_listed_twice_in_the_file_is_imported_once(db: Scratch) {
        let item = |title: &str| format!("<item><title>{title}</title><link>https://ancien.example.ma/2025/04/02/nouveau/</link><dc:creator>karim.t</dc:creator><content:encoded><![CDATA[Nouveau.]]></content:encoded><wp:post_id>106</wp:post_id><wp:post_date_gmt>2025-03-01 09:00:00</wp:post_date_gmt><wp:post_modified_gmt>2025-03-01 09:00:00</wp:post_modified_gmt><wp:post_name>nouveau</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><category domain=\"category\" nicename=\"politique\">Politique</category></item>");
        // Two exports merged by hand: the same post twice, in one batch.
        let merged = std::fs::read_to_string(fixture("site.xml"))
            .expect("fixture")
            .replace("</channel>", &format!("{}\n{}\n</channel>", item("Premier envoi"), item("Second envoi")));
        let dir = tempfile::tempdir().expect("temporary folder");
        let file = dir.path().join("merged.xml");
        std::fs::write(&file, merged).expect("written");
        let output = import(&db, &file, &[]);
        let report = text(&output);
        assert!(output.status.success(), "{report}");
        assert!(report.contains("posts listed twice in the file (the first kept)"), "{report}");
        let app = db.app().await;
        assert_eq!(article(&app, "nouveau").await.summary.title, "Premier envoi");
        let slug = |s: &str| Slug::parse(s).expect("slug");
        assert!(app.store().article_by_slug(&slug("nouveau-2")).await.expect("read").is_none(), "no twin");
        assert_eq!(app.get("/?p=106").await.header("location"), Some("/politique/nouveau/"));
    }
}

scratch_test! {
    async fn a_dry_run_reports_and_writes_nothing(db: Scratch) {
        let output = import(&db, &fixture("site.xml"), &["--dry-run"]);
        let report = text(&output);
        assert!(output.status.success(), "{report}");
        assert!(report.contains("dry run"), "{report}");
        if let Some(file) = db.url.strip_prefix("sqlite://") {
            assert!(!Path::new(file).exists(), "a dry run creates no database");
        }
        assert!(report.contains("posts               7"), "{report}");
        let app = db.app().await;
        assert_eq!(app.store().count_articles().await.expect("count"), 0);
        assert_eq!(app.store().count_accounts().await.expect("count"), 0);
        assert!(app.store().source_ids("post").await.expect("ids").is_empty());
    }
}

/// Malformed files, each with the line and column its error must name.
const BAD_FILES: &[(&str, &str, &str)] = &[
    ("not-xml.xml", "line 1, column 1", "not well-formed XML"),
    ("not-wxr.xml", "line 2, column 1", "not a WordPress export"),
    ("no-version.xml", "line 5, column 2", "wxr_version"),
    (
        "bad-version.xml",
        "line 5, column 2",
        "unknown WXR version \"9.9\"",
    ),
    ("truncated.xml", "line 89, column 49", "it was cut"),
    ("cdata-end.xml", "line 128, column 49", "unescaped ]]>"),
    ("billion-laughs.xml", "line 2, column 1", "never expanded"),
];

scratch_test! {
    async fn bad_files_are_refused_with_their_place_and_change_nothing(db: Scratch) {
        assert!(import(&db, &fixture("site.xml"), &[]).status.success());
        let app = db.app().await;
        let articles = app.store().count_articles().await.expect("count");
        let comments_before = app.store().count_comments(&CommentQuery::default()).await.expect("count");
        for (file, place, problem) in BAD_FILES {
            let output = import(&db, &fixture(file), &[]);
            let message = text(&output);
            assert!(!output.status.success(), "{file} was accepted");
            assert!(message.contains(place), "{file}: {message}");
            assert!(message.to_lowercase().contains(&problem.to_lowercase()), "{file}: {message}");
            assert!(message.contains(file), "{file}: the file is named: {message}");
        }
        // Two gigabytes of junk after a plausible start (a sparse file: no disk used) is
        // refused once a run without markup passes the limit, not after reading it all.
        let dir = tempfile::tempdir().expect("temporary folder");
        let junk = dir.path().join("junk.xml");
        let mut file = std::fs::File::create(&junk).expect("file");
        std::io::Write::write_all(
            &mut file,
            b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>",
        )
        .expect("written");
        file.set_len(2 << 30).expect("sparse file");
        drop(file);
        let output = import(&db, &junk, &[]);
        assert!(!output.status.success());
        assert!(text(&output).contains("without markup"), "{}", text(&output));
        assert!(text(&output).contains("line 2, column"), "{}", text(&output));

        let missing = import(&db, Path::new("/nonexistent/export.xml"), &[]);
        assert!(!missing.status.success());
        assert!(text(&missing).contains("/nonexistent/export.xml"));
        assert_eq!(app.store().count_articles().await.expect("count"), articles);
        assert_eq!(app.store().count_comments(&CommentQuery::default()).await.expect("count"), comments_before);
        // A bad flag is named too.
        let flag = import(&db, &fixture("site.xml"), &["--media-base-url", "ftp://x"]);
        assert!(!flag.status.success());
        assert!(text(&flag).contains("--media-base-url"), "{}", text(&flag));
    }
}

scratch_test! {
    async fn an_export_imported_into_an_empty_site_gives_the_same_site(db: Scratch) {
        // A site with content: the demo, and generated articles with comments.
        let generated = rotative(&db, &["demo", "generate", "--articles", "30"]);
        assert!(generated.status.success(), "{}", text(&generated));
        db.app()
            .await
            .edit_article(
                "le-maroc-et-le-kazakhstan-renforcent-leur-cooperation-bilaterale",
                |article| article.sticky = true,
            )
            .await;
        let dir = tempfile::tempdir().expect("temporary folder");
        let export = dir.path().join("site.xml");
        let exported = rotative(&db, &["export", "wordpress", export.to_str().expect("UTF-8")]);
        assert!(exported.status.success(), "{}", text(&exported));

        let copy = Scratch::sqlite();
        let output = import(&copy, &export, &[]);
        assert!(output.status.success(), "{}", text(&output));
        let (before, after) = (db.app().await, copy.app().await);
        let (before, after) = (snapshot(before.store()).await, snapshot(after.store()).await);
        let missing: Vec<&String> = before.iter().filter(|l| !after.contains(l)).collect();
        let added: Vec<&String> = after.iter().filter(|l| !before.contains(l)).collect();
        assert!(missing.is_empty() && added.is_empty(), "lost: {missing:#?}\ngained: {added:#?}");
        assert!(before.len() > 40, "the site has content");
        assert!(before.iter().any(|l| l.contains("sticky=true")), "a pinned article went through");
    }
}

/// What a reader and an editor see of a site, without its ids.
async fn snapshot(store: &dyn Store) -> Vec<String> {
    let mut lines = Vec::new();
    let categories = store.categories().await.expect("categories");
    for category in &categories {
        let parent = category
            .parent_id
            .and_then(|p| categories.iter().find(|c| c.id == p))
            .map(|c| c.slug.clone());
        lines.push(format!(
            "category {} {} {:?} {:?}",
            category.slug, category.name, category.description, parent
        ));
    }
    for author in store.authors().await.expect("authors") {
        lines.push(format!("author {} {}", author.slug, author.display_name));
    }
    for (tag, count) in store.tags_with_counts().await.expect("tags") {
        lines.push(format!("tag {} {} {count}", tag.slug, tag.name));
    }
    let mut articles = Vec::new();
    for id in 1..=store.count_articles().await.expect("count") as i64 + 50 {
        let Some(article) = store.article_by_id(ArticleId(id)).await.expect("article") else {
            continue;
        };
        let mut thread: Vec<String> = comments_of(store, article.summary.id)
            .await
            .into_iter()
            .map(|c| {
                format!(
                    "  {} {:?} {:?} {}",
                    c.comment.author_name, c.comment.status, c.comment.body, c.comment.depth
                )
            })
            .collect();
        thread.sort();
        let tags: Vec<String> = store
            .article_tags(article.summary.id)
            .await
            .expect("tags")
            .into_iter()
            .map(|t| t.slug.to_string())
            .collect();
        articles.push(format!(
            "article {} {:?} {:?} {:?} {} {} {:?} {} {:?} sticky={}\n{}\n{}",
            article.summary.slug,
            article.summary.title,
            article.status,
            article.summary.published_at,
            article.summary.category.slug,
            article.summary.author.slug,
            article.summary.excerpt,
            article.body_markdown,
            tags,
            article.sticky,
            article.comments_open,
            thread.join("\n"),
        ));
    }
    articles.sort();
    lines.extend(articles);
    lines
}

async fn comments_of(store: &dyn Store, id: ArticleId) -> Vec<rotative_store::ModeratedComment> {
    store
        .comments(
            &CommentQuery {
                article: Some(id),
                ..CommentQuery::default()
            },
            10_000,
            0,
        )
        .await
        .expect("comments")
}

/// The old site on 127.0.0.1, serving `folder` as `/wp-content/uploads/`; every other
/// path (and every missing file) is a 404.
fn old_site(folder: PathBuf) -> String {
    old_site_telling_lengths(folder, true)
}

/// [`old_site`], saying each file's `Content-Length` or not (the body then ends when the
/// connection closes).
fn old_site_telling_lengths(folder: PathBuf, lengths: bool) -> String {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let address = listener.local_addr().expect("its address");
    std::thread::spawn(move || {
        for mut stream in listener.incoming().map_while(Result::ok) {
            let mut request = [0_u8; 4096];
            let read = stream.read(&mut request).unwrap_or(0);
            let head = String::from_utf8_lossy(&request[..read]);
            let path = head
                .split_whitespace()
                .nth(1)
                .unwrap_or_default()
                .to_owned();
            let file = path
                .strip_prefix("/wp-content/uploads/")
                .filter(|rest| !rest.contains(".."))
                .and_then(|rest| std::fs::read(folder.join(rest)).ok());
            let _ = match file {
                Some(bytes) => {
                    let length = if lengths {
                        format!("Content-Length: {}\r\n", bytes.len())
                    } else {
                        String::new()
                    };
                    write!(
                        stream,
                        "HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\n{length}Connection: close\r\n\r\n"
                    )
                    .and_then(|()| stream.write_all(&bytes))
                }
                None => write!(
                    stream,
                    "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                ),
            };
        }
    });
    format!("http://{address}/wp-content/uploads")
}

scratch_test! {
    async fn images_are_downloaded_from_the_old_site(db: Scratch) {
        let images = uploads();
        // The old site lost the image only a text showed.
        std::fs::remove_dir_all(images.path().join("2025/02")).expect("removed");
        let base = old_site(images.path().to_path_buf());
        let output = import(&db, &fixture("site.xml"), &["--media-base-url", &base]);
        let report = text(&output);
        assert!(output.status.success(), "{report}");
        assert!(report.contains("images that could not be fetched"), "{report}");
        assert!(report.contains("souk-1024x683.jpg: "), "the warning names the file: {report}");
        let app = db.app().await;
        let post = article(&app, "maroc-kazakhstan").await;
        let featured = post.summary.featured_image.expect("downloaded and processed");
        let media_id: i64 = featured
            .trim_start_matches("/media/")
            .split('/')
            .next()
            .and_then(|id| id.parse().ok())
            .expect("a media path");
        let media = app.store().media(media_id).await.expect("store").expect("media");
        assert_eq!(media.status, "ready");
        assert_eq!((media.width, media.height), (800, 533));
        assert_eq!(media.alt, "La médina de Marrakech");
        // The text keeps the address of the image that could not be fetched.
        assert!(post.body_markdown.contains("wp-content/uploads/2025/02/souk-1024x683.jpg"));
    }
}
