//! Which key presses belong to the app rather than to a text field.

use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

/// True when the key press goes to a field that takes typed text. The article body is
/// `contenteditable` only to give a caret, so it does not count.
pub fn in_text_field(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .is_some_and(|t| takes_text(&t))
}

/// True for elements that type text: text-like inputs, text areas, selects, editable content
/// (but not the read-only article body). A checkbox or a button does not, so label keys still
/// work after clicking one.
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
            .is_some_and(|c| !c.has_attribute("data-readonly-caret")),
    }
}
