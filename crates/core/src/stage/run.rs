//! [`run_stage`]: one stage on one item, as the pipeline runs it (time limit, caught panics,
//! retries of the policy).

use std::panic::AssertUnwindSafe;

use futures_util::FutureExt;
use tracing::debug;

use super::{panic_text, Stage, StageContext, StagePolicy};
use crate::error::{ErrorCode, StageError};
use crate::item::Item;

/// Runs `stage` on `item` the way the pipeline does: its facts are attributed to the stage, each
/// run is bounded by `policy.timeout` (`TIMEOUT`), a panic becomes `PANIC`, and a failure is
/// retried `policy.retries` times unless the stage asked to stop the item. It does not check
/// [`Stage::accepts`]: the caller decides that.
///
/// The test kit's stage harness calls this too, so a stage is tested exactly as it runs.
pub async fn run_stage(
    stage: &dyn Stage,
    policy: &StagePolicy,
    item: &mut Item,
    cx: &StageContext,
) -> Result<(), StageError> {
    item.facts.set_current_stage(stage.name());
    let mut attempt = 0;
    loop {
        let run = AssertUnwindSafe(stage.process(item, cx)).catch_unwind();
        let result = match tokio::time::timeout(policy.timeout, run).await {
            Ok(Ok(result)) => result,
            Ok(Err(panic)) => Err(StageError::new(
                ErrorCode::Panic,
                format!("stage panicked: {}", panic_text(panic)),
            )),
            Err(_) => Err(StageError::new(
                ErrorCode::Timeout,
                format!(
                    "stage took longer than {:.1} s",
                    policy.timeout.as_secs_f64()
                ),
            )),
        };
        match result {
            Err(error) if attempt < policy.retries && !error.stops_item() => {
                attempt += 1;
                debug!(attempt, code = %error.code(), "stage failed, retrying");
            }
            other => return other,
        }
    }
}
