//! The app's behaviour, one test per behaviour, each driving [`update`] as the shell does and
//! checking the model and the effects asked for. Texts are written for these tests.

use super::*;
use crate::export::ExportFormat;
use crate::stamp::Stamp;
use crate::{AnnotationId, LabelId, Utf16Offset};
use std::rc::Rc;

const TEXT: &str =
    "“We will rebuild the pier,” said Mara Quist on Monday. She added: “Not this year.”";

const QUOTE: LabelId = LabelId(0);
const SPEAKER: LabelId = LabelId(1);
const CLAIM: LabelId = LabelId(2);

/// The moment of every export in these tests.
const AT: Stamp = Stamp {
    year: 2026,
    month: 12,
    day: 4,
    hour: 8,
    minute: 24,
};

/// A model with [`TEXT`] open for annotating.
fn open() -> Model {
    let mut m = Model::default();
    let out = update(
        &mut m,
        Event::Annotate {
            title: "Pier".into(),
            text: TEXT.into(),
            new_id: "d1".into(),
        },
    );
    assert!(out.changed);
    m
}

/// The UTF-16 selection of the first `needle` in [`TEXT`].
fn sel(needle: &str) -> Selection {
    let at = TEXT.find(needle).expect("needle in text");
    let a = TEXT[..at].encode_utf16().count();
    let b = a + needle.encode_utf16().count();
    Some((Utf16Offset(a), Utf16Offset(b)))
}

fn label(m: &mut Model, label: LabelId, needle: &str) -> AnnotationId {
    update(
        m,
        Event::Label {
            label,
            selection: sel(needle),
        },
    );
    m.selected.clone().expect("the new annotation is selected")
}

/// Labels “Mara Quist” and “She” as speakers and links She to Mara Quist (one person), as a
/// person does with "Same speaker as…"; returns (Mara Quist, She).
fn she_linked_to_mara(m: &mut Model) -> (AnnotationId, AnnotationId) {
    let mara = label(m, SPEAKER, "Mara Quist");
    let she = label(m, SPEAKER, "She");
    update(m, Event::Select(Some(she.clone())));
    update(m, Event::StartLink);
    update(m, Event::PickTarget(mara.clone()));
    (mara, she)
}

fn said(m: &Model) -> &str {
    m.message.as_ref().map_or("", |x| x.text.as_str())
}

fn texts(m: &Model) -> Vec<&str> {
    m.doc
        .annotations()
        .iter()
        .map(|a| m.doc.annotation_text(a))
        .collect()
}

#[test]
fn annotate_opens_the_text_with_no_undo_step() {
    let m = open();
    assert_eq!(m.stage, Stage::Annotate);
    assert_eq!(m.doc.text().as_str(), TEXT);
    assert_eq!(m.doc_id.as_deref(), Some("d1"));
    assert_eq!(m.revision, 1);
    assert!(!m.history.can_undo());
}

#[test]
fn annotate_refuses_an_empty_paste() {
    let mut m = Model::default();
    update(
        &mut m,
        Event::Annotate {
            title: String::new(),
            text: "  \n ".into(),
            new_id: "d1".into(),
        },
    );
    assert_eq!(m.stage, Stage::Input);
    assert_eq!(said(&m), "Paste an article into the box first.");
    assert!(m.message.as_ref().unwrap().is_error);
}

#[test]
fn labelling_a_selection_creates_and_selects_it() {
    let mut m = open();
    let id = label(&mut m, SPEAKER, "Mara Quist");
    assert_eq!(texts(&m), ["Mara Quist"]);
    assert_eq!(m.doc.annotation(&id).unwrap().label, SPEAKER);
    assert_eq!(said(&m), "Added speaker: Mara Quist");
    assert!(m.revision > 1);
}

#[test]
fn a_selection_snaps_to_whole_words() {
    let mut m = open();
    label(&mut m, SPEAKER, "ara Qui");
    assert_eq!(texts(&m), ["Mara Quist"]);
}

#[test]
fn a_label_key_without_a_selection_relabels_the_selected_annotation() {
    let mut m = open();
    let id = label(&mut m, QUOTE, "Not this year.");
    update(
        &mut m,
        Event::Key {
            key: '3',
            selection: None,
        },
    );
    assert_eq!(m.doc.annotation(&id).unwrap().label, CLAIM);
    assert_eq!(said(&m), "Relabelled as claim.");
}

#[test]
fn a_label_key_with_nothing_selected_says_what_to_do() {
    let mut m = open();
    let out = update(
        &mut m,
        Event::Key {
            key: '1',
            selection: None,
        },
    );
    assert!(out.changed);
    assert!(m.doc.annotations().is_empty());
    assert!(said(&m).starts_with("Select some text in the article first"));
}

#[test]
fn a_selection_of_only_spaces_is_refused_with_a_hint() {
    let mut m = open();
    let at = TEXT.find(" said").unwrap();
    let a = TEXT[..at].encode_utf16().count();
    update(
        &mut m,
        Event::Label {
            label: QUOTE,
            selection: Some((Utf16Offset(a), Utf16Offset(a + 1))),
        },
    );
    assert!(m.doc.annotations().is_empty());
    assert!(said(&m).starts_with("The selection holds only spaces"));
}

#[test]
fn clicking_the_same_place_again_cycles_through_overlapping_annotations() {
    let mut m = open();
    let inner = label(&mut m, SPEAKER, "Quist");
    let outer = label(&mut m, CLAIM, "Mara Quist on Monday");
    let under = vec![inner.clone(), outer.clone()];
    update(&mut m, Event::ClickAnnotations(under.clone()));
    assert_eq!(m.selected.as_ref(), Some(&inner));
    update(&mut m, Event::ClickAnnotations(under.clone()));
    assert_eq!(m.selected.as_ref(), Some(&outer));
    update(&mut m, Event::ClickAnnotations(under));
    assert_eq!(m.selected.as_ref(), Some(&inner));
    update(&mut m, Event::Cycle { forward: true });
    assert_eq!(m.selected.as_ref(), Some(&outer));
}

#[test]
fn clicking_plain_text_clears_the_selection() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    update(&mut m, Event::ClickAnnotations(Vec::new()));
    assert_eq!(m.selected, None);
}

#[test]
fn attribute_by_clicking_a_speaker() {
    let mut m = open();
    let speaker = label(&mut m, SPEAKER, "Mara Quist");
    let quote = label(&mut m, QUOTE, "We will rebuild the pier,");
    update(&mut m, Event::StartAttribute);
    assert_eq!(m.picking, Some(Pick::Speaker(quote.clone())));
    update(&mut m, Event::ClickAnnotations(vec![speaker.clone()]));
    assert_eq!(m.picking, None);
    assert_eq!(
        crate::attribution::speaker_of(&m.doc, &quote),
        Some(&speaker)
    );
    assert_eq!(said(&m), "Attributed to Mara Quist.");
    assert_eq!(m.selected.as_ref(), Some(&quote));
}

#[test]
fn attributing_to_a_pronoun_names_its_person() {
    let mut m = open();
    let (_, she) = she_linked_to_mara(&mut m);
    let quote = label(&mut m, QUOTE, "Not this year.");
    update(&mut m, Event::StartAttribute);
    update(&mut m, Event::PickTarget(she.clone()));
    assert_eq!(crate::attribution::speaker_of(&m.doc, &quote), Some(&she));
    assert_eq!(said(&m), "Attributed to She (Mara Quist).");
}

#[test]
fn attribute_by_picking_from_the_list() {
    let mut m = open();
    let speaker = label(&mut m, SPEAKER, "Mara Quist");
    let quote = label(&mut m, QUOTE, "Not this year.");
    update(&mut m, Event::StartAttribute);
    update(&mut m, Event::PickTarget(speaker.clone()));
    assert_eq!(
        crate::attribution::speaker_of(&m.doc, &quote),
        Some(&speaker)
    );
}

#[test]
fn attribute_to_a_new_speaker_span_by_selecting_the_name() {
    let mut m = open();
    let quote = label(&mut m, QUOTE, "Not this year.");
    update(&mut m, Event::StartAttribute);
    label(&mut m, SPEAKER, "She");
    let speaker = crate::attribution::speaker_of(&m.doc, &quote).expect("attributed");
    assert_eq!(
        m.doc.annotation_text(m.doc.annotation(speaker).unwrap()),
        "She"
    );
    assert_eq!(said(&m), "Attributed to She (a new speaker span).");
}

#[test]
fn clicking_a_non_speaker_while_picking_explains() {
    let mut m = open();
    let quote = label(&mut m, QUOTE, "Not this year.");
    update(&mut m, Event::StartAttribute);
    update(&mut m, Event::ClickAnnotations(vec![quote.clone()]));
    assert!(m.picking.is_some());
    assert!(said(&m).starts_with("That is not a speaker span."));
}

#[test]
fn attribute_needs_a_quote_or_claim() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    update(&mut m, Event::StartAttribute);
    assert_eq!(m.picking, None);
    assert_eq!(said(&m), "Select a quote or a claim to attribute it.");
}

#[test]
fn same_speaker_links_two_mentions_and_unlink_splits_them() {
    let mut m = open();
    let she = label(&mut m, SPEAKER, "She");
    let mara = label(&mut m, SPEAKER, "Mara Quist");
    update(&mut m, Event::Select(Some(she.clone())));
    update(&mut m, Event::StartLink);
    update(&mut m, Event::PickTarget(mara.clone()));
    assert_eq!(said(&m), "Linked as the same speaker as Mara Quist.");
    assert_eq!(crate::attribution::entities(&m.doc).len(), 1);
    update(&mut m, Event::Unlink);
    assert_eq!(crate::attribution::entities(&m.doc).len(), 2);
}

