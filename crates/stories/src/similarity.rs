//! The similarity of two articles: one component per feature family, combined by the fitted
//! logistic model of [`crate::fit::weights`] into a score in [0, 1], with an [`Explanation`] of
//! what matched.
//!
//! ```
//! use newsloom_model::{Article, Language};
//! use newsloom_stories::{FeatureConfig, Features, Similarity, TermStats};
//! let cfg = FeatureConfig::default();
//! let mut a = Article::new("a");
//! a.language = Language::En;
//! a.text = "Germany extended its travel warning for 2,000 tourists in Brussels.".into();
//! let mut b = a.clone();
//! b.language = Language::De;
//! b.text = "Deutschland verlängert die Reisewarnung für 2.000 Touristen in Brüssel.".into();
//! let (fa, fb) = (Features::from_article(&a, &cfg), Features::from_article(&b, &cfg));
//! let e = Similarity::new().explain(&fa, &fb, &TermStats::new());
//! assert!(e.numbers.contains(&"2000".to_string()));
//! assert!(e.capitalised.contains(&"brussels".to_string()));
//! ```

use crate::features::{Bag, Family, Features};
use crate::fit::weights::{Weights, SAME_STORY_PROBABILITY, SAME_STORY_WEIGHTS, WEIGHTS};
use crate::idf::TermStats;
use serde::{Deserialize, Serialize};

/// The per-family similarities of a pair, each in [0, 1]: the model's inputs. Cosines enter
/// as their square roots (their distribution is skewed towards 0; the root made the fit
/// linear enough to gain 0.04 Pearson on the held-out half).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Components {
    /// IDF-weighted cosine of entity keys (weighted by log mention counts).
    pub entity: f64,
    /// IDF-weighted cosine of normalised numbers.
    pub number: f64,
    /// IDF-weighted cosine of resolved dates.
    pub date: f64,
    /// Share of the smaller speaker set found in the other.
    pub speaker: f64,
    /// IDF-weighted cosine of capitalised words.
    pub capitalised: f64,
    /// TF-IDF cosine of text terms when both articles are in the same language, else 0.
    pub text: f64,
    /// TF-IDF cosine of text terms when the languages differ (shared names and cognates), else 0.
    pub text_cross: f64,
    /// IDF-weighted cosine of title words.
    pub title: f64,
    /// 1 when the two articles are in different languages.
    pub crosslingual: f64,
    /// IDF-weighted overlap of people keys: the shared keys' IDF over the smaller side's total.
    pub people: f64,
    /// IDF-weighted overlap of place keys (as `people`).
    pub places: f64,
    /// IDF-weighted cosine of numbers that are neither years (1900–2100) nor small integers
    /// (below 100): counts and amounts particular to one event.
    pub number_rare: f64,
    /// TF-IDF cosine of the leads' terms (first paragraph).
    pub lead: f64,
    /// Jaccard of the two articles' most mentioned entity keys ([`TOP_ENTITIES`] each).
    pub top_entities: f64,
    /// `entity × number_rare`: names and figures both shared.
    pub entity_number: f64,
    /// `text × title`, same-language pairs.
    pub text_title: f64,
    /// `lead`, cross-lingual pairs only (its weight differs across languages).
    pub lead_cross: f64,
    /// Evidence of different events: both articles give rare numbers (`number_rare`'s) but few
    /// are shared — `(1 − number_rare) × min(1, smaller count / 5)`.
    pub number_conflict: f64,
    /// Both articles name people but share none of them: `(1 − people) × [both name people]`.
    pub people_conflict: f64,
    /// TF-IDF² cosine of text terms (rare terms weigh more: event-specific words over topic
    /// words), whatever the languages.
    pub text_rare: f64,
    /// TF-IDF cosine of the lexical terms (text terms mapped to English by the bilingual
    /// lexicon), whatever the languages.
    pub lexical: f64,
}

/// The IDF power of `text_rare` (rare terms weigh more than in `text`; 1.5–2 measured best,
/// 3–4 slightly worse).
const RARE_IDF_POWER: f64 = 2.0;

/// Rare numbers each side needs for `number_conflict` to reach its full value.
const CONFLICT_NUMBERS: f64 = 5.0;

/// How many of its most mentioned entity keys an article contributes to `top_entities`.
pub const TOP_ENTITIES: usize = 5;

