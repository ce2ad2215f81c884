//! Tabs on one article: following another tab's saves, handing editing over, taking it over
//! from a tab that does not answer, and what a tab does when storage moved on without it.

use super::Persist;
use crate::browser::locks::{self, Held};
use crate::browser::storage;
use crate::browser::tabs::Channel;
use crate::browser::wait::sleep;
use crate::state::{Access, Conflict, Msg};
use annotator_core::app::Notice;
use annotator_core::autosave::{TabMessage, Write, WriteOutcome};
use annotator_core::library::{display_title, summarize};
use annotator_core::record;
use std::rc::Rc;

/// How long a read-only tab waits for the editing tab to hand over before offering to take
/// editing over regardless.
const HAND_OVER_WAIT_MS: u32 = 3_000;

impl Persist {
    /// Listens to the other tabs.
    pub(super) fn open_channel(self: &Rc<Self>) {
        let weak = Rc::downgrade(self);
        *self.channel.borrow_mut() = Channel::open(move |m| {
            if let Some(p) = weak.upgrade() {
                p.on_message(m);
            }
        });
    }

    fn on_message(self: &Rc<Self>, message: TabMessage) {
        let state = self.state();
        let open = |id: &str| state.doc_id.as_deref() == Some(id);
        match message {
            TabMessage::Saved { id, revision } => {
                let newer = self
                    .revisions
                    .borrow()
                    .known(&id)
                    .is_none_or(|r| r < revision);
                if open(&id) && newer && state.saved_revision >= state.revision {
                    let me = Rc::clone(self);
                    wasm_bindgen_futures::spawn_local(async move { me.follow(id, false).await });
                }
                self.refresh_library();
            }
            TabMessage::Deleted { id } => {
                self.revisions.borrow_mut().forget(&id);
                if open(&id) {
                    if state.access == Access::Editing && state.saved_revision < state.revision {
                        self.send(Msg::SetConflict(Some(Conflict::DeletedElsewhere)));
                    } else {
                        self.let_go();
                        let title = display_title(&state.doc);
                        self.send(Msg::NewArticle);
                        self.notify(Notice::DeletedElsewhere { title });
                    }
                }
                self.refresh_library();
            }
            TabMessage::Library => self.refresh_library(),
            TabMessage::HandOver { id } => {
                if self.held.borrow().as_ref().is_some_and(|(h, _)| *h == id) {
                    let me = Rc::clone(self);
                    wasm_bindgen_futures::spawn_local(async move { me.hand_over(id).await });
                }
            }
        }
    }

    /// Reads the library again, once, shortly (other tabs' saves come in bursts).
    pub(super) fn refresh_library(self: &Rc<Self>) {
        let me = Rc::clone(self);
        *self.library_timer.borrow_mut() =
            Some(gloo::timers::callback::Timeout::new(200, move || {
                if let Some(store) = me.store() {
                    let me = Rc::clone(&me);
                    wasm_bindgen_futures::spawn_local(async move {
                        if let Ok(list) = store.summaries().await {
                            me.send(Msg::LibraryLoaded(list));
                        }
                    });
                }
            }));
    }

    /// Shows the open article as storage holds it now (another tab saved it, or this tab may
    /// edit it now). The reducer keeps what is on screen if it has unsaved changes.
    async fn follow(self: &Rc<Self>, id: String, editing: bool) {
        let Some(store) = self.store() else { return };
        let Ok(Some((raw, revision))) = store.load(&id).await else {
            return;
        };
        let Ok(r) = record::load(&raw) else { return };
        self.revisions.borrow_mut().read(&id, revision);
        self.send(Msg::Follow {
            id,
            doc: Box::new(r.doc),
            history: r.history,
            rejected: r.rejected,
            predictions: r.predictions,
            editing,
        });
    }

    /// Another tab asked for the article this tab edits: saves, lets go, and follows it read
    /// only. If the save fails, this tab keeps editing (the other tab can still take over).
    async fn hand_over(self: Rc<Self>, id: String) {
        self.flush().await;
        let state = self.state();
        if state.doc_id.as_deref() != Some(id.as_str()) || state.saved_revision < state.revision {
            return;
        }
        self.held.borrow_mut().take();
        self.send(Msg::SetAccess(Access::ReadOnly {
            asked: false,
            slow: false,
        }));
        self.notify(Notice::HandedOver);
        self.queue_for(&id);
    }

    /// Queues for the lock of `id`, shown read only: granted when the editing tab lets go.
    pub(super) fn queue_for(self: &Rc<Self>, id: &str) {
        let (granted, lost) = (Rc::downgrade(self), Rc::downgrade(self));
        let (gid, lid) = (id.to_owned(), id.to_owned());
        let queued = locks::queue(
            id,
            move |held| {
                if let Some(p) = granted.upgrade() {
                    wasm_bindgen_futures::spawn_local(async move { p.granted(gid, held).await });
                }
            },
            move || {
                if let Some(p) = lost.upgrade() {
                    p.lost(lid);
                }
            },
        );
        *self.queued.borrow_mut() = Some((id.to_owned(), queued));
    }

    /// This tab got the lock of `id` (the editing tab let go, or this tab took it over).
    async fn granted(self: Rc<Self>, id: String, held: Held) {
        if self.state().doc_id.as_deref() != Some(id.as_str()) {
            return; // another article by now: let go at once
        }
        self.queued.borrow_mut().take();
        *self.held.borrow_mut() = Some((id.clone(), held));
        self.follow(id.clone(), true).await;
        if self.state().doc_id.as_deref() != Some(id.as_str()) {
            // closed (deleted in another tab, say) while this read it: let go
            self.let_go_of(&id);
            return;
        }
        self.send(Msg::SetAccess(Access::Editing));
        self.notify(Notice::EditableHere);
    }