#[test]
fn undo_and_redo_say_what_they_did() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    update(&mut m, Event::Undo);
    assert!(m.doc.annotations().is_empty());
    assert!(said(&m).starts_with("Undid "), "{}", said(&m));
    update(&mut m, Event::Redo);
    assert_eq!(texts(&m), ["Mara Quist"]);
    assert!(said(&m).starts_with("Redid "), "{}", said(&m));
    update(&mut m, Event::Redo);
    assert_eq!(said(&m), "Nothing to redo.");
}

#[test]
fn nothing_to_undo_is_said() {
    let mut m = open();
    update(&mut m, Event::Undo);
    assert_eq!(said(&m), "Nothing to undo.");
}

#[test]
fn deleting_the_selected_annotation() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    update(&mut m, Event::DeleteSelected);
    assert!(m.doc.annotations().is_empty());
    assert_eq!(m.selected, None);
    assert_eq!(said(&m), "Deleted: Mara Quist");
}

#[test]
fn nudging_the_end_moves_it_a_word() {
    let mut m = open();
    let id = label(&mut m, SPEAKER, "Mara");
    update(
        &mut m,
        Event::Nudge {
            edge: Edge::End,
            forward: true,
        },
    );
    assert_eq!(
        m.doc.annotation_text(m.doc.annotation(&id).unwrap()),
        "Mara Quist"
    );
    assert_eq!(said(&m), "Resized: Mara Quist");
}

#[test]
fn replacing_the_text_that_drops_annotations_asks_first() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    update(
        &mut m,
        Event::Annotate {
            title: "Pier".into(),
            text: "A different text entirely.".into(),
            new_id: "d2".into(),
        },
    );
    assert_eq!(m.pending.as_ref().map(|p| p.dropped), Some(1));
    assert_eq!(
        m.doc.text().as_str(),
        TEXT,
        "nothing changes until confirmed"
    );
    update(&mut m, Event::ConfirmReplace);
    assert_eq!(m.doc.text().as_str(), "A different text entirely.");
    assert!(m.doc.annotations().is_empty());
    assert_eq!(m.doc_id.as_deref(), Some("d1"), "the same article");
}

#[test]
fn replacing_the_text_keeps_annotations_whose_text_is_still_there() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    update(
        &mut m,
        Event::Annotate {
            title: "Pier".into(),
            text: format!("Update. {TEXT}"),
            new_id: "d2".into(),
        },
    );
    assert_eq!(m.pending, None);
    assert_eq!(texts(&m), ["Mara Quist"]);
    assert_eq!(said(&m), "Text updated; all 1 annotation kept.");
}

#[test]
fn a_read_only_tab_refuses_changes_and_says_why() {
    let mut m = open();
    update(
        &mut m,
        Event::SetAccess(Access::ReadOnly {
            asked: false,
            slow: false,
        }),
    );
    update(
        &mut m,
        Event::Label {
            label: SPEAKER,
            selection: sel("Mara Quist"),
        },
    );
    assert!(m.doc.annotations().is_empty());
    assert_eq!(said(&m), READ_ONLY);
}

#[test]
fn a_conflict_must_be_settled_before_editing() {
    let mut m = open();
    update(&mut m, Event::SetConflict(Some(Conflict::ChangedElsewhere)));
    update(&mut m, Event::Undo);
    assert!(said(&m).starts_with("First choose, in the banner at the top"));
}

#[test]
fn show_selects_flashes_and_asks_to_scroll_then_to_end_the_flash() {
    let mut m = open();
    let id = label(&mut m, SPEAKER, "Mara Quist");
    update(&mut m, Event::Select(None));
    let out = update(&mut m, Event::Show(id.clone()));
    assert_eq!(m.selected.as_ref(), Some(&id));
    let nonce = m.flash.as_ref().map(|(_, n)| *n).expect("flashing");
    assert!(
        matches!(
            &out.effects[..],
            [Effect::ScrollTo(to), Effect::Later { ms: model::FLASH_MS, event }]
                if *to == id && matches!(**event, Event::EndFlash(n) if n == nonce)
        ),
        "{:?}",
        out.effects
    );
    // A second Show before the first flash ends: the first's end leaves the second alone.
    update(&mut m, Event::Show(id));
    update(&mut m, Event::EndFlash(nonce));
    assert!(m.flash.is_some());
    update(&mut m, Event::EndFlash(nonce + 1));
    assert!(m.flash.is_none());
}

#[test]
fn another_tools_format_is_written_by_the_worker_then_downloaded() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    let out = update(&mut m, Event::Export(ExportFormat::Brat, AT));
    let [Effect::WriteExport {
        request,
        format: ExportFormat::Brat,
        json,
        base,
        id,
    }] = &out.effects[..]
    else {
        panic!("one WriteExport: {:?}", out.effects);
    };
    assert_eq!(json, &crate::formats::v1::export_json(&m.doc));
    assert_eq!((base.as_str(), id.as_deref()), ("pier", Some("d1")));
    assert_eq!(said(&m), "Writing pier.brat.zip…");
    let written = crate::work::write_export(json, ExportFormat::Brat.number(), base, Some("d1"));
    let want = written.clone().expect("bytes");
    let out = update(
        &mut m,
        Event::ExportWritten {
            request: *request,
            bytes: written,
        },
    );
    let [Effect::Download {
        name,
        mime,
        bytes,
        said: told,
    }] = &out.effects[..]
    else {
        panic!("one download: {:?}", out.effects);
    };
    assert_eq!((name.as_str(), *mime), ("pier.brat.zip", "application/zip"));
    assert_eq!(bytes, &want);
    assert_eq!(told, "Exported 1 annotation to pier.brat.zip.");
    // The same answer again (or any other) downloads nothing more.
    let again = update(
        &mut m,
        Event::ExportWritten {
            request: *request,
            bytes: Ok(want),
        },
    );
    assert!(again.effects.is_empty() && !again.changed);
}

#[test]
fn an_export_the_worker_could_not_write_is_said() {
    let mut m = open();
    let out = update(&mut m, Event::Export(ExportFormat::Html, AT));
    let [Effect::WriteExport { request, .. }] = &out.effects[..] else {
        panic!("one WriteExport: {:?}", out.effects);
    };
    let out = update(
        &mut m,
        Event::ExportWritten {
            request: *request,
            bytes: Err("the worker could not be loaded".into()),
        },
    );
    assert!(out.effects.is_empty());
    let message = m.message.as_ref().expect("said");
    assert!(message.is_error);
    assert_eq!(
        message.text,
        "Could not export pier.annotated.html: the part of the app that writes other tools' \
         formats did not load. Reload the page, then export again."
    );
}

#[test]
fn json_and_csv_are_written_by_the_page_and_the_rest_by_the_worker() {
    for format in ExportFormat::ALL {
        let mut m = open();
        let out = update(&mut m, Event::Export(format, AT));
        let by_worker = matches!(&out.effects[..], [Effect::WriteExport { .. }]);
        let by_page = matches!(&out.effects[..], [Effect::Download { .. }]);
        let page = matches!(format, ExportFormat::Json | ExportFormat::Csv);
        assert_eq!((by_page, by_worker), (page, !page), "{format:?}");
    }
}

#[test]
fn export_asks_for_a_download_and_reports_when_it_is_taken() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    let out = update(&mut m, Event::Export(ExportFormat::Json, AT));
    assert!(!out.changed);
    let [Effect::Download {
        name,
        said: told,
        bytes,
        ..
    }] = &out.effects[..]
    else {
        panic!("one download: {:?}", out.effects);
    };
    assert!(name.ends_with(".json"), "{name}");
    assert!(String::from_utf8_lossy(bytes).contains("Mara Quist"));
    assert_eq!(told, &format!("Exported 1 annotation to {name}."));
    update(
        &mut m,
        Event::Downloaded {
            said: told.clone(),
            ok: true,
        },
    );
    assert_eq!(said(&m), told);
    update(
        &mut m,
        Event::Downloaded {
            said: told.clone(),
            ok: false,
        },
    );
    assert_eq!(said(&m), "The browser refused the download.");
}

#[test]
fn the_attribution_table_downloads_as_csv() {
    let mut m = open();
    let out = update(&mut m, Event::ExportAttribution(AT));
    let [Effect::Download { name, mime, .. }] = &out.effects[..] else {
        panic!("one download: {:?}", out.effects);
    };
    assert!(name.ends_with(".attribution.csv"), "{name}");
    assert_eq!(*mime, "text/csv");
}

#[test]
fn copy_asks_for_the_clipboard_and_reports_a_refusal() {
    let mut m = open();
    let out = update(&mut m, Event::CopyJson);
    assert!(matches!(&out.effects[..], [Effect::Copy(json)] if json.contains("\"format\"")));
    update(
        &mut m,
        Event::Copied(Err(AppError::Clipboard("denied".into()))),
    );
    assert!(said(&m).starts_with("Could not copy to the clipboard: the browser did not allow it"));
    assert!(said(&m).ends_with("Use “Export JSON” instead."));
    assert!(m.message.as_ref().unwrap().is_error);
    assert_eq!(
        m.message.as_ref().unwrap().detail.as_deref(),
        Some("denied")
    );
}

/// Presses Suggest and answers its [`Effect::FindSuggestions`] as the shell's worker does:
/// the rules run on the text asked about.
fn suggest(m: &mut Model) -> Outcome {
    let asked = update(m, Event::Suggest);
    if !asked
        .effects
        .iter()
        .any(|e| matches!(e, Effect::FindSuggestions { .. }))
    {
        return asked;
    }
    let answer = found_for(m);
    update(m, answer)
}

