//! The export formats and the lenient v1 importer, each checked against the text by code points,
//! by readers written here (CSV, ZIP) or apart from the Rust code (`tools/readers/*.py`).

use annotator_core::formats::{brat, conll, csv, html, jsonl, label_studio, v1, w3c, zip};
use annotator_core::label::{contrast, default_labels, is_hex_color, INK, MIN_CONTRAST};
use annotator_core::{Action, Document, ImportError, LabelId, Span, Text};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

#[path = "common/brat_conf.rs"]
mod brat_conf;

const QUOTE: LabelId = LabelId(0);
const SPEAKER: LabelId = LabelId(1);

/// Emoji, a ZWJ sequence, a combining accent, CJK, Arabic, three paragraphs.
const TEXT: &str = "Layla Haddad posted: “Dry feet 🌊 at last.” The 👩🏽‍💻 team at Cafe\u{301} Noor agreed.\n王秀英说：“我们明天开始。” قال الوزير إن الحاجز نجح.\n\n“The barrier held,” she wrote.\n“It will hold again.”\n";

// ---------------------------------------------------------------------------------------------
// Code points, counted here without the crate's offset index.

fn cp(s: &str, byte: usize) -> usize {
    s[..byte].chars().count()
}

fn cp_slice(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

fn find_cp(s: &str, needle: &str) -> (usize, usize) {
    let b = s
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} in text"));
    (cp(s, b), cp(s, b) + needle.chars().count())
}

fn default_labels_json() -> Value {
    json!([
        { "name": "quote", "color": "#FFE08A", "key": "1" },
        { "name": "speaker", "color": "#A8D8FF", "key": "2" },
        { "name": "claim", "color": "#FFB8C6", "key": "3" },
        { "name": "date", "color": "#B9EDB0", "key": "4" }
    ])
}

fn ann(id: &str, label: &str, needle: &str, note: Option<&str>) -> Value {
    let (start, end) = find_cp(TEXT, needle);
    let mut v = json!({ "id": id, "label": label, "start": start, "end": end, "text": needle });
    if let Some(n) = note {
        v["note"] = json!(n);
    }
    v
}

/// The fixture as a v1 file: nested and overlapping spans, a multi-paragraph span, notes (one
/// with a newline) and two relations.
fn fixture_json() -> Value {
    json!({
        "format": "article-annotator",
        "version": 1,
        "document": { "title": "Barrier holds", "text": TEXT },
        "labels": default_labels_json(),
        "annotations": [
            ann("a1", "speaker", "Layla Haddad", None),
            ann("a2", "quote", "“Dry feet 🌊 at last.”", Some("Posted on social media")),
            ann("a3", "quote", "Dry feet 🌊", None),
            ann("a4", "speaker", "👩🏽‍💻 team", None),
            ann("a5", "claim", "Cafe\u{301} Noor agreed", None),
            ann("a6", "speaker", "王秀英", None),
            ann("a7", "quote", "“我们明天开始。”", None),
            ann("a8", "speaker", "الوزير", None),
            ann("a9", "claim", "إن الحاجز نجح.\n\n“The barrier held,”", None),
            ann("a10", "quote", "“The barrier held,” she wrote.\n“It will hold again.”", Some("Two lines\nof note")),
        ],
        "relations": [
            { "id": "r1", "type": "attributed_to", "from": "a2", "to": "a1" },
            { "id": "r2", "type": "attributed_to", "from": "a7", "to": "a6" }
        ]
    })
}

fn fixture() -> Document {
    v1::import_json(&fixture_json().to_string()).expect("the fixture imports")
}

/// An annotation by content: label, code-point offsets, text, note.
type Content = (String, usize, usize, String, Option<String>);

fn contents(doc: &Document) -> Vec<Content> {
    let text = doc.text().as_str();
    let mut out: Vec<Content> = doc
        .annotations()
        .iter()
        .map(|a| {
            (
                doc.label(a.label).unwrap().name.clone(),
                cp(text, a.span.start.0),
                cp(text, a.span.end.0),
                doc.annotation_text(a).to_owned(),
                a.note.clone(),
            )
        })
        .collect();
    out.sort();
    out
}

