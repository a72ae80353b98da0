//! [`SpecError`]: why a pipeline file or spec was refused, or its parts could not be built.

use std::fmt;
use std::path::PathBuf;

use crate::core::{BoxError, ErrorCode};

/// Where in a pipeline file something is: the key's path and its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as it was named (or `<string>`).
    pub file: String,
    /// The key's path, e.g. `stages[2].quality`.
    pub path: String,
    /// 1-based line (0 when unknown).
    pub line: usize,
    /// 1-based column (0 when unknown).
    pub column: usize,
    /// The line's text, for showing under the message.
    pub source_line: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}:{}", self.file, self.line, self.column)?;
        } else {
            write!(f, "{}", self.file)?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        Ok(())
    }
}

impl Location {
    /// The source line with a caret under the column, for a terminal.
    pub fn snippet(&self) -> Option<String> {
        if self.line == 0 || self.source_line.is_empty() {
            return None;
        }
        let gutter = self.line.to_string();
        let pad = " ".repeat(gutter.len());
        let caret = " ".repeat(self.column.saturating_sub(1));
        Some(format!(
            "{pad} |\n{gutter} | {}\n{pad} | {caret}^",
            self.source_line
        ))
    }
}

/// A pipeline spec was refused, or one of its parts could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SpecError {
    /// The file could not be read.
    #[error("reading {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// The file is not TOML, a key is unknown, a value has the wrong type or is out of range.
    #[error("{at}: {message}")]
    Invalid {
        /// Where.
        at: Box<Location>,
        /// What is wrong.
        message: String,
    },
    /// A `${VAR}` names an environment variable that is not set.
    #[error("{at}: environment variable {var} is not set (use ${{{var}:-default}} for a default)")]
    MissingEnv {
        /// Where.
        at: Box<Location>,
        /// The variable.
        var: String,
    },
    /// A part names something this binary does not have (a stage of a feature that is off, a
    /// reserved source or sink type, an unregistered custom stage).
    #[error("{}{what}", at.as_ref().map(|a| format!("{a}: ")).unwrap_or_default())]
    NotBuiltIn {
        /// Where, when the spec came from a file.
        at: Option<Box<Location>>,
        /// What is missing and how to get it.
        what: String,
    },
    /// A required part is missing (`out`, a source, an API key).
    #[error("{0}")]
    Missing(String),
    /// A custom stage's constructor refused its options.
    #[error("{}stage {name:?}: {source}", at.as_ref().map(|a| format!("{a}: ")).unwrap_or_default())]
    Stage {
        /// Where, when the spec came from a file.
        at: Option<Box<Location>>,
        /// The stage type.
        name: String,
        /// The constructor's error.
        #[source]
        source: BoxError,
    },
    /// Opening or building a part of the run failed (the report, the store, the source, the
    /// metrics endpoint, the gallery).
    #[error("{what}: {source}")]
    Build {
        /// Which part.
        what: String,
        /// The code of the cause.
        code: ErrorCode,
        /// The cause.
        #[source]
        source: BoxError,
    },
}

impl SpecError {
    /// The report code: `CONFIG` for a refused spec, `CONFIG_ENV` for a missing variable,
    /// `NOT_BUILT_IN`, or the cause's own code for a part that could not be built.
    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Read { source, .. } => ErrorCode::of_io(source),
            Self::Invalid { .. } | Self::Missing(_) | Self::Stage { .. } => {
                ErrorCode::from("CONFIG")
            }
            Self::MissingEnv { .. } => ErrorCode::from("CONFIG_ENV"),
            Self::NotBuiltIn { .. } => ErrorCode::from("NOT_BUILT_IN"),
            Self::Build { code, .. } => code.clone(),
        }
    }

    /// Where in the file the problem is, when it came from one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Self::Invalid { at, .. } | Self::MissingEnv { at, .. } => Some(at),
            Self::NotBuiltIn { at, .. } | Self::Stage { at, .. } => at.as_deref(),
            _ => None,
        }
    }

    /// Whether the spec itself is at fault (exit status 2 in a command line), rather than the
    /// machine (a store that would not open, a port in use).
    pub fn is_config(&self) -> bool {
        !matches!(self, Self::Build { .. } | Self::Read { .. })
    }

    pub(crate) fn build(
        what: impl Into<String>,
        code: ErrorCode,
        source: impl Into<BoxError>,
    ) -> Self {
        Self::Build {
            what: what.into(),
            code,
            source: source.into(),
        }
    }
}
