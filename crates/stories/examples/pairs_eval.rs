//! Measures the article similarity on the SemEval-2022 Task 8 same-story pairs, and fits its
//! weights.
//!
//! ```text
//! cargo run --release -p newsloom-stories --example pairs_eval -- ../shared/data/stories/pairs-dev.jsonl
//! ```
//!
//! Each text (title + body) is analysed by `newsloom-analyse` (no publication date: `None`),
//! turned into features, and compared. Document frequencies come from all the texts of the file
//! (no labels used). The pairs are split in two halves by connected components of their article
//! ids (a machine-translated copy `<id><lang>` counts as its original), so that no article is on
//! both sides: the graded-similarity model and the separate same-story classifier are fitted on
//! the fitting half, their thresholds chosen there for the best F1, and the figures are reported
//! on the held-out half and on all pairs, for the weights fitted in this run and for the
//! constants compiled into the crate. The fitted weights are printed as Rust constants for
//! `src/fit/weights.rs`.
//!
//! Environment switches: `PAIRS_ABLATE=1` prints a component ablation first (`PAIRS_SWAP=1`:
//! fit on the other half; `PAIRS_CROSS=1`: separate cross-lingual weights; `PAIRS_BOOST=n`:
//! n boosted stumps on top); `PAIRS_BASELINE=1` keeps only the earlier nine components;
//! `PAIRS_LEAD_CHARS`, `PAIRS_PREFIX_LEN`, `PAIRS_MAX_TEXT_CHARS` change the feature settings;
//! `PAIRS_ERRORS=1` lists the largest held-out errors (components only, no text).
//!
//! `PAIRS_CV=k` chooses without looking at the held-out half: k-fold cross-validation inside
//! the fitting half (folds by connected article components) of the current components and of
//! candidate components computed here (`candidates`), one at a time (`PAIRS_TRY=a,b` adds a
//! combination), with out-of-fold Pearson for the logistic model, for the mean of the two
//! models and for a ridge regression, and F1 (`PAIRS_L2` changes the fit's L2 penalty;
//! `PAIRS_OOF_THRESHOLD=1` chooses the thresholds on inner out-of-fold scores instead of the
//! training folds' in-sample scores).

#[path = "support/pairs.rs"]
mod pairs;

use newsloom_analyse::Analyser;
use newsloom_model::{Article, Language};
use newsloom_stories::fit::weights::{
    Weights, SAME_STORY_PROBABILITY, SAME_STORY_THRESHOLD, SAME_STORY_WEIGHTS, WEIGHTS,
};
use newsloom_stories::fit::{fit_logistic, fit_logistic_rows, FitConfig};
use newsloom_stories::similarity::components;
use newsloom_stories::{Components, FeatureConfig, Features, TermStats};
use pairs::{article, pearson};
use std::collections::HashMap;
use std::process::ExitCode;
use std::time::Instant;

/// One labelled pair.
struct Pair {
    id: String,
    a: usize,
    b: usize,
    crosslingual: bool,
    translated: bool,
    same: bool,
    graded: f64,
    /// Annotators' sub-scores mapped to [0, 1] like `graded`: Geography, Entities, Time,
    /// Narrative.
    subs: [f64; 4],
}

