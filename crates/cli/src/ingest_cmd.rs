//! `newsloom ingest`: pages, WARC files, feeds, sitemaps and URLs into the store.
//!
//! Three stages: the ingest crate's producer reads or fetches raw documents (bounded channel);
//! worker threads, one per core, extract and analyse them; the calling thread stores them in
//! batches (one SQLite transaction and one index commit per batch).

use crate::data_dir::DataArgs;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressStyle};
use newsloom_analyse::Analyser;
use newsloom_ingest::{IngestConfig, Ingester, RawDoc, Source};
use newsloom_model::Article;
use newsloom_store::{PutStatus, SourceInfo, Store};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Arguments of `newsloom ingest`.
#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// What to ingest: files and directories of pages, WARC files (.warc, .warc.gz), RSS/Atom
    /// feeds and XML sitemaps (files or URLs), page URLs, or `-` for one page on stdin.
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<String>,
    /// The data directory.
    #[command(flatten)]
    pub data: DataArgs,
    /// Articles stored per transaction.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub batch: usize,
    /// Worker threads for extraction and analysis (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Seconds between two requests to the same host.
    #[arg(long, value_name = "SECONDS", default_value_t = 1.0)]
    pub host_interval: f64,
    /// Skip the analysis stage (no entities, quotes, sources, dates in the store).
    #[arg(long)]
    pub no_analysis: bool,
    /// Do not assign the new articles to stories now (the next ingest without this flag will).
    #[arg(long)]
    pub no_stories: bool,
}

/// One processed document on its way to the store.
type Processed = Result<(Article, SourceInfo), (String, String)>;

/// Counts for the summary.
#[derive(Debug, Default)]
struct Tally {
    inserted: u64,
    updated: u64,
    duplicate: u64,
    near_duplicate: u64,
    unchanged: u64,
    failed: Vec<(String, String)>,
}

/// Runs the command.
pub fn run(args: &IngestArgs, quiet: bool) -> Result<ExitCode> {
    let mut sources = Vec::new();
    let mut tally = Tally::default();
    for arg in &args.sources {
        match Source::parse(arg) {
            Ok(source) => sources.push(source),
            Err(err) => tally.failed.push((arg.clone(), err.to_string())),
        }
    }
    let dir = args.data.dir();
    let mut store =
        Store::open(&dir).with_context(|| format!("cannot open the store in {}", dir.display()))?;
    let mut config = IngestConfig::default();
    config.fetch.min_interval = Duration::from_secs_f64(args.host_interval.max(0.0));
    let ingester = Ingester::new(config);
    let live = ingester.stats();
    let (docs, producer) = ingester.spawn(sources);
    let docs = Arc::new(Mutex::new(docs));
    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let analyser = Arc::new((!args.no_analysis).then(Analyser::new));
    let (done_tx, done_rx) = sync_channel::<Processed>(args.batch.max(1) * 2);
    let mut workers = Vec::new();
    for _ in 0..threads {
        let docs = Arc::clone(&docs);
        let analyser = Arc::clone(&analyser);
        let done = done_tx.clone();
        workers.push(std::thread::spawn(move || loop {
            let next = match docs.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            let Ok(next) = next else { return };
            let processed = match next {
                Ok(doc) => process(doc, analyser.as_ref().as_ref()),
                Err(err) => Err((err.input().to_string(), err.to_string())),
            };
            if done.send(processed).is_err() {
                return;
            }
        }));
    }
    drop(done_tx);

    let bar = progress(quiet);
    let started = Instant::now();
    let result = store_all(
        &mut store,
        &done_rx,
        args.batch.max(1),
        &mut tally,
        &bar,
        &live,
        started,
    );
    bar.finish_and_clear();
    drop(done_rx);
    for w in workers {
        let _ = w.join();
    }
    let stats = producer.join().unwrap_or_else(|_| live.snapshot());
    result?;
    if !args.no_stories {
        let story_started = Instant::now();
        let (assigned, created) =
            crate::stories_cmd::assign_new(&mut store).context("cannot assign stories")?;
        if !quiet {
            eprintln!(
                "stories: {assigned} articles assigned, {created} new stories ({:.1} s)",
                story_started.elapsed().as_secs_f64()
            );
        }
    }
    summary(&tally, &stats, started.elapsed());
    Ok(if tally.failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(crate::EXIT_SOME_FAILED)
    })
}

fn progress(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed} {msg}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// Extracts and analyses one raw document.
fn process(doc: RawDoc, analyser: Option<&Analyser>) -> Processed {
    newsloom_pipeline::process(doc, analyser).map_err(|f| (f.source_name, f.reason))
}

