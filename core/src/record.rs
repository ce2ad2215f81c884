//! What autosave keeps of one document: the document as a v1 file, its undo history, and the
//! id allocator, in one JSON record. Reading a record back checks everything, so damaged or
//! foreign data is reported, never trusted.

use crate::action::Proposal;
use crate::document::Document;
use crate::formats::v1::{self, raw_part, FileV1};
use crate::history::{History, SavedHistory};
use crate::label::LabelId;
use crate::offset::CharOffset;
use crate::review::Prediction;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

/// The value of a record's `format` field.
pub const FORMAT: &str = "article-annotator-session";
/// The record version this module writes and reads.
pub const VERSION: u64 = 1;

/// One saved document with its history, as written (reading takes each part on its own: see
/// [`RecordIn`]). The file is serialised straight from the document ([`v1::FileView`]).
#[derive(Serialize)]
struct RecordV1<'a> {
    format: &'static str,
    version: u64,
    file: v1::FileView<'a>,
    next_id: u64,
    /// The labels' internal ids, in the order of `file.labels`: the history refers to labels by
    /// id, and a v1 file numbers them afresh by position.
    label_ids: Vec<u32>,
    history: SavedHistory,
    /// Keys of suggestions the user rejected, so they don't come back.
    rejected: &'a [String],
    /// Predictions imported with the document (another tool's, e.g. Label Studio's
    /// `predictions`) and not yet reviewed: suggestions, never annotations. Left out when there
    /// are none, so records without any read and write as before.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pending: Vec<SavedPrediction>,
}

/// One prediction waiting for review, as saved: the label by its internal id (the one
/// `label_ids` keeps, as the history does), the span in code points, and the text it covers
/// (a prediction whose text no longer sits there is dropped on reading).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct SavedPrediction {
    label: u32,
    start: usize,
    end: usize,
    text: String,
}

/// A saved record read back.
#[derive(Debug)]
pub struct Restored {
    /// The document.
    pub doc: Document,
    /// Its undo history (empty when the saved one was damaged).
    pub history: History,
    /// What was found wrong but worked around.
    pub notices: Vec<String>,
    /// Keys of rejected suggestions.
    pub rejected: Vec<String>,
    /// Imported predictions still to review (empty in records written before they were kept).
    pub predictions: Vec<Prediction>,
}

/// Why a saved record can't be read.
#[derive(Clone, Debug, Error, PartialEq, Eq)]
pub enum RecordError {
    /// Not JSON, or not of the record's shape.
    #[error("the saved data is damaged: {0}")]
    Damaged(String),
    /// Written by another version of the app.
    #[error("the saved data has version {found}; this app reads version {VERSION}")]
    Version {
        /// The version found.
        found: u64,
    },
}

/// The record for a document and its history.
pub fn save(doc: &Document, history: &History) -> String {
    save_with(doc, history, &[], &[])
}

/// The record for a document, its history, the suggestions the user rejected and the imported
/// predictions still to review.
pub fn save_with(
    doc: &Document,
    history: &History,
    rejected: &[String],
    predictions: &[Prediction],
) -> String {
    let record = RecordV1 {
        format: FORMAT,
        version: VERSION,
        file: v1::FileView(doc),
        next_id: doc.next_id(),
        label_ids: doc.labels().iter().map(|l| l.id.0).collect(),
        history: history.to_saved(),
        rejected,
        pending: pending(doc, predictions),
    };
    serde_json::to_string(&record).expect("a session always serialises")
}

/// A record written a slice of annotations at a time, for a caller that gives the page a turn
/// between slices: the same text as [`save_with`] (a property holds them equal). At 1,000,000
/// words writing it at once took a third of a second, in the middle of the user's edits.
pub struct Writer<'a> {
    doc: &'a Document,
    out: Vec<u8>,
    /// What follows the document up to the first annotation: written with the document, or
    /// when a caller supplies the document itself ([`Writer::head_without_document`]).
    mid: Option<Vec<u8>>,
    /// Where the document's text goes on (a byte offset), or `None` once it is written.
    document_at: Option<usize>,
    /// Whether the document's opening (its title) is written.
    document_started: bool,
    next: usize,
    /// What follows the annotations: the relations, then the record's other fields.
    tail: Vec<u8>,
}

/// Appends the JSON of a value that always serialises.
fn put(out: &mut Vec<u8>, value: &impl Serialize) {
    serde_json::to_writer(out, value).expect("a session always serialises");
}

/// The record's fields after `file`, as [`RecordV1`] writes them.
#[derive(Serialize)]
struct RecordTail<'a> {
    next_id: u64,
    label_ids: Vec<u32>,
    history: SavedHistory,
    rejected: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pending: Vec<SavedPrediction>,
}

