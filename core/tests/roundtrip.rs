//! Export → import is the identity for every format that can carry what the document holds:
//! random documents (random texts and action sequences) are exported in each format, read back
//! through `formats::import::read` and compared by content; v1 is compared byte for byte.

#![cfg(not(target_arch = "wasm32"))]

mod common;

use annotator_core::document::QuoteKind;
use annotator_core::formats::import::{detect, read, InputFile, Mode, ReadOptions, Severity};
use annotator_core::formats::{brat, conll, csv, jsonl, label_studio, v1, w3c};
use annotator_core::{Action, Document, Proposal, Span, Text, Utf16Offset};
use common::{random_action, text_strategy};
use proptest::prelude::*;

/// The end of every random text, for the proposals of [`document`].
const TAIL: &str = " Ana said “yes”. “No,” Bo wrote, “never.”";

/// A random document: a text, a random action sequence, and accepted proposals (what
/// suggestions make): the speakers "Ana" and "Bo", Ana's quote “yes” with its kind and the cue
/// "said", Bo's quote “No,” without a cue, a bare quote “never.”, and a random quote with a kind and a random cue (or the same "said"), sometimes Ana's; then,
/// when two annotations allow it, a discontinuous span ([`with_fragment`]).
fn document(
    raw: &str,
    steps: &[(u8, usize, usize, u32)],
    extra: (usize, usize, usize),
) -> Document {
    let texts = vec![raw.to_owned()];
    let mut doc = Document::new(Text::new(&format!("{raw}{TAIL}")), Some("T".into()));
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
    let picked = (snap(extra.0, extra.1), snap(extra.1, extra.2));
    let tail = doc.text().as_str().len() - TAIL.len();
    let at = |word: &str| {
        let from = tail + TAIL.find(word).unwrap();
        Span::new(from, from + word.len())
    };
    let (ana, said, yes, bo, no) = (at("Ana"), at("said"), at("“yes”"), at("Bo"), at("“No,”"));
    let never = at("“never.”");
    // Labels the actions renamed or deleted come back, so every document has its cues.
    for name in ["quote", "speaker"] {
        if doc.label_named(name).is_none() {
            let spec = annotator_core::LabelSpec {
                name: name.into(),
                color: "#FFE08A".into(),
                key: None,
            };
            if let Ok(next) = doc.apply(&Action::AddLabel(spec)) {
                doc = next;
            }
        }
    }
    let (quote, speaker) = (
        doc.label_named("quote").map(|l| l.id),
        doc.label_named("speaker").map(|l| l.id),
    );
    let proposal = |label, span, kind, cue, speaker| Proposal {
        label,
        span,
        kind,
        cue,
        speaker,
        same_as: None,
    };
    if let (Some(quote), Some(speaker)) = (quote, speaker) {
        let fixed = vec![
            proposal(speaker, ana, None, None, None),
            proposal(speaker, bo, None, None, None),
            proposal(quote, yes, Some(QuoteKind::Direct), Some(said), Some(ana)),
            proposal(quote, no, None, None, Some(bo)),
            proposal(quote, never, None, None, None),
        ];
        if let Ok(next) = doc.apply(&Action::Accept(fixed)) {
            doc = next;
        }
        if let (Some(span), Some(cue)) = picked {
            let cue = if extra.2.is_multiple_of(4) { said } else { cue };
            let kind = Some(QuoteKind::ALL[extra.0 % 3]);
            let who = extra.1.is_multiple_of(3).then_some(ana);
            let random = vec![proposal(quote, span, kind, Some(cue), who)];
            if let Ok(next) = doc.apply(&Action::Accept(random)) {
                doc = next;
            }
        }
    }
    with_fragment(doc, extra.2)
}

