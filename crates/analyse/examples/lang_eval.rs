//! Scores language detection on labelled news texts: the articles of the shared same-story
//! pairs (`../shared/data/stories/pairs-dev.jsonl`, each text with its language), in five
//! languages. Prints accuracy per language on the whole text and on its first sentence-sized
//! slice (100 characters), and the time per text.
//!
//! `cargo run --release -p newsloom-analyse --example lang_eval -- ../shared/data/stories/pairs-dev.jsonl`
use newsloom_analyse::language::Detector;
use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/stories/pairs-dev.jsonl".into());
    let Ok(raw) = std::fs::read_to_string(&path) else {
        eprintln!("lang_eval: cannot read {path}");
        std::process::exit(2);
    };
    let mut texts = Vec::new();
    let mut seen = HashSet::new();
    for line in raw.lines() {
        let Ok(r) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for (t, l) in [("text1", "lang1"), ("text2", "lang2")] {
            let (Some(text), Some(lang)) = (r[t].as_str(), r[l].as_str()) else {
                continue;
            };
            if seen.insert(text.to_string()) {
                texts.push((lang.to_string(), text.to_string()));
            }
        }
    }
    let detector = Detector::new();
    let _ = detector.detect("warm up", 100);
    for (label, chars) in [
        ("first 800 chars (the default sample)", 800usize),
        ("first 100 chars", 100),
    ] {
        let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let started = Instant::now();
        for (lang, text) in &texts {
            let got = detector
                .detect(text, chars)
                .map(|(l, _)| l.code().to_string());
            let e = per.entry(lang.clone()).or_default();
            e.1 += 1;
            if got.as_deref() == Some(lang.as_str()) {
                e.0 += 1;
            }
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0 / texts.len() as f64;
        let (ok, n) = per.values().fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        println!(
            "{label}: accuracy {:.4} ({ok}/{n}), {ms:.3} ms/text",
            ok as f64 / n as f64
        );
        for (lang, (ok, n)) in per {
            println!("  {lang}: {:.4} ({ok}/{n})", ok as f64 / n as f64);
        }
    }
}
