//! Saving the open article: 300 ms after the last change and at least once a second while
//! changes go on, one checked write at a time, and a synchronous journal as the page goes.

use super::Persist;
use crate::browser::journal;
use crate::browser::locks;
use crate::browser::storage;
use crate::browser::wait::sleep;
use crate::state::{Access, AppState, Conflict, Msg};
use annotator_core::autosave::{JournalEntry, SaveNow, TabMessage, WriteOutcome};
use annotator_core::library::{summarize, Summary};
use annotator_core::record;
use annotator_core::Text;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsValue;

/// Annotations written per slice of a save: about 2 ms at 1,000,000 words, so a key pressed
/// during a save waits at most that.
const SAVE_STEP: usize = 2_000;
/// Bytes of the text written per slice of a save (when the text is not the last save's).
const TEXT_STEP: usize = 1 << 19;
/// Bytes of a record's annotations copied into one `Blob`.
const BLOB_PART: usize = 1 << 20;

/// The document's piece of the last record saved (its title and whole text, as JSON), kept as
/// a `Blob` with the text and title it was written from: the text is most of a record, and
/// does not change while annotations are edited.
pub(super) struct DocumentPiece {
    text: Arc<Text>,
    title: Option<String>,
    blob: JsValue,
    bytes: usize,
}

impl Persist {
    /// A change was made: schedules the save (300 ms after the last change, 1 s at most after
    /// the first unsaved one).
    pub fn edited(self: &Rc<Self>) {
        // A new article (its first text, or a copy) takes its lock with its first change.
        let state = self.state();
        if let Some(id) = state.doc_id.clone() {
            let held = self.held.borrow().as_ref().is_some_and(|(h, _)| *h == id);
            if !held && state.access == Access::Editing && locks::supported() {
                let me = Rc::clone(self);
                wasm_bindgen_futures::spawn_local(async move {
                    me.take_lock(&id).await;
                });
            }
        }
        let now = js_sys::Date::now();
        let deadline = self.autosave.borrow_mut().edited(now);
        let me = Rc::clone(self);
        let wait = (deadline - now).max(0.0) as u32;
        *self.timer.borrow_mut() = Some(Timeout::new(wait, move || me.due()));
    }

    /// A save is due: starts it, or has it follow the one being written.
    pub(super) fn due(self: &Rc<Self>) {
        if self.autosave.borrow_mut().due() == SaveNow::Start {
            let me = Rc::clone(self);
            wasm_bindgen_futures::spawn_local(async move { me.run_saves().await });
        }
    }

    /// Writes what is on screen, again while saves came due during the write.
    pub(super) async fn run_saves(self: Rc<Self>) {
        loop {
            self.write_open(false).await;
            if self.autosave.borrow_mut().finished() != SaveNow::Start {
                break;
            }
        }
    }

    /// Saves everything unsaved now and waits for it (before another article is shown).
    pub async fn flush(self: &Rc<Self>) {
        while self.autosave.borrow().in_flight() {
            sleep(20).await;
        }
        self.timer.borrow_mut().take();
        if self.autosave.borrow_mut().due() == SaveNow::Start {
            Rc::clone(self).run_saves().await;
        }
    }

    /// One checked write of the open article, if it has unsaved changes and this tab edits it
    /// (`even_read_only`: also when editing was just taken from this tab, to save what it
    /// showed).
    pub(super) async fn write_open(self: &Rc<Self>, even_read_only: bool) -> Option<WriteOutcome> {
        let state = self.state();
        let id = state.doc_id.clone()?;
        let allowed = state.access == Access::Editing || even_read_only;
        if !allowed || state.conflict.is_some() || state.saved_revision >= state.revision {
            return None;
        }
        let store = self.store()?;
        // A book's record is written a slice of annotations at a time, each piece copied into a
        // `Blob` as it comes, the page answering input between slices; the document's piece is
        // the last save's while the text and title are the same. (Written at once and handed
        // to storage as a string, a book's record held the page for a third of a second.)
        let (record, bytes) = match self.write_record(&state).await {
            Ok(r) => r,
            Err(e) => {
                self.send(Msg::SaveFailed(e.into()));
                return None;
            }
        };
        let write = self.revisions.borrow().write(&id);
        let previous = state.library.iter().find(|s| s.id == id);
        let mut summary = summarize(&id, &state.doc, previous, js_sys::Date::now());
        summary.bytes = bytes as u64;
        match store.write(&write, &record, &summary).await {
            Ok(outcome) => {
                self.revisions.borrow_mut().finished(&write, outcome);
                match outcome {
                    WriteOutcome::Written(revision) => {
                        summary.revision = revision;
                        self.saved(&state, summary);
                    }
                    WriteOutcome::Conflict { stored } => {
                        self.send(Msg::SetConflict(Some(if stored.is_some() {
                            Conflict::ChangedElsewhere
                        } else {
                            Conflict::DeletedElsewhere
                        })))
                    }
                }
                Some(outcome)
            }
            Err(e) => {
                self.send(Msg::SaveFailed(e.into()));
                None
            }
        }
    }

