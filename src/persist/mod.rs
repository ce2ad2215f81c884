//! Autosave and the library, carried out at the edge. The decisions (when a save is due, which
//! revision a write extends, what a journalled record becomes) are `core::autosave`'s; this
//! module does the storage, lock and channel work and tells the reducer what happened.
//!
//! - Saving: a change is saved 300 ms after the last one, and at least once a second during
//!   continuous editing; one write at a time; each write checked against the stored revision.
//! - Leaving: a tab with unsaved changes journals them to localStorage at once (`pagehide` and
//!   hidden) and starts a save; a tab with nothing unsaved writes nothing.
//! - Tabs: one editing tab per article ([`crate::browser::locks`]); the others are read only,
//!   follow its saves, and can ask for editing to be handed over ([`tabs`]).

mod library;
mod tabs;

use crate::browser::journal;
use crate::browser::locks::{self, Held, Queued};
use crate::browser::storage::{self, StorageError, Store};
use crate::browser::tabs::Channel;
use crate::browser::wait::sleep;
use crate::state::{Access, AppState, Conflict, Damaged, Dialog, Msg};
use annotator_core::autosave::{
    plan_journal, Autosave, JournalEntry, JournalPlan, Revisions, SaveNow, TabMessage, WriteOutcome,
};
use annotator_core::library::{summarize, Summary};
use annotator_core::session;
use gloo::timers::callback::Timeout;
use serde::{Deserialize, Serialize};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use yew::{UseReducerDispatcher, UseReducerHandle};

/// The `meta` key of the text being pasted or edited.
const DRAFT: &str = "draft";

/// A title and text being pasted (`id: None`) or edited (the article's id), saved as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The article whose text is being edited, if any.
    pub id: Option<String>,
    /// The title field.
    pub title: String,
    /// The text field.
    pub text: String,
}

/// Everything autosave keeps between calls. One per app, shared by its callbacks.
pub struct Persist {
    dispatch: UseReducerDispatcher<AppState>,
    latest: Rc<RefCell<UseReducerHandle<AppState>>>,
    store: RefCell<Option<Store>>,
    autosave: RefCell<Autosave>,
    revisions: RefCell<Revisions>,
    timer: RefCell<Option<Timeout>>,
    /// The lock of the article this tab edits.
    held: RefCell<Option<(String, Held)>>,
    /// The queue this tab waits in for the lock of the article it shows read only.
    queued: RefCell<Option<(String, Queued)>>,
    channel: RefCell<Option<Channel>>,
    /// The article and local revision last journalled as the page went away.
    journaled: RefCell<Option<(String, u64)>>,
    asked_persist: Cell<bool>,
    draft: RefCell<Option<Draft>>,
    draft_clock: RefCell<Autosave>,
    draft_timer: RefCell<Option<Timeout>>,
    library_timer: RefCell<Option<Timeout>>,
}

impl Persist {
    /// The app's autosave, reading the state through `latest` (updated on every render).
    pub fn new(
        dispatch: UseReducerDispatcher<AppState>,
        latest: Rc<RefCell<UseReducerHandle<AppState>>>,
    ) -> Rc<Persist> {
        Rc::new(Persist {
            dispatch,
            latest,
            store: RefCell::new(None),
            autosave: RefCell::new(Autosave::default()),
            revisions: RefCell::new(Revisions::default()),
            timer: RefCell::new(None),
            held: RefCell::new(None),
            queued: RefCell::new(None),
            channel: RefCell::new(None),
            journaled: RefCell::new(None),
            asked_persist: Cell::new(false),
            draft: RefCell::new(None),
            draft_clock: RefCell::new(Autosave::default()),
            draft_timer: RefCell::new(None),
            library_timer: RefCell::new(None),
        })
    }

    /// The state as last rendered (cheap: the document and history are shared).
    fn state(&self) -> Rc<AppState> {
        Rc::new((**self.latest.borrow()).clone())
    }

    fn store(&self) -> Option<Store> {
        self.store.borrow().clone()
    }

    fn send(&self, msg: Msg) {
        self.dispatch.dispatch(msg);
    }

    fn notify(&self, text: impl Into<String>, is_error: bool) {
        self.send(Msg::Notify {
            text: text.into(),
            is_error,
        });
    }