/// The rules' spans for the Suggest asked last, as the worker sends them.
fn found_for(m: &Model) -> Event {
    let (request, text) = m.finding.clone().expect("a Suggest waiting");
    Event::SuggestionsFound {
        request,
        found: Ok(annotator_rules::find(text.as_str())),
    }
}

#[test]
fn suggest_asks_the_rules_about_the_text_and_waits() {
    let mut m = open();
    let out = update(&mut m, Event::Suggest);
    let asked: Vec<&Effect> = out
        .effects
        .iter()
        .filter(|e| matches!(e, Effect::FindSuggestions { text, .. } if text.as_str() == TEXT))
        .collect();
    assert_eq!(asked.len(), 1, "{:?}", out.effects);
    assert_eq!(said(&m), "Finding suggestions…");
    assert!(
        m.suggestions.is_none(),
        "nothing to review before the answer"
    );
    // Pressed again while waiting: not asked twice.
    let again = update(&mut m, Event::Suggest);
    assert!(!again
        .effects
        .iter()
        .any(|e| matches!(e, Effect::FindSuggestions { .. })));
    assert_eq!(said(&m), "Still finding suggestions…");
    let answer = found_for(&m);
    update(&mut m, answer);
    assert!(m.suggestions.as_ref().is_some_and(|l| !l.is_empty()));
    assert!(m.finding.is_none());
}

#[test]
fn an_answer_to_an_older_suggest_or_another_text_is_ignored() {
    let mut m = open();
    update(&mut m, Event::Suggest);
    let stale = found_for(&m);
    // Another article opens before the answer comes: its text was not asked about.
    update(
        &mut m,
        Event::Annotate {
            title: String::new(),
            text: "“Later,” said Ana Reyes.".to_owned(),
            new_id: "b".to_owned(),
        },
    );
    update(&mut m, stale);
    assert!(
        m.suggestions.is_none(),
        "the old text's spans are not shown"
    );
    // A Suggest on the new text is asked afresh, and its answer is reviewed.
    update(&mut m, Event::Suggest);
    let answer = found_for(&m);
    let Event::SuggestionsFound { request, .. } = &answer else {
        unreachable!()
    };
    let older = Event::SuggestionsFound {
        request: request - 1,
        found: Ok(Vec::new()),
    };
    assert!(
        !update(&mut m, older).changed,
        "an older request's answer changes nothing"
    );
    update(&mut m, answer);
    let list = m.suggestions.clone().expect("reviewing");
    assert!(list
        .iter()
        .any(|p| m.doc.text().slice(p.proposal.span) == "Ana Reyes"));
}

#[test]
fn spans_that_do_not_fit_the_text_or_a_failed_worker_are_said_plainly() {
    let mut m = open();
    update(&mut m, Event::Suggest);
    let (request, _) = m.finding.clone().unwrap();
    let past_the_end = annotator_rules::Raw {
        kind: annotator_rules::Kind::Date,
        start: 0,
        end: TEXT.len() + 1,
        speaker: None,
        cue: None,
        mixed: false,
    };
    update(
        &mut m,
        Event::SuggestionsFound {
            request,
            found: Ok(vec![past_the_end]),
        },
    );
    assert!(m.suggestions.is_none());
    assert!(m.message.as_ref().unwrap().is_error);
    assert!(said(&m).contains("Press G to try again"), "{}", said(&m));
    update(&mut m, Event::Suggest);
    let (request, _) = m.finding.clone().unwrap();
    update(
        &mut m,
        Event::SuggestionsFound {
            request,
            found: Err("the worker failed to load".to_owned()),
        },
    );
    assert!(m.suggestions.is_none());
    let msg = m.message.as_ref().unwrap();
    assert!(
        msg.is_error && msg.text.contains("Reload the page"),
        "{}",
        msg.text
    );
    assert_eq!(msg.detail.as_deref(), Some("the worker failed to load"));
    // The failure does not stop the next Suggest.
    suggest(&mut m);
    assert!(m.suggestions.is_some());
}

#[test]
fn suggest_then_accept_a_quote_brings_its_speaker() {
    let mut m = open();
    suggest(&mut m);
    let list = m.suggestions.clone().expect("reviewing");
    let quote = list
        .iter()
        .find(|p| p.kind == Some(crate::suggest::SuggestKind::Quote))
        .expect("a quote suggestion");
    update(&mut m, Event::AcceptSuggestion(quote.key.clone()));
    let q = m
        .doc
        .annotations()
        .iter()
        .find(|a| a.label == QUOTE)
        .expect("the quote accepted");
    let speaker = crate::attribution::speaker_of(&m.doc, &q.id).expect("with its speaker");
    assert_eq!(
        m.doc.annotation_text(m.doc.annotation(speaker).unwrap()),
        "Mara Quist"
    );
}

#[test]
fn a_rejected_suggestion_is_not_suggested_again() {
    let mut m = open();
    suggest(&mut m);
    let first = m.suggestions.clone().expect("reviewing")[0].key.clone();
    update(&mut m, Event::RejectSuggestion(first.clone()));
    assert!(m.rejected.iter().any(|k| k == first.as_str()));
    suggest(&mut m);
    assert!(m
        .suggestions
        .iter()
        .flat_map(|v| v.iter())
        .all(|p| p.key != first));
}

#[test]
fn a_note_typed_key_by_key_is_one_undo_step() {
    let mut m = open();
    let id = label(&mut m, SPEAKER, "Mara Quist");
    for note in ["M", "Ma", "Mayor"] {
        update(
            &mut m,
            Event::NoteTyped {
                id: id.clone(),
                note: note.into(),
            },
        );
    }
    assert_eq!(
        m.doc.annotation(&id).unwrap().note.as_deref(),
        Some("Mayor")
    );
    update(&mut m, Event::Undo);
    assert_eq!(m.doc.annotation(&id).unwrap().note, None);
    assert_eq!(texts(&m), ["Mara Quist"]);
}

#[test]
fn a_save_of_the_current_revision_marks_it_saved() {
    let mut m = open();
    let revision = m.revision;
    update(&mut m, Event::SaveFailed(StorageError::Full.into()));
    assert_eq!(m.save, SaveState::Failed(StorageError::Full.into()));
    update(
        &mut m,
        Event::Saved {
            revision,
            summary: crate::library::Summary {
                id: "d1".into(),
                title: "Pier".into(),
                created: 0.0,
                updated: 0.0,
                annotations: 0,
                revision: 1,
                bytes: 10,
            },
        },
    );
    assert_eq!(m.save, SaveState::Saved);
    assert_eq!(m.saved_revision, revision);
    assert_eq!(m.library.len(), 1);
}

#[test]
fn restoring_at_start_does_nothing_once_work_has_begun() {
    let mut m = open();
    let out = update(
        &mut m,
        Event::Restore {
            id: "old".into(),
            doc: Box::default(),
            history: crate::History::default(),
            notices: Vec::new(),
            rejected: Vec::new(),
            predictions: Vec::new(),
            only_if_empty: true,
            editing: true,
        },
    );
    assert!(!out.changed);
    assert_eq!(m.doc_id.as_deref(), Some("d1"));
}

#[test]
fn opening_a_copy_of_the_document_shown_keeps_the_one_shown() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    let restore = |doc: crate::Document| Event::Restore {
        id: "copy".into(),
        doc: Box::new(doc),
        history: crate::History::default(),
        notices: Vec::new(),
        rejected: Vec::new(),
        predictions: Vec::new(),
        only_if_empty: false,
        editing: true,
    };
    // an annotation made and deleted: the shown document's next id is past its export's
    let gone = label(&mut m, QUOTE, "Not this year.");
    update(&mut m, Event::Delete(gone));
    let shown = Rc::clone(&m.doc);
    let exported = crate::formats::v1::import_json(&crate::formats::v1::export_json(&shown))
        .expect("its export reads back");
    assert!(exported.next_id() < shown.next_id());
    update(&mut m, restore(exported));
    assert_eq!(m.doc_id.as_deref(), Some("copy"));
    assert!(
        Rc::ptr_eq(&m.doc, &shown),
        "the same document: nothing to build again"
    );
    assert!(!m.history.can_undo(), "a new article's history");
    // A document that differs in anything is the one opened.
    let mut other = (*shown).clone();
    other.set_title(Some("Another title".into()));
    update(&mut m, restore(other.clone()));
    assert!(!Rc::ptr_eq(&m.doc, &shown));
    assert_eq!(*m.doc, other);
}

#[test]
fn new_article_keeps_the_library_and_starts_empty() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    update(&mut m, Event::LibraryLoaded(Vec::new()));
    update(&mut m, Event::NewArticle);
    assert_eq!(m.stage, Stage::Input);
    assert!(m.doc.text().is_empty());
    assert_eq!(m.doc_id, None);
    assert_eq!(m.revision, m.saved_revision, "nothing new to save");
}

#[test]
fn a_cue_is_set_from_the_selection_and_cleared_apart() {
    let mut m = open();
    let quote = label(&mut m, QUOTE, "Not this year.");
    update(&mut m, Event::SetCue(None));
    assert_eq!(said(&m), "Select the cue (\"said\") in the article first.");
    update(&mut m, Event::SetCue(sel("added")));
    let cue = m.doc.annotation(&quote).unwrap().cue.expect("a cue");
    assert_eq!(m.doc.text().slice(cue), "added");
    update(&mut m, Event::ClearCue);
    assert_eq!(m.doc.annotation(&quote).unwrap().cue, None);
    assert_eq!(said(&m), "Cue cleared.");
}

