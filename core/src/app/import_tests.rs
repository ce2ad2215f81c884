//! Importing files, one test per behaviour: each drives [`update`] as the shell does (files
//! read, then the preview's choices) and checks the model and the effects asked for. Texts and
//! files are written for these tests.

use super::import::{Batch, Destination, LabelChoice, Picked};
use super::*;
use crate::formats::import::{InputFile, Mode};
use crate::{Document, LabelId};

const TEXT: &str = "Mara Quist said the pier would reopen in May.";
const ANN: &str = "T1\tSource 0 10\tMara Quist\n\
                   T2\tCue 11 15\tsaid\n\
                   T3\tContent 16 44\tthe pier would reopen in May\n\
                   E1\tAttribution:T2 Source:T1 Content:T3 Cue:T2\n";

const SPEAKER: LabelId = LabelId(1);

/// [`super::update`], with the worker's part done as the shell has it done (files read by the
/// worker's code, its answer sent back): every import here goes through the worker's answer.
fn update(m: &mut Model, event: Event) -> Outcome {
    let out = super::update(m, event);
    super::tests::worker_does(m, out)
}

fn file(name: &str, body: &str) -> Picked {
    Picked::Read(InputFile::new(name, body.as_bytes().to_vec()))
}

fn brat_pair() -> Vec<Picked> {
    vec![file("pier.txt", TEXT), file("pier.ann", ANN)]
}

fn said(m: &Model) -> &str {
    m.message.as_ref().map_or("", |x| x.text.as_str())
}

fn is_error(m: &Model) -> bool {
    m.message.as_ref().is_some_and(|x| x.is_error)
}

/// A model with `text` open for annotating.
fn open(text: &str) -> Model {
    let mut m = Model::default();
    update(
        &mut m,
        Event::Annotate {
            title: "Open".into(),
            text: text.into(),
            new_id: "d1".into(),
        },
    );
    m
}

/// The batches of the `StoreImports` effect among `effects`.
fn stored(effects: &[Effect]) -> Vec<Batch> {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::StoreImports(b) => Some(b.clone()),
            _ => None,
        })
        .unwrap_or_default()
}

/// `(label name, text)` of every annotation of `doc`.
fn spans(doc: &Document) -> Vec<(String, String)> {
    doc.annotations()
        .iter()
        .map(|a| {
            let label = doc.label(a.label).map_or("?", |l| l.name.as_str());
            (label.to_owned(), doc.annotation_text(a).to_owned())
        })
        .collect()
}

/// What the shell does with a `StoreImports`: shows the first article (with its
/// predictions), stores, reports.
fn store_and_show(m: &mut Model, batch: &Batch) {
    update(
        m,
        Event::Restore {
            id: "i1".into(),
            doc: Box::new(batch.docs[0].clone()),
            history: crate::History::default(),
            notices: Vec::new(),
            rejected: Vec::new(),
            predictions: batch.predictions.first().cloned().unwrap_or_default(),
            only_if_empty: false,
            editing: true,
        },
    );
    update(
        m,
        Event::Imported(import::ImportReport {
            name: batch.name.clone(),
            total: batch.docs.len(),
            stored: batch.docs.len(),
            shown: crate::library::display_title(&batch.docs[0]),
            bad: Vec::new(),
            notices: batch.notices.clone(),
        }),
    );
}

#[test]
fn our_own_json_is_imported_at_once_without_a_preview() {
    let mut m = Model::default();
    let doc = Document::new(crate::Text::new(TEXT), Some("Pier".into()));
    let json = crate::formats::v1::export_json(&doc);
    let out = update(&mut m, Event::FilesRead(vec![file("pier.json", &json)]));
    assert!(m.import.is_none(), "no preview for the app's own files");
    let batches = stored(&out.effects);
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].name, "pier.json");
    assert_eq!(batches[0].docs[0].text().as_str(), TEXT);
}

#[test]
fn our_own_file_that_is_malformed_is_refused_with_the_v1_reason() {
    let mut m = open(TEXT);
    let before = m.doc.clone();
    let out = update(
        &mut m,
        Event::FilesRead(vec![file(
            "bad.json",
            r#"{"format": "label-studio", "version": 1}"#,
        )]),
    );
    assert!(stored(&out.effects).is_empty());
    assert!(m.import.is_none());
    assert!(is_error(&m));
    assert!(
        said(&m).starts_with("Could not import bad.json: "),
        "{}",
        said(&m)
    );
    assert!(said(&m).contains("label-studio"), "{}", said(&m));
    assert!(said(&m).ends_with(". Nothing was changed."));
    assert_eq!(m.doc, before);
}

