//! One editing tab per article, with the Web Locks API (`navigator.locks`): the tab that edits
//! an article holds a lock named after it; another tab that opens the article finds it taken,
//! shows the article read only, and queues for the lock, which it gets when the editing tab
//! lets go (it opened another article, handed editing over, or closed: the browser frees a
//! closed or crashed tab's locks).
//!
//! web-sys marks `LockManager` unstable, so the calls go through `js_sys::Reflect`.

use super::wait::Slot;
use js_sys::{Function, Object, Promise, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The lock's name for an article.
fn name(id: &str) -> String {
    format!("article-annotator:{id}")
}

/// `navigator.locks`, where the browser has it.
fn manager() -> Option<JsValue> {
    let locks = Reflect::get(&gloo::utils::window().navigator(), &"locks".into()).ok()?;
    (!locks.is_undefined() && !locks.is_null()).then_some(locks)
}

/// Whether this browser can keep one editing tab per article. Without it, every tab edits,
/// and the revision check on each save still keeps any from overwriting another's work.
pub fn supported() -> bool {
    manager().is_some()
}

/// A lock this tab holds; dropping it lets go.
pub struct Held {
    release: Function,
}

impl Drop for Held {
    fn drop(&mut self) {
        let _ = self.release.call0(&JsValue::NULL);
    }
}

/// A request for a lock: `navigator.locks.request(name, options, callback)`. The callback gets
/// the lock (or null when `ifAvailable` finds it taken) and returns a promise the lock is held
/// until. `granted` is filled with the release function, or `None`; `lost` runs if another tab
/// steals the lock while it is held.
fn request(
    id: &str,
    options: &Object,
    granted: Slot<Option<Held>>,
    lost: impl FnOnce() + 'static,
) -> Option<()> {
    let locks = manager()?;
    let request: Function = Reflect::get(&locks, &"request".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let callback = Closure::once_into_js(move |lock: JsValue| -> JsValue {
        if lock.is_null() {
            granted.fill(None);
            return JsValue::UNDEFINED;
        }
        let mut release = None;
        let held = Promise::new(&mut |resolve, _| release = Some(resolve));
        if let Some(release) = release {
            granted.fill(Some(Held { release }));
        }
        held.into()
    });
    let promise: Promise = request
        .call3(&locks, &name(id).into(), options, &callback)
        .ok()?
        .dyn_into()
        .ok()?;
    // Settles when the lock is let go (fulfilled) or stolen (rejected, AbortError): one
    // function for both, so the one call frees it.
    let lost = RefCell::new(Some(lost));
    let settle = Closure::once_into_js(move |reason: JsValue| {
        let stolen = reason
            .dyn_ref::<web_sys::DomException>()
            .is_some_and(|e| e.name() == "AbortError");
        if let (true, Some(lost)) = (stolen, lost.borrow_mut().take()) {
            lost();
        }
    });
    let then: Function = Reflect::get(&promise, &"then".into())
        .ok()?
        .dyn_into()
        .ok()?;
    then.call2(&promise, &settle, &settle).ok().map(|_| ())
}

fn options(pairs: &[(&str, bool)]) -> Object {
    let o = Object::new();
    for (k, v) in pairs {
        let _ = Reflect::set(&o, &(*k).into(), &JsValue::from_bool(*v));
    }
    o
}

/// Takes the article's lock if no tab holds it: `Some(held)`, or `None` when another tab
/// edits the article. (Call only where [`supported`].)
pub async fn try_take(id: &str, lost: impl FnOnce() + 'static) -> Option<Held> {
    let granted = Slot::default();
    request(
        id,
        &options(&[("ifAvailable", true)]),
        granted.clone(),
        lost,
    )?;
    granted.await
}

/// Queues for the article's lock: `on_granted` runs with it when the tab holding it lets go.
/// Dropping the returned [`Queued`] leaves the queue (the lock, if granted later, is let go
/// at once).
pub fn queue(
    id: &str,
    on_granted: impl FnOnce(Held) + 'static,
    lost: impl FnOnce() + 'static,
) -> Queued {
    let granted: Slot<Option<Held>> = Slot::default();
    let cancelled = Rc::new(RefCell::new(false));
    request(id, &options(&[]), granted.clone(), lost);
    let gone = cancelled.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if let Some(held) = granted.await {
            if *gone.borrow() {
                drop(held);
            } else {
                on_granted(held);
            }
        }
    });
    Queued { cancelled }
}

/// A place in the queue for a lock.
pub struct Queued {
    cancelled: Rc<RefCell<bool>>,
}

impl Drop for Queued {
    fn drop(&mut self) {
        *self.cancelled.borrow_mut() = true;
    }
}

/// Takes the article's lock from the tab holding it (`steal`): that tab is told (its `lost`
/// runs) and saves what it can, checked against the revision, so nothing it showed is lost.
pub async fn steal(id: &str, lost: impl FnOnce() + 'static) -> Option<Held> {
    let granted = Slot::default();
    request(id, &options(&[("steal", true)]), granted.clone(), lost)?;
    granted.await
}
