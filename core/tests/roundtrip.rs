//! Export → import is the identity for every format that can carry what the document holds:
//! random documents (random texts and action sequences) are exported in each format, read back
//! through `formats::import::read` and compared by content; v1 is compared byte for byte.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use annotator_core::document::QuoteKind;
use annotator_core::formats::import::{read, InputFile, Mode, ReadOptions, Severity};
use annotator_core::formats::{brat, label_studio, v1, w3c};
use annotator_core::{Action, Document, Proposal, Text, Utf16Offset};
use common::{random_action, text_strategy};
use proptest::prelude::*;

/// A random document: a text, a random action sequence, and one accepted proposal with a
/// kind and a cue (what suggestions make).
fn document(
    raw: &str,
    steps: &[(u8, usize, usize, u32)],
    extra: (usize, usize, usize),
) -> Document {
    let texts = vec![raw.to_owned()];
    let mut doc = Document::new(
        Text::new(&format!("{raw} Ana said “yes”.")),
        Some("T".into()),
    );
    for &(kind, a, b, n) in steps {
        if kind % 16 == 9 {
            continue; // replacing the text is not what this is about
        }
        if let Some(action) = random_action(&doc, &texts, kind, a, b, n) {
            if let Ok(next) = doc.apply(&action) {
                doc = next;
            }
        }
    }
    let ix = doc.text().index();
    let snap = |a: usize, b: usize| {
        doc.text().snap(
            ix.byte_from_utf16_floor(Utf16Offset(a)),
            ix.byte_from_utf16_floor(Utf16Offset(b)),
            true,
        )
    };
    if let (Some(span), Some(cue)) = (snap(extra.0, extra.1), snap(extra.1, extra.2)) {
        let label = doc.label_named("quote").map(|l| l.id);
        if let Some(label) = label {
            let p = Proposal {
                label,
                span,
                kind: Some(QuoteKind::ALL[extra.0 % 3]),
                cue: Some(cue),
                speaker: None,
            };
            if let Ok(next) = doc.apply(&Action::Accept(vec![p])) {
                doc = next;
            }
        }
    }
    doc
}

/// An annotation by content: label name, code-point span, note, kind, cue (code points).
type Content = (
    String,
    usize,
    usize,
    Option<String>,
    Option<String>,
    Option<(usize, usize)>,
);

fn contents(doc: &Document, kind: bool, cue: bool) -> Vec<Content> {
    let t = doc.text();
    let mut v: Vec<Content> = doc
        .annotations()
        .iter()
        .map(|a| {
            let (s, e) = t.chars_of(a.span);
            (
                doc.label(a.label).unwrap().name.clone(),
                s.0,
                e.0,
                a.note.clone(),
                a.kind.filter(|_| kind).map(|k| k.as_str().to_owned()),
                a.cue.filter(|_| cue).map(|c| {
                    let (s, e) = t.chars_of(c);
                    (s.0, e.0)
                }),
            )
        })
        .collect();
    v.sort();
    v
}

/// Relations by content: type and both ends' (label, start, end).
fn relations(doc: &Document) -> Vec<(String, String, usize, usize, String, usize, usize)> {
    let t = doc.text();
    let end = |id| {
        let a = doc.annotation(id).unwrap();
        let (s, e) = t.chars_of(a.span);
        (doc.label(a.label).unwrap().name.clone(), s.0, e.0)
    };
    let mut v: Vec<_> = doc
        .relations()
        .iter()
        .map(|r| {
            let (fl, fs, fe) = end(&r.from);
            let (tl, ts, te) = end(&r.to);
            (r.kind.to_string(), fl, fs, fe, tl, ts, te)
        })
        .collect();
    v.sort();
    v
}

/// Reads files through the import entry point, strictly, with `doc`'s labels; the documents.
fn import(doc: &Document, files: Vec<InputFile>, text: Option<&str>) -> Vec<Document> {
    let p = read(
        &files,
        &ReadOptions {
            open_text: text,
            labels: doc.labels(),
            mode: Mode::Strict,
        },
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let faults: Vec<_> = p
        .problems
        .iter()
        .filter(|x| x.severity != Severity::Notice)
        .collect();
    assert!(faults.is_empty(), "{faults:?}");
    assert!(
        p.new_labels().is_empty(),
        "every label maps back onto itself"
    );
    p.documents(doc.labels())
}

fn steps() -> impl Strategy<Value = Vec<(u8, usize, usize, u32)>> {
    prop::collection::vec((0u8..16, 0usize..120, 0usize..120, 0u32..40), 0..25)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn v1_reads_back_and_re_exports_byte_identical(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let json = v1::export_json(&doc);
        let back = import(&doc, vec![InputFile::new("a.json", json.clone())], None);
        prop_assert_eq!(back.len(), 1);
        prop_assert_eq!(v1::export_json(&back[0]), json);
    }

    #[test]
    fn brat_carries_annotations_relations_notes_kinds_and_attribution(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let (txt, ann) = brat::export(&doc);
        let back = import(
            &doc,
            vec![InputFile::new("a.txt", txt.clone()), InputFile::new("a.ann", ann.clone())],
            None,
        );
        let flat = |c: Vec<Content>| -> Vec<Content> {
            c.into_iter()
                .map(|mut x| {
                    x.3 = x.3.map(|n| n.replace('\n', " "));
                    x
                })
                .collect()
        };
        prop_assert_eq!(contents(&back[0], true, false), flat(contents(&doc, true, false)));
        prop_assert_eq!(relations(&back[0]), relations(&doc));
        prop_assert_eq!(brat::export(&back[0]), (txt, ann));
    }

    #[test]
    fn label_studio_carries_annotations_relations_and_notes(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let back = import(&doc, vec![InputFile::new("a.json", label_studio::export(&doc))], None);
        prop_assert_eq!(contents(&back[0], false, false), contents(&doc, false, false));
        prop_assert_eq!(relations(&back[0]), relations(&doc));
        let ids = |d: &Document| -> Vec<String> {
            let mut v: Vec<String> = d.annotations().iter().map(|a| a.id.to_string()).collect();
            v.sort();
            v
        };
        prop_assert_eq!(ids(&back[0]), ids(&doc));
    }

    #[test]
    fn w3c_carries_annotations_relations_notes_and_ids(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let back = import(
            &doc,
            vec![InputFile::new("a.jsonld", w3c::export(&doc, Some("d1")))],
            Some(doc.text().as_str()),
        );
        prop_assert_eq!(contents(&back[0], false, false), contents(&doc, false, false));
        prop_assert_eq!(relations(&back[0]), relations(&doc));
        prop_assert_eq!(back[0].title(), doc.title());
        let ids = |d: &Document| -> Vec<String> {
            let mut v: Vec<String> = d.annotations().iter().map(|a| a.id.to_string()).collect();
            v.sort();
            v
        };
        prop_assert_eq!(ids(&back[0]), ids(&doc));
    }
}
