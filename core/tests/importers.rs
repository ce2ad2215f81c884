//! The importers of other tools' files: what each reads, and a precise problem for each kind
//! of malformed input. Real third-party brat files from `../shared/corpora/polnear/dev/brat/`
//! are read when that folder is there (never copied here).

use annotator_core::attribution::ATTRIBUTED_TO;
use annotator_core::formats::brat::{self, FRAGMENT_OF};
use annotator_core::formats::import::{
    read, Format, ImportPreview, InputFile, Mode, ReadError, ReadOptions, Severity, Target,
};
use annotator_core::formats::v1;
use annotator_core::label::default_labels;
use annotator_core::work;
use annotator_core::Document;
use std::collections::HashMap;
use std::path::PathBuf;

fn lenient(files: &[InputFile]) -> Result<ImportPreview, ReadError> {
    through_worker(files, None)
}

/// Reads `files` as the app does: in the worker's code, then through its answer to the page;
/// checked to be what reading them in place gives.
fn through_worker(
    files: &[InputFile],
    open_text: Option<&str>,
) -> Result<ImportPreview, ReadError> {
    let labels = default_labels();
    let opts = ReadOptions {
        labels: &labels,
        open_text,
        mode: Mode::Lenient,
    };
    let direct = read(files, &opts);
    let sent = work::read_files(files, open_text).expect("the answer is JSON");
    let got = work::found_from(&sent)
        .expect("the page reads the answer")
        .map(|found| found.preview(&labels));
    assert_eq!(got, direct, "the worker's answer changed what was read");
    got
}

fn strict(files: &[InputFile]) -> Result<ImportPreview, ReadError> {
    read(
        files,
        &ReadOptions {
            labels: &default_labels(),
            mode: Mode::Strict,
            ..ReadOptions::default()
        },
    )
}

fn pair(txt: &str, ann: &str) -> Vec<InputFile> {
    vec![
        InputFile::new("doc.txt", txt),
        InputFile::new("doc.ann", ann),
    ]
}

/// `(severity, line, message)` of every problem.
fn problems(p: &ImportPreview) -> Vec<(Severity, Option<usize>, String)> {
    p.problems
        .iter()
        .map(|x| (x.severity, x.line, x.message.clone()))
        .collect()
}

/// Annotations by content: (label, text), sorted.
fn spans(doc: &Document) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = doc
        .annotations()
        .iter()
        .map(|a| {
            (
                doc.label(a.label).unwrap().name.clone(),
                doc.annotation_text(a).to_owned(),
            )
        })
        .collect();
    v.sort();
    v
}

// ---------------------------------------------------------------------------------------------
// brat

