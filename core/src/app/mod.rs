//! The app's behaviour, without a browser: a [`Model`], the [`Event`]s that change it, and
//! one pure [`update`] that applies an event and returns the [`Effect`]s the shell must carry
//! out (storage, download, clipboard, scrolling, timers), as data. The Yew shell renders the
//! model, turns DOM events into events, and turns effects' results back into events.
//!
//! - [`model`]: what the app holds (the article, its history, what the screen shows);
//! - [`event`]: everything that can happen;
//! - [`update`](mod@update): how each event changes the model (the rules: labelling, click
//!   cycling, attribution, review, undo, text replacement, autosave's status);
//! - [`effect`]: what the shell is asked to do;
//! - [`error`]: what can go wrong at the edge, typed;
//! - [`notice`]: what storage and the other tabs tell the user, worded in one place;
//! - [`import`]: what importing files decides (the reader, the preview, ids, the message),
//!   and `importing`: how the import events change the model;
//! - [`view`]: what the side panels show (picker choices, attribution, suggestions drawn);
//! - [`keymap`]: the keys, for the key handler and the help alike;
//! - [`words`]: counting and shortening for the status line.

pub mod effect;
pub mod error;
pub mod event;
pub mod explain;
pub mod import;
mod importing;
pub mod keymap;
pub mod model;
pub mod notice;
pub mod update;
pub mod version;
pub mod view;
pub mod words;

pub use effect::{Effect, Focus};
pub use error::{AppError, StorageError};
pub use event::{Event, READ_ONLY};
pub use model::{
    Access, Conflict, Damaged, Dialog, Edge, Message, Model, PendingReplace, Pick, Reading,
    SaveState, Selection, Stage, StorageInfo, Theme,
};
pub use notice::Notice;

/// What one event did.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Whether the model changed (when not, the screen need not render again).
    pub changed: bool,
    /// What the shell must do, in order.
    pub effects: Vec<Effect>,
}

/// Applies `event` to `model`: the one entry point of the app's behaviour.
pub fn update(model: &mut Model, event: Event) -> Outcome {
    let (next, effects) = next(model, event);
    let changed = next.is_some();
    if let Some(next) = next {
        *model = next;
    }
    Outcome { changed, effects }
}

/// [`update`] for a shell that keeps models immutable (Yew's reducer): the next model, or
/// `None` when nothing changed, and the effects.
pub fn next(model: &Model, event: Event) -> (Option<Model>, Vec<Effect>) {
    let mut next = model.clone(); // cheap: the document and lists are shared
    let mut effects = Vec::new();
    let changed = update::step(&mut next, event, &mut effects);
    (changed.then_some(next), effects)
}

#[cfg(test)]
mod import_tests;
#[cfg(test)]
mod tests;
