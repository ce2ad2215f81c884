//! Properties over random texts, selections and action sequences.

#![cfg(not(target_arch = "wasm32"))]

use annotator_core::formats::v1;
use annotator_core::{Action, AnnotationId, Document, LabelId, Text, Utf16Offset};
use proptest::prelude::*;
use std::collections::HashSet;

/// Pieces that make text hard: astral emoji, ZWJ sequences, flags, keycaps, combining marks,
/// CJK, right-to-left script, bidi controls, every kind of line break and space.
const PIECES: &[&str] = &[
    "a",
    "word",
    "Ortega",
    " ",
    "  ",
    "\t",
    "\u{a0}",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "😀",
    "👩🏽‍💻",
    "👨‍👩‍👧",
    "🇫🇷",
    "1️⃣",
    "e\u{301}",
    "a\u{300}\u{316}\u{35c}",
    "中文",
    "王秀英",
    "مرحبا بالعالم",
    "שלום",
    "\u{200f}",
    "\u{200b}",
    "“",
    "”",
    "‘",
    "—",
    "…",
    ".",
    ",",
    "2026",
    "한국어",
];

fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

/// Slices a string by code points, as Python and `Array.from` do.
fn cp_slice(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

/// Checks everything an export promises about every annotation.
fn assert_export_exact(doc: &Document) {
    assert!(doc.is_consistent(), "no dangling relation, no bad span");
    let file = v1::to_file(doc);
    let text = &file.document.text;
    assert!(!text.contains('\r'));
    let mut last = (0, 0, String::new());
    let mut ids = HashSet::new();
    for a in &file.annotations {
        assert!(a.start < a.end, "{a:?}");
        assert_eq!(cp_slice(text, a.start, a.end), a.text, "{a:?}");
        let key = (a.start, a.end, a.id.clone());
        assert!(key >= last, "sorted by start, then end");
        last = key;
        assert!(ids.insert(a.id.clone()), "unique ids");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// Any DOM selection maps to nothing or to a valid span whose exported text equals its
    /// code-point slice.
    #[test]
    fn any_selection_maps_to_a_valid_exact_span(
        raw in text_strategy(),
        a in 0usize..400,
        b in 0usize..400,
        words: bool,
        label in 0u32..4,
    ) {
        let text = Text::new(&raw);
        let ix = text.index();
        let (a, b) = (
            ix.byte_from_utf16_floor(Utf16Offset(a)),
            ix.byte_from_utf16_floor(Utf16Offset(b)),
        );
        let doc = Document::new(text.clone(), None);
        if let Some(span) = text.snap(a, b, words) {
            prop_assert!(doc.check_span(span).is_ok(), "{span:?} in {raw:?}");
            let s = text.slice(span);
            prop_assert!(!s.starts_with(char::is_whitespace) && !s.ends_with(char::is_whitespace));
            let doc = doc.apply(&Action::Create { label: LabelId(label), span }).unwrap();
            assert_export_exact(&doc);
        }
    }

    /// Exporting, importing and exporting again gives the same file and the same document.
    #[test]
    fn export_then_import_gives_back_the_same_state(
        raw in text_strategy(),
        picks in prop::collection::vec((0usize..400, 0usize..400, 0u32..4, any::<bool>()), 0..12),
        title in prop::option::of("[A-Za-z ]{0,12}"),
    ) {
        let text = Text::new(&raw);
        let mut doc = Document::new(text.clone(), title);
        for (a, b, label, delete) in picks {
            let ix = text.index();
            let span = text.snap(
                ix.byte_from_utf16_floor(Utf16Offset(a)),
                ix.byte_from_utf16_floor(Utf16Offset(b)),
                true,
            );
            if let Some(span) = span {
                if let Ok(d) = doc.apply(&Action::Create { label: LabelId(label), span }) {
                    doc = d;
                }
            }
            if delete && doc.annotations().len() > 2 {
                let id = doc.annotations()[0].id.clone();
                doc = doc.apply(&Action::Delete { id }).unwrap();
            }
        }
        let json = v1::export_json(&doc);
        let back = v1::import_json(&json).expect("own export imports");
        prop_assert_eq!(v1::export_json(&back), json);
        prop_assert_eq!(back.text(), doc.text());
        prop_assert_eq!(back.annotations(), doc.annotations());
        prop_assert_eq!(back.labels(), doc.labels());
        prop_assert_eq!(back.title(), doc.title());
    }

    /// No sequence of actions leaves an annotation that is empty, out of range, unsorted or
    /// sharing an id, and every replacement keeps only spans whose text is unchanged.
    #[test]
    fn random_action_sequences_keep_the_document_valid(
        texts in prop::collection::vec(text_strategy(), 1..4),
        steps in prop::collection::vec((0u8..3, 0usize..300, 0usize..300, 0u32..5), 0..30),
    ) {
        let mut doc = Document::new(Text::new(&texts[0]), None);
        for (kind, a, b, n) in steps {
            let action = match kind {
                0 => {
                    let ix = doc.text().index();
                    match doc.text().snap(
                        ix.byte_from_utf16_floor(Utf16Offset(a)),
                        ix.byte_from_utf16_floor(Utf16Offset(b)),
                        n.is_multiple_of(2),
                    ) {
                        Some(span) => Action::Create { label: LabelId(n % 4), span },
                        None => continue,
                    }
                }
                1 => match doc.annotations().get(a % (doc.annotations().len() + 1)) {
                    Some(x) => Action::Delete { id: x.id.clone() },
                    None => Action::Delete { id: AnnotationId("missing".into()) },
                },
                _ => {
                    let new = Text::new(&texts[n as usize % texts.len()]);
                    let plan = doc.plan_replace(&new);
                    for k in &plan.kept {
                        let old = doc.annotation(&k.id).unwrap();
                        prop_assert_eq!(new.slice(k.span), doc.annotation_text(old));
                    }
                    Action::ReplaceText { text: new.into(), title: None }
                }
            };
            if let Ok(d) = doc.apply(&action) {
                doc = d;
            }
            assert_export_exact(&doc);
        }
    }
}

/// Builds a random action for `doc` from raw numbers, covering every kind of action.
fn random_action(
    doc: &Document,
    texts: &[String],
    kind: u8,
    a: usize,
    b: usize,
    n: u32,
) -> Option<Action> {
    use annotator_core::LabelSpec;
    let anns = doc.annotations();
    let pick = |i: usize| anns.get(i % anns.len().max(1)).map(|x| x.id.clone());
    let ix = doc.text().index();
    let snapped = doc.text().snap(
        ix.byte_from_utf16_floor(Utf16Offset(a)),
        ix.byte_from_utf16_floor(Utf16Offset(b)),
        n.is_multiple_of(2),
    );
    let labels = doc.labels();
    let label = labels.get(n as usize % labels.len().max(1)).map(|l| l.id);
    Some(match kind % 16 {
        0 | 1 => Action::Create {
            label: label?,
            span: snapped?,
        },
        2 => Action::Delete { id: pick(a)? },
        3 => Action::Relabel {
            id: pick(a)?,
            label: label?,
        },
        4 => Action::Resize {
            id: pick(b)?,
            span: snapped?,
        },
        5 => Action::SetNote {
            id: pick(a)?,
            note: (!n.is_multiple_of(3)).then(|| format!("note {n}")),
        },
        6 => Action::AddLabel(LabelSpec {
            name: format!("label{}", n % 7),
            color: "#E8E8FF".into(),
            key: char::from_digit(5 + n % 5, 10),
        }),
        7 => Action::UpdateLabel {
            id: label?,
            spec: LabelSpec {
                name: format!("renamed{}", n % 5),
                color: "#FFF0D0".into(),
                key: None,
            },
        },
        8 => match n % 3 {
            0 => Action::DeleteLabel {
                id: label?,
                move_to: None,
            },
            1 => Action::DeleteLabel {
                id: label?,
                move_to: labels.first().map(|l| l.id),
            },
            _ => Action::AnnotateAll { id: pick(b)? },
        },
        9 => Action::ReplaceText {
            text: Text::new(&texts[n as usize % texts.len()]).into(),
            title: Some(format!("t{n}")),
        },
        10 => Action::Attribute {
            from: pick(a)?,
            to: pick(b)?,
        },
        11 => Action::AttributeNew {
            from: pick(a)?,
            span: snapped?,
        },
        12 => Action::LinkSame {
            a: pick(a)?,
            b: pick(b)?,
        },
        _ => match n % 2 {
            0 => Action::Unlink { id: pick(a)? },
            _ => Action::Unattribute { from: pick(b)? },
        },
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any sequence of actions followed by as many undos gives back the initial state, and as
    /// many redos then give back the final one.
    #[test]
    fn undo_all_then_redo_all_round_trips(
        texts in prop::collection::vec(text_strategy(), 1..4),
        steps in prop::collection::vec((0u8..16, 0usize..300, 0usize..300, 0u32..50), 0..40),
    ) {
        let start = Document::new(Text::new(&texts[0]), None);
        let mut doc = start.clone();
        let mut history = annotator_core::History::default();
        let mut states = vec![doc.clone()];
        for (kind, a, b, n) in steps {
            let Some(action) = random_action(&doc, &texts, kind, a, b, n) else { continue };
            if let Ok(next) = history.apply(&doc, &action) {
                if next != doc {
                    states.push(next.clone());
                }
                doc = next;
            }
            assert_export_exact(&doc);
        }
        prop_assert_eq!(history.undo_len(), states.len() - 1);
        let end = doc.clone();
        for expected in states.iter().rev().skip(1) {
            let (d, _) = history.undo(&doc).expect("a step to undo");
            prop_assert_eq!(&d, expected);
            doc = d;
        }
        prop_assert!(history.undo(&doc).is_none());
        prop_assert_eq!(&doc, &start);
        for expected in states.iter().skip(1) {
            let (d, _) = history.redo(&doc).expect("a step to redo");
            prop_assert_eq!(&d, expected);
            doc = d;
        }
        prop_assert_eq!(doc, end);
    }
}
