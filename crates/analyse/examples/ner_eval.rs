//! Evaluates the entity tagger on the dev splits: entity-level micro F1 over PER/ORG/LOC (exact
//! span and label, MISC excluded) per set, on the gold tokens, and single-core tagging speed.
//!
//! ```text
//! cargo run --release -p newsloom-analyse --example ner_eval -- \
//!     --data ../shared/data/ner [--model crates/analyse/models/ner.bin] [--dump DIR]
//! ```

use newsloom_analyse::ner::{corpus, eval::Counts, Model};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("ner_eval: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut data = PathBuf::from("../shared/data/ner");
    let mut model_path: Option<PathBuf> = None;
    let mut dump: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--data" => data = PathBuf::from(value()?),
            "--model" => model_path = Some(PathBuf::from(value()?)),
            "--dump" => dump = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let model = match &model_path {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
            Model::from_bytes(&bytes)?
        }
        None => Model::embedded(),
    };
    let tagger = model.tagger().ok_or("the model is empty")?;
    println!(
        "{:<22} {:>7} {:>7} {:>7} {:>7} {:>9} {:>11}",
        "set", "P", "R", "F1", "gold", "tokens", "tokens/s"
    );
    for f in corpus::files(&data, corpus::Split::Dev) {
        let c = corpus::read(&f)?;
        let mut counts = Counts::default();
        let mut tokens = 0usize;
        let start = Instant::now();
        let mut preds = Vec::with_capacity(c.sentences.len());
        for s in &c.sentences {
            preds.push(tagger.tag_in(&s.words, &f.lang, f.domain));
            tokens += s.words.len();
        }
        let secs = start.elapsed().as_secs_f64();
        for (s, p) in c.sentences.iter().zip(&preds) {
            counts.add(&s.tags, p);
        }
        if let Some(dir) = &dump {
            let mut out = String::new();
            for (s, p) in c.sentences.iter().zip(&preds) {
                for ((w, g), t) in s.words.iter().zip(&s.tags).zip(p) {
                    out.push_str(&format!("{w}\t{}\t{}\n", g.name(), t.name()));
                }
                out.push('\n');
            }
            let path = dir.join(f.name.replace('/', "_") + ".tsv");
            std::fs::write(&path, out).map_err(|e| format!("{}: {e}", path.display()))?;
        }
        println!(
            "{:<22} {:>7.4} {:>7.4} {:>7.4} {:>7} {:>9} {:>11.0}",
            f.name,
            counts.precision(),
            counts.recall(),
            counts.f1(),
            counts.tp + counts.fn_,
            tokens,
            tokens as f64 / secs
        );
    }
    Ok(())
}
