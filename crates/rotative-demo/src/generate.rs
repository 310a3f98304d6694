//! Generated newsrooms for load tests: `rotative demo generate --articles N` adds N
//! plausible French articles (varied lengths, sections, tags, authors, dates and view
//! counts) to the demo site, fast enough for 100,000 articles in well under a minute.
//!
//! The text is assembled from phrase lists by a seeded generator, so two runs with the same
//! seed give the same site. Bodies go through the same Markdown renderer as written ones.

use crate::DemoError;
use rotative_core::{
    ArticleId, ArticleStatus, CategoryId, CommentStatus, NewArticle, NewAuthor, NewComment, NewTag,
    Role, Slug, Timestamp, UserId, ValidComment, whole_seconds,
};
use rotative_store::Store;
use std::fmt::Write;

/// Articles written per transaction.
const BATCH: usize = 2000;

const SUBJECTS: &[&str] = &[
    "Le conseil communal",
    "La région Marrakech-Safi",
    "Le ministère de l’Équipement",
    "L’office du tourisme",
    "Le wali de la région",
    "La chambre de commerce",
    "L’université Cadi Ayyad",
    "Le club du Kawkab",
    "La fédération d’athlétisme",
    "Une coopérative d’artisanes",
    "Le port de Safi",
    "L’agence de bassin hydraulique",
    "Le CHU Mohammed VI",
    "Une start-up marrakchie",
    "Le festival de la médina",
    "L’association des parents d’élèves",
    "La direction régionale de la santé",
    "Le syndicat des transporteurs",
    "Un collectif d’habitants",
    "La délégation de l’agriculture",
];
const VERBS: &[&str] = &[
    "annonce",
    "présente",
    "lance",
    "dévoile",
    "engage",
    "prépare",
    "défend",
    "inaugure",
    "signe",
    "étend",
    "accélère",
    "réclame",
    "confirme",
    "relance",
    "finance",
];
const OBJECTS: &[&str] = &[
    "un plan d’investissement",
    "un programme de formation",
    "une nouvelle ligne de bus",
    "la rénovation des écoles",
    "un centre de santé de proximité",
    "une charte pour l’eau",
    "la modernisation du marché de gros",
    "un partenariat avec l’Afrique de l’Ouest",
    "un parc solaire",
    "la réhabilitation des fontaines",
    "un fonds pour les jeunes entrepreneurs",
    "un calendrier de travaux",
    "un dispositif contre la sécheresse",
    "une saison culturelle",
    "la numérisation des services",
    "un nouveau stade de quartier",
];
const PLACES: &[&str] = &[
    "à Marrakech",
    "dans la médina",
    "à Safi",
    "dans le Haouz",
    "à Essaouira",
    "à Tamansourt",
    "à Chichaoua",
    "à El Kelâa des Sraghna",
    "à Benguerir",
    "dans les douars de l’Atlas",
    "à Casablanca",
    "à Rabat",
    "à Agadir",
    "sur la route d’Amizmiz",
];
const TIMES: &[&str] = &[
    "cette semaine",
    "d’ici la fin de l’année",
    "dès le mois prochain",
    "pour la rentrée",
    "avant l’été",
    "sur trois ans",
    "à l’horizon 2030",
    "lundi dernier",
];
const CONNECTORS: &[&str] = &[
    "Selon les responsables,",
    "D’après un communiqué,",
    "Sur le terrain,",
    "Pour les habitants,",
    "Dans le détail,",
    "En parallèle,",
    "Par ailleurs,",
    "À terme,",
    "Concrètement,",
    "Du côté des élus,",
];
const CLAUSES: &[&str] = &[
    "le projet mobilisera plusieurs centaines d’emplois",
    "les travaux devraient durer une vingtaine de mois",
    "le budget prévu dépasse les cinquante millions de dirhams",
    "les premiers bénéficiaires seront les quartiers périphériques",
    "une concertation avec les associations a précédé la décision",
    "le calendrier reste suspendu à l’accord des partenaires",
    "les retombées attendues concernent surtout les jeunes diplômés",
    "la question de l’eau reste au cœur des préoccupations",
    "un comité de suivi publiera un bilan chaque trimestre",
    "plusieurs communes voisines ont demandé à rejoindre l’initiative",
    "les commerçants saluent une mesure attendue depuis longtemps",
    "l’opposition réclame davantage de transparence sur les coûts",
];
const HEADINGS: &[&str] = &[
    "Un calendrier serré",
    "Les chiffres clés",
    "Ce qui change pour les habitants",
    "Des réactions contrastées",
    "Les prochaines étapes",
    "Un financement partagé",
    "Le point de vue des experts",
    "Une attente ancienne",
];
const TAGS: &[&str] = &[
    "Marrakech",
    "Eau",
    "Climat",
    "Emploi",
    "Jeunesse",
    "Tourisme",
    "Transport",
    "Santé",
    "Éducation",
    "Logement",
    "Agriculture",
    "Énergie",
    "Industrie",
    "Startups",
    "Patrimoine",
    "Football",
    "Athlétisme",
    "Festival",
    "Cinéma",
    "Musique",
    "Livres",
    "Afrique",
    "Europe",
    "Diplomatie",
    "Budget",
    "Safi",
    "Essaouira",
    "Al Haouz",
    "Casablanca",
    "Rabat",
    "Méditerranée",
    "Commerce",
    "Artisanat",
    "Numérique",
    "Sécurité",
    "Justice",
];
const FIRST_NAMES: &[&str] = &[
    "Amina", "Youssef", "Leïla", "Omar", "Sara", "Hicham", "Nadia", "Mehdi", "Fatima", "Rachid",
    "Camille", "Julien", "Houda", "Anas", "Zineb", "Karim",
];
const LAST_NAMES: &[&str] = &[
    "Alaoui",
    "Bennani",
    "Chraibi",
    "El Idrissi",
    "Tazi",
    "Berrada",
    "Lahlou",
    "Martin",
    "Fassi",
    "Ziani",
    "Amrani",
    "Naciri",
];

