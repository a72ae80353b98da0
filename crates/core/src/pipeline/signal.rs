//! The shutdown future every binary hands to a run: Ctrl-C, or SIGTERM on Unix.

/// Completes on Ctrl-C or, on Unix, SIGTERM: the future to pass to
/// [`Pipeline::run_until`](super::Pipeline::run_until) (and to the NATS ingest and workers),
/// so that a supervisor's stop drains the run as an interactive Ctrl-C does.
///
/// When the SIGTERM handler cannot be installed, only Ctrl-C stops the run.
pub async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
