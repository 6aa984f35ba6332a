//! Settings of the extraction stage: limits and thresholds, in one place.

use std::time::Duration;

/// Resource limits per document. Hitting one yields a warning or a per-document error.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest input accepted, in bytes (default 32 MiB).
    pub max_bytes: usize,
    /// When true, an oversized input is cut to `max_bytes` with a warning instead of rejected.
    pub truncate_oversized: bool,
    /// Most DOM nodes built; parsing stops there with a warning (default 1,000,000).
    pub max_nodes: usize,
    /// Deepest element nesting; deeper elements are flattened into their ancestor (default 256).
    pub max_depth: usize,
    /// Wall-clock time allowed per document (default 10 s).
    pub max_time: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 32 * 1024 * 1024,
            truncate_oversized: false,
            max_nodes: 1_000_000,
            max_depth: 256,
            max_time: Duration::from_secs(10),
        }
    }
}

/// Everything that tunes extraction.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Resource limits.
    pub limits: Limits,
    /// Body-finding thresholds.
    pub content: crate::content::ContentConfig,
}
