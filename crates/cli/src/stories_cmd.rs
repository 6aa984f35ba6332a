//! The stories stage of the CLI: assigning stored articles to stories (run at the end of
//! `newsloom ingest`), and `newsloom stories`, `newsloom story ID`, `newsloom export --stories`.
//!
//! The assignment and the story records themselves live in the pipeline crate, shared with the
//! server.

use crate::corpus_cmd::{finish, open, ListFormat};
use crate::data_dir::DataArgs;
use anyhow::{bail, Result};
use newsloom_pipeline::stories::Member;
use newsloom_store::{Store, StoryFilter};
use newsloom_stories::fit::weights::WEIGHTS;
use newsloom_stories::{Components, Story};
use std::io::{self, BufWriter, Write};
use std::process::ExitCode;

/// Assigns every stored article without a story to one; returns (assigned, stories created).
pub fn assign_new(store: &mut Store) -> Result<(usize, usize)> {
    Ok(newsloom_pipeline::stories::assign_new(store)?)
}

/// Arguments of `newsloom stories`.
#[derive(clap::Args, Debug)]
pub struct StoriesArgs {
    /// Only stories with an article published on or after this date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Only stories with an article in this language.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    /// Only stories with an article mentioning this entity.
    #[arg(long, value_name = "NAME")]
    pub entity: Option<String>,
    /// Only stories with at least this many articles.
    #[arg(long, value_name = "N", default_value_t = 2)]
    pub min_articles: u64,
    /// How many stories.
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub limit: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: ListFormat,
    /// The store.
    #[command(flatten)]
    pub data: DataArgs,
}

/// Arguments of `newsloom story`.
#[derive(clap::Args, Debug)]
pub struct StoryArgs {
    /// The story id (from `newsloom stories`).
    #[arg(value_name = "ID")]
    pub id: i64,
    /// Print the story record as JSON.
    #[arg(long)]
    pub json: bool,
    /// Also print why each article is in the story: how it joined, its score, the article it
    /// matched, and the entities, dates, numbers, speakers and terms they share (with `--json`,
    /// a `members` list next to the story record).
    #[arg(long)]
    pub explain: bool,
    /// The store.
    #[command(flatten)]
    pub data: DataArgs,
}

/// The story record of story `id`.
pub fn build(store: &Store, id: i64) -> Result<Option<Story>> {
    Ok(newsloom_pipeline::stories::build(store, id)?)
}

/// `newsloom stories`.
pub fn list(args: &StoriesArgs) -> Result<ExitCode> {
    let store = open(&args.data)?;
    let filter = StoryFilter {
        since: args.since.clone(),
        language: args.lang.clone(),
        entity: args.entity.clone(),
        min_articles: args.min_articles,
        limit: args.limit,
    };
    let stories = store.stories(&filter)?;
    let mut out = BufWriter::new(io::stdout().lock());
    let r = (|| -> io::Result<()> {
        for s in &stories {
            match args.format {
                ListFormat::Jsonl => {
                    serde_json::to_writer(&mut out, s)?;
                    writeln!(out)?;
                }
                ListFormat::Table => {
                    writeln!(
                        out,
                        "[{}] {}  — {} articles · {} · {} · {} … {}",
                        s.id,
                        s.title.as_deref().unwrap_or("(no title)"),
                        s.articles,
                        s.languages.join("/"),
                        s.sites.join(", "),
                        s.first_seen
                            .as_deref()
                            .map_or("?", |d| d.get(..10).unwrap_or(d)),
                        s.last_seen
                            .as_deref()
                            .map_or("?", |d| d.get(..10).unwrap_or(d)),
                    )?;
                }
            }
        }
        out.flush()
    })();
    finish(r)
}

