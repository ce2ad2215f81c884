//! Label Studio tasks JSON: an array with one task holding the text and one annotation whose
//! `result` lists every span (`labels` regions) and relation. Offsets count Unicode code points,
//! as Python slices the text; see `docs/formats.md` for the caveat about Label Studio's frontend.
//!
//! The results name the control `label` and the object `text`; [`config`] writes a labeling
//! configuration with those names and the document's labels and relation types.

use crate::document::{Annotation, AnnotationId, Document, Relation};
use crate::formats::import::{
    assemble, choose_unit, span_in, why_not_span, LabelSet, Log, Suggested, Unit,
};
use crate::offset::Span;
use crate::text::Text;
use serde_json::{json, Value};
use std::collections::HashMap;

/// The `from_name` of every span region: the name of the `<Labels>` control in [`config`].
pub const FROM_NAME: &str = "label";
/// The `to_name` of every region: the name of the `<Text>` object in [`config`].
pub const TO_NAME: &str = "text";

/// The tasks file as a JSON value.
pub fn to_value(doc: &Document) -> Value {
    let text = doc.text();
    let mut result: Vec<Value> = doc
        .annotations()
        .iter()
        .map(|a| {
            let (start, end) = text.chars_of(a.span);
            let label = doc.label(a.label).map_or("", |l| l.name.as_str());
            let mut region = json!({
                "id": a.id.as_str(),
                "from_name": FROM_NAME,
                "to_name": TO_NAME,
                "type": "labels",
                "value": {
                    "start": start.0,
                    "end": end.0,
                    "text": text.slice(a.span),
                    "labels": [label],
                },
            });
            if let Some(note) = &a.note {
                // Label Studio keeps a region's free-text "meta" as a list of strings.
                region["meta"] = json!({ "text": [note] });
            }
            region
        })
        .collect();
    result.extend(doc.relations().iter().map(|r| {
        json!({
            "type": "relation",
            "from_id": r.from.as_str(),
            "to_id": r.to.as_str(),
            "direction": "right",
            "labels": [r.kind],
        })
    }));
    let mut data = json!({ "text": text.as_str() });
    if let Some(title) = doc.title() {
        data["title"] = Value::String(title.to_owned());
    }
    json!([{ "data": data, "annotations": [{ "result": result }] }])
}

/// The tasks file, pretty-printed, ending in a newline.
pub fn export(doc: &Document) -> String {
    let mut s =
        serde_json::to_string_pretty(&to_value(doc)).expect("a JSON value always serialises");
    s.push('\n');
    s
}

/// Escapes text for an XML attribute value.
fn xml_attr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

/// A Label Studio labeling configuration matching [`export`]: a `<Labels>` control named
/// `label` with one `<Label>` per label (with its colour), the `<Text>` object named `text`, and
/// a `<Relations>` block with the document's relation types (if it has any).
pub fn config(doc: &Document) -> String {
    let mut out = String::from("<View>\n");
    out.push_str(&format!(
        "  <Labels name=\"{FROM_NAME}\" toName=\"{TO_NAME}\">\n"
    ));
    for l in doc.labels() {
        out.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            xml_attr(&l.name),
            xml_attr(&l.color)
        ));
    }
    out.push_str("  </Labels>\n");
    out.push_str(&format!(
        "  <Text name=\"{TO_NAME}\" value=\"${TO_NAME}\"/>\n"
    ));
    let mut kinds: Vec<&str> = doc.relations().iter().map(|r| r.kind.as_str()).collect();
    crate::sort::sort(&mut kinds);
    kinds.dedup();
    if !kinds.is_empty() {
        out.push_str("  <Relations>\n");
        for k in kinds {
            out.push_str(&format!("    <Relation value=\"{}\"/>\n", xml_attr(k)));
        }
        out.push_str("  </Relations>\n");
    }
    out.push_str("</View>\n");
    out
}

/// One span region as read, before its offsets are checked.
struct Region {
    id: Option<String>,
    label: String,
    start: usize,
    end: usize,
    text: Option<String>,
    note: Option<String>,
}

