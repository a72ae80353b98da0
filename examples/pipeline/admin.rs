//! `--list-dead`, `--retry-dead`, `--retry-failed`: the durable store's dead letters and
//! failures.

use anyhow::{bail, Result};
use pipes_media::core::{ErrorCode, Report};
use pipes_media::spec::PipelineSpec;
use pipes_media::store::{DurableQueue, Requeue};

use crate::Args;

/// `--list-dead`: prints the dead letters (one per line) and how many there are.
pub fn list_dead(spec: &PipelineSpec) -> Result<()> {
    let report = Report::open(&spec.out)?;
    let (_, store) = spec.open_queue(&report)?;
    let Some(store) = store else {
        bail!("--list-dead needs the durable queue (the pipeline file has a memory queue)");
    };
    let dead = store.dead_letters()?;
    for letter in &dead {
        let (code, message) = letter.last_error.as_ref().map_or((String::new(), ""), |e| {
            (e.code.to_string(), e.message.as_str())
        });
        println!(
            "{}\t{}\t{} attempts\t{code}\t{message}",
            letter.message_id, letter.kind, letter.attempts
        );
    }
    eprintln!("{} dead-lettered message(s)", dead.len());
    Ok(())
}

/// `--retry-dead` and `--retry-failed`: requeues before the run.
pub fn requeue(args: &Args, store: Option<&DurableQueue>) -> Result<()> {
    if !args.retry_dead && args.retry_failed.is_none() {
        return Ok(());
    }
    let Some(store) = store else {
        bail!("--retry-dead and --retry-failed need the durable queue");
    };
    if args.retry_dead {
        let n = store.requeue_dead()?;
        tracing::info!(requeued = n, "dead letters requeued");
    }
    if let Some(codes) = &args.retry_failed {
        let which = if codes.trim().is_empty() {
            Requeue::Local
        } else {
            Requeue::Codes(
                codes
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(ErrorCode::from)
                    .collect(),
            )
        };
        let n = store.requeue_failed(&which)?;
        tracing::info!(requeued = n, "failed messages requeued");
    }
    Ok(())
}
