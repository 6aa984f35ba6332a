//! Document frequencies of feature keys, for inverse-document-frequency weights. Kept
//! incrementally: the story index observes every article it adds.

use crate::features::{Family, Features};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast non-cryptographic hasher (FxHash's multiply-rotate) for the document-frequency
/// tables, which are looked up for every key of every comparison; keys are not attacker-chosen
/// in a way that matters here (a slow table only slows the index down).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by strings with [`FxHasher`].
pub type FxMap<V> = HashMap<String, V, BuildHasherDefault<FxHasher>>;

/// Document frequencies of every feature key, per [`Family`], and the number of documents seen.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TermStats {
    docs: u32,
    df: [FxMap<u32>; Family::COUNT],
}

impl TermStats {
    /// No documents seen: every key gets the same weight.
    pub fn new() -> TermStats {
        TermStats::default()
    }

    /// Counts one article's keys (each once).
    pub fn observe(&mut self, f: &Features) {
        self.docs += 1;
        for family in Family::ALL {
            let table = &mut self.df[family as usize];
            for key in f.keys(family) {
                match table.get_mut(key) {
                    Some(n) => *n += 1,
                    None => {
                        table.insert(key.to_string(), 1);
                    }
                }
            }
        }
    }

    /// Number of documents observed.
    pub fn docs(&self) -> u32 {
        self.docs
    }

    /// Documents holding `key` of `family`.
    pub fn df(&self, family: Family, key: &str) -> u32 {
        self.df[family as usize].get(key).copied().unwrap_or(0)
    }

    /// Smoothed inverse document frequency `ln((1 + N) / (1 + df)) + 1` (1 for every key when
    /// nothing was observed).
    pub fn idf(&self, family: Family, key: &str) -> f64 {
        let n = f64::from(self.docs);
        let df = f64::from(self.df(family, key));
        ((1.0 + n) / (1.0 + df)).ln() + 1.0
    }
}
