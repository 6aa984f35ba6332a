//! Fitting the weights that combine the similarity components: a logistic regression on
//! graded similarity targets, and the fitted constants ([`weights`]).

pub mod logistic;
pub mod weights;

pub use logistic::{fit_logistic, fit_logistic_rows, FitConfig};
