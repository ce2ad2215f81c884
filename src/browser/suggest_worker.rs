//! The page's side of the suggestion rules' worker (`worker/`, built by Trunk as
//! `suggest-worker`): started a second after an article first opens ([`warm`], so the first
//! Suggest does not wait for it to load) or by a Suggest before that, and kept for the next
//! ones. The page's own wasm carries neither the rules nor their word lists, and a long
//! article's Suggest never holds up the page. Requests made before the worker says it is ready
//! wait for it; a worker that fails to load or stops answers every request still open with the
//! reason, and the next Suggest starts a new one.

use annotator_core::Text;
use annotator_rules::{wire, Raw};
use js_sys::{Array, Uint32Array};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

/// The worker's loader, beside the page (Trunk names worker files after their binary).
const URL: &str = "./suggest-worker_loader.js";

/// Where an answer goes: the request it answers, and the spans found or why there are none.
pub type Answer = Rc<dyn Fn(u64, Result<Vec<Raw>, String>)>;

/// The running worker and what it has been asked.
struct Link {
    worker: Worker,
    /// Whether it has said it listens.
    ready: bool,
    /// Asked before it was ready.
    queued: Vec<(u64, Arc<Text>)>,
    /// Sent, not answered yet.
    open: Vec<u64>,
    /// Where answers go (the latest given).
    answer: Answer,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

thread_local! {
    static LINK: RefCell<Option<Link>> = const { RefCell::new(None) };
}

/// Asks the worker for the rules' spans in `text`; `answer` gets them (or why not) with
/// `request`, always in a later task.
pub fn find(request: u64, text: Arc<Text>, answer: Answer) {
    let started = LINK.with(|cell| {
        let mut link = cell.borrow_mut();
        if link.is_none() {
            *link = Some(start()?);
        }
        let link = link.as_mut().expect("just started");
        link.answer = answer.clone();
        if link.ready {
            send(link, request, &text);
        } else {
            link.queued.push((request, text));
        }
        Ok::<(), String>(())
    });
    if let Err(why) = started {
        crate::browser::frame::later(0, move || answer(request, Err(why)));
    }
}

/// Starts the worker if it is not running, so that a Suggest to come does not wait for it to
/// load. A failure to load is left for that Suggest to report (it starts another).
pub fn warm() {
    LINK.with(|cell| {
        let mut link = cell.borrow_mut();
        if link.is_none() {
            *link = start().ok();
        }
    });
}

/// Starts the worker and listens to it (answers go nowhere until a Suggest gives them a place).
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
        open: Vec::new(),
        answer: Rc::new(|_, _| {}),
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Sends one request.
fn send(link: &mut Link, request: u64, text: &Text) {
    let asked = Array::of2(
        &JsValue::from_f64(request as f64),
        &JsValue::from_str(text.as_str()),
    );
    match link.worker.post_message(&asked) {
        Ok(()) => link.open.push(request),
        Err(e) => {
            let (answer, why) = (link.answer.clone(), describe(&e));
            crate::browser::frame::later(0, move || answer(request, Err(why)));
        }
    }
}

/// A message from the worker: "ready", or an answer `[request, spans]`.
fn heard(e: MessageEvent) {
    let data = e.data();
    if data.as_string().as_deref() == Some("ready") {
        LINK.with(|cell| {
            if let Some(link) = cell.borrow_mut().as_mut() {
                link.ready = true;
                for (request, text) in std::mem::take(&mut link.queued) {
                    send(link, request, &text);
                }
            }
        });
        return;
    }
    let Some(answer) = data.dyn_ref::<Array>() else {
        return;
    };
    let Some(request) = answer.get(0).as_f64().map(|r| r as u64) else {
        return;
    };
    let found = answer
        .get(1)
        .dyn_into::<Uint32Array>()
        .ok()
        .and_then(|spans| wire::unpack(&spans.to_vec()))
        .ok_or_else(|| "the worker's answer held no spans".to_owned());
    let to = LINK.with(|cell| {
        let mut link = cell.borrow_mut();
        let link = link.as_mut()?;
        link.open.retain(|&r| r != request);
        Some(link.answer.clone())
    });
    if let Some(to) = to {
        to(request, found);
    }
}

/// The worker failed: every request still open is answered with `why`, and the next Suggest
/// starts a new worker.
fn stopped(why: String) {
    let Some(link) = LINK.with(|cell| cell.borrow_mut().take()) else {
        return;
    };
    link.worker.terminate();
    let requests = link
        .open
        .iter()
        .copied()
        .chain(link.queued.iter().map(|(r, _)| *r));
    for request in requests.collect::<Vec<_>>() {
        (link.answer)(request, Err(why.clone()));
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
