//! Label consistency within an article: a name gets the label most of its mentions got
//! ("Hamas" tagged ORG twice and LOC once is ORG everywhere), and untagged occurrences of a
//! name already found — its full form or, for people, its surname — are tagged too.

use super::canonical::is_capitalised;
use super::document::{DocumentConfig, Found};
use super::Tagger;
use crate::text::TextDoc;
use newsloom_model::EntityLabel;
use std::collections::HashMap;

/// Gives every mention of the same name the majority label (ties: the first mention's).
pub fn vote_labels(doc: &TextDoc<'_>, found: &mut [Found]) {
    let mut votes: HashMap<String, Vec<(EntityLabel, usize)>> = HashMap::new();
    for f in found.iter() {
        let v = votes.entry(f.key(doc)).or_default();
        match v.iter_mut().find(|(l, _)| *l == f.label) {
            Some(e) => e.1 += 1,
            None => v.push((f.label, 1)),
        }
    }
    for f in found.iter_mut() {
        if let Some(v) = votes.get(&f.key(doc)) {
            // max_by_key keeps the last maximum; iterate reversed to keep the first.
            if let Some((l, _)) = v.iter().rev().max_by_key(|(_, n)| *n) {
                f.label = *l;
            }
        }
    }
}

/// Tags untagged occurrences of the names in `found` (longest names first).
pub fn propagate(
    doc: &TextDoc<'_>,
    tagger: &Tagger,
    config: &DocumentConfig,
    found: &mut Vec<Found>,
) {
    let mut covered = vec![false; doc.tokens.len()];
    for f in found.iter() {
        for c in &mut covered[f.tokens.clone()] {
            *c = true;
        }
    }
    // Name token sequences to look for, with their labels.
    let mut names: Vec<(Vec<&str>, EntityLabel)> = Vec::new();
    for f in found.iter() {
        let toks: Vec<&str> = f.tokens.clone().map(|i| doc.token_text(i)).collect();
        let text = &doc.text[f.bytes.clone()];
        if text.chars().count() >= config.propagate_min_chars && is_capitalised(toks[0]) {
            if toks.len() == 1 && tagger.is_common_lower(toks[0]) {
                continue;
            }
            if config.propagate_surnames && f.label == EntityLabel::Person && toks.len() > 1 {
                let last = toks[toks.len() - 1];
                if is_capitalised(last)
                    && last.chars().count() >= config.propagate_min_chars
                    && !tagger.is_common_lower(last)
                {
                    names.push((vec![last], f.label));
                }
            }
            names.push((toks, f.label));
        }
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.0.len()));
    names.dedup_by(|a, b| a.0 == b.0);
    if names.is_empty() {
        return;
    }
    let mut first_tokens: HashMap<&str, Vec<usize>> = HashMap::new();
    for (n, (toks, _)) in names.iter().enumerate() {
        first_tokens.entry(toks[0]).or_default().push(n);
    }
    for s in &doc.sentences {
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            let Some(cands) = (!covered[i])
                .then(|| first_tokens.get(doc.token_text(i)))
                .flatten()
            else {
                i += 1;
                continue;
            };
            let hit = cands.iter().find(|&&n| {
                let toks = &names[n].0;
                i + toks.len() <= s.tokens.end
                    && toks
                        .iter()
                        .enumerate()
                        .all(|(k, t)| !covered[i + k] && doc.token_text(i + k) == *t)
            });
            match hit {
                Some(&n) => {
                    let len = names[n].0.len();
                    for c in &mut covered[i..i + len] {
                        *c = true;
                    }
                    found.push(Found::new(doc, i..i + len, names[n].1));
                    i += len;
                }
                None => i += 1,
            }
        }
    }
}