#[test]
fn a_file_cut_short_is_refused_in_plain_words_with_the_parser_message_as_detail() {
    let mut m = open(TEXT);
    update(
        &mut m,
        Event::FilesRead(vec![file(
            "cut.json",
            r#"{"format": "article-annotator", "version": 1, "document": {"text": "Ma"#,
        )]),
    );
    assert!(is_error(&m));
    assert_eq!(
        said(&m),
        "Could not import cut.json: the file ends too early: it was probably cut short while it \
         was downloaded or copied. Export it again, or use the original. Nothing was changed."
    );
    let detail = m
        .message
        .as_ref()
        .and_then(|x| x.detail.as_deref())
        .unwrap();
    assert!(detail.contains("EOF while parsing"), "{detail}");
    // the next message carries no stale detail
    update(&mut m, Event::ClearError);
    update(&mut m, Event::CopyJson);
    update(&mut m, Event::Copied(Ok(())));
    assert_eq!(m.message.as_ref().unwrap().detail, None);
}

#[test]
fn a_file_too_big_is_refused_unread() {
    let mut m = Model::default();
    let big = Picked::unread_if_too_big("huge.ann", 60 * 1024 * 1024).expect("too big");
    let out = update(&mut m, Event::FilesRead(vec![file("huge.txt", TEXT), big]));
    assert!(stored(&out.effects).is_empty());
    assert!(m.import.is_none());
    assert_eq!(
        said(&m),
        "Could not import huge.ann: it is 60 MB and the most this app imports is 50 MB. Nothing was changed."
    );
    assert!(Picked::unread_if_too_big("small.ann", 1_000).is_none());
}

/// The files' request the worker was asked, and the request itself.
fn asked_to_read(out: &Outcome) -> (u64, Vec<InputFile>, Option<String>) {
    let [Effect::ReadFiles {
        request,
        files,
        open_text,
    }] = &out.effects[..]
    else {
        panic!("one ReadFiles: {:?}", out.effects)
    };
    let open_text = open_text.as_ref().map(|t| t.as_str().to_owned());
    (*request, files.clone(), open_text)
}

#[test]
fn other_tools_files_are_read_by_the_worker_and_previewed_on_its_answer() {
    let mut m = open("An article of its own.");
    let out = super::update(&mut m, Event::FilesRead(brat_pair()));
    let (request, files, open_text) = asked_to_read(&out);
    assert_eq!(files.len(), 2);
    assert_eq!(open_text.as_deref(), Some("An article of its own."));
    assert_eq!(said(&m), "Reading pier.txt and pier.ann…");
    assert!(m.import.is_none(), "no preview before the answer");
    let read = crate::work::read_files(&files, open_text.as_deref())
        .and_then(|json| crate::work::found_from(&json));
    super::update(&mut m, Event::FilesFound { request, read });
    assert_eq!(said(&m), "Read pier.txt and pier.ann.");
    let p = m.import.as_ref().expect("a preview");
    assert_eq!(p.preview.articles[0].doc.annotations().len(), 3);
}

#[test]
fn an_answer_about_files_since_replaced_changes_nothing() {
    let mut m = open("An article of its own.");
    let first = asked_to_read(&super::update(&mut m, Event::FilesRead(brat_pair())));
    let second = super::update(
        &mut m,
        Event::FilesRead(vec![file("ferry.json", &two_tasks_with_predictions())]),
    );
    let second = asked_to_read(&second);
    assert!(second.0 > first.0);
    let answer = |(request, files, text): (u64, Vec<InputFile>, Option<String>)| {
        let read = crate::work::read_files(&files, text.as_deref())
            .and_then(|json| crate::work::found_from(&json));
        Event::FilesFound { request, read }
    };
    let stale = super::update(&mut m, answer(first));
    assert!(
        !stale.changed && m.import.is_none(),
        "the first files' answer is ignored"
    );
    super::update(&mut m, answer(second));
    assert_eq!(m.import.as_ref().expect("a preview").name, "ferry.json");
}

#[test]
fn a_worker_that_failed_is_said_and_the_next_files_are_read_again() {
    let mut m = open("An article of its own.");
    let (request, ..) = asked_to_read(&super::update(&mut m, Event::FilesRead(brat_pair())));
    let before = (m.doc.clone(), m.revision);
    super::update(
        &mut m,
        Event::FilesFound {
            request,
            read: Err("404".into()),
        },
    );
    assert!(is_error(&m));
    assert_eq!(
        said(&m),
        "Could not import pier.txt and pier.ann: the part of the app that reads other tools' \
         files did not load. Reload the page, then open the files again. Nothing was changed."
    );
    assert_eq!(
        m.message.as_ref().and_then(|x| x.detail.as_deref()),
        Some("404")
    );
    assert!(m.import.is_none());
    assert_eq!((m.doc.clone(), m.revision), before);
    // Opened again: asked again, and previewed.
    update(&mut m, Event::FilesRead(brat_pair()));
    assert!(m.import.is_some());
}

#[test]
fn a_brat_pair_opens_a_preview_and_changes_nothing_yet() {
    let mut m = open("An article of its own.");
    let before = (m.doc.clone(), m.revision);
    let out = update(&mut m, Event::FilesRead(brat_pair()));
    assert!(out.effects.is_empty(), "nothing stored yet");
    let p = m.import.as_ref().expect("a preview");
    assert_eq!(p.name, "pier.txt and pier.ann");
    assert_eq!(p.preview.articles.len(), 1);
    assert_eq!((m.doc.clone(), m.revision), before);
    let v = view::import_dialog(&m).expect("the dialog");
    assert_eq!(v.source, "pier.txt and pier.ann, read as brat standoff.");
    assert_eq!(v.found[..3], ["1 article", "3 annotations", "1 relation"]);
    let rows: Vec<(&str, &str)> = v
        .labels
        .iter()
        .map(|r| (r.foreign.as_str(), r.found.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("Source", "1 annotation"),
            ("Cue", "1 annotation"),
            ("Content", "1 annotation")
        ]
    );
    assert!(v.labels.iter().all(|r| r.choice == LabelChoice::New));
}

