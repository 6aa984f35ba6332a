//! HTTP validators (`ETag`, `Last-Modified`) remembered between fetches for conditional GETs.

use std::collections::HashMap;
use std::sync::Mutex;

/// The validators of one response.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` header, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// The `Last-Modified` header, sent back as `If-Modified-Since`.
    pub last_modified: Option<String>,
}

impl Validators {
    /// True when neither validator is known.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// Where the fetcher looks up and records validators, per requested URL. The store can
/// implement it to persist them across runs; [`MemoryValidatorCache`] keeps them for one run.
pub trait ValidatorCache: Send + Sync {
    /// The validators last seen for `url`.
    fn get(&self, url: &str) -> Option<Validators>;
    /// Records the validators of a successful response for `url`.
    fn put(&self, url: &str, validators: Validators);
}

/// A [`ValidatorCache`] in memory.
#[derive(Debug, Default)]
pub struct MemoryValidatorCache {
    entries: Mutex<HashMap<String, Validators>>,
}

impl MemoryValidatorCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }
}

impl ValidatorCache for MemoryValidatorCache {
    fn get(&self, url: &str) -> Option<Validators> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(url).cloned()
    }

    fn put(&self, url: &str, validators: Validators) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.insert(url.to_string(), validators);
    }
}
