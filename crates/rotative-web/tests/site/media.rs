//! The media library: uploads checked by content, clean files made off the request path,
//! deletion refused while in use.

use crate::comments::hidden;
use axum::http::StatusCode;
use rotative_core::Role;
use rotative_test_support::{READER_IP, TestApp, TestResponse, engine_test};
use std::io::Cursor;

const PASSWORD: &str = "un mot de passe assez long";

/// Logs a member in; returns their cookie and CSRF token.
async fn login(app: &TestApp, role: Role, name: &str) -> (String, String) {
    let email = format!("{}@example.ma", name.to_lowercase());
    app.account(&email, name, role, PASSWORD).await;
    let session = app.login(&email, PASSWORD).await;
    let page = app.get_with("/admin/media", &[("cookie", &session)]).await;
    assert_eq!(page.status, StatusCode::OK);
    (session.clone(), hidden(&page.body, "csrf"))
}

/// Sends the upload form.
async fn upload(
    app: &TestApp,
    (session, csrf): &(String, String),
    file_name: &str,
    bytes: &[u8],
    alt: &str,
) -> TestResponse {
    let boundary = "----rotative-test-boundary";
    let mut body = Vec::new();
    for (name, value) in [("csrf", csrf.as_str()), ("alt", alt)] {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let content_type = format!("multipart/form-data; boundary={boundary}");
    app.post_raw(
        READER_IP,
        "/admin/media",
        body,
        &[("cookie", session), ("content-type", &content_type)],
    )
    .await
}

/// A JPEG photograph with an EXIF block holding a GPS position.
fn photo_with_gps(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
    });
    let mut jpeg = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut jpeg, image::ImageFormat::Jpeg)
        .expect("encodes");
    let jpeg = jpeg.into_inner();
    let exif = b"Exif\0\0GPSLatitude=31.6295N GPSLongitude=7.9811W";
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&u16::try_from(exif.len() + 2).expect("small").to_be_bytes());
    segment.extend_from_slice(exif);
    let mut with_gps = jpeg[..2].to_vec();
    with_gps.extend_from_slice(&segment);
    with_gps.extend_from_slice(&jpeg[2..]);
    with_gps
}

/// A PNG that declares a 20,000 × 20,000 image in a few bytes: a decompression bomb.
fn png_bomb() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    let chunk = |png: &mut Vec<u8>, kind: &[u8], data: &[u8]| {
        png.extend_from_slice(&u32::try_from(data.len()).expect("small").to_be_bytes());
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        png.extend_from_slice(kind);
        png.extend_from_slice(data);
        png.extend_from_slice(&crc.sum().to_be_bytes());
    };
    let mut header = Vec::new();
    header.extend_from_slice(&20_000u32.to_be_bytes());
    header.extend_from_slice(&20_000u32.to_be_bytes());
    header.extend_from_slice(&[8, 6, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &header);
    chunk(
        &mut png,
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    );
    chunk(&mut png, b"IEND", &[]);
    png
}

