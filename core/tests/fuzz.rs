//! Long fuzz runs: every importer, the DOM-offset to span mapping, and random action sequences
//! through the reducer and the undo history, looking for panics and broken invariants.
//!
//! They are `#[ignore]`d so the normal test command stays quick; run them with
//! `bash scripts/fuzz.sh` (100,000 cases each by default; `FUZZ_CASES=N` to change). Any
//! failure proptest finds is saved under `core/tests/fuzz.proptest-regressions` and replayed
//! first on every later run; a case worth keeping for good also goes into `regressions()` at
//! the bottom, which the normal test command runs.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use annotator_core::formats::{brat, jsonl, v1};
use annotator_core::{record, Action, Document, History, LabelId, Span, Text, Utf16Offset};
use common::{assert_export_exact, random_action, text_strategy};
use proptest::prelude::*;
use serde_json::{json, Value};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        max_shrink_iters: 2_000,
        ..ProptestConfig::default()
    }
}

/// A valid v1 file with a few annotations and relations, to mutate.
fn seed_file(text: &str) -> Value {
    let mut doc = Document::new(Text::new(text), Some("Seed".into()));
    let t = doc.text().clone();
    let mut at = 0;
    for (i, (start, w)) in t
        .as_str()
        .split_word_bound_indices_owned()
        .into_iter()
        .enumerate()
    {
        if i % 3 == 0 && w.chars().any(char::is_alphanumeric) && start >= at {
            let span = Span::new(start, start + w.len());
            if let Ok(d) = doc.apply(&Action::Create {
                label: LabelId((i % 4) as u32),
                span,
            }) {
                doc = d;
                at = start + w.len();
            }
        }
    }
    serde_json::from_str(&v1::export_json(&doc)).unwrap()
}

trait WordBounds {
    fn split_word_bound_indices_owned(&self) -> Vec<(usize, String)>;
}

impl WordBounds for str {
    fn split_word_bound_indices_owned(&self) -> Vec<(usize, String)> {
        use unicode_segmentation::UnicodeSegmentation;
        self.split_word_bound_indices()
            .map(|(i, w)| (i, w.to_owned()))
            .collect()
    }
}

/// One random change to a JSON value: a replaced, removed or retyped field somewhere.
fn mutate(v: &mut Value, path: &[usize], what: u8, n: i64, s: &str) {
    let target = match v {
        Value::Object(m) if !m.is_empty() => {
            let keys: Vec<String> = m.keys().cloned().collect();
            let k = &keys[path.first().copied().unwrap_or(0) % keys.len()];
            if path.len() > 1 {
                return mutate(m.get_mut(k).unwrap(), &path[1..], what, n, s);
            }
            m.get_mut(k).unwrap()
        }
        Value::Array(a) if !a.is_empty() => {
            let i = path.first().copied().unwrap_or(0) % a.len();
            if path.len() > 1 {
                return mutate(&mut a[i], &path[1..], what, n, s);
            }
            &mut a[i]
        }
        other => other,
    };
    *target = match what % 7 {
        0 => json!(n),
        1 => json!(s),
        2 => Value::Null,
        3 => json!([n, s]),
        4 => json!({ "x": n }),
        5 => json!(n.unsigned_abs() % 1_000),
        _ => json!(-n),
    };
}

