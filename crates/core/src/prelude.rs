//! Everything a stage needs, in one import:
//!
//! ```
//! use pipes_media_core::prelude::*;
//!
//! #[derive(serde::Serialize)]
//! struct Size { bytes: u64 }
//! impl Fact for Size {}
//!
//! struct SizeStage;
//!
//! #[async_trait]
//! impl Stage for SizeStage {
//!     fn name(&self) -> &'static str { "size" }
//!     async fn process(&self, item: &mut Item, _cx: &StageContext) -> Result<(), StageError> {
//!         let bytes = item.blob().len();
//!         item.facts.insert(Size { bytes });
//!         Ok(())
//!     }
//! }
//! ```

pub use async_trait::async_trait;

pub use crate::blob::Blob;
pub use crate::error::{ErrorCode, StageError};
pub use crate::event::{Media, Message, MessageType};
pub use crate::facts::{Fact, Facts, MimeFacts, Verdict};
pub use crate::item::{Artifact, Item};
pub use crate::stage::{stage_fn, ArtifactTarget, OnError, Stage, StageContext, StagePolicy};
