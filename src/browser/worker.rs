//! The page's side of its worker (`worker/`, built by Trunk as `annotator-worker`), which holds
//! what the page's own wasm does not: the suggestion rules with their word lists, and the other
//! tools' file readers and writers. It is started a second after an article first opens
//! ([`warm`], so the first Suggest does not wait for it to load) or by the first request before
//! that, and kept for the next ones; a long article's Suggest or a large import never holds up
//! the page. Requests made before the worker says it is ready wait for it; a worker that fails
//! to load or stops answers every request still open with the reason, and the next request
//! starts a new one.
//!
//! Each message is `[request, kind, ...]`; each answer `[request, result]`, or
//! `[request, null, why]` when the worker could not do it.

use annotator_core::export::ExportFormat;
use annotator_core::formats::import::InputFile;
use annotator_core::work::Read;
use annotator_core::Text;
use annotator_rules::{wire, Raw};
use js_sys::{Array, Uint32Array, Uint8Array};
use std::cell::RefCell;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's loader, beside the page (Trunk names worker files after their binary).
const URL: &str = "./annotator-worker_loader.js";

/// What becomes of one answer: the worker's result, or why there is none.
type Handler = Box<dyn FnOnce(Result<Array, String>)>;

/// The running worker and what it has been asked.
struct Link {
    worker: Worker,
    /// Whether it has said it listens.
    ready: bool,
    /// Asked before it was ready: each request, its message and what to hand over with it.
    queued: Vec<(u64, Array, Array)>,
    /// Asked and not answered yet, by the page's request number.
    waiting: Vec<(u64, Handler)>,
    /// The last request number given.
    asked: u64,
    /// The text last sent for a Suggest, which the worker keeps.
    sent_text: Option<Arc<Text>>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    static LINK: RefCell<Option<Link>> = const { RefCell::new(None) };
}

/// Asks the worker for the rules' spans in `text`; `answer` gets them, or why not, always in
/// a later task. The text is sent only when it is not the one sent last to this worker (a
/// Suggest again on an unchanged article sends none: at 100,000 words sending it took 20 to
/// 30 ms).
pub fn find(text: Arc<Text>, answer: impl FnOnce(Result<Vec<Raw>, String>) + 'static) {
    warm(); // so that the worker that gets this request knows it has been sent this text
    let same = LINK.with(|cell| {
        let mut link = cell.borrow_mut();
        let link = link.as_mut()?;
        let same = link
            .sent_text
            .as_ref()
            .is_some_and(|t| Arc::ptr_eq(t, &text));
        link.sent_text = Some(Arc::clone(&text));
        Some(same)
    });
    let message = if same == Some(true) {
        Array::of1(&JsValue::NULL)
    } else {
        Array::of1(&JsValue::from_str(text.as_str()))
    };
    ask("suggest", message, Array::new(), move |got| {
        if got.is_err() {
            // Whatever the worker holds, the next Suggest sends the text again.
            LINK.with(|cell| {
                if let Some(link) = cell.borrow_mut().as_mut() {
                    link.sent_text = None;
                }
            });
        }
        answer(got.and_then(|a| {
            a.get(1)
                .dyn_into::<Uint32Array>()
                .ok()
                .and_then(|spans| wire::unpack(&spans.to_vec()))
                .ok_or_else(|| "the worker's answer held no spans".to_owned())
        }))
    });
}

/// Asks the worker to read other tools' `files` (`open_text` is the open article's text);
/// `answer` gets what it found, or why it could not read them.
pub fn read(
    files: Vec<InputFile>,
    open_text: Option<Arc<Text>>,
    answer: impl FnOnce(Result<Read, String>) + 'static,
) {
    let (names, contents, hand_over) = (Array::new(), Array::new(), Array::new());
    for f in files {
        names.push(&JsValue::from_str(&f.name));
        let bytes = Uint8Array::from(f.bytes.as_slice());
        hand_over.push(&bytes.buffer());
        contents.push(&bytes);
    }
    let text = open_text.map_or(JsValue::NULL, |t| JsValue::from_str(t.as_str()));
    let message = Array::of3(&names, &contents, &text);
    ask("read", message, hand_over, move |got| {
        answer(got.and_then(|a| {
            let json = a
                .get(1)
                .as_string()
                .ok_or("the worker's answer held no text")?;
            annotator_core::work::found_from(&json)
        }))
    });
}

