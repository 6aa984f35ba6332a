//! A store built for the server's tests: the demo corpus (`examples/corpus`) plus a hostile
//! page, extracted, analysed, stored and assigned to stories like `newsloom ingest` does.

#![allow(dead_code, clippy::unwrap_used)]

use newsloom_analyse::Analyser;
use newsloom_ingest::RawDoc;
use newsloom_store::Store;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn pages(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pages(&p, out);
        } else if newsloom_ingest::files::has_known_extension(&p) {
            out.push(p);
        }
    }
}

fn raw(path: &Path, url: Option<String>) -> RawDoc {
    RawDoc {
        source: path.display().to_string(),
        bytes: std::fs::read(path).unwrap(),
        url,
        ..RawDoc::default()
    }
}

/// The URL the hostile page is stored under.
pub const HOSTILE_URL: &str = "https://quay.example.invalid/en/council-votes";

/// Builds the test store in a new temporary directory.
pub fn build_store() -> tempfile::TempDir {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let mut files = Vec::new();
    pages(&repo().join("examples/corpus"), &mut files);
    assert!(
        files.len() >= 30,
        "the demo corpus is missing from examples/corpus"
    );
    let analyser = analyser();
    let mut items = Vec::new();
    for f in &files {
        items.push(newsloom_pipeline::process(raw(f, None), Some(analyser)).unwrap());
    }
    let hostile = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/hostile.html");
    items.push(
        newsloom_pipeline::process(raw(&hostile, Some(HOSTILE_URL.into())), Some(analyser))
            .unwrap(),
    );
    let mut store = Store::open(dir.path()).unwrap();
    store.put_batch(items).unwrap();
    newsloom_pipeline::stories::assign_new(&mut store).unwrap();
    dir
}

/// One analyser for every test of a binary (loading the model takes a moment).
pub fn analyser() -> &'static Analyser {
    static A: OnceLock<Analyser> = OnceLock::new();
    A.get_or_init(Analyser::new)
}

/// The id of the stored article whose URL is `url`.
pub fn id_of(dir: &Path, url: &str) -> i64 {
    Store::open_read_only(dir)
        .unwrap()
        .find_url(url)
        .unwrap()
        .unwrap_or_else(|| panic!("{url} is not stored"))
}

/// The test store, built once per test binary.
pub fn shared_store() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(build_store).path()
}
