//! The stages of one item, in order, each as its policy says.

use tracing::{info_span, warn, Instrument};

use super::Shared;
use crate::error::ErrorReport;
use crate::item::Item;
use crate::observe::Observer;
use crate::report::{StageReport, StageStatus};
use crate::stage::{run_stage, OnError, StageContext};

/// What the stages did to an item.
pub(crate) struct StagesOutcome {
    pub(crate) reports: Vec<(&'static str, StageReport)>,
    /// The first failure, which the message is reported `failed` with.
    pub(crate) error: Option<ErrorReport>,
    /// A stage failed for a reason outside the content (a full disk): the whole job is worth
    /// another attempt.
    pub(crate) retryable: bool,
    pub(crate) quarantine: bool,
}

pub(crate) async fn run_stages(shared: &Shared, item: &mut Item) -> StagesOutcome {
    let mut outcome = StagesOutcome {
        reports: Vec::with_capacity(shared.stages.len()),
        error: None,
        retryable: false,
        quarantine: false,
    };
    let mut stopped = false;
    for entry in &shared.stages {
        let name = entry.stage.name();
        if stopped {
            outcome
                .reports
                .push((name, skipped("an earlier stage stopped the item")));
            continue;
        }
        if !entry.stage.accepts(item) {
            outcome.reports.push((name, skipped("not applicable")));
            continue;
        }
        let cx = StageContext::with_dirs(
            shared.out_dir.clone(),
            shared.state_dir.clone(),
            shared.work_dir.clone(),
            name,
            &item.message().message_id,
        );
        let started = std::time::Instant::now();
        let result = run_stage(entry.stage.as_ref(), &entry.policy, item, &cx)
            .instrument(info_span!("stage", stage = name))
            .await;
        let status = if result.is_ok() {
            StageStatus::Ok
        } else {
            StageStatus::Failed
        };
        shared.observer.stage_ran(name, status, started.elapsed());
        let facts = item.facts.to_json_for(name);
        let report = match result {
            Ok(()) => StageReport {
                status: StageStatus::Ok,
                facts,
                error: None,
                reason: None,
            },
            Err(error) => {
                warn!(
                    stage = name,
                    code = %error.code(),
                    error = %crate::log::escape(error.message()),
                    "stage failed"
                );
                if error.stops_item() || entry.policy.on_error == OnError::StopItem {
                    stopped = true;
                }
                outcome.quarantine |= error.quarantines();
                outcome.retryable |= error.is_retryable();
                let report = error.to_report();
                outcome.error.get_or_insert_with(|| report.clone());
                StageReport {
                    status: StageStatus::Failed,
                    facts,
                    error: Some(report),
                    reason: None,
                }
            }
        };
        outcome.reports.push((name, report));
    }
    outcome
}

pub(crate) fn skipped(reason: &str) -> StageReport {
    StageReport {
        status: StageStatus::Skipped,
        facts: Default::default(),
        error: None,
        reason: Some(reason.to_owned()),
    }
}
