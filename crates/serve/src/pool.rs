//! A pool of read-only stores: opening a store (SQLite connection, tantivy reader) costs far
//! more than a request, so readers are kept and reused. A reader is refreshed before use when
//! an ingest through this server has written since, or when it was last refreshed over
//! [`REFRESH_AFTER`] ago (another process, such as `newsloom ingest`, may have written).

use crate::error::ApiError;
use newsloom_store::{Store, StoreError};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Idle readers kept at most.
pub const MAX_IDLE: usize = 16;
/// A reader older than this is refreshed before use.
const REFRESH_AFTER: Duration = Duration::from_secs(2);

struct Reader {
    store: Store,
    generation: u64,
    refreshed: Instant,
}

/// The pool.
pub struct Readers {
    dir: PathBuf,
    generation: AtomicU64,
    idle: Mutex<Vec<Reader>>,
}

impl Readers {
    /// A pool over the store in `dir`; nothing is opened yet.
    pub fn new(dir: PathBuf) -> Self {
        Readers {
            dir,
            generation: AtomicU64::new(0),
            idle: Mutex::new(Vec::new()),
        }
    }

    /// The number of writes through this server so far.
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::SeqCst)
    }

    /// Marks every reader stale: the next use refreshes it.
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Runs `f` on a reader (blocking).
    pub fn with<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let generation = self.generation.load(Ordering::SeqCst);
        let pooled = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let mut reader = match pooled {
            Some(r) => r,
            None => Reader {
                store: Store::open_read_only(&self.dir).map_err(|e| self.unavailable(&e))?,
                generation,
                refreshed: Instant::now(),
            },
        };
        if reader.generation != generation || reader.refreshed.elapsed() > REFRESH_AFTER {
            reader.store.refresh().map_err(|e| self.unavailable(&e))?;
            reader.generation = generation;
            reader.refreshed = Instant::now();
        }
        let result = f(&reader.store);
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < MAX_IDLE {
                idle.push(reader);
            }
        }
        result
    }

    fn unavailable(&self, err: &StoreError) -> ApiError {
        ApiError::unavailable(format!(
            "the store in {} cannot be read: {err}",
            self.dir.display()
        ))
    }
}
