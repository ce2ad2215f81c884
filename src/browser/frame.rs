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

/// Resolves in a task of its own, queued now (a message to itself over a `MessageChannel`,
/// which no timer clamp delays): input waiting and a frame that is due run before it, but
/// nothing waits for a frame. A hidden tab runs it as soon.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        let Ok(channel) = web_sys::MessageChannel::new() else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
            return;
        };
        let port = channel.port1();
        let kept = channel.clone();
        let then = wasm_bindgen::closure::Closure::once_into_js(move || {
            // the channel lives until its message came
            drop(kept);
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        port.set_onmessage(Some(then.unchecked_ref()));
        let _ = channel.port2().post_message(&wasm_bindgen::JsValue::NULL);
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