impl<'a> Writer<'a> {
    /// Starts a record: everything but the document and the annotations is written now.
    pub fn new(
        doc: &'a Document,
        history: &History,
        rejected: &'a [String],
        predictions: &[Prediction],
    ) -> Writer<'a> {
        let mut out = Vec::with_capacity(2 * doc.text().len() + 128 * doc.annotations().len());
        out.extend_from_slice(b"{\"format\":");
        put(&mut out, &FORMAT);
        out.extend_from_slice(b",\"version\":");
        put(&mut out, &VERSION);
        out.extend_from_slice(b",\"file\":{\"format\":");
        put(&mut out, &v1::FORMAT);
        out.extend_from_slice(b",\"version\":");
        put(&mut out, &v1::VERSION);
        out.extend_from_slice(b",\"document\":");
        let mut mid = b",\"labels\":".to_vec();
        put(&mut mid, &v1::labels_out(doc));
        mid.extend_from_slice(b",\"annotations\":[");
        let mut tail = b"],\"relations\":".to_vec();
        put(&mut tail, &v1::relations_out(doc));
        tail.extend_from_slice(b"},");
        let mut rest = Vec::new();
        put(
            &mut rest,
            &RecordTail {
                next_id: doc.next_id(),
                label_ids: doc.labels().iter().map(|l| l.id.0).collect(),
                history: history.to_saved(),
                rejected,
                pending: pending(doc, predictions),
            },
        );
        // the rest's fields go on in the record's object: its own opening brace is dropped
        tail.extend_from_slice(&rest[1..]);
        Writer {
            doc,
            out,
            mid: Some(mid),
            document_at: Some(0),
            document_started: false,
            next: 0,
            tail,
        }
    }

    /// The record's first piece, up to the document. The document (its title and whole text)
    /// follows in pieces of its own ([`Writer::document_piece`]), which a caller may join and
    /// keep to reuse in the next record of the same text and title
    /// ([`Writer::head_without_document`]); then the rest, with [`Writer::take`].
    pub fn head(&mut self) -> String {
        self.take()
    }

    /// The record's first piece, up to the document, for a caller that has the document's
    /// pieces from an earlier record of the same text and title.
    pub fn head_without_document(&mut self) -> String {
        let head = self.take();
        self.document_at = None;
        self.end_document();
        head
    }

    /// The document's next piece, with about `n` bytes of its text, or `None` once it is all
    /// handed out (then [`Writer::take`] goes on after it).
    pub fn document_piece(&mut self, n: usize) -> Option<String> {
        let piece = self.next_document_bytes(n)?;
        if self.document_at.is_none() {
            self.end_document();
        }
        Some(String::from_utf8(piece).expect("JSON is UTF-8"))
    }

    /// The document's JSON from where it stopped, with about `n` more bytes of its text
    /// (cut between characters): the same bytes as serialising it at once, since JSON escapes
    /// a string one character at a time.
    fn next_document_bytes(&mut self, n: usize) -> Option<Vec<u8>> {
        let from = self.document_at?;
        let text = self.doc.text().as_str();
        let mut piece = Vec::with_capacity(n.min(text.len() - from) + 64);
        if from == 0 && !self.document_started {
            self.document_started = true;
            piece.extend_from_slice(b"{\"title\":");
            put(&mut piece, &self.doc.title());
            piece.extend_from_slice(b",\"text\":\"");
        }
        let mut end = from.saturating_add(n.max(1)).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        crate::json::escape_into(&mut piece, &text[from..end]);
        if end == text.len() {
            piece.extend_from_slice(b"\"}");
            self.document_at = None;
        } else {
            self.document_at = Some(end);
        }
        Some(piece)
    }

    /// The document is written (or supplied by the caller): what follows it goes on.
    fn end_document(&mut self) {
        if let Some(mid) = self.mid.take() {
            self.out.extend_from_slice(&mid);
        }
    }

    /// Writes up to `n` more annotations. True when all are written.
    pub fn step(&mut self, n: usize) -> bool {
        while let Some(piece) = self.next_document_bytes(usize::MAX) {
            self.out.extend_from_slice(&piece);
        }
        self.end_document();
        let all = self.doc.annotations();
        let end = self.next.saturating_add(n).min(all.len());
        for a in all.iter_from(self.next).take(end - self.next) {
            if self.next > 0 {
                self.out.push(b',');
            }
            put(&mut self.out, &v1::annotation_out(self.doc, a));
            self.next += 1;
        }
        self.next == all.len()
    }

    /// What was written since the last `take` (or since the start): the record, piece by
    /// piece, for a caller that hands each piece on as it comes.
    pub fn take(&mut self) -> String {
        // pieces end between annotations, never inside a character
        String::from_utf8(std::mem::take(&mut self.out)).expect("JSON is UTF-8")
    }

    /// The rest of the record (all of it, if nothing was taken); writes whatever
    /// [`Writer::step`] has not.
    pub fn finish(mut self) -> String {
        self.step(usize::MAX);
        self.out.extend_from_slice(&self.tail);
        String::from_utf8(self.out).expect("JSON is UTF-8")
    }
}