    /// The record of what is on screen as a `Blob`, written a slice at a time, and its size in
    /// bytes.
    async fn write_record(
        &self,
        state: &AppState,
    ) -> Result<(JsValue, usize), storage::StorageError> {
        let doc = &state.doc;
        let mut writer =
            record::Writer::new(doc, &state.history, &state.rejected, &state.predictions);
        let same = |p: &&DocumentPiece| {
            Arc::ptr_eq(&p.text, &doc.text_arc()) && p.title.as_deref() == doc.title()
        };
        let kept = self
            .document_piece
            .borrow()
            .as_ref()
            .filter(same)
            .map(|p| (p.blob.clone(), p.bytes));
        // the pieces as `Blob`s, and the bytes they hold
        let mut parts: Vec<JsValue> = Vec::new();
        let mut bytes = 0;
        let add = |piece: &str, parts: &mut Vec<JsValue>, bytes: &mut usize| {
            *bytes += piece.len();
            parts.push(storage::bytes_part(piece.as_bytes())?);
            Ok::<(), storage::StorageError>(())
        };
        if let Some((blob, size)) = kept {
            add(&writer.head_without_document(), &mut parts, &mut bytes)?;
            parts.push(blob);
            bytes += size;
        } else {
            add(&writer.head(), &mut parts, &mut bytes)?;
            let mut document = Vec::new();
            let mut size = 0;
            while let Some(piece) = writer.document_piece(TEXT_STEP) {
                add(&piece, &mut document, &mut size)?;
                sleep(0).await;
            }
            let blob = storage::blob_of(&document)?;
            *self.document_piece.borrow_mut() = Some(DocumentPiece {
                text: doc.text_arc(),
                title: doc.title().map(str::to_owned),
                blob: blob.clone(),
                bytes: size,
            });
            parts.push(blob);
            bytes += size;
        }
        // slices of annotations, gathered into parts of about BLOB_PART bytes (a `Blob` costs
        // about a millisecond of its own)
        let mut gathered = String::new();
        while !writer.step(SAVE_STEP) {
            gathered.push_str(&writer.take());
            if gathered.len() >= BLOB_PART {
                add(&std::mem::take(&mut gathered), &mut parts, &mut bytes)?;
            }
            sleep(0).await;
        }
        gathered.push_str(&writer.finish());
        add(&gathered, &mut parts, &mut bytes)?;
        Ok((storage::blob_of(&parts)?, bytes))
    }

    /// After a write of the open article: tells the reducer and the other tabs, clears the
    /// journal it made obsolete, and (once there is real work) asks for persistent storage.
    pub(super) fn saved(&self, state: &AppState, summary: Summary) {
        let id = summary.id.clone();
        let revision = summary.revision;
        let journaled = self.journaled.borrow().clone();
        if let Some((jid, jrev)) = journaled {
            if jid == id && state.revision >= jrev {
                journal::clear(&id);
                self.journaled.borrow_mut().take();
            }
        }
        self.send(Msg::Saved {
            revision: state.revision,
            summary,
        });
        self.post(&TabMessage::Saved { id, revision });
        if !self.asked_persist.get() && !state.doc.annotations().is_empty() {
            self.asked_persist.set(true);
            wasm_bindgen_futures::spawn_local(async {
                storage::ask_persist().await;
            });
        }
    }

    /// The page is going away or hidden: journals unsaved changes synchronously and starts
    /// their save. A tab with nothing unsaved writes nothing.
    pub fn leave(self: &Rc<Self>) {
        self.leave_draft();
        let state = self.state();
        let Some(id) = state.doc_id.clone() else {
            return;
        };
        if state.access != Access::Editing
            || state.conflict.is_some()
            || state.saved_revision >= state.revision
        {
            return;
        }
        let entry = JournalEntry {
            base: self.revisions.borrow().known(&id),
            record: record::save_with(
                &state.doc,
                &state.history,
                &state.rejected,
                &state.predictions,
            ),
            id: id.clone(),
        };
        if journal::write(&entry) {
            *self.journaled.borrow_mut() = Some((id, state.revision));
        }
        self.timer.borrow_mut().take();
        self.due();
    }
}