impl Components {
    /// Number of components.
    pub const COUNT: usize = 21;
    /// Component names, in [`Components::to_array`] order.
    pub const NAMES: [&'static str; Components::COUNT] = [
        "entity",
        "number",
        "date",
        "speaker",
        "capitalised",
        "text",
        "text_cross",
        "title",
        "crosslingual",
        "people",
        "places",
        "number_rare",
        "lead",
        "top_entities",
        "entity_number",
        "text_title",
        "lead_cross",
        "number_conflict",
        "people_conflict",
        "text_rare",
        "lexical",
    ];

    /// The components as a vector, in [`Components::NAMES`] order.
    pub fn to_array(&self) -> [f64; Components::COUNT] {
        [
            self.entity,
            self.number,
            self.date,
            self.speaker,
            self.capitalised,
            self.text,
            self.text_cross,
            self.title,
            self.crosslingual,
            self.people,
            self.places,
            self.number_rare,
            self.lead,
            self.top_entities,
            self.entity_number,
            self.text_title,
            self.lead_cross,
            self.number_conflict,
            self.people_conflict,
            self.text_rare,
            self.lexical,
        ]
    }
}

/// Why two articles scored what they scored: the components and the keys that matched, most
/// informative first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The combined score in [0, 1].
    pub score: f64,
    /// The same-story classifier's probability in [0, 1].
    #[serde(default)]
    pub same_story: f64,
    /// The per-family similarities.
    pub components: Components,
    /// Shared entity keys.
    pub entities: Vec<String>,
    /// Shared numbers.
    pub numbers: Vec<String>,
    /// Shared resolved dates.
    pub dates: Vec<String>,
    /// Shared quote speakers.
    pub speakers: Vec<String>,
    /// Shared capitalised words.
    pub capitalised: Vec<String>,
    /// Shared text terms (at most [`Explanation::MAX_TERMS`]).
    pub terms: Vec<String>,
}

impl Explanation {
    /// How many shared terms an explanation lists.
    pub const MAX_TERMS: usize = 12;
}

/// The article similarity, with its model weights.
#[derive(Debug, Clone)]
pub struct Similarity {
    weights: Weights,
    classifier: Weights,
    classifier_threshold: f64,
}

impl Default for Similarity {
    fn default() -> Self {
        Similarity::new()
    }
}

impl Similarity {
    /// The similarity with the fitted weights ([`WEIGHTS`]).
    pub fn new() -> Similarity {
        Similarity::with_weights(WEIGHTS)
    }

    /// The similarity with other weights (as fitted by [`crate::fit::fit_logistic`]).
    pub fn with_weights(weights: Weights) -> Similarity {
        Similarity {
            weights,
            classifier: SAME_STORY_WEIGHTS,
            classifier_threshold: SAME_STORY_PROBABILITY,
        }
    }

    /// The same similarity with another same-story classifier and its probability threshold.
    pub fn with_classifier(mut self, classifier: Weights, threshold: f64) -> Similarity {
        self.classifier = classifier;
        self.classifier_threshold = threshold;
        self
    }

    /// The model weights.
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// The same-story classifier's weights.
    pub fn classifier(&self) -> &Weights {
        &self.classifier
    }

    /// The same-story classifier's probability that `a` and `b` report the same story.
    pub fn same_story_probability(&self, a: &Features, b: &Features, stats: &TermStats) -> f64 {
        self.classifier.apply(&components(a, b, stats).0)
    }

    /// The same-story decision: the classifier's probability reaches its threshold.
    pub fn same_story(&self, a: &Features, b: &Features, stats: &TermStats) -> bool {
        self.same_story_probability(a, b, stats) >= self.classifier_threshold
    }

    /// The same-story classifier's probability threshold.
    pub fn classifier_threshold(&self) -> f64 {
        self.classifier_threshold
    }

    /// The combined score and the same-story classifier's probability, from one computation
    /// of the components.
    pub fn score_and_probability(
        &self,
        a: &Features,
        b: &Features,
        stats: &TermStats,
    ) -> (f64, f64) {
        let c = components(a, b, stats).0;
        (self.weights.apply(&c), self.classifier.apply(&c))
    }

    /// The combined score of `a` and `b` in [0, 1].
    pub fn score(&self, a: &Features, b: &Features, stats: &TermStats) -> f64 {
        self.weights.apply(&components(a, b, stats).0)
    }

