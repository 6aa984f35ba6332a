//! Page files and directories of pages, as `newsloom extract` takes them.

use crate::doc::{Outcome, RawDoc};
use crate::read::read_capped;
use crate::IngestError;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// Extensions (lower-case, without the dot) of the files a directory walk picks up, each also
/// accepted with a `.gz` suffix.
pub const EXTENSIONS: [&str; 4] = ["html", "htm", "xhtml", "txt"];

/// The file name with a trailing `.gz` removed, lower-cased.
fn base_name(path: &Path) -> Option<String> {
    let name = path.file_name()?.to_str()?.to_lowercase();
    Some(match name.strip_suffix(".gz") {
        Some(base) => base.to_string(),
        None => name,
    })
}

/// True when the file name ends in one of [`EXTENSIONS`], optionally followed by `.gz`.
pub fn has_known_extension(path: &Path) -> bool {
    base_name(path).is_some_and(|base| {
        EXTENSIONS.iter().any(|ext| {
            base.len() > ext.len() + 1
                && base.ends_with(ext)
                && base.as_bytes()[base.len() - ext.len() - 1] == b'.'
        })
    })
}

/// True for `.txt` and `.txt.gz` files: plain-text dumps, not HTML.
pub fn is_plain_text_path(path: &Path) -> bool {
    base_name(path).is_some_and(|base| base.ends_with(".txt"))
}

/// The page files under `dir`, recursively, sorted by path, and the `(path, error)` of the
/// entries that could not be listed. Symbolic links to files are followed; symbolic links to
/// directories are not (no cycles).
pub fn walk(dir: &Path) -> (Vec<PathBuf>, Vec<(String, io::Error)>) {
    let mut files = Vec::new();
    let mut failures = Vec::new();
    walk_into(dir, &mut files, &mut failures);
    files.sort();
    (files, failures)
}

fn walk_into(dir: &Path, files: &mut Vec<PathBuf>, failures: &mut Vec<(String, io::Error)>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(err) => {
            failures.push((dir.display().to_string(), err));
            return;
        }
    };
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                failures.push((dir.display().to_string(), err));
                continue;
            }
        };
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk_into(&path, files, failures),
            Ok(kind) => {
                if has_known_extension(&path) && (kind.is_file() || path.is_file()) {
                    files.push(path);
                }
            }
            Err(err) => failures.push((path.display().to_string(), err)),
        }
    }
}

/// Reads one page file (un-gzipped by magic bytes) under `max_bytes`.
pub fn read_page(path: &Path, max_bytes: usize) -> Outcome {
    let source = path.display().to_string();
    let bytes = fs::File::open(path).and_then(|file| read_capped(file, max_bytes));
    page_outcome(source, bytes, max_bytes, is_plain_text_path(path))
}

/// Reads one page from `reader` (standard input) under `max_bytes`.
pub fn read_stream(source: &str, reader: impl Read, max_bytes: usize) -> Outcome {
    page_outcome(
        source.to_string(),
        read_capped(reader, max_bytes),
        max_bytes,
        false,
    )
}

fn page_outcome(
    source: String,
    bytes: io::Result<Vec<u8>>,
    max_bytes: usize,
    plain_text: bool,
) -> Outcome {
    match bytes {
        Err(err) => Outcome::Failed(IngestError::io(source, err)),
        Ok(bytes) if bytes.len() > max_bytes => Outcome::Failed(IngestError::TooLarge {
            input: source,
            limit: max_bytes,
        }),
        Ok(bytes) => Outcome::Doc(RawDoc {
            source,
            bytes,
            plain_text,
            ..RawDoc::default()
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_extensions() {
        for name in [
            "a.html",
            "b.HTM",
            "c.xhtml",
            "d.txt",
            "e.html.gz",
            "f.TXT.GZ",
        ] {
            assert!(has_known_extension(Path::new(name)), "{name}");
        }
        for name in ["a.htmlx", "b.gz", "c.json", "html", ".html", "d.html.bak"] {
            assert!(!has_known_extension(Path::new(name)), "{name}");
        }
        assert!(is_plain_text_path(Path::new("x.txt.gz")));
        assert!(!is_plain_text_path(Path::new("x.html")));
    }

    #[test]
    fn walks_sorted_and_reads_under_the_cap() {
        let dir = tempfile::tempdir().expect("temp dir");
        fs::create_dir(dir.path().join("sub")).expect("mkdir");
        fs::write(dir.path().join("sub/b.html"), "<p>b</p>").expect("write");
        fs::write(dir.path().join("a.txt"), "a").expect("write");
        fs::write(dir.path().join("c.json"), "{}").expect("write");
        let (files, failures) = walk(dir.path());
        assert!(failures.is_empty());
        let names: Vec<_> = files
            .iter()
            .map(|f| {
                f.strip_prefix(dir.path())
                    .expect("under dir")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.txt", "sub/b.html"]);
        let Outcome::Doc(doc) = read_page(&files[0], 10) else {
            panic!("not read");
        };
        assert!(doc.plain_text);
        assert!(matches!(
            read_page(&files[1], 3),
            Outcome::Failed(IngestError::TooLarge { .. })
        ));
        assert!(matches!(
            read_page(&dir.path().join("nope.html"), 3),
            Outcome::Failed(IngestError::Io { .. })
        ));
    }
}
