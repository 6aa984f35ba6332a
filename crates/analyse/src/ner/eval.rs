//! Entity-level scoring: exact span and label, micro-averaged over PER, ORG and LOC (MISC is
//! left out of the score).

use super::labels::{spans, Tag};
use newsloom_model::EntityLabel;
use std::collections::HashSet;

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted spans that are gold.
    pub tp: usize,
    /// Predicted spans that are not gold.
    pub fp: usize,
    /// Gold spans not predicted.
    pub fn_: usize,
}

impl Counts {
    /// Adds the counts of one sentence.
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        let keep = |l: EntityLabel| l != EntityLabel::Misc;
        let g: HashSet<_> = spans(gold).into_iter().filter(|s| keep(s.label)).collect();
        let p: HashSet<_> = spans(pred).into_iter().filter(|s| keep(s.label)).collect();
        let tp = g.intersection(&p).count();
        self.tp += tp;
        self.fp += p.len() - tp;
        self.fn_ += g.len() - tp;
    }

    /// Precision.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Recall.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// F1.
    pub fn f1(&self) -> f64 {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_spans_only_and_misc_ignored() {
        let t = |v: &[&str]| v.iter().map(|s| Tag::parse(s)).collect::<Vec<_>>();
        let mut c = Counts::default();
        c.add(
            &t(&["B-PER", "I-PER", "O", "B-MISC", "B-LOC"]),
            &t(&["B-PER", "O", "O", "O", "B-LOC"]),
        );
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 1,
                fn_: 1
            }
        );
        assert!((c.f1() - 0.5).abs() < 1e-9);
    }
}
