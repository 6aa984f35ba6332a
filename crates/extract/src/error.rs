//! Errors of the extraction stage.

use thiserror::Error;

/// Why a document could not be extracted at all.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum ExtractError {
    /// The input is larger than `Limits::max_bytes` and truncation is off.
    #[error("input is {bytes} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input.
        bytes: usize,
        /// The limit in force.
        limit: usize,
    },
    /// The input holds nothing but whitespace.
    #[error("input is empty")]
    Empty,
    /// The time limit ran out.
    #[error("time limit of {limit_ms} ms exceeded while {stage}")]
    Timeout {
        /// The limit in force.
        limit_ms: u128,
        /// What was being done.
        stage: &'static str,
    },
    /// The input is not a page: binary data, an image, a PDF…
    #[error("not a text document ({0})")]
    NotText(String),
}
