//! The article body as HTML: paragraphs with entity mentions linked to their pages, dates
//! marked with their calendar value, and quotes set off and attributed to their speakers.
//!
//! Everything from the page is escaped here, character by character; the only markup is the
//! marks this module writes, with attribute values escaped too. Marks come from the analysis as
//! character offsets; overlapping marks are dropped (the first wins), inner marks (entities,
//! dates) never cross a quote's edge, and a quote running over several paragraphs is closed
//! and reopened at each paragraph break.

use crate::params::segment;
use newsloom_model::{Article, EntityLabel};
use newsloom_store::push_html_escaped;

/// `text` escaped for HTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        push_html_escaped(out, c);
    }
}

/// The reader's page of an entity.
pub fn entity_href(name: &str) -> String {
    format!("/entity/{}", segment(name))
}

/// The short class and the word for a label.
pub fn label_names(label: EntityLabel) -> (&'static str, &'static str) {
    match label {
        EntityLabel::Person => ("per", "Person"),
        EntityLabel::Organisation => ("org", "Organisation"),
        EntityLabel::Location => ("loc", "Place"),
        EntityLabel::Misc => ("misc", "Other"),
    }
}

/// A URL from a page, if it is safe to link to (http or https only: no `javascript:`,
/// `data:` and the like).
pub fn safe_external(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    matches!(parsed.scheme(), "http" | "https").then(|| parsed.to_string())
}

#[derive(Debug, Clone)]
enum Inner {
    Entity { name: String, label: EntityLabel },
    Date { value: Option<String> },
}

#[derive(Debug, Clone)]
struct Span<T> {
    start: usize,
    end: usize,
    what: T,
}

/// Keeps spans that overlap no earlier kept span (after sorting by start, longer first).
fn non_overlapping<T>(mut spans: Vec<Span<T>>) -> Vec<Span<T>> {
    spans.retain(|s| s.end > s.start);
    spans.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut kept: Vec<Span<T>> = Vec::with_capacity(spans.len());
    for s in spans {
        if kept.last().is_none_or(|k| s.start >= k.end) {
            kept.push(s);
        }
    }
    kept
}

