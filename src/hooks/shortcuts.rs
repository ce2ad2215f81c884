//! Shortcut keys anywhere on the page, decided by core's keymap; and the article's selection,
//! read for a label key and settled after it.

use crate::browser::{focus, keys, selection};
use crate::state::{AppState, Msg, Selection};
use annotator_core::app::keymap::{event_for_key, KeyPress};
use annotator_core::Utf16Offset;
use gloo::events::{EventListener, EventListenerOptions};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

/// Reads the DOM selection inside the article view, in UTF-16 units.
pub fn read_selection(article: &NodeRef, state: &AppState) -> Selection {
    let root = article.cast::<Element>()?;
    selection::selected_range(&root, state.doc.text().index().len_utf16())
}

/// After a selection became an annotation: a keyboard user keeps a caret at its end (the
/// re-render replaces the text nodes it was in), a mouse user's selection is cleared.
pub fn settle_selection(article: &NodeRef, sel: Selection) {
    let Some((a, b)) = sel else { return };
    let Some(root) = article.cast::<Element>() else {
        return;
    };
    let focused_inside = gloo::utils::document()
        .active_element()
        .is_some_and(|el| root.contains(Some(&el)));
    if focused_inside {
        let end = Utf16Offset(a.0.max(b.0));
        // After the re-render, which Yew runs in the same microtask queue, queued before this:
        // the caret is in place in the frame that shows the change. (A timer ran after that
        // frame, and slowed the next task.)
        wasm_bindgen_futures::spawn_local(async move { selection::place_caret(&root, end) });
    } else {
        selection::clear();
    }
}

/// What a key press in the page asks for, given the state when it happened (core's keymap
/// decides; this only says where focus is).
fn key_message(e: &KeyboardEvent, state: &AppState, article: &NodeRef) -> Option<Msg> {
    let active = gloo::utils::document().active_element();
    let mut press = KeyPress {
        key: e.key(),
        code: e.code(),
        ctrl: e.ctrl_key() || e.meta_key(),
        alt: e.alt_key(),
        shift: e.shift_key(),
        composing: e.is_composing(),
        in_text_field: keys::in_text_field(e),
        in_article: article
            .cast::<Element>()
            .is_some_and(|root| active.as_ref().is_some_and(|el| root.contains(Some(el)))),
        // A heading focused by the app (the review's, after Suggest or Group speakers) has no
        // keys of its own: the page's keys apply there too.
        on_page: active.as_ref().is_none_or(|el| {
            let tag = el.tag_name().to_ascii_lowercase();
            tag == "body" || matches!(tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
        }),
        ..KeyPress::default()
    };
    // A Cyrillic or Greek layout's letter counts as the Latin key in its place (core decides).
    if let Some(latin) = press.on_latin_layout(state.doc.labels()) {
        press = latin;
    }
    // Where the caret is, for the keys that start from it (read only for them: it costs a
    // walk of the DOM).
    if press.in_article && matches!(press.key.as_str(), "Enter" | " " | "[" | "]" | "{" | "}") {
        press.caret = read_selection(article, state).map(|(_, focus)| focus);
        press.at_caret = crate::browser::marks::annotations_at_caret();
    }
    event_for_key(state, &press, || read_selection(article, state))
}

/// Ctrl+Shift+←/→ in the article: extends the selection by core's word step (which takes in a
/// closing `,”`, where the browser's stops before it). True when it did.
fn extend_by_word(e: &KeyboardEvent, state: &AppState, article: &NodeRef) -> bool {
    let forward = match e.key().as_str() {
        "ArrowRight" => true,
        "ArrowLeft" => false,
        _ => return false,
    };
    if !(e.ctrl_key() && e.shift_key()) || e.alt_key() || e.meta_key() {
        return false;
    }
    let Some(root) = article.cast::<Element>() else {
        return false;
    };
    let in_article = gloo::utils::document()
        .active_element()
        .is_some_and(|el| root.contains(Some(&el)));
    if !in_article {
        return false;
    }
    let Some(sel) = read_selection(article, state) else {
        return false;
    };
    match annotator_core::app::keymap::extend_by_word(state.doc.text(), sel, forward) {
        Some((anchor, focus)) => {
            selection::select_between(&root, anchor, focus);
            true
        }
        None => false,
    }
}

/// Listens for shortcut keys on the whole page, once; the listener reads the latest state
/// through a ref, since it outlives renders. `opener` keeps where focus was when a key opens a
/// dialog.
#[hook]
pub fn use_shortcuts(
    state: &UseReducerHandle<AppState>,
    article: &NodeRef,
    opener: &Rc<RefCell<Option<web_sys::HtmlElement>>>,
) {
    let dispatcher = state.dispatcher();
    let article = article.clone();
    let opener = opener.clone();
    let state_ref = use_mut_ref(|| state.clone());
    *state_ref.borrow_mut() = state.clone();
    use_effect_with((), move |_| {
        let listener = EventListener::new_with_options(
            &gloo::utils::document(),
            "keydown",
            EventListenerOptions::enable_prevent_default(),
            move |event| {
                let Some(e) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                let current = state_ref.borrow().clone();
                if extend_by_word(e, &current, &article) {
                    e.prevent_default();
                    return;
                }
                let Some(msg) = key_message(e, &current, &article) else {
                    return;
                };
                e.prevent_default();
                if matches!(msg, Msg::SetDialog(Some(_))) {
                    *opener.borrow_mut() = focus::active();
                }
                let sel = match &msg {
                    Msg::Key { selection, .. } => *selection,
                    _ => None,
                };
                dispatcher.dispatch(msg);
                settle_selection(&article, sel);
            },
        );
        move || drop(listener)
    });
}
