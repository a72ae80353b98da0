//! `${VAR}` in pipeline files: string values may name environment variables, so no secret
//! needs to sit in the file.
//!
//! - `${VAR}`: the variable's value; refused when it is not set;
//! - `${VAR:-default}`: the value, or `default` when the variable is unset or empty;
//! - `$$`: a literal `$`; any other `$` is kept as it is.

use std::borrow::Cow;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::document::{Document, Seg};
use super::error::SpecError;

/// Looks variables up (the process environment, or a map in tests).
pub(crate) type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// What is wrong with a reference.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ExpandError {
    /// `${VAR}` of an unset variable.
    Unset(String),
    /// `${` without a valid name and `}`.
    Malformed(String),
}

/// Expands the references in `s`.
pub(crate) fn expand(s: &str, env: Lookup<'_>) -> Result<String, ExpandError> {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(body) = after.strip_prefix('{') {
            let end = body
                .find('}')
                .ok_or_else(|| ExpandError::Malformed(format!("${{{body}")))?;
            let reference = &body[..end];
            let (name, default) = match reference.split_once(":-") {
                Some((name, default)) => (name, Some(default)),
                None => (reference, None),
            };
            let valid = name
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(ExpandError::Malformed(format!("${{{reference}}}")));
            }
            match (
                env(name).filter(|v| default.is_none() || !v.is_empty()),
                default,
            ) {
                (Some(value), _) => out.push_str(&value),
                (None, Some(default)) => out.push_str(default),
                (None, None) => return Err(ExpandError::Unset(name.to_owned())),
            }
            rest = &body[end + 1..];
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// Expands every string value of `root` in place.
pub(crate) fn expand_tree(
    root: &mut Spanned<DeTable<'_>>,
    doc: &Document,
    env: Lookup<'_>,
) -> Result<(), SpecError> {
    let mut path = Vec::new();
    for (key, value) in root.get_mut().iter_mut() {
        path.push(Seg::Key(key.get_ref().to_string()));
        expand_value(value, &mut path, doc, env)?;
        path.pop();
    }
    Ok(())
}

fn expand_value(
    value: &mut Spanned<DeValue<'_>>,
    path: &mut Vec<Seg>,
    doc: &Document,
    env: Lookup<'_>,
) -> Result<(), SpecError> {
    let span = value.span();
    match value.get_mut() {
        DeValue::String(s) if s.contains('$') => {
            let expanded = expand(s, env).map_err(|e| match e {
                ExpandError::Unset(var) => SpecError::MissingEnv {
                    at: Box::new(doc.location(path, Some(span.start))),
                    var,
                },
                ExpandError::Malformed(reference) => SpecError::Invalid {
                    at: Box::new(doc.location(path, Some(span.start))),
                    message: format!(
                        "{reference} is not a variable reference (write ${{NAME}}, ${{NAME:-default}}, or $$ for a dollar sign)"
                    ),
                },
            })?;
            *s = Cow::Owned(expanded);
        }
        DeValue::Table(table) => {
            for (key, value) in table.iter_mut() {
                path.push(Seg::Key(key.get_ref().to_string()));
                expand_value(value, path, doc, env)?;
                path.pop();
            }
        }
        DeValue::Array(items) => {
            for (i, value) in items.iter_mut().enumerate() {
                path.push(Seg::Index(i));
                expand_value(value, path, doc, env)?;
                path.pop();
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(name: &str) -> Option<String> {
        match name {
            "KEY" => Some("pk_123".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    #[test]
    fn references_expand_and_unset_ones_are_refused() {
        assert_eq!(expand("${KEY}", &env).as_deref(), Ok("pk_123"));
        assert_eq!(expand("a-${KEY}-b", &env).as_deref(), Ok("a-pk_123-b"));
        assert_eq!(expand("${NOPE:-x}", &env).as_deref(), Ok("x"));
        assert_eq!(expand("${EMPTY:-x}", &env).as_deref(), Ok("x"));
        assert_eq!(expand("${EMPTY}", &env).as_deref(), Ok(""));
        assert_eq!(
            expand("cost $5, $$HOME", &env).as_deref(),
            Ok("cost $5, $HOME")
        );
        assert_eq!(
            expand("${NOPE}", &env),
            Err(ExpandError::Unset("NOPE".into()))
        );
        assert!(matches!(
            expand("${KEY", &env),
            Err(ExpandError::Malformed(_))
        ));
        assert!(matches!(
            expand("${1X}", &env),
            Err(ExpandError::Malformed(_))
        ));
        assert!(matches!(
            expand("${A B}", &env),
            Err(ExpandError::Malformed(_))
        ));
    }
}