/// The imported predictions still to review that fit the document, as saved.
fn pending(doc: &Document, predictions: &[Prediction]) -> Vec<SavedPrediction> {
    predictions
        .iter()
        .filter(|p| p.fits(doc))
        .map(|p| {
            let (start, end) = doc.text().chars_of(p.proposal.span);
            SavedPrediction {
                label: p.proposal.label.0,
                start: start.0,
                end: end.0,
                text: p.text.clone(),
            }
        })
        .collect()
}

/// A record as read: each part kept as raw JSON and parsed on its own, so a damaged part costs
/// only itself (and no `serde_json::Value` tree is built: parsing straight from text keeps one
/// copy of each type's parser in the bundle).
#[derive(Deserialize)]
struct RecordIn<'a> {
    #[serde(default, borrow)]
    format: Option<&'a RawValue>,
    #[serde(default, borrow)]
    version: Option<&'a RawValue>,
    #[serde(default, borrow)]
    file: Option<&'a RawValue>,
    #[serde(default, borrow)]
    next_id: Option<&'a RawValue>,
    #[serde(default, borrow)]
    label_ids: Option<&'a RawValue>,
    #[serde(default, borrow)]
    history: Option<&'a RawValue>,
    #[serde(default, borrow)]
    rejected: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pending: Option<&'a RawValue>,
}

/// Reads a record back. A damaged history is dropped (with a notice), never the document.
pub fn load(json: &str) -> Result<Restored, RecordError> {
    let record: RecordIn =
        serde_json::from_str(json).map_err(|e| RecordError::Damaged(e.to_string()))?;
    if raw_part::<String>(record.format).as_deref() != Some(FORMAT) {
        return Err(RecordError::Damaged(
            "it is not an article-annotator record".to_owned(),
        ));
    }
    match raw_part::<u64>(record.version) {
        Some(VERSION) => {}
        Some(found) => return Err(RecordError::Version { found }),
        None => return Err(RecordError::Damaged("it has no version".to_owned())),
    }
    let file = record
        .file
        .ok_or_else(|| RecordError::Damaged("it holds no document".to_owned()))?;
    let file: FileV1 =
        serde_json::from_str(file.get()).map_err(|e| RecordError::Damaged(e.to_string()))?;
    let mut doc = v1::from_file(file).map_err(|e| RecordError::Damaged(e.to_string()))?;
    if let Some(n) = raw_part::<u64>(record.next_id) {
        doc.reserve_ids(n);
    }
    restore_label_ids(&mut doc, raw_part::<Vec<u32>>(record.label_ids));
    let mut notices = Vec::new();
    let history = match record
        .history
        .map(|h| serde_json::from_str::<SavedHistory>(h.get()))
    {
        Some(Ok(saved)) => {
            let h = History::from_saved(saved);
            if h.replays_cleanly(&doc) {
                h
            } else {
                notices.push(
                    "The saved undo history did not fit the document and was left out.".to_owned(),
                );
                History::default()
            }
        }
        Some(Err(_)) | None => {
            notices.push("The saved undo history was unreadable and was left out.".to_owned());
            History::default()
        }
    };
    let rejected = raw_part::<Vec<String>>(record.rejected).unwrap_or_default();
    let saved = raw_part::<Vec<SavedPrediction>>(record.pending).unwrap_or_default();
    let predictions = predictions_of(&doc, &saved);
    if predictions.len() < saved.len() {
        let gone = saved.len() - predictions.len();
        notices.push(format!(
            "{gone} imported {} the text and {} left out.",
            if gone == 1 {
                "prediction no longer fits"
            } else {
                "predictions no longer fit"
            },
            if gone == 1 { "was" } else { "were" }
        ));
    }
    Ok(Restored {
        doc,
        history,
        notices,
        rejected,
        predictions,
    })
}

