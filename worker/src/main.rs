//! The suggestion rules' worker (`suggest-worker`, built by Trunk beside the app and started by
//! the page once an article is open; `src/browser/suggest_worker.rs` is the page's side). It answers each message `[request, text]` with `[request, spans]`, the spans
//! `annotator_rules::find` finds in `text` packed by `annotator_rules::wire` into a
//! `Uint32Array` whose buffer is handed over, not copied. It says `"ready"` once it listens.
//! It sees the article's text and nothing else, and sends it nowhere but back to the page.

fn main() {
    // Natively (`cargo test --workspace`) there is nothing to listen to.
    #[cfg(target_arch = "wasm32")]
    worker::listen();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use js_sys::{Array, Uint32Array};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

    /// Answers every request, then says it is ready for them.
    pub fn listen() {
        let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        let reply = scope.clone();
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |e: MessageEvent| {
            let Ok(asked) = e.data().dyn_into::<Array>() else {
                return;
            };
            let (request, text) = (asked.get(0), asked.get(1).as_string());
            let Some(text) = text else {
                return;
            };
            let words = annotator_rules::wire::pack(&annotator_rules::find(&text));
            let spans = Uint32Array::from(words.as_slice());
            let answer = Array::of2(&request, &spans);
            let _ = reply.post_message_with_transfer(&answer, &Array::of1(&spans.buffer()));
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }
}
