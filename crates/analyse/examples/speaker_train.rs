//! Fits the weights of the learned speaker ranker (`src/quotes/ranker.rs`) on the training
//! splits of the quote sets and writes `models/speaker.weights`.
//!
//! ```text
//! cargo run --release -p newsloom-analyse --example speaker_train -- ../shared/data/quotes [--out FILE] [--epochs N] [--lr X] [--l2 X] [--holdout] [--two-pass]
//! ```
//!
//! For every gold direct quote of `german_wikinews/train` and `polnear/train` that the rules
//! find, the candidates are generated exactly as at run time (with the embedded entity tagger,
//! the ranker off so that the rules drive the state); a candidate is correct when the scorer of
//! `quotes_eval` would accept it (`quotes_gold::speaker_ok`). The model is a conditional
//! log-linear one (softmax over a quote's candidates, the probability of the correct ones
//! maximised) fitted by stochastic gradient descent in a fixed order, with L2 shrinkage and
//! weight averaging: the output is deterministic.
//!
//! The data is non-commercial (German WikiNews CC BY-NC-SA) or unlicensed (PolNeAR): the
//! weights are for non-commercial research use.

#[path = "support/quotes_gold.rs"]
#[allow(dead_code)]
mod quotes_gold;

use newsloom_analyse::{ner, quotes, text::TextDoc};
use newsloom_model::{Entity, QuoteKind};
use quotes_gold::{load_polnear, load_wikinews, overlaps, span_matches, speaker_ok, Doc};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

/// Learning rate of the gradient steps (`--lr`).
const LEARNING_RATE: f64 = 0.05;
/// L2 shrinkage per step (`--l2`).
const L2: f64 = 1e-5;
/// Weights smaller than this are not written.
const MIN_WEIGHT: f64 = 1e-3;

