//! Quality gate: the extraction F1 on the shared scrapinghub set must not drop below a pinned
//! floor (the way trafilatura's CI gate works). Needs `../shared` next to the repository; when it
//! is missing the test says SKIPPED on stderr and passes, so a clone without the data still builds.

use std::path::PathBuf;
use std::process::Command;

/// Pinned floors. Raise them when the extractor improves; never lower them to make a change pass.
const F1_FLOOR: f64 = 0.974;
const PRECISION_FLOOR: f64 = 0.970;
const RECALL_FLOOR: f64 = 0.977;

fn shared_set() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/bench/extraction/scrapinghub");
    dir.join("ground-truth.json").exists().then_some(dir)
}

#[test]
fn scrapinghub_f1_stays_above_the_pinned_floor() {
    let Some(dir) = shared_set() else {
        eprintln!("SKIPPED: ../shared/bench/extraction/scrapinghub not found; the quality gate did not run");
        return;
    };
    let out = Command::new(env!("CARGO_BIN_EXE_newsloom"))
        .args(["bench", "extract"])
        .arg(dir.join("html"))
        .arg("--gold")
        .arg(dir.join("ground-truth.json"))
        .output()
        .expect("runs newsloom bench extract");
    assert!(
        out.status.success(),
        "bench failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout
        .lines()
        .rev()
        .find(|l| l.starts_with("extraction F1"))
        .expect("score line");
    let fields: Vec<&str> = last.split_whitespace().collect();
    let value = |name: &str| -> f64 {
        let i = fields
            .iter()
            .position(|f| *f == name)
            .expect("field present");
        fields[i + 1].parse().expect("a number")
    };
    let (f1, p, r) = (value("F1"), value("precision"), value("recall"));
    eprintln!("quality gate: {last}");
    assert!(f1 >= F1_FLOOR, "F1 {f1} fell below the floor {F1_FLOOR}");
    assert!(
        p >= PRECISION_FLOOR,
        "precision {p} fell below the floor {PRECISION_FLOOR}"
    );
    assert!(
        r >= RECALL_FLOOR,
        "recall {r} fell below the floor {RECALL_FLOOR}"
    );
}
