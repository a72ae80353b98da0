//! Optional content (ISO 32000-1 8.11): which optional content groups the document's default
//! configuration turns off, and whether a group or membership dictionary is visible. Content
//! in groups that are off is not drawn, so it is not text a reader sees.

use std::collections::HashSet;

use lopdf::{Document, Object, ObjectId};

/// Deepest visibility expression (`VE`) evaluated; deeper parts count as visible.
const MAX_DEPTH: usize = 16;
/// Most groups read from the configuration's arrays.
const MAX_GROUPS: usize = 100_000;

/// The default optional content configuration of a document.
#[derive(Debug, Default)]
pub(crate) struct OptionalContent {
    off: HashSet<ObjectId>,
}

impl OptionalContent {
    /// The configuration of `doc` (`OCProperties` `D`), or `None` when the document has no
    /// optional content (everything is visible).
    pub(crate) fn of(doc: &Document) -> Option<Self> {
        let properties = doc.catalog().ok()?.get(b"OCProperties").ok()?;
        let properties = doc.dereference(properties).ok()?.1.as_dict().ok()?;
        let refs = |object: Option<&Object>| -> Vec<ObjectId> {
            object
                .and_then(|o| doc.dereference(o).ok())
                .and_then(|(_, o)| o.as_array().ok())
                .map(|a| {
                    a.iter()
                        .take(MAX_GROUPS)
                        .filter_map(|o| o.as_reference().ok())
                        .collect()
                })
                .unwrap_or_default()
        };
        let config = properties
            .get(b"D")
            .ok()
            .and_then(|d| doc.dereference(d).ok())
            .and_then(|(_, d)| d.as_dict().ok());
        let mut off: HashSet<ObjectId> = HashSet::new();
        if let Some(config) = config {
            if config.get(b"BaseState").and_then(Object::as_name).ok() == Some(b"OFF") {
                off.extend(refs(properties.get(b"OCGs").ok()));
            }
            for id in refs(config.get(b"ON").ok()) {
                off.remove(&id);
            }
            off.extend(refs(config.get(b"OFF").ok()));
        }
        Some(Self { off })
    }

    /// Whether content marked with `object` (a group, a membership dictionary, or a reference
    /// to one) is visible. Anything else is visible.
    pub(crate) fn visible(&self, doc: &Document, object: &Object) -> bool {
        self.visible_at(doc, object, 0)
    }

    fn visible_at(&self, doc: &Document, object: &Object, depth: usize) -> bool {
        if depth > MAX_DEPTH {
            return true;
        }
        let Ok((id, target)) = doc.dereference(object) else {
            return true;
        };
        let Ok(dict) = target.as_dict() else {
            return true;
        };
        match dict.get(b"Type").and_then(Object::as_name).ok() {
            Some(b"OCG") => id.is_none_or(|id| !self.off.contains(&id)),
            Some(b"OCMD") => {
                if let Ok(expression) = dict.get(b"VE") {
                    if let Some(visible) = self.expression(doc, expression, depth + 1) {
                        return visible;
                    }
                }
                let groups: Vec<&Object> = match dict.get(b"OCGs").ok().map(|g| doc.dereference(g))
                {
                    Some(Ok((_, Object::Array(items)))) => items.iter().take(MAX_GROUPS).collect(),
                    Some(Ok(_)) => dict.get(b"OCGs").ok().into_iter().collect(),
                    _ => Vec::new(),
                };
                if groups.is_empty() {
                    return true;
                }
                let mut on = groups.iter().map(|g| self.visible_at(doc, g, depth + 1));
                match dict.get(b"P").and_then(Object::as_name).ok() {
                    Some(b"AllOn") => on.all(|v| v),
                    Some(b"AnyOff") => on.any(|v| !v),
                    Some(b"AllOff") => on.all(|v| !v),
                    _ => on.any(|v| v),
                }
            }
            _ => true,
        }
    }

    /// A visibility expression: a group, or `[/And e…]`, `[/Or e…]`, `[/Not e]`; `None` when
    /// malformed.
    fn expression(&self, doc: &Document, object: &Object, depth: usize) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        let (_, target) = doc.dereference(object).ok()?;
        let Ok(items) = target.as_array() else {
            return Some(self.visible_at(doc, object, depth));
        };
        let (op, args) = items.split_first()?;
        let mut values = args
            .iter()
            .take(MAX_GROUPS)
            .map(|a| self.expression(doc, a, depth + 1));
        match op.as_name().ok()? {
            b"And" => values.try_fold(true, |acc, v| Some(acc && v?)),
            b"Or" => values.try_fold(false, |acc, v| Some(acc || v?)),
            b"Not" => values.next()?.map(|v| !v),
            _ => None,
        }
    }
}
