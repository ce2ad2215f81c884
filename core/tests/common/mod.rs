//! Generators and checks shared by the property tests and the long fuzz runs.

#![allow(dead_code)]

use annotator_core::formats::v1;
use annotator_core::{Action, Document, Text, Utf16Offset};
use proptest::prelude::*;
use std::collections::HashSet;

pub mod brat_conf;

/// Pieces that make text hard: astral emoji, ZWJ sequences, flags, keycaps, combining marks,
/// CJK, right-to-left script, bidi controls, every kind of line break and space.
pub const PIECES: &[&str] = &[
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

pub fn text_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

/// Slices a string by code points, as Python and `Array.from` do.
pub fn cp_slice(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

/// Checks everything an export promises about every annotation.
pub fn assert_export_exact(doc: &Document) {
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

/// Builds a random action for `doc` from raw numbers, covering every kind of action.
pub fn random_action(
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
