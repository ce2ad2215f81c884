//! The service worker (`static/sw.js`): registered in release builds only (in development,
//! Trunk's reload must show every change at once, not the cached version). It keeps this version
//! of the app for use with no network; a new version cached and waiting is reported, and takes
//! over when asked, after which the page reloads into it.

use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};
use yew::Callback;

thread_local! {
    /// Whether this page asked a new version to take over: only then does a change of worker
    /// reload the page (the first worker taking control of a first visit does not).
    static TAKING: Cell<bool> = const { Cell::new(false) };
}

/// The page's service workers, where the browser offers them (a secure context).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = gloo::utils::window().navigator();
    js_sys::Reflect::has(&navigator, &"serviceWorker".into())
        .unwrap_or(false)
        .then(|| navigator.service_worker())
}

fn controlled() -> bool {
    container().and_then(|c| c.controller()).is_some()
}

/// Registers the worker; `on_ready` is called when a new version is cached and waiting.
pub fn register(on_ready: Callback<()>) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(workers) = container() else { return };
    let reload = Closure::<dyn Fn()>::new(|| {
        if TAKING.get() {
            let _ = gloo::utils::window().location().reload();
        }
    });
    workers.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let promise = workers.register("sw.js");
    spawn_local(async move {
        // Not a registration (a browser or test harness that stubs service workers out
        // resolves with nothing): then there is nothing to watch.
        let Ok(Ok(registration)) = JsFuture::from(promise)
            .await
            .map(JsCast::dyn_into::<ServiceWorkerRegistration>)
        else {
            return;
        };
        watch(registration, on_ready);
    });
}

/// Reports a waiting version now, and each one found later (the browser looks for one at every
/// load, and here also whenever the page comes back to the front).
fn watch(registration: ServiceWorkerRegistration, on_ready: Callback<()>) {
    if registration.waiting().is_some() && controlled() {
        on_ready.emit(());
    }
    let found = {
        let registration = registration.clone();
        Closure::<dyn Fn()>::new(move || {
            let Some(installing) = registration.installing() else {
                return;
            };
            let (worker, ready) = (installing.clone(), on_ready.clone());
            let changed = Closure::<dyn Fn()>::new(move || {
                // a first install has no page to update: only a worker replacing one counts
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    ready.emit(());
                }
            });
            installing.set_onstatechange(Some(changed.as_ref().unchecked_ref()));
            changed.forget();
        })
    };
    registration.set_onupdatefound(Some(found.as_ref().unchecked_ref()));
    found.forget();
    let document = gloo::utils::document();
    gloo::events::EventListener::new(&document, "visibilitychange", move |_| {
        if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Visible {
            let _ = registration.update();
        }
    })
    .forget();
}

/// Lets the waiting version take over; the page reloads into it when it does.
pub fn take_new_version() {
    let Some(workers) = container() else { return };
    let Ok(ready) = workers.ready() else { return };
    spawn_local(async move {
        let Ok(Ok(registration)) = JsFuture::from(ready)
            .await
            .map(JsCast::dyn_into::<ServiceWorkerRegistration>)
        else {
            return;
        };
        match registration.waiting() {
            Some(waiting) => {
                TAKING.set(true);
                let _ = waiting.post_message(&"take-over".into());
            }
            // nothing waiting any more (another tab took it): the page is already old
            None => {
                let _ = gloo::utils::window().location().reload();
            }
        }
    });
}
