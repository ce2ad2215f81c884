//! Waiting for the browser: a later task, the next paint.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Resolves in the first task after the next frame, so what was rendered before the call is
/// on screen: work that need not be in that frame (storing an import) waits for this. A hidden
/// tab paints no frames, so it resolves after 100 ms regardless.
pub async fn after_next_paint() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let window = gloo::utils::window();
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 100);
        let then = wasm_bindgen::closure::Closure::once_into_js(move || {
            // a task after the frame, not inside its animation callbacks
            let _ = gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 0);
        });
        let _ = window.request_animation_frame(then.unchecked_ref());
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `f` once, in a task `ms` milliseconds from now. Unlike a forgotten gloo `Timeout`, the
/// callback frees itself when it has run, so calling this on every article opened leaks nothing.
pub fn later(ms: u32, f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = gloo::utils::window().set_timeout_with_callback_and_timeout_and_arguments_0(
        callback.unchecked_ref(),
        i32::try_from(ms).unwrap_or(i32::MAX),
    );
}