    /// The score with its explanation.
    pub fn explain(&self, a: &Features, b: &Features, stats: &TermStats) -> Explanation {
        let (c, matched) = components(a, b, stats);
        let [entities, numbers, dates, speakers, capitalised, mut terms] = matched;
        terms.truncate(Explanation::MAX_TERMS);
        Explanation {
            score: self.weights.apply(&c),
            same_story: self.classifier.apply(&c),
            components: c,
            entities,
            numbers,
            dates,
            speakers,
            capitalised,
            terms,
        }
    }
}

/// Computes the components and the matched keys (entities, numbers, dates, speakers,
/// capitalised words, terms).
pub fn components(a: &Features, b: &Features, stats: &TermStats) -> (Components, [Vec<String>; 6]) {
    let same_language = a.language == b.language;
    let (entity, entities) = cosine(
        &a.entities,
        &b.entities,
        |k| stats.idf(Family::Entity, k),
        true,
    );
    let (number, numbers) = cosine(
        &a.numbers,
        &b.numbers,
        |k| stats.idf(Family::Number, k),
        false,
    );
    let (date, dates) = cosine(&a.dates, &b.dates, |k| stats.idf(Family::Date, k), false);
    let (speaker, speakers) = overlap(&a.speakers, &b.speakers);
    let (capitalised, caps) = cosine(
        &a.capitalised,
        &b.capitalised,
        |k| stats.idf(Family::Capitalised, k),
        false,
    );
    let (text, text_rare, terms) = term_cosines(&a.terms, &b.terms, |k| stats.idf(Family::Term, k));
    let (title, _) = cosine(&a.title, &b.title, |k| stats.idf(Family::Title, k), false);
    let entity_idf = |k: &str| stats.idf(Family::Entity, k);
    let term_idf = |k: &str| stats.idf(Family::Term, k);
    let people = weighted_overlap(&a.people, &b.people, entity_idf);
    let places = weighted_overlap(&a.places, &b.places, entity_idf);
    // Numbers that are not rare weigh 0 in this cosine.
    let (number_rare, _) = cosine(
        &a.numbers,
        &b.numbers,
        |k| {
            if is_rare_number(k) {
                stats.idf(Family::Number, k)
            } else {
                0.0
            }
        },
        false,
    );
    let rare_count = |bag: &Bag| bag.keys().filter(|k| is_rare_number(k)).count();
    let number_conflict = (1.0 - number_rare.sqrt())
        * (rare_count(&a.numbers).min(rare_count(&b.numbers)) as f64 / CONFLICT_NUMBERS).min(1.0);
    let people_conflict = if a.people.is_empty() || b.people.is_empty() {
        0.0
    } else {
        1.0 - people
    };
    let (lead, _) = cosine(&a.lead, &b.lead, term_idf, true);
    let lexical = merged_cosine(&a.lexical, &b.lexical, |k| stats.idf(Family::Lexical, k));
    let top_entities = jaccard(&top_keys(&a.entities), &top_keys(&b.entities));
    let entity_rt = entity.sqrt();
    let number_rare_rt = number_rare.sqrt();
    let text_rt = if same_language { text.sqrt() } else { 0.0 };
    let title_rt = title.sqrt();
    let c = Components {
        people,
        places,
        number_rare: number_rare_rt,
        lead: lead.sqrt(),
        top_entities,
        entity_number: entity_rt * number_rare_rt,
        text_title: text_rt * title_rt,
        number_conflict,
        people_conflict,
        text_rare: text_rare.sqrt(),
        lexical: lexical.sqrt(),
        lead_cross: if same_language { 0.0 } else { lead.sqrt() },
        entity: entity.sqrt(),
        number: number.sqrt(),
        date: date.sqrt(),
        speaker,
        capitalised: capitalised.sqrt(),
        text: if same_language { text.sqrt() } else { 0.0 },
        text_cross: if same_language { 0.0 } else { text.sqrt() },
        title: title.sqrt(),
        crosslingual: if same_language { 0.0 } else { 1.0 },
    };
    (c, [entities, numbers, dates, speakers, caps, terms])
}

