//! Progress on stderr for long runs, drawn by `indicatif`: a bar with the count, the elapsed and
//! the remaining time, and what runs now. Drawn only when stderr is a terminal and the run is not
//! `--quiet`; it never reaches stdout, the JSON or the report files.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A progress bar over `total` units (replicates, claims), or a hidden one.
pub struct Progress {
    bar: ProgressBar,
}

impl Progress {
    /// Over `total` replicates.
    pub fn new(total: u64, quiet: bool) -> Self {
        Progress::counting(total, quiet, "replicates")
    }

    /// Over `total` units named `unit`.
    pub fn counting(total: u64, quiet: bool, unit: &str) -> Self {
        let bar = if !quiet && std::io::stderr().is_terminal() {
            ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
        } else {
            ProgressBar::hidden()
        };
        let template = format!(
            "{{bar:30}} {{pos}}/{{len}} {unit} · {{elapsed_precise}} elapsed, {{eta_precise}} left {{msg}}"
        );
        bar.set_style(
            ProgressStyle::with_template(&template)
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress { bar }
    }

    /// One unit done.
    pub fn tick(&self) {
        self.bar.inc(1);
    }

    /// What runs now (shown after the times).
    pub fn running(&self, what: &str) {
        self.bar.set_message(format!("· {what}"));
    }

    /// Clears the bar (the result goes to stdout after it).
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.bar.finish_and_clear();
    }
}
