//! `newsloom bench extract`: extraction quality and speed on a gold-standard page set.
//!
//! Pages are read and un-gzipped into memory first; only the extraction loop is timed, on one
//! thread. Scores are `score.py`'s (see [`crate::score`]).

use crate::input;
use crate::limits::LimitArgs;
use crate::report::Reporter;
use crate::score::{self, Report};
use anyhow::{bail, Context, Result};
use newsloom_extract::{extract, Config, Input};
use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Clock ticks per second of `/proc/self/stat` CPU times (`USER_HZ`, 100 on Linux).
const CLOCK_TICKS_PER_SEC: f64 = 100.0;

/// Arguments of `newsloom bench`.
#[derive(clap::Args, Debug)]
pub struct BenchArgs {
    /// What to benchmark.
    #[command(subcommand)]
    pub what: BenchCommand,
}

/// The benchmarks.
#[derive(clap::Subcommand, Debug)]
pub enum BenchCommand {
    /// Score and time extraction over a directory of pages with gold article bodies.
    Extract(BenchExtractArgs),
    /// Time the whole pipeline (extraction and analysis) over a directory of pages.
    Analyse(crate::bench_analyse::BenchAnalyseArgs),
    /// Generate a synthetic corpus (pages or a WARC) by varying template pages.
    Generate(crate::bench_generate::GenerateArgs),
    /// Search latency percentiles on a store.
    Search(crate::bench_search::BenchSearchArgs),
}

