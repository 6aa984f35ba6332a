//! The resource-limit flags shared by `extract` and `bench extract`.

use newsloom_extract::Limits;
use std::time::Duration;

fn default_limits() -> Limits {
    Limits::default()
}

fn to_u64(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn to_usize(n: u64) -> usize {
    usize::try_from(n).unwrap_or(usize::MAX)
}

/// Per-document resource limits, as command-line flags.
#[derive(clap::Args, Debug, Clone)]
pub struct LimitArgs {
    /// Largest input accepted, in bytes (after gunzip); larger inputs fail unless --truncate.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..),
          default_value_t = to_u64(default_limits().max_bytes))]
    pub max_bytes: u64,
    /// Most DOM nodes built per document; parsing stops there with a warning.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..),
          default_value_t = to_u64(default_limits().max_nodes))]
    pub max_nodes: u64,
    /// Deepest element nesting; deeper elements are flattened into their ancestor.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..),
          default_value_t = to_u64(default_limits().max_depth))]
    pub max_depth: u64,
    /// Time allowed per document, in milliseconds.
    #[arg(long, value_name = "MS", value_parser = clap::value_parser!(u64).range(1..),
          default_value_t = u64::try_from(default_limits().max_time.as_millis()).unwrap_or(u64::MAX))]
    pub timeout_ms: u64,
    /// Cut oversized inputs to --max-bytes, with a warning, instead of failing them.
    #[arg(long)]
    pub truncate: bool,
}

impl LimitArgs {
    /// The byte limit as a `usize`.
    pub fn max_bytes(&self) -> usize {
        to_usize(self.max_bytes)
    }

    /// The extraction library's limits.
    pub fn to_limits(&self) -> Limits {
        Limits {
            max_bytes: self.max_bytes(),
            truncate_oversized: self.truncate,
            max_nodes: to_usize(self.max_nodes),
            max_depth: to_usize(self.max_depth),
            max_time: Duration::from_millis(self.timeout_ms),
        }
    }
}