/// Relations by content: kind, and the two ends' (label, start, end).
fn relation_contents(doc: &Document) -> Vec<(String, String, usize, String, usize)> {
    let text = doc.text().as_str();
    let end = |id| {
        let a = doc.annotation(id).unwrap();
        (
            doc.label(a.label).unwrap().name.clone(),
            cp(text, a.span.start.0),
        )
    };
    let mut out: Vec<_> = doc
        .relations()
        .iter()
        .map(|r| {
            let (fl, fs) = end(&r.from);
            let (tl, ts) = end(&r.to);
            (r.kind.to_string(), fl, fs, tl, ts)
        })
        .collect();
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------------
// Running the independent readers.

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annotator-formats-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs a reader that must refuse its input; false when python3 is not installed.
fn reader_refuses(script: &str, args: &[&Path]) -> bool {
    let path = workspace().join("tools/readers").join(script);
    match Command::new("python3").arg(&path).args(args).output() {
        Ok(out) => {
            assert!(!out.status.success(), "{script} accepted a bad file");
            true
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => panic!("running {script}: {e}"),
    }
}

/// Runs a reader from `tools/readers`, giving its parsed JSON output; `None` (with a note on
/// stderr) when python3 is not installed. A reader that fails fails the test.
fn run_reader(script: &str, args: &[&Path], extra: &[&str]) -> Option<Value> {
    let path = workspace().join("tools/readers").join(script);
    let out = match Command::new("python3")
        .arg(&path)
        .args(args)
        .args(extra)
        .output()
    {
        Ok(out) => out,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("note: python3 is not on PATH; skipping the {script} check");
            return None;
        }
        Err(e) => panic!("running {script}: {e}"),
    };
    assert!(
        out.status.success(),
        "{script} failed: {}\n{}",
        String::from_utf8_lossy(&out.stderr),
        String::from_utf8_lossy(&out.stdout)
    );
    Some(serde_json::from_slice(&out.stdout).expect("the reader prints JSON"))
}

// ---------------------------------------------------------------------------------------------
// JSON Lines

#[test]
fn jsonl_library_round_trips_every_document() {
    let plain = Document::new(Text::new("Just a text, no spans."), Some("Plain".into()));
    let docs = vec![fixture(), plain];
    let lib = jsonl::export_library(&docs);
    assert!(lib.ends_with('\n'));
    assert_eq!(lib.matches('\n').count(), 2, "one line per document");
    for line in lib.lines() {
        assert!(
            line.starts_with("{\"format\":\"article-annotator\""),
            "{line}"
        );
    }
    assert_eq!(jsonl::import_library(&lib).unwrap(), docs);
    // Blank lines and CRLF are tolerated.
    let spaced = format!("\n{}", lib.replace('\n', "\r\n\r\n"));
    assert_eq!(jsonl::import_library(&spaced).unwrap(), docs);
    assert_eq!(jsonl::import_library("").unwrap(), Vec::<Document>::new());
}

#[test]
fn jsonl_errors_name_the_line() {
    let good = jsonl::export_library(&[fixture()]);
    let mut bad = fixture_json();
    bad["annotations"][1]["label"] = json!("nope");
    let lib = format!("{good}\n{}\n", bad);
    let err = jsonl::import_library(&lib).unwrap_err();
    assert_eq!(err.line, 3);
    assert!(matches!(err.error, ImportError::UnknownLabel { .. }));
    assert!(
        err.to_string().starts_with("line 3: annotation \"a2\""),
        "{err}"
    );
    let err = jsonl::import_library("{\"format\":\"brat\"}").unwrap_err();
    assert_eq!(err.line, 1);
    assert_eq!(err.error, ImportError::WrongFormat("brat".into()));
}

// ---------------------------------------------------------------------------------------------
// brat

/// The brat fragments of a span as this test computes them: split at newlines, empty pieces left
/// out, in code points.
fn expected_fragments(text: &str, start: usize, end: usize) -> (Vec<(usize, usize)>, String) {
    let mut frags = Vec::new();
    let mut s = start;
    let span = text.chars().skip(start).take(end - start);
    for (i, c) in (start..).zip(span.chain(std::iter::once('\n'))) {
        if c == '\n' {
            if i > s {
                frags.push((s, i));
            }
            s = i + 1;
        }
    }
    let joined: Vec<String> = frags.iter().map(|&(a, b)| cp_slice(text, a, b)).collect();
    (frags, joined.join(" "))
}

#[test]
fn brat_round_trips_by_content() {
    let doc = fixture();
    let (txt, ann) = brat::export(&doc);
    assert_eq!(txt, TEXT);
    let back = brat::import(&txt, &ann).unwrap();
    assert_eq!(back.text().as_str(), TEXT);
    let flatten = |c: Vec<Content>| -> Vec<Content> {
        c.into_iter()
            .map(|(l, s, e, t, n)| (l, s, e, t, n.map(|n| n.replace('\n', " "))))
            .collect()
    };
    assert_eq!(contents(&back), flatten(contents(&doc)));
    assert_eq!(relation_contents(&back), relation_contents(&doc));
    assert_eq!(relation_contents(&doc).len(), 2);
    // Exported again, the same files.
    assert_eq!(brat::export(&back), (txt, ann));
}

#[test]
fn brat_writes_newline_spans_as_fragments_and_numbers_in_export_order() {
    let doc = fixture();
    let (_, ann) = brat::export(&doc);
    let lines: Vec<&str> = ann.lines().collect();
    // T-numbers follow export order (start, end, id).
    assert!(
        lines[0].starts_with("T1\tspeaker 0 12\tLayla Haddad"),
        "{}",
        lines[0]
    );
    let (s, e) = find_cp(TEXT, "إن الحاجز نجح.\n\n“The barrier held,”");
    let (frags, joined) = expected_fragments(TEXT, s, e);
    assert_eq!(frags.len(), 2, "the blank line gives no empty fragment");
    let offsets: Vec<String> = frags.iter().map(|(a, b)| format!("{a} {b}")).collect();
    let want = format!("\tclaim {}\t{joined}", offsets.join(";"));
    assert!(
        lines.iter().any(|l| l.ends_with(&want)),
        "{want:?} in\n{ann}"
    );
    assert!(ann.contains("\tAnnotatorNotes T"));
    assert!(
        ann.contains("\tTwo lines of note\n"),
        "newlines in notes become spaces"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("R1\tattributed_to Arg1:T2 Arg2:T1")),
        "{ann}"
    );
    assert!(!ann.contains('\r'));
}

/// The fixture with what else brat must be told of: a label with a space, a quote with its kind
/// and a cue, a `same_as` link and a relation of another tool's type.
fn fixture_for_brat_conf() -> Document {
    let mut v = fixture_json();
    v["labels"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "name": "key figure", "color": "#DDDDDD" }));
    let anns = v["annotations"].as_array_mut().unwrap();
    anns.push(ann("a11", "key figure", "Cafe\u{301} Noor", None));
    anns.push(ann("a12", "speaker", "she", None));
    let (s, e) = find_cp(TEXT, "posted");
    anns[1]["kind"] = json!("direct");
    anns[1]["cue"] = json!({ "start": s, "end": e, "text": "posted" });
    let rels = v["relations"].as_array_mut().unwrap();
    rels.push(json!({ "id": "r3", "type": "same_as", "from": "a12", "to": "a8" }));
    rels.push(json!({ "id": "r4", "type": "contradicts", "from": "a9", "to": "a5" }));
    v1::import_json(&v.to_string()).expect("the fixture imports")
}

#[test]
fn brat_zip_holds_an_annotation_conf_declaring_every_type_the_ann_uses() {
    let doc = fixture_for_brat_conf();
    let out = annotator_core::export::export(
        &doc,
        annotator_core::export::ExportFormat::Brat,
        &annotator_core::export::Naming::default(),
    );
    let files = zip::read(&out.bytes).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["barrier-holds.txt", "barrier-holds.ann", "annotation.conf"]
    );
    let ann = String::from_utf8(files[1].1.clone()).unwrap();
    let conf = String::from_utf8(files[2].1.clone()).unwrap();
    assert_eq!(conf, brat::config(&doc));
    // The .ann uses all of it: types with `_`, events with roles, the attribute, every relation.
    for used in [
        "\tkey_figure ",
        "\tCue ",
        "\tCue:T",
        " Source:T",
        "\tkind T",
        "\tsame_as Arg1:",
        "\tcontradicts Arg1:",
        "\tattributed_to Arg1:",
    ] {
        assert!(ann.contains(used), "{used:?} in\n{ann}");
    }
    assert_eq!(
        brat_conf::undeclared_brat_types(&conf, &ann),
        Vec::<String>::new(),
        "{conf}"
    );
    // The check is not a rubber stamp: a conf without the relation of another tool's type.
    let less = conf.replace("contradicts\tArg1:<ENTITY>, Arg2:<ENTITY>\n", "");
    assert_eq!(
        brat_conf::undeclared_brat_types(&less, &ann),
        ["relation contradicts"]
    );
    // …and the independent reader agrees, given the conf.
    let dir = temp_dir("brat-conf");
    let (tp, ap, cp) = (
        dir.join("doc.txt"),
        dir.join("doc.ann"),
        dir.join("annotation.conf"),
    );
    std::fs::write(&tp, String::from_utf8(files[0].1.clone()).unwrap()).unwrap();
    std::fs::write(&ap, &ann).unwrap();
    std::fs::write(&cp, &conf).unwrap();
    if run_reader("read_brat.py", &[&tp, &ap, &cp], &[]).is_some() {
        std::fs::write(&cp, &less).unwrap();
        assert!(reader_refuses("read_brat.py", &[&tp, &ap, &cp]));
    }
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn our_brat_zip_imports_back_without_a_problem_for_its_conf() {
    let doc = fixture_for_brat_conf();
    let out = annotator_core::export::export(
        &doc,
        annotator_core::export::ExportFormat::Brat,
        &annotator_core::export::Naming::default(),
    );
    let file = annotator_core::formats::import::InputFile::new("barrier-holds.brat.zip", out.bytes);
    let opts = annotator_core::formats::import::ReadOptions {
        open_text: None,
        labels: doc.labels(),
        mode: annotator_core::formats::import::Mode::Strict,
    };
    let preview = annotator_core::formats::import::read(&[file], &opts).unwrap();
    assert_eq!(preview.articles.len(), 1);
    assert!(preview.problems.is_empty(), "{:?}", preview.problems);
}

