//! Keeping keyboard focus inside a modal dialog.

use annotator_core::app::Focus;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
use yew::NodeRef;

/// Keeps Tab inside a modal dialog: Tab on its last control goes to the first, Shift+Tab on
/// its first control (or on the dialog itself) goes to the last. Other keys are left alone.
pub fn trap_tab(e: &KeyboardEvent, dialog: &NodeRef) {
    if e.key() != "Tab" || e.ctrl_key() || e.alt_key() || e.meta_key() {
        return;
    }
    let Some(dialog) = dialog.cast::<Element>() else {
        return;
    };
    let Ok(list) = dialog.query_selector_all(
        "button:not([disabled]), input:not([disabled]), select:not([disabled]), \
         textarea:not([disabled]), a[href], [tabindex]:not([tabindex=\"-1\"])",
    ) else {
        return;
    };
    let nodes: Vec<HtmlElement> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .collect();
    let (Some(first), Some(last)) = (nodes.first(), nodes.last()) else {
        return;
    };
    let active = gloo::utils::document().active_element();
    let is = |el: &HtmlElement| active.as_ref().is_some_and(|a| el.is_same_node(Some(a)));
    let on_dialog = active
        .as_ref()
        .is_some_and(|a| dialog.is_same_node(Some(a)));
    let target = if e.shift_key() && (is(first) || on_dialog) {
        last
    } else if !e.shift_key() && is(last) {
        first
    } else {
        return;
    };
    e.prevent_default();
    let _ = target.focus();
}

/// The element that has focus now, to give focus back to when a dialog closes.
pub fn active() -> Option<HtmlElement> {
    gloo::utils::document()
        .active_element()
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
}

/// Once the screen shows the change (after the next render), focuses `target` if focus was
/// lost: it is on the page itself, or on an element that is gone or disabled. Focus still on
/// something is left alone; the page does not scroll.
pub fn focus_if_lost(target: Focus) {
    focus_after_render(target, true);
}

/// Once the screen shows the change (after the next render, and so after a closing dialog gave
/// focus back to its opener), focuses `target` wherever focus is; the page does not scroll.
pub fn focus_on(target: Focus) {
    focus_after_render(target, false);
}

fn focus_after_render(target: Focus, only_if_lost: bool) {
    // after the next paint: Yew has rendered the change by then (a timer may run before it)
    wasm_bindgen_futures::spawn_local(async move {
        super::frame::after_next_paint().await;
        let document = gloo::utils::document();
        let lost = !only_if_lost
            || match document.active_element() {
                None => true,
                Some(el) => {
                    el.tag_name().eq_ignore_ascii_case("body")
                        || !el.is_connected()
                        || el.has_attribute("disabled")
                }
            };
        if !lost {
            return;
        }
        let selector = match &target {
            Focus::ListHeading => "#annotations-heading".to_owned(),
            Focus::ReviewHeading => "#suggestions-heading".to_owned(),
            Focus::ListRow(id) => format!("li[data-id=\"{}\"] button.show", id.0.replace('"', "")),
            Focus::Article => ".article-body".to_owned(),
        };
        let found = document
            .query_selector(&selector)
            .ok()
            .flatten()
            .or_else(|| {
                document
                    .query_selector("#annotations-heading")
                    .ok()
                    .flatten()
            })
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        if let Some(el) = found {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = el.focus_with_options(&options);
        }
    });
}

/// Gives focus back to `el` once the dialog that took it is gone (after the next render); to
/// the button of the menu it is in when that menu has closed since (a dialog opened from a menu).
pub fn restore(el: Option<HtmlElement>) {
    if let Some(el) = el {
        super::frame::later(0, move || {
            if el.is_connected() {
                let _ = shown_or_its_menu(el).focus();
            }
        });
    }
}

/// `el` if it is on screen, else the button on screen of the closest menu around it (a menu
/// inside the phone's "Menu" is closed too, so the search goes on outwards).
fn shown_or_its_menu(el: HtmlElement) -> HtmlElement {
    if on_screen(&el) {
        return el;
    }
    let mut at = el.parent_element();
    while let Some(menu) = at.and_then(|p| p.closest(".menu-button").ok().flatten()) {
        let toggle = menu
            .first_element_child()
            .and_then(|t| t.dyn_into::<HtmlElement>().ok());
        if let Some(t) = toggle.filter(|t| on_screen(t)) {
            return t;
        }
        at = menu.parent_element();
    }
    el
}

/// Whether `el` has a box: it and every element around it are displayed.
pub fn on_screen(el: &Element) -> bool {
    let r = el.get_bounding_client_rect();
    r.width() > 0.0 || r.height() > 0.0
}
