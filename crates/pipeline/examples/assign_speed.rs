//! Times story assignment over a store: a full replay against resuming from the saved index
//! (read from its file, or kept in memory by the previous run), when a few articles arrive.
//!
//! ```text
//! cargo run --release -p newsloom-pipeline --example assign_speed -- ../shared/data/stories/pairs-dev.jsonl [batch]
//! ```
//!
//! The texts of the pairs file (about 1,460 articles in five languages) are analysed and stored
//! in a temporary store, all but the last `batch` (default 10) first; then the last ones arrive
//! and are assigned three ways. The figures are wall times of `stories::assign`, store reads
//! included.

use newsloom_analyse::Analyser;
use newsloom_model::{Article, Language};
use newsloom_pipeline::stories::{assign, IndexSource, STATE_FILE};
use newsloom_store::{SourceInfo, Store};
use std::collections::HashSet;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/stories/pairs-dev.jsonl".into());
    let batch: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10);
    let raw = match std::fs::read_to_string(&path) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("assign_speed: cannot read {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let analyser = Analyser::new();
    let mut seen = HashSet::new();
    let mut articles = Vec::new();
    for line in raw.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            eprintln!("assign_speed: a line is not JSON");
            return ExitCode::from(2);
        };
        let pair = v["pair_id"].as_str().unwrap_or_default().to_string();
        for (id, side) in pair.splitn(2, '_').zip(["1", "2"]) {
            if !seen.insert(id.to_string()) {
                continue;
            }
            let mut a = Article::new(id);
            a.language = Language::parse(v[format!("lang{side}")].as_str().unwrap_or_default())
                .unwrap_or_default();
            a.text = v[format!("text{side}")]
                .as_str()
                .unwrap_or_default()
                .to_string();
            a.url = Some(format!("https://pairs.example/{id}"));
            analyser.analyse(&mut a, None);
            articles.push((
                a,
                SourceInfo {
                    source: format!("pairs:{id}"),
                    fetched_at: None,
                    raw_hash: None,
                },
            ));
        }
    }
    let last = articles.split_off(articles.len().saturating_sub(batch));
    let n = articles.len();
    let run = |way: &str| -> Result<(), Box<dyn std::error::Error>> {
        let tmp = tempfile::tempdir()?;
        let mut store = Store::open(tmp.path())?;
        store.put_batch(articles.clone())?;
        let t = Instant::now();
        let first = assign(&mut store)?;
        let replay_all = t.elapsed().as_secs_f64();
        assert!(matches!(first.index, IndexSource::Replayed(_)));
        let state = tmp.path().join(STATE_FILE);
        let size = std::fs::metadata(&state)?.len() as f64;
        store.put_batch(last.clone())?;
        match way {
            // Another modification time: the in-memory index is not used, the file is read.
            "file" => std::fs::File::options()
                .write(true)
                .open(&state)?
                .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(2))?,
            "replay" => std::fs::remove_file(&state)?,
            _ => {}
        }
        let t = Instant::now();
        let r = assign(&mut store)?;
        let secs = t.elapsed().as_secs_f64();
        println!(
            "{n} articles assigned by a replay in {replay_all:.2}s (saved index {:.1} MB, \
             {:.0} bytes/article); then {batch} new ones with the index from {way:<6}: \
             {secs:.3}s ({:?}, {} articles through the index)",
            size / 1e6,
            size / n as f64,
            r.index,
            r.processed
        );
        Ok(())
    };
    for way in ["memory", "file", "replay"] {
        if let Err(e) = run(way) {
            eprintln!("assign_speed: {e}");
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
