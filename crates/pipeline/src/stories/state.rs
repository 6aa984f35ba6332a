//! The story index persisted next to the store, so that assigning new articles does not replay
//! every stored article.
//!
//! The file ([`STATE_FILE`] in the store's directory) is a magic number, a header record (file
//! format and a fingerprint of the model: feature, index and similarity settings and the
//! crate version), then batch records. A batch holds the index entries added by one assignment
//! run, with the store's change counter and the last article id it saw. Every record is framed
//! as `[payload length: u32 LE][FNV-1a of the payload: u64 LE][payload: JSON]`, so a record cut
//! short by a crash, or damaged, is detected; the batches before it still count.
//!
//! A run that replayed the whole store writes a complete file (a temporary file renamed over
//! the old one); a run that resumed from the file appends one batch. Either way the file is
//! written only after the run's assignments are committed to the store.

use newsloom_stories::{ClusterConfig, FeatureConfig, IndexEntry, Similarity};
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// The file name of the persisted story index in the store's directory.
pub const STATE_FILE: &str = "stories.state";

/// The first bytes of the file.
const MAGIC: &[u8; 8] = b"NLSTIDX\n";

/// The version of the file layout.
const FORMAT: u32 = 1;

/// Length and checksum before each record's payload.
const FRAME: usize = 12;

/// Why a persisted index cannot be used (the caller then replays the store).
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// There is no file (a new store, or one written before the index was persisted).
    #[error("no saved story index")]
    Missing,
    /// The file cannot be read.
    #[error("reading the saved story index: {0}")]
    Io(#[from] io::Error),
    /// The file is damaged before its last record.
    #[error("the saved story index is damaged: {0}")]
    Corrupt(String),
    /// The file is sound but does not match the store or the model any more.
    #[error("the saved story index is out of date: {0}")]
    Stale(String),
}

/// The header record.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    format: u32,
    fingerprint: String,
}

/// One batch record as read: the entries one run added.
#[derive(Debug, Deserialize)]
struct Batch {
    /// The store's change counter when the run started.
    pub seq: i64,
    /// The highest article id the index had seen at the end of the run (0: none).
    pub last_id: i64,
    /// The entries added by the run, in order.
    pub entries: Vec<IndexEntry>,
}

/// A batch record to write.
#[derive(Debug, Serialize)]
pub(crate) struct BatchRef<'e> {
    /// The store's change counter when the run started.
    pub seq: i64,
    /// The highest article id the index had seen at the end of the run (0: none).
    pub last_id: i64,
    /// The entries added by the run, in order.
    pub entries: &'e [IndexEntry],
}

/// A read file.
#[derive(Debug)]
pub(crate) struct Loaded {
    /// Every entry of the sound batches, in order.
    pub entries: Vec<IndexEntry>,
    /// The last sound batch's change counter.
    pub seq: i64,
    /// The last sound batch's last article id.
    pub last_id: i64,
    /// Bytes up to the end of the last sound record (where the next batch goes).
    pub valid_len: u64,
    /// A damaged or cut record after the sound ones was ignored.
    pub dropped_tail: bool,
}

/// The fingerprint of everything that decides assignments besides the articles: the crate
/// version and the feature, index and similarity settings. A file written under another
/// fingerprint is stale.
pub(crate) fn fingerprint(features: &FeatureConfig) -> String {
    let described = format!(
        "{}|{:?}|{:?}|{:?}",
        env!("CARGO_PKG_VERSION"),
        features,
        ClusterConfig::default(),
        Similarity::new()
    );
    crate::fnv_hex(described.as_bytes())
}

/// The path of the file in the store directory `dir`.
pub(crate) fn path(dir: &Path) -> PathBuf {
    dir.join(STATE_FILE)
}