engine_test! {
    async fn uploads_become_clean_resized_files_served_for_a_year(app: TestApp) {
        let member = login(&app, Role::Author, "Salma").await;
        let sent = upload(&app, &member, "Coucher de soleil.JPG", &photo_with_gps(1800, 900), "Le soleil se couche sur Marrakech").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        let media = app.store().media_list(None, 10, 0).await.expect("list");
        assert_eq!(media.len(), 1);
        let item = &media[0];
        assert_eq!((item.name.as_str(), item.ext.as_str(), item.width, item.height, item.status.as_str()), ("coucher-de-soleil", "jpg", 1800, 900, "processing"));

        // The files are made off the request path, by the job.
        assert_eq!(rotative_web::jobs::process_media::run_once(&app.state).await.expect("processed"), 1);
        let original = app.get(&format!("/media/{}/coucher-de-soleil.jpg", item.id)).await;
        assert_eq!(original.status, StatusCode::OK);
        assert_eq!(original.header("content-type"), Some("image/jpeg"));
        assert_eq!(original.header("cache-control"), Some("public, max-age=31536000, immutable"));
        assert!(!original.bytes.windows(11).any(|w| w == b"GPSLatitude"), "no metadata survives");
        for width in [320u32, 640, 1024, 1600] {
            for ext in ["jpg", "webp"] {
                let variant = app.get(&format!("/media/{}/coucher-de-soleil-{width}.{ext}", item.id)).await;
                assert_eq!(variant.status, StatusCode::OK, "{width} {ext}");
                let decoded = image::load_from_memory(&variant.bytes).expect("a real image");
                assert_eq!((decoded.width(), decoded.height()), (width, width / 2));
            }
        }
        assert_eq!(app.get(&format!("/media/{}/coucher-de-soleil-2000.jpg", item.id)).await.status, StatusCode::NOT_FOUND);
        assert_eq!(app.get(&format!("/media/{}/..%2Fsecret", item.id)).await.status, StatusCode::NOT_FOUND);
        let library = app.get_with("/admin/media?q=MARRAKECH", &[("cookie", &member.0)]).await;
        assert!(library.body.contains("Le soleil se couche sur Marrakech"));
        let none = app.get_with("/admin/media?q=casablanca", &[("cookie", &member.0)]).await;
        assert!(!none.body.contains("Le soleil se couche"));

        // As an article's featured image, the page offers every size, WebP first.
        app.article("Au coucher du soleil").create().await;
        let original = format!("/media/{}/coucher-de-soleil.jpg", item.id);
        app.edit_article("au-coucher-du-soleil", |a| a.featured_image = Some(original.clone())).await;
        let page = app.get("/politique/au-coucher-du-soleil/").await.body;
        assert!(page.contains(&format!(r#"<source type="image/webp" srcset="/media/{0}/coucher-de-soleil-320.webp 320w, "#, item.id)), "{page}");
        assert!(page.contains(&format!("/media/{0}/coucher-de-soleil-1600.jpg 1600w, /media/{0}/coucher-de-soleil.jpg 1800w", item.id)));
        assert!(page.contains(r#"sizes="(max-width: 800px) 100vw, 760px" alt="Le soleil se couche sur Marrakech" width="1800" height="900""#));
    }
}

engine_test! {
    async fn bad_uploads_are_refused_with_a_message_and_nothing_stored(app: TestApp) {
        let member = login(&app, Role::Author, "Salma").await;
        let text = upload(&app, &member, "photo.jpg", b"Ceci n'est pas une image.", "Une photo").await;
        assert_eq!(text.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(text.body.contains("Ce fichier n’est pas une image JPEG, PNG, WebP ou GIF."));
        let bomb = upload(&app, &member, "bombe.png", &png_bomb(), "Une bombe").await;
        assert_eq!(bomb.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bomb.body.contains("L’image est trop grande"));
        let huge = upload(&app, &member, "grande.jpg", &vec![0xFF; 50 << 20], "Très grande").await;
        assert_eq!(huge.status, StatusCode::PAYLOAD_TOO_LARGE);
        assert!(huge.body.contains("Envoi trop volumineux"));
        // A text field is read no further than its limit: a huge one is refused, not held.
        let long_alt = upload(&app, &member, "photo.jpg", &photo_with_gps(64, 64), &"a".repeat(8 << 20)).await;
        assert_eq!(long_alt.status, StatusCode::BAD_REQUEST);
        let no_alt = upload(&app, &member, "photo.jpg", &photo_with_gps(64, 64), "  ").await;
        assert_eq!(no_alt.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(no_alt.body.contains("texte alternatif"));
        let forged = upload(&app, &(member.0.clone(), "forged".to_owned()), "photo.jpg", &photo_with_gps(64, 64), "Photo").await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN);
        assert!(app.store().media_list(None, 10, 0).await.expect("list").is_empty());
    }
}

engine_test! {
    async fn an_image_in_use_cannot_be_deleted(app: TestApp) {
        let editor = login(&app, Role::Editor, "Cheffe").await;
        let author = login(&app, Role::Author, "Salma").await;
        upload(&app, &author, "une.png", &photo_with_gps(400, 200), "Une image").await;
        rotative_web::jobs::process_media::run_once(&app.state).await.expect("processed");
        let id = app.store().media_list(None, 10, 0).await.expect("list")[0].id;
        let path = format!("/media/{id}/une.jpg");
        let article = app.article("Avec image").body(&format!("Texte.\n\n![Une image]({path})")).create().await;

        let refused = app.post_raw(READER_IP, &format!("/admin/media/{id}/delete"), format!("csrf={}", author.1).into_bytes(), &[("cookie", &author.0)]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "authors do not delete media");
        let in_use = app.post_raw(READER_IP, &format!("/admin/media/{id}/delete"), format!("csrf={}", editor.1).into_bytes(), &[("cookie", &editor.0)]).await;
        assert_eq!(in_use.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(in_use.body.contains("Avec image") && in_use.body.contains(&format!("/admin/articles/{article}")));
        assert_eq!(app.get(&path).await.status, StatusCode::OK);

        app.edit_article("avec-image", |a| a.body_markdown = "Texte sans image.".to_owned()).await;
        // An ad showing it keeps it too: deleted, the ad would show a broken image.
        let ad = rotative_store::NewCreative {
            name: "Soldes d’été".to_owned(),
            content: rotative_store::AdContent::Image { image: format!("/media/{id}/une-640.jpg"), link: "https://annonceur.example/".to_owned(), alt: "Soldes".to_owned() },
            width: 300,
            height: 250,
            zones: vec!["header".to_owned()],
            categories: Vec::new(),
            starts_at: None,
            ends_at: None,
            weight: 1,
            active: true,
        };
        let ad = app.store().insert_ad(&ad, app.now()).await.expect("stored");
        let in_use = app.post_raw(READER_IP, &format!("/admin/media/{id}/delete"), format!("csrf={}", editor.1).into_bytes(), &[("cookie", &editor.0)]).await;
        assert_eq!(in_use.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(in_use.body.contains(&format!(r#"<a href="/admin/ads/{ad}">Soldes d’été</a>"#)), "{}", in_use.body);
        assert!(app.store().delete_ad(ad).await.expect("deleted"));
        let deleted = app.post_raw(READER_IP, &format!("/admin/media/{id}/delete"), format!("csrf={}", editor.1).into_bytes(), &[("cookie", &editor.0)]).await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        assert_eq!(app.get(&path).await.status, StatusCode::NOT_FOUND);
        assert!(app.store().media(id).await.expect("read").is_none());
    }
}

engine_test! {
    async fn authors_take_a_picture_from_the_library(app: TestApp) {
        let member = login(&app, Role::Author, "Salma").await;
        upload(&app, &member, "portrait.png", &photo_with_gps(400, 400), "Portrait de Salma").await;
        rotative_web::jobs::process_media::run_once(&app.state).await.expect("processed");
        let id = app.store().media_list(None, 10, 0).await.expect("list")[0].id;
        let save = |avatar: String| {
            let body = rotative_test_support::encode_form(&[("csrf", &member.1), ("display_name", "Salma"), ("bio", ""), ("avatar", &avatar)]);
            let session = member.0.clone();
            let app = &app;
            async move { app.post_raw(READER_IP, "/admin/profile", body.into_bytes(), &[("cookie", &session)]).await }
        };
        for bad in ["https://evil.example/x.png".to_owned(), "/media/999/x.jpg".to_owned(), format!("/media/{id}/autre.jpg")] {
            let refused = save(bad.clone()).await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            assert!(refused.body.contains("La photo doit être une image prête de la médiathèque"));
        }
        let picture = format!("/media/{id}/portrait-320.jpg");
        assert_eq!(save(picture.clone()).await.status, StatusCode::SEE_OTHER);
        let page = app.get("/author/salma/").await;
        assert!(page.body.contains(&format!(r#"<img class="list-image" src="{picture}" alt="""#)), "{}", page.body);
        // A picture in use is not deleted.
        let editor = login(&app, Role::Editor, "Cheffe").await;
        let in_use = app.post_raw(READER_IP, &format!("/admin/media/{id}/delete"), format!("csrf={}", editor.1).into_bytes(), &[("cookie", &editor.0)]).await;
        assert_eq!(in_use.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(in_use.body.contains(r#"<a href="/admin/profile">Salma</a>"#));
    }
}

engine_test! {
    async fn the_logo_is_an_image_from_the_library(app: TestApp) {
        let admin = login(&app, Role::Admin, "Directrice").await;
        upload(&app, &admin, "logo.png", &photo_with_gps(600, 200), "Le Journal").await;
        rotative_web::jobs::process_media::run_once(&app.state).await.expect("processed");
        let id = app.store().media_list(None, 10, 0).await.expect("list")[0].id;
        let save = |logo: String| {
            let body = rotative_test_support::encode_form(&[("csrf", &admin.1), ("logo", &logo)]);
            let session = admin.0.clone();
            let app = &app;
            async move { app.post_raw(READER_IP, "/admin/settings", body.into_bytes(), &[("cookie", &session)]).await }
        };
        for bad in ["https://evil.example/x.png".to_owned(), "/media/999/x.jpg".to_owned(), format!("/media/{id}/../../x")] {
            let refused = save(bad.clone()).await;
            assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
            assert!(refused.body.contains("pas l’adresse d’une image de la médiathèque"), "{bad}");
        }
        let logo = format!("/media/{id}/logo-320.jpg");
        assert_eq!(save(logo.clone()).await.status, StatusCode::SEE_OTHER);
        let home = app.get("/").await;
        assert!(home.body.contains(&format!(r#"<img class="brand-logo" src="{logo}" alt="Rotative">"#)), "{}", home.body);
        // The logo in use is not deleted.
        let in_use = app.post_raw(READER_IP, &format!("/admin/media/{id}/delete"), format!("csrf={}", admin.1).into_bytes(), &[("cookie", &admin.0)]).await;
        assert_eq!(in_use.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(in_use.body.contains(r#"<a href="/admin/settings">Rotative</a>"#));
    }
}

engine_test! {
    async fn images_can_live_in_an_s3_bucket(app: TestApp) {
        let s3 = rotative_test_support::FakeS3::start("rotative-media", "ROTATIVEKEY").await;
        let storage = rotative_web::media::storage::S3::new(&rotative_web::media::storage::S3Settings {
            endpoint: s3.endpoint.clone(),
            bucket: "rotative-media".to_owned(),
            region: "eu-west-3".to_owned(),
            access_key_id: "ROTATIVEKEY".to_owned(),
            secret_access_key: "un secret".to_owned(),
            path_style: true,
        })
        .expect("storage");
        let options = rotative_web::Options { media: std::sync::Arc::new(storage), ..rotative_web::Options::default() };
        let app = app.with_options(options).await;
        let editor = login(&app, Role::Editor, "Cheffe").await;
        let sent = upload(&app, &editor, "souk.jpg", &photo_with_gps(700, 400), "Le souk").await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
        rotative_web::jobs::process_media::run_once(&app.state).await.expect("processed");
        let id = app.store().media_list(None, 10, 0).await.expect("list")[0].id;
        let keys = s3.keys();
        assert!(keys.contains(&format!("{id}/souk.jpg")), "{keys:?}");
        assert!(keys.contains(&format!("{id}/souk-640.webp")), "{keys:?}");
        assert!(!keys.contains(&format!("{id}/upload")), "the upload as it came is gone: {keys:?}");
        assert!(s3.refused().is_empty(), "every request signed: {:?}", s3.refused());
        // Served from the bucket.
        let served = app.get(&format!("/media/{id}/souk-320.jpg")).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.header("content-type"), Some("image/jpeg"));
        assert!(served.bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
        assert_eq!(app.get(&format!("/media/{id}/absent.jpg")).await.status, StatusCode::NOT_FOUND);
        // Deleted from the bucket with the image.
        let deleted = app.post_raw(READER_IP, &format!("/admin/media/{id}/delete"), format!("csrf={}", editor.1).into_bytes(), &[("cookie", &editor.0)]).await;
        assert_eq!(deleted.status, StatusCode::SEE_OTHER);
        assert!(s3.keys().is_empty(), "{:?}", s3.keys());
    }
}