/// The saved predictions that still fit `doc`: a label it has, and their text where they say.
fn predictions_of(doc: &Document, saved: &[SavedPrediction]) -> Vec<Prediction> {
    saved
        .iter()
        .filter_map(|p| {
            let label = LabelId(p.label);
            doc.label(label)?;
            let span = doc
                .text()
                .span_from_chars(CharOffset(p.start), CharOffset(p.end))?;
            (doc.text().get(span)? == p.text).then(|| Prediction {
                proposal: Proposal {
                    label,
                    span,
                    kind: None,
                    cue: None,
                    speaker: None,
                    same_as: None,
                },
                text: p.text.clone(),
            })
        })
        .collect()
}

/// Gives the labels back the ids they had when saved (when the saved list fits: one distinct id
/// per label), and the annotations with them.
fn restore_label_ids(doc: &mut Document, saved: Option<Vec<u32>>) {
    let Some(ids) = saved.filter(|ids| ids.len() == doc.labels.len()) else {
        return;
    };
    let distinct: std::collections::HashSet<u32> = ids.iter().copied().collect();
    if distinct.len() != ids.len() {
        return;
    }
    let map: std::collections::HashMap<LabelId, LabelId> = doc
        .labels
        .iter()
        .zip(&ids)
        .map(|(l, &id)| (l.id, LabelId(id)))
        .collect();
    for l in &mut doc.labels {
        l.id = map[&l.id];
    }
    let mut anns = doc.annotations.to_vec();
    for a in &mut anns {
        if let Some(&id) = map.get(&a.label) {
            a.label = id;
        }
    }
    doc.annotations = anns.into();
}