/// `doc` with a `fragment_of` relation tying a later annotation to an earlier one of the same
/// label, as brat import reads a discontinuous span, when two such annotations allow it: apart by
/// more than newlines, and nothing else (relation, note, kind, cue) on the later one. The
/// `pick`th such pair.
fn with_fragment(doc: Document, pick: usize) -> Document {
    let t = doc.text().as_str();
    let anns = doc.annotations();
    let bare = |a: &annotator_core::Annotation| {
        a.note.is_none()
            && a.kind.is_none()
            && a.cue.is_none()
            && !doc
                .relations()
                .iter()
                .any(|r| r.from == a.id || r.to == a.id)
    };
    let mut pairs = Vec::new();
    for y in anns {
        for x in anns {
            let gap = y.span.end.0 < x.span.start.0
                && !t[y.span.end.0..x.span.start.0].chars().all(|c| c == '\n');
            if x.label == y.label && gap && bare(x) {
                pairs.push((x.id.clone(), y.id.clone()));
            }
        }
    }
    if pairs.is_empty() {
        return doc;
    }
    let (x, y) = &pairs[pick % pairs.len()];
    let mut file: serde_json::Value = serde_json::from_str(&v1::export_json(&doc)).unwrap();
    file["relations"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({ "id": "frag", "type": brat::FRAGMENT_OF, "from": x.as_str(), "to": y.as_str() }));
    v1::import_json(&file.to_string()).unwrap()
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

/// What CoNLL carries of `doc`: per label, each annotation that keeps its layer (the exporter's
/// [`conll::dropped`] lists those that lose an overlap or cover no token), widened to whole
/// tokens and cut where a sentence ends (a chunk starts again with `B-` in the next sentence).
/// Only label and span: CoNLL has no notes, kinds, cues, relations or ids.
fn conll_contents(doc: &Document, only: Option<annotator_core::LabelId>) -> Vec<Content> {
    let t = doc.text();
    let sentences = conll::sentences(t);
    let mut v = Vec::new();
    for l in doc
        .labels()
        .iter()
        .filter(|l| only.is_none_or(|o| o == l.id))
    {
        let dropped = conll::dropped(doc, l.id);
        for a in doc.annotations() {
            if a.label != l.id || dropped.contains(&a.id) {
                continue;
            }
            for s in &sentences {
                let hit: Vec<&Span> = s
                    .iter()
                    .filter(|k| k.start < a.span.end && a.span.start < k.end)
                    .collect();
                if let (Some(first), Some(last)) = (hit.first(), hit.last()) {
                    let (cs, ce) = t.chars_of(Span::new(first.start.0, last.end.0));
                    v.push((l.name.clone(), cs.0, ce.0, None, None, None));
                }
            }
        }
    }
    v.sort();
    v
}

/// `doc`'s annotations as one doccano (`entities` style when `entities`, else `label`
/// triples) or spaCy (`spans`) JSONL line, offsets in code points, as those tools write them.
/// We export none of these; the line is written here as the tools do, to check the reader.
fn foreign_line(doc: &Document, style: &str) -> String {
    let t = doc.text();
    let ids: Vec<String> = doc.annotations().iter().map(|a| a.id.to_string()).collect();
    let num = |id: &str| ids.iter().position(|x| x == id).unwrap() + 1;
    let span = |a: &annotator_core::Annotation| {
        let (s, e) = t.chars_of(a.span);
        let name = doc.label(a.label).unwrap().name.clone();
        (s.0, e.0, name, num(a.id.as_str()))
    };
    let anns: Vec<_> = doc.annotations().iter().map(span).collect();
    let v = match style {
        "entities" => serde_json::json!({
            "text": t.as_str(),
            "entities": anns.iter().map(|(s, e, l, id)| serde_json::json!(
                { "id": id, "label": l, "start_offset": s, "end_offset": e }
            )).collect::<Vec<_>>(),
            "relations": doc.relations().iter().enumerate().map(|(k, r)| serde_json::json!(
                { "id": k + 1, "from_id": num(r.from.as_str()), "to_id": num(r.to.as_str()), "type": r.kind.to_string() }
            )).collect::<Vec<_>>(),
        }),
        "label" => serde_json::json!({
            "text": t.as_str(),
            "label": anns.iter().map(|(s, e, l, _)| serde_json::json!([s, e, l])).collect::<Vec<_>>(),
        }),
        _ => serde_json::json!({
            "text": t.as_str(),
            "spans": anns.iter().map(|(s, e, l, _)| serde_json::json!(
                { "start": s, "end": e, "label": l }
            )).collect::<Vec<_>>(),
        }),
    };
    v.to_string()
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

    /// The file written straight from the document is the JSON of its `FileV1`, compact and
    /// pretty, with or without a title; the export writes serde_json's pretty bytes, which the
    /// fast reader reads back.
    #[test]
    fn the_file_view_writes_the_same_json_as_the_file(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120),
        titled: bool,
    ) {
        let mut doc = document(&raw, &s, x);
        doc.set_title(titled.then(|| "A \"title\"\twith\\escapes é".to_owned()));
        prop_assert_eq!(v1::export_json(&doc), v1::export_json_by_serde(&doc));
        // the fast reader reads back what the export writes, as serde_json does
        prop_assert_eq!(v1::parse_fast(&v1::export_json(&doc)), Some(v1::to_file(&doc)));
        let (view, file) = (v1::FileView(&doc), v1::to_file(&doc));
        prop_assert_eq!(serde_json::to_string(&view).unwrap(), serde_json::to_string(&file).unwrap());
        prop_assert_eq!(
            serde_json::to_string_pretty(&view).unwrap(),
            serde_json::to_string_pretty(&file).unwrap()
        );
    }

    #[test]
    fn brat_conf_declares_every_type_the_ann_uses(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let (_, ann) = brat::export(&doc);
        let conf = brat::config(&doc);
        prop_assert_eq!(common::brat_conf::undeclared_brat_types(&conf, &ann), Vec::<String>::new());
    }

    #[test]
    fn brat_carries_annotations_relations_notes_kinds_cues_and_attribution(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let pair = |d: &Document| {
            let (txt, ann) = brat::export(d);
            vec![InputFile::new("a.txt", txt), InputFile::new("a.ann", ann)]
        };
        let (txt, ann) = brat::export(&doc);
        let back = import(&doc, pair(&doc), None);
        let flat = |c: Vec<Content>| -> Vec<Content> {
            c.into_iter()
                .map(|mut x| {
                    x.3 = x.3.map(|n| n.replace('\n', " "));
                    x
                })
                .collect()
        };
        // Every annotation with its kind and cue, no more (a cue trigger is no annotation), and
        // every relation once (an attribution in a cue event is not also an `R` line).
        prop_assert_eq!(contents(&back[0], true, true), flat(contents(&doc, true, true)));
        prop_assert_eq!(relations(&back[0]), relations(&doc));
        prop_assert_eq!(brat::export(&back[0]), (txt, ann));
        // What came back is a fixed point: through brat again, byte-identical as v1.
        let again = import(&back[0], pair(&back[0]), None);
        prop_assert_eq!(v1::export_json(&again[0]), v1::export_json(&back[0]));
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

    /// CoNLL carries labels and token-aligned spans only: no notes, kinds, cues, relations or
    /// ids; a span end inside a word widens to the word, a span across sentences is one chunk
    /// per sentence, and of a label's overlapping annotations only the one the exporter keeps
    /// comes back. Read with the article's text given (as the app does with the open
    /// article), so the text is the same.
    #[test]
    fn conll_carries_token_aligned_spans_per_layer(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let text = doc.text().as_str();
        let all = conll::export_all_layers(&doc);
        let back = import(&doc, vec![InputFile::new("a.conll", all)], Some(text));
        prop_assert_eq!(back.len(), 1);
        prop_assert_eq!(back[0].text().as_str(), text);
        prop_assert_eq!(contents(&back[0], false, false), conll_contents(&doc, None));
        prop_assert!(back[0].relations().is_empty());
        // Each layer alone (the zip's entries) reads back to that label's spans.
        for l in doc.labels() {
            let one = conll::export(&doc, l.id);
            let back = import(&doc, vec![InputFile::new("a.conll", one)], Some(text));
            prop_assert_eq!(contents(&back[0], false, false), conll_contents(&doc, Some(l.id)));
        }
        // What came back is a fixed point: its CoNLL is the same file.
        prop_assert_eq!(conll::export_all_layers(&back[0]), conll::export_all_layers(&doc));
    }

    /// The JSONL library is v1 per line: everything comes back, byte-identical as v1. (Both
    /// documents take the same steps, so they share labels and the import adds none.)
    #[test]
    fn jsonl_library_reads_back_every_document_byte_identical(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120),
        raw2 in text_strategy(),
    ) {
        let docs = vec![document(&raw, &s, x), document(&raw2, &s, x)];
        let lib = jsonl::export_library(&docs);
        let back = import(&docs[0], vec![InputFile::new("a.jsonl", lib)], None);
        prop_assert_eq!(back.len(), 2);
        for (b, d) in back.iter().zip(&docs) {
            prop_assert_eq!(v1::export_json(b), v1::export_json(d));
        }
    }

    /// doccano (both styles) and spaCy JSONL: we write neither, so the line is written as
    /// those tools write it from a random document; it reads back to the same text and spans
    /// with their labels, and (doccano `entities` style) the same relations. They cannot carry
    /// notes, kinds, cues, ids or the title.
    #[test]
    fn doccano_and_spacy_lines_read_back_to_the_same_spans(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let bare = |c: Vec<Content>| -> Vec<Content> {
            c.into_iter().map(|(l, s, e, ..)| (l, s, e, None, None, None)).collect()
        };
        for style in ["entities", "label", "spans"] {
            let line = foreign_line(&doc, style);
            let back = import(&doc, vec![InputFile::new("a.jsonl", line)], None);
            prop_assert_eq!(back.len(), 1);
            prop_assert_eq!(back[0].text().as_str(), doc.text().as_str());
            prop_assert_eq!(contents(&back[0], false, false), bare(contents(&doc, false, false)));
            if style == "entities" {
                prop_assert_eq!(relations(&back[0]), relations(&doc));
            } else {
                prop_assert!(back[0].relations().is_empty());
            }
        }
    }

    /// Without the text (a CoNLL file imported as a new article), the text is rebuilt from the
    /// tokens, so the spacing is not kept; each chunk still holds the same tokens with the
    /// same label, in the same order.
    #[test]
    fn conll_without_its_text_keeps_each_chunks_tokens(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let back = import(
            &doc,
            vec![InputFile::new("a.conll", conll::export_all_layers(&doc))],
            None,
        );
        let squeeze = |d: &Document, c: Vec<Content>| -> Vec<(String, String)> {
            let t = d.text().as_str();
            let mut v: Vec<(String, String)> = c
                .into_iter()
                .map(|(l, s, e, ..)| {
                    let chunk: String = t.chars().skip(s).take(e - s).collect();
                    (l, chunk.chars().filter(|c| !c.is_whitespace()).collect())
                })
                .collect();
            v.sort();
            v
        };
        prop_assert_eq!(
            squeeze(&back[0], contents(&back[0], false, false)),
            squeeze(&doc, conll_contents(&doc, None))
        );
    }

    /// The CSV export is no import format: the import refuses it rather than misreading it.
    #[test]
    fn csv_is_not_taken_for_an_import_format(
        raw in text_strategy(), s in steps(), x in (0usize..120, 0usize..120, 0usize..120)
    ) {
        let doc = document(&raw, &s, x);
        let body = csv::export(&doc);
        prop_assert_eq!(detect(&body), None);
        let bytes = csv::download_bytes(&body);
        prop_assert_eq!(detect(std::str::from_utf8(&bytes).unwrap()), None);
    }
}
