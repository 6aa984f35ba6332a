//! The fitted weights of the similarity model, as named constants.
//!
//! Fitted by `cargo run --release -p newsloom-stories --example pairs_eval -- <pairs-dev.jsonl>`
//! (which prints them) on the fitting half of the SemEval-2022 Task 8 development pairs (pairs
//! whose FNV-1a hash of `pair_id` is even), with [`super::fit_logistic`] and its default
//! settings, targets = graded similarity.

use super::logistic::sigmoid;
use crate::similarity::Components;
use serde::{Deserialize, Serialize};

/// Weights of the logistic model: `score = sigmoid(bias + Σ weight × component)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Weights {
    /// Intercept.
    pub bias: f64,
    /// Weight of [`Components::entity`].
    pub entity: f64,
    /// Weight of [`Components::number`].
    pub number: f64,
    /// Weight of [`Components::date`].
    pub date: f64,
    /// Weight of [`Components::speaker`].
    pub speaker: f64,
    /// Weight of [`Components::capitalised`].
    pub capitalised: f64,
    /// Weight of [`Components::text`].
    pub text: f64,
    /// Weight of [`Components::text_cross`].
    pub text_cross: f64,
    /// Weight of [`Components::title`].
    pub title: f64,
    /// Weight of [`Components::crosslingual`].
    pub crosslingual: f64,
    /// Weight of [`Components::people`].
    #[serde(default)]
    pub people: f64,
    /// Weight of [`Components::places`].
    #[serde(default)]
    pub places: f64,
    /// Weight of [`Components::number_rare`].
    #[serde(default)]
    pub number_rare: f64,
    /// Weight of [`Components::title_body`].
    #[serde(default)]
    pub title_body: f64,
    /// Weight of [`Components::lead`].
    #[serde(default)]
    pub lead: f64,
    /// Weight of [`Components::top_entities`].
    #[serde(default)]
    pub top_entities: f64,
    /// Weight of [`Components::entity_number`].
    #[serde(default)]
    pub entity_number: f64,
    /// Weight of [`Components::text_title`].
    #[serde(default)]
    pub text_title: f64,
    /// Weight of [`Components::lead_cross`].
    #[serde(default)]
    pub lead_cross: f64,
}

/// The fitted weights.
pub const WEIGHTS: Weights = Weights {
    bias: -3.6746,
    entity: 0.9583,
    number: 0.8812,
    date: -0.0747,
    speaker: 0.5398,
    capitalised: 0.1576,
    text: 2.7035,
    text_cross: 1.4125,
    title: 0.3350,
    crosslingual: 0.9831,
    people: 0.9308,
    places: -0.2251,
    number_rare: 0.1362,
    title_body: 0.3428,
    lead: 3.2755,
    top_entities: -0.4717,
    entity_number: 0.4771,
    text_title: 0.4752,
    lead_cross: 1.0439,
};

/// The same-story threshold on the score, chosen on the fitting half for the best F1 (used by
/// the story index).
pub const SAME_STORY_THRESHOLD: f64 = 0.500;

/// Weights of the separate same-story classifier: the same components, a logistic regression
/// fitted to the binary `same_story` label rather than to the graded similarity.
pub const SAME_STORY_WEIGHTS: Weights = Weights {
    bias: -5.4064,
    entity: 0.6280,
    number: 1.1885,
    date: -0.4035,
    speaker: 1.2579,
    capitalised: -0.1196,
    text: 2.7402,
    text_cross: 0.9094,
    title: 0.2769,
    crosslingual: 1.3251,
    people: 1.0095,
    places: -0.2569,
    number_rare: -0.3105,
    title_body: 0.3151,
    lead: 4.4876,
    top_entities: 0.1679,
    entity_number: 1.1921,
    text_title: 0.6312,
    lead_cross: 1.1773,
};

/// The same-story decision threshold on [`SAME_STORY_WEIGHTS`]' probability, chosen on the
/// fitting half for the best F1.
pub const SAME_STORY_PROBABILITY: f64 = 0.305;

impl Weights {
    /// Builds weights from a bias and a vector in [`Components::NAMES`] order (missing entries
    /// are zero).
    pub fn from_vec(bias: f64, w: &[f64]) -> Weights {
        let g = |i: usize| w.get(i).copied().unwrap_or(0.0);
        Weights {
            bias,
            entity: g(0),
            number: g(1),
            date: g(2),
            speaker: g(3),
            capitalised: g(4),
            text: g(5),
            text_cross: g(6),
            title: g(7),
            crosslingual: g(8),
            people: g(9),
            places: g(10),
            number_rare: g(11),
            title_body: g(12),
            lead: g(13),
            top_entities: g(14),
            entity_number: g(15),
            text_title: g(16),
            lead_cross: g(17),
        }
    }

    /// The weights in [`Components::NAMES`] order.
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
            self.title_body,
            self.lead,
            self.top_entities,
            self.entity_number,
            self.text_title,
            self.lead_cross,
        ]
    }

    /// The score of a pair's components.
    pub fn apply(&self, c: &Components) -> f64 {
        let z = self.bias
            + self
                .to_array()
                .iter()
                .zip(c.to_array())
                .map(|(w, x)| w * x)
                .sum::<f64>();
        sigmoid(z)
    }
}
