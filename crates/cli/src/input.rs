//! Inputs of `newsloom extract`: files, directories, stdin and URLs, read under a byte cap.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Where a document comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Standard input (`-`).
    Stdin,
    /// A local file.
    File(PathBuf),
    /// An `http://` or `https://` address.
    Url(String),
}

/// One document to read and extract.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The name used in the record's `source` field and in error messages.
    pub source: String,
    /// Where to read it from.
    pub origin: Origin,
    /// True for `.txt` (and `.txt.gz`) files: a plain-text dump, not HTML.
    pub plain_text: bool,
}

/// The source name given to standard input.
pub const STDIN_SOURCE: &str = "<stdin>";

/// The documents named by the command line, in order, and the arguments that failed to expand.
#[derive(Debug, Default)]
pub struct Expanded {
    /// Documents to process, in input order (directory contents sorted by path).
    pub documents: Vec<Document>,
    /// `(source, error)` for directories or entries that could not be listed.
    pub failures: Vec<(String, io::Error)>,
}

/// True when `arg` is an `http://` or `https://` URL.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

pub use newsloom_ingest::files::{has_known_extension, is_plain_text_path};

/// The document of one local file.
pub fn file_document(path: PathBuf) -> Document {
    Document {
        source: path.display().to_string(),
        plain_text: is_plain_text_path(&path),
        origin: Origin::File(path),
    }
}

/// Turns command-line inputs into documents: `-` is stdin, `http(s)://` a URL, a directory is
/// walked recursively (files with a known extension, sorted by path), anything else is a file
/// (a missing one fails when read, as a failed document).
pub fn expand(args: &[PathBuf]) -> Expanded {
    let mut expanded = Expanded::default();
    for arg in args {
        let text = arg.to_str();
        if text == Some("-") {
            expanded.documents.push(Document {
                source: STDIN_SOURCE.to_string(),
                origin: Origin::Stdin,
                plain_text: false,
            });
        } else if let Some(url) = text.filter(|t| is_url(t)) {
            expanded.documents.push(Document {
                source: url.to_string(),
                origin: Origin::Url(url.to_string()),
                plain_text: false,
            });
        } else if arg.is_dir() {
            let before = expanded.documents.len();
            let mut files = Vec::new();
            walk(arg, &mut files, &mut expanded.failures);
            files.sort();
            expanded
                .documents
                .extend(files.into_iter().map(file_document));
            if expanded.documents.len() == before {
                tracing::warn!(
                    "{}: no .html, .htm, .xhtml or .txt files (optionally .gz) in this directory",
                    arg.display()
                );
            }
        } else {
            expanded.documents.push(file_document(arg.clone()));
        }
    }
    expanded
}

/// Collects the files with a known extension under `dir`, recursively. Symbolic links to files
/// are followed; symbolic links to directories are not (no cycles).
pub fn walk(dir: &Path, files: &mut Vec<PathBuf>, failures: &mut Vec<(String, io::Error)>) {
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
        let file_type = match entry.file_type() {
            Ok(file_type) => file_type,
            Err(err) => {
                failures.push((path.display().to_string(), err));
                continue;
            }
        };
        if file_type.is_dir() {
            walk(&path, files, failures);
        } else if has_known_extension(&path) && (file_type.is_file() || path.is_file()) {
            files.push(path);
        }
    }
}

pub use newsloom_ingest::read_capped;

/// Reads a local file under the byte cap (see [`read_capped`]).
pub fn read_file(path: &Path, limit: usize) -> io::Result<Vec<u8>> {
    read_capped(fs::File::open(path)?, limit)
}

/// Reads standard input under the byte cap (see [`read_capped`]).
pub fn read_stdin(limit: usize) -> io::Result<Vec<u8>> {
    read_capped(io::stdin().lock(), limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = GzEncoder::new(Vec::new(), Compression::default());
        enc.write_all(data).expect("gzip in memory");
        enc.finish().expect("gzip in memory")
    }

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
    fn urls_are_recognised() {
        assert!(is_url("https://example.invalid/a"));
        assert!(is_url("HTTP://example.invalid"));
        assert!(!is_url("ftp://example.invalid"));
        assert!(!is_url("http"));
        assert!(!is_url("./http:/x"));
    }

    #[test]
    fn read_capped_gunzips_by_magic() {
        let data = b"<p>hello</p>".repeat(10);
        assert_eq!(read_capped(&gzip(&data)[..], 1000).expect("read"), data);
        // Concatenated gzip members are all read.
        let mut two = gzip(b"one ");
        two.extend(gzip(b"two"));
        assert_eq!(read_capped(&two[..], 1000).expect("read"), b"one two");
    }

    #[test]
    fn read_capped_stops_one_byte_over_the_limit() {
        let data = vec![b'x'; 100];
        assert_eq!(read_capped(&data[..], 10).expect("read").len(), 11);
        assert_eq!(read_capped(&gzip(&data)[..], 10).expect("read").len(), 11);
        assert_eq!(read_capped(&data[..], 100).expect("read").len(), 100);
        assert_eq!(read_capped(&b"x"[..], 10).expect("read"), b"x");
        assert!(read_capped(&b""[..], 10).expect("read").is_empty());
    }

    #[test]
    fn corrupt_gzip_is_an_error() {
        let err = read_capped(&[0x1f, 0x8b, 0, 1, 2, 3][..], 100).expect_err("corrupt");
        assert!(err.to_string().contains("gunzip"), "{err}");
    }
}