/// Arguments of `newsloom bench extract`.
#[derive(clap::Args, Debug)]
pub struct BenchExtractArgs {
    /// Directory of pages named `<id>.html[.gz]` (or .htm, .xhtml, .txt).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Gold file: `{id: {"articleBody", "url"}}` (scrapinghub) or JSON Lines `{"id", "text"}`.
    #[arg(long, value_name = "FILE")]
    pub gold: PathBuf,
    /// Run the extraction loop this many times and report the median time.
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
    /// Print the results as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Write the predictions as JSON Lines `{"id", "text"}` (the input of score.py).
    #[arg(long, value_name = "FILE")]
    pub write_predictions: Option<PathBuf>,
    /// Resource limits.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// One page, in memory.
struct Page {
    id: String,
    source: String,
    bytes: Vec<u8>,
    plain_text: bool,
}

/// Speed of the extraction loop.
#[derive(Debug, serde::Serialize)]
struct Speed {
    runs: u32,
    pages_per_sec: f64,
    wall_ms_per_page_median: f64,
    wall_ms_per_page_runs: Vec<f64>,
    cpu_ms_per_page: Option<f64>,
}

/// Everything `bench extract` reports.
#[derive(Debug, serde::Serialize)]
struct BenchReport {
    pages: usize,
    failed: usize,
    pages_not_in_gold: usize,
    scores: Report,
    speed: Speed,
}

/// Runs `newsloom bench …`.
pub fn run(args: &BenchArgs, quiet: bool) -> Result<ExitCode> {
    match &args.what {
        BenchCommand::Extract(args) => run_extract(args, quiet),
        BenchCommand::Analyse(args) => crate::bench_analyse::run(args, quiet),
        BenchCommand::Generate(args) => crate::bench_generate::run(args),
        BenchCommand::Search(args) => crate::bench_search::run(args),
    }
}

/// The page id of a file: its name without `.gz` and without its extension.
fn page_id(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?;
    let name = match name
        .len()
        .checked_sub(3)
        .filter(|&n| name[n..].eq_ignore_ascii_case(".gz"))
    {
        Some(n) => &name[..n],
        None => name,
    };
    Some(
        name.rsplit_once('.')
            .map_or(name, |(stem, _)| stem)
            .to_string(),
    )
}

/// CPU time (user + system) of this process so far, in clock ticks, from `/proc/self/stat`.
fn process_cpu_ticks() -> Option<u64> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesised command name start at field 3; utime and stime are 14, 15.
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    Some(utime + stime)
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    match sorted.len() {
        0 => 0.0,
        n if n % 2 == 1 => sorted[n / 2],
        n => (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0,
    }
}

fn load_pages(
    dir: &Path,
    gold: &BTreeMap<String, score::Record>,
    limit: usize,
    reporter: &Reporter,
) -> Result<(Vec<Page>, usize, usize)> {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    if !dir.is_dir() {
        bail!("{}: not a directory", dir.display());
    }
    input::walk(dir, &mut files, &mut failures);
    files.sort();
    let mut failed = failures.len();
    for (source, err) in &failures {
        reporter.doc_error(source, err);
    }
    let mut pages = Vec::new();
    let mut not_in_gold = 0;
    for path in files {
        let Some(id) = page_id(&path).filter(|id| gold.contains_key(id)) else {
            not_in_gold += 1;
            continue;
        };
        let source = path.display().to_string();
        match input::read_file(&path, limit) {
            Ok(bytes) => pages.push(Page {
                id,
                source,
                bytes,
                plain_text: input::is_plain_text_path(&path),
            }),
            Err(err) => {
                failed += 1;
                reporter.doc_error(&source, &err);
            }
        }
    }
    Ok((pages, failed, not_in_gold))
}

fn run_extract(args: &BenchExtractArgs, quiet: bool) -> Result<ExitCode> {
    let raw = fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?;
    let gold = score::read_records(&raw)
        .with_context(|| format!("cannot parse {}", args.gold.display()))?;
    if gold.is_empty() {
        bail!("{}: no gold documents", args.gold.display());
    }
    let config = Config {
        limits: args.limits.to_limits(),
        ..Config::default()
    };
    let reporter = Reporter::new(0, quiet);
    let (pages, mut failed, not_in_gold) =
        load_pages(&args.dir, &gold, config.limits.max_bytes, &reporter)?;
    if pages.is_empty() {
        bail!(
            "{}: no pages with an id in the gold file",
            args.dir.display()
        );
    }
    let inputs: Vec<Input<'_>> = pages
        .iter()
        .map(|page| Input {
            source: page.source.clone(),
            bytes: &page.bytes,
            url: gold.get(&page.id).and_then(|g| g.url.clone()),
            http_charset: None,
            plain_text: page.plain_text,
            published_fallback: None,
        })
        .collect();

    let mut predictions: HashMap<String, String> = HashMap::with_capacity(pages.len());
    let mut wall_ms_per_page = Vec::new();
    let cpu_start = process_cpu_ticks();
    for run in 0..args.repeat {
        let mut texts = Vec::with_capacity(inputs.len());
        let started = Instant::now();
        for input in &inputs {
            texts.push(extract(input, &config).map(|article| article.text));
        }
        let elapsed = started.elapsed();
        wall_ms_per_page.push(elapsed.as_secs_f64() * 1000.0 / inputs.len() as f64);
        if run == 0 {
            for (page, text) in pages.iter().zip(texts) {
                let text = text.unwrap_or_else(|err| {
                    failed += 1;
                    reporter.doc_error(&page.source, &err);
                    String::new()
                });
                predictions.insert(page.id.clone(), text);
            }
        } else {
            std::hint::black_box(texts);
        }
    }
    let cpu_ms_per_page = match (cpu_start, process_cpu_ticks()) {
        (Some(start), Some(end)) => Some(
            end.saturating_sub(start) as f64 * 1000.0
                / CLOCK_TICKS_PER_SEC
                / (inputs.len() as f64 * f64::from(args.repeat)),
        ),
        _ => {
            tracing::warn!("/proc/self/stat is not readable: no CPU time");
            None
        }
    };
    let median_ms = median(&wall_ms_per_page);
    let report = BenchReport {
        pages: pages.len(),
        failed,
        pages_not_in_gold: not_in_gold,
        scores: score::score(&gold, &predictions),
        speed: Speed {
            runs: args.repeat,
            pages_per_sec: if median_ms > 0.0 {
                1000.0 / median_ms
            } else {
                f64::INFINITY
            },
            wall_ms_per_page_median: median_ms,
            wall_ms_per_page_runs: wall_ms_per_page,
            cpu_ms_per_page,
        },
    };

    if let Some(path) = &args.write_predictions {
        write_predictions(path, &pages, &predictions)
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &report)
            .map_err(io::Error::from)
            .and_then(|()| writeln!(out))
    } else {
        print_report(&mut out, &report, gold.len())
    };
    match written.and_then(|()| out.flush()) {
        Err(err) if !crate::is_broken_pipe(&err) => {
            Err(anyhow::Error::new(err).context("cannot write to standard output"))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

fn write_predictions(
    path: &Path,
    pages: &[Page],
    predictions: &HashMap<String, String>,
) -> io::Result<()> {
    let mut out = BufWriter::new(fs::File::create(path)?);
    for page in pages {
        let text = predictions.get(&page.id).map_or("", String::as_str);
        serde_json::to_writer(
            &mut out,
            &serde_json::json!({ "id": page.id, "text": text }),
        )?;
        out.write_all(b"\n")?;
    }
    out.flush()
}

fn print_report(out: &mut impl Write, r: &BenchReport, gold_docs: usize) -> io::Result<()> {
    let s = &r.scores;
    let a = &s.aggregate;
    writeln!(
        out,
        "pages: {}  failed: {}  pages not in gold (skipped): {}",
        r.pages, r.failed, r.pages_not_in_gold
    )?;
    writeln!(out, "metric: shingle{}", score::SHINGLE_SIZE)?;
    writeln!(
        out,
        "gold docs: {gold_docs}  missing predictions: {}  empty predictions: {}",
        s.missing_predictions, s.empty_predictions
    )?;
    writeln!(
        out,
        "mean precision {:.4}  mean recall {:.4}  F1(mean P, mean R) {:.4}  mean per-doc F1 {:.4}  \
         exact-match accuracy {:.4}",
        a.precision, a.recall, a.f1, a.mean_doc_f1, a.exact_match
    )?;
    let sp = &r.speed;
    let cpu = sp
        .cpu_ms_per_page
        .map_or_else(|| "n/a".to_string(), |ms| format!("{ms:.2}"));
    writeln!(
        out,
        "speed: {:.1} pages/s  wall {:.3} ms/page (median of {} run{})  CPU {cpu} ms/page \
         (1 thread; CPU from 100 Hz ticks)",
        sp.pages_per_sec,
        sp.wall_ms_per_page_median,
        sp.runs,
        if sp.runs == 1 { "" } else { "s" }
    )?;
    writeln!(
        out,
        "extraction F1 {:.4} precision {:.4} recall {:.4} docs {}",
        a.f1, a.precision, a.recall, a.docs
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ids_drop_gz_and_extension() {
        assert_eq!(page_id(Path::new("/x/abc.html.gz")).as_deref(), Some("abc"));
        assert_eq!(page_id(Path::new("abc.HTML.GZ")).as_deref(), Some("abc"));
        assert_eq!(page_id(Path::new("a.b.txt")).as_deref(), Some("a.b"));
    }

    #[test]
    fn median_of_odd_and_even() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 2.0, 3.0]), 2.5);
    }

    #[test]
    fn cpu_ticks_are_readable_on_linux() {
        if Path::new("/proc/self/stat").exists() {
            assert!(process_cpu_ticks().is_some());
        }
    }
}
