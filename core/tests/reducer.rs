//! One test per action of the reducer, named after the behaviour.

use annotator_core::{
    Action, ActionError, AnnotationId, ByteOffset, Document, LabelId, Span, Text,
};
use std::sync::Arc;

const QUOTE: LabelId = LabelId(0);
const DATE: LabelId = LabelId(3);

fn doc(text: &str) -> Document {
    Document::new(Text::new(text), Some("A title".into()))
}

fn span_of(doc: &Document, needle: &str) -> Span {
    let start = doc.text().as_str().find(needle).expect("needle in text");
    Span::new(start, start + needle.len())
}

fn create(doc: &Document, label: LabelId, needle: &str) -> Document {
    doc.apply(&Action::Create {
        label,
        span: span_of(doc, needle),
    })
    .expect("create succeeds")
}

fn texts(doc: &Document) -> Vec<(&str, &str)> {
    doc.annotations()
        .iter()
        .map(|a| {
            (
                doc.label(a.label).unwrap().name.as_str(),
                doc.annotation_text(a),
            )
        })
        .collect()
}

#[test]
fn create_adds_a_labelled_span_with_a_fresh_id() {
    let d0 = doc("She said “we start on March 18” today.");
    let d1 = create(&d0, QUOTE, "“we start on March 18”");
    assert_eq!(texts(&d1), [("quote", "“we start on March 18”")]);
    assert_eq!(d1.annotations()[0].id, AnnotationId("a1".into()));
    assert!(d0.annotations().is_empty(), "the old document is untouched");
}

#[test]
fn create_keeps_overlapping_and_nested_spans_sorted_by_start_then_end() {
    let d = doc("She said “we start on March 18” today.");
    let d = create(&d, DATE, "March 18");
    let d = create(&d, QUOTE, "“we start on March 18”");
    assert_eq!(
        texts(&d),
        [("quote", "“we start on March 18”"), ("date", "March 18")]
    );
    let ids: Vec<&str> = d.annotations().iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a2", "a1"], "ids stay with their annotations");
}

#[test]
fn create_refuses_empty_out_of_range_split_and_duplicate_spans() {
    let d = doc("x 😀 é");
    let err = |span| d.apply(&Action::Create { label: QUOTE, span }).unwrap_err();
    assert_eq!(err(Span::new(1, 1)), ActionError::EmptySpan);
    assert!(matches!(err(Span::new(0, 99)), ActionError::OutOfRange(_)));
    assert!(matches!(
        err(Span::new(2, 4)),
        ActionError::SplitsGrapheme(_)
    ));
    // "e" without its combining accent.
    let e = "x 😀 e\u{301}";
    let d2 = doc(e);
    let at = e.find('e').unwrap();
    assert!(matches!(
        d2.apply(&Action::Create {
            label: QUOTE,
            span: Span::new(at, at + 1)
        }),
        Err(ActionError::SplitsGrapheme(_))
    ));
    let d3 = create(&d, QUOTE, "😀");
    assert_eq!(
        d3.apply(&Action::Create {
            label: QUOTE,
            span: span_of(&d3, "😀")
        }),
        Err(ActionError::Duplicate)
    );
    assert!(matches!(
        d.apply(&Action::Create {
            label: LabelId(99),
            span: Span::new(0, 1)
        }),
        Err(ActionError::UnknownLabel(_))
    ));
}

#[test]
fn delete_removes_only_that_annotation() {
    let d = doc("One two three.");
    let d = create(&d, QUOTE, "One");
    let d = create(&d, DATE, "three");
    let d = d
        .apply(&Action::Delete {
            id: AnnotationId("a1".into()),
        })
        .unwrap();
    assert_eq!(texts(&d), [("date", "three")]);
    assert_eq!(
        d.apply(&Action::Delete {
            id: AnnotationId("a1".into())
        }),
        Err(ActionError::UnknownAnnotation(AnnotationId("a1".into())))
    );
}

#[test]
fn ids_are_never_reused_after_a_delete() {
    let d = doc("One two three.");
    let d = create(&d, QUOTE, "One");
    let d = d
        .apply(&Action::Delete {
            id: AnnotationId("a1".into()),
        })
        .unwrap();
    let d = create(&d, QUOTE, "two");
    assert_eq!(d.annotations()[0].id.as_str(), "a2");
}

