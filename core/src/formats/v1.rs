//! The article-annotator file format, version 1: its own serialised types, kept apart from the
//! domain model so the file can stay stable while the model changes. Offsets in the file count
//! Unicode code points; see `docs/format.md`.

use crate::document::{Annotation, AnnotationId, Document, Relation};
use crate::error::ImportError;
use crate::label::{is_hex_color, Label, LabelId};
use crate::offset::CharOffset;
use crate::text::Text;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The value of the file's `format` field.
pub const FORMAT: &str = "article-annotator";
/// The version this module writes and reads.
pub const VERSION: u64 = 1;

/// A whole v1 file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileV1 {
    /// Always `article-annotator`.
    pub format: String,
    /// Always 1.
    pub version: u64,
    /// The article.
    pub document: DocumentV1,
    /// The label set.
    pub labels: Vec<LabelV1>,
    /// The spans, sorted by start, then end, then id.
    pub annotations: Vec<AnnotationV1>,
    /// Links between annotations.
    pub relations: Vec<RelationV1>,
}

/// The article in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentV1 {
    /// The title, or null.
    pub title: Option<String>,
    /// The whole text, LF line endings.
    pub text: String,
}

/// A label in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelV1 {
    /// Unique name.
    pub name: String,
    /// `#RRGGBB`.
    pub color: String,
    /// One character, or null.
    pub key: Option<String>,
}

/// An annotation in a file; `start` and `end` count code points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnotationV1 {
    /// Stable unique id.
    pub id: String,
    /// A label name from `labels`.
    pub label: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The text between them, for checking.
    pub text: String,
    /// A free-text note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A relation in a file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RelationV1 {
    /// Stable unique id.
    pub id: String,
    /// The kind of link.
    #[serde(rename = "type")]
    pub kind: String,
    /// Annotation id the link starts at.
    pub from: String,
    /// Annotation id the link points to.
    pub to: String,
}

/// The file form of a document.
pub fn to_file(doc: &Document) -> FileV1 {
    let text = doc.text();
    let label_name = |id: LabelId| doc.label(id).map_or_else(String::new, |l| l.name.clone());
    FileV1 {
        format: FORMAT.to_owned(),
        version: VERSION,
        document: DocumentV1 {
            title: doc.title().map(str::to_owned),
            text: text.as_str().to_owned(),
        },
        labels: doc
            .labels()
            .iter()
            .map(|l| LabelV1 {
                name: l.name.clone(),
                color: l.color.clone(),
                key: l.key.map(String::from),
            })
            .collect(),
        annotations: doc
            .annotations()
            .iter()
            .map(|a| {
                let (start, end) = text.chars_of(a.span);
                AnnotationV1 {
                    id: a.id.0.clone(),
                    label: label_name(a.label),
                    start: start.0,
                    end: end.0,
                    text: text.slice(a.span).to_owned(),
                    note: a.note.clone(),
                }
            })
            .collect(),
        relations: doc
            .relations()
            .iter()
            .map(|r| RelationV1 {
                id: r.id.clone(),
                kind: r.kind.clone(),
                from: r.from.0.clone(),
                to: r.to.0.clone(),
            })
            .collect(),
    }
}

/// The document as v1 JSON, pretty-printed, ending in a newline.
pub fn export_json(doc: &Document) -> String {
    let mut s = serde_json::to_string_pretty(&to_file(doc)).expect("a v1 file always serialises");
    s.push('\n');
    s
}

/// Reads a v1 JSON file into a document, checking everything JSON Schema cannot.
pub fn import_json(json: &str) -> Result<Document, ImportError> {
    // Check the envelope first so a wrong format or version gets its own message.
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| ImportError::Json(e.to_string()))?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        Some(other) => return Err(ImportError::WrongFormat(other.to_owned())),
        None => return Err(ImportError::Json("missing field `format`".to_owned())),
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(VERSION) => {}
        Some(v) => return Err(ImportError::WrongVersion(v)),
        None => {
            return Err(ImportError::Json(
                "missing or non-integer field `version`".to_owned(),
            ))
        }
    }
    let file: FileV1 =
        serde_json::from_value(value).map_err(|e| ImportError::Json(e.to_string()))?;
    from_file(file)
}

/// Turns a parsed v1 file into a document.
pub fn from_file(file: FileV1) -> Result<Document, ImportError> {
    if file.document.text.contains('\r') {
        // Files we write never hold CR; one that does has offsets meant for its own line endings,
        // which normalising would shift, so it is refused rather than silently moved.
        return Err(ImportError::Json(
            "document.text holds a carriage return (CR); version 1 files use LF line endings"
                .to_owned(),
        ));
    }
    let text = Text::from_normalized(file.document.text);
    let mut labels = Vec::with_capacity(file.labels.len());
    let mut by_name = HashMap::new();
    for (i, l) in file.labels.into_iter().enumerate() {
        if !is_hex_color(&l.color) {
            return Err(ImportError::BadColor {
                name: l.name,
                color: l.color,
            });
        }
        let key = match l.key.as_deref().map(|k| {
            let mut c = k.chars();
            (c.next(), c.next())
        }) {
            None => None,
            Some((Some(c), None)) => Some(c),
            Some(_) => {
                return Err(ImportError::BadKey {
                    name: l.name,
                    key: l.key.unwrap_or_default(),
                })
            }
        };
        let id = LabelId(i as u32);
        if by_name.insert(l.name.clone(), id).is_some() {
            return Err(ImportError::DuplicateLabel(l.name));
        }
        labels.push(Label {
            id,
            name: l.name,
            color: l.color,
            key,
        });
    }
    let len = text.index().len_chars().0;
    let mut seen = HashSet::new();
    let mut annotations = Vec::with_capacity(file.annotations.len());
    let mut max_n = 0u64;
    for a in file.annotations {
        if !seen.insert(a.id.clone()) {
            return Err(ImportError::DuplicateId(a.id));
        }
        let Some(&label) = by_name.get(&a.label) else {
            return Err(ImportError::UnknownLabel {
                id: a.id,
                label: a.label,
            });
        };
        let span = (a.start < a.end)
            .then(|| text.span_from_chars(CharOffset(a.start), CharOffset(a.end)))
            .flatten()
            .ok_or_else(|| ImportError::BadOffsets {
                id: a.id.clone(),
                start: a.start,
                end: a.end,
                len,
            })?;
        let found = text.slice(span);
        if found != a.text {
            return Err(ImportError::TextMismatch {
                id: a.id,
                start: a.start,
                end: a.end,
                expected: a.text,
                found: found.to_owned(),
            });
        }
        if let Some(n) = a.id.strip_prefix('a').and_then(|n| n.parse::<u64>().ok()) {
            max_n = max_n.max(n);
        }
        annotations.push(Annotation {
            id: AnnotationId(a.id),
            label,
            span,
            note: a.note,
        });
    }
    let mut relations = Vec::with_capacity(file.relations.len());
    for r in file.relations {
        for (field, target) in [("from", &r.from), ("to", &r.to)] {
            if !seen.contains(target) {
                return Err(ImportError::DanglingRelation {
                    id: r.id.clone(),
                    field,
                    target: target.clone(),
                });
            }
        }
        relations.push(Relation {
            id: r.id,
            kind: r.kind,
            from: AnnotationId(r.from),
            to: AnnotationId(r.to),
        });
    }
    let mut doc = Document {
        title: crate::document::clean_title(file.document.title),
        text: Arc::new(text),
        labels,
        annotations,
        relations,
        next_id: max_n.saturating_add(1),
    };
    doc.sort_annotations();
    Ok(doc)
}
