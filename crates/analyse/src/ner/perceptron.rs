//! The averaged perceptron over hashed features: weight tables (training and quantised
//! runtime) and greedy left-to-right decoding with previous-tag features.

use super::features::{self, SentenceFeatures};
use super::hash;
use super::labels::{Tag, N_TAGS};

/// A table of per-tag weights indexed by hashed feature keys.
pub trait Weights {
    /// Adds the weights of feature `key` to `scores`.
    fn add(&self, key: u64, scores: &mut [i32; N_TAGS]);
}

/// Quantised runtime weights: `2^bits` rows of `N_TAGS` `i16`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantised {
    /// Log2 of the number of rows.
    pub bits: u32,
    /// Row-major weights.
    pub rows: Vec<i16>,
}

impl Quantised {
    /// An all-zero table.
    pub fn zeros(bits: u32) -> Quantised {
        Quantised {
            bits,
            rows: vec![0; (1usize << bits) * N_TAGS],
        }
    }
}

impl Weights for Quantised {
    #[inline]
    fn add(&self, key: u64, scores: &mut [i32; N_TAGS]) {
        let b = hash::bucket(key, self.bits) as usize * N_TAGS;
        if let Some(row) = self.rows.get(b..b + N_TAGS) {
            for (s, w) in scores.iter_mut().zip(row) {
                *s += i32::from(*w);
            }
        }
    }
}

/// Training weights with lazy averaging (`avg = w - u / c`).
#[derive(Debug, Clone)]
pub struct Training {
    /// Log2 of the number of rows.
    pub bits: u32,
    w: Vec<i32>,
    u: Vec<i64>,
    c: i64,
}

impl Training {
    /// An all-zero table of `2^bits` rows.
    pub fn new(bits: u32) -> Training {
        let n = (1usize << bits) * N_TAGS;
        Training {
            bits,
            w: vec![0; n],
            u: vec![0; n],
            c: 1,
        }
    }

    /// Advances the averaging clock by one example.
    pub fn tick(&mut self) {
        self.c += 1;
    }

    /// Adds `delta` to the weight of `tag` for each of `keys`.
    pub fn update(&mut self, keys: &[u64], tag: Tag, delta: i32) {
        for &k in keys {
            let i = hash::bucket(k, self.bits) as usize * N_TAGS + tag.0 as usize;
            self.w[i] += delta;
            self.u[i] += self.c * i64::from(delta);
        }
    }

    /// The averaged weights.
    pub fn averaged(&self) -> Vec<f32> {
        let c = self.c as f64;
        self.w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| (f64::from(w) - u as f64 / c) as f32)
            .collect()
    }
}

impl Weights for Training {
    #[inline]
    fn add(&self, key: u64, scores: &mut [i32; N_TAGS]) {
        let b = hash::bucket(key, self.bits) as usize * N_TAGS;
        for (s, w) in scores.iter_mut().zip(&self.w[b..b + N_TAGS]) {
            *s += *w;
        }
    }
}

/// Scores of the static features of token `i`.
#[inline]
pub fn static_scores<W: Weights>(w: &W, f: &SentenceFeatures, i: usize) -> [i32; N_TAGS] {
    let mut s = [0i32; N_TAGS];
    for &k in f.token(i) {
        w.add(k, &mut s);
    }
    s
}

/// Adds the scores of the previous-tag features of token `i`.
#[inline]
pub fn add_dynamic<W: Weights>(
    w: &W,
    f: &SentenceFeatures,
    i: usize,
    prev: Tag,
    prev2: Tag,
    s: &mut [i32; N_TAGS],
) {
    for k in f.dynamic(i, prev, prev2) {
        w.add(k, s);
    }
}

/// The best tag of `scores`; with `constrained`, only tags that may follow `prev` in BIO.
#[inline]
pub fn best(scores: &[i32; N_TAGS], prev: Tag, constrained: bool) -> Tag {
    let mut best = Tag::O;
    let mut best_score = i32::MIN;
    for (t, &s) in scores.iter().enumerate() {
        let tag = Tag(t as u8);
        if s > best_score && (!constrained || tag.may_follow(prev)) {
            best = tag;
            best_score = s;
        }
    }
    best
}

/// Two-stage decoding: the first stage's tags, then the second stage's over features stacked
/// on them ([`features::stacked`]); a single stage when `stages` has one table.
pub fn decode_stages<W: Weights>(stages: &[W], f: &SentenceFeatures) -> Vec<Tag> {
    let Some(first) = stages.first() else {
        return vec![Tag::O; f.len()];
    };
    let mut tags = decode(first, f);
    for w in &stages[1..] {
        let g = features::stacked(f, &tags);
        tags = decode(w, &g);
    }
    tags
}

/// Greedy left-to-right decoding of a sentence (BIO-constrained).
pub fn decode<W: Weights>(w: &W, f: &SentenceFeatures) -> Vec<Tag> {
    let mut tags = Vec::with_capacity(f.len());
    let (mut prev, mut prev2) = (Tag::O, Tag::O);
    for i in 0..f.len() {
        let mut s = static_scores(w, f, i);
        add_dynamic(w, f, i, prev, prev2, &mut s);
        let t = best(&s, prev, true);
        tags.push(t);
        prev2 = prev;
        prev = t;
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn averaging_of_a_single_update() {
        let mut t = Training::new(4);
        t.update(&[7], Tag(1), 1);
        t.tick();
        t.update(&[7], Tag(1), -1);
        t.tick();
        let a = t.averaged();
        let b = hash::bucket(7, 4) as usize * N_TAGS + 1;
        assert!(a[b] > 0.0 && a[b] < 1.0);
    }

    #[test]
    fn constrained_best_skips_orphan_inside() {
        let mut s = [0; N_TAGS];
        s[2] = 10; // I-PER
        s[1] = 5; // B-PER
        assert_eq!(best(&s, Tag::O, true), Tag(1));
        assert_eq!(best(&s, Tag(1), true), Tag(2));
    }
}
