//! Progress on stderr for long runs.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};

/// Progress on stderr for long runs: only when stderr is a terminal and not quiet.
pub struct Progress {
    total: u64,
    done: AtomicU64,
    show: bool,
}

impl Progress {
    pub fn new(total: u64, quiet: bool) -> Self {
        Progress {
            total,
            done: AtomicU64::new(0),
            show: !quiet && std::io::stderr().is_terminal(),
        }
    }
    pub fn tick(&self) {
        let k = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if self.show && (k % (self.total / 100).max(1) == 0 || k == self.total) {
            eprint!(
                "\r{k}/{} replicates ({}%)",
                self.total,
                100 * k / self.total.max(1)
            );
            if k == self.total {
                eprintln!();
            }
        }
    }
}
