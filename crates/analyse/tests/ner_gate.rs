//! Quality gate of the entity model: F1 on each dev set of `../shared/data/ner` must not drop
//! below its pinned floor (a little under the figures in BENCHMARKS.md). Needs `../shared`; says
//! SKIPPED when it is missing.

use newsloom_analyse::ner::{corpus, eval::Counts, Model};
use std::path::PathBuf;

/// Pinned floors per dev set (entity-level micro F1, PER/ORG/LOC, exact spans).
const FLOORS: &[(&str, f64)] = &[
    ("wikineural/en/dev", 0.86),
    ("wikineural/fr/dev", 0.92),
    ("wikineural/es/dev", 0.935),
    ("wikineural/de/dev", 0.935),
    ("wikineural/it/dev", 0.915),
    ("kind/WN_dev", 0.805),
];

#[test]
fn entity_f1_stays_above_the_pinned_floors() {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/ner");
    if !data.exists() {
        eprintln!("SKIPPED: ../shared/data/ner not found; the entity quality gate did not run");
        return;
    }
    let model = Model::embedded();
    let tagger = model.tagger().expect("the embedded model loads");
    let files = corpus::files(&data, corpus::Split::Dev);
    assert_eq!(
        files.len(),
        FLOORS.len(),
        "dev sets: {:?}",
        files.iter().map(|f| &f.name).collect::<Vec<_>>()
    );
    for f in files {
        let c = corpus::read(&f).expect("dev set reads");
        let mut counts = Counts::default();
        for s in &c.sentences {
            counts.add(&s.tags, &tagger.tag_in(&s.words, &f.lang, f.domain));
        }
        let floor = FLOORS
            .iter()
            .find(|(n, _)| *n == f.name)
            .map(|(_, v)| *v)
            .expect("a floor for every set");
        eprintln!("{}: F1 {:.4} (floor {floor})", f.name, counts.f1());
        assert!(
            counts.f1() >= floor,
            "{}: F1 {:.4} fell below {floor}",
            f.name,
            counts.f1()
        );
    }
}
