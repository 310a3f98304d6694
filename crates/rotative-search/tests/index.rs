//! The index on its own: analysers through real searches, ranking, highlighting, filters,
//! suggestions, odd queries, and the folder on disk.

use chrono::{Duration, TimeZone, Utc};
use rotative_core::{ArticleId, CategoryId, Timestamp};
use rotative_search::{Doc, Language, Query, SearchIndex, Suggestion};

fn now() -> Timestamp {
    Utc.with_ymd_and_hms(2025, 4, 1, 9, 0, 0)
        .single()
        .expect("a valid date")
}

fn doc(id: i64, title: &str, body: &str) -> Doc {
    Doc {
        id: ArticleId(id),
        title: title.to_owned(),
        excerpt: String::new(),
        body: body.to_owned(),
        tags: Vec::new(),
        author: "Rédaction".to_owned(),
        category: CategoryId(1),
        published_at: now() - Duration::days(id),
    }
}

fn ids(index: &SearchIndex, text: &str) -> Vec<i64> {
    let results = index
        .search(&Query::new(text, now(), 50))
        .expect("searches");
    results.hits.iter().map(|h| h.id.0).collect()
}

fn french(docs: &[Doc]) -> SearchIndex {
    let index = SearchIndex::in_memory(Language::French).expect("index");
    index.index(docs).expect("indexed");
    index
}

#[test]
fn french_search_ignores_case_accents_inflection_and_elision() {
    let index = french(&[
        doc(
            1,
            "Le Maroc et le Kazakhstan",
            "Ils veulent renforcer leur coopération.",
        ),
        doc(
            2,
            "Visite de Kassym-Jomart Tokaïev",
            "Un pôle d’excellence à Rabat.",
        ),
        doc(3, "Sport", "Le Wydad gagne."),
    ]);
    assert_eq!(ids(&index, "cooperation"), [1]);
    assert_eq!(ids(&index, "COOPÉRATIONS"), [1]);
    assert_eq!(ids(&index, "Tokaiev"), [2]);
    assert_eq!(ids(&index, "renforcent"), [1]);
    assert_eq!(ids(&index, "l’excellence"), [2]);
    assert_eq!(ids(&index, "l'excellence"), [2]);
    assert_eq!(ids(&index, "excellence"), [2]);
}

#[test]
fn words_that_only_look_like_verbs_are_not_widened() {
    let index = french(&[
        doc(1, "Les parents", "Réunion des parents."),
        doc(2, "Par ici", "Par là."),
    ]);
    assert_eq!(ids(&index, "parent"), [1]);
}

#[test]
fn relevance_ranks_first_and_recency_breaks_ties() {
    let mut older = doc(5, "Budget", "Le budget de la ville.");
    older.published_at = now() - Duration::days(30);
    let mut newer = doc(4, "Budget", "Le budget de la ville.");
    newer.published_at = now() - Duration::days(2);
    let mut newest_but_weaker = doc(
        3,
        "Conseil municipal",
        "Il parle aussi du budget, longuement, avec beaucoup d'autres mots autour.",
    );
    newest_but_weaker.published_at = now() - Duration::days(1);
    let index = french(&[older, newer, newest_but_weaker]);
    assert_eq!(ids(&index, "budget"), [4, 5, 3]);
}

#[test]
fn all_words_are_required_and_phrases_and_exclusions_work() {
    let index = french(&[
        doc(1, "Rabat", "La coopération bilatérale avance."),
        doc(2, "Rabat", "Bilatérale, la coopération ?"),
        doc(3, "Casablanca", "La coopération."),
    ]);
    assert_eq!(ids(&index, "coopération rabat").len(), 2);
    assert_eq!(ids(&index, "\"coopération bilatérale\""), [1]);
    assert_eq!(ids(&index, "coopération -rabat"), [3]);
}

#[test]
fn snippets_are_escaped_and_only_marks_are_added() {
    let index = french(&[doc(
        1,
        "Un <b>titre</b> sur le Maroc",
        "Avant <script>alert('x')</script> le Maroc & ses voisins.",
    )]);
    let results = index
        .search(&Query::new("maroc", now(), 10))
        .expect("searches");
    let hit = &results.hits[0];
    assert_eq!(
        hit.title_html,
        "Un &lt;b&gt;titre&lt;/b&gt; sur le <mark>Maroc</mark>"
    );
    assert!(
        hit.snippet_html
            .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"),
        "{}",
        hit.snippet_html
    );
    assert!(
        hit.snippet_html.contains("<mark>Maroc</mark> &amp; ses"),
        "{}",
        hit.snippet_html
    );
    let tags: Vec<&str> = hit
        .snippet_html
        .match_indices('<')
        .map(|(i, _)| &hit.snippet_html[i..i + 6])
        .collect();
    assert!(
        tags.iter()
            .all(|t| t.starts_with("<mark>") || t.starts_with("</mark")),
        "{tags:?}"
    );
}