#[test]
fn a_label_named_speaker_in_any_case_gets_speaker_suggestions() {
    let mut m = open();
    let id = m.doc.labels()[1].id;
    update(
        &mut m,
        Event::EditLabels(crate::Action::UpdateLabel {
            id,
            spec: crate::label::LabelSpec {
                name: "Speaker".into(),
                color: "#A8D8FF".into(),
                key: Some('2'),
            },
        }),
    );
    assert_eq!(m.doc.labels()[1].name, "Speaker");
    suggest(&mut m);
    assert!(m
        .suggestions
        .iter()
        .flat_map(|v| v.iter())
        .any(|p| p.kind == Some(crate::suggest::SuggestKind::Speaker)));
}

#[test]
fn the_header_says_saved_only_once_the_shown_revision_is_stored() {
    let mut m = open();
    assert_eq!(m.save_status(), "Saving…");
    let revision = m.revision;
    update(
        &mut m,
        Event::Saved {
            revision,
            summary: crate::library::Summary {
                id: "d1".into(),
                title: "Pier".into(),
                created: 0.0,
                updated: 0.0,
                annotations: 0,
                revision: 1,
                bytes: 10,
            },
        },
    );
    assert_eq!(m.save_status(), "Saved");
    label(&mut m, SPEAKER, "Mara Quist");
    assert_eq!(m.save_status(), "Saving…");
    update(&mut m, Event::SetConflict(Some(Conflict::DeletedElsewhere)));
    assert_eq!(m.save_status(), "Not saved");
}

#[test]
fn the_replace_question_counts_what_goes() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    update(
        &mut m,
        Event::Annotate {
            title: "Pier".into(),
            text: "Gone.".into(),
            new_id: "d2".into(),
        },
    );
    assert_eq!(
        m.pending.as_ref().unwrap().question(),
        "1 annotation covers text you changed and will be removed. The others are kept."
    );
}

#[test]
fn clicking_a_suggestion_highlight_focuses_it() {
    let mut m = open();
    suggest(&mut m);
    let list = m.suggestions.clone().expect("reviewing");
    let last = list.len() - 1;
    update(&mut m, Event::ClickSuggestion(last));
    assert_eq!(m.suggestion.as_ref(), Some(&list[last].key));
    let out = update(&mut m, Event::ClickSuggestion(list.len()));
    assert!(!out.changed, "a place past the list changes nothing");
}

mod panels {
    use super::*;
    use crate::app::view::{attribution_of, picker, suggestions_drawn, Attribution};
    use crate::attribution::entities;

    #[test]
    fn the_picker_offers_each_person_once_by_the_mention_nearest_the_quote() {
        let mut m = open();
        let (_, she) = she_linked_to_mara(&mut m);
        label(&mut m, QUOTE, "Not this year.");
        update(&mut m, Event::StartAttribute);
        let p = picker(&m, &entities(&m.doc)).expect("picking");
        assert_eq!(p.title, "Choose the speaker");
        let shown: Vec<(&AnnotationId, &str, Option<&str>)> = p
            .options
            .iter()
            .map(|c| (&c.id, c.name.as_str(), c.also.as_deref()))
            .collect();
        assert_eq!(shown, [(&she, "Mara Quist (2 mentions)", Some("She"))]);
        // With a few words around the mention nearest the quote.
        assert_eq!(
            p.options[0].context,
            "…Mara Quist on Monday. She added: “Not this year.”"
        );
    }

    #[test]
    fn linking_a_mention_does_not_offer_its_own_person() {
        let mut m = open();
        let mara = label(&mut m, SPEAKER, "Mara Quist");
        let she = label(&mut m, SPEAKER, "She");
        update(&mut m, Event::Select(Some(she)));
        update(&mut m, Event::StartLink);
        let p = picker(&m, &entities(&m.doc)).expect("picking");
        assert_eq!(p.title, "Same speaker as…");
        let shown: Vec<(&AnnotationId, &str)> =
            p.options.iter().map(|c| (&c.id, c.name.as_str())).collect();
        assert_eq!(shown, [(&mara, "Mara Quist")]);
        assert_eq!(
            p.options[0].context,
            "…rebuild the pier,” said Mara Quist on Monday. She added:…"
        );
        assert_eq!(p.options[0].also, None);
    }

    #[test]
    fn a_quote_shows_its_speaker_by_name_and_mention() {
        let mut m = open();
        let (_, she) = she_linked_to_mara(&mut m);
        let quote = label(&mut m, QUOTE, "Not this year.");
        update(&mut m, Event::StartAttribute);
        update(&mut m, Event::PickTarget(she));
        let a = m.doc.annotation(&quote).unwrap();
        let people = entities(&m.doc);
        assert_eq!(
            attribution_of(&m, || &people, a),
            Some(Attribution::Said {
                speaker: Some("Mara Quist (as “She”)".into()),
                kind: None,
                cue: None,
            })
        );
    }

    #[test]
    fn a_quote_without_a_speaker_shows_its_panel_without_working_out_the_people() {
        let mut m = open();
        she_linked_to_mara(&mut m);
        let quote = label(&mut m, QUOTE, "Not this year.");
        let a = m.doc.annotation(&quote).unwrap();
        let asked = std::cell::Cell::new(false);
        let people = entities(&m.doc);
        let shown = attribution_of(
            &m,
            || {
                asked.set(true);
                &people
            },
            a,
        );
        assert_eq!(
            shown,
            Some(Attribution::Said {
                speaker: None,
                kind: None,
                cue: None,
            })
        );
        assert!(
            !asked.get(),
            "the people were worked out for a quote with no speaker"
        );
    }

    #[test]
    fn the_article_draws_the_suggestions_around_the_one_in_focus() {
        let mut m = open();
        suggest(&mut m);
        let n = m.suggestions.as_ref().map_or(0, |v| v.len());
        assert!(n > 0);
        let drawn = suggestions_drawn(&m);
        assert_eq!(
            drawn.len(),
            n.min(crate::app::view::SUGGESTIONS_DRAWN / 2 + 1)
        );
        assert_eq!(drawn[0].0, 0);
    }
}

mod keys {
    use super::*;
    use crate::app::keymap::{event_for_key, groups, KeyPress};

    fn press(key: &str) -> KeyPress {
        KeyPress {
            key: key.into(),
            on_page: true,
            ..KeyPress::default()
        }
    }

    fn key(m: &Model, p: KeyPress) -> Option<Event> {
        event_for_key(m, &p, || sel("Mara Quist"))
    }

    #[test]
    fn ctrl_z_undoes_and_ctrl_shift_z_or_ctrl_y_redo() {
        let m = open();
        let ctrl = |k: &str, shift: bool| KeyPress {
            ctrl: true,
            shift,
            ..press(k)
        };
        assert!(matches!(key(&m, ctrl("z", false)), Some(Event::Undo)));
        assert!(matches!(key(&m, ctrl("Z", true)), Some(Event::Redo)));
        assert!(matches!(key(&m, ctrl("y", false)), Some(Event::Redo)));
        assert!(key(&m, ctrl("s", false)).is_none());
    }

    #[test]
    fn a_label_key_labels_the_article_selection() {
        let mut m = open();
        let e = key(&m, press("2")).expect("the speaker key");
        update(&mut m, e);
        assert_eq!(texts(&m), ["Mara Quist"]);
    }

    #[test]
    fn keys_typed_into_a_field_are_left_alone() {
        let m = open();
        let p = KeyPress {
            in_text_field: true,
            ..press("2")
        };
        assert!(key(&m, p).is_none());
    }

    #[test]
    fn escape_stops_picking_before_it_clears_the_selection() {
        let mut m = open();
        label(&mut m, QUOTE, "Not this year.");
        update(&mut m, Event::StartAttribute);
        assert!(matches!(key(&m, press("Escape")), Some(Event::CancelPick)));
        update(&mut m, Event::CancelPick);
        assert!(matches!(
            key(&m, press("Escape")),
            Some(Event::Select(None))
        ));
    }

    #[test]
    fn enter_and_backspace_review_the_suggestion_in_focus() {
        let mut m = open();
        suggest(&mut m);
        let k = m.suggestions.clone().unwrap()[0].key.clone();
        update(&mut m, Event::FocusSuggestion(k.clone()));
        assert!(matches!(key(&m, press("Enter")), Some(Event::AcceptSuggestion(x)) if x == k));
        assert!(matches!(key(&m, press("Backspace")), Some(Event::RejectSuggestion(x)) if x == k));
        assert!(matches!(
            key(&m, press("Escape")),
            Some(Event::CloseSuggestions)
        ));
    }

    #[test]
    fn alt_arrows_move_the_start_and_with_shift_the_end() {
        let mut m = open();
        label(&mut m, SPEAKER, "Mara");
        let alt = |shift: bool| KeyPress {
            alt: true,
            shift,
            ..press("ArrowRight")
        };
        assert!(matches!(
            key(&m, alt(false)),
            Some(Event::Nudge {
                edge: Edge::Start,
                forward: true
            })
        ));
        assert!(matches!(
            key(&m, alt(true)),
            Some(Event::Nudge {
                edge: Edge::End,
                forward: true
            })
        ));
    }

    #[test]
    fn a_attributes_only_with_an_annotation_selected_and_g_suggests() {
        let mut m = open();
        assert!(matches!(key(&m, press("G")), Some(Event::Suggest)));
        label(&mut m, QUOTE, "Not this year.");
        assert!(matches!(key(&m, press("a")), Some(Event::StartAttribute)));
    }

