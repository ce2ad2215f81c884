//! The page's worker (`annotator-worker`, built by Trunk beside the app and started by the
//! page once an article is open; `src/browser/worker.rs` is the page's side). It holds what the
//! page's own wasm does not: the suggestion rules with their word lists, and the other tools'
//! file readers and writers. Each message is `[request, kind, ...]`:
//!
//! - `[request, "suggest", text]`: the spans `annotator_rules::find` finds in `text`, packed by
//!   `annotator_rules::wire` into a `Uint32Array`; the text is kept, and `null` for it means
//!   the text of the last Suggest;
//! - `[request, "read", names, contents, open text or null]`: other tools' files read by
//!   `annotator_core::work::read_files`, as JSON;
//! - `[request, "export", format, file of ours, base name, id or null]`: the document written
//!   in that format by `annotator_core::work::write_export`, as a `Uint8Array`.
//!
//! The answer is `[request, result]`, its buffer handed over rather than copied, or
//! `[request, null, why]`. It says `"ready"` once it listens. It sees the article's text and
//! files, and sends them nowhere but back to the page.

fn main() {
    // Natively (`cargo test --workspace`) there is nothing to listen to.
    #[cfg(target_arch = "wasm32")]
    worker::listen();
}

#[cfg(target_arch = "wasm32")]
mod worker {
    use annotator_core::formats::import::InputFile;
    use js_sys::{Array, Uint32Array, Uint8Array};
    use std::cell::RefCell;
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
            let request = asked.get(0);
            let failed = |why: &str| Array::of3(&request, &JsValue::NULL, &JsValue::from_str(why));
            let sent = match do_it(&asked) {
                Ok((result, hand_over)) => {
                    reply.post_message_with_transfer(&Array::of2(&request, &result), &hand_over)
                }
                Err(why) => reply.post_message(&failed(&why)),
            };
            // An answer that could not be posted is said, so the page's request never hangs.
            if sent.is_err() {
                let _ = reply.post_message(&failed("its answer could not be sent"));
            }
        });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&JsValue::from_str("ready"));
    }

    thread_local! {
        /// The text of the last Suggest.
        static LAST: RefCell<String> = const { RefCell::new(String::new()) };
    }

    /// One request's result, and the buffers to hand over with it.
    fn do_it(asked: &Array) -> Result<(JsValue, Array), String> {
        let text = |i: u32| asked.get(i).as_string();
        match text(1).as_deref() {
            Some("suggest") => {
                let found = LAST.with(|last| {
                    let mut last = last.borrow_mut();
                    match text(2) {
                        Some(text) => *last = text,
                        None if last.is_empty() => return Err("no text kept"),
                        None => {}
                    }
                    Ok(annotator_rules::find(&last))
                })?;
                let words = annotator_rules::wire::pack(&found);
                let spans = Uint32Array::from(words.as_slice());
                let hand_over = Array::of1(&spans.buffer());
                Ok((spans.into(), hand_over))
            }
            Some("read") => {
                let names: Array = asked.get(2).dyn_into().map_err(|_| "no names")?;
                let contents: Array = asked.get(3).dyn_into().map_err(|_| "no contents")?;
                let mut files = Vec::new();
                for (name, bytes) in names.iter().zip(contents.iter()) {
                    let name = name.as_string().ok_or("a name that is not text")?;
                    let bytes: Uint8Array = bytes.dyn_into().map_err(|_| "no bytes")?;
                    files.push(InputFile::new(name, bytes.to_vec()));
                }
                let json = annotator_core::work::read_files(&files, text(4).as_deref())?;
                Ok((JsValue::from_str(&json), Array::new()))
            }
            Some("export") => {
                let format = asked.get(2).as_f64().ok_or("no format")? as u32;
                let (json, base) = (text(3).ok_or("no file")?, text(4).ok_or("no name")?);
                let bytes =
                    annotator_core::work::write_export(&json, format, &base, text(5).as_deref())?;
                let file = Uint8Array::from(bytes.as_slice());
                let hand_over = Array::of1(&file.buffer());
                Ok((file.into(), hand_over))
            }
            _ => Err("an unknown request".to_owned()),
        }
    }
}
