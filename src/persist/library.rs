//! The library's effects: rename, delete, gather for export, read and store imports, and what
//! storage holds.
//! What they mean for the app (and what the user is told) is core's `app::update`; these
//! carry out storage and report back.

use super::Persist;
use crate::browser::storage::{self, Store};
use crate::browser::wait::sleep;
use crate::browser::{frame, journal, locks};
use crate::state::{Access, Msg, StorageInfo};
use annotator_core::app::import::{self, Batch, ImportReport, Picked};
use annotator_core::app::{AppError, StorageError};
use annotator_core::autosave::{SaveNow, TabMessage, WriteOutcome};
use annotator_core::formats::import::InputFile;
use annotator_core::library::{summarize, Summary};
use annotator_core::review::Prediction;
use annotator_core::{record, Document, History};
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// How many articles one import transaction stores.
const IMPORT_BATCH: usize = 50;

impl Persist {
    pub(super) fn store_or_off(&self) -> Result<Store, AppError> {
        self.store().ok_or(StorageError::Unavailable.into())
    }

    /// Renames a saved article that is not open (core renames the open one itself), unless
    /// another tab is editing it; reports [`Msg::Renamed`].
    pub async fn rename(self: Rc<Self>, id: String, title: String) {
        let result = self.rename_stored(&id, &title).await;
        if result.is_ok() {
            self.post(&TabMessage::Library);
        }
        self.send(Msg::Renamed { title, result });
    }

    async fn rename_stored(&self, id: &str, title: &str) -> Result<Vec<Summary>, AppError> {
        let store = self.store_or_off()?;
        let _lock = if locks::supported() {
            Some(
                locks::try_take(id, || {})
                    .await
                    .ok_or(AppError::EditedElsewhere)?,
            )
        } else {
            None
        };
        let (raw, revision) = store.load(id).await?.ok_or(AppError::NotSaved)?;
        let unreadable =
            |e: annotator_core::record::RecordError| AppError::Unreadable(e.to_string());
        let record = record::retitle(&raw, title).map_err(unreadable)?;
        let restored = record::load(&record).map_err(unreadable)?;
        let state = self.state();
        let previous = state.library.iter().find(|s| s.id == id);
        let mut summary = summarize(id, &restored.doc, previous, js_sys::Date::now());
        summary.bytes = record.len() as u64;
        let mut revisions = annotator_core::autosave::Revisions::default();
        revisions.read(id, revision);
        let write = revisions.write(id);
        if let WriteOutcome::Conflict { .. } = store
            .write(&write, &storage::record_value(&record)?, &summary)
            .await?
        {
            return Err(AppError::ChangedElsewhere);
        }
        // Saving made it current; the open article stays current.
        if let Some(open) = &state.doc_id {
            store.set_current(open).await?;
        }
        Ok(store.summaries().await?)
    }

    /// Deletes a saved article and tells other tabs; reports [`Msg::Deleted`].
    pub async fn delete(self: Rc<Self>, id: String) {
        let result = async {
            let store = self.store_or_off()?;
            store.delete(&id).await?;
            journal::clear(&id);
            self.revisions.borrow_mut().forget(&id);
            // Out of the lock's queue before the other tabs hear of it (the tab editing it
            // lets go as it closes the article, and this tab must not take a deleted
            // article); the lock this tab holds only after they have heard (so no tab
            // queued for it takes it first).
            self.leave_queue_of(&id);
            self.post(&TabMessage::Deleted { id: id.clone() });
            self.let_go_of(&id);
            Ok(store.summaries().await?)
        }
        .await;
        self.send(Msg::Deleted { id, result });
    }

    /// Every article: the one on screen as it is now, and the others as saved, oldest first;
    /// reports [`Msg::LibraryGathered`].
    pub async fn gather(self: Rc<Self>) {
        let state = self.state();
        let mut docs = Vec::new();
        let current = state.doc_id.clone();
        if !state.doc.text().is_empty() {
            docs.push((*state.doc).clone());
        }
        if let Some(store) = self.store() {
            let mut list: Vec<Summary> = state.library.iter().cloned().collect();
            annotator_core::sort::sort_by(&mut list, |a, b| a.created.total_cmp(&b.created));
            for s in list.iter().filter(|s| Some(&s.id) != current.as_ref()) {
                if let Ok(Some((raw, _))) = store.load(&s.id).await {
                    if let Ok(r) = record::load(&raw) {
                        docs.push(r.doc);
                    }
                }
            }
        }
        self.send(Msg::LibraryGathered(docs, crate::browser::clock::now()));
    }

    /// Reads what storage holds and may hold, for the library.
    pub async fn storage_info(self: Rc<Self>) {
        if let Some(q) = storage::quota().await {
            self.send(Msg::StorageInfo(StorageInfo {
                usage: q.usage,
                quota: q.quota,
                persisted: q.persisted,
            }));
        }
    }

    /// Reads files dropped or chosen together (all of them, each unless too big to import)
    /// and hands them to core as one import ([`Msg::FilesRead`]).
    pub async fn import_files(self: Rc<Self>, files: Vec<web_sys::File>) {
        let mut picked = Vec::with_capacity(files.len());
        for file in files {
            let name = file.name();
            if let Some(refused) = Picked::unread_if_too_big(&name, file.size() as u64) {
                picked.push(refused);
                continue;
            }
            match JsFuture::from(file.array_buffer()).await {
                Ok(buf) => {
                    let bytes = js_sys::Uint8Array::new(&buf).to_vec();
                    picked.push(Picked::Read(InputFile::new(name, bytes)));
                }
                Err(_) => picked.push(Picked::Unreadable { name }),
            }
        }
        self.send(Msg::FilesRead(picked));
    }

