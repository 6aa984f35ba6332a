//! The error type of the crate: every variant names the input it concerns.

use std::io;

/// An input that could not be ingested. Each variant carries the input (path, `path#offset`
/// or URL) so that a failure can be reported on its own.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum IngestError {
    /// A file or directory could not be read.
    #[error("{input}: {err}")]
    Io {
        /// The path.
        input: String,
        /// The underlying error.
        #[source]
        err: io::Error,
    },
    /// A local input exceeds the configured byte cap.
    #[error("{input}: larger than the {limit}-byte limit")]
    TooLarge {
        /// The path or URL.
        input: String,
        /// The cap that was exceeded, in bytes.
        limit: usize,
    },
    /// A command-line argument names nothing newsloom can ingest.
    #[error("{input}: {reason}")]
    UnsupportedInput {
        /// The argument.
        input: String,
        /// Why it was refused.
        reason: String,
    },
    /// The server answered with an error status (after retries, for retryable ones).
    #[error("{input}: HTTP status {status}")]
    HttpStatus {
        /// The URL.
        input: String,
        /// The final status code.
        status: u16,
    },
    /// The request failed before a status arrived (DNS, connection, TLS, timeout, redirects).
    #[error("{input}: {message}")]
    Network {
        /// The URL.
        input: String,
        /// What went wrong.
        message: String,
    },
    /// An RSS/Atom feed could not be parsed.
    #[error("{input}: not a readable feed: {message}")]
    Feed {
        /// The path or URL of the feed.
        input: String,
        /// The parser's message.
        message: String,
    },
    /// A sitemap could not be parsed.
    #[error("{input}: not a readable sitemap: {message}")]
    Sitemap {
        /// The path or URL of the sitemap.
        input: String,
        /// The parser's message.
        message: String,
    },
}

impl IngestError {
    /// The input (path, `path#offset` or URL) the error concerns.
    pub fn input(&self) -> &str {
        match self {
            IngestError::Io { input, .. }
            | IngestError::TooLarge { input, .. }
            | IngestError::UnsupportedInput { input, .. }
            | IngestError::HttpStatus { input, .. }
            | IngestError::Network { input, .. }
            | IngestError::Feed { input, .. }
            | IngestError::Sitemap { input, .. } => input,
        }
    }

    /// An [`IngestError::Io`] for `input`.
    pub(crate) fn io(input: impl Into<String>, err: io::Error) -> Self {
        IngestError::Io {
            input: input.into(),
            err,
        }
    }
}
