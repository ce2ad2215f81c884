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
        if takes_text(&target) {
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

/// True for elements that type text: text-like inputs, text areas, selects, editable content.
/// A checkbox or a button does not, so label keys still work after clicking one.
fn takes_text(el: &Element) -> bool {
    match el.tag_name().to_ascii_lowercase().as_str() {
        "textarea" | "select" => true,
        "input" => !matches!(
            el.get_attribute("type")
                .unwrap_or_default()
                .to_ascii_lowercase()
                .as_str(),
            "checkbox" | "radio" | "button" | "submit" | "reset" | "color" | "range" | "file"
        ),
        _ => el
            .closest("[contenteditable]:not([contenteditable=\"false\"])")
            .ok()
            .flatten()
            .is_some(),
    }
}
