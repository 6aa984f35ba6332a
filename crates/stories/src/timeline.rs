//! A story's timeline: dated events — the sentences around resolved date mentions — merged
//! across articles and languages. Two events are the same when they carry the same date value
//! and their entity, number and capitalised-word keys overlap enough; the merged event lists
//! every article, site and language that reported it.

use crate::features::{capitalised_keys, FeatureConfig};
use crate::normalise::{entity_key, fold};
use crate::numbers::numbers;
use newsloom_analyse::text::TextDoc;
use newsloom_model::Article;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Settings of event extraction and merging.
#[derive(Debug, Clone)]
pub struct TimelineConfig {
    /// Two events of one date merge when the shared keys are at least this share of the
    /// smaller event's keys…
    pub min_overlap: f64,
    /// …and at least this many.
    pub min_shared: usize,
    /// Sentences longer than this (characters) are cut.
    pub max_sentence_chars: usize,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        TimelineConfig {
            min_overlap: 0.5,
            min_shared: 1,
            max_sentence_chars: 400,
        }
    }
}

/// One article (or site, language) that reported an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventSource {
    /// The article's id.
    pub article_id: String,
    /// Its outlet.
    pub site: Option<String>,
    /// Its language (ISO 639-1).
    pub language: String,
    /// The sentence as that article wrote it.
    pub text: String,
}

/// A dated event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: String,
    /// The sentence of the first article that reported it.
    pub text: String,
    /// The keys the event is matched by (entities, numbers, capitalised words).
    pub keys: BTreeSet<String>,
    /// Every report of the event.
    pub sources: Vec<EventSource>,
}

impl Event {
    /// The languages the event was reported in.
    pub fn languages(&self) -> BTreeSet<&str> {
        self.sources.iter().map(|s| s.language.as_str()).collect()
    }
}

/// The events of one analysed article: one per resolved date mention (a sentence with two
/// dates gives two events; a date repeated in one sentence gives one).
pub fn events_of(article_id: &str, article: &Article, cfg: &TimelineConfig) -> Vec<Event> {
    let doc = TextDoc::new(&article.text, article.language.clone());
    let fcfg = FeatureConfig::default();
    let mut out: Vec<Event> = Vec::new();
    for d in &article.dates {
        let Some(value) = &d.value else { continue };
        let Some(sentence) = doc.sentences.iter().find(|s| {
            let (start, end) = doc.char_span(s.bytes.clone());
            start <= d.start && d.start < end
        }) else {
            continue;
        };
        let (s_start, s_end) = doc.char_span(sentence.bytes.clone());
        let Some(text) = article.text.get(sentence.bytes.clone()) else {
            continue;
        };
        if out.iter().any(|e| e.date == *value && e.text == text) {
            continue;
        }
        let mut keys: BTreeSet<String> = article
            .entities
            .iter()
            .filter(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.start >= s_start && m.end <= s_end)
            })
            .map(|e| entity_key(&e.name, e.label))
            .collect();
        keys.extend(numbers(text).into_iter().map(|n| format!("#{n}")));
        keys.extend(capitalised_keys(text, &fcfg));
        // The date's own words are not evidence of anything else shared.
        for w in d.text.split_whitespace() {
            keys.remove(&fold(w));
            keys.remove(&format!("#{w}"));
        }
        let shown: String = text.chars().take(cfg.max_sentence_chars).collect();
        out.push(Event {
            date: value.clone(),
            text: shown.clone(),
            keys,
            sources: vec![EventSource {
                article_id: article_id.to_string(),
                site: article.site_name.clone(),
                language: article.language.code().to_string(),
                text: shown,
            }],
        });
    }
    out
}

/// Merges events (of several articles) that report the same thing, and sorts them by date.
pub fn merge(events: Vec<Event>, cfg: &TimelineConfig) -> Vec<Event> {
    let mut merged: Vec<Event> = Vec::new();
    for e in events {
        match merged.iter_mut().find(|m| same_event(m, &e, cfg)) {
            Some(m) => {
                m.keys.extend(e.keys);
                for s in e.sources {
                    if !m.sources.iter().any(|x| x.article_id == s.article_id) {
                        m.sources.push(s);
                    }
                }
            }
            None => merged.push(e),
        }
    }
    merged.sort_by(|a, b| a.date.cmp(&b.date));
    merged
}

fn same_event(a: &Event, b: &Event, cfg: &TimelineConfig) -> bool {
    if a.date != b.date {
        return false;
    }
    if a.keys.is_empty() || b.keys.is_empty() {
        return fold(&a.text) == fold(&b.text);
    }
    let shared = a.keys.intersection(&b.keys).count();
    let smaller = a.keys.len().min(b.keys.len());
    shared >= cfg.min_shared && shared as f64 / smaller as f64 >= cfg.min_overlap
}
