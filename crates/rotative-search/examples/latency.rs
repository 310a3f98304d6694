//! Measures search latency on a built index: `latency INDEX_FOLDER [ROUNDS]`.
//!
//! Runs a fixed mix of reader queries (common and rare words, several words, phrases,
//! typos that find nothing and go through the suggestions, category and date filters),
//! once to warm up, then ROUNDS times (default 20), each search as the site runs it: ten
//! results with their highlighted snippets, the total, and suggestions when nothing
//! matched. Prints the percentiles of all the timings. Used by `bench/search.sh`.

use chrono::{Duration, Utc};
use rotative_core::CategoryId;
use rotative_search::{Language, Query, SearchIndex};
use std::time::Instant;

const QUERIES: &[&str] = &[
    "marrakech",
    "Marrakech",
    "coopération",
    "cooperation",
    "renforcent",
    "l’excellence",
    "conseil communal",
    "plan d'investissement",
    "ligne de bus",
    "\"centre de santé\"",
    "sécheresse Haouz",
    "université Cadi Ayyad",
    "parc solaire Safi",
    "festival médina",
    "fonds jeunes entrepreneurs",
    "rénovation des écoles",
    "Tokaiev",
    "Kazakhstan",
    "stade quartier",
    "chambre de commerce",
    "marakech",
    "secheresse",
    "zanzibar",
    "programme formation -bus",
    "modernisation OR numérisation",
    "le la les de du des",
    "\"unbalanced",
    "AND OR",
];

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(folder) = args.next() else {
        eprintln!("usage: latency INDEX_FOLDER [ROUNDS]");
        std::process::exit(2);
    };
    let rounds: usize = args.next().and_then(|r| r.parse().ok()).unwrap_or(20);
    let opened = Instant::now();
    let index = match SearchIndex::open_or_create(std::path::Path::new(&folder), Language::French) {
        Ok(index) => index,
        Err(error) => {
            eprintln!("latency: {error}");
            std::process::exit(1);
        }
    };
    eprintln!(
        "opened {} articles in {:.0} ms",
        index.len(),
        opened.elapsed().as_secs_f64() * 1000.0
    );
    let now = Utc::now();
    let mut queries: Vec<Query> = QUERIES
        .iter()
        .map(|text| Query::new(text, now, 10))
        .collect();
    for text in ["marrakech", "conseil", "santé"] {
        let mut filtered = Query::new(text, now, 10);
        filtered.categories = vec![CategoryId(1), CategoryId(2)];
        queries.push(filtered);
        let mut dated = Query::new(text, now, 10);
        dated.from = Some(now - Duration::days(365));
        dated.until = Some(now - Duration::days(180));
        queries.push(dated);
        let mut deep = Query::new(text, now, 10);
        deep.offset = 200;
        queries.push(deep);
    }
    for query in &queries {
        let results = index.search(query).map(|r| r.total).unwrap_or_default();
        eprintln!("{:>7} {:?}", results, query.text);
    }
    let mut timings = Vec::with_capacity(rounds * queries.len());
    let mut each = vec![Vec::with_capacity(rounds); queries.len()];
    for _ in 0..rounds {
        for (n, query) in queries.iter().enumerate() {
            let started = Instant::now();
            if let Err(error) = index.search(query) {
                eprintln!("latency: {error}");
                std::process::exit(1);
            }
            let ms = started.elapsed().as_secs_f64() * 1000.0;
            timings.push(ms);
            each[n].push(ms);
        }
    }
    for (query, times) in queries.iter().zip(&mut each) {
        times.sort_by(f64::total_cmp);
        eprintln!(
            "{:>8.2} ms median  {:?}",
            times[times.len() / 2],
            query.text
        );
    }
    timings.sort_by(f64::total_cmp);
    let at = |p: f64| timings[((timings.len() - 1) as f64 * p).round() as usize];
    let mean = timings.iter().sum::<f64>() / timings.len() as f64;
    println!(
        "{} searches over {} articles: p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms, mean {:.2} ms",
        timings.len(),
        index.len(),
        at(0.50),
        at(0.90),
        at(0.99),
        at(1.0),
        mean
    );
}