    #[test]
    fn question_mark_opens_the_help_and_a_dialog_keeps_other_keys() {
        let mut m = open();
        let q = KeyPress {
            shift: true,
            ..press("?")
        };
        let Some(e) = key(&m, q) else {
            panic!("? opens the help")
        };
        update(&mut m, e);
        assert_eq!(m.dialog, Some(Dialog::Help));
        assert!(key(&m, press("2")).is_none());
        assert!(matches!(
            key(&m, press("Escape")),
            Some(Event::SetDialog(None))
        ));
    }

    /// A key of a non-Latin layout: `key` as the layout types it, `code` the physical key.
    fn layout(key: &str, code: &str) -> KeyPress {
        KeyPress {
            code: code.into(),
            ..press(key)
        }
    }

    #[test]
    fn cyrillic_and_greek_letters_act_as_the_latin_key_in_their_place() {
        let mut m = open();
        // Cyrillic й is on the key of q (quote), Greek σ on that of s (speaker).
        assert!(matches!(
            key(&m, layout("й", "KeyQ")),
            Some(Event::Key { key: 'q', .. })
        ));
        assert!(matches!(
            key(&m, layout("σ", "KeyS")),
            Some(Event::Key { key: 's', .. })
        ));
        assert!(matches!(key(&m, layout("γ", "KeyG")), Some(Event::Suggest)));
        // Greek has ; where q is.
        assert!(matches!(
            key(&m, layout(";", "KeyQ")),
            Some(Event::Key { key: 'q', .. })
        ));
        // ; on its own key stays ;.
        assert!(key(&m, layout(";", "Semicolon")).is_none());
        // Ctrl+я is Ctrl+Z; х (where [ is) steps back; Shift+Х is {.
        let undo = KeyPress {
            ctrl: true,
            ..layout("я", "KeyZ")
        };
        assert!(matches!(key(&m, undo), Some(Event::Undo)));
        assert!(matches!(
            key(&m, layout("х", "BracketLeft")),
            Some(Event::Step {
                forward: false,
                same_label: false,
                ..
            })
        ));
        label(&mut m, QUOTE, "Not this year.");
        assert!(matches!(
            key(&m, layout("ф", "KeyA")),
            Some(Event::StartAttribute)
        ));
        let shifted = KeyPress {
            shift: true,
            ..layout("Х", "BracketLeft")
        };
        assert!(matches!(
            key(&m, shifted),
            Some(Event::Step {
                forward: false,
                same_label: true,
                ..
            })
        ));
    }

    #[test]
    fn latin_layouts_and_a_labels_own_non_latin_key_are_left_alone() {
        let m = open();
        // AZERTY: a on the key of q is a (attribute, with nothing selected: nothing).
        assert!(key(&m, layout("a", "KeyQ")).is_none());
        // é on the key of 2 is a Latin letter: not read as 2.
        assert!(key(&m, layout("é", "Digit2")).is_none());
        // A label whose own key is ц keeps it.
        let mut labels = m.doc.labels().to_vec();
        labels[2].key = Some('ц');
        assert_eq!(layout("ц", "KeyW").on_latin_layout(&labels), None);
        assert_eq!(
            layout("Ц", "KeyW").on_latin_layout(&labels),
            None,
            "its capital too"
        );
        let other = layout("ш", "KeyI").on_latin_layout(&labels).unwrap();
        assert_eq!(other.key, "i");
        // A physical key with no Latin character (a numpad key) stays as it was.
        assert!(layout("ж", "NumpadEnter")
            .on_latin_layout(&labels)
            .is_none());
    }

    #[test]
    fn the_help_shows_every_key_the_app_answers() {
        let shown: Vec<&str> = groups()
            .iter()
            .flat_map(|(_, list)| list.iter().map(|b| b.what))
            .collect();
        for needle in [
            "Undo",
            "Redo",
            "accept the one in focus",
            "reject the one in focus",
        ] {
            assert!(shown.iter().any(|w| w.contains(needle)), "{needle}");
        }
        assert!(shown.iter().any(|w| w.starts_with("Attribute")));
        assert!(shown.iter().any(|w| w.starts_with("Suggest")));
    }
}

fn summary(id: &str, title: &str) -> crate::library::Summary {
    crate::library::Summary {
        id: id.into(),
        title: title.into(),
        created: 0.0,
        updated: 0.0,
        annotations: 0,
        revision: 1,
        bytes: 10,
    }
}

#[test]
fn renaming_the_open_article_is_an_undoable_step() {
    let mut m = open();
    let out = update(
        &mut m,
        Event::RenameArticle {
            id: "d1".into(),
            title: "Harbour".into(),
        },
    );
    assert!(out.effects.is_empty(), "nothing for storage to do");
    assert_eq!(m.doc.title(), Some("Harbour"));
    update(&mut m, Event::Undo);
    assert_eq!(m.doc.title(), Some("Pier"));
}

#[test]
fn renaming_another_article_asks_storage_and_reports_the_result() {
    let mut m = open();
    let out = update(
        &mut m,
        Event::RenameArticle {
            id: "d2".into(),
            title: "Dunes ".into(),
        },
    );
    assert!(
        matches!(&out.effects[..], [Effect::RenameStored { id, title }] if id == "d2" && title == "Dunes ")
    );
    assert_eq!(m.doc.title(), Some("Pier"));
    update(
        &mut m,
        Event::Renamed {
            title: "Dunes ".into(),
            result: Ok(vec![summary("d2", "Dunes")]),
        },
    );
    assert_eq!(said(&m), "Renamed to “Dunes”.");
    assert_eq!(m.library[0].title, "Dunes");
    update(
        &mut m,
        Event::Renamed {
            title: "Dunes".into(),
            result: Err(AppError::EditedElsewhere),
        },
    );
    assert_eq!(
        said(&m),
        "Could not rename: that article is open for editing in another tab, so only that tab may change it."
    );
    assert!(m.message.as_ref().unwrap().is_error);
}

#[test]
fn deleting_the_open_article_starts_a_new_one_and_lets_it_go() {
    let mut m = open();
    m.library = std::rc::Rc::new(vec![summary("d1", "Pier")]);
    let out = update(&mut m, Event::DeleteArticle("d1".into()));
    assert!(matches!(&out.effects[..], [Effect::DeleteStored(id)] if id == "d1"));
    assert_eq!(
        m.doc.text().as_str(),
        TEXT,
        "nothing changes before storage answers"
    );
    let out = update(
        &mut m,
        Event::Deleted {
            id: "d1".into(),
            result: Ok(Vec::new()),
        },
    );
    assert!(matches!(&out.effects[..], [Effect::Release]));
    assert_eq!(m.doc.text().as_str(), "");
    assert_eq!(m.doc_id, None);
    assert_eq!(m.stage, Stage::Input);
    assert_eq!(said(&m), "Deleted “Pier”.");
}

#[test]
fn deleting_another_article_keeps_the_open_one() {
    let mut m = open();
    m.library = std::rc::Rc::new(vec![summary("d1", "Pier"), summary("d2", "Dunes")]);
    let out = update(
        &mut m,
        Event::Deleted {
            id: "d2".into(),
            result: Ok(vec![summary("d1", "Pier")]),
        },
    );
    assert!(out.effects.is_empty());
    assert_eq!(m.doc.text().as_str(), TEXT);
    assert_eq!(m.library.len(), 1);
    assert_eq!(said(&m), "Deleted “Dunes”.");
    update(
        &mut m,
        Event::Deleted {
            id: "d1".into(),
            result: Err(StorageError::Failed("AbortError: gone".into()).into()),
        },
    );
    assert_eq!(
        said(&m),
        "Could not delete: the browser's storage failed (AbortError: gone)."
    );
    assert_eq!(m.doc.text().as_str(), TEXT);
}

#[test]
fn exporting_the_library_gathers_it_then_downloads_one_jsonl_file() {
    let mut m = open();
    let out = update(&mut m, Event::ExportAll);
    assert!(matches!(&out.effects[..], [Effect::GatherLibrary]));
    let docs = vec![(*m.doc).clone(), (*m.doc).clone()];
    let out = update(&mut m, Event::LibraryGathered(docs, AT));
    let [Effect::Download {
        name, bytes, said, ..
    }] = &out.effects[..]
    else {
        panic!("one download: {:?}", out.effects)
    };
    assert_eq!(name, "article-library-2026-12-04.jsonl");
    assert_eq!(String::from_utf8_lossy(bytes).lines().count(), 2);
    assert_eq!(
        said,
        "Exported 2 articles to article-library-2026-12-04.jsonl."
    );
}

/// What the shell has the worker do with `out`'s effects, as the page's worker does it: other
/// tools' files read and exports written by the worker's code ([`crate::work`]), the answers
/// sent back as events. The outcome is `out`'s other effects with those of the answers.
pub(super) fn worker_does(m: &mut Model, out: Outcome) -> Outcome {
    let mut effects = Vec::new();
    let mut changed = out.changed;
    for effect in out.effects {
        let answer = match effect {
            Effect::ReadFiles {
                request,
                files,
                open_text,
            } => {
                let open_text = open_text.as_deref().map(crate::Text::as_str);
                let read = crate::work::read_files(&files, open_text)
                    .and_then(|json| crate::work::found_from(&json));
                Event::FilesFound { request, read }
            }
            Effect::WriteExport {
                request,
                format,
                json,
                base,
                id,
            } => Event::ExportWritten {
                request,
                bytes: crate::work::write_export(&json, format.number(), &base, id.as_deref()),
            },
            other => {
                effects.push(other);
                continue;
            }
        };
        let answered = update(m, answer);
        let more = worker_does(m, answered);
        changed |= more.changed;
        effects.extend(more.effects);
    }
    Outcome { changed, effects }
}