fn main() -> ExitCode {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/stories/pairs-dev.jsonl".to_string());
    let raw = match std::fs::read_to_string(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!(
                "pairs_eval: cannot read {path}: {e}\n(the pairs live outside the repository, in \
                 shared/data/stories/pairs-dev.jsonl; pass its path as the first argument)"
            );
            return ExitCode::from(2);
        }
    };
    let mut articles: Vec<Article> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut pairs = Vec::new();
    for (n, line) in raw.lines().enumerate() {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("pairs_eval: line {}: {e}", n + 1);
                return ExitCode::from(2);
            }
        };
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
        let pair_id = s("pair_id");
        let mut ids = pair_id.splitn(2, '_');
        let (ida, idb) = (
            ids.next().unwrap_or_default().to_string(),
            ids.next().unwrap_or_default().to_string(),
        );
        let mut slot = |id: String, text: String, lang: String| -> usize {
            *by_id.entry(id.clone()).or_insert_with(|| {
                articles.push(article(&id, &text, &lang));
                articles.len() - 1
            })
        };
        let a = slot(ida, s("text1"), s("lang1"));
        let b = slot(idb, s("text2"), s("lang2"));
        pairs.push(Pair {
            id: pair_id,
            a,
            b,
            crosslingual: v["crosslingual"].as_bool().unwrap_or(false),
            translated: v["machine_translated_augmentation"]
                .as_bool()
                .unwrap_or(false),
            same: v["same_story"].as_bool().unwrap_or(false),
            graded: v["graded_similarity"].as_f64().unwrap_or(0.0),
            subs: ["Geography", "Entities", "Time", "Narrative"]
                .map(|k| (4.0 - v["scores"][k].as_f64().unwrap_or(4.0)) / 3.0),
        });
    }

    let analyser = Analyser::new();
    let t = Instant::now();
    for a in &mut articles {
        analyser.analyse(a, None);
    }
    let analyse_secs = t.elapsed().as_secs_f64();

    let mut cfg = FeatureConfig::default();
    let env = |k: &str| std::env::var(k).ok().and_then(|v| v.parse::<usize>().ok());
    if let Some(n) = env("PAIRS_LEAD_CHARS") {
        cfg.lead_chars = n;
    }
    if let Some(n) = env("PAIRS_PREFIX_LEN") {
        cfg.prefix_len = n;
    }
    if let Some(n) = env("PAIRS_MAX_TEXT_CHARS") {
        cfg.max_text_chars = n;
    }
    // The lexicon is built at its first use: timed apart from the features.
    let t = Instant::now();
    let lexicon_terms =
        newsloom_stories::lexicon::Lexicon::shared(cfg.prefix_len).len(&Language::De);
    let lexicon_secs = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let features: Vec<Features> = articles
        .iter()
        .map(|a| Features::from_article(a, &cfg))
        .collect();
    let feature_secs = t.elapsed().as_secs_f64();
    let mut stats = TermStats::new();
    for f in &features {
        stats.observe(f);
    }
    let t = Instant::now();
    let mut comps: Vec<Components> = pairs
        .iter()
        .map(|p| components(&features[p.a], &features[p.b], &stats).0)
        .collect();
    if std::env::var_os("PAIRS_BASELINE").is_some() {
        // The components of the earlier model only (the later ones set to 0), for comparison.
        for c in &mut comps {
            let x = c.to_array();
            *c = Components {
                entity: x[0],
                number: x[1],
                date: x[2],
                speaker: x[3],
                capitalised: x[4],
                text: x[5],
                text_cross: x[6],
                title: x[7],
                crosslingual: x[8],
                ..Components::default()
            };
        }
    }
    let compare_secs = t.elapsed().as_secs_f64();

    let hash_split: Vec<bool> = pairs.iter().map(|p| fnv1a(&p.id) & 1 == 0).collect();
    let fitting = component_split(&pairs);
    if let Some(k) = env("PAIRS_CV") {
        cross_validate(&pairs, &comps, &features, &articles, &fitting, k);
        return ExitCode::SUCCESS;
    }
    if std::env::var_os("PAIRS_ABLATE").is_some() {
        ablate(&pairs, &comps, &hash_split, &fitting);
    }
    let samples: Vec<(Components, f64)> = pairs
        .iter()
        .zip(&comps)
        .zip(&fitting)
        .filter(|(_, fit)| **fit)
        .map(|((p, c), _)| (*c, p.graded))
        .collect();
    let fitted = fit_logistic(&samples, &FitConfig::default());
    let labelled: Vec<(Components, f64)> = pairs
        .iter()
        .zip(&comps)
        .zip(&fitting)
        .filter(|(_, fit)| **fit)
        .map(|((p, c), _)| (*c, if p.same { 1.0 } else { 0.0 }))
        .collect();
    let fitted_classifier = fit_logistic(&labelled, &FitConfig::default());

    println!(
        "pairs: {} ({} fitting, {} held out), articles: {}",
        pairs.len(),
        samples.len(),
        pairs.len() - samples.len(),
        articles.len()
    );
    println!(
        "speed: analysis {:.0} articles/s; features {:.0} articles/s; similarity {:.0} pairs/s \
         (features + similarity: {:.0} articles/s)",
        articles.len() as f64 / analyse_secs,
        articles.len() as f64 / feature_secs,
        pairs.len() as f64 / compare_secs,
        articles.len() as f64
            / (feature_secs + compare_secs * articles.len() as f64 / pairs.len() as f64 / 2.0),
    );
    println!(
        "lexicon: built in {:.2}s at first use ({lexicon_terms} German terms)",
        lexicon_secs
    );

    let fit_rows: Vec<usize> = (0..pairs.len()).filter(|&i| fitting[i]).collect();
    if std::env::var_os("PAIRS_ERRORS").is_some() {
        let mut rows: Vec<(f64, usize)> = (0..pairs.len())
            .filter(|&i| !fitting[i])
            .map(|i| (WEIGHTS.apply(&comps[i]) - pairs[i].graded, i))
            .collect();
        rows.sort_by(|a, b| b.0.total_cmp(&a.0));
        for &(d, i) in rows.iter().take(15).chain(rows.iter().rev().take(10)) {
            let c = comps[i].to_array();
            let fa = &features[pairs[i].a];
            let fb = &features[pairs[i].b];
            println!(
                "{:+.2} y={:.2} {:?}/{:?} same={} ent={:.2} num={:.2} text={:.2} tx={:.2} lead={:.2} title={:.2} ppl={:.2} nums {}/{} dates {:?} {:?}",
                d, pairs[i].graded, fa.language, fb.language, pairs[i].same, c[0], c[1], c[5], c[6], c[13], c[7], c[9],
                fa.numbers.len(), fb.numbers.len(),
                fa.dates.keys().take(4).collect::<Vec<_>>(), fb.dates.keys().take(4).collect::<Vec<_>>()
            );
        }
    }
    for (name, weights, classifier, fixed) in [
        (
            "weights fitted in this run",
            fitted,
            fitted_classifier,
            None,
        ),
        (
            "compiled WEIGHTS",
            WEIGHTS,
            SAME_STORY_WEIGHTS,
            Some((SAME_STORY_THRESHOLD, SAME_STORY_PROBABILITY)),
        ),
    ] {
        let scores: Vec<f64> = comps.iter().map(|c| weights.apply(c)).collect();
        let probs: Vec<f64> = comps.iter().map(|c| classifier.apply(c)).collect();
        let (threshold, cutoff) = fixed.unwrap_or_else(|| {
            (
                best_threshold(&fit_rows, &scores, &pairs),
                best_threshold(&fit_rows, &probs, &pairs),
            )
        });
        println!(
            "\n== {name} (score threshold {threshold:.3}; classifier threshold {cutoff:.3}) =="
        );
        println!(
            "{:<34} {:>5} {:>6} {:>6} {:>6} {:>8} {:>8}",
            "subset", "pairs", "P", "R", "F1", "Pearson", "F1 score"
        );
        for (half, keep) in [
            (
                "held-out",
                Box::new(|i: usize| !fitting[i]) as Box<dyn Fn(usize) -> bool>,
            ),
            ("fitting", Box::new(|i: usize| fitting[i])),
            ("all dev", Box::new(|_| true)),
        ] {
            for (subset, sel) in [
                (
                    "all",
                    Box::new(|_: &Pair| true) as Box<dyn Fn(&Pair) -> bool>,
                ),
                ("original", Box::new(|p: &Pair| !p.translated)),
                ("machine-translated", Box::new(|p: &Pair| p.translated)),
                ("monolingual", Box::new(|p: &Pair| !p.crosslingual)),
                ("cross-lingual", Box::new(|p: &Pair| p.crosslingual)),
            ] {
                let rows: Vec<usize> = (0..pairs.len())
                    .filter(|&i| keep(i) && sel(&pairs[i]))
                    .collect();
                let (p, r, f1) = prf(&rows, &probs, &pairs, cutoff);
                let (_, _, f1_score) = prf(&rows, &scores, &pairs, threshold);
                let xs: Vec<f64> = rows.iter().map(|&i| scores[i]).collect();
                let ys: Vec<f64> = rows.iter().map(|&i| pairs[i].graded).collect();
                println!(
                    "{:<34} {:>5} {:>6.3} {:>6.3} {:>6.3} {:>8.3} {:>8.3}",
                    format!("{half} / {subset}"),
                    rows.len(),
                    p,
                    r,
                    f1,
                    pearson(&xs, &ys),
                    f1_score
                );
            }
        }
        if fixed.is_none() {
            print_constants(&weights, threshold, &classifier, cutoff);
        }
    }
    ExitCode::SUCCESS
}

