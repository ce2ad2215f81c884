//! The article's read-only caret. Where the browser has the EditContext API (Chromium), the
//! article body gets an `EditContext` instead of `contenteditable`: the same native caret and
//! keyboard selection, but the browser no longer copies the whole editable text for the input
//! method after every frame while the caret is in it. At 1,000,000 words that copy cost about
//! 40 ms of every frame (bench/README.md, "Choices measured"). Typed text goes to the
//! `EditContext`, which nothing reads, so the text stays read-only without a listener. Other
//! browsers keep `contenteditable` with every edit cancelled in `beforeinput`.

use std::cell::OnceCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

thread_local! {
    static CONSTRUCTOR: OnceCell<Option<js_sys::Function>> = const { OnceCell::new() };
}

fn constructor() -> Option<js_sys::Function> {
    CONSTRUCTOR.with(|c| {
        c.get_or_init(|| {
            let global = js_sys::global();
            js_sys::Reflect::get(&global, &JsValue::from_str("EditContext"))
                .ok()
                .and_then(|v| v.dyn_into::<js_sys::Function>().ok())
        })
        .clone()
    })
}

/// True when the caret comes from an `EditContext` (so the body is not `contenteditable`).
pub fn has_edit_context() -> bool {
    constructor().is_some()
}

/// Gives `el` an `EditContext` (a caret and keyboard selection, nothing typed changes it).
/// Does nothing where the API is missing.
pub fn attach(el: &Element) {
    let Some(ctor) = constructor() else { return };
    if let Ok(ctx) = js_sys::Reflect::construct(&ctor, &js_sys::Array::new()) {
        let _ = js_sys::Reflect::set(el, &JsValue::from_str("editContext"), &ctx);
    }
}
