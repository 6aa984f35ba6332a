//! Writing records: JSON Lines, one JSON array, or text / Markdown for a person.

use newsloom_model::Article;
use std::io::{self, Write};

/// Output formats of `newsloom extract`.
#[derive(clap::ValueEnum, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// One JSON record per line.
    #[default]
    Jsonl,
    /// One pretty-printed JSON array of records.
    Json,
    /// Plain text for reading: title, metadata, standfirst, body.
    Text,
    /// Markdown for reading.
    Markdown,
}

/// Separates records in the text format.
const TEXT_SEPARATOR: &str =
    "----------------------------------------------------------------------";

/// Joins the section trail.
const SECTION_JOINER: &str = " › ";

/// Streams records to `out` in one [`Format`], one record at a time.
#[derive(Debug)]
pub struct Output<W: Write> {
    out: W,
    format: Format,
    written: usize,
    flush_each: bool,
}

impl<W: Write> Output<W> {
    /// A writer of `format` records; with `flush_each`, each record is flushed as it is written
    /// (for a terminal).
    pub fn new(out: W, format: Format, flush_each: bool) -> Self {
        Output {
            out,
            format,
            written: 0,
            flush_each,
        }
    }

    /// Writes one record.
    pub fn write(&mut self, article: &Article) -> io::Result<()> {
        let first = self.written == 0;
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, article)?;
                self.out.write_all(b"\n")?;
            }
            Format::Json => {
                self.out.write_all(if first { b"[\n" } else { b",\n" })?;
                let pretty = serde_json::to_string_pretty(article)?;
                // JSON strings cannot hold a raw newline, so indenting every line is safe.
                for (i, line) in pretty.lines().enumerate() {
                    if i > 0 {
                        self.out.write_all(b"\n")?;
                    }
                    self.out.write_all(b"  ")?;
                    self.out.write_all(line.as_bytes())?;
                }
            }
            Format::Text => {
                if !first {
                    writeln!(self.out, "\n{TEXT_SEPARATOR}\n")?;
                }
                self.out.write_all(render_text(article).as_bytes())?;
            }
            Format::Markdown => {
                if !first {
                    writeln!(self.out, "\n---\n")?;
                }
                self.out.write_all(render_markdown(article).as_bytes())?;
            }
        }
        self.written += 1;
        if self.flush_each {
            self.out.flush()?;
        }
        Ok(())
    }

    /// Ends the output (closing the JSON array) and flushes it.
    pub fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }
}

/// The metadata lines of a record, as `(label, value)`, only those present.
fn metadata(article: &Article) -> Vec<(&'static str, String)> {
    let mut lines = Vec::new();
    if let Some(site) = &article.site_name {
        lines.push(("Site", site.clone()));
    }
    if !article.authors.is_empty() {
        lines.push(("Authors", article.authors.join(", ")));
    }
    if let Some(published) = &article.published {
        lines.push(("Published", published.clone()));
    }
    if article.language.is_known() {
        lines.push(("Language", article.language.code().to_string()));
    }
    if !article.section.is_empty() {
        lines.push(("Section", article.section.join(SECTION_JOINER)));
    }
    if !article.editions.is_empty() {
        let editions: Vec<String> = article
            .editions
            .iter()
            .map(|e| match &e.url {
                Some(url) => format!("{} <{url}>", e.language),
                None => e.language.clone(),
            })
            .collect();
        lines.push(("Editions", editions.join(", ")));
    }
    if let Some(url) = &article.url {
        lines.push(("URL", url.clone()));
    }
    lines
}

/// The heading of a record: its title, or its source when it has none.
fn heading(article: &Article) -> &str {
    article
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .unwrap_or(&article.source)
}

/// Renders a record as plain text.
pub fn render_text(article: &Article) -> String {
    let mut s = String::new();
    let title = heading(article);
    s.push_str(title);
    s.push('\n');
    s.push_str(&"=".repeat(title.chars().count().max(1)));
    s.push('\n');
    for (label, value) in metadata(article) {
        s.push_str(&format!("{label}: {value}\n"));
    }
    if let Some(standfirst) = article
        .standfirst
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        s.push('\n');
        s.push_str(standfirst);
        s.push('\n');
    }
    for paragraph in article.paragraphs() {
        s.push('\n');
        s.push_str(paragraph);
        s.push('\n');
    }
    s
}

/// Escapes `*` and `_` so that text can sit inside Markdown emphasis.
fn escape_emphasis(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('*', "\\*")
        .replace('_', "\\_")
}

/// Renders a record as Markdown.
pub fn render_markdown(article: &Article) -> String {
    let mut s = String::new();
    s.push_str("# ");
    s.push_str(heading(article).trim());
    s.push('\n');
    let meta = metadata(article);
    if !meta.is_empty() {
        s.push('\n');
        for (label, value) in meta {
            s.push_str(&format!("- **{label}:** {value}\n"));
        }
    }
    if let Some(standfirst) = article
        .standfirst
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        s.push_str("\n*");
        s.push_str(&escape_emphasis(standfirst.trim()));
        s.push_str("*\n");
    }
    for paragraph in article.paragraphs() {
        s.push('\n');
        s.push_str(paragraph);
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsloom_model::{Edition, Language};

    fn sample() -> Article {
        let mut a = Article::new("page.html");
        a.title = Some("Big news".into());
        a.site_name = Some("The Planet".into());
        a.authors = vec!["Ann Lee".into(), "Bo Ng".into()];
        a.published = Some("2024-05-01".into());
        a.language = Language::En;
        a.section = vec!["World".into(), "Europe".into()];
        a.editions = vec![Edition {
            language: "fr".into(),
            url: Some("https://e.invalid/fr".into()),
        }];
        a.url = Some("https://e.invalid/en".into());
        a.standfirst = Some("A *short* dek".into());
        a.text = "First paragraph.\n\nSecond paragraph.".into();
        a
    }

    #[test]
    fn text_has_title_metadata_and_paragraphs() {
        let text = render_text(&sample());
        assert_eq!(
            text,
            "Big news\n========\nSite: The Planet\nAuthors: Ann Lee, Bo Ng\nPublished: 2024-05-01\n\
             Language: en\nSection: World › Europe\nEditions: fr <https://e.invalid/fr>\n\
             URL: https://e.invalid/en\n\nA *short* dek\n\nFirst paragraph.\n\nSecond paragraph.\n"
        );
    }

    #[test]
    fn markdown_has_heading_list_and_emphasis() {
        let md = render_markdown(&sample());
        assert!(
            md.starts_with("# Big news\n\n- **Site:** The Planet\n"),
            "{md}"
        );
        assert!(md.contains("- **Section:** World › Europe\n"));
        assert!(md.contains("\n*A \\*short\\* dek*\n"));
        assert!(md.ends_with("\nFirst paragraph.\n\nSecond paragraph.\n"));
    }

    #[test]
    fn untitled_records_use_their_source() {
        let md = render_markdown(&Article::new("x.html"));
        assert_eq!(md, "# x.html\n");
    }

    #[test]
    fn json_is_one_array() {
        let mut buf = Vec::new();
        let mut out = Output::new(&mut buf, Format::Json, false);
        out.write(&sample()).expect("write");
        out.write(&Article::new("b")).expect("write");
        out.finish().expect("finish");
        let value: serde_json::Value = serde_json::from_slice(&buf).expect("valid json");
        assert_eq!(value.as_array().map(Vec::len), Some(2));

        let mut empty = Vec::new();
        Output::new(&mut empty, Format::Json, false)
            .finish()
            .expect("finish");
        assert_eq!(empty, b"[]\n");
    }
}