#[test]
fn long_bodies_give_a_cut_snippet_around_the_match() {
    let body = format!(
        "{} Le mot rare est ici. {}",
        "Début. ".repeat(100),
        "Fin. ".repeat(100)
    );
    let index = french(&[doc(1, "Long", &body)]);
    let results = index
        .search(&Query::new("rare", now(), 10))
        .expect("searches");
    let snippet = &results.hits[0].snippet_html;
    assert!(
        snippet.starts_with('…') && snippet.ends_with('…'),
        "{snippet}"
    );
    assert!(snippet.contains("<mark>rare</mark>"));
    assert!(snippet.chars().count() < 300);
}

#[test]
fn pages_filters_and_totals() {
    let docs: Vec<Doc> = (1..=25)
        .map(|n| {
            let mut d = doc(n, &format!("Match {n}"), "Football au stade.");
            d.category = CategoryId(if n % 2 == 0 { 2 } else { 3 });
            d
        })
        .collect();
    let index = french(&docs);
    let mut query = Query::new("football", now(), 10);
    let first = index.search(&query).expect("searches");
    assert_eq!(first.total, 25);
    assert_eq!(first.hits.len(), 10);
    query.offset = 20;
    let last = index.search(&query).expect("searches");
    assert_eq!(last.hits.len(), 5);
    // Past the end, however far (a reader's `?page=`): nothing found, still counted.
    for offset in [25, 26, 42_949_672_940, usize::MAX - 10] {
        query.offset = offset;
        let past = index.search(&query).expect("searches");
        assert!(past.hits.is_empty(), "{offset}");
        assert_eq!(past.total, 25, "{offset}");
    }
    query.offset = 0;
    query.categories = vec![CategoryId(2)];
    assert_eq!(index.search(&query).expect("searches").total, 12);
    query.categories = Vec::new();
    query.from = Some(now() - Duration::days(10));
    query.until = Some(now() - Duration::days(5));
    let window = index.search(&query).expect("searches");
    let mut days: Vec<i64> = window.hits.iter().map(|h| h.id.0).collect();
    days.sort();
    assert_eq!(days, [6, 7, 8, 9, 10]);
}

#[test]
fn articles_published_later_are_not_found() {
    let mut scheduled = doc(1, "Demain", "Annonce du conseil.");
    scheduled.published_at = now() + Duration::hours(1);
    let index = french(&[scheduled]);
    assert!(ids(&index, "conseil").is_empty());
    let later = index
        .search(&Query::new("conseil", now() + Duration::hours(2), 10))
        .expect("searches");
    assert_eq!(later.total, 1);
}

#[test]
fn misspelt_words_get_a_suggestion() {
    let index = french(&[
        doc(1, "Marrakech", "La ville de Marrakech accueille le sommet."),
        doc(2, "Rabat", "Le sommet de Rabat."),
    ]);
    let results = index
        .search(&Query::new("Marakech", now(), 10))
        .expect("searches");
    assert_eq!(results.total, 0);
    assert_eq!(
        results.suggestion,
        Some(Suggestion::Spelling("marrakech".to_owned()))
    );
    let results = index
        .search(&Query::new("sommet zanzibar", now(), 10))
        .expect("searches");
    assert_eq!(
        results.suggestion,
        Some(Suggestion::FewerWords("sommet".to_owned()))
    );
    let results = index
        .search(&Query::new("qwxzt", now(), 10))
        .expect("searches");
    assert_eq!(results.suggestion, None);
}

#[test]
fn odd_queries_never_fail() {
    let index = french(&[doc(1, "Le Maroc", "Texte.")]);
    let long = "maroc ".repeat(2000);
    for text in [
        "\"unbalanced",
        "AND OR",
        "OR",
        "NOT",
        "-",
        "\"",
        "title:",
        "*",
        "((",
        "[1 TO",
        "maroc^",
        "\u{0}\u{1b}[31m",
        "' ’ '",
        long.as_str(),
        "-maroc",
        "+maroc",
    ] {
        let results = index.search(&Query::new(text, now(), 10));
        assert!(results.is_ok(), "{text:?}");
    }
    let results = index
        .search(&Query::new(&long, now(), 10))
        .expect("searches");
    assert!(results.truncated);
    assert_eq!(results.total, 1);
}

#[test]
fn removed_and_replaced_articles_are_seen_at_once() {
    let index = french(&[doc(1, "Avant", "Texte ancien.")]);
    assert_eq!(ids(&index, "ancien"), [1]);
    index
        .index(&[doc(1, "Après", "Texte nouveau.")])
        .expect("replaced");
    assert!(ids(&index, "ancien").is_empty());
    assert_eq!(ids(&index, "nouveau"), [1]);
    assert_eq!(index.len(), 1);
    index.remove(&[ArticleId(1)]).expect("removed");
    assert!(ids(&index, "nouveau").is_empty());
}

