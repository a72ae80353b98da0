//! [`ReplyStage`]: answers each message once, over the connection it came on.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use pipes_media_core::{
    Fact, Item, Replier, ReplyError, ReplyOutcome, Stage, StageContext, StageError,
};
use serde::Serialize;

use super::config::ReplyConfig;
use super::ledger::{Claim, Ledger};

/// What the `reply` stage reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReplyFacts {
    /// Whether the service confirmed the reply (`reply_status` with `success: true`).
    pub sent: bool,
    /// The text replied (or that would have been).
    pub text: String,
    /// Why it was not sent: the service's code (`SERVICE_WINDOW_EXPIRED`, `FORBIDDEN`…),
    /// `ALREADY_REPLIED` (the ledger has this message), `TIMEOUT` (written, no answer: it may
    /// have gone out, and it is not tried again).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The service's text on failure.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// WhatsApp's id of the sent reply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message_id: Option<String>,
}

impl Fact for ReplyFacts {}

/// The `reply` stage cannot be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReplySetupError {
    /// There is no connection to reply on (the run reads local files).
    #[error("the reply stage sends whatsapp_reply on the Pipes.bot WebSocket, and this run has no connection (it reads local files with --input); drop --reply or read from Pipes.bot")]
    NoConnection,
}

/// The `reply` stage: sends each message a text reply chosen by [`ReplyConfig`], at most
/// once per message across restarts and redeliveries (a durable ledger in the stage's state
/// directory), and reports [`ReplyFacts`].
///
/// A refusal by the service (`SERVICE_WINDOW_EXPIRED`, a conversation outside the
/// connection's scope) is recorded and final. A reply written but never answered is recorded
/// as `TIMEOUT` and not tried again. Only a reply that certainly never left (no connection in
/// time) fails the stage (`NOT_CONNECTED`), so the stage's retry policy may try it again.
pub struct ReplyStage {
    config: ReplyConfig,
    replier: Arc<dyn Replier>,
    /// The ledger open for one state directory (a pipeline has one; tests make many).
    ledger: Mutex<Option<(std::path::PathBuf, Ledger)>>,
}

impl std::fmt::Debug for ReplyStage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReplyStage")
            .field("rules", &self.config.rules.len())
            .finish_non_exhaustive()
    }
}

impl ReplyStage {
    /// The stage replying through `replier` (the WebSocket source's
    /// `pipes_media_ingest::WebSocketSource::replier()`).
    pub fn new(config: ReplyConfig, replier: Arc<dyn Replier>) -> Self {
        Self {
            config,
            replier,
            ledger: Mutex::new(None),
        }
    }

    /// The stage, or [`ReplySetupError::NoConnection`] when the run has no replier (`--input`).
    pub fn for_run(
        config: ReplyConfig,
        replier: Option<Arc<dyn Replier>>,
    ) -> Result<Self, ReplySetupError> {
        replier
            .map(|r| Self::new(config, r))
            .ok_or(ReplySetupError::NoConnection)
    }

    /// Runs `f` on the ledger of `cx`'s state directory, opening it first if needed.
    fn with_ledger<T>(
        &self,
        cx: &StageContext,
        f: impl FnOnce(&mut Ledger) -> std::io::Result<T>,
    ) -> Result<T, StageError> {
        let dir = cx.state_dir();
        let mut guard = self.ledger.lock().unwrap_or_else(|p| p.into_inner());
        if guard.as_ref().is_none_or(|(open, _)| *open != dir) {
            let ledger = Ledger::open(&dir, self.config.ledger_keep)?;
            *guard = Some((dir, ledger));
        }
        match guard.as_mut() {
            Some((_, ledger)) => Ok(f(ledger)?),
            None => Err(StageError::new("IO", "the reply ledger is not open")),
        }
    }
}

#[async_trait]
impl Stage for ReplyStage {
    fn name(&self) -> &'static str {
        "reply"
    }

    /// Items some rule has a text for.
    fn accepts(&self, item: &Item) -> bool {
        self.config.text_for(item).is_some()
    }

    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        let Some(text) = self.config.text_for(item) else {
            return Ok(());
        };
        let id = item.message().message_id.clone();
        let mut facts = ReplyFacts {
            sent: false,
            text: text.clone(),
            code: None,
            error: None,
            message_id: None,
        };
        // The ledger is small and synced per line; the lock is held only for that.
        let claim = self.with_ledger(cx, |l| l.claim(&id))?;
        if let Claim::Seen(state) = claim {
            tracing::debug!(message_id = %id, %state, "already replied; not again");
            facts.code = Some("ALREADY_REPLIED".to_owned());
            item.facts.insert(facts);
            return Ok(());
        }
        let outcome = self.replier.reply(item.message(), &text).await;
        let (state, result) = match outcome {
            Ok(ReplyOutcome::Sent { message_id }) => {
                facts.sent = true;
                facts.message_id = message_id;
                ("sent", Ok(()))
            }
            Ok(ReplyOutcome::Refused { code, message }) => {
                tracing::info!(message_id = %id, %code, "reply refused");
                facts.code = Some(code.to_string());
                facts.error = Some(message).filter(|m| !m.is_empty());
                ("refused", Ok(()))
            }
            Ok(_) => ("unknown", Ok(())),
            Err(ReplyError::NoAnswer(after)) => {
                tracing::warn!(message_id = %id, ?after, "reply written but not answered; not retried");
                facts.code = Some("TIMEOUT".to_owned());
                facts.error = Some(format!("no reply_status within {after:?}"));
                ("unanswered", Ok(()))
            }
            Err(e) => {
                facts.code = Some(e.code().to_string());
                facts.error = Some(e.to_string());
                let error = StageError::new(e.code(), e.to_string()).with_source(e);
                ("released", Err(error))
            }
        };
        if state == "released" {
            self.with_ledger(cx, |l| l.release(&id))?;
        } else {
            self.with_ledger(cx, |l| l.settle(&id, state))?;
        }
        item.facts.insert(facts);
        result
    }
}
