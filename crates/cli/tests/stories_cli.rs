//! Story linking on the demo corpus, whose pages carry hand-written story labels
//! (`story` in each `.expected.json`): pairwise precision and recall of "same story" over all
//! pairs of pages must stay above pinned floors, and language editions (hreflang) must share
//! their story.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

const PRECISION_FLOOR: f64 = 0.95;
const RECALL_FLOOR: f64 = 0.80;

#[test]
fn demo_corpus_stories_match_their_labels() {
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let tmp = tempfile::tempdir().expect("temp dir");
    let data = tmp.path().join("data");
    let status = Command::new(env!("CARGO_BIN_EXE_newsloom"))
        .args(["ingest", "-q", "--data"])
        .arg(&data)
        .arg(&corpus)
        .status()
        .expect("ingest");
    assert!(status.success());
    let conn = rusqlite::Connection::open_with_flags(
        data.join("store.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .expect("store");
    let mut stmt = conn
        .prepare("SELECT a.source, m.story_id FROM story_members m JOIN articles a ON a.id = m.article_id")
        .expect("query");
    let assigned: HashMap<String, i64> = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
        .expect("rows")
        .map(|r| r.expect("row"))
        .collect();
    // The hand-written labels.
    let mut label: HashMap<String, String> = HashMap::new();
    for source in assigned.keys() {
        let expected = PathBuf::from(source).with_extension("expected.json");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&expected).expect("expected file"))
                .expect("json");
        label.insert(
            source.clone(),
            json["story"].as_str().expect("story label").to_string(),
        );
    }
    assert_eq!(assigned.len(), 30, "every page has a story");
    let pages: Vec<&String> = assigned.keys().collect();
    let (mut tp, mut fp, mut fn_) = (0u32, 0u32, 0u32);
    for i in 0..pages.len() {
        for j in i + 1..pages.len() {
            let same_pred = assigned[pages[i]] == assigned[pages[j]];
            let same_gold = label[pages[i]] == label[pages[j]];
            match (same_pred, same_gold) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                _ => {}
            }
        }
    }
    let p = f64::from(tp) / f64::from((tp + fp).max(1));
    let r = f64::from(tp) / f64::from((tp + fn_).max(1));
    eprintln!(
        "demo corpus stories: pairwise precision {p:.3} recall {r:.3} ({tp} tp, {fp} fp, {fn_} fn)"
    );
    assert!(
        p >= PRECISION_FLOOR,
        "precision {p:.3} below {PRECISION_FLOOR}"
    );
    assert!(r >= RECALL_FLOOR, "recall {r:.3} below {RECALL_FLOOR}");
}
