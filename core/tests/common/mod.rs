//! Generators and checks shared by the property tests and the long fuzz runs.

#![allow(dead_code)]

use annotator_core::formats::v1;
use annotator_core::{Action, Document, Text, Utf16Offset};
use proptest::prelude::*;
use std::collections::HashSet;

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

/// What an `.ann` uses that its brat `annotation.conf` does not declare, each as
/// `"<what> <name>"` (empty when brat would accept every line), read here apart from the crate's
/// writer: `T` types among the entities (or the events, for a trigger), `R` types among the
/// relations, `E` types among the events with each role (repeats numbered, `Source2`) among the
/// event's roles, `A`/`M` names among the attributes with their value among its values. Also
/// names declared twice in one section.
pub fn undeclared_brat_types(conf: &str, ann: &str) -> Vec<String> {
    use std::collections::HashMap;
    let mut section = "";
    let mut entities = HashSet::new();
    let mut relations = HashSet::new();
    let mut events: HashMap<String, HashSet<String>> = HashMap::new();
    let mut attributes: HashMap<String, HashSet<String>> = HashMap::new();
    let mut out = Vec::new();
    for line in conf.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            section = match line {
                "[entities]" => "entities",
                "[relations]" => "relations",
                "[events]" => "events",
                "[attributes]" => "attributes",
                other => {
                    out.push(format!("section {other}"));
                    ""
                }
            };
            continue;
        }
        let (name, args) = line.split_once('\t').unwrap_or((line, ""));
        let name = name.trim().to_owned();
        let fresh = match section {
            "entities" => entities.insert(name.clone()),
            "relations" => name == "<OVERLAP>" || relations.insert(name.clone()),
            "events" => {
                let roles = args
                    .split(',')
                    .filter_map(|a| a.trim().split_once(':'))
                    .map(|(role, _)| role.trim_end_matches(['*', '+', '?', '{', '}']).to_owned())
                    .collect();
                events.insert(name.clone(), roles).is_none()
            }
            "attributes" => {
                let values = args
                    .split(',')
                    .filter_map(|a| a.trim().strip_prefix("Value:"))
                    .flat_map(|v| v.split('|').map(str::to_owned))
                    .collect();
                attributes.insert(name.clone(), values).is_none()
            }
            _ => true,
        };
        if !fresh {
            out.push(format!("twice {name}"));
        }
    }
    for line in ann.lines().filter(|l| !l.is_empty()) {
        let mut parts = line.split('\t');
        let id = parts.next().unwrap_or_default();
        let body = parts.next().unwrap_or_default();
        let mut words = body.split(' ');
        let head = words.next().unwrap_or_default();
        match id.chars().next() {
            Some('T') if !entities.contains(head) && !events.contains_key(head) => {
                out.push(format!("entity {head}"));
            }
            Some('R') if !relations.contains(head) => out.push(format!("relation {head}")),
            Some('E') => {
                let kind = head.split(':').next().unwrap_or_default();
                match events.get(kind) {
                    None => out.push(format!("event {kind}")),
                    Some(roles) => {
                        for w in words {
                            let role = w.split(':').next().unwrap_or_default();
                            let base = role.trim_end_matches(|c: char| c.is_ascii_digit());
                            if !roles.contains(base) {
                                out.push(format!("role {kind}.{role}"));
                            }
                        }
                    }
                }
            }
            Some('A' | 'M') => match attributes.get(head) {
                None => out.push(format!("attribute {head}")),
                Some(values) => {
                    let value = body.split(' ').nth(2);
                    if let Some(v) = value.filter(|v| !values.contains(*v)) {
                        out.push(format!("value {head}={v}"));
                    }
                }
            },
            _ => {}
        }
    }
    out
}