#[test]
fn brat_pair_reads_spans_relations_events_attributes_and_notes() {
    let txt = "Ana said: rain. Then 😀 Bob agreed\n\nloudly.";
    let ann = "T1\tSource 0 3\tAna\n\
               T2\tCue 4 8\tsaid\n\
               T3\tContent 10 15\train.\n\
               E1\tAttribution:T2 Source:T1 Cue:T2 Content:T3\n\
               T4\tPerson 23 26\tBob\n\
               T5\tAct 27 33;35 42\tagreed loudly.\n\
               R1\tAgent Arg1:T5 Arg2:T4\n\
               A1\tkind T3 indirect\n\
               A2\tNegated T4\n\
               #1\tAnnotatorNotes T4\ta note\n";
    let p = lenient(&pair(txt, ann)).unwrap();
    assert_eq!(p.articles.len(), 1);
    let art = &p.articles[0];
    assert_eq!(art.format, Format::Brat);
    let doc = &art.doc;
    assert_eq!(doc.title(), Some("doc"));
    assert_eq!(
        spans(doc),
        [
            ("Act", "agreed\n\nloudly."),
            ("Content", "rain."),
            ("Cue", "said"),
            ("Person", "Bob"),
            ("Source", "Ana"),
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let by_id = |id: &str| {
        doc.annotations()
            .iter()
            .find(|a| a.id.as_str() == id)
            .unwrap()
    };
    // The PARC event: content attributed to the source, with the cue.
    assert!(doc
        .relations()
        .iter()
        .any(|r| r.kind == ATTRIBUTED_TO && r.from.as_str() == "T3" && r.to.as_str() == "T1"));
    assert_eq!(by_id("T3").cue.map(|c| doc.text().slice(c)), Some("said"));
    assert_eq!(by_id("T3").kind.map(|k| k.as_str()), Some("indirect"));
    assert_eq!(by_id("T4").note.as_deref(), Some("a note"));
    assert!(doc.relations().iter().any(|r| r.kind == "Agent"));
    // The attribute the app has no place for is listed, not silently dropped.
    assert_eq!(
        problems(&p),
        [(
            Severity::Notice,
            Some(9),
            "attribute \"Negated\" (once, first here) is not kept: the app has no place for it"
                .to_owned()
        )]
    );
    // Foreign labels are added as new labels (none matches a default name).
    let names: Vec<&str> = p.labels.iter().map(|m| m.target.name()).collect();
    assert_eq!(names, ["Source", "Cue", "Content", "Person", "Act"]);
}

/// A text with quotes, speakers, cues (one holding a newline, one shared by two quotes), a
/// discontinuous quote, kinds and a note; and its brat `.ann` as our export writes it.
const CUE_TXT: &str = "Ana Ruiz said “we will win” on Monday. Asked again, she\nsaid “we will”. \
The mayor told reporters “No.” and “Never.” Bo Li agreed: “fine”, he wrote, “really”.\n";
const CUE_ANN: &str = "T1\tspeaker 0 8\tAna Ruiz\n\
T2\tquote 14 27\t“we will win”\n\
T3\tquote 61 70\t“we will”\n\
T4\tspeaker 72 81\tThe mayor\n\
T5\tquote 97 102\t“No.”\n\
T6\tquote 107 115\t“Never.”\n\
T7\tspeaker 116 121\tBo Li\n\
T8\tquote 130 136;148 156\t“fine” “really”\n\
T9\tCue 9 13\tsaid\n\
T10\tCue 52 55;56 60\tshe said\n\
T11\tCue 82 96\ttold reporters\n\
R1\tattributed_to Arg1:T8 Arg2:T7\n\
E1\tCue:T9 Content:T2 Source:T1\n\
E2\tCue:T10 Content:T3 Source:T1\n\
E3\tCue:T11 Content:T5 Source:T4\n\
E4\tCue:T11 Content:T6 Source:T4\n\
A1\tkind T2 direct\n\
A2\tkind T6 direct\n\
#1\tAnnotatorNotes T2\ton radio\n";

/// The document of [`CUE_TXT`] as a v1 file whose ids, relation order and (absent) title are
/// what brat import gives, so a round trip can be compared byte for byte.
fn cue_document() -> Document {
    let cp = |s: usize, e: usize| {
        let t: String = CUE_TXT.chars().skip(s).take(e - s).collect();
        serde_json::json!({ "start": s, "end": e, "text": t })
    };
    let ann = |id: &str, label: &str, s: usize, e: usize| {
        let mut v = cp(s, e);
        v["id"] = id.into();
        v["label"] = label.into();
        v
    };
    let mut file = serde_json::to_value(v1::to_file(&Document::new(
        annotator_core::Text::new(CUE_TXT),
        None,
    )))
    .unwrap();
    let mut t2 = ann("T2", "quote", 14, 27);
    t2["cue"] = cp(9, 13);
    t2["kind"] = "direct".into();
    t2["note"] = "on radio".into();
    let mut t3 = ann("T3", "quote", 61, 70);
    t3["cue"] = cp(52, 60);
    let mut t5 = ann("T5", "quote", 97, 102);
    t5["cue"] = cp(82, 96);
    let mut t6 = ann("T6", "quote", 107, 115);
    t6["cue"] = cp(82, 96);
    t6["kind"] = "direct".into();
    file["annotations"] = serde_json::json!([
        ann("T1", "speaker", 0, 8),
        t2,
        t3,
        ann("T4", "speaker", 72, 81),
        t5,
        t6,
        ann("T7", "speaker", 116, 121),
        ann("T8", "quote", 130, 136),
        ann("T8-2", "quote", 148, 156),
    ]);
    let rel = |id: &str, kind: &str, from: &str, to: &str| serde_json::json!({ "id": id, "type": kind, "from": from, "to": to });
    file["relations"] = serde_json::json!([
        rel("T8-2", FRAGMENT_OF, "T8-2", "T8"),
        rel("R1", ATTRIBUTED_TO, "T8", "T7"),
        rel("E1", ATTRIBUTED_TO, "T2", "T1"),
        rel("E2", ATTRIBUTED_TO, "T3", "T1"),
        rel("E3", ATTRIBUTED_TO, "T5", "T4"),
        rel("E4", ATTRIBUTED_TO, "T6", "T4"),
    ]);
    v1::import_json(&file.to_string()).unwrap()
}

#[test]
fn cues_are_written_as_cue_events_and_come_back_byte_identical_as_v1() {
    let doc = cue_document();
    let (txt, ann) = brat::export(&doc);
    assert_eq!(txt, CUE_TXT);
    assert_eq!(ann, CUE_ANN);
    // Read back: the same document, byte for byte as v1: no annotation or label for the
    // triggers, each attribution once, every cue exact (the one across the newline too).
    let back = brat::import(&txt, &ann).unwrap();
    assert_eq!(v1::export_json(&back), v1::export_json(&doc));
    assert!(back.label_named(brat::CUE_EVENT).is_none());
    // Through the import entry point (as the app reads it), nothing to report.
    let p = strict(&pair(&txt, &ann)).unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert!(p.new_labels().is_empty());
    assert_eq!(p.span_count(), doc.annotations().len());
}

#[test]
fn annotations_on_one_span_keep_their_numbers_past_nine_through_brat_and_back() {
    // Eight words, then two labels on "Ana": as text, id a10 sorts before a9 (and T10 before
    // T9), so numbering by plain id order would swap the two on every round trip.
    let txt = "w1 w2 w3 w4 w5 w6 w7 w8 Ana";
    let mut anns: Vec<serde_json::Value> = (0..8)
        .map(|i| {
            serde_json::json!({ "id": format!("a{}", i + 1), "label": "quote",
                "start": 3 * i, "end": 3 * i + 2, "text": format!("w{}", i + 1) })
        })
        .collect();
    for (id, label) in [("a9", "speaker"), ("a10", "claim")] {
        anns.push(
            serde_json::json!({ "id": id, "label": label, "start": 24, "end": 27,
            "text": "Ana", "note": label }),
        );
    }
    let mut file = serde_json::to_value(v1::to_file(&Document::new(
        annotator_core::Text::new(txt),
        None,
    )))
    .unwrap();
    file["annotations"] = anns.into();
    let doc = v1::import_json(&file.to_string()).unwrap();
    let (txt, ann) = brat::export(&doc);
    assert!(
        ann.contains("T9\tspeaker 24 27\tAna\nT10\tclaim 24 27\tAna\n"),
        "{ann}"
    );
    assert!(ann.ends_with("#1\tAnnotatorNotes T9\tspeaker\n#2\tAnnotatorNotes T10\tclaim\n"));
    let back = brat::import(&txt, &ann).unwrap();
    assert_eq!(brat::export(&back), (txt, ann.clone()));
    let again = brat::import(&brat::export(&back).0, &ann).unwrap();
    assert_eq!(v1::export_json(&again), v1::export_json(&back));
}

#[test]
fn a_cue_trigger_another_line_names_stays_an_annotation_and_polnear_events_are_unchanged() {
    let txt = "Ana said rain.";
    // Our shape, but a note is on the trigger: the trigger is an annotation too, and the cue.
    let ann = "T1\tspeaker 0 3\tAna\nT2\tquote 9 14\train.\nT3\tCue 4 8\tsaid\n\
               E1\tCue:T3 Content:T2 Source:T1\n#1\tAnnotatorNotes T3\tverb\n";
    let doc = brat::import(txt, ann).unwrap();
    assert_eq!(
        spans(&doc),
        [("Cue", "said"), ("quote", "rain."), ("speaker", "Ana")]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let quote = &doc.annotations()[2];
    assert_eq!(quote.cue.map(|c| doc.text().slice(c)), Some("said"));
    // A PolNeAR event (an `Attribution` trigger beside a `Cue` argument): the trigger stays an
    // annotation, the cue comes from the `Cue` argument, as before.
    let ann = "T1\tSource 0 3\tAna\nT2\tCue 4 8\tsaid\nT3\tContent 9 14\train.\n\
               T4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
    let doc = brat::import(txt, ann).unwrap();
    assert_eq!(doc.annotations().len(), 4);
    assert_eq!(doc.relations().len(), 1);
    let content = doc
        .annotations()
        .iter()
        .find(|a| a.id.as_str() == "T3")
        .unwrap();
    assert_eq!(content.cue.map(|c| doc.text().slice(c)), Some("said"));
}

#[test]
fn an_attribution_both_in_an_event_and_an_r_line_is_read_once_and_said_so() {
    let txt = "Ana said rain.";
    let ann = "T1\tspeaker 0 3\tAna\nT2\tquote 9 14\train.\nT3\tCue 4 8\tsaid\n\
               R1\tattributed_to Arg1:T2 Arg2:T1\nE1\tCue:T3 Content:T2 Source:T1\n";
    let p = lenient(&pair(txt, ann)).unwrap();
    let doc = &p.articles[0].doc;
    assert_eq!(
        doc.annotations().len(),
        2,
        "the trigger is the cue, no annotation"
    );
    assert_eq!(doc.relations().len(), 1);
    assert_eq!(doc.relations()[0].id, "R1");
    assert_eq!(
        doc.annotations()[1].cue.map(|c| doc.text().slice(c)),
        Some("said")
    );
    assert_eq!(
        problems(&p),
        [(
            Severity::Notice,
            Some(5),
            "E1: the attribution of T2 to T1 is also in R1; it is read once".to_owned()
        )]
    );
}

#[test]
fn discontinuous_spans_become_one_annotation_per_part_and_export_back_as_one_line() {
    let txt = "He said, and I quote, that it works.";
    let ann = "T1\tquote 3 7;22 35\tsaid that it works\n#1\tAnnotatorNotes T1\tsplit\n";
    let doc = brat::import(txt, ann).unwrap();
    let texts: Vec<&str> = doc
        .annotations()
        .iter()
        .map(|a| doc.annotation_text(a))
        .collect();
    assert_eq!(
        texts,
        ["said", "that it works"],
        "never widened over the gap"
    );
    assert_eq!(doc.relations().len(), 1);
    assert_eq!(doc.relations()[0].kind, FRAGMENT_OF);
    let (_, back) = brat::export(&doc);
    assert_eq!(back, ann);
}

#[test]
fn a_newline_inside_a_span_is_repaired_and_listed_or_refused_when_strict() {
    let txt = "Ana said:\nrain today.";
    // Another tool wrote the span's text with its newline, breaking the line in two.
    let ann = "T1\tquote 4 14\tsaid:\nrain\nT2\tspeaker 0 3\tAna\n";
    let p = lenient(&pair(txt, ann)).unwrap();
    assert_eq!(p.span_count(), 2);
    assert_eq!(
        problems(&p),
        [(
            Severity::Repaired,
            Some(1),
            "T1: the span's text holds a newline, which an .ann line cannot hold; line 2 \
             continue it, read as one line"
                .to_owned()
        )]
    );
    match strict(&pair(txt, ann)) {
        Err(ReadError::Refused(p)) => {
            assert_eq!((p.file.as_str(), p.line), ("doc.txt + doc.ann", Some(1)));
            assert!(p.message.contains("holds a newline"), "{}", p.message);
        }
        other => panic!("{other:?}"),
    }
    // Cut short instead (the rest of the text lost): skipped, with why.
    let cut = "T1\tquote 4 14\tsaid:\nT2\tspeaker 0 3\tAna\n";
    let p = lenient(&pair(txt, cut)).unwrap();
    assert_eq!(p.span_count(), 1);
    assert_eq!(
        problems(&p),
        [(
            Severity::Skipped,
            Some(1),
            "T1: the span's text holds a newline, which an .ann line cannot hold: the line \
             ends after \"said:\""
                .to_owned()
        )]
    );
}

#[test]
fn a_note_spilling_onto_the_next_line_is_repaired() {
    let txt = "Ana said rain.";
    let ann =
        "T1\tspeaker 0 3\tAna\n#1\tAnnotatorNotes T1\tfirst\nsecond line\nT2\tquote 9 13\train\n";
    let p = lenient(&pair(txt, ann)).unwrap();
    let doc = &p.articles[0].doc;
    assert_eq!(
        doc.annotations()[0].note.as_deref(),
        Some("first\nsecond line")
    );
    assert_eq!(p.span_count(), 2);
    assert_eq!(
        problems(&p),
        [(
            Severity::Repaired,
            Some(2),
            "#1: the note holds a newline, which an .ann line cannot hold; line 3 continue \
             it, read as part of the note"
                .to_owned()
        )]
    );
}

#[test]
fn malformed_brat_lines_are_skipped_each_with_its_line_and_reason() {
    let txt = "Ana said rain.";
    let ann = "T1\tspeaker 0 3\tAna\n\
               T2\tquote 9 99\train.\n\
               T3\tquote 9 13\tsnow\n\
               X1\tsomething 1 2\n\
               T4\tquote nine 13\train\n\
               R1\tsaid Arg1:T9 Arg2:T1\n\
               #1\tAnnotatorNotes T7\tnote\n\
               T1\tquote 9 13\train\n\
               just words\n";
    let p = lenient(&pair(txt, ann)).unwrap();
    assert_eq!(p.span_count(), 1);
    let got: Vec<(Option<usize>, String)> = p
        .problems
        .iter()
        .map(|x| {
            assert_eq!(x.severity, Severity::Skipped);
            (x.line, x.message.clone())
        })
        .collect();
    let want = [
        (2, "T2: 9..99 ends past the end of the text (14 code points)"),
        (3, "T3: text \"snow\" does not match the .txt at 9 13 (\"rain\")"),
        (4, "X1: unknown line type \"X\" (brat has T, R, E, A, M, N, * and #)"),
        (5, "T4: \"nine 13\" is not \"<start> <end>\""),
        (6, "R1: Arg1 \"T9\" is not an annotation in the file"),
        (7, "#1: the note is on \"T7\", which is not an annotation in the file"),
        (8, "T1 is used twice; this one is left out"),
        (9, "not a brat line: it does not start with an id and a tab (brat has T, R, E, A, M, N, * and #); it follows T1"),
    ];
    let want: Vec<(Option<usize>, String)> = want
        .iter()
        .map(|(l, m)| (Some(*l), (*m).to_owned()))
        .collect();
    assert_eq!(got, want);
    // Strict refuses at the first, naming it.
    match strict(&pair(txt, ann)) {
        Err(ReadError::Refused(p)) => assert_eq!(p.line, Some(2)),
        other => panic!("{other:?}"),
    }
}

#[test]
fn utf16_offsets_are_detected_converted_and_said() {
    let txt = "😀😀 Ana said 👩🏽‍💻 rain.";
    // Offsets as JavaScript counts them: each emoji is two units (the ZWJ sequence seven).
    let u = |s: &str| -> usize { txt[..txt.find(s).unwrap()].encode_utf16().count() };
    let ann = format!(
        "T1\tspeaker {} {}\tAna\nT2\tquote {} {}\train.\n",
        u("Ana"),
        u("Ana") + 3,
        u("rain"),
        u("rain") + 5
    );
    let p = lenient(&pair(txt, &ann)).unwrap();
    assert_eq!(
        spans(&p.articles[0].doc),
        [("quote", "rain."), ("speaker", "Ana")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].severity, Severity::Notice);
    assert!(
        p.problems[0].message.contains("UTF-16"),
        "{}",
        p.problems[0].message
    );
    // A notice never refuses a strict import.
    assert!(strict(&pair(txt, &ann)).is_ok());
}

#[test]
fn an_ann_without_its_txt_and_an_unknown_file_are_listed() {
    let files = vec![
        InputFile::new("a.ann", "T1\tx 0 1\ta\n"),
        InputFile::new("notes.md", "# hello"),
    ];
    match lenient(&files) {
        Err(ReadError::Nothing(ps)) => {
            let msgs: Vec<String> = ps.iter().map(ToString::to_string).collect();
            assert_eq!(
                msgs,
                [
                    "a.ann: a brat .ann file needs its .txt: no a.txt was given",
                    "notes.md: not a format this app reads (brat, Label Studio, doccano, W3C, \
                     CoNLL, spaCy, or its own)"
                ]
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_zip_of_brat_pairs_reads_every_pair_and_our_own_export_comes_back() {
    use annotator_core::export::{export, ExportFormat};
    let doc = Document::new(
        annotator_core::Text::new("Ana said “rain”."),
        Some("One".into()),
    )
    .apply(&annotator_core::Action::Create {
        label: annotator_core::LabelId(1),
        span: annotator_core::Span::new(0, 3),
    })
    .unwrap();
    let z = export(&doc, ExportFormat::Brat, &Default::default());
    let other = annotator_core::formats::zip::store(&[
        ("b/two.txt", "Bob".as_bytes()),
        ("b/two.ann", "T1\tspeaker 0 3\tBob\n".as_bytes()),
    ]);
    let p = lenient(&[
        InputFile::new(z.name.clone(), z.bytes),
        InputFile::new("more.zip", other),
    ])
    .unwrap();
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let titles: Vec<_> = p.articles.iter().map(|a| a.doc.title().unwrap()).collect();
    assert_eq!(titles, ["one", "two"]);
    assert_eq!(p.labels.len(), 1);
    assert_eq!(p.labels[0].spans, 2);
    assert!(matches!(p.labels[0].target, Target::Existing { ref name, .. } if name == "speaker"));
    let docs = p.documents(&default_labels());
    assert_eq!(docs[0].annotations()[0].label, annotator_core::LabelId(1));
}

// ---------------------------------------------------------------------------------------------
// PolNeAR: real third-party brat files.

fn polnear_dev() -> Option<PathBuf> {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpora/polnear/dev/brat");
    dir.is_dir().then_some(dir)
}

/// The code-point slice of `s`.
fn cp_slice(s: &str, start: usize, end: usize) -> String {
    s.chars().skip(start).take(end - start).collect()
}

#[test]
fn polnear_dev_pairs_read_with_every_span_exact_and_every_attribution() {
    let Some(dir) = polnear_dev() else {
        eprintln!("skipped: ../shared/corpora/polnear/dev/brat is not there");
        return;
    };
    let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ann"))
        .collect();
    names.sort();
    assert!(names.len() > 50, "the dev split has 84 pairs");
    let (mut n_spans, mut n_attr, mut n_split, mut n_cues) = (0, 0, 0, 0);
    for ann_path in names {
        let txt_path = ann_path.with_extension("txt");
        let (txt, ann) = (
            std::fs::read_to_string(&txt_path).unwrap(),
            std::fs::read_to_string(&ann_path).unwrap(),
        );
        let p = lenient(&pair(&txt, &ann)).unwrap();
        let faults: Vec<_> = p
            .problems
            .iter()
            .filter(|x| x.severity != Severity::Notice)
            .collect();
        assert!(faults.is_empty(), "{}: {faults:?}", ann_path.display());
        let doc = &p.articles[0].doc;
        let by_id: HashMap<&str, _> = doc
            .annotations()
            .iter()
            .map(|a| (a.id.as_str(), a))
            .collect();
        for line in ann.lines() {
            let f: Vec<&str> = line.split('\t').collect();
            if f[0].starts_with('T') {
                // Every fragment is an exact span (merged only across newlines).
                let (_, offsets) = f[1].split_once(' ').unwrap();
                let frags: Vec<String> = offsets
                    .split(';')
                    .map(|fr| {
                        let (s, e) = fr.split_once(' ').unwrap();
                        cp_slice(&txt, s.parse().unwrap(), e.parse().unwrap())
                    })
                    .collect();
                assert_eq!(frags.join(" "), f[2]);
                let parts: Vec<&str> = doc
                    .annotations()
                    .iter()
                    .filter(|a| {
                        a.id.as_str() == f[0] || a.id.as_str().starts_with(&format!("{}-", f[0]))
                    })
                    .map(|a| doc.annotation_text(a))
                    .collect();
                assert!(!parts.is_empty(), "{line}");
                // Parts in text order (PolNeAR lists some fragments out of order, and some
                // touch: `1235 1294;1294 1295` is one part), so compare the characters.
                let words = |s: &str| {
                    let mut w: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
                    w.sort_unstable();
                    w
                };
                assert_eq!(words(&parts.join(" ")), words(f[2]), "{line}");
                n_split += usize::from(parts.len() > 1);
                n_spans += 1;
            } else if f[0].starts_with('E') {
                let args: HashMap<&str, &str> = f[1]
                    .split_whitespace()
                    .skip(1)
                    .filter_map(|w| w.split_once(':'))
                    .map(|(r, t)| (r.trim_end_matches(|c: char| c.is_ascii_digit()), t))
                    .collect();
                if let (Some(c), Some(s)) = (args.get("Content"), args.get("Source")) {
                    assert!(
                        doc.relations().iter().any(|r| r.kind == ATTRIBUTED_TO
                            && r.from.as_str() == *c
                            && r.to.as_str() == *s),
                        "{line}"
                    );
                    n_attr += 1;
                }
                if let (Some(c), Some(cue)) = (args.get("Content"), args.get("Cue")) {
                    let cue_text = doc.annotation_text(by_id[cue]);
                    let got = by_id[c].cue.map(|sp| doc.text().slice(sp));
                    assert!(got.is_some(), "{line}");
                    // When the content has several events, it keeps the first event's cue.
                    let _ = cue_text;
                }
            }
        }
        // Exported as brat and read back: the same spans, relations and cues.
        let (t2, a2) = brat::export(doc);
        let back = brat::import(&t2, &a2).unwrap();
        assert_eq!(spans(&back), spans(doc), "{}", ann_path.display());
        assert_eq!(back.relations().len(), doc.relations().len());
        let cues = |d: &Document| {
            let mut v: Vec<_> = d
                .annotations()
                .iter()
                .map(|a| (a.span, d.label(a.label).unwrap().name.clone(), a.cue))
                .collect();
            v.sort();
            v
        };
        assert_eq!(cues(&back), cues(doc), "{}", ann_path.display());
        n_cues += doc.annotations().iter().filter(|a| a.cue.is_some()).count();
        // And from then on a fixed point: through brat again, byte-identical as v1.
        let (t3, a3) = brat::export(&back);
        assert_eq!((&t3, &a3), (&t2, &a2));
        let again = brat::import(&t3, &a3).unwrap();
        assert_eq!(v1::export_json(&again), v1::export_json(&back));
    }
    assert!(
        n_spans > 5000 && n_attr > 1500 && n_split > 100 && n_cues > 1500,
        "{n_spans} {n_attr} {n_split} {n_cues}"
    );
}

// ---------------------------------------------------------------------------------------------
// Label Studio

#[test]
fn label_studio_annotations_become_annotations_and_predictions_suggestions() {
    let text = "😀 Ana said rain.";
    let task = serde_json::json!([{
        "id": 7,
        "data": { "text": text },
        "annotations": [{
            "was_cancelled": false,
            "result": [
                { "id": "x1", "from_name": "label", "to_name": "text", "type": "labels",
                  "value": { "start": 2, "end": 5, "text": "Ana", "labels": ["Person"] },
                  "meta": { "text": ["the minister"] } },
                { "id": "x2", "from_name": "label", "to_name": "text", "type": "labels",
                  "value": { "start": 11, "end": 16, "text": "rain.", "labels": ["Quote"] } },
                { "id": "x3", "from_name": "label", "to_name": "text", "type": "labels",
                  "value": { "start": 11, "end": 16, "text": "snow.", "labels": ["Quote"] } },
                { "type": "relation", "from_id": "x2", "to_id": "x1", "direction": "right",
                  "labels": ["attributed_to"] },
                { "id": "c", "type": "choices", "value": { "choices": ["news"] } }
            ]
        }],
        "predictions": [{ "score": 0.5, "result": [
            { "id": "p1", "from_name": "label", "to_name": "text", "type": "labels",
              "value": { "start": 6, "end": 10, "text": "said", "labels": ["Cue"] } }
        ]}]
    }]);
    let p = lenient(&[InputFile::new("project.json", task.to_string())]).unwrap();
    let art = &p.articles[0];
    assert_eq!(art.format, Format::LabelStudio);
    assert_eq!(
        spans(&art.doc),
        [("Person", "Ana"), ("Quote", "rain.")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        art.doc.annotations()[0].note.as_deref(),
        Some("the minister")
    );
    assert_eq!(art.doc.relations().len(), 1);
    assert_eq!(
        art.suggestions.len(),
        1,
        "a prediction is never an annotation"
    );
    assert_eq!(art.doc.text().slice(art.suggestions[0].span), "said");
    let msgs: Vec<String> = p.problems.iter().map(|x| x.message.clone()).collect();
    assert_eq!(
        msgs,
        [
            "task 1, region \"x3\": text \"snow.\" does not match the text at 11..16 (\"rain.\")",
            "1 results of type \"choices\" are not kept: the app reads text spans",
        ]
    );
    // "Quote" maps onto our "quote", ignoring case; the others are new, readable labels.
    let quote = p.labels.iter().find(|m| m.foreign == "Quote").unwrap();
    assert!(matches!(&quote.target, Target::Existing { name, .. } if name == "quote"));
    for spec in p.new_labels() {
        assert!(annotator_core::label::contrast(&spec.color, annotator_core::label::INK) >= 4.5);
    }
    // Reviewing: the prediction is proposed on the open article once its label exists.
    let mut doc = Document::new(annotator_core::Text::new(text), None);
    for spec in p.new_labels() {
        doc = doc.apply(&annotator_core::Action::AddLabel(spec)).unwrap();
    }
    let props = p.proposals(&doc, false);
    assert_eq!(props.len(), 1);
    assert_eq!(doc.text().slice(props[0].span), "said");
    assert_eq!(
        p.proposals(&doc, true).len(),
        3,
        "as suggestions: annotations too"
    );
}

#[test]
fn label_studio_json_min_and_our_own_export_read_back() {
    let min = serde_json::json!([
        { "id": 1, "text": "Ana said rain.", "annotator": 1,
          "label": [ { "start": 0, "end": 3, "text": "Ana", "labels": ["speaker"] } ] }
    ]);
    let p = lenient(&[InputFile::new("min.json", min.to_string())]).unwrap();
    assert_eq!(p.articles[0].format, Format::LabelStudio);
    assert_eq!(
        spans(&p.articles[0].doc),
        [("speaker".to_owned(), "Ana".to_owned())]
    );
    // A task file without annotations is an article to annotate.
    let tasks = serde_json::json!([{ "data": { "text": "One." } }, { "data": { "text": "Two." } }]);
    let p = lenient(&[InputFile::new("tasks.json", tasks.to_string())]).unwrap();
    assert_eq!(p.articles.len(), 2);
}

// ---------------------------------------------------------------------------------------------
// doccano and spaCy

#[test]
fn doccano_both_styles_read_with_relations_and_precise_problems() {
    let jsonl = concat!(
        r#"{"id": 1, "text": "Ana said rain.", "label": [[0, 3, "PER"], [9, 14, "QUOTE"], [9, 99, "X"]]}"#,
        "\n",
        r#"{"id": 2, "text": "Bob 😀 agreed.", "entities": [{"id": 10, "label": "PER", "start_offset": 0, "end_offset": 3}, {"id": 11, "label": "ACT", "start_offset": 6, "end_offset": 12}], "relations": [{"id": 5, "from_id": 11, "to_id": 10, "type": "agent"}, {"id": 6, "from_id": 11, "to_id": 99, "type": "x"}]}"#,
        "\n",
        "{not json\n",
        r#"{"id": 3, "text": "Eve", "label": [[0, 3]]}"#,
        "\n"
    );
    let p = lenient(&[InputFile::new("data.jsonl", jsonl)]).unwrap();
    assert!(p.articles.iter().all(|a| a.format == Format::Doccano));
    assert_eq!(p.articles.len(), 3);
    assert_eq!(
        spans(&p.articles[0].doc),
        [("PER", "Ana"), ("QUOTE", "rain.")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(
        spans(&p.articles[1].doc),
        [("ACT", "agreed"), ("PER", "Bob")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(p.articles[1].doc.relations()[0].kind, "agent");
    let got: Vec<(Option<usize>, &str)> = p
        .problems
        .iter()
        .map(|x| (x.line, x.message.as_str()))
        .collect();
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(
        got[0],
        (
            Some(1),
            "span \"X\" 9..99 ends past the end of the text (14 code points)"
        )
    );
    assert_eq!(
        got[1],
        (Some(2), "relation r6 (x) names an entity that is not there")
    );
    assert_eq!(got[2].0, Some(3));
    assert!(got[2].1.starts_with("not valid JSON"), "{}", got[2].1);
    assert_eq!(
        got[3],
        (
            Some(4),
            "label 1: expected [start, end, \"LABEL\"], found [0,3]"
        )
    );
    assert!(
        matches!(strict(&[InputFile::new("data.jsonl", jsonl)]), Err(ReadError::Refused(p)) if p.line == Some(1))
    );
}

#[test]
fn spacy_spans_read_and_utf16_offsets_are_converted() {
    let text = "👩🏽‍💻 Ana said rain.";
    let u16_start = text[..text.find("Ana").unwrap()].encode_utf16().count();
    let line = serde_json::json!({
        "text": text,
        "spans": [{ "start": u16_start, "end": u16_start + 3, "label": "PER" }]
    });
    let p = lenient(&[InputFile::new("x.jsonl", format!("{line}\n"))]).unwrap();
    assert_eq!(p.articles[0].format, Format::Spacy);
    assert_eq!(
        spans(&p.articles[0].doc),
        [("PER".to_owned(), "Ana".to_owned())]
    );
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].severity, Severity::Notice);
    assert!(p.problems[0].message.contains("UTF-16"));
}

// ---------------------------------------------------------------------------------------------
// W3C Web Annotation

fn with_text(files: Vec<InputFile>, text: &str) -> Result<ImportPreview, ReadError> {
    through_worker(&files, Some(text))
}

#[test]
fn w3c_annotations_anchor_by_position_then_by_quote_and_the_lost_are_listed() {
    let text = "😀 Ana said rain. Ana said snow.";
    let cp = |needle: &str| text[..text.find(needle).unwrap()].chars().count();
    let u16 = |needle: &str| text[..text.find(needle).unwrap()].encode_utf16().count();
    let anno = |id: &str, tag: &str, sel: serde_json::Value| {
        serde_json::json!({
            "id": id, "type": "Annotation", "motivation": "tagging",
            "body": [{ "type": "TextualBody", "purpose": "tagging", "value": tag },
                     { "type": "TextualBody", "purpose": "commenting", "value": "seen" }],
            "target": { "source": "https://example.org/a", "selector": sel }
        })
    };
    let page = serde_json::json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "type": "AnnotationPage",
        "items": [
            // Position in code points holding the quote.
            anno("urn:x:a1", "quote", serde_json::json!([
                { "type": "TextPositionSelector", "start": cp("rain"), "end": cp("rain") + 5 },
                { "type": "TextQuoteSelector", "exact": "rain." }])),
            // Position in UTF-16 units (as JavaScript counts).
            anno("urn:x:a2", "quote", serde_json::json!([
                { "type": "TextPositionSelector", "start": u16("snow"), "end": u16("snow") + 5 },
                { "type": "TextQuoteSelector", "exact": "snow." }])),
            // A quote only, told apart by its prefix.
            anno("urn:x:a3", "speaker", serde_json::json!(
                { "type": "TextQuoteSelector", "exact": "Ana", "prefix": "rain. ", "suffix": " said" })),
            // The text changed: the quote is gone.
            anno("urn:x:a4", "quote", serde_json::json!([
                { "type": "TextPositionSelector", "start": 2, "end": 5 },
                { "type": "TextQuoteSelector", "exact": "hail" }])),
            // Ambiguous: two occurrences, nothing to choose by.
            anno("urn:x:a5", "speaker", serde_json::json!(
                { "type": "TextQuoteSelector", "exact": "said" })),
            { "id": "urn:x:l1", "type": "Annotation", "motivation": "linking",
              "body": [{ "id": "urn:x:a3" }, { "type": "TextualBody", "purpose": "tagging", "value": "attributed_to" }],
              "target": "urn:x:a2" }
        ]
    });
    let p = with_text(vec![InputFile::new("h.jsonld", page.to_string())], text).unwrap();
    let doc = &p.articles[0].doc;
    assert_eq!(p.articles[0].format, Format::W3c);
    let got: Vec<(&str, &str)> = doc
        .annotations()
        .iter()
        .map(|a| (a.id.as_str(), doc.annotation_text(a)))
        .collect();
    assert_eq!(got, [("a1", "rain."), ("a3", "Ana"), ("a2", "snow.")]);
    assert_eq!(doc.annotations()[0].note.as_deref(), Some("seen"));
    assert_eq!(doc.relations().len(), 1);
    assert_eq!(doc.relations()[0].from.as_str(), "a2");
    let msgs: Vec<(Option<usize>, &str)> = p
        .problems
        .iter()
        .map(|x| (x.line, x.message.as_str()))
        .collect();
    assert_eq!(
        msgs,
        [
            (
                Some(4),
                "annotation 4 (urn:x:a4) cannot be anchored: the quote \"hail\" is not in the text"
            ),
            (
                Some(5),
                "annotation 5 (urn:x:a5) cannot be anchored: the quote \"said\" occurs 2 times \
                 and its prefix and suffix do not tell which"
            ),
            (
                None,
                "1 TextPositionSelectors count UTF-16 units (as JavaScript does), not code points; converted"
            ),
        ]
    );
    // Without a text to anchor on, the file is refused with why.
    match lenient(&[InputFile::new("h.jsonld", page.to_string())]) {
        Err(ReadError::Nothing(ps)) => assert!(ps[0].message.contains("open the article")),
        other => panic!("{other:?}"),
    }
    // A .txt given with it is the text.
    let p = lenient(&[
        InputFile::new("h.jsonld", page.to_string()),
        InputFile::new("article.txt", text),
    ])
    .unwrap();
    assert_eq!(p.span_count(), 3);
}

#[test]
fn w3c_quote_context_stops_at_32_code_points_or_32_utf16_units() {
    let before = "😀".repeat(40);
    let text = format!("{before}Ana{before}");
    let doc = Document::new(annotator_core::Text::new(&text), None)
        .apply(&annotator_core::Action::Create {
            label: annotator_core::LabelId(1),
            span: annotator_core::Span::new(before.len(), before.len() + 3),
        })
        .unwrap();
    let v = annotator_core::formats::w3c::to_value(&doc, None);
    let sel = &v["first"]["items"][0]["target"]["selector"][0];
    for k in ["prefix", "suffix"] {
        let s = sel[k].as_str().unwrap();
        assert_eq!(s.encode_utf16().count(), 32, "{k}");
        assert_eq!(s.chars().count(), 16, "{k}");
    }
    let ascii = format!("{}Ana{}", "x".repeat(40), "y".repeat(40));
    let doc = Document::new(annotator_core::Text::new(&ascii), None)
        .apply(&annotator_core::Action::Create {
            label: annotator_core::LabelId(1),
            span: annotator_core::Span::new(40, 43),
        })
        .unwrap();
    let v = annotator_core::formats::w3c::to_value(&doc, None);
    let sel = &v["first"]["items"][0]["target"]["selector"][0];
    assert_eq!(sel["prefix"].as_str().unwrap().chars().count(), 32);
}

// ---------------------------------------------------------------------------------------------
// CoNLL

#[test]
fn conll_reads_our_export_onto_its_text_and_rebuilds_a_text_without_one() {
    let text = "Ana said: “We’ll win.” Then she left.\nBob 😀 agreed.";
    let doc = Document::new(annotator_core::Text::new(text), None);
    let q = text.find("“We").unwrap();
    let doc = doc
        .apply(&annotator_core::Action::Create {
            label: annotator_core::LabelId(0),
            span: annotator_core::Span::new(q, text.find(" Then").unwrap()),
        })
        .unwrap()
        .apply(&annotator_core::Action::Create {
            label: annotator_core::LabelId(1),
            span: annotator_core::Span::new(0, 3),
        })
        .unwrap();
    let all = annotator_core::formats::conll::export_all_layers(&doc);
    let p = with_text(vec![InputFile::new("a.conll", all.clone())], text).unwrap();
    assert_eq!(p.articles[0].format, Format::Conll);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    assert_eq!(spans(&p.articles[0].doc), spans(&doc));
    // Without the text: rebuilt from the tokens.
    let p = lenient(&[InputFile::new("a.conll", all)]).unwrap();
    let d = &p.articles[0].doc;
    assert_eq!(
        d.text().as_str(),
        "Ana said: “We’ll win.”\nThen she left.\nBob 😀 agreed."
    );
    assert_eq!(
        spans(d),
        [("quote", "“We’ll win.”"), ("speaker", "Ana")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
}

#[test]
fn conll_reads_iobes_iob1_and_space_separated_columns() {
    let iobes = "-DOCSTART- O\n\nJohn NNP S-PER\nlives VBZ O\nin IN O\nNew NNP B-LOC\nYork NNP E-LOC\n. . O\n";
    let p = lenient(&[InputFile::new("x.txt.conll", iobes)]).unwrap();
    assert_eq!(
        spans(&p.articles[0].doc),
        [("LOC", "New York"), ("PER", "John")].map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    assert_eq!(p.articles[0].doc.text().as_str(), "John lives in New York.");
    let iob1 = "Rome\tI-LOC\nParis\tB-LOC\nand\tO\nBerlin\tI-LOC\n";
    let p = lenient(&[InputFile::new("y.tsv", iob1)]).unwrap();
    assert_eq!(p.span_count(), 3, "B- separates two adjacent chunks");
    // A token that is not in the given text: the text is rebuilt, and said.
    let p = with_text(vec![InputFile::new("y.tsv", iob1)], "Rome Paris and Bonn").unwrap();
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].line, Some(4));
    assert!(p.problems[0].message.contains("\"Berlin\" is not next"));
    // A line without a tag column is skipped and listed.
    let p = lenient(&[InputFile::new(
        "z.conll",
        "A\tB-X\nB\tI-X\nC\tO\nD\tO\nE\tO\nF\tO\nG\tO\nH\tO\nI\tO\nJ\tO\nlonely\n",
    )])
    .unwrap();
    assert_eq!(p.problems[0].line, Some(11));
    assert_eq!(p.problems[0].message, "\"lonely\" has no tag column");
}
