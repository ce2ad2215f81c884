//! Bringing an annotation into view and flashing it.

use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// How long the flash class stays on, in milliseconds (the CSS animation takes as long).
const FLASH_MS: u32 = 1_500;

/// Scrolls the first highlight of annotation `id` to the middle of the view and flashes all of it.
pub fn scroll_and_flash(id: &str) {
    let selector = format!("mark[data-ann~=\"{}\"]", css_escape(id));
    let Ok(list) = gloo::utils::document().query_selector_all(&selector) else {
        return;
    };
    let marks: Vec<Element> = (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
        .collect();
    let Some(first) = marks.first() else { return };
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(ScrollBehavior::Smooth);
    options.set_block(ScrollLogicalPosition::Center);
    first.scroll_into_view_with_scroll_into_view_options(&options);
    for m in &marks {
        let classes = m.class_list();
        // Restart the animation when the same annotation is flashed twice in a row.
        let _ = classes.remove_1("flash");
        let _ = m.get_bounding_client_rect();
        let _ = classes.add_1("flash");
    }
    Timeout::new(FLASH_MS, move || {
        for m in &marks {
            let _ = m.class_list().remove_1("flash");
        }
    })
    .forget();
}

/// Escapes a string for use inside a double-quoted CSS attribute selector.
fn css_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}