/// Asks the worker to write the document `json` (a file of ours) in `format`; `answer` gets
/// the file's bytes, or why there are none.
pub fn export(
    format: ExportFormat,
    json: String,
    base: String,
    id: Option<String>,
    answer: impl FnOnce(Result<Vec<u8>, String>) + 'static,
) {
    let message = Array::of4(
        &JsValue::from_f64(f64::from(format.number())),
        &JsValue::from_str(&json),
        &JsValue::from_str(&base),
        &id.map_or(JsValue::NULL, |id| JsValue::from_str(&id)),
    );
    ask("export", message, Array::new(), move |got| {
        answer(got.and_then(|a| {
            a.get(1)
                .dyn_into::<Uint8Array>()
                .map(|bytes| bytes.to_vec())
                .map_err(|_| "the worker's answer held no file".to_owned())
        }))
    });
}

/// Starts the worker if it is not running, so that a request to come does not wait for it to
/// load. A failure to load is left for that request to report (it starts another).
pub fn warm() {
    let _ = running();
}

/// Starts the worker if it is not running.
fn running() -> Result<(), String> {
    LINK.with(|cell| {
        let mut link = cell.borrow_mut();
        if link.is_none() {
            *link = Some(start()?);
        }
        Ok(())
    })
}

/// Sends `[request, kind, ...message]`, handing over the buffers in `hand_over`; `then` gets
/// the answer in a later task.
fn ask(
    kind: &str,
    message: Array,
    hand_over: Array,
    then: impl FnOnce(Result<Array, String>) + 'static,
) {
    if let Err(why) = running() {
        crate::browser::frame::later(0, move || then(Err(why)));
        return;
    }
    LINK.with(|cell| {
        let mut link = cell.borrow_mut();
        let link = link.as_mut().expect("running");
        link.asked += 1;
        let request = link.asked;
        let whole = Array::of2(&JsValue::from_f64(request as f64), &JsValue::from_str(kind));
        let whole = whole.concat(&message);
        link.waiting.push((request, Box::new(then)));
        if link.ready {
            send(link, request, &whole, &hand_over);
        } else {
            link.queued.push((request, whole, hand_over));
        }
    });
}

/// Starts the worker and listens to it.
fn start() -> Result<Link, String> {
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(URL, &options)
        .map_err(|e| format!("the worker did not start: {}", describe(&e)))?;
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(heard);
    let on_error = Closure::<dyn Fn(web_sys::Event)>::new(|e: web_sys::Event| {
        let why = e
            .dyn_ref::<ErrorEvent>()
            .map(ErrorEvent::message)
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "the worker could not be loaded or stopped".to_owned());
        stopped(why);
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Link {
        worker,
        ready: false,
        queued: Vec::new(),
        waiting: Vec::new(),
        asked: 0,
        sent_text: None,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Sends request `request`'s message; a message that cannot be sent is answered with why.
fn send(link: &mut Link, request: u64, whole: &Array, hand_over: &Array) {
    if let Err(e) = link.worker.post_message_with_transfer(whole, hand_over) {
        if let Some(then) = take(link, request) {
            let why = describe(&e);
            crate::browser::frame::later(0, move || then(Err(why)));
        }
    }
}

/// The handler of `request`, taken out of those waiting.
fn take(link: &mut Link, request: u64) -> Option<Handler> {
    let at = link.waiting.iter().position(|(r, _)| *r == request)?;
    Some(link.waiting.remove(at).1)
}

/// A message from the worker: "ready", or an answer.
fn heard(e: MessageEvent) {
    let data = e.data();
    if data.as_string().as_deref() == Some("ready") {
        LINK.with(|cell| {
            if let Some(link) = cell.borrow_mut().as_mut() {
                link.ready = true;
                for (request, whole, hand_over) in std::mem::take(&mut link.queued) {
                    send(link, request, &whole, &hand_over);
                }
            }
        });
        return;
    }
    let Ok(answer) = data.dyn_into::<Array>() else {
        return;
    };
    let Some(request) = answer.get(0).as_f64().map(|r| r as u64) else {
        return;
    };
    let then = LINK.with(|cell| take(cell.borrow_mut().as_mut()?, request));
    let Some(then) = then else { return };
    if answer.get(1).is_null() {
        let why = answer.get(2).as_string().unwrap_or_default();
        then(Err(format!("the worker could not do it: {why}")));
    } else {
        then(Ok(answer));
    }
}

/// The worker failed: every request still open is answered with `why`, and the next request
/// starts a new worker.
fn stopped(why: String) {
    let Some(link) = LINK.with(|cell| cell.borrow_mut().take()) else {
        return;
    };
    link.worker.terminate();
    for (_, then) in link.waiting {
        then(Err(why.clone()));
    }
}

/// A thrown value as text.
fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".to_owned())
}
