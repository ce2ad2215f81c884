//! Label Studio tasks JSON: an array with one task holding the text and one annotation whose
//! `result` lists every span (`labels` regions) and relation. Offsets count Unicode code points,
//! as Python slices the text; see `docs/formats.md` for the caveat about Label Studio's frontend.
//!
//! The results name the control `label` and the object `text`; [`config`] writes a labeling
//! configuration with those names and the document's labels and relation types.

use crate::document::Document;
use serde_json::{json, Value};

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
    kinds.sort_unstable();
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

/// Reads Label Studio JSON (stub).
pub fn read(
    _json: &str,
    _log: &mut crate::formats::import::Log,
) -> Result<Vec<(Document, Vec<crate::formats::import::Suggested>)>, String> {
    Err("Label Studio import is not written yet".to_owned())
}

/// True for a JSON-MIN item (stub).
pub fn is_min(_v: &Value) -> bool {
    false
}
