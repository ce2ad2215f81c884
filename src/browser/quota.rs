//! What the browser lets this page store, and asking it to keep it.

use wasm_bindgen::JsCast;

/// How much the browser lets this page store, and whether it may clear it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quota {
    /// Bytes used by this origin.
    pub usage: f64,
    /// Bytes it may use.
    pub quota: f64,
    /// Whether the browser promised not to clear it under storage pressure.
    pub persisted: bool,
}

/// The storage estimate, if the browser gives one.
pub async fn quota() -> Option<Quota> {
    let storage = gloo::utils::window().navigator().storage();
    let estimate = wasm_bindgen_futures::JsFuture::from(storage.estimate().ok()?)
        .await
        .ok()?;
    let estimate: web_sys::StorageEstimate = estimate.unchecked_into();
    let persisted = answer(storage.persisted()).await;
    Some(Quota {
        usage: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
        persisted,
    })
}

/// Asks the browser not to clear this page's storage when space runs low (it may decide
/// silently). Whether it agreed.
pub async fn ask_persist() -> bool {
    answer(gloo::utils::window().navigator().storage().persist()).await
}

/// What a promise of a yes or no came to (no, when it failed).
async fn answer(promise: Result<js_sys::Promise, wasm_bindgen::JsValue>) -> bool {
    match promise {
        Ok(p) => wasm_bindgen_futures::JsFuture::from(p)
            .await
            .ok()
            .and_then(|v| v.as_bool())
            .unwrap_or(false),
        Err(_) => false,
    }
}