/// The one download `event` asks for: (name, contents as text).
fn download(m: &mut Model, event: Event) -> (String, String) {
    let out = update(m, event);
    let out = worker_does(m, out);
    let [Effect::Download { name, bytes, .. }] = &out.effects[..] else {
        panic!("one download: {:?}", out.effects)
    };
    (name.clone(), String::from_utf8_lossy(bytes).into_owned())
}

#[test]
fn the_w3c_export_names_the_document_by_its_library_id() {
    let mut m = open();
    label(&mut m, SPEAKER, "Mara Quist");
    let (name, ld) = download(&mut m, Event::Export(ExportFormat::W3c, AT));
    assert_eq!(name, "pier.annotations.jsonld");
    let v: serde_json::Value = serde_json::from_str(&ld).unwrap();
    let source = &v["first"]["items"][0]["target"]["source"];
    assert_eq!(source, "urn:article-annotator:d1");
    // Another article with the same title gets another URN.
    let mut other = Model::default();
    update(
        &mut other,
        Event::Annotate {
            title: "Pier".into(),
            text: TEXT.into(),
            new_id: "d2".into(),
        },
    );
    label(&mut other, SPEAKER, "Mara Quist");
    let (_, ld) = download(&mut other, Event::Export(ExportFormat::W3c, AT));
    assert!(ld.contains("\"urn:article-annotator:d2\""), "{ld}");
    assert!(!ld.contains("urn:article-annotator:d1"));
}

#[test]
fn download_names_keep_greek_chinese_and_german_titles_readable() {
    for (title, want) in [
        ("Η Βουλή ψήφισε", "η-βουλή-ψήφισε.annotations.json"),
        ("北京宣布新政策", "北京宣布新政策.annotations.json"),
        (
            "Die Straße der Flüsse",
            "die-strasse-der-flusse.annotations.json",
        ),
        ("🎉🎉", "article-2026-12-04-0824.annotations.json"),
    ] {
        let mut m = Model::default();
        update(
            &mut m,
            Event::Annotate {
                title: title.into(),
                text: "😀 …".into(),
                new_id: "d9".into(),
            },
        );
        let (name, _) = download(&mut m, Event::Export(ExportFormat::Json, AT));
        assert_eq!(name, want);
    }
}

#[test]
fn damaged_data_downloads_as_it_was_found() {
    let mut m = open();
    assert!(update(&mut m, Event::DownloadDamaged).effects.is_empty());
    update(
        &mut m,
        Event::FoundDamaged(Damaged {
            id: "d9".into(),
            reason: "bad".into(),
            raw: std::rc::Rc::new("{oops".into()),
        }),
    );
    let out = update(&mut m, Event::DownloadDamaged);
    assert!(
        matches!(&out.effects[..], [Effect::Download { name, bytes, .. }] if name == "damaged-d9.json" && bytes == b"{oops")
    );
}

#[test]
fn a_file_too_big_is_refused_before_reading_with_its_size() {
    assert!(import::check_size(import::MAX_IMPORT_BYTES as u64).is_ok());
    let why = import::check_size(60 * 1_048_576).unwrap_err();
    let mut m = open();
    update(
        &mut m,
        Event::ImportFailed {
            name: "big.json".into(),
            why,
        },
    );
    assert_eq!(
        said(&m),
        "Could not import big.json: it is 60 MB and the most this app imports is 50 MB. Nothing was changed."
    );
    assert_eq!(m.doc.text().as_str(), TEXT);
}

#[test]
fn import_reads_a_v1_file_and_a_library_by_content() {
    let doc = (*open().doc).clone();
    let one = crate::formats::v1::export_json(&doc);
    let read = import::read("a.json", &one).expect("v1 file");
    assert_eq!(read.docs.len(), 1);
    let lib = crate::formats::jsonl::export_library(&[doc.clone(), doc]);
    let read = import::read("library.txt", &lib).expect("a library by its content");
    assert_eq!(read.docs.len(), 2);
}

#[test]
fn import_refuses_an_empty_library_and_names_a_bad_line() {
    assert_eq!(
        import::read("x.jsonl", "\n").unwrap_err(),
        import::ImportFailure::Empty
    );
    let doc = (*open().doc).clone();
    let good = crate::formats::v1::export_json(&doc).replace('\n', "");
    let lib = format!("{good}\n\n{{\"format\": 1}}\n");
    let why = import::read("x.jsonl", &lib).unwrap_err().to_string();
    assert!(why.contains("line 3"), "{why}");
}

#[test]
fn fresh_ids_avoid_the_library_and_each_other() {
    let taken: std::collections::HashSet<String> = ["a".to_owned()].into();
    let mut minted = ["a", "b", "b", "c"].into_iter().map(str::to_owned);
    let ids = import::fresh_ids(2, &taken, || minted.next().unwrap());
    assert_eq!(ids, ["b", "c"]);
}

#[test]
fn an_import_report_counts_what_was_stored_and_names_what_was_not() {
    let mut m = open();
    let report = import::ImportReport {
        name: "lib.jsonl".into(),
        total: 3,
        stored: 2,
        shown: "Pier".into(),
        bad: vec![(3, "not stored: full".into())],
        notices: vec!["Repaired one offset.".into()],
    };
    update(&mut m, Event::Imported(report.clone()));
    assert_eq!(
        said(&m),
        "Imported lib.jsonl: 2 of 3 articles are stored in the library; showing “Pier”. Not stored: line 3 (not stored: full). Repaired one offset."
    );
    assert!(m.message.as_ref().unwrap().is_error);
    let all = import::ImportReport {
        stored: 3,
        bad: Vec::new(),
        notices: Vec::new(),
        ..report
    };
    update(&mut m, Event::Imported(all));
    assert_eq!(
        said(&m),
        "Imported lib.jsonl: 3 articles, all stored in the library; showing “Pier”."
    );
    assert!(!m.message.as_ref().unwrap().is_error);
}

#[test]
fn an_article_that_did_not_finish_opening_is_shown_in_the_library() {
    let mut m = Model::default();
    update(
        &mut m,
        Event::Notice(Notice::UnfinishedOpening {
            title: Some("Pier".into()),
        }),
    );
    assert_eq!(m.dialog, Some(Dialog::Library));
    assert!(said(&m).starts_with("“Pier” did not finish opening last time"));
    assert!(m.message.as_ref().unwrap().is_error);
}

#[test]
fn notices_from_other_tabs_are_worded_and_graded() {
    let mut m = open();
    update(&mut m, Event::Notice(Notice::TakenOver { unsaved: true }));
    assert!(m.message.as_ref().unwrap().is_error);
    update(&mut m, Event::Notice(Notice::KeptMine { copy: None }));
    assert_eq!(said(&m), "Kept the article: it is in the library again.");
    assert!(!m.message.as_ref().unwrap().is_error);
    assert_eq!(m.dialog, None);
    update(&mut m, Event::Notice(Notice::RecoveredCopies(2)));
    assert_eq!(said(&m).matches("second copy").count(), 2);
}

#[test]
fn accepting_all_of_a_kind_moves_focus_to_the_review_or_the_list() {
    let mut m = open();
    suggest(&mut m);
    let out = update(&mut m, Event::AcceptAll(crate::suggest::SuggestKind::Quote));
    assert!(m.suggestions.is_some(), "dates are left to review");
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::FocusIfLost(Focus::ReviewHeading))));
    let out = update(&mut m, Event::RejectAll);
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::FocusIfLost(Focus::ListHeading))));
}

#[test]
fn the_review_closes_itself_once_everything_is_reviewed() {
    let mut m = open();
    suggest(&mut m);
    update(&mut m, Event::RejectAll);
    assert!(m.suggestions.is_none());
    assert!(m.suggestion.is_none());
    assert!(
        said(&m).ends_with("All suggestions are reviewed."),
        "{}",
        said(&m)
    );
}

#[test]
fn closing_the_review_moves_focus_to_the_list_if_it_was_lost() {
    let mut m = open();
    suggest(&mut m);
    let out = update(&mut m, Event::CloseSuggestions);
    assert!(matches!(
        out.effects.as_slice(),
        [Effect::FocusIfLost(Focus::ListHeading)]
    ));
}

#[test]
fn deleting_from_the_list_moves_focus_to_the_next_entry_then_the_previous() {
    let mut m = open();
    let q = label(&mut m, QUOTE, "We will rebuild the pier");
    let s = label(&mut m, SPEAKER, "Mara Quist");
    let out = update(&mut m, Event::Delete(q));
    assert!(matches!(
        out.effects.as_slice(),
        [Effect::FocusIfLost(Focus::ListRow(id))] if *id == s
    ));
    let out = update(&mut m, Event::Delete(s));
    assert!(matches!(
        out.effects.as_slice(),
        [Effect::FocusIfLost(Focus::ListHeading)]
    ));
}

#[test]
fn step_selects_the_next_and_previous_annotation_and_wraps() {
    let mut m = open();
    let q = label(&mut m, QUOTE, "We will rebuild the pier");
    let s = label(&mut m, SPEAKER, "Mara Quist");
    let d = label(&mut m, CLAIM, "Monday");
    let step = |m: &mut Model, forward: bool| {
        update(
            m,
            Event::Step {
                forward,
                same_label: false,
                caret: None,
            },
        )
    };
    let out = step(&mut m, true);
    assert_eq!(
        m.selected.as_ref(),
        Some(&q),
        "after the last comes the first"
    );
    assert!(said(&m).starts_with("Back at the first."));
    assert!(out
        .effects
        .iter()
        .any(|e| matches!(e, Effect::ScrollTo(id) if *id == q)));
    step(&mut m, true);
    assert_eq!(m.selected.as_ref(), Some(&s));
    step(&mut m, false);
    step(&mut m, false);
    assert_eq!(m.selected.as_ref(), Some(&d));
}

