//! What the user sees on stderr while a batch runs: one line per failed document, and a
//! progress bar for large batches on a terminal.

use indicatif::{ProgressBar, ProgressStyle};
use std::fmt::Display;
use std::io::{self, IsTerminal, Write};

/// Batches with more documents than this get a progress bar (on a terminal, unless quiet).
pub const PROGRESS_MIN_DOCS: usize = 50;

/// Reports per-document failures and progress on stderr.
#[derive(Debug)]
pub struct Reporter {
    bar: Option<ProgressBar>,
}

impl Reporter {
    /// A reporter for a batch of `total` documents.
    pub fn new(total: usize, quiet: bool) -> Self {
        let show = total > PROGRESS_MIN_DOCS && !quiet && io::stderr().is_terminal();
        let bar = show.then(|| {
            let bar = ProgressBar::new(u64::try_from(total).unwrap_or(u64::MAX));
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} ({per_sec}, eta {eta})",
            ) {
                bar.set_style(style);
            }
            bar
        });
        Reporter { bar }
    }

    /// Prints `newsloom: <source>: <reason>`, the one line a failed document gets.
    pub fn doc_error(&self, source: &str, reason: &dyn Display) {
        let line = format!("newsloom: {source}: {reason}");
        match &self.bar {
            Some(bar) => bar.suspend(|| print_stderr(&line)),
            None => print_stderr(&line),
        }
    }

    /// Counts one document done.
    pub fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Removes the progress bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

fn print_stderr(line: &str) {
    if writeln!(io::stderr().lock(), "{line}").is_err() {
        // stderr is gone: there is nowhere left to report to.
    }
}
