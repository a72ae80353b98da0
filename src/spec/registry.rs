//! [`Registry`]: stages a program adds by name, so its pipeline file can name them.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;

use super::document::{Document, Seg};
use super::error::SpecError;
use crate::core::{BoxError, Stage};

/// Builds a stage from its options.
type Constructor = Box<dyn Fn(&StageOptions) -> Result<Box<dyn Stage>, BoxError> + Send + Sync>;

/// The stages a program registered by name, beside the bundled ones.
///
/// ```
/// use pipes_media::prelude::*;
/// use pipes_media::spec::{PipelineSpec, Registry};
///
/// #[derive(serde::Deserialize)]
/// #[serde(deny_unknown_fields)]
/// struct TagOptions { label: String }
///
/// let registry = Registry::new().stage("tag", |options| {
///     let TagOptions { label } = options.parse()?;
///     Ok(Box::new(stage_fn("tag", move |_item, _cx| { let _ = &label; Ok(()) })))
/// });
/// let spec = PipelineSpec::from_toml_str(
///     "[[stages]]\ntype = \"tag\"\nlabel = \"inbox\"\n",
/// )?;
/// assert_eq!(spec.build_stages(&registry)?.len(), 1);
///
/// // A key the options do not know is refused with its path and line.
/// let spec = PipelineSpec::from_toml_str("[[stages]]\ntype = \"tag\"\nlable = \"x\"\n")?;
/// let err = spec.build_stages(&registry).err().expect("refused");
/// assert!(err.to_string().contains("<string>:3:1: stages[0].lable: unknown field `lable`"), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Default)]
pub struct Registry {
    stages: BTreeMap<String, Constructor>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("stages", &self.names())
            .finish()
    }
}

impl Registry {
    /// No stage registered (the bundled ones need no registration).
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers the stage `name` (the `type` a pipeline file gives it) and how to build it
    /// from its options. A later registration of the same name replaces the earlier one.
    pub fn stage(
        mut self,
        name: impl Into<String>,
        build: impl Fn(&StageOptions) -> Result<Box<dyn Stage>, BoxError> + Send + Sync + 'static,
    ) -> Self {
        self.stages.insert(name.into(), Box::new(build));
        self
    }

    /// The registered names.
    pub fn names(&self) -> Vec<&str> {
        self.stages.keys().map(String::as_str).collect()
    }

    pub(crate) fn build_stage(
        &self,
        name: &str,
        options: &StageOptions,
    ) -> Result<Box<dyn Stage>, SpecError> {
        let Some(build) = self.stages.get(name) else {
            let at = options.doc.as_ref().map(|doc| {
                let mut path = options.at.clone();
                path.push(Seg::Key("type".into()));
                doc.locate(&path)
            });
            return Err(super::stages::not_built_in(name, at, &self.names()));
        };
        build(options).map_err(|source| match source.downcast::<SpecError>() {
            Ok(spec) => *spec,
            Err(source) => SpecError::Stage {
                at: options
                    .doc
                    .as_ref()
                    .map(|doc| Box::new(doc.locate(&options.at))),
                name: name.to_owned(),
                source,
            },
        })
    }
}

/// The options of one registered stage, as its constructor sees them.
#[derive(Debug, Clone)]
pub struct StageOptions {
    name: String,
    table: toml::Table,
    doc: Option<Document>,
    at: Vec<Seg>,
}

impl StageOptions {
    pub(crate) fn new(name: &str, table: toml::Table, doc: Option<Document>, at: Vec<Seg>) -> Self {
        Self {
            name: name.to_owned(),
            table,
            doc,
            at,
        }
    }

    /// Options from a table, outside any file (for tests of a constructor).
    pub fn from_table(name: &str, table: toml::Table) -> Self {
        Self::new(name, table, None, Vec::new())
    }

    /// The stage's registered name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The options as given (without `type` and the policy keys).
    pub fn table(&self) -> &toml::Table {
        &self.table
    }

    /// The options as `T` (derive `Deserialize`; `#[serde(deny_unknown_fields)]` refuses keys
    /// it does not know). A refusal names the key's path and line in the file.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, BoxError> {
        serde_path_to_error::deserialize(self.table.clone()).map_err(|e| {
            let doc = self
                .doc
                .clone()
                .unwrap_or_else(|| Document::new("<options>", ""));
            Box::new(doc.serde_error(&self.at, e)) as BoxError
        })
    }
}
