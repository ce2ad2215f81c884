//! The article's read-only caret. Where the browser has the EditContext API (Chromium), the
//! article body gets an `EditContext` instead of `contenteditable`: the same native caret and
//! keyboard selection. With the caret in a `contenteditable` body, each of Chromium's frames
//! spent time in proportion to the whole text (about 40 ms at 1,000,000 words, in its commit;
//! bench/README.md, "Choices measured"); with an `EditContext` it does not. Typed text goes to
//! the `EditContext`, which nothing reads, so the text stays read-only without a listener.
//! Other browsers keep `contenteditable` with every edit cancelled in `beforeinput`.

use std::cell::OnceCell;

use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

thread_local! {
    static CONSTRUCTOR: OnceCell<Option<js_sys::Function>> = const { OnceCell::new() };
}

/// Runs `f` with the page's `EditContext` constructor, if it has one (looked up once).
fn with_constructor<R>(f: impl FnOnce(Option<&js_sys::Function>) -> R) -> R {
    CONSTRUCTOR.with(|c| {
        f(c.get_or_init(|| {
            let global = js_sys::global();
            js_sys::Reflect::get(&global, &JsValue::from_str("EditContext"))
                .ok()
                .and_then(|v| v.dyn_into::<js_sys::Function>().ok())
        })
        .as_ref())
    })
}

/// True when the caret comes from an `EditContext` (so the body is not `contenteditable`).
/// Asked on every render of the article.
pub fn has_edit_context() -> bool {
    with_constructor(|c| c.is_some())
}

/// Gives `el` an `EditContext` (a caret and keyboard selection, nothing typed changes it).
/// Does nothing where the API is missing.
pub fn attach(el: &Element) {
    with_constructor(|ctor| {
        let Some(ctor) = ctor else { return };
        if let Ok(ctx) = js_sys::Reflect::construct(ctor, &js_sys::Array::new()) {
            let _ = js_sys::Reflect::set(el, &JsValue::from_str("editContext"), &ctx);
        }
    });
}
