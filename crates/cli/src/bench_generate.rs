//! `newsloom bench generate`: a synthetic corpus for the store benchmarks, made by varying real
//! pages (the shared scrapinghub set, the demo corpus, any directory of pages).
//!
//! Each output page is a template page with a unique URL and about a third of its words
//! replaced by words drawn from the whole template vocabulary, so that outputs are neither
//! exact nor near duplicates of each other (MinHash over 5-shingles sees them as distinct) while
//! keeping real page structure, boilerplate and language. Output: a directory of `.html` files,
//! or one WARC file with one gzip member per `response` record (the CC-NEWS layout).

use crate::input;
use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `newsloom bench generate`.
#[derive(clap::Args, Debug)]
pub struct GenerateArgs {
    /// Directories of template pages (walked recursively).
    #[arg(value_name = "TEMPLATES", required = true)]
    pub templates: Vec<PathBuf>,
    /// How many pages to write.
    #[arg(long, value_name = "N")]
    pub pages: usize,
    /// Write the pages into this directory (as page-NNNNNNN.html).
    #[arg(long, value_name = "DIR", conflicts_with = "warc")]
    pub out: Option<PathBuf>,
    /// Write the pages as one gzipped WARC file instead.
    #[arg(long, value_name = "FILE")]
    pub warc: Option<PathBuf>,
    /// Share of words replaced (0–1).
    #[arg(long, value_name = "SHARE", default_value_t = 0.35)]
    pub vary: f64,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// Writes one generated page: (index, URL, bytes).
type Sink = dyn FnMut(usize, &str, &[u8]) -> Result<()>;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 > 1.0 - p
    }
}

/// Runs the generator.
pub fn run(args: &GenerateArgs) -> Result<ExitCode> {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    for dir in &args.templates {
        input::walk(dir, &mut files, &mut failures);
    }
    files.sort();
    let mut templates = Vec::new();
    for f in &files {
        let bytes = input::read_file(f, 32 << 20)?;
        let decoded = newsloom_extract::decode::decode(&bytes, None);
        templates.push(decoded.text);
    }
    if templates.is_empty() {
        bail!("no template pages found");
    }
    // Vocabulary: words of the templates' text (outside tags), for substitutions.
    let mut vocab: Vec<String> = Vec::new();
    for t in &templates {
        for_each_text_word(t, |w| {
            if vocab.len() < 200_000 && w.chars().all(char::is_alphabetic) && w.len() > 2 {
                vocab.push(w.to_string());
            }
        });
    }
    vocab.sort();
    vocab.dedup();
    let mut rng = Rng(args.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut sink: Box<Sink> = match (&args.out, &args.warc) {
        (Some(dir), None) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            let dir = dir.clone();
            Box::new(move |i, _url, page| {
                std::fs::write(dir.join(format!("page-{i:07}.html")), page)
                    .context("cannot write a page")
            })
        }
        (None, Some(path)) => {
            let file = std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::new(file);
            Box::new(move |_i, url, page| {
                let http = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
                    page.len()
                );
                let block_len = http.len() + page.len();
                let header = format!(
                    "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2030-10-08T12:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {block_len}\r\n\r\n"
                );
                let mut gz =
                    GzEncoder::new(Vec::with_capacity(page.len() / 3), Compression::fast());
                gz.write_all(header.as_bytes())?;
                gz.write_all(http.as_bytes())?;
                gz.write_all(page)?;
                gz.write_all(b"\r\n\r\n")?;
                out.write_all(&gz.finish()?)?;
                Ok(())
            })
        }
        _ => bail!(crate::UsageError("give --out DIR or --warc FILE".into())),
    };
    for i in 0..args.pages {
        let template = &templates[i % templates.len()];
        let url = format!("https://generated.example/{}/article-{i}", i % 97);
        let page = vary(template, &url, &vocab, args.vary, &mut rng);
        sink(i, &url, page.as_bytes())?;
    }
    drop(sink);
    eprintln!(
        "wrote {} pages from {} templates",
        args.pages,
        templates.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// Calls `f` with each word of the text outside tags, scripts and styles.
fn for_each_text_word(html: &str, mut f: impl FnMut(&str)) {
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        for w in rest[..lt].split(|c: char| !c.is_alphanumeric()) {
            if !w.is_empty() {
                f(w);
            }
        }
        let tail = &rest[lt..];
        let starts = |p: &str| {
            tail.as_bytes()
                .get(..p.len())
                .is_some_and(|b| b.eq_ignore_ascii_case(p.as_bytes()))
        };
        let skip_to = if starts("<script") || starts("<style") {
            let close = if starts("<script") {
                "</script"
            } else {
                "</style"
            };
            tail.to_ascii_lowercase().find(close).unwrap_or(tail.len())
        } else {
            0
        };
        let tail = &tail[skip_to..];
        match tail.find('>') {
            Some(gt) => rest = &tail[gt + 1..],
            None => return,
        }
    }
}

/// A copy of `html` with a unique canonical URL and a share of its text words replaced.
fn vary(html: &str, url: &str, vocab: &[String], share: f64, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(html.len() + 200);
    let head_end = html.find("<head>").map(|i| i + 6);
    let mut rest = html;
    if let Some(at) = head_end {
        out.push_str(&html[..at]);
        out.push_str(&format!("<link rel=\"canonical\" href=\"{url}\">"));
        rest = &html[at..];
    } else {
        out.push_str(&format!("<link rel=\"canonical\" href=\"{url}\">"));
    }
    while !rest.is_empty() {
        let lt = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..lt];
        if text.trim().is_empty() {
            out.push_str(text);
        } else {
            let mut word = String::new();
            for c in text.chars() {
                if c.is_alphanumeric() {
                    word.push(c);
                } else {
                    flush_word(&mut out, &mut word, vocab, share, rng);
                    out.push(c);
                }
            }
            flush_word(&mut out, &mut word, vocab, share, rng);
        }
        rest = &rest[lt..];
        if rest.is_empty() {
            break;
        }
        let gt = rest.find('>').map_or(rest.len(), |g| g + 1);
        let tag = &rest[..gt];
        let lower = tag.to_ascii_lowercase();
        if lower.starts_with("<script") || lower.starts_with("<style") {
            // Copy raw content verbatim up to its end tag: a `<` inside a script is no tag.
            let close = if lower.starts_with("<script") {
                "</script"
            } else {
                "</style"
            };
            let end = rest.to_ascii_lowercase().find(close).unwrap_or(rest.len());
            out.push_str(&rest[..end]);
            rest = &rest[end..];
            continue;
        }
        // Drop the template's own canonical and og:url so the new URL is the only one.
        let own_canonical = lower.starts_with("<link") && lower.contains("canonical");
        if !own_canonical && !lower.contains("og:url") && !lower.contains("twitter:url") {
            out.push_str(tag);
        }
        rest = &rest[gt..];
    }
    out
}

fn flush_word(out: &mut String, word: &mut String, vocab: &[String], share: f64, rng: &mut Rng) {
    if word.is_empty() {
        return;
    }
    if word.len() > 2
        && word.chars().all(char::is_alphabetic)
        && rng.chance(share)
        && !vocab.is_empty()
    {
        out.push_str(&vocab[rng.below(vocab.len())]);
    } else {
        out.push_str(word);
    }
    word.clear();
}
