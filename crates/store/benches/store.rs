//! Store throughput and latency on synthetic articles: `cargo bench -p newsloom-store`.
//!
//! Puts `NEWSLOOM_BENCH_ARTICLES` (default 20,000) synthetic articles (~600 words, five
//! languages, entities, quotes, 5% exact and 5% near copies) in batches of 1,000, then runs
//! 200 searches of two words each and prints the latency percentiles. It asserts what it
//! computes (every article accounted for, every search answered).
#![allow(clippy::unwrap_used, missing_docs)]

use std::time::Instant;

use newsloom_model::{Article, Entity, EntityLabel, Language, Mention, Quote, QuoteKind};
use newsloom_store::{PutStatus, SearchQuery, SourceInfo, Store};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    /// A Zipf-like pick in 0..n.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() % 1_000_000) as f64 / 1_000_000.0;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

fn vocabulary(n: usize) -> Vec<String> {
    const SYL: &[&str] = &[
        "ka", "lo", "mi", "ter", "san", "ve", "dor", "pu", "len", "gra", "the", "ion", "ar", "est",
        "ul", "bri", "con", "fa", "ne", "ro",
    ];
    let mut rng = Rng(7);
    (0..n)
        .map(|_| {
            let k = 1 + (rng.next() % 3) as usize;
            (0..k)
                .map(|_| SYL[(rng.next() % SYL.len() as u64) as usize])
                .collect()
        })
        .collect()
}

fn make_article(i: usize, vocab: &[String], rng: &mut Rng) -> Article {
    let langs = [
        Language::En,
        Language::Fr,
        Language::Es,
        Language::De,
        Language::It,
    ];
    let mut a = Article::new(format!("bench/{i}"));
    a.url = Some(format!("https://site{}.example/news/{i}", i % 50));
    a.site_name = Some(format!("Site {}", i % 50));
    a.language = langs[i % 5].clone();
    a.published = Some(format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
    a.title = Some(
        (0..8)
            .map(|_| vocab[rng.zipf(vocab.len())].as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    a.text = (0..6)
        .map(|_| {
            (0..100)
                .map(|_| vocab[rng.zipf(vocab.len())].as_str())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    for e in 0..5 {
        let name = format!("Person {}", rng.zipf(2000) + e);
        a.entities.push(Entity {
            name: name.clone(),
            label: EntityLabel::Person,
            mentions: vec![Mention {
                start: 0,
                end: 5,
                text: name,
            }],
        });
    }
    a.quotes.push(Quote {
        text: "We will see.".into(),
        kind: QuoteKind::Direct,
        speaker: Some(a.entities[0].name.clone()),
        speaker_entity: Some(a.entities[0].name.clone()),
        cue: Some("said".into()),
        start: 0,
        end: 12,
    });
    a
}

fn main() {
    let n: usize = std::env::var("NEWSLOOM_BENCH_ARTICLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000);
    let vocab = vocabulary(30_000);
    let mut rng = Rng(42);
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();

    let mut articles: Vec<Article> = Vec::with_capacity(n);
    for i in 0..n {
        let a = if i > 100 && i % 20 == 0 {
            // Exact copy under another URL.
            let mut c = articles[i - 50].clone(); // i - 50 is never a copy itself
            c.url = Some(format!("https://copy.example/{i}"));
            c
        } else if i > 100 && i % 20 == 1 {
            // Near copy: one paragraph replaced.
            let mut c = articles[i - 63].clone(); // nor is i - 63
            c.url = Some(format!("https://near.example/{i}"));
            let mut paras: Vec<String> = c.text.split("\n\n").map(str::to_string).collect();
            paras[2] = "local desk rewrite of this paragraph".into();
            c.text = paras.join("\n\n");
            c
        } else {
            make_article(i, &vocab, &mut rng)
        };
        articles.push(a);
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();

    let start = Instant::now();
    let mut batch_times = Vec::new();
    let (mut inserted, mut dups, mut near) = (0, 0, 0);
    for chunk in articles.chunks(1000) {
        let t = Instant::now();
        let batch = chunk
            .iter()
            .map(|a| {
                (
                    a.clone(),
                    SourceInfo {
                        source: a.source.clone(),
                        ..SourceInfo::default()
                    },
                )
            })
            .collect();
        for o in store.put_batch(batch).unwrap() {
            match o.status {
                PutStatus::Inserted => inserted += 1,
                PutStatus::Duplicate { .. } => dups += 1,
                PutStatus::NearDuplicate { .. } => near += 1,
                _ => {}
            }
        }
        batch_times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let ingest = start.elapsed().as_secs_f64();
    assert_eq!(inserted + dups + near, n);
    batch_times.sort_by(f64::total_cmp);
    println!(
        "put_batch: {n} articles ({:.1} MB text) in {ingest:.2}s = {:.0} articles/s; \
         batch of 1000: median {:.0} ms, max {:.0} ms; inserted {inserted}, duplicates {dups}, near {near}",
        bytes as f64 / 1e6,
        n as f64 / ingest,
        batch_times[batch_times.len() / 2],
        batch_times[batch_times.len() - 1],
    );

    let t = Instant::now();
    let reopened = {
        drop(store);
        Store::open(dir.path()).unwrap()
    };
    println!(
        "reopen (nothing to reconcile): {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let store = reopened;

    for (label, lang) in [("with lang", true), ("all languages", false)] {
        let mut times = Vec::new();
        let mut total_hits = 0;
        for q in 0..200 {
            let text = format!("{} {}", vocab[rng.zipf(500)], vocab[rng.zipf(3000)]);
            let mut query = SearchQuery::new(text).limit(10);
            if lang {
                query = query.lang([Language::En, Language::Fr][q % 2].clone());
            }
            if q % 4 == 0 {
                query = query.since("2024-03").until("2024-09");
            }
            let t = Instant::now();
            let results = store.search(&query).unwrap();
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            total_hits += results.total;
        }
        times.sort_by(f64::total_cmp);
        println!(
            "search ({label}): p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms over 200 queries ({total_hits} matches)",
            times[100], times[190], times[199]
        );
    }
    let stats = store.stats().unwrap();
    println!(
        "store: {} rows, {} indexed, index {:.1} MB, database {:.1} MB",
        stats.articles,
        stats.indexed_docs,
        stats.index_bytes as f64 / 1e6,
        stats.database_bytes as f64 / 1e6
    );
}
