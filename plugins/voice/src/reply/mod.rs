//! The `reply` stage: a text answer to each message, chosen by rules and templates over any
//! stage's facts, sent once.

mod config;
mod ledger;
mod stage;
mod template;

pub use config::{ReplyConfig, ReplyRule, When};
pub use stage::{ReplyFacts, ReplySetupError, ReplyStage};
pub use template::{cut_at_word, Template};