#[test]
fn replace_text_keeps_annotations_the_edit_does_not_touch_and_moves_them() {
    let d = doc("Alpha said yes. Beta said no. Gamma said maybe.");
    let d = create(&d, QUOTE, "Alpha");
    let d = create(&d, QUOTE, "Beta said no");
    let d = create(&d, DATE, "Gamma");
    let new = Arc::new(Text::new(
        "Alpha said yes! Beta said NO. The Gamma said maybe.",
    ));
    let plan = d.plan_replace(&new);
    assert_eq!(plan.dropped, [AnnotationId("a2".into())]);
    let d2 = d
        .apply(&Action::ReplaceText {
            text: new,
            title: Some("New".into()),
        })
        .unwrap();
    assert_eq!(texts(&d2), [("quote", "Alpha"), ("date", "Gamma")]);
    assert_eq!(d2.title(), Some("New"));
    assert_eq!(d2.annotations()[1].span.start, ByteOffset(34));
}

#[test]
fn replace_text_with_identical_text_keeps_everything() {
    let d = doc("Same text.");
    let d = create(&d, QUOTE, "Same");
    let same = Arc::new(Text::new("Same text."));
    assert!(d.plan_replace(&same).dropped.is_empty());
    let d2 = d
        .apply(&Action::ReplaceText {
            text: same,
            title: None,
        })
        .unwrap();
    assert_eq!(d2.annotations(), d.annotations());
    assert_eq!(d2.title(), None);
}

#[test]
fn replace_text_drops_a_span_whose_end_an_added_accent_would_split() {
    let d = doc("cafe au lait");
    let d = create(&d, QUOTE, "cafe");
    let plan = d.plan_replace(&Text::new("cafe\u{301} au lait"));
    assert_eq!(plan.dropped.len(), 1);
}

#[test]
fn load_replaces_the_whole_document() {
    let d = create(&doc("One two."), QUOTE, "One");
    let other = doc("Something else entirely.");
    let d2 = d.apply(&Action::Load(Box::new(other.clone()))).unwrap();
    assert_eq!(d2, other);
}

fn id(s: &str) -> annotator_core::AnnotationId {
    AnnotationId(s.into())
}

#[test]
fn relabel_changes_the_label_and_refuses_a_duplicate() {
    let d = create(&doc("One two."), QUOTE, "One");
    let d = d
        .apply(&Action::Relabel {
            id: id("a1"),
            label: DATE,
        })
        .unwrap();
    assert_eq!(texts(&d), [("date", "One")]);
    let d = create(&d, QUOTE, "One");
    assert_eq!(
        d.apply(&Action::Relabel {
            id: id("a2"),
            label: DATE
        }),
        Err(ActionError::Duplicate)
    );
}

#[test]
fn resize_moves_the_ends_and_keeps_the_order() {
    let d = doc("Alpha beta gamma.");
    let d = create(&d, QUOTE, "beta");
    let d = create(&d, DATE, "gamma");
    let d = d
        .apply(&Action::Resize {
            id: id("a1"),
            span: span_of(&d, "beta gamma."),
        })
        .unwrap();
    assert_eq!(texts(&d), [("quote", "beta gamma."), ("date", "gamma")]);
    assert_eq!(
        d.apply(&Action::Resize {
            id: id("a1"),
            span: Span::new(6, 6)
        }),
        Err(ActionError::EmptySpan)
    );
}

#[test]
fn set_note_trims_and_an_empty_note_clears() {
    let d = create(&doc("One two."), QUOTE, "One");
    let d = d
        .apply(&Action::SetNote {
            id: id("a1"),
            note: Some("  check this  ".into()),
        })
        .unwrap();
    assert_eq!(d.annotations()[0].note.as_deref(), Some("check this"));
    let d = d
        .apply(&Action::SetNote {
            id: id("a1"),
            note: Some("   ".into()),
        })
        .unwrap();
    assert_eq!(d.annotations()[0].note, None);
}

fn spec(name: &str, color: &str, key: Option<char>) -> annotator_core::LabelSpec {
    annotator_core::LabelSpec {
        name: name.into(),
        color: color.into(),
        key,
    }
}

