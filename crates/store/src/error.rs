//! The store's typed errors, and the mapping from SQLite, tantivy and I/O failures to them.

use std::io;
use std::path::{Path, PathBuf};

/// Everything that can go wrong in the store.
///
/// Environment failures a user can act on (a read-only or full disk, a store held by another
/// process, a store written by a newer newsloom) have their own variants, each naming the path
/// involved; the rest wrap the underlying library error.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The data directory (or a file in it) cannot be written.
    #[error("the store at {path} is read-only (no write permission or a read-only filesystem)")]
    ReadOnly {
        /// The directory or file that could not be written.
        path: PathBuf,
    },
    /// The disk holding the store is full.
    #[error("the disk holding {path} is full")]
    DiskFull {
        /// The directory or file being written.
        path: PathBuf,
    },
    /// Another process (or another `Store` in this one) has the store open for writing.
    #[error("the store at {path} is already open for writing by another process")]
    Locked {
        /// The locked directory.
        path: PathBuf,
    },
    /// The store was written by a newer version of newsloom.
    #[error(
        "the store at {path} has schema version {found}, but this newsloom knows only up to \
         version {supported}: upgrade newsloom to open it"
    )]
    SchemaTooNew {
        /// The database file.
        path: PathBuf,
        /// The version found in the database.
        found: u32,
        /// The newest version this code knows.
        supported: u32,
    },
    /// A store of an older schema opened read-only: it must be opened for writing once.
    #[error("the store at {path} has schema version {found}; this newsloom reads {expected}: open it for writing once (e.g. `newsloom ingest`) to migrate it")]
    NeedsMigration {
        /// The database file.
        path: PathBuf,
        /// The version found.
        found: i64,
        /// The version this code reads.
        expected: u32,
    },
    /// A schema migration step failed (the database is left at the previous version).
    #[error("migrating the store at {path} to schema version {version} failed: {source}")]
    Migration {
        /// The database file.
        path: PathBuf,
        /// The version the failing step migrates to.
        version: u32,
        /// What SQLite said.
        #[source]
        source: rusqlite::Error,
    },
    /// A search or listing filter is invalid (an unparseable date, say).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// A stored record could not be decoded: the database was edited by hand or is damaged.
    #[error("corrupt record {id} in {path}: {detail}")]
    Corrupt {
        /// The database file.
        path: PathBuf,
        /// The article row.
        id: i64,
        /// What was wrong.
        detail: String,
    },
    /// Any other I/O failure.
    #[error("I/O error on {path}: {source}")]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// Any other SQLite failure.
    #[error("database error in {path}: {source}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: rusqlite::Error,
    },
    /// Any other full-text index failure.
    #[error("search index error in {path}: {source}")]
    Index {
        /// The index directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: tantivy::TantivyError,
    },
    /// Writing an export failed.
    #[error("export failed: {0}")]
    Export(String),
    /// A record could not be encoded as JSON (an internal error).
    #[error("encoding a record failed: {0}")]
    Encode(String),
}

impl StoreError {
    /// Maps an I/O error on `path`, recognising a full disk and a read-only location.
    pub(crate) fn io(path: &Path, source: io::Error) -> StoreError {
        let path = path.to_path_buf();
        match source.kind() {
            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
                StoreError::ReadOnly { path }
            }
            io::ErrorKind::StorageFull => StoreError::DiskFull { path },
            _ => StoreError::Io { path, source },
        }
    }

    /// Maps a SQLite error on the database at `path`, recognising `SQLITE_FULL`,
    /// `SQLITE_READONLY`, `SQLITE_CANTOPEN` on an unwritable location, and `SQLITE_BUSY`.
    pub(crate) fn sqlite(path: &Path, source: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode;
        let path_buf = path.to_path_buf();
        if let rusqlite::Error::SqliteFailure(e, _) = &source {
            match e.code {
                ErrorCode::DiskFull => return StoreError::DiskFull { path: path_buf },
                ErrorCode::ReadOnly => return StoreError::ReadOnly { path: path_buf },
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    return StoreError::Locked { path: path_buf }
                }
                _ => {}
            }
        }
        StoreError::Sqlite {
            path: path_buf,
            source,
        }
    }

    /// Maps a tantivy error on the index at `path`, recognising I/O failures and a held lock.
    pub(crate) fn index(path: &Path, source: tantivy::TantivyError) -> StoreError {
        use tantivy::directory::error::{LockError, OpenDirectoryError, OpenWriteError};
        use tantivy::TantivyError as T;
        let io_error = match &source {
            T::IoError(e) => Some(io::Error::new(e.kind(), e.to_string())),
            T::OpenWriteError(OpenWriteError::IoError { io_error, .. }) => {
                Some(io::Error::new(io_error.kind(), io_error.to_string()))
            }
            T::OpenDirectoryError(OpenDirectoryError::IoError { io_error, .. }) => {
                Some(io::Error::new(io_error.kind(), io_error.to_string()))
            }
            T::LockFailure(LockError::LockBusy, _) => {
                return StoreError::Locked {
                    path: path.to_path_buf(),
                }
            }
            _ => None,
        };
        match io_error {
            Some(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::PermissionDenied
                        | io::ErrorKind::ReadOnlyFilesystem
                        | io::ErrorKind::StorageFull
                ) =>
            {
                StoreError::io(path, e)
            }
            _ => StoreError::Index {
                path: path.to_path_buf(),
                source,
            },
        }
    }
}

/// Attaches the database path to a SQLite result.
pub(crate) trait SqlContext<T> {
    /// Maps the error with [`StoreError::sqlite`].
    fn db(self, path: &Path) -> Result<T, StoreError>;
}

impl<T> SqlContext<T> for rusqlite::Result<T> {
    fn db(self, path: &Path) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::sqlite(path, e))
    }
}

/// Attaches the index path to a tantivy result.
pub(crate) trait IndexContext<T> {
    /// Maps the error with [`StoreError::index`].
    fn idx(self, path: &Path) -> Result<T, StoreError>;
}

impl<T> IndexContext<T> for tantivy::Result<T> {
    fn idx(self, path: &Path) -> Result<T, StoreError> {
        self.map_err(|e| StoreError::index(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_full_maps_to_disk_full_naming_the_path() {
        let err = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        let mapped = StoreError::sqlite(Path::new("/data/store.db"), err);
        assert!(matches!(mapped, StoreError::DiskFull { .. }));
        assert!(mapped.to_string().contains("/data/store.db"));
    }

    #[test]
    fn sqlite_readonly_maps_to_read_only() {
        let err = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_READONLY),
            None,
        );
        assert!(matches!(
            StoreError::sqlite(Path::new("x"), err),
            StoreError::ReadOnly { .. }
        ));
    }

    #[test]
    fn io_storage_full_maps_to_disk_full() {
        let err = io::Error::from(io::ErrorKind::StorageFull);
        assert!(matches!(
            StoreError::io(Path::new("x"), err),
            StoreError::DiskFull { .. }
        ));
        let err = io::Error::from(io::ErrorKind::PermissionDenied);
        assert!(matches!(
            StoreError::io(Path::new("x"), err),
            StoreError::ReadOnly { .. }
        ));
    }
}
