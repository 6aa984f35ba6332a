//! Quality gate of quote detection: direct-quote precision, recall and speaker accuracy (with
//! the embedded entity tagger) on the dev sets of `../shared/data/quotes` must not drop below
//! their pinned floors (a little under the figures in BENCHMARKS.md). Needs `../shared`; says
//! SKIPPED when it is missing.

#[path = "../examples/support/quotes_gold.rs"]
#[allow(dead_code)]
mod quotes_gold;

use newsloom_analyse::ner::Model;
use quotes_gold::{evaluate, load_polnear, load_wikinews};
use std::path::PathBuf;

/// Pinned floors per dev set: (set, precision, recall, speaker accuracy).
const FLOORS: &[(&str, f64, f64, f64)] = &[
    ("german_wikinews/dev", 0.93, 0.89, 0.73),
    ("polnear/dev", 0.96, 0.90, 0.85),
];

#[test]
fn direct_quote_scores_stay_above_the_pinned_floors() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/quotes");
    if !root.exists() {
        eprintln!("SKIPPED: ../shared/data/quotes not found; the quote quality gate did not run");
        return;
    }
    let model = Model::embedded();
    for &(name, p_floor, r_floor, s_floor) in FLOORS {
        let dir = root.join(name);
        let docs = if name.starts_with("german") {
            load_wikinews(&dir)
        } else {
            load_polnear(&dir)
        }
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(!docs.is_empty(), "{name}: no articles");
        let (direct, _) = evaluate(&docs, Some(&model), false);
        let (p, r, s) = (direct.p(), direct.r(), direct.speaker());
        eprintln!("{name}: P {p:.4} (floor {p_floor}), R {r:.4} (floor {r_floor}), speaker {s:.4} (floor {s_floor})");
        assert!(
            p >= p_floor,
            "{name}: precision {p:.4} fell below {p_floor}"
        );
        assert!(r >= r_floor, "{name}: recall {r:.4} fell below {r_floor}");
        assert!(
            s >= s_floor,
            "{name}: speaker accuracy {s:.4} fell below {s_floor}"
        );
    }
}