#[test]
fn add_update_and_delete_labels() {
    let d = create(&doc("One two."), QUOTE, "One");
    let d = d
        .apply(&Action::AddLabel(spec("source", "#E0E0FF", Some('5'))))
        .unwrap();
    let source = d.label_named("source").unwrap().id;
    assert_eq!(source, LabelId(4));
    assert!(matches!(
        d.apply(&Action::AddLabel(spec("Source", "#FFFFFF", None))),
        Err(ActionError::Label(_))
    ));
    let d = d
        .apply(&Action::UpdateLabel {
            id: QUOTE,
            spec: spec("citation", "#FFF0B0", Some('7')),
        })
        .unwrap();
    assert_eq!(texts(&d), [("citation", "One")]);
    // Deleting a label in use moves its spans, or deletes them with it.
    let moved = d
        .apply(&Action::DeleteLabel {
            id: QUOTE,
            move_to: Some(source),
        })
        .unwrap();
    assert_eq!(texts(&moved), [("source", "One")]);
    let gone = d
        .apply(&Action::DeleteLabel {
            id: QUOTE,
            move_to: None,
        })
        .unwrap();
    assert!(gone.annotations().is_empty());
    assert!(gone.label(QUOTE).is_none());
}

#[test]
fn annotate_all_labels_whole_words_only_and_skips_labelled_places() {
    let d = doc("Ortega spoke. Ortegas and Ortega-Ruiz met Ortega; ORTEGA left.");
    let d = create(&d, DATE, "Ortega spoke");
    let first = d.text().as_str().find("Ortega").unwrap();
    let d = d
        .apply(&Action::Create {
            label: QUOTE,
            span: Span::new(first, first + 6),
        })
        .unwrap();
    let d = d.apply(&Action::AnnotateAll { id: id("a2") }).unwrap();
    let quotes: Vec<usize> = d
        .annotations()
        .iter()
        .filter(|a| a.label == QUOTE)
        .map(|a| a.span.start.0)
        .collect();
    // "Ortega" at 0, in "Ortega-Ruiz" (a hyphen ends a word) and before ";", not "Ortegas" or
    // "ORTEGA".
    assert_eq!(quotes, [0, 26, 42]);
    let again = d.apply(&Action::AnnotateAll { id: id("a2") }).unwrap();
    assert_eq!(
        again.annotations(),
        d.annotations(),
        "nothing new the second time"
    );
}

#[test]
fn a_quote_carries_its_kind_and_cue_through_edits_and_export() {
    use annotator_core::formats::v1;
    use annotator_core::QuoteKind;
    let d = doc("“We start,” she said on Tuesday.");
    let d = create(&d, QUOTE, "“We start,”");
    let cue = span_of(&d, "said");
    let d = d
        .apply(&Action::SetKind {
            id: id("a1"),
            kind: Some(QuoteKind::Direct),
        })
        .unwrap()
        .apply(&Action::SetCue {
            id: id("a1"),
            cue: Some(cue),
        })
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&v1::export_json(&d)).unwrap();
    assert_eq!(v["annotations"][0]["kind"], "direct");
    assert_eq!(
        v["annotations"][0]["cue"],
        serde_json::json!({ "start": 16, "end": 20, "text": "said" })
    );
    assert_eq!(v1::import_json(&v1::export_json(&d)).unwrap(), d);
    // An edit before the cue moves it; an edit inside it drops the cue but keeps the quote.
    let moved = d
        .apply(&Action::ReplaceText {
            text: Arc::new(Text::new("“We start,” she quietly said on Tuesday.")),
            title: None,
        })
        .unwrap();
    let c = moved.annotations()[0].cue.unwrap();
    assert_eq!(moved.text().slice(c), "said");
    let dropped = d
        .apply(&Action::ReplaceText {
            text: Arc::new(Text::new("“We start,” she says on Tuesday.")),
            title: None,
        })
        .unwrap();
    assert_eq!(dropped.annotations().len(), 1);
    assert_eq!(dropped.annotations()[0].cue, None);
    assert!(matches!(
        d.apply(&Action::SetCue {
            id: id("a1"),
            cue: Some(Span::new(3, 3))
        }),
        Err(ActionError::EmptySpan)
    ));
}
