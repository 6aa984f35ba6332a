//! Training: the lexicon from the training sentences, then the averaged perceptron over
//! several shuffled epochs (deterministic seed), then quantisation.

use super::corpus::Corpus;
use super::features::{self, Context, Lexicon, SentenceFeatures};
use super::format::{quantise, QuantiseConfig};
use super::labels::{Tag, N_TAGS};
use super::perceptron::{self, Quantised, Training};

use super::gazetteer::Gazetteer;
use super::hash;
use super::vocab::Cues;
use super::wordset::WordClasses;
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
    /// Each news-domain (KIND) sentence is trained on this many times per epoch.
    pub news_repeat: usize,
    /// Log2 of the slots of the word-class map (0: no word classes).
    pub class_bits: u32,
    /// A word gets a class when seen at least this often.
    pub class_min_count: u32,
    /// Jackknife folds of the stacked second stage (below 2: a single stage).
    pub folds: usize,
    /// Build the gazetteer of training entity strings.
    pub gazetteer: bool,
    /// Contiguous blocks of each corpus whose sentences see a gazetteer built without them.
    pub gazetteer_blocks: usize,
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
            news_repeat: 1,
            class_bits: 19,
            class_min_count: 3,
            folds: 4,
            gazetteer: true,
            gazetteer_blocks: 5,
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
    if config.class_bits > 0 {
        lex.contexts = word_classes(corpora, config);
    }
    if config.gazetteer {
        for c in corpora {
            for s in &c.sentences {
                lex.gazetteer
                    .add_sentence(&s.words, &s.tags, features::lang_id(&c.file.lang));
            }
        }
    }
    lex
}

/// The distributional classes of the words seen at least `class_min_count` times: the 16-bit
/// hashes of their most frequent left and right neighbours (lower-cased; ties to the smaller
/// word, so the result is deterministic).
fn word_classes(corpora: &[Corpus], config: &TrainConfig) -> WordClasses {
    let mut left: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let mut right: HashMap<String, HashMap<String, u32>> = HashMap::new();
    let mut count: HashMap<String, u32> = HashMap::new();
    for c in corpora {
        for s in &c.sentences {
            let lower: Vec<String> = s.words.iter().map(|w| w.to_lowercase()).collect();
            for (i, w) in lower.iter().enumerate() {
                *count.entry(w.clone()).or_default() += 1;
                let l = if i == 0 { "<s>" } else { lower[i - 1].as_str() };
                let r = lower.get(i + 1).map_or("</s>", String::as_str);
                *left
                    .entry(w.clone())
                    .or_default()
                    .entry(l.to_string())
                    .or_default() += 1;
                *right
                    .entry(w.clone())
                    .or_default()
                    .entry(r.to_string())
                    .or_default() += 1;
            }
        }
    }
    let top = |m: &HashMap<String, u32>| -> u32 {
        m.iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map_or(0, |(w, _)| (hash::str(0x6e62, w) & 0xffff) as u32 | 1)
    };
    let mut words: Vec<(&String, &u32)> = count
        .iter()
        .filter(|(_, &n)| n >= config.class_min_count)
        .collect();
    words.sort();
    let mut out = WordClasses::new(config.class_bits);
    for (w, _) in words {
        let (l, r) = (top(&left[w]), top(&right[w]));
        out.insert(w, l << 16 | r);
    }
    out
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

/// One training sentence: its features and gold tags.
type Example<'a> = (SentenceFeatures, &'a [Tag]);