fn best_threshold(rows: &[usize], scores: &[f64], pairs: &[Pair]) -> f64 {
    let mut best = (0.0, 0.5);
    for step in 1..200 {
        let t = f64::from(step) / 200.0;
        let (_, _, f1) = prf(rows, scores, pairs, t);
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    best.1
}

fn prf(rows: &[usize], scores: &[f64], pairs: &[Pair], t: f64) -> (f64, f64, f64) {
    let (mut tp, mut fp, mut fn_) = (0.0, 0.0, 0.0);
    for &i in rows {
        match (scores[i] >= t, pairs[i].same) {
            (true, true) => tp += 1.0,
            (true, false) => fp += 1.0,
            (false, true) => fn_ += 1.0,
            _ => {}
        }
    }
    let p = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
    let r = if tp + fn_ > 0.0 { tp / (tp + fn_) } else { 0.0 };
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

/// The base id of an article id: without the language suffix of a machine-translated copy.
fn base_id(id: &str) -> &str {
    id.trim_end_matches(|c: char| c.is_ascii_alphabetic())
}

/// Splits the pairs by connected components of their base article ids (an article and its
/// machine-translated copies are one node): a component is on the fitting side when the FNV-1a
/// hash of its smallest base id is even. No article appears on both sides.
fn component_split(pairs: &[Pair]) -> Vec<bool> {
    component_roots(pairs)
        .iter()
        .map(|root| fnv1a(root) & 1 == 0)
        .collect()
}

/// Held-out Pearson and F1 of models fitted on subsets of the components (the others masked
/// to 0): the regression score's F1 at its best fitting-half threshold, and a separate
/// same-story classifier's.
fn ablate(pairs: &[Pair], comps: &[Components], hash_split: &[bool], split: &[bool]) {
    let all: Vec<&str> = Components::NAMES.to_vec();
    let base = [
        "entity",
        "number",
        "date",
        "speaker",
        "capitalised",
        "text",
        "text_cross",
        "title",
        "crosslingual",
    ];
    let with = |extra: &[&'static str]| -> Vec<&str> {
        base.iter().copied().chain(extra.iter().copied()).collect()
    };
    let without = |drop: &[&str]| -> Vec<&str> {
        all.iter().copied().filter(|n| !drop.contains(n)).collect()
    };
    let variants: Vec<(String, Vec<&str>, bool)> = vec![
        ("baseline, pair-hash split".into(), base.to_vec(), true),
        ("all, pair-hash split".into(), all.clone(), true),
        ("baseline".into(), base.to_vec(), false),
        ("+people +places".into(), with(&["people", "places"]), false),
        ("+number_rare".into(), with(&["number_rare"]), false),
        ("+lead".into(), with(&["lead"]), false),
        ("+top_entities".into(), with(&["top_entities"]), false),
        (
            "+entity_number".into(),
            with(&["number_rare", "entity_number"]),
            false,
        ),
        ("+text_title".into(), with(&["text_title"]), false),
        (
            "+lead +lead_cross".into(),
            with(&["lead", "lead_cross"]),
            false,
        ),
        (
            "+conflicts".into(),
            with(&[
                "people",
                "number_rare",
                "number_conflict",
                "people_conflict",
            ]),
            false,
        ),
        (
            "+people +number_rare".into(),
            with(&["people", "number_rare"]),
            false,
        ),
        ("+text_rare".into(), with(&["text_rare"]), false),
        ("all".into(), all.clone(), false),
    ]
    .into_iter()
    .chain(
        all.iter()
            .map(|n| (format!("all - {n}"), without(&[n]), false)),
    )
    .collect();
    println!(
        "{:<30} {:>8} {:>8} {:>8} {:>8} {:>8}",
        "variant", "Pearson", "F1 reg", "F1 clf", "F1 mono", "F1 cross"
    );
    for (name, keep, hash) in variants {
        let swap = std::env::var_os("PAIRS_SWAP").is_some();
        let split: Vec<bool> = if hash { hash_split } else { split }
            .iter()
            .map(|&f| f != swap)
            .collect();
        let mask: Vec<f64> = all
            .iter()
            .map(|n| if keep.contains(n) { 1.0 } else { 0.0 })
            .collect();
        let xs: Vec<Vec<f64>> = comps
            .iter()
            .map(|c| c.to_array().iter().zip(&mask).map(|(x, m)| x * m).collect())
            .collect();
        let fit_rows: Vec<usize> = (0..pairs.len()).filter(|&i| split[i]).collect();
        let held: Vec<usize> = (0..pairs.len()).filter(|&i| !split[i]).collect();
        let graded: Vec<f64> = fit_rows.iter().map(|&i| pairs[i].graded).collect();
        let same: Vec<f64> = fit_rows
            .iter()
            .map(|&i| if pairs[i].same { 1.0 } else { 0.0 })
            .collect();
        let cfg = FitConfig::default();
        let n = Components::COUNT;
        let cross = std::env::var_os("PAIRS_CROSS").is_some();
        let xs: Vec<Vec<f64>> = if cross {
            xs.iter()
                .map(|x| {
                    let c = x[8];
                    x.iter().copied().chain(x.iter().map(|v| v * c)).collect()
                })
                .collect()
        } else {
            xs
        };
        let fx: Vec<Vec<f64>> = fit_rows.iter().map(|&i| xs[i].clone()).collect();
        let n = if cross { 2 * n } else { n };
        let apply = |(b, w): &(f64, Vec<f64>)| -> Vec<f64> {
            xs.iter()
                .map(|x| sigmoid(b + x.iter().zip(w).map(|(a, c)| a * c).sum::<f64>()))
                .collect()
        };
        let mut reg = apply(&fit_logistic_rows(&fx, &graded, n, &cfg));
        let mut clf = apply(&fit_logistic_rows(&fx, &same, n, &cfg));
        let rounds = std::env::var("PAIRS_BOOST")
            .ok()
            .and_then(|v| v.parse::<usize>().ok())
            .unwrap_or(0);
        if rounds > 0 {
            for (scores, target) in [(&mut reg, 0), (&mut clf, 1)] {
                let ys: Vec<f64> = pairs
                    .iter()
                    .map(|p| {
                        if target == 0 {
                            p.graded
                        } else if p.same {
                            1.0
                        } else {
                            0.0
                        }
                    })
                    .collect();
                let base: Vec<f64> = scores.iter().map(|p| (p / (1.0 - p)).ln()).collect();
                let stumps = boost(&xs, &ys, &base, &fit_rows, rounds, 0.1);
                for (i, x) in xs.iter().enumerate() {
                    let z = base[i]
                        + stumps
                            .iter()
                            .map(|s| {
                                if x[s.feature] < s.cut {
                                    s.below
                                } else {
                                    s.above
                                }
                            })
                            .sum::<f64>();
                    scores[i] = sigmoid(z);
                }
            }
        }
        let t_reg = best_threshold(&fit_rows, &reg, pairs);
        let t_clf = best_threshold(&fit_rows, &clf, pairs);
        let xs_h: Vec<f64> = held.iter().map(|&i| reg[i]).collect();
        let ys_h: Vec<f64> = held.iter().map(|&i| pairs[i].graded).collect();
        let mono: Vec<usize> = held
            .iter()
            .copied()
            .filter(|&i| !pairs[i].crosslingual)
            .collect();
        let cross: Vec<usize> = held
            .iter()
            .copied()
            .filter(|&i| pairs[i].crosslingual)
            .collect();
        println!(
            "{:<30} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3}",
            name,
            pearson(&xs_h, &ys_h),
            prf(&held, &reg, pairs, t_reg).2,
            prf(&held, &clf, pairs, t_clf).2,
            prf(&mono, &clf, pairs, t_clf).2,
            prf(&cross, &clf, pairs, t_clf).2,
        );
    }
}

/// One stump: `value_below` when input `feature` < `cut`, else `value_above`.
#[derive(Debug, Clone, Copy)]
struct Stump {
    feature: usize,
    cut: f64,
    below: f64,
    above: f64,
}

#[allow(clippy::needless_range_loop)]
/// Newton-boosted stumps on the logit `base` (per row) towards targets `ys`, over the `rows`.
fn boost(
    xs: &[Vec<f64>],
    ys: &[f64],
    base: &[f64],
    rows: &[usize],
    rounds: usize,
    shrink: f64,
) -> Vec<Stump> {
    let mut f: Vec<f64> = base.to_vec();
    let mut out = Vec::new();
    let n = xs.first().map_or(0, Vec::len);
    for _ in 0..rounds {
        let g: Vec<f64> = (0..xs.len()).map(|i| ys[i] - sigmoid(f[i])).collect();
        let h: Vec<f64> = (0..xs.len())
            .map(|i| {
                let p = sigmoid(f[i]);
                (p * (1.0 - p)).max(1e-6)
            })
            .collect();
        let mut best: Option<(f64, Stump)> = None;
        for j in 0..n {
            let mut vals: Vec<f64> = rows.iter().map(|&i| xs[i][j]).collect();
            vals.sort_by(f64::total_cmp);
            for q in 1..10 {
                let cut = vals[vals.len() * q / 10];
                let (mut gl, mut hl, mut gr, mut hr) = (0.0, 1.0, 0.0, 1.0);
                for &i in rows {
                    if xs[i][j] < cut {
                        gl += g[i];
                        hl += h[i];
                    } else {
                        gr += g[i];
                        hr += h[i];
                    }
                }
                let gain = gl * gl / hl + gr * gr / hr;
                if best.as_ref().is_none_or(|(b, _)| gain > *b) {
                    best = Some((
                        gain,
                        Stump {
                            feature: j,
                            cut,
                            below: shrink * gl / hl,
                            above: shrink * gr / hr,
                        },
                    ));
                }
            }
        }
        let Some((_, st)) = best else { break };
        for (i, x) in xs.iter().enumerate() {
            f[i] += if x[st.feature] < st.cut {
                st.below
            } else {
                st.above
            };
        }
        out.push(st);
    }
    out
}

fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn print_constants(w: &Weights, threshold: f64, c: &Weights, cutoff: f64) {
    println!("\n// fitted constants for src/fit/weights.rs");
    for (name, w) in [("WEIGHTS", w), ("SAME_STORY_WEIGHTS", c)] {
        println!("pub const {name}: Weights = Weights {{");
        println!("    bias: {:.4},", w.bias);
        for (n, v) in Components::NAMES.iter().zip(w.to_array()) {
            println!("    {n}: {v:.4},");
        }
        println!("}};");
    }
    println!("pub const SAME_STORY_THRESHOLD: f64 = {threshold:.3};");
    println!("pub const SAME_STORY_PROBABILITY: f64 = {cutoff:.3};");
}

/// Candidate components not (yet) in the model, computed here to be tried by
/// [`cross_validate`]: (name, one value per pair).
fn candidates(
    pairs: &[Pair],
    features: &[Features],
    articles: &[Article],
) -> Vec<(&'static str, Vec<f64>)> {
    use std::collections::{BTreeSet, HashMap as Map};
    let days = |f: &Features| -> Vec<i64> {
        f.dates
            .keys()
            .filter_map(|d| {
                let p: Vec<i64> = d.split('-').filter_map(|x| x.parse().ok()).collect();
                (p.len() == 3).then(|| p[0] * 372 + p[1] * 31 + p[2])
            })
            .collect()
    };
    let gap = |a: &Features, b: &Features| -> Option<i64> {
        let (da, db) = (days(a), days(b));
        da.iter()
            .flat_map(|x| db.iter().map(move |y| (x - y).abs()))
            .min()
    };
    // Consonant skeletons of names (transliteration variants: Navalny/Nawalny, Putin/Poutine).
    let skeleton = |k: &str| -> String {
        let k = k
            .replace("kh", "k")
            .replace("ch", "k")
            .replace("sch", "s")
            .replace("sh", "s")
            .replace("ph", "f")
            .replace("th", "t");
        let mut out = String::new();
        for c in k.chars() {
            let c = match c {
                'w' => 'v',
                'z' => 's',
                'c' | 'q' => 'k',
                'j' | 'y' | 'h' => continue,
                c if "aeiou".contains(c) => continue,
                c if !c.is_alphanumeric() => continue,
                c => c,
            };
            if !out.ends_with(c) {
                out.push(c);
            }
        }
        out
    };
    let names = |f: &Features| -> BTreeSet<String> {
        f.entities
            .keys()
            .chain(f.capitalised.keys())
            .map(|k| skeleton(k))
            .filter(|s| s.chars().count() >= 3)
            .collect()
    };
    let name_sets: Vec<BTreeSet<String>> = features.iter().map(names).collect();
    let mut df: Map<&str, f64> = Map::new();
    for s in &name_sets {
        for k in s {
            *df.entry(k.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let n = features.len() as f64;
    let idf = |k: &str| ((1.0 + n) / (1.0 + df.get(k).copied().unwrap_or(0.0))).ln() + 1.0;
    let set_cos = |a: &BTreeSet<String>, b: &BTreeSet<String>, pow: f64| -> f64 {
        let na: f64 = a.iter().map(|k| idf(k).powf(2.0 * pow)).sum::<f64>().sqrt();
        let nb: f64 = b.iter().map(|k| idf(k).powf(2.0 * pow)).sum::<f64>().sqrt();
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        a.intersection(b)
            .map(|k| idf(k).powf(2.0 * pow))
            .sum::<f64>()
            / (na * nb)
    };
    let bag_cos_pow = |a: &newsloom_stories::features::Bag,
                       b: &newsloom_stories::features::Bag,
                       idf: &dyn Fn(&str) -> f64|
     -> f64 {
        let w = |k: &str, n: u32| (1.0 + f64::from(n.max(1)).ln()) * idf(k);
        let na = a.iter().map(|(k, n)| w(k, *n).powi(2)).sum::<f64>().sqrt();
        let nb = b.iter().map(|(k, n)| w(k, *n).powi(2)).sum::<f64>().sqrt();
        if na == 0.0 || nb == 0.0 {
            return 0.0;
        }
        a.iter()
            .filter_map(|(k, n)| b.get(k).map(|m| w(k, *n) * w(k, *m)))
            .sum::<f64>()
            / (na * nb)
    };
    let mut term_df: Map<&str, f64> = Map::new();
    let mut ent_df: Map<&str, f64> = Map::new();
    for f in features {
        for k in f.terms.keys() {
            *term_df.entry(k.as_str()).or_insert(0.0) += 1.0;
        }
        for k in f.entities.keys() {
            *ent_df.entry(k.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let idf2 = |df: &Map<&str, f64>, k: &str| {
        (((1.0 + n) / (1.0 + df.get(k).copied().unwrap_or(0.0))).ln() + 1.0).powi(2)
    };
    // Consonant skeletons of whole words, for cognates across languages
    // (gouvernement/governo/gobierno → gvrn; police/Polizei/polizia → pls).
    let cognate = |w: &str| -> Option<String> {
        let w = newsloom_stories::normalise::fold(w);
        if w.chars().count() < 5 || w.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let w = w
            .replace("ph", "f")
            .replace("th", "t")
            .replace("qu", "k")
            .replace("ch", "k");
        let chars: Vec<char> = w.chars().collect();
        let mut out = String::new();
        for (i, &c) in chars.iter().enumerate() {
            let next = chars.get(i + 1).copied().unwrap_or(' ');
            let c = match c {
                'c' if "eiy".contains(next) => 's',
                'c' | 'q' => 'k',
                'z' => 's',
                'w' | 'b' => 'v',
                'h' | 'y' | 'j' => continue,
                c if "aeiou".contains(c) => continue,
                c if !c.is_alphanumeric() => continue,
                c => c,
            };
            if !out.ends_with(c) {
                out.push(c);
            }
            if out.chars().count() == 4 {
                break;
            }
        }
        (out.chars().count() >= 3).then_some(out)
    };
    let cognate_bags: Vec<newsloom_stories::features::Bag> = articles
        .iter()
        .map(|a| {
            let mut bag = newsloom_stories::features::Bag::new();
            let text = format!("{} {}", a.title.as_deref().unwrap_or(""), a.text);
            for w in text.split(|c: char| !c.is_alphanumeric()) {
                if let Some(k) = cognate(w) {
                    *bag.entry(k).or_insert(0) += 1;
                }
            }
            bag
        })
        .collect();
    let mut cog_df: Map<&str, f64> = Map::new();
    for b in &cognate_bags {
        for k in b.keys() {
            *cog_df.entry(k.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let cog_idf = |k: &str| ((1.0 + n) / (1.0 + cog_df.get(k).copied().unwrap_or(0.0))).ln() + 1.0;
    // Variants of the `lexical` component (the lexicon's key space): cross-lingual pairs only,
    // IDF², the lead. (`lex_all` is `lexical` computed here, for checking.)
    let lexicon = newsloom_stories::lexicon::Lexicon::shared(5);
    let map_bag = |f: &Features, bag: &newsloom_stories::features::Bag| {
        let mut out = newsloom_stories::features::Bag::new();
        for (k, n) in bag {
            match lexicon.translate(&f.language, k) {
                Some(ens) => {
                    for e in ens {
                        *out.entry(e.clone()).or_insert(0) += *n;
                    }
                }
                None => *out.entry(k.clone()).or_insert(0) += *n,
            }
        }
        out
    };
    let lex_bags: Vec<newsloom_stories::features::Bag> =
        features.iter().map(|f| map_bag(f, &f.terms)).collect();
    let lex_leads: Vec<newsloom_stories::features::Bag> =
        features.iter().map(|f| map_bag(f, &f.lead)).collect();
    let mut lex_df: Map<&str, f64> = Map::new();
    for b in &lex_bags {
        for k in b.keys() {
            *lex_df.entry(k.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let lex_idf = |k: &str| ((1.0 + n) / (1.0 + lex_df.get(k).copied().unwrap_or(0.0))).ln() + 1.0;
    let mut out: Vec<(&'static str, Vec<f64>)> = vec![
        ("lex_cross", vec![]),
        ("lex_all", vec![]),
        ("lex_rare_all", vec![]),
        ("lex_rare_cross", vec![]),
        ("lex_lead_cross", vec![]),
        ("lex_lead_all", vec![]),
        ("cognate", vec![]),
        ("cognate_cross", vec![]),
        ("cognate_rare", vec![]),
        ("date_near", vec![]),
        ("date_far", vec![]),
        ("names_skeleton", vec![]),
        ("names_skeleton_cross", vec![]),
        ("lead_rare", vec![]),
        ("entity_rare", vec![]),
        ("length_ratio", vec![]),
    ];
    for p in pairs {
        let (a, b) = (&features[p.a], &features[p.b]);
        let cross = a.language != b.language;
        let lx = bag_cos_pow(&lex_bags[p.a], &lex_bags[p.b], &lex_idf).sqrt();
        let lr = bag_cos_pow(&lex_bags[p.a], &lex_bags[p.b], &|k| lex_idf(k).powi(2)).sqrt();
        let ll = bag_cos_pow(&lex_leads[p.a], &lex_leads[p.b], &lex_idf).sqrt();
        let only = |x: f64| if cross { x } else { 0.0 };
        for (j, v) in [only(lx), lx, lr, only(lr), only(ll), ll]
            .into_iter()
            .enumerate()
        {
            out[j].1.push(v);
        }
        let out = &mut out[6..];
        let cog = bag_cos_pow(&cognate_bags[p.a], &cognate_bags[p.b], &cog_idf).sqrt();
        out[0].1.push(cog);
        out[1]
            .1
            .push(if a.language != b.language { cog } else { 0.0 });
        out[2].1.push(
            bag_cos_pow(&cognate_bags[p.a], &cognate_bags[p.b], &|k| {
                cog_idf(k).powi(2)
            })
            .sqrt(),
        );
        let g = gap(a, b);
        out[3].1.push(g.map_or(0.0, |g| (-(g as f64) / 7.0).exp()));
        out[4]
            .1
            .push(g.map_or(0.0, |g| if g > 14 { 1.0 } else { 0.0 }));
        let sk = set_cos(&name_sets[p.a], &name_sets[p.b], 1.0).sqrt();
        out[5].1.push(sk);
        out[6]
            .1
            .push(if a.language != b.language { sk } else { 0.0 });
        out[7]
            .1
            .push(bag_cos_pow(&a.lead, &b.lead, &|k| idf2(&term_df, k)).sqrt());
        out[8]
            .1
            .push(bag_cos_pow(&a.entities, &b.entities, &|k| idf2(&ent_df, k)).sqrt());
        let (la, lb) = (a.terms.len() as f64, b.terms.len() as f64);
        out[9].1.push(if la.max(lb) > 0.0 {
            la.min(lb) / la.max(lb)
        } else {
            0.0
        });
    }
    out
}

/// k-fold cross-validation inside the fitting half only (folds by connected article
/// components), for choosing components without looking at the held-out half: each variant's
/// out-of-fold Pearson (graded model) and F1 (classifier, threshold chosen on the training
/// folds), averaged over the two halves' roles swapped only when `PAIRS_SWAP` is set.
fn cross_validate(
    pairs: &[Pair],
    comps: &[Components],
    features: &[Features],
    articles: &[Article],
    fitting: &[bool],
    k: usize,
) {
    let swap = std::env::var_os("PAIRS_SWAP").is_some();
    let rows: Vec<usize> = (0..pairs.len()).filter(|&i| fitting[i] != swap).collect();
    // Folds by connected component (its root), so no article is on both sides of a fold.
    let fold: Vec<usize> = component_roots(pairs)
        .iter()
        .map(|r| (fnv1a(r) >> 8) as usize % k)
        .collect();
    let mut extra = candidates(pairs, features, articles);
    if std::env::var_os("PAIRS_STACK").is_some() {
        // Multi-task stacking: one logistic model per annotator sub-score (Geography, Entities,
        // Time, Narrative) on the components (+ PAIRS_TRY columns); its out-of-fold predictions
        // (folds as below, fitting half only) become candidate columns `sub_*` for the Overall
        // models. Rows outside the fitting half get the prediction of the model fitted on all
        // of it. (Nested: the outer folds' test rows were in the sub-models' training data of
        // the other folds, but never in the fold that predicts them.)
        let list = std::env::var("PAIRS_TRY").unwrap_or_default();
        let pick: Vec<usize> = list
            .split(',')
            .filter_map(|n| extra.iter().position(|(m, _)| m == &n))
            .collect();
        let xs: Vec<Vec<f64>> = comps
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let mut x = c.to_array().to_vec();
                x.extend(pick.iter().map(|&j| extra[j].1[i]));
                x
            })
            .collect();
        let n = xs[0].len();
        let fold: Vec<usize> = component_roots(pairs)
            .iter()
            .map(|r| (fnv1a(r) >> 8) as usize % k)
            .collect();
        let apply = |(b, w): &(f64, Vec<f64>), x: &[f64]| {
            sigmoid(b + x.iter().zip(w).map(|(a, c)| a * c).sum::<f64>())
        };
        let swap = std::env::var_os("PAIRS_SWAP").is_some();
        let rows: Vec<usize> = (0..pairs.len()).filter(|&i| fitting[i] != swap).collect();
        let names = ["sub_geography", "sub_entities", "sub_time", "sub_narrative"];
        for (s, name) in names.into_iter().enumerate() {
            let fit = |train: &[usize]| {
                let tx: Vec<Vec<f64>> = train.iter().map(|&i| xs[i].clone()).collect();
                let ty: Vec<f64> = train.iter().map(|&i| pairs[i].subs[s]).collect();
                fit_logistic_rows(&tx, &ty, n, &FitConfig::default())
            };
            let all = fit(&rows);
            let mut col: Vec<f64> = xs.iter().map(|x| apply(&all, x)).collect();
            for f in 0..k {
                let train: Vec<usize> = rows.iter().copied().filter(|&i| fold[i] != f).collect();
                let w = fit(&train);
                for &i in rows.iter().filter(|&&i| fold[i] == f) {
                    col[i] = apply(&w, &xs[i]);
                }
            }
            extra.push((name, col));
        }
    }
    let drop: Vec<usize> = std::env::var("PAIRS_DROP")
        .unwrap_or_default()
        .split(',')
        .filter_map(|n| Components::NAMES.iter().position(|m| *m == n))
        .collect();
    let base: Vec<Vec<f64>> = comps
        .iter()
        .map(|c| {
            let mut x = c.to_array().to_vec();
            for &j in &drop {
                x[j] = 0.0;
            }
            x
        })
        .collect();
    let mut variants: Vec<(String, Vec<usize>)> = vec![("current".into(), vec![])];
    let only = std::env::var("PAIRS_ONLY").unwrap_or_default();
    for (j, (name, _)) in extra.iter().enumerate() {
        if name.starts_with(only.as_str()) {
            variants.push((format!("+{name}"), vec![j]));
        }
    }
    if let Ok(list) = std::env::var("PAIRS_TRY") {
        let pick: Vec<usize> = list
            .split(',')
            .filter_map(|n| extra.iter().position(|(m, _)| m == &n))
            .collect();
        variants.push((format!("+{list}"), pick));
    }
    println!(
        "{:<40} {:>8} {:>8} {:>8}",
        "variant (CV in the fitting half)", "Pearson", "F1 clf", "F1 reg"
    );
    for (name, extra_cols) in variants {
        let xs: Vec<Vec<f64>> = base
            .iter()
            .enumerate()
            .map(|(i, x)| {
                let mut x = x.clone();
                for &j in &extra_cols {
                    x.push(extra[j].1[i]);
                }
                x
            })
            .collect();
        let n = xs[0].len();
        let mut reg = vec![0.0; pairs.len()];
        let mut clf = vec![0.0; pairs.len()];
        let mut oof = vec![0.0; pairs.len()];
        let mut oof_mix = vec![0.0; pairs.len()];
        let mut oof_lin = vec![0.0; pairs.len()];
        let mut hits = (0.0, 0.0, 0.0);
        let mut hits_reg = (0.0, 0.0, 0.0);
        for f in 0..k {
            let train: Vec<usize> = rows.iter().copied().filter(|&i| fold[i] != f).collect();
            let test: Vec<usize> = rows.iter().copied().filter(|&i| fold[i] == f).collect();
            let tx: Vec<Vec<f64>> = train.iter().map(|&i| xs[i].clone()).collect();
            let graded: Vec<f64> = train.iter().map(|&i| pairs[i].graded).collect();
            let same: Vec<f64> = train
                .iter()
                .map(|&i| if pairs[i].same { 1.0 } else { 0.0 })
                .collect();
            let mut cfg = FitConfig::default();
            if let Some(l2) = std::env::var("PAIRS_L2").ok().and_then(|v| v.parse().ok()) {
                cfg.l2 = l2;
            }
            let wr = fit_logistic_rows(&tx, &graded, n, &cfg);
            let wc = fit_logistic_rows(&tx, &same, n, &cfg);
            let apply = |(b, w): &(f64, Vec<f64>), x: &[f64]| {
                sigmoid(b + x.iter().zip(w).map(|(a, c)| a * c).sum::<f64>())
            };
            for i in 0..pairs.len() {
                reg[i] = apply(&wr, &xs[i]);
                clf[i] = apply(&wc, &xs[i]);
            }
            let (t, tr) = if std::env::var_os("PAIRS_OOF_THRESHOLD").is_some() {
                // Thresholds chosen on out-of-fold scores of the training folds (inner
                // cross-validation), not on their in-sample scores.
                let mut inner_clf = vec![0.0; pairs.len()];
                let mut inner_reg = vec![0.0; pairs.len()];
                for g in (0..k).filter(|&g| g != f) {
                    let fit: Vec<usize> = train.iter().copied().filter(|&i| fold[i] != g).collect();
                    let fx: Vec<Vec<f64>> = fit.iter().map(|&i| xs[i].clone()).collect();
                    let fg: Vec<f64> = fit.iter().map(|&i| pairs[i].graded).collect();
                    let fs: Vec<f64> = fit
                        .iter()
                        .map(|&i| if pairs[i].same { 1.0 } else { 0.0 })
                        .collect();
                    let ir = fit_logistic_rows(&fx, &fg, n, &cfg);
                    let ic = fit_logistic_rows(&fx, &fs, n, &cfg);
                    for &i in train.iter().filter(|&&i| fold[i] == g) {
                        inner_reg[i] = apply(&ir, &xs[i]);
                        inner_clf[i] = apply(&ic, &xs[i]);
                    }
                }
                (
                    best_threshold(&train, &inner_clf, pairs),
                    best_threshold(&train, &inner_reg, pairs),
                )
            } else {
                (
                    best_threshold(&train, &clf, pairs),
                    best_threshold(&train, &reg, pairs),
                )
            };
            for &i in &test {
                for (h, s, t) in [(&mut hits, clf[i], t), (&mut hits_reg, reg[i], tr)] {
                    match (s >= t, pairs[i].same) {
                        (true, true) => h.0 += 1.0,
                        (true, false) => h.1 += 1.0,
                        (false, true) => h.2 += 1.0,
                        _ => {}
                    }
                }
            }
            let lin = ridge(&tx, &graded, 1e-2);
            // The out-of-fold scores, for the Pearson.
            for &i in &test {
                oof[i] = reg[i];
                oof_mix[i] = 0.5 * (reg[i] + clf[i]);
                oof_lin[i] = lin.0 + xs[i].iter().zip(&lin.1).map(|(a, c)| a * c).sum::<f64>();
            }
        }
        let f1 = |h: (f64, f64, f64)| 2.0 * h.0 / (2.0 * h.0 + h.1 + h.2);
        let pick = |v: &[f64]| -> Vec<f64> { rows.iter().map(|&i| v[i]).collect() };
        let ys: Vec<f64> = rows.iter().map(|&i| pairs[i].graded).collect();
        println!(
            "{:<40} {:>8.3} {:>8.3} {:>8.3}   mix {:.3} linear {:.3}",
            name,
            pearson(&pick(&oof), &ys),
            f1(hits),
            f1(hits_reg),
            pearson(&pick(&oof_mix), &ys),
            pearson(&pick(&oof_lin), &ys),
        );
    }
}

/// The connected-component root (smallest base id) of each pair.
fn component_roots(pairs: &[Pair]) -> Vec<String> {
    let mut parent: HashMap<String, String> = HashMap::new();
    fn find(parent: &mut HashMap<String, String>, x: &str) -> String {
        let mut x = x.to_string();
        loop {
            let p = parent.entry(x.clone()).or_insert_with(|| x.clone()).clone();
            if p == x {
                return x;
            }
            x = p;
        }
    }
    let ends = |p: &Pair| {
        let mut ids = p.id.splitn(2, '_');
        let a = base_id(ids.next().unwrap_or_default()).to_string();
        let b = base_id(ids.next().unwrap_or_default()).to_string();
        (a, b)
    };
    for p in pairs {
        let (a, b) = ends(p);
        let (ra, rb) = (find(&mut parent, &a), find(&mut parent, &b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent.insert(hi, lo);
        }
    }
    pairs
        .iter()
        .map(|p| find(&mut parent, &ends(p).0))
        .collect()
}

/// Ridge regression `y ≈ b + w·x` (L2 `lambda` on `w`), by the normal equations.
#[allow(clippy::needless_range_loop)]
fn ridge(xs: &[Vec<f64>], ys: &[f64], lambda: f64) -> (f64, Vec<f64>) {
    let n = xs.first().map_or(0, Vec::len) + 1;
    let mut a = vec![vec![0.0; n + 1]; n];
    for (x, y) in xs.iter().zip(ys) {
        let row: Vec<f64> = std::iter::once(1.0).chain(x.iter().copied()).collect();
        for i in 0..n {
            for j in 0..n {
                a[i][j] += row[i] * row[j];
            }
            a[i][n] += row[i] * y;
        }
    }
    let m = xs.len() as f64;
    for (i, r) in a.iter_mut().enumerate().skip(1) {
        r[i] += lambda * m;
    }
    // Gauss-Jordan with partial pivoting.
    for c in 0..n {
        let p = (c..n)
            .max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))
            .unwrap_or(c);
        a.swap(c, p);
        let d = a[c][c];
        if d.abs() < 1e-12 {
            continue;
        }
        for j in c..=n {
            a[c][j] /= d;
        }
        for i in 0..n {
            if i != c {
                let f = a[i][c];
                for j in c..=n {
                    a[i][j] -= f * a[c][j];
                }
            }
        }
    }
    let sol: Vec<f64> = a.iter().map(|r| r[n]).collect();
    (sol[0], sol[1..].to_vec())
}