/// Stores processed documents in batches until the workers are done.
fn store_all(
    store: &mut Store,
    done: &Receiver<Processed>,
    batch_size: usize,
    tally: &mut Tally,
    bar: &ProgressBar,
    live: &newsloom_ingest::SharedStats,
    started: Instant,
) -> Result<()> {
    let mut batch = Vec::with_capacity(batch_size);
    let mut last_flush = Instant::now();
    let mut seen = 0u64;
    loop {
        let finished = match done.recv_timeout(Duration::from_millis(500)) {
            Ok(Ok(item)) => {
                batch.push(item);
                seen += 1;
                false
            }
            Ok(Err(failure)) => {
                seen += 1;
                tally.failed.push(failure);
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        if !batch.is_empty()
            && (finished
                || batch.len() >= batch_size
                || last_flush.elapsed() > Duration::from_secs(2))
        {
            let outcomes = store
                .put_batch(std::mem::take(&mut batch))
                .context("cannot store a batch")?;
            for o in outcomes {
                match o.status {
                    PutStatus::Inserted => tally.inserted += 1,
                    PutStatus::Updated => tally.updated += 1,
                    PutStatus::Duplicate { .. } => tally.duplicate += 1,
                    PutStatus::NearDuplicate { .. } => tally.near_duplicate += 1,
                    PutStatus::Unchanged => tally.unchanged += 1,
                }
            }
            last_flush = Instant::now();
        }
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{seen} documents, {:.0}/s, {} stored, {} failed{}",
            seen as f64 / secs,
            tally.inserted + tally.updated,
            tally.failed.len(),
            left(live.progress(), secs)
        ));
        if finished {
            return Ok(());
        }
    }
}

/// What is left of the run, as far as it is known: the share of local input read (with an
/// estimate of the time left) and the URLs fetched of those queued.
fn left((read, total, urls_done, urls_queued): (u64, u64, u64, u64), secs: f64) -> String {
    let mut out = String::new();
    if total > 0 {
        let share = read as f64 / total as f64;
        out.push_str(&format!(
            " · {:.0}% of {}",
            100.0 * share.min(1.0),
            human_bytes(total)
        ));
        if share > 0.01 && share < 1.0 {
            let rest = secs * (1.0 - share) / share;
            out.push_str(&format!(", about {} left", human_secs(rest)));
        }
    }
    if urls_queued > 0 {
        out.push_str(&format!(" · URLs {urls_done}/{urls_queued}"));
    }
    out
}

fn human_bytes(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = n as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

fn human_secs(secs: f64) -> String {
    let s = secs.round() as u64;
    match s {
        0..=59 => format!("{s} s"),
        60..=3599 => format!("{} min {} s", s / 60, s % 60),
        _ => format!("{} h {} min", s / 3600, (s % 3600) / 60),
    }
}

fn summary(tally: &Tally, stats: &newsloom_ingest::IngestStats, elapsed: Duration) {
    let stored = tally.inserted + tally.updated + tally.near_duplicate;
    let processed = stored + tally.duplicate + tally.unchanged + tally.failed.len() as u64;
    let skipped: u64 = stats.skipped.values().sum();
    eprintln!(
        "ingested {stored} (new {}, updated {}, near-duplicates {}), duplicates {}, unchanged {}, skipped {skipped}, failed {} — {processed} documents in {:.1} s ({:.0}/s)",
        tally.inserted,
        tally.updated,
        tally.near_duplicate,
        tally.duplicate,
        tally.unchanged,
        tally.failed.len(),
        elapsed.as_secs_f64(),
        processed as f64 / elapsed.as_secs_f64().max(1e-3)
    );
    let mut reasons: BTreeMap<String, u64> = BTreeMap::new();
    for (reason, n) in &stats.skipped {
        *reasons.entry(reason.to_string()).or_default() += n;
    }
    for (reason, n) in reasons {
        eprintln!("  skipped {n}: {reason}");
    }
    for (source, reason) in &tally.failed {
        eprintln!("  failed: {source}: {reason}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn says_what_is_left() {
        assert_eq!(left((0, 0, 0, 0), 10.0), "");
        assert_eq!(
            left((1_500_000_000, 4_500_000_000, 12, 40), 60.0),
            " · 33% of 4.5 GB, about 2 min 0 s left · URLs 12/40"
        );
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_secs(7300.0), "2 h 1 min");
    }
}
