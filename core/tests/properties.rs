//! Properties over random texts, selections and action sequences.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use annotator_core::formats::v1;
use annotator_core::{Action, AnnotationId, Document, LabelId, Text, Utf16Offset};
use common::{assert_export_exact, random_action, text_strategy};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    /// The offset index agrees with counting characters one by one, at every boundary of any
    /// text (runs of ASCII are counted a slice at a time).
    #[test]
    fn offset_index_agrees_with_counting_characters(raw in text_strategy()) {
        let ix = annotator_core::offset::OffsetIndex::new(&raw);
        let (mut u16s, mut chars) = (0usize, 0usize);
        for (byte, c) in raw.char_indices().chain(std::iter::once((raw.len(), ' '))) {
            let b = annotator_core::ByteOffset(byte);
            prop_assert_eq!(ix.try_utf16(b), Some(Utf16Offset(u16s)));
            prop_assert_eq!(ix.try_char(b), Some(annotator_core::CharOffset(chars)));
            prop_assert_eq!(ix.try_byte_from_utf16(Utf16Offset(u16s)), Some(b));
            prop_assert_eq!(ix.try_byte_from_char(annotator_core::CharOffset(chars)), Some(b));
            u16s += c.len_utf16();
            chars += 1;
        }
        prop_assert_eq!(ix.len_utf16(), Utf16Offset(raw.encode_utf16().count()));
        prop_assert_eq!(ix.len_chars().0, raw.chars().count());
    }

    /// Searching from any place gives what the plain search gives, for any code-point offset
    /// asked in any order, past the end included.
    #[test]
    fn the_offset_search_from_a_place_agrees_with_the_plain_one(
        raw in text_strategy(),
        asked in proptest::collection::vec(0usize..420, 1..40),
        start in 0usize..400,
    ) {
        let ix = annotator_core::offset::OffsetIndex::new(&raw);
        let mut near = start;
        for c in asked {
            let c = annotator_core::CharOffset(c);
            prop_assert_eq!(ix.try_byte_from_char_near(c, &mut near), ix.try_byte_from_char(c));
        }
    }

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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// The fast JSON string writer gives serde_json's bytes for any string: any character, any
    /// run of escapes, at any place of an eight-byte word.
    #[test]
    fn json_strings_are_written_as_serde_json_writes_them(
        s in "(\\PC|[\\x00-\\x1f\"\\\\\u{7f}-\u{ff}]|[a-z ]{0,12}){0,40}",
    ) {
        let mut out = Vec::new();
        annotator_core::json::put_str(&mut out, &s);
        prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&s).unwrap());
    }
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
