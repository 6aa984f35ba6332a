//! The `newsloom` command: a thin binary over the newsloom library crates.
//!
//! ```text
//! newsloom extract page.html.gz pages/ https://example.invalid/story > articles.jsonl
//! newsloom bench extract bench/html --gold bench/ground-truth.json --repeat 5
//! ```
//!
//! Exit status: 0 when everything succeeded, 1 when some documents failed, 2 on a usage error
//! or a fatal error (unreadable gold file, unwritable output).

mod bench;
mod bench_analyse;
mod bench_generate;
mod bench_search;
mod corpus_cmd;
mod data_dir;
mod extract_cmd;
mod fetch;
mod ingest_cmd;
mod input;
mod limits;
mod output;
mod published;
mod report;
mod score;
mod serve_cmd;
mod stories_cmd;

use clap::{CommandFactory, Parser, Subcommand};
use std::io::{self, IsTerminal};
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;

/// Exit status when some documents failed and the others were processed.
pub const EXIT_SOME_FAILED: u8 = 1;
/// Exit status of usage errors (as clap's) and fatal errors.
pub const EXIT_ERROR: u8 = 2;

/// newsloom: structured records from news pages.
#[derive(Parser, Debug)]
#[command(name = "newsloom", version, about, propagate_version = true)]
struct Cli {
    /// No progress bar and no warnings; only errors (RUST_LOG still applies when set).
    #[arg(short, long, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract article records from pages: one JSON line per page on stdout.
    Extract(extract_cmd::ExtractArgs),
    /// Ingest pages, WARC files, feeds, sitemaps and URLs into the store.
    Ingest(ingest_cmd::IngestArgs),
    /// Search the store: ranked articles with highlighted snippets.
    Search(corpus_cmd::SearchArgs),
    /// Show one stored article.
    Show(corpus_cmd::ShowArgs),
    /// Top entities of the store, with mentions over time.
    Entities(corpus_cmd::EntitiesArgs),
    /// Who said what, across the store.
    Quotes(corpus_cmd::QuotesArgs),
    /// What the store holds.
    Stats(corpus_cmd::StatsArgs),
    /// Stories: the same news across outlets and languages.
    Stories(stories_cmd::StoriesArgs),
    /// One story: timeline, who said what, outlets and languages.
    Story(stories_cmd::StoryArgs),
    /// Export stored articles as JSON Lines, CSV or Parquet.
    Export(corpus_cmd::ExportArgs),
    /// Serve the web reader and the JSON API (`--demo`: over the bundled demo corpus).
    Serve(serve_cmd::ServeArgs),
    /// Benchmarks on evaluation sets: quality scores and speed.
    Bench(bench::BenchArgs),
}

/// A usage error found after parsing (a flag combination clap cannot express); exits with 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}

/// True when `err` is a write to a closed pipe (`newsloom … | head`).
pub fn is_broken_pipe(err: &io::Error) -> bool {
    err.kind() == io::ErrorKind::BrokenPipe
}

/// Diagnostics go to stderr; the level comes from `RUST_LOG`, by default `warn` (`error` with -q).
fn init_tracing(quiet: bool) {
    let default = if quiet { "error" } else { "warn" };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .without_time()
        .init();
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(cli.quiet);
    let (result, subcommand) = match &cli.command {
        Command::Extract(args) => (extract_cmd::run(args, cli.quiet), "extract"),
        Command::Ingest(args) => (ingest_cmd::run(args, cli.quiet), "ingest"),
        Command::Search(args) => (corpus_cmd::search(args), "search"),
        Command::Show(args) => (corpus_cmd::show(args), "show"),
        Command::Entities(args) => (corpus_cmd::entities(args), "entities"),
        Command::Quotes(args) => (corpus_cmd::quotes(args), "quotes"),
        Command::Stats(args) => (corpus_cmd::stats(args), "stats"),
        Command::Stories(args) => (stories_cmd::list(args), "stories"),
        Command::Story(args) => (stories_cmd::show(args), "story"),
        Command::Export(args) => (corpus_cmd::export(args), "export"),
        Command::Serve(args) => (serve_cmd::run(args, cli.quiet), "serve"),
        Command::Bench(args) => (bench::run(args, cli.quiet), "bench"),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if let Some(usage) = err.downcast_ref::<UsageError>() {
                let kind = clap::error::ErrorKind::ArgumentConflict;
                let mut root = Cli::command();
                root.build();
                match root.find_subcommand_mut(subcommand) {
                    Some(sub) => sub.error(kind, usage).exit(),
                    None => root.error(kind, usage).exit(),
                }
            }
            eprintln!("newsloom: error: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
