//! Trains the entity tagger on WikiNEuRal (en, fr, es, de, it) and KIND Wikinews train splits.
//!
//! ```text
//! cargo run --release -p newsloom-analyse --example ner_train -- \
//!     --data ../shared/data/ner --out crates/analyse/models/ner.bin [--epochs 15] [--bits 20] \
//!     [--gazetteers DIR | --no-external]
//! ```
//!
//! The external name lists are read from `crates/analyse/data/gazetteers` (built by
//! `scripts/build-gazetteers`) unless `--gazetteers DIR` names another directory or
//! `--no-external` leaves them out.

use newsloom_analyse::ner::{corpus, external, format, gazetteer::Gazetteer, train};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner_train: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut data = PathBuf::from("../shared/data/ner");
    let mut out = PathBuf::from("crates/analyse/models/ner.bin");
    let mut config = train::TrainConfig::default();
    let mut lists = Some(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/gazetteers"));
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = PathBuf::from(value()?),
            "--out" => out = PathBuf::from(value()?),
            "--epochs" => config.epochs = value()?.parse()?,
            "--bits" => config.bits = value()?.parse()?,
            "--seed" => config.seed = value()?.parse()?,
            "--prune" => config.quantise.prune_below = value()?.parse()?,
            "--news-repeat" => config.news_repeat = value()?.parse()?,
            "--folds" => config.folds = value()?.parse()?,
            "--class-bits" => config.class_bits = value()?.parse()?,
            "--class-min" => config.class_min_count = value()?.parse()?,
            "--no-gazetteer" => config.gazetteer = false,
            "--gaz-blocks" => config.gazetteer_blocks = value()?.parse()?,
            "--gazetteers" => lists = Some(PathBuf::from(value()?)),
            "--no-external" => lists = None,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let start = Instant::now();
    let mut corpora = Vec::new();
    for f in corpus::files(&data, corpus::Split::Train) {
        let c = corpus::read(&f)?;
        let tokens: usize = c.sentences.iter().map(|s| s.words.len()).sum();
        eprintln!(
            "{}: {} sentences, {tokens} tokens",
            f.name,
            c.sentences.len()
        );
        corpora.push(c);
    }
    let external = match &lists {
        Some(dir) => external::read_dir(dir)?,
        None => Gazetteer::new(),
    };
    eprintln!("external name lists: {} entries", external.len());
    let (weights, lexicon) = train::train(&corpora, &config, external, |stage, r| {
        eprintln!(
            "stage {stage} epoch {}: train accuracy {:.4} ({:.1}s)",
            r.epoch,
            r.accuracy,
            start.elapsed().as_secs_f64()
        );
    });
    let bytes = format::encode(&weights, &lexicon);
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "wrote {} ({:.2} MB) in {:.1}s",
        out.display(),
        bytes.len() as f64 / 1e6,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
