//! [`stage_fn`]: a stage from a name and a closure.

use async_trait::async_trait;

use super::{Stage, StageContext};
use crate::error::StageError;
use crate::item::Item;

/// A stage from a name and a synchronous closure: the quickest way to a one-off stage.
///
/// The closure runs inline on the async runtime, so keep it light (counting, tagging,
/// validating); implement [`Stage`] and use [`StageContext::blocking`] for heavy work.
///
/// ```
/// use pipes_media_core::{stage_fn, Fact, Stage};
/// use serde::Serialize;
///
/// #[derive(Serialize)]
/// struct Big { big: bool }
/// impl Fact for Big {}
///
/// let stage = stage_fn("big", |item, _cx| {
///     let big = item.blob().len() > 1_000_000;
///     item.facts.insert(Big { big });
///     Ok(())
/// })
/// .when(|item| item.declared_mime().is_some());
/// assert_eq!(stage.name(), "big");
/// ```
pub fn stage_fn<F>(name: &'static str, f: F) -> StageFn<F>
where
    F: Fn(&mut Item, &StageContext) -> Result<(), StageError> + Send + Sync + 'static,
{
    StageFn {
        name,
        f,
        accepts: None,
    }
}

type Predicate = Box<dyn Fn(&Item) -> bool + Send + Sync>;

/// A [`Stage`] made by [`stage_fn`].
pub struct StageFn<F> {
    name: &'static str,
    f: F,
    accepts: Option<Predicate>,
}

impl<F> StageFn<F> {
    /// Only run the stage on items for which `predicate` is true.
    pub fn when(mut self, predicate: impl Fn(&Item) -> bool + Send + Sync + 'static) -> Self {
        self.accepts = Some(Box::new(predicate));
        self
    }
}

#[async_trait]
impl<F> Stage for StageFn<F>
where
    F: Fn(&mut Item, &StageContext) -> Result<(), StageError> + Send + Sync + 'static,
{
    fn name(&self) -> &'static str {
        self.name
    }
    fn accepts(&self, item: &Item) -> bool {
        self.accepts.as_ref().is_none_or(|p| p(item))
    }
    async fn process(&self, item: &mut Item, cx: &StageContext) -> Result<(), StageError> {
        (self.f)(item, cx)
    }
}