#[test]
fn cancel_closes_the_preview_and_changes_nothing() {
    let mut m = open("An article of its own.");
    let before = (m.doc.clone(), m.revision, m.library.clone());
    update(&mut m, Event::FilesRead(brat_pair()));
    let out = update(&mut m, Event::CancelImport);
    assert!(m.import.is_none());
    assert!(out.effects.is_empty());
    assert_eq!((m.doc.clone(), m.revision, m.library.clone()), before);
    assert_eq!(
        said(&m),
        "Import of pier.txt and pier.ann cancelled; nothing was changed."
    );
}

#[test]
fn import_stores_new_articles_with_new_labels_and_attribution() {
    let mut m = open("An article of its own.");
    update(&mut m, Event::FilesRead(brat_pair()));
    let out = update(&mut m, Event::ConfirmImport);
    assert!(m.import.is_none());
    let batches = stored(&out.effects);
    assert_eq!(batches.len(), 1);
    let doc = &batches[0].docs[0];
    assert_eq!(doc.title(), Some("pier"));
    assert_eq!(
        spans(doc),
        [
            ("Source", "Mara Quist"),
            ("Cue", "said"),
            ("Content", "the pier would reopen in May")
        ]
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
    );
    let names: Vec<&str> = doc.labels().iter().map(|l| l.name.as_str()).collect();
    assert_eq!(
        names,
        ["quote", "speaker", "claim", "date", "Source", "Cue", "Content"]
    );
    let content = &doc.annotations()[2];
    let source = crate::attribution::speaker_of(doc, &content.id).expect("attributed");
    assert_eq!(
        doc.annotation_text(doc.annotation(source).unwrap()),
        "Mara Quist"
    );
    assert_eq!(content.cue.map(|c| doc.text().slice(c)), Some("said"));
    assert!(batches[0].notices[0].starts_with("Added 3 labels: “Source”, “Cue”, “Content”."));
    // The open article is as it was until the shell shows the import.
    assert_eq!(m.doc.text().as_str(), "An article of its own.");
}

#[test]
fn a_label_mapped_onto_ours_relabels_its_spans_and_adds_no_label() {
    let mut m = open("An article of its own.");
    update(&mut m, Event::FilesRead(brat_pair()));
    update(
        &mut m,
        Event::SetLabelTarget {
            foreign: "Source".into(),
            choice: LabelChoice::Existing(SPEAKER),
        },
    );
    let v = view::import_dialog(&m).unwrap();
    assert_eq!(v.labels[0].choice, LabelChoice::Existing(SPEAKER));
    let out = update(&mut m, Event::ConfirmImport);
    let doc = &stored(&out.effects)[0].docs[0];
    assert_eq!(
        spans(doc)[0],
        ("speaker".to_owned(), "Mara Quist".to_owned())
    );
    assert!(doc.label_named("Source").is_none());
}

#[test]
fn the_label_mapping_is_remembered_for_the_next_import() {
    let mut m = open("An article of its own.");
    update(&mut m, Event::FilesRead(brat_pair()));
    update(
        &mut m,
        Event::SetLabelTarget {
            foreign: "source".into(),
            choice: LabelChoice::Existing(SPEAKER),
        },
    );
    let out = update(&mut m, Event::ConfirmImport);
    let remembered = out.effects.iter().find_map(|e| match e {
        Effect::RememberLabels(pairs) => Some(pairs.clone()),
        _ => None,
    });
    let pairs = remembered.expect("the mapping is kept by the shell");
    assert!(pairs.contains(&("Source".to_owned(), "speaker".to_owned())));

    // Next session: the shell hands the memory back, and the next import starts from it.
    let mut next = open("Another article.");
    update(&mut next, Event::LabelMemory(pairs));
    update(&mut next, Event::FilesRead(brat_pair()));
    let v = view::import_dialog(&next).unwrap();
    assert_eq!(v.labels[0].foreign, "Source");
    assert_eq!(v.labels[0].choice, LabelChoice::Existing(SPEAKER));
}

#[test]
fn choosing_a_new_label_again_gives_back_the_proposed_one() {
    let mut m = open("An article of its own.");
    update(&mut m, Event::FilesRead(brat_pair()));
    let first = view::import_dialog(&m).unwrap().labels[1].new_name.clone();
    let set = |m: &mut Model, choice| {
        update(
            m,
            Event::SetLabelTarget {
                foreign: "Cue".into(),
                choice,
            },
        )
    };
    set(&mut m, LabelChoice::Existing(SPEAKER));
    set(&mut m, LabelChoice::New);
    let v = view::import_dialog(&m).unwrap();
    assert_eq!(v.labels[1].choice, LabelChoice::New);
    assert_eq!(v.labels[1].new_name, first);
    assert_eq!(v.error, None);
}