#[test]
fn step_with_the_same_label_skips_other_labels() {
    let mut m = open();
    let q1 = label(&mut m, QUOTE, "We will rebuild the pier");
    label(&mut m, SPEAKER, "Mara Quist");
    let q2 = label(&mut m, QUOTE, "Not this year.");
    update(&mut m, Event::Select(Some(q1.clone())));
    update(
        &mut m,
        Event::Step {
            forward: true,
            same_label: true,
            caret: None,
        },
    );
    assert_eq!(m.selected.as_ref(), Some(&q2));
}

#[test]
fn step_with_nothing_selected_starts_from_the_caret() {
    let mut m = open();
    label(&mut m, QUOTE, "We will rebuild the pier");
    let s = label(&mut m, SPEAKER, "Mara Quist");
    update(&mut m, Event::Select(None));
    let caret = sel("said").map(|(a, _)| a);
    update(
        &mut m,
        Event::Step {
            forward: true,
            same_label: false,
            caret,
        },
    );
    assert_eq!(m.selected.as_ref(), Some(&s));
}

#[test]
fn enter_on_a_highlight_selects_its_annotation() {
    let mut m = open();
    let q = label(&mut m, QUOTE, "We will rebuild the pier");
    update(&mut m, Event::Select(None));
    let press = keymap::KeyPress {
        key: "Enter".into(),
        in_article: true,
        at_caret: vec![q.clone()],
        ..Default::default()
    };
    let event = keymap::event_for_key(&m, &press, || None).expect("Enter selects");
    update(&mut m, event);
    assert_eq!(m.selected.as_ref(), Some(&q));
    // off a highlight, Enter does nothing
    let press = keymap::KeyPress {
        key: "Enter".into(),
        in_article: true,
        ..Default::default()
    };
    assert!(keymap::event_for_key(&m, &press, || None).is_none());
}

#[test]
fn bracket_keys_step_through_annotations() {
    let m = open();
    for (key, forward, same_label) in [
        ("]", true, false),
        ("[", false, false),
        ("}", true, true),
        ("{", false, true),
    ] {
        let press = keymap::KeyPress {
            key: key.into(),
            shift: same_label,
            in_article: true,
            ..Default::default()
        };
        let event = keymap::event_for_key(&m, &press, || None);
        assert!(
            matches!(event, Some(Event::Step { forward: f, same_label: s, .. }) if f == forward && s == same_label),
            "{key}: {event:?}"
        );
    }
}

#[test]
fn speakers_in_the_text_are_off_until_turned_on() {
    let mut m = open();
    assert!(!m.show_speakers);
    update(&mut m, Event::SetShowSpeakers(true));
    assert!(m.show_speakers);
}

#[test]
fn changing_the_paste_box_clears_its_error_only() {
    let mut m = Model::default();
    update(
        &mut m,
        Event::Annotate {
            title: String::new(),
            text: " ".into(),
            new_id: "d1".into(),
        },
    );
    assert!(m.message.as_ref().is_some_and(|x| x.is_error));
    assert!(update(&mut m, Event::ClearError).changed);
    assert!(m.message.is_none());
    assert!(!update(&mut m, Event::ClearError).changed);
}

#[test]
fn a_one_word_span_shrinks_by_a_character_with_snapping_on() {
    let mut m = open();
    let id = label(&mut m, CLAIM, "Monday");
    update(
        &mut m,
        Event::Nudge {
            edge: Edge::Start,
            forward: true,
        },
    );
    assert_eq!(texts(&m), ["onday"]);
    update(
        &mut m,
        Event::Nudge {
            edge: Edge::End,
            forward: false,
        },
    );
    assert_eq!(texts(&m), ["onda"]);
    assert_eq!(m.selected.as_ref(), Some(&id));
}

#[test]
fn the_page_title_names_the_open_article() {
    let mut m = Model::default();
    assert_eq!(m.page_title(), "Article Annotator");
    m = open();
    assert_eq!(m.page_title(), "Pier — Article Annotator");
    update(&mut m, Event::Retitle("Harbour".into()));
    assert_eq!(m.page_title(), "Harbour — Article Annotator");
}

#[test]
fn a_bulk_decision_keeps_the_suggestion_in_focus_when_it_is_left() {
    let mut m = open();
    suggest(&mut m);
    let list = m.suggestions.clone().expect("reviewing");
    let date = list
        .iter()
        .find(|p| p.kind == Some(crate::suggest::SuggestKind::Date))
        .expect("a date suggestion")
        .key
        .clone();
    update(&mut m, Event::FocusSuggestion(date.clone()));
    update(&mut m, Event::AcceptAll(crate::suggest::SuggestKind::Quote));
    assert_eq!(m.suggestion.as_ref(), Some(&date));
}

#[test]
fn ctrl_shift_arrow_extends_the_selection_past_a_closing_quote_mark() {
    let text = crate::Text::new("“We will rebuild,” said Ana.");
    let u = |needle: &str, after: bool| {
        let at = text.as_str().find(needle).unwrap() + if after { needle.len() } else { 0 };
        Utf16Offset(text.as_str()[..at].encode_utf16().count())
    };
    let start = u("We", false);
    // from "We will rebuild" to its closing marks, then on to the next word
    let sel = keymap::extend_by_word(&text, (start, u("rebuild", true)), true).unwrap();
    assert_eq!(sel, (start, u(",”", true)));
    let sel = keymap::extend_by_word(&text, sel, true).unwrap();
    assert_eq!(sel, (start, u("said", true)));
    // back: to the word's start, then the opening mark
    let back = keymap::extend_by_word(&text, (u("said", true), start), false).unwrap();
    assert_eq!(back.1, Utf16Offset(0));
}

/// The review shows each quote's speaker, lets it be changed or left out, and proposes
/// same-speaker links (issue 18).
mod review_attribution {
    use super::*;
    use crate::app::view::{context, speaker_choices, suggestion_texts, suggestions_drawn};
    use crate::attribution::{entities, speaker_of};
    use crate::review::{Pending, SuggestionKey};
    use crate::suggest::SuggestKind;

    fn reviewing() -> Model {
        let mut m = open();
        suggest(&mut m);
        m
    }

    fn key_of(m: &Model, pick: impl Fn(&Pending) -> bool) -> SuggestionKey {
        m.suggestions
            .iter()
            .flat_map(|v| v.iter())
            .find(|p| pick(p))
            .expect("a suggestion")
            .key
            .clone()
    }

    fn quote_key(m: &Model, text: &str) -> SuggestionKey {
        let span = crate::Span::new(
            TEXT.find(text).unwrap(),
            TEXT.find(text).unwrap() + text.len(),
        );
        key_of(m, |p| {
            p.kind == Some(SuggestKind::Quote) && p.proposal.span == span
        })
    }

    fn span_of(needle: &str) -> crate::Span {
        let at = TEXT.find(needle).unwrap();
        crate::Span::new(at, at + needle.len())
    }

