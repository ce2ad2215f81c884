//! A panic never dies silently and never costs the work on screen: the hook logs it, shows a
//! message in the page, and offers the latest document as a download made while the hook runs,
//! so the link works even though the app itself has stopped.

use annotator_core::formats::v1;
use annotator_core::Document;
use std::cell::RefCell;
use std::panic;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The document on screen, updated on every render (an `Rc` clone, so it costs nothing).
    static LATEST: RefCell<Option<Rc<Document>>> = const { RefCell::new(None) };
}

/// Remembers the document on screen, for the panic hook to offer.
pub fn remember(doc: Rc<Document>) {
    LATEST.with(|l| {
        if let Ok(mut slot) = l.try_borrow_mut() {
            *slot = Some(doc);
        }
    });
}

/// Installs the panic hook. Through Yew, which otherwise replaces any hook set before it
/// renders with its own.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info: &panic::PanicHookInfo<'_>| {
        console_error_panic_hook::hook(info);
        show(&info.to_string());
    }));
}

/// Panics on purpose, so tests can check what a person sees when the app fails.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn debug_panic() {
    panic!("debug_panic was called");
}

/// The latest document as v1 JSON, if there is one with text.
fn latest_json() -> Option<String> {
    LATEST.with(|l| {
        let slot = l.try_borrow().ok()?;
        let doc = slot.as_ref()?;
        (!doc.text().is_empty()).then(|| v1::export_json(doc))
    })
}

fn show(detail: &str) {
    let document = gloo::utils::document();
    let Some(el) = document.get_element_by_id("panic") else {
        return;
    };
    el.set_text_content(None);
    let message = document.create_element("p").ok();
    if let Some(p) = &message {
        p.set_text_content(Some(&format!(
            "Something went wrong inside the app ({detail}). Your work up to the last change \
             is saved in this browser; download it to be safe, then reload the page."
        )));
        let _ = el.append_child(p);
    }
    if let Some(json) = latest_json() {
        let _ = download_link(&document, &el, &json);
    }
    if let Ok(a) = document.create_element("a") {
        let _ = a.set_attribute("href", "");
        a.set_text_content(Some("Reload the page"));
        let _ = el.append_child(&a);
    }
    let _ = el.remove_attribute("hidden");
}

/// An `<a download>` holding the JSON as a blob URL: it needs no code to work.
fn download_link(
    document: &web_sys::Document,
    parent: &web_sys::Element,
    json: &str,
) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(json));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/json");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)?;
    let a: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download("article-annotator-recovered.annotations.json");
    a.set_text_content(Some("Download my work"));
    a.set_class_name("button");
    parent.append_child(&a)?;
    Ok(())
}
