//! PDF text, page count and document info.
