//! Training: the lexicon from the training sentences, then the averaged perceptron over
//! several shuffled epochs (deterministic seed), then quantisation.

use super::corpus::Corpus;
use super::features::{self, Context, Lexicon, SentenceFeatures};
use super::format::{quantise, QuantiseConfig};
use super::labels::{Tag, N_TAGS};
use super::perceptron::{self, Quantised, Training};
use super::vocab::Cues;
use newsloom_model::EntityLabel;
use std::collections::HashMap;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Log2 of the number of weight rows.
    pub bits: u32,
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling.
    pub seed: u64,
    /// Log2 of the bits of each lexicon word set.
    pub lexicon_bits: u32,
    /// A word is "usually lower case" when seen at least this often…
    pub lower_min_count: u32,
    /// …and in lower case at least this share of its non-initial occurrences.
    pub lower_min_share: f64,
    /// A first name must start a multi-token person name at least this often.
    pub first_name_min_count: u32,
    /// Quantisation of the averaged weights.
    pub quantise: QuantiseConfig,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            bits: 20,
            epochs: 15,
            seed: 0x6e65_7773,
            lexicon_bits: 18,
            lower_min_count: 2,
            lower_min_share: 0.6,
            first_name_min_count: 2,
            quantise: QuantiseConfig::default(),
        }
    }
}

/// Builds the lexicon word sets from the training corpora.
pub fn build_lexicon(corpora: &[Corpus], config: &TrainConfig) -> Lexicon {
    let mut lex = Lexicon::empty(config.lexicon_bits);
    // lower word -> (non-initial occurrences, lower-case ones)
    let mut case: HashMap<String, (u32, u32)> = HashMap::new();
    let mut first: HashMap<String, u32> = HashMap::new();
    for c in corpora {
        for s in &c.sentences {
            for w in s.words.iter().skip(1) {
                if !w.chars().next().is_some_and(char::is_alphabetic) {
                    continue;
                }
                let e = case.entry(w.to_lowercase()).or_default();
                e.0 += 1;
                if !w.chars().any(char::is_uppercase) {
                    e.1 += 1;
                }
            }
            for i in 0..s.words.len().saturating_sub(1) {
                if s.tags[i] == Tag::begin(EntityLabel::Person)
                    && s.tags[i + 1] == Tag::inside(EntityLabel::Person)
                {
                    *first.entry(s.words[i].to_lowercase()).or_default() += 1;
                }
            }
        }
    }
    for (w, (n, lower)) in &case {
        if *n >= config.lower_min_count
            && f64::from(*lower) >= config.lower_min_share * f64::from(*n)
        {
            lex.lower_common.insert(w);
        }
    }
    for (w, n) in &first {
        if *n >= config.first_name_min_count {
            lex.first_names.insert(w);
        }
    }
    lex
}

/// SplitMix64, for a deterministic shuffle.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Progress of one epoch.
#[derive(Debug, Clone, Copy)]
pub struct EpochReport {
    /// Epoch number from 1.
    pub epoch: usize,
    /// Share of training tokens tagged correctly during the epoch.
    pub accuracy: f64,
}

/// Trains a tagger on `corpora`; `report` is called after each epoch.
pub fn train(
    corpora: &[Corpus],
    config: &TrainConfig,
    mut report: impl FnMut(EpochReport),
) -> (Quantised, Lexicon) {
    let lexicon = build_lexicon(corpora, config);
    let mut examples: Vec<(SentenceFeatures, &[Tag])> = Vec::new();
    for c in corpora {
        let cues = Cues::new(&c.file.lang);
        let ctx = Context {
            lang: features::lang_id(&c.file.lang),
            domain: c.file.domain,
            cues: &cues,
            lexicon: &lexicon,
        };
        for s in &c.sentences {
            examples.push((features::extract(&s.words, &ctx), &s.tags));
        }
    }
    let mut w = Training::new(config.bits);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(config.seed);
    for epoch in 1..=config.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &e in &order {
            let (f, gold) = &examples[e];
            let (mut prev, mut prev2) = (Tag::O, Tag::O);
            for (i, &g) in gold.iter().enumerate() {
                let mut s = perceptron::static_scores(&w, f, i);
                perceptron::add_dynamic(&w, f, i, prev, prev2, &mut s);
                let guess = perceptron::best(&s, prev, false);
                if guess != g {
                    let dynamic = features::dynamic(prev, prev2, f.word[i], f.shape[i]);
                    w.update(f.token(i), g, 1);
                    w.update(&dynamic, g, 1);
                    w.update(f.token(i), guess, -1);
                    w.update(&dynamic, guess, -1);
                } else {
                    right += 1;
                }
                total += 1;
                w.tick();
                prev2 = prev;
                prev = guess;
            }
        }
        report(EpochReport {
            epoch,
            accuracy: right as f64 / total.max(1) as f64,
        });
    }
    let avg = w.averaged();
    debug_assert_eq!(avg.len(), (1 << config.bits) * N_TAGS);
    (quantise(&avg, config.bits, &config.quantise), lexicon)
}