#[test]
fn strict_mode_refuses_the_whole_import_at_a_malformed_line() {
    let mut m = open("An article of its own.");
    let ann = format!("{ANN}T9\tSource 0 999\tMara\n");
    update(
        &mut m,
        Event::FilesRead(vec![file("pier.txt", TEXT), file("pier.ann", &ann)]),
    );
    let v = view::import_dialog(&m).unwrap();
    assert_eq!(v.problems.len(), 1, "{:?}", v.problems);
    assert!(
        v.problems[0].starts_with("pier.txt + pier.ann, line 5: "),
        "{}",
        v.problems[0]
    );
    assert_eq!(v.refusal, None, "lenient skips it");
    update(&mut m, Event::SetImportMode(Mode::Strict));
    let v = view::import_dialog(&m).unwrap();
    assert!(v.strict);
    assert!(v.refusal.as_deref().unwrap().contains("line 5"));
    let out = update(&mut m, Event::ConfirmImport);
    assert!(stored(&out.effects).is_empty());
    assert!(m.import.is_none());
    assert!(is_error(&m));
    assert!(said(&m).starts_with(
        "Could not import pier.txt and pier.ann: line 5 of pier.txt + pier.ann is malformed, and “Refuse the whole import” was chosen."
    ), "{}", said(&m));
    let detail = m
        .message
        .as_ref()
        .and_then(|x| x.detail.as_deref())
        .unwrap();
    assert!(
        detail.starts_with("pier.txt + pier.ann, line 5: "),
        "{detail}"
    );
}

#[test]
fn the_strict_refusal_is_the_one_the_strict_reader_gives() {
    let ann = format!("{ANN}X1\twhat is this\nT9\tSource 0 999\tMara\n");
    let files = vec![
        InputFile::new("pier.txt", TEXT.as_bytes().to_vec()),
        InputFile::new("pier.ann", ann.into_bytes()),
    ];
    let labels = crate::label::default_labels();
    let strict = crate::formats::import::read(
        &files,
        &crate::formats::import::ReadOptions {
            open_text: None,
            labels: &labels,
            mode: Mode::Strict,
        },
    );
    let Err(crate::formats::import::ReadError::Refused(problem)) = strict else {
        panic!("strict refuses")
    };
    let mut m = Model::default();
    update(
        &mut m,
        Event::FilesRead(files.into_iter().map(Picked::Read).collect()),
    );
    update(&mut m, Event::SetImportMode(Mode::Strict));
    let pending = m.import.as_ref().unwrap();
    assert_eq!(
        pending.refusal().map(|p| (&p.file, p.line)),
        Some((&problem.file, problem.line))
    );
}

#[test]
fn label_studio_predictions_become_suggestions_to_review_never_annotations() {
    let task = serde_json::json!([{
        "data": { "text": TEXT },
        "annotations": [{ "result": [
            { "id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
              "value": { "start": 0, "end": 10, "text": "Mara Quist", "labels": ["speaker"] } }
        ]}],
        "predictions": [{ "result": [
            { "id": "p1", "from_name": "label", "to_name": "text", "type": "labels",
              "value": { "start": 41, "end": 44, "text": "May", "labels": ["date"] } },
            { "id": "p2", "from_name": "label", "to_name": "text", "type": "labels",
              "value": { "start": 16, "end": 44, "text": "the pier would reopen in May", "labels": ["claim"] } }
        ]}]
    }]);
    let mut m = Model::default();
    update(
        &mut m,
        Event::FilesRead(vec![file("project.json", &task.to_string())]),
    );
    assert!(view::import_dialog(&m).unwrap().found[3].starts_with("2 suggestions"));
    let out = update(&mut m, Event::ConfirmImport);
    let batch = stored(&out.effects).remove(0);
    assert_eq!(
        spans(&batch.docs[0]),
        [("speaker".to_owned(), "Mara Quist".to_owned())],
        "predictions are not annotations"
    );
    store_and_show(&mut m, &batch);
    let list = m.suggestions.clone().expect("reviewing the predictions");
    assert_eq!(list.len(), 2);
    assert!(said(&m).contains("2 suggestions to review"), "{}", said(&m));
    // Enter accepts the one in focus (the claim, first in the text); Backspace rejects the date.
    let focus = m.suggestion.clone().unwrap();
    update(&mut m, Event::AcceptSuggestion(focus));
    let focus = m.suggestion.clone().unwrap();
    update(&mut m, Event::RejectSuggestion(focus));
    let got = spans(&m.doc);
    assert!(got.contains(&(
        "claim".to_owned(),
        "the pier would reopen in May".to_owned()
    )));
    assert!(!got.iter().any(|(l, _)| l == "date"));
    assert_eq!(m.rejected.len(), 1);
}

/// Two Label Studio tasks, each with a prediction or two: the second article's text is ours.
const SECOND: &str = "Ida Brun said the ferry sails again on Monday.";

