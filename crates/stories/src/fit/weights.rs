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
}

/// The fitted weights.
pub const WEIGHTS: Weights = Weights {
    bias: -3.3288,
    entity: 0.9938,
    number: 0.9168,
    date: -0.1899,
    speaker: 0.7394,
    capitalised: 1.0770,
    text: 4.5978,
    text_cross: 3.8977,
    title: 0.4950,
    crosslingual: 1.1502,
};

/// The same-story threshold on the score, chosen on the fitting half for the best F1.
pub const SAME_STORY_THRESHOLD: f64 = 0.480;

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
