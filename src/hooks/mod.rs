//! Hooks: the app's own (effects and autosave, shortcuts) and those shared by components.

mod autosave;
mod files;
mod shortcuts;
mod speakers;

pub use autosave::{use_autosave, use_effect_runner};
pub use files::use_file_drop;
pub use shortcuts::{read_selection, settle_selection, use_shortcuts};
pub use speakers::{use_speakers, Entities};

use crate::browser::focus::trap_tab;
use yew::prelude::*;

/// Focuses the element behind `node` once, when the component mounts.
#[hook]
pub fn use_focus_on_mount(node: &NodeRef) {
    let node = node.clone();
    use_effect_with((), move |_| {
        if let Some(el) = node.cast::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
    });
}

/// The keydown handler of a modal dialog whose element is `dialog`: its keys never reach the
/// app's shortcuts behind it (typing a label name must not label text), Tab cycles inside it,
/// and Escape calls `on_close`.
#[hook]
pub fn use_dialog_keys(dialog: &NodeRef, on_close: &Callback<()>) -> Callback<KeyboardEvent> {
    let (dialog, on_close) = (dialog.clone(), on_close.clone());
    use_callback(
        (dialog, on_close),
        |e: KeyboardEvent, (dialog, on_close)| {
            e.stop_propagation();
            if e.key() == "Escape" {
                e.prevent_default();
                on_close.emit(());
            } else {
                trap_tab(&e, dialog);
            }
        },
    )
}
