//! `newsloom extract`: pages in, one record per page out.

use crate::fetch::Fetcher;
use crate::input::{self, Document, Origin};
use crate::limits::LimitArgs;
use crate::output::{Format, Output};
use crate::report::Reporter;
use crate::{is_broken_pipe, UsageError, EXIT_SOME_FAILED};
use anyhow::{Context, Result};
use newsloom_analyse::Analyser;
use newsloom_extract::{extract, Config, Input};
use newsloom_model::Article;
use std::io::{self, BufWriter, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `newsloom extract`.
#[derive(clap::Args, Debug)]
pub struct ExtractArgs {
    /// Pages to extract: files (.html, .htm, .xhtml, .txt, optionally .gz), directories (walked
    /// recursively in sorted order), `-` for stdin, or http(s):// URLs.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Jsonl)]
    pub format: Format,
    /// The page's URL, for a single local input.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,
    /// Publication date to use when the page has none (ISO 8601: YYYY-MM-DD or a date-time).
    #[arg(long, value_name = "DATE", value_parser = crate::published::parse_published)]
    pub published: Option<String>,
    /// Skip the analysis stage (language detection, entities, quotes, sources, dates).
    #[arg(long)]
    pub no_analysis: bool,
    /// Resource limits.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// Checks the combinations clap cannot express.
fn validate(args: &ExtractArgs) -> Result<(), UsageError> {
    if let Some(url) = &args.url {
        let single_local = match args.inputs.as_slice() {
            [one] => !one.is_dir() && !one.to_str().is_some_and(input::is_url),
            _ => false,
        };
        if !single_local {
            return Err(UsageError(
                "--url applies to a single local file or stdin".into(),
            ));
        }
        match url::Url::parse(url) {
            Ok(parsed) if parsed.has_host() => {}
            _ => return Err(UsageError(format!("--url '{url}' is not an absolute URL"))),
        }
    }
    Ok(())
}

/// What one document needs besides its bytes.
struct Loaded {
    bytes: Vec<u8>,
    url: Option<String>,
    http_charset: Option<String>,
}

/// Runs the command; returns exit status 0 when every document succeeded, 1 when some failed.
pub fn run(args: &ExtractArgs, quiet: bool) -> Result<ExitCode> {
    validate(args)?;
    let analyser = (!args.no_analysis).then(Analyser::new);
    let config = Config {
        limits: args.limits.to_limits(),
        ..Config::default()
    };
    let expanded = input::expand(&args.inputs);
    let reporter = Reporter::new(expanded.documents.len(), quiet);
    let mut failed = expanded.failures.len();
    for (source, err) in &expanded.failures {
        reporter.doc_error(source, err);
    }
    let fetcher = expanded
        .documents
        .iter()
        .any(|d| matches!(d.origin, Origin::Url(_)))
        .then(|| Fetcher::new(config.limits.max_bytes));

    let stdout = io::stdout();
    let flush_each = stdout.is_terminal();
    let mut output = Output::new(BufWriter::new(stdout.lock()), args.format, flush_each);
    for doc in &expanded.documents {
        let result = process(doc, args, &config, fetcher.as_ref()).map(|mut article| {
            if let Some(analyser) = &analyser {
                analyser.analyse(&mut article, args.published.as_deref());
            }
            article
        });
        reporter.advance();
        match result {
            Ok(article) => {
                if let Err(err) = output.write(&article) {
                    reporter.finish();
                    return write_failed(err, failed);
                }
            }
            Err(err) => {
                failed += 1;
                reporter.doc_error(&doc.source, &format_args!("{err:#}"));
            }
        }
    }
    reporter.finish();
    if let Err(err) = output.finish() {
        return write_failed(err, failed);
    }
    Ok(exit_status(failed))
}

fn exit_status(failed: usize) -> ExitCode {
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    }
}

/// A broken pipe (`newsloom extract … | head`) ends the run quietly; other write errors are fatal.
fn write_failed(err: io::Error, failed: usize) -> Result<ExitCode> {
    if is_broken_pipe(&err) {
        Ok(exit_status(failed))
    } else {
        Err(anyhow::Error::new(err).context("cannot write to standard output"))
    }
}

/// Reads and extracts one document.
fn process(
    doc: &Document,
    args: &ExtractArgs,
    config: &Config,
    fetcher: Option<&Fetcher>,
) -> Result<Article> {
    let limit = config.limits.max_bytes;
    let loaded = match &doc.origin {
        Origin::Stdin => Loaded {
            bytes: input::read_stdin(limit)?,
            url: args.url.clone(),
            http_charset: None,
        },
        Origin::File(path) => Loaded {
            bytes: input::read_file(path, limit)?,
            url: args.url.clone(),
            http_charset: None,
        },
        Origin::Url(url) => {
            let fetcher = fetcher.context("internal error: no HTTP client")?;
            let fetched = fetcher.fetch(url)?;
            Loaded {
                bytes: fetched.bytes,
                url: Some(fetched.final_url),
                http_charset: fetched.charset,
            }
        }
    };
    if loaded.bytes.len() > limit && config.limits.truncate_oversized {
        tracing::warn!(
            "{}: input is over {limit} bytes; truncated (--truncate)",
            doc.source
        );
    }
    let input = Input {
        source: doc.source.clone(),
        bytes: &loaded.bytes,
        url: loaded.url,
        http_charset: loaded.http_charset,
        plain_text: doc.plain_text,
        published_fallback: args.published.clone(),
    };
    let article = extract(&input, config)?;
    for warning in &article.warnings {
        tracing::info!("{}: {warning}", doc.source);
    }
    Ok(article)
}
