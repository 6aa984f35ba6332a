//! The saved story index: assigning with it gives exactly what a replay of the whole store
//! gives, and a missing, damaged or out-of-date file falls back to the replay. Run on the demo
//! corpus (30 pages, five languages, hreflang editions), stored in three batches.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use newsloom_analyse::Analyser;
use newsloom_ingest::files::{read_page, walk};
use newsloom_ingest::Outcome;
use newsloom_model::Article;
use newsloom_pipeline::stories::{assign, AssignReport, IndexSource, STATE_FILE};
use newsloom_store::{SourceInfo, Store, StoryAssignment};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The demo corpus, extracted and analysed once, in path order.
fn corpus() -> &'static [(Article, SourceInfo)] {
    static CORPUS: OnceLock<Vec<(Article, SourceInfo)>> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
        let (files, failures) = walk(&dir);
        assert!(failures.is_empty(), "{failures:?}");
        let analyser = Analyser::new();
        files
            .iter()
            .map(|f| match read_page(f, 10 << 20) {
                Outcome::Doc(doc) => newsloom_pipeline::process(doc, Some(&analyser)).unwrap(),
                other => panic!("{}: {other:?}", f.display()),
            })
            .collect()
    })
}

/// The corpus in three batches of ten.
fn batches() -> Vec<Vec<(Article, SourceInfo)>> {
    let all = corpus();
    assert_eq!(all.len(), 30);
    all.chunks(10).map(<[_]>::to_vec).collect()
}

/// True when a run resumed from the saved index (read from the file, or kept in memory by the
/// previous run in this process).
fn resumed(source: &IndexSource) -> bool {
    matches!(source, IndexSource::Saved | IndexSource::Memory)
}

fn state(dir: &Path) -> PathBuf {
    dir.join(STATE_FILE)
}

/// Stores each batch and assigns after it; `before_assign` runs before each assignment with
/// the batch number (to remove or damage the saved index). Returns the reports and the final
/// assignments.
fn ingest(
    dir: &Path,
    mut before_assign: impl FnMut(usize, &Path),
) -> (Vec<AssignReport>, Vec<StoryAssignment>) {
    let mut store = Store::open(dir).unwrap();
    let mut reports = Vec::new();
    for (n, batch) in batches().into_iter().enumerate() {
        store.put_batch(batch).unwrap();
        before_assign(n, dir);
        reports.push(assign(&mut store).unwrap());
    }
    (reports, store.story_assignments().unwrap())
}

/// The assignments of a store whose index is replayed at every run (the reference).
fn replayed() -> Vec<StoryAssignment> {
    let tmp = tempfile::tempdir().unwrap();
    let (reports, rows) = ingest(tmp.path(), |_, dir| {
        if state(dir).exists() {
            std::fs::remove_file(state(dir)).unwrap();
        }
    });
    for r in &reports {
        assert!(matches!(r.index, IndexSource::Replayed(_)), "{r:?}");
    }
    rows
}

#[test]
fn saved_index_assigns_like_a_replay() {
    let tmp = tempfile::tempdir().unwrap();
    let (reports, saved) = ingest(tmp.path(), |_, _| {});
    assert!(matches!(reports[0].index, IndexSource::Replayed(_)));
    for r in &reports[1..] {
        assert!(resumed(&r.index), "{r:?}");
        // Only the new batch went through the index.
        assert_eq!(r.processed, 10, "{r:?}");
        assert_eq!(r.assigned, 10, "{r:?}");
    }
    let reference = replayed();
    assert_eq!(saved.len(), 30);
    assert_eq!(saved, reference);
    // Not a trivial agreement: some story gathers articles stored in different batches.
    let story_of = |id: i64| saved.iter().find(|a| a.article_id == id).unwrap().story_id;
    assert!(
        (1..=10).any(|a| (21..=30).any(|b| story_of(a) == story_of(b))),
        "{saved:?}"
    );
}

#[test]
fn damaged_file_falls_back_to_a_replay() {
    let tmp = tempfile::tempdir().unwrap();
    let (reports, rows) = ingest(tmp.path(), |n, dir| {
        if n == 1 {
            std::fs::write(state(dir), b"NLSTIDX\n\x05\0\0\0garbage").unwrap();
        }
    });
    match &reports[1].index {
        IndexSource::Replayed(why) => assert!(why.contains("damaged"), "{why}"),
        other => panic!("{other:?}"),
    }
    assert_eq!(reports[1].processed, 20);
    assert!(resumed(&reports[2].index), "{:?}", reports[2]);
    assert_eq!(rows, replayed());
}

#[test]
fn a_cut_last_batch_is_redone_from_the_store() {
    let tmp = tempfile::tempdir().unwrap();
    let (reports, rows) = ingest(tmp.path(), |n, dir| {
        if n == 2 {
            // As after a crash while the second run appended its batch.
            let f = std::fs::OpenOptions::new()
                .write(true)
                .open(state(dir))
                .unwrap();
            let len = f.metadata().unwrap().len();
            f.set_len(len - 7).unwrap();
        }
    });
    // The first run's saved entries are used; the second batch's articles are added again
    // (their assignments are in the store already), then the third's.
    assert_eq!(reports[2].index, IndexSource::Saved);
    assert_eq!(reports[2].processed, 20);
    assert_eq!(reports[2].assigned, 10);
    assert_eq!(rows, replayed());
}

#[test]
fn a_changed_article_makes_the_file_stale() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let mut all = batches().into_iter();
    store.put_batch(all.next().unwrap()).unwrap();
    assert!(matches!(
        assign(&mut store).unwrap().index,
        IndexSource::Replayed(_)
    ));
    // An article of the first batch is fetched again (same URL) with a changed text.
    let (mut article, info) = corpus()[..10]
        .iter()
        .find(|(a, _)| a.url.is_some() || a.canonical_url.is_some())
        .expect("a page with a URL")
        .clone();
    article
        .text
        .push_str(" An update was added to this article.");
    let outcome = store.put_batch(vec![(article, info)]).unwrap();
    assert!(outcome[0].id <= 10, "{outcome:?}");
    store.put_batch(all.next().unwrap()).unwrap();
    match assign(&mut store).unwrap().index {
        IndexSource::Replayed(why) => assert!(why.contains("changed"), "{why}"),
        other => panic!("{other:?}"),
    }
    // Nothing changed since: the file written by that replay is used.
    store.put_batch(all.next().unwrap()).unwrap();
    let r = assign(&mut store).unwrap();
    assert!(resumed(&r.index), "{r:?}");
    assert_eq!(r.processed, 10);
}