    /// Stores what core decided to import, one batch after another.
    pub async fn store_imports(self: Rc<Self>, batches: Vec<Batch>) {
        for batch in batches {
            Rc::clone(&self).store_import(batch).await;
        }
    }

    /// Adds a batch's articles to the library, showing the first at once; reports
    /// [`Msg::Imported`] once everything is stored.
    async fn store_import(self: Rc<Self>, batch: Batch) {
        let Batch {
            name,
            docs,
            notices,
            predictions,
        } = batch;
        if docs.is_empty() {
            return;
        }
        let mut bad: Vec<(usize, String)> = Vec::new();
        self.flush().await;
        // Hold autosave until the first article is stored (it is shown before).
        while self.autosave.borrow().in_flight() {
            sleep(20).await;
        }
        let claimed = self.autosave.borrow_mut().due() == SaveNow::Start;
        let state = self.state();
        let mut taken: std::collections::HashSet<String> =
            state.library.iter().map(|s| s.id.clone()).collect();
        taken.extend(state.doc_id.clone());
        let mut ids = import::fresh_ids(docs.len(), &taken, storage::fresh_id);
        let first = ids[0].clone();
        self.clear_draft();
        journal::opening(&first);
        // A fresh id is no other tab's to hold: the article shows at once, editable, and its
        // lock is taken while that frame is drawn (asking the browser for it takes a few ms).
        self.send(Msg::Restore {
            id: first.clone(),
            doc: Box::new(docs[0].clone()),
            history: History::default(),
            notices: Vec::new(),
            rejected: Vec::new(),
            predictions: predictions.first().cloned().unwrap_or_default(),
            only_if_empty: false,
            editing: true,
        });
        if !self.take_lock(&first).await {
            // Another tab holds an article under the same id: this one is shown read only
            // until this tab gets the lock, as when another tab takes editing over.
            self.send(Msg::SetAccess(Access::ReadOnly {
                asked: false,
                slow: false,
            }));
        }
        let stored = match self.store() {
            Some(store) => {
                // Shown first, stored after that frame: the file is still on disk meanwhile.
                frame::after_next_paint().await;
                store_all(&store, &docs, &predictions, &mut ids, &mut bad).await
            }
            None => vec![false; docs.len()],
        };
        if ids[0] != first {
            self.send(Msg::Moved {
                id: ids[0].clone(),
                title: None,
                revision: 0,
            });
        }
        if stored[0] {
            self.revisions.borrow_mut().read(&ids[0], 1);
        }
        if let Some(store) = self.store() {
            let _ = store.set_current(&ids[0]).await;
            if let Ok(list) = store.summaries().await {
                self.send(Msg::LibraryLoaded(list));
            }
        }
        self.post(&TabMessage::Library);
        self.send(Msg::Imported(ImportReport {
            total: docs.len(),
            stored: stored.iter().filter(|s| **s).count(),
            shown: annotator_core::library::display_title(&docs[0]),
            name,
            bad,
            notices,
        }));
        if claimed && self.autosave.borrow_mut().finished() == SaveNow::Start {
            Rc::clone(&self).run_saves().await;
        }
    }
}

/// Stores every article under a fresh id, in batches, never over another article (a taken id
/// gets a new one, three tries). Returns whether each is stored; those that could not be are
/// added to `bad` with their line. `ids` ends up holding the id each article is stored under.
async fn store_all(
    store: &Store,
    docs: &[Document],
    predictions: &[Vec<Prediction>],
    ids: &mut [String],
    bad: &mut Vec<(usize, String)>,
) -> Vec<bool> {
    let mut stored = vec![false; docs.len()];
    let now = js_sys::Date::now();
    for start in (0..docs.len()).step_by(IMPORT_BATCH) {
        let end = (start + IMPORT_BATCH).min(docs.len());
        let mut todo: Vec<usize> = (start..end).collect();
        for attempt in 0..3 {
            if todo.is_empty() {
                break;
            }
            if attempt > 0 {
                for &i in &todo {
                    ids[i] = storage::fresh_id();
                }
            }
            let items: Result<Vec<(String, JsValue, Summary)>, _> = todo
                .iter()
                .map(|&i| {
                    let pending = predictions.get(i).map_or(&[][..], Vec::as_slice);
                    let record = record::save_with(&docs[i], &History::default(), &[], pending);
                    let mut summary = summarize(&ids[i], &docs[i], None, now);
                    summary.bytes = record.len() as u64;
                    Ok((ids[i].clone(), storage::record_value(&record)?, summary))
                })
                .collect();
            // The page answers input between making a book's records and storing them.
            sleep(0).await;
            match async { store.add_new(&items?).await }.await {
                Ok(done) => {
                    for (&i, &d) in todo.iter().zip(&done) {
                        stored[i] = d;
                    }
                    todo.retain(|&i| !stored[i]);
                }
                Err(e) => {
                    for &i in &todo {
                        bad.push((i + 1, format!("not stored: {e}")));
                    }
                    todo.clear();
                }
            }
        }
        for &i in &todo {
            bad.push((i + 1, "not stored: no free id was found".to_owned()));
        }
    }
    stored
}
