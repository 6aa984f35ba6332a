//! Reading the shared same-story pairs, shared by `examples/pairs_eval.rs` and the quality gate
//! `tests/pairs_gate.rs`, so that both read the texts the same way.

use newsloom_model::{Article, Language};

/// An article from a pair's text: the title is the text before the first double space or line
/// break when that comes within 300 characters.
pub fn article(id: &str, text: &str, lang: &str) -> Article {
    let mut a = Article::new(id);
    a.language = Language::parse(lang).unwrap_or_default();
    let text = text.trim();
    let cut = [text.find("  "), text.find('\n')]
        .into_iter()
        .flatten()
        .min();
    match cut {
        Some(c) if c > 0 && text[..c].chars().count() <= 300 => {
            a.title = Some(text[..c].trim().to_string());
            a.text = text[c..].trim().to_string();
        }
        _ => a.text = text.to_string(),
    }
    a
}

/// Pearson correlation of two equally long series (NaN for fewer than two values).
pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    if n < 2.0 {
        return f64::NAN;
    }
    let (mx, my) = (x.iter().sum::<f64>() / n, y.iter().sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx).powi(2);
        syy += (b - my).powi(2);
    }
    sxy / (sxx * syy).sqrt()
}
