//! Public pages rendered in-process, without the network: the demo site on SQLite, cache
//! off (database and template every time) and on (a hit). `cargo bench -p rotative-web`.
//!
//! `bench/http.sh` measures the whole server against nginx; this measures what one request
//! costs the handler, to compare changes to the read path or the templates quickly.

use criterion::{Criterion, criterion_group, criterion_main};
use rotative_test_support::TestApp;
use std::hint::black_box;

const ARTICLE: &str =
    "/politique/le-maroc-et-le-kazakhstan-renforcent-leur-cooperation-bilaterale/";
const PAGES: [(&str, &str); 3] = [
    ("article", ARTICLE),
    ("home", "/"),
    ("category", "/politique/"),
];

fn pages(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let cached = runtime.block_on(async { TestApp::sqlite().await.with_demo().await });
    for (_, path) in PAGES {
        let page = runtime.block_on(cached.get(path));
        assert_eq!(page.status, 200, "{path}");
    }
    let mut hits = c.benchmark_group("cache hit");
    for (name, path) in PAGES {
        hits.bench_function(name, |b| {
            b.iter(|| black_box(runtime.block_on(cached.get(path)).bytes.len()))
        });
    }
    hits.finish();
    let uncached = runtime.block_on(cached.with_options(rotative_web::Options {
        cache_enabled: false,
        ..rotative_web::Options::default()
    }));
    let mut misses = c.benchmark_group("cache miss");
    for (name, path) in PAGES {
        misses.bench_function(name, |b| {
            b.iter(|| black_box(runtime.block_on(uncached.get(path)).bytes.len()))
        });
    }
    misses.finish();
}

criterion_group!(benches, pages);
criterion_main!(benches);