/// A training split: its name, articles and their entities.
type Set = (&'static str, Vec<Doc>, Vec<Vec<Entity>>);

/// One training quote: per candidate, its feature ids and whether it is correct.
struct Example {
    cands: Vec<(Vec<usize>, bool)>,
    /// The rule that chose the first candidate.
    how: String,
    /// Held out with `--holdout` (every fifth article).
    held: bool,
    /// The candidates' speakers, the gold speakers and the quote's start (for `--show`).
    texts: Vec<String>,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let root = PathBuf::from(
        args.iter()
            .enumerate()
            .find(|(i, a)| !a.starts_with("--") && (*i == 0 || !args[i - 1].starts_with("--")))
            .map(|(_, a)| a.clone())
            .unwrap_or_else(|| "../shared/data/quotes".into()),
    );
    let out = value("--out").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/speaker.weights")
    });
    // `--holdout`: fit on four fifths of the training articles and report the rest (for
    // choosing settings without the dev sets); the weights are not written.
    let holdout = args.iter().any(|a| a == "--holdout");
    let epochs: usize = value("--epochs").and_then(|v| v.parse().ok()).unwrap_or(20);
    let model = ner::Model::embedded();
    let config = quotes::QuoteConfig {
        speaker_ranker: false,
        ..Default::default()
    };
    // The articles with their entities, tagged once.
    let mut sets: Vec<Set> = Vec::new();
    for (name, docs) in [
        (
            "german_wikinews/train",
            load_wikinews(&root.join("german_wikinews/train")),
        ),
        ("polnear/train", load_polnear(&root.join("polnear/train"))),
    ] {
        let docs: Vec<Doc> = docs.unwrap_or_else(|e| panic!("{name}: {e}"));
        let entities = docs
            .iter()
            .map(|d| model.entities(&TextDoc::new(&d.text, d.lang.clone())))
            .collect();
        sets.push((name, docs, entities));
    }
    let lr = value("--lr")
        .and_then(|v| v.parse().ok())
        .unwrap_or(LEARNING_RATE);
    let l2 = value("--l2").and_then(|v| v.parse().ok()).unwrap_or(L2);
    let mut ids: BTreeMap<String, usize> = BTreeMap::new();
    // First pass: candidates with the rules driving the state (previous speaker, pronoun
    // antecedents).
    let examples = collect(&sets, &config, &mut ids, holdout);
    // `--two-pass`: refit on candidates with the first pass's ranker driving the state, as
    // at run time (held-out: 1,440 right vs 1,449 for one pass; not the default).
    let examples = if !args.iter().any(|a| a == "--two-pass") {
        examples
    } else {
        let fitted: Vec<&Example> = examples.iter().filter(|e| !e.held).collect();
        let w = fit(&fitted, ids.len(), epochs, lr, l2);
        let weights = quotes::ranker::Weights::parse(&weights_text(&ids, &w));
        let config = quotes::QuoteConfig {
            speaker_ranker: true,
            speaker_weights: Some(Arc::new(weights)),
            ..Default::default()
        };
        collect(&sets, &config, &mut ids, holdout)
    };
    let (fitted, scored): (Vec<&Example>, Vec<&Example>) = if holdout {
        examples.iter().partition(|e| !e.held)
    } else {
        (examples.iter().collect(), Vec::new())
    };
    let w = fit(&fitted, ids.len(), epochs, lr, l2);
    let examples = if holdout { scored } else { fitted };
    // `--show`: list the quotes the ranker gets wrong.
    let show = args.iter().any(|a| a == "--show");
    let mut by_rule: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let right = examples
        .iter()
        .filter(|e| {
            let scores: Vec<f64> = e
                .cands
                .iter()
                .map(|(f, _)| f.iter().map(|&i| w[i]).sum())
                .collect();
            let mut best = 0;
            for (i, s) in scores.iter().enumerate() {
                if *s > scores[best] {
                    best = i;
                }
            }
            if show && !e.cands[best].1 {
                eprintln!(
                    "WRONG {} chose {:?} among {:?}",
                    e.how, e.texts[best], e.texts
                );
            }
            let t = by_rule.entry(e.how.as_str()).or_default();
            t.0 += 1;
            t.1 += usize::from(e.cands[0].1);
            t.2 += usize::from(e.cands[best].1);
            e.cands[best].1
        })
        .count();
    let mut by_lang: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (how, (n, r, k)) in &by_rule {
        eprintln!("  {how:<20} {n:>5} rules {r:>5} ranker {k:>5}");
        let t = by_lang.entry(&how[..2]).or_default();
        t.0 += n;
        t.1 += r;
        t.2 += k;
    }
    for (lang, (n, r, k)) in &by_lang {
        eprintln!("{lang}: {n:>5} rules {r:>5} ranker {k:>5}");
    }
    let ambiguous_rule = examples.iter().filter(|e| e.cands[0].1).count();
    eprintln!(
        "on the {} quotes with a choice: rules {ambiguous_rule}, ranker {right} (train)",
        examples.len()
    );
    let text = weights_text(&ids, &w);
    if holdout {
        return;
    }
    std::fs::write(&out, text).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
    eprintln!("wrote {}", out.display());
}

