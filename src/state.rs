//! The shell's hold on the app's model: core's pure [`annotator_core::app::next`] behind Yew's
//! reducer. The effects an event asks for wait in an outbox that the App's effect runner
//! empties after each render (`crate::effects`), so the reducer itself never touches the
//! browser.

use annotator_core::app::{self, Effect, Model};
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;
use yew::Reducible;

pub use annotator_core::app::words::{count, ellipsis};
pub use annotator_core::app::{
    Access, Conflict, Damaged, Dialog, Edge, Event as Msg, Message, Pick, SaveState, Selection,
    Stage, StorageInfo,
};

/// The model, and the effects asked for and not yet carried out.
#[derive(Clone, Debug, Default)]
pub struct AppState {
    model: Model,
    outbox: Rc<RefCell<Vec<Effect>>>,
}

impl AppState {
    /// Takes the effects waiting to be carried out, oldest first.
    pub fn take_effects(&self) -> Vec<Effect> {
        std::mem::take(&mut *self.outbox.borrow_mut())
    }
}

/// The same state, not an equal one: each event that changes the model makes a new state, so
/// components holding the handle render again exactly when it changed (comparing models would
/// cost more than rendering).
impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl Deref for AppState {
    type Target = Model;

    fn deref(&self) -> &Model {
        &self.model
    }
}

impl Reducible for AppState {
    type Action = Msg;

    fn reduce(self: Rc<Self>, msg: Msg) -> Rc<Self> {
        let (next, effects) = app::next(&self.model, msg);
        let asked = !effects.is_empty();
        self.outbox.borrow_mut().extend(effects);
        match next {
            Some(model) => Rc::new(AppState {
                model,
                outbox: Rc::clone(&self.outbox),
            }),
            // A new handle even so, so the App renders and its effect runner runs.
            None if asked => Rc::new((*self).clone()),
            None => self,
        }
    }
}