#[test]
fn brat_checks_with_an_independent_reader() {
    let doc = fixture();
    let (txt, ann) = brat::export(&doc);
    let dir = temp_dir("brat");
    let (tp, ap) = (dir.join("doc.txt"), dir.join("doc.ann"));
    std::fs::write(&tp, &txt).unwrap();
    std::fs::write(&ap, &ann).unwrap();
    let Some(got) = run_reader("read_brat.py", &[&tp, &ap], &[]) else {
        return;
    };
    let text = doc.text().as_str();
    let expected: Vec<Value> = doc
        .annotations()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let (s, e) = (cp(text, a.span.start.0), cp(text, a.span.end.0));
            let (frags, joined) = expected_fragments(text, s, e);
            json!({
                "id": format!("T{}", i + 1),
                "type": doc.label(a.label).unwrap().name,
                "fragments": frags.iter().map(|&(a, b)| json!([a, b])).collect::<Vec<_>>(),
                "text": joined,
            })
        })
        .collect();
    assert_eq!(got["textbounds"], Value::Array(expected));
    assert_eq!(got["relations"].as_array().unwrap().len(), 2);
    assert_eq!(got["notes"].as_array().unwrap().len(), 2);
    // The reader is not a rubber stamp: offsets one off (as UTF-16 counting gives) are refused.
    std::fs::write(&ap, ann.replacen("\tquote 21 42\t", "\tquote 21 43\t", 1)).unwrap();
    assert_ne!(std::fs::read_to_string(&ap).unwrap(), ann);
    assert!(reader_refuses("read_brat.py", &[&tp, &ap]));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn brat_cue_events_check_with_the_independent_reader() {
    // The fixture with cues: after an emoji-free speaker ("posted"), in Chinese ("说"), and on
    // a quote with no speaker ("she wrote", across no newline).
    let mut doc = fixture();
    let t = doc.text().as_str().to_owned();
    let span = |needle: &str| {
        let b = t.find(needle).unwrap();
        Span::new(b, b + needle.len())
    };
    for (id, cue) in [("a2", "posted"), ("a7", "说"), ("a10", "she wrote")] {
        let action = Action::SetCue {
            id: annotator_core::AnnotationId(id.into()),
            cue: Some(span(cue)),
        };
        doc = doc.apply(&action).unwrap();
    }
    let (txt, ann) = brat::export(&doc);
    let dir = temp_dir("brat-cues");
    let (tp, ap) = (dir.join("doc.txt"), dir.join("doc.ann"));
    std::fs::write(&tp, &txt).unwrap();
    std::fs::write(&ap, &ann).unwrap();
    let Some(got) = run_reader("read_brat.py", &[&tp, &ap], &[]) else {
        return;
    };
    // T numbers of the annotations, in export order.
    let number = |id: &str| {
        let i = doc
            .annotations()
            .iter()
            .position(|a| a.id.as_str() == id)
            .unwrap();
        format!("T{}", i + 1)
    };
    let n = doc.annotations().len();
    let events: Vec<(String, String, String, Vec<Value>)> = got["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["type"].as_str().unwrap().to_owned(),
                e["trigger"].as_str().unwrap().to_owned(),
                e["trigger_text"].as_str().unwrap().to_owned(),
                e["args"].as_array().unwrap().clone(),
            )
        })
        .collect();
    let arg = |role: &str, id: String| json!([role, id]);
    assert_eq!(
        events,
        [
            (
                "Cue".to_owned(),
                format!("T{}", n + 1),
                "posted".to_owned(),
                vec![arg("Content", number("a2")), arg("Source", number("a1"))]
            ),
            (
                "Cue".to_owned(),
                format!("T{}", n + 2),
                "说".to_owned(),
                vec![arg("Content", number("a7")), arg("Source", number("a6"))]
            ),
            (
                "Cue".to_owned(),
                format!("T{}", n + 3),
                "she wrote".to_owned(),
                vec![arg("Content", number("a10"))]
            ),
        ]
    );
    // The triggers are T lines of their own, at the cues' code-point offsets.
    let triggers = &got["textbounds"].as_array().unwrap()[n..];
    let fragments: Vec<&Value> = triggers.iter().map(|t| &t["fragments"]).collect();
    let at = |needle: &str| {
        let (s, e) = find_cp(TEXT, needle);
        json!([[s, e]])
    };
    assert_eq!(fragments, [&at("posted"), &at("说"), &at("she wrote")]);
    // Both attributions are in the events; no R line repeats them.
    assert_eq!(got["relations"], json!([]));
    // The reader is not a rubber stamp: an event whose trigger is not of its type is refused.
    std::fs::write(&ap, ann.replacen("E1\tCue:", "E1\tSpeech:", 1)).unwrap();
    assert!(reader_refuses("read_brat.py", &[&tp, &ap]));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn brat_type_names_lose_their_spaces_and_import_refuses_bad_lines() {
    let doc = Document::new(Text::new("The key figure spoke."), None)
        .apply(&Action::AddLabel(annotator_core::LabelSpec {
            name: "key figure".into(),
            color: "#E0E0FF".into(),
            key: None,
        }))
        .unwrap();
    let id = doc.label_named("key figure").unwrap().id;
    let doc = doc
        .apply(&Action::Create {
            label: id,
            span: Span::new(4, 14),
        })
        .unwrap();
    let (txt, ann) = brat::export(&doc);
    assert_eq!(ann, "T1\tkey_figure 4 14\tkey figure\n");
    let back = brat::import(&txt, &ann).unwrap();
    assert_eq!(
        back.label(back.annotations()[0].label).unwrap().name,
        "key_figure"
    );
    let new = back.label_named("key_figure").unwrap();
    assert!(contrast(&new.color, INK) >= MIN_CONTRAST);

    let line_err = |ann: &str| match brat::import(&txt, ann) {
        Err(brat::BratError::Line { line, message }) => (line, message),
        other => panic!("{other:?}"),
    };
    assert_eq!(line_err("T1\tquote 4 14\tkey figurE\n").0, 1);
    assert_eq!(line_err("\nT1\tquote 4 99\tkey figure\n").0, 2);
    assert_eq!(line_err("T1\tquote 4 x\tkey\n").0, 1);
    assert_eq!(line_err("T1\tquote 4 7\tkey\nR1\tr Arg1:T1 Arg2:T9\n").0, 2);
    assert_eq!(line_err("#1\tAnnotatorNotes T4\thi\n").0, 1);
    assert_eq!(
        brat::import("a\r\nb", ""),
        Err(brat::BratError::CarriageReturn)
    );
    // Discontinuous spans import as one span; events and attributes are skipped.
    let d = brat::import(
        "ab\ncd ef",
        "T1\tquote 0 2;3 5\tab cd\nE1\tx:T1\nA1\tNeg E1\nT2\tspeaker 6 8\tef\nR1\tsaid Arg1:T1 Arg2:T2\t\n#1\tAnnotatorNotes T2\tok\n",
    )
    .unwrap();
    assert_eq!(d.annotation_text(&d.annotations()[0]), "ab\ncd");
    assert_eq!(d.annotations()[1].note.as_deref(), Some("ok"));
    assert_eq!(d.relations()[0].kind, "said");
}