    fn speaker_text<'a>(m: &'a Model, quote: &str) -> Option<&'a str> {
        let q = m
            .doc
            .annotations()
            .iter()
            .find(|a| m.doc.annotation_text(a) == quote)?;
        let s = speaker_of(&m.doc, &q.id)?;
        Some(m.doc.annotation_text(m.doc.annotation(s)?))
    }

    #[test]
    fn each_quote_suggestion_shows_the_speaker_it_will_get_in_the_panel_and_the_article() {
        let m = reviewing();
        let shown = suggestion_texts(&m);
        let tie = |text: &str| {
            shown
                .iter()
                .find(|s| s.text == text)
                .and_then(|s| s.tie.clone())
        };
        assert_eq!(
            tie("“We will rebuild the pier,”").as_deref(),
            Some("→ Mara Quist")
        );
        // "She" is proposed as the same person as Mara Quist, so the review names her.
        assert_eq!(
            tie("“Not this year.”").as_deref(),
            Some("→ She (Mara Quist)")
        );
        let drawn = suggestions_drawn(&m);
        assert!(drawn
            .iter()
            .any(|d| d.1 == span_of("“We will rebuild the pier,”")
                && d.3 == "Suggested quote → Mara Quist"));
    }

    #[test]
    fn quotes_can_be_accepted_without_their_speakers_in_one_undoable_step() {
        let mut m = reviewing();
        update(&mut m, Event::AcceptQuotesWithoutSpeakers);
        let labels: Vec<LabelId> = m.doc.annotations().iter().map(|a| a.label).collect();
        assert_eq!(labels, [QUOTE, QUOTE]);
        assert!(m.doc.relations().is_empty(), "no attribution");
        assert!(said(&m).contains("without their speakers"), "{}", said(&m));
        // The speakers are still there to review.
        let left = m.suggestions.clone().expect("still reviewing");
        assert!(left.iter().any(|p| p.kind == Some(SuggestKind::Speaker)));
        assert!(left.iter().all(|p| p.kind != Some(SuggestKind::Quote)));
        update(&mut m, Event::Undo);
        assert!(m.doc.annotations().is_empty());
    }

    #[test]
    fn the_article_underlines_the_mention_the_suggestion_in_focus_ties_to() {
        let mut m = reviewing();
        let key = quote_key(&m, "“Not this year.”");
        update(&mut m, Event::FocusSuggestion(key));
        assert_eq!(crate::app::view::tied_mention(&m), Some(span_of("She")));
        let link = key_of(&m, Pending::is_link);
        update(&mut m, Event::FocusSuggestion(link));
        assert_eq!(
            crate::app::view::tied_mention(&m),
            Some(span_of("Mara Quist"))
        );
        let date = key_of(&m, |p| p.kind == Some(SuggestKind::Date));
        update(&mut m, Event::FocusSuggestion(date));
        assert_eq!(crate::app::view::tied_mention(&m), None);
    }

    #[test]
    fn a_wrong_speaker_can_be_changed_before_accepting() {
        let mut m = reviewing();
        let key = quote_key(&m, "“Not this year.”");
        update(&mut m, Event::FocusSuggestion(key.clone()));
        let choices = speaker_choices(&m);
        let quist = span_of("Mara Quist");
        assert!(choices.iter().any(|(s, _)| *s == quist), "{choices:?}");
        update(
            &mut m,
            Event::SetSuggestedSpeaker {
                key: key.clone(),
                speaker: Some(quist),
            },
        );
        assert!(said(&m).contains("Mara Quist"));
        assert_eq!(
            suggestion_texts(&m)
                .into_iter()
                .find(|s| s.text == "“Not this year.”")
                .and_then(|s| s.tie),
            Some("→ Mara Quist".to_owned())
        );
        update(&mut m, Event::AcceptSuggestion(key));
        assert_eq!(speaker_text(&m, "“Not this year.”"), Some("Mara Quist"));
        assert!(
            !m.doc
                .annotations()
                .iter()
                .any(|a| m.doc.annotation_text(a) == "She"),
            "the dropped speaker is not made"
        );
    }

    #[test]
    fn the_panel_view_is_the_suggestion_in_focus_with_its_speaker_choices() {
        let mut m = reviewing();
        let key = quote_key(&m, "“Not this year.”");
        update(&mut m, Event::FocusSuggestion(key));
        let r = crate::app::view::review(&m);
        let focused = r.focused.expect("a suggestion in focus");
        assert_eq!(focused.tag, "quote");
        assert_eq!(focused.tie.as_deref(), Some("→ She (Mara Quist)"));
        assert_eq!(r.choices, speaker_choices(&m));
    }

    #[test]
    fn accept_all_on_a_long_article_takes_linear_time() {
        let text = vec![TEXT; 1500].join("\n");
        let mut m = Model::default();
        update(
            &mut m,
            Event::Annotate {
                title: "Long".into(),
                text,
                new_id: "d1".into(),
            },
        );
        suggest(&mut m);
        let started = std::time::Instant::now();
        update(&mut m, Event::AcceptEverything);
        let took = started.elapsed();
        // 3,000 quotes, 3,000 speakers, 3,000 dates ("Monday", "this year"), their
        // attributions and 2,999 links ("She" to "Mara Quist", each "Mara Quist" to the
        // first): a scan per proposal would take minutes.
        assert_eq!(m.doc.annotations().len(), 9000);
        assert_eq!(entities(&m.doc).len(), 1);
        assert!(took.as_secs() < 10, "took {took:?}");
    }

    #[test]
    fn a_wrong_speaker_can_be_dropped_before_accepting() {
        let mut m = reviewing();
        let key = quote_key(&m, "“Not this year.”");
        update(
            &mut m,
            Event::SetSuggestedSpeaker {
                key: key.clone(),
                speaker: None,
            },
        );
        assert_eq!(
            suggestion_texts(&m)
                .into_iter()
                .find(|s| s.text == "“Not this year.”")
                .and_then(|s| s.tie),
            Some("→ no speaker".to_owned())
        );
        update(&mut m, Event::AcceptSuggestion(key));
        assert_eq!(m.doc.annotations().len(), 1);
        assert!(m.doc.relations().is_empty());
    }

    #[test]
    fn the_speaker_choices_give_a_few_words_of_context() {
        let mut m = reviewing();
        let key = quote_key(&m, "“Not this year.”");
        update(&mut m, Event::FocusSuggestion(key));
        let choices = speaker_choices(&m);
        let texts: Vec<&str> = choices.iter().map(|c| c.1.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Mara Quist: …rebuild the pier,” said Mara Quist on Monday. She added:…",
                "She (Mara Quist): …Mara Quist on Monday. She added: “Not this year.”",
            ]
        );
        // A date in focus offers none.
        let date = key_of(&m, |p| p.kind == Some(SuggestKind::Date));
        update(&mut m, Event::FocusSuggestion(date));
        assert!(speaker_choices(&m).is_empty());
    }

    #[test]
    fn context_stays_in_its_paragraph_and_marks_cuts() {
        let text = "One two three four five six.\nSeven eight";
        let at = text.find("four").unwrap();
        let span = crate::Span::new(at, at + 4);
        assert_eq!(context(text, span, 2), "…two three four five six.");
        let at = text.find("Seven").unwrap();
        assert_eq!(
            context(text, crate::Span::new(at, at + 5), 3),
            "Seven eight"
        );
    }

    #[test]
    fn suggest_proposes_a_same_speaker_link_and_accept_all_groups_the_mentions_in_one_step() {
        let mut m = reviewing();
        let list = m.suggestions.clone().unwrap();
        let links: Vec<&Pending> = list.iter().filter(|p| p.is_link()).collect();
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].proposal.span, span_of("She"));
        assert_eq!(links[0].proposal.same_as, Some(span_of("Mara Quist")));
        assert!(said(&m).contains(", 1 same-speaker link."), "{}", said(&m));
        let shown = suggestion_texts(&m);
        let link = shown.iter().find(|s| s.tag == "same speaker").unwrap();
        assert_eq!(
            (link.text.as_str(), link.tie.as_deref()),
            ("She", Some("= Mara Quist"))
        );
        update(&mut m, Event::AcceptEverything);
        assert!(m.suggestions.is_none(), "all reviewed");
        let people = entities(&m.doc);
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].mentions.len(), 2);
        assert_eq!(speaker_text(&m, "“Not this year.”"), Some("She"));
        update(&mut m, Event::Undo);
        assert!(m.doc.annotations().is_empty() && m.doc.relations().is_empty());
    }

    #[test]
    fn accepting_a_link_brings_its_two_mentions() {
        let mut m = reviewing();
        let link = key_of(&m, Pending::is_link);
        update(&mut m, Event::AcceptSuggestion(link));
        let texts: Vec<&str> = m
            .doc
            .annotations()
            .iter()
            .map(|a| m.doc.annotation_text(a))
            .collect();
        assert_eq!(texts, ["Mara Quist", "She"]);
        assert_eq!(entities(&m.doc).len(), 1);
        // The quotes are still to review and still go to their speakers.
        update(&mut m, Event::AcceptAll(SuggestKind::Quote));
        assert_eq!(speaker_text(&m, "“Not this year.”"), Some("She"));
    }

    #[test]
    fn a_rejected_link_is_not_proposed_again_and_the_mentions_stay_apart() {
        let mut m = reviewing();
        let link = key_of(&m, Pending::is_link);
        update(&mut m, Event::RejectSuggestion(link.clone()));
        update(&mut m, Event::AcceptEverything);
        assert_eq!(entities(&m.doc).len(), 2, "Mara Quist and She apart");
        suggest(&mut m);
        assert_eq!(said(&m), "No new suggestions.");
        update(&mut m, Event::GroupSpeakers);
        assert!(m.suggestions.is_none(), "{}", said(&m));
    }

    #[test]
    fn group_speakers_proposes_links_for_hand_made_speakers() {
        let mut m = open();
        label(&mut m, SPEAKER, "Mara Quist");
        label(&mut m, SPEAKER, "She");
        // Asked from "Who said what": the view closes, and focus goes to the review.
        update(&mut m, Event::SetDialog(Some(Dialog::WhoSaidWhat)));
        let out = update(&mut m, Event::GroupSpeakers);
        assert_eq!(m.dialog, None);
        assert!(out
            .effects
            .iter()
            .any(|e| matches!(e, Effect::FocusIfLost(Focus::ReviewHeading))));
        assert_eq!(
            said(&m),
            "1 same-speaker link proposed. Enter accepts the one in focus, Backspace rejects it."
        );
        let list = m.suggestions.clone().expect("reviewing the links");
        assert_eq!(list.len(), 1);
        update(&mut m, Event::AcceptSuggestion(list[0].key.clone()));
        assert_eq!(entities(&m.doc).len(), 1);
        assert_eq!(entities(&m.doc)[0].name, "Mara Quist");
        update(&mut m, Event::GroupSpeakers);
        assert!(m.suggestions.is_none());
        assert!(said(&m).starts_with("No speakers to group"));
    }
}

#[test]
fn a_chosen_theme_is_kept_and_remembered_and_a_remembered_one_only_kept() {
    let mut m = open();
    assert_eq!(m.theme, Theme::System);
    let out = update(&mut m, Event::SetTheme(Theme::Dark));
    assert!(out.changed);
    assert!(matches!(
        &out.effects[..],
        [Effect::RememberTheme(Theme::Dark)]
    ));
    // The same choice again asks for nothing.
    let out = update(&mut m, Event::SetTheme(Theme::Dark));
    assert!(!out.changed && out.effects.is_empty());
    let out = update(&mut m, Event::ThemeRemembered(Theme::Light));
    assert!(out.effects.is_empty());
    assert_eq!(m.theme, Theme::Light);
    // A new article keeps it.
    update(&mut m, Event::NewArticle);
    assert_eq!(m.theme, Theme::Light);
    assert_eq!(Theme::parse("dark"), Theme::Dark);
    assert_eq!(Theme::parse("purple"), Theme::System);
    for t in Theme::ALL {
        assert_eq!(Theme::parse(t.as_str()), t);
    }
}