fn pick<'a>(rng: &mut fastrand::Rng, list: &[&'a str]) -> &'a str {
    list[rng.usize(..list.len())]
}

fn sentence(rng: &mut fastrand::Rng) -> String {
    match rng.u8(..3) {
        0 => format!(
            "{} {} {} {} {}.",
            pick(rng, SUBJECTS),
            pick(rng, VERBS),
            pick(rng, OBJECTS),
            pick(rng, PLACES),
            pick(rng, TIMES)
        ),
        1 => format!("{} {}.", pick(rng, CONNECTORS), pick(rng, CLAUSES)),
        _ => format!(
            "{} {}, et {}.",
            pick(rng, CONNECTORS),
            pick(rng, CLAUSES),
            pick(rng, CLAUSES)
        ),
    }
}

/// A generated article's title and Markdown body.
pub fn article_text(rng: &mut fastrand::Rng) -> (String, String) {
    let title = format!(
        "{} {} {} {}",
        pick(rng, SUBJECTS),
        pick(rng, VERBS),
        pick(rng, OBJECTS),
        pick(rng, PLACES)
    );
    let paragraphs = rng.usize(3..=14);
    let mut body = String::with_capacity(paragraphs * 400);
    for n in 0..paragraphs {
        if n > 0 && n % 4 == 0 {
            let _ = write!(body, "## {}\n\n", pick(rng, HEADINGS));
        }
        for s in 0..rng.usize(2..=5) {
            if s > 0 {
                body.push(' ');
            }
            body.push_str(&sentence(rng));
        }
        body.push_str("\n\n");
    }
    (title, body)
}

/// How readers open their comments.
const COMMENT_OPENINGS: &[&str] = &[
    "Merci pour cet article.",
    "Très bonne analyse.",
    "Je ne suis pas tout à fait d’accord.",
    "Enfin un article clair sur le sujet.",
    "Il faudrait aussi parler des jeunes.",
    "Bravo à la rédaction.",
    "Qu’en pensent les habitants ?",
    "Article intéressant, mais incomplet.",
];

/// Readers' comments on an article published at `published`: none for most, up to six for
/// some, most approved, spread between publication and `now`.
fn comments_on(
    rng: &mut fastrand::Rng,
    article: ArticleId,
    published: Timestamp,
    now: Timestamp,
) -> Vec<(NewComment, Timestamp)> {
    if rng.u8(..100) >= 40 {
        return Vec::new();
    }
    let span = (now - published).num_seconds().max(60);
    (0..rng.usize(1..=6))
        .map(|_| {
            let first = pick(rng, FIRST_NAMES);
            let name = format!("{first} {}.", &pick(rng, LAST_NAMES)[..1]);
            let mut body = pick(rng, COMMENT_OPENINGS).to_owned();
            for _ in 0..rng.usize(0..3) {
                body.push(' ');
                body.push_str(&sentence(rng));
            }
            let status = if rng.u8(..10) == 0 {
                CommentStatus::Pending
            } else {
                CommentStatus::Approved
            };
            let comment = NewComment {
                article_id: article,
                parent: None,
                fields: ValidComment {
                    body,
                    email: format!("{}.{}@example.ma", first.to_lowercase(), rng.u16(..)),
                    name,
                    url: None,
                },
                status,
                ip: format!("192.0.2.{}", rng.u8(1..255)),
            };
            (
                comment,
                published + chrono::Duration::seconds(rng.i64(0..span)),
            )
        })
        .collect()
}

