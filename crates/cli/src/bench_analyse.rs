//! `newsloom bench analyse`: throughput of the whole pipeline (extraction and analysis) on one
//! thread, over a directory of pages.

use crate::input;
use crate::report::Reporter;
use anyhow::{bail, Result};
use newsloom_analyse::Analyser;
use newsloom_extract::{extract, Config, Input};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `newsloom bench analyse`.
#[derive(clap::Args, Debug)]
pub struct BenchAnalyseArgs {
    /// Directory of pages (.html, .htm, .xhtml, .txt, optionally .gz), walked recursively.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// Run the loop this many times and report the median.
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub repeat: u32,
}

/// Runs the benchmark and prints articles/s, ms/article and what was found.
pub fn run(args: &BenchAnalyseArgs, quiet: bool) -> Result<ExitCode> {
    let reporter = Reporter::new(0, quiet);
    let mut files = Vec::new();
    let mut failures = Vec::new();
    if !args.dir.is_dir() {
        bail!("{}: not a directory", args.dir.display());
    }
    input::walk(&args.dir, &mut files, &mut failures);
    files.sort();
    for (source, err) in &failures {
        reporter.doc_error(source, err);
    }
    let config = Config::default();
    let mut pages = Vec::new();
    for path in &files {
        match input::read_file(path, config.limits.max_bytes) {
            Ok(bytes) => pages.push((
                path.display().to_string(),
                bytes,
                input::is_plain_text_path(path),
            )),
            Err(err) => reporter.doc_error(&path.display().to_string(), &err),
        }
    }
    if pages.is_empty() {
        bail!("{}: no pages", args.dir.display());
    }
    let analyser = Analyser::new();
    // Warm-up: lingua loads its models lazily on first use.
    if let Some((source, bytes, plain)) = pages.first() {
        let input = Input {
            plain_text: *plain,
            ..Input::new(source.clone(), bytes)
        };
        if let Ok(mut a) = extract(&input, &config) {
            analyser.analyse(&mut a, None);
        }
    }
    let mut runs = Vec::new();
    let mut extract_only = Vec::new();
    let (mut entities, mut quotes, mut sources, mut dates, mut chars) = (0, 0, 0, 0, 0usize);
    for run in 0..args.repeat {
        let started = Instant::now();
        let mut articles = Vec::with_capacity(pages.len());
        for (source, bytes, plain) in &pages {
            let input = Input {
                plain_text: *plain,
                ..Input::new(source.clone(), bytes)
            };
            if let Ok(a) = extract(&input, &config) {
                articles.push(a);
            }
        }
        let extracted = started.elapsed();
        for a in &mut articles {
            analyser.analyse(a, None);
        }
        let total = started.elapsed();
        runs.push(total.as_secs_f64() * 1000.0 / pages.len() as f64);
        extract_only.push(extracted.as_secs_f64() * 1000.0 / pages.len() as f64);
        if run == 0 {
            for a in &articles {
                entities += a.entities.len();
                quotes += a.quotes.len();
                sources += a.sources.len();
                dates += a.dates.len();
                chars += a.text.chars().count();
            }
        }
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let ms = median(&mut runs);
    let ms_extract = median(&mut extract_only);
    println!("pages: {}  body characters: {chars}", pages.len());
    println!("found: {entities} entities, {quotes} quotes, {sources} sources, {dates} dates");
    println!(
        "pipeline: {:.1} articles/s  {ms:.3} ms/article (extraction {ms_extract:.3} + analysis {:.3}), median of {} runs, 1 thread",
        1000.0 / ms,
        ms - ms_extract,
        args.repeat
    );
    Ok(ExitCode::SUCCESS)
}
