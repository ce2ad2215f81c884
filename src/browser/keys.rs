//! Which key presses belong to the app rather than to a text field.

use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

/// The single character a shortcut key press stands for, or `None` when the press belongs to
/// someone else: a text field has focus, a modifier other than Shift is held, or it is not a
/// printable single character.
pub fn shortcut_char(e: &KeyboardEvent) -> Option<char> {
    if e.ctrl_key() || e.meta_key() || e.alt_key() || e.is_composing() || e.default_prevented() {
        return None;
    }
    if let Some(target) = e.target().and_then(|t| t.dyn_into::<Element>().ok()) {
        let tag = target.tag_name().to_ascii_lowercase();
        if matches!(tag.as_str(), "input" | "textarea" | "select")
            || target.closest("[contenteditable]").ok().flatten().is_some()
        {
            return None;
        }
    }
    let key = e.key();
    let mut chars = key.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    }
}
