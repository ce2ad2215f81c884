//! doccano JSONL (stub).

use crate::document::Document;
use crate::formats::import::Log;

/// Reads doccano JSONL (stub).
pub fn read(_json: &str, _log: &mut Log) -> Result<Vec<Document>, String> {
    Err("doccano import is not written yet".to_owned())
}
