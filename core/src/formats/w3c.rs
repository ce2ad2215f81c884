//! The W3C Web Annotation Data Model (JSON-LD): one `AnnotationCollection` per document.
//!
//! Each annotation is a `tagging` annotation whose body is its label name (and, when it has a
//! note, a second, `commenting` body) and whose target is the document, selected twice: by a
//! `TextQuoteSelector` (the exact text with up to [`CONTEXT`] code points either side) and by a
//! `TextPositionSelector` (code points). A relation is a `linking` annotation whose target is its
//! `from` annotation and whose body is its `to` annotation plus a `tagging` body naming its type.
//! Identifiers are URNs, never network addresses.

use crate::document::Document;
use crate::slug::slug;
use serde_json::{json, Value};

/// The JSON-LD context of the Web Annotation vocabulary.
pub const CONTEXT_IRI: &str = "http://www.w3.org/ns/anno.jsonld";
/// The most code points a `TextQuoteSelector` keeps as `prefix` and as `suffix`.
pub const CONTEXT: usize = 32;

/// Percent-encodes everything but ASCII letters, digits and `-._~`, so an id is a valid URN part.
fn urn_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The URN of the document: `urn:article-annotator:<slug>`.
pub fn document_urn(doc: &Document) -> String {
    format!(
        "urn:article-annotator:{}",
        slug(doc.title(), doc.text().as_str())
    )
}

/// The document's annotations as a W3C `AnnotationCollection`, pretty-printed JSON-LD ending in
/// a newline. Positions count Unicode code points (see `docs/formats.md`).
pub fn export(doc: &Document) -> String {
    let mut s =
        serde_json::to_string_pretty(&to_value(doc)).expect("a JSON value always serialises");
    s.push('\n');
    s
}

/// The collection as a JSON value.
pub fn to_value(doc: &Document) -> Value {
    let source = document_urn(doc);
    let text = doc.text();
    let s = text.as_str();
    let items: Vec<Value> = doc
        .annotations()
        .iter()
        .map(|a| {
            let (start, end) = text.chars_of(a.span);
            let before = &s[..a.span.start.0];
            let mut prefix: Vec<char> = before.chars().rev().take(CONTEXT).collect();
            prefix.reverse();
            let suffix: String = s[a.span.end.0..].chars().take(CONTEXT).collect();
            let label = doc.label(a.label).map_or("", |l| l.name.as_str());
            let mut body = vec![json!({
                "type": "TextualBody",
                "purpose": "tagging",
                "value": label,
            })];
            if let Some(note) = &a.note {
                body.push(json!({
                    "type": "TextualBody",
                    "purpose": "commenting",
                    "value": note,
                    "format": "text/plain",
                }));
            }
            json!({
                "id": format!("{source}:{}", urn_part(a.id.as_str())),
                "type": "Annotation",
                "motivation": "tagging",
                "body": body,
                "target": {
                    "source": source,
                    "selector": [
                        {
                            "type": "TextQuoteSelector",
                            "exact": text.slice(a.span),
                            "prefix": prefix.into_iter().collect::<String>(),
                            "suffix": suffix,
                        },
                        {
                            "type": "TextPositionSelector",
                            "start": start.0,
                            "end": end.0,
                        }
                    ]
                }
            })
        })
        .collect();
    let links = doc.relations().iter().map(|r| {
        json!({
            "id": format!("{source}:relation:{}", urn_part(&r.id)),
            "type": "Annotation",
            "motivation": "linking",
            "body": [
                { "id": format!("{source}:{}", urn_part(r.to.as_str())) },
                { "type": "TextualBody", "purpose": "tagging", "value": r.kind },
            ],
            "target": format!("{source}:{}", urn_part(r.from.as_str())),
        })
    });
    let items: Vec<Value> = items.into_iter().chain(links).collect();
    let mut collection = json!({
        "@context": CONTEXT_IRI,
        "id": format!("{source}#annotations"),
        "type": "AnnotationCollection",
        "total": items.len(),
        "first": {
            "id": format!("{source}#annotations-page-1"),
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        }
    });
    if let Some(title) = doc.title() {
        collection["label"] = Value::String(title.to_owned());
    }
    collection
}

/// True for a W3C annotation, collection or page (stub).
pub fn looks_like_w3c(_v: &Value) -> bool {
    false
}

/// Reads W3C (stub).
pub fn read(
    _json: &str,
    _text: &str,
    _log: &mut crate::formats::import::Log,
) -> Result<Document, String> {
    Err("W3C import is not written yet".to_owned())
}
