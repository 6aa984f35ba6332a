//! Logistic regression with soft targets: minimises the cross-entropy between
//! `sigmoid(bias + w·x)` and a target in [0, 1] (the graded similarity), with a small L2
//! penalty, by full-batch gradient descent from zero. Deterministic: same samples, same
//! weights.

use super::weights::Weights;
use crate::similarity::Components;

/// Settings of the fit.
#[derive(Debug, Clone)]
pub struct FitConfig {
    /// Gradient steps.
    pub iterations: usize,
    /// Step size.
    pub learning_rate: f64,
    /// L2 penalty on the component weights (not the bias).
    pub l2: f64,
}

impl Default for FitConfig {
    fn default() -> Self {
        FitConfig {
            iterations: 20_000,
            learning_rate: 2.0,
            l2: 1e-3,
        }
    }
}

/// Fits weights to `(components, target)` samples. Returns the zero model when there are no
/// samples.
pub fn fit_logistic(samples: &[(Components, f64)], cfg: &FitConfig) -> Weights {
    let xs: Vec<Vec<f64>> = samples.iter().map(|(c, _)| c.to_array().to_vec()).collect();
    let ys: Vec<f64> = samples.iter().map(|(_, y)| *y).collect();
    let (bias, w) = fit_logistic_rows(&xs, &ys, Components::COUNT, cfg);
    Weights::from_vec(bias, &w)
}

/// Fits `sigmoid(bias + w·x)` to targets `ys` over rows of `n` inputs (missing entries are 0).
/// Returns the bias and the `n` weights (all zero when there are no rows).
pub fn fit_logistic_rows(
    xs: &[Vec<f64>],
    ys: &[f64],
    n: usize,
    cfg: &FitConfig,
) -> (f64, Vec<f64>) {
    let mut w = vec![0.0; n];
    let mut bias = 0.0;
    if xs.is_empty() {
        return (bias, w);
    }
    let m = xs.len() as f64;
    for _ in 0..cfg.iterations {
        let mut grad = vec![0.0; n];
        let mut grad_bias = 0.0;
        for (x, y) in xs.iter().zip(ys) {
            let z = bias + x.iter().zip(&w).map(|(a, b)| a * b).sum::<f64>();
            let err = sigmoid(z) - y;
            grad_bias += err;
            for (g, xi) in grad.iter_mut().zip(x) {
                *g += err * xi;
            }
        }
        bias -= cfg.learning_rate * grad_bias / m;
        for (wi, g) in w.iter_mut().zip(&grad) {
            *wi -= cfg.learning_rate * (g / m + cfg.l2 * *wi);
        }
    }
    (bias, w)
}

/// The logistic function.
pub fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + (-z).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_that_shared_entities_mean_similar() {
        let mut samples = Vec::new();
        for i in 0..20 {
            let x = f64::from(i) / 20.0;
            let c = Components {
                entity: x,
                ..Components::default()
            };
            samples.push((c, x));
        }
        let w = fit_logistic(&samples, &FitConfig::default());
        assert!(w.entity > 1.0, "{w:?}");
        let low = w.apply(&Components::default());
        let high = w.apply(&Components {
            entity: 1.0,
            ..Components::default()
        });
        assert!(high > 0.8 && low < 0.2, "{low} {high}");
    }
}