fn two_tasks_with_predictions() -> String {
    let region = |id: &str, start: usize, end: usize, text: &str, label: &str| {
        serde_json::json!({ "id": id, "from_name": "label", "to_name": "text", "type": "labels",
            "value": { "start": start, "end": end, "text": text, "labels": [label] } })
    };
    serde_json::json!([
        { "data": { "text": TEXT, "title": "Pier" }, "annotations": [],
          "predictions": [{ "result": [region("p1", 41, 44, "May", "date")] }] },
        { "data": { "text": SECOND, "title": "Ferry" }, "annotations": [],
          "predictions": [{ "result": [
              region("p2", 0, 8, "Ida Brun", "speaker"),
              region("p3", 39, 45, "Monday", "date"),
          ] }] }
    ])
    .to_string()
}

/// Imports the two tasks as new articles: the model, as the shell leaves it, and the batch.
fn import_two_tasks() -> (Model, Batch) {
    let mut m = Model::default();
    update(
        &mut m,
        Event::FilesRead(vec![file("ferry.json", &two_tasks_with_predictions())]),
    );
    let out = update(&mut m, Event::ConfirmImport);
    let batch = stored(&out.effects).remove(0);
    store_and_show(&mut m, &batch);
    (m, batch)
}

/// What the shell does when the `i`th article of `batch` is opened from the library, as
/// stored (its record written and read back); the effects asked for.
fn open_stored(m: &mut Model, batch: &Batch, i: usize) -> Vec<Effect> {
    let record = crate::record::save_with(
        &batch.docs[i],
        &crate::History::default(),
        &[],
        &batch.predictions[i],
    );
    reopen(m, &format!("i{i}"), &record, true)
}

/// Opens a stored record, as the library does, for editing or (`editing` false: another tab
/// edits it) read-only; the effects asked for.
fn reopen(m: &mut Model, id: &str, record: &str, editing: bool) -> Vec<Effect> {
    let r = crate::record::load(record).unwrap();
    update(
        m,
        Event::Restore {
            id: id.into(),
            doc: Box::new(r.doc),
            history: r.history,
            notices: r.notices,
            rejected: r.rejected,
            predictions: r.predictions,
            only_if_empty: false,
            editing,
        },
    )
    .effects
}

/// `(label name, text)` of each suggestion under review.
fn under_review(m: &Model) -> Vec<(String, String)> {
    m.suggestions
        .iter()
        .flat_map(|v| v.iter())
        .map(|p| {
            let label = m
                .doc
                .label(p.proposal.label)
                .map_or("?", |l| l.name.as_str());
            (
                label.to_owned(),
                m.doc.text().slice(p.proposal.span).to_owned(),
            )
        })
        .collect()
}

fn pair(label: &str, text: &str) -> (String, String) {
    (label.to_owned(), text.to_owned())
}

#[test]
fn predictions_of_the_second_article_are_kept_with_it() {
    let (m, batch) = import_two_tasks();
    assert_eq!(batch.docs.len(), 2);
    assert_eq!(batch.predictions.len(), 2);
    let second: Vec<&str> = batch.predictions[1]
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(second, ["Ida Brun", "Monday"]);
    assert!(
        batch.docs[1].annotations().is_empty(),
        "predictions are not annotations"
    );
    assert!(
        said(&m).contains(
            "2 predictions on “Ferry” wait for review: open it from the library to review them."
        ),
        "{}",
        said(&m)
    );
    assert!(!said(&m).contains("not kept"), "{}", said(&m));
    // The first article's own prediction is under review at once, as before.
    assert_eq!(under_review(&m), [pair("date", "May")]);
}

#[test]
fn opening_an_article_with_predictions_starts_their_review() {
    let (mut m, batch) = import_two_tasks();
    let effects = open_stored(&mut m, &batch, 1);
    assert_eq!(m.doc.text().as_str(), SECOND);
    // Focus goes to the article (not back to the Library button), where Enter accepts.
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::FocusOn(Focus::Article))),
        "{effects:?}"
    );
    assert_eq!(
        under_review(&m),
        [pair("speaker", "Ida Brun"), pair("date", "Monday")]
    );
    assert_eq!(
        m.suggestion,
        m.suggestions
            .as_ref()
            .unwrap()
            .first()
            .map(|p| p.key.clone())
    );
    assert!(
        said(&m).ends_with(
            "2 suggestions to review (the predictions imported with it). \
             Enter accepts the one in focus, Backspace rejects it."
        ),
        "{}",
        said(&m)
    );
    assert!(
        m.doc.annotations().is_empty(),
        "nothing is annotated unasked"
    );
}

#[test]
fn accepting_a_prediction_takes_it_off_the_pending_list() {
    let (mut m, batch) = import_two_tasks();
    open_stored(&mut m, &batch, 1);
    let focus = m.suggestion.clone().unwrap();
    update(&mut m, Event::AcceptSuggestion(focus));
    assert_eq!(spans(&m.doc), [pair("speaker", "Ida Brun")]);
    let left: Vec<&str> = m.predictions.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(left, ["Monday"], "the accepted one is off the list");
    // Saved and opened again: only the one not decided is offered.
    let record = crate::record::save_with(&m.doc, &m.history, &m.rejected, &m.predictions);
    reopen(&mut m, "i1", &record, true);
    assert_eq!(under_review(&m), [pair("date", "Monday")]);
}