/// The label regions of a `result` list, and its relations `(from, to, type)`; other region
/// types are counted in `other`.
fn regions(
    result: &[Value],
    other: &mut HashMap<String, usize>,
) -> (Vec<Region>, Vec<(String, String, String)>) {
    let mut spans = Vec::new();
    let mut rels = Vec::new();
    for r in result {
        let kind = r.get("type").and_then(Value::as_str).unwrap_or_default();
        if kind == "relation" {
            let (Some(from), Some(to)) = (
                r.get("from_id").and_then(Value::as_str),
                r.get("to_id").and_then(Value::as_str),
            ) else {
                continue;
            };
            let label = r
                .get("labels")
                .and_then(Value::as_array)
                .and_then(|l| l.first())
                .and_then(Value::as_str)
                .unwrap_or("relation")
                .to_owned();
            let (from, to) = match r.get("direction").and_then(Value::as_str) {
                Some("left") => (to, from),
                _ => (from, to),
            };
            rels.push((from.to_owned(), to.to_owned(), label));
            continue;
        }
        let value = r.get("value").unwrap_or(&Value::Null);
        let labels = value
            .get("labels")
            .or_else(|| value.get("hypertextlabels"))
            .and_then(Value::as_array);
        let (Some(start), Some(end), Some(labels)) = (
            value.get("start").and_then(Value::as_u64),
            value.get("end").and_then(Value::as_u64),
            labels,
        ) else {
            *other.entry(kind.to_owned()).or_default() += 1;
            continue;
        };
        let note = r
            .get("meta")
            .and_then(|m| m.get("text"))
            .and_then(|t| match t {
                Value::Array(a) => Some(
                    a.iter()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                Value::String(s) => Some(s.clone()),
                _ => None,
            })
            .filter(|n| !n.is_empty());
        for (k, label) in labels.iter().filter_map(Value::as_str).enumerate() {
            let id = r.get("id").and_then(Value::as_str).map(|id| {
                if k == 0 {
                    id.to_owned()
                } else {
                    format!("{id}-{}", k + 1)
                }
            });
            spans.push(Region {
                id,
                label: label.to_owned(),
                start: start as usize,
                end: end as usize,
                text: value.get("text").and_then(Value::as_str).map(str::to_owned),
                note: note.clone(),
            });
        }
    }
    (spans, rels)
}

/// True for an item of a JSON-MIN export: a flat object with some list of regions holding
/// `start`, `end` and `labels`.
pub fn is_min(v: &Value) -> bool {
    min_regions(v).is_some()
}

/// The name and regions of a JSON-MIN item's label field.
fn min_regions(v: &Value) -> Option<(&str, &Vec<Value>)> {
    v.as_object()?.iter().find_map(|(k, x)| {
        let list = x.as_array()?;
        let first = list.first()?;
        (first.get("start").is_some() && first.get("labels").is_some())
            .then_some((k.as_str(), list))
    })
}

/// The text of a task's data: `text` when it is a string, else its longest string field.
fn task_text(data: &Value) -> Option<&str> {
    if let Some(t) = data.get("text").and_then(Value::as_str) {
        return Some(t);
    }
    data.as_object()?
        .values()
        .filter_map(Value::as_str)
        .max_by_key(|s| s.len())
}

/// Reads Label Studio JSON: a full export (an array of tasks with `data`, `annotations` and
/// `predictions`), one task, or a JSON-MIN export (flat items with the text and a list of
/// regions). Each task is an article: its first annotation that was not cancelled gives the
/// annotations and relations (a region's `meta.text` its note), every prediction gives
/// suggestions. Offsets count code points (UTF-16 is detected and converted); a region whose
/// `text` is not at its offsets is skipped and listed.
pub fn read(json: &str, log: &mut Log) -> Result<Vec<(Document, Vec<Suggested>)>, String> {
    let v: Value = serde_json::from_str(json).map_err(|e| format!("not valid JSON: {e}"))?;
    let tasks: Vec<&Value> = match &v {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    };
    let mut out = Vec::new();
    let mut other: HashMap<String, usize> = HashMap::new();
    for (n, task) in tasks.into_iter().enumerate() {
        let n = n + 1;
        // The title our export writes beside the text (`data.title`), read back.
        let title = task
            .get("data")
            .filter(|d| d.get("text").is_some_and(Value::is_string))
            .and_then(|d| d.get("title"))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        let (text, regs, rels, predicted) = if let Some(data) = task.get("data") {
            let Some(text) = task_text(data) else {
                log.skip(None, format!("task {n}: its data holds no text"));
                continue;
            };
            let anns: Vec<&Value> = task
                .get("annotations")
                .or_else(|| task.get("completions"))
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter(|x| x.get("was_cancelled").and_then(Value::as_bool) != Some(true))
                        .collect()
                })
                .unwrap_or_default();
            if anns.len() > 1 {
                log.notice(
                    None,
                    format!(
                        "task {n}: {} more annotations (by other annotators) are not read; the \
                         first is",
                        anns.len() - 1
                    ),
                );
            }
            let result = |x: &Value| {
                x.get("result")
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default()
            };
            let (regs, rels) = anns
                .first()
                .map(|a| regions(&result(a), &mut other))
                .unwrap_or_default();
            let mut predicted = Vec::new();
            for p in task
                .get("predictions")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                predicted.extend(regions(&result(p), &mut other).0);
            }
            (text, regs, rels, predicted)
        } else if let Some((_, list)) = min_regions(task) {
            let Some(text) = task_text(task) else {
                log.skip(None, format!("item {n}: it holds no text"));
                continue;
            };
            let regs = list
                .iter()
                .filter_map(|r| {
                    Some(Region {
                        id: None,
                        label: r.get("labels")?.as_array()?.first()?.as_str()?.to_owned(),
                        start: r.get("start")?.as_u64()? as usize,
                        end: r.get("end")?.as_u64()? as usize,
                        text: r.get("text").and_then(Value::as_str).map(str::to_owned),
                        note: None,
                    })
                })
                .collect();
            (text, regs, Vec::new(), Vec::new())
        } else if let Some(text) = task.get("text").and_then(Value::as_str) {
            (text, Vec::new(), Vec::new(), Vec::new())
        } else {
            log.skip(None, format!("item {n}: not a Label Studio task (no data)"));
            continue;
        };
        let (mut doc, suggested) = build(n, text, regs, rels, predicted, log);
        if title.is_some() {
            doc.set_title(title);
        }
        out.push((doc, suggested));
    }
    let mut other: Vec<_> = other.into_iter().collect();
    crate::sort::sort(&mut other);
    for (kind, count) in other {
        log.notice(
            None,
            format!("{count} results of type \"{kind}\" are not kept: the app reads text spans"),
        );
    }
    Ok(out)
}