/// What [`generate`] added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generated {
    /// Articles written.
    pub articles: usize,
    /// Authors created.
    pub authors: usize,
    /// Readers' comments written.
    pub comments: usize,
}

/// Adds `count` generated articles to a store, loading the demo site first when the store
/// is empty (its sections are reused). `progress` hears the number written so far.
pub async fn generate(
    store: &dyn Store,
    count: usize,
    seed: u64,
    now: Timestamp,
    mut progress: impl FnMut(usize),
) -> Result<Generated, DemoError> {
    crate::load_if_empty(store, now).await?;
    let categories: Vec<CategoryId> = store.categories().await?.iter().map(|c| c.id).collect();
    if categories.is_empty() {
        return Err(DemoError::Invalid {
            file: "generate".to_owned(),
            reason: "the site has no category to put articles in".to_owned(),
        });
    }
    let mut rng = fastrand::Rng::with_seed(seed);
    let run = format!("{:x}", rng.u32(..));
    let mut authors: Vec<UserId> = Vec::new();
    for n in 0..20 {
        let name = format!(
            "{} {}",
            pick(&mut rng, FIRST_NAMES),
            pick(&mut rng, LAST_NAMES)
        );
        let author = NewAuthor {
            slug: slug(&format!("{name} {run} {n}"))?,
            display_name: name,
            email: None,
            bio: "Journaliste à la rédaction.".to_owned(),
            role: Role::Author,
        };
        authors.push(store.create_author(&author, now).await?);
    }
    let tags: Vec<NewTag> = TAGS
        .iter()
        .map(|name| NewTag::from_name(name).map_err(|e| invalid(&e.to_string())))
        .collect::<Result<_, _>>()?;
    let span_seconds = 3 * 365 * 24 * 3600;
    let mut written = 0;
    let mut comments = 0;
    while written < count {
        let batch: Vec<NewArticle> = (written..count.min(written + BATCH))
            .map(|n| {
                let (title, body) = article_text(&mut rng);
                let rendered = rotative_markup::render(&body);
                let published = now - chrono::Duration::seconds(rng.i64(60..span_seconds));
                // Views follow a long tail: most articles few, some many.
                let views = (rng.f64().powi(6) * 50_000.0) as i64;
                let article_tags = (0..rng.usize(1..=4))
                    .map(|_| tags[rng.usize(..tags.len())].clone())
                    .collect();
                Ok(NewArticle {
                    slug: slug(&format!("{title} {run} {n}"))?,
                    title,
                    excerpt: rendered.excerpt,
                    body_markdown: body,
                    body_html: rendered.html,
                    status: ArticleStatus::Published,
                    published_at: Some(whole_seconds(published)),
                    author_id: authors[rng.usize(..authors.len())],
                    category_id: categories[rng.usize(..categories.len())],
                    featured_image: None,
                    tags: article_tags,
                    view_count: views,
                    comments_open: true,
                    lang: None,
                    sticky: false,
                })
            })
            .collect::<Result<_, DemoError>>()?;
        let ids = store.insert_articles(&batch, now).await?;
        let batch_comments: Vec<_> = ids
            .iter()
            .zip(&batch)
            .flat_map(|(id, article)| {
                comments_on(&mut rng, *id, article.published_at.unwrap_or(now), now)
            })
            .collect();
        store.insert_comments(&batch_comments).await?;
        comments += batch_comments.len();
        written += batch.len();
        progress(written);
    }
    store.optimize().await?;
    Ok(Generated {
        articles: written,
        authors: authors.len(),
        comments,
    })
}

fn invalid(reason: &str) -> DemoError {
    DemoError::Invalid {
        file: "generate".to_owned(),
        reason: reason.to_owned(),
    }
}

fn slug(text: &str) -> Result<Slug, DemoError> {
    Slug::from_title(text).map_err(|e| invalid(&e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_writes_the_same_text() {
        let a = article_text(&mut fastrand::Rng::with_seed(7));
        let b = article_text(&mut fastrand::Rng::with_seed(7));
        assert_eq!(a, b);
        assert!(a.1.split("\n\n").count() >= 3);
    }

    #[test]
    fn lengths_vary() {
        let mut rng = fastrand::Rng::with_seed(1);
        let lengths: Vec<usize> = (0..50).map(|_| article_text(&mut rng).1.len()).collect();
        let (min, max) = (lengths.iter().min(), lengths.iter().max());
        assert!(
            max.zip(min).is_some_and(|(max, min)| *max > 3 * *min),
            "{lengths:?}"
        );
    }
}