#[test]
fn rejecting_a_prediction_remembers_it_as_rejected_and_takes_it_off() {
    let (mut m, batch) = import_two_tasks();
    open_stored(&mut m, &batch, 1);
    let focus = m.suggestion.clone().unwrap();
    update(&mut m, Event::RejectSuggestion(focus));
    assert_eq!(m.rejected.as_slice(), ["speaker:0-8:Ida Brun"]);
    let left: Vec<&str> = m.predictions.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(left, ["Monday"]);
    let focus = m.suggestion.clone().unwrap();
    update(&mut m, Event::RejectSuggestion(focus));
    assert!(m.predictions.is_empty());
    assert!(m.suggestions.is_none());
    let record = crate::record::save_with(&m.doc, &m.history, &m.rejected, &m.predictions);
    assert!(
        !record.contains("pending"),
        "nothing left to review is stored"
    );
    reopen(&mut m, "i1", &record, true);
    assert!(m.suggestions.is_none(), "nothing offered again");
    assert!(!said(&m).contains("to review"), "{}", said(&m));
}

#[test]
fn an_article_open_read_only_offers_no_review_but_keeps_its_predictions() {
    let (mut m, batch) = import_two_tasks();
    let record = crate::record::save_with(
        &batch.docs[1],
        &crate::History::default(),
        &[],
        &batch.predictions[1],
    );
    reopen(&mut m, "i1", &record, false);
    assert!(m.suggestions.is_none());
    assert_eq!(m.predictions.len(), 2);
}

#[test]
fn a_file_imported_as_suggestions_onto_the_open_article_is_reviewed_there() {
    let mut m = open(TEXT);
    let doccano = format!(
        "{}\n",
        serde_json::json!({ "text": TEXT, "label": [[0, 10, "speaker"], [41, 44, "DATE"]] })
    );
    update(&mut m, Event::FilesRead(vec![file("pier.jsonl", &doccano)]));
    let v = view::import_dialog(&m).unwrap();
    assert!(v.onto_open, "the file has the open article's text");
    update(
        &mut m,
        Event::SetImportDestination(Destination::Suggestions),
    );
    let before = m.doc.annotations().len();
    let out = update(&mut m, Event::ConfirmImport);
    assert!(stored(&out.effects).is_empty(), "no new article");
    assert_eq!(m.doc.annotations().len(), before, "nothing added unasked");
    let list = m.suggestions.clone().expect("reviewing");
    let texts: Vec<String> = view::suggestion_texts(&m)
        .into_iter()
        .map(|t| t.text)
        .collect();
    assert_eq!(texts, ["Mara Quist", "May"]);
    assert_eq!(list.len(), 2);
    assert!(said(&m).starts_with("2 suggestions from pier.jsonl to review."));
    let focus = m.suggestion.clone().unwrap();
    update(&mut m, Event::AcceptSuggestion(focus));
    assert_eq!(
        spans(&m.doc),
        [("speaker".to_owned(), "Mara Quist".to_owned())]
    );
}

#[test]
fn importing_as_suggestions_is_offered_only_on_the_same_text() {
    let mut m = open("A different article altogether.");
    let doccano = serde_json::json!({ "text": TEXT, "label": [[0, 10, "speaker"]] }).to_string();
    update(&mut m, Event::FilesRead(vec![file("pier.jsonl", &doccano)]));
    update(
        &mut m,
        Event::SetImportDestination(Destination::Suggestions),
    );
    let v = view::import_dialog(&m).unwrap();
    assert!(!v.onto_open && !v.as_suggestions);
}

#[test]
fn w3c_annotations_anchor_on_the_open_article_and_the_lost_are_listed() {
    let mut m = open(TEXT);
    let w3c = serde_json::json!([
        { "type": "Annotation", "body": { "type": "TextualBody", "purpose": "tagging", "value": "speaker" },
          "target": { "selector": { "type": "TextQuoteSelector", "exact": "Mara Quist" } } },
        { "type": "Annotation", "body": { "type": "TextualBody", "purpose": "tagging", "value": "date" },
          "target": { "selector": { "type": "TextQuoteSelector", "exact": "in June" } } }
    ]);
    update(
        &mut m,
        Event::FilesRead(vec![file("notes.jsonld", &w3c.to_string())]),
    );
    let v = view::import_dialog(&m).expect("a preview");
    assert_eq!(v.found[1], "1 annotation");
    assert_eq!(v.problems.len(), 1);
    assert!(v.problems[0].contains("in June"), "{}", v.problems[0]);
}

#[test]
fn files_that_hold_nothing_to_import_are_refused_with_the_reason() {
    let mut m = open(TEXT);
    update(&mut m, Event::FilesRead(vec![file("pier.ann", ANN)]));
    assert!(m.import.is_none());
    assert_eq!(
        said(&m),
        "Could not import pier.ann: nothing to import: pier.ann: a brat .ann file needs its .txt: no pier.txt was given. Nothing was changed."
    );
    update(&mut m, Event::FilesRead(vec![file("pier.txt", TEXT)]));
    assert!(said(&m).starts_with("Could not import pier.txt: it holds no annotations"));
    assert!(is_error(&m));
}

