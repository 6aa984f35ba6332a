//! From a tagged article to its entities: tag each sentence, clean the spans
//! ([`super::canonical`]), add subjects of speech verbs ([`super::speech`]), make labels
//! consistent and tag later occurrences of known names ([`super::consistency`]), then merge
//! name variants under canonical names ([`super::grouping`]). Organisation names in apposition
//! are relabelled first ([`super::apposition`]).

use super::apposition;
use super::canonical;
use super::consistency;
use super::grouping;
use super::labels::spans;
use super::speech;
use super::Tagger;
use crate::text::TextDoc;
use newsloom_model::{Entity, EntityLabel, Mention};
use std::ops::Range;

/// Thresholds of the document-level post-processing.
#[derive(Debug, Clone)]
pub struct DocumentConfig {
    /// Tag capitalised subjects of speech verbs left untagged.
    pub speech_cue: bool,
    /// Longest capitalised run taken as a speech-verb subject.
    pub speech_max_tokens: usize,
    /// Tag untagged occurrences of names already found in the article.
    pub propagate: bool,
    /// Shortest name (in characters) propagated to untagged occurrences.
    pub propagate_min_chars: usize,
    /// Also propagate the surname (last token) of multi-token person names.
    pub propagate_surnames: bool,
}

impl Default for DocumentConfig {
    fn default() -> Self {
        DocumentConfig {
            speech_cue: true,
            speech_max_tokens: 3,
            propagate: true,
            propagate_min_chars: 3,
            propagate_surnames: true,
        }
    }
}

/// One mention found in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Token indices.
    pub tokens: Range<usize>,
    /// Byte range of the name as written (possessive removed).
    pub bytes: Range<usize>,
    /// Label.
    pub label: EntityLabel,
}

impl Found {
    /// A mention of `tokens`.
    pub fn new(doc: &TextDoc<'_>, tokens: Range<usize>, label: EntityLabel) -> Found {
        Found {
            bytes: canonical::name_bytes(doc, tokens.clone()),
            tokens,
            label,
        }
    }

    /// The name as written, with typographic apostrophes normalised and spaces collapsed.
    pub fn key(&self, doc: &TextDoc<'_>) -> String {
        doc.text[self.bytes.clone()]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('’', "'")
    }
}

/// The entities of `doc`, ordered by first mention.
pub fn entities(tagger: &Tagger, doc: &TextDoc<'_>, config: &DocumentConfig) -> Vec<Entity> {
    let cues = tagger.cues(&doc.lang);
    let mut found: Vec<Found> = Vec::new();
    let mut words: Vec<&str> = Vec::new();
    for s in &doc.sentences {
        words.clear();
        words.extend(s.tokens.clone().map(|i| doc.token_text(i)));
        let tags = tagger.tag(&words, &doc.lang);
        for sp in spans(&tags) {
            let global = s.tokens.start + sp.tokens.start..s.tokens.start + sp.tokens.end;
            if let Some(r) = canonical::clean(doc, cues, global, sp.label) {
                found.push(Found::new(doc, r, sp.label));
            }
        }
    }
    if config.speech_cue {
        speech::add_subjects(doc, cues, tagger, config, &mut found);
    }
    apposition::relabel(doc, cues, &mut found);
    consistency::vote_labels(doc, &mut found);
    if config.propagate {
        consistency::propagate(doc, tagger, config, &mut found);
    }
    found.sort_by_key(|f| f.tokens.start);
    let groups = grouping::group(doc, &mut found);
    groups
        .into_iter()
        .map(|g| Entity {
            name: found[g.canonical].key(doc),
            label: g.label,
            mentions: g
                .members
                .iter()
                .map(|&m| {
                    let b = found[m].bytes.clone();
                    let (start, end) = doc.char_span(b.clone());
                    Mention {
                        start,
                        end,
                        text: doc.text[b].to_string(),
                    }
                })
                .collect(),
        })
        .collect()
}
