//! A library of documents as JSON Lines: one compact v1 file per line (see `docs/formats.md`).

use crate::document::Document;
use crate::error::ImportError;
use crate::formats::v1;

/// Why a JSON Lines library could not be imported: the 1-based line and what is wrong there.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {error}")]
pub struct JsonlError {
    /// The line of the library, counting from 1 (blank lines count).
    pub line: usize,
    /// What is wrong with the document on that line.
    pub error: ImportError,
}

/// Every document as one compact v1 file per line, each line ending in LF.
pub fn export_library(docs: &[Document]) -> String {
    let mut out = String::new();
    for doc in docs {
        out.push_str(
            &serde_json::to_string(&v1::FileView(doc)).expect("a v1 file always serialises"),
        );
        out.push('\n');
    }
    out
}

/// Reads a library written by [`export_library`] (or by hand): each non-blank line must be a
/// valid v1 file, checked as strictly as [`v1::import_json`] checks one. Blank lines (and a CR
/// before a line's LF) are skipped; the first bad line fails the whole import.
pub fn import_library(text: &str) -> Result<Vec<Document>, JsonlError> {
    let mut docs = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let doc = v1::import_json(line).map_err(|error| JsonlError { line: i + 1, error })?;
        docs.push(doc);
    }
    Ok(docs)
}

/// Whether a text that is not one JSON value looks like JSON Lines: at least two non-blank
/// lines, each starting with `{`.
pub fn looks_like_jsonl(text: &str) -> bool {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let mut n = 0;
    for l in lines.by_ref() {
        if !l.starts_with('{') {
            return false;
        }
        n += 1;
    }
    n >= 2
}

#[cfg(test)]
mod detection_tests {
    use super::*;
    use crate::text::Text;

    #[test]
    fn a_library_is_told_from_a_single_file_by_its_lines() {
        let good = export_library(&[Document::new(Text::new("One article."), None)]);
        let good = good.trim_end();
        let text = format!("{good}\n\nnot json\n{good}\r\n");
        assert!(!looks_like_jsonl(&text), "a line not starting with {{");
        assert!(looks_like_jsonl(&format!("{good}\n{good}\n")));
        assert!(!looks_like_jsonl(good), "one line is a plain JSON file");
    }
}
