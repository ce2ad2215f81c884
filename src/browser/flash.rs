//! Bringing an annotation into view. The flash itself is state (`AppState::flash`) drawn as a
//! class by the paragraph; this module only scrolls and says how long a flash lasts.

use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// How long a flash lasts, in milliseconds (the CSS animation takes as long).
pub const FLASH_MS: u32 = 1_500;

/// Scrolls the first highlight of annotation `id` to the middle of the view.
pub fn scroll_to(id: &str) {
    scroll_to_selector(&format!("mark[data-ann~=\"{}\"]", css_escape(id)));
}

/// Scrolls the first highlight of suggestion number `index` to the middle of the view, if it
/// is not in view already.
pub fn scroll_to_suggestion(index: usize) {
    scroll_to_selector(&format!("mark[data-sug~=\"{index}\"]"));
}

fn scroll_to_selector(selector: &str) {
    let first = gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<Element>().ok());
    let Some(first) = first else { return };
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(ScrollBehavior::Smooth);
    options.set_block(ScrollLogicalPosition::Center);
    first.scroll_into_view_with_scroll_into_view_options(&options);
}

/// Escapes a string for use inside a double-quoted CSS attribute selector.
fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}