/// Reads the file at `path`, written under `fingerprint`.
pub(crate) fn load(path: &Path, fingerprint: &str) -> Result<Loaded, StateError> {
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(StateError::Missing),
        Err(e) => return Err(StateError::Io(e)),
    };
    let body = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or_else(|| StateError::Corrupt("not a story index file".into()))?;
    let mut records = Records {
        bytes: body,
        offset: 0,
    };
    let header: Header = match records.next() {
        Some(Ok(payload)) => serde_json::from_slice(payload)
            .map_err(|e| StateError::Corrupt(format!("header: {e}")))?,
        _ => return Err(StateError::Corrupt("no header".into())),
    };
    if header.format != FORMAT {
        return Err(StateError::Stale(format!(
            "file format {} (this newsloom writes {FORMAT})",
            header.format
        )));
    }
    if header.fingerprint != fingerprint {
        return Err(StateError::Stale(
            "written by another version or settings of the story model".into(),
        ));
    }
    let mut loaded = Loaded {
        entries: Vec::new(),
        seq: 0,
        last_id: 0,
        valid_len: (MAGIC.len() + records.offset) as u64,
        dropped_tail: false,
    };
    let mut batches = 0;
    while let Some(record) = records.next() {
        let Ok(payload) = record else {
            loaded.dropped_tail = true;
            break;
        };
        // The checksum matched: a payload that does not parse was written wrong, not cut.
        let batch: Batch = serde_json::from_slice(payload)
            .map_err(|e| StateError::Corrupt(format!("batch {}: {e}", batches + 1)))?;
        if batch.seq < loaded.seq || batch.last_id < loaded.last_id {
            return Err(StateError::Corrupt(format!(
                "batch {} goes back in time",
                batches + 1
            )));
        }
        batches += 1;
        loaded.seq = batch.seq;
        loaded.last_id = batch.last_id;
        loaded.entries.extend(batch.entries);
        loaded.valid_len = (MAGIC.len() + records.offset) as u64;
    }
    if batches == 0 {
        return Err(StateError::Corrupt("no complete batch".into()));
    }
    Ok(loaded)
}

/// The framed records of a byte string: `Ok(payload)` for each sound record, then
/// `Err(())` once for a cut or damaged one (and nothing after it).
struct Records<'b> {
    bytes: &'b [u8],
    offset: usize,
}

impl<'b> Iterator for Records<'b> {
    type Item = Result<&'b [u8], ()>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.bytes.get(self.offset..)?;
        if rest.is_empty() {
            return None;
        }
        let record = (|| {
            let len = u32::from_le_bytes(rest.get(0..4)?.try_into().ok()?) as usize;
            let sum = u64::from_le_bytes(rest.get(4..FRAME)?.try_into().ok()?);
            let payload = rest.get(FRAME..FRAME + len)?;
            (fnv1a(payload) == sum).then_some(payload)
        })();
        match record {
            Some(payload) => {
                self.offset += FRAME + payload.len();
                Some(Ok(payload))
            }
            None => {
                self.offset = self.bytes.len();
                Some(Err(()))
            }
        }
    }
}

/// Writes a complete file: the header and one batch, through a temporary file renamed over
/// `path` (a reader sees the old file or the new one, never a mix).
pub(crate) fn write_full(path: &Path, fingerprint: &str, batch: &BatchRef<'_>) -> io::Result<()> {
    let tmp = path.with_extension("state.tmp");
    let result = (|| {
        let mut file = File::create(&tmp)?;
        let mut bytes = MAGIC.to_vec();
        let header = Header {
            format: FORMAT,
            fingerprint: fingerprint.to_string(),
        };
        frame(&mut bytes, &serde_json::to_vec(&header)?)?;
        frame(&mut bytes, &serde_json::to_vec(batch)?)?;
        file.write_all(&bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        // Best effort: a leftover temporary file is overwritten by the next write anyway.
        if let Err(e) = fs::remove_file(&tmp) {
            if e.kind() != io::ErrorKind::NotFound {
                tracing::warn!("removing {}: {e}", tmp.display());
            }
        }
    }
    result
}

/// Appends one batch to the file at `path`, whose sound part ends at `valid_len` (a damaged
/// tail is cut off first).
pub(crate) fn append(path: &Path, valid_len: u64, batch: &BatchRef<'_>) -> io::Result<()> {
    let mut bytes = Vec::new();
    frame(&mut bytes, &serde_json::to_vec(batch)?)?;
    let mut file = OpenOptions::new().write(true).open(path)?;
    if file.metadata()?.len() != valid_len {
        file.set_len(valid_len)?;
    }
    file.seek(SeekFrom::Start(valid_len))?;
    file.write_all(&bytes)?;
    file.sync_data()
}

/// Appends `payload` to `out` as one framed record.
fn frame(out: &mut Vec<u8>, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "record over 4 GiB"))?;
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&fnv1a(payload).to_le_bytes());
    out.extend_from_slice(payload);
    Ok(())
}

