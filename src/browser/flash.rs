//! Bringing an annotation into view. The flash itself is state (`Model::flash`, ended after
//! core's `FLASH_MS`) drawn as a class by the paragraph; this module only scrolls.

use wasm_bindgen::JsCast;
use web_sys::{Element, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition};

/// Scrolls the first highlight of annotation `id` to the middle of the view.
/// While a long article is still being built, the highlight may not exist yet: then this
/// tries again every 100 ms for as long as chunks are still pending (however slow the machine),
/// and 1 s more once they are all built, unless another scroll came since.
pub fn scroll_to(id: &str) {
    let selector = super::marks::annotation_selector(id);
    let seq = SCROLLS.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    retry(selector, seq, 10);
}

thread_local! {
    /// Calls of [`scroll_to`] so far: a retry of an earlier one stops.
    static SCROLLS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn retry(selector: String, seq: u32, tries: u32) {
    if SCROLLS.with(|n| n.get()) != seq || scroll_to_selector(&selector) {
        return;
    }
    let building = super::marks::article_building();
    if building || tries > 0 {
        let left = if building { tries } else { tries - 1 };
        super::frame::later(100, move || retry(selector, seq, left));
    }
}

/// Scrolls the first highlight of suggestion number `index` to the middle of the view, if it
/// is not in view already.
pub fn scroll_to_suggestion(index: usize) {
    scroll_to_selector(&super::marks::suggestion_selector(index));
}

/// False when nothing matches.
fn scroll_to_selector(selector: &str) -> bool {
    let first = gloo::utils::document()
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<Element>().ok());
    let Some(first) = first else { return false };
    let options = ScrollIntoViewOptions::new();
    options.set_behavior(if reduced_motion() {
        ScrollBehavior::Instant
    } else {
        ScrollBehavior::Smooth
    });
    options.set_block(ScrollLogicalPosition::Center);
    first.scroll_into_view_with_scroll_into_view_options(&options);
    true
}

/// Whether the user asked for less motion (`prefers-reduced-motion: reduce`): then scrolling
/// jumps instead of gliding. Read at each scroll, so a change of the setting counts at once.
pub fn reduced_motion() -> bool {
    gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}