/// The body paragraphs of `article` as HTML.
pub fn paragraphs(article: &Article) -> Vec<String> {
    let text = &article.text;
    let n_chars = text.chars().count();
    // Byte offset of each char offset (and of the end).
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());

    let quotes = non_overlapping(
        article
            .quotes
            .iter()
            .filter(|q| q.end <= n_chars)
            .map(|q| Span {
                start: q.start,
                end: q.end,
                what: q.speaker_entity.clone().or_else(|| q.speaker.clone()),
            })
            .collect(),
    );
    let mut inner: Vec<Span<Inner>> = Vec::new();
    for e in &article.entities {
        for m in &e.mentions {
            inner.push(Span {
                start: m.start,
                end: m.end,
                what: Inner::Entity {
                    name: e.name.clone(),
                    label: e.label,
                },
            });
        }
    }
    for d in &article.dates {
        inner.push(Span {
            start: d.start,
            end: d.end,
            what: Inner::Date {
                value: d.value.clone(),
            },
        });
    }
    let inner: Vec<Span<Inner>> = non_overlapping(inner)
        .into_iter()
        .filter(|s| s.end <= n_chars)
        .filter(|s| {
            // Entirely inside or entirely outside every quote.
            quotes.iter().all(|q| {
                s.end <= q.start || s.start >= q.end || (s.start >= q.start && s.end <= q.end)
            })
        })
        .collect();

    // Paragraphs as char ranges.
    let mut paras = Vec::new();
    let mut start_byte = 0;
    for piece in text.split("\n\n") {
        let end_byte = start_byte + piece.len();
        if !piece.trim().is_empty() {
            let start = byte_at.partition_point(|&b| b < start_byte);
            let end = byte_at.partition_point(|&b| b < end_byte);
            paras.push((start, end));
        }
        start_byte = end_byte + 2;
    }

    let mut out = Vec::with_capacity(paras.len());
    for (ps, pe) in paras {
        // (position, order, markup): closes before opens, inner closes before quote closes.
        let mut events: Vec<(usize, u8, String)> = Vec::new();
        for q in quotes.iter().filter(|q| q.start < pe && q.end > ps) {
            let (s, e) = (q.start.max(ps), q.end.min(pe));
            events.push((s, 2, "<span class=\"quote\">".to_string()));
            let mut close = "</span>".to_string();
            if e == q.end {
                if let Some(speaker) = &q.what {
                    close.push_str(&format!(
                        "<a class=\"who\" href=\"{}\" title=\"Quote attributed to {}\">{}</a>",
                        escape(&entity_href(speaker)),
                        escape(speaker),
                        escape(speaker)
                    ));
                }
            }
            events.push((e, 1, close));
        }
        for m in inner.iter().filter(|m| m.start >= ps && m.end <= pe) {
            let (open, close) = match &m.what {
                Inner::Entity { name, label } => {
                    let (class, word) = label_names(*label);
                    (
                        format!(
                            "<a class=\"ent {class}\" href=\"{}\" title=\"{word}: {}\">",
                            escape(&entity_href(name)),
                            escape(name)
                        ),
                        "</a>",
                    )
                }
                Inner::Date { value: Some(v) } => (
                    format!("<time datetime=\"{}\" title=\"{}\">", escape(v), escape(v)),
                    "</time>",
                ),
                Inner::Date { value: None } => continue,
            };
            events.push((m.start, 3, open));
            events.push((m.end, 0, close.to_string()));
        }
        events.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut html = String::with_capacity((byte_at[pe] - byte_at[ps]) * 5 / 4);
        let mut pos = ps;
        for (at, _, markup) in events {
            if at > pos {
                escape_into(&mut html, &text[byte_at[pos]..byte_at[at]]);
                pos = at;
            }
            html.push_str(&markup);
        }
        if pe > pos {
            escape_into(&mut html, &text[byte_at[pos]..byte_at[pe]]);
        }
        out.push(html);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsloom_model::{DateMention, Entity, Mention, Quote, QuoteKind};

    fn article() -> Article {
        let mut a = Article::new("t");
        a.text = "Witkoff met <b>Hamas</b> on 8 October.\n\n\"We will <script>alert(1)</script> talk,\" Witkoff said.".into();
        a.entities = vec![
            Entity {
                name: "Steve Witkoff".into(),
                label: EntityLabel::Person,
                mentions: vec![
                    Mention {
                        start: 0,
                        end: 7,
                        text: "Witkoff".into(),
                    },
                    Mention {
                        start: 82,
                        end: 89,
                        text: "Witkoff".into(),
                    },
                ],
            },
            Entity {
                name: "Hamas".into(),
                label: EntityLabel::Organisation,
                mentions: vec![Mention {
                    start: 15,
                    end: 20,
                    text: "Hamas".into(),
                }],
            },
        ];
        a.dates = vec![DateMention {
            text: "8 October".into(),
            value: Some("2025-10-08".into()),
            start: 28,
            end: 37,
        }];
        a.quotes = vec![Quote {
            text: "We will talk".into(),
            kind: QuoteKind::Direct,
            speaker: Some("Witkoff".into()),
            speaker_entity: Some("Steve Witkoff".into()),
            cue: Some("said".into()),
            start: 40,
            end: 81,
        }];
        a
    }

    #[test]
    fn marks_entities_dates_and_quotes_and_escapes_the_rest() {
        let a = article();
        assert_eq!(
            &a.text.chars().skip(82).take(7).collect::<String>(),
            "Witkoff"
        );
        let p = paragraphs(&a);
        assert_eq!(p.len(), 2);
        assert!(
            p[0].starts_with("<a class=\"ent per\" href=\"/entity/Steve%20Witkoff\""),
            "{}",
            p[0]
        );
        assert!(p[0].contains("&lt;b&gt;<a class=\"ent org\""), "{}", p[0]);
        assert!(
            p[0].contains("<time datetime=\"2025-10-08\" title=\"2025-10-08\">8 October</time>")
        );
        assert!(
            p[1].starts_with("<span class=\"quote\">&quot;We will &lt;script&gt;"),
            "{}",
            p[1]
        );
        assert!(p[1].contains("</span><a class=\"who\" href=\"/entity/Steve%20Witkoff\""));
        assert!(!p.iter().any(|h| h.contains("<script") || h.contains("<b>")));
    }

    #[test]
    fn bad_offsets_are_dropped_not_fatal() {
        let mut a = article();
        a.entities[0].mentions.push(Mention {
            start: 5,
            end: 5000,
            text: "x".into(),
        });
        a.quotes.push(Quote {
            text: "x".into(),
            kind: QuoteKind::Direct,
            speaker: None,
            speaker_entity: None,
            cue: None,
            start: 3,
            end: 10_000,
        });
        let p = paragraphs(&a);
        assert_eq!(p.len(), 2);
    }

    #[test]
    fn only_web_urls_are_linked() {
        assert!(safe_external("javascript:alert(1)").is_none());
        assert!(safe_external(" data:text/html,x").is_none());
        assert_eq!(
            safe_external("https://example.org/a b").as_deref(),
            Some("https://example.org/a%20b")
        );
    }
}