/// Trains one stage (greedy left-to-right averaged perceptron) on the examples listed in
/// `order` (an index may appear several times to weight its sentence more); `report` is
/// called after each epoch.
fn train_stage(
    examples: &[Example<'_>],
    order: &[usize],
    config: &TrainConfig,
    mut report: impl FnMut(EpochReport),
) -> Quantised {
    let mut w = Training::new(config.bits);
    let mut order = order.to_vec();
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
                    let dynamic = f.dynamic(i, prev, prev2);
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
    quantise(&avg, config.bits, &config.quantise)
}

/// The training order: every example once, news-domain ones `news_repeat` times.
fn base_order(examples: &[Example<'_>], news: &[bool], config: &TrainConfig) -> Vec<usize> {
    let mut order = Vec::with_capacity(examples.len());
    for (e, &is_news) in news.iter().enumerate() {
        let n = if is_news {
            config.news_repeat.max(1)
        } else {
            1
        };
        order.extend(std::iter::repeat_n(e, n));
    }
    order
}

/// Trains a tagger on `corpora` with the external name lists `external`
/// ([`super::external::read_dir`]; empty for none); `report` is called after each epoch of the final stages
/// (stage 1, then stage 2 when stacking).
pub fn train(
    corpora: &[Corpus],
    config: &TrainConfig,
    external: Gazetteer,
    mut report: impl FnMut(usize, EpochReport),
) -> (Vec<Quantised>, Lexicon) {
    let mut lexicon = build_lexicon(corpora, config);
    lexicon.external = external;
    let mut examples: Vec<Example<'_>> = Vec::new();
    let mut news: Vec<bool> = Vec::new();
    // Gazetteers without one contiguous block of each corpus, for that block's sentences
    // (neighbouring sentences share entities, so leaving out one sentence is not enough).
    let blocks = config.gazetteer_blocks.max(1);
    let block_of = |i: usize, n: usize| i * blocks / n.max(1);
    let held_out: Vec<Gazetteer> = if config.gazetteer {
        (0..blocks)
            .map(|b| {
                let mut g = Gazetteer::new();
                for c in corpora {
                    let n = c.sentences.len();
                    for (i, s) in c.sentences.iter().enumerate() {
                        if block_of(i, n) != b {
                            g.add_sentence(&s.words, &s.tags, features::lang_id(&c.file.lang));
                        }
                    }
                }
                g
            })
            .collect()
    } else {
        Vec::new()
    };
    for c in corpora {
        let cues = Cues::new(&c.file.lang);
        let n = c.sentences.len();
        for (i, s) in c.sentences.iter().enumerate() {
            let ctx = Context {
                lang: features::lang_id(&c.file.lang),
                domain: c.file.domain,
                cues: &cues,
                lexicon: &lexicon,
                gazetteer: held_out.get(block_of(i, n)),
            };
            examples.push((features::extract(&s.words, &ctx), &s.tags));
            news.push(c.file.domain == features::Domain::News);
        }
    }
    let order = base_order(&examples, &news, config);
    if config.folds < 2 {
        let w = train_stage(&examples, &order, config, |r| report(1, r));
        return (vec![w], lexicon);
    }
    // Stage 1 on all the data, and on each jackknife fold's complement (in parallel) to
    // predict the tags of that fold's sentences as the second stage will see them at run time.
    let folds = config.folds;
    let (first, fold_preds) = std::thread::scope(|scope| {
        let examples = &examples;
        let order = &order;
        let handles: Vec<_> = (0..folds)
            .map(|k| {
                scope.spawn(move || {
                    let sub: Vec<usize> =
                        order.iter().copied().filter(|e| e % folds != k).collect();
                    let w = train_stage(examples, &sub, config, |_| {});
                    (0..examples.len())
                        .filter(|e| e % folds == k)
                        .map(|e| (e, perceptron::decode(&w, &examples[e].0)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let first = train_stage(examples, order, config, |r| report(1, r));
        let preds: Vec<Vec<(usize, Vec<Tag>)>> = handles
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect();
        (first, preds)
    });
    let mut predicted: Vec<Vec<Tag>> = vec![Vec::new(); examples.len()];
    for (e, p) in fold_preds.into_iter().flatten() {
        predicted[e] = p;
    }
    let stacked: Vec<Example<'_>> = examples
        .iter()
        .zip(&predicted)
        .map(|((f, gold), p)| (features::stacked(f, p), *gold))
        .collect();
    drop(examples);
    let second = train_stage(&stacked, &order, config, |r| report(2, r));
    (vec![first, second], lexicon)
}
