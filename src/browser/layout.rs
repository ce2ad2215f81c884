//! Layout measured in the page: an element's height kept in a CSS variable, for what must sit
//! below it (the side panel sticks under the toolbar, however many rows the toolbar wraps to).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ResizeObserver};
use yew::prelude::*;

/// Keeps `var` (on the document's root) equal to the height of `node`'s element, in px, while
/// the component lives.
#[hook]
pub fn use_height_var(node: &NodeRef, var: &'static str) {
    let node = node.clone();
    use_effect_with((), move |_| {
        let set = move |el: &Element| {
            let h = el.get_bounding_client_rect().height();
            if let Some(root) = gloo::utils::document()
                .document_element()
                .and_then(|r| r.dyn_into::<HtmlElement>().ok())
            {
                // The number as JavaScript writes it (the same digits for a height): Rust's float
                // formatting costs about 10 kB of wasm (bench/README.md, "Bundle size").
                let px: String = js_sys::Number::from(h)
                    .to_string_with_radix(10)
                    .map(String::from)
                    .unwrap_or_default();
                let _ = root.style().set_property(var, &format!("{px}px"));
            }
        };
        let target = node.cast::<Element>();
        let observer = target.as_ref().and_then(|el| {
            set(el);
            let watched = el.clone();
            let callback = Closure::<dyn Fn()>::new(move || set(&watched));
            let observer = ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
            observer.observe(el);
            Some((observer, callback))
        });
        move || {
            if let Some((observer, _callback)) = observer {
                observer.disconnect();
            }
        }
    });
}