/// The training quotes of `sets` with their candidates under `config`; feature ids are added
/// to `ids`.
fn collect(
    sets: &[Set],
    config: &quotes::QuoteConfig,
    ids: &mut BTreeMap<String, usize>,
    holdout: bool,
) -> Vec<Example> {
    let mut examples: Vec<Example> = Vec::new();
    let (mut total, mut reachable, mut rule_ok) = (0usize, 0usize, 0usize);
    for (name, docs, ents) in sets {
        for (n_doc, (d, entities)) in docs.iter().zip(ents).enumerate() {
            let doc = TextDoc::new(&d.text, d.lang.clone());
            let (found, trace) = quotes::find_traced(&doc, entities, config);
            debug_assert_eq!(
                found.iter().filter(|q| q.kind == QuoteKind::Direct).count(),
                trace.len()
            );
            for g in &d.direct {
                // The prediction the scorer would take: the best-overlapping match.
                let Some(r) = trace
                    .iter()
                    .filter(|r| span_matches((r.start, r.end), g))
                    .max_by_key(|r| overlaps((r.start, r.end), (g.start, g.end)))
                else {
                    continue;
                };
                total += 1;
                let cands: Vec<(Vec<usize>, bool)> = r
                    .candidates
                    .iter()
                    .map(|c| {
                        let ok =
                            speaker_ok(c.speaker.as_ref().map(|s| s.text.as_str()), &g.speakers);
                        let f = c
                            .features
                            .iter()
                            .map(|f| {
                                let n = ids.len();
                                *ids.entry(f.clone()).or_insert(n)
                            })
                            .collect();
                        (f, ok)
                    })
                    .collect();
                if cands.first().is_some_and(|c| c.1) {
                    rule_ok += 1;
                }
                if cands.iter().any(|c| c.1) {
                    reachable += 1;
                    if cands.iter().any(|c| !c.1) {
                        let how = r.candidates[0]
                            .features
                            .iter()
                            .find_map(|f| f.strip_prefix("rule:"))
                            .map(|h| format!("{}:{h}", &name[..2]))
                            .unwrap_or_default();
                        examples.push(Example {
                            cands,
                            how,
                            held: holdout && n_doc % 5 == 0,
                            texts: r
                                .candidates
                                .iter()
                                .map(|c| c.speaker.as_ref().map_or("-".into(), |s| s.text.clone()))
                                .chain([format!(
                                    "gold {:?} in {} at {}",
                                    g.speakers, d.name, g.start
                                )])
                                .collect(),
                        });
                    }
                }
            }
        }
    }
    eprintln!(
        "{total} quotes found, rules right on {rule_ok} ({:.3}), a correct candidate on {reachable} ({:.3}); {} features",
        rule_ok as f64 / total.max(1) as f64,
        reachable as f64 / total.max(1) as f64,
        ids.len()
    );
    examples
}

/// The weights file: a header, then `feature<TAB>weight` lines in feature order.
fn weights_text(ids: &BTreeMap<String, usize>, w: &[f64]) -> String {
    let mut text = String::from(
        "# Speaker ranker weights (src/quotes/ranker.rs), written by\n\
         # cargo run --release -p newsloom-analyse --example speaker_train -- ../shared/data/quotes\n\
         # Trained on German WikiNews (CC BY-NC-SA) and PolNeAR (no licence): non-commercial research use only.\n",
    );
    for (f, &i) in ids {
        if w[i].abs() >= MIN_WEIGHT {
            text.push_str(&format!("{f}\t{:.4}\n", w[i]));
        }
    }
    text
}

/// Fits the weights: stochastic gradient ascent on the log-probability of the correct
/// candidates, examples in their fixed order, averaged over all steps.
fn fit(examples: &[&Example], n: usize, epochs: usize, lr: f64, l2: f64) -> Vec<f64> {
    let mut w = vec![0.0f64; n];
    let mut sum = vec![0.0f64; n];
    let mut steps = 0f64;
    for _ in 0..epochs {
        for e in examples {
            let scores: Vec<f64> = e
                .cands
                .iter()
                .map(|(f, _)| f.iter().map(|&i| w[i]).sum())
                .collect();
            let top = scores.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
            let p: Vec<f64> = scores.iter().map(|s| (s - top).exp()).collect();
            let z: f64 = p.iter().sum();
            let zc: f64 = p
                .iter()
                .zip(&e.cands)
                .filter(|(_, c)| c.1)
                .map(|(p, _)| p)
                .sum();
            for ((f, ok), pk) in e.cands.iter().zip(&p) {
                // d log(Zc / Z) / d score_k = [ok] p_k / Zc − p_k / Z
                let g = if *ok { pk / zc } else { 0.0 } - pk / z;
                if g != 0.0 {
                    for &i in f {
                        w[i] += lr * g;
                    }
                }
            }
            for x in w.iter_mut() {
                *x *= 1.0 - l2;
            }
            steps += 1.0;
            for (s, x) in sum.iter_mut().zip(&w) {
                *s += x;
            }
        }
    }
    sum.iter().map(|s| s / steps.max(1.0)).collect()
}
