//! A gazetteer of the entity strings of the training data: the token sequences (as written, up
//! to 6 tokens) seen as gold entities, with how often each was seen under each label (capped at
//! 15), in any language and in each language alone. Built from the training split only; while
//! training, each sentence sees a gazetteer built without its block of the corpus (one fifth;
//! see `train.rs`), so the features fire about as often as they would on unseen text.

use super::hash;
use super::labels::{self, Tag};
use std::collections::HashMap;

/// Longest entity (in tokens) kept and looked up.
pub const MAX_LEN: usize = 6;
/// Seed of the entity-string hashes.
const SEED: u64 = 0x6761_7a65;

/// Entity-string hash → four 4-bit label counts (PER, ORG, LOC, MISC).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gazetteer {
    map: HashMap<u64, u16>,
}

/// The hash of the token sequence `words` (as written).
pub fn key<S: AsRef<str>>(words: &[S]) -> u64 {
    let mut h = SEED;
    for w in words {
        h = hash::pair(h, hash::str(SEED, w.as_ref()));
    }
    h & !0xffff
}

/// Incremental key: extend `h` (from [`SEED`]) by one word hash.
#[inline]
fn extend(h: u64, word: u64) -> u64 {
    hash::pair(h, word)
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Counts one sighting of the entity `words` with label index `label` (0..4).
    /// The same sighting is also counted for language `lang` alone.
    pub fn add<S: AsRef<str>>(&mut self, words: &[S], label: usize, lang: u8) {
        if words.is_empty() || words.len() > MAX_LEN {
            return;
        }
        let k = key(words);
        for k in [k, lang_key(k, lang)] {
            let e = self.map.entry(k).or_default();
            let c = (*e >> (4 * label)) & 0xf;
            if c < 15 {
                *e += 1 << (4 * label);
            }
        }
    }

    /// Counts one sighting of `words` under slot `label` (0..4), for every language alone
    /// (no language-own key: the external lists are not per language).
    pub fn add_any<S: AsRef<str>>(&mut self, words: &[S], label: usize) {
        if words.is_empty() || words.len() > MAX_LEN {
            return;
        }
        let e = self.map.entry(key(words)).or_default();
        if (*e >> (4 * label)) & 0xf < 15 {
            *e += 1 << (4 * label);
        }
    }

    /// Adds the gold entities of a sentence.
    pub fn add_sentence<S: AsRef<str>>(&mut self, words: &[S], tags: &[Tag], lang: u8) {
        for sp in labels::spans(tags) {
            let l = Tag::begin(sp.label).0 as usize / 2;
            self.add(&words[sp.tokens], l, lang);
        }
    }

    /// Entries as sorted `u64`s (hash high 48 bits, counts low 16).
    pub fn entries(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self.map.iter().map(|(k, c)| k | u64::from(*c)).collect();
        v.sort_unstable();
        v
    }

    /// A gazetteer from [`entries`](Self::entries).
    pub fn from_entries(entries: &[u64]) -> Gazetteer {
        Gazetteer {
            map: entries.iter().map(|e| (e & !0xffff, *e as u16)).collect(),
        }
    }

    /// The entries matching a sentence of word hashes ([`word_hash`]), starting only where
    /// `starts` is true: (label counts, start, end, whether the counts are those of language
    /// `lang` alone).
    #[allow(clippy::needless_range_loop)]
    pub fn matches(
        &self,
        words: &[u64],
        starts: &[bool],
        lang: u8,
    ) -> Vec<(u16, usize, usize, bool)> {
        let mut out = Vec::new();
        if self.map.is_empty() {
            return out;
        }
        let n = words.len();
        for s in 0..n {
            if !starts[s] {
                continue;
            }
            let mut h = SEED;
            for e in s..n.min(s + MAX_LEN) {
                h = extend(h, words[e]);
                let any = h & !0xffff;
                for (k, own) in [(any, false), (lang_key(any, lang), true)] {
                    if let Some(&c) = self.map.get(&k).filter(|&&c| c != 0) {
                        out.push((c, s, e + 1, own));
                    }
                }
            }
        }
        out
    }
}

/// The key of an entity string `k` counted in language `lang` alone.
fn lang_key(k: u64, lang: u8) -> u64 {
    hash::pair(k, u64::from(lang) + 1) & !0xffff
}

/// Per-word hashes for [`Gazetteer::matches`].
pub fn word_hash(word: &str) -> u64 {
    hash::str(SEED, word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsloom_model::EntityLabel;

    #[test]
    fn entities_are_found_with_their_counts() {
        let mut g = Gazetteer::new();
        let words = ["in", "New", "York", "today"];
        let tags = [
            Tag::O,
            Tag::begin(EntityLabel::Location),
            Tag::inside(EntityLabel::Location),
            Tag::O,
        ];
        g.add_sentence(&words, &tags, 0);
        let g = Gazetteer::from_entries(&g.entries());
        let hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        let starts = [false, true, true, false];
        let m = g.matches(&hashes, &starts, 0);
        assert_eq!(m, vec![(1 << 8, 1, 3, false), (1 << 8, 1, 3, true)]);
        assert_eq!(g.matches(&hashes, &starts, 1).len(), 1);
    }
}
