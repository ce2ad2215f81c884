//! The v1 importer: what it accepts, and a precise refusal for each kind of bad file.

use annotator_core::formats::v1::{export_json, import_json};
use annotator_core::{Action, Document, ImportError, LabelId, Span, Text};
use serde_json::{json, Value};

fn sample_file() -> Value {
    json!({
        "format": "article-annotator",
        "version": 1,
        "document": { "title": "T", "text": "Hi 😀 “there”, said Ortega." },
        "labels": [
            { "name": "quote", "color": "#FFE08A", "key": "1" },
            { "name": "speaker", "color": "#A8D8FF", "key": null }
        ],
        "annotations": [
            { "id": "a1", "label": "quote", "start": 5, "end": 12, "text": "“there”" },
            { "id": "x", "label": "speaker", "start": 19, "end": 25, "text": "Ortega", "note": "minister" }
        ],
        "relations": [ { "id": "r1", "type": "attributed_to", "from": "a1", "to": "x" } ]
    })
}

fn import(v: &Value) -> Result<Document, ImportError> {
    import_json(&v.to_string())
}

#[test]
fn a_valid_file_imports_with_code_point_offsets() {
    let doc = import(&sample_file()).unwrap();
    let texts: Vec<&str> = doc
        .annotations()
        .iter()
        .map(|a| doc.annotation_text(a))
        .collect();
    assert_eq!(texts, ["“there”", "Ortega"]);
    assert_eq!(doc.annotations()[1].note.as_deref(), Some("minister"));
    assert_eq!(doc.relations().len(), 1);
    // New ids continue after the highest aN in the file.
    let d2 = doc
        .apply(&Action::Create {
            label: LabelId(0),
            span: Span::new(0, 2),
        })
        .unwrap();
    assert!(d2.annotations().iter().any(|a| a.id.as_str() == "a2"));
}

#[test]
fn export_writes_the_documented_shape() {
    let doc = Document::new(Text::new("On March 18 and 19."), None);
    let doc = doc
        .apply(&Action::Create {
            label: LabelId(3),
            span: Span::new(3, 18),
        })
        .unwrap();
    let v: Value = serde_json::from_str(&export_json(&doc)).unwrap();
    assert_eq!(
        v,
        json!({
            "format": "article-annotator",
            "version": 1,
            "document": { "title": null, "text": "On March 18 and 19." },
            "labels": [
                { "name": "quote", "color": "#FFE08A", "key": "1" },
                { "name": "speaker", "color": "#A8D8FF", "key": "2" },
                { "name": "claim", "color": "#FFB8C6", "key": "3" },
                { "name": "date", "color": "#B9EDB0", "key": "4" }
            ],
            "annotations": [
                { "id": "a1", "label": "date", "start": 3, "end": 18, "text": "March 18 and 19" }
            ],
            "relations": []
        })
    );
}

fn broken(edit: impl FnOnce(&mut Value)) -> ImportError {
    let mut v = sample_file();
    edit(&mut v);
    import(&v).unwrap_err()
}

#[test]
fn each_kind_of_bad_file_gets_its_own_message() {
    assert!(matches!(
        import_json("{not json"),
        Err(ImportError::Json(_))
    ));
    assert_eq!(
        broken(|v| v["format"] = json!("brat")),
        ImportError::WrongFormat("brat".into())
    );
    assert_eq!(
        broken(|v| v["version"] = json!(2)),
        ImportError::WrongVersion(2)
    );
    assert!(matches!(
        broken(|v| v["annotations"][0]["start"] = json!("5")),
        ImportError::Json(_)
    ));
    assert!(matches!(
        broken(|v| v["document"]["text"] = json!("a\r\nb")),
        ImportError::Json(_)
    ));
    assert_eq!(
        broken(|v| v["labels"][1]["name"] = json!("quote")),
        ImportError::DuplicateLabel("quote".into())
    );
    assert!(matches!(
        broken(|v| v["labels"][0]["color"] = json!("yellow")),
        ImportError::BadColor { .. }
    ));
    assert!(matches!(
        broken(|v| v["labels"][0]["key"] = json!("12")),
        ImportError::BadKey { .. }
    ));
    assert_eq!(
        broken(|v| v["annotations"][1]["id"] = json!("a1")),
        ImportError::DuplicateId("a1".into())
    );
    assert!(matches!(
        broken(|v| v["annotations"][0]["label"] = json!("nope")),
        ImportError::UnknownLabel { .. }
    ));
    for (s, e) in [(12, 5), (5, 5), (5, 999)] {
        assert!(matches!(
            broken(|v| {
                v["annotations"][0]["start"] = json!(s);
                v["annotations"][0]["end"] = json!(e);
            }),
            ImportError::BadOffsets { .. }
        ));
    }
    // Offsets counted in UTF-16 units (one too many after the emoji) are caught by the text check.
    let err = broken(|v| {
        v["annotations"][0]["start"] = json!(6);
        v["annotations"][0]["end"] = json!(13);
    });
    assert!(matches!(err, ImportError::TextMismatch { .. }), "{err:?}");
    assert!(err.to_string().contains("a1"));
    assert!(matches!(
        broken(|v| v["relations"][0]["to"] = json!("ghost")),
        ImportError::DanglingRelation { field: "to", .. }
    ));
}
