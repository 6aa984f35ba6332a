//! Story linking on the demo corpus, whose pages carry hand-written story labels
//! (`story` in each `.expected.json`): pairwise precision and recall of "same story" over all
//! pairs of pages must stay above pinned floors, and language editions (hreflang) must share
//! their story.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

const PRECISION_FLOOR: f64 = 0.95;
const RECALL_FLOOR: f64 = 0.80;

/// The demo corpus ingested into a new store: (the temporary directory, the data directory).
fn ingest_demo() -> (tempfile::TempDir, PathBuf) {
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
    (tmp, data)
}

#[test]
fn demo_corpus_stories_match_their_labels() {
    let (_tmp, data) = ingest_demo();
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

/// Runs `newsloom` with `args`, returning its standard output (the command must succeed).
fn newsloom(args: &[&str], data: &std::path::Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_newsloom"))
        .args(args)
        .arg("--data")
        .arg(data)
        .output()
        .expect("run newsloom");
    assert!(
        out.status.success(),
        "newsloom {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

#[test]
fn story_explain_says_why_each_article_joined() {
    let (_tmp, data) = ingest_demo();
    let list = newsloom(&["stories", "--format", "jsonl"], &data);
    let stories: Vec<serde_json::Value> = list
        .lines()
        .map(|l| serde_json::from_str(l).expect("story line"))
        .collect();
    assert!(!stories.is_empty());
    let mut similar_seen = 0;
    for story in &stories {
        let id = story["id"].as_i64().expect("id").to_string();
        let articles = story["articles"].as_u64().expect("count") as usize;

        let json: serde_json::Value =
            serde_json::from_str(&newsloom(&["story", &id, "--json", "--explain"], &data))
                .expect("story json");
        let members = json["members"].as_array().expect("members");
        assert_eq!(members.len(), articles, "story {id}");
        let ids: Vec<i64> = members
            .iter()
            .map(|m| m["article_id"].as_i64().expect("article id"))
            .collect();
        let firsts = members.iter().filter(|m| m["link"] == "new").count();
        assert_eq!(firsts, 1, "story {id}: {members:?}");
        for m in members {
            if m["link"] == "new" {
                continue;
            }
            // Every other member names the member it matched, which is in the same story.
            let matched = m["why"]["matched"].as_i64().expect("matched article");
            assert!(ids.contains(&matched), "story {id}: {m}");
            if m["link"] == "similar" {
                similar_seen += 1;
                let shared = ["entities", "capitalised", "terms"]
                    .iter()
                    .map(|k| m["why"][k].as_array().map_or(0, Vec::len))
                    .sum::<usize>();
                assert!(shared > 0, "a similar article shares nothing: {m}");
                let score = m["score"].as_f64().expect("score");
                assert!(
                    (score - m["why"]["score"].as_f64().expect("why score")).abs() < 1e-9,
                    "{m}"
                );
            }
        }

        let text = newsloom(&["story", &id, "--explain"], &data);
        let why = text
            .split("\nWhy each article is here\n")
            .nth(1)
            .expect("explanation section");
        for article in &ids {
            assert_eq!(
                why.matches(&format!("  #{article} [")).count(),
                1,
                "article {article} listed once in story {id}:\n{why}"
            );
        }
        let reasons = why.matches("first article of the story").count()
            + why.matches("     similar to #").count()
            + why.matches("     language edition of #").count()
            + why.matches("     near-duplicate of #").count();
        assert_eq!(reasons, articles, "one reason per article:\n{why}");
    }
    assert!(similar_seen > 0, "no article joined by similarity");
}