    /// Another tab took the lock of `id` from this one: this tab becomes read only, saves what
    /// it had not saved yet (checked, so nothing newer is overwritten), and queues again.
    pub(super) fn lost(self: &Rc<Self>, id: String) {
        if self.held.borrow().as_ref().is_some_and(|(h, _)| *h == id) {
            self.held.borrow_mut().take();
        }
        if self.state().doc_id.as_deref() != Some(id.as_str()) {
            return;
        }
        let me = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            me.timer.borrow_mut().take();
            while me.autosave.borrow().in_flight() {
                sleep(20).await;
            }
            if let Some(WriteOutcome::Conflict { .. }) = me.write_open(true).await {
                me.notify(Notice::TakenOver { unsaved: true });
            } else {
                me.notify(Notice::TakenOver { unsaved: false });
            }
            me.send(Msg::SetAccess(Access::ReadOnly {
                asked: false,
                slow: false,
            }));
            me.queue_for(&id);
        });
    }

    /// "Edit here instead": asks the editing tab to hand over, and offers to take over if it
    /// does not answer in a few seconds.
    pub fn ask_hand_over(self: &Rc<Self>) {
        let Some(id) = self.state().doc_id.clone() else {
            return;
        };
        self.post(&TabMessage::HandOver { id: id.clone() });
        self.send(Msg::SetAccess(Access::ReadOnly {
            asked: true,
            slow: false,
        }));
        let me = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            sleep(HAND_OVER_WAIT_MS).await;
            let state = me.state();
            if state.doc_id.as_deref() == Some(id.as_str())
                && matches!(state.access, Access::ReadOnly { asked: true, .. })
            {
                me.send(Msg::SetAccess(Access::ReadOnly {
                    asked: true,
                    slow: true,
                }));
            }
        });
    }

    /// "Take over now": takes the lock from a tab that did not answer.
    pub fn take_over(self: &Rc<Self>) {
        let Some(id) = self.state().doc_id.clone() else {
            return;
        };
        let me = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let weak = Rc::downgrade(&me);
            let lid = id.clone();
            let held = locks::steal(&id, move || {
                if let Some(p) = weak.upgrade() {
                    p.lost(lid);
                }
            })
            .await;
            if let Some(held) = held {
                me.granted(id, held).await;
            }
        });
    }

    /// Storage moved on without this tab: keeps what is on screen as a new article beside the
    /// other version (for a deleted article: stores it again under its own id).
    pub fn keep_mine(self: &Rc<Self>) {
        let me = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let state = me.state();
            let (Some(store), Some(old)) = (me.store(), state.doc_id.clone()) else {
                return;
            };
            let deleted = state.conflict == Some(Conflict::DeletedElsewhere);
            let (id, title) = if deleted {
                (old.clone(), None)
            } else {
                let title = format!("{} (copy)", display_title(&state.doc));
                (storage::fresh_id(), Some(title))
            };
            let mut doc = (*state.doc).clone();
            if let Some(t) = &title {
                doc.set_title(Some(t.clone()));
            }
            let record =
                record::save_with(&doc, &state.history, &state.rejected, &state.predictions);
            let write = Write {
                id: id.clone(),
                expect: None,
                revision: 1,
            };
            let mut summary = summarize(&id, &doc, None, js_sys::Date::now());
            summary.bytes = record.len() as u64;
            let written = match storage::record_value(&record) {
                Ok(value) => store.write(&write, &value, &summary).await,
                Err(e) => Err(e),
            };
            match written {
                Ok(WriteOutcome::Written(r)) => {
                    me.revisions.borrow_mut().read(&id, r);
                    if id != old {
                        me.let_go();
                        me.take_lock(&id).await;
                    }
                    me.send(Msg::Moved {
                        id: id.clone(),
                        title: title.clone(),
                        revision: state.revision,
                    });
                    summary.revision = r;
                    me.saved(&state, summary);
                    me.post(&TabMessage::Library);
                    me.notify(Notice::KeptMine { copy: title });
                }
                Ok(WriteOutcome::Conflict { .. }) => me.notify(Notice::KeepFailed),
                Err(e) => me.send(Msg::SaveFailed(e.into())),
            }
        });
    }

    /// Storage moved on without this tab: drops this tab's unsaved changes and shows the
    /// article as stored (or, if it was deleted, closes it).
    pub fn take_theirs(self: &Rc<Self>) {
        let state = self.state();
        let Some(id) = state.doc_id.clone() else {
            return;
        };
        if state.conflict == Some(Conflict::DeletedElsewhere) {
            self.let_go();
            self.send(Msg::NewArticle);
            self.notify(Notice::ClosedDeleted);
            return;
        }
        let me = Rc::clone(self);
        wasm_bindgen_futures::spawn_local(async move {
            let Some(store) = me.store() else { return };
            let Ok(Some((raw, revision))) = store.load(&id).await else {
                return;
            };
            let Ok(r) = record::load(&raw) else { return };
            me.revisions.borrow_mut().read(&id, revision);
            let editing = me.take_lock(&id).await;
            me.send(Msg::Restore {
                id,
                doc: Box::new(r.doc),
                history: r.history,
                notices: vec!["This tab's unsaved changes were dropped.".to_owned()],
                rejected: r.rejected,
                predictions: r.predictions,
                only_if_empty: false,
                editing,
            });
        });
    }
}