/// 64-bit FNV-1a.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entries(ids: &[&str]) -> Vec<IndexEntry> {
        ids.iter()
            .map(|id| IndexEntry {
                id: id.to_string(),
                story: 1,
                url: None,
                edition_urls: Vec::new(),
                features: Default::default(),
                terms: vec!["term".into()],
            })
            .collect()
    }

    fn batch<'e>(seq: i64, last_id: i64, entries: &'e [IndexEntry]) -> BatchRef<'e> {
        BatchRef {
            seq,
            last_id,
            entries,
        }
    }

    #[test]
    fn batches_append_and_a_cut_tail_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let p = path(dir.path());
        write_full(&p, "fp", &batch(3, 2, &entries(&["1", "2"]))).unwrap();
        let first = load(&p, "fp").unwrap();
        assert_eq!((first.seq, first.last_id, first.entries.len()), (3, 2, 2));
        append(&p, first.valid_len, &batch(5, 4, &entries(&["3", "4"]))).unwrap();
        let both = load(&p, "fp").unwrap();
        assert_eq!((both.seq, both.last_id, both.entries.len()), (5, 4, 4));
        assert!(!both.dropped_tail);

        // A crash in the middle of the next append.
        let full_len = fs::metadata(&p).unwrap().len();
        append(&p, both.valid_len, &batch(6, 5, &entries(&["5"]))).unwrap();
        let f = OpenOptions::new().write(true).open(&p).unwrap();
        f.set_len(full_len + 20).unwrap();
        let cut = load(&p, "fp").unwrap();
        assert!(cut.dropped_tail);
        assert_eq!((cut.seq, cut.last_id, cut.entries.len()), (5, 4, 4));
        assert_eq!(cut.valid_len, full_len);
        // The next append replaces the cut record.
        append(&p, cut.valid_len, &batch(7, 5, &entries(&["5"]))).unwrap();
        let again = load(&p, "fp").unwrap();
        assert!(!again.dropped_tail);
        assert_eq!((again.seq, again.last_id, again.entries.len()), (7, 5, 5));
    }

    #[test]
    fn another_fingerprint_or_garbage_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let p = path(dir.path());
        assert!(matches!(load(&p, "fp"), Err(StateError::Missing)));
        write_full(&p, "fp", &batch(1, 1, &entries(&["1"]))).unwrap();
        assert!(matches!(load(&p, "other"), Err(StateError::Stale(_))));
        fs::write(&p, b"not an index").unwrap();
        assert!(matches!(load(&p, "fp"), Err(StateError::Corrupt(_))));
        // A flipped byte inside the only batch: nothing sound is left.
        write_full(&p, "fp", &batch(1, 1, &entries(&["1"]))).unwrap();
        let mut bytes = fs::read(&p).unwrap();
        let n = bytes.len();
        bytes[n - 3] ^= 0x20;
        fs::write(&p, &bytes).unwrap();
        assert!(matches!(load(&p, "fp"), Err(StateError::Corrupt(_))));
    }
}