/// Weighted cosine of two bags: each key weighs `idf(key)`, times `1 + ln(count)` when
/// `use_counts`. Returns the cosine and the shared keys, largest contribution first.
fn cosine(a: &Bag, b: &Bag, idf: impl Fn(&str) -> f64, use_counts: bool) -> (f64, Vec<String>) {
    if a.is_empty() || b.is_empty() {
        return (0.0, Vec::new());
    }
    let weight = |k: &str, n: u32| {
        let tf = if use_counts {
            1.0 + f64::from(n.max(1)).ln()
        } else {
            1.0
        };
        tf * idf(k)
    };
    let norm = |bag: &Bag| {
        bag.iter()
            .map(|(k, n)| weight(k, *n).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let (na, nb) = (norm(a), norm(b));
    if na == 0.0 || nb == 0.0 {
        return (0.0, Vec::new());
    }
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let mut shared: Vec<(f64, &str)> = Vec::new();
    let mut dot = 0.0;
    for (k, n) in small {
        if let Some(m) = large.get(k) {
            let p = weight(k, *n) * weight(k, *m);
            dot += p;
            shared.push((p, k));
        }
    }
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
    let keys = shared.into_iter().map(|(_, k)| k.to_string()).collect();
    ((dot / (na * nb)).clamp(0.0, 1.0), keys)
}

/// The TF-IDF cosine of two term bags (`1 + ln tf`) and the same with IDF to the power
/// [`RARE_IDF_POWER`], in one pass, with the shared keys (largest TF-IDF product first).
fn term_cosines(a: &Bag, b: &Bag, idf: impl Fn(&str) -> f64) -> (f64, f64, Vec<String>) {
    if a.is_empty() || b.is_empty() {
        return (0.0, 0.0, Vec::new());
    }
    // (tf, idf) per key of a bag, and its two norms.
    let weigh = |bag: &Bag| -> (Vec<(f64, f64)>, f64, f64) {
        let w: Vec<(f64, f64)> = bag
            .iter()
            .map(|(k, n)| (1.0 + f64::from((*n).max(1)).ln(), idf(k)))
            .collect();
        let n1 = w.iter().map(|(t, i)| (t * i).powi(2)).sum::<f64>().sqrt();
        let n2 = w
            .iter()
            .map(|(t, i)| (t * i.powf(RARE_IDF_POWER)).powi(2))
            .sum::<f64>()
            .sqrt();
        (w, n1, n2)
    };
    let (wa, na1, na2) = weigh(a);
    let (wb, nb1, nb2) = weigh(b);
    if na1 == 0.0 || nb1 == 0.0 || na2 == 0.0 || nb2 == 0.0 {
        return (0.0, 0.0, Vec::new());
    }
    // Both bags are sorted by key: merge them.
    let (mut dot1, mut dot2) = (0.0, 0.0);
    let mut shared: Vec<(f64, &str)> = Vec::new();
    let mut ib = b.keys().zip(&wb).peekable();
    for (k, (ta, i)) in a.keys().zip(&wa) {
        while ib.peek().is_some_and(|(kb, _)| kb.as_str() < k.as_str()) {
            ib.next();
        }
        if let Some((kb, (tb, _))) = ib.peek() {
            if *kb == k {
                let p = ta * tb * i * i;
                dot1 += p;
                dot2 += ta * tb * i.powf(2.0 * RARE_IDF_POWER);
                shared.push((p, k));
            }
        }
    }
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then_with(|| x.1.cmp(y.1)));
    let keys = shared.into_iter().map(|(_, k)| k.to_string()).collect();
    (
        (dot1 / (na1 * nb1)).clamp(0.0, 1.0),
        (dot2 / (na2 * nb2)).clamp(0.0, 1.0),
        keys,
    )
}

/// The TF-IDF cosine of two bags (`1 + ln tf`) as [`cosine`] with counts, without the shared
/// keys: one IDF look-up per key, the dot product by merging the sorted keys (the lexical bags
/// are as long as the term bags, and this is every comparison's largest cosine after those).
fn merged_cosine(a: &Bag, b: &Bag, idf: impl Fn(&str) -> f64) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let weigh = |bag: &Bag| -> (Vec<f64>, f64) {
        let w: Vec<f64> = bag
            .iter()
            .map(|(k, n)| (1.0 + f64::from((*n).max(1)).ln()) * idf(k))
            .collect();
        let norm = w.iter().map(|x| x * x).sum::<f64>().sqrt();
        (w, norm)
    };
    let (wa, na) = weigh(a);
    let (wb, nb) = weigh(b);
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    let mut dot = 0.0;
    let mut ib = b.keys().zip(&wb).peekable();
    for (k, x) in a.keys().zip(&wa) {
        while ib.peek().is_some_and(|(kb, _)| kb.as_str() < k.as_str()) {
            ib.next();
        }
        if let Some((kb, y)) = ib.peek() {
            if *kb == k {
                dot += x * *y;
            }
        }
    }
    (dot / (na * nb)).clamp(0.0, 1.0)
}

