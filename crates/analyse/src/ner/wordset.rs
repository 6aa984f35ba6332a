//! A hashed word set (a one-hash Bloom filter): compact lexical knowledge gathered from the
//! training data and stored with the weights, e.g. "words usually written in lower case".

use super::hash;

/// Seed of word-set keys.
const SEED: u64 = 0x776f_7264;

/// A set of lower-case words, stored as a bitset of `2^bits` bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordSet {
    bits: u32,
    words: Vec<u64>,
}

impl WordSet {
    /// An empty set of `2^bits` bits.
    pub fn new(bits: u32) -> WordSet {
        let bits = bits.clamp(6, 30);
        WordSet {
            bits,
            words: vec![0; 1 << (bits - 6)],
        }
    }

    /// Rebuilds a set from its parts; `None` when the sizes do not match.
    pub fn from_parts(bits: u32, words: Vec<u64>) -> Option<WordSet> {
        ((6..=30).contains(&bits) && words.len() == 1 << (bits - 6))
            .then_some(WordSet { bits, words })
    }

    /// Log2 of the number of bits.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The bitset words.
    pub fn words(&self) -> &[u64] {
        &self.words
    }

    fn slot(&self, word: &str) -> usize {
        hash::bucket(hash::str(SEED, word), self.bits) as usize
    }

    /// Adds `word` (already lower-cased).
    pub fn insert(&mut self, word: &str) {
        let s = self.slot(word);
        self.words[s >> 6] |= 1 << (s & 63);
    }

    /// True when `word` (lower-cased) was added (or collides with a word that was).
    pub fn contains(&self, word: &str) -> bool {
        let s = self.slot(word);
        self.words[s >> 6] & (1 << (s & 63)) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserted_words_are_found() {
        let mut s = WordSet::new(12);
        s.insert("the");
        assert!(s.contains("the"));
        assert!(!s.contains("paris"));
        let t = WordSet::from_parts(s.bits(), s.words().to_vec());
        assert_eq!(t, Some(s));
    }
}
