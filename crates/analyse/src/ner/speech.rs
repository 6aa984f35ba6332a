//! The speech-verb cue: a capitalised subject of "said", "a déclaré", "dijo", "sagte",
//! "ha detto" (before the verb, or right after it in inverted reporting clauses) is a person
//! or an organisation, even when the tagger missed it.

use super::canonical::is_capitalised;
use super::document::{DocumentConfig, Found};
use super::vocab::class;
use super::vocab::Cues;
use super::Tagger;
use crate::text::{TextDoc, TokenKind};
use newsloom_model::EntityLabel;
use std::ops::Range;

/// Auxiliaries between a subject and a past participle ("a déclaré", "ha detto", "has said").
const AUXILIARIES: &[&str] = &["a", "ha", "has", "had", "hat", "hatte", "avait", "había"];

fn is_name_token(doc: &TextDoc<'_>, tagger: &Tagger, cues: &Cues, i: usize) -> bool {
    let w = doc.token_text(i);
    doc.tokens[i].kind == TokenKind::Word
        && is_capitalised(w)
        && cues.classes(w) == 0
        && !tagger.is_common_lower(w)
}

/// Adds untagged capitalised runs next to speech verbs as person mentions.
pub fn add_subjects(
    doc: &TextDoc<'_>,
    cues: &Cues,
    tagger: &Tagger,
    config: &DocumentConfig,
    found: &mut Vec<Found>,
) {
    let covered = |found: &[Found], r: &Range<usize>| {
        found
            .iter()
            .any(|f| f.tokens.start < r.end && r.start < f.tokens.end)
    };
    let mut added = Vec::new();
    for s in &doc.sentences {
        for v in s.tokens.clone() {
            if cues.classes(doc.token_text(v)) & class::SPEECH == 0 {
                continue;
            }
            // Subject before the verb (skipping one auxiliary).
            let mut end = v;
            if end > s.tokens.start && AUXILIARIES.contains(&doc.token_text(end - 1)) {
                end -= 1;
            }
            let mut start = end;
            while start > s.tokens.start
                && end - start < config.speech_max_tokens
                && is_name_token(doc, tagger, cues, start - 1)
            {
                start -= 1;
            }
            // A lone sentence-initial capitalised word is too weak a cue.
            let before = start..end;
            let lone_initial = before.len() == 1 && start == s.tokens.start;
            if !before.is_empty() && !lone_initial {
                added.push(before);
            }
            // Inverted clause: verb then subject.
            let mut e = v + 1;
            while e < s.tokens.end
                && e - (v + 1) < config.speech_max_tokens
                && is_name_token(doc, tagger, cues, e)
            {
                e += 1;
            }
            if e > v + 1 {
                added.push(v + 1..e);
            }
        }
    }
    for r in added {
        if covered(found, &r) {
            continue;
        }
        let f = Found::new(doc, r, EntityLabel::Person);
        let key = f.key(doc);
        let label = found
            .iter()
            .find(|g| g.key(doc) == key)
            .map_or(EntityLabel::Person, |g| g.label);
        found.push(Found { label, ..f });
    }
}
