//! glibc malloc settings for a long-running media process, applied before any thread starts.
//!
//! glibc's defaults suit this kind of process badly: every thread that meets a busy arena gets
//! one of its own (up to 8 per core), and image buffers of a few MiB flip between `mmap` and the
//! arenas as the threshold adapts, so freed memory is scattered over many arenas and RSS creeps
//! up over a long run. Measured with `--input` over 2 000 mixed samples (all stages,
//! `--concurrency 2`, 2 cores): peak RSS 43 → 28 MiB at the same speed (`benches/RESULTS.md`).
//! Anything set through `MALLOC_*` or `GLIBC_TUNABLES` wins.

/// Caps the arenas at one per core (at least 2), fixes the `mmap` threshold at 4 MiB and keeps
/// up to 8 MiB of freed memory per arena for reuse.
pub fn tune() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        let user_set = std::env::vars_os().any(|(name, _)| {
            let name = name.to_string_lossy();
            name.starts_with("MALLOC_") || name == "GLIBC_TUNABLES"
        });
        if user_set {
            return;
        }
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        let arenas = libc::c_int::try_from(cores.max(2)).unwrap_or(libc::c_int::MAX);
        // SAFETY: mallopt only changes allocator parameters; it is called from `main` before
        // the runtime starts any thread.
        unsafe {
            libc::mallopt(libc::M_ARENA_MAX, arenas);
            libc::mallopt(libc::M_MMAP_THRESHOLD, 4 << 20);
            libc::mallopt(libc::M_TRIM_THRESHOLD, 8 << 20);
        }
    }
}
