//! Starting and opening: storage opened, what closed tabs journalled taken over, the last
//! article reopened, and each article's lock taken as it opens.

use super::{Draft, Persist, DRAFT};
use crate::browser::journal;
use crate::browser::locks;
use crate::browser::storage::{self, StorageError, Store};
use crate::state::{Damaged, Msg};
use annotator_core::app::Notice;
use annotator_core::autosave::{plan_journal, JournalEntry, JournalPlan, WriteOutcome};
use annotator_core::library::summarize;
use annotator_core::record;
use std::rc::Rc;

impl Persist {
    /// Opens storage, takes over what closed tabs journalled, lists the library, and reopens
    /// the article open last time (unless its opening never finished).
    pub async fn start(self: Rc<Self>) {
        self.send(Msg::LabelMemory(crate::browser::memory::labels()));
        self.send(Msg::ThemeRemembered(crate::browser::theme::stored()));
        let dispatch = self.dispatch.clone();
        let store = match Store::open(move || {
            dispatch.dispatch(Msg::StorageOff(StorageError::Replaced.into()))
        })
        .await
        {
            Ok(s) => s,
            Err(e) => {
                self.send(Msg::StorageOff(e.into()));
                return;
            }
        };
        *self.store.borrow_mut() = Some(store.clone());
        self.open_channel();
        let recovered = self.take_over_journals(&store).await;
        let library = match store.summaries().await {
            Ok(list) => list,
            Err(e) => {
                self.send(Msg::StorageOff(e.into()));
                return;
            }
        };
        let current = store.current().await.ok().flatten();
        let unfinished = journal::unfinished_opening();
        journal::opened();
        // The draft journalled as the page went away is newer than the stored one, if any.
        let draft: Option<Draft> = match journal::take_draft() {
            Some(d) => Some(d),
            None => store.get_meta(DRAFT).await.ok().flatten(),
        }
        .and_then(|d| serde_json::from_str(&d).ok());
        self.send(Msg::LibraryLoaded(library.clone()));
        match current {
            Some(id) if unfinished.as_deref() == Some(id.as_str()) => {
                let title = library.iter().find(|s| s.id == id).map(|s| s.title.clone());
                self.notify(Notice::UnfinishedOpening { title });
            }
            Some(id) => self.open(id, true).await,
            None => {}
        }
        if let Some(d) = draft {
            let state = self.state();
            if d.id == state.doc_id && !(d.title.is_empty() && d.text.is_empty()) {
                *self.draft.borrow_mut() = Some(d.clone());
                self.send(Msg::RestoreDraft {
                    title: d.title,
                    text: d.text,
                });
            }
        }
        if recovered > 0 {
            self.notify(Notice::RecoveredCopies(recovered));
        }
    }

    /// Moves what closed tabs journalled into storage, as `plan_journal` decides. Articles
    /// another tab is editing now are left to it. Returns how many were kept as copies.
    pub(super) async fn take_over_journals(&self, store: &Store) -> usize {
        let mut copies = 0;
        for entry in journal::all() {
            let _lock = if locks::supported() {
                match locks::try_take(&entry.id, || {}).await {
                    Some(held) => Some(held),
                    None => continue, // a live tab edits it and saves it itself
                }
            } else {
                None
            };
            let Ok(stored) = store.load(&entry.id).await else {
                continue; // keep the journal for the next start
            };
            let plan = plan_journal(&entry, stored.as_ref().map(|(r, v)| (*v, r.as_str())));
            let done = match plan {
                JournalPlan::Discard => true,
                JournalPlan::Store { expect } => self.store_journal(store, &entry, expect).await,
                JournalPlan::StoreAsCopy => {
                    let title = record::load(&entry.record)
                        .map(|r| {
                            format!(
                                "{} (recovered)",
                                annotator_core::library::display_title(&r.doc)
                            )
                        })
                        .unwrap_or_default();
                    let copy = JournalEntry {
                        id: storage::fresh_id(),
                        base: None,
                        record: record::retitle(&entry.record, &title)
                            .unwrap_or_else(|_| entry.record.clone()),
                    };
                    let ok = self.store_journal(store, &copy, None).await;
                    if ok {
                        copies += 1;
                    }
                    ok
                }
            };
            if done {
                journal::clear(&entry.id);
            }
        }
        copies
    }

