//! Saving text as a file the user downloads.

use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

/// Offers `contents` as a download named `file_name`.
pub fn download_text(file_name: &str, contents: &str, mime: &str) -> Result<(), JsValue> {
    let parts = js_sys::Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options)?;
    offer(file_name, &blob)
}

/// Offers `bytes` as a download named `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    offer(file_name, &blob_of_bytes(bytes, mime)?)
}

/// A `Blob` of a copy of `bytes`, made now, of media type `mime` (none when empty): for a
/// download, and for the parts of a stored record.
pub fn blob_of_bytes(bytes: &[u8], mime: &str) -> Result<Blob, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    // A view into the wasm memory, copied by the Blob before anything can allocate again (a
    // copy made first cost 15 ms of an export at 1,000,000 words).
    let view = unsafe { js_sys::Uint8Array::view(bytes) };
    Blob::new_with_u8_array_sequence_and_options(&js_sys::Array::of1(&view), &options)
}

fn offer(file_name: &str, blob: &Blob) -> Result<(), JsValue> {
    let url = Url::create_object_url_with_blob(blob)?;
    let document = gloo::utils::document();
    let a: HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
    a.set_href(&url);
    a.set_download(file_name);
    a.set_hidden(true);
    let body = gloo::utils::body();
    body.append_child(&a)?;
    a.click();
    body.remove_child(&a)?;
    // Revoke later: revoking at once can cancel the download in some browsers.
    super::frame::later(60_000, move || {
        let _ = Url::revoke_object_url(&url);
    });
    Ok(())
}
