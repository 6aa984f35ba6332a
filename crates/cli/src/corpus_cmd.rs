//! The corpus commands over the store: `search`, `show`, `entities`, `quotes`, `stats`,
//! `export`. Each opens the store, runs one query, prints to stdout.

use crate::data_dir::DataArgs;
use anyhow::{bail, Context, Result};
use newsloom_model::{EntityLabel, Language};
use newsloom_store::{EntityFilter, ExportFilter, SearchQuery, Store};
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Output of listing commands.
#[derive(clap::ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListFormat {
    /// Aligned columns for a person.
    #[default]
    Table,
    /// One JSON object per line.
    Jsonl,
}

/// Filters shared by `search` and `export`.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct Filters {
    /// Only articles in this language (en, fr, es, de, it, …).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only articles from this site (site name or host).
    #[arg(long, value_name = "SITE")]
    pub site: Option<String>,
}

impl Filters {
    fn language(&self) -> Result<Option<Language>> {
        match &self.lang {
            None => Ok(None),
            Some(l) => match Language::parse(l) {
                Some(lang) => Ok(Some(lang)),
                None => bail!(crate::UsageError(format!(
                    "--lang '{l}' is not a language code"
                ))),
            },
        }
    }
}

/// Arguments of `newsloom search`.
#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    /// The query: words (stemmed in the language of --lang, or in every language), "phrases",
    /// +required -excluded terms.
    #[arg(value_name = "QUERY")]
    pub query: String,
    /// Filters.
    #[command(flatten)]
    pub filters: Filters,
    /// Only articles mentioning this entity.
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// Only articles quoting this speaker.
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// How many hits.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub limit: usize,
    /// Skip this many hits (paging).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub offset: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// The store.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `newsloom show`.
