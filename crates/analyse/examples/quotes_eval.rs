//! Evaluates quote detection and speaker attribution on two hand-annotated sets.
//!
//! ```text
//! cargo run --release -p newsloom-analyse --example quotes_eval -- ../shared/data/quotes [--ner] [--errors] [--split train] [--rules]
//! ```
//!
//! `--ner` resolves speakers against the embedded entity tagger (without it, against no
//! entities: the capitalised-name fallback); `--errors` lists false positives (FP), misses (FN)
//! and wrong speakers (SPK); `--rules` turns the learned speaker ranker off.
//!
//! Sets (development splits only; the data stays outside the repository — see its READMEs for
//! the licences):
//!
//! - `german_wikinews/dev/*.json` (German): gold direct quotes are the annotations of type
//!   `Direct` (one gold quote per distinct span; the speakers of every annotation of that span
//!   are accepted); gold indirect quotes are those of type `Indirect`.
//! - `polnear/dev` (English, brat): a gold direct quote is a pair of double quotation marks
//!   (paired per paragraph: “ opens, ” closes, " alternates; outermost pairs only) whose words are
//!   at least half covered by the `Content` of one attribution; its speaker is that
//!   attribution's `Source`. Gold indirect quotes are `Content` spans with no quotation mark.
//!   Only the first annotator's file of an article is used.
//!
//! Matching: a predicted quote matches a gold one when their character spans, ignoring the
//! quotation marks, overlap by at least half of the shorter one. Precision counts predictions
//! matching some gold quote, recall gold quotes matched by some prediction.
//!
//! Speaker accuracy is measured on the found gold direct quotes (the best-overlapping
//! prediction): correct when the predicted speaker and a gold speaker text contain one another
//! (case-insensitively) or share a capitalised name word of three letters or more; when the
//! gold speaker is a pronoun or a bare role ("er", "he", "the spokeswoman", "Der Sprecher"), its
//! antecedent — the nearest preceding named gold speaker of the article — is accepted too. A
//! gold quote with no speaker is correct only with `speaker: None`.

#[path = "support/quotes_gold.rs"]
#[allow(dead_code)]
mod quotes_gold;

use quotes_gold::{evaluate_with, load_polnear, load_wikinews, Doc};
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = PathBuf::from(
        args.iter()
            .enumerate()
            .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--split"))
            .map(|(_, a)| a)
            .cloned()
            .unwrap_or_else(|| "../shared/data/quotes".into()),
    );
    let errors = args.iter().any(|a| a == "--errors");
    // `--rules` scores the rule cascade alone, without the learned speaker ranker.
    let config = newsloom_analyse::quotes::QuoteConfig {
        speaker_ranker: !args.iter().any(|a| a == "--rules"),
        ..Default::default()
    };
    // With `--ner`, speakers are resolved against the embedded entity tagger's entities.
    let ner = args
        .iter()
        .any(|a| a == "--ner")
        .then(newsloom_analyse::ner::Model::embedded);
    // `--split train` scores the training splits instead (for error analysis that leaves the
    // dev sets unseen).
    let split = args
        .iter()
        .position(|a| a == "--split")
        .and_then(|i| args.get(i + 1))
        .map_or("dev", String::as_str);
    let (wn, pn) = (
        format!("german_wikinews/{split}"),
        format!("polnear/{split}"),
    );
    let sets: Vec<(&str, Result<Vec<Doc>, String>)> = vec![
        (wn.as_str(), load_wikinews(&root.join(&wn))),
        (pn.as_str(), load_polnear(&root.join(&pn))),
    ];
    println!(
        "{:<20} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>8} | {:>6} {:>6} {:>6} {:>6}",
        "set",
        "docs",
        "gold",
        "pred",
        "P",
        "R",
        "F1",
        "speaker",
        "ind.g",
        "ind.P",
        "ind.R",
        "ind.F1"
    );
    for (name, docs) in sets {
        let docs = match docs {
            Ok(d) => d,
            Err(e) => {
                println!("{name:<20} SKIPPED: {e}");
                continue;
            }
        };
        let (direct, indirect) = evaluate_with(&docs, ner.as_ref(), errors, &config);
        println!(
            "{:<20} {:>5} {:>6} {:>6} {:>6.3} {:>6.3} {:>6.3} {:>8.3} | {:>6} {:>6.3} {:>6.3} {:>6.3}",
            name,
            docs.len(),
            direct.gold,
            direct.pred,
            direct.p(),
            direct.r(),
            direct.f1(),
            direct.speaker(),
            indirect.gold,
            indirect.p(),
            indirect.r(),
            indirect.f1(),
        );
    }
}