/// One task's document and suggestions.
fn build(
    n: usize,
    raw: &str,
    regs: Vec<Region>,
    rels: Vec<(String, String, String)>,
    predicted: Vec<Region>,
    log: &mut Log,
) -> (Document, Vec<Suggested>) {
    let text = Text::new(raw);
    if raw.contains('\r') {
        log.notice(
            None,
            format!("task {n}: line endings became LF; offsets after a CRLF may be off"),
        );
    }
    let fits = |unit: Unit| {
        regs.iter()
            .chain(&predicted)
            .filter(|r| {
                span_in(&text, unit, r.start, r.end)
                    .is_some_and(|sp| r.text.as_deref().is_none_or(|t| text.slice(sp) == t))
            })
            .count()
    };
    let unit = choose_unit(&text, log, fits);
    let mut set = LabelSet::default();
    let place = |r: &Region, what: &str, log: &mut Log| -> Option<Span> {
        let name =
            r.id.as_deref()
                .map_or_else(String::new, |id| format!(" \"{id}\""));
        let Some(sp) = span_in(&text, unit, r.start, r.end).filter(|s| !s.is_empty()) else {
            let why = if r.start == r.end {
                "the span is empty".to_owned()
            } else {
                why_not_span(&text, unit, r.start, r.end)
            };
            log.skip(None, format!("task {n}, {what}{name}: {why}"));
            return None;
        };
        if let Some(t) = r.text.as_deref().filter(|t| text.slice(sp) != *t) {
            log.skip(
                None,
                format!(
                    "task {n}, {what}{name}: text \"{t}\" does not match the text at {}..{} (\"{}\")",
                    r.start,
                    r.end,
                    text.slice(sp)
                ),
            );
            return None;
        }
        Some(sp)
    };
    let mut annotations: Vec<Annotation> = Vec::new();
    for (k, r) in regs.iter().enumerate() {
        let Some(span) = place(r, "region", log) else {
            continue;
        };
        let mut id = r.id.clone().unwrap_or_else(|| format!("r{}", k + 1));
        if annotations.iter().any(|a| a.id.as_str() == id) {
            id = format!("{id}-{}", k + 1);
        }
        annotations.push(Annotation {
            id: AnnotationId(id.into()),
            label: set.get(&r.label),
            span,
            note: r.note.clone(),
            kind: None,
            cue: None,
        });
    }
    let mut relations = Vec::new();
    for (k, (from, to, kind)) in rels.into_iter().enumerate() {
        let known = |x: &str| annotations.iter().any(|a| a.id.as_str() == x);
        if !known(&from) || !known(&to) {
            log.skip(
                None,
                format!(
                    "task {n}: relation {from} → {to} ({kind}) names a region that is not there"
                ),
            );
            continue;
        }
        relations.push(Relation::new(format!("r{}", k + 1), kind, &from, &to));
    }
    let mut suggestions: Vec<Suggested> = Vec::new();
    for r in &predicted {
        if let Some(span) = place(r, "prediction", log) {
            let s = Suggested {
                label: set.get(&r.label),
                span,
            };
            if !suggestions.contains(&s) {
                suggestions.push(s);
            }
        }
    }
    let doc = assemble(text, None, set.into_labels(), annotations, relations);
    (doc, suggestions)
}