/// The record with its document's title changed (for renaming an article that isn't open).
pub fn retitle(json: &str, title: &str) -> Result<String, RecordError> {
    let restored = load(json)?;
    let mut doc = restored.doc;
    doc.set_title(Some(title.to_owned()));
    Ok(save_with(
        &doc,
        &restored.history,
        &restored.rejected,
        &restored.predictions,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::label::LabelId;
    use crate::offset::Span;
    use crate::text::Text;

    fn worked_document() -> (Document, History) {
        let mut h = History::default();
        let d0 = Document::new(
            Text::new("Ortega said “no” on 😀 Tuesday."),
            Some("T".into()),
        );
        let d1 = h
            .apply(
                &d0,
                &Action::Create {
                    label: LabelId(1),
                    span: Span::new(0, 6),
                },
            )
            .unwrap();
        let d2 = h
            .apply(
                &d1,
                &Action::Create {
                    label: LabelId(3),
                    span: Span::new(29, 36),
                },
            )
            .unwrap();
        let d3 = h
            .apply(
                &d2,
                &Action::Delete {
                    id: d2.annotations()[1].id.clone(),
                },
            )
            .unwrap();
        let (d4, _) = h.undo(&d3).unwrap();
        (d4, h)
    }

    #[test]
    fn a_saved_session_comes_back_with_its_history_and_id_allocator() {
        let (doc, history) = worked_document();
        let back = load(&save(&doc, &history)).unwrap();
        assert_eq!(back.doc, doc);
        assert!(back.notices.is_empty());
        assert_eq!(back.history.undo_len(), history.undo_len());
        assert!(back.history.can_redo());
        let mut h = back.history.clone();
        let (redone, _) = h.redo(&back.doc).unwrap();
        assert_eq!(redone.annotations().len(), 1);
    }

    #[test]
    fn label_ids_survive_a_reload_so_the_history_still_means_the_same_labels() {
        // Found by fuzzing: after a label is deleted, a v1 file renumbers the others, and the
        // saved history (which names labels by id) would have pointed at the wrong ones.
        let mut h = History::default();
        let d0 = Document::new(Text::new("one two"), None);
        let d1 = h
            .apply(
                &d0,
                &Action::DeleteLabel {
                    id: LabelId(1),
                    move_to: None,
                },
            )
            .unwrap();
        let d2 = h
            .apply(
                &d1,
                &Action::Create {
                    label: LabelId(2),
                    span: Span::new(0, 3),
                },
            )
            .unwrap();
        let back = load(&save(&d2, &h)).unwrap();
        assert_eq!(back.doc, d2);
        assert!(back.notices.is_empty());
        let mut h2 = back.history;
        let (u1, _) = h2.undo(&back.doc).unwrap();
        let (u0, _) = h2.undo(&u1).unwrap();
        assert_eq!(u0, d0);
    }

    #[test]
    fn retitling_keeps_everything_else() {
        let (doc, history) = worked_document();
        let back = load(&retitle(&save(&doc, &history), "  New name ").unwrap()).unwrap();
        assert_eq!(back.doc.title(), Some("New name"));
        assert_eq!(back.doc.annotations(), doc.annotations());
        assert_eq!(back.history.undo_len(), history.undo_len());
    }

    #[test]
    fn damaged_records_are_refused_with_a_reason() {
        assert!(matches!(load("{\"format\""), Err(RecordError::Damaged(_))));
        assert!(matches!(load("{}"), Err(RecordError::Damaged(_))));
        let (doc, history) = worked_document();
        let newer = save(&doc, &history).replace("\"version\":1", "\"version\":9");
        assert_eq!(load(&newer).unwrap_err(), RecordError::Version { found: 9 });
    }

    #[test]
    fn a_history_that_does_not_fit_is_dropped_but_the_document_kept() {
        let (doc, history) = worked_document();
        let mut v: serde_json::Value = serde_json::from_str(&save(&doc, &history)).unwrap();
        v["history"]["undo"][0]["before"]["annotations"] = serde_json::json!([{ "id": "x", "label": 0, "span": { "start": 3, "end": 999 }, "note": null }]);
        let back = load(&v.to_string()).unwrap();
        assert_eq!(back.doc, doc);
        assert!(!back.history.can_undo());
        assert_eq!(back.notices.len(), 1);
        v["history"] = serde_json::json!("garbage");
        assert_eq!(load(&v.to_string()).unwrap().notices.len(), 1);
    }

    fn prediction(doc: &Document, label: u32, needle: &str) -> Prediction {
        let at = doc.text().as_str().find(needle).unwrap();
        let proposal = Proposal {
            label: LabelId(label),
            span: Span::new(at, at + needle.len()),
            kind: None,
            cue: None,
            speaker: None,
            same_as: None,
        };
        Prediction::on(doc, proposal).unwrap()
    }

    #[test]
    fn imported_predictions_come_back_with_the_record() {
        let (doc, history) = worked_document();
        let p = prediction(&doc, 3, "Tuesday");
        let json = save_with(&doc, &history, &[], std::slice::from_ref(&p));
        assert!(json.contains(r#""pending":[{"label":3,"start":22,"end":29,"text":"Tuesday"}]"#));
        let back = load(&json).unwrap();
        assert_eq!(back.predictions, std::slice::from_ref(&p));
        let renamed = load(&retitle(&json, "Other").unwrap()).unwrap();
        assert_eq!(renamed.predictions, [p]);
    }

    #[test]
    fn a_record_written_in_slices_keeps_its_predictions_and_rejections() {
        let (doc, history) = worked_document();
        let p = prediction(&doc, 3, "Tuesday");
        let rejected = ["date:7-11:said".to_owned()];
        let mut w = Writer::new(&doc, &history, &rejected, std::slice::from_ref(&p));
        assert!(!w.step(1), "more than one annotation");
        let json = w.finish();
        assert_eq!(
            json,
            save_with(&doc, &history, &rejected, std::slice::from_ref(&p))
        );
        assert_eq!(load(&json).unwrap().predictions, [p]);
    }

    #[test]
    fn an_old_record_without_pending_predictions_still_loads() {
        // Written as records were before predictions were kept: no `pending` field at all.
        let old = r##"{"format":"article-annotator-session","version":1,"file":{"format":"article-annotator","version":1,"document":{"title":"Old","text":"Ortega said no."},"labels":[{"name":"quote","color":"#FFE08A","key":"1"},{"name":"speaker","color":"#A8D8FF","key":"2"},{"name":"claim","color":"#FFB8C6","key":"3"},{"name":"date","color":"#B9EDB0","key":"4"}],"annotations":[],"relations":[]},"next_id":1,"label_ids":[0,1,2,3],"history":{"undo":[],"redo":[]},"rejected":["date:7-11:said"]}"##;
        let back = load(old).unwrap();
        assert_eq!(back.doc.text().as_str(), "Ortega said no.");
        assert_eq!(back.rejected, ["date:7-11:said"]);
        assert!(back.predictions.is_empty());
        assert!(back.notices.is_empty(), "{:?}", back.notices);
        // …and a record with none is written as before, without the field.
        let (doc, history) = worked_document();
        assert!(!save(&doc, &history).contains("pending"));
    }

    #[test]
    fn a_saved_prediction_whose_text_moved_is_left_out_with_a_notice() {
        let (doc, history) = worked_document();
        let p = prediction(&doc, 3, "said");
        let json =
            save_with(&doc, &history, &[], &[p]).replace(r#""text":"said""#, r#""text":"told""#);
        let back = load(&json).unwrap();
        assert!(back.predictions.is_empty());
        assert_eq!(
            back.notices,
            ["1 imported prediction no longer fits the text and was left out."]
        );
    }
}
