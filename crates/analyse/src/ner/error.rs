//! Errors of the entity model's file handling and training.

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The model file is not a valid newsloom NER model.
    #[error("invalid model file: {0}")]
    Format(&'static str),
    /// A training or evaluation corpus is malformed or missing.
    #[error("corpus {path}: {message}")]
    Corpus {
        /// The file.
        path: String,
        /// What is wrong.
        message: String,
    },
}
