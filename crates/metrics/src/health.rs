//! [`Health`]: what `/readyz` checks.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::RwLock;

/// A readiness check: a name and a closure that says whether that part is ready.
type Check = (&'static str, Box<dyn Fn() -> bool + Send + Sync>);

/// Readiness: the run is going and every registered check passes.
#[derive(Default)]
pub(crate) struct Health {
    running: AtomicBool,
    checks: RwLock<Vec<Check>>,
}

impl std::fmt::Debug for Health {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Health")
            .field("running", &self.running.load(Ordering::Relaxed))
            .finish_non_exhaustive()
    }
}

impl Health {
    pub(crate) fn set_running(&self, running: bool) {
        self.running.store(running, Ordering::Relaxed);
    }

    pub(crate) fn add(&self, name: &'static str, check: Box<dyn Fn() -> bool + Send + Sync>) {
        self.checks
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .push((name, check));
    }

    /// The names of what is not ready (empty: ready).
    pub(crate) fn not_ready(&self) -> Vec<&'static str> {
        let mut missing = Vec::new();
        if !self.running.load(Ordering::Relaxed) {
            missing.push("run");
        }
        let checks = self.checks.read().unwrap_or_else(|p| p.into_inner());
        missing.extend(
            checks
                .iter()
                .filter(|(_, check)| !check())
                .map(|(name, _)| *name),
        );
        missing
    }
}