#[test]
fn english_and_arabic_indexes_use_their_languages() {
    let english = SearchIndex::in_memory(Language::English).expect("index");
    english
        .index(&[doc(1, "Morocco’s ministers", "Strengthening cooperation.")])
        .expect("indexed");
    assert_eq!(ids(&english, "minister"), [1]);
    assert_eq!(ids(&english, "strengthen"), [1]);
    assert_eq!(ids(&english, "Morocco"), [1]);

    let arabic = SearchIndex::in_memory(Language::Arabic).expect("index");
    arabic
        .index(&[doc(1, "المعلمون في الرباط", "أحمد يزور المَدْرَسة")])
        .expect("indexed");
    assert_eq!(ids(&arabic, "معلم"), [1]);
    assert_eq!(ids(&arabic, "بالرباط"), [1]);
    assert_eq!(ids(&arabic, "احمد"), [1]);
    assert_eq!(ids(&arabic, "مدرسة"), [1]);
}

#[test]
fn a_folder_index_survives_reopening_and_a_corrupt_one_is_replaced() {
    let root = tempfile::tempdir().expect("temporary folder");
    let dir = root.path().join("search");
    {
        let index = SearchIndex::open_or_create(&dir, Language::French).expect("opens");
        assert_eq!(index.synced_to(), None, "a new index needs building");
        let mut builder =
            SearchIndex::builder(Some(&dir), Language::French, false).expect("builder");
        builder.add(&[doc(1, "Maroc", "Texte.")]).expect("added");
        let built = builder.finish(now()).expect("built");
        assert_eq!(built.synced_to(), Some(now()));
        assert_eq!(ids(&built, "maroc"), [1]);
    }
    let reopened = SearchIndex::open_or_create(&dir, Language::French).expect("opens");
    assert_eq!(reopened.synced_to(), Some(now()));
    assert_eq!(ids(&reopened, "maroc"), [1]);
    let generation = reopened.generation().expect("on disk").to_owned();
    let generations = std::fs::read_dir(&dir).expect("folder").count();
    assert_eq!(
        generations, 2,
        "only the current generation and CURRENT remain"
    );
    drop(reopened);

    // Another language: rebuilt.
    let english = SearchIndex::open_or_create(&dir, Language::English).expect("opens");
    assert_eq!(english.synced_to(), None);
    drop(english);

    // Damaged files: replaced by an empty index that needs building.
    let root2 = tempfile::tempdir().expect("temporary folder");
    let dir2 = root2.path().join("search");
    {
        let mut builder =
            SearchIndex::builder(Some(&dir2), Language::French, true).expect("builder");
        builder.add(&[doc(1, "Maroc", "Texte.")]).expect("added");
        builder.finish(now()).expect("built");
    }
    let current = SearchIndex::current_generation(&dir2).expect("a current generation");
    for entry in std::fs::read_dir(dir2.join(&current))
        .expect("folder")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            std::fs::write(entry.path(), b"garbage").expect("damaged");
        }
    }
    let replaced = SearchIndex::open_or_create(&dir2, Language::French).expect("opens");
    assert_eq!(replaced.synced_to(), None);
    assert_ne!(replaced.generation(), Some(current.as_str()));
    assert_ne!(replaced.generation(), Some(generation.as_str()));
}

#[test]
fn a_second_writer_is_refused_while_the_first_holds_the_index() {
    let root = tempfile::tempdir().expect("temporary folder");
    let dir = root.path().join("search");
    let first = SearchIndex::open_or_create(&dir, Language::French).expect("opens");
    let second = SearchIndex::open_or_create(&dir, Language::French);
    assert!(second.is_err());
    // A rebuild beside it works, and the first can tell a newer generation is current.
    let builder = SearchIndex::builder(Some(&dir), Language::French, false).expect("builder");
    let built = builder.finish(now()).expect("built");
    assert_ne!(first.generation(), built.generation());
    assert_eq!(
        SearchIndex::current_generation(&dir).as_deref(),
        built.generation()
    );
}

#[test]
fn the_sync_time_reaches_the_disk_even_when_nothing_changes() {
    let root = tempfile::tempdir().expect("temporary folder");
    let dir = root.path().join("search");
    let built_at = now();
    {
        let mut builder =
            SearchIndex::builder(Some(&dir), Language::French, true).expect("builder");
        builder.add(&[doc(1, "Maroc", "Texte.")]).expect("added");
        let built = builder.finish(built_at).expect("built");
        // A pass soon after: nothing changed, nothing is written.
        built
            .apply(&[], &[], Some(built_at + chrono::Duration::seconds(10)))
            .expect("applied");
    }
    let reopened = SearchIndex::open_or_create(&dir, Language::French).expect("opens");
    assert_eq!(reopened.synced_to(), Some(built_at));
    // A pass long after, still with nothing to change: the time is committed, so that a
    // restart does not read every change since the build again.
    let later = built_at + chrono::Duration::seconds(rotative_search::SYNC_COMMIT_AFTER_SECONDS);
    reopened.apply(&[], &[], Some(later)).expect("applied");
    drop(reopened);
    let again = SearchIndex::open_or_create(&dir, Language::French).expect("opens");
    assert_eq!(again.synced_to(), Some(later));
    assert_eq!(ids(&again, "maroc"), [1]);
}