#[test]
fn several_files_dropped_together_are_read_as_one_import() {
    let mut m = Model::default();
    let conll = "Mara\tB-PER\nQuist\tI-PER\nsaid\tO\n";
    let mut files = brat_pair();
    files.push(file("other.conll", conll));
    update(&mut m, Event::FilesRead(files));
    let v = view::import_dialog(&m).expect("one preview for all");
    assert_eq!(v.found[0], "2 articles");
    assert_eq!(
        v.source,
        "pier.txt, pier.ann and other.conll, read as brat standoff and CoNLL."
    );
    let out = update(&mut m, Event::ConfirmImport);
    let batch = stored(&out.effects).remove(0);
    assert_eq!(batch.docs.len(), 2);
    assert_eq!(
        spans(&batch.docs[1]),
        [("PER".to_owned(), "Mara Quist".to_owned())]
    );
}

#[test]
fn a_json_file_naming_a_format_is_ours_even_when_it_looks_like_another_tools() {
    let body = r#"{"format": "label-studio", "version": 1, "annotations": []}"#;
    assert!(import::is_own(&InputFile::new(
        "x.json",
        body.as_bytes().to_vec()
    )));
    let ls = r#"[{"data": {"text": "A b."}, "annotations": []}]"#;
    assert!(!import::is_own(&InputFile::new(
        "x.json",
        ls.as_bytes().to_vec()
    )));
    assert!(import::is_own(&InputFile::new(
        "x.json",
        b"{not json".to_vec()
    )));
    assert!(!import::is_own(&InputFile::new(
        "x.ann",
        b"T1\tA 0 1\tA\n".to_vec()
    )));
}

#[test]
fn suggestions_onto_an_article_another_tab_took_over_are_refused() {
    let mut m = open(TEXT);
    let doccano = serde_json::json!({ "text": TEXT, "label": [[0, 10, "speaker"]] }).to_string();
    update(&mut m, Event::FilesRead(vec![file("pier.jsonl", &doccano)]));
    update(
        &mut m,
        Event::SetImportDestination(Destination::Suggestions),
    );
    update(
        &mut m,
        Event::SetAccess(model::Access::ReadOnly {
            asked: false,
            slow: false,
        }),
    );
    update(&mut m, Event::ConfirmImport);
    assert!(m.suggestions.is_none());
    assert_eq!(m.doc.labels().len(), 4, "no label added");
    assert_eq!(said(&m), event::READ_ONLY);
}

