//! `newsloom bench search`: search latency on a store — queries made of words drawn from the
//! stored titles, run one after the other; prints p50, p95, p99 and max.

use crate::data_dir::DataArgs;
use anyhow::{bail, Context, Result};
use newsloom_store::{ExportFilter, SearchQuery, Store};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `newsloom bench search`.
#[derive(clap::Args, Debug)]
pub struct BenchSearchArgs {
    /// How many queries.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub queries: usize,
    /// Hits per query.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// The store.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Runs the benchmark.
pub fn run(args: &BenchSearchArgs) -> Result<ExitCode> {
    let dir = args.data.dir();
    let store =
        Store::open_read_only(&dir).with_context(|| format!("cannot open {}", dir.display()))?;
    // Query words: title words of the first articles (a few thousand), two per query, with the
    // article's language as the query language for half of the queries.
    let mut words: Vec<(String, newsloom_model::Language)> = Vec::new();
    for row in store.export(&ExportFilter::default())?.take(5000) {
        let row = row?;
        let lang = row.article.language.clone();
        for w in row
            .article
            .title
            .as_deref()
            .unwrap_or("")
            .split(|c: char| !c.is_alphanumeric())
        {
            if w.chars().count() >= 5 {
                words.push((w.to_lowercase(), lang.clone()));
            }
        }
    }
    if words.len() < 2 {
        bail!("the store has too few titled articles to draw queries from");
    }
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut pick = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut times = Vec::with_capacity(args.queries);
    let mut total_hits = 0usize;
    for i in 0..args.queries {
        let (a, lang) = words[pick(words.len())].clone();
        let (b, _) = words[pick(words.len())].clone();
        let mut q = SearchQuery::new(format!("{a} {b}")).limit(args.limit);
        if i % 2 == 0 && lang.is_known() {
            q = q.lang(lang);
        }
        let t = Instant::now();
        let r = store.search(&q)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        total_hits += r.hits.len();
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times[((times.len() as f64 * p).ceil() as usize).clamp(1, times.len()) - 1];
    let stats = store.stats()?;
    println!(
        "store: {} articles, {} indexed",
        stats.articles, stats.indexed_docs
    );
    println!(
        "search: {} queries, {:.1} hits/query; p50 {:.2} ms  p95 {:.2} ms  p99 {:.2} ms  max {:.2} ms",
        args.queries,
        total_hits as f64 / args.queries as f64,
        pct(0.50),
        pct(0.95),
        pct(0.99),
        times[times.len() - 1]
    );
    Ok(ExitCode::SUCCESS)
}
