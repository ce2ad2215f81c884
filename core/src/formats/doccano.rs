//! doccano JSONL, both styles, one article per line:
//!
//! - sequence labelling: `{"text": "…", "label": [[start, end, "LABEL"], …]}` (`labels` too);
//! - entities and relations: `{"text": "…", "entities": [{"id", "label", "start_offset",
//!   "end_offset"}], "relations": [{"id", "from_id", "to_id", "type"}]}`.
//!
//! Offsets count code points, as Python does; UTF-16 is detected and converted. A JSON array of
//! the same objects is read too. See `docs/formats.md`.

use crate::document::{Annotation, AnnotationId, Document, Relation};
use crate::formats::import::{
    assemble, choose_unit, fits_untexted, span_in, why_not_span, LabelSet, Log,
};
use crate::text::Text;
use serde_json::Value;

/// One span as a line states it.
pub(crate) struct Raw {
    /// Its id, when the line gives one.
    pub id: Option<String>,
    /// Its label.
    pub label: String,
    /// Start, in the file's unit.
    pub start: usize,
    /// End, in the file's unit.
    pub end: usize,
}

/// The items of a JSON Lines file (or of a JSON array), each with its 1-based line (for an
/// array, its position).
pub(crate) fn items(json: &str) -> Vec<(usize, Result<Value, String>)> {
    if json.trim_start().starts_with('[') {
        if let Ok(Value::Array(a)) = serde_json::from_str::<Value>(json) {
            return a
                .into_iter()
                .enumerate()
                .map(|(i, v)| (i + 1, Ok(v)))
                .collect();
        }
    }
    json.split('\n')
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            (
                i + 1,
                serde_json::from_str::<Value>(l.trim_end_matches('\r'))
                    .map_err(|e| format!("not valid JSON: {e}")),
            )
        })
        .collect()
}

/// A document from one line's text, spans and relations `(id, from, to, type)`, logging what
/// does not fit the text.
pub(crate) fn build(
    line: usize,
    raw: &str,
    spans: Vec<Raw>,
    rels: Vec<(String, String, String, String)>,
    log: &mut Log,
) -> Document {
    let text = Text::new(raw);
    let mut sub = Log::default();
    let unit = choose_unit(&text, &mut sub, |u| {
        spans
            .iter()
            .filter(|s| fits_untexted(&text, u, s.start, s.end))
            .count()
    });
    for (_, _, m) in sub.found {
        log.notice(Some(line), m);
    }
    let mut set = LabelSet::default();
    let mut annotations: Vec<Annotation> = Vec::new();
    for (k, s) in spans.iter().enumerate() {
        let sp = span_in(&text, unit, s.start, s.end).filter(|sp| !sp.is_empty());
        let Some(sp) = sp else {
            let why = if s.start == s.end {
                format!("{}..{} is empty", s.start, s.end)
            } else {
                why_not_span(&text, unit, s.start, s.end)
            };
            log.skip(Some(line), format!("span \"{}\" {why}", s.label));
            continue;
        };
        let mut id = s.id.clone().unwrap_or_else(|| format!("s{}", k + 1));
        if annotations.iter().any(|a| a.id.as_str() == id) {
            id = format!("{id}-{}", k + 1);
        }
        annotations.push(Annotation {
            id: AnnotationId(id.into()),
            label: set.get(&s.label),
            span: sp,
            note: None,
            kind: None,
            cue: None,
        });
    }
    let mut relations = Vec::new();
    for (id, from, to, kind) in rels {
        let known = |x: &str| annotations.iter().any(|a| a.id.as_str() == x);
        if known(&from) && known(&to) {
            relations.push(Relation::new(id, kind, &from, &to));
        } else {
            log.skip(
                Some(line),
                format!("relation {id} ({kind}) names an entity that is not there"),
            );
        }
    }
    assemble(text, None, set.into_labels(), annotations, relations)
}

/// A JSON number or string as text (doccano ids are numbers).
pub(crate) fn id_text(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// Reads doccano JSONL (or a JSON array of the same objects): one article per line.
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
        let mut spans = Vec::new();
        let mut rels = Vec::new();
        if let Some(list) = v.get("entities").and_then(Value::as_array) {
            for (k, e) in list.iter().enumerate() {
                let got = (
                    e.get("label").and_then(Value::as_str),
                    e.get("start_offset").and_then(Value::as_u64),
                    e.get("end_offset").and_then(Value::as_u64),
                );
                let (Some(label), Some(start), Some(end)) = got else {
                    log.skip(
                        Some(line),
                        format!(
                            "entity {}: expected \"label\", \"start_offset\" and \"end_offset\"",
                            k + 1
                        ),
                    );
                    continue;
                };
                spans.push(Raw {
                    id: id_text(e.get("id")),
                    label: label.to_owned(),
                    start: start as usize,
                    end: end as usize,
                });
            }
            for (k, r) in v
                .get("relations")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .enumerate()
            {
                let got = (
                    id_text(r.get("from_id")),
                    id_text(r.get("to_id")),
                    r.get("type").and_then(Value::as_str),
                );
                let (Some(from), Some(to), Some(kind)) = got else {
                    log.skip(
                        Some(line),
                        format!(
                            "relation {}: expected \"from_id\", \"to_id\" and \"type\"",
                            k + 1
                        ),
                    );
                    continue;
                };
                let id = id_text(r.get("id")).unwrap_or_else(|| format!("{}", k + 1));
                rels.push((format!("r{id}"), from, to, kind.to_owned()));
            }
        } else {
            let list = v
                .get("label")
                .or_else(|| v.get("labels"))
                .and_then(Value::as_array);
            for (k, triple) in list.into_iter().flatten().enumerate() {
                let t = triple.as_array().map(Vec::as_slice).unwrap_or_default();
                let got = match t {
                    [s, e, l] => s.as_u64().zip(e.as_u64()).zip(l.as_str()),
                    _ => None,
                };
                let Some(((start, end), label)) = got else {
                    log.skip(
                        Some(line),
                        format!(
                            "label {}: expected [start, end, \"LABEL\"], found {triple}",
                            k + 1
                        ),
                    );
                    continue;
                };
                spans.push(Raw {
                    id: None,
                    label: label.to_owned(),
                    start: start as usize,
                    end: end as usize,
                });
            }
        }
        let mut doc = build(line, text, spans, rels, log);
        if let Some(id) = id_text(v.get("id")) {
            doc.set_title(Some(format!("doccano {id}")));
        }
        out.push(doc);
    }
    Ok(out)
}