    /// Writes a journalled record; whether it is stored.
    pub(super) async fn store_journal(
        &self,
        store: &Store,
        entry: &JournalEntry,
        expect: Option<u64>,
    ) -> bool {
        let Ok(restored) = record::load(&entry.record) else {
            return true; // unreadable: nothing to keep
        };
        let write = annotator_core::autosave::Write {
            id: entry.id.clone(),
            expect,
            revision: expect.map_or(1, |r| r + 1),
        };
        let mut summary = summarize(&entry.id, &restored.doc, None, js_sys::Date::now());
        summary.bytes = entry.record.len() as u64;
        let Ok(value) = storage::record_value(&entry.record) else {
            return false;
        };
        matches!(
            store.write(&write, &value, &summary).await,
            Ok(WriteOutcome::Written(_))
        )
    }

    /// Opens a saved article: takes its lock (or shows it read only), reads it and shows it.
    pub async fn open(self: &Rc<Self>, id: String, only_if_empty: bool) {
        let Some(store) = self.store() else { return };
        let state = self.state();
        if only_if_empty && (state.doc_id.is_some() || !state.doc.text().is_empty()) {
            return;
        }
        let editing = self.take_lock(&id).await;
        match store.load(&id).await {
            Ok(Some((raw, revision))) => match record::load(&raw) {
                Ok(r) => {
                    self.revisions.borrow_mut().read(&id, revision);
                    journal::opening(&id);
                    self.send(Msg::Restore {
                        id: id.clone(),
                        doc: Box::new(r.doc),
                        history: r.history,
                        notices: r.notices,
                        rejected: r.rejected,
                        predictions: r.predictions,
                        only_if_empty,
                        editing,
                    });
                    let _ = store.set_current(&id).await;
                }
                Err(e) => {
                    self.let_go();
                    self.send(Msg::FoundDamaged(Damaged {
                        id,
                        reason: e.to_string(),
                        raw: Rc::new(raw),
                    }));
                }
            },
            Ok(None) => {
                self.let_go();
                self.notify(Notice::NoLongerSaved);
            }
            Err(e) => self.send(Msg::SaveFailed(e.into())),
        }
    }

    /// Takes the lock of `id` for this tab, letting go of any other: whether this tab edits it.
    /// Where another tab holds it, this tab queues for it and shows the article read only.
    pub(super) async fn take_lock(self: &Rc<Self>, id: &str) -> bool {
        if self.held.borrow().as_ref().is_some_and(|(h, _)| h == id) {
            return true;
        }
        self.let_go();
        if !locks::supported() {
            return true;
        }
        let weak = Rc::downgrade(self);
        let lost = id.to_owned();
        let held = locks::try_take(id, move || {
            if let Some(p) = weak.upgrade() {
                p.lost(lost);
            }
        })
        .await;
        match held {
            Some(held) => {
                *self.held.borrow_mut() = Some((id.to_owned(), held));
                true
            }
            None => {
                self.queue_for(id);
                false
            }
        }
    }

    /// Lets go of the open article's lock and queue (it is closed or replaced).
    pub fn let_go(&self) {
        self.held.borrow_mut().take();
        self.queued.borrow_mut().take();
    }

    /// Lets go of article `id`'s lock, held or queued for, if this tab has it.
    pub(super) fn let_go_of(&self, id: &str) {
        if self.held.borrow().as_ref().is_some_and(|(h, _)| h == id) {
            self.held.borrow_mut().take();
        }
        self.leave_queue_of(id);
    }

    /// Leaves the queue for article `id`'s lock, if this tab is in it.
    pub(super) fn leave_queue_of(&self, id: &str) {
        if self.queued.borrow().as_ref().is_some_and(|(q, _)| q == id) {
            self.queued.borrow_mut().take();
        }
    }
}
