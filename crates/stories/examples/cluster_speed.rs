//! Measures how fast the [`StoryIndex`] assigns articles, on synthetic articles (no data set
//! needed):
//!
//! ```text
//! cargo run --release -p newsloom-stories --example cluster_speed -- [articles] [stories]
//! ```
//!
//! Each synthetic story has its own entities, numbers, dates and terms drawn from a shared
//! vocabulary; each article takes a random part of its story's features plus noise, in one of
//! five languages. Prints articles/s for `add` alone (features are precomputed, as in the
//! pipeline), how many stories were formed against how many were generated, and the pairwise
//! precision and recall of "same story" against the generated stories. `CLUSTER_DECISION=score`
//! decides by the graded score instead of the same-story classifier.

use newsloom_model::Language;
use newsloom_stories::{
    ArticleRef, ClusterConfig, Decision, Features, IndexEntry, Similarity, StoryIndex,
};
use std::time::Instant;

/// A deterministic xorshift generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let stories: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(2_000);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let langs = [
        Language::En,
        Language::Fr,
        Language::Es,
        Language::De,
        Language::It,
    ];
    let vocabulary = 50_000;
    let plans: Vec<Vec<usize>> = (0..stories)
        .map(|_| (0..40).map(|_| rng.below(vocabulary)).collect())
        .collect();
    let articles: Vec<(usize, ArticleRef)> = (0..n)
        .map(|i| {
            let s = rng.below(stories);
            let plan = &plans[s];
            let mut f = Features {
                language: langs[rng.below(langs.len())].clone(),
                ..Features::default()
            };
            for (k, &w) in plan.iter().enumerate() {
                if rng.below(3) == 0 {
                    continue;
                }
                let key = format!("w{w}");
                match k % 5 {
                    0 => {
                        let mentions = 1 + rng.below(3) as u32;
                        // Alternately people and places, as the analysis labels them.
                        if k % 10 == 0 {
                            f.people.insert(key.clone(), mentions);
                        } else {
                            f.places.insert(key.clone(), mentions);
                        }
                        f.entities.insert(key, mentions)
                    }
                    1 => f.numbers.insert(key, 1),
                    2 => f.capitalised.insert(key, 1),
                    3 => f.dates.insert(key, 1),
                    _ => {
                        // The story's terms come early: in the lead too.
                        f.lead.insert(key.clone(), 1);
                        f.terms.insert(key, 1 + rng.below(4) as u32)
                    }
                };
            }
            for j in 0..150 {
                let key = format!("w{}", rng.below(vocabulary));
                if j < 20 {
                    f.lead.insert(key.clone(), 1);
                }
                f.terms.insert(key, 1);
            }
            // Made-up words: the lexicon knows none, so the lexical terms are the terms.
            f.lexical = f.terms.clone();
            let id = format!("a{i}");
            (
                s,
                ArticleRef {
                    id,
                    language: f.language.clone(),
                    features: f,
                    ..ArticleRef::default()
                },
            )
        })
        .collect();
    let mut config = ClusterConfig::default();
    if std::env::var("CLUSTER_DECISION").as_deref() == Ok("score") {
        config.decision = Decision::Score;
    }
    let mut index = StoryIndex::with_config(config, Similarity::new());
    let t = Instant::now();
    for (_, a) in &articles {
        if let Err(e) = index.add(a) {
            eprintln!("cluster_speed: {e}");
            return;
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let generated: std::collections::BTreeSet<usize> = articles.iter().map(|(s, _)| *s).collect();
    println!(
        "{n} articles in {secs:.2}s: {:.0} articles/s; {} stories formed for {} generated",
        n as f64 / secs,
        index.story_count(),
        generated.len()
    );
    // Pairwise precision and recall: pairs in one formed story, pairs in one generated story.
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    let mut cells: std::collections::HashMap<(u64, usize), u64> = std::collections::HashMap::new();
    let mut formed: std::collections::HashMap<u64, u64> = std::collections::HashMap::new();
    let mut truth: std::collections::HashMap<usize, u64> = std::collections::HashMap::new();
    for (s, a) in &articles {
        let story = index.story_of(&a.id).unwrap_or(0);
        *cells.entry((story, *s)).or_insert(0) += 1;
        *formed.entry(story).or_insert(0) += 1;
        *truth.entry(*s).or_insert(0) += 1;
    }
    let tp: u64 = cells.values().map(|&n| pairs(n)).sum();
    let predicted: u64 = formed.values().map(|&n| pairs(n)).sum();
    let actual: u64 = truth.values().map(|&n| pairs(n)).sum();
    println!(
        "pairwise precision {:.3}, recall {:.3}",
        tp as f64 / predicted.max(1) as f64,
        tp as f64 / actual.max(1) as f64
    );

    // Saving and restoring the index, as the pipeline does between runs (JSON entries).
    let t = Instant::now();
    let json = match serde_json::to_vec(index.entries(0)) {
        Ok(j) => j,
        Err(e) => {
            eprintln!("cluster_speed: {e}");
            return;
        }
    };
    let save = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let entries: Vec<IndexEntry> = match serde_json::from_slice(&json) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cluster_speed: {e}");
            return;
        }
    };
    let mut restored = StoryIndex::new();
    for e in entries {
        if let Err(e) = restored.restore_entry(e) {
            eprintln!("cluster_speed: {e}");
            return;
        }
    }
    let load = t.elapsed().as_secs_f64();
    assert_eq!(restored.entries(0), index.entries(0));
    println!(
        "saved index: {:.1} MB of JSON ({:.0} bytes/article), written in {save:.2}s, read and \
         restored in {load:.2}s ({:.0} articles/s; assigning them again took {secs:.2}s)",
        json.len() as f64 / 1e6,
        json.len() as f64 / n as f64,
        n as f64 / load
    );
}
