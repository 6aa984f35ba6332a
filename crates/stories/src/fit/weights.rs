//! The fitted weights of the similarity model and of the same-story classifier, as named
//! constants.
//!
//! Fitted by `cargo run --release -p newsloom-stories --example pairs_eval -- <pairs-dev.jsonl>`
//! (which prints them) on the fitting half of the SemEval-2022 Task 8 development pairs (split by
//! connected components of article ids: the components whose smallest id has an even FNV-1a
//! hash), with [`super::fit_logistic`] and its default settings: [`WEIGHTS`] with targets =
//! graded similarity, [`SAME_STORY_WEIGHTS`] with targets = the `same_story` label.

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
    /// Weight of [`Components::number_conflict`].
    #[serde(default)]
    pub number_conflict: f64,
    /// Weight of [`Components::people_conflict`].
    #[serde(default)]
    pub people_conflict: f64,
    /// Weight of [`Components::text_rare`].
    #[serde(default)]
    pub text_rare: f64,
    /// Weight of [`Components::lexical`].
    #[serde(default)]
    pub lexical: f64,
}

/// The fitted weights.
pub const WEIGHTS: Weights = Weights {
    bias: -4.2374,
    entity: 1.1200,
    number: 0.9299,
    date: -0.1459,
    speaker: 0.1779,
    capitalised: -0.4771,
    text: 1.1874,
    text_cross: 0.8201,
    title: 0.2571,
    crosslingual: 0.9260,
    people: 0.8169,
    places: -0.0192,
    number_rare: -0.0351,
    lead: 1.8264,
    top_entities: -0.8508,
    entity_number: 0.1694,
    text_title: 0.3174,
    lead_cross: 0.6950,
    number_conflict: -0.1056,
    people_conflict: 0.1321,
    text_rare: 2.0273,
    lexical: 2.6632,
};

/// The same-story threshold on the score, chosen on the fitting half for the best F1 (used by
/// the story index).
pub const SAME_STORY_THRESHOLD: f64 = 0.490;

/// Weights of the separate same-story classifier: the same components, a logistic regression
/// fitted to the binary `same_story` label rather than to the graded similarity.
pub const SAME_STORY_WEIGHTS: Weights = Weights {
    bias: -5.8497,
    entity: 0.8861,
    number: 1.1983,
    date: -0.5726,
    speaker: 0.6245,
    capitalised: -0.7763,
    text: 1.3998,
    text_cross: 0.5181,
    title: 0.2289,
    crosslingual: 1.3256,
    people: 0.7594,
    places: -0.1886,
    number_rare: -0.2996,
    lead: 3.0246,
    top_entities: -0.2271,
    entity_number: 0.4387,
    text_title: 0.4964,
    lead_cross: 0.8869,
    number_conflict: -0.5680,
    people_conflict: -0.3478,
    text_rare: 2.2498,
    lexical: 2.5125,
};

/// The same-story decision threshold on [`SAME_STORY_WEIGHTS`]' probability, chosen on the
/// fitting half for the best F1.
pub const SAME_STORY_PROBABILITY: f64 = 0.255;

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
            lead: g(12),
            top_entities: g(13),
            entity_number: g(14),
            text_title: g(15),
            lead_cross: g(16),
            number_conflict: g(17),
            people_conflict: g(18),
            text_rare: g(19),
            lexical: g(20),
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