// ---------------------------------------------------------------------------------------------
// CoNLL

/// Text with punctuation tokens, a sentence break, a newline, an emoji and combining accents.
const CONLL_TEXT: &str =
    "Ana said: “We’ll win.” Then she left.\nBob 😀 agreed, e\u{301}te\u{301} 2024.";

fn conll_doc() -> Document {
    let mut d = Document::new(Text::new(CONLL_TEXT), None);
    for (label, needle) in [
        (QUOTE, "“We’ll win.”"),
        (QUOTE, "We’ll"),
        (QUOTE, "she left.\nBob"),
        (QUOTE, "gree"),
        (SPEAKER, "Ana"),
        (SPEAKER, "Bob"),
    ] {
        let at = CONLL_TEXT.find(needle).unwrap();
        d = d
            .apply(&Action::Create {
                label,
                span: Span::new(at, at + needle.len()),
            })
            .unwrap();
    }
    d
}

#[test]
fn conll_writes_bio_by_uax29_words_and_sentences() {
    let doc = conll_doc();
    let want =
        "Ana\tO\nsaid\tO\n:\tO\n“\tB-quote\nWe’ll\tI-quote\nwin\tI-quote\n.\tI-quote\n”\tI-quote\n\
                \n\
                Then\tO\nshe\tB-quote\nleft\tI-quote\n.\tI-quote\n\
                \n\
                Bob\tB-quote\n😀\tO\nagreed\tB-quote\n,\tO\ne\u{301}te\u{301}\tO\n2024\tO\n.\tO\n";
    assert_eq!(conll::export(&doc, QUOTE), want);
    // The nested, shorter quote lost to the longer one, and is reported.
    let we = doc
        .annotations()
        .iter()
        .find(|a| doc.annotation_text(a) == "We’ll")
        .unwrap();
    assert_eq!(conll::dropped(&doc, QUOTE), vec![we.id.clone()]);
    assert!(conll::dropped(&doc, SPEAKER).is_empty());
    let all = conll::export_all_layers(&doc);
    assert!(
        all.starts_with("Ana\tO\tB-speaker\tO\tO\nsaid\tO\tO\tO\tO\n"),
        "{all}"
    );
    assert!(all.contains("\nBob\tB-quote\tB-speaker\tO\tO\n"), "{all}");
}

#[test]
fn conll_overlaps_go_to_the_longer_span_then_the_earlier_one() {
    let text = "aa bb cc dd";
    let make = |spans: &[(usize, usize)]| {
        spans
            .iter()
            .fold(Document::new(Text::new(text), None), |d, &(s, e)| {
                d.apply(&Action::Create {
                    label: QUOTE,
                    span: Span::new(s, e),
                })
                .unwrap()
            })
    };
    // Equal lengths: the earlier start wins; the later one is dropped whole, not cut.
    let d = make(&[(0, 5), (3, 8), (6, 11)]);
    assert_eq!(
        conll::export(&d, QUOTE),
        "aa\tB-quote\nbb\tI-quote\ncc\tB-quote\ndd\tI-quote\n"
    );
    // A longer span wins over both.
    let d = make(&[(0, 5), (3, 11), (6, 11)]);
    assert_eq!(
        conll::export(&d, QUOTE),
        "aa\tO\nbb\tB-quote\ncc\tI-quote\ndd\tI-quote\n"
    );
    assert_eq!(conll::dropped(&d, QUOTE).len(), 2);
}

#[test]
fn conll_checks_with_an_independent_reader() {
    let doc = conll_doc();
    let dir = temp_dir("conll");
    let (cp_path, tp) = (dir.join("doc.conll"), dir.join("doc.txt"));
    std::fs::write(&cp_path, conll::export(&doc, QUOTE)).unwrap();
    std::fs::write(&tp, CONLL_TEXT).unwrap();
    // Expected chunks, by hand: the cross-sentence quote is one chunk per sentence, and the
    // quote ending inside "agreed" claims the whole word.
    let chunk = |needle: &str| {
        let (s, e) = find_cp(CONLL_TEXT, needle);
        json!({ "column": 1, "label": "quote", "start": s, "end": e, "text": needle })
    };
    let expect = json!([
        chunk("“We’ll win.”"),
        chunk("she left."),
        chunk("Bob"),
        chunk("agreed")
    ]);
    let Some(got) = run_reader(
        "read_conll.py",
        &[&cp_path, &tp],
        &["--expect", &expect.to_string()],
    ) else {
        return;
    };
    assert_eq!(got["chunks"], expect);
    assert_eq!(got["sentences"], 3);
    assert_eq!(got["tokens"], 19);
    // An I- that continues nothing is refused.
    let bad = conll::export(&doc, QUOTE).replacen("she\tB-quote", "she\tI-quote", 1);
    std::fs::write(&cp_path, bad).unwrap();
    assert!(reader_refuses("read_conll.py", &[&cp_path, &tp]));

    // The big fixture, every layer: every kept annotation starts a chunk in its column.
    let doc = fixture();
    std::fs::write(&cp_path, conll::export_all_layers(&doc)).unwrap();
    std::fs::write(&tp, TEXT).unwrap();
    let got = run_reader("read_conll.py", &[&cp_path, &tp], &[]).unwrap();
    let chunks = got["chunks"].as_array().unwrap();
    for a in doc.annotations() {
        if conll::dropped(&doc, a.label).contains(&a.id) {
            continue;
        }
        let column = doc.labels().iter().position(|l| l.id == a.label).unwrap() + 1;
        let start = cp(TEXT, a.span.start.0);
        assert!(
            chunks.iter().any(|c| c["column"] == column
                && c["start"].as_u64().unwrap() as usize <= start
                && start < c["end"].as_u64().unwrap() as usize),
            "{} has no chunk",
            a.id
        );
    }
    std::fs::remove_dir_all(dir).ok();
}

// ---------------------------------------------------------------------------------------------
// Label Studio