proptest! {
    #![proptest_config(config())]

    #[test]
    #[ignore]
    fn fuzz_v1_importers_never_panic_and_accept_only_consistent_documents(
        text in text_strategy(),
        mutations in prop::collection::vec(
            (prop::collection::vec(0usize..8, 1..5), any::<u8>(), any::<i64>(), ".{0,6}"),
            0..4,
        ),
        truncate in prop::option::of(0usize..4_000),
    ) {
        let mut v = seed_file(&text);
        for (path, what, n, s) in &mutations {
            mutate(&mut v, path, *what, *n, s);
        }
        let mut raw = v.to_string();
        if let Some(t) = truncate {
            let mut t = t.min(raw.len());
            while !raw.is_char_boundary(t) {
                t -= 1;
            }
            raw.truncate(t);
        }
        let imported = [v1::import_json(&raw), v1::import_json_lenient(&raw).map(|i| i.doc)];
        for doc in imported.into_iter().flatten() {
            prop_assert!(doc.is_consistent());
            assert_export_exact(&doc);
            prop_assert!(v1::import_json(&v1::export_json(&doc)).is_ok());
        }
        let _ = jsonl::import_library(&format!("{raw}\n{raw}\n"));
        let _ = record::load(&raw);
    }

    #[test]
    #[ignore]
    fn fuzz_brat_import_never_panics(
        text in text_strategy(),
        lines in prop::collection::vec(
            (0u8..8, 0usize..200, 0usize..200, 0usize..200, ".{0,8}"),
            0..8,
        ),
    ) {
        let txt = Text::new(&text).as_str().to_owned();
        // A span that fits the text, with its text: so events find their triggers and args.
        let n = txt.chars().count();
        let fit = |a: usize, b: usize| {
            let (a, b) = ((a % (n + 1)).min(b % (n + 1)), (a % (n + 1)).max(b % (n + 1)));
            let t: String = txt.chars().skip(a).take(b - a).collect();
            (a, b, t.replace('\n', " "))
        };
        let ann: String = lines
            .iter()
            .enumerate()
            .map(|(i, (kind, a, b, c, s))| match kind {
                0 => format!("T{i}\tquote {a} {b}\t{s}\n"),
                1 => format!("T{i}\tspeaker {a} {b};{c} {}\t{s}\n", c + 3),
                2 => format!("R{i}\tattributed_to Arg1:T{a} Arg2:T{b}\n"),
                3 => format!("#{i}\tAnnotatorNotes T{}\t{s}\n", a % 8),
                // Cue triggers and events as our export writes them, and PolNeAR's shape.
                4 => {
                    let (a, b, t) = fit(*a, *b);
                    format!("T{i}\t{} {a} {b}\t{t}\n", ["Cue", "quote", "speaker"][c % 3])
                }
                5 => format!(
                    "E{i}\tCue:T{} Content:T{} Source:T{}\n",
                    a % 8,
                    b % 8,
                    c % 8
                ),
                6 => format!(
                    "E{i}\tAttribution:T{} Content:T{} Cue:T{} Source:T{}\n",
                    a % 8,
                    b % 8,
                    c % 8,
                    (a + b) % 8
                ),
                _ => format!("R{i}\tattributed_to Arg1:T{} Arg2:T{}\n", a % 8, b % 8),
            })
            .collect();
        if let Ok(doc) = brat::import(&txt, &ann) {
            prop_assert!(doc.is_consistent());
        }
        // Leniently, the lines that can be read are kept: the document is still consistent.
        if let Ok((doc, _)) = brat::read(&txt, &ann, annotator_core::label::default_labels()) {
            prop_assert!(doc.is_consistent());
        }
    }

    #[test]
    #[ignore]
    fn fuzz_dom_offsets_map_to_valid_spans(
        text in text_strategy(),
        a in 0usize..2_000,
        b in 0usize..2_000,
        words: bool,
        edge in any::<bool>(),
    ) {
        let t = Text::new(&text);
        let ix = t.index();
        let (x, y) = (
            ix.byte_from_utf16_floor(Utf16Offset(a)),
            ix.byte_from_utf16_floor(Utf16Offset(b)),
        );
        if let Some(span) = t.snap(x, y, words) {
            let doc = Document::new(t.clone(), None);
            prop_assert!(doc.check_span(span).is_ok());
        }
        let e = t.snap_edge(x, edge, words);
        prop_assert!(t.is_grapheme_boundary(e));
        let _ = t.word_step(x, edge, words);
    }

    #[test]
    #[ignore]
    fn fuzz_action_sequences_through_history(
        texts in prop::collection::vec(text_strategy(), 1..4),
        steps in prop::collection::vec((0u8..16, 0usize..300, 0usize..300, 0u32..50, any::<bool>()), 0..60),
    ) {
        let mut doc = Document::new(Text::new(&texts[0]), None);
        let mut history = History::default();
        for (kind, a, b, n, undo) in steps {
            if undo && n % 5 == 0 {
                if let Some((d, _)) = history.undo(&doc) {
                    doc = d;
                }
            } else if undo && n % 5 == 1 {
                if let Some((d, _)) = history.redo(&doc) {
                    doc = d;
                }
            } else if let Some(action) = random_action(&doc, &texts, kind, a, b, n) {
                if let Ok(d) = history.apply(&doc, &action) {
                    doc = d;
                }
            }
            assert_export_exact(&doc);
        }
        let saved = record::load(&record::save(&doc, &history)).unwrap();
        prop_assert_eq!(saved.doc, doc);
        prop_assert!(saved.notices.is_empty());
    }
}