/// `newsloom story ID`.
pub fn show(args: &StoryArgs) -> Result<ExitCode> {
    let store = open(&args.data)?;
    let Some(story) = build(&store, args.id)? else {
        bail!(
            "no story with id {} in {}",
            args.id,
            args.data.dir().display()
        );
    };
    let members = if args.explain {
        newsloom_pipeline::stories::members(&store, args.id)?
    } else {
        Vec::new()
    };
    let mut out = BufWriter::new(io::stdout().lock());
    let r = (|| -> io::Result<()> {
        if args.json {
            if args.explain {
                let both = serde_json::json!({ "story": &story, "members": &members });
                serde_json::to_writer_pretty(&mut out, &both)?;
            } else {
                serde_json::to_writer_pretty(&mut out, &story)?;
            }
            writeln!(out)?;
            return out.flush();
        }
        let value = serde_json::to_value(&story).unwrap_or_default();
        let titles = value["titles"].as_object().map(|m| {
            m.iter()
                .map(|(l, t)| format!("  [{l}] {}", t.as_str().unwrap_or("")))
                .collect::<Vec<_>>()
                .join("\n")
        });
        writeln!(out, "Story {}", args.id)?;
        if let Some(t) = titles {
            writeln!(out, "{t}")?;
        }
        let list = |v: &serde_json::Value| -> String {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|x| {
                            x.as_str()
                                .map(String::from)
                                .or_else(|| x["name"].as_str().map(String::from))
                        })
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        };
        writeln!(out, "Languages: {}", list(&value["languages"]))?;
        writeln!(out, "Outlets: {}", list(&value["outlets"]))?;
        writeln!(
            out,
            "Articles: {}",
            value["article_ids"].as_array().map_or(0, Vec::len)
        )?;
        writeln!(out, "Main entities: {}", list(&value["entities"]))?;
        if let Some(events) = value["timeline"].as_array() {
            writeln!(out, "\nTimeline")?;
            for e in events {
                let date = e["date"].as_str().or(e["value"].as_str()).unwrap_or("?");
                let text = e["text"].as_str().unwrap_or("");
                let n = e["sources"].as_array().map_or(1, Vec::len);
                writeln!(
                    out,
                    "  {date}  {text}  ({n} source{})",
                    if n == 1 { "" } else { "s" }
                )?;
            }
        }
        if let Some(speakers) = value["quotes"].as_array() {
            writeln!(out, "\nWho said what")?;
            for s in speakers {
                writeln!(out, "  {}", s["speaker"].as_str().unwrap_or("?"))?;
                for q in s["quotes"].as_array().into_iter().flatten().take(3) {
                    writeln!(out, "    “{}”", q["text"].as_str().unwrap_or(""))?;
                }
            }
        }
        if args.explain {
            writeln!(out, "\nWhy each article is here")?;
            for m in &members {
                write_member(&mut out, m)?;
            }
        }
        out.flush()
    })();
    finish(r)
}

/// `newsloom export --stories`: every story record as JSON Lines.
pub fn export(store: &Store, out: &mut dyn Write) -> Result<usize> {
    let ids = newsloom_pipeline::stories::story_ids(store)?;
    let mut n = 0;
    for id in ids {
        if let Some(story) = build(store, id)? {
            serde_json::to_writer(&mut *out, &story)?;
            writeln!(out)?;
            n += 1;
        }
    }
    out.flush()?;
    Ok(n)
}

/// Components listed per explained article (the largest contributions to its score).
const EXPLAIN_COMPONENTS: usize = 4;

/// Keys listed per family in an explanation.
const EXPLAIN_KEYS: usize = 8;

/// One member of a story and why it joined, as `newsloom story ID --explain` prints it.
fn write_member(out: &mut dyn Write, m: &Member) -> io::Result<()> {
    writeln!(
        out,
        "  #{} [{}] {}{}",
        m.article_id,
        m.language,
        m.title.as_deref().unwrap_or("(no title)"),
        m.site
            .as_deref()
            .map(|s| format!(" — {s}"))
            .unwrap_or_default()
    )?;
    let matched = m.why.as_ref().and_then(|w| w.matched);
    let target = matched.map_or_else(|| "an earlier article".to_string(), |id| format!("#{id}"));
    match m.link.as_str() {
        "new" => writeln!(out, "     first article of the story")?,
        "edition" => writeln!(out, "     language edition of {target} (hreflang)")?,
        "duplicate" => writeln!(out, "     near-duplicate of {target}")?,
        _ => {
            let probability = m
                .why
                .as_ref()
                .map(|w| format!(", same-story probability {:.2}", w.explanation.same_story))
                .unwrap_or_default();
            writeln!(
                out,
                "     similar to {target}: score {:.2}{probability}",
                m.score
            )?;
        }
    }
    let Some(why) = &m.why else {
        return Ok(());
    };
    let e = &why.explanation;
    for (name, keys) in [
        ("entities", &e.entities),
        ("people speaking", &e.speakers),
        ("dates", &e.dates),
        ("numbers", &e.numbers),
        ("names", &e.capitalised),
        ("terms", &e.terms),
    ] {
        if keys.is_empty() {
            continue;
        }
        let shown: Vec<&str> = keys.iter().take(EXPLAIN_KEYS).map(String::as_str).collect();
        let more = keys.len().saturating_sub(EXPLAIN_KEYS);
        let more = if more > 0 {
            format!(" (+{more})")
        } else {
            String::new()
        };
        writeln!(out, "     shared {name}: {}{more}", shown.join(", "))?;
    }
    if m.link == "similar" {
        let weights = WEIGHTS.to_array();
        let mut parts: Vec<(f64, &str, f64)> = Components::NAMES
            .iter()
            .zip(e.components.to_array())
            .zip(weights)
            .map(|((n, x), w)| (w * x, *n, x))
            // `crosslingual` is an offset for the language difference, not evidence.
            .filter(|(c, n, _)| *c > 0.0 && *n != "crosslingual")
            .collect();
        parts.sort_by(|a, b| b.0.total_cmp(&a.0));
        let shown: Vec<String> = parts
            .iter()
            .take(EXPLAIN_COMPONENTS)
            .map(|(c, n, x)| format!("{n} {x:.2} (+{c:.2})"))
            .collect();
        if !shown.is_empty() {
            writeln!(out, "     strongest evidence: {}", shown.join(", "))?;
        }
    }
    Ok(())
}