#[test]
fn label_studio_offsets_are_code_point_slices() {
    let doc = fixture();
    let v: Value = serde_json::from_str(&label_studio::export(&doc)).unwrap();
    let task = &v.as_array().unwrap()[0];
    assert_eq!(task["data"]["text"], TEXT);
    let result = task["annotations"][0]["result"].as_array().unwrap();
    let regions: Vec<&Value> = result.iter().filter(|r| r["type"] == "labels").collect();
    assert_eq!(regions.len(), doc.annotations().len());
    for r in &regions {
        let (s, e) = (
            r["value"]["start"].as_u64().unwrap() as usize,
            r["value"]["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(r["value"]["text"], cp_slice(TEXT, s, e), "{r}");
        assert_eq!(r["from_name"], "label");
        assert_eq!(r["to_name"], "text");
        let a = doc
            .annotation(&annotator_core::AnnotationId(
                r["id"].as_str().unwrap().into(),
            ))
            .unwrap();
        assert_eq!(
            r["value"]["labels"],
            json!([doc.label(a.label).unwrap().name])
        );
        assert_eq!(r["meta"]["text"][0].as_str(), a.note.as_deref());
    }
    // The wave emoji is one position: "Dry" starts right where a UTF-16 count would be 1 less.
    let dry = regions
        .iter()
        .find(|r| r["value"]["text"] == "Dry feet 🌊")
        .unwrap();
    assert_eq!(dry["value"]["start"], 22);
    let rels: Vec<&Value> = result.iter().filter(|r| r["type"] == "relation").collect();
    assert_eq!(rels.len(), 2);
    for r in rels {
        for end in ["from_id", "to_id"] {
            assert!(regions.iter().any(|g| g["id"] == r[end]), "{r}");
        }
        assert_eq!(r["labels"], json!(["attributed_to"]));
        assert_eq!(r["direction"], "right");
    }
    let config = label_studio::config(&doc);
    assert!(config.contains("<Labels name=\"label\" toName=\"text\">"));
    assert!(config.contains("<Label value=\"quote\" background=\"#FFE08A\"/>"));
    assert!(config.contains("<Text name=\"text\" value=\"$text\"/>"));
    assert!(config.contains("<Relation value=\"attributed_to\"/>"));
}

// ---------------------------------------------------------------------------------------------
// CSV

/// A small RFC 4180 reader: records end in CRLF; fields may be quoted, with `""` for a quote and
/// any character (CR and LF included) inside. Panics on anything else.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut chars = s.chars().peekable();
    loop {
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next().expect("unterminated quoted field") {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c == ',' || c == '\r' {
                    break;
                }
                assert!(c != '"' && c != '\n', "bare {c:?} in an unquoted field");
                field.push(c);
                chars.next();
            }
        }
        record.push(field);
        match chars.next() {
            Some(',') => {}
            Some('\r') => {
                assert_eq!(chars.next(), Some('\n'), "CR without LF");
                records.push(std::mem::take(&mut record));
                if chars.peek().is_none() {
                    return records;
                }
            }
            None => panic!("the last record has no CRLF"),
            Some(c) => panic!("{c:?} after a field"),
        }
    }
}

#[test]
fn csv_is_rfc4180_with_code_point_offsets() {
    let doc = fixture();
    let out = csv::export(&doc);
    let rows = parse_csv(&out);
    assert_eq!(rows[0], ["id", "label", "start", "end", "text", "note"]);
    assert_eq!(rows.len(), doc.annotations().len() + 1);
    for (row, a) in rows[1..].iter().zip(doc.annotations()) {
        assert_eq!(row[0], a.id.as_str());
        assert_eq!(row[1], doc.label(a.label).unwrap().name);
        let (s, e): (usize, usize) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        assert_eq!(csv::unguard(&row[4]), cp_slice(TEXT, s, e));
        assert_eq!(row[5], a.note.clone().unwrap_or_default());
    }
    // The multi-line span and note survive inside quotes, with their LF.
    assert!(rows.iter().any(|r| r[4].contains(".\n\n“The")));
    assert!(rows.iter().any(|r| r[5] == "Two lines\nof note"));
}

#[test]
fn csv_guards_against_formula_injection() {
    let text = "=HYPERLINK(\"http://x\") +1 -2 @SUM(A1) 'quoted' plain, \"q\"";
    let mut d = Document::new(Text::new(text), None);
    for needle in [
        "=HYPERLINK(\"http://x\")",
        "+1",
        "-2",
        "@SUM(A1)",
        "'quoted'",
        "plain, \"q\"",
    ] {
        let at = text.find(needle).unwrap();
        d = d
            .apply(&Action::Create {
                label: QUOTE,
                span: Span::new(at, at + needle.len()),
            })
            .unwrap();
    }
    let first = d.annotations()[0].id.clone();
    let d = d
        .apply(&Action::SetNote {
            id: first,
            note: Some("-note\r\nsecond".into()),
        })
        .unwrap();
    let rows = parse_csv(&csv::export(&d));
    let texts: Vec<&str> = rows[1..].iter().map(|r| r[4].as_str()).collect();
    assert_eq!(
        texts,
        [
            "'=HYPERLINK(\"http://x\")",
            "'+1",
            "'-2",
            "'@SUM(A1)",
            "'quoted'",
            "plain, \"q\""
        ]
    );
    assert_eq!(rows[1][5], "'-note\r\nsecond");
    for cell in ["=1", "'=1", "''-x", "'x", "", "x", "\tx", "\rx"] {
        assert_eq!(csv::unguard(&csv::guard(cell)), cell);
        assert!(!csv::guard(cell).starts_with(['=', '+', '-', '@', '\t', '\r']));
    }
    assert_eq!(csv::guard("'=1"), "''=1");
}

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation

#[test]
fn w3c_selectors_match_code_point_slices() {
    let doc = fixture();
    let out = w3c::export(&doc, None);
    assert_eq!(
        out.matches("http").count(),
        1,
        "only the @context is a network IRI"
    );
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(v["type"], "AnnotationCollection");
    assert_eq!(v["label"], "Barrier holds");
    let items = v["first"]["items"].as_array().unwrap();
    assert_eq!(v["total"], items.len());
    assert_eq!(v["first"]["type"], "AnnotationPage");
    let tags: Vec<&Value> = items
        .iter()
        .filter(|i| i["motivation"] == "tagging")
        .collect();
    assert_eq!(tags.len(), doc.annotations().len());
    let n = TEXT.chars().count();
    for (item, a) in tags.iter().zip(doc.annotations()) {
        assert_eq!(item["type"], "Annotation");
        assert_eq!(
            item["id"],
            format!("urn:article-annotator:barrier-holds:{}", a.id)
        );
        assert_eq!(
            item["target"]["source"],
            "urn:article-annotator:barrier-holds"
        );
        let sel = item["target"]["selector"].as_array().unwrap();
        let (quote, pos) = (&sel[0], &sel[1]);
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(pos["type"], "TextPositionSelector");
        let (s, e) = (
            pos["start"].as_u64().unwrap() as usize,
            pos["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(quote["exact"], cp_slice(TEXT, s, e));
        assert_eq!(quote["exact"], doc.annotation_text(a));
        // At most 32 code points and at most 32 UTF-16 units, whichever is shorter.
        let within = |chars: Vec<char>| -> String {
            let mut units = 0;
            chars
                .into_iter()
                .take_while(|c| {
                    units += c.len_utf16();
                    units <= 32
                })
                .collect()
        };
        let before: Vec<char> = cp_slice(TEXT, s.saturating_sub(32), s)
            .chars()
            .rev()
            .collect();
        let prefix: String = within(before).chars().rev().collect();
        assert_eq!(quote["prefix"], prefix);
        assert_eq!(
            quote["suffix"],
            within(cp_slice(TEXT, e, (e + 32).min(n)).chars().collect())
        );
        let body = item["body"].as_array().unwrap();
        assert_eq!(
            body[0],
            json!({"type": "TextualBody", "purpose": "tagging", "value": doc.label(a.label).unwrap().name})
        );
        match &a.note {
            Some(note) => assert_eq!(body[1]["value"], note.as_str()),
            None => assert_eq!(body.len(), 1),
        }
    }
    // A prefix is cut to 32 code points or 32 UTF-16 units, whichever is shorter.
    let last = tags.last().unwrap();
    let prefix = last["target"]["selector"][0]["prefix"].as_str().unwrap();
    assert!(prefix.chars().count() <= 32 && prefix.encode_utf16().count() <= 32);
    assert!(prefix.encode_utf16().count() >= 31, "{prefix:?}");
    let links: Vec<&Value> = items
        .iter()
        .filter(|i| i["motivation"] == "linking")
        .collect();
    assert_eq!(links.len(), 2);
    assert_eq!(links[0]["target"], "urn:article-annotator:barrier-holds:a2");
    assert_eq!(
        links[0]["body"][0]["id"],
        "urn:article-annotator:barrier-holds:a1"
    );
    assert_eq!(links[0]["body"][1]["value"], "attributed_to");
}

// ---------------------------------------------------------------------------------------------
// ZIP

/// CRC-32 bit by bit, apart from the writer's table.
fn crc32_bitwise(data: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in data {
        c ^= u32::from(b);
        for _ in 0..8 {
            c = if c & 1 == 1 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

/// A small ZIP reader: end record, central directory, local headers; checks CRCs and sizes.
fn read_zip(z: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16at = |i: usize| u16::from_le_bytes([z[i], z[i + 1]]);
    let u32at = |i: usize| u32::from_le_bytes(z[i..i + 4].try_into().unwrap());
    let end = z.len() - 22;
    assert_eq!(u32at(end), 0x0605_4B50, "end of central directory");
    let count = u16at(end + 10) as usize;
    assert_eq!(u16at(end + 8) as usize, count);
    let (cd_size, cd_offset) = (u32at(end + 12) as usize, u32at(end + 16) as usize);
    assert_eq!(cd_offset + cd_size, end);
    let mut at = cd_offset;
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(u32at(at), 0x0201_4B50, "central header");
        let flags = u16at(at + 8);
        assert_eq!(flags, 0x0800, "UTF-8 names");
        assert_eq!(u16at(at + 10), 0, "stored");
        assert_eq!(
            (u16at(at + 12), u16at(at + 14)),
            (0, 0x21),
            "1980-01-01 00:00"
        );
        let crc = u32at(at + 16);
        let (csize, usize_) = (u32at(at + 20) as usize, u32at(at + 24) as usize);
        assert_eq!(csize, usize_);
        let (nlen, xlen, clen) = (
            u16at(at + 28) as usize,
            u16at(at + 30) as usize,
            u16at(at + 32) as usize,
        );
        let local = u32at(at + 42) as usize;
        let name = String::from_utf8(z[at + 46..at + 46 + nlen].to_vec()).unwrap();
        at += 46 + nlen + xlen + clen;
        assert_eq!(u32at(local), 0x0403_4B50, "local header");
        assert_eq!(u16at(local + 6), flags);
        assert_eq!(u32at(local + 14), crc);
        assert_eq!(u32at(local + 18) as usize, csize);
        let (lnlen, lxlen) = (u16at(local + 26) as usize, u16at(local + 28) as usize);
        assert_eq!(&z[local + 30..local + 30 + lnlen], name.as_bytes());
        let data_at = local + 30 + lnlen + lxlen;
        let data = z[data_at..data_at + csize].to_vec();
        assert_eq!(crc32_bitwise(&data), crc, "{name}: CRC");
        out.push((name, data));
    }
    assert_eq!(at, end);
    out
}

#[test]
fn zip_store_reads_back_with_crc_and_utf8_names() {
    let doc = fixture();
    let (txt, ann) = brat::export(&doc);
    let csv = csv::export(&doc);
    let files: Vec<(&str, &[u8])> = vec![
        ("barrier-holds/doc.txt", txt.as_bytes()),
        ("barrier-holds/doc.ann", ann.as_bytes()),
        ("export – 王秀英 🌊.csv", csv.as_bytes()),
        ("empty", b""),
    ];
    let z = zip::store(&files);
    let back = read_zip(&z);
    assert_eq!(back.len(), files.len());
    for ((name, data), (n2, d2)) in files.iter().zip(&back) {
        assert_eq!(name, n2);
        assert_eq!(*data, d2.as_slice());
    }
    assert_eq!(zip::crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32_bitwise(b"123456789"), 0xCBF4_3926);
    assert_eq!(zip::store(&files), z, "the same files give the same bytes");
    assert_eq!(zip::store(&[]).len(), 22);
    read_zip(&zip::store(&[]));

    let dir = temp_dir("zip");
    let path = dir.join("export.zip");
    std::fs::write(&path, &z).unwrap();
    if let Some(got) = run_reader("read_zip.py", &[&path], &[]) {
        let names: Vec<&str> = got
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, files.iter().map(|f| f.0).collect::<Vec<_>>());
        assert_eq!(got[2]["text"], csv);
        assert_eq!(got[2]["crc"], crc32_bitwise(csv.as_bytes()));
    }
    std::fs::remove_dir_all(dir).ok();
}

// ---------------------------------------------------------------------------------------------
// Lenient v1 import

/// A file with a label the file does not define (used twice) and an annotation whose offsets
/// were counted in UTF-16 units (one too many after the emoji).
fn sloppy_file() -> Value {
    let text = "Hi 😀 “there”, said Ortega. Ortega left.";
    json!({
        "format": "article-annotator",
        "version": 1,
        "document": { "title": null, "text": text },
        "labels": [ { "name": "quote", "color": "#FFE08A", "key": "1" } ],
        "annotations": [
            { "id": "a1", "label": "quote", "start": 6, "end": 13, "text": "“there”" },
            { "id": "a2", "label": "source", "start": 19, "end": 25, "text": "Ortega" },
            { "id": "a3", "label": "source", "start": 27, "end": 33, "text": "Ortega" }
        ],
        "relations": [ { "id": "r1", "type": "attributed_to", "from": "a1", "to": "a2" } ]
    })
}

#[test]
fn lenient_import_adds_labels_and_reanchors_with_notices() {
    let file = sloppy_file();
    let strict = v1::import_json(&file.to_string()).unwrap_err();
    assert!(
        matches!(strict, ImportError::TextMismatch { .. }),
        "{strict:?}"
    );
    let mut fixed = file.clone();
    fixed["annotations"][0]["start"] = json!(5);
    fixed["annotations"][0]["end"] = json!(12);
    let strict = v1::import_json(&fixed.to_string()).unwrap_err();
    assert!(
        matches!(strict, ImportError::UnknownLabel { .. }),
        "{strict:?}"
    );
    let v1::Imported { doc, notices } = v1::import_json_lenient(&file.to_string()).unwrap();
    assert_eq!(
        notices,
        [
            "added label \"source\" (used by 2 annotations)",
            "re-anchored 1 annotation whose offsets did not match its text",
            "annotation \"a1\" moved -1 code points, from 6..13 to 5..12",
        ]
    );
    let text = doc.text().as_str();
    let got: Vec<(&str, usize, usize, &str)> = doc
        .annotations()
        .iter()
        .map(|a| {
            (
                a.id.as_str(),
                cp(text, a.span.start.0),
                cp(text, a.span.end.0),
                doc.label(a.label).unwrap().name.as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("a1", 5, 12, "quote"),
            ("a2", 19, 25, "source"),
            ("a3", 27, 33, "source")
        ]
    );
    let source = doc.label_named("source").unwrap();
    assert_eq!(source.key, None);
    assert!(contrast(&source.color, INK) >= MIN_CONTRAST);
    assert_eq!(doc.relations().len(), 1);
    // A valid file imports the same either way, with no notices.
    let fine = fixture_json().to_string();
    let lenient = v1::import_json_lenient(&fine).unwrap();
    assert_eq!(lenient.doc, v1::import_json(&fine).unwrap());
    assert!(lenient.notices.is_empty());
}

#[test]
fn reanchoring_picks_the_nearest_whole_occurrence() {
    let file = |text: &str, start: usize, end: usize, quoted: &str| {
        json!({
            "format": "article-annotator", "version": 1,
            "document": { "title": null, "text": text },
            "labels": default_labels_json(),
            "annotations": [ { "id": "x", "label": "quote", "start": start, "end": end, "text": quoted } ],
            "relations": []
        })
        .to_string()
    };
    let span_of = |json: &str| {
        let doc = v1::import_json_lenient(json).unwrap().doc;
        let a = &doc.annotations()[0];
        let t = doc.text().as_str();
        (cp(t, a.span.start.0), cp(t, a.span.end.0))
    };
    // "said" at 0, 10 and 19: stated at 12, the one at 10 is nearest (not the first).
    assert_eq!(
        span_of(&file("said yes. said no. said yes.", 12, 16, "said")),
        (10, 14)
    );
    // Stated at 17: 19 is nearer than 10.
    assert_eq!(
        span_of(&file("said yes. said no. said yes.", 17, 21, "said")),
        (19, 23)
    );
    // "cafe" inside "cafe\u{301}" would split a grapheme cluster: skipped for the later one.
    assert_eq!(span_of(&file("cafe\u{301} cafe", 1, 5, "cafe")), (6, 10));
    // Nor one that starts on a combining mark after its base letter: the one at 0 stands alone.
    assert_eq!(
        span_of(&file("\u{301}s cafe\u{301}s", 6, 8, "\u{301}s")),
        (0, 2)
    );
    // Nowhere in the text: still the strict error.
    let err = v1::import_json_lenient(&file("said yes.", 0, 4, "told")).unwrap_err();
    assert!(matches!(err, ImportError::TextMismatch { .. }), "{err:?}");
    // Many moves: the count is exact and the list is cut short.
    let text = "ab ".repeat(30);
    let anns: Vec<Value> = (0..30)
        .map(|i| json!({ "id": format!("a{i}"), "label": "quote", "start": 3 * i + 1, "end": 3 * i + 3, "text": "ab" }))
        .collect();
    let many = json!({
        "format": "article-annotator", "version": 1,
        "document": { "title": null, "text": text },
        "labels": default_labels_json(), "annotations": anns, "relations": []
    });
    let notices = v1::import_json_lenient(&many.to_string()).unwrap().notices;
    assert_eq!(
        notices[0],
        "re-anchored 30 annotations whose offsets did not match their text"
    );
    assert_eq!(notices.last().unwrap(), "… and 10 more");
    assert_eq!(notices.len(), 1 + 20 + 1);
}

#[test]
fn lenient_import_keeps_every_other_error() {
    let lenient = |edit: &dyn Fn(&mut Value)| {
        let mut v = sloppy_file();
        edit(&mut v);
        v1::import_json_lenient(&v.to_string()).unwrap_err()
    };
    assert_eq!(
        lenient(&|v| v["version"] = json!(2)),
        ImportError::WrongVersion(2)
    );
    assert_eq!(
        lenient(&|v| v["format"] = json!("x")),
        ImportError::WrongFormat("x".into())
    );
    assert!(matches!(
        lenient(&|v| v["annotations"][1]["end"] = json!(999)),
        ImportError::BadOffsets { .. }
    ));
    assert!(matches!(
        lenient(&|v| v["annotations"][1]["end"] = json!(19)),
        ImportError::BadOffsets { .. }
    ));
    assert_eq!(
        lenient(&|v| v["annotations"][2]["id"] = json!("a1")),
        ImportError::DuplicateId("a1".into())
    );
    // Of two repeated ids, the one repeated first in the file is named.
    assert_eq!(
        lenient(&|v| {
            v["annotations"][0]["id"] = json!("b");
            v["annotations"][1]["id"] = json!("a");
            v["annotations"][2]["id"] = json!("b");
            let mut more = v["annotations"][1].clone();
            more["id"] = json!("a");
            v["annotations"].as_array_mut().unwrap().push(more);
        }),
        ImportError::DuplicateId("b".into())
    );
    // Ids that share their first 8 bytes are still told apart, and a repeat among them found.
    assert_eq!(
        lenient(&|v| {
            v["annotations"][0]["id"] = json!("annotation-10");
            v["annotations"][1]["id"] = json!("annotation-2");
            v["annotations"][2]["id"] = json!("annotation-1");
            let mut more = v["annotations"][1].clone();
            more["id"] = json!("annotation-2");
            v["annotations"].as_array_mut().unwrap().push(more);
        }),
        ImportError::DuplicateId("annotation-2".into())
    );
    // A repeated id before another fault is the one reported, and one after it is not.
    assert_eq!(
        lenient(&|v| {
            v["annotations"][1]["id"] = json!("a1");
            v["annotations"][2]["end"] = json!(999);
        }),
        ImportError::DuplicateId("a1".into())
    );
    assert!(matches!(
        lenient(&|v| {
            v["annotations"][1]["end"] = json!(999);
            v["annotations"][2]["id"] = json!("a1");
        }),
        ImportError::BadOffsets { .. }
    ));
    // ... and so is one on the annotation with the other fault.
    assert_eq!(
        lenient(&|v| {
            v["annotations"][2]["id"] = json!("a1");
            v["annotations"][2]["end"] = json!(999);
        }),
        ImportError::DuplicateId("a1".into())
    );
    assert!(matches!(
        lenient(&|v| v["relations"][0]["to"] = json!("zz")),
        ImportError::DanglingRelation { field: "to", .. }
    ));
    assert!(matches!(
        lenient(&|v| v["document"]["text"] = json!("a\r\nb")),
        ImportError::Json(_)
    ));
    assert!(matches!(
        lenient(&|v| v["annotations"][0]["label"] = json!("")),
        ImportError::UnknownLabel { .. }
    ));
}

#[test]
fn type_errors_name_the_annotation_the_field_and_the_position() {
    let mut v = sloppy_file();
    v["annotations"][1]["start"] = json!("20");
    let msg = v1::import_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        msg.contains("annotation \"a2\" (annotations[1]), field \"start\""),
        "{msg}"
    );
    assert!(msg.contains("line 1 column"), "{msg}");
    let mut v = sloppy_file();
    v["annotations"][2].as_object_mut().unwrap().remove("text");
    let msg = v1::import_json_lenient(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        msg.contains("annotation \"a3\" (annotations[2])") && msg.contains("missing field `text`"),
        "{msg}"
    );
    let mut v = sloppy_file();
    v["labels"][0]["key"] = json!(1);
    let msg = v1::import_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        msg.contains("label \"quote\" (labels[0]), field \"key\""),
        "{msg}"
    );
    let mut v = sloppy_file();
    v["relations"][0]["extra"] = json!(true);
    v["relations"][0]["from"] = json!(null);
    let msg = v1::import_json(&v.to_string()).unwrap_err().to_string();
    assert!(
        msg.contains("relation \"r1\" (relations[0]), field \"from\""),
        "{msg}"
    );
}

#[test]
fn oversized_input_is_refused_before_parsing() {
    let huge = " ".repeat(v1::MAX_IMPORT_BYTES + 1);
    let want = ImportError::TooLarge {
        size: v1::MAX_IMPORT_BYTES + 1,
        max: v1::MAX_IMPORT_BYTES,
    };
    assert_eq!(v1::import_json(&huge).unwrap_err(), want);
    assert_eq!(v1::import_json_lenient(&huge).unwrap_err(), want);
    assert!(want.to_string().contains("50 MiB"), "{want}");
    assert!(matches!(
        brat::import(&huge, ""),
        Err(brat::BratError::TooLarge { .. })
    ));
    // Exactly at the limit is not refused for its size.
    let at_limit = " ".repeat(v1::MAX_IMPORT_BYTES);
    assert!(matches!(
        v1::import_json(&at_limit),
        Err(ImportError::Json(_))
    ));
}

#[test]
fn added_label_colours_are_readable_pastels() {
    let defaults: Vec<String> = default_labels().into_iter().map(|l| l.color).collect();
    for c in v1::EXTRA_LABEL_COLORS {
        assert!(is_hex_color(c), "{c}");
        assert!(
            contrast(c, INK) >= MIN_CONTRAST,
            "{c}: {}",
            contrast(c, INK)
        );
        assert!(
            !defaults.iter().any(|d| d.eq_ignore_ascii_case(c)),
            "{c} is a default"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Annotated article (HTML)

/// Undoes [`html::escape`].
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Each `<mark … data-ann="…">text</mark>` of the page: (its annotation ids, its text).
fn marks(page: &str) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(i) = rest.find("<mark ") {
        rest = &rest[i..];
        let open_end = rest.find('>').unwrap();
        let tag = &rest[..open_end];
        let close = rest.find("</mark>").unwrap();
        let content = &rest[open_end + 1..close];
        assert!(!content.contains('<'), "marks are never nested: {content}");
        if let Some(a) = tag.find("data-ann=\"") {
            let ids = &tag[a + 10..];
            let ids = &ids[..ids.find('"').unwrap()];
            out.push((ids.split(' ').map(unescape).collect(), unescape(content)));
        }
        rest = &rest[close..];
    }
    out
}

#[test]
fn the_annotated_article_holds_every_highlight_its_speakers_and_the_table() {
    let doc = fixture();
    let page = html::export(&doc);
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(!page.to_lowercase().contains("<script"), "no script");
    assert!(page.contains("default-src 'none'; style-src 'unsafe-inline'"));
    assert!(page.contains("print-color-adjust:exact"));
    assert!(
        !page.contains("http://") && !page.contains("https://"),
        "nothing to load"
    );
    let marks = marks(&page);
    for a in doc.annotations() {
        let shown: String = marks
            .iter()
            .filter(|(ids, _)| ids.iter().any(|i| i == a.id.as_str()))
            .map(|(_, t)| t.as_str())
            .collect();
        // Paragraph breaks are the <p>s between its parts.
        assert_eq!(shown, doc.annotation_text(a).replace('\n', ""), "{}", a.id);
    }
    // Nested spans: "Dry feet 🌊" (a3) inside a2 is drawn over a2's band.
    let inner = marks.iter().find(|(ids, _)| ids == &["a2", "a3"]).unwrap();
    assert_eq!(inner.1, "Dry feet 🌊");
    // The speaker follows each attributed quote.
    assert!(page
        .contains("at last.”</mark><span class=\"speaker\" data-for=\"a2\">— Layla Haddad</span>"));
    assert!(page.contains("<span class=\"speaker\" data-for=\"a7\">— 王秀英</span>"));
    // The legend and the table.
    assert!(page.contains("<li><mark class=\"l0\">quote</mark> 4</li>"));
    assert!(page.contains("<tr><th scope=\"row\">Layla Haddad</th><td><ul><li>“Dry feet 🌊 at last.”</li></ul></td><td></td></tr>"));
    assert!(page.contains("<th scope=\"row\">No speaker</th>"));
}

#[test]
fn the_annotated_article_escapes_everything_it_writes() {
    let text = "<img src=x onerror=alert(1)> & \"quotes\" 'too' </p><script>alert(2)</script>";
    let first = text.find('&').unwrap();
    let file = json!({
        "format": "article-annotator",
        "version": 1,
        "document": { "title": "</title><script>alert(3)</script>", "text": text },
        "labels": [{ "name": "\"><script>alert(4)</script>", "color": "#FFE08A", "key": "1" }],
        "annotations": [{
            "id": "x\"><script>", "label": "\"><script>alert(4)</script>",
            "start": 0, "end": first, "text": &text[..first]
        }],
        "relations": [],
    });
    let doc = v1::import_json(&file.to_string()).expect("imports");
    let page = html::export(&doc);
    let lower = page.to_lowercase();
    assert!(!lower.contains("<script"), "{page}");
    assert!(!lower.contains("<img"), "{page}");
    assert!(page.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(page.contains("<title>&lt;/title&gt;&lt;script&gt;alert(3)&lt;/script&gt;</title>"));
    assert!(page.contains("&#39;too&#39;") && page.contains("&quot;quotes&quot;"));
    assert!(page.contains("&quot;&gt;&lt;script&gt;alert(4)&lt;/script&gt;"));
    let marks = marks(&page);
    assert_eq!(marks.len(), 1);
    assert_eq!(
        marks[0],
        (
            vec!["x\"><script>".to_owned()],
            "<img src=x onerror=alert(1)> ".to_owned()
        )
    );
}

#[test]
fn a_v1_reader_makes_text_and_labels_first_then_annotations_and_stops_at_a_fault() {
    let doc = Document::new(Text::new(TEXT), None)
        .apply(&Action::Create {
            label: QUOTE,
            span: Span::new(0, "Layla".len()),
        })
        .unwrap();
    let json = v1::export_json(&doc);
    let mut reader = v1::Reader::lenient(&json).unwrap();
    assert_eq!(reader.progress(), (0, 1));
    assert_eq!(reader.step(5), Ok(false), "text and labels only");
    assert_eq!(reader.progress(), (0, 1));
    assert_eq!(reader.step(5), Ok(true));
    assert_eq!(reader.progress(), (1, 1));
    assert_eq!(reader.finish().unwrap().doc, doc);

    // A fault in the labels is met by the first step; asked to go on, the reader refuses again
    // rather than reading on past it.
    let mut v: Value = serde_json::from_str(&json).unwrap();
    v["labels"][0]["color"] = json!("red");
    let mut reader = v1::Reader::lenient(&v.to_string()).unwrap();
    assert!(matches!(reader.step(5), Err(ImportError::BadColor { .. })));
    assert!(reader.step(5).is_err());
    assert!(reader.finish().is_err());
}
