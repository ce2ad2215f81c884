//! spaCy-style JSONL: one article per line, `{"text": "…", "spans": [{"start", "end",
//! "label"}]}`. Also `ents` (as `Doc.to_json` writes them) and `spans` as a dict of span groups
//! (`{"sc": [...]}`). Offsets count code points; UTF-16 is detected and converted. See
//! `docs/formats.md`.

use crate::document::Document;
use crate::formats::doccano::{build, id_text, items, Raw};
use crate::formats::import::Log;
use serde_json::Value;

/// Reads spaCy-style JSONL (or a JSON array of the same objects).
pub fn read(json: &str, log: &mut Log) -> Result<Vec<Document>, String> {
    let mut out = Vec::new();
    for (line, item) in items(json) {
        let v = match item {
            Ok(v) => v,
            Err(e) => {
                log.skip(Some(line), e);
                continue;
            }
        };
        let Some(text) = v.get("text").and_then(Value::as_str) else {
            log.skip(Some(line), "no \"text\"");
            continue;
        };
        let mut lists: Vec<&Value> = Vec::new();
        match v.get("spans") {
            Some(Value::Object(groups)) => lists.extend(groups.values()),
            Some(list) => lists.push(list),
            None => {}
        }
        lists.extend(v.get("ents"));
        let mut spans = Vec::new();
        for (k, s) in lists
            .into_iter()
            .filter_map(Value::as_array)
            .flatten()
            .enumerate()
        {
            let got = (
                s.get("start").and_then(Value::as_u64),
                s.get("end").and_then(Value::as_u64),
                s.get("label").and_then(Value::as_str),
            );
            let (Some(start), Some(end), Some(label)) = got else {
                log.skip(
                    Some(line),
                    format!(
                        "span {}: expected \"start\", \"end\" and \"label\", found {s}",
                        k + 1
                    ),
                );
                continue;
            };
            spans.push(Raw {
                id: id_text(s.get("id")),
                label: label.to_owned(),
                start: start as usize,
                end: end as usize,
            });
        }
        out.push(build(line, text, spans, Vec::new(), log));
    }
    Ok(out)
}