#[test]
fn a_file_is_ours_by_its_keys_on_one_line_or_many_but_not_as_an_array() {
    let own = |body: &str| import::is_own(&InputFile::new("x.txt", body.as_bytes().to_vec()));
    assert!(own(
        r#"{"document": {"text": "A b."}, "annotations": [[1, 2], {"x": "}"}]}"#
    ));
    assert!(own("{\n  \"x\": [1, 2],\n  \"format\": 7\n}\n"));
    assert!(!own(r#"{"formats": 1, "documents": {}}"#));
    // Named before the file goes wrong: ours, for the v1 reader to say what is wrong.
    assert!(own(r#"{"format": "article-annotator", "version": 1, oops"#));
    assert!(!own(r#"[{"format": "x"}, {"document": 1}]"#));
    assert!(!own("The format of this document is plain text.\n"));
}

/// A file of ours with `n` one-word annotations (`a1`, `a2`, …), the `bad`-th (if any) with a
/// text that is nowhere in the article.
fn many_annotations(n: usize, bad: Option<usize>) -> String {
    let words: Vec<String> = (0..n).map(|i| format!("w{i}")).collect();
    let text = words.join(" ");
    let mut start = 0;
    let anns: Vec<serde_json::Value> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let end = start + w.chars().count();
            let said = if bad == Some(i) {
                "nowhere"
            } else {
                w.as_str()
            };
            let a = serde_json::json!({
                "id": format!("a{}", i + 1), "label": "quote", "start": start, "end": end,
                "text": said,
            });
            start = end + 1;
            a
        })
        .collect();
    serde_json::json!({
        "format": "article-annotator", "version": 1,
        "document": { "title": "Many", "text": text },
        "labels": [ { "name": "quote", "color": "#FFE08A", "key": "1" } ],
        "annotations": anns, "relations": [],
    })
    .to_string()
}

/// The event an effect list asks to have sent back in a later task, if any.
fn later(effects: &[Effect]) -> Option<Event> {
    effects.iter().find_map(|e| match e {
        Effect::Yield(event) => Some((**event).clone()),
        _ => None,
    })
}

#[test]
fn a_large_file_of_ours_is_read_a_slice_at_a_time_showing_how_far_it_has_got() {
    let n = 2 * import::READ_STEP + 5;
    assert!(n <= crate::limits::MAX_ANNOTATIONS);
    let mut m = open(TEXT);
    let mut out = update(
        &mut m,
        Event::FilesRead(vec![file("many.json", &many_annotations(n, None))]),
    );
    let mut seen = Vec::new();
    while let Some(r) = &m.reading {
        assert_eq!((r.name.as_str(), r.total), ("many.json", n));
        seen.push(r.done);
        assert!(stored(&out.effects).is_empty(), "not yet read");
        assert_eq!(
            m.doc.text().as_str(),
            TEXT,
            "the open article stays meanwhile"
        );
        let again = later(&out.effects).expect("reads on in a later task");
        assert!(matches!(again, Event::ReadOn));
        out = update(&mut m, again);
    }
    // parsed in the task that got the file; its text and labels made in a slice of their own
    assert_eq!(seen, [0, 0, import::READ_STEP, 2 * import::READ_STEP]);
    assert!(later(&out.effects).is_none());
    let batches = stored(&out.effects);
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].name, "many.json");
    let doc = &batches[0].docs[0];
    assert_eq!(doc.annotations().len(), n);
    assert_eq!(
        doc.annotation_text(&doc.annotations()[n - 1]),
        format!("w{}", n - 1)
    );
}

#[test]
fn a_fault_late_in_a_large_file_is_explained_and_changes_nothing() {
    let n = import::READ_STEP + 10;
    let mut m = open(TEXT);
    let before = m.doc.clone();
    let mut out = update(
        &mut m,
        Event::FilesRead(vec![file("late.json", &many_annotations(n, Some(n - 3)))]),
    );
    while let Some(e) = later(&out.effects) {
        out = update(&mut m, e);
    }
    assert!(stored(&out.effects).is_empty());
    assert!(m.reading.is_none());
    assert!(is_error(&m));
    assert!(
        said(&m).starts_with("Could not import late.json: "),
        "{}",
        said(&m)
    );
    assert!(
        said(&m).contains("don't fit its article's text"),
        "{}",
        said(&m)
    );
    let detail = m.message.as_ref().and_then(|x| x.detail.as_deref());
    assert!(
        detail.is_some_and(|d| d.contains(&format!("\"a{}\"", n - 2))),
        "{detail:?}"
    );
    assert_eq!(m.doc, before);
}

#[test]
fn a_read_on_with_nothing_being_read_does_nothing() {
    let mut m = open(TEXT);
    let before = m.clone();
    let out = update(&mut m, Event::ReadOn);
    assert!(out.effects.is_empty());
    assert_eq!(m.doc, before.doc);
    assert!(m.reading.is_none());
}

#[test]
fn files_chosen_while_a_large_one_is_read_open_after_it_in_order() {
    let n = import::READ_STEP + 1;
    let mut m = open(TEXT);
    update(
        &mut m,
        Event::FilesRead(vec![file("many.json", &many_annotations(n, None))]),
    );
    assert!(m.reading.is_some());
    let doc = Document::new(crate::Text::new(TEXT), Some("Pier".into()));
    let json = crate::formats::v1::export_json(&doc);
    let out = update(&mut m, Event::FilesRead(vec![file("pier.json", &json)]));
    assert!(m.reading.is_none());
    let names: Vec<&str> = out
        .effects
        .iter()
        .filter_map(|e| match e {
            Effect::StoreImports(b) => Some(b[0].name.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["many.json", "pier.json"]);
    // the slice the first file had asked for finds nothing left to read
    let out = update(&mut m, Event::ReadOn);
    assert!(out.effects.is_empty());
}

#[test]
fn a_relation_to_no_annotation_is_explained_like_any_fault_of_the_file() {
    let mut m = open(TEXT);
    let mut v: serde_json::Value = serde_json::from_str(&many_annotations(3, None)).unwrap();
    v["relations"] = serde_json::json!([
        { "id": "r1", "type": "attributed_to", "from": "a1", "to": "a9" }
    ]);
    update(
        &mut m,
        Event::FilesRead(vec![file("rel.json", &v.to_string())]),
    );
    assert!(is_error(&m));
    assert!(
        said(&m).contains("labels and annotations contradict each other"),
        "{}",
        said(&m)
    );
    assert!(m.reading.is_none());
}

#[test]
fn a_bad_label_in_a_large_file_is_explained_after_the_slice_that_makes_the_labels() {
    let mut m = open(TEXT);
    let before = m.doc.clone();
    let mut v: serde_json::Value =
        serde_json::from_str(&many_annotations(import::READ_STEP + 1, None)).unwrap();
    v["labels"][0]["color"] = serde_json::json!("red");
    let out = update(
        &mut m,
        Event::FilesRead(vec![file("colour.json", &v.to_string())]),
    );
    assert!(!is_error(&m), "parsed only, nothing checked yet");
    let again = later(&out.effects).expect("reads on in a later task");
    let out = update(&mut m, again);
    assert!(later(&out.effects).is_none(), "reading stops at the fault");
    assert!(stored(&out.effects).is_empty());
    assert!(m.reading.is_none());
    assert!(is_error(&m));
    assert!(
        said(&m).starts_with("Could not import colour.json: "),
        "{}",
        said(&m)
    );
    assert_eq!(m.doc, before);
}