#[derive(clap::Args, Debug)]
pub struct ShowArgs {
    /// The article id (from `search`).
    #[arg(value_name = "ID")]
    pub id: i64,
    /// Print the stored record as JSON instead of text.
    #[arg(long)]
    pub json: bool,
    /// The store.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `newsloom entities`.
#[derive(clap::Args, Debug)]
pub struct EntitiesArgs {
    /// Only entities whose name contains this.
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Only this label: PER, ORG, LOC, MISC.
    #[arg(long, value_name = "LABEL")]
    pub label: Option<String>,
    /// Filters.
    #[command(flatten)]
    pub filters: Filters,
    /// How many entities.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// The store.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `newsloom quotes`.
#[derive(clap::Args, Debug)]
pub struct QuotesArgs {
    /// Only quotes by this speaker (name as written or resolved).
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// How many quotes.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// The store.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `newsloom stats`.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    /// Print as JSON.
    #[arg(long)]
    pub json: bool,
    /// The store.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Export formats.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// One Article record per line (JSON Lines), with store bookkeeping.
    Jsonl,
    /// One row per article, flat columns.
    Csv,
    /// Apache Parquet (needs the `parquet` cargo feature).
    Parquet,
}

/// Arguments of `newsloom export`.
#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    pub format: ExportFormat,
    /// Filters.
    #[command(flatten)]
    pub filters: Filters,
    /// Include exact duplicates too.
    #[arg(long)]
    pub duplicates: bool,
    /// Export the story records (JSON Lines) instead of the articles.
    #[arg(long)]
    pub stories: bool,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The store.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Opens the store of `data` read-only, with a clear error when there is none yet.
pub fn open(data: &DataArgs) -> Result<Store> {
    let dir = data.dir();
    if !dir.join(newsloom_store::DATABASE_FILE).exists() {
        bail!(
            "no store in {} (run `newsloom ingest --data {} SOURCE…` first)",
            dir.display(),
            dir.display()
        );
    }
    // Readers take no lock: they run beside an ingest.
    Store::open_read_only(&dir)
        .with_context(|| format!("cannot open the store in {}", dir.display()))
}

fn stdout() -> BufWriter<io::StdoutLock<'static>> {
    BufWriter::new(io::stdout().lock())
}

/// Ends a write quietly on a closed pipe.
pub fn finish(result: io::Result<()>) -> Result<ExitCode> {
    match result {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if crate::is_broken_pipe(&e) => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}

/// `newsloom search`.
pub fn search(args: &SearchArgs) -> Result<ExitCode> {
    let store = open(&args.data)?;
    let mut q = SearchQuery::new(args.query.clone())
        .limit(args.limit)
        .offset(args.offset);
    if let Some(l) = args.filters.language()? {
        q = q.lang(l);
    }
    if let Some(d) = &args.filters.since {
        q = q.since(d.clone());
    }
    if let Some(d) = &args.filters.until {
        q = q.until(d.clone());
    }
    if let Some(s) = &args.filters.site {
        q = q.site(s.clone());
    }
    if let Some(e) = &args.entity {
        q = q.entity(e.clone());
    }
    if let Some(s) = &args.speaker {
        q = q.speaker(s.clone());
    }
    let results = store.search(&q).context("search failed")?;
    for w in &results.warnings {
        tracing::warn!("{w}");
    }
    let mut out = stdout();
    let ansi = io::stdout().is_terminal();
    let r = (|| -> io::Result<()> {
        match args.format {
            ListFormat::Jsonl => {
                for hit in &results.hits {
                    serde_json::to_writer(&mut out, hit)?;
                    writeln!(out)?;
                }
            }
            ListFormat::Table => {
                writeln!(out, "{} hits", results.total)?;
                for hit in &results.hits {
                    writeln!(
                        out,
                        "\n[{}] {}  ({} · {} · {})",
                        hit.id,
                        hit.title.as_deref().unwrap_or("(no title)"),
                        hit.site.as_deref().unwrap_or("?"),
                        hit.language,
                        hit.published
                            .as_deref()
                            .map_or("undated", |d| d.get(..10).unwrap_or(d)),
                    )?;
                    if let Some(url) = &hit.url {
                        writeln!(out, "    {url}")?;
                    }
                    let snippet = if ansi {
                        hit.snippet.render_ansi()
                    } else {
                        hit.snippet.render_brackets()
                    };
                    writeln!(out, "    {}", snippet.replace('\n', " "))?;
                }
            }
        }
        out.flush()
    })();
    finish(r)
}

/// `newsloom show`.
pub fn show(args: &ShowArgs) -> Result<ExitCode> {
    let store = open(&args.data)?;
    let Some(stored) = store.get(args.id)? else {
        bail!(
            "no article with id {} in {}",
            args.id,
            args.data.dir().display()
        );
    };
    let mut out = stdout();
    let r = (|| -> io::Result<()> {
        if args.json {
            serde_json::to_writer_pretty(&mut out, &stored)?;
            writeln!(out)?;
        } else {
            write!(out, "{}", crate::output::render_text(&stored.article))?;
            writeln!(
                out,
                "\n— id {} · first seen {} · updated {} · versions {}",
                stored.id, stored.first_seen, stored.updated, stored.versions
            )?;
            if !stored.duplicates.is_empty() {
                writeln!(out, "— duplicates: {:?}", stored.duplicates)?;
            }
            let a = &stored.article;
            if !a.entities.is_empty() {
                let names: Vec<String> = a
                    .entities
                    .iter()
                    .take(15)
                    .map(|e| format!("{} ({:?})", e.name, e.label))
                    .collect();
                writeln!(out, "— entities: {}", names.join(", "))?;
            }
            for q in a.quotes.iter().take(10) {
                writeln!(
                    out,
                    "— “{}” — {}",
                    q.text,
                    q.speaker_entity
                        .as_deref()
                        .or(q.speaker.as_deref())
                        .unwrap_or("(unattributed)")
                )?;
            }
        }
        out.flush()
    })();
    finish(r)
}

fn parse_label(label: &str) -> Result<EntityLabel> {
    Ok(match label.to_ascii_uppercase().as_str() {
        "PER" | "PERSON" => EntityLabel::Person,
        "ORG" | "ORGANISATION" | "ORGANIZATION" => EntityLabel::Organisation,
        "LOC" | "LOCATION" | "PLACE" => EntityLabel::Location,
        "MISC" => EntityLabel::Misc,
        _ => bail!(crate::UsageError(format!(
            "--label '{label}' is not one of PER, ORG, LOC, MISC"
        ))),
    })
}

/// `newsloom entities`.
pub fn entities(args: &EntitiesArgs) -> Result<ExitCode> {
    let store = open(&args.data)?;
    let filter = EntityFilter {
        label: args.label.as_deref().map(parse_label).transpose()?,
        name: args.name.clone(),
        language: args.filters.language()?,
        site: args.filters.site.clone(),
        since: args.filters.since.clone(),
        until: args.filters.until.clone(),
        limit: args.limit,
    };
    let stats = store.entities(&filter)?;
    let mut out = stdout();
    let r = (|| -> io::Result<()> {
        for e in &stats {
            match args.format {
                ListFormat::Jsonl => {
                    serde_json::to_writer(&mut out, e)?;
                    writeln!(out)?;
                }
                ListFormat::Table => {
                    let months: Vec<String> = e
                        .by_month
                        .iter()
                        .map(|m| format!("{} {}", m.month, m.mentions))
                        .collect();
                    writeln!(
                        out,
                        "{:<32} {:<4} {:>6} articles {:>7} mentions   {}",
                        e.name,
                        label_code(e.label),
                        e.articles,
                        e.mentions,
                        months.join(", ")
                    )?;
                }
            }
        }
        out.flush()
    })();
    finish(r)
}

fn label_code(l: EntityLabel) -> &'static str {
    match l {
        EntityLabel::Person => "PER",
        EntityLabel::Organisation => "ORG",
        EntityLabel::Location => "LOC",
        EntityLabel::Misc => "MISC",
    }
}

/// `newsloom quotes`.
pub fn quotes(args: &QuotesArgs) -> Result<ExitCode> {
    let store = open(&args.data)?;
    let quotes = store.quotes(args.speaker.as_deref(), args.limit)?;
    let mut out = stdout();
    let r = (|| -> io::Result<()> {
        for q in &quotes {
            match args.format {
                ListFormat::Jsonl => {
                    serde_json::to_writer(&mut out, q)?;
                    writeln!(out)?;
                }
                ListFormat::Table => {
                    let who = q
                        .speaker_entity
                        .as_deref()
                        .or(q.speaker.as_deref())
                        .unwrap_or("(unattributed)");
                    let date = q
                        .published
                        .as_deref()
                        .map_or("undated", |d| d.get(..10).unwrap_or(d));
                    writeln!(
                        out,
                        "{who} — {date} — article {}{}",
                        q.article_id,
                        q.url
                            .as_deref()
                            .map(|u| format!(" <{u}>"))
                            .unwrap_or_default()
                    )?;
                    writeln!(out, "    “{}”", q.text)?;
                }
            }
        }
        out.flush()
    })();
    finish(r)
}

/// `newsloom stats`.
pub fn stats(args: &StatsArgs) -> Result<ExitCode> {
    let store = open(&args.data)?;
    let s = store.stats()?;
    let mut out = stdout();
    let r = (|| -> io::Result<()> {
        if args.json {
            serde_json::to_writer_pretty(&mut out, &s)?;
            writeln!(out)?;
        } else {
            writeln!(out, "store: {}", args.data.dir().display())?;
            writeln!(out, "articles: {} ({} canonical, {} duplicates, {} near-duplicates, {} earlier versions)", s.articles, s.canonical, s.duplicates, s.near_duplicates, s.versions)?;
            writeln!(
                out,
                "published: {} … {}",
                s.earliest.as_deref().unwrap_or("?"),
                s.latest.as_deref().unwrap_or("?")
            )?;
            let langs: Vec<String> = s
                .by_language
                .iter()
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            writeln!(out, "languages: {}", langs.join(", "))?;
            let sites: Vec<String> = s
                .by_site
                .iter()
                .take(10)
                .map(|(l, n)| format!("{l} {n}"))
                .collect();
            writeln!(out, "top sites: {}", sites.join(", "))?;
            writeln!(
                out,
                "index: {} documents, {:.1} MB; database {:.1} MB",
                s.indexed_docs,
                s.index_bytes as f64 / 1e6,
                s.database_bytes as f64 / 1e6
            )?;
        }
        out.flush()
    })();
    finish(r)
}

/// `newsloom export`.
pub fn export(args: &ExportArgs) -> Result<ExitCode> {
    let store = open(&args.data)?;
    let filter = ExportFilter {
        since: args.filters.since.clone(),
        until: args.filters.until.clone(),
        language: args.filters.language()?,
        site: args.filters.site.clone(),
        include_duplicates: args.duplicates,
    };
    let mut sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(stdout()),
    };
    if args.stories {
        return match crate::stories_cmd::export(&store, &mut sink) {
            Ok(n) => {
                tracing::info!("exported {n} stories");
                Ok(ExitCode::SUCCESS)
            }
            Err(e) if e.to_string().contains("Broken pipe") => Ok(ExitCode::SUCCESS),
            Err(e) => Err(e),
        };
    }
    let rows = store.export(&filter)?;
    let written = match args.format {
        ExportFormat::Jsonl => newsloom_store::write_jsonl(rows, sink),
        ExportFormat::Csv => newsloom_store::write_csv(rows, sink),
        ExportFormat::Parquet => return export_parquet(rows, args).map(|_| ExitCode::SUCCESS),
    };
    let written = match written {
        Ok(n) => n,
        // `newsloom export | head`: a closed pipe ends the export quietly.
        Err(e) if e.to_string().contains("Broken pipe") => return Ok(ExitCode::SUCCESS),
        Err(e) => return Err(e).context("export failed"),
    };
    tracing::info!("exported {written} articles");
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "parquet")]
fn export_parquet(rows: newsloom_store::Export<'_>, args: &ExportArgs) -> Result<usize> {
    let Some(path) = &args.output else {
        bail!(crate::UsageError(
            "--format parquet writes a file: give --output FILE".into()
        ));
    };
    Ok(newsloom_store::write_parquet(rows, path)?)
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(_rows: newsloom_store::Export<'_>, _args: &ExportArgs) -> Result<usize> {
    bail!("this newsloom was built without the `parquet` feature")
}
