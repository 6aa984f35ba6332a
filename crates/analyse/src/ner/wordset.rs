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

/// Seed of word-class keys.
const CLASS_SEED: u64 = 0x636c_6173;

/// A hashed map from lower-case words to 32-bit class values (0: no class), `2^bits` slots;
/// colliding words share a slot (the last one written wins).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordClasses {
    bits: u32,
    values: Vec<u32>,
}

impl WordClasses {
    /// An empty map of `2^bits` slots.
    pub fn new(bits: u32) -> WordClasses {
        let bits = bits.clamp(1, 26);
        WordClasses {
            bits,
            values: vec![0; 1 << bits],
        }
    }

    /// Rebuilds a map from its parts; `None` when the sizes do not match.
    pub fn from_parts(bits: u32, values: Vec<u32>) -> Option<WordClasses> {
        ((1..=26).contains(&bits) && values.len() == 1 << bits)
            .then_some(WordClasses { bits, values })
    }

    /// Log2 of the number of slots.
    pub fn bits(&self) -> u32 {
        self.bits
    }

    /// The slot values.
    pub fn values(&self) -> &[u32] {
        &self.values
    }

    fn slot(&self, word: &str) -> usize {
        hash::bucket(hash::str(CLASS_SEED, word), self.bits) as usize
    }

    /// Sets the class of `word` (lower-cased).
    pub fn insert(&mut self, word: &str, class: u32) {
        let s = self.slot(word);
        self.values[s] = class;
    }

    /// The class of `word` (lower-cased); 0 when unknown.
    #[inline]
    pub fn get(&self, word: &str) -> u32 {
        self.values[self.slot(word)]
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
