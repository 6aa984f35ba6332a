//! The data directory option shared by the corpus commands.

use std::path::PathBuf;

/// Where the store lives.
#[derive(clap::Args, Debug, Clone)]
pub struct DataArgs {
    /// The data directory of the store.
    #[arg(
        long,
        value_name = "DIR",
        env = "NEWSLOOM_DATA",
        default_value = "./newsloom-data",
        global = false
    )]
    pub data: PathBuf,
}

impl DataArgs {
    /// The directory.
    pub fn dir(&self) -> PathBuf {
        self.data.clone()
    }
}