    fn post(&self, message: &TabMessage) {
        if let Some(c) = self.channel.borrow().as_ref() {
            c.post(message);
        }
    }

    /// A callback that runs `job` (one of the async methods here) with its argument, in the
    /// background.
    pub fn task<A: 'static, F: std::future::Future<Output = ()> + 'static>(
        self: &Rc<Self>,
        job: impl Fn(Rc<Self>, A) -> F + 'static,
    ) -> yew::Callback<A> {
        let persist = Rc::clone(self);
        yew::Callback::from(move |arg: A| {
            wasm_bindgen_futures::spawn_local(job(Rc::clone(&persist), arg))
        })
    }

    /// Opens storage, takes over what closed tabs journalled, lists the library, and reopens
    /// the article open last time (unless its opening never finished).
    pub async fn start(self: Rc<Self>) {
        let dispatch = self.dispatch.clone();
        let store = match Store::open(move || {
            dispatch.dispatch(Msg::StorageOff(StorageError::Replaced.to_string()))
        })
        .await
        {
            Ok(s) => s,
            Err(e) => {
                self.send(Msg::StorageOff(e.to_string()));
                return;
            }
        };
        *self.store.borrow_mut() = Some(store.clone());
        self.open_channel();
        let recovered = self.take_over_journals(&store).await;
        let library = match store.summaries().await {
            Ok(list) => list,
            Err(e) => {
                self.send(Msg::StorageOff(e.to_string()));
                return;
            }
        };
        let title_of = |id: &str| {
            library.iter().find(|s| s.id == id).map_or_else(
                || "The last article".to_owned(),
                |s| format!("“{}”", s.title),
            )
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
                self.notify(
                    format!(
                        "{} did not finish opening last time (the tab may have run out of \
                         memory), so it was not opened again. It is kept in the library: open \
                         it from there when you are ready, or export it.",
                        title_of(&id)
                    ),
                    true,
                );
                self.send(Msg::SetDialog(Some(Dialog::Library)));
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
        if !recovered.is_empty() {
            self.notify(recovered.join(" "), false);
        }
    }

    /// Moves what closed tabs journalled into storage, as `plan_journal` decides. Articles
    /// another tab is editing now are left to it. Returns what to tell the user.
    async fn take_over_journals(&self, store: &Store) -> Vec<String> {
        let mut said = Vec::new();
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
                    let title = session::load(&entry.record)
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
                        record: session::retitle(&entry.record, &title)
                            .unwrap_or_else(|_| entry.record.clone()),
                    };
                    let ok = self.store_journal(store, &copy, None).await;
                    if ok {
                        said.push(
                            "Changes a closed tab had not saved, made while another tab changed \
                             the same article, are kept as a second copy in the library."
                                .to_owned(),
                        );
                    }
                    ok
                }
            };
            if done {
                journal::clear(&entry.id);
            }
        }
        said
    }

    /// Writes a journalled record; whether it is stored.
    async fn store_journal(
        &self,
        store: &Store,
        entry: &JournalEntry,
        expect: Option<u64>,
    ) -> bool {
        let Ok(restored) = session::load(&entry.record) else {
            return true; // unreadable: nothing to keep
        };
        let write = annotator_core::autosave::Write {
            id: entry.id.clone(),
            expect,
            revision: expect.map_or(1, |r| r + 1),
        };
        let mut summary = summarize(&entry.id, &restored.doc, None, js_sys::Date::now());
        summary.bytes = entry.record.len() as u64;
        matches!(
            store.write(&write, &entry.record, &summary).await,
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
            Ok(Some((raw, revision))) => match session::load(&raw) {
                Ok(r) => {
                    self.revisions.borrow_mut().read(&id, revision);
                    journal::opening(&id);
                    self.send(Msg::Restore {
                        id: id.clone(),
                        doc: Box::new(r.doc),
                        history: r.history,
                        notices: r.notices,
                        rejected: r.rejected,
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
                self.notify("That article is no longer in the library.", true);
            }
            Err(e) => self.send(Msg::SaveFailed(e.to_string())),
        }
    }

    /// Takes the lock of `id` for this tab, letting go of any other: whether this tab edits it.
    /// Where another tab holds it, this tab queues for it and shows the article read only.
    async fn take_lock(self: &Rc<Self>, id: &str) -> bool {
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
    fn let_go(&self) {
        self.held.borrow_mut().take();
        self.queued.borrow_mut().take();
    }

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
    fn due(self: &Rc<Self>) {
        if self.autosave.borrow_mut().due() == SaveNow::Start {
            let me = Rc::clone(self);
            wasm_bindgen_futures::spawn_local(async move { me.run_saves().await });
        }
    }

    /// Writes what is on screen, again while saves came due during the write.
    async fn run_saves(self: Rc<Self>) {
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
    async fn write_open(self: &Rc<Self>, even_read_only: bool) -> Option<WriteOutcome> {
        let state = self.state();
        let id = state.doc_id.clone()?;
        let allowed = state.access == Access::Editing || even_read_only;
        if !allowed || state.conflict.is_some() || state.saved_revision >= state.revision {
            return None;
        }
        let store = self.store()?;
        let record = session::save_with(&state.doc, &state.history, &state.rejected);
        let write = self.revisions.borrow().write(&id);
        let previous = state.library.iter().find(|s| s.id == id);
        let mut summary = summarize(&id, &state.doc, previous, js_sys::Date::now());
        summary.bytes = record.len() as u64;
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
                self.send(Msg::SaveFailed(e.to_string()));
                None
            }
        }
    }

    /// After a write of the open article: tells the reducer and the other tabs, clears the
    /// journal it made obsolete, and (once there is real work) asks for persistent storage.
    fn saved(&self, state: &AppState, summary: Summary) {
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
            record: session::save_with(&state.doc, &state.history, &state.rejected),
            id: id.clone(),
        };
        if journal::write(&entry) {
            *self.journaled.borrow_mut() = Some((id, state.revision));
        }
        self.timer.borrow_mut().take();
        self.due();
    }

    /// The open article is fully built: its opening finished.
    pub fn opened(&self) {
        journal::opened();
    }

    /// The paste box changed: saves the draft as typed (same timing as autosave).
    pub fn draft_changed(self: &Rc<Self>, title: String, text: String) {
        let id = self.state().doc_id.clone();
        *self.draft.borrow_mut() = Some(Draft { id, title, text });
        let now = js_sys::Date::now();
        let deadline = self.draft_clock.borrow_mut().edited(now);
        let me = Rc::clone(self);
        let wait = (deadline - now).max(0.0) as u32;
        *self.draft_timer.borrow_mut() = Some(Timeout::new(wait, move || me.write_draft()));
    }

    fn write_draft(self: &Rc<Self>) {
        self.draft_clock.borrow_mut().due();
        let draft = self.draft.borrow().clone();
        let me = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            if let (Some(store), Some(d)) = (me.store(), draft) {
                if let Ok(json) = serde_json::to_string(&d) {
                    let _ = store.put_meta(DRAFT, &json).await;
                }
            }
            me.draft_clock.borrow_mut().finished();
        });
    }

    fn leave_draft(self: &Rc<Self>) {
        if self.draft_timer.borrow_mut().take().is_some() {
            if let Some(json) = self
                .draft
                .borrow()
                .as_ref()
                .and_then(|d| serde_json::to_string(d).ok())
            {
                journal::write_draft(&json);
            }
            self.write_draft();
        }
    }

    /// The paste box is done with (the text was used, or left unchanged): forgets the draft.
    pub fn clear_draft(self: &Rc<Self>) {
        self.draft_timer.borrow_mut().take();
        let _ = journal::take_draft();
        if self.draft.borrow_mut().take().is_some() {
            if let Some(store) = self.store() {
                wasm_bindgen_futures::spawn_local(async move {
                    let _ = store.delete_meta(DRAFT).await;
                });
            }
        }
    }

    /// Saves what is on screen, then starts a new article.
    pub async fn new_article(self: Rc<Self>) {
        self.flush().await;
        self.let_go();
        self.clear_draft();
        self.send(Msg::NewArticle);
    }

    /// Saves what is on screen, then opens another saved article.
    pub async fn switch_to(self: Rc<Self>, id: String) {
        self.flush().await;
        self.clear_draft();
        self.open(id, false).await;
    }
}