/// IDF-weighted overlap coefficient: the summed IDF of the shared keys over the smaller of the
/// two sides' summed IDF (0 when either is empty).
fn weighted_overlap(a: &Bag, b: &Bag, idf: impl Fn(&str) -> f64) -> f64 {
    let total = |bag: &Bag| bag.keys().map(|k| idf(k)).sum::<f64>();
    let smaller = total(a).min(total(b));
    if smaller <= 0.0 {
        return 0.0;
    }
    let shared: f64 = a
        .keys()
        .filter(|k| b.contains_key(*k))
        .map(|k| idf(k))
        .sum();
    (shared / smaller).clamp(0.0, 1.0)
}

/// The numbers of a bag that are neither years (integers 1900–2100) nor integers below 100.
fn is_rare_number(key: &str) -> bool {
    match key.parse::<u64>() {
        Ok(n) => n >= 100 && !(1900..=2100).contains(&n),
        Err(_) => true,
    }
}

/// The numbers of a bag that are [rare](is_rare_number).
#[cfg(test)]
fn rare_numbers(numbers: &Bag) -> Bag {
    numbers
        .iter()
        .filter(|(k, _)| is_rare_number(k))
        .map(|(k, n)| (k.clone(), *n))
        .collect()
}

/// The [`TOP_ENTITIES`] most mentioned keys of a bag (ties by key).
fn top_keys(bag: &Bag) -> Vec<&str> {
    let mut v: Vec<(&str, u32)> = bag.iter().map(|(k, n)| (k.as_str(), *n)).collect();
    v.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(y.0)));
    v.into_iter().take(TOP_ENTITIES).map(|(k, _)| k).collect()
}

/// Jaccard of two key lists (0 when both are empty).
fn jaccard(a: &[&str], b: &[&str]) -> f64 {
    let shared = a.iter().filter(|k| b.contains(k)).count();
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

/// Share of the smaller key set found in the other, with the shared keys.
fn overlap(a: &Bag, b: &Bag) -> (f64, Vec<String>) {
    let smaller = a.len().min(b.len());
    if smaller == 0 {
        return (0.0, Vec::new());
    }
    let shared: Vec<String> = a.keys().filter(|k| b.contains_key(*k)).cloned().collect();
    (shared.len() as f64 / smaller as f64, shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rare_numbers_skip_years_and_small_integers() {
        let bag: Bag = ["2020", "14", "1203130", "2.5%", "350"]
            .iter()
            .map(|k| (k.to_string(), 1))
            .collect();
        let rare = rare_numbers(&bag);
        let rare: Vec<&str> = rare.keys().map(String::as_str).collect();
        assert_eq!(rare, vec!["1203130", "2.5%", "350"]);
    }

    #[test]
    fn conflicts_need_both_sides() {
        let mut a = Features::default();
        let mut b = Features::default();
        a.people.insert("merkel".into(), 2);
        let (c, _) = components(&a, &b, &TermStats::new());
        assert_eq!(c.people_conflict, 0.0);
        b.people.insert("macron".into(), 1);
        let (c, _) = components(&a, &b, &TermStats::new());
        assert_eq!(c.people_conflict, 1.0);
        b.people.insert("merkel".into(), 1);
        let (c, _) = components(&a, &b, &TermStats::new());
        assert!(c.people > 0.99 && c.people_conflict < 0.01, "{c:?}");
    }

    #[test]
    fn merged_cosine_agrees_with_cosine() {
        let bag = |keys: &[(&str, u32)]| -> Bag {
            keys.iter().map(|(k, n)| (k.to_string(), *n)).collect()
        };
        let a = bag(&[("elect", 3), ("gover", 1), ("madri", 2)]);
        let b = bag(&[("crisi", 1), ("elect", 1), ("madri", 4), ("zzz", 2)]);
        let idf = |k: &str| 1.0 + k.len() as f64 / 10.0;
        let (expected, _) = cosine(&a, &b, idf, true);
        assert!((merged_cosine(&a, &b, idf) - expected).abs() < 1e-12);
    }

    #[test]
    fn top_entity_jaccard() {
        assert_eq!(jaccard(&["a", "b"], &["b", "c"]), 1.0 / 3.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