/// Cases found by fuzzing, kept for good. Each once broke an invariant.
#[test]
fn regressions() {
    // fuzz_action_sequences_through_history: deleting the `speaker` label, then saving and
    // loading the session, renumbered the other labels, so the saved undo history pointed at
    // the wrong labels. Sessions now keep label ids.
    let mut history = History::default();
    let doc = Document::new(Text::new(""), None);
    let doc = history
        .apply(
            &doc,
            &Action::DeleteLabel {
                id: LabelId(1),
                move_to: None,
            },
        )
        .unwrap();
    let saved = record::load(&record::save(&doc, &history)).unwrap();
    assert_eq!(saved.doc, doc);
    assert!(saved.notices.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    /// A record written a slice at a time, whole or taken piece by piece, is the record written
    /// at once, whatever the slice; so is one whose document, handed out in pieces, is the one
    /// an earlier record of the same text and title handed out (`head`: 0 none taken, 1 taken
    /// with the document's pieces, 2 taken without them, the document kept from a writer of
    /// the text as first opened).
    #[test]
    fn a_record_written_in_slices_is_the_record_written_at_once(
        texts in prop::collection::vec(text_strategy(), 1..3),
        steps in prop::collection::vec((0u8..16, 0usize..300, 0usize..300, 0u32..50), 0..30),
        slice in 1usize..5,
        take: bool,
        head in 0u8..3,
    ) {
        let mut doc = Document::new(Text::new(&texts[0]), Some("T".into()));
        let mut history = History::default();
        for (kind, a, b, n) in steps {
            if let Some(action) = random_action(&doc, &texts, kind, a, b, n) {
                if let Ok(d) = history.apply(&doc, &action) {
                    doc = d;
                }
            }
        }
        let rejected = vec!["date:7-11:said".to_owned()];
        let mut pieces = String::new();
        // the document's pieces, joined
        let document = |w: &mut record::Writer, n: usize| {
            let mut d = String::new();
            while let Some(piece) = w.document_piece(n) {
                d.push_str(&piece);
            }
            d
        };
        let first = Document::new(Text::new(&texts[0]), Some("T".into()));
        let mut w = record::Writer::new(&first, &History::default(), &[], &[]);
        let _ = w.head();
        let kept = document(&mut w, 7);
        let mut w = record::Writer::new(&doc, &history, &rejected, &[]);
        match head {
            // as the app does: the kept pieces only for the same text and title
            2 if doc.text().as_str() == first.text().as_str() && doc.title() == first.title() => {
                pieces.push_str(&w.head_without_document());
                pieces.push_str(&kept);
            }
            1 | 2 => {
                pieces.push_str(&w.head());
                pieces.push_str(&document(&mut w, slice));
            }
            _ => {}
        }
        let mut steps = 0;
        while !w.step(slice) {
            steps += 1;
            if take {
                pieces.push_str(&w.take());
            }
        }
        prop_assert!(steps <= doc.annotations().len() / slice);
        pieces.push_str(&w.finish());
        prop_assert_eq!(pieces, record::save_with(&doc, &history, &rejected, &[]));
    }
}
