//! Writing text to the system clipboard.

use annotator_core::app::AppError;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// Puts `text` on the clipboard; fails where the page may not write it (no permission, insecure
/// origin, or no clipboard at all).
pub async fn write_text(text: &str) -> Result<(), AppError> {
    let clipboard = gloo::utils::window().navigator().clipboard();
    JsFuture::from(clipboard.write_text(text))
        .await
        .map(|_| ())
        .map_err(|e: JsValue| {
            e.as_string()
                .or_else(|| {
                    js_sys::Reflect::get(&e, &"message".into())
                        .ok()?
                        .as_string()
                })
                .map_or_else(
                    || AppError::Clipboard("the browser refused".to_owned()),
                    AppError::Clipboard,
                )
        })
}
