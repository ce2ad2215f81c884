//! The paste box's draft: saved as typed (same timing as autosave), journalled as the page
//! goes, forgotten once used.

use super::{Draft, Persist, DRAFT};
use crate::browser::journal;
use gloo::timers::callback::Timeout;
use std::rc::Rc;

impl Persist {
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

    pub(super) fn write_draft(self: &Rc<Self>) {
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

    pub(super) fn leave_draft(self: &Rc<Self>) {
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
}
